"""Lending from the session form: the champion types the asset tag of the device in their hand,
and the session and its loan are saved together, or neither. The session's "Device lent" comes
from the loan: one record, not two to keep in step."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.vocabulary import DeviceStatus
from devices import services, session_lending
from devices.models import Loan
from sessions_log.models import SupportSession
from tests.devices.factories import DeviceFactory
from tests.sessions_log.factories import LearnerFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        yield


def _session(**kw):
    data = {
        "status": "completed",
        "date": "2026-11-20",
        "duration_minutes": "45",
        "format": "one_to_one",
        "mode": "in_person",
        "new_learner_names": "Mrs P",
        "topics": ["email"],
        "device_support": "lent",
        "loan-device": "RHA-7",
        "loan-due_on": "2026-12-18",
        "loan-agreement_accepted": "on",
    }
    data.update(kw)
    return {k: v for k, v in data.items() if v is not None}


def test_a_champion_lends_from_the_session_form(org_a, client_for):
    device = DeviceFactory(organisation=org_a.organisation, asset_tag="RHA-7")
    client = client_for(org_a.champion)
    page = client.get(reverse("sessions_log:create")).content.decode()
    assert '<option value="RHA-7">' in page
    response = client.post(reverse("sessions_log:create"), _session(**{"loan-device": "rha-7"}))
    assert response.status_code == 302
    session = SupportSession.objects.get()
    loan = Loan.objects.get()
    assert (loan.session, loan.learner.display_name, loan.champion) == (
        session,
        "Mrs P",
        org_a.champion,
    )
    assert (loan.issued_on, loan.due_on, loan.agreement_recorded_by) == (
        TODAY,
        date(2026, 12, 18),
        org_a.champion,
    )
    assert session.device_support == "lent"
    device.refresh_from_db()
    assert device.status == DeviceStatus.ON_LOAN


def test_a_device_picked_makes_the_session_lent(org_a, client_for):
    DeviceFactory(organisation=org_a.organisation, asset_tag="RHA-7")
    client_for(org_a.champion).post(reverse("sessions_log:create"), _session(device_support=""))
    assert SupportSession.objects.get().device_support == "lent"
    assert Loan.objects.count() == 1


def test_lent_without_a_device_is_refused_when_the_organisation_keeps_stock(org_a, client_for):
    DeviceFactory(organisation=org_a.organisation, asset_tag="RHA-7")
    response = client_for(org_a.champion).post(
        reverse("sessions_log:create"), _session(**{"loan-device": ""})
    )
    page = response.content.decode()
    assert "Enter the asset tag of the device you lent" in page
    assert 'value="Mrs P"' in page
    assert not SupportSession.objects.exists() and not Loan.objects.exists()


def test_an_organisation_without_stock_still_ticks_device_lent(org_a, client_for):
    response = client_for(org_a.champion).post(
        reverse("sessions_log:create"),
        _session(**{"loan-device": "", "loan-agreement_accepted": None}),
    )
    assert response.status_code == 302
    assert SupportSession.objects.get().device_support == "lent"


def test_a_device_out_or_waiting_for_its_wipe_is_refused_and_nothing_saved(org_a, client_for):
    device = DeviceFactory(organisation=org_a.organisation, asset_tag="RHA-7")
    loan = services.loan_make(
        device=device,
        learner=LearnerFactory(organisation=org_a.organisation),
        champion=org_a.pm,
        issued_on=TODAY,
        due_on=TODAY + timedelta(days=7),
    )
    client = client_for(org_a.champion)
    page = client.post(reverse("sessions_log:create"), _session()).content.decode()
    assert "already out on loan" in page
    services.loan_return(loan=loan, returned_on=TODAY, condition="good", returned_to=org_a.pm)
    page = client.post(reverse("sessions_log:create"), _session()).content.decode()
    assert "has not been wiped yet" in page
    page = client.post(
        reverse("sessions_log:create"), _session(**{"loan-device": "NOPE-1"})
    ).content.decode()
    assert "No device of your stock has the asset tag or serial number “NOPE-1”" in page
    assert not SupportSession.objects.exists() and Loan.objects.count() == 1


def test_every_problem_at_once_beside_the_session_problems(org_a, client_for):
    DeviceFactory(organisation=org_a.organisation, asset_tag="RHA-7")
    response = client_for(org_a.champion).post(
        reverse("sessions_log:create"),
        _session(duration_minutes="0", **{"loan-due_on": "", "loan-agreement_accepted": None}),
    )
    page = response.content.decode()
    assert "Enter a duration between 1 minute and 8 hours." in page
    assert "Enter the date the device is due back." in page
    assert "accepted the loan agreement" in page
    assert not SupportSession.objects.exists()


def test_a_group_needs_lending_from_the_device_page_and_nothing_is_saved(org_a, client_for):
    DeviceFactory(organisation=org_a.organisation, asset_tag="RHA-7")
    response = client_for(org_a.champion).post(
        reverse("sessions_log:create"),
        _session(format="group", new_learner_names="A, B", people_total="2"),
    )
    assert "Name the one learner the device or data is for" in response.content.decode()
    assert not SupportSession.objects.exists() and not Loan.objects.exists()


def test_a_loan_refused_inside_the_save_takes_the_session_back_too(org_a):
    """The device went out between the form's check and the save: the session is not kept."""
    device = DeviceFactory(organisation=org_a.organisation)
    services.loan_make(
        device=device,
        learner=LearnerFactory(organisation=org_a.organisation),
        champion=org_a.pm,
        issued_on=TODAY,
        due_on=TODAY,
    )
    with pytest.raises(ValidationError) as refused:
        session_lending.session_log_lending(
            organisation=org_a.organisation,
            champion=org_a.champion,
            data={
                "status": "completed",
                "date": TODAY,
                "duration_minutes": 30,
                "format": "one_to_one",
                "mode": "in_person",
                "new_learner_names": ["Mr Q"],
            },
            device=device,
            due_on=TODAY + timedelta(days=7),
        )
    assert "loan_device" in refused.value.message_dict
    assert not SupportSession.objects.exists()


