"""Tenancy-walk entries for devices (see tests/tenancy_registry.py). Stock is kept by project
managers (and champions when the organisation allows it; off by default), so a champion's
answer on their own organisation's stock is 403."""

from datetime import timedelta

from django.utils import timezone

from tests.devices.factories import DataGiftFactory, DeviceFactory
from tests.sessions_log.factories import LearnerFactory


def _device(other):
    return {"public_id": DeviceFactory(organisation=other.organisation).public_id}


def _loan(other):
    from devices.services import loan_make

    today = timezone.localdate()
    loan = loan_make(
        device=DeviceFactory(organisation=other.organisation),
        learner=LearnerFactory(organisation=other.organisation),
        champion=other.champion,
        issued_on=today,
        due_on=today + timedelta(days=28),
    )
    return {"public_id": loan.public_id}


def _data_gift(other):
    return {"public_id": DataGiftFactory(organisation=other.organisation).public_id}


def _import(other):
    from devices.models import DeviceImport

    return {"public_id": DeviceImport.objects.create(organisation=other.organisation).public_id}


OBJECTS_OF_ANOTHER_ORGANISATION = {
    "devices:detail": _device,
    "devices:edit": _device,
    "devices:lend": _device,
    "devices:wipe": _device,
    "devices:loan_return": _loan,
    "devices:loan_extend": _loan,
    "devices:loan_lost": _loan,
    "devices:data_give": _data_gift,
    "devices:import_batch": _import,
}
ROLE_REQUIRED = {name: "pm" for name in OBJECTS_OF_ANOTHER_ORGANISATION}
