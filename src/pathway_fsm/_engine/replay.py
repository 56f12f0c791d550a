"""Restoring a pathway from its stored events, without the shared machine.

A replay runs no hook, so the events need not go through the ``transitions`` machine:
each is entered through the checks of the live API (:func:`call_problems`,
:func:`payload_of`, the role, the source, the date order and every guard), and when
none of them has anything to say, the stored event itself is recorded. Anything they
say is judged in full by :meth:`Pathway._replayed` or the machine's own way, which the
differential tests compare against.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from .._calendar import FIRST_DAY, LAST_DAY
from ..errors import PathwayDataError, TransitionRefused
from .checks import OBSERVERS, call_problems, payload_of
from .hooks import Hooks
from .model import Actor, Event, History
from .spec import C, P, Proposal, TransitionSpec

if TYPE_CHECKING:
    from .definition import ProcessDefinition
    from .pathway import Pathway

__all__ = ["entered", "quiet", "refusal", "replay_rest", "replay_start", "same"]


def replay_start(
    make: type[Pathway[C, P]],
    definition: ProcessDefinition[C, P],
    client_id: str,
    first: Event,
    payload: Any,
    hooks: Hooks,
    refusals: list[tuple[int, TransitionRefused]] | None,
    context: C | None = None,
) -> Pathway[C, P]:
    """The pathway the stored start event *first* begins, recorded as ``start`` would.

    Given the initial *context* (a replay of a document that nothing observes), *first*
    itself is recorded on it when it is the very event :meth:`Pathway._begin` would
    record and its role, guards and notes say nothing.
    """
    start = definition._start_spec
    initial = start.dest
    if (
        context is not None
        and type(first) is Event
        and first.seq == 1
        and first.trigger is start.trigger
        and first.source is None
        and first.dest is initial
        and first.data is payload
        and first.actor.role in start.roles
    ):
        quiet_rules = True
        if start.guards or start.notes:
            proposal = Proposal(start.trigger, None, context, payload, first.at, first.actor,
                                (), policy=definition.policy)  # fmt: skip
            quiet_rules = quiet(start.guards, proposal) and quiet(start.notes, proposal)
        if quiet_rules:
            after = start.apply(context, first) if start.apply is not None else context
            assert initial is not None
            return make(definition, client_id, initial, after, [first], 1, hooks)
    at, by, recorded_by, ref = first.at, first.actor, first.recorded_by, first.ref
    try:
        pathway = make._begin(definition, client_id, start, at, by, payload, hooks,
                             recorded_by, ref, run_hooks=False)  # fmt: skip
    except TransitionRefused as exc:
        if refusals is None:
            raise PathwayDataError([("$.history[0]", refusal(exc))]) from None
        refusals.append((0, exc))
        pathway = make._begin(definition, client_id, start, at, by, payload, hooks,
                             recorded_by, ref, run_hooks=False, checked=False)  # fmt: skip
    same(pathway._log[0], first, 0)
    return pathway


def replay_rest(
    pathway: Pathway[Any, Any],
    events: Iterable[object],
    *,
    typed: bool,
    refusals: list[tuple[int, TransitionRefused]] | None,
    through_machine: bool,
) -> None:
    """Enter the stored *events* after the start, as :meth:`Pathway._replay` says.

    An event read from a document that :func:`entered` and :meth:`Pathway._replayed` would
    take at once (a plain date and actor, no audit metadata, the edge the pathway is
    on, its data check, guards and notes silent) is recorded here without them.
    """
    definition = pathway._definition
    by_trigger, policy, log = definition._by_trigger, definition.policy, pathway._log
    inline = typed and not through_machine and not OBSERVERS
    for index, event in enumerate(events, start=1):
        if not isinstance(event, Event):
            raise PathwayDataError([(f"$.history[{index}]", "expected an Event")])
        try:
            spec = by_trigger[event.trigger]
        except (KeyError, TypeError):
            why = [(f"$.history[{index}].trigger", "unknown trigger")]
            raise PathwayDataError(why) from None
        if not spec.sources:
            why = [(f"$.history[{index}].trigger", "the start trigger comes first only")]
            raise PathwayDataError(why)
        state, seq, at, actor, data = (
            pathway._state,
            pathway._seq,
            event.at,
            event.actor,
            event.data,
        )
        if (
            inline
            and type(event) is Event
            and type(at) is date
            and type(actor) is Actor
            and event.seq == seq + 1
            and event.trigger is spec.trigger
            and event.source is state
            and event.dest is (state if spec.dest is None else spec.dest)
            and event.recorded_by is None
            and event.ref is None
            and (spec.payload is not None or data is None)
            and FIRST_DAY <= at <= LAST_DAY
            and state in spec.sources
            and actor.role in spec.roles
            and not at < log[seq - 1].at
        ):
            silent = spec.check_data is None or quiet((spec.check_data,), data, at)
            if silent and (spec.guards or spec.notes):
                history = History(log, seq)
                proposal = Proposal(spec.trigger, state, pathway._context, data, at, actor,
                                    history, policy=policy)  # fmt: skip
                silent = quiet(spec.guards, proposal) and quiet(spec.notes, proposal)
            if silent:
                context = pathway._context
                after = spec.apply(context, event) if spec.apply is not None else context
                log.append(event)
                pathway._seq, pathway._state, pathway._context = seq + 1, event.dest, after
                continue
        payload = entered(spec, event, index, typed=typed, plain=not through_machine)
        try:
            if through_machine:
                made = pathway._accept(
                    spec, event.at, event.actor, payload, None, (), event.recorded_by, event.ref
                )
            else:
                made = pathway._replayed(spec, event, payload)
        except TransitionRefused as exc:
            if refusals is None:
                raise PathwayDataError([(f"$.history[{index}]", refusal(exc))]) from None
            refusals.append((index, exc))
            made = pathway._replayed(spec, event, payload, checked=False)
        if made is not event:
            same(made, event, index)
    log = pathway._log
    if len(log) > 1:  # appended to: drop the list's spare room, as the pathway is kept idle
        pathway._log = log[:]


def entered(
    spec: TransitionSpec, event: Event, index: int, *, typed: bool, plain: bool = True
) -> Any:
    """A stored *event*'s payload after the live checks of its date, actor and data.

    A typed event with a plain date, an actor, no audit metadata and data its data check
    passes has nothing to report, and its payload is returned at once; unless not
    *plain* (the machine's way, the reference), which makes the calls below every time.
    """
    at, data = event.at, event.data
    if (
        plain
        and typed
        and type(at) is date
        and FIRST_DAY <= at <= LAST_DAY
        and type(event.actor) is Actor
        and event.recorded_by is None
        and event.ref is None
    ):
        if spec.payload is None:
            if data is None:
                return None
        elif spec.check_data is None or not any(True for _ in spec.check_data(data, at)):
            return data
    where = f"$.history[{index}]"
    problems = call_problems(
        event.at, event.actor, None, event.recorded_by, event.ref, prefix=where, actor="actor"
    )
    if problems:
        raise PathwayDataError(problems)
    return payload_of(spec, event.data, event.at, f"{where}.data", typed=typed)


def quiet(checks: tuple[Callable[..., Iterable[object]], ...], *given: object) -> bool:
    """Whether every guard, note or data check in *checks* has nothing to say of *given*."""
    for check in checks:
        for _ in check(*given):
            return False
    return True


def refusal(exc: TransitionRefused) -> str:
    return "refused on replay: " + ", ".join(r.code for r in exc.reasons)


def same(made: Event, given: Event, index: int) -> None:
    if made != given:
        names = ("seq", "source", "dest", "recorded_by", "ref")
        fields = [f for f in names if getattr(made, f) != getattr(given, f)]
        what = ", ".join(fields) or "event"
        raise PathwayDataError([(f"$.history[{index}]", f"does not replay: {what} differs")])
