from django.urls import reverse

from core.models import AuditEvent
from tests.factories import TEST_PASSWORD
from tests.sessions_log.factories import LearnerFactory


def test_sign_ins_and_failures_are_recorded(client, org_a):
    client.post(reverse("account_login"), {"login": org_a.pm.email, "password": "wrong"})
    client.post(reverse("account_login"), {"login": org_a.pm.email, "password": TEST_PASSWORD})
    actions = list(AuditEvent.objects.order_by("at").values_list("action", flat=True))
    assert actions == ["sign_in_failed", "sign_in"]
    failed = AuditEvent.objects.get(action="sign_in_failed")
    assert failed.target_label == org_a.pm.email and failed.ip_address == "127.0.0.1"


def test_role_change_is_recorded(org_a, client_for):
    client_for(org_a.pm).post(
        reverse("organisations:member_edit", args=[org_a.champion_membership.public_id]),
        {"role": "pm", "champion_kind": "", "team": "", "is_active": "on"},
    )
    event = AuditEvent.objects.get(action="role_change")
    assert event.detail["to"]["role"] == "pm" and event.actor == org_a.pm


def test_pm_sees_only_their_organisations_log(org_a, org_b, client_for):
    mine = LearnerFactory(organisation=org_a.organisation, display_name="Ours", is_shared=True)
    theirs = LearnerFactory(organisation=org_b.organisation, display_name="Theirs", is_shared=True)
    client_for(org_a.pm).get(reverse("learners:detail", args=[mine.public_id]))
    client_for(org_b.pm).get(reverse("learners:detail", args=[theirs.public_id]))
    page = client_for(org_a.pm).get(reverse("audit_log")).content.decode()
    assert mine.reference in page and theirs.reference not in page
    network = client_for(org_a.pm).get(reverse("audit_log"), {"scope": "network"}).content.decode()
    assert theirs.reference not in network


def test_champions_cannot_see_the_log(org_a, client_for, client, db):
    assert client_for(org_a.champion).get(reverse("audit_log")).status_code == 403
    client.logout()
    assert client.get(reverse("audit_log")).status_code == 302


def test_network_admin_sees_everything(org_a, network_admin, client_for):
    learner = LearnerFactory(
        organisation=org_a.organisation, display_name="Visible", is_shared=True
    )
    client_for(org_a.pm).get(reverse("learners:detail", args=[learner.public_id]))
    page = client_for(network_admin).get(reverse("audit_log")).content.decode()
    assert learner.reference in page and "Organisation A" in page


def test_the_audit_log_records_the_person_behind_our_proxies(org_a, client_for, settings):
    from core.models import AuditEvent

    settings.TRUSTED_PROXY_COUNT = 1
    client = client_for(org_a.pm)
    learner = LearnerFactory(organisation=org_a.organisation)
    client.get(
        reverse("privacy:learner_export_json", args=[learner.public_id]),
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        REMOTE_ADDR="10.0.0.2",
    )
    assert str(AuditEvent.objects.latest("at").ip_address) == "203.0.113.9"
