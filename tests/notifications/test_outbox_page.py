"""Failed and delayed emails are visible and can be sent again: the network admins' page, the
management command, a PM's own summaries on their email choices page, and /healthz."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from notifications.models import OutboundEmail

OUTBOX = reverse("notifications:outbox")
REQUEUE_ALL = reverse("notifications:outbox_requeue_all")


def _row(n=0, *, status="failed", to=None, kind="summary_weekly", age=timedelta(hours=50), **kw):
    queued = timezone.now() - age
    return OutboundEmail.objects.create(
        idempotency_key=f"test:page:{n}",
        kind=kind,
        to=to or f"person{n}@example.org",
        subject=kw.pop("subject", f"Impact summary {n}"),
        body_text="Hello",
        status=status,
        attempts=kw.pop("attempts", 40),
        last_error=kw.pop("last_error", "ConnectionRefusedError: [Errno 111] Connection refused"),
        created_at=queued,
        queued_at=queued,
        **kw,
    )


def _requeue_url(email):
    return reverse("notifications:outbox_requeue", args=[email.public_id])


def test_network_admin_sees_failed_and_delayed_emails(network_admin, client_for, db):
    failed = _row(1)
    delayed = _row(2, status="queued", age=timedelta(hours=2), last_error="")
    retrying = _row(3, status="queued", age=timedelta(minutes=5), attempts=2)
    _row(4, status="sent", last_error="")
    _row(5, status="queued", age=timedelta(minutes=5), attempts=0, last_error="")  # on its way
    page = client_for(network_admin).get(OUTBOX)
    assert page.status_code == 200
    shown = {e.pk for e in page.context["emails"]}
    assert shown == {failed.pk, delayed.pk, retrying.pk}
    body = page.content.decode()
    assert "person1@example.org" in body and "Impact summary 1" in body  # who, what
    assert "Connection refused" in body and failed.queued_at.strftime("%Y") in body  # why, when
    assert _requeue_url(failed) in body and REQUEUE_ALL in body


def test_requeue_one_sends_it_and_is_audited(
    network_admin, client_for, django_capture_on_commit_callbacks
):
    email = _row(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(network_admin).post(_requeue_url(email))
    assert response.status_code == 302 and response.url == OUTBOX
    email.refresh_from_db()
    assert email.status == "sent" and [m.to for m in mail.outbox] == [[email.to]]
    assert email.queued_at > timezone.now() - timedelta(minutes=1)  # its retry time starts again
    event = AuditEvent.objects.get(action="update")
    assert event.actor == network_admin and event.target_id == str(email.public_id)
    assert email.to not in event.target_label + str(event.detail)  # no address in the log


def test_requeue_all(network_admin, client_for, django_capture_on_commit_callbacks):
    emails = [_row(n) for n in range(3)] + [_row(9, status="queued", age=timedelta(hours=3))]
    sent = _row(10, status="sent", last_error="")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(network_admin).post(REQUEUE_ALL, follow=True)
    assert b"4 emails will be sent again now." in response.content
    assert sorted(m.to[0] for m in mail.outbox) == sorted(e.to for e in emails)
    assert OutboundEmail.objects.filter(status="sent").count() == 5
    sent.refresh_from_db()
    assert sent.attempts == 40  # untouched
    assert AuditEvent.objects.get(action="update").detail["emails"]


def test_requeue_leaves_an_email_being_sent_alone(network_admin, client_for):
    email = _row(1, status="sending", claimed_at=timezone.now())
    client_for(network_admin).post(_requeue_url(email))
    email.refresh_from_db()
    assert email.status == "sending" and not AuditEvent.objects.filter(action="update").exists()


@pytest.mark.parametrize("role", ["pm", "champion"])
def test_only_network_admins(role, org_a, client_for):
    email = _row(1)
    client = client_for(getattr(org_a, role))
    assert client.get(OUTBOX).status_code == 403
    assert client.post(_requeue_url(email)).status_code == 403
    assert client.post(REQUEUE_ALL).status_code == 403
    email.refresh_from_db()
    assert email.status == "failed"


def test_signed_out_is_sent_to_sign_in(client, db):
    assert client.get(OUTBOX).status_code == 302
    assert client.post(REQUEUE_ALL).status_code == 302


def test_wrong_methods(network_admin, client_for):
    email = _row(1)
    client = client_for(network_admin)
    assert client.post(OUTBOX).status_code == 405
    assert client.get(_requeue_url(email)).status_code == 405
    assert client.get(REQUEUE_ALL).status_code == 405


def test_unknown_email_is_404(network_admin, client_for):
    url = reverse("notifications:outbox_requeue", args=["6b0f1d4e-0000-4000-8000-000000000000"])
    assert client_for(network_admin).post(url).status_code == 404


def test_requeue_needs_the_csrf_token(network_admin, client_for):
    email = _row(1)
    client = client_for(network_admin)
    client.handler.enforce_csrf_checks = True
    assert client.post(_requeue_url(email)).status_code == 403
    assert client.post(REQUEUE_ALL).status_code == 403
    email.refresh_from_db()
    assert email.status == "failed"


def test_outbox_page_query_count_does_not_grow(network_admin, client_for):
    client = client_for(network_admin)
    _row(0)
    client.get(OUTBOX)  # the first request also writes the session
    with CaptureQueriesContext(connection) as one:
        client.get(OUTBOX)
    for n in range(1, 30):
        _row(n)
    with CaptureQueriesContext(connection) as many:
        client.get(OUTBOX)
    # the session, the user, the outbox rows (one query, no bodies), memberships for the nav
    assert len(many) == len(one) == 4


def test_command_lists_and_requeues(db, capsys, django_capture_on_commit_callbacks):
    failed = _row(1)
    call_command("outbox")
    out = capsys.readouterr().out
    assert str(failed.public_id) in out and "1 emails failed or delayed." in out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("outbox", "--requeue", str(failed.public_id))
    failed.refresh_from_db()
    assert failed.status == "sent"
    _row(2)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("outbox", "--requeue-all")
    assert "1 emails requeued." in capsys.readouterr().out
    assert AuditEvent.objects.filter(action="update").count() == 2


def test_healthz_says_when_emails_wait_longer_than_an_hour(client, db):
    _row(1, status="queued", age=timedelta(minutes=50))
    response = client.get(reverse("healthz"))
    assert response.json()["outbox"] == "ok"
    _row(2, status="queued", age=timedelta(minutes=70))
    response = client.get(reverse("healthz"))
    # Reported, but the web nodes are healthy: still 200 (see core.views.healthz).
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok", "outbox": "delayed"}


def test_a_pm_sees_whether_their_summaries_were_delivered(org_a, client_for):
    pm = org_a.pm
    _row(1, to=pm.email, status="sent", sent_at=timezone.now(), subject="Week 47", last_error="")
    _row(2, to=pm.email, status="queued", age=timedelta(minutes=20), attempts=3)
    _row(3, to=pm.email, status="failed")
    _row(4, to=pm.email, kind="reminder_inactive")  # not a summary
    _row(5, to=org_a.champion.email)  # someone else's
    page = client_for(pm).get(reverse("notifications:preferences")).content.decode()
    assert "Your latest summaries" in page
    assert f"Sent to {pm.email}" in page
    assert "Not yet: your mail server has not accepted it so far" in page
    assert "Could not be delivered" in page
    assert page.count("<tr>") == 1 + 3


def test_django_admin_action_requeues_through_the_same_service(
    network_admin, client_for, django_capture_on_commit_callbacks
):
    network_admin.is_staff = network_admin.is_superuser = True
    network_admin.save()
    email = _row(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(network_admin).post(
            reverse("admin:notifications_outboundemail_changelist"),
            {"action": "requeue", "_selected_action": [email.pk]},
            follow=True,
        )
    assert b"1 emails requeued." in response.content
    email.refresh_from_db()
    assert email.status == "sent"
    assert AuditEvent.objects.filter(action="update", target_id=str(email.public_id)).exists()
