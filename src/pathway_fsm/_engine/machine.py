"""Compile a definition into one shared ``transitions`` machine.

This is the only module that runs pathways through ``transitions`` (``diagrams`` imports
its ``GraphMachine`` only to draw). The machine is built once per
definition with no models attached. To fire, the engine hands it a short-lived,
slotted *carrier* holding one pathway's state, the proposed event and the verdict the
engine has already made; the machine's condition reads that verdict, then the machine
runs the before-hooks and moves the carrier's state. Nothing
about a client is ever kept by the machine, and no ``transitions`` type escapes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from transitions import Machine

if TYPE_CHECKING:
    from .definition import ProcessDefinition

__all__ = ["Carrier", "CompiledMachine"]


class Carrier(Protocol):
    """What the machine needs of the object it moves: a state and two callbacks."""

    state: str

    def allowed(self) -> bool:
        """Say whether the verdict the engine made allows the move."""

    def before(self) -> None:
        """Run the host's before-hooks; raise to stop the transition."""


def _condition(event_data: Any) -> bool:
    carrier: Carrier = event_data.model
    return carrier.allowed()


def _before(event_data: Any) -> None:
    carrier: Carrier = event_data.model
    carrier.before()


class CompiledMachine:
    """A definition's ``transitions`` machine, shared by all of its pathways."""

    __slots__ = ("_fire", "edges", "machine")

    def __init__(self, definition: ProcessDefinition[Any, Any]) -> None:
        config: list[dict[str, Any]] = []
        edges: set[tuple[str, str | None, str]] = set()
        for spec in definition.transition_specs:
            if not spec.sources:
                edges.add((spec.trigger, None, spec.dest_from(None)))
                continue
            config.append(
                {
                    "trigger": spec.trigger,
                    "source": list(spec.sources),
                    "dest": spec.dest,  # None: an internal transition, no exit/enter
                    "conditions": [_condition],
                    "before": [_before],
                }
            )
            edges.update((spec.trigger, s, spec.dest_from(s)) for s in spec.sources)
        self.edges = frozenset(edges)
        self.machine = Machine(
            model=None,
            states=list(definition.states),
            initial=definition.initial,
            transitions=config,
            auto_transitions=False,
            ignore_invalid_triggers=False,
            send_event=True,
            name=f"{definition.name}:",
        )
        events = self.machine.events
        self._fire: dict[str, Callable[[Carrier], bool]] = {
            name: event.trigger for name, event in events.items()
        }

    def fire(self, trigger: str, carrier: Carrier) -> bool:
        """Run *trigger* on *carrier*; the engine has already checked the source state."""
        return self._fire[trigger](carrier)
