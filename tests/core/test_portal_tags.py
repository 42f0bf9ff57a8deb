"""core/templatetags/portal.py: the change against the previous period, said in one whole
translatable sentence per direction, with the points agreeing with their number."""

import pytest
from django.utils import translation

from core.templatetags.portal import change


@pytest.mark.parametrize(
    ("row", "said"),
    [
        ({"change": None}, "No earlier figure to compare"),
        ({"change": 0}, "Same as the previous period"),
        ({"change": 12}, "▲ up 12 on the previous period"),
        ({"change": -2.5}, "▼ down 2.5 on the previous period"),
        ({"change": 0.01, "is_share": True}, "▲ up 1 point on the previous period"),
        ({"change": -0.07, "is_share": True}, "▼ down 7 points on the previous period"),
    ],
)
def test_change_in_words(row, said):
    with translation.override("en-gb"):
        assert change(row) == said
