"""journey.end_service: a service's ending and the journey step it calls for, together."""

from __future__ import annotations

import copy
from datetime import date

import pytest

import pathway_fsm as pf
from pathway_fsm import Actor, Role, journey, typ

OFFICE = Actor("ea-17", Role.EMPLOYMENT_AUTHORITY)
COUNTY = Actor("wc-3", Role.WELLBEING_COUNTY)
EVERYONE = frozenset({Role.EMPLOYMENT_AUTHORITY, Role.WELLBEING_COUNTY, Role.KELA})
END = date(2025, 5, 6)
NO_ROOM = pf.ReasonKind(
    "host.no_room", pf.Text("Ei tilaa.", "Inget rum.", "No room could be booked.")
)


def typ_at_ratkaise(hooks: pf.Hooks | None = None) -> pf.Pathway:
    """A TYP pathway with the final assessment recorded, ready for ``end``."""
    t = typ.definition(profile="381/2023").start("client-9", at=date(2025, 1, 8), by=OFFICE)
    t.fire(
        "admit",
        at=date(2025, 1, 8),
        by=OFFICE,
        multidisciplinary_need=True,
        work_capacity_limitations=True,
        solvable_by_consultation=False,
    )
    t.fire("begin_resolution", at=date(2025, 5, 5), by=OFFICE)
    t.fire(
        "record_final_assessment",
        at=date(2025, 5, 5),
        by=OFFICE,
        participants=EVERYONE | {Role.CLIENT},
    )
    return t if hooks is None else t.with_hooks(hooks)


def a_journey(hooks: pf.Hooks | None = None) -> pf.Pathway:
    """A journey whose one open service is TYP; *hooks* attach after its start."""
    j = journey.definition().start(
        "client-9", at=date(2025, 1, 8), by=OFFICE, party=Role.EMPLOYMENT_AUTHORITY, service="typ"
    )
    return j if hooks is None else j.with_hooks(hooks)


def stored(*pathways: pf.Pathway) -> list[object]:
    return [copy.deepcopy(pf.to_dict(p)) for p in pathways]


def test_h1_only_service_without_further_service_closes_the_journey() -> None:
    """TYP as the client's only service, ending with no further service, closes the
    journey with no_further_service instead of being refused as the last service."""
    j, t = a_journey(), typ_at_ratkaise()
    ended, step = journey.end_service(
        j, t, at=END, by=OFFICE, handover_id="h-1", decided_by=EVERYONE, no_further_service=True
    )
    assert ("end", "close_journey") == (ended.trigger, step.trigger)
    assert ("ended", "closed") == (t.state, j.state)
    assert journey.Closure.NO_FURTHER_SERVICE == step.data.closure


def test_h1_one_of_several_services_is_closed_alone() -> None:
    """With another service open, only the TYP service is closed, with the code."""
    j, t = a_journey(), typ_at_ratkaise()
    j.fire(
        "enter_service", at=date(2025, 2, 1), by=COUNTY, party=Role.WELLBEING_COUNTY, service="ktt"
    )
    _, step = journey.end_service(
        j, t, at=END, by=OFFICE, handover_id="h-1", decided_by=EVERYONE, no_further_service=True
    )
    assert "close_service" == step.trigger
    assert "active" == j.state
    assert ["ktt"] == [r.service for r in j.context.open_services]


def test_h3_ending_with_a_next_party_proposes_the_handover() -> None:
    """An ending that names the next party and service proposes that handover."""
    j, t = a_journey(), typ_at_ratkaise()
    _, step = journey.end_service(
        j,
        t,
        at=END,
        by=OFFICE,
        handover_id="h-1",
        decided_by=EVERYONE,
        next_party=Role.WELLBEING_COUNTY,
        next_service="ktt",
    )
    assert "propose_handover" == step.trigger
    (proposed,) = j.context.handovers
    assert (Role.WELLBEING_COUNTY, "ktt", "typ") == (
        proposed.proposal.to_party,
        proposed.proposal.to_service,
        proposed.proposal.from_service,
    )


def test_h1_journey_guard_refusal_leaves_both_unchanged() -> None:
    """A journey step its guards refuse vetoes the service's ending; nothing changes."""
    j, t = a_journey(), typ_at_ratkaise()
    j.fire(
        "enter_service", at=date(2025, 2, 1), by=COUNTY, party=Role.WELLBEING_COUNTY, service="ktt"
    )
    before = stored(j, t)
    with pytest.raises(pf.TransitionRefused) as refused:  # the county holds no "ktt2"
        journey.end_service(
            j,
            t,
            at=END,
            by=OFFICE,
            handover_id="h-1",
            name="ktt2",
            decided_by=EVERYONE,
            no_further_service=True,
        )
    assert "journey.service_not_open" in [r.code for r in refused.value.reasons]
    assert before == stored(j, t)


