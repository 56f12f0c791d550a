"""Process definitions: immutable data describing states, transitions, guards and labels.

A definition is checked when it is built (:func:`validate`) and compiled once into a
shared ``transitions`` machine (see :mod:`._engine.machine`). Pathways never own a
machine of their own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from typing import Any, Generic, TypeVar

import attrs

from ..errors import DefinitionError, PathwayDataError, UnknownTrigger, describe
from .hooks import Hooks, check_hooks
from .machine import CompiledMachine
from .model import Actor, Event, ReasonKind, Role, Text
from .pathway import Pathway, engine_reasons, given, replay_events
from .replace import evolve
from .spec import (
    C,
    DataCheck,
    DeadlineRule,
    Guard,
    Migration,
    P,
    Proposal,
    Reducer,
    State,
    TransitionSpec,
    declared_reasons,
    guard,
    no_deadlines,
)

__all__ = [
    "BoundDefinition",
    "DataCheck",
    "DeadlineRule",
    "Guard",
    "Migration",
    "ProcessDefinition",
    "Proposal",
    "Reducer",
    "State",
    "TransitionSpec",
    "bind",
    "cleared",
    "definition_builder",
    "event_day",
    "guard",
    "setting",
    "validate",
]


@attrs.frozen(repr=False)
class ProcessDefinition(Generic[C, P]):
    """An immutable process: its states, transitions, policy and deadlines.

    Two definitions are equal when name, version and policy are equal: those three
    identify the rules a stored pathway was made under. Build one with the process
    module's ``definition(...)`` function, e.g. ``pathway_fsm.typ.definition()``.
    """

    name: str
    version: str
    label: Text = attrs.field(eq=False)
    policy: P
    _states: tuple[State, ...] = attrs.field(eq=False, alias="states")
    _transitions: tuple[TransitionSpec, ...] = attrs.field(eq=False, alias="transitions")
    context_factory: Callable[[], C] = attrs.field(eq=False)
    deadline_rule: DeadlineRule = attrs.field(default=no_deadlines, eq=False)
    migrations: tuple[Migration, ...] = attrs.field(default=(), eq=False, kw_only=True)
    _by_trigger: dict[str, TransitionSpec] = attrs.field(init=False, eq=False)
    _by_state: dict[str, State] = attrs.field(init=False, eq=False)
    _compiled: CompiledMachine = attrs.field(init=False, eq=False)
    # Lookups every start, fire and restore needs, computed once here instead of per call.
    _start_spec: TransitionSpec = attrs.field(init=False, eq=False)
    _state_names: tuple[str, ...] = attrs.field(init=False, eq=False)
    _trigger_names: tuple[str, ...] = attrs.field(init=False, eq=False)
    _declared: dict[str, frozenset[str]] = attrs.field(init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        validate(self)
        cache = {
            "_by_trigger": {t.trigger: t for t in self._transitions},
            "_by_state": {s.name: s for s in self._states},
            "_start_spec": next(t for t in self._transitions if not t.sources),
            "_state_names": tuple(s.name for s in self._states),
            "_trigger_names": tuple(t.trigger for t in self._transitions),
            "_declared": {
                t.trigger: frozenset(k.code for k in t.reasons) for t in self._transitions
            },
        }
        for name, value in cache.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_compiled", CompiledMachine(self))

    def __repr__(self) -> str:
        return f"ProcessDefinition({self.name!r}, version={self.version!r}, policy={self.policy!r})"

    @property
    def states(self) -> tuple[str, ...]:
        """Every state's name, in declaration order."""
        return self._state_names

    @property
    def state_specs(self) -> tuple[State, ...]:
        """Every state with its labels."""
        return self._states

    @property
    def transition_specs(self) -> tuple[TransitionSpec, ...]:
        """Every transition, the start trigger included."""
        return self._transitions

    @property
    def triggers(self) -> tuple[str, ...]:
        """Every trigger's name, the start trigger first."""
        return self._trigger_names

    @property
    def start_spec(self) -> TransitionSpec:
        """The trigger that starts a pathway."""
        return self._start_spec

    @property
    def initial(self) -> str:
        """The state a new pathway is in."""
        dest = self._start_spec.dest
        assert dest is not None
        return dest

    @property
    def finals(self) -> tuple[str, ...]:
        """The states that end a pathway."""
        return tuple(s.name for s in self._states if s.final)

    @property
    def edges(self) -> frozenset[tuple[str, str | None, str]]:
        """Every declared ``(trigger, source, dest)``; the start edge has source ``None``."""
        return self._compiled.edges

    def state(self, name: str) -> State:
        """The state called *name*; :class:`KeyError` if there is none."""
        return self._by_state[name]

    def transition(self, trigger: str) -> TransitionSpec:
        """The transition fired by *trigger*; :class:`~pathway_fsm.UnknownTrigger` if none."""
        try:
            return self._by_trigger[trigger]
        except (KeyError, TypeError):
            raise UnknownTrigger(trigger, self.name, self.triggers) from None

    def start(
        self,
        client_id: str,
        payload: object = None,
        /,
        *,
        at: date,
        by: Actor,
        hooks: Hooks | None = None,
        recorded_by: Actor | None = None,
        ref: str | None = None,
        **data: Any,
    ) -> Pathway[C, P]:
        """Start a pathway for *client_id* (an opaque id) and record the first event.

        The start trigger's data is keywords or one *payload* value, as for
        :meth:`Pathway.fire`.

        *recorded_by* and *ref* are the event's audit metadata (see :class:`Event`).
        The *hooks* run for the start event; :meth:`with_hooks` binds them once instead.

        Raises:
            TransitionRefused: when *by*'s role may not start it, a guard or a
                before-hook refuses.
            PathwayDataError: when *client_id*, *at*, *by*, *recorded_by*, *ref* or
                *data* is malformed.
        """
        return Pathway.begin(
            self,
            client_id,
            at=at,
            by=by,
            hooks=hooks,
            data=given(payload, data),
            recorded_by=recorded_by,
            ref=ref,
        )

    def with_hooks(self, hooks: Hooks | None) -> BoundDefinition[C, P]:
        """This definition bound to the host's *hooks*, for every pathway started,
        restored (:func:`~pathway_fsm.from_dict`) or replayed through it.

        The definition is unchanged and no machine is built: the binding only carries
        the hooks. Raises :class:`~pathway_fsm.PathwayDataError` when *hooks* is not
        :class:`Hooks` or ``None``, :class:`~pathway_fsm.UnknownTrigger` when a hook
        names a trigger this definition does not have.
        """
        return bind(self, hooks)


