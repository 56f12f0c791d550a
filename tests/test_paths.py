"""Model-based paths of the testing kit: every path of every shipped definition runs."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings

import pathway_fsm as pf
from pathway_fsm.testing import Path, Step, paths

SHIPPED = pf.definitions()

SHORTEST = [
    pytest.param(path, id=f"{name}-{path.state}")
    for name, definition in sorted(SHIPPED.items())
    for path in paths(definition)
]

# Every edge of these definitions has a path whose data the kit draws quickly.
EDGES = [
    pytest.param(path, id=f"{name}-{'-'.join(path.triggers[1:])}")
    for name in (
        "handover",
        "ips",
        "kemi",
        "ktt",
        "kohti_tyota",
        "work_activity",
        "employment_support",
        "social_rehabilitation",
    )
    for path in paths(SHIPPED[name], kind="edges")
]

FEW = settings(max_examples=3, suppress_health_check=[HealthCheck.too_slow], deadline=None)


@pytest.mark.parametrize("path", SHORTEST)
def test_shortest_path_to_every_state_is_accepted(path: Path) -> None:
    """Each shortest path's drawn steps are accepted and end in the path's state."""

    @FEW
    @given(path.strategy())
    def run(steps: list[pf.testing.StepData]) -> None:
        assert path.state == path.play(steps).state

    run()


@pytest.mark.parametrize("path", EDGES)
def test_every_edge_path_is_accepted(path: Path) -> None:
    """Each edge-covering path's drawn steps are accepted and end in the path's state."""

    @FEW
    @given(path.strategy())
    def run(steps: list[pf.testing.StepData]) -> None:
        assert path.state == path.play(steps).state

    run()


def test_shortest_paths_reach_every_state() -> None:
    """``kind="shortest"`` gives one path per state, each starting with the start trigger."""
    for definition in SHIPPED.values():
        found = list(paths(definition))
        assert sorted(definition.states) == sorted(p.state for p in found)
        assert all(
            p.steps[0] == Step(definition.start_spec.trigger, None, definition.initial)
            for p in found
        )


def test_edge_paths_cover_every_edge() -> None:
    """``kind="edges"`` paths together take every declared edge."""
    for definition in SHIPPED.values():
        taken = {
            (s.trigger, s.source, s.dest) for p in paths(definition, kind="edges") for s in p.steps
        }
        assert set(definition.edges) == taken


def test_simple_paths_visit_no_state_twice_and_respect_max_length() -> None:
    """``kind="simple"`` paths never revisit a state and are at most *max_length* long."""
    found = list(paths(SHIPPED["typ"], kind="simple", max_length=3))
    assert found
    for path in found:
        states = [s.dest for s in path.steps]
        assert len(set(states)) == len(states)
        assert len(path.steps) <= 3
        for before, after in zip(path.steps, path.steps[1:], strict=False):
            assert before.dest == after.source


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "longest"}, "kind"),
        ({"max_length": 0}, "max_length"),
        ({"max_length": "3"}, "max_length"),
    ],
)
def test_bad_arguments_name_the_field(kwargs: dict[str, object], field: str) -> None:
    """A wrong kind or max_length is a PathwayDataError naming it."""
    with pytest.raises(pf.PathwayDataError) as caught:
        list(paths(SHIPPED["typ"], **kwargs))  # type: ignore[arg-type]
    assert [field] == [f for f, _ in caught.value.errors]


def test_not_a_definition_is_refused() -> None:
    """Anything but a ProcessDefinition is a PathwayDataError."""
    with pytest.raises(pf.PathwayDataError):
        list(paths("typ"))  # type: ignore[arg-type]


def test_play_refuses_steps_that_leave_the_path(ea: pf.Actor) -> None:
    """Steps of another path are refused, naming the step that left it."""
    typ = SHIPPED["typ"]
    short = {p.state: p for p in paths(typ)}
    steps = [("admit", {}, date(2025, 1, 8), ea)]
    with pytest.raises(pf.PathwayDataError):
        short["tunnista"].play(steps)
