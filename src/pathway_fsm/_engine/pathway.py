"""A client's run through a process, and the hooks a host attaches to it.

Firing a trigger is all-or-nothing: every check runs first (the call, the trigger's
data, the source state, the role, the date order, the expected sequence number and the
definition's guards, evaluated once), then the shared ``transitions`` machine moves a
short-lived carrier and runs the host's before-hooks. Only when all pass is the event
committed, by a compare-and-set on the history's length that cannot fail halfway.
After-hooks run last, on the committed pathway. Restoring a pathway enters every stored
event through the same checks (:func:`payload_of`, :func:`call_problems`).
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Generic

import attrs

from .._calendar import day_problem
from .._problems import explained
from ..errors import (
    HookFailed,
    PathwayDataError,
    ReentrantFire,
    TransitionRefused,
    field_name,
    hook_name,
)
from .actions import Action, fields_of
from .checks import (
    INVALID_DATA,
    OBSERVERS,
    REF_MAX,
    STALE_SEQUENCE,
    Observer,
    call_problems,
    client_problems,
    data_free_reasons,
    engine_reasons,
    given,
    judge,
    judge_call,
    meta_problems,
    payload_of,
    start_problems,
)
from .hooks import (
    NO_HOOKS,
    AfterHook,
    BeforeHook,
    Hooks,
    RefusedHook,
    Vetoed,
    check_hooks,
    vetoes,
)
from .model import Actor, Deadline, Event, History, Reason, Verdict
from .replay import entered, quiet, replay_rest, replay_start
from .spec import C, P, Proposal, TransitionSpec

if TYPE_CHECKING:
    from .definition import ProcessDefinition

__all__ = [
    "OBSERVERS",
    "REF_MAX",
    "AfterHook",
    "BeforeHook",
    "Hooks",
    "Observer",
    "Pathway",
    "RefusedHook",
    "call_problems",
    "check_hooks",
    "engine_reasons",
    "given",
    "meta_problems",
    "payload_of",
    "replay_events",
]

LOGGER = logging.getLogger("pathway_fsm")
"""The library's logger: accepted events at DEBUG, refusals at INFO, hook errors at WARNING.