@attrs.frozen(repr=False)
class BoundDefinition(Generic[C, P]):
    """A :class:`ProcessDefinition` and the host's :class:`Hooks`, for every pathway on it.

    Make one with :meth:`ProcessDefinition.with_hooks`. Its :meth:`start`, and
    :func:`~pathway_fsm.from_dict` and :func:`~pathway_fsm.replay` given it as the
    definition, attach the hooks; the pathways' ``definition`` is the plain one. It
    holds no pathway and no machine of its own, so threads may share it.
    """

    definition: ProcessDefinition[C, P]
    """The process the hooks are bound to."""
    hooks: Hooks
    """The hooks every pathway through this binding runs."""

    def __attrs_post_init__(self) -> None:
        given: tuple[object, object] = (self.definition, self.hooks)
        if not isinstance(given[0], ProcessDefinition):
            why = f"expected a ProcessDefinition, got {type(given[0]).__name__}"
            raise PathwayDataError([("definition", why)])
        object.__setattr__(self, "hooks", check_hooks(self.definition, given[1]))

    @property
    def name(self) -> str:
        """The definition's name."""
        return self.definition.name

    @property
    def version(self) -> str:
        """The definition's version."""
        return self.definition.version

    def __repr__(self) -> str:
        return f"BoundDefinition({self.definition!r})"

    def with_hooks(self, hooks: Hooks | None) -> BoundDefinition[C, P]:
        """The same definition bound to *hooks* instead (``None``: no hooks)."""
        return bind(self.definition, hooks)

    def start(
        self,
        client_id: str,
        payload: object = None,
        /,
        *,
        at: date,
        by: Actor,
        recorded_by: Actor | None = None,
        ref: str | None = None,
        **data: Any,
    ) -> Pathway[C, P]:
        """Start a pathway that runs the bound hooks (see :meth:`ProcessDefinition.start`)."""
        return Pathway.begin(
            self.definition,
            client_id,
            at=at,
            by=by,
            hooks=self.hooks,
            data=given(payload, data),
            recorded_by=recorded_by,
            ref=ref,
        )

    def replay(self, events: Iterable[Event], *, client_id: str) -> Pathway[C, P]:
        """:func:`~pathway_fsm.replay` through this binding: no hook runs, all are attached."""
        return replay_events(self.definition, events, client_id, self.hooks)


