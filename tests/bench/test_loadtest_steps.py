"""The stepping rule of `make loadtest` (bench/loadtest_steps.py): the highest rate held is the
best step before the first one whose p95 passed 300 ms or that had an error, and the run says
where it stopped and why."""

import pytest

from bench.loadtest_steps import (
    DEFAULT_STEPS,
    StepResult,
    closing_lines,
    outcome,
    parse_steps,
    portal_to_floor,
    should_stop,
    table,
    verdict,
)


def step(users, rps, p95, errors=0, seconds=40.0):
    return StepResult(
        users=users,
        requests=round(rps * seconds),
        seconds=seconds,
        p95_ms=p95,
        median_ms=p95 / 3,
        errors=errors,
    )


def test_stops_at_the_first_step_whose_p95_passes_the_target():
    steps = [step(5, 1.0, 120), step(10, 2.0, 180), step(20, 3.9, 300), step(40, 5.5, 301)]
    result = outcome(steps)
    assert result.best.users == 20
    assert result.highest_rate == pytest.approx(3.9)  # p95 of exactly 300 ms is held
    assert result.stopped_at.users == 40
    assert result.reason == "p95 301 ms > 300 ms"
    assert not result.is_lower_bound
    assert [should_stop(s) for s in steps] == [False, False, False, True]


def test_one_error_stops_the_run_however_fast_it_was():
    result = outcome([step(5, 1.0, 90), step(10, 2.0, 95, errors=1), step(20, 4.0, 100)])
    assert result.best.users == 5
    assert result.stopped_at.users == 10
    assert result.reason == "1 error"
    assert result.highest_rate == pytest.approx(1.0)


def test_a_step_held_after_a_failure_does_not_count():
    """Steps a caller ran past the first failure are ignored: the machine did not hold them."""
    result = outcome([step(5, 1.0, 100), step(10, 2.0, 900), step(20, 9.0, 100)])
    assert result.best.users == 5
    assert result.stopped_at.users == 10


def test_the_highest_rate_is_the_best_step_held_not_the_last():
    """More people can answer fewer requests a second once the machine saturates."""
    result = outcome([step(40, 30.0, 200), step(80, 27.0, 280), step(160, 20.0, 2500)])
    assert result.best.users == 40
    assert result.highest_rate == pytest.approx(30.0)
    assert result.stopped_at.users == 160


def test_every_step_held_is_a_lower_bound():
    result = outcome([step(5, 1.0, 100), step(10, 2.0, 110)])
    assert result.stopped_at is None
    assert result.is_lower_bound
    assert "lower bound" in verdict("Portal", result)


def test_no_step_held():
    result = outcome([step(5, 1.0, 11000)])
    assert result.best is None
    assert result.highest_rate == 0
    assert verdict("Portal", result) == "Portal: no step held (5 people): p95 11000 ms > 300 ms"
    assert outcome([]).best is None


def test_a_step_with_no_answer_is_not_held():
    silent = StepResult(users=5, requests=0, seconds=40, p95_ms=0, median_ms=0, errors=0)
    assert outcome([silent]).reason == "no requests answered"


def test_both_reasons_are_given():
    assert outcome([step(5, 1.0, 400, errors=3)]).reason == "3 errors, p95 400 ms > 300 ms"


def test_the_verdict_and_table_say_where_it_stopped():
    steps = [step(5, 1.0, 120), step(10, 2.0, 450)]
    result = outcome(steps)
    assert verdict("Portal", result) == (
        "Portal: highest rate held 1.0 requests/s (5 people, p95 120 ms, 0 errors); "
        "stopped at 10 people: p95 450 ms > 300 ms"
    )
    lines = table(steps)
    assert lines[1].endswith("yes")
    assert lines[2].endswith("no: p95 450 ms > 300 ms")


def test_steps_from_the_environment():
    assert parse_steps(None) == DEFAULT_STEPS
    assert parse_steps("") == DEFAULT_STEPS
    assert parse_steps("5, 10,20") == (5, 10, 20)
    for wrong in ("10,5", "5,5", "0,5", "-5"):
        with pytest.raises(ValueError):
            parse_steps(wrong)


def test_the_portal_as_a_share_of_the_floor():
    portal = outcome([step(20, 12.0, 200), step(40, 14.0, 650)])
    floor = outcome([step(5, 100.0, 40), step(10, 160.0, 120), step(20, 150.0, 420)])
    assert portal_to_floor(portal, floor) == pytest.approx(12.0 / 160.0)
    assert closing_lines(portal, floor, "measured on a busy machine") == [
        "Portal 12.0 requests/s = 7.5% of the floor's 160.0 requests/s",
        "One machine: 12.0 requests/s at p95 <= 300 ms, 0 errors; measured on a busy machine",
    ]


def test_a_floor_that_never_broke_makes_the_share_an_upper_bound():
    portal = outcome([step(5, 1.0, 200), step(10, 2.0, 900)])
    floor = outcome([step(5, 50.0, 40), step(10, 100.0, 60)])
    assert closing_lines(portal, floor)[0].endswith("(at most: the floor is a lower bound)")


def test_no_share_when_either_held_nothing():
    held = outcome([step(5, 1.0, 200)])
    broke = outcome([step(5, 1.0, 900)])
    assert portal_to_floor(broke, held) is None
    assert portal_to_floor(held, broke) is None
    assert portal_to_floor(held, None) is None
    assert closing_lines(broke, held, "busy") == [
        "No ratio to the floor: the portal held no step",
        "One machine: no step held (p95 900 ms > 300 ms); busy",
    ]
    assert closing_lines(held, None) == [
        "One machine: 1.0 requests/s at p95 <= 300 ms, 0 errors (a lower bound)"
    ]
