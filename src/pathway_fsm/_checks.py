"""Checks and builders the process modules share: policy validators, data checks, deadlines.

The validators are attrs field validators. They raise :class:`PathwayDataError` naming
the field, so a bad policy value reads the same whether it was passed in code or loaded
from a stored document. The data checks yield the ``(field, problem)`` pairs of a row's
``check_data``, each problem worded the same in every process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Any

import attrs

from ._calendar import next_working_day
from ._engine.model import Deadline, ReasonKind, Text
from .errors import PathwayDataError

__all__ = [
    "DAYS",
    "MONTHS",
    "YEARS",
    "blank",
    "bounded",
    "count",
    "deadline",
    "flag",
    "kind",
    "not_after",
    "not_before",
    "one_of",
]

MONTHS = (1, 120)
"""The range of every policy period counted in months: up to ten years."""
DAYS = (1, 3650)
"""The range of every policy period counted in days: up to ten years."""
YEARS = (1, 100)
"""The range of every policy period counted in years: up to a century."""

Validator = Callable[[Any, "attrs.Attribute[int]", int], None]


def count(low: int, high: int) -> Validator:
    """A validator of a policy number: an ``int`` (not a bool) from *low* to *high*.

    Every policy number is bounded, so no period computed from an accepted date can
    leave the range of :class:`datetime.date` (see :data:`~pathway_fsm.LAST_DAY`).
    """

    def check(instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
        if type(value) is not int or not low <= value <= high:
            why = f"expected an integer from {low} to {high}"
            raise PathwayDataError([(f"$.{attribute.name}", why)])

    return check


def one_of(*allowed: str) -> Callable[[Any, attrs.Attribute[str], str], None]:
    """A validator of a policy choice: exactly one of the strings *allowed* (a value that
    only compares equal to one would be kept, stored and shared as given)."""

    def check(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
        if type(value) is not str or value not in allowed:
            raise PathwayDataError([(f"$.{attribute.name}", f"expected one of {list(allowed)}")])

    return check


def flag(instance: Any, attribute: attrs.Attribute[bool], value: bool) -> None:
    """Validate a policy switch: exactly ``True`` or ``False``."""
    if type(value) is not bool:
        raise PathwayDataError([(f"$.{attribute.name}", "expected true or false")])


Problems = Iterator[tuple[str, str]]
"""What a data check yields: each bad field's name and what is wrong with it."""


def blank(name: str, text: str | None) -> Problems:
    """A data problem when a *text* is given and holds nothing but blanks."""
    if text is not None and not text.strip():
        yield name, "must not be empty"


def bounded(name: str, value: int | None, top: int) -> Problems:
    """A data problem when a count *value* is given and not from 0 to *top*."""
    if value is not None and not 0 <= value <= top:
        yield name, f"expected an integer from 0 to {top}"


_AT = "the event's date"


def not_after(name: str, day: date | None, limit: date | None, what: str = _AT) -> Problems:
    """A data problem when *day* and *limit* (called *what*) are given, *day* after *limit*."""
    if day is not None and limit is not None and day > limit:
        yield name, f"must not be after {what}"


def not_before(name: str, day: date | None, limit: date | None, what: str = _AT) -> Problems:
    """A data problem when *day* and *limit* (called *what*) are given, *day* before *limit*."""
    if day is not None and limit is not None and day < limit:
        yield name, f"must not be before {what}"


def deadline(
    code: str, label: Text, start: date, due: date, at: date, *, roll_forward: bool
) -> Deadline:
    """A :class:`Deadline` as of *at*; with *roll_forward* it is overdue only after the
    next working day on or after *due* (C3)."""
    working = next_working_day(due)
    limit = working if roll_forward else due
    return Deadline(
        code=code, start=start, due=due, due_working_day=working, overdue=at > limit, label=label
    )


def kind(
    code: str, fi: str, sv: str, en: str, labels: Mapping[str, Mapping[str, Text]] | None = None
) -> ReasonKind:
    """A :class:`ReasonKind` from its code, its fi/sv/en templates and any parameter *labels*."""
    return ReasonKind(code, Text(fi, sv, en), labels or {})
