"""Trigger data, attempts and runs for any definition, each process's data found through
the registry.

A process's registry entry names the module of its strategies
(``Process(..., strategies="pathway_fsm.testing._typ")``). That module defines
``payload_strategies(definition)``, a strategy of keyword data for each payload class of
the process, and, when the start trigger needs data a role must match,
``start_data(definition, role)``. Nothing here knows any one process.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Protocol, cast

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from .._engine.definition import ProcessDefinition
from .._engine.model import Actor, Event, Role
from .._engine.pathway import Pathway
from .._registry import Process, definitions, processes
from ..errors import DefinitionError, PathwayDataError, TransitionRefused, describe, require
from ._basics import Payloads, actors, dates, refs

__all__ = [
    "Attempt",
    "Run",
    "Strategies",
    "attempts",
    "pathways",
    "payloads",
    "process_definitions",
    "start_data",
    "strategies_of",
]


class Strategies(Protocol):
    """What a process's strategies module defines (``start_data`` is optional)."""

    def payload_strategies(
        self, definition: ProcessDefinition[Any, Any]
    ) -> Mapping[type[Any], Payloads]:
        """A strategy of keyword data for each payload class of the process."""
        ...  # pragma: no cover - a protocol


@lru_cache(maxsize=64)
def strategies_of(process: Process[Any]) -> Strategies | None:
    """The strategies module *process*'s entry names (``None`` when it names none).

    Raises:
        DefinitionError: the module cannot be imported or defines no
            ``payload_strategies``.
    """
    if process.strategies is None:
        return None
    try:
        module = importlib.import_module(process.strategies)
    except ImportError as error:
        problem = f"strategies: cannot import {process.strategies!r} ({error})"
        raise DefinitionError(process.name, [problem]) from error
    if not callable(getattr(module, "payload_strategies", None)):
        problem = f"strategies: {process.strategies!r} defines no payload_strategies(definition)"
        raise DefinitionError(process.name, [problem])
    return cast("Strategies", module)


def _drawn_by(
    process: Process[Any], definition: ProcessDefinition[Any, Any], kind: type[Any]
) -> Payloads | None:
    """The strategy *process*'s module draws *kind* with, if it draws it."""
    module = strategies_of(process)
    if module is None:
        return None
    found: object = module.payload_strategies(definition)
    if not isinstance(found, Mapping):
        problem = f"strategies: payload_strategies returned {describe(found)}, not a mapping"
        raise DefinitionError(process.name, [problem])
    return cast("Payloads | None", found.get(kind))


def _known(definition: ProcessDefinition[Any, Any], kind: type[Any]) -> Payloads | None:
    """The registered strategy for payload class *kind*: the definition's own process's
    first, then any other registered process's (a host's definition may reuse ours)."""
    known = processes()
    own = known.pop(definition.name, None)
    for process in [*([own] if own is not None else []), *known.values()]:
        found = _drawn_by(process, definition, kind)
        if found is not None:
            return found
    return None


def payloads(definition: ProcessDefinition[Any, Any], trigger: str) -> Payloads:
    """Keyword data for *trigger* of *definition*: valid about half the time.

    The strategy comes from the registry: the definition's process names the module that
    draws its payloads (a phase path's ``start_service`` and ``end_service`` name
    services of its own service map, and now and then one that is not on it). A payload
    class no registered process draws falls back to ``st.builds`` of the class,
    unstructured to plain data.

    Raises:
        PathwayDataError: *definition* is not a definition.
        UnknownTrigger: *definition* has no *trigger*.
    """
    require(definition, ProcessDefinition, "definition")
    kind = definition.transition(trigger).payload
    if kind is None:
        return st.just({})
    found = _known(definition, kind)
    return found if found is not None else st.builds(kind).map(attrs.asdict)


def start_data(definition: ProcessDefinition[Any, Any], role: Role) -> Payloads:
    """Valid data for *definition*'s start trigger, fired by *role*.

    The process's strategies module decides, with ``start_data(definition, role)``;
    without one (or for a start that takes no data) it is no data at all, so a start
    payload takes its defaults.

    Raises:
        PathwayDataError: *definition* is not a definition.
    """
    require(definition, ProcessDefinition, "definition")
    process = processes().get(definition.name)
    module = None if process is None else strategies_of(process)
    draw = getattr(module, "start_data", None)
    if definition.start_spec.payload is None or draw is None:
        return st.just({})
    return cast("Payloads", draw(definition, role))


