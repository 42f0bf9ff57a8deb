"""Tenancy-walk entries for learners' feedback (see tests/tenancy_registry.py)."""

NOT_ORGANISATION_SCOPED = {
    "feedback:give": "public by design: the token is the organisation's published link",
    "feedback:thanks": "public by design: says only 'thank you'",
}
