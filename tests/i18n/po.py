"""Just enough of a .po reader for the catalogue tests: the header and the messages' keys
(context and msgid). gettext's own tools check the rest (msgfmt --check)."""

import ast
from pathlib import Path


def entries(path: Path):
    entry: dict = {}
    field = None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line:
            if entry:
                yield entry
            entry, field = {}, None
            continue
        if line.startswith("#~"):
            continue  # obsolete
        if line.startswith("#,"):
            entry.setdefault("flags", set()).update(f.strip() for f in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            entry[field] += ast.literal_eval(line)
            continue
        field, _, value = line.partition(" ")
        entry[field] = ast.literal_eval(value)


def header(path: Path) -> str:
    for entry in entries(path):
        if entry.get("msgid") == "" and "msgctxt" not in entry:
            assert "fuzzy" not in entry.get("flags", set()), f"{path}: the header is fuzzy"
            return entry.get("msgstr", "")
    return ""


def message_keys(path: Path) -> set[tuple[str, str]]:
    return {
        (entry.get("msgctxt", ""), entry["msgid"]) for entry in entries(path) if entry.get("msgid")
    }
