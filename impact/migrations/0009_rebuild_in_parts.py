"""The rollup rebuild in parts, one function per rollup table, so a bulk load into a fresh
database can run them over two connections at once (impact.rollups.REBUILD_PARTS); the one-
transaction rebuild calls the same parts. A snapshot of impact/sql/rollups.sql at this point
(the same statements as 0005's rebuild, moved, none changed)."""

import importlib
from django.db import migrations

PARTS = (
    "impact_rebuild_daytotals",
    "impact_rebuild_championday",
    "impact_rebuild_dimensionmonth",
    "impact_rebuild_championactivity",
    "impact_rebuild_learneractivity",
    "impact_figures_touch_all",
)

FUNCTIONS = r"""
-- The rebuild in parts, one rollup table each, from the session tables (ChampionActivity from
-- ChampionDay). impact_rollups_rebuild() runs them all in one transaction; a bulk load into a
-- fresh database runs them over two connections at once (impact.rollups.REBUILD_PARTS).
CREATE OR REPLACE FUNCTION impact_rebuild_daytotals() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
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
END
$$;

CREATE OR REPLACE FUNCTION impact_rebuild_championday() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
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
END
$$;

CREATE OR REPLACE FUNCTION impact_rebuild_dimensionmonth() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
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
END
$$;

CREATE OR REPLACE FUNCTION impact_rebuild_championactivity() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO impact_championactivity (organisation_id, champion_id, first_on, last_on, days)
    SELECT * FROM impact_champion_rows(NULL, NULL);
END
$$;

CREATE OR REPLACE FUNCTION impact_rebuild_learneractivity() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO impact_learneractivity (
        learner_id, organisation_id, first_on, last_on, days, multi, age_band, gender,
        employment_status, disability, first_language_english, assessments,
        first_foundation, first_communicating, first_handling_information, first_transacting,
        first_problem_solving, first_safe_and_legal, first_tasks,
        latest_foundation, latest_communicating, latest_handling_information,
        latest_transacting, latest_problem_solving, latest_safe_and_legal, latest_tasks
    )
    SELECT * FROM impact_learner_rows(NULL) ORDER BY 2;
END
$$;

-- Every organisation's figures may have changed.
CREATE OR REPLACE FUNCTION impact_figures_touch_all() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO impact_figuresversion AS v (organisation_id, version)
    SELECT id, 1 FROM organisations_organisation
    ON CONFLICT (organisation_id) DO UPDATE SET version = v.version + 1;
END
$$;

CREATE OR REPLACE FUNCTION impact_rollups_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE impact_daytotals, impact_championday, impact_dimensionmonth,
             impact_championactivity, impact_learneractivity;
    PERFORM impact_rebuild_daytotals();
    PERFORM impact_rebuild_championday();
    PERFORM impact_rebuild_dimensionmonth();
    PERFORM impact_rebuild_championactivity();  -- from ChampionDay, just rebuilt
    PERFORM impact_rebuild_learneractivity();
    PERFORM impact_figures_touch_all();
END
$$;
"""


def _previous_rebuild() -> str:
    """0005's rebuild, to go back to."""
    previous = importlib.import_module("impact.migrations.0005_figures_version").FUNCTIONS
    start = previous.index("CREATE OR REPLACE FUNCTION impact_rollups_rebuild")
    return previous[start : previous.index("$$;", previous.index("END", start)) + 3]


class Migration(migrations.Migration):
    dependencies = [("impact", "0008_evidence_figures_version")]

    operations = [
        migrations.RunSQL(
            FUNCTIONS,
            _previous_rebuild() + "".join(f"\nDROP FUNCTION IF EXISTS {p}();" for p in PARTS),
        )
    ]
