"""Who gets which reminder or summary on a given date. The figures come from impact.selectors,
the same functions as the dashboards. Each email has an idempotency key (kind, recipient,
organisation, period), so running a job twice, or a worker dying half-way, never sends twice.

The jobs read for many organisations at once: a fixed number of queries for the whole network,
not a few per organisation (2,500 organisations would be 15,000 queries)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy

from accounts.language import language_for
from accounts.models import User
from core.vocabulary import Role, SessionStatus
from devices.selectors import loan_reminders_due_in, overdue_counts_by_organisation
from impact.periods import Period
from impact.reports import compare
from impact.selectors import (
    has_gone_quiet,
    last_completed_sessions_in,
    network_headline,
    organisation_headlines,
    quiet_champions_by_organisation,
    summary_sentence,
)
from organisations.models import Membership, Organisation
from outcomes.selectors import checks_due_by_champion_in
from privacy.selectors import (
    RETENTION_WARNING_DAYS,
    learners_due_for_anonymisation_by_organisation,
)
from sessions_log.models import SupportSession

from .models import EmailPreference
from .services import email_send_template

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
KINDS = {
    # Translators: each reads in "Stop …?" and "… will get no more …".
    "reminders": gettext_lazy("reminders"),
    "summary": gettext_lazy("impact summaries"),
    "network_summary": gettext_lazy("network summaries"),
}


@dataclass(frozen=True)
class PlannedEmail:
    key: str
    kind: str
    to: str
    template: str
    context: dict
    # The reader's (accounts.language.language_for): the email has no browser to ask.
    language: str = settings.LANGUAGE_CODE


def _unsubscribe_token(*, user: User, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(*, user: User, kind: str) -> str:
    token = _unsubscribe_token(user=user, kind=kind)
    return settings.SITE_URL + reverse("notifications:unsubscribe", args=[token])


def _unsubscribe_links():
    """unsubscribe_url for one job's many emails, the same links: the address reversed once and
    each person's token signed once (a champion with ten loans overdue gets ten emails)."""
    marker = "token"
    address = settings.SITE_URL + reverse("notifications:unsubscribe", args=[marker])
    prefix, suffix = address.rsplit(marker, 1)
    found: dict[tuple[int, str], str] = {}

    def link(*, user: User, kind: str) -> str:
        if (user.pk, kind) not in found:
            found[user.pk, kind] = prefix + _unsubscribe_token(user=user, kind=kind) + suffix
        return found[user.pk, kind]

    return link


def _wants(preferences: dict, user_id: int, kind: str, frequency: str | None = None) -> bool:
    pref = preferences.get(user_id)
    if pref is None:
        return True if kind != "summary" else frequency == EmailPreference.Frequency.WEEKLY
    if kind == "reminders":
        return pref.reminders
    if kind == "summary":
        return pref.summary_frequency == frequency
    return pref.network_summary


def _preferences(user_ids) -> dict:
    return {p.user_id: p for p in EmailPreference.objects.filter(user_id__in=user_ids)}


def _send(email: PlannedEmail, *, dry_run: bool) -> bool:
    if dry_run:
        return True
    # RFC 8058: mail clients offer a one-click unsubscribe that POSTs to this address.
    headers = {
        "List-Unsubscribe": f"<{email.context['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    queued = email_send_template(
        key=email.key,
        kind=email.kind,
        to=email.to,
        template=email.template,
        context=email.context,
        headers=headers,
        language=email.language,
    )
    return queued is not None


# --- Reminders to champions ----------------------------------------------------------------------


def reminders_for_organisation(*, organisation: Organisation, as_of: date) -> list[PlannedEmail]:
    return reminders_for_organisations(organisations=[organisation], as_of=as_of)


