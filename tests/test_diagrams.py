"""Every shipped definition renders to Mermaid and DOT with all its states and edges (issue 6)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from transitions.extensions.diagrams import GraphMachine

import pathway_fsm as pf
from pathway_fsm import diagrams, phases, typ
from pathway_fsm.testing import process_definitions

DEFINITIONS = list(pf.definitions().values())
STATE = re.compile(r'^\s*state "([^"]+)" as (\S+)$')
EDGE = re.compile(r"^\s*(\S+) --> (\S+?)(?:: (.+))?$")
# A DOT id as the graphviz package writes it: a quoted string or a bare word.
DOT_ID = r'"(?:[^"\\]|\\.)*"|[^\s"\[\]=]+'
DOT_EDGE = re.compile(rf"^\t({DOT_ID}) -> ({DOT_ID}) \[(.*)\]$")
DOT_NODE = re.compile(rf"^\t({DOT_ID}) \[(.*)\]$")
DOT_ATTR = re.compile(rf"({DOT_ID})=({DOT_ID})")
STYLES = GraphMachine.style_attributes


GROUP = re.compile(r'^\s*state "([^"]+)" as (\S+) \{$')


def parse(text: str) -> tuple[dict[str, str], set[tuple[str, str | None, str]]]:
    """The states (name -> label) and the (trigger, source, dest) edges of a diagram.

    A grouped diagram's composite holds its members: its title's loops are a self-loop on
    each of them, and each arrow from its exit state an edge from each of them.
    """
    states: dict[str, str] = {}
    edges: set[tuple[str, str | None, str]] = set()
    members: dict[str, list[str]] = {}
    loops: dict[str, list[str]] = {}
    inside: str | None = None
    arrows: list[tuple[str, str, str | None]] = []
    for line in text.splitlines():
        if (found := GROUP.match(line)) is not None:
            title, inside = found.groups()
            members[inside] = []
            _, _, looped = title.partition(": ")
            loops[inside] = [t.strip() for t in looped.split("|")] if looped else []
        elif line.strip() == "}":
            inside = None
        elif (found := STATE.match(line)) is not None:
            states[found.group(2)] = found.group(1)
            if inside is not None:
                members[inside].append(found.group(2))
        elif (found := EDGE.match(line)) is not None:
            source, dest, triggers = found.groups()
            arrows.append((source, dest, triggers))
    for group, names in members.items():
        del states[f"{group}_exit"]
        edges.update((t, s, s) for t in loops[group] for s in names)
    for source, dest, triggers in arrows:
        if source == "[*]":
            edges.add(("<start>", None, dest))
        elif source in members:
            assert (f"{source}_exit", None) == (dest, triggers)
        elif dest != "[*]":
            assert triggers is not None
            sources = members.get(source.removesuffix("_exit"), [source])
            sources = sources if source.endswith("_exit") else [source]
            edges.update((t.strip(), s, dest) for t in triggers.split("|") for s in sources)
    return states, edges


def unquote(word: str) -> str:
    """A DOT id or attribute value without its quotes and escapes."""
    if word.startswith('"'):
        return re.sub(r'\\(["\\])', r"\1", word[1:-1])
    return word


def parse_dot(
    text: str,
) -> tuple[dict[str, dict[str, str]], dict[tuple[str, str], dict[str, str]]]:
    """The attributes of each node and of each (source, dest) edge of DOT source."""
    nodes: dict[str, dict[str, str]] = {}
    edges: dict[tuple[str, str], dict[str, str]] = {}

    def attrs(text: str) -> dict[str, str]:
        return {unquote(k): unquote(v) for k, v in DOT_ATTR.findall(text)}

    for line in text.splitlines():
        if (found := DOT_EDGE.match(line)) is not None:
            source, dest, found_attrs = found.groups()
            edges[unquote(source), unquote(dest)] = attrs(found_attrs)
        elif (found := DOT_NODE.match(line)) is not None:
            name, found_attrs = found.groups()
            if name not in {"graph", "node", "edge"}:  # the default attribute statements
                nodes[unquote(name)] = attrs(found_attrs)
    return nodes, edges


def dot_states_and_edges(text: str) -> tuple[dict[str, str], set[tuple[str, str | None, str]]]:
    """The states (name -> label) and the (trigger, source, dest) edges of DOT source."""
    nodes, edges = parse_dot(text)
    assert "point" == nodes.pop("[*]")["shape"]
    states = {name: attrs["label"].removesuffix("\\l") for name, attrs in nodes.items()}
    return states, {
        (trigger.strip(), None if source == "[*]" else source, dest)
        for (source, dest), attrs in edges.items()
        for trigger in attrs["label"].split("|")
    }


def edge_name(definition: pf.ProcessDefinition, trigger: str, lang: pf.Lang) -> str:
    """The edge label a diagram draws for *trigger*: its label in *lang*."""
    return definition.transition(trigger).label.get(lang).replace('"', "'")


def in_phase_1() -> pf.Pathway:
    """A Kohti työtä pathway moved from the assessment into phase 1."""
    ea = pf.Actor("ea-1", pf.Role.EMPLOYMENT_AUTHORITY)
    pathway = phases.definition().start("c-1", at=date(2025, 1, 8), by=ea)
    pathway.fire(
        "to_phase_1",
        at=date(2025, 1, 8),
        by=ea,
        assessment={"assessed_on": "2025-01-08", "needs": [{"id": "capacity", "phase": 1}]},
    )
    return pathway


@pytest.mark.parametrize("definition", DEFINITIONS, ids=[d.name for d in DEFINITIONS])
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("group_any", [None, True, False])
def test_every_state_and_edge_is_drawn(
    definition: pf.ProcessDefinition, lang: pf.Lang, group_any: bool | None
) -> None:
    """Parsing the diagram, grouped or not, gives back exactly the definition's states and edges."""
    states, edges = parse(diagrams.mermaid(definition, lang=lang, group_any=group_any))
    assert set(definition.states) == set(states)
    for name, label in states.items():
        assert definition.state(name).label.get(lang).replace('"', "'") == label
    start = {(t, s, d) for t, s, d in definition.edges if s is None}
    expected = {
        (edge_name(definition, t, lang), s, d) for t, s, d in definition.edges if s is not None
    }
    assert expected | {("<start>", None, d) for _, _, d in start} == edges