def bind(definition: ProcessDefinition[C, P], hooks: object) -> BoundDefinition[C, P]:
    """*definition* bound to *hooks*, checked against its triggers.

    Raises:
        PathwayDataError: *definition* is not a :class:`ProcessDefinition`, or *hooks*
            is not :class:`Hooks` or ``None``.
        UnknownTrigger: a hook names a trigger the definition does not have.
    """
    return BoundDefinition(definition, hooks)  # type: ignore[arg-type]  # it checks them


D = TypeVar("D", bound="ProcessDefinition[Any, Any]")


def definition_builder(policy_type: type[P]) -> Callable[[Callable[[P], D]], Callable[[P], D]]:
    """Make a process's ``definition_for(policy)``: checked, built and compiled once per policy.

    A policy of another type is a :class:`~pathway_fsm.PathwayDataError` naming it, rather
    than whatever the build would stumble on.
    """

    def decorate(build: Callable[[P], D]) -> Callable[[P], D]:
        cached = lru_cache(maxsize=64)(build)

        @functools.wraps(build)
        def definition_for(policy: P) -> D:
            if not isinstance(policy, policy_type):
                why = f"expected a {policy_type.__name__}, got {type(policy).__name__}"
                raise PathwayDataError([("policy", why)])
            return cached(policy)

        return definition_for

    return decorate


def setting(**changes: Callable[[Event], Any]) -> Reducer:
    """A reducer that sets each named context field to its function of the event, e.g.
    ``setting(referred_on=event_day)``: the many steps that only note a date or a value."""

    def apply(ctx: Any, event: Event) -> Any:
        return evolve(ctx, **{name: value(event) for name, value in changes.items()})

    return apply


def event_day(event: Event) -> date:
    """The event's date, for a context field that records when it happened."""
    return event.at


def cleared(event: Event) -> None:
    """No value, for a context field the event clears."""
    return


def _type_problems(definition: object) -> list[str]:
    """What is of the wrong type in *definition*: checked before its structure is."""
    if not isinstance(definition, ProcessDefinition):
        return [f"expected a ProcessDefinition, got {describe(definition)}"]
    built: Any = definition  # its fields hold whatever the host passed
    problems: list[str] = []
    if not isinstance(built.name, str) or not built.name.strip():
        problems.append(f"name must be a non-empty string, not {describe(built.name)}")
    if not isinstance(built.version, str):
        problems.append(f"version must be a string, not {describe(built.version)}")
    if not isinstance(built.label, Text):
        problems.append(f"label must be a Text, not {describe(built.label)}")
    for name, value, kind in (
        ("states", built._states, State),
        ("transitions", built._transitions, TransitionSpec),
    ):
        if not isinstance(value, tuple) or not all(isinstance(v, kind) for v in value):
            problems.append(f"{name} must be a tuple of {kind.__name__}, not {describe(value)}")
    for name in ("context_factory", "deadline_rule"):
        if not callable(getattr(definition, name)):
            problems.append(f"{name} must be callable")
    problems.extend(_migration_problems(built))
    if problems:
        return problems
    for state in built._states:
        if not isinstance(state.name, str) or not state.name:
            problems.append(
                f"a state's name must be a non-empty string, not {describe(state.name)}"
            )
        if not isinstance(state.label, Text) or type(state.final) is not bool:
            problems.append(f"state {describe(state.name)} needs a Text label and a bool final")
    for spec in built._transitions:
        problems.extend(_spec_type_problems(spec))
    return problems


