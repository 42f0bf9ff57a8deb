"""The national-scale seeder, run at a tiny scale: the same code path as `seed_demo --scale large`
(COPY, dropped and rebuilt indexes), checked for the figures the dashboards rely on."""

import datetime as dt

import pytest
from django.db import connection

from accounts.models import User
from bench import dataset
from bench.dataset import Scale, seed_large
from learners.models import Learner
from organisations.models import Membership, Organisation
from sessions_log.models import Attendance, SupportSession

TINY = Scale(
    organisations=6, champions=60, extra_pms=4, network_admins=1, learners=600, sessions=6_000
)
TODAY = dt.date(2026, 6, 1)


def _seed(seed=7):
    return seed_large(seed=seed, log=lambda message: None, today=TODAY, scale=TINY)


def _catalogue():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'sessions_log_%%' "
            "OR tablename LIKE 'learners_%%' ORDER BY 1"
        )
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid::regclass::text LIKE 'sessions_log_%%' "
            "OR conrelid::regclass::text LIKE 'learners_%%' ORDER BY 1"
        )
        return indexes, cursor.fetchall()


def _fingerprint():
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT md5(string_agg(concat_ws('|', s.public_id, o.name, u.email, s.date, s.status,
                s.format, s.mode, s.duration_minutes, s.topics::text, s.people_count),
                ',' ORDER BY s.public_id))
            FROM sessions_log_supportsession s
            JOIN organisations_organisation o ON o.id = s.organisation_id
            JOIN accounts_user u ON u.id = s.champion_id
            """
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_builds_the_programme_with_known_people_and_realistic_mixes():
    before = _catalogue()
    assert _seed() is True

    assert Organisation.objects.count() == 6
    assert SupportSession.objects.count() == 6_000
    assert Learner.objects.count() == 600
    assert Membership.objects.filter(role="champion").count() == 60
    pm = User.objects.get(email=dataset.LARGEST_PM_EMAIL)
    largest = Membership.objects.get(user=pm).organisation
    # The largest organisation really is the largest.
    counts = {o.pk: o.support_sessions.count() for o in Organisation.objects.all()}
    assert counts[largest.pk] == max(counts.values())
    assert User.objects.get(email=dataset.ADMIN_EMAIL).is_network_admin
    # Three years up to today, some planned ahead, every status and format present.
    dates = SupportSession.objects.order_by("date").values_list("date", flat=True)
    assert dates[0] >= TODAY.replace(year=TODAY.year - 3)
    assert SupportSession.objects.filter(date__gt=TODAY).exclude(status="planned").count() == 0
    assert SupportSession.objects.filter(date__gt=TODAY).exists()
    statuses = set(SupportSession.objects.values_list("status", flat=True).distinct())
    assert statuses == {"planned", "completed", "cancelled", "no_show"}
    formats = set(SupportSession.objects.values_list("format", flat=True).distinct())
    assert formats == {"one_to_one", "group", "drop_in"}
    # Indexes and constraints dropped for the load are back exactly as they were.
    assert _catalogue() == before


@pytest.mark.django_db
def test_denormalised_figures_match_the_rows():
    _seed()
    with connection.cursor() as cursor:
        # people_count = learners with a record + anonymous people, for every session.
        cursor.execute(
            """
            SELECT count(*) FROM sessions_log_supportsession s
            WHERE s.people_count <> s.anonymous_count
                + (SELECT count(*) FROM sessions_log_attendance a WHERE a.session_id = s.id)
            """
        )
        assert cursor.fetchone()[0] == 0
        # Learner session_count, first and last session: completed, not deleted sessions.
        cursor.execute(
            """
            SELECT count(*) FROM learners_learner l LEFT JOIN (
                SELECT a.learner_id, count(*) AS n, min(s.date) AS first, max(s.date) AS last
                FROM sessions_log_attendance a
                JOIN sessions_log_supportsession s ON s.id = a.session_id
                WHERE s.status = 'completed' AND s.deleted_at IS NULL
                GROUP BY a.learner_id
            ) t ON t.learner_id = l.id
            WHERE l.session_count <> coalesce(t.n, 0)
               OR l.first_session_on IS DISTINCT FROM t.first
               OR l.last_session_on IS DISTINCT FROM t.last
            """
        )
        assert cursor.fetchone()[0] == 0
        # Attendances carry their session's organisation and date.
        cursor.execute(
            """
            SELECT count(*) FROM sessions_log_attendance a
            JOIN sessions_log_supportsession s ON s.id = a.session_id
            WHERE a.organisation_id <> s.organisation_id OR a.date <> s.date
            """
        )
        assert cursor.fetchone()[0] == 0
    # Confidence is only recorded for completed sessions.
    assert (
        not Attendance.objects.exclude(session__status="completed")
        .filter(confidence_after__isnull=False)
        .exists()
    )


@pytest.mark.django_db
def test_skips_when_present_and_is_deterministic_from_the_seed():
    _seed(seed=7)
    first = _fingerprint()
    assert _seed(seed=7) is False  # already there: nothing added
    assert SupportSession.objects.count() == 6_000

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE accounts_user, organisations_organisation, account_emailaddress CASCADE"
        )
    _seed(seed=7)
    assert _fingerprint() == first
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE accounts_user, organisations_organisation, account_emailaddress CASCADE"
        )
    _seed(seed=8)
    assert _fingerprint() != first


def _rollups() -> dict:
    keys = {
        "impact_daytotals": "organisation_id, date",
        "impact_championday": "organisation_id, champion_id, date, team_id",
        "impact_dimensionmonth": "organisation_id, month, dimension, value",
        "impact_championactivity": "organisation_id, champion_id",
        "impact_learneractivity": "learner_id",
    }
    with connection.cursor() as cursor:
        found = {}
        for table, order in keys.items():
            cursor.execute(
                f"SELECT count(*), md5(string_agg((to_jsonb(t) - 'id')::text, ',' ORDER BY {order})) FROM {table} t"
            )
            found[table] = cursor.fetchone()
        return found


def _database_comment():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
            "WHERE datname = current_database()"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_steps_after_the_load_run_two_at_a_time_to_the_same_end():
    """What `seed_demo --scale large` does for real: the load commits, then its indexes, the
    rollups, the lending library and the vacuum run on two connections. The database ends as
    the one-transaction way leaves it; a build stopped part-way is not taken for a whole one."""
    from impact.rollups import rollups_rebuild

    before = _catalogue()
    lines = []
    assert seed_large(seed=7, log=lines.append, today=TODAY, scale=TINY) is True
    assert any("indexes rebuilt" in line for line in lines)
    assert any("rollups (and, beside them, keys and lending)" in line for line in lines)
    assert _catalogue() == before
    assert _database_comment() is None
    built = _rollups()
    assert all(count > 0 for count, _ in built.values())
    rollups_rebuild()  # the one-transaction rebuild, for comparison
    assert _rollups() == built

    with connection.cursor() as cursor:
        cursor.execute(
            f'COMMENT ON DATABASE "{connection.settings_dict["NAME"]}" IS %s', [dataset.BUILDING]
        )
    try:
        with pytest.raises(RuntimeError, match="stopped part-way"):
            _seed()
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'COMMENT ON DATABASE "{connection.settings_dict["NAME"]}" IS NULL')