def test_an_edit_cannot_untick_the_device_a_session_lent(org_a, client_for):
    DeviceFactory(organisation=org_a.organisation, asset_tag="RHA-7")
    client = client_for(org_a.champion)
    client.post(reverse("sessions_log:create"), _session())
    session = SupportSession.objects.get()
    edit = {k: v for k, v in _session(device_support="").items() if not k.startswith("loan-")}
    edit["learners"] = [str(session.learners.get().public_id)]
    edit.pop("new_learner_names")
    response = client.post(reverse("sessions_log:edit", args=[session.public_id]), edit)
    assert "so it stays “Device lent”" in response.content.decode()
    session.refresh_from_db()
    assert session.device_support == "lent"
    # Anything else can still change.
    response = client.post(
        reverse("sessions_log:edit", args=[session.public_id]),
        edit | {"device_support": "lent", "duration_minutes": "60"},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.duration_minutes == 60


def test_an_edit_cannot_tick_device_lent_without_a_loan_where_there_is_stock(org_a, client_for):
    """One record, not two: a session edited to say a device was lent, in an organisation that
    keeps stock, is refused with the way to do it; with no stock kept it still ticks alone."""
    client = client_for(org_a.champion)
    client.post(reverse("sessions_log:create"), _session(device_support="", **{"loan-device": ""}))
    session = SupportSession.objects.get()
    assert session.device_support == ""
    edit = {k: v for k, v in _session().items() if not k.startswith("loan-")}
    edit["learners"] = [str(session.learners.get().public_id)]
    edit.pop("new_learner_names")
    DeviceFactory(organisation=org_a.organisation, asset_tag="RHA-7")
    response = client.post(reverse("sessions_log:edit", args=[session.public_id]), edit)
    assert "lend it from the device&#x27;s page" in response.content.decode()
    session.refresh_from_db()
    assert session.device_support == "" and not Loan.objects.exists()
    Loan.objects.all().delete()
    from devices.models import Device

    Device.objects.all().delete()  # an organisation that keeps no stock ticks it alone
    response = client.post(reverse("sessions_log:edit", args=[session.public_id]), edit)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.device_support == "lent"


def test_a_sim_given_at_a_session_is_one_record(org_a, client_for):
    from devices.models import DataGift
    from tests.devices.factories import DataGiftFactory

    gift = DataGiftFactory(organisation=org_a.organisation, reference="NDB-42", kind="voucher")
    client = client_for(org_a.champion)
    # An organisation that keeps SIMs and vouchers says which one was given.
    page = client.post(
        reverse("sessions_log:create"),
        _session(device_support="", data_support="voucher", **{"loan-device": ""}),
    ).content.decode()
    assert "Enter the reference of the SIM or voucher you gave" in page
    assert not SupportSession.objects.exists()
    response = client.post(
        reverse("sessions_log:create"),
        _session(device_support="", **{"loan-device": "", "loan-data": "ndb-42"}),
    )
    assert response.status_code == 302
    session = SupportSession.objects.get()
    gift = DataGift.objects.get(pk=gift.pk)
    assert (gift.session, gift.given_to, gift.given_on) == (
        session,
        session.learners.get(),
        TODAY,
    )
    assert session.data_support == "voucher"
    page = client.post(
        reverse("sessions_log:create"),
        _session(device_support="", **{"loan-device": "", "loan-data": "NDB-42"}),
    ).content.decode()
    assert "already been given" in page
