"""Follow-up checks and feedback answers are cached with the rest of the dashboard's figures
(impact/cache.py), so a write to either moves the organisation's FiguresVersion on, as a
session's does. A snapshot of the two triggers added to impact/sql/rollups.sql (the function
they run is 0005's, unchanged)."""

from django.db import migrations

TABLES = ("outcomes_outcomecheck", "feedback_learnerfeedback")

FORWARD = "\n".join(
    f"CREATE TRIGGER impact_figures AFTER INSERT OR UPDATE OR DELETE ON {table}\n"
    f"    FOR EACH ROW EXECUTE FUNCTION impact_figures_changed('organisation_id');"
    for table in TABLES
)
BACKWARD = "\n".join(f"DROP TRIGGER IF EXISTS impact_figures ON {table};" for table in TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("impact", "0007_lending_figures_version"),
        ("outcomes", "0001_follow_up_checks"),
        ("feedback", "0003_moderation"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
