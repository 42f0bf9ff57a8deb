import html

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import display_name_of

from .models import AuditEvent


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What"), choices=[("", _("Everything"))] + AuditEvent.Action.choices, required=False
    )
    person = forms.CharField(label=_("Who (email)"), required=False, max_length=100)
    date_from = forms.DateField(
        label=pgettext_lazy("start of a date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("end of a date range", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _escaped(text) -> str:
    """conditional_escape without its lazy-string wrapper, which was most of the time of drawing
    3,000 options: the same text (Django's escape is html.escape), safe strings kept as they are."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))


class LongSelect(forms.Select):
    """A <select> of hundreds or thousands of options (a large organisation's champions) drawn in
    one pass. Django's Select draws each option from its own template: for the largest national
    organisation's champion filter that was a second of every dashboard view. Same HTML, same
    attributes (crispy's classes, id, aria-describedby), options escaped as Django escapes them."""

    def render(self, name, value, attrs=None, renderer=None):
        # Straight from the choices: Django's optgroups() builds a dict and an attrs copy per
        # option, which was still a quarter of the cached dashboard's time on a large organisation.
        wanted = {str(v) for v in self.format_value(value)}
        found_one = False

        def drawn(choices):
            nonlocal found_one
            parts = []
            for option_value, label in choices:
                option_value = "" if option_value is None else str(option_value)
                selected = not found_one and option_value in wanted
                found_one = found_one or (selected and not self.allow_multiple_selected)
                parts.append(
                    f'<option value="{_escaped(option_value)}"{" selected" if selected else ""}>'
                    f"{_escaped(label)}</option>"
                )
            return "".join(parts)

        options = []
        for group_name, group_choices in self.choices:
            if isinstance(group_choices, (list, tuple)):
                options.append(
                    format_html(
                        '<optgroup label="{}">{}</optgroup>',
                        group_name,
                        mark_safe(drawn(group_choices)),  # noqa: S308 (built by format_html)
                    )
                )
            else:
                options.append(drawn([(group_name, group_choices)]))
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(final_attrs),
            mark_safe("".join(options)),  # noqa: S308 (each part built by format_html)
        )


class ChoicesFromValues(forms.models.ModelChoiceIterator):
    """The choices of a PersonChoiceField from two columns per row, not a model instance per row:
    the largest national organisation's 3,000 champions cost 40 ms of its dashboard as
    instances. What is chosen is still checked against the queryset, and cleans to an instance."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        key = self.field.to_field_name or "pk"
        for value, name, email in self.queryset.values_list(key, "name", "email"):
            yield (value, display_name_of(name=name, email=email))


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of one of many people (a filter's champion), drawn by LongSelect, each labelled
    with their display name (ChoicesFromValues draws the labels, so no label_from_instance)."""

    iterator = ChoicesFromValues
    widget = LongSelect
