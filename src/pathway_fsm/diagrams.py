"""Mermaid and DOT state diagrams of any definition, drawn by ``transitions``' own engines.

:func:`mermaid` needs nothing more than ``transitions``. :func:`dot` needs the pure-Python
``graphviz`` package (the ``diagrams`` extra), but never the graphviz binary: it returns
the DOT source and renders nothing. States and edges carry their fi/sv/en names; given a
pathway, its current state and the states it has passed through get the ``active`` and
``previous`` styles that ``transitions`` itself defines, and each edge it took is
numbered with its steps in order (``1.``, ``2.``, ...), so the path reads without colour.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from typing import Any, Literal, cast

from transitions import State
from transitions.extensions.diagrams import GraphMachine, TransitionGraphSupport

from ._engine.definition import ProcessDefinition
from ._engine.model import Lang, Text
from ._engine.pathway import Pathway
from .errors import PathwayDataError, require

__all__ = ["dot", "mermaid"]

# The start point of a DOT diagram, named like Mermaid's start marker.
_START = "[*]"


class _Model:
    """A throwaway model: ``GraphMachine`` draws the graph of a model it holds."""


class _LabelledState(State):
    """A state with a ``label``: transitions' markup, and so every engine, draws it."""

    def __init__(self, name: str, *, label: str) -> None:
        super().__init__(name)
        self.label = label


