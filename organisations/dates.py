"""Which dates a record may carry: the one rule for sessions, follow-ups, self-assessments and
imported rows. The session service (and so the session form, the tally and the CSV import) and
the self-assessment service all ask `date_problem`; nothing else judges a date. It lives with the
organisation, whose setting it reads, so learners and sessions_log both use it without importing
each other.

A date is refused when nobody could mean it: before the organisation's records start (its
`records_start` setting, never earlier than RECORDS_FLOOR), a session that has happened dated
after today, a planned session dated before today, or anything more than a year ahead.
"Today" is the UK date (timezone.localdate), never the server's date.
"""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

from .models import RECORDS_FLOOR

AHEAD_DAYS = 365

# What a date belongs to. Session statuses are used as they are.
COMPLETED = "completed"
NO_SHOW = "no_show"
CANCELLED = "cancelled"
PLANNED = "planned"
FOLLOW_UP = "follow_up"
ASSESSMENT = "assessment"

# Dates of things that have happened: not after today.
_SESSION_HAPPENED = gettext_lazy(
    "A session that has happened cannot be in the future. Choose today or an earlier "
    "date, or mark it as planned."
)
_HAPPENED = {
    COMPLETED: _SESSION_HAPPENED,
    NO_SHOW: _SESSION_HAPPENED,
    ASSESSMENT: gettext_lazy(
        "A self-assessment cannot be in the future. Choose the day you asked them: "
        "today or earlier."
    ),
}
# Dates ahead: not more than a year away.
_AHEAD = {
    PLANNED: gettext_lazy("Plan sessions no more than a year ahead: choose %(latest)s or earlier."),
    CANCELLED: gettext_lazy(
        "A session can be no more than a year ahead: choose %(latest)s or earlier."
    ),
    FOLLOW_UP: gettext_lazy(
        "Set a follow-up no more than a year ahead: choose %(latest)s or earlier."
    ),
}


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def earliest_date(organisation) -> date:
    """The first day an organisation's records may be dated."""
    start = getattr(organisation, "records_start", None) or RECORDS_FLOOR
    return max(start, RECORDS_FLOOR)


def latest_date(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today + timedelta(days=AHEAD_DAYS)


def date_problem(
    value: date,
    *,
    kind: str,
    organisation,
    today: date | None = None,
    window: bool = True,
) -> str | None:
    """What is wrong with dating a record of this kind `value`, in plain English, or None.

    kind is a session status (completed, planned, cancelled, no_show), FOLLOW_UP or ASSESSMENT.
    window=False skips the organisation's earliest date and the year-ahead limit: for a date
    already on a record and not changed now, so an old record can still be corrected or
    cancelled after the PM moves the records' start. Today's side is always checked."""
    today = today or timezone.localdate()
    if window:
        earliest = earliest_date(organisation)
        if value < earliest:
            return gettext(
                "Enter a date on or after %(earliest)s — the start of your programme’s records."
            ) % {"earliest": _day(earliest)}
    if kind in _HAPPENED and value > today:
        return str(_HAPPENED[kind])
    if kind == PLANNED and value < today:
        return gettext(
            "A planned session cannot be in the past. Choose today or a later date, or mark it "
            "as completed."
        )
    if window:
        latest = latest_date(today)
        if value > latest:
            return _AHEAD.get(kind, _AHEAD[CANCELLED]) % {"latest": _day(latest)}
    return None
