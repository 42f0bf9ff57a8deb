"""Asset tags and serial numbers are one label in any case and without the spaces around them:
"LAP-001", "lap-001" and " LAP-001 " are the same device everywhere the portal compares them
(the add and edit form, the CSV import's dry run, lending from the session form, a transfer)
and in the database itself, and the migration that brought the rule in put existing clashes
right without losing a label."""

import csv
import io
from datetime import date
from importlib import import_module

import pytest
import time_machine
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from devices import selectors, services
from devices.importing import COLUMNS
from devices.models import Device, DeviceTransfer
from tests.devices.factories import DeviceFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 20)
DEVICE = {
    "kind": "laptop",
    "make": "Lenovo",
    "model": "ThinkPad",
    "source": "donated",
    "condition": "good",
}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        yield


def test_the_service_refuses_a_tag_or_serial_in_another_case_naming_the_one_in_stock(org_a):
    DeviceFactory(organisation=org_a.organisation, asset_tag="LAP-001", serial_number="PF1ABC")
    with pytest.raises(ValidationError) as refused:
        services.device_create(
            organisation=org_a.organisation,
            data=DEVICE | {"asset_tag": " lap-001 ", "serial_number": "pf1abc"},
            created_by=org_a.pm,
        )
    problems = refused.value.message_dict
    assert "asset tag “LAP-001”" in problems["asset_tag"][0]
    assert "serial number “PF1ABC”" in problems["serial_number"][0]
    assert Device.objects.count() == 1


def test_another_organisation_may_have_the_same_label_and_an_edit_keeps_its_own(org_a, org_b):
    mine = DeviceFactory(organisation=org_a.organisation, asset_tag="LAP-001")
    theirs = services.device_create(
        organisation=org_b.organisation,
        data=DEVICE | {"asset_tag": "lap-001"},
        created_by=org_b.pm,
    )
    # Changing the case of a device's own tag is not a clash with itself.
    services.device_update(device=mine, data={"asset_tag": "Lap-001"})
    mine.refresh_from_db()
    assert (mine.asset_tag, theirs.asset_tag) == ("Lap-001", "lap-001")


