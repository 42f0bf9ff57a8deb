"""The toolkit's "done means": a champion finds, downloads and rates a handout; a network admin
publishes a champion's suggestion; another organisation's PM never sees private resources."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.browser.conftest import open_menu
from tests.browser.test_roles import sign_in_admin
from tests.toolkit.factories import PDF_BYTES, make_resource
from toolkit.models import Feedback, Resource, Status


def test_champion_finds_downloads_and_rates_a_handout(page, live_server, sign_in, org_a, axe_check):
    handout = make_resource(
        title="Spotting a scam text",
        summary="A one-page handout for learners.",
        body="Scam texts often say a parcel is waiting.",
        resource_type="handout",
        audiences=["learners"],
        topics=["scams"],
        files={
            "file": SimpleUploadedFile("spotting-a-scam-text.pdf", PDF_BYTES),
            "file_content_type": "application/pdf",
        },
    )
    make_resource(title="Scams: a guide for champions", resource_type="guide", topics=["scams"])
    make_resource(title="Video calls", body="Nothing relevant.")
    sign_in(page, org_a.champion)
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Toolkit").click()
    axe_check(page)
    page.get_by_role("search").first.get_by_label("Search the toolkit").fill("scam")
    page.get_by_role("search").first.get_by_role("button", name="Search", exact=True).click()
    page.get_by_text("2 resources for “scam”").wait_for()
    axe_check(page)
    page.get_by_label("Type", exact=True).select_option("handout")
    page.get_by_text("1 resource for “scam”").wait_for()
    assert page.locator("mark").first.inner_text().lower().startswith("scam")
    page.get_by_role("link", name="Spotting a scam text").click()
    page.get_by_role("heading", name="Spotting a scam text", level=1).wait_for()
    axe_check(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download spotting-a-scam-text.pdf").click()
    download = download_info.value
    assert download.suggested_filename == "spotting-a-scam-text.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read() == PDF_BYTES
    page.get_by_label("Yes").check()
    page.get_by_label("Anything to add? (optional)").fill("Used it at the library today")
    page.get_by_role("button", name="Send", exact=True).click()
    page.get_by_text("Thank you: your answer helps others").wait_for()
    axe_check(page)
    feedback = Feedback.objects.get(resource=handout)
    assert feedback.helpful and feedback.comment == "Used it at the library today"
    handout.refresh_from_db()
    assert (handout.download_count, handout.helpful_yes) == (1, 1)
    assert not page.errors, page.errors


def test_admin_publishes_a_suggested_draft(
    page, live_server, sign_in, org_a, network_admin, axe_check
):
    # The champion suggests...
    sign_in(page, org_a.champion)
    page.goto(live_server.url + "/toolkit/suggest/")
    axe_check(page)
    page.get_by_label("Title").fill("Cost-of-living apps")
    page.get_by_label("Summary").fill("Apps tenants found useful.")
    page.get_by_label("Content", exact=True).fill("## Apps\n\n- a budgeting app")
    page.get_by_label("Type").select_option("guide")
    page.get_by_label("Digital Champions").check()
    page.get_by_role("button", name="Send suggestion").click()
    page.get_by_text("is with the toolkit’s curators for review").wait_for()
    suggestion = Resource.objects.get(title="Cost-of-living apps")
    assert suggestion.status == Status.DRAFT
    page.context.clear_cookies()

    # ...and the network admin, signing in with their authenticator, reviews and publishes it.
    sign_in_admin(page, live_server, network_admin)
    page.goto(live_server.url + "/toolkit/manage/")
    axe_check(page)
    page.get_by_role("link", name="Cost-of-living apps").click()
    page.get_by_text(f"Suggested by {org_a.champion.display_name}").wait_for()
    axe_check(page)
    page.get_by_label("Note (optional)").fill("Checked: all free apps")
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("“Cost-of-living apps” is now published.").wait_for()
    suggestion.refresh_from_db()
    assert suggestion.status == Status.PUBLISHED
    assert suggestion.transitions.first().by == network_admin
    assert not page.errors, page.errors


def test_other_organisations_pm_never_sees_private_resources(
    page, live_server, sign_in, org_a, org_b
):
    private = make_resource(
        organisation=org_a.organisation, title="Riverside scam rota", topics=["scams"]
    )
    make_resource(title="Scam handout for everyone", topics=["scams"])
    sign_in(page, org_b.pm)
    page.goto(live_server.url + "/toolkit/search/?q=scam")
    page.get_by_text("1 resource for “scam”").wait_for()
    assert page.get_by_text("Riverside scam rota").count() == 0
    response = page.goto(f"{live_server.url}/toolkit/r/{private.public_id}/")
    assert response.status == 404
    response = page.goto(f"{live_server.url}/toolkit/r/{private.public_id}/download/")
    assert response.status == 404
