"""A session sent through the API lends a device or gives data as the session form does: by the
device's asset tag (or a SIM's reference), through the same service, in the same transaction.
"device_support": "lent" always has a loan behind it when the organisation keeps devices; an
unknown tag, a device out or waiting for its wipe, or a missing agreement is refused by the
field, with nothing saved; a repeat of the request makes no second loan."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.vocabulary import DeviceStatus
from devices import services
from devices.models import DataGift, Device, Loan
from sessions_log.models import SupportSession
from tests.devices.factories import DataGiftFactory, DeviceFactory
from tests.sessions_log.factories import LearnerFactory

pytestmark = pytest.mark.django_db
URL = reverse("api:sessions")


@pytest.fixture
def writer(org_a, key_for, api):
    _, secret = key_for(org_a, access="read_write")
    return api(secret)


def _send(client, data, key="device-1"):
    return client.post(URL, data, format="json", HTTP_IDEMPOTENCY_KEY=key)


def _lending(org, session_payload, **changes):
    return session_payload(
        org.champion,
        loan_device="lap-001",
        loan_agreement_accepted=True,
        **changes,
    )


def test_a_session_lends_a_device_by_its_tag_in_any_case(org_a, writer, session_payload):
    device = DeviceFactory(organisation=org_a.organisation, asset_tag="LAP-001")
    today = timezone.localdate()
    response = _send(
        writer,
        _lending(org_a, session_payload, loan_due_on=(today + timedelta(days=14)).isoformat()),
    )
    assert response.status_code == 201, response.json()
    assert response.json()["device_support"] == "lent"
    session = SupportSession.objects.get()
    loan = Loan.objects.get()
    assert (loan.device, loan.session, loan.learner.display_name) == (device, session, "J. S.")
    assert (loan.issued_on, loan.due_on, loan.champion) == (
        session.date,
        today + timedelta(days=14),
        org_a.champion,
    )
    device.refresh_from_db()
    assert device.status == DeviceStatus.ON_LOAN
    # The same request again: the first answer, no second loan.
    again = _send(
        writer,
        _lending(org_a, session_payload, loan_due_on=(today + timedelta(days=14)).isoformat()),
    )
    assert (again.status_code, again.json()["id"]) == (200, response.json()["id"])
    assert Loan.objects.count() == 1


def test_a_due_date_left_out_is_the_usual_loan_length(org_a, writer, session_payload):
    DeviceFactory(organisation=org_a.organisation, asset_tag="LAP-001")
    assert _send(writer, _lending(org_a, session_payload)).status_code == 201
    loan_days = services.lending_settings(organisation=org_a.organisation).loan_days
    assert Loan.objects.get().due_on == timezone.localdate() + timedelta(days=loan_days)


def test_lent_without_a_device_is_refused_when_the_organisation_keeps_devices(
    org_a, writer, session_payload
):
    DeviceFactory(organisation=org_a.organisation, asset_tag="LAP-001")
    response = _send(writer, session_payload(org_a.champion, device_support="lent"))
    assert response.status_code == 400
    assert "Enter the asset tag of the device you lent" in response.json()["loan_device"][0]
    assert not SupportSession.objects.exists() and not Loan.objects.exists()


def test_lent_alone_is_kept_by_an_organisation_without_devices(org_a, writer, session_payload):
    """As on the session form: an organisation that keeps no stock still ticks it alone."""
    response = _send(writer, session_payload(org_a.champion, device_support="lent"))
    assert response.status_code == 201
    assert SupportSession.objects.get().device_support == "lent"


def test_every_problem_with_the_kit_at_once_and_nothing_saved(org_a, writer, session_payload):
    DeviceFactory(organisation=org_a.organisation, asset_tag="LAP-001")
    response = _send(
        writer,
        session_payload(
            org_a.champion,
            loan_device="LAP-001",
            loan_due_on=(timezone.localdate() - timedelta(days=1)).isoformat(),
            loan_data="NDB-NOPE",
        ),
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["loan_due_on"] == ["The due date must be today or later."]
    assert errors["loan_agreement_accepted"] == [
        "Tick to record that the learner accepted the loan agreement."
    ]
    assert errors["loan_data"] == ["No SIM or voucher of your stock has the reference “NDB-NOPE”."]
    assert not SupportSession.objects.exists() and not Loan.objects.exists()


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (None, "No device of your stock has the asset tag or serial number “lap-001”."),
        (DeviceStatus.ON_LOAN, "This device is already out on loan. Record its return first."),
        (DeviceStatus.NEEDS_WIPE, "This device was returned and its data has not been wiped"),
    ],
)
def test_an_unknown_device_or_one_not_ready_is_refused_by_its_field(
    org_a, org_b, writer, session_payload, status, expected
):
    if status is None:  # another organisation's tag is no tag of ours
        DeviceFactory(organisation=org_b.organisation, asset_tag="LAP-001")
    else:
        DeviceFactory(organisation=org_a.organisation, asset_tag="LAP-001", status=status)
    response = _send(writer, _lending(org_a, session_payload))
    assert response.status_code == 400
    assert response.json()["loan_device"][0].startswith(expected)
    assert not SupportSession.objects.exists() and not Loan.objects.exists()


def test_a_device_lent_needs_the_one_learner_it_is_lent_to(org_a, writer, session_payload):
    DeviceFactory(organisation=org_a.organisation, asset_tag="LAP-001")
    response = _send(
        writer,
        _lending(org_a, session_payload, format="group", new_learner_names=["A", "B"]),
    )
    assert response.status_code == 400
    assert "Name the one learner" in response.json()["loan_device"][0]
    assert not SupportSession.objects.exists() and not Loan.objects.exists()
    assert Device.objects.get().status == DeviceStatus.IN_STOCK


def test_a_sim_is_given_by_its_reference(org_a, writer, session_payload):
    learner = LearnerFactory(organisation=org_a.organisation)
    gift = DataGiftFactory(organisation=org_a.organisation, reference="NDB-000123")
    response = _send(
        writer,
        session_payload(
            org_a.champion,
            new_learner_names=[],
            learners=[str(learner.public_id)],
            loan_data="ndb-000123",
        ),
    )
    assert response.status_code == 201, response.json()
    assert response.json()["data_support"] == "sim"
    gift.refresh_from_db()
    assert (gift.given_to, gift.session) == (learner, SupportSession.objects.get())
    # "SIM card" alone is refused now that the organisation keeps SIMs.
    response = _send(writer, session_payload(org_a.champion, data_support="sim"), key="device-2")
    assert response.status_code == 400 and "loan_data" in response.json()
    assert DataGift.objects.filter(given_on__isnull=False).count() == 1


def test_an_edit_cannot_untick_a_device_lent(org_a, writer, session_payload):
    DeviceFactory(organisation=org_a.organisation, asset_tag="LAP-001")
    session_id = _send(writer, _lending(org_a, session_payload)).json()["id"]
    url = reverse("api:session_detail", args=[session_id])
    response = writer.patch(url, {"device_support": ""}, format="json")
    assert response.status_code == 400
    assert "stays “Device lent”" in response.json()["device_support"][0]
    assert SupportSession.objects.get().device_support == "lent"
    # Other changes are fine, and the loan fields are not part of an edit.
    response = writer.patch(url, {"duration_minutes": 50, "loan_device": "X"}, format="json")
    assert response.status_code == 200
    assert Loan.objects.count() == 1


def test_an_edit_cannot_tick_kit_without_its_loan_or_gift(org_a, writer, session_payload):
    """One record: where the organisation keeps devices and SIMs, PATCH cannot say a device was
    lent or a SIM given with no loan or gift behind it; a PATCH that leaves them out changes
    nothing of them and is not refused."""
    DeviceFactory(organisation=org_a.organisation, asset_tag="LAP-001")
    DataGiftFactory(organisation=org_a.organisation, reference="NDB-1", kind="sim")
    payload = session_payload(org_a.champion, device_support="", data_support="")
    session_id = _send(writer, payload).json()["id"]
    url = reverse("api:session_detail", args=[session_id])
    response = writer.patch(url, {"duration_minutes": 50}, format="json")
    assert response.status_code == 200, response.json()
    response = writer.patch(url, {"device_support": "lent", "data_support": "sim"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) >= {"device_support", "data_support"}
    session = SupportSession.objects.get()
    assert (session.device_support, session.data_support, session.duration_minutes) == ("", "", 50)


def test_a_batch_lends_as_a_single_request_does(org_a, writer, session_payload):
    """The offline sync sends a device's queue as a batch: each item lends through the same
    service, and an item refused (the device already out) stores nothing of its own."""
    DeviceFactory(organisation=org_a.organisation, asset_tag="LAP-001")
    items = [
        {"key": "first", "session": _lending(org_a, session_payload)},
        {"key": "second", "session": _lending(org_a, session_payload)},
    ]
    response = writer.post(reverse("api:session_batch"), {"items": items}, format="json")
    first, second = response.json()["results"]
    assert (first["status"], first["body"]["device_support"]) == (201, "lent")
    assert second["status"] == 400
    assert "already out on loan" in second["body"]["loan_device"][0]
    assert SupportSession.objects.count() == Loan.objects.count() == 1


def test_completing_a_planned_session_does_not_lend(org_a, writer, session_payload):
    from tests.sessions_log.factories import SupportSessionFactory

    DeviceFactory(organisation=org_a.organisation, asset_tag="LAP-001")
    planned = SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, status="planned"
    )
    response = writer.post(
        reverse("api:session_complete", args=[planned.public_id]),
        _lending(org_a, session_payload),
        format="json",
        HTTP_IDEMPOTENCY_KEY="complete-1",
    )
    assert response.status_code == 400
    assert "record the loan or the gift on the stock pages" in response.json()["loan_device"][0]
    assert not Loan.objects.exists()
