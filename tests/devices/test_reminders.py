"""Loans coming due and overdue remind the person who lent the device, through the outbox: each
once per loan and due date, whatever how often the job runs, and the PM's summary says how many
are overdue. One test goes through a real Celery worker on the real Redis."""

import time
from datetime import date

import pytest
from django.core import mail

from devices import services
from notifications import jobs
from notifications.models import EmailPreference, OutboundEmail
from notifications.tasks import send_reminders
from tests.devices.factories import DeviceFactory
from tests.sessions_log.factories import LearnerFactory, SupportSessionFactory
from tests.workers import wait_for

LENT = date(2026, 11, 2)


def _loan(org, *, due_on, champion=None):
    return services.loan_make(
        device=DeviceFactory(organisation=org.organisation),
        learner=LearnerFactory(organisation=org.organisation),
        champion=champion or org.champion,
        issued_on=LENT,
        due_on=due_on,
        today=LENT,
    )


def _loan_emails(org, as_of):
    return [
        e for e in jobs.reminders_for_organisation(organisation=org.organisation, as_of=as_of)
        if e.kind.startswith("reminder_loan")
    ]  # fmt: skip


@pytest.mark.django_db
def test_due_soon_then_overdue_each_once(org_a):
    loan = _loan(org_a, due_on=date(2026, 11, 27))
    # Active lately, so no other reminder joins in.
    SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, date=date(2026, 11, 20)
    )
    assert _loan_emails(org_a, date(2026, 11, 23)) == []
    due = _loan_emails(org_a, date(2026, 11, 24))
    assert [(e.kind, e.to) for e in due] == [("reminder_loan_due_soon", org_a.champion.email)]
    assert jobs.send(due) == 1
    assert jobs.send(_loan_emails(org_a, date(2026, 11, 25))) == 0  # the same reminder
    overdue = _loan_emails(org_a, date(2026, 11, 28))
    assert [e.kind for e in overdue] == ["reminder_loan_overdue"]
    assert jobs.send(overdue) == 1
    assert jobs.send(_loan_emails(org_a, date(2026, 12, 5))) == 0
    email = OutboundEmail.objects.get(kind="reminder_loan_overdue")
    assert "was due back on Friday 27 November" in email.body_text
    assert loan.learner.reference in email.body_text
    assert loan.learner.display_name not in email.body_text  # the reference, not the name
    # Extended: a new due date, and its own reminders.
    services.loan_extend(loan=loan, due_on=date(2026, 12, 20))
    assert jobs.send(_loan_emails(org_a, date(2026, 12, 18))) == 1


@pytest.mark.django_db
def test_no_reminder_for_a_returned_loan_or_a_champion_who_said_no(org_a):
    loan = _loan(org_a, due_on=date(2026, 11, 10))
    services.loan_return(loan=loan, returned_on=date(2026, 11, 9), condition="good",
                         returned_to=org_a.pm, today=date(2026, 11, 9))  # fmt: skip
    _loan(org_a, due_on=date(2026, 11, 10), champion=org_a.pm)
    EmailPreference.objects.create(user=org_a.pm, reminders=False)
    assert _loan_emails(org_a, date(2026, 11, 20)) == []


@pytest.mark.django_db
def test_the_pm_summary_says_how_many_devices_are_overdue(org_a):
    _loan(org_a, due_on=date(2026, 11, 10))
    _loan(org_a, due_on=date(2026, 11, 12))
    (email,) = jobs.summaries_for_organisation(
        organisation=org_a.organisation, frequency="weekly", as_of=date(2026, 11, 23)
    )
    assert email.context["loans_overdue"] == 2
    jobs.send([email])
    sent = OutboundEmail.objects.get(kind="summary_weekly")
    assert "2 devices on loan are overdue now." in sent.body_text
    assert "2 devices on loan are overdue now." in sent.body_html


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_overdue_reminder_through_a_real_worker_arrives_once(org_a, real_worker):
    SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, date=date(2026, 11, 20)
    )
    _loan(org_a, due_on=date(2026, 11, 16))
    send_reminders.delay("2026-11-23")
    # Generous: two busy cores.
    assert wait_for(lambda: OutboundEmail.objects.filter(status="sent").exists(), timeout=60)
    send_reminders.delay("2026-11-23")
    send_reminders.delay("2026-11-24")
    time.sleep(2)
    assert [m.to for m in mail.outbox] == [[org_a.champion.email]]
    assert mail.outbox[0].subject.startswith("Overdue: Lenovo ThinkPad T480")


@pytest.mark.django_db
def test_a_learners_loans_on_their_record_and_in_their_export(org_a, client_for):
    from django.urls import reverse

    loan = _loan(org_a, due_on=date(2026, 11, 30))
    client = client_for(org_a.pm)
    page = client.get(reverse("learners:detail", args=[loan.learner.public_id])).content.decode()
    assert "Devices lent" in page and "DCP-" in page
    data = client.get(reverse("privacy:learner_export_json", args=[loan.learner.public_id])).json()
    assert data["loans"][0]["lent_on"] == "2026-11-02"
    assert data["loans"][0]["due_on"] == "2026-11-30"
