"""Logging sessions with no signal (issue 13), in Debian's Chromium at 360x740: the service worker
serves the log and tally pages offline, sessions wait in IndexedDB with an id made on the device
(the API's Idempotency-Key), and they reach the portal exactly once when the connection returns,
whatever happens to the connection or the tabs meanwhile."""

import re

import pytest
from django.db import connections

from learners.models import Learner
from privacy.services import learner_erase
from sessions_log.models import SupportSession
from tests.browser.conftest import CHROMIUM_ARGS, PHONE, UK_TIME, keep_the_servers_time, open_menu
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED_HERE = "Saved on this device; it will be sent when you are back online."


@pytest.fixture
def device(tmp_path, live_server, playwright):
    """A phone whose storage (IndexedDB, caches, the service worker, cookies) lives in a folder,
    so the browser can be closed and opened again with everything it kept. Launched from the
    run's one Playwright driver (tests/conftest.py), which also turns on the service worker's
    network events: without them Playwright's offline switch does not reach the worker's own
    requests."""
    opened = []

    def launch():
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path="/usr/bin/chromium",
            args=CHROMIUM_ARGS,
            viewport=PHONE,
            timezone_id=UK_TIME,
            service_workers="allow",
        )
        context.set_default_timeout(30000)
        keep_the_servers_time(context)
        opened.append(context)
        return context

    yield launch
    for context in opened:
        try:
            context.close()
        except Exception:  # already closed by the test
            pass
    # Playwright's sync API runs the test in a greenlet of its own, where Django opened
    # connections of its own: close them, or the test database cannot be dropped.
    connections.close_all()


def _worker_offline(route):
    if route.request.service_worker:
        route.abort("internetdisconnected")
    else:
        route.fallback()


def go_offline(context):
    context.set_offline(True)
    context.route("**/*", _worker_offline)


def go_online(context):
    context.unroute("**/*", _worker_offline)
    context.set_offline(False)


def watch(page):
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: (
            page.errors.append(msg.text)
            if msg.type == "error"
            and "Failed to load resource" not in msg.text
            and "ERR_INTERNET_DISCONNECTED" not in msg.text
            else None
        ),
    )
    return page


def sign_in(page, live_server, user):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(live_server.url + "/")


def ready_for_offline(page):
    """The service worker controls the page and has kept the pages and the learners. A page
    opened while the worker was still installing can stay uncontrolled (Chromium does not
    always let clients.claim() reach it); the next visit to any page is controlled, as for a
    champion, so the test opens the page again then."""
    page.wait_for_selector("html[data-offline-ready]", state="attached")
    try:
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=10000)
    except Exception:
        page.reload()
        page.wait_for_selector("html[data-offline-ready]", state="attached")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def waiting_count(page) -> int:
    return page.evaluate(
        """() => new Promise((resolve, reject) => {
            const r = indexedDB.open("dcp-offline");
            r.onsuccess = () => {
                const tx = r.result.transaction("sessions", "readonly");
                const c = tx.objectStore("sessions").count();
                c.onsuccess = () => resolve(c.result);
            };
            r.onerror = () => reject(r.error);
        })"""
    )


def wait_until_sent(page, timeout=20000):
    """page.js writes the device's count on the page each time it changes."""
    page.wait_for_function(
        "() => document.documentElement.dataset.offlineWaiting === '0'", timeout=timeout
    )


def open_in_reopened_browser(page, url):
    """The first page of a browser opened again on a kept profile. Once in CI (stop 24, on a
    busy machine) Chromium sent that first navigation to the network instead of the kept
    worker, which it had on disk; it is asked once more after a pause. A worker that cannot
    serve the page offline still fails here, on the second try."""
    try:
        page.goto(url)
    except Exception as first_try:
        if "ERR_INTERNET_DISCONNECTED" not in str(first_try):
            raise
        page.wait_for_timeout(2000)
        page.goto(url)


def log_one_to_one_offline(page, live_server, name="Mrs P"):
    page.goto(live_server.url + "/sessions/log/")
    page.get_by_label("New learner: name or initials").fill(name)
    page.get_by_text("Online banking", exact=True).click()
    page.get_by_role("button", name="1 hour").click()
    page.get_by_role("button", name="Save session", exact=True).click()
    page.get_by_text(SAVED_HERE).wait_for()


