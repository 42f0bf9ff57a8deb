import html
import re
import uuid
from itertools import islice

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
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
    instances. What is chosen is still checked against the queryset, and cleans to an instance.
    No more than one past the field's longest list is read: beyond it the field is a search box
    (PersonPicker), and the names are not drawn."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        key = self.field.to_field_name or "pk"
        rows = self.queryset.values_list(key, "name", "email")[: self.field.longest_list + 1]
        for value, name, email in rows:
            yield (value, display_name_of(name=name, email=email))


class PersonPicker(LongSelect):
    """A PersonChoiceField's <select> while its people fit in a list, else a search box to type a
    name or an email into (the field finds the person). The box is drawn when the choices run
    past the field's longest list, so the list is never read or sent whole."""

    def __init__(self, *args, longest_list: int = 0, described=str, **kwargs):
        super().__init__(*args, **kwargs)
        self.longest_list = longest_list
        self.described = described  # the text the box shows for a value

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(islice(self.choices, self.longest_list + 2))  # the empty label, one more
        people = len(choices) - (1 if choices and choices[0][0] == "" else 0)
        if people <= self.longest_list:
            self.choices = choices
            return super().render(name, value, attrs, renderer)
        final_attrs = self.build_attrs(self.attrs, attrs)
        # crispy gives a <select> widget form-select; this one is drawn as a text box.
        classes = final_attrs.get("class", "").replace("form-select", "form-control").split()
        final_attrs["class"] = " ".join(c for c in classes if c != "longselect")
        final_attrs.setdefault("placeholder", str(_("Type a name or email")))
        final_attrs["autocomplete"] = "off"
        return format_html(
            '<input type="search" name="{}" value="{}"{}>',
            name,
            self.described(value) if isinstance(value, str) and value else "",
            flatatt(final_attrs),
        )


# "Name (email)", as the search box shows a person chosen from a link.
_EMAIL_IN_BRACKETS = re.compile(r"\(([^()\s]+@[^()\s]+)\)\s*$")


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of one of many people (a filter's champion), labelled with their display name
    (ChoicesFromValues draws the labels, so no label_from_instance). Of more than `longest_list`
    people it is a search box: a large organisation's thousands of champions are no list to find
    one in (several may share a name), and drawing them all was 250 of the 307 KB of the largest
    national organisation's dashboard. Either way it takes a person's public id (the links from
    the tables, the API), or a name or email typed in, found among the same people only."""

    iterator = ChoicesFromValues
    widget = PersonPicker
    longest_list = 200
    default_error_messages = {
        "no_match": _("No one here matches “%(text)s”. Type their name or email."),
        "several": _(
            "%(count)s people match “%(text)s”: type the email of the one you mean (%(emails)s)."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.longest_list = self.longest_list
        self.widget.described = self.described

    def __deepcopy__(self, memo):
        # Each form has its own copy of the field, with its own people: its box describes them
        # and counts against the field's longest list as it is now.
        copied = super().__deepcopy__(memo)
        copied.widget.longest_list = copied.longest_list
        copied.widget.described = copied.described
        return copied

    def to_python(self, value):
        # NUL is no character of a name, and PostgreSQL refuses it in a query.
        text = str(value or "").replace("\x00", "").strip()[:254]
        if not text:
            return None
        try:
            uuid.UUID(text)
        except ValueError:
            return self._found_by_text(text)
        return super().to_python(text)

    def _found_by_text(self, text: str):
        bracketed = _EMAIL_IN_BRACKETS.search(text)
        if bracketed:
            matches = self.queryset.filter(email__iexact=bracketed.group(1))
        else:
            matches = self.queryset.filter(Q(email__iexact=text) | Q(name__iexact=text))
            if not matches.exists():
                matches = self.queryset.filter(name__icontains=text)
        found = list(matches.order_by("email")[:6])
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValidationError(
                self.error_messages["no_match"], code="no_match", params={"text": text}
            )
        shown = ", ".join(person.email for person in found[:5])
        raise ValidationError(
            self.error_messages["several"],
            code="several",
            params={
                "count": len(found) if len(found) <= 5 else _("More than 5"),
                "text": text,
                "emails": shown,
            },
        )

    def described(self, value: str) -> str:
        """What the search box shows for a person chosen by their id (a link from a table):
        "Name (email)", which finds them again if the form is sent as it is."""
        try:
            uuid.UUID(value)
        except ValueError:
            return value
        person = self.queryset.filter(**{self.to_field_name or "pk": value}).first()
        return f"{person.display_name} ({person.email})" if person else value
