"""`make loadtest`, the measuring half (bench/loadtest.sh starts gunicorn and a Celery worker, then
this): the most one machine serves. The realistic mix of bench/locustfile.py is stepped up through
LOAD_STEPS people, each step held for LOAD_STEP_SECONDS, until p95 passes 300 ms or an error
appears (bench/loadtest_steps.py); then the same stepping against a bare Django view behind the
same middleware and gunicorn (bench/loadtest_floor.py), and the portal's highest rate held is
printed as a share of that floor. Prints the settings the figures came from as a header, a table
per run, and writes the same to bench/results/loadtest-latest.json (and a dated copy).

Environment (bench/loadtest.sh passes them on): LOAD_HOST, LOAD_STEPS (5,10,20,40,60,90,...,640),
LOAD_STEP_SECONDS (40), LOAD_SETTLE_SECONDS (5), LOAD_WARMUP_SECONDS (30), LOAD_NOTE (free text for the header, e.g.
"measured on a busy machine"), LOAD_SKIP_FLOOR, and for the header WEB_CONCURRENCY, WEB_THREADS,
CONN_MAX_AGE and DATABASE_URL as gunicorn was given them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import gevent

# locust patches the standard library for gevent on import: before anything opens a socket.
import locust  # noqa: F401
import requests
from locust.env import Environment

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.loadtest_steps import (  # noqa: E402
    TARGET_P95_MS,
    Outcome,
    StepResult,
    closing_lines,
    outcome,
    parse_steps,
    portal_to_floor,
    should_stop,
    table,
    verdict,
)

# New people arrive over a couple of seconds, at most this many a second (locust warns above 100).
MAX_SPAWN_RATE = 100
POSTGRES_SETTINGS = ("shared_buffers", "work_mem", "effective_cache_size", "jit", "max_connections")


def postgres_settings(database_url: str) -> dict[str, str]:
    """What the figures were measured with; a machine tuned differently gives other figures."""
    import psycopg2

    try:
        conn = psycopg2.connect(database_url, connect_timeout=5)
        try:
            with conn.cursor() as cur:
                found = {}
                for name in ("server_version", *POSTGRES_SETTINGS):
                    cur.execute(f"SHOW {name}")
                    found[name] = cur.fetchone()[0]
        finally:
            conn.close()
        return found
    except psycopg2.Error as exc:
        return {"error": str(exc).strip()}


def header() -> dict:
    database_url = os.environ.get("DATABASE_URL", "")
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "note": os.environ.get("LOAD_NOTE", ""),
        "commit": commit,
        "gunicorn": {
            "workers": int(os.environ.get("WEB_CONCURRENCY", 2)),
            "threads": int(os.environ.get("WEB_THREADS", 4)),
            "keep_alive_seconds": int(os.environ.get("WEB_KEEPALIVE", 30)),
        },
        "conn_max_age": int(os.environ.get("CONN_MAX_AGE", 60)),
        "database": urlsplit(database_url).path.lstrip("/"),
        "postgres": postgres_settings(database_url),
        "machine": {"cpus": os.cpu_count(), "load_average_at_start": round(os.getloadavg()[0], 2)},
        "stepping": {
            "people": list(parse_steps(os.environ.get("LOAD_STEPS"))),
            "step_seconds": float(os.environ.get("LOAD_STEP_SECONDS", 40)),
            "settle_seconds": float(os.environ.get("LOAD_SETTLE_SECONDS", 5)),
            "warmup_seconds": float(os.environ.get("LOAD_WARMUP_SECONDS", 30)),
            "target_p95_ms": TARGET_P95_MS,
        },
    }


def print_header(info: dict) -> None:
    pg = info["postgres"]
    stepping = info["stepping"]
    print(
        f"Load test {info['when']} at {info['commit']}"
        + (f": {info['note']}" if info["note"] else "")
    )
    print(
        f"  gunicorn {info['gunicorn']['workers']} workers x {info['gunicorn']['threads']} threads, "
        f"keep-alive {info['gunicorn'].get('keep_alive_seconds', 2)} s, "
        f"CONN_MAX_AGE={info['conn_max_age']}, database {info['database']}"
    )
    if "error" in pg:
        print(f"  PostgreSQL settings unknown: {pg['error']}")
    else:
        print(
            f"  PostgreSQL {pg.get('server_version', '?')}: "
            + ", ".join(f"{name}={pg.get(name, '?')}" for name in POSTGRES_SETTINGS)
        )
    print(
        f"  {info['machine']['cpus']} CPUs, load average {info['machine']['load_average_at_start']:.1f}"
        f" at the start; locust runs on the same machine"
    )
    print(
        f"  steps of {', '.join(map(str, stepping['people']))} people, each held "
        f"{stepping['step_seconds']:.0f} s after {stepping['settle_seconds']:.0f} s to settle, "
        f"after a {stepping['warmup_seconds']:.0f} s warm-up not counted; "
        f"held = p95 <= {TARGET_P95_MS} ms and 0 errors"
    )
    sys.stdout.flush()


def _by_request(stats) -> list[dict]:
    return [
        {
            "name": name,
            "method": method,
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "median_ms": entry.median_response_time,
            "p95_ms": entry.get_response_time_percentile(0.95),
        }
        for (name, method), entry in sorted(stats.entries.items())
        if entry.num_requests or entry.num_failures  # entries stay listed after a reset
    ]


def run_steps(
    title: str,
    user_classes: list,
    host: str,
    people: tuple[int, ...],
    *,
    hold: float,
    settle: float,
    warmup: float,
) -> tuple[list[StepResult], list[dict]]:
    """Step up through `people`, measuring each step from a fresh count once everyone has arrived
    and settled; stop after the first step not held. Bounded: len(people) steps of known length."""
    env = Environment(user_classes=user_classes, host=host)
    runner = env.create_local_runner()
    results: list[StepResult] = []
    details: list[dict] = []
    print(f"\n{title}")
    print(table([])[0])
    sys.stdout.flush()
    current = 0
    try:
        if warmup > 0:
            # Not counted: a fresh gunicorn's first requests import modules and compile templates,
            # and each project manager's first dashboard computes its figures (impact/cache.py).
            # The stepping measures the machine serving, not it starting.
            runner.start(people[0], spawn_rate=min(MAX_SPAWN_RATE, max(1.0, people[0] / 2)))
            gevent.sleep(warmup)
            print(f"(warmed up for {warmup:.0f} s with {people[0]} people, not counted)")
            current = people[0]
        for users in people:
            rate = min(MAX_SPAWN_RATE, max(1.0, (users - current) / 2))
            runner.start(users, spawn_rate=rate)
            if runner.spawning_greenlet is not None:
                runner.spawning_greenlet.join(timeout=(users - current) / rate + 30)
            current = users
            gevent.sleep(settle)
            env.stats.reset_all()
            started, cpu_started = time.monotonic(), time.process_time()
            while time.monotonic() - started < hold:
                gevent.sleep(min(1.0, hold - (time.monotonic() - started)))
            elapsed = time.monotonic() - started
            # Locust shares the two cores with gunicorn: what it took is what gunicorn did not get.
            locust_cpu = 100 * (time.process_time() - cpu_started) / elapsed
            total = env.stats.total
            step = StepResult(
                users=users,
                requests=total.num_requests,
                seconds=round(elapsed, 2),
                p95_ms=float(total.get_response_time_percentile(0.95) or 0),
                median_ms=float(total.median_response_time or 0),
                errors=total.num_failures,
                load_average=round(os.getloadavg()[0], 2),
                locust_cpu_percent=round(locust_cpu, 1),
            )
            results.append(step)
            details.append(
                step.as_dict()
                | {
                    "by_request": _by_request(env.stats),
                    "error_kinds": [
                        {"name": e.name, "error": str(e.error), "occurrences": e.occurrences}
                        for e in env.stats.errors.values()
                    ],
                }
            )
            print(table([step])[1])
            sys.stdout.flush()
            if should_stop(step):
                break
    finally:
        runner.quit()
    return results, details


def print_requests(detail: dict, label: str) -> None:
    print(f"  by request at {detail['users']} people ({label}):")
    print(f"  {'request':28} {'count':>6} {'fail':>5} {'median':>7} {'p95':>6}")
    for row in detail["by_request"]:
        print(
            f"  {row['name'][:28]:28} {row['requests']:>6} {row['failures']:>5} "
            f"{row['median_ms']:>5.0f}ms {row['p95_ms']:>4.0f}ms"
        )
    for kind in detail["error_kinds"][:5]:
        print(f"  error x{kind['occurrences']} on {kind['name']}: {kind['error'][:100]}")


def summarise(name: str, steps: list[StepResult], details: list[dict]) -> tuple[Outcome, dict]:
    result = outcome(steps)
    print(verdict(name, result))
    shown = details[-1] if details else None
    if shown:
        print_requests(shown, "where it stopped" if result.stopped_at else "last step")
    return result, {
        "highest_rate_held": round(result.highest_rate, 1),
        "held_at_people": result.best.users if result.best else None,
        "stopped_at_people": result.stopped_at.users if result.stopped_at else None,
        "stopped_because": result.reason,
        "lower_bound": result.is_lower_bound,
        "steps": details,
    }


def floor_answers(host: str) -> str:
    """Empty when /bench/floor is routed in this gunicorn; otherwise why the floor is skipped."""
    from bench.loadtest_floor import FLOOR_PATH

    try:
        status = requests.get(host + FLOOR_PATH, timeout=10, allow_redirects=False).status_code
    except requests.RequestException as exc:
        return f"{FLOOR_PATH} did not answer: {exc}"
    # Anonymous: the middleware may send a stranger to sign in, but a 404 means it is not routed.
    if status == 404:
        return f"{FLOOR_PATH} is not routed: gunicorn was started without BENCH_FLOOR_VIEW=true"
    return ""


def main() -> int:
    from bench.locustfile import Champion, NetworkAdmin, ProjectManager

    info = header()
    print_header(info)
    host = os.environ.get("LOAD_HOST", "http://127.0.0.1:8180")
    people = tuple(info["stepping"]["people"])
    stepping = info["stepping"]
    timing = {
        "hold": stepping["step_seconds"],
        "settle": stepping["settle_seconds"],
        "warmup": stepping["warmup_seconds"],
    }

    steps, details = run_steps(
        "Portal (the realistic mix: champions, project managers, a network admin)",
        [Champion, ProjectManager, NetworkAdmin],
        host,
        people,
        **timing,
    )
    portal, portal_json = summarise("Portal", steps, details)

    floor = None
    floor_json: dict = {}
    skip = "LOAD_SKIP_FLOOR is set" if os.environ.get("LOAD_SKIP_FLOOR") else floor_answers(host)
    if skip:
        print(f"\nFloor not measured: {skip}")
        floor_json = {"skipped": skip}
    else:
        from bench.loadtest_floor import FloorPerson

        gevent.sleep(timing["settle"])  # the portal's last requests drain first
        steps, details = run_steps(
            "Floor (a bare Django view, same middleware and gunicorn)",
            [FloorPerson],
            host,
            people,
            **timing,
        )
        floor, floor_json = summarise("Floor", steps, details)

    print()
    print("\n".join(closing_lines(portal, floor, info["note"])))
    ratio = portal_to_floor(portal, floor)

    result = info | {
        "portal": portal_json,
        "floor": floor_json,
        "portal_to_floor": round(ratio, 4) if ratio is not None else None,
    }
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    for name in (f"loadtest-{stamp}.json", "loadtest-latest.json"):
        (out / name).write_text(json.dumps(result, indent=2) + "\n")
    print("Written to bench/results/loadtest-latest.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
