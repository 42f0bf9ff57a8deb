"""The pages that are the way in (sign in, the authenticator code, password reset) carry no "Sign
in" button in their header, and the code page says where the code comes from."""

from django.test import Client
from django.urls import reverse

from tests.factories import TEST_PASSWORD


def _header(response) -> str:
    body = response.content.decode()
    return body[body.index("<header") : body.index("</header>")]


def test_the_sign_in_pages_have_no_sign_in_button(db):
    for name in ("account_login", "account_reset_password"):
        response = Client().get(reverse(name))
        assert response.status_code == 200
        assert "Sign in</a>" not in _header(response), name


def test_the_authenticator_page_says_where_the_code_comes_from(network_admin):
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": network_admin.email, "password": TEST_PASSWORD},
        follow=True,
    )
    assert response.resolver_match.url_name == "mfa_authenticate"
    body = response.content.decode()
    assert "Open the app on your phone" in body and "recovery codes" in body
    assert "Sign in</a>" not in _header(response)
