"""Forms speak the portal's language: every problem at once, each saying what to do."""

from django.urls import reverse

from organisations.forms import AcceptInvitationForm, NewOrganisationForm


def test_a_new_organisation_form_says_what_to_do_and_offers_no_dashes(db):
    form = NewOrganisationForm(data={})
    assert not form.is_valid()
    assert form.errors["name"] == ["Enter the organisation’s name."]
    assert form.errors["sector"] == ["Choose the sector the organisation works in."]
    assert form.errors["region"] == ["Choose the UK nation or region it works in."]
    html = str(form["sector"]) + str(form["region"])
    assert "---------" not in html and "Choose a sector" in html


def test_every_password_problem_at_sign_up_comes_at_once(db):
    form = AcceptInvitationForm(
        data={"name": "Sam", "password": "123", "password_again": "1234"},
        email="sam@example.org",
    )
    assert not form.is_valid()
    problems = " ".join(form.errors["password"])
    assert "too short" in problems and "entirely numeric" in problems
    assert form.errors["password_again"] == ["The two passwords are different. Type them again."]


def test_the_add_organisation_page_shows_the_messages(network_admin, client_for):
    page = client_for(network_admin).post(reverse("organisations:network_create"), {})
    body = page.content.decode()
    assert page.status_code == 200
    assert "Enter the organisation’s name." in body and "---------" not in body