def test_three_sessions_logged_offline_reach_the_portal_once(device, live_server, org_a, axe_check):
    known = Learner.objects.create(
        organisation=org_a.organisation, display_name="Ada Known", created_by=org_a.champion
    )
    Learner.objects.create(
        organisation=org_a.organisation, display_name="Ada Stranger", created_by=org_a.pm
    )
    context = device()
    page = watch(context.pages[0] if context.pages else context.new_page())
    sign_in(page, live_server, org_a.champion)
    ready_for_offline(page)

    go_offline(context)
    # A one-to-one with a new learner.
    log_one_to_one_offline(page, live_server)
    assert page.locator("[data-offline-count]").inner_text() == "1 session waiting to be sent"
    axe_check(page)
    # A group session: a learner found on this device (only the champion's own), and a total.
    page.reload()
    page.get_by_text("Group", exact=True).click()
    page.locator("#learner-search").fill("Ada")
    page.get_by_role("button", name="Add Ada Known").wait_for()
    assert page.get_by_role("button", name="Add Ada Stranger").count() == 0
    page.get_by_role("button", name="Add Ada Known").click()
    page.get_by_label("How many people were there?").fill("4")
    page.get_by_role("button", name="Save session", exact=True).click()
    page.get_by_text(SAVED_HERE).wait_for()
    # A tally.
    page.goto(live_server.url + "/sessions/tally/")
    page.get_by_label("How many people did you help?").fill("6")
    page.get_by_text("Email", exact=True).click()
    page.get_by_role("button", name="Save tally").click()
    page.get_by_text(SAVED_HERE).wait_for()
    assert page.locator("[data-offline-count]").inner_text() == "3 sessions waiting to be sent"
    axe_check(page)
    page.reload()
    page.locator("[data-offline-count]").wait_for()
    assert waiting_count(page) == 3
    page.goto(live_server.url + "/offline/")
    # The list is drawn from the device's storage once the page has loaded.
    page.locator("[data-device-session]").nth(2).wait_for()
    assert page.locator("[data-device-session]").count() == 3
    axe_check(page)
    assert SupportSession.objects.count() == 0

    # Close the browser and open it again, still offline, with the same storage.
    page.goto("about:blank")
    page.wait_for_timeout(1500)  # Chromium writes its storage to disk when it gets to it
    context.close()
    context = device()
    page = watch(context.pages[0] if context.pages else context.new_page())
    go_offline(context)
    open_in_reopened_browser(page, live_server.url + "/sessions/log/")
    page.locator("[data-offline-count]").wait_for()
    assert page.locator("[data-offline-count]").inner_text() == "3 sessions waiting to be sent"

    # Back online: closing the browser signed the champion out (the portal's cookie lasts as
    # long as the browser), so the sessions wait for them, then go by themselves.
    go_online(context)
    page.goto(live_server.url + "/offline/")
    page.get_by_text("Waiting: sign in again and it is sent by itself.").first.wait_for()
    assert SupportSession.objects.count() == 0
    sign_in(page, live_server, org_a.champion)
    wait_until_sent(page)
    assert SupportSession.objects.count() == 3
    # Sent three at a time, so the portal may store them in any order.
    by_format = {s.format: s for s in SupportSession.objects.all()}
    one, group, tally = by_format["one_to_one"], by_format["group"], by_format["drop_in"]
    assert one.format == "one_to_one" and [lr.display_name for lr in one.learners.all()] == [
        "Mrs P"
    ]
    assert one.topics == ["online_banking"] and one.duration_minutes == 60
    assert group.format == "group" and list(group.learners.all()) == [known]
    assert group.people_count == 4
    assert tally.format == "drop_in" and tally.people_count == 6 and tally.topics == ["email"]
    page.goto(live_server.url + "/impact/mine/")
    # The headline table (folded under "All headline figures as a table"): this period's count.
    completed = page.locator(
        "tr", has=page.locator("th", has_text=re.compile("^Sessions completed$"))
    )
    assert completed.locator("td").first.text_content().strip() == "3"
    assert not page.errors, page.errors


def first_page(context):
    return watch(context.pages[0] if context.pages else context.new_page())


