"""Checks and builders the process modules share: policy validators and deadlines.

The validators are attrs field validators. They raise :class:`PathwayDataError` naming
the field, so a bad policy value reads the same whether it was passed in code or loaded
from a stored document.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from ._calendar import next_working_day
from ._engine.model import Deadline, Text
from .errors import PathwayDataError

__all__ = ["deadline", "flag", "positive"]


def positive(instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
    """Validate a policy count: an ``int`` (not a bool) of at least 1."""
    if type(value) is not int or value < 1:
        raise PathwayDataError([(f"$.{attribute.name}", "expected a positive integer")])


def flag(instance: Any, attribute: attrs.Attribute[bool], value: bool) -> None:
    """Validate a policy switch: exactly ``True`` or ``False``."""
    if type(value) is not bool:
        raise PathwayDataError([(f"$.{attribute.name}", "expected true or false")])


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
