"""`make lighthouse`: Lighthouse (npm lighthouse@12.2.3, its default mobile emulation: slow 4G and
a 4x CPU slow-down) on Debian's Chromium, signed in, against a running `make run`. Prints the
performance, accessibility and best-practices scores, the largest contentful paint and the bytes
sent for every page of each role, and writes bench/results/lighthouse-latest.json.

Each role signs in once through the real sign-in page (Playwright, the network admin with the
demo authenticator's code); Lighthouse then loads each page with that session's cookie. A run
is noisy on a busy machine: run it on a quiet one, and read the median of --runs.

Usage: .venv/bin/python bench/lighthouse.py [--base-url http://127.0.0.1:8000] [--runs 1]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "var" / "lighthouse"  # npm install target, outside the repository's tracked files
LIGHTHOUSE_VERSION = "12.2.3"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
PASSWORD = "champions-demo-2026"
ONLY = os.environ.get("LIGHTHOUSE_ONLY", "")  # e.g. /impact/organisation/,/sessions/log/
ROLES = {
    "champion": (
        "champion@riverside.example",
        ["/", "/sessions/log/", "/sessions/tally/", "/sessions/", "/impact/mine/", "/toolkit/"],
    ),
    "project manager": (
        "pm@riverside.example",
        ["/", "/impact/organisation/", "/sessions/all/", "/learners/", "/organisation/members/"],
    ),
    "network admin": (
        "admin@network.example",
        ["/network/organisations/", "/impact/network/", "/toolkit/manage/"],
    ),
}
TARGET_PERFORMANCE = 95
TARGET_LCP_MS = 2500


def install_lighthouse() -> Path:
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "-E", f"lighthouse@{LIGHTHOUSE_VERSION}"],
            cwd=TOOLS,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return binary


def sign_in(base_url: str, email: str) -> str:
    """The session cookie of `email`, signed in through the sign-in page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split())
        page = browser.new_page()
        page.goto(base_url + "/accounts/login/")
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", PASSWORD)
        page.click("form button[type=submit]")
        page.wait_for_load_state("networkidle")
        if page.locator("input[name=code]").count():
            code = subprocess.run(
                [sys.executable, "manage.py", "demo_totp", email],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()[-1]
            page.fill("input[name=code]", code)
            page.locator("form button[type=submit]").first.click()
            page.wait_for_load_state("networkidle")
        cookies = {c["name"]: c["value"] for c in page.context.cookies()}
        browser.close()
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def audit(binary: Path, url: str, cookie: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        headers = Path(tmp) / "headers.json"
        headers.write_text(json.dumps({"Cookie": cookie}))
        report = Path(tmp) / "report.json"
        done = subprocess.run(
            [
                str(binary),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--extra-headers={headers}",
                f"--chrome-flags={CHROME_FLAGS}",
                "--only-categories=performance,accessibility,best-practices",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
        )
        if done.returncode != 0 or not report.exists():
            return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1][:200]}
        found = json.loads(report.read_text())
    categories = found["categories"]
    audits = found["audits"]
    return {
        "performance": round(categories["performance"]["score"] * 100),
        "accessibility": round(categories["accessibility"]["score"] * 100),
        "best_practices": round(categories["best-practices"]["score"] * 100),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "kib": round(audits["total-byte-weight"]["numericValue"] / 1024),
        "final_url": found.get("finalDisplayedUrl") or found.get("finalUrl"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if not shutil.which("npm"):
        sys.exit("npm is needed to install Lighthouse")
    binary = install_lighthouse()
    rows = []
    for role, (email, paths) in ROLES.items():
        cookie = sign_in(args.base_url, email)
        for path in paths:
            if ONLY and path not in ONLY.split(","):
                continue
            runs = [audit(binary, args.base_url + path, cookie) for _ in range(args.runs)]
            failed = [r["error"] for r in runs if "error" in r]
            if failed:
                print(f"{role:16} {path:28} Lighthouse failed: {failed[-1]}", flush=True)
                rows.append({"role": role, "path": path, "error": failed[-1]})
                continue
            median = {
                key: statistics.median(r[key] for r in runs)
                for key in (
                    "performance",
                    "accessibility",
                    "best_practices",
                    "lcp_ms",
                    "tbt_ms",
                    "cls",
                    "kib",
                )
            }
            rows.append({"role": role, "path": path, **median, "final_url": runs[-1]["final_url"]})
            row = rows[-1]
            verdict = (
                "meets target"
                if row["performance"] >= TARGET_PERFORMANCE and row["lcp_ms"] <= TARGET_LCP_MS
                else "below target"
            )
            print(
                f"{role:16} {path:28} perf {row['performance']:>3}  a11y {row['accessibility']:>3}"
                f"  best {row['best_practices']:>3}  LCP {row['lcp_ms'] / 1000:4.1f} s"
                f"  TBT {row['tbt_ms']:>4} ms  CLS {row['cls']:.2f}  {row['kib']:>4} KiB  {verdict}",
                flush=True,
            )
            if not row["final_url"].rstrip("/").endswith(path.rstrip("/")):
                print(f"    (ended on {row['final_url']}: not signed in as expected?)")
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "lighthouse-latest.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
