"""The demo's lending library: stock imported from its CSV, loans out, overdue, returned and
wiped, a wipe pending and one lost, SIMs given; and running it again adds nothing."""

import random

import pytest
from django.utils import timezone

from core.vocabulary import DeviceStatus
from devices import demo
from devices.models import DataGift, Device, Loan

pytestmark = pytest.mark.django_db


def _seed():
    import organisations.demo
    from organisations.models import Organisation
    from tests.sessions_log.factories import LearnerFactory

    organisations.demo.seed(scale="small", rng=random.Random(1), log=lambda m: None)
    riverside = Organisation.objects.get(name="Riverside Housing Association")
    if not riverside.learners.exists():  # sessions_log.demo makes them in the real demo
        LearnerFactory.create_batch(20, organisation=riverside)
    demo.seed(scale="small", rng=random.Random(2), log=lambda m: None)


def test_the_demo_has_every_state_of_a_loan():
    _seed()
    statuses = {s: Device.objects.filter(status=s).count() for s in DeviceStatus.values}
    assert statuses[DeviceStatus.ON_LOAN] == 6
    assert statuses[DeviceStatus.NEEDS_WIPE] == 2
    assert statuses[DeviceStatus.LOST] == 1
    assert statuses[DeviceStatus.IN_STOCK] == 30 - 9
    assert Loan.objects.overdue(today=timezone.localdate()).count() == 2
    assert DataGift.objects.filter(given_on__isnull=False).count() == 8
    _seed()
    assert Device.objects.count() == 30 and Loan.objects.count() == 13
