"""A filter's champion among more people than a list can hold: a search box for a name or an
email (core.forms.PersonChoiceField), on the organisation dashboard and the PM's session list."""

import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.forms import PersonChoiceField
from tests.factories import MembershipFactory, UserFactory
from tests.test_hostile_input import HOSTILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowd(org_a, monkeypatch):
    """Org A with more champions than its list holds (the longest list made 2 here): two of them
    called Ahmed Baker."""
    monkeypatch.setattr(PersonChoiceField, "longest_list", 2)
    org = org_a.organisation
    for email in ("ahmed.baker@a.example", "a.baker@a.example"):
        MembershipFactory(organisation=org, user=UserFactory(name="Ahmed Baker", email=email))
    MembershipFactory(
        organisation=org, user=UserFactory(name="Joan Clarke", email="joan@a.example")
    )
    return org_a


def _dashboard(client, **params):
    return client.get(reverse("impact:organisation"), params).content.decode()


def test_a_long_list_is_a_search_box_and_sends_no_names(crowd, client_for):
    page = _dashboard(client_for(crowd.pm))
    assert re.search(r'<input type="search" name="champion"[^>]*placeholder="Type a name', page)
    assert "Joan Clarke</option>" not in page
    assert "Ahmed Baker</option>" not in page


def test_a_short_list_stays_a_list(org_a, client_for):
    page = _dashboard(client_for(org_a.pm))
    assert '<select name="champion"' in page
    assert f"{org_a.champion.display_name}</option>" in page


def test_a_name_typed_finds_the_one_champion_it_names(crowd, client_for):
    page = _dashboard(client_for(crowd.pm), champion="joan clarke")
    assert "Champion: Joan Clarke" in page
    assert 'value="joan clarke"' in page  # what was typed stays in the box


def test_a_name_two_people_share_asks_for_the_email(crowd, client_for):
    client = client_for(crowd.pm)
    page = _dashboard(client, champion="Ahmed Baker")
    assert "2 people match “Ahmed Baker”: type the email of the one you mean" in page
    assert "a.baker@a.example, ahmed.baker@a.example" in page
    assert "Champion: Ahmed Baker" not in page
    assert 'value="Ahmed Baker"' in page
    assert "Champion: Ahmed Baker" in _dashboard(client, champion="A.Baker@a.example")


def test_a_link_by_id_shows_the_name_and_email_and_finds_them_again(crowd, client_for):
    joan = crowd.organisation.memberships.get(user__email="joan@a.example").user
    client = client_for(crowd.pm)
    page = _dashboard(client, champion=str(joan.public_id))
    assert "Champion: Joan Clarke" in page
    assert 'value="Joan Clarke (joan@a.example)"' in page
    assert "Champion: Joan Clarke" in _dashboard(client, champion="Joan Clarke (joan@a.example)")


def test_another_organisations_champion_is_never_found(crowd, org_b, client_for):
    client = client_for(crowd.pm)
    outsider = org_b.champion
    by_name = _dashboard(client, champion=outsider.name)
    assert f"No one here matches “{outsider.name}”. Type their name or email." in by_name
    assert f"Champion: {outsider.display_name}" not in by_name
    assert "No one here matches" in _dashboard(client, champion=outsider.email)
    by_id = _dashboard(client, champion=str(outsider.public_id))
    assert "Select a valid choice" in by_id
    assert outsider.email not in by_id


def test_the_pms_session_list_searches_the_same_way(crowd, client_for):
    page = client_for(crowd.pm).get(reverse("sessions_log:all")).content.decode()
    assert re.search(r'<input type="search" name="champion"', page)
    found = client_for(crowd.pm).get(reverse("sessions_log:all"), {"champion": "joan@a.example"})
    assert found.status_code == 200
    assert "No one here matches" not in found.content.decode()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(typed=st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300)))
def test_whatever_is_typed_is_a_page_with_figures_or_a_message(typed, crowd, client_for):
    response = client_for(crowd.pm).get(reverse("impact:organisation"), {"champion": typed})
    assert response.status_code == 200
    page = response.content.decode()
    chosen = '<span class="h3 d-block">Champion: ' in page  # the page's title names them
    refused = any(
        words in page for words in ("No one here matches", "people match", "Select a valid choice")
    )
    if typed.replace("\x00", "").strip():
        assert chosen != refused
    else:
        assert not chosen and not refused  # nothing typed: all champions


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(typed=st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300)))
@example(typed="Joan Clarke")  # one champion: chosen
@example(typed="Ahmed Baker")  # two: asked for the email
def test_whatever_is_typed_on_the_pms_session_list_is_a_list_or_a_message(typed, crowd, client_for):
    """The same field on the PM's session list: any text is the sessions of the one champion it
    names, or a message beside the box saying why not; never an error page."""
    response = client_for(crowd.pm).get(reverse("sessions_log:all"), {"champion": typed})
    assert response.status_code == 200
    page = response.content.decode()
    chosen = response.context["form"].is_valid() and bool(
        response.context["form"].cleaned_data.get("champion")
    )
    refused = any(
        words in page for words in ("No one here matches", "people match", "Select a valid choice")
    )
    if typed.replace("\x00", "").strip():
        assert chosen != refused
    else:
        assert not chosen and not refused  # nothing typed: every champion's sessions
