"""The evidence a board asks for beyond activity, assembled for the organisation's dashboard,
its report and the PDF: outcomes that lasted (follow-up checks), learners' own voice (the
feedback form), distance travelled in tasks, benchmarks against other organisations and one
story. The first three are figures like the rest (evidence_figures): kept in the dashboard's
cached set, since follow-up checks, feedback answers and self-assessments move the
organisation's FiguresVersion on (impact/sql/rollups.sql). The story is read fresh on every
view, so a withdrawn consent takes it off at once. The benchmarks read every organisation's
rollups, so they are kept for BENCHMARK_SECONDS whatever is written meanwhile
(impact.cache.cached_a_while): a median of five or more organisations moves little with one
session, and on a national network, where some organisation writes every second, keyed on the
network's version they would be computed again on nearly every view (a second or more of every
organisation's rollups). Their follow-up share is read with them."""

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.vocabulary import Topic

from . import selectors
from .cache import cached_a_while
from .periods import Period
from .selectors import Scope

BENCHMARK_LABELS = {
    "people_supported": _("People supported"),
    "sessions_completed": _("Sessions completed"),
    "hours": _("Hours of support"),
    "alone_share": _("Can now do it on their own (follow-up)"),
}


# How long the network's medians are kept before they are computed again.
BENCHMARK_SECONDS = 15 * 60


def _benchmark_figures(*, scope: Scope, period: Period) -> dict:
    return selectors.benchmark_figures(period=period)


def benchmark_rows(*, organisation, period: Period, own: dict) -> list[dict]:
    found = cached_a_while(
        _benchmark_figures, scope=Scope(), period=period, seconds=BENCHMARK_SECONDS
    )
    medians = selectors.benchmarks(organisation=organisation, found=found)
    return [
        {
            "key": key,
            "label": str(BENCHMARK_LABELS[key]),
            "value": own.get(key),
            "is_share": key == "alone_share",
            **medians[key],
        }
        for key in selectors.BENCHMARK_FIGURES
    ]


def _story(organisation):
    """One approved story the learner agreed may be in the organisation's reports (one query),
    read fresh so a withdrawal shows at once."""
    from stories.selectors import story_for_report, teller_name

    story = story_for_report(organisation)
    if story is not None:
        story.teller = teller_name(story)
    return story


def _first_page(*, rows: list[dict], outcomes: dict, benchmarks: list[dict] | None) -> list:
    """The four figures on the board report's first page, the benchmarked ones, each against
    the previous period and, where five or more organisations contribute, the network's and
    the sector's median. (Who felt more confident is in the headline sentence above them.)"""
    by_key = {row["key"]: row for row in rows}
    medians = {b["key"]: b for b in benchmarks or []}
    alone, before = outcomes["alone_share"], outcomes["previous"]["alone_share"]
    figures = [
        by_key["people_supported"],
        by_key["sessions_completed"],
        by_key["hours"],
        {
            "key": "alone_share",
            "label": str(BENCHMARK_LABELS["alone_share"]),
            "value": alone,
            "previous": before,
            "change": round(alone - before, 3)
            if alone is not None and before is not None
            else None,
            "is_share": True,
        },
    ]
    return [
        {
            **figure,
            "network_median": medians.get(figure["key"], {}).get("network_median"),
            "sector_median": medians.get(figure["key"], {}).get("sector_median"),
        }
        for figure in figures
    ]


def _relation(value, median) -> str:
    """How a figure stands to a median, in words; within 5% of it is "about the same"."""
    if value > median * 1.05:
        return gettext("more than")
    if value < median * 0.95:
        return gettext("fewer than")
    return gettext("about the same as")


def _number(value: float) -> str:
    return f"{value:g}"


