-- The rollups' SQL: the one live source of the functions and triggers that keep impact's rollup
-- tables (impact/rollups.py explains them). Migrations carry snapshots of it (0003, 0004, ...);
-- tests/impact/test_rollup_sql.py checks that the database runs exactly what this file says.
-- To change it: edit this file, then add a migration that runs a copy of the changed functions.

CREATE OR REPLACE FUNCTION impact_rollups_paused() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('impact.rollups_paused', true), '') = 'on'
$$;

-- Serialise the recomputing triggers of one organisation until the end of the transaction.
CREATE OR REPLACE FUNCTION impact_lock(org bigint) RETURNS void
LANGUAGE sql AS $$
    SELECT pg_advisory_xact_lock(1768779, org::integer)
$$;

-- One bit per day from first_on to last_on (bit 0 is first_on), set for each day in `days`.
CREATE OR REPLACE FUNCTION impact_bits(first_on date, last_on date, days date[]) RETURNS varbit
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    bits varbit;
    day date;
BEGIN
    IF first_on IS NULL THEN
        RETURN NULL;
    END IF;
    bits := repeat('0', last_on - first_on + 1)::varbit;
    FOREACH day IN ARRAY coalesce(days, '{}') LOOP
        bits := set_bit(bits, day - first_on, 1);
    END LOOP;
    RETURN bits;
END
$$;

-- How many of the days from `start` to `finish` have their bit set.
CREATE OR REPLACE FUNCTION impact_days_in(
    bits varbit, first_on date, last_on date, start date, finish date
) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN bits IS NULL OR finish < first_on OR start > last_on THEN 0
        ELSE bit_count(substring(bits FROM greatest(start - first_on, 0) + 1
                                 FOR least(finish, last_on) - greatest(start, first_on) + 1))::integer
    END
$$;

