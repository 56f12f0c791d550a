"""Mermaid state diagrams of any definition, drawn by ``transitions``' own mermaid engine.

:func:`mermaid` needs no graphviz binary. States carry their fi/sv/en names; given a
pathway, its current state is marked ``s_active`` and the states it has passed through
``s_previous``, the classes ``transitions`` itself defines.
"""

from __future__ import annotations

import re

from transitions.extensions.diagrams import GraphMachine

from ._engine.definition import ProcessDefinition
from ._engine.model import Lang, Text
from ._engine.pathway import Pathway

__all__ = ["mermaid"]

_STATE_LINE = re.compile(r'^(\s*)state "([^"]*)" as (\S+)$')
_CLASS_LINE = re.compile(r"^(\s*)Class (\S+) s_\w+$")


class _Model:
    """A throwaway model: ``GraphMachine`` draws the graph of a model it holds."""


def _label(text: Text, lang: Lang) -> str:
    return text.get(lang).replace('"', "'")


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
    title = _label(definition.label, lang)
    if pathway is not None and pathway.definition != definition:
        msg = "the pathway runs on another definition"
        raise ValueError(msg)
    current = pathway.state if pathway is not None else definition.initial
    edges = [
        {"trigger": trigger, "source": source, "dest": dest}
        for trigger, source, dest in sorted(definition.edges, key=lambda e: (e[0], str(e[1])))
        if source is not None  # the start edge is drawn as the [*] arrow
    ]
    machine = GraphMachine(
        model=_Model(),
        states=list(definition.states),
        initial=current,
        transitions=edges,
        graph_engine="mermaid",
        auto_transitions=False,
        title=title,
    )
    drawn = machine.models[0].get_graph().draw(None)
    assert drawn is not None  # the mermaid engine returns the text when given no file
    visited = {e.dest for e in pathway.history} if pathway is not None else set()
    lines: list[str] = []
    for line in drawn.splitlines():
        if (found := _STATE_LINE.match(line)) is not None:
            indent, _, name = found.groups()
            line = f'{indent}state "{_label(definition.state(name).label, lang)}" as {name}'
        elif (found := _CLASS_LINE.match(line)) is not None:
            indent, name = found.groups()
            if pathway is None:
                kind = "default"
            elif name == current:
                kind = "active"
            else:
                kind = "previous" if name in visited else "default"
            line = f"{indent}Class {name} s_{kind}"
        elif line.strip().startswith("[*] -->"):
            line = f"  [*] --> {definition.initial}"
        lines.append(line)
    lines.extend(f"  {final} --> [*]" for final in definition.finals)
    return "\n".join(lines) + "\n"
