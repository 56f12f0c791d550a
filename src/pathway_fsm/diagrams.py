"""Mermaid state diagrams of any definition, drawn by ``transitions``' own mermaid engine.

:func:`mermaid` needs no graphviz binary. States carry their fi/sv/en names; given a
pathway, its current state and the states it has passed through get the ``active`` and
``previous`` styles that ``transitions`` itself defines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from transitions import State
from transitions.extensions.diagrams import GraphMachine

from ._engine.definition import ProcessDefinition
from ._engine.model import Lang, Text
from ._engine.pathway import Pathway

__all__ = ["mermaid"]


class _Model:
    """A throwaway model: ``GraphMachine`` draws the graph of a model it holds."""


class _LabelledState(State):
    """A state with a ``label``: transitions' markup, and so every engine, draws it."""

    def __init__(self, name: str, *, label: str) -> None:
        super().__init__(name)
        self.label = label


def _edges(definition: ProcessDefinition) -> list[dict[str, str]]:
    """The declared edges in a stable order, less the start edge each format draws its own way."""
    return [
        {"trigger": trigger, "source": source, "dest": dest}
        for trigger, source, dest in sorted(definition.edges, key=lambda e: (e[0], str(e[1])))
        if source is not None
    ]


def _highlight(graph: Any, pathway: Pathway | None) -> None:
    """Style *pathway*'s path with transitions' own marks for a model's last transition.

    Every transition the history took is ``previous`` (its source state too), and the
    current state is ``active``; without a pathway nothing is highlighted.
    """
    graph.reset_styling()
    if pathway is None:
        return
    for event in pathway.history:
        if event.source is not None:
            graph.set_previous_transition(event.source, event.dest)
    graph.set_node_style(pathway.state, "active")


def _graph(
    definition: ProcessDefinition,
    *,
    pathway: Pathway | None,
    engine: Literal["mermaid", "graphviz"],
    name: Callable[[Text], str],
) -> Any:
    """transitions' graph of *definition* in *engine*, states and title named by *name*.

    Raises:
        ValueError: *pathway* runs on another definition, or *name* refuses a text.
    """
    if pathway is not None and pathway.definition != definition:
        msg = "the pathway runs on another definition"
        raise ValueError(msg)
    states = [_LabelledState(s, label=name(definition.state(s).label)) for s in definition.states]
    model = _Model()
    machine = GraphMachine(
        model=model,
        states=states,
        initial=definition.initial,
        transitions=_edges(definition),
        graph_engine=engine,
        auto_transitions=False,
        title=name(definition.label),
    )
    graph = machine.model_graphs[id(model)]
    _highlight(graph, pathway)
    return graph.get_graph()


def mermaid(
    definition: ProcessDefinition, *, lang: Lang = "en", pathway: Pathway | None = None
) -> str:
    """The definition as a Mermaid ``stateDiagram-v2``, state names in *lang*.

    Every declared edge is drawn; parallel edges between two states share one arrow
    with their triggers joined by ``|``. With *pathway*, its current state and the
    states of its history are highlighted.

    Raises:
        ValueError: *pathway* runs on another definition, or *lang* is unknown.
    """

    def name(text: Text) -> str:
        # Mermaid has no escape for a double quote inside a quoted label.
        return text.get(lang).replace('"', "'")

    drawn: str = _graph(definition, pathway=pathway, engine="mermaid", name=name).source
    lines = drawn.splitlines()
    lines.extend(f"  {final} --> [*]" for final in definition.finals)
    return "\n".join(lines) + "\n"