def test_h3_journey_before_hook_veto_leaves_both_unchanged() -> None:
    """A journey before-hook's veto of the handover leaves TYP and the journey as they were."""
    hooks = pf.Hooks().before(lambda p, e: NO_ROOM(), trigger="propose_handover")
    j, t = a_journey(hooks), typ_at_ratkaise()
    before = stored(j, t)
    with pytest.raises(pf.TransitionRefused) as refused:
        journey.end_service(
            j,
            t,
            at=END,
            by=OFFICE,
            handover_id="h-1",
            decided_by=EVERYONE,
            next_party=Role.WELLBEING_COUNTY,
        )
    assert ["host.no_room"] == [r.code for r in refused.value.reasons]
    assert before == stored(j, t)


def test_h3_service_refusal_never_reaches_the_journey() -> None:
    """A refused ``end`` (or the service's own veto) leaves the journey untouched."""
    hooks = pf.Hooks().before(lambda p, e: NO_ROOM(), trigger="end")
    j, t = a_journey(), typ_at_ratkaise(hooks)
    before = stored(j, t)
    with pytest.raises(pf.TransitionRefused):
        journey.end_service(
            j, t, at=END, by=OFFICE, handover_id="h-1", decided_by=EVERYONE, no_further_service=True
        )
    with pytest.raises(pf.TransitionRefused):
        journey.end_service(
            j,
            typ_at_ratkaise(),
            at=END,
            by=OFFICE,
            handover_id="h-1",
            decided_by=frozenset({Role.KELA}),
            no_further_service=True,
        )
    assert before == stored(j, t)


def test_after_hooks_run_on_the_service_and_failures_keep_both_events() -> None:
    """A failing journey after-hook raises HookFailed once both events are recorded."""
    seen: list[str] = []

    def boom(p: pf.Pathway, e: pf.Event) -> None:
        msg = "mail server down"
        raise RuntimeError(msg)

    j = a_journey(pf.Hooks().after(boom))
    t = typ_at_ratkaise(pf.Hooks().after(lambda p, e: seen.append(p.state)))
    with pytest.raises(pf.HookFailed):
        journey.end_service(
            j, t, at=END, by=OFFICE, handover_id="h-1", decided_by=EVERYONE, no_further_service=True
        )
    assert ("ended", "closed") == (t.state, j.state)
    assert "ended" == seen[-1]
    assert t == pf.from_dict(pf.to_dict(t))


@pytest.mark.parametrize(
    ("journey_", "handover_id", "name", "field"),
    [
        ("x", "h-1", None, "$.journey"),
        (None, " ", None, "$.handover_id"),
        (None, "h-1", 5, "$.name"),
    ],
)
def test_end_service_refuses_malformed_calls(
    journey_: object, handover_id: str, name: object, field: str
) -> None:
    """Malformed arguments are a PathwayDataError naming the field; nothing changes."""
    t = typ_at_ratkaise()
    with pytest.raises(pf.PathwayDataError) as error:
        journey.end_service(
            a_journey() if journey_ is None else journey_,  # type: ignore[arg-type]
            t,
            at=END,
            by=OFFICE,
            handover_id=handover_id,
            name=name,  # type: ignore[arg-type]
            decided_by=EVERYONE,
            no_further_service=True,
        )
    assert field in [p for p, _ in error.value.errors]
    assert "ratkaise" == t.state


def test_end_service_refuses_a_service_that_is_not_a_pathway() -> None:
    """A service that is not a Pathway is a PathwayDataError naming it."""
    with pytest.raises(pf.PathwayDataError) as error:
        journey.end_service(
            a_journey(),
            "typ",  # type: ignore[arg-type]
            at=END,
            by=OFFICE,
            handover_id="h-1",
        )
    assert ["$.service"] == [p for p, _ in error.value.errors]


@pytest.mark.parametrize("hooks", [pf.Hooks().after(lambda p, e: None), None])
def test_a_journey_hook_firing_on_the_service_is_reentrant(hooks: pf.Hooks | None) -> None:
    """A journey hook firing on the ending service (hooks or none) is refused; none change."""
    t = typ_at_ratkaise(hooks)

    def meddle(p: pf.Pathway, e: pf.Event) -> None:
        t.fire("end", at=END, by=OFFICE, decided_by=EVERYONE, no_further_service=True)

    j = a_journey(pf.Hooks().before(meddle))
    before = stored(j, t)
    with pytest.raises(pf.ReentrantFire):
        journey.end_service(
            j, t, at=END, by=OFFICE, handover_id="h-1", decided_by=EVERYONE, no_further_service=True
        )
    assert before == stored(j, t)


def test_a_concurrent_fire_on_the_service_is_stale() -> None:
    """A fire recorded on the service while the journey step runs makes the ending stale."""
    t = typ_at_ratkaise()
    ran: list[int] = []

    def overtake(p: pf.Pathway, e: pf.Event) -> None:
        ran.append(t.seq)

    j = a_journey(pf.Hooks().after(overtake))
    ended, _ = journey.end_service(
        j, t, at=END, by=OFFICE, handover_id="h-1", decided_by=EVERYONE, no_further_service=True
    )
    assert [ended.seq - 1] == ran  # the journey's after-hook sees the service before its commit
