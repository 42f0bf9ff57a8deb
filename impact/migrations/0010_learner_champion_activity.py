"""Different people per team and per champion kept in a rollup, as LearnerActivity keeps them
per organisation: LearnerChampionActivity (a bit per day per learner, champion and team) and
ChampionDay.anonymous (people helped without a record), so the team and champion tables read
rows, not a year of attendances (issue 18). A snapshot of the functions of
impact/sql/rollups.sql that change here; the rows for data already there are filled at the end."""

import importlib

import django.db.models.deletion
import impact.models
from django.conf import settings
from django.db import migrations, models


FUNCTIONS = r"""
-- LearnerChampionActivity rows of the given learners (all learners when `ids` is NULL): per
-- learner, champion and team (of the session, in its organisation), the days they met.
CREATE OR REPLACE FUNCTION impact_learner_champion_rows(ids bigint[]) RETURNS TABLE (
    learner_id bigint, organisation_id bigint, champion_id bigint, team_id bigint,
    first_on date, last_on date, days varbit
)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY EXECUTE format($sql$
        SELECT d.learner_id, d.organisation_id, d.champion_id, d.team_id, min(d.date),
               max(d.date), impact_bits(min(d.date), max(d.date), array_agg(d.date))
        FROM (
            SELECT DISTINCT a.learner_id, s.organisation_id, s.champion_id, s.team_id, a.date
            FROM sessions_log_attendance a
            JOIN sessions_log_supportsession s ON s.id = a.session_id
            WHERE s.status = 'completed' AND s.deleted_at IS NULL %1$s
        ) d
        GROUP BY d.learner_id, d.organisation_id, d.champion_id, d.team_id
    $sql$, CASE WHEN ids IS NULL THEN '' ELSE 'AND a.learner_id = ANY($1)' END)
    USING ids;
END
$$;

-- Recompute the LearnerActivity and LearnerChampionActivity rows of these learners (rows only
-- for a learner who has been to a completed, live session).
CREATE OR REPLACE FUNCTION impact_learners_refresh(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    PERFORM impact_lock(o) FROM (
        SELECT DISTINCT organisation_id AS o FROM learners_learner WHERE id = ANY(ids) ORDER BY 1
    ) orgs;
    DELETE FROM impact_learneractivity WHERE learner_id = ANY(ids);
    INSERT INTO impact_learneractivity (
        learner_id, organisation_id, first_on, last_on, days, multi, age_band, gender,
        employment_status, disability, first_language_english, assessments,
        first_foundation, first_communicating, first_handling_information, first_transacting,
        first_problem_solving, first_safe_and_legal, first_tasks,
        latest_foundation, latest_communicating, latest_handling_information,
        latest_transacting, latest_problem_solving, latest_safe_and_legal, latest_tasks
    )
    SELECT * FROM impact_learner_rows(ids);
    DELETE FROM impact_learnerchampionactivity WHERE learner_id = ANY(ids);
    INSERT INTO impact_learnerchampionactivity (
        learner_id, organisation_id, champion_id, team_id, first_on, last_on, days
    )
    SELECT * FROM impact_learner_champion_rows(ids);
END
$$;

-- Add (sign 1) or take away (sign -1) one live session's figures.
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
        minutes, people, anonymous
    ) VALUES (
        s.organisation_id, s.champion_id, s.team_id, s.date,
        sign * (s.status = 'completed')::integer, sign * (s.status = 'planned')::integer,
        sign * (s.status = 'cancelled')::integer, sign * (s.status = 'no_show')::integer,
        CASE WHEN done THEN sign * s.duration_minutes ELSE 0 END,
        CASE WHEN done THEN sign * s.people_count ELSE 0 END,
        CASE WHEN done THEN sign * s.anonymous_count ELSE 0 END
    )
    ON CONFLICT (organisation_id, champion_id, team_id, date) DO UPDATE SET
        completed = t.completed + EXCLUDED.completed,
        planned = t.planned + EXCLUDED.planned,
        cancelled = t.cancelled + EXCLUDED.cancelled,
        no_show = t.no_show + EXCLUDED.no_show,
        minutes = t.minutes + EXCLUDED.minutes,
        people = t.people + EXCLUDED.people,
        anonymous = t.anonymous + EXCLUDED.anonymous;

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

CREATE OR REPLACE FUNCTION impact_session_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_counted boolean := false;  -- completed and not deleted: its learners count
    new_counted boolean := false;
    r record;
BEGIN
    IF impact_rollups_paused() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND (
        OLD.organisation_id, OLD.champion_id, OLD.team_id, OLD.status, OLD.date,
        OLD.duration_minutes, OLD.format, OLD.mode, OLD.topics, OLD.skill_areas, OLD.barriers,
        OLD.signposting, OLD.device_support, OLD.data_support, OLD.anonymous_count,
        OLD.people_count, OLD.cancel_reason, OLD.deleted_at IS NULL
    ) IS NOT DISTINCT FROM (
        NEW.organisation_id, NEW.champion_id, NEW.team_id, NEW.status, NEW.date,
        NEW.duration_minutes, NEW.format, NEW.mode, NEW.topics, NEW.skill_areas, NEW.barriers,
        NEW.signposting, NEW.device_support, NEW.data_support, NEW.anonymous_count,
        NEW.people_count, NEW.cancel_reason, NEW.deleted_at IS NULL
    ) THEN
        RETURN NULL;  -- notes, follow-ups, venue...: no figure moves
    END IF;
    IF TG_OP <> 'INSERT' THEN
        PERFORM impact_lock(OLD.organisation_id);
        old_counted := OLD.status = 'completed' AND OLD.deleted_at IS NULL;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM impact_lock(NEW.organisation_id);
        new_counted := NEW.status = 'completed' AND NEW.deleted_at IS NULL;
    END IF;

    IF TG_OP <> 'INSERT' AND OLD.deleted_at IS NULL THEN
        PERFORM impact_session_apply(OLD, -1);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL THEN
        PERFORM impact_session_apply(NEW, 1);
    END IF;

    -- The session's learners start or stop counting (completed, cancelled, deleted, restored).
    IF TG_OP = 'UPDATE' AND (old_counted <> new_counted
            OR (new_counted AND OLD.organisation_id <> NEW.organisation_id)) THEN
        FOR r IN
            SELECT a.date, count(*)::integer AS rated,
                   count(*) FILTER (WHERE a.confidence_after > a.confidence_before)::integer AS more,
                   sum(a.confidence_after - a.confidence_before)::integer AS uplift
            FROM sessions_log_attendance a
            WHERE a.session_id = NEW.id
              AND a.confidence_before IS NOT NULL AND a.confidence_after IS NOT NULL
            GROUP BY a.date
        LOOP
            IF old_counted THEN
                PERFORM impact_ratings_apply(OLD.organisation_id, r.date, -r.rated, -r.more, -r.uplift);
            END IF;
            IF new_counted THEN
                PERFORM impact_ratings_apply(NEW.organisation_id, r.date, r.rated, r.more, r.uplift);
            END IF;
        END LOOP;
        PERFORM impact_learners_refresh(ARRAY(
            SELECT DISTINCT a.learner_id FROM sessions_log_attendance a
            WHERE a.session_id = NEW.id ORDER BY 1
        ));
    END IF;

    -- The session's learners stay counted but with another champion or team.
    IF TG_OP = 'UPDATE' AND old_counted AND new_counted
            AND OLD.organisation_id = NEW.organisation_id
            AND (OLD.champion_id, OLD.team_id) IS DISTINCT FROM (NEW.champion_id, NEW.team_id) THEN
        PERFORM impact_learners_refresh(ARRAY(
            SELECT DISTINCT a.learner_id FROM sessions_log_attendance a
            WHERE a.session_id = NEW.id ORDER BY 1
        ));
    END IF;

    -- The champion's active days.
    IF old_counted AND NOT (new_counted AND (OLD.organisation_id, OLD.champion_id, OLD.date)
                            = (NEW.organisation_id, NEW.champion_id, NEW.date)) THEN
        PERFORM impact_champions_refresh(OLD.organisation_id, ARRAY[OLD.champion_id]);
    END IF;
    IF new_counted AND NOT (old_counted AND (OLD.organisation_id, OLD.champion_id, OLD.date)
                            = (NEW.organisation_id, NEW.champion_id, NEW.date)) THEN
        PERFORM impact_champions_refresh(NEW.organisation_id, ARRAY[NEW.champion_id]);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION impact_rebuild_championday() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO impact_championday (
        organisation_id, champion_id, team_id, date, completed, planned, cancelled, no_show,
        minutes, people, anonymous
    )
    SELECT organisation_id, champion_id, team_id, date,
           count(*) FILTER (WHERE status = 'completed'),
           count(*) FILTER (WHERE status = 'planned'),
           count(*) FILTER (WHERE status = 'cancelled'),
           count(*) FILTER (WHERE status = 'no_show'),
           coalesce(sum(duration_minutes) FILTER (WHERE status = 'completed'), 0),
           coalesce(sum(people_count) FILTER (WHERE status = 'completed'), 0),
           coalesce(sum(anonymous_count) FILTER (WHERE status = 'completed'), 0)
    FROM sessions_log_supportsession
    WHERE deleted_at IS NULL AND status IN ('completed', 'planned', 'cancelled', 'no_show')
    GROUP BY organisation_id, champion_id, team_id, date
    ORDER BY organisation_id, date;
END
$$;

CREATE OR REPLACE FUNCTION impact_rebuild_learnerchampionactivity() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO impact_learnerchampionactivity (
        learner_id, organisation_id, champion_id, team_id, first_on, last_on, days
    )
    SELECT * FROM impact_learner_champion_rows(NULL) ORDER BY 2;
END
$$;

CREATE OR REPLACE FUNCTION impact_rollups_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE impact_daytotals, impact_championday, impact_dimensionmonth,
             impact_championactivity, impact_learneractivity, impact_learnerchampionactivity;
    PERFORM impact_rebuild_daytotals();
    PERFORM impact_rebuild_championday();
    PERFORM impact_rebuild_dimensionmonth();
    PERFORM impact_rebuild_championactivity();  -- from ChampionDay, just rebuilt
    PERFORM impact_rebuild_learneractivity();
    PERFORM impact_rebuild_learnerchampionactivity();
    PERFORM impact_figures_touch_all();
END
$$;
"""

