import factory

from core.vocabulary import DataGiftKind, DeviceKind, DeviceSource
from devices.models import DataGift, Device
from tests.factories import OrganisationFactory


class DeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Device

    organisation = factory.SubFactory(OrganisationFactory)
    kind = DeviceKind.LAPTOP
    make = "Lenovo"
    model = "ThinkPad T480"
    asset_tag = factory.Sequence(lambda n: f"DCP-{n:05}")
    serial_number = factory.Sequence(lambda n: f"SN{n:08}")
    source = DeviceSource.DONATED
    donor = "Good Things Foundation"
    location = "Office cupboard"


class DataGiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataGift

    organisation = factory.SubFactory(OrganisationFactory)
    kind = DataGiftKind.SIM
    network = "Vodafone"
    allowance_gb = 20
    reference = factory.Sequence(lambda n: f"NDB-{n:06}")
