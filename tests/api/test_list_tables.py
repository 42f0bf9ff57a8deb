"""The keys and webhooks pages draw their lists with one component (templates/components/
table_and_form.html): each page's own headings in its order, a row per thing with its own cells,
the words for an empty list, and the form that adds one under its own heading and button."""

import re

import pytest
from django.urls import reverse

from api import webhooks
from tests.api.test_webhooks import ALL_EVENTS

pytestmark = pytest.mark.django_db


def _headings(page: str) -> list[str]:
    (head,) = re.findall(r"<thead>(.*?)</thead>", page, re.S)
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)
    ]


def test_the_keys_table_has_its_columns_and_each_key_its_revoke_button(org_a, client_for, key_for):
    key, _secret = key_for(org_a, name="Council Power BI")
    page = client_for(org_a.pm).get(reverse("api:keys")).content.decode()
    assert _headings(page) == ["Name", "Key starts", "May", "Last used", "Status", "Actions"]
    assert '<span class="visually-hidden">Actions</span>' in page
    assert "<td>Council Power BI</td>" in page and f"<code>{key.prefix}</code>" in page
    assert f'action="{reverse("api:key_revoke", args=[key.public_id])}"' in page
    assert "Revoke" in page and "Never" in page
    assert "No keys yet" not in page
    assert '<h2 class="h4">Create a key</h2>' in page and ">Create key</button>" in page


def test_no_keys_yet_says_so_beside_the_form(org_a, client_for):
    page = client_for(org_a.pm).get(reverse("api:keys")).content.decode()
    assert "No keys yet. Create one with the form." in page
    assert "<thead>" not in page
    assert ">Create key</button>" in page


def test_the_endpoints_table_has_its_columns_and_each_endpoint_its_link(
    org_a, client_for, receiver
):
    endpoint, _secret = webhooks.webhook_endpoint_create(
        organisation=org_a.organisation,
        url=receiver.url,
        description="Library bookings",
        events=ALL_EVENTS,
        created_by=org_a.pm,
    )
    page = client_for(org_a.pm).get(reverse("api:webhooks")).content.decode()
    assert _headings(page) == ["Address", "Events", "Status"]  # no buttons, no actions column
    detail = reverse("api:webhook_detail", args=[endpoint.public_id])
    assert f'<a href="{detail}">{receiver.url}</a>' in page
    assert "Library bookings" in page and "4 events" in page and "Active" in page
    assert '<h2 class="h4">Add an endpoint</h2>' in page and ">Add endpoint</button>" in page


def test_no_endpoints_yet_says_so_beside_the_form(org_a, client_for):
    page = client_for(org_a.pm).get(reverse("api:webhooks")).content.decode()
    assert "No endpoints yet. Add one with the form." in page
    assert "<thead>" not in page