Only a ``NullHandler`` is attached; the host decides where records go.
"""

# One lock guards every pathway's commit: reading a consistent (state, context, history
# length) and swapping in the next one. It is held for a few assignments and never while a
# guard, a reducer or a hook runs, so it costs the same with one thread or many.
_COMMIT = threading.Lock()
# Per thread: the pathways whose hooks are running, by id, with the trigger being fired.
_RUNNING = threading.local()


def _running() -> dict[int, str]:
    found: dict[int, str] | None = getattr(_RUNNING, "pathways", None)
    if found is None:
        found = _RUNNING.pathways = {}
    return found


# The initial context of a shipped context class, made once per class: a start of such a
# definition shares it, as it can only be replaced, never changed (see shareable()).
_INITIAL: dict[object, Any] = {}
_PLAIN = (type(None), bool, int, float, str, bytes, date, enum.Enum)


def immutable(value: object) -> bool:
    """Whether *value* can never change: a plain value or enum member, a tuple or
    frozenset of such, or a frozen attrs value whose every field is one."""
    if isinstance(value, _PLAIN):
        return True
    if isinstance(value, tuple | frozenset) and type(value) in (tuple, frozenset):
        return all(immutable(item) for item in value)
    cls = type(value)
    if not attrs.has(cls):
        return False
    try:
        object.__getattribute__(value, "__setattr__")("_pathway_probe", None)
    except attrs.exceptions.FrozenInstanceError:
        return all(immutable(getattr(value, f.name)) for f in attrs.fields(cls))
    except AttributeError:  # slotted and not frozen
        return False
    return False  # not frozen: the probe was set


def shareable(factory: object) -> Any:
    """A fresh value of *factory* for sharing, or ``None``: only a shipped attrs class
    whose values are immutable and equal each time (made twice to show it) qualifies."""
    if not isinstance(factory, type) or not factory.__module__.startswith("pathway_fsm."):
        return None
    if not attrs.has(factory):
        return None
    first, probe = factory(), factory()
    if type(first) is factory and first == probe and immutable(probe) and immutable(first):
        return first
    return None


def initial_context(definition: ProcessDefinition[Any, Any]) -> Any:
    """The context a pathway of *definition* starts from: the factory's, or the shared
    one of a shipped immutable context class."""
    factory = definition.context_factory
    try:
        return _INITIAL[factory]
    except KeyError:
        pass
    except TypeError:  # an unhashable host callable
        return factory()
    shared = shareable(factory)
    if shared is None:
        return factory()
    return _INITIAL.setdefault(factory, shared)


class _Carrier:
    """The one-shot object the shared machine moves: never outlives a ``fire`` call.

    The engine evaluates the verdict before it calls the machine (a refusal never needs
    the machine); the machine's condition reads that verdict, so guards run once.
    """

    __slots__ = ("_hooks", "_pathway", "event", "spec", "state", "verdict")

    def __init__(
        self,
        pathway: Pathway[Any, Any],
        state: str,
        spec: TransitionSpec,
        verdict: Verdict,
        event: Event,
        hooks: tuple[BeforeHook, ...],
    ) -> None:
        self._pathway = pathway
        self._hooks = hooks
        self.spec = spec
        self.event = event
        self.state = state
        self.verdict = verdict

    def allowed(self) -> bool:
        return self.verdict.allowed

    def before(self) -> None:
        if not self._hooks:
            return
        found = vetoes(self._hooks, self._pathway, self.event)
        if found:
            raise Vetoed(tuple(found))


@attrs.define(repr=False, eq=False)
class Pathway(Generic[C, P]):
    """One client's run through one process definition.

    Create it with ``definition.start(...)``, :func:`~pathway_fsm.from_dict` or
    :func:`~pathway_fsm.replay`. It is mutable only through :meth:`fire`; two pathways
    are equal when definition, client, state, context and history are equal (hooks are
    not compared). Threads may fire on one pathway: each accepted event gets its own
    sequence number and none is lost (see the design notes).
    """

    _definition: ProcessDefinition[C, P]
    _client_id: str
    _state: str
    _context: C
    # The events; the first _seq of them are this pathway's (the list may be shared with
    # a copy of the pathway, which then copies it before appending: see _commit).
    _log: list[Event]
    _seq: int
    _hooks: Hooks = NO_HOOKS

    __hash__ = None  # type: ignore[assignment]  # mutable, so unhashable, like attrs' eq

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Pathway):
            return NotImplemented
        mine, theirs = self.snapshot(), other.snapshot()
        return (
            self._definition == other._definition
            and self._client_id == other._client_id
            and mine == theirs
        )

    @property
    def definition(self) -> ProcessDefinition[C, P]:
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
    def context(self) -> C:
        """The process-specific facts derived from the history (an attrs value)."""
        return self._context

    @property
    def history(self) -> History:
        """Every accepted event, oldest first; ``history[i].seq == i + 1``."""
        # The length first: a commit grows (or replaces) the list before it counts the
        # event, so the list read second always holds at least that many events.
        seq = self._seq
        return History(self._log, seq)

    @property
    def seq(self) -> int:
        """The sequence number of the latest event (to pass as ``expected_seq``)."""
        return self._seq

    @property
    def hooks(self) -> Hooks:
        """The host's hooks for this pathway."""
        return self._hooks

    def with_hooks(self, hooks: Hooks | None) -> Pathway[C, P]:
        """A copy of this pathway, as of now, that runs *hooks* (``None``: no hooks).

        The copy shares the history recorded so far; from then on the two are separate
        pathways, so fire on the copy and let the original go. Nothing is run or
        recorded. Binding hooks to the definition (``definition.with_hooks``) is the
        usual way; this is for the one pathway that needs others.

        Raises:
            PathwayDataError: *hooks* is not :class:`Hooks` or ``None``.
            UnknownTrigger: a hook names a trigger the definition does not have.
        """
        chosen = check_hooks(self._definition, hooks)
        state, context, log, seq = self._snapshot()
        return Pathway(self._definition, self._client_id, state, context, log, seq, chosen)

    def __repr__(self) -> str:
        return (
            f"Pathway({self._definition.name!r}, client_id={self._client_id!r}, "
            f"state={self._state!r}, events={self._seq})"
        )

    @classmethod
    def begin(
        cls,
        definition: ProcessDefinition[C, P],
        client_id: str,
        *,
        at: date,
        by: Actor,
        hooks: Hooks | None,
        data: object,
        recorded_by: Actor | None = None,
        ref: str | None = None,
    ) -> Pathway[C, P]:
        """Start a pathway (see :meth:`ProcessDefinition.start`)."""
        problems = start_problems(client_id, hooks, at, by, recorded_by, ref)
        if problems:
            raise PathwayDataError(problems)
        spec = definition._start_spec
        payload = payload_of(spec, data, at, "$.data", typed=False)
        return cls._begin(
            definition, client_id, spec, at, by, payload, hooks, recorded_by, ref, run_hooks=True
        )

    @classmethod
    def _begin(
        cls,
        definition: ProcessDefinition[C, P],
        client_id: str,
        spec: TransitionSpec,
        at: date,
        by: Actor,
        payload: Any,
        hooks: object,
        recorded_by: Actor | None,
        ref: str | None,
        *,
        run_hooks: bool,
        checked: bool = True,
    ) -> Pathway[C, P]:
        """Record the start event; the caller has checked the call and the payload.

        With *run_hooks* (a live start, not a replay) the refusal is reported and the
        hooks run: see :meth:`_started`. Without *checked* (a migration's re-check of a
        start it has reported refused) the rules are not asked.
        """
        chosen = check_hooks(definition, hooks)
        context = initial_context(definition)
        proposed = (None, context, payload, at, by, ())
        verdict = judge_call(definition, spec, None, proposed) if checked else Verdict()
        if verdict.reasons:  # refused
            refusal = TransitionRefused(spec.trigger, None, verdict.reasons)
            if run_hooks:
                _report_refusal(None, definition, chosen, refusal)
            raise refusal
        initial = spec.dest_from(None)
        event = Event(1, spec.trigger, None, initial, at, by, payload, recorded_by, ref)
        if spec.apply is not None:
            context = spec.apply(context, event)
        pathway = cls(definition, client_id, initial, context, [event], 1, chosen)
        if run_hooks:
            pathway._started(event)
        for observer in OBSERVERS:
            observer.recorded(definition, event)
        return pathway

    def _started(self, event: Event) -> None:
        """Run the hooks of the start *event* on this new pathway, which no one else holds.

        There is no pathway before a start, so before-hooks see the one the start would
        make; a veto discards it and the refusal (reported with no pathway) is raised.
        """
        hooks = self._hooks
        if hooks is NO_HOOKS:
            _report_accepted(self._definition, event)
            return
        running = _running()
        key = id(self)
        running[key] = event.trigger
        try:
            found = vetoes(hooks.before_hooks(event.trigger), self, event)
            if found:
                refusal = TransitionRefused(event.trigger, None, tuple(found))
                _report_refusal(None, self._definition, hooks, refusal)
                raise refusal
            _report_accepted(self._definition, event)
            if hooks._after:
                self._run_after(event, started=True)
        finally:
            del running[key]

    @classmethod
    def _replay(
        cls,
        definition: ProcessDefinition[C, P],
        events: Iterable[object],
        client_id: object,
        hooks: object,
        *,
        typed: bool,
        refusals: list[tuple[int, TransitionRefused]] | None = None,
        through_machine: bool = False,
    ) -> Pathway[C, P]:
        """Rebuild a pathway from *events*, each entered through the checks of the live API.

        Every event's date, actor and data pass :func:`call_problems` and
        :func:`payload_of`, then the guards, exactly as in ``start`` and ``fire`` (D9); the
        result must reproduce the event. *typed* says the payloads were just converted
        from a stored document. Raises :class:`PathwayDataError` naming the event.

        Given a *refusals* list (a migration's re-check), an event the rules refuse is
        added to it with its index and recorded as stored, and the replay goes on.

        A replay runs no hook, so the events after the first skip the shared machine:
        :meth:`_replayed` makes every check :meth:`_accept` makes and takes the edge from
        the declaration the machine was compiled from. *through_machine* takes the
        machine's way instead: the reference the differential tests compare against.
        """
        problems = client_problems(client_id, hooks)
        if problems:
            raise PathwayDataError(problems)
        chosen = check_hooks(definition, hooks)
        items = iter(events)
        first = next(items, None)
        if first is None:
            raise PathwayDataError([("$.history", "expected a non-empty list of events")])
        start = definition._start_spec
        if not isinstance(first, Event) or first.trigger != start.trigger:
            raise PathwayDataError([("$.history[0].trigger", f"expected {start.trigger!r}")])
        payload = entered(start, first, 0, typed=typed, plain=not through_machine)
        assert isinstance(client_id, str)
        quick = typed and not through_machine and not OBSERVERS
        context = initial_context(definition) if quick else None
        pathway = replay_start(
            cls, definition, client_id, first, payload, chosen, refusals, context
        )
        replay_rest(pathway, items, typed=typed, refusals=refusals, through_machine=through_machine)
        return pathway

    def _replayed(
        self, spec: TransitionSpec, event: Event, payload: Any, *, checked: bool = True
    ) -> Event:
        """Enter one stored *event* on a pathway that only its replay holds yet.

        The same verdict as :meth:`_accept` (every rule, the role, the date order) and the
        same edge, without the machine: a replay has no before-hook for it to run. Only a
        migration's re-check records an event *unchecked*, after reporting its refusal,
        to report every refusal of a history rather than the first.

        When the source, the role and the date pass and no guard or note says anything,
        the verdict is the empty one :func:`judge` would give; anything else (or an
        observer to tell) is judged in full. The *event* itself is recorded when it is
        the very event the replay would make (same fields, the definition's own names).
        """
        definition = self._definition
        state, context, log, seq = self._state, self._context, self._log, self._seq
        if checked:
            at, actor = event.at, event.actor
            plain = (
                not OBSERVERS
                and state in spec.sources
                and actor.role in spec.roles
                and not (seq and at < log[seq - 1].at)
            )
            if not plain or spec.guards or spec.notes:
                proposal = Proposal(spec.trigger, state, context, payload, at, actor,
                                    History(log, seq), policy=definition.policy)  # fmt: skip
                if not (plain and quiet(spec.guards, proposal) and quiet(spec.notes, proposal)):
                    verdict = judge(definition, spec, proposal, None)
                    if not verdict:
                        raise TransitionRefused(spec.trigger, state, verdict.reasons)
        dest = state if spec.dest is None else spec.dest
        if (
            type(event) is Event
            and event.seq == seq + 1
            and event.trigger is spec.trigger
            and event.source is state
            and event.dest is dest
            and event.data is payload
        ):
            made = event  # what the line below would make, to the very objects
        else:
            made = Event(seq + 1, spec.trigger, state, dest, event.at,
                         event.actor, payload, event.recorded_by, event.ref)  # fmt: skip
        after = spec.apply(context, made) if spec.apply is not None else context
        log.append(made)
        self._seq, self._state, self._context = seq + 1, dest, after
        for observer in OBSERVERS:
            observer.recorded(definition, made)
        return made

    def _snapshot(self) -> tuple[str, Any, list[Event], int]:
        with _COMMIT:
            return self._state, self._context, self._log, self._seq

    def snapshot(self) -> tuple[str, Any, History]:
        """State, context and history read together, as of one moment.

        Reading the three properties one after another while another thread fires can
        mix two moments; this cannot.
        """
        state, context, log, seq = self._snapshot()
        return state, context, History(log, seq)

    def check(
        self,
        trigger: str,
        payload: object = None,
        /,
        *,
        at: date,
        by: Actor,
        expected_seq: int | None = None,
        recorded_by: Actor | None = None,
        ref: str | None = None,
        **data: Any,
    ) -> Verdict:
        """Evaluate *trigger* exactly as :meth:`fire` would, without changing anything.

        The data is keywords or one *payload* value, as for :meth:`fire`.

        Host hooks are not called and nothing is logged. Missing or malformed trigger
        data is part of the answer: one ``pathway.invalid_data`` reason per bad field
        (where :meth:`fire` raises :class:`PathwayDataError`). *recorded_by* and *ref*
        are checked as :meth:`fire` checks them, and never change the verdict. Raises
        :class:`UnknownTrigger`, or :class:`PathwayDataError` when *at*, *by*,
        *expected_seq*, *recorded_by* or *ref* is malformed.
        """
        spec = self._definition.transition(trigger)
        problems = call_problems(at, by, expected_seq, recorded_by, ref)
        if problems:
            raise PathwayDataError(problems)
        state, context, log, seq = self._snapshot()
        history = History(log, seq)
        try:
            payload = payload_of(spec, given(payload, data), at, "$.data", typed=False)
        except PathwayDataError as exc:
            if expected_seq is not None and expected_seq != seq:
                return Verdict((STALE_SEQUENCE(expected=expected_seq, actual=seq),))
            found = data_free_reasons(self._definition, spec, state, by, at, history)
            found.extend(
                INVALID_DATA(field=path, problem=why).labelled(problem=explained((path, why)))
                for path, why in exc.errors
            )
            return Verdict(tuple(found))
        proposed = (state, context, payload, at, by, history)
        return judge_call(self._definition, spec, expected_seq, proposed)

    def fire(
        self,
        trigger: str,
        payload: object = None,
        /,
        *,
        at: date,
        by: Actor,
        expected_seq: int | None = None,
        recorded_by: Actor | None = None,
        ref: str | None = None,
        **data: Any,
    ) -> Event:
        """Apply *trigger* on *at* by *by* with the trigger's *data*, and return the event.

        The data is keywords, or one *payload* value of the trigger's payload class
        (``fire("admit", typ.EntryFacts(...), at=..., by=...)``) so that a type checker
        sees its fields; either way it is converted and checked the same way.

        With *expected_seq*, the trigger is refused unless the pathway's latest event
        still has that sequence number (optimistic concurrency). Without it, a fire that
        another thread overtakes is evaluated again on the newer pathway. *recorded_by*
        (who entered the event for *by*) and *ref* (the host's reference, at most
        :data:`REF_MAX` characters) are recorded on the event and read by no rule.
        A refusal is logged and passed to the refused-hooks before it is raised.

        Raises:
            UnknownTrigger: the definition has no such trigger.
            PathwayDataError: *at*, *by*, *expected_seq*, *recorded_by*, *ref* or *data*
                is malformed.
            TransitionRefused: a rule, the role, the date order, the sequence number or a
                before-hook refused; nothing changed.
            HookError: a before-hook returned something other than reasons; nothing changed.
            ReentrantFire: called from one of this pathway's own hooks; nothing changed.
            HookFailed: an after-hook raised; the event was recorded and stands.
        """
        hooks = self._hooks
        key = id(self)
        # A fire from one of this pathway's own hooks is refused before anything else; a
        # pathway with no hooks of its own can still be mid-fire: a joined step
        # (journey.end_service) runs another pathway's hooks inside it.
        running = getattr(_RUNNING, "pathways", None)
        if running and key in running:
            raise ReentrantFire(field_name(trigger), running[key])
        spec = self._definition.transition(trigger)
        problems = call_problems(at, by, expected_seq, recorded_by, ref)
        if problems:
            raise PathwayDataError(problems)
        payload = payload_of(spec, given(payload, data), at, "$.data", typed=False)
        before: tuple[BeforeHook, ...] = ()
        marked = None  # the running pathways, once this one is marked in them
        if hooks is not NO_HOOKS:
            before = hooks.before_hooks(trigger)
            marked = _running()
            marked[key] = trigger
        try:
            try:
                event = self._accept(spec, at, by, payload, expected_seq, before, recorded_by, ref)
            except TransitionRefused as refusal:
                _report_refusal(self, self._definition, hooks, refusal)
                raise
            _report_accepted(self._definition, event)
            if hooks._after:
                self._run_after(event)
        finally:
            if marked is not None:
                del marked[key]
        return event

    def _accept(
        self,
        spec: TransitionSpec,
        at: date,
        by: Actor,
        payload: Any,
        expected_seq: int | None,
        before: tuple[BeforeHook, ...],
        recorded_by: Actor | None = None,
        ref: str | None = None,
    ) -> Event:
        """Evaluate, move the shared machine (running *before*) and commit, all or nothing.

        The commit is a compare-and-set on the history's length: if another thread has
        recorded an event since this one was evaluated, nothing is written, and the fire
        is refused as stale (with *expected_seq*) or evaluated again.
        """
        definition = self._definition
        while True:
            state, context, log, seq = self._snapshot()
            proposed = (state, context, payload, at, by, History(log, seq))
            # Every check runs before the machine is called, so a refusal (a source the
            # trigger does not leave from, the role, the date order, the sequence number
            # or a guard) never needs it; the machine's condition reads the same verdict.
            verdict = judge_call(definition, spec, expected_seq, proposed)
            if verdict.reasons:  # refused
                raise TransitionRefused(spec.trigger, state, verdict.reasons)
            dest = state if spec.dest is None else spec.dest
            event = Event(seq + 1, spec.trigger, state, dest, at, by, payload, recorded_by, ref)
            carrier = _Carrier(self, state, spec, verdict, event, before)
            try:
                moved = definition._compiled.fire(spec.trigger, carrier)
            except Vetoed as veto:
                raise TransitionRefused(spec.trigger, state, veto.reasons) from None
            assert moved  # the condition reads the verdict, which allowed the move
            assert carrier.state == dest
            after = spec.apply(context, event) if spec.apply is not None else context
            if self._commit(seq, event, after):
                for observer in OBSERVERS:
                    observer.recorded(definition, event)
                return event
            if expected_seq is not None:
                raise self._overtaken(spec.trigger, expected_seq)

    def _overtaken(self, trigger: str, expected_seq: int) -> TransitionRefused:
        """The refusal of *trigger*, fired on *expected_seq* events, once another has come."""
        stale = STALE_SEQUENCE(expected=expected_seq, actual=self._seq)
        return TransitionRefused(trigger, self._state, (stale,))

    def _commit(
        self, seq: int, event: Event, context: Any, recorded: list[Event] | None = None
    ) -> bool:
        """Record *event* if the pathway still has *seq* events; say whether it did.

        *recorded* is a list that already holds *event* at *seq* (a twin's, see
        :meth:`_fire_joined`), adopted instead of appending.
        """
        with _COMMIT:
            if self._seq != seq:
                return False
            log = self._log
            if recorded is not None and len(recorded) > seq and recorded[seq] is event:
                self._log = recorded
            else:
                if len(log) != seq:  # a copy of this pathway appended to the shared list
                    log = self._log = log[:seq]
                log.append(event)
            self._seq = seq + 1
            self._state = event.dest
            self._context = context
            return True

    def _run_after(self, event: Event, *, started: bool = False) -> None:
        errors: list[BaseException] = []
        for hook in self._hooks.after_hooks(event.trigger):
            try:
                hook(self, event)
            except Exception as exc:  # collected and re-raised as HookFailed
                errors.append(exc)
        if errors:
            raise HookFailed(event, errors, self if started else None) from errors[0]

    def available(self, *, at: date, by: Actor) -> tuple[str, ...]:
        """Triggers that *by* may fire on *at* as far as the engine's own checks can tell.

        These are the checks that need no data: the trigger leaves the current state,
        *by*'s role may fire it, and *at* is not before the latest event (otherwise
        nothing is available). The rules about the trigger's data are :meth:`check`'s.
        """
        problems = call_problems(at, by)
        if problems:
            raise PathwayDataError(problems)
        state, _, log, seq = self._snapshot()
        if at < log[seq - 1].at:
            return ()
        return tuple(
            spec.trigger
            for spec in self._definition.transition_specs
            if state in spec.sources and by.role in spec.roles
        )

    def actions(self, *, at: date, by: Actor, every_role: bool = False) -> tuple[Action, ...]:
        """Every trigger *by*'s role may fire, as an :class:`Action` a UI can show.

        Triggers blocked by the state or the date order are included with those
        reasons as blockers, so a UI can grey them out; with *every_role*, so are the
        triggers of other roles (blocked by ``pathway.role_not_allowed``). The start
        trigger never is. The actions without blockers are :meth:`available`; the
        rules about each trigger's data are :meth:`check`'s, with the data.
        """
        problems = call_problems(at, by)
        if problems:
            raise PathwayDataError(problems)
        state, _, log, seq = self._snapshot()
        history = History(log, seq)
        return tuple(
            Action(
                spec.trigger,
                spec.label,
                spec.payload,
                fields_of(spec),
                tuple(data_free_reasons(self._definition, spec, state, by, at, history)),
            )
            for spec in self._definition.transition_specs
            if spec.sources and (every_role or by.role in spec.roles)
        )

    def _fire_joined(
        self, trigger: str, joined: BeforeHook, *, at: date, by: Actor, **data: Any
    ) -> Event:
        """Fire *trigger* with *joined* as its last before-hook, for a step that must be
        recorded together with another pathway's (a journey step at a service's end).

        *joined* runs only once the host's before-hooks have passed; its veto, like
        theirs, leaves this pathway unchanged. After-hooks run once the event is recorded, as in
        :meth:`fire`.
        """
        state, context, log, seq = self._snapshot()
        hosts = self._hooks.before_hooks(trigger)

        def before(pathway: Pathway[Any, Any], event: Event) -> Iterable[Reason] | Reason | None:
            return vetoes(hosts, pathway, event) or joined(pathway, event)

        twin = Pathway(
            self._definition,
            self._client_id,
            state,
            context,
            log,
            seq,
            Hooks(before=((trigger, before),), refused=self._hooks._refused),
        )
        running = _running()
        key = id(self)
        during = running.get(key)
        if during is not None:
            raise ReentrantFire(field_name(trigger), during)
        running[key] = trigger
        try:
            event = twin.fire(trigger, at=at, by=by, expected_seq=seq, **data)
            _, after, twin_log, _ = twin._snapshot()
            if not self._commit(seq, event, after, twin_log):
                raise self._overtaken(trigger, seq)
            if self._hooks._after:
                self._run_after(event)
        finally:
            del running[key]
        return event

    def deadlines(self, *, at: date) -> tuple[Deadline, ...]:
        """What is due in the current state, and whether it is overdue on *at*; by due date."""
        problem = day_problem(at)
        if problem is not None:
            raise PathwayDataError([("$.at", problem)])
        state, context, _, _ = self._snapshot()
        found = self._definition.deadline_rule(state, context, at)
        return tuple(sorted(found, key=lambda d: (d.due, d.code)))


