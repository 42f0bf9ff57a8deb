import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.queries import exactly
from toolkit import selectors
from toolkit.content import render_markdown
from toolkit.models import Badge, Feedback, Resource, ResourceTransition, SearchLog, Status

from .factories import PDF_BYTES, make_pathway, make_resource, resource_data


def _form(**overrides) -> dict:
    """The resource form as a browser posts it (lists become repeated keys)."""
    return {k: v for k, v in resource_data(**overrides).items() if v is not None}


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, "PNG")
    return buffer.getvalue()


# --- reading and finding ---------------------------------------------------------------------


def test_search_ranks_title_over_body_and_stems_words(org_a, client_for):
    body_only = make_resource(
        title="Online banking basics", summary="Paying bills.", body="Watch for a scam call."
    )
    in_title = make_resource(
        title="Spotting scams", summary="Texts and emails.", body="Trust your instincts."
    )
    make_resource(title="Video calls", summary="Family.", body="Nothing about fraud.")
    response = client_for(org_a.champion).get(reverse("toolkit:search"), {"q": "scam"})
    results = list(response.context["page_obj"].object_list)
    assert [r.pk for r in results] == [in_title.pk, body_only.pk]
    html = response.content.decode()
    assert "<mark>scams</mark>" in html.lower() or "<mark>Scams</mark>" in html
    assert SearchLog.objects.get().result_count == 2


def test_search_snippet_escapes_stored_text(org_a, client_for):
    make_resource(title="Texts", body="A scam text may say `<b>URGENT</b>`: fish & chips 1 < 2.")
    html = client_for(org_a.champion).get(reverse("toolkit:search"), {"q": "scam"}).content
    assert b"<b>URGENT" not in html
    assert b"fish &amp; chips" in html


def test_filters_combine_with_search_and_sorts(org_a, client_for):
    handout = make_resource(title="Scam handout", resource_type="handout", audiences=["learners"])
    make_resource(title="Scam guide", resource_type="guide")
    make_resource(title="Email handout", resource_type="handout")
    client = client_for(org_a.champion)
    response = client.get(reverse("toolkit:search"), {"q": "scam", "resource_type": "handout"})
    assert [r.pk for r in response.context["page_obj"].object_list] == [handout.pk]
    links = {link["label"]: link["count"] for link in response.context["type_links"]}
    assert links == {"Guide": 1, "Handout": 1}
    # A stale filter value in a shared link shows everything rather than an error.
    response = client.get(reverse("toolkit:search"), {"topic": "no-such-topic"})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 3


def test_most_helpful_sort_smooths_small_numbers(org_a, client_for, org_b):
    many = make_resource(title="Loved by many")
    one = make_resource(title="One vote")
    Resource.objects.filter(pk=many.pk).update(helpful_yes=40, helpful_no=2)
    Resource.objects.filter(pk=one.pk).update(helpful_yes=1)
    response = client_for(org_a.champion).get(reverse("toolkit:search"), {"sort": "helpful"})
    assert [r.pk for r in response.context["page_obj"].object_list] == [many.pk, one.pk]


def test_drafts_and_other_organisations_private_resources_stay_hidden(org_a, org_b, client_for):
    private_a = make_resource(organisation=org_a.organisation, title="Riverside scam rota")
    make_resource(title="Draft scam note", status=Status.DRAFT)
    shared = make_resource(title="Scam handout")
    client = client_for(org_b.pm)
    results = client.get(reverse("toolkit:search"), {"q": "scam"}).context["page_obj"]
    assert [r.pk for r in results.object_list] == [shared.pk]
    assert client.get(reverse("toolkit:detail", args=[private_a.public_id])).status_code == 404
    home = client.get(reverse("toolkit:home")).content.decode()
    assert "Riverside scam rota" not in home
    # Organisation A's own champion does see it, marked as private.
    page = client_for(org_a.champion).get(reverse("toolkit:detail", args=[private_a.public_id]))
    assert "Only your organisation" in page.content.decode()


