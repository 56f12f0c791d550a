"""Calendar conventions C1–C4."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathway_fsm import add_days, add_months, add_years, age_on, is_working_day, next_working_day
from pathway_fsm._calendar import _easter_sunday, finnish_holidays


class TestAddMonths:
    @pytest.mark.parametrize(
        ("start", "months", "expected"),
        [
            (date(2025, 1, 31), 1, date(2025, 2, 28)),
            (date(2024, 1, 31), 1, date(2024, 2, 29)),
            (date(2024, 11, 30), 3, date(2025, 2, 28)),
            (date(2023, 11, 30), 3, date(2024, 2, 29)),
            (date(2025, 1, 15), 3, date(2025, 4, 15)),
            (date(2025, 12, 31), 2, date(2026, 2, 28)),
            (date(2025, 3, 31), -1, date(2025, 2, 28)),
            (date(2025, 5, 31), 1, date(2025, 6, 30)),
        ],
    )
    def test_c1_same_day_or_month_end(self, start: date, months: int, expected: date) -> None:
        """C1: the same day number n months later, clamped to the last day."""
        assert expected == add_months(start, months)

    @given(st.dates(date(1900, 1, 1), date(2200, 1, 1)), st.integers(0, 600))
    def test_c1_never_early_and_within_month(self, start: date, months: int) -> None:
        """C1: the result lies in the target month and never before the start."""
        result = add_months(start, months)
        assert result >= start
        assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
        assert result.day <= start.day

    def test_c1_years_from_leap_day(self) -> None:
        """C1: 29 February plus a year is 28 February."""
        assert date(2025, 2, 28) == add_years(date(2024, 2, 29), 1)
        assert date(2028, 2, 29) == add_years(date(2024, 2, 29), 4)


def test_c2_start_day_not_counted() -> None:
    """C2: 14 days after 1 March ends on 15 March."""
    assert date(2025, 3, 15) == add_days(date(2025, 3, 1), 14)


class TestAge:
    def test_c4_birthday_counts(self) -> None:
        """C4: a person has turned 25 on their 25th birthday, not the day before."""
        born = date(2000, 6, 15)
        assert 25 == age_on(born, date(2025, 6, 15))
        assert 24 == age_on(born, date(2025, 6, 14))
        assert 25 == age_on(born, date(2025, 6, 16))

    def test_c4_leap_day_birthday_default_feb28(self) -> None:
        """C4: born on 29 Feb, the birthday in a common year is 28 Feb by default."""
        born = date(2000, 2, 29)
        assert 25 == age_on(born, date(2025, 2, 28))
        assert 24 == age_on(born, date(2025, 2, 27))

    def test_c4_leap_day_birthday_mar1(self) -> None:
        """C4: with the mar1 policy, the birthday in a common year is 1 March."""
        born = date(2000, 2, 29)
        assert 24 == age_on(born, date(2025, 2, 28), leap_birthday="mar1")
        assert 25 == age_on(born, date(2025, 3, 1), leap_birthday="mar1")
        assert 23 == age_on(born, date(2024, 2, 28), leap_birthday="mar1")
        assert 24 == age_on(born, date(2024, 2, 29), leap_birthday="mar1")


class TestWorkingDays:
    @pytest.mark.parametrize(
        ("year", "easter"),
        [
            (2024, date(2024, 3, 31)),
            (2025, date(2025, 4, 20)),
            (2026, date(2026, 4, 5)),
            (2038, date(2038, 4, 25)),
            (2008, date(2008, 3, 23)),
        ],
    )
    def test_c3_easter(self, year: int, easter: date) -> None:
        """C3: Easter Sunday by the Gregorian computus."""
        assert easter == _easter_sunday(year)

    def test_c3_holidays_2025(self) -> None:
        """C3: the moving holidays of 2025 fall on their known days."""
        days = finnish_holidays(2025)
        for d in (
            date(2025, 4, 18),
            date(2025, 4, 21),
            date(2025, 5, 29),
            date(2025, 6, 20),
            date(2025, 6, 21),
            date(2025, 11, 1),
            date(2025, 12, 6),
            date(2025, 12, 24),
        ):
            assert d in days

    @pytest.mark.parametrize(
        ("due", "expected"),
        [
            (date(2025, 12, 6), date(2025, 12, 8)),  # Independence Day on a Saturday
            (date(2025, 12, 24), date(2025, 12, 29)),  # Christmas Eve → after Boxing Day, weekend
            (date(2025, 6, 20), date(2025, 6, 23)),  # Midsummer Eve
            (date(2025, 5, 1), date(2025, 5, 2)),  # May Day
            (date(2025, 4, 18), date(2025, 4, 22)),  # Good Friday → after Easter Monday
            (date(2025, 3, 12), date(2025, 3, 12)),  # an ordinary Wednesday
        ],
    )
    def test_c3_next_working_day(self, due: date, expected: date) -> None:
        """C3: a deadline on a weekend or holiday moves to the next working day."""
        assert expected == next_working_day(due)
        assert is_working_day(expected)


def test_d3_every_policy_defaults_to_calendar_dates_and_feb28() -> None:
    """D3: where a definition has the switches, the working-day roll-forward is off and a
    29 February birthday counts on 28 February, unless the host says otherwise."""
    import attrs

    import pathway_fsm as pf

    checked = 0
    for definition in pf.definitions().values():
        names = {f.name for f in attrs.fields(type(definition.policy))}
        if "roll_forward" in names:
            assert definition.policy.roll_forward is False
            checked += 1
        if "leap_birthday" in names:
            assert "feb28" == definition.policy.leap_birthday
    assert checked >= 4


@pytest.mark.parametrize(
    ("unemployed_since", "admitted"),
    [(date(2024, 1, 15), True), (date(2024, 1, 16), False)],
)
def test_c5_the_spell_start_is_the_hosts_fact(unemployed_since: date, admitted: bool) -> None:
    """C5: the library compares the host's spell start with C1 and derives nothing else."""
    from pathway_fsm import Actor, Role, typ

    ea = Actor("ea-1", Role.EMPLOYMENT_AUTHORITY)
    p = typ.definition(profile="1369/2014").start("c", at=date(2025, 1, 8), by=ea)
    facts = {"multidisciplinary_need": True, "labour_market_subsidy_days": 0}
    verdict = p.check(
        "admit",
        at=date(2025, 1, 15),
        by=ea,
        birth_date=date(1980, 1, 1),
        unemployed_since=unemployed_since,
        **facts,
    )
    assert admitted == bool(verdict)
