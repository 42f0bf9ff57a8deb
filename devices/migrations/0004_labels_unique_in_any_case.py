"""Asset tags and serial numbers become unique per organisation in any case ("LAP-001" and
"lap-001" are one label) and are stored without spaces around them.

Existing rows are put right first, and every change is printed:
- a label with spaces around it is trimmed;
- when two devices of one organisation then share a label in some case, the oldest keeps it and
  each later one gets " (duplicate <its id>)" after it, so nothing is lost and a person can find
  and fix it from the stock list (search for "duplicate")."""

from django.db import migrations, models
from django.db.models import Count, F, Q
from django.db.models.functions import Lower

LABELS = ("asset_tag", "serial_number")
LENGTHS = {"asset_tag": 40, "serial_number": 80}
SPACES_AROUND = r"^\s|\s$"


def _say(line: str) -> None:
    print(f"\n  devices 0004: {line}", end="")


def labels_put_right(apps, schema_editor):
    Device = apps.get_model("devices", "Device")
    for field in LABELS:
        for device in Device.objects.filter(**{f"{field}__regex": SPACES_AROUND}):
            before = getattr(device, field)
            setattr(device, field, before.strip())
            device.save(update_fields=[field])
            _say(f"device {device.pk}: {field} {before!r} trimmed to {before.strip()!r}")
        clashes = (
            Device.objects.exclude(**{field: ""})
            .values("organisation_id", key=Lower(field))
            .annotate(n=Count("id"))
            .filter(n__gt=1)
            .order_by()
        )
        for clash in clashes:
            same = list(
                Device.objects.filter(organisation_id=clash["organisation_id"])
                .alias(key=Lower(field))
                .filter(key=clash["key"])
                .order_by("created_at", "pk")
            )
            kept = same[0]
            for device in same[1:]:
                before = getattr(device, field)
                suffix = f" (duplicate {device.pk})"
                after = before[: LENGTHS[field] - len(suffix)] + suffix
                setattr(device, field, after)
                device.save(update_fields=[field])
                _say(
                    f"organisation {clash['organisation_id']}: device {device.pk}'s {field} "
                    f"{before!r} is the same as device {kept.pk}'s "
                    f"{getattr(kept, field)!r}; renamed {after!r}"
                )


class Migration(migrations.Migration):
    dependencies = [
        ("devices", "0003_dashboard_covering_indexes"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="device", name="device_asset_tag_unique_in_org"),
        migrations.RemoveConstraint(model_name="device", name="device_serial_unique_in_org"),
        migrations.RunPython(labels_put_right, migrations.RunPython.noop, elidable=False),
        # The rows changed above are checked now, so the indexes can be built in this transaction.
        migrations.RunSQL("SET CONSTRAINTS ALL IMMEDIATE", migrations.RunSQL.noop),
        migrations.AddConstraint(
            model_name="device",
            constraint=models.UniqueConstraint(
                F("organisation"),
                Lower("asset_tag"),
                condition=~Q(asset_tag=""),
                name="device_asset_tag_unique_in_org_ci",
            ),
        ),
        migrations.AddConstraint(
            model_name="device",
            constraint=models.UniqueConstraint(
                F("organisation"),
                Lower("serial_number"),
                condition=~Q(serial_number=""),
                name="device_serial_unique_in_org_ci",
            ),
        ),
    ]