def reminders_for_organisations(*, organisations, as_of: date) -> list[PlannedEmail]:
    """Every reminder due on as_of for these organisations, organisation by organisation, in
    eight queries whatever the number of organisations or champions: the champions with their
    last session, follow-ups due, the follow-up check setting and the checks due, tomorrow's
    planned sessions, loans coming due, and everyone's preferences."""
    organisations = list(organisations)
    champions: dict[int, list] = {}
    for m in last_completed_sessions_in(organisations=organisations, as_of=as_of).order_by(
        "organisation_id", "pk"
    ):
        champions.setdefault(m.organisation_id, []).append(m)
    week_end = as_of + timedelta(days=6)
    due = (
        SupportSession.objects.live()
        .filter(
            organisation__in=organisations,
            follow_up_needed=True,
            follow_up_done_at__isnull=True,
            follow_up_on__range=(as_of, week_end),
        )
        .values("organisation_id", "champion_id")
        .annotate(n=Count("id"))
    )
    follow_ups = {(row["organisation_id"], row["champion_id"]): row["n"] for row in due}
    checks_due = checks_due_by_champion_in(organisations=organisations, today=as_of)
    tomorrow = as_of + timedelta(days=1)
    planned: dict[tuple[int, int], list] = {}
    for session in (
        SupportSession.objects.live()
        .filter(organisation__in=organisations, status=SessionStatus.PLANNED, date=tomorrow)
        .order_by("start_time")
    ):
        planned.setdefault((session.organisation_id, session.champion_id), []).append(session)
    loans: dict[int, list] = {}
    for kind, loan in loan_reminders_due_in(organisations=organisations, as_of=as_of):
        loans.setdefault(loan.organisation_id, []).append((kind, loan))
    preferences = _preferences(
        {m.user_id for found in champions.values() for m in found}
        | {loan.champion_id for found in loans.values() for _, loan in found}
    )
    link = _unsubscribe_links()
    emails = []
    for organisation in organisations:
        emails += _champion_reminders(
            link=link,
            organisation=organisation,
            champions=champions.get(organisation.pk, []),
            preferences=preferences,
            follow_ups=follow_ups,
            checks_due=checks_due,
            planned=planned,
            as_of=as_of,
        )
        emails += _loan_reminders(
            link=link,
            organisation=organisation,
            due=loans.get(organisation.pk, []),
            preferences=preferences,
            as_of=as_of,
        )
    return emails


