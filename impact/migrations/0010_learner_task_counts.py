"""Tasks gained read from LearnerActivity, as distance travelled is: each learner's assessments
that asked about tasks and the tasks done at the first and latest of them, kept by the same
refresh (issue 18: read from the assessments, tasks gained took 200-460 ms of the national set's
largest organisation's first dashboard view). A snapshot of the functions of
impact/sql/rollups.sql that change; impact_learner_rows returns three more columns, so it is
dropped first. The rows already there are filled at the end."""

import importlib

from django.db import migrations, models


FUNCTIONS = (
    "DROP FUNCTION impact_learner_rows(bigint[]);\n"
    + r"""
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
"""
)

# The new columns of the rows already there, from impact_learner_rows above: the one definition
# of them, rather than a copy of its aggregation here (a full pass over the learners, as the
# rebuild makes).
FILL = """
UPDATE impact_learneractivity l SET
    task_assessments = r.task_assessments,
    first_task_count = r.first_task_count,
    latest_task_count = r.latest_task_count
FROM impact_learner_rows(NULL) r
WHERE r.learner_id = l.learner_id;
SELECT impact_figures_touch_all();
"""


def _previous(migration: str, name: str) -> str:
    """A function as an earlier migration created it, to go back to."""
    functions = importlib.import_module(f"impact.migrations.{migration}").FUNCTIONS
    start = functions.index(f"CREATE OR REPLACE FUNCTION {name}(")
    return functions[start : functions.index("$$;", functions.index("\nEND", start)) + 3]


PREVIOUS = "DROP FUNCTION impact_learner_rows(bigint[]);\n" + "\n".join(
    _previous(migration, name)
    for migration, name in (
        ("0003_rollup_triggers", "impact_learner_rows"),
        ("0003_rollup_triggers", "impact_learners_refresh"),
        ("0009_rebuild_in_parts", "impact_rebuild_learneractivity"),
    )
)


class Migration(migrations.Migration):
    dependencies = [
        ("impact", "0009_rebuild_in_parts"),
    ]

    operations = [
        migrations.AddField(
            model_name="learneractivity",
            name="first_task_count",
            field=models.IntegerField(null=True),
        ),
        migrations.AddField(
            model_name="learneractivity",
            name="latest_task_count",
            field=models.IntegerField(null=True),
        ),
        migrations.AddField(
            model_name="learneractivity",
            name="task_assessments",
            field=models.IntegerField(default=0),
        ),
        migrations.RunSQL(FUNCTIONS, PREVIOUS),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
