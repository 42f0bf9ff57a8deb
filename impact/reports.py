"""Assemble the figures a dashboard, the printable report and the PDF show, from the selectors.
Labels come from the shared vocabulary so pages, exports and emails say the same thing."""

from datetime import date

from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core import vocabulary
from devices.selectors import lending_figures

from . import selectors, warming
from .cache import cached
from .evidence import evidence_figures, organisation_evidence
from .network_sum import lending_from_sum, network_sum
from .periods import Period
from .selectors import Scope
from .warming import watch

HEADLINE_ROWS = [
    ("people_supported", _("People supported")),
    ("learners_supported", _("Learners with a record")),
    ("sessions_completed", _("Sessions completed")),
    ("hours", _("Hours of support")),
    ("active_champions", _("Champions who gave support")),
    ("confidence_uplift", _("Average confidence uplift (1–5 scale)")),
    ("more_confident_share", _("Felt more confident afterwards")),
    ("repeat_learner_share", _("Learners who came back (2+ sessions)")),
    ("devices_given", _("Devices lent or gifted")),
    ("data_support_given", _("SIMs or data vouchers given")),
    ("sessions_cancelled", _("Sessions cancelled")),
    ("sessions_no_show", _("No-shows")),
]
SHARES = {"more_confident_share", "repeat_learner_share"}
BREAKDOWN_TABLES = [
    ("topics", "Topic", _("Topics")),
    ("skill_areas", "SkillArea", _("Essential digital skill areas")),
    ("barriers", "Barrier", _("Barriers met")),
    ("signposting", "Signposting", _("Signposting")),
    ("mode", "Mode", _("How sessions were given")),
    ("format", "SessionFormat", _("Kinds of session")),
    ("cancel_reason", "CancelReason", _("Cancellations by reason")),
]
DEMOGRAPHIC_VOCAB = {
    "age_band": "AgeBand",
    "gender": "Gender",
    "employment_status": "EmploymentStatus",
    "disability": "YesNoPreferNot",
    "first_language_english": "YesNoPreferNot",
}
DEMOGRAPHIC_TITLES = {
    "age_band": _("Age"),
    "gender": _("Gender"),
    "employment_status": _("Employment"),
    "disability": _("Disability or long-term condition"),
    "first_language_english": _("First language English"),
}
# The demographic tables' band for people not asked (the code is tables.NOT_ASKED).
NOT_ASKED_LABEL = _("Not asked")


def table_slug(title) -> str:
    """A table's name in its CSV link (?table=…): its English title slugified, so a link made
    in one language opens the same table in the other."""
    with translation.override("en"):
        return slugify(str(title))


def _label(vocab_name: str, value) -> str:
    if value == "not_asked":
        return str(NOT_ASKED_LABEL)
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
                "label": str(label),
                "value": now,
                "previous": before,
                "change": change,
                "is_share": key in SHARES,
            }
        )
    return rows


def dashboard(*, scope: Scope, period: Period, detail: bool = True, unit: str = "month") -> dict:
    current, previous = selectors.headline_with_previous(scope=scope, period=period)
    trend = selectors.trend(scope=scope, period=period, unit=unit)
    if not detail:
        return _labelled(period=period, unit=unit, current=current, previous=previous, trend=trend)
    return _labelled(
        period=period,
        unit=unit,
        current=current,
        previous=previous,
        trend=trend,
        found=selectors.breakdowns(scope=scope, period=period),
        distance=selectors.distance_travelled(scope=scope, period=period),
    )


def _labelled(*, period, unit, current, previous, trend, found=None, distance=None) -> dict:
    """A dashboard's figures with their words, from the numbers: the headline and the one
    before, the trend's rows, and (unless None) the breakdowns and the distance travelled."""
    figures = {
        "period": period,
        "previous_period": period.previous(),
        "headline": current,
        "rows": compare(current, previous),
        "sentence": selectors.summary_sentence(
            headline=current, period=period, champions=current.active_champions
        ),
        "trend": trend,
        "trend_unit": unit,
    }
    figures["trend_json"] = [
        {"month": r["short_label"], "sessions": r["sessions"], "people": r["people"]}
        for r in figures["trend"]
    ]
    if found is None:
        return figures
    figures["breakdowns"] = [
        {
            "title": str(title),
            "slug": table_slug(title),
            "rows": sorted(
                ((_label(vocab, v), n) for v, n in found.get(field, {}).items()),
                # Ties by label: the database returns equal counts in no order.
                key=lambda r: (-r[1], r[0]),
            ),
        }
        for field, vocab, title in BREAKDOWN_TABLES
    ]
    figures["demographics"] = [
        {
            "title": str(DEMOGRAPHIC_TITLES[field]),
            "slug": table_slug(DEMOGRAPHIC_TITLES[field]),
            "rows": [
                (_label(DEMOGRAPHIC_VOCAB[field], v), n)
                for v, n in sorted(found.get(f"demographic:{field}", {}).items())
            ],
        }
        for field in selectors.DEMOGRAPHIC_FIELDS
    ]
    figures["distance"] = distance
    if figures["distance"]:
        for area in figures["distance"]["areas"]:
            area["label"] = _label("SkillArea", area["area"])
    return figures


