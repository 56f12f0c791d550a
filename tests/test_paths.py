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

# TYP's edge paths to a review in Ratkaise go there straight from Suunnittele, with no
# plan made, so T9/T10 refuse every draw (typ.review.no_plan); they go through the plan.
TYP_REVIEWS = ("review_plan", "request_review", "decline_review_request")
TYP_UNPLANNED = ("start", "admit", "begin_resolution")
TYP_EDGES = [
    pytest.param(path, id=f"typ-{'-'.join(path.triggers[1:])}")
    for path in paths(SHIPPED["typ"], kind="edges")
    if not (path.triggers[:-1] == TYP_UNPLANNED and path.triggers[-1] in TYP_REVIEWS)
]
TYP_PLANNED = ("start", "admit", "make_plan", "begin_resolution")


def typ_planned_review(trigger: str) -> Path:
    """Admission, the plan, Ratkaise, then *trigger* (a review, its request or its decline)."""
    states = ("tunnista", "suunnittele", "valmenna", "ratkaise")
    steps = [Step(t, s, d) for t, s, d in zip(TYP_PLANNED, (None, *states), states, strict=False)]
    return Path(SHIPPED["typ"], (*steps, Step(trigger, "ratkaise", "ratkaise")))


def journey_path(*triggers: str) -> Path:
    """The journey's start, then *triggers*, each staying active but ``close_journey``."""
    steps = [Step("start", None, "active")]
    steps += [Step(t, "active", "closed" if t == "close_journey" else "active") for t in triggers]
    return Path(SHIPPED["journey"], tuple(steps))


# The journey's edge paths are one step each: the kit finds the proposal an answer needs
# only by drawn detours (minutes a path). These put every prerequisite on the path.
JOURNEY_EDGES = [
    journey_path("propose_handover", "accept_handover", "complete_handover"),
    journey_path("propose_handover", "decline_handover"),
    journey_path("propose_handover", "withdraw_handover"),
    journey_path("propose_handover", "expire_handover"),
    journey_path("enter_service", "close_service", "close_journey"),
]

FEW = settings(max_examples=3, suppress_health_check=[HealthCheck.too_slow], deadline=None)
ONE = settings(
    max_examples=1,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    deadline=None,
)


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


@pytest.mark.parametrize("path", TYP_EDGES)
def test_typ_every_edge_path_the_kit_can_draw_is_accepted(path: Path) -> None:
    """Each TYP edge path but the three unplanned reviews is drawn and accepted."""

    @FEW
    @given(path.strategy())
    def run(steps: list[pf.testing.StepData]) -> None:
        assert path.state == path.play(steps).state

    run()


def test_t10_the_unplanned_review_paths_are_the_ones_left_out() -> None:
    """Exactly three TYP edge paths are left out: reviews in Ratkaise without a plan."""
    left_out = [
        p.triggers for p in paths(SHIPPED["typ"], kind="edges") if p.triggers[:-1] == TYP_UNPLANNED
    ]
    assert {(*TYP_UNPLANNED, t) for t in TYP_REVIEWS} <= set(left_out)
    assert len(list(paths(SHIPPED["typ"], kind="edges"))) - 3 == len(TYP_EDGES)


@pytest.mark.parametrize("trigger", TYP_REVIEWS)
def test_t9_t10_a_review_in_ratkaise_is_drawn_through_the_plan(trigger: str) -> None:
    """With the plan made first, the review, its request and its decline in Ratkaise run."""
    path = typ_planned_review(trigger)

    @FEW
    @given(path.strategy())
    def run(steps: list[pf.testing.StepData]) -> None:
        pathway = path.play(steps)
        assert ("ratkaise", trigger) == (pathway.state, pathway.history[-1].trigger)

    run()


@pytest.mark.parametrize(
    "path", JOURNEY_EDGES, ids=["-".join(p.triggers[1:]) for p in JOURNEY_EDGES]
)
def test_h1_h2_every_journey_edge_is_drawn_on_a_path_that_prepares_it(path: Path) -> None:
    """Handover answers after a proposal, closures after a second service: all accepted."""

    @ONE
    @given(path.strategy())
    def run(steps: list[pf.testing.StepData]) -> None:
        assert path.state == path.play(steps).state

    run()


def test_h1_h2_the_journey_paths_take_every_journey_edge() -> None:
    """Together the prepared journey paths fire every declared journey edge."""
    taken = {(s.trigger, s.source, s.dest) for p in JOURNEY_EDGES for s in p.steps}
    assert set(SHIPPED["journey"].edges) == taken
