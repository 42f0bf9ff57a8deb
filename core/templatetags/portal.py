from django import template
from django.utils.translation import gettext, ngettext

from core import vocabulary

register = template.Library()


@register.filter
def labels(values, vocabulary_name: str) -> str:
    """Turn stored codes into their labels: {{ session.topics|labels:"Topic" }}."""
    choices = getattr(vocabulary, vocabulary_name)
    names = dict(choices.choices)
    return ", ".join(str(names.get(v, v)) for v in values or []) or "—"


@register.filter
def percent(value) -> str:
    """0.683 -> "68%"; None -> "—"."""
    if value is None or value == "":
        return "—"
    return f"{round(float(value) * 100)}%"


@register.simple_tag
def change(row: dict) -> str:
    """Say the change against the previous period in words, not by colour alone."""
    diff = row.get("change")
    if diff is None:
        return gettext("No earlier figure to compare")
    if diff == 0:
        return gettext("Same as the previous period")
    # One whole sentence per direction and kind, so a translation can order its words freely.
    if row.get("is_share"):
        points = round(abs(diff) * 100)
        if diff > 0:
            words = ngettext(
                "up %(points)s point on the previous period",
                "up %(points)s points on the previous period",
                points,
            )
        else:
            words = ngettext(
                "down %(points)s point on the previous period",
                "down %(points)s points on the previous period",
                points,
            )
        words = words % {"points": points}
    elif diff > 0:
        words = gettext("up %(amount)s on the previous period") % {"amount": f"{diff:g}"}
    else:
        words = gettext("down %(amount)s on the previous period") % {"amount": f"{-diff:g}"}
    return f"{'▲' if diff > 0 else '▼'} {words}"


@register.simple_tag
def bar(value, rows, key: str, width: int = 320, height: int = 14):
    """A horizontal bar as inline SVG (attributes, not styles: allowed by the CSP, and drawn by
    WeasyPrint, which runs no JavaScript)."""
    from django.utils.html import format_html

    top = max((r[key] for r in rows), default=0) or 1
    length = max(1, round(width * (value or 0) / top))
    return format_html(
        '<svg width="{}" height="{}" aria-hidden="true" focusable="false">'
        '<rect x="0" y="0" width="{}" height="{}" fill="#1d4f91"></rect></svg>',
        width,
        height,
        length,
        height,
    )


@register.filter
def sum_of(rows, key: str) -> int:
    """The total of one column of a table's rows (dicts)."""
    return sum(row.get(key) or 0 for row in rows)


@register.filter
def attr(obj, name: str):
    """{{ assessment|attr:"transacting" }}: read a field named in a variable."""
    return getattr(obj, name, None)


@register.simple_tag
def columns(*headings) -> list:
    """A table's column headings for components/table_and_form.html, each translated where the
    page names it: {% translate "Name" as name %}{% columns name … as key_columns %}."""
    return list(headings)
