"""core.forms.LongSelect draws the same <select> as Django's Select, in one pass."""

import re

from django import forms
from django.test.html import parse_html

from core.forms import LongSelect

CHOICES = [
    ("", "All champions"),
    ("a1", "Ada <Lovelace> & co"),
    ("b2", 'Bea "Quote"'),
    ("Group", [("g1", "In a group"), ("g2", "Also")]),
]


def _drawn(widget_class, value):
    class Filter(forms.Form):
        champion = forms.ChoiceField(choices=CHOICES, required=False, widget=widget_class)

    form = Filter({"champion": value})
    html = str(form["champion"].as_widget(attrs={"class": "form-select", "aria-describedby": "x"}))
    return re.sub(r">\s+<", "><", html.strip())


def test_long_select_draws_what_django_draws():
    for value in ("", "b2", "g1", "not-a-choice"):
        # The same elements, attributes and text (attributes in any order).
        assert parse_html(_drawn(LongSelect, value)) == parse_html(_drawn(forms.Select, value))
    assert "Ada &lt;Lovelace&gt; &amp; co" in _drawn(LongSelect, "")
    assert '<option value="b2" selected>' in _drawn(LongSelect, "b2")
    assert "selected" not in _drawn(LongSelect, "not-a-choice")
