"""The toolkit in Welsh (issue 16, point 6): Welsh resources indexed word for word (PostgreSQL has
no Welsh stemmer), Welsh resources first for a Welsh reader, a resource linked to its
translation, and `lang` on a resource's text when it is not in the page's language."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.queries import exactly
from toolkit import services
from toolkit.models import Resource, Status

from .factories import make_resource, resource_data

WELSH_BODY = (
    "## Cyn dechrau\n\n"
    "Peidiwch byth â rhannu eich cyfrineiriau na manylion eich cerdyn. "
    "Mae negeseuon testun ffug yn gofyn am daliadau. "
    "Gwyliwch y gyfres fideo am sgamiau cyn agor ap y banc."
)


def _welsh(**overrides) -> Resource:
    data = {
        "title": "Bancio ar-lein yn ddiogel",
        "summary": "Sut i ddefnyddio ap eich banc heb gael eich twyllo.",
        "body": WELSH_BODY,
        "language": "cy",
    }
    return make_resource(**{**data, **overrides})


def _published_days_ago(resource: Resource, days: int) -> Resource:
    Resource.objects.filter(pk=resource.pk).update(
        published_at=timezone.now() - timedelta(days=days)
    )
    resource.refresh_from_db()
    return resource


def _welsh_reader(user):
    user.language = "cy"
    user.save(update_fields=["language"])
    return user


def _found(client, **params) -> list[int]:
    response = client.get(reverse("toolkit:search"), params)
    assert response.status_code == 200
    return [r.pk for r in response.context["page_obj"].object_list]


def _lexemes(resource: Resource) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_agg(lexeme) FROM toolkit_resource, unnest(search_vector) "
            "WHERE toolkit_resource.id = %s",
            [resource.pk],
        )
        return set(cursor.fetchone()[0])


# --- search ----------------------------------------------------------------------------------


def test_a_welsh_resource_is_indexed_word_for_word_and_found_by_its_welsh_words(org_a, client_for):
    welsh = _welsh()
    make_resource(title="Video calls", summary="Family.", body="Nothing in Welsh here.")
    # English rules would have dropped "am" (an English stopword) and cut "gyfres" to "gyfr";
    # word for word, every Welsh word is kept whole.
    lexemes = _lexemes(welsh)
    assert {"gyfres", "am", "bancio", "ddiogel", "cyfrineiriau"} <= lexemes
    client = client_for(org_a.champion)
    # "am" is an English stopword (English stemming drops it), and "gyfres" English stemming
    # turns into "gyfr": both find the Welsh resource because it is indexed as written.
    assert _found(client, q="am") == [welsh.pk]
    assert _found(client, q="gyfres") == [welsh.pk]
    assert _found(client, q="bancio") == [welsh.pk]
    # ... and a stem English rules would have made of a Welsh word matches nothing.
    assert _found(client, q="gyfr") == []


def test_welsh_search_results_keep_their_headlines_and_type_counts(org_a, client_for):
    _welsh()
    response = client_for(org_a.champion).get(reverse("toolkit:search"), {"q": "sgamiau"})
    html = response.content.decode()
    assert "<mark>sgamiau</mark>" in html
    assert {link["label"]: link["count"] for link in response.context["type_links"]} == {"Guide": 1}
    response = client_for(org_a.champion).get(reverse("toolkit:search"), {"q": "bancio"})
    assert "<mark>Bancio</mark> ar-lein yn ddiogel" in response.content.decode()


def test_english_resources_are_still_found_by_stemmed_words(org_a, client_for):
    bank = make_resource(
        title="Your bank on your phone", summary="Apps and cards.", body="Check the address."
    )
    _welsh()
    client = client_for(org_a.champion)
    assert _found(client, q="banking") == [bank.pk]
    assert _found(client, q="banks") == [bank.pk]
    response = client.get(reverse("toolkit:search"), {"q": "banking"})
    assert "<mark>bank</mark>" in response.content.decode()


def test_one_search_finds_english_and_welsh_resources_alike(org_a, client_for):
    english = make_resource(title="Apps for the bank", summary="Safely.", body="An app.")
    welsh = _welsh()
    assert set(_found(client_for(org_a.champion), q="ap OR app")) == {english.pk, welsh.pk}


# --- Welsh first for a Welsh reader ------------------------------------------------------------


def test_a_welsh_reader_sees_welsh_resources_first_in_the_chosen_order(org_a, client_for):
    new_english = _published_days_ago(make_resource(title="Scam texts", body="A scam."), 1)
    old_english = _published_days_ago(make_resource(title="Scam calls", body="A scam."), 30)
    new_welsh = _published_days_ago(_welsh(title="Sgamiau testun", body="Sgam."), 5)
    old_welsh = _published_days_ago(_welsh(title="Sgamiau ffôn", body="Sgam."), 50)
    english_reader = client_for(org_a.pm)
    assert _found(english_reader) == [new_english.pk, new_welsh.pk, old_english.pk, old_welsh.pk]
    welsh_reader = client_for(_welsh_reader(org_a.champion))
    assert _found(welsh_reader) == [new_welsh.pk, old_welsh.pk, new_english.pk, old_english.pk]
    assert _found(welsh_reader, sort="newest", language="") == [
        new_welsh.pk,
        old_welsh.pk,
        new_english.pk,
        old_english.pk,
    ]
    # Most helpful: the order within each language group is the votes'.
    Resource.objects.filter(pk=old_welsh.pk).update(helpful_yes=9)
    Resource.objects.filter(pk=old_english.pk).update(helpful_yes=9)
    assert _found(welsh_reader, sort="helpful") == [
        old_welsh.pk,
        new_welsh.pk,
        old_english.pk,
        new_english.pk,
    ]
    # A search: Welsh matches first, then the English ones by relevance.
    assert _found(welsh_reader, q="scam OR sgam OR sgamiau")[:2] == [new_welsh.pk, old_welsh.pk]


def test_a_welsh_reader_sees_welsh_resources_first_on_the_toolkit_home(org_a, client_for):
    english = _published_days_ago(make_resource(title="Newest English", is_featured=True), 1)
    welsh = _published_days_ago(_welsh(title="Hen adnodd", is_featured=True), 9)
    Resource.objects.update(is_featured=True)
    response = client_for(_welsh_reader(org_a.champion)).get(reverse("toolkit:home"))
    assert [r.pk for r in response.context["newest"]] == [welsh.pk, english.pk]
    assert [r.pk for r in response.context["featured"]] == [welsh.pk, english.pk]
    response = client_for(org_a.pm).get(reverse("toolkit:home"))
    assert [r.pk for r in response.context["newest"]] == [english.pk, welsh.pk]


# --- a resource and its translation ----------------------------------------------------------


def _linked(resource: Resource):
    resource.refresh_from_db()
    return resource.translation


def test_linking_a_translation_links_both_ways_and_unlinking_clears_both(db):
    english = make_resource(title="Online banking safely")
    welsh = _welsh()
    other_welsh = _welsh(title="Bancio ar-lein (hen fersiwn)")
    services.resource_translation_set(resource=english, translation=welsh)
    assert _linked(english) == welsh
    assert _linked(welsh) == english
    # Linking another translation unlinks the first one, on both sides.
    services.resource_translation_set(resource=english, translation=other_welsh)
    assert _linked(english) == other_welsh
    assert _linked(other_welsh) == english
    assert _linked(welsh) is None
    # Clearing it from either side clears both.
    services.resource_translation_set(resource=other_welsh, translation=None)
    assert _linked(english) is None
    assert _linked(other_welsh) is None


def test_a_translation_is_in_another_language_and_not_itself(db):
    english = make_resource(title="Online banking safely")
    also_english = make_resource(title="Banking apps")
    with pytest.raises(ValidationError) as refused:
        services.resource_translation_set(resource=english, translation=also_english)
    assert "another language" in str(refused.value)
    with pytest.raises(ValidationError):
        services.resource_translation_set(resource=english, translation=english)
    assert _linked(english) is None
    assert _linked(also_english) is None


def _edit_form(resource: Resource, **overrides) -> dict:
    current = {
        "title": resource.title,
        "summary": resource.summary,
        "body": resource.body,
        "language": resource.language,
    }
    data = resource_data(**{**current, **overrides})
    return {k: v for k, v in data.items() if v is not None}


def test_the_curator_links_a_translation_on_the_resource_form(network_admin, client_for):
    english = make_resource(title="Online banking safely")
    welsh = _welsh()
    client = client_for(network_admin)
    page = client.get(reverse("toolkit:edit", args=[english.public_id])).content.decode()
    assert "Bancio ar-lein yn ddiogel (Welsh (Cymraeg))" in page
    response = client.post(
        reverse("toolkit:edit", args=[english.public_id]),
        _edit_form(english, translation=str(welsh.pk)),
    )
    assert response.status_code == 302
    assert _linked(english) == welsh
    assert _linked(welsh) == english
    # The Welsh one's form shows the link, and emptying it there unlinks both.
    page = client.get(reverse("toolkit:edit", args=[welsh.public_id])).content.decode()
    assert re.search(rf'<option value="{english.pk}" selected>', page)
    response = client.post(
        reverse("toolkit:edit", args=[welsh.public_id]), _edit_form(welsh, translation="")
    )
    assert response.status_code == 302
    assert _linked(english) is None
    assert _linked(welsh) is None


def test_a_translation_in_the_same_language_is_refused_next_to_the_field(network_admin, client_for):
    english = make_resource(title="Online banking safely")
    also_english = make_resource(title="Banking apps")
    response = client_for(network_admin).post(
        reverse("toolkit:edit", args=[english.public_id]),
        _edit_form(english, title="A new title", translation=str(also_english.pk)),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["translation"] == [
        "Choose a resource in another language: this one is in English too."
    ]
    english.refresh_from_db()
    assert english.title == "Online banking safely"  # nothing half-saved
    assert english.translation is None


def test_a_new_resource_can_be_linked_to_its_translation(network_admin, client_for):
    welsh = _welsh()
    data = {k: v for k, v in resource_data(title="Banking safely online").items() if v is not None}
    response = client_for(network_admin).post(
        reverse("toolkit:create"), {**data, "translation": str(welsh.pk)}
    )
    assert response.status_code == 302
    english = Resource.objects.get(title="Banking safely online")
    assert _linked(english) == welsh
    assert _linked(welsh) == english


def test_a_pm_chooses_only_among_resources_they_can_see(org_a, org_b, client_for):
    ours = make_resource(organisation=org_a.organisation, title="Our banking guide")
    network_welsh = _welsh()
    network_draft = _welsh(title="Drafft y rhwydwaith", status=Status.DRAFT)
    theirs = _welsh(organisation=org_b.organisation, title="Eu canllaw nhw")
    client = client_for(org_a.pm)
    form = client.get(reverse("toolkit:edit", args=[ours.public_id])).context["form"]
    choices = set(form.fields["translation"].queryset)
    assert network_welsh in choices
    assert network_draft not in choices
    assert theirs not in choices
    for hidden in (theirs, network_draft):
        response = client.post(
            reverse("toolkit:edit", args=[ours.public_id]),
            _edit_form(ours, translation=str(hidden.pk)),
        )
        assert response.status_code == 200
        assert response.context["form"].errors["translation"] == [
            "Choose a resource from the list."
        ]
        assert _linked(ours) is None
        assert _linked(hidden) is None


def test_the_resource_page_links_its_translation_with_lang_and_hreflang(org_a, client_for):
    english = make_resource(title="Online banking safely")
    welsh = _welsh()
    services.resource_translation_set(resource=english, translation=welsh)
    client = client_for(org_a.champion)
    page = client.get(reverse("toolkit:detail", args=[english.public_id])).content.decode()
    welsh_url = reverse("toolkit:detail", args=[welsh.public_id])
    assert (
        f'<a href="{welsh_url}" class="translation-link" lang="cy" hreflang="cy">'
        "Darllenwch hwn yn Gymraeg</a>"
    ) in page
    page = client.get(welsh_url).content.decode()
    english_url = reverse("toolkit:detail", args=[english.public_id])
    assert (
        f'<a href="{english_url}" class="translation-link" lang="en" hreflang="en">'
        "Read this in English</a>"
    ) in page


def test_a_translation_the_reader_may_not_open_is_not_linked(org_a, org_b, client_for):
    english = make_resource(title="Online banking safely")
    theirs = _welsh(organisation=org_b.organisation)
    services.resource_translation_set(resource=english, translation=theirs)
    draft = make_resource(title="Banking (draft)", status=Status.DRAFT)
    welsh = _welsh(title="Bancio")
    services.resource_translation_set(resource=welsh, translation=draft)
    client = client_for(org_a.champion)
    for resource, hidden in ((english, theirs), (welsh, draft)):
        page = client.get(reverse("toolkit:detail", args=[resource.public_id])).content.decode()
        assert "translation-link" not in page
        assert str(hidden.public_id) not in page
    # Their own members do get the link.
    page = client_for(org_b.champion).get(reverse("toolkit:detail", args=[english.public_id]))
    assert "Darllenwch hwn yn Gymraeg" in page.content.decode()


@pytest.mark.parametrize("count", [1, 12])
def test_the_resource_page_with_a_translation_adds_no_query(count, org_a, client_for):
    for n in range(count):
        make_resource(title=f"Guide {n}")
    english = make_resource(title="Online banking safely")
    services.resource_translation_set(resource=english, translation=_welsh())
    client = client_for(org_a.champion)
    client.get(reverse("toolkit:home"))
    with exactly(
        [
            "session",
            "user",
            "memberships (the current organisation)",
            "the resource and its translation, if this reader may see them",
            "savepoint: the view is counted",
            "the view counter",
            "the view, for the usage figures",
            "release the savepoint",
            "the reader's own feedback",
            "the collections it is in",
        ]
    ):
        response = client.get(reverse("toolkit:detail", args=[english.public_id]))
    assert "Darllenwch hwn yn Gymraeg" in response.content.decode()


# --- lang on text in another language than the page's ------------------------------------------


def test_welsh_text_on_an_english_page_carries_lang_and_english_text_on_a_welsh_page(
    org_a, client_for
):
    english = make_resource(title="Online banking safely", summary="Apps and scams.")
    welsh = _welsh()
    english_reader = client_for(org_a.pm)
    page = english_reader.get(reverse("toolkit:detail", args=[welsh.public_id])).content.decode()
    assert '<h1 lang="cy" dir="auto">Bancio ar-lein yn ddiogel</h1>' in page
    assert '<div class="resource-body" lang="cy" dir="auto">' in page
    page = english_reader.get(reverse("toolkit:detail", args=[english.public_id])).content.decode()
    assert "<h1>Online banking safely</h1>" in page

    welsh_reader = client_for(_welsh_reader(org_a.champion))
    page = welsh_reader.get(reverse("toolkit:detail", args=[welsh.public_id])).content.decode()
    assert '<html lang="cy"' in page
    assert "<h1>Bancio ar-lein yn ddiogel</h1>" in page
    page = welsh_reader.get(reverse("toolkit:detail", args=[english.public_id])).content.decode()
    assert '<h1 lang="en" dir="auto">Online banking safely</h1>' in page
    assert '<p class="lead" lang="en" dir="auto">Apps and scams.</p>' in page


def test_lists_mark_each_resource_in_another_language(org_a, client_for):
    make_resource(title="Online banking safely", summary="Apps and scams.")
    _welsh()
    page = client_for(_welsh_reader(org_a.champion)).get(reverse("toolkit:search")).content
    page = page.decode()
    assert re.search(r'<h2 class="h5 mb-1">\s*<a href="[^"]+">Bancio ar-lein yn ddiogel</a>', page)
    assert re.search(r'<h2 class="h5 mb-1" lang="en" dir="auto"><a href="[^"]+">Online', page)
    assert '<p class="mb-1" lang="en" dir="auto">Apps and scams.</p>' in page
    page = client_for(org_a.pm).get(reverse("toolkit:search"), {"q": "sgamiau"}).content.decode()
    assert '<p class="small mb-0 snippet" lang="cy" dir="auto">' in page


def test_the_curators_page_names_the_translation_without_another_query(network_admin, client_for):
    english = make_resource(title="Online banking safely")
    welsh = _welsh()
    client = client_for(network_admin)
    page = client.get(reverse("toolkit:detail_manage", args=[english.public_id])).content.decode()
    assert "None linked: link one on the edit page." in page
    services.resource_translation_set(resource=english, translation=welsh)
    page = client.get(reverse("toolkit:detail_manage", args=[english.public_id])).content.decode()
    welsh_url = reverse("toolkit:detail_manage", args=[welsh.public_id])
    assert (
        f'<a href="{welsh_url}" lang="cy" dir="auto">Bancio ar-lein yn ddiogel</a> (Welsh (Cymraeg))'
    ) in page
    assert '<h1 class="mb-1">Online banking safely</h1>' in page


def test_editing_keeps_a_link_to_a_translation_the_curator_can_no_longer_choose(org_a, client_for):
    ours = make_resource(organisation=org_a.organisation, title="Our banking guide")
    network_welsh = _welsh()
    services.resource_translation_set(resource=ours, translation=network_welsh)
    Resource.objects.filter(pk=network_welsh.pk).update(status=Status.ARCHIVED)
    response = client_for(org_a.pm).post(
        reverse("toolkit:edit", args=[ours.public_id]),
        _edit_form(ours, title="Our banking guide, 2027", translation=str(network_welsh.pk)),
    )
    assert response.status_code == 302
    assert _linked(ours) == network_welsh
    assert _linked(network_welsh) == ours