def my_dashboard(*, scope: Scope, period: Period, unit: str = "month") -> dict:
    """A champion's own figures (no breakdowns), cached under the data's version, with the
    sentence told to them ("…, you gave 3 hours of support to 5 people") rather than about a
    number of champions, and no "Champions who gave support: 1" card."""
    figures = cached(dashboard, scope=scope, period=period, detail=False, unit=unit)
    return {
        **figures,
        "sentence": selectors.my_summary_sentence(headline=figures["headline"], period=period),
        "rows": [row for row in figures["rows"] if row["key"] != "active_champions"],
    }


def organisation_dashboard(*, scope: Scope, period: Period, unit: str = "month") -> dict:
    """What an organisation's dashboard, its CSVs and its report show: the figures, and delivery
    per team and per champion, kept as one cached set (impact/cache.py); each champion's row also
    carries their toolkit training (pathway steps done, badges), read fresh, so a PM sees
    learning next to delivery."""
    from toolkit.selectors import training_by_champion

    found = organisation_figures_cached(
        scope=scope, period=period, unit=unit, today=timezone.localdate()
    )
    watch(scope=scope, period=period, unit=unit)
    training = training_by_champion(scope.organisation)
    champion_rows = [
        {**row, "training": training.get(row["champion"], {"steps": 0, "badges": []})}
        for row in found["champion_rows"]
    ]
    evidence = organisation_evidence(
        scope=scope,
        period=period,
        headline=found["figures"]["headline"],
        figures=found["evidence"],
        rows=found["figures"]["rows"],
    )
    return {
        **found,
        "champion_rows": champion_rows,
        **evidence,
    }


def organisation_figures_cached(*, scope: Scope, period: Period, unit: str, today: date) -> dict:
    """The cached part of organisation_dashboard: the one call its views and the warming sweep
    (impact/warming.py) make, so both read and keep the same set. "Overdue now" is as of
    today: the set is kept per day as well as per version."""
    found = cached(
        _organisation_figures,
        scope=scope,
        period=period,
        unit=unit,
        today=today,
        version_of="all but lending",
    )
    # Kept apart, under the lending library's own version: a session logged does not compute
    # the lending figures again (about 100 ms for the largest national organisation), nor a
    # loan the rest.
    found["lending"] = cached(
        lending, scope=scope, period=period, today=today, version_of="lending"
    )
    return found


def warm_watched() -> int:
    """Beat's sweep (impact/warming.py): for each dashboard opened in the last hour, the set of
    the data's current version, computed where the cache does not hold it yet (one version query
    and one cache read for each that it does); the network's at most once a minute. One sweep
    at a time; returns how many dashboards it looked at."""
    from organisations.models import Organisation

    with warming.one_sweep_at_a_time() as sweeping:
        if not sweeping:
            return 0
        entries = warming.watched()
        organisations = Organisation.objects.in_bulk(
            [organisation_id for organisation_id, *_ in entries if organisation_id is not None]
        )
        network_due = warming.network_due()
        looked_at = 0
        for organisation_id, sector, region, period, unit, language in entries:
            with translation.override(language or None):
                if organisation_id is None and network_due:
                    network_figures_cached(
                        scope=Scope(sector=sector or None, region=region or None),
                        period=period,
                        unit=unit,
                        today=timezone.localdate(),
                    )
                    warming.network_warmed()
                elif organisation_id in organisations:
                    organisation_figures_cached(
                        scope=Scope(organisation=organisations[organisation_id]),
                        period=period,
                        unit=unit,
                        today=timezone.localdate(),
                    )
                else:
                    continue
            looked_at += 1
        return looked_at


def warm_the_network_for_the_day(*, today: date | None = None) -> int:
    """Beat's job just after midnight: the network dashboard as it first opens (the last 12
    months, by month), in each of the portal's languages, computed for the new day. Its kept
    sum (impact/network_sum.py) is kept per day and its period moves with the day, so otherwise
    the first network admin of the day waits while the sum is built whole (5 s on the national
    set). Returns how many sets it computed."""
    from django.conf import settings

    from .periods import period_from_preset

    today = today or timezone.localdate()
    period = period_from_preset("last_12_months", today=today)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            network_figures_cached(scope=Scope(), period=period, unit="month", today=today)
    return len(settings.LANGUAGES)