def _migration_problems(definition: Any) -> list[str]:  # Any: the host may pass anything
    """What is wrong with a definition's declared migration steps."""
    steps = definition.migrations
    if not isinstance(steps, tuple) or not all(isinstance(m, Migration) for m in steps):
        return [f"migrations must be a tuple of Migration, not {describe(steps)}"]
    problems: list[str] = []
    seen: set[tuple[object, object]] = set()
    for step in steps:
        where = f"migration from {describe(step.name)} version {describe(step.version)}"
        texts = (step.name, step.version, step.to_version)
        if not all(isinstance(t, str) and t for t in texts):
            problems.append(f"{where} needs a name, version and to_version as non-empty strings")
        elif (step.name, step.version) == (definition.name, definition.version):
            problems.append(f"{where} starts at the definition itself")
        elif (step.name, step.version) in seen:
            problems.append(f"{where} is declared more than once")
        else:
            seen.add((step.name, step.version))
        if step.rewrite is not None and not callable(step.rewrite):
            problems.append(f"{where} needs a rewrite that is callable or None")
    return problems


def _spec_type_problems(spec: Any) -> list[str]:  # Any: the host may pass anything
    where = f"trigger {describe(spec.trigger)}"
    checks = [
        (isinstance(spec.trigger, str) and bool(spec.trigger), "a non-empty string name"),
        (
            isinstance(spec.sources, tuple) and all(isinstance(s, str) for s in spec.sources),
            "sources as a tuple of state names",
        ),
        (spec.dest is None or isinstance(spec.dest, str), "a dest that is a state name or None"),
        (
            isinstance(spec.roles, frozenset) and all(isinstance(r, Role) for r in spec.roles),
            "roles as a frozenset of Role",
        ),
        (isinstance(spec.label, Text), "a Text label"),
        (spec.payload is None or attrs.has(spec.payload), "a payload that is an attrs class"),
        (
            all(
                isinstance(g, tuple) and all(callable(f) for f in g)
                for g in (spec.guards, spec.notes)
            ),
            "guards and notes as tuples of callables",
        ),
        (
            isinstance(spec.reasons, tuple)
            and all(isinstance(k, ReasonKind) for k in spec.reasons),
            "reasons as a tuple of ReasonKind",
        ),
        (
            all(f is None or callable(f) for f in (spec.apply, spec.check_data)),
            "apply and check_data that are callables or None",
        ),
        (
            isinstance(spec.meets, tuple) and all(isinstance(c, str) and c for c in spec.meets),
            "meets as a tuple of deadline codes",
        ),
    ]
    return [f"{where} needs {what}" for ok, what in checks if not ok]


def _reason_problems(spec: TransitionSpec) -> list[str]:
    """A trigger's declared reason codes against those its guards declare (see :func:`guard`).

    A code a guard declares must be the trigger's; when the trigger has guards or notes
    and every one declares its codes, a code of the trigger's that none produces is unused.
    """
    checks = (*spec.guards, *spec.notes)
    declared = [declared_reasons(check) for check in checks]
    produced = {kind.code for kinds in declared for kind in kinds or ()}
    listed = {kind.code for kind in spec.reasons}
    where = f"trigger {spec.trigger!r}"
    problems = [
        f"{where} does not declare reason code {code!r}, which one of its guards produces"
        for code in sorted(produced - listed)
    ]
    by_code = {kind.code: kind for kind in spec.reasons}
    problems.extend(
        sorted(
            {
                f"reason code {kind.code!r} is declared with two texts"
                for kinds in declared
                for kind in kinds or ()
                if by_code.get(kind.code, kind) != kind
            }
        )
    )
    if declared and all(kinds is not None for kinds in declared):
        engine = {kind.code for kind in engine_reasons}
        problems.extend(
            f"{where} declares reason code {code!r}, which none of its guards produces"
            for code in sorted(listed - produced - engine)
        )
    return problems


