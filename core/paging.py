"""Keyset paging for the long lists (sessions, learners, stock, the audit log).

Django's Paginator asks for `OFFSET n`: PostgreSQL reads and throws away every row before the
page, so page 400 of a national organisation's sessions costs 400 pages of work, and each page
also counts the whole list. Here a page is "the next 25 rows after this one" in a fixed order
whose last key is unique (`("-date", "-start_time", "-id")`): with an index in that order the
database starts reading at the cursor, so every page costs the same as the first.

The cursor carries the key values of the row at the page's edge and the direction. It is
encrypted and authenticated (Fernet, with a key derived from SECRET_KEY and the list's name):
a learners' list is ordered by name, and a learner's name must not sit readable in a URL, in the
server's logs or in the browser's history. A cursor that does not decrypt, belongs to another
list or carries values the key's fields refuse is not an error: the list starts again at its
first page and says so (`cursor_rejected`).

The total is counted only up to `count_up_to` (one cheap query that stops there), and shown as
"more than N" past it: an exact count of ten million rows is the cost this module removes.
"""

import base64
import datetime as dt
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from operator import or_

from cryptography.fernet import Fernet, InvalidToken
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from django.db.models import Count, Q, QuerySet, Window
from django.http import QueryDict
from django.utils.crypto import salted_hmac

CURSOR_PARAM = "cursor"
COUNT_UP_TO = 1000
NEXT, PREVIOUS = "n", "p"


@dataclass(frozen=True)
class KeysetPage:
    object_list: list
    has_next: bool
    has_previous: bool
    # The query strings of the two links: the list's own parameters (its filters) kept, the
    # cursor replaced.
    next_query: str
    previous_query: str
    # How many rows the list has, counted up to count_up_to (None: not counted); when
    # count_is_lower_bound the list has more than `count`.
    count: int | None
    count_is_lower_bound: bool
    cursor_rejected: bool = False

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


@dataclass(frozen=True)
class _Key:
    """One column of the order: its field and whether it runs descending."""

    field: object
    descending: bool

    @property
    def name(self) -> str:
        return self.field.attname

    def reversed(self) -> "_Key":
        return _Key(self.field, not self.descending)

    def order_by(self) -> str:
        return ("-" if self.descending else "") + self.name

    # PostgreSQL sorts NULL as larger than every value: last going up, first going down. The
    # comparisons below follow it, so the cursor agrees with the ORDER BY it came from.
    def after(self, value) -> Q | None:
        """Rows that come after `value` in this column's order (None: no row can)."""
        if value is None:
            # NULLs are first going down (every value follows) and last going up (none does).
            return Q(**{f"{self.name}__isnull": False}) if self.descending else None
        beyond = Q(**{f"{self.name}__{'lt' if self.descending else 'gt'}": value})
        if self.field.null and not self.descending:
            beyond |= Q(**{f"{self.name}__isnull": True})
        return beyond

    def same(self, value) -> Q:
        if value is None:
            return Q(**{f"{self.name}__isnull": True})
        return Q(**{self.name: value})

    def at_or_after(self, value) -> Q | None:
        """A bound the index can start from (`date <= cursor's date`), or None when a NULL
        could follow (only on a column that allows NULL)."""
        if value is None or self.field.null:
            return None
        return Q(**{f"{self.name}__{'lte' if self.descending else 'gte'}": value})


def _keys(queryset: QuerySet, order: tuple[str, ...]) -> list[_Key]:
    meta = queryset.model._meta
    keys = []
    for spec in order:
        name = spec.removeprefix("-")
        try:
            field = meta.pk if name == "pk" else meta.get_field(name)
        except FieldDoesNotExist as exc:
            raise ImproperlyConfigured(f"keyset order names no field: {spec}") from exc
        if not getattr(field, "concrete", False) or field.many_to_many:
            raise ImproperlyConfigured(f"keyset order needs a column of the table: {spec}")
        keys.append(_Key(field, spec.startswith("-")))
    if not (keys[-1].field.unique or keys[-1].field.primary_key):
        # Without a unique last key, rows that tie on every column would be skipped or repeated.
        raise ImproperlyConfigured("a keyset order must end with a unique field, such as -id")
    return keys


def _beyond(keys: list[_Key], values: list) -> Q:
    """Rows strictly after `values` in the order of `keys`: (a > x) or (a = x and b > y) or
    ..., with a leading bound on the first column that an index can seek to."""
    arms, equal = [], Q()
    for key, value in zip(keys, values, strict=True):
        after = key.after(value)
        if after is not None:
            arms.append(equal & after)
        equal &= key.same(value)
    condition = reduce(or_, arms) if arms else Q(pk__in=[])
    bound = keys[0].at_or_after(values[0])
    return condition if bound is None else bound & condition


