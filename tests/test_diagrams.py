"""Every shipped definition renders to Mermaid with all its states and edges (issue 6)."""

from __future__ import annotations

import re
from datetime import date

import pytest

import pathway_fsm as pf
from pathway_fsm import diagrams, phases, typ

DEFINITIONS = list(pf.definitions().values())
STATE = re.compile(r'^\s*state "([^"]+)" as (\S+)$')
EDGE = re.compile(r"^\s*(\S+) --> (\S+?)(?:: (.+))?$")


def parse(text: str) -> tuple[dict[str, str], set[tuple[str, str | None, str]]]:
    """The states (name -> label) and the (trigger, source, dest) edges of a diagram."""
    states: dict[str, str] = {}
    edges: set[tuple[str, str | None, str]] = set()
    for line in text.splitlines():
        if (found := STATE.match(line)) is not None:
            states[found.group(2)] = found.group(1)
        elif (found := EDGE.match(line)) is not None:
            source, dest, triggers = found.groups()
            if source == "[*]":
                edges.add(("<start>", None, dest))
            elif dest != "[*]":
                edges.update((t.strip(), source, dest) for t in triggers.split("|"))
    return states, edges


@pytest.mark.parametrize("definition", DEFINITIONS, ids=[d.name for d in DEFINITIONS])
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_state_and_edge_is_drawn(definition: pf.ProcessDefinition, lang: pf.Lang) -> None:
    """Parsing the diagram gives back exactly the definition's states and edges."""
    states, edges = parse(diagrams.mermaid(definition, lang=lang))
    assert set(definition.states) == set(states)
    for name, label in states.items():
        assert definition.state(name).label.get(lang).replace('"', "'") == label
    start = {(t, s, d) for t, s, d in definition.edges if s is None}
    expected = {e for e in definition.edges if e[1] is not None}
    assert expected | {("<start>", None, d) for _, _, d in start} == edges


def test_pathway_current_and_visited_states_are_highlighted() -> None:
    """The current state is s_active, states the history passed through s_previous."""
    ea = pf.Actor("ea-1", pf.Role.EMPLOYMENT_AUTHORITY)
    pathway = phases.definition().start("c-1", at=date(2025, 1, 8), by=ea)
    pathway.fire(
        "to_phase_1",
        at=date(2025, 1, 8),
        by=ea,
        assessment={"assessed_on": "2025-01-08", "needs": [{"id": "capacity", "phase": 1}]},
    )
    text = diagrams.mermaid(pathway.definition, pathway=pathway)
    assert "Class phase_1 s_active" in text
    assert "Class assessment s_previous" in text
    assert "Class phase_2 s_default" in text
    assert "[*] --> assessment" in text


def test_title_is_the_definition_label() -> None:
    """The diagram's title is the process name in the chosen language."""
    text = diagrams.mermaid(typ.definition(), lang="sv")
    assert typ.definition().label.sv in text.splitlines()[1]


def test_pathway_of_another_definition_is_refused() -> None:
    """A pathway can only be drawn on its own definition."""
    ea = pf.Actor("ea-1", pf.Role.EMPLOYMENT_AUTHORITY)
    pathway = phases.definition().start("c-1", at=date(2025, 1, 8), by=ea)
    with pytest.raises(ValueError, match="another definition"):
        diagrams.mermaid(typ.definition(), pathway=pathway)
    with pytest.raises(ValueError, match="lang"):
        diagrams.mermaid(typ.definition(), lang="de")  # type: ignore[arg-type]