def comparison_sentence(benchmarks: list[dict] | None) -> str:
    """How the people supported and the share who can now do it on their own compare with the
    median organisation of the network and of the same sector, in words ("" when too few
    organisations contribute to say). The figures are the benchmark table's."""
    by_key = {b["key"]: b for b in benchmarks or []}
    people, alone = by_key.get("people_supported"), by_key.get("alone_share")
    sentences = []
    if people and people["value"] is not None and people["network_median"] is not None:
        values = {
            "people": ngettext("%(count)d person", "%(count)d people", people["value"])
            % {"count": people["value"]},
            "network": _number(people["network_median"]),
            "network_count": people["network_count"],
            "network_relation": _relation(people["value"], people["network_median"]),
        }
        if people["sector_median"] is None:
            sentences.append(
                gettext(
                    "%(people)s is %(network_relation)s the median "
                    "organisation helped across the network's %(network_count)d organisations "
                    "(%(network)s); too few in the same sector to compare."
                )
                % values
            )
        else:
            values.update(
                sector=_number(people["sector_median"]),
                sector_count=people["sector_count"],
                sector_relation=_relation(people["value"], people["sector_median"]),
            )
            if values["sector_relation"] == values["network_relation"]:
                sentence = gettext(
                    "%(people)s is %(network_relation)s the median "
                    "organisation helped, both across the network's %(network_count)d "
                    "organisations (%(network)s) and among the %(sector_count)d in the same "
                    "sector (%(sector)s)."
                )
            else:
                sentence = gettext(
                    "%(people)s is %(network_relation)s the median "
                    "organisation helped across the network's %(network_count)d organisations "
                    "(%(network)s) and %(sector_relation)s among the %(sector_count)d in the "
                    "same sector (%(sector)s)."
                )
            sentences.append(sentence % values)
    if alone and alone["value"] is not None and alone["network_median"] is not None:
        values = {
            "share": f"{round(alone['value'] * 100)}%",
            "network": f"{round(alone['network_median'] * 100)}%",
        }
        if alone["sector_median"] is None:
            sentence = gettext(
                "Of those followed up, %(share)s in this programme can now do it on their own, "
                "against %(network)s at the median organisation of the network."
            )
        else:
            values["sector"] = f"{round(alone['sector_median'] * 100)}%"
            sentence = gettext(
                "Of those followed up, %(share)s in this programme can now do it on their own, "
                "against %(network)s at the median organisation of the network and %(sector)s "
                "in the same sector."
            )
        sentences.append(sentence % values)
    return " ".join(sentences)


def outcome_sentence(outcomes: dict) -> str:
    if not outcomes["checks"]:
        return ""
    return ngettext(
        "Asked some weeks after their first session, %(share)d%% of the %(count)d person "
        "followed up can now do what they came for on their own.",
        "Asked some weeks after their first session, %(share)d%% of the %(count)d people "
        "followed up can now do what they came for on their own.",
        outcomes["checks"],
    ) % {"share": round(outcomes["alone_share"] * 100), "count": outcomes["checks"]}


def evidence_figures(*, scope: Scope, period: Period) -> dict:
    """Outcomes, learners' voice and tasks gained, for the dashboard's cached set (kept per
    language, so the topics' names are drawn here)."""
    voice = selectors.learners_voice(scope=scope, period=period)
    if voice:
        topics = dict(Topic.choices)
        voice["topics"] = [(str(topics.get(code, code)), n) for code, n in voice["topics"]]
    return {
        "outcomes": selectors.outcomes(scope=scope, period=period),
        "voice": voice,
        "tasks": selectors.tasks_gained(scope=scope, period=period),
    }


def organisation_evidence(
    *, scope: Scope, period: Period, headline, figures: dict, rows=()
) -> dict:
    """evidence_figures with, for the whole organisation only, benchmarks and the story for the
    report."""
    outcomes = figures["outcomes"]
    evidence = {
        "outcomes": outcomes,
        "voice": figures["voice"],
        "tasks": figures["tasks"],
        "benchmarks": None,
        "story": None,
    }
    if scope.team is None and scope.champion is None:
        evidence["story"] = _story(scope.organisation)
        own = {
            "people_supported": headline.people_supported,
            "sessions_completed": headline.sessions_completed,
            "hours": headline.hours,
            "alone_share": outcomes["alone_share"],
        }
        evidence["benchmarks"] = benchmark_rows(
            organisation=scope.organisation, period=period, own=own
        )
    evidence["outcome_sentence"] = outcome_sentence(outcomes)
    evidence["comparison_sentence"] = comparison_sentence(evidence["benchmarks"])
    if rows:
        evidence["first_page"] = _first_page(
            rows=list(rows), outcomes=outcomes, benchmarks=evidence["benchmarks"]
        )
    return evidence