def lending(*, scope: Scope, period: Period, today: date | None = None):
    """The lending library's figures (devices.selectors) for the dashboard's organisation, or
    the network's organisations in its sector and region (all of them: no filter at all), kept
    in the dashboard's cached set: a write to devices, loans or gifts moves the version on
    (impact/sql/rollups.sql). None when one team or champion is chosen: the stock is the
    organisation's."""
    from organisations.models import Organisation

    if scope.team or scope.champion:
        return None
    if scope.organisation is not None:
        organisations = [scope.organisation.pk]
    elif scope.sector or scope.region:
        organisations = Organisation.objects.filter(
            **{k: v for k, v in (("sector", scope.sector), ("region", scope.region)) if v}
        ).values("pk")
    else:
        organisations = None
    return lending_figures(
        organisations=organisations,
        start=period.start,
        end=period.end,
        today=today or timezone.localdate(),
    )


def _organisation_figures(*, scope: Scope, period: Period, unit: str, today: date) -> dict:
    computed_at = timezone.now()
    figures = dashboard(scope=scope, period=period, unit=unit)
    tables = selectors.per_group_tables(scope=scope, period=period, groups=("team", "champion"))
    return {
        # When these figures were computed (they may be read from the cache later): the date
        # the board report says its figures are from.
        "computed_at": computed_at,
        "figures": figures,
        "team_rows": tables["team"],
        "champion_rows": tables["champion"],
        "evidence": evidence_figures(scope=scope, period=period),
    }


def network_dashboard(*, scope: Scope, period: Period, unit: str = "month") -> dict:
    """What the network dashboard and its CSVs show: the figures, and the organisations,
    sectors, regions and joining tables, kept as one cached set."""
    found = network_figures_cached(
        scope=scope, period=period, unit=unit, today=timezone.localdate()
    )
    watch(scope=scope, period=period, unit=unit)
    return found


def network_figures_cached(*, scope: Scope, period: Period, unit: str, today: date) -> dict:
    """The cached part of network_dashboard, as organisation_figures_cached is of the
    organisation's: the sweep calls this, not the dashboard, so that its own computing never
    counts as someone opening the page (which would keep a dashboard watched for ever)."""
    return cached(_network_figures, scope=scope, period=period, unit=unit, today=today)


def _network_figures(*, scope: Scope, period: Period, unit: str, today: date) -> dict:
    """The network's set from the kept sum of its organisations' parts (impact/network_sum.py):
    after one organisation's change, only its part is computed again. The same set as
    network_figures_at_once (tests/impact/test_network_sum.py)."""
    kept = network_sum(scope=scope, period=period, unit=unit, today=today)
    found = selectors.network_from_parts(kept["tally"])
    attributes = selectors.organisation_attributes(kept["rows"])
    rows = selectors.organisation_rows_from_parts(kept["rows"], attributes=attributes)
    figures = _labelled(
        period=period,
        unit=unit,
        current=found["current"],
        previous=found["previous"],
        trend=selectors.trend_rows(found["trend"], unit=unit),
        found=found["breakdowns"],
        distance=found["distance"],
    )
    return _network_set(
        figures, rows, attributes, period=period, lending=lending_from_sum(kept["tally"])
    )


def network_figures_at_once(*, scope: Scope, period: Period, unit: str, today: date) -> dict:
    """The network's set computed from every organisation's rollups at once: what the kept sum
    must always equal (the tests compare them), and the benchmark's measure of its saving."""
    rows = selectors.per_group_table(scope=scope, period=period, group="organisation")
    return _network_set(
        dashboard(scope=scope, period=period, unit=unit),
        rows,
        selectors.organisation_attributes(r["organisation"] for r in rows),
        period=period,
        lending=lending(scope=scope, period=period, today=today),
    )


def _network_set(figures: dict, rows: list[dict], attributes: dict, *, period, lending) -> dict:
    """The network dashboard's set around its figures: the organisation table (rows with their
    sector and region labels; attributes: selectors.organisation_attributes of their
    organisations), the sector and region tables summed from it, joining and lending."""
    # Each label translated once, not once a row: 2,500 rows' get_sector_display() and
    # get_region_display() took 110 ms on the national set.
    sectors = {value: str(label) for value, label in vocabulary.Sector.choices}
    regions = {value: str(label) for value, label in vocabulary.Region.choices}
    for row in rows:
        found = attributes.get(row["organisation"], {"sector": "", "region": ""})
        row["sector"] = sectors.get(found["sector"], found["sector"])
        row["region"] = regions.get(found["region"], found["region"])
    return {
        "figures": figures,
        "organisation_rows": rows,
        "sector_rows": labelled_table(rows, group="sector", attributes=attributes),
        "region_rows": labelled_table(rows, group="region", attributes=attributes),
        "joining": selectors.joining_over_time(period=period),
        "lending": lending,
    }


def labelled_table(organisation_rows: list[dict], *, group: str, attributes: dict) -> list[dict]:
    """Figures by sector or by nation/region, with their labels, summed from the organisation
    table's rows (the network's largest table, read once)."""
    vocab = {"sector": "Sector", "region": "Region"}[group]
    rows = selectors.rows_by_organisation_field(
        organisation_rows, group=group, attributes=attributes
    )
    for row in rows:
        row["name"] = _label(vocab, row["name"])
    return rows