def test_detail_counts_views_and_download_serves_an_attachment(org_a, client_for):
    upload = SimpleUploadedFile("Scam checklist.pdf", PDF_BYTES, "application/pdf")
    resource = make_resource(
        title="Scam checklist",
        resource_type="handout",
        files={"file": upload, "file_content_type": "application/pdf"},
    )
    client = client_for(org_a.champion)
    assert client.get(reverse("toolkit:detail", args=[resource.public_id])).status_code == 200
    response = client.get(reverse("toolkit:download", args=[resource.public_id]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Scam checklist.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES
    resource.refresh_from_db()
    assert (resource.view_count, resource.download_count) == (1, 1)


def test_link_resources_redirect_through_the_counter(org_a, client_for):
    resource = make_resource(resource_type="video", external_url="https://www.nhs.uk/nhs-app/")
    response = client_for(org_a.champion).get(reverse("toolkit:link", args=[resource.public_id]))
    assert response.status_code == 302
    assert response["Location"] == "https://www.nhs.uk/nhs-app/"
    resource.refresh_from_db()
    assert resource.download_count == 1


def test_feedback_once_per_person_and_counts_recount(org_a, client_for):
    resource = make_resource()
    client = client_for(org_a.champion)
    url = reverse("toolkit:feedback", args=[resource.public_id])
    client.post(url, {"helpful": "yes", "comment": "Used it today"})
    client.post(url, {"helpful": "no"})
    resource.refresh_from_db()
    assert (resource.helpful_yes, resource.helpful_no) == (0, 1)
    assert Feedback.objects.get().helpful is False
    response = client.post(url, {"comment": "no answer chosen"})
    assert "Choose yes or no." in response.content.decode()


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Hello <script>alert(1)</script>",
        'Click <a href="#" onclick="steal()">here</a>',
        "[Tap me](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
    ],
)
def test_scripts_and_event_handlers_are_refused_and_nothing_saved(body, network_admin, client_for):
    client = client_for(network_admin)
    response = client.post(reverse("toolkit:create"), _form(title="Kept title", body=body))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Scripts, event-handler attributes" in html
    assert 'value="Kept title"' in html
    assert not Resource.objects.exists()


