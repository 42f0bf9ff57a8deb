"""Walk every URL the project defines, as each role of organisation A, against objects of
organisation B: each must answer exactly 404, as if the object did not exist. A view refuses a
method it does not take (405, with an Allow header) before it looks anything up, so for that
method only a 405 is accepted, and then the method it does take must be a 404.

The status codes mean one thing each (the matrix of URLs x roles below, after pretix's
src/tests/control/test_permissions.py): 404 another organisation's object, 403 a role too low
inside one's own organisation, 405 a wrong method. Also check that no page A's people can open
without parameters shows B's name."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.tenancy_registry import (
    NOT_ORGANISATION_SCOPED,
    OBJECTS_OF_ANOTHER_ORGANISATION,
    ROLE_REQUIRED,
)

# Third-party URL trees that hold no organisation data.
SKIPPED_PREFIXES = ("django-admin/", "accounts/")


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern) and entry.name:
            route = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, route, list(entry.pattern.regex.groupindex)


def project_urls():
    seen = set()
    for name, route, params in _walk(get_resolver()):
        if route.startswith(SKIPPED_PREFIXES) or name in seen:
            continue
        seen.add(name)
        yield name, params


PARAM_URLS = sorted(name for name, params in project_urls() if params)
PLAIN_URLS = sorted(name for name, params in project_urls() if not params)


def test_every_url_with_parameters_is_registered():
    missing = [
        n
        for n in PARAM_URLS
        if n not in OBJECTS_OF_ANOTHER_ORGANISATION and n not in NOT_ORGANISATION_SCOPED
    ]
    assert not missing, f"Add these URLs to tests/tenancy_registry.py: {missing}"


METHODS = ("GET", "POST")
# How far each role of an organisation reaches; ROLE_REQUIRED names the least role a URL needs.
ROLE_RANK = {"champion": 0, "pm": 1, "network_admin": 2}


def _ask(client, url) -> dict:
    return {"GET": client.get(url), "POST": client.post(url, {})}


def _allowed(responses) -> set[str]:
    """The methods the view takes, from the Allow header of its 405 (every method if none)."""
    allowed = set(METHODS)
    for response in responses.values():
        if response.status_code == 405:
            allowed &= {m.strip() for m in response["Allow"].split(",")}
    return allowed


def test_registry_names_only_registered_urls():
    unknown = set(ROLE_REQUIRED) - set(OBJECTS_OF_ANOTHER_ORGANISATION)
    assert not unknown, f"ROLE_REQUIRED names URLs with no entry: {sorted(unknown)}"
    assert set(ROLE_REQUIRED.values()) <= set(ROLE_RANK)


@pytest.mark.parametrize("role", ["pm", "champion"])
@pytest.mark.parametrize("url_name", sorted(OBJECTS_OF_ANOTHER_ORGANISATION))
def test_objects_of_another_organisation_are_not_found(url_name, role, org_a, org_b, client_for):
    url = reverse(url_name, kwargs=OBJECTS_OF_ANOTHER_ORGANISATION[url_name](org_b))
    responses = _ask(client_for(getattr(org_a, role)), url)
    allowed = _allowed(responses)
    codes = {method: r.status_code for method, r in responses.items()}
    assert allowed, f"{url} as A's {role} takes neither GET nor POST: {codes}"
    for method, response in responses.items():
        expected = 404 if method in allowed else 405
        assert response.status_code == expected, f"{method} {url} as A's {role}: {codes}"


@pytest.mark.parametrize("role", ["pm", "champion"])
@pytest.mark.parametrize("url_name", sorted(OBJECTS_OF_ANOTHER_ORGANISATION))
def test_own_organisation_by_role(url_name, role, org_a, client_for):
    """The same URLs on one's own organisation's objects: 403 exactly when the role is too low,
    405 only for a method the view does not take, and never a 404."""
    url = reverse(url_name, kwargs=OBJECTS_OF_ANOTHER_ORGANISATION[url_name](org_a))
    responses = _ask(client_for(getattr(org_a, role)), url)
    allowed = _allowed(responses)
    codes = {method: r.status_code for method, r in responses.items()}
    too_low = ROLE_RANK[role] < ROLE_RANK[ROLE_REQUIRED.get(url_name, "champion")]
    assert allowed, f"{url} as A's {role} takes neither GET nor POST: {codes}"
    for method, response in responses.items():
        if method not in allowed:
            assert response.status_code == 405, f"{method} {url} as A's {role}: {codes}"
        elif too_low:
            assert response.status_code == 403, f"{method} {url} as A's {role}: {codes}"
        else:
            assert response.status_code not in (403, 404, 405), (
                f"{method} {url} as A's {role}: {codes}"
            )


@pytest.mark.parametrize("role", ["pm", "champion"])
@pytest.mark.parametrize("url_name", PLAIN_URLS)
def test_pages_never_show_another_organisation(url_name, role, org_a, org_b, client_for):
    client = client_for(getattr(org_a, role))
    response = client.get(reverse(url_name))
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/"):
        body = b"".join(response) if response.streaming else response.content
        assert org_b.organisation.name.encode() not in body
        assert org_b.champion.email.encode() not in body
