"""Calendar arithmetic shared by every rule (C1–C4).

One helper per convention, so no guard ever does its own date maths:

* :func:`add_months` — C1: the same day number *n* months later, clamped to the
  month's last day (31 Jan + 1 month = 28/29 Feb).
* :func:`add_days` — C2: a period of *n* days after a day does not count that day.
* :func:`next_working_day` — C3: the first day on or after a date that is not a
  Saturday, Sunday or Finnish public holiday (nor Midsummer Eve or Christmas Eve).
* :func:`age_on` — C4: completed years on a date; someone born on 29 February
  has their birthday on 28 February (default) or 1 March in common years.

Every date the library accepts lies between :data:`FIRST_DAY` and :data:`LAST_DAY`. No
policy period is longer than a hundred years, so no deadline, window or age the rules
compute from an accepted date can leave the range of :class:`datetime.date`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from .errors import PathwayDataError

LeapBirthday = Literal["feb28", "mar1"]

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "LeapBirthday",
    "add_days",
    "add_months",
    "add_years",
    "age_on",
    "day_problem",
    "finnish_holidays",
    "is_working_day",
    "next_working_day",
    "parse_day",
]

FIRST_DAY = date(1900, 1, 1)
"""The earliest date the library accepts (no client was born before it)."""
LAST_DAY = date(9899, 12, 31)
"""The latest date the library accepts: a century before the end of :class:`datetime.date`."""

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(text: str) -> date | None:
    """The date written as exactly ``YYYY-MM-DD`` in *text*, or ``None``.

    :meth:`date.fromisoformat` also reads week dates (``2025-W02-1``) and basic forms
    (``20250106``); a stored date is only ever the extended calendar form.
    """
    if len(text) != 10 or _ISO_DAY.fullmatch(text) is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def day_problem(value: object) -> str | None:
    """Why *value* is not a date the library accepts, or ``None`` when it is one.

    It must be exactly a :class:`datetime.date` (not a ``datetime`` or another subclass,
    which would not be stored as it reads) from :data:`FIRST_DAY` to :data:`LAST_DAY`.
    """
    if type(value) is not date:
        return f"expected a datetime.date, got {type(value).__name__}"
    if not FIRST_DAY <= value <= LAST_DAY:
        return f"expected a date from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"
    return None


def _arguments(day: object, count: object, name: str) -> None:
    """The helpers' arguments: a date (not a datetime) and an integer (not a bool)."""
    problems = []
    if type(day) is not date:
        problems.append(("day", f"expected a datetime.date, got {type(day).__name__}"))
    if type(count) is not int:
        problems.append((name, f"expected an integer, got {type(count).__name__}"))
    if problems:
        raise PathwayDataError(problems)


def _out_of_range() -> PathwayDataError:
    return PathwayDataError([("day", "the result falls outside the dates Python can hold")])


def add_months(day: date, months: int) -> date:
    """Return the date *months* calendar months after *day* (C1, Act 150/1930 §3).

    When the target month is shorter, the result is that month's last day.

    Raises:
        PathwayDataError: a bad argument, or a result before year 1 or after 9999.
    """
    _arguments(day, months, "months")
    years, month_index = divmod(day.month - 1 + months, 12)
    year = day.year + years
    month = month_index + 1
    if not 1 <= year <= 9999:
        raise _out_of_range()
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """Return the date *years* years after *day*, with C1's clamping (29 Feb → 28 Feb).

    Raises:
        PathwayDataError: a bad argument, or a result outside the years 1–9999.
    """
    _arguments(day, years, "years")
    return add_months(day, 12 * years)


def add_days(day: date, days: int) -> date:
    """Return the last day of a period of *days* days after *day* (C2, Act 150/1930 §2).

    The starting day is not counted, so the period ends *days* days later.

    Raises:
        PathwayDataError: a bad argument, or a result outside the years 1–9999.
    """
    _arguments(day, days, "days")
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise _out_of_range() from None


def birthday_in(year: int, birth_date: date, *, leap_birthday: LeapBirthday = "feb28") -> date:
    """Return the day in *year* on which someone born on *birth_date* has a birthday (C4)."""
    if birth_date.month == 2 and birth_date.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28) if leap_birthday == "feb28" else date(year, 3, 1)
    return birth_date.replace(year=year)


def age_on(birth_date: date, on: date, *, leap_birthday: LeapBirthday = "feb28") -> int:
    """Return completed years of age on *on*: the birthday itself counts (C4).

    Raises:
        PathwayDataError: a date is not a ``datetime.date`` or *leap_birthday* is unknown.
    """
    given: tuple[tuple[str, object], ...] = (("birth_date", birth_date), ("on", on))
    problems = [
        (name, f"expected a datetime.date, got {type(value).__name__}")
        for name, value in given
        if type(value) is not date
    ]
    if type(leap_birthday) is not str or leap_birthday not in ("feb28", "mar1"):
        problems.append(("leap_birthday", "expected feb28 or mar1"))
    if problems:
        raise PathwayDataError(problems)
    years = on.year - birth_date.year
    if on < birthday_in(on.year, birth_date, leap_birthday=leap_birthday):
        years -= 1
    return years


def _easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Meeus/Jones/Butcher algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _saturday_between(year: int, month: int, first: int) -> date:
    """The Saturday in the seven days starting at *first* of *month*."""
    start = date(year, month, first)
    return start + timedelta(days=(5 - start.weekday()) % 7)


@lru_cache(maxsize=256)
def finnish_holidays(year: int) -> frozenset[date]:
    """Days in *year* on which C3 moves a deadline forward, besides weekends.

    Public holidays of the Finnish calendar plus Midsummer Eve, Christmas Eve and
    May Day, which Act 150/1930 §5 names explicitly.
    """
    easter = _easter_sunday(year)
    midsummer_day = _saturday_between(year, 6, 20)
    return frozenset(
        {
            date(year, 1, 1),  # New Year's Day
            date(year, 1, 6),  # Epiphany
            easter - timedelta(days=2),  # Good Friday
            easter,
            easter + timedelta(days=1),  # Easter Monday
            date(year, 5, 1),  # May Day
            easter + timedelta(days=39),  # Ascension Day
            easter + timedelta(days=49),  # Whitsun
            midsummer_day - timedelta(days=1),  # Midsummer Eve
            midsummer_day,
            _saturday_between(year, 10, 31),  # All Saints' Day
            date(year, 12, 6),  # Independence Day
            date(year, 12, 24),  # Christmas Eve
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def is_working_day(day: date) -> bool:
    """Whether *day* is a working day in the sense of C3.

    Raises:
        PathwayDataError: *day* is not a ``datetime.date``.
    """
    _arguments(day, 0, "days")
    return day.weekday() < 5 and day not in finnish_holidays(day.year)


def next_working_day(day: date) -> date:
    """Return *day* itself if it is a working day, else the first working day after it (C3).

    Raises:
        PathwayDataError: *day* is not a ``datetime.date``, or no working day follows it
            before the end of year 9999.
    """
    _arguments(day, 0, "days")
    while not (day.weekday() < 5 and day not in finnish_holidays(day.year)):
        if day == date.max:
            raise _out_of_range()
        day += timedelta(days=1)
    return day