def test_markdown_is_rendered_and_sanitised():
    html, text = render_markdown("# Title\n\nSome **bold** text <span style='x'>and</span>.")
    assert "<h2>Title</h2>" in html  # the page's own h1 stays the only one
    assert "<strong>bold</strong>" in html
    assert "style" not in html and "<span" not in html
    assert text == "Title Some bold text and."


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "ftp://files.example.org/x", "www.example.org", "data:text/html,x"],
)
def test_links_must_be_http_or_https(url, network_admin, client_for):
    response = client_for(network_admin).post(
        reverse("toolkit:create"), _form(external_url=url, body="")
    )
    assert "Give a web address that starts with https://" in response.content.decode()
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("tool.exe", b"MZ\x90\x00binary", "Upload a PDF, an Office or OpenDocument file"),
        ("fake.pdf", b"just some text pretending", "its contents are not a PDF file"),
        ("notes.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "is not plain text"),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_wrong_file_types_are_refused(name, content, message, network_admin, client_for):
    upload = SimpleUploadedFile(name, content)
    response = client_for(network_admin).post(
        reverse("toolkit:create"), {**_form(title="Keep me"), "file": upload}
    )
    html = response.content.decode()
    assert message in html
    assert "Files are not kept when a form has errors" in html
    assert 'value="Keep me"' in html
    assert not Resource.objects.exists()


def test_files_over_the_limit_are_refused(network_admin, client_for, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    upload = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 2000)
    response = client_for(network_admin).post(
        reverse("toolkit:create"), {**_form(), "file": upload}
    )
    assert "the largest allowed is 1.0\xa0KB" in response.content.decode()
    assert not Resource.objects.exists()


def test_a_file_and_a_link_together_are_refused(network_admin, client_for):
    upload = SimpleUploadedFile("a.pdf", PDF_BYTES)
    response = client_for(network_admin).post(
        reverse("toolkit:create"),
        {**_form(external_url="https://www.gov.uk/"), "file": upload},
    )
    assert "Give a file or a link, not both." in response.content.decode()
    assert not Resource.objects.exists()


def test_valid_upload_with_cover_is_stored(network_admin, client_for):
    client = client_for(network_admin)
    response = client.post(
        reverse("toolkit:create"),
        {
            **_form(title="Handout with cover"),
            "file": SimpleUploadedFile("handout.pdf", PDF_BYTES),
            "cover_image": SimpleUploadedFile("cover.png", _png()),
            "cover_alt": "A phone showing a text message",
        },
    )
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert (resource.file_name, resource.file_content_type) == ("handout.pdf", "application/pdf")
    assert resource.cover_content_type == "image/png"
    cover = client.get(reverse("toolkit:cover", args=[resource.public_id]))
    assert cover["Content-Type"] == "image/png"
    assert "sandbox" in cover["Content-Security-Policy"]


def test_a_cover_that_is_not_an_image_is_refused(network_admin, client_for):
    response = client_for(network_admin).post(
        reverse("toolkit:create"),
        {**_form(), "cover_image": SimpleUploadedFile("cover.png", b"<svg onload=x>")},
    )
    assert "Use a PNG, JPEG or WebP image for the cover." in response.content.decode()
    assert not Resource.objects.exists()


# --- curation ----------------------------------------------------------------------------------


def test_champion_suggestion_lands_as_a_draft_and_an_admin_publishes_it(
    org_a, network_admin, client_for
):
    client = client_for(org_a.champion)
    response = client.post(
        reverse("toolkit:suggest"),
        {**_form(title="Cost-of-living apps", body="Apps that help."), "share_with": "network"},
    )
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert (resource.status, resource.suggested_by, resource.organisation) == (
        Status.DRAFT,
        org_a.champion,
        None,
    )
    # Not visible to readers yet, not even its author.
    assert client.get(reverse("toolkit:detail", args=[resource.public_id])).status_code == 404
    # A champion cannot publish it.
    publish = reverse("toolkit:transition", args=[resource.public_id])
    assert client.post(publish, {"to_status": "published"}).status_code in (403, 404)

    admin = client_for(network_admin)
    queue = admin.get(reverse("toolkit:manage"), {"status": "draft"}).content.decode()
    assert "Cost-of-living apps" in queue
    admin.post(publish, {"to_status": "published", "note": "Checked the links"})
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED and resource.published_at
    move = ResourceTransition.objects.filter(resource=resource).first()
    assert (move.from_status, move.to_status, move.by, move.note) == (
        "draft",
        "published",
        network_admin,
        "Checked the links",
    )
    assert client.get(reverse("toolkit:detail", args=[resource.public_id])).status_code == 200


def test_pm_curates_only_their_own_organisations_resources(org_a, org_b, client_for):
    client = client_for(org_a.pm)
    client.post(reverse("toolkit:create"), _form(title="Our rota"))
    private = Resource.objects.get()
    assert private.organisation == org_a.organisation
    client.post(reverse("toolkit:transition", args=[private.public_id]), {"to_status": "published"})
    private.refresh_from_db()
    assert private.status == Status.PUBLISHED
    network = make_resource(status=Status.DRAFT, title="Network draft")
    response = client.post(
        reverse("toolkit:transition", args=[network.public_id]), {"to_status": "published"}
    )
    assert response.status_code == 404
    network.refresh_from_db()
    assert network.status == Status.DRAFT
    # Champions do not curate at all.
    assert client_for(org_a.champion).get(reverse("toolkit:manage")).status_code == 403


def test_workflow_refuses_impossible_moves(network_admin, client_for):
    resource = make_resource(status=Status.PUBLISHED)
    client = client_for(network_admin)
    response = client.post(
        reverse("toolkit:transition", args=[resource.public_id]),
        {"to_status": "review"},
        follow=True,
    )
    assert "cannot be moved to in review" in response.content.decode()
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED


def test_usage_panel_for_network_admins_only(org_a, network_admin, client_for):
    make_resource(title="Used one")
    SearchLog.objects.create(query="council tax", result_count=0)
    assert client_for(org_a.pm).get(reverse("toolkit:usage")).status_code == 403
    html = client_for(network_admin).get(reverse("toolkit:usage")).content.decode()
    assert "council tax" in html
    assert "Used one" in html  # least found


# --- pathways ----------------------------------------------------------------------------------


def test_completing_every_step_earns_the_badge_once(org_a, client_for):
    steps = [make_resource(title=f"Step {n}") for n in range(3)]
    pathway = make_pathway(steps)
    client = client_for(org_a.champion)
    ids = list(pathway.steps.values_list("pk", flat=True))
    for step_id in ids[:2]:
        client.post(reverse("toolkit:step_mark", args=[pathway.public_id, step_id]), {"done": "1"})
    page = client.get(reverse("toolkit:collection", args=[pathway.public_id])).content.decode()
    assert "2 of 3 steps done" in page
    assert not Badge.objects.exists()
    response = client.post(
        reverse("toolkit:step_mark", args=[pathway.public_id, ids[2]]), {"done": "1"}, follow=True
    )
    assert "you have earned the “Inducted” badge" in response.content.decode()
    assert Badge.objects.get().user == org_a.champion
    # Undoing and redoing a step does not award it twice.
    client.post(reverse("toolkit:step_mark", args=[pathway.public_id, ids[2]]), {"done": "0"})
    client.post(reverse("toolkit:step_mark", args=[pathway.public_id, ids[2]]), {"done": "1"})
    assert Badge.objects.count() == 1
    assert selectors.training_by_champion(org_a.organisation)[org_a.champion.pk] == {
        "steps": 3,
        "badges": ["Inducted"],
    }


def test_admin_builds_a_pathway_from_titles(network_admin, client_for):
    first = make_resource(title="Safeguarding basics")
    second = make_resource(title="Your first session")
    client = client_for(network_admin)
    response = client.post(
        reverse("toolkit:collection_create"),
        {
            "title": "Induction",
            "summary": "Start here",
            "is_pathway": "on",
            "is_published": "on",
            "steps": "your first session\nSafeguarding basics\nNo such thing",
        },
    )
    assert "Not found in the library: No such thing" in response.content.decode()
    response = client.post(
        reverse("toolkit:collection_create"),
        {
            "title": "Induction",
            "summary": "Start here",
            "is_pathway": "on",
            "is_published": "on",
            "steps": "your first session\nSafeguarding basics",
        },
    )
    assert response.status_code == 302
    pathway = selectors.readable_collections(None).get()
    assert [s.resource_id for s in pathway.steps.all()] == [second.pk, first.pk]
    assert pathway.badge_name == "Induction"


# --- permissions and query counts -----------------------------------------------------------

READER_PAGES = ["toolkit:home", "toolkit:search", "toolkit:suggest"]


@pytest.mark.parametrize("name", READER_PAGES + ["toolkit:manage", "toolkit:usage"])
def test_anonymous_people_are_sent_to_sign_in(name, client, db):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_people_without_an_organisation_cannot_read(client_for, db):
    from tests.factories import UserFactory

    response = client_for(UserFactory()).get(reverse("toolkit:home"))
    assert response.status_code == 403


def test_network_admin_without_organisation_reads_and_curates(network_admin, client_for):
    make_resource(title="For everyone")
    client = client_for(network_admin)
    assert "For everyone" in client.get(reverse("toolkit:home")).content.decode()
    assert client.get(reverse("toolkit:manage")).status_code == 200


# Every signed-in page starts with these: the session, the user, the current membership.
SIGNED_IN = ["session", "user", "memberships (the current organisation)"]


@pytest.mark.parametrize("count", [1, 12])
def test_reader_pages_queries_do_not_grow(count, org_a, client_for):
    resources = [make_resource(title=f"Scam guide {n}", is_featured=True) for n in range(count)]
    Resource.objects.update(is_featured=True)
    pathway = make_pathway(resources)
    client = client_for(org_a.champion)
    client.get(reverse("toolkit:home"))  # warm the session
    pages = {
        reverse("toolkit:home"): [
            "featured collections and pathways, with their step counts",
            "featured resources",
            "newest resources",
            "the champion's badges",
        ],
        reverse("toolkit:search") + "?q=scam&resource_type=guide": [
            "how many match",
            "the search, logged for curators (empty searches show what is missing)",
            "matches by type, for the type filter's counts",
            "this page of results",
        ],
        reverse("toolkit:detail", args=[resources[0].public_id]): [
            "the resource, if this reader may see it",
            "savepoint: the view is counted",
            "the view counter",
            "the view, for the usage figures",
            "release the savepoint",
            "the reader's own feedback",
            "the collections it is in",
        ],
        reverse("toolkit:collection", args=[pathway.public_id]): [
            "the collection, if this reader may see it",
            "its steps with their resources",
            "the steps this reader has done",
            "the reader's badge, if earned",
        ],
    }
    for url, queries in pages.items():
        with exactly(SIGNED_IN + queries):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_curator_pages_queries_do_not_grow(count, network_admin, client_for):
    for n in range(count):
        make_resource(title=f"Draft {n}", status=Status.DRAFT)
    resource = Resource.objects.first()
    client = client_for(network_admin)
    client.get(reverse("toolkit:home"))
    pages = {
        reverse("toolkit:manage"): [
            "how many resources wait in this list (for the pages)",
            "resources by status, for the tabs",
            "this page of resources",
            "the collections curated here",
        ],
        reverse("toolkit:detail_manage", args=[resource.public_id]): [
            "the resource, if this curator looks after it",
            "readers' latest comments",
            "its latest moves through the workflow",
        ],
        reverse("toolkit:edit", args=[resource.public_id]): [
            "the resource, if this curator looks after it",
            "what could be its translation, for the list",
        ],
    }
    for url, queries in pages.items():
        with exactly(SIGNED_IN + queries):
            assert client.get(url).status_code == 200
    usage = [
        "session",
        "user",
        "views, downloads and link visits in the period",
        "searches in the period",
        "searches that found nothing",
        "published resources",
        "the most used resources",
        "the least found resources",
        "the commonest searches that found nothing",
        "the commonest searches",
        "memberships (for the navigation)",
    ]
    with exactly(usage):
        assert client.get(reverse("toolkit:usage")).status_code == 200


def test_the_search_index_follows_any_save(org_a, client_for):
    resource = make_resource(title="Old words")
    resource.title = "Universal Credit journal"
    resource.save()  # a plain save, as an admin action or a data fix would do
    response = client_for(org_a.champion).get(reverse("toolkit:search"), {"q": "journal"})
    assert [r.pk for r in response.context["page_obj"].object_list] == [resource.pk]


def test_curators_read_the_comments_readers_leave(org_a, network_admin, client_for):
    resource = make_resource(title="Commented")
    client_for(org_a.champion).post(
        reverse("toolkit:feedback", args=[resource.public_id]),
        {"helpful": "no", "comment": "The NHS App steps have changed"},
    )
    page = client_for(network_admin).get(
        reverse("toolkit:detail_manage", args=[resource.public_id])
    )
    assert "The NHS App steps have changed" in page.content.decode()


def test_network_dashboard_toolkit_figures(org_a, org_b, client_for):
    from datetime import timedelta

    from django.utils import timezone

    from toolkit.models import ResourceUse
    from toolkit.selectors import network_toolkit_figures

    resource = make_resource(title="Used a lot")
    client_for(org_a.champion).get(reverse("toolkit:detail", args=[resource.public_id]))
    client_for(org_b.champion).get(reverse("toolkit:detail", args=[resource.public_id]))
    ResourceUse.objects.create(resource=resource, kind="download", organisation=org_a.organisation)
    steps = make_pathway([resource]).steps.all()
    from toolkit import services

    services.step_mark(user=org_a.champion, step=steps[0], done=True)
    today = timezone.localdate()
    figures = network_toolkit_figures(start=today - timedelta(days=30), end=today)
    assert (figures["views"], figures["downloads"], figures["organisations"]) == (2, 1, 2)
    assert figures["badges"] == 1
    assert [r.title for r in figures["top"]] == ["Used a lot"]
    assert network_toolkit_figures(start=today + timedelta(days=1), end=today)["views"] == 0


def test_network_toolkit_figures_count_the_uses_of_the_portals_own_days(org_a):
    """A use counts on the day it was in the UK: 23:30 on 30 June (22:30 UTC, summer time) is
    the period's last day, 00:10 on 1 July is after it; 00:10 on 1 January (winter, UTC) is the
    first day of a period starting then, and 23:50 on 31 December is not."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from toolkit.models import ResourceUse
    from toolkit.selectors import network_toolkit_figures

    uk = ZoneInfo("Europe/London")
    resource = make_resource(title="Counted by the day")
    for at in (
        datetime(2026, 6, 30, 23, 30, tzinfo=uk),
        datetime(2026, 7, 1, 0, 10, tzinfo=uk),
        datetime(2026, 1, 1, 0, 10, tzinfo=uk),
        datetime(2025, 12, 31, 23, 50, tzinfo=uk),
    ):
        ResourceUse.objects.create(
            resource=resource, kind="view", organisation=org_a.organisation, at=at
        )
    half_year = network_toolkit_figures(start=date(2026, 1, 1), end=date(2026, 6, 30))
    assert half_year["views"] == 2
    assert [(r.title, r.uses_in_period) for r in half_year["top"]] == [("Counted by the day", 2)]
    july = network_toolkit_figures(start=date(2026, 7, 1), end=date(2026, 7, 31))
    assert july["views"] == 1
    assert network_toolkit_figures(start=date(2027, 1, 1), end=date(2027, 1, 31))["top"] == []


def test_a_replaced_file_leaves_storage(
    network_admin, client_for, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    resource = make_resource(
        files={
            "file": SimpleUploadedFile("old.pdf", PDF_BYTES),
            "file_content_type": "application/pdf",
        }
    )
    old_name = resource.file.name
    assert default_storage.exists(old_name)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(network_admin).post(
            reverse("toolkit:edit", args=[resource.public_id]),
            {**_form(), "file": SimpleUploadedFile("new.pdf", PDF_BYTES)},
        )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.file_name == "new.pdf"
    assert default_storage.exists(resource.file.name)
    assert not default_storage.exists(old_name)


@pytest.mark.parametrize("count", [1, 12])
def test_form_pages_and_actions_queries_do_not_grow(count, org_a, network_admin, client_for):
    # One more than `count`, so the step marked is never the last (that would earn a badge).
    resources = [make_resource(title=f"Guide {n}") for n in range(count + 1)]
    pathway = make_pathway(resources)
    step = pathway.steps.first()
    champion = client_for(org_a.champion)
    champion.get(reverse("toolkit:home"))
    with exactly(SIGNED_IN):
        assert champion.get(reverse("toolkit:suggest")).status_code == 200
    # Writes count their savepoints too: constant, whatever the library's size.
    marking = [
        "the pathway, if this reader may see it",
        "the step, in that pathway",
        "savepoint: marking the step",
        "savepoint: the completion, once",
        "the completion",
        "release the completion's savepoint",
        "any step left to do (else the badge)",
        "release the savepoint",
    ]
    with exactly(SIGNED_IN + marking):
        champion.post(
            reverse("toolkit:step_mark", args=[pathway.public_id, step.pk]), {"done": "1"}
        )
    answering = [
        "the resource, if this reader may see it",
        "savepoint: the feedback",
        "savepoint: one answer per person",
        "the reader's earlier answer, locked",
        "savepoint: the new answer",
        "the new answer",
        "release the new answer's savepoint",
        "release the one-answer savepoint",
        "the resource's answers recounted",
        "the counters updated",
        "release the feedback's savepoint",
        "the counters, to show",
    ]
    with exactly(SIGNED_IN + answering):
        champion.post(
            reverse("toolkit:feedback", args=[resources[0].public_id]), {"helpful": "yes"}
        )
    admin = client_for(network_admin)
    admin.get(reverse("toolkit:home"))
    for url, queries in (
        (reverse("toolkit:create"), ["what could be its translation, for the list"]),
        (reverse("toolkit:collection_create"), []),
        (
            reverse("toolkit:collection_edit", args=[pathway.public_id]),
            ["the collection, if this curator looks after it", "its steps"],
        ),
    ):
        with exactly(SIGNED_IN + queries):
            assert admin.get(url).status_code == 200
    moving = [
        "the resource, if this curator looks after it",
        "savepoint: the move",
        "the resource, locked",
        "its new status",
        "the move, for the history",
        "the audit event",
        "release the savepoint",
    ]
    with exactly(SIGNED_IN + moving):
        admin.post(
            reverse("toolkit:transition", args=[resources[0].public_id]), {"to_status": "archived"}
        )
