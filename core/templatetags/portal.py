from django import template

from core import vocabulary

register = template.Library()


@register.filter
def labels(values, vocabulary_name: str) -> str:
    """Turn stored codes into their labels: {{ session.topics|labels:"Topic" }}."""
    choices = getattr(vocabulary, vocabulary_name)
    names = dict(choices.choices)
    return ", ".join(str(names.get(v, v)) for v in values or []) or "—"