-- through_day array of DimensionMonth for `n` sessions on day `day`: 0 before it, n from it on.
CREATE OR REPLACE FUNCTION impact_day_slot(day integer, n integer) RETURNS integer[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_fill(0, ARRAY[day - 1]) || array_fill(n, ARRAY[32 - day])
$$;

-- LearnerActivity rows of the given learners (all learners when `ids` is NULL): the one
-- definition used by the triggers and by the rebuild.
CREATE OR REPLACE FUNCTION impact_learner_rows(ids bigint[]) RETURNS TABLE (
    learner_id bigint, organisation_id bigint, first_on date, last_on date, days varbit,
    multi varbit, age_band varchar, gender varchar, employment_status varchar,
    disability varchar, first_language_english varchar, assessments integer,
    first_foundation smallint, first_communicating smallint,
    first_handling_information smallint, first_transacting smallint,
    first_problem_solving smallint, first_safe_and_legal smallint, first_tasks integer,
    latest_foundation smallint, latest_communicating smallint,
    latest_handling_information smallint, latest_transacting smallint,
    latest_problem_solving smallint, latest_safe_and_legal smallint, latest_tasks integer,
    task_assessments integer, first_task_count integer, latest_task_count integer
)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    only_these text := CASE WHEN ids IS NULL THEN '' ELSE ' AND {col} = ANY($1)' END;
BEGIN
    RETURN QUERY EXECUTE format($sql$
        WITH per_day AS (
            SELECT a.learner_id, a.date, count(*) AS n
            FROM sessions_log_attendance a
            JOIN sessions_log_supportsession s ON s.id = a.session_id
            WHERE s.status = 'completed' AND s.deleted_at IS NULL %1$s
            GROUP BY a.learner_id, a.date
        ), active AS (
            SELECT d.learner_id, min(d.date) AS first_on, max(d.date) AS last_on,
                   array_agg(d.date) AS days, array_agg(d.date) FILTER (WHERE d.n > 1) AS multi
            FROM per_day d GROUP BY d.learner_id
        ), assessed AS (
            SELECT sa.learner_id, count(*)::integer AS assessments,
                (array_agg(sa.foundation ORDER BY sa.assessed_on, sa.id))[1] AS f1,
                (array_agg(sa.communicating ORDER BY sa.assessed_on, sa.id))[1] AS f2,
                (array_agg(sa.handling_information ORDER BY sa.assessed_on, sa.id))[1] AS f3,
                (array_agg(sa.transacting ORDER BY sa.assessed_on, sa.id))[1] AS f4,
                (array_agg(sa.problem_solving ORDER BY sa.assessed_on, sa.id))[1] AS f5,
                (array_agg(sa.safe_and_legal ORDER BY sa.assessed_on, sa.id))[1] AS f6,
                (array_agg(cardinality(sa.foundation_tasks) ORDER BY sa.assessed_on, sa.id))[1] AS f7,
                (array_agg(sa.foundation ORDER BY sa.assessed_on DESC, sa.id DESC))[1] AS l1,
                (array_agg(sa.communicating ORDER BY sa.assessed_on DESC, sa.id DESC))[1] AS l2,
                (array_agg(sa.handling_information ORDER BY sa.assessed_on DESC, sa.id DESC))[1] AS l3,
                (array_agg(sa.transacting ORDER BY sa.assessed_on DESC, sa.id DESC))[1] AS l4,
                (array_agg(sa.problem_solving ORDER BY sa.assessed_on DESC, sa.id DESC))[1] AS l5,
                (array_agg(sa.safe_and_legal ORDER BY sa.assessed_on DESC, sa.id DESC))[1] AS l6,
                (array_agg(cardinality(sa.foundation_tasks) ORDER BY sa.assessed_on DESC, sa.id DESC))[1] AS l7,
                -- Tasks gained (impact.selectors.tasks_gained): the assessments that asked
                -- about tasks, and the foundation and life tasks done at the first and latest.
                count(*) FILTER (WHERE sa.asked)::integer AS t_n,
                (array_agg(sa.tasks ORDER BY sa.assessed_on, sa.created_at, sa.id)
                    FILTER (WHERE sa.asked))[1] AS t_first,
                (array_agg(sa.tasks ORDER BY sa.assessed_on DESC, sa.created_at DESC, sa.id DESC)
                    FILTER (WHERE sa.asked))[1] AS t_latest
            FROM (
                SELECT x.*,
                       cardinality(x.foundation_tasks) > 0
                           OR cardinality(x.life_areas_asked) > 0 AS asked,
                       cardinality(x.foundation_tasks) + cardinality(x.life_tasks) AS tasks
                FROM learners_selfassessment x
            ) sa
            WHERE sa.learner_id IN (SELECT active.learner_id FROM active)
            GROUP BY sa.learner_id
        )
        SELECT l.id, l.organisation_id, x.first_on, x.last_on,
               impact_bits(x.first_on, x.last_on, x.days),
               impact_bits(x.first_on, x.last_on, x.multi),
               l.age_band, l.gender, l.employment_status, l.disability, l.first_language_english,
               coalesce(y.assessments, 0), y.f1, y.f2, y.f3, y.f4, y.f5, y.f6, y.f7,
               y.l1, y.l2, y.l3, y.l4, y.l5, y.l6, y.l7,
               coalesce(y.t_n, 0), y.t_first, y.t_latest
        FROM active x
        JOIN learners_learner l ON l.id = x.learner_id
        LEFT JOIN assessed y ON y.learner_id = x.learner_id
    $sql$, replace(only_these, '{col}', 'a.learner_id'))
    USING ids;
END
$$;

-- Recompute the LearnerActivity rows of these learners (a row only for a learner who has been
-- to a completed, live session).
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
        latest_transacting, latest_problem_solving, latest_safe_and_legal, latest_tasks,
        task_assessments, first_task_count, latest_task_count
    )
    SELECT * FROM impact_learner_rows(ids);
END
$$;

-- ChampionActivity rows from ChampionDay (all when `org` is NULL).
CREATE OR REPLACE FUNCTION impact_champion_rows(org bigint, ids bigint[]) RETURNS TABLE (
    organisation_id bigint, champion_id bigint, first_on date, last_on date, days varbit
)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY EXECUTE format($sql$
        SELECT c.organisation_id, c.champion_id, min(c.date), max(c.date),
               impact_bits(min(c.date), max(c.date), array_agg(c.date))
        FROM impact_championday c
        WHERE c.completed > 0 %1$s
        GROUP BY c.organisation_id, c.champion_id
    $sql$, CASE WHEN org IS NULL THEN ''
                ELSE 'AND c.organisation_id = $1 AND c.champion_id = ANY($2)' END)
    USING org, ids;
END
$$;