def queue(page, count, *, learners=(), labels=None):
    """Sessions waiting on the device, as the forms save them (a one-to-one each, today)."""
    return page.evaluate(
        """([count, learners, labels]) => {
            const owner = document.querySelector("meta[name=portal-offline]").dataset.owner;
            const day = new Date().toISOString().slice(0, 10);
            const saves = [];
            for (let i = 0; i < count; i++) {
                saves.push(PortalStore.putSession({
                    id: crypto.randomUUID(), owner, created: Date.now() + i, kind: "session",
                    formUrl: "/sessions/log/", state: "waiting", problem: "", errors: {},
                    labels, summary: "One-to-one " + i,
                    fields: {format: ["one_to_one"], status: ["completed"], date: [day],
                             duration_minutes: ["30"], mode: ["in_person"],
                             learners: learners.length ? learners : undefined,
                             new_learner_names: learners.length ? [""] : ["Learner " + i]},
                    payload: {status: "completed", date: day, format: "one_to_one",
                              mode: "in_person", duration_minutes: 30, topics: ["email"],
                              learners, new_learner_names: learners.length ? [] : ["Learner " + i]},
                }));
            }
            return Promise.all(saves).then(() => count);
        }""",
        [count, list(learners), labels or {}],
    )


def send(page):
    """What the 'online' event does, without waiting for it."""
    page.evaluate("window.dispatchEvent(new Event('online'))")


SEND_FROM_THIS_TAB = (
    "PortalSync.sendWaiting({stateUrl: '/offline/state/', batchUrl: '/api/v1/sessions/batch/'})"
)


def test_a_send_cut_off_after_the_portal_stored_it_is_not_stored_twice(device, live_server, org_a):
    context = device()
    page = first_page(context)
    sign_in(page, live_server, org_a.champion)
    ready_for_offline(page)
    cut = []

    def cut_after_the_server_answers(route):
        if route.request.method == "POST" and not cut:
            route.fetch()  # the portal stores it and answers...
            cut.append(True)
            route.abort("connectionreset")  # ...and the answer never arrives
        else:
            route.fallback()

    page.route("**/api/v1/sessions/batch/", cut_after_the_server_answers)
    queue(page, 1)
    send(page)
    # The count says 1 at once (the 'online' event draws it before sending): wait for the cut.
    for _ in range(150):
        if cut:
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)  # the page hears of the cut and keeps the session
    assert cut and SupportSession.objects.count() == 1
    assert waiting_count(page) == 1  # not confirmed: it stays
    send(page)
    wait_until_sent(page)
    assert SupportSession.objects.count() == 1
    assert not page.errors, page.errors


def test_two_tabs_sending_at_once_store_each_session_once(device, live_server, org_a):
    context = device()
    page = first_page(context)
    sign_in(page, live_server, org_a.champion)
    ready_for_offline(page)
    other = watch(context.new_page())
    other.goto(live_server.url + "/sessions/log/")
    go_offline(context)
    queue(page, 6)
    go_online(context)
    page.evaluate(SEND_FROM_THIS_TAB)
    other.evaluate(SEND_FROM_THIS_TAB)
    wait_until_sent(page)
    other.reload()
    wait_until_sent(other)
    assert SupportSession.objects.count() == 6
    assert sorted(Learner.objects.values_list("display_name", flat=True)) == [
        f"Learner {i}" for i in range(6)
    ]


def test_a_learner_erased_while_the_session_waited(device, live_server, org_a, axe_check):
    known = Learner.objects.create(
        organisation=org_a.organisation, display_name="Ken Known", created_by=org_a.champion
    )
    context = device()
    page = first_page(context)
    sign_in(page, live_server, org_a.champion)
    ready_for_offline(page)
    go_offline(context)
    page.goto(live_server.url + "/sessions/log/")
    page.locator("#learner-search").fill("Ken")
    page.get_by_role("button", name="Add Ken Known").click()
    page.get_by_role("button", name="Save session", exact=True).click()
    page.get_by_text(SAVED_HERE).wait_for()
    learner_erase(learner=known)

    go_online(context)
    page.goto(live_server.url + "/offline/")
    reason = page.get_by_text(re.compile("Ken Known is no longer in the portal"))
    reason.wait_for()
    assert SupportSession.objects.count() == 0
    assert page.locator("[data-offline-count]").inner_text() == "1 session needs your attention"
    axe_check(page)
    page.get_by_role("link", name=re.compile("Open and correct")).click()
    page.get_by_text("You are changing a session saved on this device.").wait_for()
    axe_check(page)
    page.get_by_label("Ken Known").uncheck()
    page.get_by_label("New learner: name or initials").fill("K. N.")
    page.get_by_role("button", name="Save session", exact=True).click()
    page.get_by_text("Sent: the portal has this session now.").wait_for()
    wait_until_sent(page)
    session = SupportSession.objects.get()
    assert [lr.display_name for lr in session.learners.all()] == ["K. N."]
    assert not page.errors, page.errors


