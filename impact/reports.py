"""Assemble the figures a dashboard, the printable report and the PDF show, from the selectors.
Labels come from the shared vocabulary so pages, exports and emails say the same thing."""

from core import vocabulary
from organisations.models import Team

from . import selectors
from .periods import Period
from .selectors import Scope

HEADLINE_ROWS = [
    ("people_supported", "People supported"),
    ("learners_supported", "Learners with a record"),
    ("sessions_completed", "Sessions completed"),
    ("hours", "Hours of support"),
    ("active_champions", "Active champions"),
    ("confidence_uplift", "Average confidence uplift (1–5 scale)"),
    ("more_confident_share", "Felt more confident afterwards"),
    ("repeat_learner_share", "Learners who came back (2+ sessions)"),
    ("devices_given", "Devices lent or gifted"),
    ("data_support_given", "SIMs or data vouchers given"),
    ("sessions_cancelled", "Sessions cancelled"),
    ("sessions_no_show", "No-shows"),
]
SHARES = {"more_confident_share", "repeat_learner_share"}
ARRAY_VOCAB = {
    "topics": "Topic",
    "skill_areas": "SkillArea",
    "barriers": "Barrier",
    "signposting": "Signposting",
}
DEMOGRAPHIC_VOCAB = {
    "age_band": "AgeBand",
    "gender": "Gender",
    "employment_status": "EmploymentStatus",
    "disability": "YesNoPreferNot",
    "first_language_english": "YesNoPreferNot",
}
DEMOGRAPHIC_TITLES = {
    "age_band": "Age",
    "gender": "Gender",
    "employment_status": "Employment",
    "disability": "Disability or long-term condition",
    "first_language_english": "First language English",
}


def _label(vocab_name: str, value) -> str:
    if value == "not_asked":
        return "Not asked"
    return str(dict(getattr(vocabulary, vocab_name).choices).get(value, value))


def compare(current, previous) -> list[dict]:
    rows = []
    for key, label in HEADLINE_ROWS:
        now, before = getattr(current, key), getattr(previous, key)
        change = None
        if isinstance(now, (int, float)) and isinstance(before, (int, float)):
            change = round(now - before, 3)
        rows.append(
            {
                "key": key,
                "label": label,
                "value": now,
                "previous": before,
                "change": change,
                "is_share": key in SHARES,
            }
        )
    return rows


def dashboard(*, scope: Scope, period: Period, detail: bool = True) -> dict:
    current = selectors.headline(scope=scope, period=period)
    previous = selectors.headline(scope=scope, period=period.previous())
    figures = {
        "period": period,
        "previous_period": period.previous(),
        "headline": current,
        "rows": compare(current, previous),
        "sentence": selectors.summary_sentence(
            headline=current, period=period, champions=current.active_champions
        ),
        "trend": selectors.monthly_trend(scope=scope, period=period),
    }
    figures["trend_json"] = [
        {"month": r["month"].strftime("%b %Y"), "sessions": r["sessions"], "people": r["people"]}
        for r in figures["trend"]
    ]
    if not detail:
        return figures
    arrays = selectors.array_breakdowns(scope=scope, period=period)
    figures["breakdowns"] = [
        {
            "title": title,
            "rows": sorted(
                ((_label(ARRAY_VOCAB[field], v), n) for v, n in arrays[field].items()),
                key=lambda r: -r[1],
            ),
        }
        for field, title in (
            ("topics", "Topics"),
            ("skill_areas", "Essential digital skill areas"),
            ("barriers", "Barriers met"),
            ("signposting", "Signposting"),
        )
    ]
    statuses = selectors.status_breakdowns(scope=scope, period=period)
    figures["breakdowns"] += [
        {
            "title": "How sessions were given",
            "rows": sorted(
                ((_label("Mode", v), n) for v, n in statuses["mode"].items()), key=lambda r: -r[1]
            ),
        },
        {
            "title": "Kinds of session",
            "rows": sorted(
                ((_label("SessionFormat", v), n) for v, n in statuses["format"].items()),
                key=lambda r: -r[1],
            ),
        },
        {
            "title": "Cancellations by reason",
            "rows": sorted(
                ((_label("CancelReason", v), n) for v, n in statuses["cancel_reason"].items()),
                key=lambda r: -r[1],
            ),
        },
    ]
    demo = selectors.demographics(scope=scope, period=period)
    figures["demographics"] = [
        {
            "title": DEMOGRAPHIC_TITLES[field],
            "rows": [
                (_label(DEMOGRAPHIC_VOCAB[field], v), n) for v, n in sorted(demo[field].items())
            ],
        }
        for field in selectors.DEMOGRAPHIC_FIELDS
    ]
    figures["distance"] = selectors.distance_travelled(scope=scope, period=period)
    if figures["distance"]:
        for area in figures["distance"]["areas"]:
            area["label"] = _label("SkillArea", area["area"])
    return figures


def team_and_champion_tables(*, scope: Scope, period: Period, organisation) -> dict:
    from accounts.models import User

    teams = {t.pk: t.name for t in Team.objects.for_organisation(organisation)}
    team_rows = selectors.per_group_table(scope=scope, period=period, group="team")
    for row in team_rows:
        row["name"] = teams.get(row["team"], "No team")
    champion_rows = selectors.per_group_table(scope=scope, period=period, group="champion")
    people = {
        u.pk: u.display_name
        for u in User.objects.filter(pk__in=[r["champion"] for r in champion_rows])
    }
    for row in champion_rows:
        row["name"] = people.get(row["champion"], "—")
    return {"team_rows": team_rows, "champion_rows": champion_rows}


def organisation_table(*, scope: Scope, period: Period) -> list[dict]:
    from organisations.models import Organisation

    rows = selectors.per_group_table(scope=scope, period=period, group="organisation")
    orgs = {o.pk: o for o in Organisation.objects.filter(pk__in=[r["organisation"] for r in rows])}
    for row in rows:
        org = orgs.get(row["organisation"])
        row["name"] = org.name if org else "—"
        row["sector"] = org.get_sector_display() if org else ""
        row["region"] = org.get_region_display() if org else ""
    return rows
