from django import template
from django.utils import timezone

from sessions_log import selectors

register = template.Library()


@register.inclusion_tag("sessions_log/_champion_cards.html", takes_context=True)
def champion_session_cards(context):
    request = context["request"]
    cards = selectors.champion_home_sessions(
        membership=request.membership, today=timezone.localdate()
    )
    return {"request": request, **cards, "today": timezone.localdate()}


@register.simple_tag
def follow_up_text(session, today=None) -> str:
    """One line for a follow-up, wherever it is listed: who, what about and when, with the year
    ("Follow up with A.B. about online banking — due 21 July 2025 (overdue)"). Expects the
    session's attendances with their learners prefetched."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    from core.vocabulary import Topic

    today = today or timezone.localdate()
    names = [a.learner.display_name for a in session.attendances.all()]
    who = ", ".join(names[:3]) if names else _("the people you helped")
    if len(names) > 3:
        who = _("%(names)s and others") % {"names": who}
    topics = [str(Topic(t).label).lower() for t in (session.topics or [])[:2] if t in Topic.values]
    due = date_format(session.follow_up_on, "j F Y")
    if session.follow_up_on < today:
        when = _("due %(day)s (overdue)") % {"day": due}
    elif session.follow_up_on == today:
        when = _("due today, %(day)s") % {"day": due}
    else:
        when = _("due %(day)s") % {"day": due}
    if topics:
        return _("Follow up with %(who)s about %(what)s — %(when)s") % {
            "who": who,
            "what": _(" and ").join(topics),
            "when": when,
        }
    return _("Follow up with %(who)s — %(when)s") % {"who": who, "when": when}
