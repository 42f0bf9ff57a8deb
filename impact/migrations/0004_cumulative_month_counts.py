"""DimensionMonth keeps, for each day of the month, the sessions from the 1st up to that day
(`through_day`), so the sessions of a period that starts or ends mid-month are a difference of two
array elements instead of a sum over an unnested array per row; and a covering index lets the
network's breakdowns read whole months from the index alone. The rebuild writes each table in
organisation order, so one organisation's rows sit together. Everything is rebuilt once."""

import importlib

from django.db import migrations, models


FUNCTIONS = r"""
-- through_day array of DimensionMonth for `n` sessions on day `day`: 0 before it, n from it on.
CREATE OR REPLACE FUNCTION impact_day_slot(day integer, n integer) RETURNS integer[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_fill(0, ARRAY[day - 1]) || array_fill(n, ARRAY[32 - day])
$$;

-- `counts` added from day `day` to the end of the month.
CREATE OR REPLACE FUNCTION impact_add_from(counts integer[], day integer, n integer)
RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    FOR i IN day .. 31 LOOP
        counts[i] := counts[i] + n;
    END LOOP;
    RETURN counts;
END
$$;

-- through_day array of DimensionMonth from (day, count) pairs.
CREATE OR REPLACE FUNCTION impact_day_array(days integer[], counts integer[]) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    result integer[] := array_fill(0, ARRAY[31]);
BEGIN
    FOR i IN 1 .. coalesce(cardinality(days), 0) LOOP
        result := impact_add_from(result, days[i], counts[i]);
    END LOOP;
    RETURN result;
END
$$;

CREATE OR REPLACE FUNCTION impact_session_apply(s sessions_log_supportsession, sign integer)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    done boolean := s.status = 'completed';
    v_month date := date_trunc('month', s.date)::date;
    v_day integer := extract(day FROM s.date)::integer;
BEGIN
    IF s.status NOT IN ('completed', 'planned', 'cancelled', 'no_show') THEN
        RETURN;
    END IF;
    INSERT INTO impact_daytotals AS t (
        organisation_id, date, completed, planned, cancelled, no_show, minutes, anonymous,
        people, devices, data_support, rated, more_confident, uplift
    ) VALUES (
        s.organisation_id, s.date,
        sign * (s.status = 'completed')::integer, sign * (s.status = 'planned')::integer,
        sign * (s.status = 'cancelled')::integer, sign * (s.status = 'no_show')::integer,
        CASE WHEN done THEN sign * s.duration_minutes ELSE 0 END,
        CASE WHEN done THEN sign * s.anonymous_count ELSE 0 END,
        CASE WHEN done THEN sign * s.people_count ELSE 0 END,
        sign * (done AND s.device_support <> '')::integer,
        sign * (done AND s.data_support <> '')::integer,
        0, 0, 0
    )
    ON CONFLICT (organisation_id, date) DO UPDATE SET
        completed = t.completed + EXCLUDED.completed,
        planned = t.planned + EXCLUDED.planned,
        cancelled = t.cancelled + EXCLUDED.cancelled,
        no_show = t.no_show + EXCLUDED.no_show,
        minutes = t.minutes + EXCLUDED.minutes,
        anonymous = t.anonymous + EXCLUDED.anonymous,
        people = t.people + EXCLUDED.people,
        devices = t.devices + EXCLUDED.devices,
        data_support = t.data_support + EXCLUDED.data_support;

    INSERT INTO impact_championday AS t (
        organisation_id, champion_id, team_id, date, completed, planned, cancelled, no_show,
        minutes, people
    ) VALUES (
        s.organisation_id, s.champion_id, s.team_id, s.date,
        sign * (s.status = 'completed')::integer, sign * (s.status = 'planned')::integer,
        sign * (s.status = 'cancelled')::integer, sign * (s.status = 'no_show')::integer,
        CASE WHEN done THEN sign * s.duration_minutes ELSE 0 END,
        CASE WHEN done THEN sign * s.people_count ELSE 0 END
    )
    ON CONFLICT (organisation_id, champion_id, team_id, date) DO UPDATE SET
        completed = t.completed + EXCLUDED.completed,
        planned = t.planned + EXCLUDED.planned,
        cancelled = t.cancelled + EXCLUDED.cancelled,
        no_show = t.no_show + EXCLUDED.no_show,
        minutes = t.minutes + EXCLUDED.minutes,
        people = t.people + EXCLUDED.people;

    INSERT INTO impact_dimensionmonth AS t (
        organisation_id, month, dimension, value, total, through_day
    )
    SELECT s.organisation_id, v_month, v.dimension, v.value, sign * count(*)::integer,
           impact_day_slot(v_day, sign * count(*)::integer)
    FROM (
        SELECT 'topics' AS dimension, x AS value FROM unnest(s.topics) x WHERE done
        UNION ALL SELECT 'skill_areas', x FROM unnest(s.skill_areas) x WHERE done
        UNION ALL SELECT 'barriers', x FROM unnest(s.barriers) x WHERE done
        UNION ALL SELECT 'signposting', x FROM unnest(s.signposting) x WHERE done
        UNION ALL SELECT 'mode', s.mode WHERE done
        UNION ALL SELECT 'format', s.format WHERE done
        UNION ALL SELECT 'cancel_reason', s.cancel_reason WHERE s.status = 'cancelled'
    ) v
    WHERE v.value IS NOT NULL
    GROUP BY v.dimension, v.value
    ON CONFLICT (organisation_id, month, dimension, value) DO UPDATE SET
        total = t.total + EXCLUDED.total,
        through_day = impact_add_from(t.through_day, v_day, EXCLUDED.total);

    IF sign < 0 THEN
        DELETE FROM impact_daytotals
        WHERE organisation_id = s.organisation_id AND date = s.date
          AND completed = 0 AND planned = 0 AND cancelled = 0 AND no_show = 0 AND rated = 0;
        DELETE FROM impact_championday
        WHERE organisation_id = s.organisation_id AND champion_id = s.champion_id
          AND team_id IS NOT DISTINCT FROM s.team_id AND date = s.date
          AND completed = 0 AND planned = 0 AND cancelled = 0 AND no_show = 0;
        DELETE FROM impact_dimensionmonth
        WHERE organisation_id = s.organisation_id AND month = v_month AND total = 0;
    END IF;
END
$$;

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
END
$$;
"""


def _previous_functions() -> str:
    """The 0003 definitions, to go back to (the CREATE OR REPLACE part, not the triggers)."""
    previous = importlib.import_module("impact.migrations.0003_rollup_triggers").FUNCTIONS
    return previous[: previous.index("CREATE TRIGGER")] + "DROP FUNCTION IF EXISTS impact_add_from(integer[], integer, integer);"


class Migration(migrations.Migration):

    dependencies = [
        ('impact', '0003_rollup_triggers'),
        ('organisations', '0002_organisation_setting_bounds'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='dimensionmonth',
            name='dimensionmonth_month',
        ),
        migrations.RenameField(
            model_name='dimensionmonth',
            old_name='by_day',
            new_name='through_day',
        ),
        migrations.AddIndex(
            model_name='dimensionmonth',
            index=models.Index(fields=['month'], include=('organisation', 'dimension', 'value', 'total'), name='dimensionmonth_month_cover'),
        ),
        migrations.RunSQL(FUNCTIONS, _previous_functions()),
        migrations.RunSQL("SELECT impact_rollups_rebuild()", "SELECT impact_rollups_rebuild()"),
    ]
