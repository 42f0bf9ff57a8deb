"""Tenancy-walk entries for notifications (see tests/tenancy_registry.py)."""

NOT_ORGANISATION_SCOPED = {
    # A signed token names one person and one kind of email; it changes only their preference.
    "notifications:unsubscribe": "signed token, no organisation data shown",
    # The outbox belongs to the whole network: network admins only, 403 for everyone else
    # (tests/notifications/test_outbox_page.py).
    "notifications:outbox_requeue": "network admins only; an outbox row has no organisation",
}
