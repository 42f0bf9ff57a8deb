"""Logging with no signal (issue 13, point 8), measured in Debian's Chromium at 360x740 with the
CPU throttled 4x (CDP Emulation.setCPUThrottlingRate), against a running portal:

1. how long the session form takes to be usable when opened offline (from the navigation's
   start until static/js/offline/page.js has taken the form, which is after every deferred
   script has run): the median of --runs openings; the target is 1 s;
2. how long 50 sessions waiting on the device take to be sent and confirmed once online (from
   the `online` event until the device's queue is empty); the target is 10 s.

The champion signs in through the real sign-in page first, as a device is used once online.
The sessions sent are real: use a demo or benchmark database, not production. They go ten to a
request (POST /api/v1/sessions/batch/), so 50 are five of the API's rate limit
(API_THROTTLE_RATE, 120 requests a minute).

Usage: .venv/bin/python bench/offline.py [--base-url http://127.0.0.1:8000]
       [--email champion@riverside.example] [--password champions-demo-2026]
       [--sessions 50] [--runs 5] [--throttle 4]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]
PHONE = {"width": 360, "height": 740}
TARGET_FORM_MS = 1000
TARGET_SEND_MS = 10000

QUEUE = """([count]) => {
    const owner = document.querySelector("meta[name=portal-offline]").dataset.owner;
    const day = new Date().toISOString().slice(0, 10);
    const saves = [];
    for (let i = 0; i < count; i++) {
        saves.push(PortalStore.putSession({
            id: crypto.randomUUID(), owner, created: Date.now() + i, kind: "session",
            formUrl: "/sessions/log/", state: "waiting", problem: "", errors: {}, labels: {},
            summary: "Benchmark " + i, fields: {},
            payload: {status: "completed", date: day, format: "one_to_one", mode: "in_person",
                      duration_minutes: 30, topics: ["email"], new_learner_names: ["B" + i]},
        }));
    }
    return Promise.all(saves).then(() => count);
}"""


def _worker_offline(route):
    if route.request.service_worker:
        route.abort("internetdisconnected")
    else:
        route.fallback()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--email", default="champion@riverside.example")
    parser.add_argument("--password", default="champions-demo-2026")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--throttle", type=float, default=4)
    options = parser.parse_args()
    base = options.base_url.rstrip("/")

    # Playwright's offline switch does not reach the service worker's own requests without this.
    os.environ["PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS"] = "1"
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=ARGS, viewport=PHONE, service_workers="allow"
        )
        context.set_default_timeout(60000)
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(base + "/accounts/login/")
        page.get_by_label("Email").fill(options.email)
        page.get_by_label("Password").fill(options.password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(base + "/")
        page.wait_for_selector("html[data-offline-ready]", state="attached")
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": options.throttle})

        context.set_offline(True)
        context.route("**/*", _worker_offline)
        opened = []
        for _ in range(options.runs):
            page.goto(base + "/sessions/log/")
            page.wait_for_selector("html[data-offline-form-ready]", state="attached")
            opened.append(float(page.evaluate("document.documentElement.dataset.offlineFormReady")))
        form_ms = statistics.median(opened)

        page.evaluate(QUEUE, [options.sessions])
        page.reload()
        page.wait_for_function(
            f"() => document.documentElement.dataset.offlineWaiting === '{options.sessions}'"
        )
        context.unroute("**/*", _worker_offline)
        context.set_offline(False)
        started = time.perf_counter()
        page.evaluate("window.dispatchEvent(new Event('online'))")
        page.wait_for_function("() => document.documentElement.dataset.offlineWaiting === '0'")
        send_ms = (time.perf_counter() - started) * 1000
        left = page.evaluate(
            "PortalStore.sessions().then(rows => rows.map(r => r.problem || r.state))"
        )
        context.close()

    print(f"CPU throttled {options.throttle:g}x, {PHONE['width']}x{PHONE['height']}, {base}")
    print(
        f"offline session form usable: median {form_ms:.0f} ms of {options.runs} openings "
        f"({', '.join(f'{v:.0f}' for v in opened)}) — target {TARGET_FORM_MS} ms"
    )
    print(
        f"{options.sessions} waiting sessions sent and confirmed: {send_ms:.0f} ms "
        f"— target {TARGET_SEND_MS} ms" + (f"; still on the device: {left}" if left else "")
    )
    return 0 if form_ms <= TARGET_FORM_MS and send_ms <= TARGET_SEND_MS and not left else 1


if __name__ == "__main__":
    sys.exit(main())
