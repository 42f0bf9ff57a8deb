"""The lending library's rules, through the services and against the database itself: a device
is never out twice (even when two champions lend it at the same moment), a returned device waits
for its wipe, and an asset tag or serial number is the organisation's only one."""

import threading
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from core.vocabulary import DeviceStatus
from devices import services
from devices.models import Device, Loan, Wipe
from tests.devices.factories import DeviceFactory
from tests.sessions_log.factories import LearnerFactory

TODAY = date(2026, 11, 20)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        yield


def _lend(device, learner, champion, **kw):
    return services.loan_make(
        device=device,
        learner=learner,
        champion=champion,
        issued_on=kw.pop("issued_on", TODAY),
        due_on=kw.pop("due_on", TODAY + timedelta(days=28)),
        **kw,
    )


def test_a_loan_puts_the_device_out_with_the_agreement_recorded(org_a):
    device = DeviceFactory(organisation=org_a.organisation)
    learner = LearnerFactory(organisation=org_a.organisation)
    loan = _lend(device, learner, org_a.champion)
    device.refresh_from_db()
    assert device.status == DeviceStatus.ON_LOAN
    assert (loan.number, loan.agreement_version, loan.agreement_recorded_by) == (
        1,
        "1",
        org_a.champion,
    )


def test_a_device_cannot_be_out_twice(org_a):
    device = DeviceFactory(organisation=org_a.organisation)
    _lend(device, LearnerFactory(organisation=org_a.organisation), org_a.champion)
    with pytest.raises(ValidationError) as refused:
        _lend(device, LearnerFactory(organisation=org_a.organisation), org_a.pm)
    assert "already out on loan" in str(refused.value.message_dict["device"])
    assert Loan.objects.filter(device=device).count() == 1


def test_the_database_refuses_a_second_open_loan(org_a):
    device = DeviceFactory(organisation=org_a.organisation)
    loan = _lend(device, LearnerFactory(organisation=org_a.organisation), org_a.champion)
    with pytest.raises(IntegrityError), transaction.atomic():
        Loan.objects.create(
            organisation=loan.organisation,
            device=device,
            number=2,
            wipe_before=Wipe.objects.create(
                organisation=loan.organisation, device=device, method="factory_reset"
            ),
            champion=org_a.champion,
            issued_on=TODAY,
            due_on=TODAY,
            agreement_version="1",
            agreement_recorded_by=org_a.champion,
        )


def test_the_database_refuses_a_second_loan_without_a_wipe(org_a):
    device = DeviceFactory(organisation=org_a.organisation)
    loan = _lend(device, LearnerFactory(organisation=org_a.organisation), org_a.champion)
    services.loan_return(loan=loan, returned_on=TODAY, condition="good", returned_to=org_a.pm)
    with pytest.raises(IntegrityError), transaction.atomic():
        Loan.objects.create(
            organisation=loan.organisation,
            device=device,
            number=2,
            champion=org_a.champion,
            issued_on=TODAY,
            due_on=TODAY,
            agreement_version="1",
            agreement_recorded_by=org_a.champion,
        )


def test_a_returned_device_is_lent_again_only_after_its_wipe(org_a):
    device = DeviceFactory(organisation=org_a.organisation)
    first = _lend(device, LearnerFactory(organisation=org_a.organisation), org_a.champion)
    services.loan_return(loan=first, returned_on=TODAY, condition="fair", returned_to=org_a.pm)
    device.refresh_from_db()
    assert (device.status, device.condition) == (DeviceStatus.NEEDS_WIPE, "fair")
    with pytest.raises(ValidationError) as refused:
        _lend(device, LearnerFactory(organisation=org_a.organisation), org_a.champion)
    assert "wipe" in str(refused.value.message_dict["device"])
    # A wipe dated before the return removed nothing of the last learner's.
    with pytest.raises(ValidationError):
        services.wipe_record(
            device=device, wiped_by=org_a.pm, wiped_on=TODAY - timedelta(days=1), method="mdm"
        )
    wipe = services.wipe_record(
        device=device, wiped_by=org_a.pm, wiped_on=TODAY, method="factory_reset"
    )
    assert wipe.after_loan == first
    second = _lend(device, LearnerFactory(organisation=org_a.organisation), org_a.champion)
    assert (second.number, second.wipe_before) == (2, wipe)


def test_a_wipe_before_the_first_loan_does_not_clear_a_later_return(org_a):
    device = DeviceFactory(organisation=org_a.organisation)
    services.wipe_record(device=device, wiped_by=org_a.pm, wiped_on=TODAY, method="reimaged")
    first = _lend(device, LearnerFactory(organisation=org_a.organisation), org_a.champion)
    services.loan_return(loan=first, returned_on=TODAY, condition="good", returned_to=org_a.pm)
    with pytest.raises(ValidationError):
        _lend(device, LearnerFactory(organisation=org_a.organisation), org_a.champion)


