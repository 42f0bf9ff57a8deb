"""Stories with consent (issue 15 point 3): written by a champion with a consent per use,
approved by the PM, shown only where the learner agreed, gone everywhere at once when consent is
withdrawn, removed by erasure, in the learner's data export, featured by network admins."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stories import selectors, services
from stories.models import Story, StoryConsent
from tests.queries import exactly
from tests.sessions_log.factories import LearnerFactory
from tests.stories.tenancy import make_story, png_bytes

REPORT = {"period": "custom", "start": "2026-11-01", "end": "2026-11-30"}


def _form(**changes):
    data = {
        "what_they_wanted": "To book her GP appointments online",
        "what_changed": "She books them herself on the NHS App",
        "quote": "I don't have to queue on the phone at 8am any more",
        "uses": ["organisation_report", "first_name"],
        "method": "verbal",
        "what_they_were_told": "It will be in our board report; she can say stop at any time",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def learner(org_a):
    return LearnerFactory(
        organisation=org_a.organisation, display_name="Maria Lopez", is_shared=True
    )


def test_a_champion_writes_a_story_with_a_consent_for_each_use(org_a, learner, client_for):
    photo = SimpleUploadedFile("maria.png", png_bytes(), content_type="image/png")
    response = client_for(org_a.champion).post(
        reverse("stories:create", args=[learner.public_id]),
        _form(photo=photo, photo_alt="Maria with her phone", uses=["organisation_report", "photo"]),
    )
    story = Story.objects.get()
    assert response["Location"] == reverse("stories:detail", args=[story.public_id])
    assert (story.learner, story.written_by, story.approved_at) == (learner, org_a.champion, None)
    assert story.photo and story.photo_content_type == "image/png"
    consents = list(story.consents.values_list("use", "method", "recorded_by"))
    assert consents == [
        ("organisation_report", "verbal", org_a.champion.pk),
        ("photo", "verbal", org_a.champion.pk),
    ]
    assert story.consents.first().what_they_were_told.startswith("It will be in our board report")
    # Not shown anywhere until a PM approves it.
    assert selectors.story_for_report(org_a.organisation) is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"uses": None}, "Tick what the learner agreed to"),
        ({"uses": ["first_name"]}, "Tick at least one place the story may appear"),
        ({"uses": ["organisation_report", "teleport"]}, "Choose only uses from the list."),
        ({"what_changed": ""}, "Say what changed for them."),
        ({"what_they_were_told": " "}, "Write down what you told them"),
        ({"quote": "x" * 301}, "Keep the quote to 300 characters or fewer."),
    ],
)
def test_a_story_that_is_not_right_is_explained_and_kept(
    org_a, learner, client_for, changes, message
):
    response = client_for(org_a.champion).post(
        reverse("stories:create", args=[learner.public_id]), _form(**changes)
    )
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html and message in html
    assert "To book her GP appointments online" in html  # what was typed is kept
    assert not Story.objects.exists() and not StoryConsent.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("maria.png", b"<script>alert(1)</script>"),
            "Use a PNG, JPEG or WebP photo.",
        ),
        (SimpleUploadedFile("maria.txt", b"hello"), "Use a PNG, JPEG or WebP photo."),
        (SimpleUploadedFile("maria.png", png_bytes()[:40]), "damaged or not really an image"),
    ],
)
def test_a_photo_is_checked_like_other_images(org_a, learner, client_for, upload, message):
    response = client_for(org_a.champion).post(
        reverse("stories:create", args=[learner.public_id]),
        _form(photo=upload, photo_alt="A photo", uses=["organisation_report", "photo"]),
    )
    html = response.content.decode()
    assert message in html and "choose the photo again" in html
    assert not Story.objects.exists()


def test_a_photo_needs_its_own_consent_and_a_description(org_a, learner, client_for):
    photo = SimpleUploadedFile("maria.png", png_bytes())
    html = (
        client_for(org_a.champion)
        .post(reverse("stories:create", args=[learner.public_id]), _form(photo=photo))
        .content.decode()
    )
    assert "Tick that they agree to the photo being used, or leave it out." in html
    assert "Describe the photo in a few words" in html
    assert not Story.objects.exists()


def test_approved_stories_appear_only_where_the_learner_agreed(org_a, client_for):
    story = make_story(org_a.organisation, approved=False, uses=("organisation_report",))
    client = client_for(org_a.pm)
    client.post(reverse("stories:approve", args=[story.public_id]))
    story.refresh_from_db()
    assert story.approved_by == org_a.pm
    page = client.get(reverse("impact:report"), REPORT).content.decode()
    assert "She calls them every Sunday on her own" in page
    assert "What they wanted:" in page and "Maria" not in page  # no consent to her name
    assert not selectors.stories_shared_with_network().exists()  # no consent to the network
    StoryConsent.objects.create(
        story=story, use="first_name", method="verbal", what_they_were_told="x"
    )
    page = client.get(reverse("impact:report"), REPORT).content.decode()
    assert "What Maria wanted:" in page and "Lopez" not in page


def test_withdrawing_consent_removes_the_story_everywhere_at_once(org_a, client_for, network_admin):
    story = make_story(org_a.organisation)
    services.story_feature(story=story, by=network_admin, featured=True)
    pm = client_for(org_a.pm)
    assert "every Sunday" in pm.get(reverse("impact:report"), REPORT).content.decode()
    client_for(org_a.champion).post(reverse("stories:withdraw", args=[story.public_id]))
    story.refresh_from_db()
    assert story.withdrawn_at is not None and story.featured_at is None
    assert (story.what_they_wanted, story.what_changed, story.quote) == ("", "", "")
    assert not story.consents.filter(withdrawn_at__isnull=True).exists()
    assert "every Sunday" not in pm.get(reverse("impact:report"), REPORT).content.decode()
    assert "every Sunday" not in pm.get(reverse("stories:list")).content.decode()
    assert not selectors.stories_shared_with_network().exists()
    admin = client_for(network_admin)
    assert "every Sunday" not in admin.get(reverse("stories:network")).content.decode()


def test_erasing_the_learner_removes_their_stories_and_photos(org_a, learner, client_for):
    from django.test import TestCase

    from privacy.services import learner_erase

    photo = SimpleUploadedFile("maria.png", png_bytes())
    client_for(org_a.champion).post(
        reverse("stories:create", args=[learner.public_id]),
        _form(photo=photo, photo_alt="Maria", uses=["organisation_report", "photo"]),
    )
    story = Story.objects.get()
    storage, name = story.photo.storage, story.photo.name
    assert storage.exists(name)
    with TestCase.captureOnCommitCallbacks(execute=True):
        learner_erase(learner=learner)
    assert not Story.objects.exists() and not StoryConsent.objects.exists()
    assert not storage.exists(name)


def test_a_learners_stories_are_in_their_data_export(org_a, client_for):
    from privacy.selectors import learner_export_data

    story = make_story(org_a.organisation)
    [held] = learner_export_data(learner=story.learner)["stories"]
    assert held["what_changed"] == "She calls them every Sunday on her own"
    assert [c["use"] for c in held["consents"]] == [
        "Shared with the whole Digital Champions network",
        "In our organisation's reports",
    ]
    page = client_for(org_a.pm).get(
        reverse("privacy:learner_export", args=[story.learner.public_id])
    )
    assert "I feel part of the family again" in page.content.decode()


def test_network_admins_see_and_feature_only_shared_approved_stories(
    org_a, org_b, client_for, network_admin
):
    shared = make_story(org_a.organisation)
    make_story(org_b.organisation, uses=("organisation_report",))  # not shared
    make_story(org_b.organisation, approved=False)  # not approved
    client = client_for(network_admin)
    page = client.get(reverse("stories:network")).content.decode()
    assert page.count("every Sunday") == 1 and "Organisation A" in page
    client.post(reverse("stories:feature", args=[shared.public_id]), {"featured": "yes"})
    shared.refresh_from_db()
    assert shared.featured_by == network_admin
    assert list(selectors.featured_stories()) == [shared]
    assert client_for(org_a.pm).get(reverse("stories:network")).status_code == 403


def test_the_photo_is_served_only_through_the_check(
    org_a, org_b, client_for, network_admin, client
):
    from tests.stories.tenancy import _story_with_photo

    public_id = _story_with_photo(org_a)["public_id"]
    url = reverse("stories:photo", args=[public_id])
    response = client_for(org_a.champion).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "sandbox" in response["Content-Security-Policy"]
    StoryConsent.objects.filter(story__public_id=public_id, use="photo").update(
        withdrawn_at="2026-11-01T00:00Z"
    )
    assert client_for(org_a.champion).get(url).status_code == 404


def test_story_list_query_bound(org_a, client_for):
    for _ in range(2):
        make_story(org_a.organisation)
    client = client_for(org_a.pm)
    client.get(reverse("stories:list"))
    queries = ["session", "user", "memberships (tenancy)", "the organisation's stories"]
    with exactly(queries):
        client.get(reverse("stories:list"))
    for _ in range(4):
        make_story(org_a.organisation)
    with exactly(queries):
        page = client.get(reverse("stories:list")).content.decode()
    assert page.count("Maria Lopez") == 6


def test_a_shared_story_becomes_a_toolkit_case_study_and_goes_with_consent(
    org_a, client_for, network_admin
):
    from toolkit.models import Resource

    story = make_story(org_a.organisation)  # shared with the network, no consent to her name
    client = client_for(network_admin)
    response = client.post(reverse("stories:case_study", args=[story.public_id]))
    resource = Resource.objects.get()
    assert response["Location"] == reverse("toolkit:detail", args=[resource.public_id])
    assert (resource.resource_type, resource.status, resource.organisation) == (
        "case_study",
        "draft",
        None,
    )
    assert "She calls them every Sunday on her own" in resource.body
    assert "Maria" not in resource.title + resource.body  # no consent to her first name
    assert resource.title == "Case study: a learner, Organisation A"
    client.post(reverse("stories:case_study", args=[story.public_id]))  # twice: still one
    assert Resource.objects.count() == 1
    services.story_withdraw(story=story, by=org_a.pm)
    assert not Resource.objects.exists()
