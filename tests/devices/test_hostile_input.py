"""The lending library's forms and its CSV import under random and hostile input (the same
strategies as tests/test_hostile_input.py): never a server error, and nothing half-saved."""

import csv
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from devices.importing import COLUMNS
from devices.models import DataGift, Device, DeviceImport, LendingSettings, Loan, Wipe
from tests.devices.factories import DeviceFactory
from tests.test_hostile_input import HOSTILE, MOMENT, SETTINGS, _fields, _ok, date_values, values

DEVICE_FIELDS = [
    "kind", "make", "model", "asset_tag", "serial_number", "source", "donor", "condition",
    "location", "received_on",
]  # fmt: skip
csv_cell = st.one_of(
    st.sampled_from(HOSTILE + ["Laptop", "Donated", "Good", "14/09/2026", "DON-1"]),
    st.text(max_size=30),
)


def _refused_page(response) -> bool:
    return response.status_code == 200 and "There is a problem" in response.content.decode()


@SETTINGS
@given(data=_fields(DEVICE_FIELDS, received_on=date_values))
@pytest.mark.django_db
def test_device_form_never_fails_and_never_half_saves(data, org_a, client_for):
    before = Device.objects.count()
    response = client_for(org_a.pm).post(reverse("devices:create"), data)
    _ok(response)
    if response.status_code != 302:
        assert Device.objects.count() == before
        assert _refused_page(response)
    else:
        device = Device.objects.latest("pk")
        assert device.asset_tag or device.serial_number


@SETTINGS
@given(
    data=_fields(
        ["learner", "issued_on", "due_on", "agreement_accepted"],
        issued_on=date_values,
        due_on=date_values,
    )
)
@pytest.mark.django_db
def test_lend_form_never_fails_and_lends_only_by_the_rules(data, org_a, client_for):
    device = DeviceFactory(organisation=org_a.organisation)
    with time_machine.travel(MOMENT, tick=False):
        response = client_for(org_a.pm).post(reverse("devices:lend", args=[device.public_id]), data)
    _ok(response)
    if response.status_code != 302:
        assert not Loan.objects.filter(device=device).exists()
        assert _refused_page(response)


@SETTINGS
@given(
    action=st.sampled_from(["wipe", "data", "settings"]),
    data=st.dictionaries(
        st.sampled_from(
            [
                "wiped_on",
                "method",
                "kind",
                "network",
                "allowance_gb",
                "expires_on",
                "reference",
                "loan_days",
                "agreement_version",
                "champions_keep_stock",
            ]
        ),
        values,
        max_size=6,
    ),
)
@pytest.mark.django_db
def test_other_stock_forms_never_fail_and_never_half_save(action, data, org_a, client_for):
    device = DeviceFactory(organisation=org_a.organisation)
    url = {
        "wipe": reverse("devices:wipe", args=[device.public_id]),
        "data": reverse("devices:data_create"),
        "settings": reverse("devices:settings"),
    }[action]
    with time_machine.travel(MOMENT, tick=False):
        response = client_for(org_a.pm).post(url, data)
    _ok(response)
    if response.status_code != 302:
        assert not Wipe.objects.exists() and not DataGift.objects.exists()
        assert not LendingSettings.objects.exists()


@SETTINGS
@given(
    rows=st.lists(st.lists(csv_cell, min_size=0, max_size=12), max_size=5),
    raw=st.one_of(st.none(), st.binary(max_size=300)),
    name=st.sampled_from(["stock.csv", "stock.xlsx", "a.exe", "", "..csv"]),
)
@pytest.mark.django_db
def test_stock_import_never_fails_and_saves_nothing_on_a_dry_run(
    rows, raw, name, org_a, client_for
):
    if raw is None:
        buffer = io.StringIO()
        buffer.write(",".join(COLUMNS) + "\n")
        csv.writer(buffer).writerows(rows)
        raw = buffer.getvalue().encode("utf-8", "surrogatepass")
    upload = SimpleUploadedFile(name or "x", raw, content_type="text/csv")
    response = client_for(org_a.pm).post(reverse("devices:import"), {"file": upload})
    _ok(response)
    assert not Device.objects.exists() and not DeviceImport.objects.exists()
    token = response.context.get("token") if response.context else None
    if token:
        response = client_for(org_a.pm).post(reverse("devices:import"), {"token": token})
        _ok(response)
        # All or nothing: the batch holds every device saved, and none is saved without one.
        batch = DeviceImport.objects.first()
        assert batch is not None and Device.objects.count() == batch.device_count > 0