# --- The cursor -----------------------------------------------------------------------------------


def _fernet(list_name: str) -> Fernet:
    secret = salted_hmac(f"core.paging.{list_name}", "cursor", algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(secret))


def _plain(value):
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()  # every digit: a rounded time would skip or repeat rows
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    return value


def _encode(list_name: str, direction: str, keys: list[_Key], row) -> str:
    payload = [direction, [_plain(getattr(row, key.name)) for key in keys]]
    return _fernet(list_name).encrypt(json.dumps(payload).encode()).decode()


def _decode(list_name: str, keys: list[_Key], token: str) -> tuple[str, list]:
    """(direction, values) from a cursor this list made; ValueError for anything else."""
    try:
        direction, raw = json.loads(_fernet(list_name).decrypt(token.encode()))
    except (InvalidToken, ValueError, TypeError) as exc:
        raise ValueError("not a cursor of this list") from exc
    if direction not in (NEXT, PREVIOUS) or not isinstance(raw, list) or len(raw) != len(keys):
        raise ValueError("not a cursor of this list")
    try:
        values = [
            None if v is None else key.field.to_python(v) for key, v in zip(keys, raw, strict=True)
        ]
    except (ValidationError, TypeError) as exc:
        raise ValueError("a cursor value its field refuses") from exc
    if any(v is None and not key.field.null for key, v in zip(keys, values, strict=True)):
        raise ValueError("a cursor with an empty value where the field has one")
    return direction, values


def _query(params: QueryDict, cursor: str | None) -> str:
    query = params.copy()
    query.pop(CURSOR_PARAM, None)
    if cursor:
        query[CURSOR_PARAM] = cursor
    return query.urlencode()


def without_cursor(params: QueryDict) -> QueryDict:
    """The request's parameters without the cursor: what a filter form should be bound to (a
    cursor alone is not a filter)."""
    query = params.copy()
    query.pop(CURSOR_PARAM, None)
    return query


# --- The page -------------------------------------------------------------------------------------


def keyset_page(
    queryset: QuerySet,
    *,
    order: tuple[str, ...],
    params: QueryDict,
    list_name: str,
    per_page: int,
    count_up_to: int | None = COUNT_UP_TO,
) -> KeysetPage:
    """The page of `queryset` in `order` that the cursor in `params` points at (the first page
    without one). Two queries: the bounded count (when count_up_to) and the page, whatever the
    page; a cursor past the end of the list reads the first page once more."""
    keys = _keys(queryset, order)
    count = None
    if count_up_to is not None:
        count = queryset.order_by()[: count_up_to + 1].count()
    token = params.get(CURSOR_PARAM, "")
    direction, values, rejected = NEXT, None, False
    if token:
        try:
            direction, values = _decode(list_name, keys, token)
        except ValueError:
            rejected = True
    rows, has_next, has_previous = _rows(queryset, keys, direction, values, per_page)
    if not rows and values is not None:
        # Everything beyond the cursor has gone (deleted since the link was made).
        rows, has_next, has_previous = _rows(queryset, keys, NEXT, None, per_page)
    return KeysetPage(
        object_list=rows,
        has_next=has_next,
        has_previous=has_previous,
        next_query=_query(params, rows and _encode(list_name, NEXT, keys, rows[-1])),
        previous_query=_query(params, rows and _encode(list_name, PREVIOUS, keys, rows[0])),
        count=None if count is None else min(count, count_up_to),
        count_is_lower_bound=count is not None and count > count_up_to,
        cursor_rejected=rejected,
    )


def _rows(queryset, keys, direction, values, per_page) -> tuple[list, bool, bool]:
    """(rows, has_next, has_previous). Backwards is forwards in the reversed order, one row more
    than a page to learn whether there is another, then put back the right way round."""
    walk = keys if direction == NEXT else [key.reversed() for key in keys]
    qs = queryset.order_by(*[key.order_by() for key in walk])
    if values is not None:
        qs = qs.filter(_beyond(walk, values))
    rows = list(qs[: per_page + 1])
    more = len(rows) > per_page
    rows = rows[:per_page]
    if direction == NEXT:
        return rows, more, values is not None
    return rows[::-1], True, more


def first_and_total(queryset: QuerySet, first: int | None) -> tuple[list, int]:
    """The first `first` rows (all of them when None) and how many rows there are in all, in one
    query: a window count is computed before the LIMIT."""
    counted = queryset.annotate(rows_in_all=Window(Count("pk")))
    rows = list(counted if first is None else counted[:first])
    return rows, rows[0].rows_in_all if rows else 0
