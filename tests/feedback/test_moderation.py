"""A PM can hide a learner's answer (spam, a name written in) from the page and the figures,
with who hid it and when, and show it again; the poster prints the QR code alone."""

from django.urls import reverse

from core.models import AuditEvent
from feedback import selectors, services
from feedback.models import FeedbackLink, LearnerFeedback


def _answers(org, *comments):
    link, _ = FeedbackLink.objects.get_or_create(organisation=org)
    return [
        services.feedback_submit(link=link, data={"more_confident": "yes", "comment": c})
        for c in comments
    ]


def test_a_hidden_answer_leaves_the_page_and_the_figures_and_can_come_back(org_a, client_for):
    kept, spam = _answers(org_a.organisation, "Really helpful", "Call Mrs Jones on 07700 900123")
    client = client_for(org_a.pm)
    assert selectors.feedback_summary(org_a.organisation)["total"] == 2
    response = client.post(
        reverse("feedback:hide_answer", args=[spam.public_id]), {"reason": "names_someone"}
    )
    assert response.status_code == 302
    spam.refresh_from_db()
    assert spam.hidden_by == org_a.pm and spam.hidden_at and spam.hidden_reason == "names_someone"
    page = client.get(reverse("feedback:manage")).content.decode()
    assert "Really helpful" in page
    assert "07700 900123" not in page  # its words are not shown, not even among the hidden
    assert "it names or identifies someone, hidden by" in page
    assert selectors.feedback_summary(org_a.organisation)["total"] == 1
    assert AuditEvent.objects.filter(target_label="Learner's feedback hidden").exists()
    client.post(reverse("feedback:show_answer", args=[spam.public_id]))
    spam.refresh_from_db()
    assert spam.hidden_at is None and spam.hidden_by is None
    assert selectors.feedback_summary(org_a.organisation)["total"] == 2


def test_hiding_needs_a_reason_and_a_pm(org_a, client_for):
    (answer,) = _answers(org_a.organisation, "Hello")
    url = reverse("feedback:hide_answer", args=[answer.public_id])
    response = client_for(org_a.pm).post(url, {"reason": "because"}, follow=True)
    assert "Choose one of the reasons listed." in response.content.decode()
    assert client_for(org_a.champion).post(url, {"reason": "spam"}).status_code == 403
    assert client_for(org_a.pm).get(url).status_code == 405
    assert not LearnerFeedback.objects.filter(hidden_at__isnull=False).exists()


def test_the_poster_shows_the_qr_code_the_name_and_one_line(org_a, client_for):
    page = client_for(org_a.pm).get(reverse("feedback:poster"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in body and org_a.organisation.name in body
    assert "Tell us how it went" in body
    assert "<nav" not in body  # nothing but the poster
    assert client_for(org_a.champion).get(reverse("feedback:poster")).status_code == 403
