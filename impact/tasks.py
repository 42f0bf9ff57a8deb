"""Thin tasks for the impact figures."""

from celery import shared_task

from .reports import warm_the_network_for_the_day, warm_watched


# Beat sends one every few seconds: one that waited in the queue behind another is no use later.
@shared_task(ignore_result=True, expires=30)
def warm_watched_dashboards() -> int:
    return warm_watched()


@shared_task(ignore_result=True, expires=60 * 60)
def warm_the_network_dashboard_for_the_day() -> int:
    return warm_the_network_for_the_day()
