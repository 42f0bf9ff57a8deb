from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from toolkit import models
from toolkit.selectors import MARK_START, MARK_STOP

register = template.Library()


@register.filter
def highlighted(text: str) -> str:
    """A search headline made safe: everything escaped, then only our own markers become
    <mark>."""
    safe = escape(text or "")
    return mark_safe(safe.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))


@register.filter
def toolkit_labels(values, vocabulary_name: str) -> str:
    """Labels for the toolkit's own vocabularies: {{ r.audiences|toolkit_labels:"Audience" }}."""
    names = dict(getattr(models, vocabulary_name).choices)
    return ", ".join(str(names.get(v, v)) for v in values or []) or "—"


@register.filter
def toolkit_label(value, vocabulary_name: str) -> str:
    return str(dict(getattr(models, vocabulary_name).choices).get(value, value))


@register.filter
def has_mark(text: str) -> bool:
    return MARK_START in (text or "")


@register.filter
def get_count(counts: dict, key: str) -> int:
    return counts.get(key, 0)