def test_signing_out_warns_then_clears_the_device_but_unsent_sessions(
    device, live_server, org_a, axe_check
):
    Learner.objects.create(
        organisation=org_a.organisation, display_name="Sam Seen", created_by=org_a.champion
    )
    context = device()
    page = first_page(context)
    sign_in(page, live_server, org_a.champion)
    ready_for_offline(page)
    go_offline(context)
    log_one_to_one_offline(page, live_server)
    # Back in signal, but the portal cannot be reached for sessions (from the page, or from the
    # service worker's Background Sync, which would otherwise send it at once).
    context.route("**/api/v1/sessions/**", lambda route: route.abort("internetdisconnected"))
    go_online(context)
    open_menu(page)
    page.get_by_role("button", name=org_a.champion.display_name).click()
    page.get_by_role("button", name="Sign out", exact=True).click()
    dialog = page.get_by_role("dialog", name="Sessions are waiting to be sent")
    dialog.wait_for()
    assert "1 session saved on this device has not reached the portal yet" in dialog.inner_text()
    axe_check(page)
    page.get_by_role("button", name="Sign out anyway").click()
    page.wait_for_url(live_server.url + "/")  # signed out, on the landing page
    page.goto(live_server.url + "/offline/")
    page.locator("[data-device-session]").first.wait_for()
    kept = page.evaluate(
        """() => Promise.all([
            caches.keys(),
            PortalStore.learners(""),
            PortalStore.sessions(),
            new Promise(r => { const q = indexedDB.open("dcp-offline"); q.onsuccess = () => {
                const c = q.result.transaction("learners").objectStore("learners").count();
                c.onsuccess = () => r(c.result); }; }),
        ])"""
    )
    names, _, sessions, learners = kept
    assert [n for n in names if not n.startswith("dcp-static-")] == []
    assert learners == 0
    assert len(sessions) == 1
    assert SupportSession.objects.count() == 0


def test_a_toolkit_handout_kept_on_the_device_opens_offline(device, live_server, org_a, axe_check):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.toolkit.factories import PDF_BYTES, make_resource

    resource = make_resource(
        title="Spotting a scam text",
        resource_type="handout",
        files={
            "file": SimpleUploadedFile("spotting-a-scam-text.pdf", PDF_BYTES),
            "file_content_type": "application/pdf",
        },
    )
    context = device()
    page = first_page(context)
    sign_in(page, live_server, org_a.champion)
    ready_for_offline(page)
    url = f"{live_server.url}/toolkit/r/{resource.public_id}/"
    page.goto(url)
    page.get_by_role("button", name="Keep on this device").click()
    page.get_by_text("Kept: this page and its file open on this device with no Wi-Fi.").wait_for()
    axe_check(page)

    go_offline(context)
    page.goto(live_server.url + "/offline/")
    page.get_by_role("link", name="Spotting a scam text").click()
    page.get_by_role("heading", name="Spotting a scam text").wait_for()
    handout = page.evaluate(
        """(url) => fetch(url).then(r => r.text())""",
        f"/toolkit/r/{resource.public_id}/download/",
    )
    assert handout.startswith("%PDF")
    go_online(context)
    page.goto(live_server.url + "/offline/")
    page.get_by_role("button", name="Remove Spotting a scam text").click()
    page.get_by_text("Nothing from the toolkit is kept on this device yet.").wait_for()


def test_a_new_release_says_an_update_is_ready_and_replaces_the_old_caches(
    device, live_server, org_a, settings
):
    from core.offline import selectors

    context = device()
    page = first_page(context)
    sign_in(page, live_server, org_a.champion)
    ready_for_offline(page)
    old = selectors.release()
    assert page.evaluate("caches.keys()").count(f"dcp-static-{old}") == 1
    settings.PORTAL_RELEASE = "next-release"
    selectors.release.cache_clear()
    try:
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        page.get_by_text("A new version of the portal is ready.").wait_for()
        with page.expect_navigation():
            page.get_by_role("button", name="Update now").click()
        for _ in range(50):  # the new worker deletes the old caches as it takes over
            names = page.evaluate("caches.keys()")
            if not [n for n in names if n.endswith(old)]:
                break
            page.wait_for_timeout(200)
        assert "dcp-static-next-release" in names
        assert not [n for n in names if n.endswith(old)], names
    finally:
        selectors.release.cache_clear()