def replay_events(
    definition: ProcessDefinition[C, P], events: object, client_id: object, hooks: object
) -> Pathway[C, P]:
    """Rebuild a pathway by re-applying *events*; the checks of ``replay``'s arguments."""
    if isinstance(events, (str, bytes, Mapping)) or not isinstance(events, Iterable):
        why = f"expected an iterable of events, got {type(events).__name__}"
        raise PathwayDataError([("$.history", why)])
    return Pathway._replay(definition, events, client_id, hooks, typed=False)


def _report_accepted(definition: ProcessDefinition[Any, Any], event: Event) -> None:
    """Log an accepted event at DEBUG: the process's codes only, no client facts."""
    if LOGGER.isEnabledFor(logging.DEBUG):
        extra = {
            "definition": definition.name,
            "version": definition.version,
            "trigger": event.trigger,
            "source": event.source,
            "dest": event.dest,
            "seq": event.seq,
            "role": event.actor.role.value,
            "ref": event.ref,
        }
        LOGGER.debug("accepted %s: %s -> %s", event.trigger, event.source, event.dest, extra=extra)


def _report_refusal(
    pathway: Pathway[Any, Any] | None,
    definition: ProcessDefinition[Any, Any],
    hooks: Hooks,
    refusal: TransitionRefused,
) -> None:
    """Log *refusal* at INFO and pass it to the refused-hooks; neither can change it.

    A refused-hook's exception is logged at WARNING and noted on the refusal, and the
    remaining hooks still run.
    """
    if LOGGER.isEnabledFor(logging.INFO):
        codes = tuple(r.code for r in refusal.reasons)
        extra = {
            "definition": definition.name,
            "version": definition.version,
            "trigger": refusal.trigger,
            "state": refusal.state,
            "reasons": codes,
        }
        LOGGER.info("refused %s in %s: %s", refusal.trigger, refusal.state, codes, extra=extra)
    if hooks is NO_HOOKS:
        return
    for hook in hooks.refused_hooks(refusal.trigger):
        try:
            hook(pathway, refusal)
        except Exception as exc:  # reported, never raised: the refusal is the outcome
            name = hook_name(hook)
            refusal.add_note(f"refused-hook {name} raised {type(exc).__name__}")
            extra = {"definition": definition.name, "trigger": refusal.trigger, "hook": name}
            LOGGER.warning("refused-hook %s raised", name, exc_info=exc, extra=extra)
