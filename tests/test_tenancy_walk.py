"""Walk every URL the project defines, as each role of organisation A, against objects of
organisation B, and fail on any 200 (or any redirect after a POST, which would mean the action ran).
Also check that no page A's people can open without parameters shows B's name."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.tenancy_registry import NOT_ORGANISATION_SCOPED, OBJECTS_OF_ANOTHER_ORGANISATION

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


@pytest.mark.parametrize("role", ["pm", "champion"])
@pytest.mark.parametrize("url_name", sorted(OBJECTS_OF_ANOTHER_ORGANISATION))
def test_objects_of_another_organisation_are_never_served(url_name, role, org_a, org_b, client_for):
    url = reverse(url_name, kwargs=OBJECTS_OF_ANOTHER_ORGANISATION[url_name](org_b))
    client = client_for(getattr(org_a, role))
    get = client.get(url)
    assert get.status_code in (403, 404, 405), f"GET {url} as A's {role}: {get.status_code}"
    post = client.post(url, {})
    assert post.status_code in (403, 404, 405), f"POST {url} as A's {role}: {post.status_code}"


@pytest.mark.parametrize("role", ["pm", "champion"])
@pytest.mark.parametrize("url_name", PLAIN_URLS)
def test_pages_never_show_another_organisation(url_name, role, org_a, org_b, client_for):
    client = client_for(getattr(org_a, role))
    response = client.get(reverse(url_name))
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/"):
        body = b"".join(response) if response.streaming else response.content
        assert org_b.organisation.name.encode() not in body
        assert org_b.champion.email.encode() not in body
