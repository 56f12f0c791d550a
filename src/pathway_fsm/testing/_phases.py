"""Data for the Kohti työtä phase path (:mod:`pathway_fsm.phases`): needs, services, maps.

The testing kit imports it through the process's registry entry and calls
:func:`payload_strategies`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache, lru_cache
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from .. import phases
from .. import services as _services
from .._engine.definition import ProcessDefinition
from .._engine.model import Role
from ._basics import Payloads, dates

__all__ = ["needs", "payload_strategies", "service_maps", "services"]


def needs(*, max_size: int = 4) -> SearchStrategy[list[dict[str, Any]]]:
    """Lists of :class:`~pathway_fsm.phases.Need` data with distinct ids, on any phase."""
    need = st.fixed_dictionaries(
        {
            "id": st.sampled_from(["care", "substance", "capacity", "skills", "job", "money"]),
            "phase": st.sampled_from(list(phases.Phase)),
        },
        optional={"met": st.booleans()},
    )
    return st.lists(need, max_size=max_size, unique_by=lambda n: n["id"])


@cache
def _payloads() -> dict[type[Any], Payloads]:
    """Data for each phase-path payload: mostly valid, with a few broken values.

    Services are drawn from the typical map, the default definition's; :func:`payloads`
    draws them from the map of the definition at hand (:func:`_service_payloads`).
    """
    assessment = st.fixed_dictionaries(
        {"assessed_on": dates(date(2019, 1, 1), date(2021, 1, 1)), "needs": needs()}
    )
    reason = st.sampled_from([None, "relapse", ""])
    return {
        phases.PhaseMove: st.fixed_dictionaries(
            {"assessment": assessment}, optional={"reason": reason}
        ),
        phases.NeedAssessment: assessment,
        **_service_payloads(_services.typical_map()),
        phases.PhaseClosing: st.fixed_dictionaries(
            {"closure": st.sampled_from(list(phases.PhaseClosure))}
        ),
    }


_NOT_ON_THE_MAP = "not_on_the_map"


@lru_cache(maxsize=16)
def _service_payloads(service_map: _services.ServiceMap) -> dict[type[Any], Payloads]:
    """``start_service`` and ``end_service`` data for a phase path built with *service_map*.

    Ids come from the map: mostly one service of each phase, the one the most parties
    may refer to, so that a start is often allowed and a service started is often ended
    again; then any of its services, and now and then an id the map does not have (P3).
    """
    ids = [s.id for s in service_map.services]
    widest: list[str] = []
    for phase in phases.Phase:
        on_phase = service_map.on_phase(phase)
        if on_phase:
            best = max(on_phase, key=lambda s: len(s.referrers)).id
            widest.extend([] if best in widest else [best])
    service_id = st.one_of(
        st.sampled_from(widest or [_NOT_ON_THE_MAP]),
        st.sampled_from([*ids, _NOT_ON_THE_MAP]),
    )
    override = st.sampled_from([None, "client's informed choice", ""])
    return {
        phases.ServiceStart: st.fixed_dictionaries(
            {"service_id": service_id},
            optional={"primary": st.booleans(), "override": override},
        ),
        phases.ServiceEnd: st.fixed_dictionaries({"service_id": service_id}),
    }


# --------------------------------------------------------------------------- service maps

_MUNICIPALITIES = ["Kemi", "Tampere", "Oulu", "Vantaa"]


def services(*, edited: bool = True) -> SearchStrategy[_services.Service]:
    """Valid :class:`~pathway_fsm.services.Service`\\s based on :func:`typical_services`.

    With *edited*, a drawn service may span other phases, have another provider or other
    referrers than its typical placement, as a municipality might decide; every value
    stays valid (a non-empty id, every name filled in, at least one phase and referrer).
    """
    typical = st.sampled_from(_services.typical_services())
    if not edited:
        return typical
    some_phases = st.frozensets(st.sampled_from(list(phases.Phase)), min_size=1)
    some_roles = st.frozensets(st.sampled_from(list(Role)), min_size=1)

    @st.composite
    def service(draw: Callable[[Any], Any]) -> _services.Service:
        base: _services.Service = draw(typical)
        if not draw(st.booleans()):
            return base
        return attrs.evolve(
            base,
            phases=draw(st.one_of(st.just(base.phases), some_phases)),
            provider=draw(st.one_of(st.just(base.provider), st.sampled_from(list(Role)))),
            referrers=draw(st.one_of(st.just(base.referrers), some_roles)),
        )

    return service()


def service_maps(
    *, min_size: int = 1, max_size: int | None = None, edited: bool = True
) -> SearchStrategy[_services.ServiceMap]:
    """Valid :class:`~pathway_fsm.services.ServiceMap`\\s: a subset of the typical services
    in any order, each possibly *edited* (see :func:`services`), ids unique.

    Maps may leave phases empty or services with gaps: :func:`~pathway_fsm.services.check_map`
    reports those; they are still maps a municipality can store.
    """
    return st.builds(
        _services.ServiceMap,
        municipality=st.sampled_from(_MUNICIPALITIES),
        services=st.lists(
            services(edited=edited), min_size=min_size, max_size=max_size, unique_by=_service_id
        ).map(tuple),
    )


def _service_id(service: _services.Service) -> str:
    return service.id


def payload_strategies(definition: ProcessDefinition[Any, Any]) -> dict[type[Any], Payloads]:
    """Data for each phase-path payload; services come from *definition*'s own map."""
    policy = definition.policy
    if isinstance(policy, phases.PhasePolicy):
        return {**_payloads(), **_service_payloads(policy.service_map)}
    return _payloads()
