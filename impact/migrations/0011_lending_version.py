"""An organisation's lending version beside its version (impact.models.FiguresVersion): a write
to its devices, loans, SIMs or vouchers moves both, any other write the version alone, so the
network's kept sum (impact/network_sum.py) computes an organisation's lending part again only
after a lending write, and the rest of its part only after another (issue 18: the largest
national organisation's lending figures were 90 of the 220 ms its part took after a session).
A snapshot of the functions and triggers of impact/sql/rollups.sql that change."""

import importlib

from django.db import migrations, models

LENDING_TABLES = ("devices_device", "devices_loan", "devices_datagift")

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION impact_figures_touch_all() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO impact_figuresversion AS v (organisation_id, version, lending_version)
    SELECT id, 1, 1 FROM organisations_organisation
    ON CONFLICT (organisation_id) DO UPDATE
        SET version = v.version + 1, lending_version = v.lending_version + 1;
END
$$;

CREATE OR REPLACE FUNCTION impact_lending_touch(org bigint) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO impact_figuresversion AS v (organisation_id, version, lending_version)
    VALUES (org, 1, 1)
    ON CONFLICT (organisation_id) DO UPDATE
        SET version = v.version + 1, lending_version = v.lending_version + 1
$$;

CREATE OR REPLACE FUNCTION impact_figures_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_org bigint;
    new_org bigint;
    lending boolean := TG_NARGS > 1 AND TG_ARGV[1] = 'lending';
BEGIN
    IF impact_rollups_paused() THEN
        RETURN NULL;  -- a paused bulk load ends with impact_rollups_rebuild(), which touches all
    END IF;
    IF TG_OP <> 'INSERT' THEN
        old_org := (to_jsonb(OLD) ->> TG_ARGV[0])::bigint;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_org := (to_jsonb(NEW) ->> TG_ARGV[0])::bigint;
    END IF;
    IF old_org IS NOT NULL THEN
        IF lending THEN
            PERFORM impact_lending_touch(old_org);
        ELSE
            PERFORM impact_figures_touch(old_org);
        END IF;
    END IF;
    IF new_org IS NOT NULL AND new_org IS DISTINCT FROM old_org THEN
        IF lending THEN
            PERFORM impact_lending_touch(new_org);
        ELSE
            PERFORM impact_figures_touch(new_org);
        END IF;
    END IF;
    RETURN NULL;
END
$$;
"""


def _triggers(*arguments: str) -> str:
    called = ", ".join(f"'{argument}'" for argument in arguments)
    return "\n".join(
        f"DROP TRIGGER IF EXISTS impact_figures ON {table};\n"
        f"CREATE TRIGGER impact_figures AFTER INSERT OR UPDATE OR DELETE ON {table}\n"
        f"    FOR EACH ROW EXECUTE FUNCTION impact_figures_changed({called});"
        for table in LENDING_TABLES
    )


# The functions as 0009 and 0005 created them, to go back to.
_previous = importlib.import_module("impact.migrations.0010_learner_task_counts")._previous
PREVIOUS_FUNCTIONS = "\n".join(
    (
        _previous("0009_rebuild_in_parts", "impact_figures_touch_all"),
        _previous("0005_figures_version", "impact_figures_changed"),
    )
)


class Migration(migrations.Migration):
    dependencies = [("impact", "0010_learner_task_counts")]

    operations = [
        migrations.AddField(
            model_name="figuresversion",
            name="lending_version",
            field=models.BigIntegerField(db_default=0),
        ),
        migrations.RunSQL(
            FUNCTIONS + _triggers("organisation_id", "lending"),
            PREVIOUS_FUNCTIONS
            + "\n"
            + _triggers("organisation_id")
            + "\nDROP FUNCTION IF EXISTS impact_lending_touch(bigint);",
        ),
    ]
