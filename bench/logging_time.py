"""How long logging a typical one-to-one takes for someone who knows the form, on a phone.

Drives Debian's Chromium at 360x740 against a running portal (`make run`) as the demo champion,
at a person's pace: 0.2 s per typed character, and 1.5 s to find and tap each control (the
keystroke-level model's pointing and thinking time). Prints the wall time from the moment the
form is on screen to the saved session's page, and how many things were touched.

    .venv/bin/python bench/logging_time.py [--url http://127.0.0.1:8000]
"""

import argparse
import time

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TYPING_DELAY_MS = 200
FIND_AND_TAP_S = 1.5


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--email", default="champion@riverside.example")
    parser.add_argument("--password", default="champions-demo-2026")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(args.url + "/accounts/login/")
        page.get_by_label("Email").fill(args.email)
        page.get_by_label("Password").fill(args.password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(args.url + "/")
        page.goto(args.url + "/sessions/log/")
        touched = 0

        def tap(locator):
            nonlocal touched
            time.sleep(FIND_AND_TAP_S)
            locator.click()
            touched += 1

        started = time.perf_counter()
        tap(page.get_by_label("New learner: name or initials"))
        page.keyboard.type("Mrs K", delay=TYPING_DELAY_MS)
        tap(page.get_by_text("Online banking", exact=True))
        tap(page.get_by_role("button", name="1 hour"))
        tap(page.get_by_role("button", name="Save session", exact=True))
        page.get_by_role("heading", name="One-to-one session").wait_for()
        elapsed = time.perf_counter() - started
        browser.close()
    print(
        f"Logged a one-to-one with a new learner in {elapsed:.1f} s at a person's pace "
        f"({touched} taps, 5 characters typed; target: under 30 s)"
    )


if __name__ == "__main__":
    main()
