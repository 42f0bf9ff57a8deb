"""Tenancy-walk entries for notifications (see tests/tenancy_registry.py)."""

NOT_ORGANISATION_SCOPED = {
    # A signed token names one person and one kind of email; it changes only their preference.
    "notifications:unsubscribe": "signed token, no organisation data shown",
}
