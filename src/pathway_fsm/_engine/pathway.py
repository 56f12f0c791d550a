"""A client's run through a process, and the hooks a host attaches to it.

Firing a trigger is all-or-nothing: every check runs first (the source state, the role,
the date order, the expected sequence number and the definition's guards, evaluated
once), then the shared ``transitions`` machine moves a short-lived carrier and runs the
host's before-hooks. Only when all pass are state, context and history replaced, in
that order, by plain assignments that cannot fail. After-hooks run last, on the
committed pathway.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

import attrs

from .._convert import structure
from ..errors import DataProblem, DefinitionError, HookFailed, PathwayDataError, TransitionRefused
from .definition import ProcessDefinition, Proposal, TransitionSpec
from .model import Actor, Deadline, Event, Reason, ReasonKind, Text, Verdict

__all__ = ["AfterHook", "BeforeHook", "Hooks", "Pathway", "engine_reasons"]

BeforeHook = Callable[["Pathway", Event], "Reason | Iterable[Reason] | None"]
"""Called with the unchanged pathway and the proposed event; return reasons to veto."""

AfterHook = Callable[["Pathway", Event], object]
"""Called with the committed pathway and the recorded event; its return value is ignored."""

WRONG_STATE = ReasonKind(
    "pathway.wrong_state",
    Text(
        fi="Toimintoa '{trigger}' ei voi tehdä vaiheessa '{state}'.",
        sv="Åtgärden '{trigger}' kan inte utföras i skedet '{state}'.",
        en="'{trigger}' cannot be done in state '{state}'.",
    ),
)
ROLE_NOT_ALLOWED = ReasonKind(
    "pathway.role_not_allowed",
    Text(
        fi="Toimijalla {role} ei ole oikeutta toimintoon '{trigger}' (sallitut: {allowed}).",
        sv="Aktören {role} får inte utföra '{trigger}' (tillåtna: {allowed}).",
        en="The {role} may not do '{trigger}' (allowed: {allowed}).",
    ),
)
DATE_BEFORE_LAST = ReasonKind(
    "pathway.date_before_last_event",
    Text(
        fi="Päivämäärä {at} on aiempi kuin edellisen tapahtuman päivämäärä {last}.",
        sv="Datumet {at} är tidigare än föregående händelses datum {last}.",
        en="The date {at} is before the previous event's date {last}.",
    ),
)
STALE_SEQUENCE = ReasonKind(
    "pathway.stale_sequence",
    Text(
        fi="Polku on muuttunut: odotettiin tapahtumaa {expected}, viimeisin on {actual}.",
        sv="Vägen har ändrats: händelse {expected} väntades, den senaste är {actual}.",
        en="The pathway has moved on: expected event {expected}, the latest is {actual}.",
    ),
)

engine_reasons: tuple[ReasonKind, ...] = (
    WRONG_STATE,
    ROLE_NOT_ALLOWED,
    DATE_BEFORE_LAST,
    STALE_SEQUENCE,
)
"""Reason kinds the engine itself produces, for every definition."""


@attrs.frozen
class Hooks:
    """Host callbacks for a pathway's triggers, registered per pathway, never globally.

    Build them by chaining; each call returns a new :class:`Hooks`:

        hooks = Hooks().before(check_meeting_booked, trigger="make_plan").after(notify)

    A before-hook may veto by returning a :class:`Reason` (or several); an exception it
    raises propagates unchanged. Either way nothing changes. After-hooks run once the
    event is recorded; if any raise, the rest still run and :class:`HookFailed` is raised
    with the recorded event, which stands. ``trigger=None`` means every trigger. Hooks
    are not run for the start event nor during replay.
    """

    _before: tuple[tuple[str | None, BeforeHook], ...] = ()
    _after: tuple[tuple[str | None, AfterHook], ...] = ()

    def before(self, hook: BeforeHook, *, trigger: str | None = None) -> Hooks:
        """Return hooks that also call *hook* before *trigger* (or every trigger)."""
        return attrs.evolve(self, before=(*self._before, (trigger, hook)))

    def after(self, hook: AfterHook, *, trigger: str | None = None) -> Hooks:
        """Return hooks that also call *hook* after *trigger* (or every trigger)."""
        return attrs.evolve(self, after=(*self._after, (trigger, hook)))

    def triggers(self) -> set[str]:
        """The trigger names the hooks are registered for."""
        return {t for t, _ in (*self._before, *self._after) if t is not None}

    def before_hooks(self, trigger: str) -> tuple[BeforeHook, ...]:
        """The before-hooks for *trigger*, in registration order."""
        return tuple(h for t, h in self._before if t is None or t == trigger)

    def after_hooks(self, trigger: str) -> tuple[AfterHook, ...]:
        """The after-hooks for *trigger*, in registration order."""
        return tuple(h for t, h in self._after if t is None or t == trigger)


_NO_HOOKS = Hooks()


class _Vetoed(Exception):
    def __init__(self, reasons: tuple[Reason, ...]) -> None:
        self.reasons = reasons


def _as_reasons(result: Reason | Iterable[Reason] | None) -> tuple[Reason, ...]:
    if result is None:
        return ()
    if isinstance(result, Reason):
        return (result,)
    return tuple(result)


class _Carrier:
    """The one-shot object the shared machine moves: never outlives a ``fire`` call.

    The engine evaluates the verdict before it calls the machine (a refusal never needs
    the machine); the machine's condition reads that verdict, so guards run once.
    """

    __slots__ = ("_hooks", "_pathway", "event", "spec", "state", "verdict")

    def __init__(
        self, pathway: Pathway, spec: TransitionSpec, verdict: Verdict, event: Event, hooks: bool
    ) -> None:
        self._pathway = pathway
        self._hooks = hooks
        self.spec = spec
        self.event = event
        self.state = pathway.state
        self.verdict = verdict

    def allowed(self) -> bool:
        return self.verdict.allowed

    def before(self) -> None:
        if not self._hooks:
            return
        pathway = self._pathway
        vetoes: list[Reason] = []
        for hook in pathway.hooks.before_hooks(self.spec.trigger):
            vetoes.extend(_as_reasons(hook(pathway, self.event)))
        if vetoes:
            raise _Vetoed(tuple(vetoes))


def _evaluate(
    spec: TransitionSpec,
    proposal: Proposal,
    expected_seq: int | None,
    declared: frozenset[str],
) -> Verdict:
    """Every check of one proposed transition; the single evaluation fire and check share.

    *declared* is the set of reason codes the trigger declares (cached per definition).
    """
    reasons: list[Reason] = []
    state, history = proposal.state, proposal.history
    valid_source = state in spec.sources if spec.sources else state is None
    if not valid_source:
        reasons.append(WRONG_STATE(trigger=spec.trigger, state=state))
    if proposal.actor.role not in spec.roles:
        reasons.append(
            ROLE_NOT_ALLOWED(role=proposal.actor.role, trigger=spec.trigger, allowed=spec.roles)
        )
    if history and proposal.at < history[-1].at:
        reasons.append(DATE_BEFORE_LAST(at=proposal.at, last=history[-1].at))
    if expected_seq is not None and expected_seq != len(history):
        reasons.append(STALE_SEQUENCE(expected=expected_seq, actual=len(history)))
    if not valid_source:
        return Verdict(tuple(reasons))
    notes: list[Reason] = []
    for guard in spec.guards:
        reasons.extend(guard(proposal))
    for note in spec.notes:
        notes.extend(note(proposal))
    if reasons or notes:
        undeclared = [
            r.code
            for r in (*reasons, *notes)
            if r.code not in declared and r.kind not in engine_reasons
        ]
        if undeclared:
            msg = f"trigger {spec.trigger!r} produced undeclared reason code(s) {undeclared}"
            raise DefinitionError(spec.trigger, [msg])
        return Verdict(tuple(reasons), tuple(notes))
    return _ALLOWED


_ALLOWED = Verdict()


def _check_date(at: object, path: str = "$.at") -> list[DataProblem]:
    if not isinstance(at, date) or isinstance(at, datetime):
        return [(path, f"expected a datetime.date, got {type(at).__name__}")]
    return []


def _check_common(at: object, by: object, expected_seq: object) -> list[DataProblem]:
    problems = _check_date(at)
    if not isinstance(by, Actor):
        problems.append(("$.by", f"expected an Actor, got {type(by).__name__}"))
    if expected_seq is not None and (type(expected_seq) is not int or expected_seq < 0):
        problems.append(("$.expected_seq", "expected a non-negative integer"))
    return problems


def _payload(spec: TransitionSpec, data: Mapping[str, Any], at: date, path: str) -> Any:
    """Convert a trigger's keyword data to its payload type, checking every field."""
    if spec.payload is None:
        if data:
            raise PathwayDataError([(f"{path}.{k}", "unexpected field") for k in sorted(data)])
        return None
    payload = structure(dict(data), spec.payload, path)
    if spec.check_data is not None:
        problems = [(f"{path}.{field}", why) for field, why in spec.check_data(payload, at)]
        if problems:
            raise PathwayDataError(problems)
    return payload


