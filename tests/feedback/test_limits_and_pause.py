"""Issue 19, point 5: the feedback form is limited by the learner's own address (behind our
proxies) and by link, and a PM can pause their link."""

import pytest
from django.urls import reverse

from feedback import services, views
from feedback.models import LearnerFeedback


@pytest.fixture
def link(org_a):
    return services.link_for(org_a.organisation)


def _send(client, link, address):
    return client.post(
        reverse("feedback:give", args=[link.token]),
        {"more_confident": "yes"},
        REMOTE_ADDR="10.0.0.1",  # the proxy
        HTTP_X_FORWARDED_FOR=address,
    )


def test_one_learner_behind_the_proxy_does_not_block_the_others(client, link, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(views.SUBMISSIONS_PER_HOUR):
        assert _send(client, link, "203.0.113.9").status_code == 302
    blocked = _send(client, link, "203.0.113.9")
    assert blocked.status_code == 429
    assert "from this device" in blocked.content.decode()
    assert _send(client, link, "198.51.100.7").status_code == 302
    assert LearnerFeedback.objects.count() == views.SUBMISSIONS_PER_HOUR + 1


def test_many_addresses_cannot_flood_one_link(client, link, settings, monkeypatch):
    settings.TRUSTED_PROXY_COUNT = 1
    monkeypatch.setattr(views, "LINK_SUBMISSIONS_PER_HOUR", 3)
    for n in range(3):
        assert _send(client, link, f"203.0.113.{n}").status_code == 302
    blocked = _send(client, link, "203.0.113.99")
    assert blocked.status_code == 429
    assert "through this link" in blocked.content.decode()
    assert LearnerFeedback.objects.count() == 3


def test_a_paused_link_says_so_kindly_and_keeps_nothing(client, client_for, org_a, link):
    pm = client_for(org_a.pm)
    response = pm.post(reverse("feedback:pause_link"), follow=True)
    assert "The feedback link is paused" in response.content.decode()
    assert "Start taking feedback again" in response.content.decode()
    pm.logout()
    url = reverse("feedback:give", args=[link.token])
    page = client.get(url)
    assert page.status_code == 200
    assert "not taking feedback right now" in page.content.decode()
    assert "<form" not in page.content.decode().split("<main", 1)[-1]
    assert client.post(url, {"more_confident": "yes"}).status_code == 200
    assert not LearnerFeedback.objects.exists()
    # Started again: the same link and QR code work.
    client_for(org_a.pm).post(reverse("feedback:resume_link"))
    client.logout()
    assert "Tell Organisation A how it went" in client.get(url).content.decode()


@pytest.mark.parametrize("name", ["feedback:pause_link", "feedback:resume_link"])
def test_only_the_pm_pauses_and_only_by_post(client_for, org_a, org_b, link, name):
    assert client_for(org_a.champion).post(reverse(name)).status_code == 403
    assert client_for(org_a.pm).get(reverse(name)).status_code == 405
    # A PM of another organisation pauses their own link, never this one.
    client_for(org_b.pm).post(reverse("feedback:pause_link"))
    link.refresh_from_db()
    assert not link.is_paused