CREATE OR REPLACE FUNCTION impact_champions_refresh(org bigint, ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM impact_lock(org);
    DELETE FROM impact_championactivity
    WHERE organisation_id = org AND champion_id = ANY(ids);
    INSERT INTO impact_championactivity (organisation_id, champion_id, first_on, last_on, days)
    SELECT * FROM impact_champion_rows(org, ids);
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

-- Add or take away confidence ratings (learners rated before and after) on a day.
CREATE OR REPLACE FUNCTION impact_ratings_apply(
    p_org bigint, p_day date, p_rated integer, p_more integer, p_uplift integer
) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF p_rated = 0 THEN
        RETURN;
    END IF;
    INSERT INTO impact_daytotals AS t (
        organisation_id, date, completed, planned, cancelled, no_show, minutes, anonymous,
        people, devices, data_support, rated, more_confident, uplift
    ) VALUES (p_org, p_day, 0, 0, 0, 0, 0, 0, 0, 0, 0, p_rated, p_more, p_uplift)
    ON CONFLICT (organisation_id, date) DO UPDATE SET
        rated = t.rated + EXCLUDED.rated,
        more_confident = t.more_confident + EXCLUDED.more_confident,
        uplift = t.uplift + EXCLUDED.uplift;
    IF p_rated < 0 THEN
        DELETE FROM impact_daytotals t
        WHERE t.organisation_id = p_org AND t.date = p_day AND t.completed = 0
          AND t.planned = 0 AND t.cancelled = 0 AND t.no_show = 0 AND t.rated = 0;
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

CREATE OR REPLACE FUNCTION impact_attendance_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    was_org bigint;
    was_counted boolean := false;  -- the session before: completed and not deleted
    cur_org bigint;
    cur_counted boolean := false;
BEGIN
    IF impact_rollups_paused() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND (
        OLD.session_id, OLD.learner_id, OLD.date, OLD.confidence_before, OLD.confidence_after
    ) IS NOT DISTINCT FROM (
        NEW.session_id, NEW.learner_id, NEW.date, NEW.confidence_before, NEW.confidence_after
    ) THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        SELECT s.organisation_id, s.status = 'completed' AND s.deleted_at IS NULL
        INTO was_org, was_counted
        FROM sessions_log_supportsession s WHERE s.id = OLD.session_id;
        was_counted := coalesce(was_counted, false);
        IF was_org IS NOT NULL THEN
            PERFORM impact_lock(was_org);
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT s.organisation_id, s.status = 'completed' AND s.deleted_at IS NULL
        INTO cur_org, cur_counted
        FROM sessions_log_supportsession s WHERE s.id = NEW.session_id;
        cur_counted := coalesce(cur_counted, false);
        IF cur_org IS NOT NULL THEN
            PERFORM impact_lock(cur_org);
        END IF;
    END IF;

    IF was_counted AND OLD.confidence_before IS NOT NULL AND OLD.confidence_after IS NOT NULL THEN
        PERFORM impact_ratings_apply(
            was_org, OLD.date, -1,
            -(OLD.confidence_after > OLD.confidence_before)::integer,
            -(OLD.confidence_after - OLD.confidence_before)
        );
    END IF;
    IF cur_counted AND NEW.confidence_before IS NOT NULL AND NEW.confidence_after IS NOT NULL THEN
        PERFORM impact_ratings_apply(
            cur_org, NEW.date, 1,
            (NEW.confidence_after > NEW.confidence_before)::integer,
            NEW.confidence_after - NEW.confidence_before
        );
    END IF;

    IF TG_OP = 'INSERT' THEN
        IF cur_counted THEN
            PERFORM impact_learners_refresh(ARRAY[NEW.learner_id]);
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF was_counted THEN
            PERFORM impact_learners_refresh(ARRAY[OLD.learner_id]);
        END IF;
    ELSIF (was_counted OR cur_counted) AND (OLD.session_id, OLD.learner_id, OLD.date)
            IS DISTINCT FROM (NEW.session_id, NEW.learner_id, NEW.date) THEN
        PERFORM impact_learners_refresh(ARRAY(
            SELECT DISTINCT x FROM unnest(ARRAY[OLD.learner_id, NEW.learner_id]) x ORDER BY 1
        ));
    END IF;
    RETURN NULL;
END
$$;

-- A learner's demographic bands are copied into their LearnerActivity row.
CREATE OR REPLACE FUNCTION impact_learner_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF impact_rollups_paused() THEN
        RETURN NULL;
    END IF;
    IF (OLD.organisation_id, OLD.age_band, OLD.gender, OLD.employment_status, OLD.disability,
        OLD.first_language_english)
       IS DISTINCT FROM
       (NEW.organisation_id, NEW.age_band, NEW.gender, NEW.employment_status, NEW.disability,
        NEW.first_language_english) THEN
        PERFORM impact_learners_refresh(ARRAY[NEW.id]);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION impact_assessment_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF impact_rollups_paused() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM impact_learners_refresh(ARRAY[NEW.learner_id]);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM impact_learners_refresh(ARRAY[OLD.learner_id]);
    ELSE
        PERFORM impact_learners_refresh(ARRAY(
            SELECT DISTINCT x FROM unnest(ARRAY[OLD.learner_id, NEW.learner_id]) x ORDER BY 1
        ));
    END IF;
    RETURN NULL;
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

-- Every rollup recomputed from the session tables in a few set-based statements: after a bulk
-- load with the triggers paused, or to check the triggers (tests/impact/test_rollups.py).
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
        latest_transacting, latest_problem_solving, latest_safe_and_legal, latest_tasks,
        task_assessments, first_task_count, latest_task_count
    )
    SELECT * FROM impact_learner_rows(NULL) ORDER BY 2;
