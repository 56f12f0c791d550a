"""What many test modules share: the common actors, ``refused(...)`` and ``snapshot(...)``."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import pathway_fsm as pf
from pathway_fsm import Actor, Pathway, Reason, Role, TransitionRefused

OFFICE = Actor("ea-1", Role.EMPLOYMENT_AUTHORITY)
"""An employment-authority counsellor."""
COUNTY = Actor("wc-1", Role.WELLBEING_COUNTY)
"""A wellbeing-county social worker."""
KELA = Actor("kela-1", Role.KELA)
"""A Kela officer."""
CLIENT = Actor("client", Role.CLIENT)
"""The client."""
COACH = Actor("coach-1", Role.JOB_COACH)
"""A job coach."""
EMPLOYER = Actor("emp-1", Role.EMPLOYER)
"""An employer."""


def snapshot(p: Pathway[Any, Any]) -> tuple[object, ...]:
    """Everything observable about a pathway, deep-copied: state, context, history, stored form."""
    return (p.state, copy.deepcopy(p.context), p.history, copy.deepcopy(pf.to_dict(p)))


def codes(reasons: tuple[Reason, ...]) -> tuple[str, ...]:
    """The codes of *reasons*, in order."""
    return tuple(r.code for r in reasons)


def refused(
    p: Pathway[Any, Any], trigger: str, /, at: date, by: Actor, **data: Any
) -> tuple[Reason, ...]:
    """Fire *trigger* expecting a refusal that ``check`` agrees with and that changes
    nothing; return its reasons."""
    before = snapshot(p)
    verdict = p.check(trigger, at=at, by=by, **data)
    with pytest.raises(TransitionRefused) as caught:
        p.fire(trigger, at=at, by=by, **data)
    assert before == snapshot(p)
    assert not verdict
    assert verdict.codes == codes(caught.value.reasons)
    return caught.value.reasons


def refused_codes(
    p: Pathway[Any, Any], trigger: str, /, at: date, by: Actor, **data: Any
) -> tuple[str, ...]:
    """The codes of :func:`refused`."""
    return codes(refused(p, trigger, at, by, **data))


SHIPPED = sorted(pf.definitions().values(), key=lambda d: d.name)
"""Every shipped definition under its default policy, by name."""

each_shipped = pytest.mark.parametrize("definition", SHIPPED, ids=[d.name for d in SHIPPED])
"""Parametrise a test over :data:`SHIPPED` as ``definition``."""


def budget(share: int = 2) -> settings:
    """The loaded profile's example count over *share* (at least 10), for property tests
    that draw whole pathways of every definition; call it once the profile is loaded."""
    return settings(
        max_examples=max(10, settings.default.max_examples // share),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
