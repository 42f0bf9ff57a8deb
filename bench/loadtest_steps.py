"""The stepping rule of `make loadtest`, apart from locust so it can be tested on its own: each step
holds a number of simulated people for a while; a step is *held* when its p95 is at most the
target and it had no error; the run stops at the first step that is not held, and the figure the
load test reports is the highest request rate among the steps held before it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

TARGET_P95_MS = 300
# Half again each step after 40: doubling from 40 to 80 people jumped past where the portal
# stopped holding (it held 60 and stopped at 70 on 4 December), so it printed 40's rate.
DEFAULT_STEPS = (5, 10, 20, 40, 60, 90, 135, 200, 300, 450, 640)


@dataclass(frozen=True)
class StepResult:
    users: int
    requests: int
    seconds: float
    p95_ms: float
    median_ms: float
    errors: int
    # Not part of the rule; printed so a reader can tell a busy machine from a slow portal.
    load_average: float = 0.0
    locust_cpu_percent: float = 0.0

    @property
    def requests_per_s(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict:
        return asdict(self) | {"requests_per_s": round(self.requests_per_s, 1)}


def why_not_held(step: StepResult, target_p95_ms: float = TARGET_P95_MS) -> str:
    """Empty when the step was held; otherwise what broke it, for the table and the verdict."""
    reasons = []
    if step.errors:
        reasons.append(f"{step.errors} error{'s' if step.errors != 1 else ''}")
    if step.p95_ms > target_p95_ms:
        reasons.append(f"p95 {step.p95_ms:.0f} ms > {target_p95_ms:.0f} ms")
    if not step.requests:
        reasons.append("no requests answered")
    return ", ".join(reasons)


@dataclass(frozen=True)
class Outcome:
    """What a stepped run found: the best step held (None if not even the first one was), the
    step it stopped at (None if every step was held, so the best is only a lower bound) and why."""

    best: StepResult | None
    stopped_at: StepResult | None
    reason: str

    @property
    def highest_rate(self) -> float:
        return self.best.requests_per_s if self.best else 0.0

    @property
    def is_lower_bound(self) -> bool:
        """Every step was held: the machine holds at least this much, the limit lies further up."""
        return self.best is not None and self.stopped_at is None


def outcome(steps: Iterable[StepResult], target_p95_ms: float = TARGET_P95_MS) -> Outcome:
    """The highest rate held before the first step that was not held (later steps, if a caller
    ran any, do not count: a rate held only after a failure is not a rate the machine holds)."""
    best = None
    for step in steps:
        reason = why_not_held(step, target_p95_ms)
        if reason:
            return Outcome(best=best, stopped_at=step, reason=reason)
        if best is None or step.requests_per_s > best.requests_per_s:
            best = step
    if best is None:
        return Outcome(best=None, stopped_at=None, reason="no steps were run")
    return Outcome(best=best, stopped_at=None, reason="every step held")


def should_stop(step: StepResult, target_p95_ms: float = TARGET_P95_MS) -> bool:
    return bool(why_not_held(step, target_p95_ms))


def parse_steps(text: str | None) -> tuple[int, ...]:
    """LOAD_STEPS="5,10,20": increasing people counts; empty means DEFAULT_STEPS."""
    if not text or not text.strip():
        return DEFAULT_STEPS
    steps = tuple(int(part) for part in text.replace(" ", "").split(",") if part)
    if not steps or any(n <= 0 for n in steps) or list(steps) != sorted(set(steps)):
        raise ValueError(f"LOAD_STEPS must be increasing positive numbers, not {text!r}")
    return steps


def table(steps: Sequence[StepResult], target_p95_ms: float = TARGET_P95_MS) -> list[str]:
    lines = [
        f"{'people':>6} {'req/s':>7} {'requests':>8} {'median':>7} {'p95':>6} {'errors':>6}"
        f" {'load':>5} {'locust':>6}  held?"
    ]
    for step in steps:
        reason = why_not_held(step, target_p95_ms)
        lines.append(
            f"{step.users:>6} {step.requests_per_s:>7.1f} {step.requests:>8} "
            f"{step.median_ms:>5.0f}ms {step.p95_ms:>4.0f}ms {step.errors:>6} "
            f"{step.load_average:>5.1f} {step.locust_cpu_percent:>5.0f}%  "
            + ("yes" if not reason else f"no: {reason}")
        )
    return lines


def verdict(name: str, result: Outcome, target_p95_ms: float = TARGET_P95_MS) -> str:
    if result.best is None:
        where = f" ({result.stopped_at.users} people)" if result.stopped_at else ""
        return f"{name}: no step held{where}: {result.reason}"
    held = (
        f"{name}: highest rate held {result.highest_rate:.1f} requests/s "
        f"({result.best.users} people, p95 {result.best.p95_ms:.0f} ms, 0 errors)"
    )
    if result.is_lower_bound:
        return held + "; every step held, so this is a lower bound (add steps: LOAD_STEPS)"
    return held + f"; stopped at {result.stopped_at.users} people: {result.reason}"


def portal_to_floor(portal: Outcome, floor: Outcome | None) -> float | None:
    """The portal's highest rate held as a share of the bare view's; None if either held none."""
    if floor is None or not floor.highest_rate or portal.best is None:
        return None
    return portal.highest_rate / floor.highest_rate


def closing_lines(
    portal: Outcome, floor: Outcome | None, note: str = "", target_p95_ms: float = TARGET_P95_MS
) -> list[str]:
    lines = []
    ratio = portal_to_floor(portal, floor)
    if ratio is not None:
        # A floor that never broke was not pushed to its limit: the share is at most this.
        bound = " (at most: the floor is a lower bound)" if floor.is_lower_bound else ""
        lines.append(
            f"Portal {portal.highest_rate:.1f} requests/s = {ratio:.1%} of the floor's "
            f"{floor.highest_rate:.1f} requests/s{bound}"
        )
    elif floor is not None:
        lines.append(
            "No ratio to the floor: "
            + ("the portal" if portal.best is None else "the floor")
            + " held no step"
        )
    if portal.best is None:
        held = f"One machine: no step held ({portal.reason})"
    else:
        held = (
            f"One machine: {portal.highest_rate:.1f} requests/s at p95 <= {target_p95_ms:.0f} ms, "
            "0 errors" + (" (a lower bound)" if portal.is_lower_bound else "")
        )
    lines.append(held + (f"; {note}" if note else ""))
    return lines
