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
    build: Callable[[Any], ProcessDefinition]


def shipped() -> dict[str, Shipped]:
    """Every shipped process by name (a fresh dict each call)."""
    from . import handover, ips, journey, phases, referral, typ

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
    }


def definitions() -> Mapping[str, ProcessDefinition]:
    """Every shipped definition by name, with its default policy (a read-only mapping)."""
    return MappingProxyType({name: s.build(s.policy_type()) for name, s in shipped().items()})