FILL = """
UPDATE impact_championday c SET anonymous = s.anonymous
FROM (
    SELECT organisation_id, champion_id, team_id, date, sum(anonymous_count) AS anonymous
    FROM sessions_log_supportsession
    WHERE deleted_at IS NULL AND status = 'completed' AND anonymous_count <> 0
    GROUP BY organisation_id, champion_id, team_id, date
) s
WHERE (c.organisation_id, c.champion_id, c.date) = (s.organisation_id, s.champion_id, s.date)
  AND c.team_id IS NOT DISTINCT FROM s.team_id;
SELECT impact_rebuild_learnerchampionactivity();
SELECT impact_figures_touch_all();
"""


def _previous(migration: str, name: str) -> str:
    """A function as an earlier migration created it, to go back to."""
    functions = importlib.import_module(f"impact.migrations.{migration}").FUNCTIONS
    start = functions.index(f"CREATE OR REPLACE FUNCTION {name}(")
    return functions[start : functions.index("$$;", functions.index("\nEND", start)) + 3]


PREVIOUS = (
    "\n".join(
        _previous(migration, name)
        for migration, name in (
            ("0003_rollup_triggers", "impact_learners_refresh"),
            ("0004_cumulative_month_counts", "impact_session_apply"),
            ("0003_rollup_triggers", "impact_session_changed"),
            ("0009_rebuild_in_parts", "impact_rebuild_championday"),
            ("0009_rebuild_in_parts", "impact_rollups_rebuild"),
        )
    )
    + """
DROP FUNCTION IF EXISTS impact_learner_champion_rows(bigint[]);
DROP FUNCTION IF EXISTS impact_rebuild_learnerchampionactivity();
"""
)


class Migration(migrations.Migration):
    dependencies = [
        ("impact", "0009_rebuild_in_parts"),
        ("learners", "0002_tasks_on_their_own"),
        ("organisations", "0004_organisation_default_language"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="championday",
            name="anonymous",
            field=models.IntegerField(default=0),
        ),
        migrations.CreateModel(
            name="LearnerChampionActivity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("first_on", models.DateField()),
                ("last_on", models.DateField()),
                ("days", impact.models.BitString()),
                (
                    "champion",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "learner",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="learners.learner",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="organisations.organisation",
                    ),
                ),
                (
                    "team",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="organisations.team",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["organisation", "last_on"], name="learnerchampion_org")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("learner", "champion", "team"),
                        name="learnerchampion_one_per_pair",
                        nulls_distinct=False,
                    )
                ],
            },
        ),
        migrations.RunSQL(FUNCTIONS, PREVIOUS),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
