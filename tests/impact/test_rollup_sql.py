"""The database runs exactly the rollups' SQL in impact/sql/rollups.sql, its one live source: a
migration that forgot a change to the file (or a file edited without a migration) fails here."""

import re

import pytest
from django.db import connection

from impact.rollups import ROLLUP_SQL

FUNCTION = re.compile(
    r"CREATE OR REPLACE FUNCTION (?P<name>\w+)\((?P<args>.*?)\).*?AS \$\$(?P<body>.*?)\$\$;",
    re.DOTALL,
)
TRIGGER = re.compile(
    r"CREATE TRIGGER (\w+) [^;]*? ON (\w+)\s+FOR EACH ROW[^;]*?EXECUTE FUNCTION (\w+)\(", re.DOTALL
)


def _file_functions() -> dict[str, str]:
    found = {m["name"]: m["body"] for m in FUNCTION.finditer(ROLLUP_SQL.read_text())}
    assert len(found) > 10, "the pattern no longer reads the file"
    return found


@pytest.mark.django_db
def test_the_database_runs_the_functions_of_the_live_sql_file():
    with connection.cursor() as cursor:
        cursor.execute("SELECT proname, prosrc FROM pg_proc WHERE proname LIKE 'impact\\_%'")
        in_database = dict(cursor.fetchall())
    in_file = _file_functions()
    assert sorted(in_database) == sorted(in_file)
    different = [name for name, body in in_file.items() if in_database[name] != body]
    assert not different, f"Functions that differ from impact/sql/rollups.sql: {different}"


@pytest.mark.django_db
def test_the_database_has_the_triggers_of_the_live_sql_file():
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT t.tgname, c.relname, p.proname
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE NOT t.tgisinternal AND p.proname LIKE 'impact\\_%'
            """
        )
        in_database = set(cursor.fetchall())
    in_file = set(TRIGGER.findall(ROLLUP_SQL.read_text()))
    assert len(in_file) == 18
    assert in_database == in_file
