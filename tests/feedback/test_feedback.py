import pytest
from django.urls import reverse

from feedback import services
from feedback.models import LearnerFeedback
from tests.queries import exactly


@pytest.fixture
def link(org_a):
    return services.link_for(org_a.organisation)


def test_a_learner_answers_without_signing_in(client, link):
    url = reverse("feedback:give", args=[link.token])
    page = client.get(url).content.decode()
    assert "Tell Organisation A how it went" in page
    assert "Sign in" not in page  # nothing for a learner to sign in to
    response = client.post(
        url,
        {
            "more_confident": "yes",
            "helped_with": ["nhs_app", "email"],
            "would_recommend": "yes",
            "comment": "Lovely patient volunteer",
        },
        follow=True,
    )
    assert "Thank you" in response.content.decode()
    answer = LearnerFeedback.objects.get()
    assert answer.organisation == link.organisation
    assert (answer.more_confident, answer.helped_with, answer.would_recommend) == (
        "yes",
        ["nhs_app", "email"],
        True,
    )


def test_bad_answers_are_explained_and_kept(client, link):
    response = client.post(
        reverse("feedback:give", args=[link.token]),
        {"more_confident": "maybe", "helped_with": ["teleportation"], "comment": "x" * 600},
    )
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Please keep it to 500 characters or fewer." in html
    assert "x" * 500 in html  # what they typed is still there
    assert not LearnerFeedback.objects.exists()


def test_robots_filling_the_hidden_field_are_thanked_and_ignored(client, link):
    response = client.post(
        reverse("feedback:give", args=[link.token]),
        {"more_confident": "yes", "website": "http://spam.example"},
    )
    assert response.status_code == 302
    assert not LearnerFeedback.objects.exists()


def test_one_device_cannot_flood_the_form(client, link, settings):
    from feedback import views

    url = reverse("feedback:give", args=[link.token])
    for _ in range(views.SUBMISSIONS_PER_HOUR):
        client.post(url, {"more_confident": "no"})
    response = client.post(url, {"more_confident": "no"})
    assert response.status_code == 429
    assert "Please try again later" in response.content.decode()
    assert LearnerFeedback.objects.count() == views.SUBMISSIONS_PER_HOUR


def test_unknown_or_changed_links_are_404(client, org_a, client_for, link):
    assert client.get(reverse("feedback:give", args=["not-a-token"])).status_code == 404
    old = link.token
    client_for(org_a.pm).post(reverse("feedback:change_link"))
    client.logout()
    assert client.get(reverse("feedback:give", args=[old])).status_code == 404


def test_pm_sees_their_answers_and_the_qr_code(org_a, org_b, client_for, link):
    services.feedback_submit(link=link, data={"more_confident": "yes", "comment": "Ours"})
    other = services.link_for(org_b.organisation)
    services.feedback_submit(link=other, data={"more_confident": "no", "comment": "Theirs"})
    page = client_for(org_a.pm).get(reverse("feedback:manage")).content.decode()
    assert "Ours" in page and "Theirs" not in page
    assert "<svg" in page and link.token in page
    assert client_for(org_a.champion).get(reverse("feedback:manage")).status_code == 403


def test_manage_page_query_bound(org_a, client_for, link):
    client = client_for(org_a.pm)
    client.get(reverse("home"))
    for count in (1, 20):
        for _ in range(count):
            services.feedback_submit(link=link, data={"more_confident": "a_bit"})
        queries = [
            "session",
            "user",
            "memberships (the current organisation)",
            "the organisation's feedback link",
            "this page of answers (keyset; the summary says how many)",
            "the summary of every answer",
            "the latest hidden answers, with who hid them",
        ]
        with exactly(queries):
            assert client.get(reverse("feedback:manage")).status_code == 200
