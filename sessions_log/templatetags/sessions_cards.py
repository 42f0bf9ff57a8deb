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
