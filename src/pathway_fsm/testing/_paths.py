"""Model-based paths through a definition's graph: :func:`paths`.

The graph is the definition's declared edges; a path is found without firing anything.
Data for a path is drawn by :meth:`Path.strategy`, which checks every drawn step with
:meth:`~pathway_fsm.Pathway.check` on a live pathway, so guards that read earlier data
or dates see exactly what the path recorded before them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Literal

import attrs
from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from .._engine.definition import ProcessDefinition
from .._engine.model import Actor
from .._engine.pathway import Pathway
from ..errors import PathwayDataError, require
from ._basics import actors, dates
from ._kit import payloads, start_data

__all__ = ["Path", "PathKind", "Step", "StepData", "paths"]

PathKind = Literal["shortest", "edges", "simple"]

StepData = tuple[str, Mapping[str, Any], date, Actor]
"""One drawn step: ``(trigger, data, at, by)``; the first one starts the pathway."""

TRIES = 25
"""Draws of date, actor and data per step before the step counts as not satisfied."""

DETOURS = 4
"""Events that keep the state which may be recorded before a step whose rules need them."""

_DAYS = st.one_of(st.sampled_from([0, 1, 7, 14, 31, 92, 183, 366, 1461, 3653]), st.integers(0, 400))


@attrs.frozen
class Step:
    """One edge of a path: *trigger* fired in *source* (``None`` to start) leads to *dest*."""

    trigger: str
    source: str | None
    dest: str


@attrs.frozen
class Path:
    """Steps through *definition* from its start trigger, each leaving where the last ended."""

    definition: ProcessDefinition[Any, Any] = attrs.field(repr=lambda d: repr(d.name))
    steps: tuple[Step, ...]

    @property
    def state(self) -> str:
        """The state the path ends in."""
        return self.steps[-1].dest

    @property
    def triggers(self) -> tuple[str, ...]:
        """The triggers fired along the path, the start trigger first."""
        return tuple(step.trigger for step in self.steps)

    def strategy(self, *, start: date | None = None) -> SearchStrategy[list[StepData]]:
        """Lists of ``(trigger, data, at, by)`` that the definition accepts, one per step.

        Each step is drawn (days after the previous step, an allowed actor, the trigger's
        :func:`~pathway_fsm.testing.payloads`) and checked on a pathway that has recorded
        the steps before it; a step refused :data:`TRIES` times in a row makes hypothesis
        reject the whole draw. A step whose rules need something recorded first may be
        preceded by up to :data:`DETOURS` events that keep the state (a service started
        before the step that ends it). Guards that need a particular date or earlier data
        are met this way, by checking draws, not by construction.
        """
        definition = self.definition

        @st.composite
        def drawn(draw: Callable[[Any], Any]) -> list[StepData]:
            at = start or draw(dates(date(2021, 1, 1), date(2030, 12, 31)))
            spec = definition.start_spec
            by = draw(actors(sorted(spec.roles)))
            data = dict(draw(start_data(definition, by.role)))
            pathway = definition.start("client-x", at=at, by=by, **data)
            made: list[StepData] = [(spec.trigger, data, at, by)]
            for step in self.steps[1:]:
                for _ in range(DETOURS + 1):
                    found = _draw_step(draw, pathway, step.trigger)
                    if found is not None:
                        break
                    # The step's rules may need something recorded first (a service
                    # started before it ends): an event that keeps the state, drawn the
                    # same way, goes before it.
                    staying = _staying(definition, pathway.state)
                    detour = (
                        _draw_step(draw, pathway, draw(st.sampled_from(staying)))
                        if staying
                        else None
                    )
                    if detour is None:
                        break
                    pathway.fire(detour[0], at=detour[2], by=detour[3], **detour[1])
                    made.append(detour)
                else:
                    found = None
                if found is None:
                    reject()  # no draw met the step's rules: see the docstring
                pathway.fire(found[0], at=found[2], by=found[3], **found[1])
                made.append(found)
            return made

        return drawn()

    def play(self, steps: Sequence[StepData], *, client_id: str = "client-x") -> Pathway[Any, Any]:
        """Start a pathway with the first of *steps* and fire the rest; checks that they
        take the path's edges, with only events that keep the state in between.

        Raises:
            TransitionRefused: a step was refused.
            PathwayDataError: a step's data was malformed, or a step left the path.
        """
        (trigger, data, at, by), *rest = steps
        if trigger != self.definition.start_spec.trigger:
            raise PathwayDataError([("$[0].trigger", f"expected {self.steps[0].trigger!r}")])
        pathway = self.definition.start(client_id, at=at, by=by, **data)
        todo = list(self.steps[1:])
        for index, (trigger, data, at, by) in enumerate(rest, start=1):
            event = pathway.fire(trigger, at=at, by=by, **data)
            edge = Step(event.trigger, event.source, event.dest)
            if todo and edge == todo[0]:
                del todo[0]
            elif event.source != event.dest:
                why = f"expected {todo[0] if todo else 'no more steps'}, not {edge}"
                raise PathwayDataError([(f"$[{index}]", why)])
        if todo:
            raise PathwayDataError([("$", f"the path's step {todo[0]} was not taken")])
        return pathway


def _draw_step(
    draw: Callable[[Any], Any], pathway: Pathway[Any, Any], trigger: str
) -> StepData | None:
    """Date, actor and data for *trigger* that *pathway* accepts, or ``None`` after
    :data:`TRIES` draws."""
    definition = pathway.definition
    roles = sorted(definition.transition(trigger).roles)
    for _ in range(TRIES):
        when = pathway.history[-1].at + timedelta(days=draw(_DAYS))
        who = draw(actors(roles))
        what = dict(draw(payloads(definition, trigger)))
        if pathway.check(trigger, at=when, by=who, **what):
            return trigger, what, when, who
    return None


def _staying(definition: ProcessDefinition[Any, Any], state: str) -> list[str]:
    """The triggers that record an event in *state* and stay there."""
    return sorted(t for t, source, dest in definition.edges if source == state == dest)


def _out_edges(definition: ProcessDefinition[Any, Any]) -> dict[str, list[Step]]:
    """The edges leaving each state, in declaration order of the triggers."""
    order = {name: i for i, name in enumerate(definition.triggers)}
    found: dict[str, list[Step]] = {}
    for trigger, source, dest in sorted(
        definition.edges, key=lambda e: (order[e[0]], e[1] or "", e[2])
    ):
        if source is not None:
            found.setdefault(source, []).append(Step(trigger, source, dest))
    return found


def _shortest(definition: ProcessDefinition[Any, Any]) -> dict[str, tuple[Step, ...]]:
    """The shortest path to every state, breadth first (ties go to the trigger declared first)."""
    initial = definition.initial
    first: tuple[Step, ...] = (Step(definition.start_spec.trigger, None, initial),)
    found = {initial: first}
    out = _out_edges(definition)
    todo = deque([initial])
    while todo:
        state = todo.popleft()
        for step in out.get(state, ()):
            if step.dest not in found:
                found[step.dest] = (*found[state], step)
                todo.append(step.dest)
    return found


def _simple(definition: ProcessDefinition[Any, Any], max_length: int) -> Iterator[tuple[Step, ...]]:
    """Every path that visits no state twice, up to *max_length* steps, depth first."""
    out = _out_edges(definition)
    start: tuple[Step, ...] = (Step(definition.start_spec.trigger, None, definition.initial),)
    todo = [start]
    while todo:
        path = todo.pop()
        yield path
        if len(path) >= max_length:
            continue
        seen = {step.dest for step in path}
        todo.extend(
            (*path, step) for step in reversed(out.get(path[-1].dest, ())) if step.dest not in seen
        )


def paths(
    definition: ProcessDefinition[Any, Any],
    *,
    kind: PathKind = "shortest",
    max_length: int | None = None,
) -> Iterator[Path]:
    """Model-based paths through *definition*'s declared edges, each from its start trigger.

    ``"shortest"``: the shortest path to every state. ``"edges"``: a path for every
    edge (the shortest path to its source, then the edge), leaving out paths that
    another one continues. ``"simple"``: every path that visits no state twice. Paths
    longer than *max_length* steps (the start included) are left out. Draw data for a
    path with :meth:`Path.strategy` and run it with :meth:`Path.play`.

    Raises:
        PathwayDataError: *definition*, *kind* or *max_length* is not valid.
    """
    require(definition, ProcessDefinition, "definition")
    if kind not in ("shortest", "edges", "simple"):
        why = f"expected 'shortest', 'edges' or 'simple', got {kind!r}"
        raise PathwayDataError([("kind", why)])
    if max_length is not None and (type(max_length) is not int or max_length < 1):
        raise PathwayDataError([("max_length", f"expected a positive int, got {max_length!r}")])
    return _found(definition, kind, max_length)


def _found(
    definition: ProcessDefinition[Any, Any], kind: PathKind, max_length: int | None
) -> Iterator[Path]:
    """The paths of *kind*, once the arguments are checked."""
    limit = max_length if max_length is not None else len(definition.states) + 1
    if kind == "simple":
        for steps in _simple(definition, limit):
            yield Path(definition, steps)
        return
    shortest = _shortest(definition)
    if kind == "shortest":
        found = [shortest[state] for state in definition.states if state in shortest]
    else:
        start = shortest[definition.initial]
        by_edge = [
            (*shortest[step.source], step)
            for steps in _out_edges(definition).values()
            for step in steps
            if step.source is not None
        ]
        # A path that another one continues covers nothing of its own.
        found = [
            path
            for path in [start, *by_edge]
            if not any(len(other) > len(path) and other[: len(path)] == path for other in by_edge)
        ]
    for steps in dict.fromkeys(found):
        if len(steps) <= limit:
            yield Path(definition, steps)
