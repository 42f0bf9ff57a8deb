"""The version of each organisation's figures, kept by triggers on every table the figures read
(the cache of dashboards is keyed by it instead of by Python signals, which bulk writes, raw SQL
and the admin's bulk actions never sent). A snapshot of impact/sql/rollups.sql at this point:
the new functions and triggers, and the rebuild, which now touches every organisation."""

import importlib

from django.db import migrations, models

FUNCTIONS = r"""
-- The version of one organisation's figures (impact.models.FiguresVersion): one more after
-- every write to the data behind them, in the writer's own transaction, so figures cached under
-- the version (impact/cache.py) are never read after a change, whatever wrote it.
CREATE OR REPLACE FUNCTION impact_figures_touch(org bigint) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO impact_figuresversion AS v (organisation_id, version) VALUES (org, 1)
    ON CONFLICT (organisation_id) DO UPDATE SET version = v.version + 1
$$;

-- Row trigger: the organisation named by column TG_ARGV[0] of the old and the new row changed.
CREATE OR REPLACE FUNCTION impact_figures_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_org bigint;
    new_org bigint;
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
        PERFORM impact_figures_touch(old_org);
    END IF;
    IF new_org IS NOT NULL AND new_org IS DISTINCT FROM old_org THEN
        PERFORM impact_figures_touch(new_org);
    END IF;
    RETURN NULL;
END
$$;

-- A person's name or active flag shows in the tables of every organisation they belong to.
CREATE OR REPLACE FUNCTION impact_user_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM impact_figures_touch(m.organisation_id)
    FROM organisations_membership m WHERE m.user_id = NEW.id;
    RETURN NULL;
END
$$;

-- Every rollup recomputed from the session tables in a few set-based statements: after a bulk
-- load with the triggers paused, or to check the triggers (tests/impact/test_rollups.py).
CREATE OR REPLACE FUNCTION impact_rollups_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE impact_daytotals, impact_championday, impact_dimensionmonth,
             impact_championactivity, impact_learneractivity;

    INSERT INTO impact_daytotals (
        organisation_id, date, completed, planned, cancelled, no_show, minutes, anonymous,
        people, devices, data_support, rated, more_confident, uplift
    )
    SELECT coalesce(s.organisation_id, r.organisation_id), coalesce(s.date, r.date),
           coalesce(s.completed, 0), coalesce(s.planned, 0), coalesce(s.cancelled, 0),
           coalesce(s.no_show, 0), coalesce(s.minutes, 0), coalesce(s.anonymous, 0),
           coalesce(s.people, 0), coalesce(s.devices, 0), coalesce(s.data_support, 0),
           coalesce(r.rated, 0), coalesce(r.more, 0), coalesce(r.uplift, 0)
    FROM (
        SELECT organisation_id, date,
               count(*) FILTER (WHERE status = 'completed') AS completed,
               count(*) FILTER (WHERE status = 'planned') AS planned,
               count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
               count(*) FILTER (WHERE status = 'no_show') AS no_show,
               coalesce(sum(duration_minutes) FILTER (WHERE status = 'completed'), 0) AS minutes,
               coalesce(sum(anonymous_count) FILTER (WHERE status = 'completed'), 0) AS anonymous,
               coalesce(sum(people_count) FILTER (WHERE status = 'completed'), 0) AS people,
               count(*) FILTER (WHERE status = 'completed' AND device_support <> '') AS devices,
               count(*) FILTER (WHERE status = 'completed' AND data_support <> '') AS data_support
        FROM sessions_log_supportsession
        WHERE deleted_at IS NULL AND status IN ('completed', 'planned', 'cancelled', 'no_show')
        GROUP BY organisation_id, date
    ) s
    FULL OUTER JOIN (
        SELECT s.organisation_id, a.date, count(*) AS rated,
               count(*) FILTER (WHERE a.confidence_after > a.confidence_before) AS more,
               sum(a.confidence_after - a.confidence_before) AS uplift
        FROM sessions_log_attendance a
        JOIN sessions_log_supportsession s ON s.id = a.session_id
        WHERE s.status = 'completed' AND s.deleted_at IS NULL
          AND a.confidence_before IS NOT NULL AND a.confidence_after IS NOT NULL
        GROUP BY s.organisation_id, a.date
    ) r ON r.organisation_id = s.organisation_id AND r.date = s.date
    ORDER BY 1, 2;

    INSERT INTO impact_championday (
        organisation_id, champion_id, team_id, date, completed, planned, cancelled, no_show,
        minutes, people
    )
    SELECT organisation_id, champion_id, team_id, date,
           count(*) FILTER (WHERE status = 'completed'),
           count(*) FILTER (WHERE status = 'planned'),
           count(*) FILTER (WHERE status = 'cancelled'),
           count(*) FILTER (WHERE status = 'no_show'),
           coalesce(sum(duration_minutes) FILTER (WHERE status = 'completed'), 0),
           coalesce(sum(people_count) FILTER (WHERE status = 'completed'), 0)
    FROM sessions_log_supportsession
    WHERE deleted_at IS NULL AND status IN ('completed', 'planned', 'cancelled', 'no_show')
    GROUP BY organisation_id, champion_id, team_id, date
    ORDER BY organisation_id, date;

    INSERT INTO impact_dimensionmonth (organisation_id, month, dimension, value, total, through_day)
    SELECT d.organisation_id, d.month, d.dimension, d.value, sum(d.n)::integer,
           impact_day_array(array_agg(d.day), array_agg(d.n::integer))
    FROM (
        SELECT s.organisation_id, date_trunc('month', s.date)::date AS month, v.dimension,
               v.value, extract(day FROM s.date)::integer AS day, count(*) AS n
        FROM sessions_log_supportsession s
        CROSS JOIN LATERAL (
            SELECT 'topics' AS dimension, x AS value FROM unnest(s.topics) x
            WHERE s.status = 'completed'
            UNION ALL SELECT 'skill_areas', x FROM unnest(s.skill_areas) x
            WHERE s.status = 'completed'
            UNION ALL SELECT 'barriers', x FROM unnest(s.barriers) x WHERE s.status = 'completed'
            UNION ALL SELECT 'signposting', x FROM unnest(s.signposting) x
            WHERE s.status = 'completed'
            UNION ALL SELECT 'mode', s.mode WHERE s.status = 'completed'
            UNION ALL SELECT 'format', s.format WHERE s.status = 'completed'
            UNION ALL SELECT 'cancel_reason', s.cancel_reason WHERE s.status = 'cancelled'
        ) v
        WHERE s.deleted_at IS NULL AND v.value IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5
    ) d
    GROUP BY d.organisation_id, d.month, d.dimension, d.value
    ORDER BY d.month, d.organisation_id;

    INSERT INTO impact_championactivity (organisation_id, champion_id, first_on, last_on, days)
    SELECT * FROM impact_champion_rows(NULL, NULL);

    INSERT INTO impact_learneractivity (
        learner_id, organisation_id, first_on, last_on, days, multi, age_band, gender,
        employment_status, disability, first_language_english, assessments,
        first_foundation, first_communicating, first_handling_information, first_transacting,
        first_problem_solving, first_safe_and_legal, first_tasks,
        latest_foundation, latest_communicating, latest_handling_information,
        latest_transacting, latest_problem_solving, latest_safe_and_legal, latest_tasks
    )
    SELECT * FROM impact_learner_rows(NULL) ORDER BY 2;

    -- Every organisation's figures may have changed.
    INSERT INTO impact_figuresversion AS v (organisation_id, version)
    SELECT id, 1 FROM organisations_organisation
    ON CONFLICT (organisation_id) DO UPDATE SET version = v.version + 1;
END
$$;

CREATE TRIGGER impact_figures AFTER INSERT OR UPDATE OR DELETE ON sessions_log_supportsession
    FOR EACH ROW EXECUTE FUNCTION impact_figures_changed('organisation_id');

CREATE TRIGGER impact_figures AFTER INSERT OR UPDATE OR DELETE ON sessions_log_attendance
    FOR EACH ROW EXECUTE FUNCTION impact_figures_changed('organisation_id');

CREATE TRIGGER impact_figures AFTER INSERT OR UPDATE OR DELETE ON learners_learner
    FOR EACH ROW EXECUTE FUNCTION impact_figures_changed('organisation_id');

CREATE TRIGGER impact_figures AFTER INSERT OR UPDATE OR DELETE ON learners_selfassessment
    FOR EACH ROW EXECUTE FUNCTION impact_figures_changed('organisation_id');

CREATE TRIGGER impact_figures AFTER INSERT OR UPDATE OR DELETE ON learners_consent
    FOR EACH ROW EXECUTE FUNCTION impact_figures_changed('organisation_id');

CREATE TRIGGER impact_figures AFTER INSERT OR UPDATE OR DELETE ON organisations_membership
    FOR EACH ROW EXECUTE FUNCTION impact_figures_changed('organisation_id');

CREATE TRIGGER impact_figures AFTER INSERT OR UPDATE OR DELETE ON organisations_team
    FOR EACH ROW EXECUTE FUNCTION impact_figures_changed('organisation_id');

CREATE TRIGGER impact_figures AFTER INSERT OR UPDATE OR DELETE ON organisations_organisation
    FOR EACH ROW EXECUTE FUNCTION impact_figures_changed('id');

CREATE TRIGGER impact_figures AFTER UPDATE OF name, is_active ON accounts_user
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.is_active IS DISTINCT FROM NEW.is_active)
    EXECUTE FUNCTION impact_user_changed();
"""