@attrs.frozen
class Attempt:
    """One try at a trigger: *days* after the previous event, by *actor*, with *data*,
    and the event's audit metadata (*recorded_by*, *ref*) when drawn."""

    trigger: str
    days: int
    actor: Actor
    data: Mapping[str, Any]
    recorded_by: Actor | None = None
    ref: str | None = None

    def fire(self, pathway: Pathway[Any, Any]) -> Event:
        """Fire this attempt on *pathway*; the date is relative to its latest event."""
        at = pathway.history[-1].at + timedelta(days=self.days)
        return pathway.fire(
            self.trigger,
            at=at,
            by=self.actor,
            recorded_by=self.recorded_by,
            ref=self.ref,
            **self.data,
        )


_recorders = st.one_of(st.none(), st.none(), actors())
_refs = st.one_of(st.none(), st.none(), refs())


def attempts(
    definition: ProcessDefinition[Any, Any], *, state: str | None = None, backdating: bool = True
) -> SearchStrategy[Attempt]:
    """Attempts at the non-start triggers of *definition*, mostly by an allowed role.

    Given the current *state*, most attempts are at triggers that leave it, and those
    that end the pathway are drawn less often, so runs get deep into the process. With
    *backdating*, a few attempts are dated before the previous event.
    """
    require(definition, ProcessDefinition, "definition")
    specs = [s for s in definition.transition_specs if s.sources]
    finals = set(definition.finals)
    leaving = [
        spec
        for spec in specs
        if state in spec.sources
        for _ in range(1 if spec.dest in finals else 4)
    ]
    choice = st.sampled_from(leaving) if leaving else st.nothing()
    trigger = st.one_of(choice, choice, choice, st.sampled_from(specs))
    days = st.integers(-3 if backdating else 0, 120)

    @st.composite
    def attempt(draw: Callable[[Any], Any]) -> Attempt:
        spec = draw(trigger)
        roles = draw(st.sampled_from([sorted(spec.roles), list(Role)]))
        return Attempt(
            spec.trigger,
            draw(days),
            draw(actors(roles)),
            draw(payloads(definition, spec.trigger)),
            draw(_recorders),
            draw(_refs),
        )

    return attempt()


@attrs.frozen
class Run:
    """A pathway and the attempts made on it, each with whether it was accepted."""

    pathway: Pathway[Any, Any]
    attempts: tuple[tuple[Attempt, bool], ...]


def pathways(
    definition: ProcessDefinition[Any, Any], *, max_attempts: int = 25, start: date | None = None
) -> SearchStrategy[Run]:
    """:class:`Run`\\s: a pathway started on a drawn day and driven by drawn attempts.

    The start trigger gets :func:`start_data` for the drawn actor's role (a journey's
    first service, a handover proposal, a Kemi referral).

    Refused attempts (and attempts with malformed data) are kept in the run but leave
    the pathway as it was.
    """

    @st.composite
    def run(draw: Callable[[Any], Any]) -> Run:
        first = start or draw(dates(date(2021, 1, 1), date(2030, 12, 31)))
        spec = definition.start_spec
        actor = draw(actors(sorted(spec.roles)))
        data = draw(start_data(definition, actor.role))
        pathway = definition.start("client-x", at=first, by=actor, **data)
        made: list[tuple[Attempt, bool]] = []
        for _ in range(draw(st.integers(0, max_attempts))):
            attempt = draw(attempts(definition, state=pathway.state))
            try:
                attempt.fire(pathway)
            except (TransitionRefused, PathwayDataError):
                made.append((attempt, False))
            else:
                made.append((attempt, True))
        return Run(pathway, tuple(made))

    return run()


def process_definitions() -> SearchStrategy[ProcessDefinition[Any, Any]]:
    """Any registered definition under its default policy, shrinking towards the first by name."""
    known = definitions()
    return st.sampled_from([known[name] for name in sorted(known)])
