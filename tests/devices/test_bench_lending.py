"""The benchmark's lending library (bench/dataset/device_rows.py), at a tiny scale: the rows keep
the rules the services keep, and a second run adds nothing."""

import datetime as dt

import pytest
from django.db.models import F

from bench.dataset import Scale, seed_large
from bench.dataset.device_rows import seed_lending
from core.vocabulary import DeviceStatus
from devices.models import DataGift, Device, Loan, Wipe

TINY = Scale(
    organisations=4, champions=30, extra_pms=2, network_admins=1, learners=300, sessions=3_000
)
TODAY = dt.date(2026, 6, 1)


@pytest.mark.django_db
def test_the_large_sets_loans_keep_the_lending_rules():
    assert seed_large(seed=3, log=lambda m: None, today=TODAY, scale=TINY) is True
    assert (Device.objects.count(), Loan.objects.count()) == (150, 600)
    assert DataGift.objects.count() == 75
    # The wipe before loan n is the wipe after loan n - 1 of the same device.
    later = Loan.objects.filter(number__gt=1).select_related("wipe_before__after_loan")
    for loan in later:
        before = loan.wipe_before.after_loan
        assert (before.device_id, before.number) == (loan.device_id, loan.number - 1)
        assert before.returned_on <= loan.wipe_before.wiped_on <= loan.issued_on
    # Each device's status is what its last loan says.
    for device in Device.objects.all():
        last = Loan.objects.get(device=device, number=device.loan_count)
        wiped = Wipe.objects.filter(after_loan=last).exists()
        expected = (
            DeviceStatus.ON_LOAN
            if last.is_open
            else DeviceStatus.IN_STOCK
            if wiped
            else DeviceStatus.NEEDS_WIPE
        )
        assert device.status == expected, device.asset_tag
    assert (
        not Loan.objects.exclude(learner__organisation=F("organisation"))
        .exclude(learner__isnull=True)
        .exists()
    )
    assert Loan.objects.overdue(today=TODAY).exists()
    assert seed_lending(today=TODAY, log=lambda m: None) is False