DROP = """
DROP TRIGGER IF EXISTS impact_figures ON sessions_log_supportsession;
DROP TRIGGER IF EXISTS impact_figures ON sessions_log_attendance;
DROP TRIGGER IF EXISTS impact_figures ON learners_learner;
DROP TRIGGER IF EXISTS impact_figures ON learners_selfassessment;
DROP TRIGGER IF EXISTS impact_figures ON learners_consent;
DROP TRIGGER IF EXISTS impact_figures ON organisations_membership;
DROP TRIGGER IF EXISTS impact_figures ON organisations_team;
DROP TRIGGER IF EXISTS impact_figures ON organisations_organisation;
DROP TRIGGER IF EXISTS impact_figures ON accounts_user;
DROP FUNCTION IF EXISTS impact_user_changed();
DROP FUNCTION IF EXISTS impact_figures_changed();
DROP FUNCTION IF EXISTS impact_figures_touch(bigint);
"""


def _previous_rebuild() -> str:
    """0004's rebuild, to go back to."""
    previous = importlib.import_module("impact.migrations.0004_cumulative_month_counts").FUNCTIONS
    return previous[previous.index("CREATE OR REPLACE FUNCTION impact_rollups_rebuild") :]

class Migration(migrations.Migration):

    dependencies = [
        ('impact', '0004_cumulative_month_counts'),
    ]

    operations = [
        migrations.CreateModel(
            name='FiguresVersion',
            fields=[
                ('organisation_id', models.BigIntegerField(primary_key=True, serialize=False)),
                ('version', models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunSQL(FUNCTIONS, DROP + _previous_rebuild()),
        migrations.RunSQL(
            "INSERT INTO impact_figuresversion (organisation_id, version) "
            "SELECT id, 1 FROM organisations_organisation",
            migrations.RunSQL.noop,
        ),
    ]
