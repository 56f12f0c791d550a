"""Nest any definition in a host's own ``transitions`` ``HierarchicalMachine``.

:func:`to_transitions_config` exports a definition as the dict of one nested state
(``name``, ``children``, ``initial``, ``transitions``), whose transitions carry bound
callbacks; :func:`attach` puts a client's :class:`~pathway_fsm.Pathway` on the host's
own model object; :func:`embed` does both checks and adds the nested state to a host's
machine. The host machine must be built with ``send_event=True`` (the callbacks find
the pathway on the event's model) and ``auto_transitions=False`` (otherwise its
``to_<state>()`` triggers would move the host into a nested state the pathway never
reached); :func:`embed` refuses a machine built otherwise. Each nested trigger is called
with the same keywords as :meth:`Pathway.fire <pathway_fsm.Pathway.fire>`: ``at=``,
``by=``, optionally ``expected_seq=``, and the trigger's data. A trigger called in a
nested state it does not leave is refused like any other, with
``pathway.wrong_state``, never with the host machine's own error.

A nested transition runs the definition's own rules twice over one call: its condition
is :meth:`Pathway.check <pathway_fsm.Pathway.check>`, and its ``before`` callback is
:meth:`Pathway.fire <pathway_fsm.Pathway.fire>`, which records the event. ``before``
runs after every condition has passed and before the host's state changes, so a
refusal (or a before-hook veto) leaves both the host's state and the pathway as they
were. The library builds no machine here: the host's machine is the host's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from transitions.extensions.nesting import HierarchicalMachine

from ._engine.definition import ProcessDefinition
from ._engine.pathway import Pathway
from .errors import (
    DefinitionError,
    HookFailed,
    PathwayDataError,
    PathwayError,
    TransitionRefused,
    field_name,
    require,
)

__all__ = ["attach", "embed", "to_transitions_config"]

_PENDING = "_pathway_fsm_hook_failed"
"""Where ``before`` parks a :class:`HookFailed` on the event data for ``after`` to raise."""


def _event_data(args: tuple[Any, ...], kwargs: dict[str, Any], trigger: str) -> Any:
    if kwargs or len(args) != 1 or not hasattr(args[0], "model") or not hasattr(args[0], "kwargs"):
        msg = (
            f"the host machine must be built with send_event=True to fire {trigger!r} "
            "through a pathway, and the trigger takes keywords only"
        )
        raise TypeError(msg)
    return args[0]


class _Bound:
    """The callbacks of one nested trigger; they find the pathway on the event's model."""

    __slots__ = ("_attribute", "_definition", "_raise", "_trigger")

    def __init__(
        self,
        definition: ProcessDefinition[Any, Any],
        trigger: str,
        attribute: str,
        raise_refused: bool,
    ) -> None:
        self._definition = definition
        self._trigger = trigger
        self._attribute = attribute
        self._raise = raise_refused

    def _pathway(self, event_data: Any) -> Pathway[Any, Any]:
        pathway = getattr(event_data.model, self._attribute, None)
        if not isinstance(pathway, Pathway):
            msg = f"no pathway is attached to the model as {self._attribute!r}; call attach() first"
            raise PathwayError(msg)
        if pathway.definition != self._definition:
            msg = "the attached pathway runs on another definition"
            raise PathwayError(msg)
        here = event_data.state.name
        if here != pathway.state:
            msg = f"the host machine is in {here!r} but the pathway is in {pathway.state!r}"
            raise PathwayError(msg)
        return pathway

    def condition(self, *args: Any, **kwargs: Any) -> bool:
        """Evaluate the trigger as :meth:`Pathway.check` does; refuse or raise as configured."""
        event_data = _event_data(args, kwargs, self._trigger)
        pathway = self._pathway(event_data)
        verdict = pathway.check(self._trigger, **event_data.kwargs)
        if not verdict and self._raise:
            raise TransitionRefused(self._trigger, pathway.state, verdict.reasons)
        return verdict.allowed

    def before(self, *args: Any, **kwargs: Any) -> None:
        """Record the event through :meth:`Pathway.fire`, before the host's state changes."""
        event_data = _event_data(args, kwargs, self._trigger)
        try:
            self._pathway(event_data).fire(self._trigger, **event_data.kwargs)
        except HookFailed as failed:  # the event stands, so the host must move too
            setattr(event_data, _PENDING, failed)

    def after(self, *args: Any, **kwargs: Any) -> None:
        """Raise a :class:`HookFailed` from ``before`` once the host's state has moved too."""
        event_data = _event_data(args, kwargs, self._trigger)
        failed = getattr(event_data, _PENDING, None)
        if failed is not None:
            delattr(event_data, _PENDING)
            raise failed