def _reachable(start: str, edges: dict[str, set[str]]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def validate(definition: ProcessDefinition[Any, Any]) -> None:
    """Check a definition's structure and raise :class:`DefinitionError` naming every offender.

    Checks: exactly one start trigger; states and triggers unique and declared; every
    state reachable; no trap state (every state can reach a final one); final states
    have no way out; every trigger has roles; every state, trigger and reason kind has
    fi/sv/en text and every reason code is unique.
    """
    typed = _type_problems(definition)
    if typed:
        name = getattr(definition, "name", None)
        raise DefinitionError(name if isinstance(name, str) else "?", typed)
    problems: list[str] = []
    names = [s.name for s in definition.state_specs]
    known = set(names)
    for dup in sorted({n for n in names if names.count(n) > 1}):
        problems.append(f"state {dup!r} is declared more than once")
    triggers = [t.trigger for t in definition.transition_specs]
    for dup in sorted({t for t in triggers if triggers.count(t) > 1}):
        problems.append(f"trigger {dup!r} is declared more than once")
    starts = [t for t in definition.transition_specs if not t.sources]
    if len(starts) != 1:
        found = ", ".join(repr(t.trigger) for t in starts) or "none"
        problems.append(f"exactly one start trigger (no sources) is needed, found {found}")
    if not any(s.final for s in definition.state_specs):
        problems.append("no final state is declared")

    forward: dict[str, set[str]] = {}
    backward: dict[str, set[str]] = {}
    finals = {s.name for s in definition.state_specs if s.final}
    for spec in definition.transition_specs:
        if not spec.roles:
            problems.append(f"trigger {spec.trigger!r} names no role that may fire it")
        for state in (*spec.sources, *([spec.dest] if spec.dest else [])):
            if state not in known:
                problems.append(f"trigger {spec.trigger!r} names undeclared state {state!r}")
        if not spec.sources and spec.dest is None:
            problems.append(f"start trigger {spec.trigger!r} has no destination")
        for source in spec.sources:
            if source in finals:
                problems.append(f"final state {source!r} has a way out ({spec.trigger!r})")
            dest = spec.dest or source
            forward.setdefault(source, set()).add(dest)
            backward.setdefault(dest, set()).add(source)
        problems.extend(
            f"trigger {spec.trigger!r} has no {lang} label" for lang in spec.label.missing()
        )

    initials = [t.dest for t in starts if t.dest in known]
    reachable: set[str] = set()
    for initial in initials:
        assert initial is not None
        reachable |= _reachable(initial, forward)
    if initials:
        problems.extend(
            f"state {name!r} is unreachable from the start"
            for name in names
            if name not in reachable
        )
    can_finish: set[str] = set()
    for final in finals:
        can_finish |= _reachable(final, backward)
    problems.extend(
        f"state {name!r} is a trap: no final state can be reached from it"
        for name in dict.fromkeys(names)
        if name not in can_finish
    )
    for spec_state in definition.state_specs:
        problems.extend(
            f"state {spec_state.name!r} has no {lang} label" for lang in spec_state.label.missing()
        )

    for spec in definition.transition_specs:
        problems.extend(_reason_problems(spec))
    codes: dict[str, ReasonKind] = {}
    for spec in definition.transition_specs:
        for kind in spec.reasons:
            if codes.get(kind.code, kind) != kind:
                problems.append(f"reason code {kind.code!r} is declared with two texts")
            codes[kind.code] = kind
    for code, kind in sorted(codes.items()):
        problems.extend(f"reason code {code!r} has no {lang} text" for lang in kind.text.missing())
    problems.extend(f"definition label has no {lang} text" for lang in definition.label.missing())
    if not attrs.has(type(definition.policy)):
        problems.append("policy must be an attrs instance (it is stored with every pathway)")
    if problems:
        raise DefinitionError(definition.name, problems)
