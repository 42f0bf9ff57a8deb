"""The lending library's figures are cached with the rest (impact/cache.py), so a write to its
devices, loans, SIMs or vouchers moves the organisation's FiguresVersion on, as a session's does.
A snapshot of the three triggers added to impact/sql/rollups.sql (the function they run is
0005's, unchanged)."""

from django.db import migrations

TABLES = ("devices_device", "devices_loan", "devices_datagift")

FORWARD = "\n".join(
    f"CREATE TRIGGER impact_figures AFTER INSERT OR UPDATE OR DELETE ON {table}\n"
    f"    FOR EACH ROW EXECUTE FUNCTION impact_figures_changed('organisation_id');"
    for table in TABLES
)
BACKWARD = "\n".join(f"DROP TRIGGER IF EXISTS impact_figures ON {table};" for table in TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("impact", "0006_report_logo"),
        ("devices", "0004_labels_unique_in_any_case"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
