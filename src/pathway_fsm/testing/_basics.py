"""Strategies every process's data is drawn from: days, actors, role sets, references."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from .._engine.model import Actor, Role
from .._engine.pathway import REF_MAX

__all__ = ["ALL_ROLES", "SOME_ROLES", "Payloads", "actors", "dates", "refs"]

Payloads = SearchStrategy[Mapping[str, Any]]
"""Keyword data for one trigger."""

ALL_ROLES = frozenset(Role)
"""Every role: a decision made by all parties."""

SOME_ROLES = st.frozensets(st.sampled_from(list(Role)))
"""Any set of roles, the empty one included."""


def dates(
    min_value: date = date(2000, 1, 1), max_value: date = date(2040, 12, 31)
) -> SearchStrategy[date]:
    """Days between *min_value* and *max_value*, month ends and leap days drawn often."""
    month_ends = st.builds(
        lambda d: (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1),
        st.dates(min_value, max_value),
    ).filter(lambda d: min_value <= d <= max_value)
    leap_days = st.sampled_from(
        [date(y, 2, 29) for y in range(min_value.year, max_value.year + 1) if y % 4 == 0]
        or [min_value]
    ).filter(lambda d: min_value <= d <= max_value)
    return st.one_of(st.dates(min_value, max_value), month_ends, leap_days)


def actors(roles: Iterable[Role] | None = None) -> SearchStrategy[Actor]:
    """Actors with a short opaque id and one of *roles* (default: every role)."""
    pool = sorted(roles) if roles is not None else list(Role)
    return st.builds(Actor, st.sampled_from(["a1", "a2", "a3"]), st.sampled_from(pool))


def refs() -> SearchStrategy[str]:
    """Host references as ``fire(..., ref=...)`` takes them: short ids, and the longest."""
    return st.one_of(
        st.from_regex(r"[A-Za-z0-9][A-Za-z0-9:/._-]{0,23}", fullmatch=True),
        st.just("r" * REF_MAX),
    )