def test_chromium_would_offer_to_install_it(device, live_server, org_a):
    """Nothing in the manifest or the service worker stands in the way of installing it."""
    context = device()
    page = first_page(context)
    sign_in(page, live_server, org_a.champion)
    ready_for_offline(page)
    cdp = context.new_cdp_session(page)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    manifest = cdp.send("Page.getAppManifest")
    assert not manifest.get("errors"), manifest


def _planned_today(people, learner):
    from django.utils import timezone

    from tests.sessions_log.factories import AttendanceFactory, SupportSessionFactory

    plan = SupportSessionFactory(
        organisation=people.organisation,
        champion=people.champion,
        status="planned",
        date=timezone.localdate(),
        start_time="10:00",
        venue="Riverside Library",
        duration_minutes=90,
        notes="Bring a charger",
    )
    AttendanceFactory(session=plan, learner=learner)
    return plan


def complete_offline(page, live_server, plan):
    """From the home page kept on the device: the planned session's "Record how it went"."""
    page.goto(live_server.url + "/")
    page.locator(f"[data-planned-complete='{plan.public_id}']").click()
    page.wait_for_url(f"**/sessions/{plan.public_id}/complete/")
    page.get_by_role("heading", name=re.compile("^Record how the session planned for")).wait_for()
    assert page.get_by_label("Pat Planned").is_checked()  # filled in from the device
    assert page.get_by_label("Where (optional)").input_value() == "Riverside Library"
    page.get_by_text("Online banking", exact=True).click()
    page.get_by_role("button", name="Save session", exact=True).click()
    page.get_by_text(SAVED_HERE).wait_for()


@pytest.mark.dates
def test_a_planned_session_completed_offline_is_recorded_once(
    device, live_server, org_a, axe_check
):
    learner = Learner.objects.create(
        organisation=org_a.organisation, display_name="Pat Planned", created_by=org_a.champion
    )
    plan = _planned_today(org_a, learner)
    context = device()
    page = first_page(context)
    sign_in(page, live_server, org_a.champion)
    ready_for_offline(page)

    go_offline(context)
    complete_offline(page, live_server, plan)
    assert page.locator("[data-offline-count]").inner_text() == "1 session waiting to be sent"
    axe_check(page)
    page.reload()
    page.locator("[data-offline-count]").wait_for()
    assert waiting_count(page) == 1
    page.goto(live_server.url + "/")
    page.get_by_text("Recorded on this device: waiting to be sent").wait_for()
    plan.refresh_from_db()
    assert plan.status == "planned"

    go_online(context)
    send(page)
    wait_until_sent(page)
    plan.refresh_from_db()
    assert plan.status == "completed" and plan.topics == [
        "email",
        "online_banking",
    ]  # planned + added
    assert plan.notes == "Bring a charger"  # the device never had them: kept
    assert plan.duration_minutes == 90 and plan.start_time.strftime("%H:%M") == "10:00"
    assert list(plan.learners.all()) == [learner]
    assert SupportSession.objects.count() == 1
    assert plan.revisions.count() == 1  # completed once
    page.goto(live_server.url + "/impact/mine/")
    completed = page.locator(
        "tr", has=page.locator("th", has_text=re.compile("^Sessions completed$"))
    )
    assert completed.locator("td").first.text_content().strip() == "1"
    assert not page.errors, page.errors


@pytest.mark.dates
def test_a_planned_session_recorded_meanwhile_is_kept_with_the_reason(
    device, live_server, org_a, axe_check
):
    from sessions_log import services as sessions

    learner = Learner.objects.create(
        organisation=org_a.organisation, display_name="Pat Planned", created_by=org_a.champion
    )
    plan = _planned_today(org_a, learner)
    context = device()
    page = first_page(context)
    sign_in(page, live_server, org_a.champion)
    ready_for_offline(page)
    go_offline(context)
    complete_offline(page, live_server, plan)
    sessions.session_cancel(session=plan, reason="venue", changed_by=org_a.pm)

    go_online(context)
    page.goto(live_server.url + "/offline/")
    page.get_by_text(re.compile("this planned session was cancelled meanwhile")).wait_for()
    assert page.locator("[data-offline-count]").inner_text() == "1 session needs your attention"
    axe_check(page)
    plan.refresh_from_db()
    assert plan.status == "cancelled" and plan.revisions.count() == 1
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=re.compile("^Discard")).click()
    page.get_by_text("No sessions are waiting").wait_for()
    assert waiting_count(page) == 0
    assert SupportSession.objects.count() == 1
