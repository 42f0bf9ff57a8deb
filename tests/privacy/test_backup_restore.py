"""Backups that restore (issue 18 point 7): `make backup` writes one encrypted file holding the
database and the uploads; `make restore` brings it into an empty database and storage with the
same rows and the same figures, and erases again every learner erased since the backup was
taken — an erased person never comes back. Runs the real scripts against real PostgreSQL."""

import os
import subprocess
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.db import connection

from privacy.services import learner_erase
from tests.sessions_log.factories import AttendanceFactory, LearnerFactory, SupportSessionFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(settings.BASE_DIR)
KEY = "correct horse battery staple, for the test only"
TABLES = [
    "organisations_organisation",
    "accounts_user",
    "learners_learner",
    "sessions_log_supportsession",
    "sessions_log_attendance",
]
# The organisation dashboard's headline, the way the rollups count it: completed sessions,
# hours and different learners.
FIGURES = """
    SELECT count(DISTINCT s.id), coalesce(sum(s.duration_minutes), 0), count(DISTINCT a.learner_id)
    FROM sessions_log_supportsession s LEFT JOIN sessions_log_attendance a ON a.session_id = s.id
    WHERE s.status = 'completed' AND s.deleted_at IS NULL
"""


def _url(name: str) -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _query(name: str, sql: str, params=()):
    with psycopg2.connect(_url(name)) as db, db.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@pytest.fixture
def empty_database():
    name = f"restore_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(_url("postgres"))
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    yield name
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _run(script: str, *args, **env):
    return subprocess.run(
        ["bash", f"scripts/{script}", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "BACKUP_KEY": KEY,
            "DJANGO_SETTINGS_MODULE": "champions_portal.settings.test",
            "ERASURE_JOURNAL": str(settings.ERASURE_JOURNAL),
            **env,
        },
    )


def test_a_backup_restores_the_same_rows_and_figures_without_those_erased_since(
    org_a, empty_database, tmp_path
):
    kept, erased_later = LearnerFactory.create_batch(2, organisation=org_a.organisation)
    for learner in (kept, erased_later):
        session = SupportSessionFactory(organisation=org_a.organisation, champion=org_a.champion)
        AttendanceFactory(session=session, learner=learner)
    uploads = tmp_path / "media"
    (uploads / "toolkit").mkdir(parents=True)
    (uploads / "toolkit" / "handout.pdf").write_bytes(b"%PDF-1.4 a handout")
    source = connection.settings_dict["NAME"]

    made = _run(
        "backup.sh", DATABASE_URL=_url(source), MEDIA_ROOT=str(uploads), BACKUP_DIR=str(tmp_path)
    )
    assert made.returncode == 0, made.stderr
    backup = Path(made.stdout.strip().splitlines()[-1])
    assert backup.exists() and b"handout" not in backup.read_bytes()  # encrypted
    counts = {table: _query(source, f"SELECT count(*) FROM {table}") for table in TABLES}
    figures = _query(source, FIGURES)

    # Erased after the backup was taken: the restore must not bring them back.
    learner_erase(learner=erased_later, reason="request")

    restored_uploads = tmp_path / "restored-media"
    done = _run(
        "restore.sh",
        str(backup),
        DATABASE_URL=_url(empty_database),
        MEDIA_ROOT=str(restored_uploads),
    )
    assert done.returncode == 0, done.stderr
    assert "1 learners erased again" in done.stdout
    for table in TABLES:
        assert _query(empty_database, f"SELECT count(*) FROM {table}") == counts[table], table
    assert _query(empty_database, FIGURES) == figures
    assert (restored_uploads / "toolkit" / "handout.pdf").read_bytes() == b"%PDF-1.4 a handout"
    rows = dict(
        _query(
            empty_database,
            "SELECT public_id::text, anonymised_at IS NOT NULL FROM learners_learner "
            "WHERE public_id IN (%s, %s)",
            (str(kept.public_id), str(erased_later.public_id)),
        )
    )
    assert rows == {str(kept.public_id): False, str(erased_later.public_id): True}


def test_a_restore_refuses_a_database_in_use_and_a_wrong_key(org_a, empty_database, tmp_path):
    source = connection.settings_dict["NAME"]
    made = _run(
        "backup.sh",
        DATABASE_URL=_url(source),
        MEDIA_ROOT=str(tmp_path / "m"),
        BACKUP_DIR=str(tmp_path),
    )
    backup = made.stdout.strip().splitlines()[-1]
    into_used = _run(
        "restore.sh", backup, DATABASE_URL=_url(source), MEDIA_ROOT=str(tmp_path / "r")
    )
    assert into_used.returncode != 0 and "restore only into an empty one" in into_used.stderr
    wrong_key = _run(
        "restore.sh",
        backup,
        DATABASE_URL=_url(empty_database),
        MEDIA_ROOT=str(tmp_path / "r2"),
        BACKUP_KEY="not the key",
    )
    assert wrong_key.returncode != 0
    assert _query(empty_database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [
        (0,)
    ]