def test_the_database_refuses_a_clash_by_case_whatever_wrote_it(org_a):
    DeviceFactory(organisation=org_a.organisation, asset_tag="LAP-001", serial_number="S-1")
    for clash in ({"asset_tag": "lap-001"}, {"serial_number": "s-1"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            DeviceFactory(organisation=org_a.organisation, **clash)
    # Blank labels are not labels: many devices may have no tag.
    DeviceFactory(organisation=org_a.organisation, asset_tag="", serial_number="S-2")
    DeviceFactory(organisation=org_a.organisation, asset_tag="", serial_number="S-3")
    assert Device.objects.count() == 3


def test_the_add_form_says_so_by_the_field_and_keeps_what_was_typed(org_a, client_for):
    DeviceFactory(organisation=org_a.organisation, asset_tag="LAP-001")
    response = client_for(org_a.pm).post(
        reverse("devices:create"),
        DEVICE | {"asset_tag": "lap-001", "location": "Cupboard 2"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "asset tag “LAP-001”" in form.errors["asset_tag"][0]
    page = response.content.decode()
    assert 'value="lap-001"' in page and 'value="Cupboard 2"' in page
    assert Device.objects.count() == 1


def _csv(rows) -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for tag, serial in rows:
        row = DEVICE | {"asset_tag": tag, "serial_number": serial}
        writer.writerow([row.get(c, "") for c in COLUMNS])
    return SimpleUploadedFile("stock.csv", buffer.getvalue().encode(), content_type="text/csv")


def test_the_import_dry_run_finds_clashes_by_case_with_the_stock_and_within_the_file(
    org_a, client_for
):
    DeviceFactory(organisation=org_a.organisation, asset_tag="DON-001", serial_number="SER1")
    rows = [
        ("don-001", "SER9"),  # row 2: the stock's tag in another case
        ("DON-002", " ser1 "),  # row 3: the stock's serial, with spaces
        ("DON-003", "SER3"),  # row 4
        ("don-003 ", "SER4"),  # row 5: row 4's tag in another case
    ]
    response = client_for(org_a.pm).post(reverse("devices:import"), {"file": _csv(rows)})
    problems = {r.number: r.errors for r in response.context["problems"]}
    assert set(problems) == {2, 3, 5}
    assert problems[2] == ["Asset tag: “don-001” is already in your stock."]
    assert problems[3] == ["Serial number: “ser1” is already in your stock."]
    assert problems[5] == ["Asset tag: “don-003” is also on row 4."]
    assert "token" not in response.context and Device.objects.count() == 1


def _session(**kw):
    return {
        "status": "completed",
        "date": "2026-11-20",
        "duration_minutes": "45",
        "format": "one_to_one",
        "mode": "in_person",
        "new_learner_names": "Mrs P",
        "topics": ["email"],
        "device_support": "lent",
        "loan-due_on": "2026-12-18",
        "loan-agreement_accepted": "on",
    } | kw


@pytest.mark.parametrize("typed", ["lap-001", "  Lap-001 ", "pf1abc"])
def test_the_session_form_lends_by_the_label_in_any_case(org_a, client_for, typed):
    device = DeviceFactory(
        organisation=org_a.organisation, asset_tag="LAP-001", serial_number="PF1ABC"
    )
    response = client_for(org_a.champion).post(
        reverse("sessions_log:create"), _session(**{"loan-device": typed})
    )
    assert response.status_code == 302
    assert device.loans.get().learner.display_name == "Mrs P"


def test_a_tag_wins_over_another_devices_serial_that_reads_the_same(org_a):
    by_serial = DeviceFactory(organisation=org_a.organisation, asset_tag="A-1", serial_number="X")
    by_tag = DeviceFactory(organisation=org_a.organisation, asset_tag="x", serial_number="S-9")
    found = selectors.device_by_label(organisation=org_a.organisation, typed="X")
    assert found == by_tag and found != by_serial


def test_a_transfer_finds_devices_by_their_label_in_any_case(
    org_a, org_b, network_admin, client_for
):
    moving = DeviceFactory(organisation=org_a.organisation, asset_tag="MOVE-1")
    response = client_for(network_admin).post(
        reverse("devices:network_transfer"),
        {
            "from_organisation": org_a.organisation.public_id,
            "to_organisation": org_b.organisation.public_id,
            "asset_tags": "move-1",
        },
    )
    assert response.status_code == 302
    moving.refresh_from_db()
    assert moving.organisation == org_b.organisation
    assert DeviceTransfer.objects.get().device_count == 1


def test_the_migration_trims_labels_and_renames_later_clashes(org_a, org_b, capsys):
    """Rows as they could be before the rule: the test drops the unique indexes inside its own
    transaction (rolled back with it), writes clashing labels, and runs the migration's step."""
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX device_asset_tag_unique_in_org_ci")
        cursor.execute("DROP INDEX device_serial_unique_in_org_ci")
    oldest = DeviceFactory(organisation=org_a.organisation, asset_tag="LAP-001", serial_number="")
    later = DeviceFactory(organisation=org_a.organisation, asset_tag="lap-001", serial_number="")
    spaced = DeviceFactory(organisation=org_a.organisation, asset_tag=" LAP-001 ")
    elsewhere = DeviceFactory(organisation=org_b.organisation, asset_tag="lap-001")
    serials = [
        DeviceFactory(organisation=org_a.organisation, serial_number=s) for s in ("PF1", "pf1")
    ]
    migration = import_module("devices.migrations.0004_labels_unique_in_any_case")
    migration.labels_put_right(apps, None)
    tags = {d.pk: d.asset_tag for d in Device.objects.all()}
    assert tags[oldest.pk] == "LAP-001" and tags[elsewhere.pk] == "lap-001"
    assert tags[later.pk] == f"lap-001 (duplicate {later.pk})"
    assert tags[spaced.pk] == f"LAP-001 (duplicate {spaced.pk})"
    serials_now = [Device.objects.get(pk=d.pk).serial_number for d in serials]
    assert serials_now == ["PF1", f"pf1 (duplicate {serials[1].pk})"]
    said = capsys.readouterr().out
    assert "trimmed to 'LAP-001'" in said and f"renamed 'lap-001 (duplicate {later.pk})'" in said
    # Every label is now unique in any case: the indexes build again.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the factories' rows checked first
        cursor.execute(
            "CREATE UNIQUE INDEX again ON devices_device (organisation_id, lower(asset_tag)) "
            "WHERE asset_tag <> ''"
        )
