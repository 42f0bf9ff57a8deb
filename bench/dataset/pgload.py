"""Loading the big tables: rows in PostgreSQL's text COPY format, sent in chunks by a background
thread, inside a window where the tables' secondary indexes and foreign keys are dropped."""

from __future__ import annotations

import datetime as dt
import io
import queue
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from django.db import connection
from django.utils import timezone

from .shape import CHUNK, Log, big_tables


def pg_array(values) -> str:
    return "{" + ",".join(values) + "}"


def uuid_hex(rng: random.Random) -> str:
    # A version-4 UUID from the seeded generator (uuid4() would not be deterministic).
    value = rng.getrandbits(128)
    value = (value & ~(0xF << 76)) | (0x4 << 76)
    value = (value & ~(0x3 << 62)) | (0x2 << 62)
    return f"{value:032x}"


def next_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{model._meta.db_table}"')
        return cursor.fetchone()[0]


def reset_sequence(model) -> None:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f'(SELECT COALESCE(MAX(id), 1) FROM "{table}"))'
        )


class Copier:
    """One background thread feeding COPY while the main thread generates the next chunk: the
    database and Python each keep one of the two cores busy. psycopg2 releases the GIL while it
    waits on the server."""

    _instance: Copier | None = None

    def __init__(self):
        connection.ensure_connection()
        self.raw = connection.connection
        self.jobs: queue.Queue = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while True:
            job = self.jobs.get()
            if job is None:
                return
            sql, buffer = job
            try:
                if self.error is None:
                    with self.raw.cursor() as cursor:
                        cursor.copy_expert(sql, buffer)
            except BaseException as exc:  # handed back to the main thread
                self.error = exc

    def submit(self, sql: str, data: str) -> None:
        if self.error:
            raise self.error
        self.jobs.put((sql, io.StringIO(data)))

    def finish(self) -> None:
        self.jobs.put(None)
        self.thread.join()
        if self.error:
            raise self.error


class CopyTable:
    """Rows for one table, in PostgreSQL's text COPY format, sent in chunks. Columns of the model
    this loader does not know about (added later by the app's owner) get their field default."""

    def __init__(self, model, columns: list[str]):
        self.table = model._meta.db_table
        known = set(columns)
        extra_columns, extra_values = [], []
        for f in model._meta.concrete_fields:
            if f.column in known:
                continue
            # A field with no default (a nullable foreign key, say) is NULL; a callable default
            # other than these would have to be called per row, which the loader cannot guess.
            per_row_default = (
                f.has_default()
                and callable(f.default)
                and f.default not in (list, dict, timezone.now)
            )
            if f.unique or per_row_default:
                raise RuntimeError(
                    f"bench.dataset does not know how to fill {self.table}.{f.column}"
                )
            value = f.get_db_prep_save(f.get_default(), connection)
            extra_columns.append(f.column)
            extra_values.append(copy_literal(value))
        self.suffix = ("\t" + "\t".join(extra_values)) if extra_values else ""
        cols = ", ".join(f'"{c}"' for c in columns + extra_columns)
        self.sql = f'COPY "{self.table}" ({cols}) FROM STDIN'
        self.lines: list[str] = []
        self.rows = 0

    def write(self, values) -> None:
        self.lines.append("\t".join(values) + self.suffix)
        if len(self.lines) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.lines:
            LoadWindow.copier.submit(self.sql, "\n".join(self.lines) + "\n")
            self.rows += len(self.lines)
            self.lines = []

    def close(self) -> None:
        self.flush()


