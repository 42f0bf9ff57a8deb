"""The starter toolkit library loaded by the demo data (written for this project), read from
toolkit/demo_content/:

- one Markdown file per resource, `NN-<key>.md`, seeded in the order of NN: TOML front matter
  between `+++` lines (key, title, summary, resource_type, audiences, skill_areas, topics,
  language, minutes, external_url, featured), then the body in Markdown;
- collections.toml: the collections and pathways, their steps given as resource keys.

Read with the standard library's TOML parser; a file that does not have exactly these fields, or a
step naming a resource that is not there, stops the import with the file's name.
"""

import re
import tomllib
from pathlib import Path

CONTENT = Path(__file__).resolve().parent / "demo_content"

RESOURCE_FIELDS = (
    "key",
    "title",
    "summary",
    "body",
    "resource_type",
    "audiences",
    "skill_areas",
    "topics",
    "language",
    "minutes",
    "external_url",
    "featured",
)
COLLECTION_FIELDS = ("key", "title", "summary", "is_pathway", "badge_name", "featured", "steps")

_FILE = re.compile(r"(?P<number>\d+)-(?P<key>[a-z0-9-]+)\.md")
_FRONT_MATTER = re.compile(r"\+\+\+\n(?P<front>.*?)^\+\+\+\n(?P<body>.*)", re.DOTALL | re.MULTILINE)


def load_resource(path: Path) -> dict:
    name = _FILE.fullmatch(path.name)
    found = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if name is None or found is None:
        raise ValueError(f"{path}: expected NN-<key>.md starting with +++ front matter +++")
    item = {**tomllib.loads(found["front"]), "body": found["body"].strip()}
    if set(item) != set(RESOURCE_FIELDS):
        raise ValueError(f"{path}: fields {sorted(item)}, expected {sorted(RESOURCE_FIELDS)}")
    if item["key"] != name["key"]:
        raise ValueError(f"{path}: key {item['key']!r} does not match the file name")
    return {field: item[field] for field in RESOURCE_FIELDS}


def load_resources(directory: Path = CONTENT) -> list[dict]:
    paths = sorted(directory.glob("*.md"), key=lambda p: int(p.name.split("-", 1)[0]))
    resources = [load_resource(path) for path in paths]
    keys = [item["key"] for item in resources]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{directory}: a resource key is used twice")
    return resources


def load_collections(resources: list[dict], directory: Path = CONTENT) -> list[dict]:
    path = directory / "collections.toml"
    collections = tomllib.loads(path.read_text(encoding="utf-8"))["collection"]
    keys = {item["key"] for item in resources}
    for item in collections:
        if set(item) != set(COLLECTION_FIELDS):
            raise ValueError(f"{path}: {item.get('key')}: fields {sorted(item)}")
        if missing := [step for step in item["steps"] if step not in keys]:
            raise ValueError(f"{path}: {item['key']}: no resource with key {missing}")
    return [{field: item[field] for field in COLLECTION_FIELDS} for item in collections]


RESOURCES = load_resources()
COLLECTIONS = load_collections(RESOURCES)