def to_transitions_config(
    definition: ProcessDefinition[Any, Any],
    *,
    name: str | None = None,
    attribute: str = "pathway",
    separator: str = "_",
    raise_refused: bool = True,
) -> dict[str, Any]:
    """*definition* as one nested state for a host's ``HierarchicalMachine``.

    The result is ``{"name", "children", "initial", "transitions"}``: pass it among the
    host's ``states``. *name* defaults to the definition's name. Final states are marked
    ``final``, so the host may put ``on_final`` callbacks on the nested state. The start
    trigger is not exported: the host starts the pathway with ``definition.start(...)``,
    attaches it with :func:`attach`, and then enters the nested state with a transition
    of its own. Every other trigger becomes a nested transition whose ``conditions``,
    ``before`` and ``after`` run the definition's rules on the pathway found on the
    model as *attribute*; a trigger with no destination becomes an internal transition.
    Each trigger is also an internal transition from every nested state it does not
    leave, whose condition refuses it with ``pathway.wrong_state``.

    A refused trigger leaves the host's state and the pathway unchanged. With
    *raise_refused* (the default) it raises :class:`~pathway_fsm.TransitionRefused`
    with every reason, as :meth:`Pathway.fire <pathway_fsm.Pathway.fire>` does;
    otherwise the host's trigger returns ``False`` and ``pathway.check(...)`` gives the
    reasons. A before-hook veto is the exception: hooks run only when the event is
    recorded, after the condition has passed, so a veto raises ``TransitionRefused``
    either way (both states still stay as they were). An after-hook failure is raised
    as :class:`~pathway_fsm.HookFailed` once both have moved.

    Raises:
        PathwayDataError: *definition*, *name*, *attribute* or *separator* is malformed.
        ValueError: a state name contains *separator*, the host machine's nesting
            separator (``NestedState.separator``, ``"_"`` by default); give the host
            machine a ``state_cls`` with another separator and pass it here.
    """
    require(definition, ProcessDefinition, "definition")
    given: dict[str, object] = {"separator": separator, "name": name, "attribute": attribute}
    if not isinstance(given["separator"], str) or not separator:
        raise PathwayDataError([("separator", "expected a non-empty string")])
    if name is not None and (not isinstance(given["name"], str) or not name):
        raise PathwayDataError([("name", "expected a non-empty string or None")])
    if not isinstance(given["attribute"], str) or not attribute.isidentifier():
        raise PathwayDataError([("attribute", "expected an attribute name")])
    clashes = [s for s in (name or definition.name, *definition.states) if separator in s]
    if clashes:
        msg = (
            f"state name(s) {clashes} contain the nesting separator {separator!r}; use a "
            "NestedState subclass with another separator and pass it as separator="
        )
        raise ValueError(msg)
    transitions: list[dict[str, Any]] = []
    for spec in definition.transition_specs:
        if not spec.sources:
            continue  # the start event is recorded by definition.start(), not by the host
        bound = _Bound(definition, spec.trigger, attribute, raise_refused)
        transitions.append(
            {
                "trigger": spec.trigger,
                "source": list(spec.sources),
                "dest": spec.dest,
                "conditions": [bound.condition],
                "before": [bound.before],
                "after": [bound.after],
            }
        )
        elsewhere = [s for s in definition.states if s not in spec.sources]
        if elsewhere:  # refused by the engine, not by the host machine's MachineError
            transitions.append(
                {
                    "trigger": spec.trigger,
                    "source": elsewhere,
                    "dest": None,
                    "conditions": [bound.condition],
                }
            )
    return {
        "name": name or definition.name,
        "children": [
            {"name": state.name, "final": True} if state.final else {"name": state.name}
            for state in definition.state_specs
        ],
        "initial": definition.initial,
        "transitions": transitions,
    }


def attach(model: object, pathway: Pathway[Any, Any], *, attribute: str = "pathway") -> None:
    """Put *pathway* on the host's *model* as *attribute*, where the nested triggers find it.

    One pathway per model: attaching again replaces it (after ``from_dict``, say). The
    host keeps its machine's state in step, e.g. ``machine.set_state(...)`` to the
    nested state named by ``pathway.state`` when it restores a stored pathway.

    Raises:
        PathwayDataError: *pathway* is not a :class:`~pathway_fsm.Pathway`, or *model*
            cannot hold it as *attribute*.
    """
    require(pathway, Pathway, "pathway")
    try:
        setattr(model, attribute, pathway)
    except (AttributeError, TypeError):
        why = f"a {type(model).__name__} cannot hold an attribute {field_name(attribute)!r}"
        raise PathwayDataError([("model", why)]) from None


def embed(
    machine: HierarchicalMachine,
    definition: ProcessDefinition[Any, Any],
    *,
    name: str | None = None,
    attribute: str = "pathway",
    raise_refused: bool = True,
    on_final: str | Callable[..., Any] | None = None,
) -> str:
    """Add *definition* to the host's *machine* as one nested state and return its name.

    The same nested state as :func:`to_transitions_config`, with the machine's own
    nesting separator, after checking that the machine can run it: built with
    ``send_event=True`` (the callbacks read the pathway and the keywords from the
    event) and ``auto_transitions=False`` (``to_<state>()`` would move the host into a
    nested state behind the pathway's back). *on_final* is the host's callback or
    trigger name for when the pathway reaches a final state.

    Raises:
        DefinitionError: *machine* is not a ``HierarchicalMachine``, was built with
            ``send_event=False`` or ``auto_transitions=True``, or already has a state
            named *name*; nothing was added.
        PathwayDataError: *definition*, *name* or *attribute* is malformed.
    """
    require(definition, ProcessDefinition, "definition")
    if not isinstance(machine, HierarchicalMachine):
        why = f"expected a HierarchicalMachine, got {type(machine).__name__}"
        raise DefinitionError(definition.name, [why])
    config = to_transitions_config(
        definition,
        name=name,
        attribute=attribute,
        separator=machine.state_cls.separator,
        raise_refused=raise_refused,
    )
    problems: list[str] = []
    if not machine.send_event:
        problems.append(
            "the host machine must be built with send_event=True: the nested triggers "
            "find the pathway on the event's model and read at=, by= and the data from it"
        )
    if machine.auto_transitions:
        problems.append(
            "the host machine must be built with auto_transitions=False: its to_<state>() "
            "triggers would move the host into a nested state the pathway never reached"
        )
    if config["name"] in machine.states:
        problems.append(f"the host machine already has a state named {config['name']!r}")
    if problems:
        raise DefinitionError(definition.name, problems)
    if on_final is not None:
        config["on_final"] = on_final
    machine.add_states(config)
    nested: str = config["name"]
    return nested