def copy_literal(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list | tuple):
        return pg_array(str(v) for v in value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if hasattr(value, "adapted"):  # psycopg2 Json and friends
        value = value.dumps(value.adapted) if hasattr(value, "dumps") else value.adapted
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def drop_foreign_keys(cursor, tables) -> list[tuple[str, str, str]]:
    """Drops the tables' foreign keys and returns them (table, name, definition) for
    add_constraints: a bulk insert then checks each key with one join, not once per row."""
    cursor.execute(
        """
        SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
        FROM pg_constraint c WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype = 'f'
        """,
        [list(tables)],
    )
    constraints = cursor.fetchall()
    for table, name, _ in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    return constraints


def drop_indexes(cursor, tables) -> list[str]:
    """Drops the tables' secondary indexes (not primary keys, not those of constraints) and
    returns their definitions for create_indexes: one sort per index after a bulk insert instead
    of an index update per row."""
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        """,
        [list(tables)],
    )
    indexes = cursor.fetchall()
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    return [definition for _, definition in indexes]


def create_indexes(cursor, definitions) -> None:
    for definition in definitions:
        cursor.execute(definition)


def add_constraint_sql(table: str, name: str, definition: str) -> str:
    return f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'


def add_constraints(cursor, constraints) -> None:
    for constraint in constraints:
        cursor.execute(add_constraint_sql(*constraint))


class LoadWindow:
    """Drops the big tables' secondary indexes and foreign keys for the load and rebuilds them
    exactly as they were (definitions read from the catalogue, so indexes other helpers add later
    are kept too). Primary keys stay: rows arrive in id order, so they are cheap."""

    copier: Copier

    def __init__(self, log: Log, *, rebuild_later: bool = False):
        """rebuild_later: leave the indexes and foreign keys to the caller (indexes_sql and
        foreign_keys_sql, after __exit__), to build on two connections once the load commits."""
        self.log = log
        self.rebuild_later = rebuild_later

    def __enter__(self):
        tables = big_tables()
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
                FROM pg_constraint c
                WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('f', 'u')
                """,
                [tables],
            )
            self.constraints = cursor.fetchall()
            cursor.execute(
                """
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                FROM pg_index i
                WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                """,
                [tables],
            )
            self.indexes = cursor.fetchall()
            # Check the deferred foreign keys of the rows written so far now: PostgreSQL will not
            # alter a table with trigger events still pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table, name, _ in self.constraints:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _ in self.indexes:
                cursor.execute(f"DROP INDEX {name}")
        self.log(
            f"dropped {len(self.indexes)} indexes and {len(self.constraints)} constraints for the load"
        )
        LoadWindow.copier = Copier()
        return self

    def __exit__(self, exc_type, exc, tb):
        LoadWindow.copier.finish()
        if exc_type:
            return False
        # Unique constraints first (their indexes), then plain indexes, then foreign keys,
        # whose validation can use the indexes just built.
        foreign = [c for c in self.constraints if c[2].startswith("FOREIGN KEY")]
        self.indexes_sql = [
            add_constraint_sql(*c) for c in self.constraints if c not in foreign
        ] + [definition for _, definition in self.indexes]
        self.foreign_keys_sql = [add_constraint_sql(*c) for c in foreign]
        if not self.rebuild_later:
            started = time.monotonic()
            with connection.cursor() as cursor:
                for statement in [*self.indexes_sql, *self.foreign_keys_sql]:
                    cursor.execute(statement)
            self.log(f"indexes and constraints rebuilt in {time.monotonic() - started:.0f}s")
        return False


# A bulk load's session: a faster commit, and room to sort while building indexes and vacuuming.
BULK_SETTINGS = {"synchronous_commit": "off", "maintenance_work_mem": "512MB"}


def use_bulk_settings(cursor, *, local: bool) -> None:
    """BULK_SETTINGS for this transaction (local) or this connection."""
    for name, value in BULK_SETTINGS.items():
        cursor.execute("SELECT set_config(%s, %s, %s)", [name, value, local])


def run_at_once(statements, *, workers: int = 2) -> None:
    """Each statement in its own transaction, `workers` at a time on their own connections
    (CREATE INDEX and VACUUM of different tables run side by side; ALTER TABLE on one table
    waits for the other's lock). Only on rows already committed."""

    def run(statement: str) -> None:
        try:
            with connection.cursor() as cursor:
                use_bulk_settings(cursor, local=False)
                cursor.execute(statement)
        finally:
            connection.close()  # the pool thread's own connection

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for done in [pool.submit(run, statement) for statement in statements]:
            done.result()  # re-raises the first failure here
