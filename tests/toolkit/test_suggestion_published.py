"""Whoever suggested a resource hears when it is published (through the outbox), with the
curator's note and a link; the review page shows the tags readers will filter by."""

from django.core import mail
from django.urls import reverse

from notifications.models import OutboundEmail
from tests.toolkit.factories import make_resource
from toolkit.models import Resource, Status


def test_the_suggester_gets_one_email_with_the_note_and_a_link(
    org_a, network_admin, client_for, django_capture_on_commit_callbacks
):
    resource = make_resource(status=Status.REVIEW, title="Cost-of-living apps")
    Resource.objects.filter(pk=resource.pk).update(suggested_by=org_a.champion)
    admin = client_for(network_admin)
    publish = reverse("toolkit:transition", args=[resource.public_id])
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(publish, {"to_status": "published", "note": "Checked the links"})
    (email,) = mail.outbox
    assert email.to == [org_a.champion.email]
    assert "Cost-of-living apps" in email.subject
    assert "Checked the links" in email.body
    assert reverse("toolkit:detail", args=[resource.public_id]) in email.body
    html = email.alternatives[0][0]
    assert "Checked the links" in html and "See it in the toolkit" in html
    # Archived and published again: no second email.
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(publish, {"to_status": "archived"})
        admin.post(publish, {"to_status": "published"})
    assert len(mail.outbox) == 1
    assert OutboundEmail.objects.filter(kind="suggestion_published").count() == 1


def test_no_email_when_the_curator_suggested_it_themselves(org_a, client_for):
    resource = make_resource(organisation=org_a.organisation, status=Status.REVIEW)
    Resource.objects.filter(pk=resource.pk).update(suggested_by=org_a.pm)
    client_for(org_a.pm).post(
        reverse("toolkit:transition", args=[resource.public_id]), {"to_status": "published"}
    )
    assert not OutboundEmail.objects.filter(kind="suggestion_published").exists()


def test_the_review_page_shows_what_readers_will_filter_by(network_admin, client_for):
    resource = make_resource(status=Status.REVIEW, topics=["online_banking"], skill_areas=[])
    page = client_for(network_admin).get(
        reverse("toolkit:detail_manage", args=[resource.public_id])
    )
    body = page.content.decode()
    assert "What readers will filter by" in body
    assert "Online banking" in body
