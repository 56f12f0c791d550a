"""The definitions this library ships, by name: how to rebuild each from a stored policy."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ._engine.definition import ProcessDefinition

__all__ = ["Shipped", "definitions", "shipped"]


@attrs.frozen
class Shipped:
    """A shipped process: its name, current version, policy type and builder."""

    name: str
    version: str
    policy_type: type[Any]
    build: Callable[[Any], ProcessDefinition[Any, Any]]


def shipped() -> dict[str, Shipped]:
    """Every shipped process by name (a fresh dict each call)."""
    from . import handover, ips, journey, phases, referral, social_welfare, typ

    sw = social_welfare

    return {
        typ.NAME: Shipped(typ.NAME, typ.VERSION, typ.TypPolicy, typ.definition_for),
        phases.NAME: Shipped(
            phases.NAME, phases.VERSION, phases.PhasePolicy, phases.definition_for
        ),
        handover.NAME: Shipped(
            handover.NAME, handover.VERSION, handover.HandoverPolicy, handover.definition_for
        ),
        journey.NAME: Shipped(
            journey.NAME, journey.VERSION, handover.HandoverPolicy, journey.definition_for
        ),
        referral.NAME: Shipped(
            referral.NAME, referral.VERSION, referral.KemiPolicy, referral.definition_for
        ),
        ips.NAME: Shipped(ips.NAME, ips.VERSION, ips.IpsPolicy, ips.definition_for),
        sw.KTT: Shipped(sw.KTT, sw.VERSION, sw.KttPolicy, sw.ktt_definition_for),
        sw.WORK_ACTIVITY: Shipped(
            sw.WORK_ACTIVITY,
            sw.VERSION,
            sw.WorkActivityPolicy,
            sw.work_activity_definition_for,
        ),
        sw.EMPLOYMENT_SUPPORT: Shipped(
            sw.EMPLOYMENT_SUPPORT,
            sw.VERSION,
            sw.EmploymentSupportPolicy,
            sw.employment_support_definition_for,
        ),
        sw.SOCIAL_REHABILITATION: Shipped(
            sw.SOCIAL_REHABILITATION,
            sw.VERSION,
            sw.SocialRehabilitationPolicy,
            sw.social_rehabilitation_definition_for,
        ),
    }


def definitions() -> Mapping[str, ProcessDefinition[Any, Any]]:
    """Every shipped definition by name, with its default policy (a read-only mapping)."""
    return MappingProxyType({name: s.build(s.policy_type()) for name, s in shipped().items()})
