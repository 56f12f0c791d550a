"""What a process is made of: states, transitions, the guards on them, and their proposals.

These are the rows a process module declares. :mod:`.definition` gathers them into a
checked :class:`~pathway_fsm.ProcessDefinition`; :mod:`.pathway` evaluates them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, Generic, TypeVar

import attrs

from ..errors import DefinitionError, describe
from .model import Actor, Deadline, Event, Reason, ReasonKind, Role, Text

__all__ = [
    "C",
    "DataCheck",
    "DeadlineRule",
    "Guard",
    "Migration",
    "P",
    "Proposal",
    "Reducer",
    "State",
    "TransitionSpec",
    "declared_reasons",
    "guard",
    "no_deadlines",
]

C = TypeVar("C")
"""A process's context type: the facts its pathway derives from the history."""
P = TypeVar("P")
"""A process's policy type: the parameters its rules take."""

G = TypeVar("G", bound=Callable[..., Iterable[Reason]])

_REASONS = "__pathway_reasons__"


def guard(*kinds: ReasonKind) -> Callable[[G], G]:
    """Declare, where a guard (or note) is defined, every reason kind it may produce.

    A transition whose guards all declare theirs needs no ``reasons`` of its own: they
    are gathered from the guards, and the definition refuses, when it is built, a
    transition that declares a code no guard produces or lacks one a guard does.
    """
    where = "guard(...)"
    given: tuple[object, ...] = kinds  # a host may pass anything
    bad = [describe(k) for k in given if not isinstance(k, ReasonKind)]
    if bad:
        raise DefinitionError(where, [f"expected reason kinds, got {', '.join(bad)}"])

    def declare(check: G) -> G:
        try:
            setattr(check, _REASONS, tuple(kinds))
        except (AttributeError, TypeError):  # a bound method or a builtin takes no marks
            why = f"cannot mark {describe(check)}; declare the reasons on a plain function"
            raise DefinitionError(where, [why]) from None
        return check

    return declare


def declared_reasons(check: object) -> tuple[ReasonKind, ...] | None:
    """The reason kinds *check* declares with :func:`guard`; ``None`` if it declares none."""
    kinds = getattr(check, _REASONS, None)
    return kinds if isinstance(kinds, tuple) else None


@attrs.frozen
class Proposal(Generic[C, P]):
    """What a guard sees: the transition asked for, before anything changes.

    *state* is ``None`` for the event that starts a pathway; *context* is then the
    definition's initial context. *history* holds the events recorded so far and
    *policy* is the definition's policy, so a guard is a plain function of its proposal.
    A guard only reads: a context it changed in place would change ``check`` too.
    """

    trigger: str
    state: str | None
    context: C
    data: Any
    at: date
    actor: Actor
    history: Sequence[Event]
    policy: P = attrs.field(kw_only=True)


Guard = Callable[[Proposal[Any, Any]], Iterable[Reason]]
"""A rule check: yields the reasons that block (or note) a transition; nothing when it passes."""

Reducer = Callable[[Any, Any], Any]
"""``(context, event) -> context``: how an accepted event changes the process's context."""

DataCheck = Callable[[Any, date], Iterable[tuple[str, str]]]
"""``(payload, at) -> [(field, problem)]``: checks of a payload that its types cannot express."""

DeadlineRule = Callable[[str, Any, date], Iterable[Deadline]]
"""``(state, context, at) -> deadlines``: what is due in a state, as of *at*."""


@attrs.frozen
class State:
    """One state of a process, with its name in fi/sv/en; *final* states end the pathway."""

    name: str
    label: Text
    final: bool = False


@attrs.frozen
class TransitionSpec:
    """One trigger: where it may fire from, where it leads, who may fire it, and its rules.

    *sources* empty marks the trigger that starts a pathway (exactly one per definition);
    *dest* ``None`` records an event without changing state. *payload* is the attrs class
    the trigger's data is converted to (``None``: the trigger takes no data). *reasons*
    lists every reason kind the guards and notes may produce; left empty, it is
    gathered from the guards that declare theirs with :func:`guard`. *meets* names the
    deadline codes an event of this trigger meets, so that a report can tell a deadline
    met from one that lapsed because the pathway moved on (D8).
    """

    trigger: str
    sources: tuple[str, ...]
    dest: str | None
    roles: frozenset[Role]
    label: Text
    payload: type[Any] | None = None
    guards: tuple[Guard, ...] = ()
    notes: tuple[Guard, ...] = ()
    _reasons: tuple[ReasonKind, ...] = ()  # given as ``reasons=``; see the property
    apply: Reducer | None = None
    check_data: DataCheck | None = None
    meets: tuple[str, ...] = ()
    # Kept apart from the given reasons, so that attrs.evolve(spec, guards=...) gathers anew.
    _gathered: tuple[ReasonKind, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        guards: object = self.guards  # a host may pass anything: validate reports it
        notes: object = self.notes
        gathered: dict[str, ReasonKind] = {}
        if isinstance(guards, tuple) and isinstance(notes, tuple):
            for check in (*self.guards, *self.notes):
                for kind in declared_reasons(check) or ():
                    gathered.setdefault(kind.code, kind)
        object.__setattr__(self, "_gathered", tuple(gathered.values()))

    @property
    def reasons(self) -> tuple[ReasonKind, ...]:
        """Every reason kind the trigger may give: as given, else gathered from the guards."""
        return self._reasons or self._gathered

    def dest_from(self, source: str | None) -> str:
        """The state this trigger leads to when fired from *source*."""
        if self.dest is not None:
            return self.dest
        assert source is not None  # a start trigger always has a dest (validated)
        return source


def no_deadlines(state: str, context: Any, at: date) -> Iterable[Deadline]:
    """The deadline rule of a process that has none."""
    return ()


Rewrite = Callable[[dict[str, Any]], dict[str, Any]]
"""``document -> document``: how one migration step changes a stored pathway's form."""


@attrs.frozen
class Migration:
    """One declared step: stored pathways of *name* version *version* move to *to_version*.

    *rewrite* gets a copy of the stored document and returns it in the new version's
    form (a renamed state, a payload field given its default); ``None`` keeps it as it
    is. The step's target is always the declaring definition's own name.
    """

    name: str
    version: str
    to_version: str
    rewrite: Rewrite | None = None
