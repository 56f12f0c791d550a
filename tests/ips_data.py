"""Actors, a start date and a competitive job shared by the IPS rule and fidelity tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from helpers import CLIENT, COACH, COUNTY, EMPLOYER

__all__ = ["CLIENT", "COACH", "COMPETITIVE", "COUNTY", "D0", "EMPLOYER"]

D0 = date(2025, 1, 8)

# A job that meets every I7 criterion of competitive employment.
COMPETITIVE: dict[str, Any] = {
    "employment_contract": True,
    "going_wage": True,
    "open_to_anyone": True,
    "sheltered": False,
    "reserved_for_disabled": False,
    "work_activity": False,
    "work_trial": False,
}
