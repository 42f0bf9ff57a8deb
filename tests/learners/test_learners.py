import pytest
from django.urls import reverse

from core.models import AuditEvent
from learners.models import Consent, Learner, SelfAssessment
from tests.factories import MembershipFactory
from tests.queries import exactly
from tests.sessions_log.factories import AttendanceFactory, LearnerFactory


def _post(**kw):
    data = {
        "display_name": "Joan",
        "postcode_district": "m14",
        "consent_method": "verbal",
        "age_band": "75_plus",
    }
    data.update(kw)
    return data


def test_champion_adds_a_learner_with_consent(org_a, client_for):
    response = client_for(org_a.champion).post(reverse("learners:create"), _post())
    learner = Learner.objects.get()
    assert response["Location"] == reverse("learners:detail", args=[learner.public_id])
    assert learner.postcode_district == "M14" and learner.created_by == org_a.champion
    consent = learner.consents.get()
    assert consent.kind == "processing" and consent.recorded_by == org_a.champion
    assert AuditEvent.objects.filter(action="create", target_id=str(learner.public_id)).exists()


def test_duplicates_are_flagged_before_a_second_record(org_a, client_for):
    LearnerFactory(organisation=org_a.organisation, display_name="Joan", postcode_district="M14")
    client = client_for(org_a.pm)
    response = client.post(reverse("learners:create"), _post(display_name=" joan "))
    assert b"Is this the same person?" in response.content
    assert Learner.objects.count() == 1
    client.post(reverse("learners:create"), _post(display_name="joan", confirm_new="1"))
    assert Learner.objects.count() == 2


def test_contact_details_need_contact_consent(org_a, client_for):
    response = client_for(org_a.champion).post(
        reverse("learners:create"), _post(contact_email="joan@example.org")
    )
    assert b"agrees to be contacted" in response.content
    assert b'value="joan@example.org"' in response.content
    assert not Learner.objects.exists()


def test_disability_needs_separate_explicit_consent_and_goes_when_withdrawn(org_a, client_for):
    client = client_for(org_a.pm)
    refused = client.post(reverse("learners:create"), _post(disability="yes"))
    assert b"separate, explicit agreement" in refused.content
    client.post(reverse("learners:create"), _post(disability="yes", special_category_consent="on"))
    learner = Learner.objects.get()
    assert learner.disability == "yes"
    assert learner.consents.filter(kind="special_category", withdrawn_at__isnull=True).exists()
    client.post(reverse("learners:consent_withdraw", args=[learner.public_id, "special_category"]))
    learner.refresh_from_db()
    assert learner.disability == ""
    assert learner.consents.get(kind="special_category").withdrawn_at is not None


def test_champions_see_only_learners_they_helped_or_shared(org_a, client_for):
    mine = LearnerFactory(organisation=org_a.organisation, created_by=org_a.champion)
    helped = AttendanceFactory(
        session__organisation=org_a.organisation, session__champion=org_a.champion
    ).learner
    shared = LearnerFactory(organisation=org_a.organisation, is_shared=True)
    colleague = MembershipFactory(organisation=org_a.organisation).user
    private = LearnerFactory(organisation=org_a.organisation, created_by=colleague)
    page = client_for(org_a.champion).get(reverse("learners:list")).content.decode()
    for learner in (mine, helped, shared):
        assert learner.display_name in page
    assert private.display_name not in page
    assert (
        client_for(org_a.champion)
        .get(reverse("learners:detail", args=[private.public_id]))
        .status_code
        == 404
    )
    assert (
        client_for(org_a.pm).get(reverse("learners:detail", args=[private.public_id])).status_code
        == 200
    )


def test_viewing_a_learner_is_audited(org_a, client_for):
    learner = LearnerFactory(organisation=org_a.organisation, is_shared=True)
    client_for(org_a.champion).get(reverse("learners:detail", args=[learner.public_id]))
    event = AuditEvent.objects.get(action="view")
    assert event.actor == org_a.champion and event.organisation == org_a.organisation


def test_self_assessments_show_distance_travelled(org_a, client_for):
    learner = LearnerFactory(organisation=org_a.organisation, is_shared=True)
    client = client_for(org_a.champion)
    url = reverse("learners:assessment_create", args=[learner.public_id])
    assert b"Rate at least one" in client.post(url, {"assessed_on": "2026-01-10"}).content
    client.post(
        url,
        {"assessed_on": "2026-01-10", "transacting": "1", "foundation_tasks": ["device_controls"]},
    )
    client.post(
        url,
        {
            "assessed_on": "2026-06-10",
            "transacting": "4",
            "foundation_tasks": ["device_controls", "browser"],
        },
    )
    assert SelfAssessment.objects.count() == 2
    page = client.get(reverse("learners:detail", args=[learner.public_id])).content.decode()
    assert "Transacting" in page and ">1<" in page and ">4<" in page


@pytest.mark.parametrize("bad", ["7", "0"])
def test_scores_outside_1_to_5_are_refused(bad, org_a, client_for):
    learner = LearnerFactory(organisation=org_a.organisation, is_shared=True)
    response = client_for(org_a.champion).post(
        reverse("learners:assessment_create", args=[learner.public_id]),
        {"assessed_on": "2026-01-10", "transacting": bad},
    )
    assert b"Select a valid choice" in response.content
    assert not SelfAssessment.objects.exists()


def test_list_query_count_does_not_grow(org_a, client_for):
    client = client_for(org_a.champion)
    client.get(reverse("home"))
    LearnerFactory.create_batch(30, organisation=org_a.organisation, is_shared=True)
    queries = [
        "session",
        "user",
        "memberships (the current organisation)",
        "how many learners the champion can see, up to 1,000",
        "this page of learners (keyset)",
    ]
    with exactly(queries):
        client.get(reverse("learners:list"))
    LearnerFactory.create_batch(30, organisation=org_a.organisation, is_shared=True)
    with exactly(queries):
        response = client.get(reverse("learners:list"))
    assert response.content.count(b"/learners/") >= 25


def test_anonymous_and_wrong_method(client, org_a, client_for):
    assert client.get(reverse("learners:list")).status_code == 302
    learner = LearnerFactory(organisation=org_a.organisation, is_shared=True)
    assert (
        client_for(org_a.pm)
        .get(reverse("learners:consent_withdraw", args=[learner.public_id, "media"]))
        .status_code
        == 405
    )
    assert Consent.objects.count() == 0