def test_an_out_device_cannot_be_wiped_and_a_lost_one_cannot_be_lent(org_a):
    device = DeviceFactory(organisation=org_a.organisation)
    loan = _lend(device, LearnerFactory(organisation=org_a.organisation), org_a.champion)
    with pytest.raises(ValidationError):
        services.wipe_record(device=device, wiped_by=org_a.pm, wiped_on=TODAY, method="mdm")
    services.loan_mark_lost(loan=loan, lost_on=TODAY)
    device.refresh_from_db()
    assert device.status == DeviceStatus.LOST
    with pytest.raises(ValidationError):
        _lend(device, LearnerFactory(organisation=org_a.organisation), org_a.champion)


def test_extend_moves_the_due_date_forward_only(org_a):
    device = DeviceFactory(organisation=org_a.organisation)
    loan = _lend(device, LearnerFactory(organisation=org_a.organisation), org_a.champion)
    with pytest.raises(ValidationError):
        services.loan_extend(loan=loan, due_on=loan.due_on)
    loan = services.loan_extend(loan=loan, due_on=loan.due_on + timedelta(days=14))
    assert (loan.due_on, loan.extended_count) == (TODAY + timedelta(days=42), 1)


def test_loan_dates_are_checked_all_at_once(org_a):
    device = DeviceFactory(organisation=org_a.organisation)
    problems = services.loan_problems(
        device=device,
        learner=None,
        issued_on=TODAY + timedelta(days=1),
        due_on=TODAY,
        today=TODAY,
        agreement_accepted=False,
    )
    assert set(problems) == {"learner", "issued_on", "due_on", "agreement_accepted"}


def test_a_learner_of_another_organisation_cannot_borrow(org_a, org_b):
    device = DeviceFactory(organisation=org_a.organisation)
    with pytest.raises(ValidationError) as refused:
        _lend(device, LearnerFactory(organisation=org_b.organisation), org_a.champion)
    assert "learner" in refused.value.message_dict


def test_duplicate_asset_tag_or_serial_is_refused_with_a_message(org_a, org_b):
    DeviceFactory(organisation=org_a.organisation, asset_tag="RHA-001", serial_number="S1")
    data = {"kind": "laptop", "make": "Dell", "source": "bought", "condition": "good"}
    with pytest.raises(ValidationError) as refused:
        services.device_create(
            organisation=org_a.organisation,
            data=data | {"asset_tag": " RHA-001 ", "serial_number": "S1"},
            created_by=org_a.pm,
        )
    assert "RHA-001" in refused.value.message_dict["asset_tag"][0]
    assert "S1" in refused.value.message_dict["serial_number"][0]
    # Another organisation may use the same tag.
    services.device_create(
        organisation=org_b.organisation,
        data=data | {"asset_tag": "RHA-001"},
        created_by=org_b.pm,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Device.objects.create(
            organisation=org_a.organisation,
            kind="laptop",
            make="X",
            source="bought",
            asset_tag="RHA-001",
        )


def test_erasure_keeps_the_loan_without_who_had_it(org_a):
    from privacy.services import learner_erase

    learner = LearnerFactory(organisation=org_a.organisation)
    loan = _lend(DeviceFactory(organisation=org_a.organisation), learner, org_a.champion)
    learner_erase(learner=learner, actor=org_a.pm)
    loan.refresh_from_db()
    assert loan.learner is None
    assert loan.device.status == DeviceStatus.ON_LOAN


@pytest.mark.django_db(transaction=True)
def test_two_champions_lending_one_device_at_once_make_one_loan(org_a):
    device = DeviceFactory(organisation=org_a.organisation)
    learners = [LearnerFactory(organisation=org_a.organisation) for _ in range(2)]
    start = threading.Barrier(2)
    outcomes = []

    def lend(learner, champion):
        start.wait()
        try:
            _lend(Device.objects.get(pk=device.pk), learner, champion)
            outcomes.append("lent")
        except ValidationError as exc:
            outcomes.append(exc.message_dict["device"][0])
        finally:
            connection.close()

    threads = [
        threading.Thread(target=lend, args=(learners[0], org_a.champion)),
        threading.Thread(target=lend, args=(learners[1], org_a.pm)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes)[-1] == "lent" and len(outcomes) == 2
    assert "already out on loan" in sorted(outcomes)[0]
    assert Loan.objects.filter(device=device).count() == 1
