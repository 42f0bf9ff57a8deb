from django import template
from django.utils import timezone

from outcomes.selectors import checks_due_for

register = template.Library()


@register.inclusion_tag("outcomes/_champion_card.html", takes_context=True)
def champion_checks_card(context):
    """The champion's due follow-up checks, on their home page (three queries)."""
    request = context["request"]
    found = checks_due_for(membership=request.membership, today=timezone.localdate(), limit=5)
    return {"request": request, **found}
