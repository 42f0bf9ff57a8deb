from django.urls import reverse


def test_landing_page_for_visitors(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"Sign in" in response.content
    assert b'href="#main"' in response.content  # skip link


def test_champion_home(client_for, org_a):
    response = client_for(org_a.champion).get(reverse("home"))
    assert b"Digital Champion at Organisation A" in response.content


def test_pm_home_shows_counts_and_next_step(client_for, org_a):
    from tests.factories import MembershipFactory

    client = client_for(org_a.pm)
    response = client.get(reverse("home"))
    # The words agree with the figure (ngettext), one champion or several.
    assert b'1</p><p class="mb-0">champion with an account</p>' in response.content
    MembershipFactory(organisation=org_a.organisation)
    response = client.get(reverse("home"))
    assert b'2</p><p class="mb-0">champions with an account</p>' in response.content


def test_pm_home_empty_state(client_for, db):
    from tests.factories import PMMembershipFactory

    pm = PMMembershipFactory().user
    response = client_for(pm).get(reverse("home"))
    assert b"Start by inviting your champions" in response.content


def test_user_without_organisation(client_for, db):
    from tests.factories import UserFactory

    response = client_for(UserFactory()).get(reverse("home"))
    assert response.status_code == 403
    assert b"not part of an organisation" in response.content


def test_healthz_reports_database_and_redis(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok", "outbox": "ok"}


def test_friendly_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_csp_header_forbids_inline_script(client, db):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


def test_privacy_notice_is_public_and_filled_in_for_members(client, org_a, client_for):
    from django.urls import reverse

    public = client.get(reverse("privacy_notice")).content.decode()
    assert "[Your organisation]" in public and "24 months after your last session" in public
    org_a.organisation.retention_months = 36
    org_a.organisation.save()
    page = client_for(org_a.pm).get(reverse("privacy_notice")).content.decode()
    assert "How Organisation A uses your information" in page
    assert "36 months after your last session" in page
