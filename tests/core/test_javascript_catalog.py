"""Django's JavaScript catalogue (core/javascript_catalog.py): every page loads it before the
portal's scripts, at an address naming its language, and it may be cached."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from core.javascript_catalog import catalog_version
from tests.queries import exactly


def _script_sources(html: str) -> list[str]:
    return re.findall(r'<script defer src="([^"]+)"', html)


def test_every_page_loads_the_catalogue_before_the_portals_scripts(client, db):
    sources = _script_sources(client.get(reverse("home")).content.decode())
    catalogue = f"{reverse('javascript_catalog', args=['en-gb'])}?v={catalog_version()}"
    assert catalogue in sources
    portal = next(i for i, src in enumerate(sources) if src.endswith("js/portal.js"))
    assert sources.index(catalogue) < portal


def test_the_address_follows_the_readers_language(client, db):
    client.cookies["portal_language"] = "cy"
    html = client.get(reverse("home"), headers={"accept-language": "cy"}).content.decode()
    assert any(
        src.startswith(reverse("javascript_catalog", args=["cy"])) for src in _script_sources(html)
    )


def test_the_catalogue_is_javascript_a_browser_may_keep_for_a_day(client, db):
    with exactly([]):  # nothing of anyone's is read
        response = client.get(reverse("javascript_catalog", args=["en-gb"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "django.gettext = function" in response.content.decode()
    assert "max-age=86400" in response["Cache-Control"]


def test_the_language_is_the_one_the_address_names(client, db):
    """Asked in English, the Welsh address still answers Welsh: Django's Welsh plural rule."""
    response = client.get(
        reverse("javascript_catalog", args=["cy"]), headers={"accept-language": "en"}
    )
    assert "n==2" in response.content.decode()
    english = client.get(reverse("javascript_catalog", args=["en-gb"])).content.decode()
    assert "n==2" not in english


def test_an_unknown_language_is_not_found(client, db):
    assert client.get(reverse("javascript_catalog", args=["xx"])).status_code == 404


def test_only_get(client, db):
    assert client.post(reverse("javascript_catalog", args=["en-gb"])).status_code == 405


def test_a_pm_in_their_mfa_grace_gets_it_and_is_still_told_the_grace_on_the_page(client_for, org_a):
    """The authenticator rule (accounts.middleware) passes the catalogue by: a redirect would
    leave the page's scripts without it, and spend the once-a-session notice on a script."""
    with time_machine.travel(datetime(2027, 3, 1, 10, 0, tzinfo=ZoneInfo("Europe/London"))):
        client = client_for(org_a.pm)
        response = client.get(reverse("javascript_catalog", args=["en-gb"]))
        assert response.status_code == 200
        page = client.get(reverse("organisations:member_list")).content.decode()
        assert "from 10:00 on Monday 8 March 2027" in page
