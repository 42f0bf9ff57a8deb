from datetime import date

from celery import shared_task
from django.core.cache import cache

from accounts.models import User
from organisations.models import Organisation, Team

from .cache import _owner, _version, store
from .figures import compute
from .periods import Period
from .selectors import Scope


@shared_task(ignore_result=True)
def refresh_figures(key: str, name: str, scope_ids: dict, period_ids, extra: list) -> None:
    """Compute a dashboard's figures again after its data changed (see impact/cache.py)."""
    try:
        scope = Scope(
            organisation=Organisation.objects.filter(pk=scope_ids["organisation"]).first()
            if scope_ids["organisation"]
            else None,
            team=Team.objects.filter(pk=scope_ids["team"]).first() if scope_ids["team"] else None,
            champion=User.objects.filter(pk=scope_ids["champion"]).first()
            if scope_ids["champion"]
            else None,
            sector=scope_ids["sector"],
            region=scope_ids["region"],
        )
        period = (
            Period(start=date.fromisoformat(period_ids[0]), end=date.fromisoformat(period_ids[1]))
            if period_ids
            else None
        )
        # The version is read before computing: a write during the computation leaves these
        # figures already out of date, and the next view asks again.
        version = _version(_owner(scope))
        store(key, version, compute(name, scope, period, *extra))
    finally:
        cache.delete(f"{key}:refreshing")


@shared_task(ignore_result=True)
def warm_dashboards() -> int:
    """Nightly: compute every organisation's default dashboard (the last 12 months) and the
    network's, so that the day's first views need no waiting. Returns how many were computed."""
    from django.utils import timezone

    from .cache import warm
    from .periods import period_from_preset

    today = timezone.localdate()
    period = period_from_preset("last_12_months", today=today)
    computed = 0
    for organisation in Organisation.objects.filter(is_active=True).order_by("pk"):
        scope = Scope(organisation=organisation)
        computed += warm("dashboard", scope, period, True, "month")
        computed += warm("group-tables", scope, period)
        computed += warm("quiet", scope, None, today.isoformat())
    network = Scope()
    computed += warm("dashboard", network, period, True, "month")
    computed += warm("network-tables", network, period)
    return computed