def test_pathway_current_and_visited_states_are_highlighted() -> None:
    """The current state is s_active, states the history passed through s_previous."""
    pathway = in_phase_1()
    text = diagrams.mermaid(pathway.definition, pathway=pathway)
    assert "Class phase_1 s_active" in text
    assert "Class assessment s_previous" in text
    assert "Class phase_2 s_default" in text
    assert "[*] --> assessment" in text


def test_title_is_the_definition_label() -> None:
    """The diagram's title is the process name in the chosen language."""
    text = diagrams.mermaid(typ.definition(), lang="sv")
    assert f'title: "{typ.definition().label.sv}"' == text.splitlines()[1]


def test_pathway_of_another_definition_is_refused() -> None:
    """A pathway can only be drawn on its own definition."""
    ea = pf.Actor("ea-1", pf.Role.EMPLOYMENT_AUTHORITY)
    pathway = phases.definition().start("c-1", at=date(2025, 1, 8), by=ea)
    with pytest.raises(ValueError, match="another process"):
        diagrams.mermaid(typ.definition(), pathway=pathway)
    with pytest.raises(ValueError, match="lang"):
        diagrams.mermaid(typ.definition(), lang="de")  # type: ignore[arg-type]


class TestDot:
    """``diagrams.dot`` draws through transitions' graphviz engine."""

    @pytest.mark.parametrize("definition", DEFINITIONS, ids=[d.name for d in DEFINITIONS])
    @pytest.mark.parametrize("lang", ["fi", "sv", "en"])
    def test_every_state_and_edge_is_drawn(
        self, definition: pf.ProcessDefinition, lang: pf.Lang
    ) -> None:
        """Parsing the DOT source gives back exactly the states, their labels and the edges."""
        states, edges = dot_states_and_edges(diagrams.dot(definition, lang=lang))
        assert {s: definition.state(s).label.get(lang) for s in definition.states} == states
        assert {(edge_name(definition, t, lang), s, d) for t, s, d in definition.edges} == edges

    def test_title_is_the_definition_label(self) -> None:
        """The graph's label is the process name in the chosen language."""
        text = diagrams.dot(typ.definition(), lang="fi")
        assert f'label="{typ.definition().label.fi}"' in text.splitlines()[1]

    def test_without_pathway_nothing_is_highlighted(self) -> None:
        """Without a pathway, no state or edge carries a style of its own."""
        nodes, edges = parse_dot(diagrams.dot(typ.definition()))
        del nodes["[*]"]
        assert all({"label"} == set(attrs) for attrs in nodes.values())
        assert all({"label"} == set(attrs) for attrs in edges.values())

    def test_pathway_current_and_visited_are_highlighted(self) -> None:
        """The current state is active, and the states and edges the history took previous."""
        pathway = in_phase_1()
        nodes, edges = parse_dot(diagrams.dot(pathway.definition, pathway=pathway))
        assert STYLES["node"]["active"].items() <= nodes["phase_1"].items()
        assert STYLES["node"]["previous"].items() <= nodes["assessment"].items()
        assert {"label"} == set(nodes["phase_2"])
        taken = {("[*]", "assessment"), ("assessment", "phase_1")}
        for edge in taken:
            assert STYLES["edge"]["previous"].items() <= edges[edge].items()
        assert all({"label"} == set(edges[e]) for e in edges.keys() - taken)

    def test_current_state_stays_active_when_revisited(self) -> None:
        """A state the history left and came back to is active, and its self-loop previous."""
        ea = pf.Actor("ea-1", pf.Role.EMPLOYMENT_AUTHORITY)
        pathway = phases.definition().start("c-1", at=date(2025, 1, 8), by=ea)
        pathway.fire(
            "reassess",
            at=date(2025, 1, 8),
            by=ea,
            assessed_on="2025-01-08",
            needs=[{"id": "care", "phase": 0}],
        )
        nodes, edges = parse_dot(diagrams.dot(pathway.definition, pathway=pathway))
        assert STYLES["node"]["active"].items() <= nodes["assessment"].items()
        assert STYLES["edge"]["previous"].items() <= edges["assessment", "assessment"].items()

    def test_pathway_of_another_definition_is_refused(self) -> None:
        """A pathway can only be drawn on its own definition, and only in fi, sv or en."""
        pathway = in_phase_1()
        with pytest.raises(ValueError, match="another process"):
            diagrams.dot(typ.definition(), pathway=pathway)
        with pytest.raises(ValueError, match="lang"):
            diagrams.dot(typ.definition(), lang="de")  # type: ignore[arg-type]

    def test_same_input_same_text(self) -> None:
        """Drawing again, or in a process with other hash seeds, gives the same text."""
        pathway = in_phase_1()
        assert diagrams.dot(phases.definition(), pathway=pathway) == diagrams.dot(
            phases.definition(), pathway=pathway
        )
        script = (
            "import json, pathway_fsm as pf; from pathway_fsm import diagrams; "
            "print(json.dumps({n: [diagrams.dot(d), diagrams.mermaid(d)] "
            "for n, d in pf.definitions().items()}))"
        )
        here = {n: [diagrams.dot(d), diagrams.mermaid(d)] for n, d in pf.definitions().items()}
        for seed in ("0", "1"):
            env = {**os.environ, "PYTHONHASHSEED": seed}
            run = subprocess.run(
                [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
            )
            assert here == json.loads(run.stdout)

    def test_missing_graphviz_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without the graphviz package, dot() says which extra to install."""
        monkeypatch.setitem(sys.modules, "graphviz", None)
        with pytest.raises(ImportError, match=re.escape("pip install 'pathway-fsm[diagrams]'")):
            diagrams.dot(typ.definition())

    def test_package_and_mermaid_need_no_graphviz(self) -> None:
        """The package imports and draws Mermaid in a process where graphviz cannot be imported."""
        # A fresh process: transitions remembers a failed graphviz import for good.
        script = (
            "import sys; sys.modules['graphviz'] = None; "
            "import pathway_fsm as pf; from pathway_fsm import diagrams, typ; "
            "print(diagrams.mermaid(typ.definition()))"
        )
        run = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        )
        assert run.stdout.startswith("---")


def test_edges_carry_the_trigger_label_in_lang() -> None:
    """An edge is named by its trigger's fi label, not by the trigger id."""
    text = diagrams.mermaid(typ.definition(), lang="fi")
    assert typ.definition().transition("begin_resolution").label.fi in text
    assert "begin_resolution" not in text


def test_path_edges_are_numbered_in_order() -> None:
    """The edges a pathway took carry its step numbers, in Mermaid and in DOT."""
    pathway = in_phase_1()
    defn = pathway.definition
    step_2 = f"2. {defn.transition('to_phase_1').label.en}"
    _, edges = parse(diagrams.mermaid(defn, pathway=pathway))
    assert (step_2, "assessment", "phase_1") in edges
    _, dot_edges = parse_dot(diagrams.dot(defn, pathway=pathway))
    assert f"1. {defn.transition('open').label.en}" == dot_edges["[*]", "assessment"]["label"]
    assert step_2 in dot_edges["assessment", "phase_1"]["label"]


def test_pathway_under_another_profile_draws_its_own_definition() -> None:
    """A pathway of a non-default TYP profile draws on the default definition's name."""
    other = typ.definition(profile="381/2023")
    ea = pf.Actor("ea-1", pf.Role.EMPLOYMENT_AUTHORITY)
    pathway = other.start("c-1", at=date(2025, 3, 3), by=ea)
    text = diagrams.mermaid(typ.definition(), pathway=pathway)
    assert "Class tunnista s_active" in text
    assert diagrams.dot(other, pathway=pathway) == diagrams.dot(typ.definition(), pathway=pathway)


class TestGroupAny:
    """``group_any`` draws the edges that leave many states once, from a composite state."""

    def test_p1_kohti_tyota_groups_its_phases_by_default(self) -> None:
        """The four phases sit in one composite; work, studies and closure leave it once."""
        text = diagrams.mermaid(phases.definition(), lang="en")
        assert 1 == text.count(" as any_of {")
        assert "  any_of --> any_of_exit" in text
        assert "  any_of_exit --> working: Leave for open-market work" in text
        assert not any(re.match(r"^\s*phase_\d --> working", line) for line in text.splitlines())
        assert "in each also: End a service | Reassess the needs | Start a service" in text
        assert text == diagrams.mermaid(phases.definition(), lang="en", group_any=True)

    def test_small_diagrams_are_not_grouped_by_default(self) -> None:
        """Definitions of at most GROUP_ABOVE edges draw flat unless asked."""
        for definition in DEFINITIONS:
            if definition.name != "kohti_tyota":
                assert len(definition.edges) <= diagrams.GROUP_ABOVE + 1
                assert "{" not in diagrams.mermaid(definition)
        assert "{" not in diagrams.mermaid(phases.definition(), group_any=False)

    def test_a_definition_without_a_shared_group_draws_the_same_grouped(self) -> None:
        """With no three states sharing two moves, grouping changes nothing."""
        handover = pf.definitions()["handover"]
        assert diagrams.mermaid(handover) == diagrams.mermaid(handover, group_any=True)

    @pytest.mark.parametrize("lang", ["fi", "sv", "en"])
    def test_group_titles_are_in_lang(self, lang: pf.Lang) -> None:
        """The composite and its exit state are named in the diagram's language."""
        text = diagrams.mermaid(phases.definition(), lang=lang)
        title = {"fi": "Mikä tahansa näistä", "sv": "Vilket som helst av dessa"}.get(
            lang, "Any of these"
        )
        exit_ = {"fi": "Mistä tahansa näistä", "sv": "Från vilket som helst av dessa"}.get(
            lang, "From any of these"
        )
        assert f'state "{title}; ' in text
        assert f'state "{exit_}" as any_of_exit' in text

    def test_p1_a_grouped_edge_a_pathway_took_carries_its_step(self) -> None:
        """Finding work from phase 1 numbers the one arrow out of the group."""
        ea = pf.Actor("ea-1", pf.Role.EMPLOYMENT_AUTHORITY)
        pathway = in_phase_1()
        pathway.fire(
            "reassess",
            at=date(2025, 1, 9),
            by=ea,
            assessed_on="2025-01-09",
            needs=[{"id": "capacity", "phase": 1}],
        )
        pathway.fire("find_work", at=date(2025, 2, 1), by=ea)
        text = diagrams.mermaid(pathway.definition, pathway=pathway)
        assert "any_of_exit --> working: 4. Leave for open-market work" in text
        assert "; in each also: End a service | 3. Reassess the needs | Start a service" in text
        assert "Class working s_active" in text

    def test_group_id_never_takes_a_state_name(self) -> None:
        """A definition with states named like the group gets another group id."""
        assert "any_of" == diagrams._group_id(phases.definition())
        taken = SimpleNamespace(states=("any_of", "any_of__exit"))
        assert "any_of__" == diagrams._group_id(taken)  # type: ignore[arg-type]

    @pytest.mark.parametrize("value", ["yes", 1, [True]])
    def test_group_any_must_be_a_boolean_or_none(self, value: object) -> None:
        """Anything else is named as the bad field."""
        with pytest.raises(pf.PathwayDataError) as caught:
            diagrams.mermaid(phases.definition(), group_any=value)  # type: ignore[arg-type]
        assert ["group_any"] == [path for path, _ in caught.value.errors]

    @settings(max_examples=20, deadline=None)
    @given(process_definitions(), st.sampled_from(["fi", "sv", "en"]))
    def test_any_grouped_diagram_gives_back_its_edges(
        self, definition: pf.ProcessDefinition, lang: pf.Lang
    ) -> None:
        """Grouped or not, a shipped definition's diagram parses back to the same edges."""
        assert parse(diagrams.mermaid(definition, lang=lang, group_any=False)) == parse(
            diagrams.mermaid(definition, lang=lang, group_any=True)
        )
