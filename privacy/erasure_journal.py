"""The erasure journal: every erasure, by reference only (the learner's public id, when, why),
appended to a file that lives outside the database and its backups (settings.ERASURE_JOURNAL).

Why: a backup taken on Monday still holds a learner erased on Tuesday. Restoring it would bring
the person back. `manage.py replay_erasures` (run by scripts/restore.sh) reads this journal and
erases again everyone it names who is not erased in the restored database, so an erased learner
never comes back. The journal holds no personal data: the public id is a random UUID that means
nothing once the record is anonymised.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)


def journal_path() -> Path:
    return Path(settings.ERASURE_JOURNAL)


def journal_append(*, learner_public_id, at, reason: str) -> None:
    """One line, flushed to disk before returning. Called once the erasure has committed: an
    erasure rolled back must not be replayed. A failure is logged loudly, never raised: the
    erasure itself has happened and must stand."""
    line = json.dumps({"learner": str(learner_public_id), "at": at.isoformat(), "reason": reason})
    path = journal_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as journal:
            journal.write(line + "\n")
            journal.flush()
            os.fsync(journal.fileno())
    except OSError:
        logger.exception("Could not record erasure of %s in %s", learner_public_id, path)


def journal_entries() -> Iterator[dict]:
    path = journal_path()
    if not path.exists():
        return
    with path.open(encoding="utf-8") as journal:
        for number, line in enumerate(journal, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                # A line cut off by a crash mid-write: the erasure it named was also in the
                # database, and a later backup holds it; say so and read on.
                logger.warning("Erasure journal line %s is not whole; skipped", number)