def _check_hook_triggers(definition: ProcessDefinition, hooks: Hooks) -> None:
    if hooks is _NO_HOOKS:
        return
    for trigger in sorted(hooks.triggers()):
        definition.transition(trigger)  # raises UnknownTrigger naming the valid ones


@attrs.define(repr=False)
class Pathway:
    """One client's run through one process definition.

    Create it with ``definition.start(...)``, :func:`~pathway_fsm.from_dict` or
    :func:`~pathway_fsm.replay`. It is mutable only through :meth:`fire`; two pathways
    are equal when definition, client, state, context and history are equal (hooks are
    not compared).
    """

    _definition: ProcessDefinition
    _client_id: str
    _state: str
    _context: Any
    _history: tuple[Event, ...]
    _hooks: Hooks = attrs.field(default=_NO_HOOKS, eq=False)

    @property
    def definition(self) -> ProcessDefinition:
        """The process this pathway runs through."""
        return self._definition

    @property
    def client_id(self) -> str:
        """The host's opaque id for the client."""
        return self._client_id

    @property
    def state(self) -> str:
        """The current state's name."""
        return self._state

    @property
    def context(self) -> Any:
        """The process-specific facts derived from the history (an attrs value)."""
        return self._context

    @property
    def history(self) -> tuple[Event, ...]:
        """Every accepted event, oldest first; ``history[i].seq == i + 1``."""
        return self._history

    @property
    def seq(self) -> int:
        """The sequence number of the latest event (to pass as ``expected_seq``)."""
        return len(self._history)

    @property
    def hooks(self) -> Hooks:
        """The host's hooks for this pathway."""
        return self._hooks

    def __repr__(self) -> str:
        return (
            f"Pathway({self._definition.name!r}, client_id={self._client_id!r}, "
            f"state={self._state!r}, events={len(self._history)})"
        )

    @classmethod
    def begin(
        cls,
        definition: ProcessDefinition,
        client_id: str,
        *,
        at: date,
        by: Actor,
        hooks: Hooks | None,
        data: Mapping[str, Any],
    ) -> Pathway:
        """Start a pathway (see :meth:`ProcessDefinition.start`)."""
        problems = _check_common(at, by, None)
        given: object = client_id  # hosts may pass anything; check before trusting the type
        if not isinstance(given, str) or not given.strip():
            problems.insert(0, ("$.client_id", "expected a non-empty string"))
        if problems:
            raise PathwayDataError(problems)
        spec = definition._start_spec
        payload = _payload(spec, data, at, "$.data")
        return cls._begin(definition, client_id, spec, at, by, payload, hooks or _NO_HOOKS)

    @classmethod
    def _begin(
        cls,
        definition: ProcessDefinition,
        client_id: str,
        spec: TransitionSpec,
        at: date,
        by: Actor,
        payload: Any,
        hooks: Hooks,
    ) -> Pathway:
        _check_hook_triggers(definition, hooks)
        context = definition.context_factory()
        proposal = Proposal(spec.trigger, None, context, payload, at, by, ())
        verdict = _evaluate(spec, proposal, None, definition._declared[spec.trigger])
        if not verdict:
            raise TransitionRefused(spec.trigger, None, verdict.reasons)
        initial = spec.dest_from(None)
        event = Event(1, spec.trigger, None, initial, at, by, payload)
        if spec.apply is not None:
            context = spec.apply(context, event)
        return cls(definition, client_id, initial, context, (event,), hooks)

    def _propose(self, trigger: str, at: date, by: Actor, payload: Any) -> Proposal:
        return Proposal(trigger, self._state, self._context, payload, at, by, self._history)

    def check(
        self, trigger: str, *, at: date, by: Actor, expected_seq: int | None = None, **data: Any
    ) -> Verdict:
        """Evaluate *trigger* exactly as :meth:`fire` would, without changing anything.

        Host hooks are not called. Raises :class:`UnknownTrigger` or
        :class:`PathwayDataError` for malformed input, like :meth:`fire`.
        """
        spec = self._definition.transition(trigger)
        problems = _check_common(at, by, expected_seq)
        if problems:
            raise PathwayDataError(problems)
        payload = _payload(spec, data, at, "$.data")
        declared = self._definition._declared[trigger]
        return _evaluate(spec, self._propose(trigger, at, by, payload), expected_seq, declared)

    def fire(
        self, trigger: str, *, at: date, by: Actor, expected_seq: int | None = None, **data: Any
    ) -> Event:
        """Apply *trigger* on *at* by *by* with the trigger's *data*, and return the event.

        With *expected_seq*, the trigger is refused unless the pathway's latest event
        still has that sequence number (optimistic concurrency).

        Raises:
            UnknownTrigger: the definition has no such trigger.
            PathwayDataError: *at*, *by*, *expected_seq* or *data* is malformed.
            TransitionRefused: a rule, the role, the date order, the sequence number or a
                before-hook refused; nothing changed.
            HookFailed: an after-hook raised; the event was recorded and stands.
        """
        spec = self._definition.transition(trigger)
        problems = _check_common(at, by, expected_seq)
        if problems:
            raise PathwayDataError(problems)
        payload = _payload(spec, data, at, "$.data")
        return self._accept(spec, at, by, payload, expected_seq, run_hooks=True)

    def _accept(
        self,
        spec: TransitionSpec,
        at: date,
        by: Actor,
        payload: Any,
        expected_seq: int | None,
        *,
        run_hooks: bool,
    ) -> Event:
        state, history = self._state, self._history
        definition = self._definition
        proposal = Proposal(spec.trigger, state, self._context, payload, at, by, history)
        # Every check runs before the machine is called, so a refusal (a source the
        # trigger does not leave from, the role, the date order, the sequence number or
        # a guard) never needs it; the machine's condition reads the same verdict.
        verdict = _evaluate(spec, proposal, expected_seq, definition._declared[spec.trigger])
        if not verdict:
            raise TransitionRefused(spec.trigger, state, verdict.reasons)
        event = Event(
            len(history) + 1,
            spec.trigger,
            state,
            state if spec.dest is None else spec.dest,
            at,
            by,
            payload,
        )
        carrier = _Carrier(self, spec, verdict, event, run_hooks and bool(self._hooks._before))
        try:
            moved = definition._compiled.fire(spec.trigger, carrier)
        except _Vetoed as veto:
            raise TransitionRefused(spec.trigger, state, veto.reasons) from None
        assert moved  # the condition reads the verdict, which allowed the move
        assert carrier.state == event.dest
        context = spec.apply(self._context, event) if spec.apply is not None else self._context
        self._state = event.dest
        self._context = context
        self._history = (*history, event)
        if run_hooks and self._hooks._after:
            self._run_after(event)
        return event

    def _run_after(self, event: Event) -> None:
        errors: list[BaseException] = []
        for hook in self._hooks.after_hooks(event.trigger):
            try:
                hook(self, event)
            except Exception as exc:  # collected and re-raised as HookFailed
                errors.append(exc)
        if errors:
            raise HookFailed(event, errors) from errors[0]

    def available(self, *, at: date, by: Actor) -> tuple[str, ...]:
        """Triggers that leave the current state and that *by*'s role may fire.

        Data guards are not evaluated here; use :meth:`check` for a full verdict.
        """
        problems = _check_common(at, by, None)
        if problems:
            raise PathwayDataError(problems)
        return tuple(
            spec.trigger
            for spec in self._definition.transition_specs
            if self._state in spec.sources and by.role in spec.roles
        )

    def deadlines(self, *, at: date) -> tuple[Deadline, ...]:
        """What is due in the current state, and whether it is overdue on *at*; by due date."""
        problems = _check_date(at)
        if problems:
            raise PathwayDataError(problems)
        found = self._definition.deadline_rule(self._state, self._context, at)
        return tuple(sorted(found, key=lambda d: (d.due, d.code)))
