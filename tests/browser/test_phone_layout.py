"""No page scrolls sideways on a 360 px phone, and nothing is out of sight: every element of
every page in each role's navigation (and the pages one opens from them) fits the viewport.
Tables become cards or stack on a phone rather than scroll."""

import pytest

from tests.browser.conftest import PHONE
from tests.browser.test_roles import _nav_links, _some_of_everything, sign_in_admin
from tests.sessions_log.factories import AttendanceFactory, SupportSessionFactory
from tests.toolkit.factories import make_pathway, make_resource
from toolkit import services as toolkit_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDER_THAN_THE_PHONE = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (el.closest(".visually-hidden, .visually-hidden-focusable, [hidden]")) continue;
    // Inside a box clipped to a pixel (a table's header kept for screen readers): not shown.
    let clipped = false;
    for (let a = el.parentElement; a && !clipped; a = a.parentElement) {
      clipped = a.getBoundingClientRect().width <= 1 && getComputedStyle(a).overflow === "hidden";
    }
    if (clipped) continue;
    if (box.right > width + 1 || box.left < -1) {
      const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "");
      found.push(`${name} (${Math.round(box.left)}..${Math.round(box.right)})`);
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, found: found.slice(0, 8)};
}"""


def _fits(page, href):
    result = page.evaluate(WIDER_THAN_THE_PHONE)
    assert result["scroll"] <= result["width"], f"{href} scrolls sideways: {result}"
    assert not result["found"], f"{href}: out of sight on a phone: {result['found']}"


@pytest.mark.parametrize("page", [PHONE], indirect=True, ids=["phone"])
@pytest.mark.parametrize("role", ["champion", "pm", "network_admin"])
def test_no_page_is_wider_than_a_phone(role, page, live_server, sign_in, org_a, network_admin):
    _some_of_everything(org_a)
    group = SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, format="group"
    )
    for _ in range(3):
        AttendanceFactory(session=group)
    # The champion's toolkit training in the dashboard's table: a badge and steps in one cell.
    pathway = make_pathway([make_resource(title="Scams"), make_resource(title="Video calls")])
    pathway.badge_name = "Inducted champion"  # the demo's: too wide beside its label and steps
    pathway.save(update_fields=["badge_name"])
    for step in pathway.steps.all():
        toolkit_services.step_mark(user=org_a.champion, step=step, done=True)
    if role == "network_admin":
        sign_in_admin(page, live_server, network_admin)
    else:
        sign_in(page, getattr(org_a, role))
    links = _nav_links(page)
    if role != "network_admin":
        links += [f"/sessions/{group.public_id}/"]
    failures = []
    for href in links:
        response = page.goto(live_server.url + href)
        assert response.status == 200, f"{href}: {response.status}"
        try:
            _fits(page, href)
        except AssertionError as problem:
            failures.append(str(problem))
    assert not failures, "\n".join(failures)