END
$$;

-- Every organisation's figures may have changed.
CREATE OR REPLACE FUNCTION impact_figures_touch_all() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO impact_figuresversion AS v (organisation_id, version, lending_version)
    SELECT id, 1, 1 FROM organisations_organisation
    ON CONFLICT (organisation_id) DO UPDATE
        SET version = v.version + 1, lending_version = v.lending_version + 1;
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
-- The version of one organisation's figures (impact.models.FiguresVersion): one more after
-- every write to the data behind them, in the writer's own transaction, so figures cached under
-- the version (impact/cache.py) are never read after a change, whatever wrote it.
CREATE OR REPLACE FUNCTION impact_figures_touch(org bigint) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO impact_figuresversion AS v (organisation_id, version) VALUES (org, 1)
    ON CONFLICT (organisation_id) DO UPDATE SET version = v.version + 1
$$;

-- A write to the lending library's data moves the organisation's version on as any write does,
-- and its lending version too: the network's kept sum (impact/network_sum.py) computes an
-- organisation's lending part again only when this moved, and the rest of its part only when
-- the difference of the two did.
CREATE OR REPLACE FUNCTION impact_lending_touch(org bigint) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO impact_figuresversion AS v (organisation_id, version, lending_version)
    VALUES (org, 1, 1)
    ON CONFLICT (organisation_id) DO UPDATE
        SET version = v.version + 1, lending_version = v.lending_version + 1
$$;

-- Row trigger: the organisation named by column TG_ARGV[0] of the old and the new row changed
-- (its lending library's data when TG_ARGV[1] is 'lending').
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

-- A person's name or active flag shows in the tables of every organisation they belong to.
CREATE OR REPLACE FUNCTION impact_user_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM impact_figures_touch(m.organisation_id)
    FROM organisations_membership m WHERE m.user_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER impact_rollups AFTER INSERT OR UPDATE OR DELETE ON sessions_log_supportsession
    FOR EACH ROW EXECUTE FUNCTION impact_session_changed();

CREATE TRIGGER impact_rollups AFTER INSERT OR UPDATE OR DELETE ON sessions_log_attendance
    FOR EACH ROW EXECUTE FUNCTION impact_attendance_changed();

CREATE TRIGGER impact_rollups AFTER UPDATE ON learners_learner
    FOR EACH ROW EXECUTE FUNCTION impact_learner_changed();

CREATE TRIGGER impact_rollups AFTER INSERT OR UPDATE OR DELETE ON learners_selfassessment
    FOR EACH ROW EXECUTE FUNCTION impact_assessment_changed();

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

-- The lending library's figures (devices.selectors.lending_figures): stock, loans, SIMs and
-- vouchers. A device transferred moves both organisations' versions on (its old and new row),
-- and their lending versions.
CREATE TRIGGER impact_figures AFTER INSERT OR UPDATE OR DELETE ON devices_device
    FOR EACH ROW EXECUTE FUNCTION impact_figures_changed('organisation_id', 'lending');

CREATE TRIGGER impact_figures AFTER INSERT OR UPDATE OR DELETE ON devices_loan
    FOR EACH ROW EXECUTE FUNCTION impact_figures_changed('organisation_id', 'lending');

CREATE TRIGGER impact_figures AFTER INSERT OR UPDATE OR DELETE ON devices_datagift
    FOR EACH ROW EXECUTE FUNCTION impact_figures_changed('organisation_id', 'lending');

-- Outcomes that lasted and the learners' own voice (impact.evidence.evidence_figures).
CREATE TRIGGER impact_figures AFTER INSERT OR UPDATE OR DELETE ON outcomes_outcomecheck
    FOR EACH ROW EXECUTE FUNCTION impact_figures_changed('organisation_id');

CREATE TRIGGER impact_figures AFTER INSERT OR UPDATE OR DELETE ON feedback_learnerfeedback
    FOR EACH ROW EXECUTE FUNCTION impact_figures_changed('organisation_id');

CREATE TRIGGER impact_figures AFTER UPDATE OF name, is_active ON accounts_user
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.is_active IS DISTINCT FROM NEW.is_active)
    EXECUTE FUNCTION impact_user_changed();
