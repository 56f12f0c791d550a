"""What is due in supported employment (IPS): the first employer contact (I8), support (I9).

The fidelity report counts missed support contacts with the same :func:`support_due`, so
the deadline and the report cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .._calendar import add_days, add_months
from .._checks import deadline
from .._engine.model import Deadline, Text
from ._facts import IpsContext, IpsPolicy

__all__ = ["FIRST_CONTACT_LABEL", "SUPPORT_CONTACT_LABEL", "deadlines", "support_due"]

FIRST_CONTACT_LABEL = Text(
    "Ensimmäinen henkilökohtainen työnantajakontakti",
    "Den första personliga kontakten med en arbetsgivare",
    "First face-to-face employer contact",
)
"""The name of the ``ips.first_employer_contact_due`` deadline."""
SUPPORT_CONTACT_LABEL = Text(
    "Seuraava tukikontakti työssä", "Nästa stödkontakt i arbetet", "Next support contact in work"
)
"""The name of the ``ips.support_contact_due`` deadline."""


def support_due(job_started_on: date, last: date, policy: IpsPolicy) -> date:
    """The day the next support contact is due after the contact (or job start) *last* (I9)."""
    if last < add_months(job_started_on, policy.intensive_support_months):
        return add_days(last, policy.intensive_contact_days)
    return add_months(last, policy.later_contact_months)


def deadlines(policy: IpsPolicy, state: str, ctx: IpsContext, at: date) -> Iterator[Deadline]:
    """I8 first employer contact; I9 next follow-along contact (no end date)."""
    roll_forward = policy.roll_forward
    if state in ("profiling", "job_search") and ctx.first_contact_on is None:
        assert ctx.entered_on is not None
        due = add_days(ctx.entered_on, policy.first_contact_days)
        yield deadline(
            "ips.first_employer_contact_due",
            FIRST_CONTACT_LABEL,
            ctx.entered_on,
            due,
            at,
            roll_forward=roll_forward,
        )
    if state == "working":
        assert ctx.job_started_on is not None
        last = ctx.last_support_on or ctx.job_started_on
        due = support_due(ctx.job_started_on, last, policy)
        yield deadline(
            "ips.support_contact_due",
            SUPPORT_CONTACT_LABEL,
            last,
            due,
            at,
            roll_forward=roll_forward,
        )
