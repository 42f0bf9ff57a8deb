"""The stock CSV import: a dry run that lists each row's problems and saves nothing, then the
import itself, all or nothing. 40 donated laptops is the case the issue names."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from devices.importing import COLUMNS, template_csv
from devices.models import Device, DeviceImport
from tests.devices.factories import DeviceFactory

pytestmark = pytest.mark.django_db


def _csv(rows, header=COLUMNS) -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile("stock.csv", buffer.getvalue().encode(), content_type="text/csv")


def _laptop(n, **kw):
    row = {
        "kind": "Laptop",
        "make": "Dell",
        "model": "Latitude 5490",
        "asset_tag": f"DON-{n:03}",
        "serial_number": f"SER{n:05}",
        "source": "donated",
        "donor": "Riverside Bank",
        "condition": "Good",
        "location": "Hub",
        "received_on": "14/09/2026",
    }
    row.update(kw)
    return [row[c] for c in COLUMNS]


def test_forty_donated_laptops_are_checked_then_imported(org_a, client_for):
    client = client_for(org_a.pm)
    response = client.post(
        reverse("devices:import"), {"file": _csv([_laptop(n) for n in range(40)])}
    )
    page = response.content.decode()
    assert "All 40 rows are ready to import." in page
    assert not Device.objects.exists()
    token = response.context["token"]
    response = client.post(reverse("devices:import"), {"token": token})
    batch = DeviceImport.objects.get()
    assert response["Location"] == reverse("devices:import_batch", args=[batch.public_id])
    assert Device.objects.filter(organisation=org_a.organisation, import_batch=batch).count() == 40
    assert batch.device_count == 40
    assert str(Device.objects.get(asset_tag="DON-007").received_on) == "2026-09-14"


def test_the_dry_run_lists_every_problem_of_each_row(org_a, client_for):
    DeviceFactory(organisation=org_a.organisation, asset_tag="DON-001")
    rows = [
        _laptop(1),  # already in stock
        _laptop(2, kind="Toaster", received_on="31/02/2026", source="found"),
        _laptop(3, asset_tag="", serial_number=""),
        _laptop(4),
        _laptop(5, asset_tag="DON-004", serial_number="SER00004"),  # both as on row 5
    ]
    response = client_for(org_a.pm).post(reverse("devices:import"), {"file": _csv(rows)})
    page = response.content.decode()
    assert "4 of 5 rows have a problem. Nothing has been saved." in page
    assert "“DON-001” is already in your stock" in page
    assert "“Toaster” is not one of" in page and "“found” is not one of" in page
    assert "“31/02/2026” is not a date" in page
    assert "Enter the asset tag or the serial number" in page
    assert "“DON-004” is also on row 5" in page and "“SER00004” is also on row 5" in page
    assert Device.objects.count() == 1 and "token" not in response.context


def test_a_file_checked_then_made_stale_imports_nothing(org_a, client_for):
    client = client_for(org_a.pm)
    response = client.post(reverse("devices:import"), {"file": _csv([_laptop(1), _laptop(2)])})
    DeviceFactory(organisation=org_a.organisation, asset_tag="DON-002")
    response = client.post(reverse("devices:import"), {"token": response.context["token"]})
    assert response.status_code == 302
    assert Device.objects.count() == 1 and not DeviceImport.objects.exists()


def test_the_import_is_refused_for_a_missing_column_and_a_champion(org_a, client_for):
    response = client_for(org_a.pm).post(
        reverse("devices:import"), {"file": _csv([["x"]], header=["colour"])}
    )
    assert "no column named kind, make" in response.content.decode()
    assert client_for(org_a.champion).get(reverse("devices:import")).status_code == 403


def test_the_template_imports_as_it_is(org_a, client_for):
    upload = SimpleUploadedFile("t.csv", template_csv().encode(), content_type="text/csv")
    response = client_for(org_a.pm).post(reverse("devices:import"), {"file": upload})
    assert "The 1 row is ready to import." in response.content.decode()


def test_another_organisations_token_is_no_use(org_a, org_b, client_for):
    response = client_for(org_b.pm).post(reverse("devices:import"), {"file": _csv([_laptop(1)])})
    token = response.context["token"]
    client_for(org_a.pm).post(reverse("devices:import"), {"token": token})
    assert not Device.objects.exists()