def _champion_reminders(
    *, link, organisation, champions, preferences, follow_ups, checks_due, planned, as_of
) -> list[PlannedEmail]:
    """One organisation's champions' reminders from the figures read for all (no query)."""
    n_days = organisation.reminder_after_days
    tomorrow = as_of + timedelta(days=1)
    year, week, _ = as_of.isocalendar()
    # The inactivity reminder goes at most once per N-day window.
    window = (as_of.toordinal() // n_days) * n_days
    this_week = f"{year}-W{week}"
    emails = []
    for m in champions:
        if not _wants(preferences, m.user_id, "reminders"):
            continue
        mine = (organisation.pk, m.user_id)
        # Each reminder the champion is due: its name (its key, kind and template follow from
        # it), the period it goes at most once in, and what its email says beyond the common.
        due = []
        if has_gone_quiet(m.last, as_of=as_of, days=n_days):
            due.append(("inactive", window, {"last_session_on": m.last, "days": n_days}))
        if follow_ups.get(mine):
            due.append(("followups", this_week, {"count": follow_ups[mine]}))
        if checks_due.get(mine):
            due.append(("checks", this_week, {"count": checks_due[mine]}))
        if planned.get(mine):
            due.append(("planned", tomorrow, {"sessions": planned[mine], "tomorrow": tomorrow}))
        if not due:
            continue
        language = language_for(m.user, organisation=organisation)
        common = {
            "user": m.user,
            "organisation": organisation,
            "as_of": as_of,
            "unsubscribe_url": link(user=m.user, kind="reminders"),
        }
        emails += [
            PlannedEmail(
                key=f"reminder:{name}:{m.user_id}:{organisation.pk}:{once_per}",
                kind=f"reminder_{name}",
                to=m.user.email,
                template=f"reminder-{name}",
                language=language,
                context={**common, **says},
            )
            for name, once_per, says in due
        ]
    return emails


def _loan_reminders(*, link, organisation, due, preferences, as_of) -> list[PlannedEmail]:
    """A device coming due, and then overdue, reminds the person who lent it: each once per
    loan and due date (an extension starts again). No query: `due` is
    devices.selectors.loan_reminders_due's, read for all organisations at once."""
    emails = []
    for kind, loan in due:
        user = loan.champion
        if not user.is_active or not _wants(preferences, user.pk, "reminders"):
            continue
        emails.append(
            PlannedEmail(
                key=f"reminder:loan_{kind}:{loan.pk}:{loan.due_on}",
                kind=f"reminder_loan_{kind}",
                to=user.email,
                template="loan-due" if kind == "due_soon" else "loan-overdue",
                context={
                    "user": user,
                    "organisation": organisation,
                    "as_of": as_of,
                    "loan": loan,
                    "unsubscribe_url": link(user=user, kind="reminders"),
                },
            )
        )
    return emails


# --- Impact summaries to project managers --------------------------------------------------------


def summary_period(*, frequency: str, as_of: date) -> Period:
    """The last complete week (Monday to Sunday) or calendar month before as_of."""
    if frequency == "weekly":
        end = as_of - timedelta(days=as_of.weekday() + 1)
        return Period(start=end - timedelta(days=6), end=end)
    end = as_of.replace(day=1) - timedelta(days=1)
    return Period(start=end.replace(day=1), end=end)


def _figures(*, period: Period, current, previous) -> dict:
    """What every summary, an organisation's or the network's, says of its period: the headline
    figures, the first rows compared with the period before and the sentence, as its dashboard
    words them (impact.reports.compare, impact.selectors.summary_sentence)."""
    return {
        "period": period,
        "headline": current,
        "rows": compare(current, previous)[:8],
        "sentence": summary_sentence(
            headline=current, period=period, champions=current.active_champions
        ),
    }


def summaries_for_organisation(
    *, organisation: Organisation, frequency: str, as_of: date
) -> list[PlannedEmail]:
    return summaries_for_organisations(
        organisations=[organisation], frequency=frequency, as_of=as_of
    )


def summaries_for_organisations(
    *, organisations, frequency: str, as_of: date
) -> list[PlannedEmail]:
    """Each organisation's impact summary to its project managers who want it this often, in
    six queries whatever the number of organisations: the project managers, their preferences,
    then for the organisations with someone to tell, their headline figures for the period and
    the one before (impact.selectors.organisation_headlines, the dashboards' figures), their
    quiet champions, the learners due for anonymisation and the devices overdue."""
    organisations = list(organisations)
    pms = list(
        Membership.objects.filter(organisation__in=organisations)
        .active()
        .filter(role=Role.PROJECT_MANAGER, user__is_active=True)
        .select_related("user")
        .order_by("organisation_id", "pk")
    )
    preferences = _preferences({m.user_id for m in pms})
    recipients: dict[int, list[User]] = {}
    for m in pms:
        if _wants(preferences, m.user_id, "summary", frequency):
            recipients.setdefault(m.organisation_id, []).append(m.user)
    organisations = [o for o in organisations if o.pk in recipients]
    if not organisations:
        return []
    period = summary_period(frequency=frequency, as_of=as_of)
    headlines = organisation_headlines(organisations=organisations, period=period)
    quiet = quiet_champions_by_organisation(organisations=organisations, as_of=period.end)
    retention_due = learners_due_for_anonymisation_by_organisation(organisations, today=as_of)
    loans_overdue = overdue_counts_by_organisation(organisations=organisations, today=as_of)
    link = _unsubscribe_links()
    emails = []
    for organisation in organisations:
        current, previous = headlines[organisation.pk]
        context = {
            **_figures(period=period, current=current, previous=previous),
            "organisation": organisation,
            "frequency": frequency,
            "quiet": quiet[organisation.pk][:10],
            "quiet_count": len(quiet[organisation.pk]),
            "quiet_days": organisation.reminder_after_days,
            # Retention: who will be anonymised soon unless they come back (privacy.selectors).
            "retention_due": retention_due[organisation.pk],
            "retention_days": RETENTION_WARNING_DAYS,
            "retention_months": organisation.retention_months,
            # Devices out past their due date now (devices.selectors), for the PM to chase.
            "loans_overdue": loans_overdue[organisation.pk],
            "dashboard_url": settings.SITE_URL
            + reverse("impact:organisation")
            + f"?period=custom&start={period.start}&end={period.end}",
        }
        emails += [
            PlannedEmail(
                key=f"summary:{frequency}:{user.pk}:{organisation.pk}:{period.start}",
                kind=f"summary_{frequency}",
                to=user.email,
                template="impact-summary",
                language=language_for(user, organisation=organisation),
                context={
                    **context,
                    "user": user,
                    "unsubscribe_url": link(user=user, kind="summary"),
                },
            )
            for user in recipients[organisation.pk]
        ]
    return emails


def network_summaries(*, as_of: date) -> list[PlannedEmail]:
    admins = list(User.objects.filter(is_network_admin=True, is_active=True))
    preferences = _preferences([u.pk for u in admins])
    admins = [u for u in admins if _wants(preferences, u.pk, "network_summary")]
    if not admins:
        return []
    period = summary_period(frequency="monthly", as_of=as_of)
    current = network_headline(period=period)
    previous = network_headline(period=period.previous())
    context = {
        **_figures(period=period, current=current, previous=previous),
        "organisations": Organisation.objects.filter(is_active=True).count(),
        "dashboard_url": settings.SITE_URL + reverse("impact:network"),
    }
    return [
        PlannedEmail(
            key=f"summary:network:{user.pk}:{period.start}",
            kind="summary_network",
            to=user.email,
            template="network-summary",
            language=language_for(user),
            context={
                **context,
                "user": user,
                "unsubscribe_url": unsubscribe_url(user=user, kind="network_summary"),
            },
        )
        for user in admins
    ]


def send(emails: list[PlannedEmail], *, dry_run: bool = False) -> int:
    """Queue the emails (each at most once, ever); returns how many were new."""
    return sum(1 for email in emails if _send(email, dry_run=dry_run))
