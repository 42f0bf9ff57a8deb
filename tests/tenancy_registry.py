"""For the tenancy walk (tests/test_tenancy_walk.py): how to fill each URL parameter with an object
that belongs to another organisation. Each app keeps its entries in tests/<app>/tenancy.py with two
dicts, OBJECTS_OF_ANOTHER_ORGANISATION ("namespace:name" -> function(other: OrgPeople) -> URL
kwargs naming an object of `other`) and NOT_ORGANISATION_SCOPED ("namespace:name" -> why that is
safe). The walk fails on a URL with parameters that is in neither, so no view can skip the check.
A third, optional dict ROLE_REQUIRED ("namespace:name" -> "pm" or "network_admin") names the
least role a URL needs inside one's own organisation (a champion's is assumed otherwise): below
it the answer is 403, and only on one's own organisation's objects."""

import importlib

APPS = [
    "organisations",
    "learners",
    "sessions_log",
    "toolkit",
    "impact",
    "notifications",
    "core",
    "privacy",
    "feedback",
    "outcomes",
    "stories",
    "api",
    "devices",
]

OBJECTS_OF_ANOTHER_ORGANISATION: dict = {}
NOT_ORGANISATION_SCOPED: dict = {}
ROLE_REQUIRED: dict = {}

for _app in APPS:
    try:
        _module = importlib.import_module(f"tests.{_app}.tenancy")
    except ModuleNotFoundError as exc:
        if exc.name != f"tests.{_app}.tenancy":
            raise
        continue
    OBJECTS_OF_ANOTHER_ORGANISATION.update(getattr(_module, "OBJECTS_OF_ANOTHER_ORGANISATION", {}))
    NOT_ORGANISATION_SCOPED.update(getattr(_module, "NOT_ORGANISATION_SCOPED", {}))
    ROLE_REQUIRED.update(getattr(_module, "ROLE_REQUIRED", {}))
