"""Tenancy-walk entries for core's own pages (see tests/tenancy_registry.py)."""

NOT_ORGANISATION_SCOPED = {
    "javascript_catalog": "the translations of the portal's scripts: the same for everyone, "
    "the parameter is a language code",
}