class _LabelledTransition(TransitionGraphSupport):
    """A transition with a ``label``: transitions' engines draw it instead of the trigger id."""

    def __init__(self, *args: Any, label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label = label


class _LabelledGraphMachine(GraphMachine):
    """transitions' ``GraphMachine`` whose edges carry their labels."""

    transition_cls = _LabelledTransition


def _steps(pathway: Pathway[Any, Any] | None) -> dict[tuple[str, str | None, str], list[int]]:
    """The history's step numbers (1-based) of each ``(trigger, source, dest)`` it took."""
    taken: dict[tuple[str, str | None, str], list[int]] = {}
    for number, event in enumerate(pathway.history if pathway is not None else (), start=1):
        taken.setdefault((event.trigger, event.source, event.dest), []).append(number)
    return taken


def _edge_label(label: str, steps: list[int]) -> str:
    """*label* prefixed with the step numbers a path took it at: ``"1. 3. Open"``."""
    return " ".join([*(f"{n}." for n in steps), label])


def _edges(
    definition: ProcessDefinition[Any, Any],
    name: Callable[[Text], str],
    taken: dict[tuple[str, str | None, str], list[int]],
) -> list[dict[str, str]]:
    """The declared edges in a stable order, less the start edge each format draws its own way."""
    return [
        {
            "trigger": trigger,
            "source": source,
            "dest": dest,
            "label": _edge_label(
                name(definition.transition(trigger).label), taken.get((trigger, source, dest), [])
            ),
        }
        for trigger, source, dest in sorted(definition.edges, key=lambda e: (e[0], str(e[1])))
        if source is not None
    ]


def _highlight(graph: Any, pathway: Pathway[Any, Any] | None) -> None:
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


def _drawn(
    definition: ProcessDefinition[Any, Any], pathway: Pathway[Any, Any] | None
) -> ProcessDefinition[Any, Any]:
    """The definition to draw: *pathway*'s own, when it runs any profile of *definition*.

    Raises:
        PathwayDataError: an argument is malformed, or *pathway* runs another process.
    """
    require(definition, ProcessDefinition, "definition")
    require(pathway, (Pathway, type(None)), "pathway")
    if pathway is None:
        return definition
    if pathway.definition.name != definition.name:
        raise PathwayDataError([("pathway", "runs on another process")])
    return pathway.definition


def _graph(
    definition: ProcessDefinition[Any, Any],
    *,
    pathway: Pathway[Any, Any] | None,
    engine: Literal["mermaid", "graphviz"],
    name: Callable[[Text], str],
) -> Any:
    """transitions' graph of *definition* in *engine*, states and title named by *name*.

    Raises:
        PathwayDataError: *pathway* runs on another definition, or *name* refuses a text.
    """
    definition = _drawn(definition, pathway)
    states = [_LabelledState(s, label=name(definition.state(s).label)) for s in definition.states]
    model = _Model()
    machine = _LabelledGraphMachine(
        model=model,
        states=states,
        initial=definition.initial,
        transitions=_edges(definition, name, _steps(pathway)),
        graph_engine=engine,
        auto_transitions=False,
        title=name(definition.label),
    )
    graph = machine.model_graphs[id(model)]
    _highlight(graph, pathway)
    return graph.get_graph()


def mermaid(
    definition: ProcessDefinition[Any, Any],
    *,
    lang: Lang = "en",
    pathway: Pathway[Any, Any] | None = None,
) -> str:
    """The definition as a Mermaid ``stateDiagram-v2``, state names in *lang*.

    Every declared edge is drawn, named by its trigger's label in *lang*; parallel edges
    between two states share one arrow with their labels joined by ``|``. With
    *pathway* (under any profile: its own definition is drawn), its current state and
    the states of its history are highlighted and each edge it took is numbered.

    Raises:
        PathwayDataError: *definition* or *pathway* is malformed, *pathway* runs
            another process, or *lang* is unknown.
    """

    def name(text: Text) -> str:
        # Mermaid has no escape for a double quote inside a quoted label.
        return text.get(lang).replace('"', "'")

    definition = _drawn(definition, pathway)
    drawn: str = _graph(definition, pathway=pathway, engine="mermaid", name=name).source
    lines = drawn.splitlines()
    # transitions writes the title as a bare line of front matter, which Mermaid reads as
    # no title at all; Mermaid wants YAML, and a JSON string is a YAML string.
    if lines[:1] == ["---"] and lines[2:3] == ["---"]:
        lines[1] = f"title: {json.dumps(lines[1], ensure_ascii=False)}"
    lines.extend(f"  {final} --> [*]" for final in definition.finals)
    return "\n".join(lines) + "\n"


def dot(
    definition: ProcessDefinition[Any, Any],
    *,
    lang: Lang = "en",
    pathway: Pathway[Any, Any] | None = None,
) -> str:
    """The definition as Graphviz DOT source, state names in *lang*.

    Drawn by ``transitions``' graphviz engine: parallel edges between two states share
    one edge with their triggers joined by ``|``, and the start edge comes from a point,
    as transitions draws the initial state of a nested machine. Edges carry their
    trigger's label in *lang*. With *pathway* (under any profile: its own definition is
    drawn), its current state and the states and edges of its history are highlighted
    and each edge it took is numbered with its steps. Nothing is
    rendered, so no graphviz binary is needed.

    Raises:
        ImportError: the ``graphviz`` package is missing (install the ``diagrams`` extra).
        PathwayDataError: *definition* or *pathway* is malformed, *pathway* runs
            another process, or *lang* is unknown.
    """
    try:
        # transitions would silently fall back to mermaid without it.
        importlib.import_module("graphviz")
    except ImportError:
        msg = "dot() needs the graphviz package: pip install 'pathway-fsm[diagrams]'"
        raise ImportError(msg) from None
    definition = _drawn(definition, pathway)
    graph = _graph(definition, pathway=pathway, engine="graphviz", name=lambda t: t.get(lang))
    # transitions' stub types its nested style tables as a union of str and dicts.
    edge_styles = cast("dict[str, dict[str, str]]", GraphMachine.style_attributes["edge"])
    # Every pathway's history begins with the start edge, so it takes the "previous" style too.
    style = edge_styles["previous"] if pathway is not None else {}
    graph.node(_START, shape="point", fillcolor="black", width="0.1")
    taken = _steps(pathway)
    for trigger, dest in sorted((t, d) for t, s, d in definition.edges if s is None):
        label = _edge_label(
            definition.transition(trigger).label.get(lang), taken.get((trigger, None, dest), [])
        )
        graph.edge(_START, dest, label=label, **style)
    source: str = graph.source
    return source
