from datetime import date

import pytest

from learners.models import Consent
from tests.sessions_log.factories import AttendanceFactory, LearnerFactory


@pytest.fixture
def learner(org_a):
    """A learner with every personal field filled in, three consents and two one-to-ones whose
    notes name her."""
    learner = LearnerFactory(
        organisation=org_a.organisation,
        display_name="Prudence Okoro",
        contact_email="prue@example.org",
        contact_phone="07700 900123",
        postcode_district="M14",
        age_band="65_74",
        gender="woman",
        employment_status="retired",
        disability="yes",
        first_language_english="no",
        heard_from="friend",
        is_shared=True,
        created_by=org_a.champion,
    )
    for kind in (Consent.Kind.PROCESSING, Consent.Kind.CONTACT, Consent.Kind.SPECIAL_CATEGORY):
        Consent.objects.create(
            organisation=org_a.organisation,
            learner=learner,
            kind=kind,
            method="verbal",
            recorded_by=org_a.champion,
            what_they_were_told="Told Prudence about the notice",
        )
    for day in (date(2026, 10, 1), date(2026, 11, 2)):
        AttendanceFactory(
            learner=learner,
            session__organisation=org_a.organisation,
            session__champion=org_a.champion,
            session__date=day,
            session__notes="Prudence wants to video call her grandson",
            confidence_before=2,
            confidence_after=4,
        )
    return learner
