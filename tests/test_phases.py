"""The Kohti työtä phase rules (P1–P4, D2, D5, D9) against ``pathway_fsm.phases``.

Every test name starts with the id of the rule it checks. Each refusal is checked to leave
the pathway unchanged (state, context, history and stored form) and to agree with
``check``; each data error is checked to leave the stored form unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

import pytest

import pathway_fsm as pf
from helpers import codes, refused
from pathway_fsm import Actor, Pathway, ProcessDefinition, Role, Text, phases, services
from pathway_fsm._serialization import _BUILT, _stored_policy
from pathway_fsm.phases import Need, NeedAssessment, Phase, PhaseClosure
from pathway_fsm.services import Service, ServiceMap

D0 = date(2025, 1, 8)  # a plain Wednesday
D1 = D0 + timedelta(days=1)
COUNSELLOR_ROLES = (Role.EMPLOYMENT_AUTHORITY, Role.MUNICIPALITY, Role.WELLBEING_COUNTY)
OTHER_ROLES = tuple(r for r in Role if r not in COUNSELLOR_ROLES)
PHASE_STATES = ("phase_0", "phase_1", "phase_2", "phase_3")
LANGS: tuple[pf.Lang, ...] = ("fi", "sv", "en")


# --------------------------------------------------------------------------- helpers


def need(id: str, phase: int, *, met: bool = False) -> dict[str, Any]:
    """One need as trigger data."""
    return {"id": id, "phase": phase, "met": met}


def assessment(*needs: dict[str, Any], on: date = D0) -> dict[str, Any]:
    """A service-need assessment dated *on* as trigger data.

    Without *needs* the client has one open phase-3 need (a job), which holds nothing back
    and lets every move rest on an open need (P2).
    """
    return {"assessed_on": on.isoformat(), "needs": list(needs) or [need("job", 3)]}


def started(d: ProcessDefinition, by: Actor, at: date = D0) -> Pathway:
    """A pathway in ``assessment``, opened on *at*."""
    p = d.start("client-1", at=at, by=by)
    assert "assessment" == p.state
    return p


def placed(
    d: ProcessDefinition,
    by: Actor,
    phase: int,
    *needs: dict[str, Any],
    at: date = D0,
) -> Pathway:
    """A pathway placed straight from the assessment into *phase* with *needs*."""
    p = started(d, by, at)
    p.fire(phases.move_trigger(phase), at=at, by=by, assessment=assessment(*needs, on=at))
    assert f"phase_{phase}" == p.state
    return p


def bad_data(p: Pathway, trigger: str, *, at: date, by: Actor, **data: Any) -> list[str]:
    """Fire *trigger*, expect a data error that changes nothing (check names the same
    fields as reasons); return the error paths."""
    before, context = pf.to_dict(p), p.context
    verdict = p.check(trigger, at=at, by=by, **data)
    with pytest.raises(pf.PathwayDataError) as info:
        p.fire(trigger, at=at, by=by, **data)
    assert before == pf.to_dict(p)
    assert context == p.context
    paths = [path for path, _ in info.value.errors]
    assert {"pathway.invalid_data"} == set(verdict.codes)
    assert paths == [r.params["field"] for r in verdict.reasons]
    return paths


def service(id: str, *phase_numbers: int, referrers: Iterable[Role] = COUNSELLOR_ROLES) -> Service:
    """A test service on *phase_numbers*, named after its id in each language; by default
    every counsellor's party may refer a client to it."""
    return Service(
        id=id,
        name=Text(f"{id} (fi)", f"{id} (sv)", f"{id} (en)"),
        phases=list(phase_numbers),
        provider=Role.EMPLOYMENT_AUTHORITY,
        referrers=list(referrers),
    )


def service_map(*items: Service, municipality: str = "Testilä") -> ServiceMap:
    """A test municipality's map of *items*."""
    return ServiceMap(municipality=municipality, services=items)


def mapped(services: Mapping[str, Iterable[int]], **policy: Any) -> ProcessDefinition:
    """The phase path under *policy*, built with a test map of *services* (id → phases)."""
    items = (service(id, *numbers) for id, numbers in services.items())
    return phases.definition(service_map=service_map(*items), **policy)


def fire_ok(p: Pathway, trigger: str, *, at: date, by: Actor, **data: Any) -> pf.Event:
    """Fire *trigger* after checking that ``check`` agrees it is allowed."""
    assert p.check(trigger, at=at, by=by, **data)
    return p.fire(trigger, at=at, by=by, **data)


# --------------------------------------------------------------------------- P1 phases


def test_p1_states_and_exits() -> None:
    """The definition has the assessment, phases 0–3 and three final exits."""
    d = phases.definition()
    assert ("assessment", *PHASE_STATES, "working", "studying", "closed") == d.states
    assert {"working", "studying", "closed"} == set(d.finals)
    assert "assessment" == d.initial
    assert "kohti_tyota" == d.name == phases.NAME


@pytest.mark.parametrize(
    ("phase", "fi", "sv", "en"),
    [
        (
            Phase.CARE,
            "0 Hoidolliset palvelut ja sosiaalinen kuntoutus",
            "0 Vård och social rehabilitering",
            "0 Care services and social rehabilitation",
        ),
        (
            Phase.REHABILITATION,
            "1 Työhön kuntoutumisen vaihe",
            "1 Rehabilitering mot arbete",
            "1 Rehabilitation towards work",
        ),
        (
            Phase.EMPLOYABILITY,
            "2 Työllistymisvalmiuksien edistämisvaihe",
            "2 Främjande av anställbarhet",
            "2 Promoting employability",
        ),
        (
            Phase.TRANSITION,
            "3 Työhön siirtymisen vaihe",
            "3 Övergång till arbete",
            "3 Transition to work",
        ),
    ],
)
def test_p1_phase_labels_in_three_languages(phase: Phase, fi: str, sv: str, en: str) -> None:
    """Each phase is named in fi/sv/en as in the glossary, and labels its state."""
    assert (fi, sv, en) == (phase.label.fi, phase.label.sv, phase.label.en)
    assert phase.label == phases.definition().state(phase.state).label


@pytest.mark.parametrize("phase", list(Phase))
def test_p1_phase_state_and_move_trigger(phase: Phase) -> None:
    """Phase n is state ``phase_n``, reached by ``to_phase_n``; ints work the same."""
    assert f"phase_{phase.value}" == phase.state
    assert f"to_phase_{phase.value}" == phases.move_trigger(phase)
    assert phases.move_trigger(phase) == phases.move_trigger(int(phase))
    assert phase.state == phases.definition().transition(phases.move_trigger(phase)).dest


def test_p1_phase_numbers_are_0_to_3() -> None:
    """Exactly four phases, numbered 0–3, in order."""
    assert [0, 1, 2, 3] == [int(p) for p in Phase]


@pytest.mark.parametrize("bad", [4, -1])
def test_p1_move_trigger_rejects_other_numbers(bad: int) -> None:
    """There is no phase 4 or -1 to move to: a PathwayDataError (also a ValueError)."""
    with pytest.raises(pf.PathwayDataError, match="phases 0, 1, 2 or 3"):
        phases.move_trigger(bad)


def test_p1_closure_codes() -> None:
    """The coded closures are the stored strings the docs list."""
    assert {"pension", "moved_away", "client_declined", "deceased", "other"} == {
        c.value for c in PhaseClosure
    }


@pytest.mark.parametrize("role", COUNSELLOR_ROLES)
def test_p1_counsellor_parties_may_open_and_place(role: Role) -> None:
    """Employment authority, municipality and wellbeing county counsellors act on the path."""
    by = Actor("c-1", role)
    p = placed(phases.definition(), by, 1)
    assert Phase.REHABILITATION == p.context.phase


# --------------------------------------------------------------------------- P2 progression


def test_p2_forward_one_phase_at_a_time(ea: Actor) -> None:
    """By default to_phase_2 is refused from phase 0 (not declared) and allowed from 1."""
    d = phases.definition()
    p = placed(d, ea, 0)
    assert ("pathway.wrong_state",) == codes(
        refused(p, "to_phase_2", at=D1, by=ea, assessment=assessment(on=D1))
    )
    assert ("pathway.wrong_state",) == codes(
        refused(p, "to_phase_3", at=D1, by=ea, assessment=assessment(on=D1))
    )
    fire_ok(p, "to_phase_1", at=D1, by=ea, assessment=assessment(on=D1))
    fire_ok(p, "to_phase_2", at=D1, by=ea, assessment=assessment(on=D1))
    assert "phase_2" == p.state
    assert ("pathway.wrong_state",) == codes(
        refused(p, "to_phase_2", at=D1, by=ea, assessment=assessment(on=D1))
    )


def test_p2_default_edges_are_one_step_forward_or_any_back() -> None:
    """The declared moves between phases under the default policy."""
    d = phases.definition()
    moves = {(s, t) for trig, s, t in d.edges if trig.startswith("to_phase_") and s != t}
    expected = {("assessment", f"phase_{n}") for n in range(4)}
    expected |= {(f"phase_{a}", f"phase_{b}") for a in range(4) for b in range(4) if b < a}
    expected |= {(f"phase_{a}", f"phase_{a + 1}") for a in range(3)}
    assert expected == moves


@pytest.mark.parametrize(
    ("steps", "source", "target", "allowed"),
    [
        (1, 0, 2, False),
        (2, 0, 2, True),
        (2, 1, 3, True),
        (2, 0, 3, False),
        (3, 0, 3, True),
        (3, 0, 2, True),
        (3, 0, 1, True),
    ],
)
def test_p2_max_forward_steps_allows_skips(
    ea: Actor, steps: int, source: int, target: int, allowed: bool
) -> None:
    """With ``max_forward_steps`` 2 or 3 the longer forward moves are declared (D2)."""
    d = phases.definition(max_forward_steps=steps)
    p = placed(d, ea, source)
    trigger = phases.move_trigger(target)
    if allowed:
        fire_ok(p, trigger, at=D1, by=ea, assessment=assessment(on=D1))
        assert Phase(target) == p.context.phase
    else:
        assert ("pathway.wrong_state",) == codes(
            refused(p, trigger, at=D1, by=ea, assessment=assessment(on=D1))
        )


@pytest.mark.parametrize("target", list(Phase))
def test_p2_placement_from_assessment_into_any_phase(ea: Actor, target: Phase) -> None:
    """From the assessment the client may be placed on any phase."""
    p = started(phases.definition(), ea)
    fire_ok(p, phases.move_trigger(target), at=D0, by=ea, assessment=assessment())
    assert target.state == p.state
    assert target == p.context.phase


@pytest.mark.parametrize(("source", "target"), [(2, 1), (3, 2), (3, 0), (2, 0), (3, 1)])
def test_p2_moving_back_needs_a_reason(ea: Actor, source: int, target: int) -> None:
    """A move to a lower phase without a reason is refused, naming both phases."""
    p = placed(phases.definition(), ea, source)
    reasons = refused(p, phases.move_trigger(target), at=D1, by=ea, assessment=assessment(on=D1))
    assert ("phases.move.back_reason_missing",) == codes(reasons)
    assert {"source": source, "phase": target} == dict(reasons[0].params)
    en = reasons[0].message("en")
    assert f"from phase {source} to phase {target}" in en
    for lang in LANGS:
        assert str(source) in reasons[0].message(lang)
    fire_ok(
        p, phases.move_trigger(target), at=D1, by=ea, assessment=assessment(on=D1), reason="relapse"
    )
    assert Phase(target) == p.context.phase


def test_p2_back_reason_messages_in_three_languages(ea: Actor) -> None:
    """The back-move refusal reads in Finnish, Swedish and English."""
    p = placed(phases.definition(), ea, 2)
    (reason,) = refused(p, "to_phase_1", at=D1, by=ea, assessment=assessment(on=D1))
    assert "Paluu vaiheesta 2 vaiheeseen 1 vaatii kirjatun perustelun." == reason.message("fi")
    assert "Återgång från skede 2 till skede 1 kräver en antecknad motivering." == reason.message(
        "sv"
    )
    assert "Moving back from phase 2 to phase 1 needs a recorded reason." == reason.message("en")


def test_p2_blurred_border_1_to_0_needs_no_reason(ea: Actor) -> None:
    """By default (blurred border) 1 → 0 is free both ways, without a reason."""
    p = placed(phases.definition(), ea, 1)
    fire_ok(p, "to_phase_0", at=D1, by=ea, assessment=assessment(on=D1))
    fire_ok(p, "to_phase_1", at=D1, by=ea, assessment=assessment(on=D1))
    fire_ok(p, "to_phase_0", at=D1, by=ea, assessment=assessment(on=D1))
    assert Phase.CARE == p.context.phase


def test_p2_sharp_border_1_to_0_needs_a_reason(ea: Actor) -> None:
    """With ``blurred_border=False`` the move 1 → 0 needs a reason like any move back."""
    p = placed(phases.definition(blurred_border=False), ea, 1)
    reasons = refused(p, "to_phase_0", at=D1, by=ea, assessment=assessment(on=D1))
    assert ("phases.move.back_reason_missing",) == codes(reasons)
    fire_ok(p, "to_phase_0", at=D1, by=ea, assessment=assessment(on=D1), reason="relapse")
    assert Phase.CARE == p.context.phase


@pytest.mark.parametrize(("source", "target"), [(3, 0), (2, 1), (1, 0)])
def test_p2_back_reason_not_required_by_policy(ea: Actor, source: int, target: int) -> None:
    """``back_reason_required=False`` lifts the reason for every move back."""
    d = phases.definition(back_reason_required=False, blurred_border=False)
    p = placed(d, ea, source)
    fire_ok(p, phases.move_trigger(target), at=D1, by=ea, assessment=assessment(on=D1))
    assert Phase(target) == p.context.phase


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_p2_blank_reason_is_a_data_error(ea: Actor, blank: str) -> None:
    """A blank reason string is malformed data naming ``$.data.reason``."""
    p = placed(phases.definition(), ea, 2)
    paths = bad_data(p, "to_phase_1", at=D1, by=ea, assessment=assessment(on=D1), reason=blank)
    assert ["$.data.reason"] == paths


def test_p2_every_move_records_its_assessment(ea: Actor) -> None:
    """Each move stores its assessment, the new phase and the day in the context."""
    d = phases.definition()
    p = started(d, ea)
    first = assessment(need("capacity", 1), on=D0 - timedelta(days=3))
    fire_ok(p, "to_phase_1", at=D0, by=ea, assessment=first)
    assert NeedAssessment(
        assessed_on=D0 - timedelta(days=3), needs=(Need(id="capacity", phase=Phase(1)),)
    ) == (p.context.assessment)
    assert (Phase.REHABILITATION, D0) == (p.context.phase, p.context.phase_since)
    assert (Need(id="capacity", phase=Phase(1)),) == p.context.needs
    later = D0 + timedelta(days=40)
    second = assessment(need("capacity", 1, met=True), need("skills", 2), on=later)
    fire_ok(p, "to_phase_2", at=later, by=ea, assessment=second)
    assert later == p.context.assessment.assessed_on
    assert (Phase.EMPLOYABILITY, later) == (p.context.phase, p.context.phase_since)
    assert ["capacity", "skills"] == [n.id for n in p.context.needs]
    assert [True, False] == [n.met for n in p.context.needs]
    assert D0 == p.context.opened_on
    assert p.history[-1].data.assessment == p.context.assessment


def test_p2_reassess_records_without_moving(ea: Actor) -> None:
    """``reassess`` replaces the assessment but keeps the phase and its start day."""
    p = placed(phases.definition(), ea, 1, need("capacity", 1))
    later = D0 + timedelta(days=10)
    fire_ok(p, "reassess", at=later, **assessment(need("capacity", 1, met=True), on=later), by=ea)
    assert (Phase.REHABILITATION, D0) == (p.context.phase, p.context.phase_since)
    assert (True,) == tuple(n.met for n in p.context.needs)
    assert "phase_1" == p.history[-1].source == p.history[-1].dest


def test_p2_reassess_before_placement(ea: Actor) -> None:
    """Needs can be assessed in the assessment state, before any placement."""
    p = started(phases.definition(), ea)
    fire_ok(p, "reassess", at=D0, by=ea, **assessment(need("care", 0)))
    assert "assessment" == p.state
    assert p.context.phase is None
    assert ("care",) == tuple(n.id for n in p.context.needs)


def test_p2_phase_history_lists_phase_changes(ea: Actor) -> None:
    """``phase_history`` gives each phase change as (day, phase), skipping internal events."""
    p = started(mapped({"ktt": [1]}), ea)
    days = [D0 + timedelta(days=n) for n in range(7)]
    fire_ok(p, "to_phase_0", at=days[0], by=ea, assessment=assessment(on=days[0]))
    fire_ok(p, "reassess", at=days[1], by=ea, **assessment(on=days[1]))
    fire_ok(p, "to_phase_1", at=days[2], by=ea, assessment=assessment(on=days[2]))
    fire_ok(p, "start_service", at=days[3], by=ea, service_id="ktt")
    fire_ok(p, "to_phase_2", at=days[4], by=ea, assessment=assessment(on=days[4]))
    fire_ok(p, "to_phase_1", at=days[5], by=ea, assessment=assessment(on=days[5]), reason="ill")
    fire_ok(p, "find_work", at=days[6], by=ea)
    assert (
        (days[0], Phase.CARE),
        (days[2], Phase.REHABILITATION),
        (days[4], Phase.EMPLOYABILITY),
        (days[5], Phase.REHABILITATION),
    ) == phases.phase_history(p.history)
    assert () == phases.phase_history(p.history[:1])
    assert () == phases.phase_history(())


@pytest.mark.parametrize(("offset", "ok"), [(0, True), (-1, True), (-400, True), (1, False)])
def test_p2_assessment_date_boundary(ea: Actor, offset: int, ok: bool) -> None:
    """An assessment dated on or before the move's day is accepted; a day after is not."""
    p = started(phases.definition(), ea)
    data = assessment(on=D1 + timedelta(days=offset))
    if ok:
        fire_ok(p, "to_phase_1", at=D1, by=ea, assessment=data)
    else:
        assert ["$.data.assessment.assessed_on"] == bad_data(
            p, "to_phase_1", at=D1, by=ea, assessment=data
        )


def test_p2_reassess_date_after_event_is_a_data_error(ea: Actor) -> None:
    """A reassessment dated after its event names ``$.data.assessed_on``."""
    p = placed(phases.definition(), ea, 1)
    assert ["$.data.assessed_on"] == bad_data(
        p, "reassess", at=D1, by=ea, **assessment(on=D1 + timedelta(days=1))
    )


def test_p2_duplicate_need_ids_are_a_data_error(ea: Actor) -> None:
    """A need id given twice in one assessment names the second one."""
    p = started(phases.definition(), ea)
    data = assessment(need("capacity", 1), need("capacity", 2))
    assert ["$.data.assessment.needs[1].id"] == bad_data(
        p, "to_phase_1", at=D0, by=ea, assessment=data
    )
    data = assessment(need("a", 0), need("b", 1), need("a", 1), need("b", 3))
    assert ["$.data.assessment.needs[2].id", "$.data.assessment.needs[3].id"] == bad_data(
        p, "to_phase_1", at=D0, by=ea, assessment=data
    )
    assert ["$.data.needs[2].id"] == bad_data(
        p, "reassess", at=D0, by=ea, **data | {"needs": data["needs"][:3]}
    )


@pytest.mark.parametrize("trigger", ["find_work", "start_studies"])
@pytest.mark.parametrize("source", list(Phase))
def test_p2_exits_to_work_or_education_from_phases(ea: Actor, trigger: str, source: Phase) -> None:
    """Work and education exits leave from every phase and clear phase and services."""
    p = placed(mapped({"s": [int(source)]}), ea, source, need("x", source))
    fire_ok(p, "start_service", at=D0, by=ea, service_id="s")
    fire_ok(p, trigger, at=D1, by=ea)
    assert {"find_work": "working", "start_studies": "studying"}[trigger] == p.state
    ctx = p.context
    assert (None, (), None, D1) == (ctx.phase, ctx.services, ctx.closure, ctx.exited_on)
    assert ("x",) == tuple(n.id for n in ctx.needs)  # the last assessment stays on record


@pytest.mark.parametrize("trigger", ["find_work", "start_studies"])
def test_p2_no_exit_to_work_or_education_from_assessment(ea: Actor, trigger: str) -> None:
    """Before placement the client cannot leave for work or education."""
    p = started(phases.definition(), ea)
    assert ("pathway.wrong_state",) == codes(refused(p, trigger, at=D0, by=ea))


@pytest.mark.parametrize("closure", list(PhaseClosure))
@pytest.mark.parametrize("source", ["assessment", *PHASE_STATES])
def test_p2_close_from_assessment_or_any_phase(
    ea: Actor, closure: PhaseClosure, source: str
) -> None:
    """A coded closure ends the pathway from the assessment or any phase."""
    d = phases.definition()
    p = started(d, ea) if source == "assessment" else placed(d, ea, int(source[-1]))
    fire_ok(p, "close", at=D1, by=ea, closure=closure.value)
    assert "closed" == p.state
    assert (None, (), closure, D1) == (
        p.context.phase,
        p.context.services,
        p.context.closure,
        p.context.exited_on,
    )


@pytest.mark.parametrize("final", ["find_work", "start_studies", "close"])
def test_p2_nothing_after_an_exit(ea: Actor, final: str) -> None:
    """Final states accept no further moves."""
    p = placed(phases.definition(), ea, 2)
    data = {"closure": "pension"} if final == "close" else {}
    fire_ok(p, final, at=D1, by=ea, **data)
    for trigger in ("to_phase_2", "reassess", "start_service", "close"):
        spec_data: dict[str, Any] = {
            "to_phase_2": {"assessment": assessment(on=D1)},
            "reassess": assessment(on=D1),
            "start_service": {"service_id": "work_trial"},
            "close": {"closure": "other"},
        }[trigger]
        assert "pathway.wrong_state" in codes(refused(p, trigger, at=D1, by=ea, **spec_data))


def test_p2_unknown_closure_is_a_data_error(ea: Actor) -> None:
    """A closure code outside PhaseClosure is malformed data."""
    p = placed(phases.definition(), ea, 1)
    assert ["$.data.closure"] == bad_data(p, "close", at=D1, by=ea, closure="lottery")


# --------------------------------------------------------------------------- P3 priority


@pytest.mark.parametrize(
    ("needs", "target", "blocking"),
    [
        ([need("capacity", 1)], 2, "capacity"),
        ([need("capacity", 1)], 3, "capacity"),
        ([need("skills", 2)], 3, "skills"),
        ([need("care", 0)], 2, "care"),
        ([need("care", 0)], 3, "care"),
        ([need("skills", 2), need("capacity", 1)], 3, "capacity"),
        ([need("b", 1), need("a", 1)], 2, "a"),
    ],
)
def test_p3_placement_refused_while_lower_need_open(
    ea: Actor, needs: list[dict[str, Any]], target: int, blocking: str
) -> None:
    """Placement above an open lower-phase need is refused, naming the most basic need."""
    p = started(phases.definition(), ea)
    reasons = refused(p, phases.move_trigger(target), at=D0, by=ea, assessment=assessment(*needs))
    assert ("phases.move.lower_need_open",) == codes(reasons)
    assert blocking == reasons[0].params["need"]
    assert target == reasons[0].params["phase"]


def test_p3_forward_move_refused_while_lower_need_open(ea: Actor) -> None:
    """A one-step forward move waits for the open need of the current phase."""
    p = placed(phases.definition(), ea, 1, need("capacity", 1))
    data = assessment(need("capacity", 1), need("skills", 2), on=D1)
    reasons = refused(p, "to_phase_2", at=D1, by=ea, assessment=data)
    assert ("phases.move.lower_need_open",) == codes(reasons)
    assert {"need": "capacity", "need_phase": 1, "phase": 2} == dict(reasons[0].params)


def test_p3_lower_need_message_in_three_languages(ea: Actor) -> None:
    """The refusal names the need, its phase and the target phase in fi/sv/en."""
    p = started(phases.definition(), ea)
    (reason,) = refused(
        p, "to_phase_3", at=D0, by=ea, assessment=assessment(need("substance_treatment", 0))
    )
    fi, sv, en = (reason.message(lang) for lang in LANGS)
    assert (
        "Perustavampi tarve 'substance_treatment' (vaihe 0) on vielä avoinna: "
        "siirtyminen vaiheeseen 3 ei ole vielä mahdollista." == fi
    )
    assert "'substance_treatment' (skede 0)" in sv
    assert "övergång till skede 3" in sv
    assert (
        "The more basic need 'substance_treatment' (phase 0) is still open: "
        "the client cannot move to phase 3 yet." == en
    )


def test_p3_met_need_does_not_block(ea: Actor) -> None:
    """A met lower-phase need does not hold back a move."""
    p = started(phases.definition(), ea)
    data = assessment(need("care", 0, met=True), need("capacity", 1, met=True), need("job", 3))
    fire_ok(p, "to_phase_3", at=D0, by=ea, assessment=data)
    assert Phase.TRANSITION == p.context.phase


def test_p3_needs_of_same_or_higher_phase_do_not_block(ea: Actor) -> None:
    """Open needs of the target phase or above do not block the move."""
    p = placed(phases.definition(), ea, 1)
    fire_ok(p, "to_phase_2", at=D1, by=ea, assessment=assessment(need("s", 2), need("j", 3), on=D1))


def test_p3_blurred_border_phase_0_need_allows_phase_1(ea: Actor) -> None:
    """With the blurred border an open phase-0 need does not hold back phase 1 ..."""
    d = phases.definition()
    p = started(d, ea)
    fire_ok(p, "to_phase_1", at=D0, by=ea, assessment=assessment(need("care", 0)))
    q = placed(d, ea, 0, need("care", 0))
    fire_ok(q, "to_phase_1", at=D1, by=ea, assessment=assessment(need("care", 0), on=D1))


def test_p3_blurred_border_phase_0_need_blocks_phase_2(ea: Actor) -> None:
    """... but it does hold back phase 2, even one step up from phase 1."""
    p = placed(phases.definition(), ea, 1, need("care", 0))
    reasons = refused(p, "to_phase_2", at=D1, by=ea, assessment=assessment(need("care", 0), on=D1))
    assert ("phases.move.lower_need_open",) == codes(reasons)
    assert "care" == reasons[0].params["need"]


def test_p3_sharp_border_phase_0_need_blocks_phase_1(ea: Actor) -> None:
    """With ``blurred_border=False`` an open phase-0 need holds back phase 1 too."""
    d = phases.definition(blurred_border=False)
    p = started(d, ea)
    reasons = refused(p, "to_phase_1", at=D0, by=ea, assessment=assessment(need("care", 0)))
    assert ("phases.move.lower_need_open",) == codes(reasons)
    q = placed(d, ea, 0, need("care", 0))
    assert ("phases.move.lower_need_open",) == codes(
        refused(q, "to_phase_1", at=D1, by=ea, assessment=assessment(need("care", 0), on=D1))
    )


def test_p3_move_checks_the_new_assessment_not_the_old(ea: Actor) -> None:
    """The move rests on the assessment it carries: a need met there no longer blocks."""
    p = placed(phases.definition(), ea, 1, need("capacity", 1))
    fire_ok(
        p,
        "to_phase_2",
        at=D1,
        by=ea,
        assessment=assessment(need("capacity", 1, met=True), need("skills", 2), on=D1),
    )


@pytest.mark.parametrize("source", [None, 0, 1, 2])
def test_p2_forward_move_rests_on_an_open_need(ea: Actor, source: int | None) -> None:
    """A placement or forward move whose assessment shows no open need is refused."""
    d = phases.definition()
    p = started(d, ea) if source is None else placed(d, ea, source)
    target = 0 if source is None else source + 1
    for needs in ([], [need("capacity", 1, met=True), need("job", 3, met=True)]):
        reasons = refused(
            p,
            phases.move_trigger(target),
            at=D1,
            by=ea,
            assessment={"assessed_on": D1.isoformat(), "needs": needs},
        )
        assert ("phases.move.no_open_need",) == codes(reasons)
        assert {"phase": target} == dict(reasons[0].params)
        assert all(str(target) in reasons[0].message(lang) for lang in LANGS)
    fire_ok(p, phases.move_trigger(target), at=D1, by=ea, assessment=assessment(on=D1))


def test_p2_moving_back_needs_no_open_need(ea: Actor) -> None:
    """A move back rests on its reason: an assessment with every need met does not stop it."""
    p = placed(phases.definition(), ea, 2)
    fire_ok(
        p,
        "to_phase_1",
        at=D1,
        by=ea,
        assessment={"assessed_on": D1.isoformat(), "needs": []},
        reason="work capacity fell",
    )
    assert Phase.REHABILITATION == p.context.phase


def test_p3_moving_back_is_not_blocked_by_needs(ea: Actor) -> None:
    """A move down towards an open need is never held back by it."""
    p = placed(phases.definition(), ea, 3)
    fire_ok(
        p, "to_phase_2", at=D1, by=ea, assessment=assessment(need("care", 0), on=D1), reason="r"
    )


PAY_SUBSIDY = Text("Palkkatuki", "Lönesubvention", "Pay subsidy")
WORK_TRIAL = Text("Työkokeilu", "Arbetsprövning", "Work trial")


def test_p3_primary_service_held_back_by_lower_need(ea: Actor) -> None:
    """A primary phase-3 service is refused while a phase-1 need is open, naming both; the
    service is named by its name on the map, its id kept for machines."""
    p = placed(phases.definition(), ea, 1, need("capacity", 1), need("job", 3))
    reasons = refused(p, "start_service", at=D1, by=ea, service_id="pay_subsidy")
    assert ("phases.service.lower_need_open",) == codes(reasons)
    assert {
        "service": PAY_SUBSIDY,
        "service_id": "pay_subsidy",
        "service_phase": 3,
        "need": "capacity",
        "need_phase": 1,
    } == dict(reasons[0].params)
    for lang in LANGS:
        message = reasons[0].message(lang)
        assert f"'{PAY_SUBSIDY.get(lang)}'" in message
        assert "'capacity'" in message
        assert "pay_subsidy" not in message
    assert reasons[0].message("en").startswith("Service 'Pay subsidy' (phase 3) cannot be primary")
    assert reasons[0].message("fi").startswith("Palvelu 'Palkkatuki' (vaihe 3) ei voi olla")
    assert reasons[0].message("sv").startswith("Tjänsten 'Lönesubvention' (skede 3) kan inte")


def test_p3_secondary_service_is_not_held_back(ea: Actor) -> None:
    """The same service may start as a secondary service, with no note."""
    p = placed(mapped({"w": [3]}), ea, 1, need("capacity", 1))
    verdict = p.check("start_service", at=D1, by=ea, service_id="w", primary=False)
    assert (True, ()) == (verdict.allowed, verdict.notes)
    p.fire("start_service", at=D1, by=ea, service_id="w", primary=False)
    (active,) = p.context.services
    assert ("w", frozenset({Phase.TRANSITION}), False, D1) == (
        active.service_id,
        active.phases,
        active.primary,
        active.since,
    )


def test_p3_override_allows_primary_with_a_note(ea: Actor) -> None:
    """A recorded override lets the primary service start, with a priority note."""
    p = placed(mapped({"w": [2]}), ea, 1, need("capacity", 1))
    data: dict[str, Any] = {"service_id": "w", "override": "client's wish"}
    verdict = p.check("start_service", at=D1, by=ea, **data)
    assert verdict.allowed
    assert ("phases.service.priority_overridden",) == tuple(n.code for n in verdict.notes)
    assert {
        "service": Text("w (fi)", "w (sv)", "w (en)"),
        "service_id": "w",
        "need": "capacity",
        "need_phase": 1,
    } == dict(verdict.notes[0].params)
    for lang in LANGS:
        assert "'capacity'" in verdict.notes[0].message(lang)
        assert f"'w ({lang})'" in verdict.notes[0].message(lang)
    p.fire("start_service", at=D1, by=ea, **data)
    assert p.context.services[0].primary
    assert "client's wish" == p.history[-1].data.override


def test_p3_override_without_need_gives_no_note(ea: Actor) -> None:
    """An override that was not needed adds no priority note."""
    p = placed(mapped({"w": [2]}), ea, 2, need("skills", 2))
    verdict = p.check("start_service", at=D1, by=ea, service_id="w", override="x")
    assert (True, ()) == (verdict.allowed, verdict.notes)


@pytest.mark.parametrize("blank", ["", "  "])
def test_p3_blank_override_is_a_data_error(ea: Actor, blank: str) -> None:
    """An override must say something."""
    p = placed(mapped({"w": [2]}), ea, 1, need("capacity", 1))
    assert ["$.data.override"] == bad_data(
        p, "start_service", at=D1, by=ea, service_id="w", override=blank
    )


def test_p3_spanning_service_is_primary_ok(ea: Actor) -> None:
    """A service spanning phases 1–3 may be primary while a phase-1 need is open."""
    p = placed(phases.definition(), ea, 1, need("capacity", 1), need("job", 3))
    verdict = p.check("start_service", at=D1, by=ea, service_id="ips_job_coaching")
    assert (True, ()) == (verdict.allowed, verdict.notes)
    p.fire("start_service", at=D1, by=ea, service_id="ips_job_coaching")
    assert frozenset(Phase) - {Phase.CARE} == p.context.services[0].phases


@pytest.mark.parametrize(
    ("blurred", "service_phases", "allowed"),
    [
        (True, [1], True),
        (True, [1, 2, 3], True),
        (True, [2], False),
        (False, [1], False),
        (False, [0, 1], True),
    ],
)
def test_p3_service_and_the_blurred_border(
    ea: Actor, blurred: bool, service_phases: list[int], allowed: bool
) -> None:
    """An open phase-0 need holds back phase-1 services only with a sharp border."""
    d = mapped({"s": service_phases}, blurred_border=blurred)
    p = placed(d, ea, 0, need("care", 0))
    if allowed:
        fire_ok(p, "start_service", at=D1, by=ea, service_id="s")
    else:
        reasons = refused(p, "start_service", at=D1, by=ea, service_id="s")
        assert ("phases.service.lower_need_open",) == codes(reasons)
        assert min(service_phases) == reasons[0].params["service_phase"]


def test_p3_service_guard_uses_the_latest_assessment(ea: Actor) -> None:
    """After a reassessment marks the need met, the service may start as primary."""
    p = placed(phases.definition(), ea, 1, need("capacity", 1))
    refused(p, "start_service", at=D1, by=ea, service_id="work_trial")
    fire_ok(p, "reassess", at=D1, by=ea, **assessment(need("capacity", 1, met=True), on=D1))
    fire_ok(p, "start_service", at=D1, by=ea, service_id="work_trial")


def test_p3_service_already_active_and_not_active(ea: Actor) -> None:
    """A service cannot start twice, nor end when the client is not in it."""
    p = placed(mapped({"ktt": [1], "other": [1]}), ea, 1)
    ktt = {"service": Text("ktt (fi)", "ktt (sv)", "ktt (en)"), "service_id": "ktt"}
    reasons = refused(p, "end_service", at=D0, by=ea, service_id="ktt")
    assert ("phases.service.not_active",) == codes(reasons)
    assert ktt == dict(reasons[0].params)
    assert "'ktt (fi)'" in reasons[0].message("fi")
    fire_ok(p, "start_service", at=D0, by=ea, service_id="ktt")
    reasons = refused(p, "start_service", at=D1, by=ea, service_id="ktt", primary=False)
    assert ("phases.service.already_active",) == codes(reasons)
    assert ktt == dict(reasons[0].params)
    assert "'ktt (sv)'" in reasons[0].message("sv")
    fire_ok(p, "start_service", at=D1, by=ea, service_id="other")
    assert ("ktt", "other") == tuple(s.service_id for s in p.context.services)
    fire_ok(p, "end_service", at=D1, by=ea, service_id="ktt")
    assert ("other",) == tuple(s.service_id for s in p.context.services)
    assert ("phases.service.not_active",) == codes(
        refused(p, "end_service", at=D1, by=ea, service_id="ktt")
    )
    fire_ok(p, "start_service", at=D1, by=ea, service_id="ktt")


def test_p3_ending_a_service_not_on_the_map_names_its_id(ea: Actor) -> None:
    """An id the map does not have was never started: it is shown as the id itself."""
    p = placed(mapped({"ktt": [1]}), ea, 1)
    (reason,) = refused(p, "end_service", at=D1, by=ea, service_id="gone")
    assert ("phases.service.not_active", {"service": "gone", "service_id": "gone"}) == (
        reason.code,
        dict(reason.params),
    )
    assert "The client is not in service 'gone'." == reason.message("en")


def test_p3_services_only_in_a_phase(ea: Actor) -> None:
    """Services start and end only once the client is on a phase."""
    p = started(mapped({"s": [0]}), ea)
    assert ("pathway.wrong_state",) == codes(
        refused(p, "start_service", at=D0, by=ea, service_id="s")
    )
    assert ("pathway.wrong_state",) == codes(
        refused(p, "end_service", at=D0, by=ea, service_id="s")
    )


def test_p3_services_survive_phase_moves(ea: Actor) -> None:
    """Moving between phases keeps the services the client is in."""
    p = placed(mapped({"ips": [1, 2, 3]}), ea, 1)
    fire_ok(p, "start_service", at=D0, by=ea, service_id="ips")
    fire_ok(p, "to_phase_2", at=D1, by=ea, assessment=assessment(on=D1))
    assert ("ips",) == tuple(s.service_id for s in p.context.services)


# --------------------------------------------------------------------------- P3 the map decides


@pytest.mark.parametrize("service_id", ["no_such_service", "Work_trial", "work trial"])
def test_p3_unknown_service_is_refused(ea: Actor, service_id: str) -> None:
    """An id the definition's map does not have is refused, whatever the data says, and
    the refusal names the id and the map's municipality."""
    p = placed(phases.definition(), ea, 1, need("capacity", 1))
    for data in ({}, {"primary": False}, {"override": "client's wish"}):
        reasons = refused(p, "start_service", at=D1, by=ea, service_id=service_id, **data)
        assert ("phases.service.unknown",) == codes(reasons)
        assert {"service_id": service_id, "municipality": "typical"} == dict(reasons[0].params)
    (reason,) = reasons
    assert f"Service '{service_id}' is not on the service map (typical)." == reason.message("en")
    assert f"Palvelua '{service_id}' ei ole palvelukartalla (typical)." == reason.message("fi")
    assert f"Tjänsten '{service_id}' finns inte på servicekartan (typical)." == reason.message("sv")
    assert () == p.context.services


def test_p3_unknown_service_is_judged_by_the_definitions_own_map(ea: Actor) -> None:
    """A typical service is unknown to a municipality whose map lacks it, and the other
    way round; the start is refused before any other rule of the service is looked at."""
    custom = mapped({"ktt": [1]})
    p = placed(custom, ea, 1, need("capacity", 1))
    (reason,) = refused(p, "start_service", at=D1, by=ea, service_id="work_trial")
    assert {"service_id": "work_trial", "municipality": "Testilä"} == dict(reason.params)
    q = placed(phases.definition(), ea, 1, need("capacity", 1))
    assert ("phases.service.unknown",) == codes(
        refused(q, "start_service", at=D1, by=ea, service_id="ktt")
    )
    fire_ok(p, "start_service", at=D1, by=ea, service_id="ktt")
    client = Actor("client", Role.CLIENT)
    assert ("pathway.role_not_allowed", "phases.service.unknown") == codes(
        refused(p, "start_service", at=D1, by=client, service_id="nothing")
    )


@pytest.mark.parametrize("given", [[1], [1, 2], [2], [], [0, 1, 2, 3], "1", None, {"phase": 1}])
def test_p3_phases_come_from_the_map(ea: Actor, given: Any) -> None:
    """The bypass is gone: data that names the service's phases is malformed, so a
    phase-2 service cannot pass as phase 1; the map's phase decides."""
    p = placed(phases.definition(), ea, 1, need("capacity", 1), need("skills", 2))
    assert ["$.data.phases"] == bad_data(
        p, "start_service", at=D1, by=ea, service_id="work_trial", phases=given
    )
    with pytest.raises(pf.PathwayDataError) as info:
        p.fire("start_service", at=D1, by=ea, service_id="work_trial", phases=given)
    assert (("$.data.phases", "unexpected field"),) == info.value.errors
    (reason,) = refused(p, "start_service", at=D1, by=ea, service_id="work_trial")
    assert ("phases.service.lower_need_open", 2, WORK_TRIAL) == (
        reason.code,
        reason.params["service_phase"],
        reason.params["service"],
    )


def test_p3_the_maps_phases_decide_and_are_kept(ea: Actor) -> None:
    """The same id is held back on one map and primary on another, and the context keeps
    the phases of the map it started under."""
    needs = (need("capacity", 1), need("skills", 2))
    typical = placed(phases.definition(), ea, 1, *needs)
    assert ("phases.service.lower_need_open",) == codes(
        refused(typical, "start_service", at=D1, by=ea, service_id="work_trial")
    )
    local = placed(mapped({"work_trial": [1, 2]}), ea, 1, *needs)
    fire_ok(local, "start_service", at=D1, by=ea, service_id="work_trial")
    (active,) = local.context.services
    assert frozenset({Phase.REHABILITATION, Phase.EMPLOYABILITY}) == active.phases
    fire_ok(typical, "start_service", at=D1, by=ea, service_id="ips_job_coaching")
    assert services.typical_map().service("ips_job_coaching").phases == (
        typical.context.services[0].phases
    )
    stored = pf.to_dict(local)["history"][-1]["data"]
    assert {"service_id": "work_trial", "primary": True, "override": None} == stored


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.EMPLOYMENT_AUTHORITY, True),
        (Role.WELLBEING_COUNTY, False),
        (Role.MUNICIPALITY, False),
    ],
)
def test_p3_referrer_must_be_allowed_by_the_map(role: Role, allowed: bool) -> None:
    """Only the parties the map names may refer a client to a service (a work trial: the
    employment authority); the refusal names the allowed parties in each language."""
    by = Actor("c-1", role)
    p = placed(phases.definition(), by, 2, need("skills", 2))
    if allowed:
        fire_ok(p, "start_service", at=D1, by=by, service_id="work_trial")
        return
    (reason,) = refused(p, "start_service", at=D1, by=by, service_id="work_trial")
    assert "phases.service.referrer_not_allowed" == reason.code
    assert {
        "service": WORK_TRIAL,
        "service_id": "work_trial",
        "referrer": role,
        "allowed": frozenset({Role.EMPLOYMENT_AUTHORITY}),
    } == dict(reason.params)
    for lang in LANGS:
        message = reason.message(lang)
        assert WORK_TRIAL.get(lang) in message
        assert Role.EMPLOYMENT_AUTHORITY.label.get(lang) in message
        assert role.label.get(lang) in message
        assert "{" not in message
    assert (
        "By the service map, only these refer a client to service 'Work trial': "
        f"employment authority (not the {role.label.en})." == reason.message("en")
    )


def test_p3_referrers_of_a_hosts_map(ea: Actor, wc: Actor) -> None:
    """A municipality's own map decides who refers: here only the wellbeing county, and
    the referrer rule and the priority of needs are both reported at once."""
    d = phases.definition(
        service_map=service_map(
            service("social_work", 0, referrers=[Role.WELLBEING_COUNTY]),
            service("trial", 2, referrers=[Role.WELLBEING_COUNTY, Role.MUNICIPALITY]),
        )
    )
    p = placed(d, wc, 0, need("care", 0))
    (reason,) = refused(p, "start_service", at=D1, by=ea, service_id="social_work")
    assert frozenset({Role.WELLBEING_COUNTY}) == reason.params["allowed"]
    fire_ok(p, "start_service", at=D1, by=wc, service_id="social_work")
    assert (
        "phases.service.referrer_not_allowed",
        "phases.service.lower_need_open",
    ) == codes(refused(p, "start_service", at=D1, by=ea, service_id="trial"))
    fire_ok(p, "start_service", at=D1, by=wc, service_id="trial", primary=False)
    assert ["social_work", "trial"] == [s.service_id for s in p.context.services]


def test_p3_service_reasons_render_the_maps_names(ea: Actor) -> None:
    """Every service reason carries the id for machines and renders the map's name in
    each language, never the id."""
    d = phases.definition(
        service_map=service_map(
            Service(
                id="ktt",
                name=Text("Kuntouttava työtoiminta", "Arbetsverksamhet", "Work activity"),
                phases=[1],
                provider=Role.WELLBEING_COUNTY,
                referrers=[Role.EMPLOYMENT_AUTHORITY],
            ),
            Service(
                id="trial",
                name=Text("Työkokeilu", "Arbetsprövning", "Work trial"),
                phases=[2],
                provider=Role.EMPLOYMENT_AUTHORITY,
                referrers=[Role.WELLBEING_COUNTY],
            ),
        )
    )
    p = placed(d, ea, 1, need("capacity", 1))
    fire_ok(p, "start_service", at=D1, by=ea, service_id="ktt")
    found = [
        *refused(p, "start_service", at=D1, by=ea, service_id="ktt"),
        *refused(p, "start_service", at=D1, by=ea, service_id="trial"),
    ]
    overridden = p.check("start_service", at=D1, by=ea, service_id="trial", override="x")
    found += [*overridden.reasons, *overridden.notes]
    fire_ok(p, "end_service", at=D1, by=ea, service_id="ktt")
    found += refused(p, "end_service", at=D1, by=ea, service_id="ktt")
    assert {
        "phases.service.already_active",
        "phases.service.referrer_not_allowed",
        "phases.service.lower_need_open",
        "phases.service.priority_overridden",
        "phases.service.not_active",
    } == {r.code for r in found}
    for reason in found:
        name = d.policy.service_map.service(reason.params["service_id"]).name
        assert name == reason.params["service"]
        for lang in LANGS:
            message = reason.message(lang)
            assert f"'{name.get(lang)}'" in message
            assert "'ktt'" not in message
            assert "'trial'" not in message


# --------------------------------------------------------------------------- P3 helpers


def nd(id: str, phase: int, met: bool = False) -> Need:
    """A Need value."""
    return Need(id=id, phase=Phase(phase), met=met)


@pytest.mark.parametrize(
    ("needs", "expected"),
    [
        ([], None),
        ([nd("a", 1, met=True)], None),
        ([nd("a", 2)], "a"),
        ([nd("j", 3), nd("c", 1), nd("s", 2)], "c"),
        ([nd("b", 1), nd("a", 1)], "a"),
        ([nd("a", 1), nd("b", 1)], "a"),
        ([nd("a", 0, met=True), nd("z", 2)], "z"),
        ([nd("z", 0), nd("a", 1)], "z"),
    ],
)
def test_p3_most_basic_need(needs: list[Need], expected: str | None) -> None:
    """The open need of the lowest phase, ties by id, ``None`` when none is open."""
    found = phases.most_basic_need(needs)
    assert expected == (None if found is None else found.id)
    found_reversed = phases.most_basic_need(reversed(needs))
    assert found == found_reversed


@pytest.mark.parametrize(
    ("needs", "service_phases", "blurred", "expected"),
    [
        ([], [3], True, None),
        ([nd("a", 1)], [], True, None),
        ([nd("a", 1)], [1], True, None),
        ([nd("a", 1)], [0], True, None),
        ([nd("a", 1)], [2], True, "a"),
        ([nd("a", 1)], [1, 2, 3], True, None),
        ([nd("a", 1)], [2, 3], True, "a"),
        ([nd("a", 1, met=True)], [3], True, None),
        ([nd("care", 0)], [1], True, None),
        ([nd("care", 0)], [1], False, "care"),
        ([nd("care", 0)], [2], True, "care"),
        ([nd("care", 0), nd("cap", 1)], [1], True, None),
        ([nd("care", 0), nd("cap", 1)], [2], True, "care"),
        ([nd("care", 0), nd("cap", 1)], [2], False, "care"),
        ([nd("b", 1), nd("a", 1)], [3], True, "a"),
        ([nd("s", 2), nd("j", 3)], [3], True, "s"),
        ([nd("j", 3)], [2], True, None),
    ],
)
def test_p3_blocking_need(
    needs: list[Need], service_phases: list[int], blurred: bool, expected: str | None
) -> None:
    """The need that holds back services of the given phases, if any."""
    found = phases.blocking_need(needs, [Phase(x) for x in service_phases], blurred_border=blurred)
    assert expected == (None if found is None else found.id)
    assert found == phases.blocking_need(
        list(reversed(needs)), [Phase(x) for x in service_phases], blurred_border=blurred
    )


def test_p3_blocking_need_default_is_blurred() -> None:
    """``blocking_need`` defaults to the blurred border, like the policy."""
    assert phases.blocking_need([nd("care", 0)], [Phase.REHABILITATION]) is None


# --------------------------------------------------------------------------- D2/D5 policy


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("max_forward_steps", 0),
        ("max_forward_steps", 4),
        ("max_forward_steps", -1),
        ("max_forward_steps", True),
        ("max_forward_steps", "2"),
        ("max_forward_steps", 2.0),
        ("blurred_border", "yes"),
        ("blurred_border", 1),
        ("blurred_border", None),
        ("back_reason_required", "no"),
        ("back_reason_required", 0),
    ],
)
def test_d2_bad_policy_is_a_data_error(field: str, value: Any) -> None:
    """An out-of-range or mistyped policy value is a PathwayDataError naming the field."""
    with pytest.raises(pf.PathwayDataError) as info:
        phases.definition(**{field: value})
    assert [f"$.{field}"] == [path for path, _ in info.value.errors]


def test_d5_defaults_are_documented_ones() -> None:
    """The default policy is one step forward, blurred border, reasons required."""
    policy = phases.definition().policy
    assert (
        phases.PhasePolicy(
            max_forward_steps=1,
            blurred_border=True,
            back_reason_required=True,
            service_map=services.typical_map(),
        )
        == policy
    )
    assert phases.definition() is pf.definitions()[phases.NAME]


def test_d2_equal_policies_give_the_same_definition() -> None:
    """Definitions are cached per policy: equal policies give the same object."""
    assert phases.definition() is phases.definition(max_forward_steps=1)
    assert phases.definition(blurred_border=False) is phases.definition(blurred_border=False)
    assert phases.definition(blurred_border=False) is not phases.definition()
    policy = phases.PhasePolicy(max_forward_steps=2)
    assert phases.definition_for(policy) is phases.definition(max_forward_steps=2)


@pytest.mark.parametrize(
    "policy",
    [
        {},
        {"max_forward_steps": 3},
        {"blurred_border": False},
        {"back_reason_required": False, "max_forward_steps": 2},
    ],
)
def test_d2_stored_form_keeps_the_policy(ea: Actor, policy: dict[str, Any]) -> None:
    """``to_dict`` records the policy and ``from_dict`` rebuilds the same definition."""
    d = phases.definition(**policy)
    p = placed(d, ea, 1, need("capacity", 1))
    fire_ok(p, "start_service", at=D1, by=ea, service_id="ips_job_coaching")
    fire_ok(p, "start_service", at=D1, by=ea, service_id="work_trial", override="wish")
    stored = pf.to_dict(p)
    assert attrs_dict(d.policy) == stored["definition"]["policy"]
    restored = pf.from_dict(stored)
    assert restored == p
    assert restored.definition is d
    assert stored == pf.to_dict(pf.from_dict(stored))


@pytest.mark.parametrize(
    ("field", "edit"),
    [
        ("phases", lambda items: [*items, items[0]]),
        ("referrers", lambda items: [*items, items[0]]),
        ("referrers", lambda items: list(reversed(items))),
    ],
    ids=["phase-twice", "referrer-twice", "referrers-reversed"],
)
def test_d2_stored_policy_set_out_of_form_is_refused(ea: Actor, field: str, edit: Any) -> None:
    """A stored map whose set repeats or reorders its items is not what to_dict wrote."""
    stored = pf.to_dict(placed(phases.definition(), ea, 1, need("capacity", 1)))
    services_ = stored["definition"]["policy"]["service_map"]["services"]
    index = next(i for i, s in enumerate(services_) if len(s["referrers"]) > 1)
    services_[index][field] = edit(services_[index][field])
    with pytest.raises(pf.PathwayDataError) as caught:
        pf.from_dict(stored)
    path = f"$.definition.policy.service_map.services[{index}].{field}"
    assert caught.value.errors
    assert all(where.startswith(path) for where, _ in caught.value.errors)


def attrs_dict(policy: phases.PhasePolicy) -> dict[str, Any]:
    """A policy as the plain dict the stored form writes."""
    return {
        "max_forward_steps": policy.max_forward_steps,
        "blurred_border": policy.blurred_border,
        "back_reason_required": policy.back_reason_required,
        "service_map": policy.service_map.to_dict(),
    }


# --------------------------------------------------------------------------- P4 the map


def test_p4_policy_defaults_to_the_typical_map() -> None:
    """Without a map the path uses the typical services (P5), as municipality "typical"."""
    policy = phases.definition().policy
    assert services.typical_map() is policy.service_map
    assert services.typical_map() is services.typical_map()
    assert "typical" == policy.service_map.municipality
    assert services.typical_services() == policy.service_map.services
    assert phases.PhasePolicy() == policy
    assert phases.definition(service_map=services.typical_map()) is phases.definition()


@pytest.mark.parametrize("bad", ["typical", {"municipality": "x", "services": []}, (), 0])
def test_p4_policy_map_must_be_a_service_map(bad: Any) -> None:
    """Anything but a ServiceMap is a PathwayDataError naming ``$.service_map``."""
    with pytest.raises(pf.PathwayDataError) as info:
        phases.definition(service_map=bad)
    assert ["$.service_map"] == [path for path, _ in info.value.errors]


def test_p4_policy_with_a_map_is_hashable_and_cached() -> None:
    """Equal maps give the same definition (the cache keys on the policy); others do not."""
    first = mapped({"ktt": [1], "trial": [2]})
    again = mapped({"ktt": [1], "trial": [2]})
    assert first is again
    assert hash(first.policy) == hash(again.policy)
    assert first is not mapped({"ktt": [1], "trial": [3]})
    assert first is not mapped({"ktt": [1], "trial": [2]}, blurred_border=False)
    assert mapped({"ktt": [1]}) is not phases.definition()


def test_p4_policy_repr_names_the_map_not_each_service() -> None:
    """A definition's repr stays short: the map shows as its municipality and size."""
    shown = repr(phases.definition())
    assert "<ServiceMap 'typical', 22 services>" in shown
    assert "health_care" not in shown
    assert "<ServiceMap 'Testilä', 1 services>" in repr(mapped({"ktt": [1]}).policy)


CUSTOM = {"ktt": [1], "trial": [2], "ips": [1, 2, 3]}


def test_p4_stored_form_keeps_a_custom_map(ea: Actor) -> None:
    """The stored policy holds the whole map, and from_dict rebuilds the pathway under the
    same map, also through JSON text."""
    d = mapped(CUSTOM, max_forward_steps=2)
    p = placed(d, ea, 1, need("capacity", 1))
    fire_ok(p, "start_service", at=D1, by=ea, service_id="ips")
    fire_ok(p, "start_service", at=D1, by=ea, service_id="trial", primary=False)
    stored = pf.to_dict(p)
    assert attrs_dict(d.policy) == stored["definition"]["policy"]
    assert ["ips", "ktt", "trial"] == sorted(
        s["id"] for s in stored["definition"]["policy"]["service_map"]["services"]
    )
    for document in (stored, json.loads(json.dumps(stored, ensure_ascii=False))):
        restored = pf.from_dict(document)
        assert restored == p
        assert restored.definition is d
        assert d.policy.service_map == restored.definition.policy.service_map
    assert stored == pf.to_dict(pf.from_dict(stored))


def test_p4_from_dict_with_a_hosts_own_map(ea: Actor) -> None:
    """A host may pass its own definition; it must have the stored map, not another."""
    custom = service_map(*(service(id, *numbers) for id, numbers in CUSTOM.items()))
    d = phases.definition(service_map=custom)
    p = placed(d, ea, 1, need("capacity", 1))
    fire_ok(p, "start_service", at=D1, by=ea, service_id="ktt")
    stored = pf.to_dict(p)
    restored = pf.from_dict(stored, definition=phases.definition(service_map=custom))
    assert restored == p
    assert restored.definition is d
    assert custom == restored.definition.policy.service_map
    reread = ServiceMap.from_dict(json.loads(json.dumps(custom.to_dict())))  # e.g. from a db
    assert pf.from_dict(stored, definition=phases.definition(service_map=reread)) == p
    for other in (phases.definition(), mapped({"ktt": [1]})):
        with pytest.raises(pf.PathwayDataError) as info:
            pf.from_dict(stored, definition=other)
        assert [("$.definition.policy", "differs from the given definition's policy")] == list(
            info.value.errors
        )


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda m: m.pop("municipality"), "$.definition.policy.service_map.municipality"),
        (lambda m: m.update(colour="red"), "$.definition.policy.service_map.colour"),
        (
            lambda m: m["services"][0].update(phases=[True]),
            "$.definition.policy.service_map.services[0].phases[0]",
        ),
        (
            lambda m: m["services"][2].update(id="ktt"),
            "$.definition.policy.service_map.services[2].id",
        ),
        (
            lambda m: m["services"][2]["name"].update(sv=""),
            "$.definition.policy.service_map.services[2].name.sv",
        ),
    ],
)
def test_p4_bad_stored_map_is_a_data_error(ea: Actor, change: Any, path: str) -> None:
    """A stored map with a bad field names it under ``$.definition.policy.service_map``."""
    stored = pf.to_dict(placed(mapped(CUSTOM), ea, 1))
    change(stored["definition"]["policy"]["service_map"])
    with pytest.raises(pf.PathwayDataError) as info:
        pf.from_dict(stored)
    assert [path] == [p for p, _ in info.value.errors]


def test_p4_stored_map_is_required(ea: Actor) -> None:
    """A stored phase policy without a map is refused: no default fills the gap."""
    stored = pf.to_dict(placed(phases.definition(), ea, 1))
    del stored["definition"]["policy"]["service_map"]
    with pytest.raises(pf.PathwayDataError) as info:
        pf.from_dict(stored)
    assert [("$.definition.policy.service_map", "required field missing")] == list(
        info.value.errors
    )


def test_p4_stored_policy_is_structured_once_per_stored_form(ea: Actor) -> None:
    """from_dict builds a stored policy once and reuses it for the same stored form; a
    changed form, even one only a type apart (``True`` for ``1``), is built afresh."""
    d = mapped(CUSTOM)
    stored = pf.to_dict(placed(d, ea, 1))
    _stored_policy.cache_clear()
    _BUILT.clear()
    first = pf.from_dict(json.loads(json.dumps(stored)))
    second = pf.from_dict(stored)
    info = _stored_policy.cache_info()
    assert (1, 0) == (info.misses, info.hits)  # the second takes the definition kept
    assert first.definition is second.definition is d
    ktt = next(
        s for s in stored["definition"]["policy"]["service_map"]["services"] if s["id"] == "ktt"
    )
    ktt["phases"] = [True]
    with pytest.raises(pf.PathwayDataError):
        pf.from_dict(stored)
    ktt["phases"] = [2]
    moved = pf.from_dict(stored)
    assert (
        frozenset({Phase.EMPLOYABILITY})
        == moved.definition.policy.service_map.service("ktt").phases
    )
    assert moved.definition is not d


def test_p4_stored_map_given_as_a_value_is_checked_too(ea: Actor) -> None:
    """A policy holding the map value itself (not plain data) is structured as it is."""
    d = mapped(CUSTOM)
    stored = pf.to_dict(placed(d, ea, 1))
    stored["definition"]["policy"]["service_map"] = d.policy.service_map
    assert pf.from_dict(stored).definition is d


def stored_start(ea: Actor) -> dict[str, Any]:
    """The stored form of a client on phase 1 who started ``ktt`` of the CUSTOM map."""
    p = placed(mapped(CUSTOM), ea, 1, need("capacity", 1))
    fire_ok(p, "start_service", at=D1, by=ea, service_id="ktt")
    stored = pf.to_dict(p)
    assert "start_service" == stored["history"][2]["trigger"]
    assert pf.from_dict(stored) == p
    return stored


def replay_errors(stored: dict[str, Any]) -> list[tuple[str, str]]:
    """The problems from_dict finds in *stored*."""
    with pytest.raises(pf.PathwayDataError) as info:
        pf.from_dict(stored)
    return list(info.value.errors)


def test_d9_stored_start_of_a_service_off_the_stored_map_is_refused(ea: Actor) -> None:
    """A stored start of a service its own stored map lacks never enters a pathway."""
    stored = stored_start(ea)
    kept = stored["definition"]["policy"]["service_map"]["services"]
    kept[:] = [s for s in kept if s["id"] != "ktt"]
    assert [("$.history[2]", "refused on replay: phases.service.unknown")] == replay_errors(stored)


def test_d9_stored_start_naming_its_phases_is_a_data_error(ea: Actor) -> None:
    """A stored start that names its own phases is not in the stored form: refused."""
    stored = stored_start(ea)
    stored["history"][2]["data"]["phases"] = [1]
    assert [("$.history[2].data.phases", "unexpected field")] == replay_errors(stored)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda s: s.update(phases=[2]), "phases.service.lower_need_open"),
        (lambda s: s.update(referrers=["wellbeing_county"]), "phases.service.referrer_not_allowed"),
    ],
)
def test_d9_stored_map_is_held_to_the_rules_on_replay(ea: Actor, change: Any, code: str) -> None:
    """The stored map is the one the replay judges by: a start that its phases or its
    referrers would refuse is refused on replay."""
    stored = stored_start(ea)
    (ktt,) = [
        s for s in stored["definition"]["policy"]["service_map"]["services"] if s["id"] == "ktt"
    ]
    change(ktt)
    assert [("$.history[2]", f"refused on replay: {code}")] == replay_errors(stored)


def test_p4_to_dict_gives_a_fresh_map_each_time(ea: Actor) -> None:
    """The stored map is written from a cache, but each document has its own copy."""
    p = placed(mapped(CUSTOM), ea, 1)
    stored = pf.to_dict(p)
    stored["definition"]["policy"]["service_map"]["services"].clear()
    again = pf.to_dict(p)
    assert 3 == len(again["definition"]["policy"]["service_map"]["services"])
    copy = p.definition.policy.service_map.to_dict()
    copy["services"][0]["phases"].append(0)
    assert copy != p.definition.policy.service_map.to_dict()
    assert again == pf.to_dict(pf.from_dict(again))


def test_d2_stored_skip_needs_the_policy(ea: Actor) -> None:
    """A history with a skip replays only under the policy that allowed it."""
    p = placed(phases.definition(max_forward_steps=2), ea, 0)
    fire_ok(p, "to_phase_2", at=D1, by=ea, assessment=assessment(on=D1))
    stored = pf.to_dict(p)
    stored["definition"]["policy"]["max_forward_steps"] = 1
    with pytest.raises(pf.PathwayDataError) as info:
        pf.from_dict(stored)
    assert ["$.history[2]"] == [path for path, _ in info.value.errors]


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("phase", [5, -1, "1", True, None, 1.0, [1]])
def test_p1_need_phase_must_be_a_phase_number(ea: Actor, phase: Any) -> None:
    """A need's phase must be one of the integers 0–3 (no strings or booleans)."""
    p = started(phases.definition(), ea)
    data = assessment({"id": "x", "phase": phase})
    assert ["$.data.assessment.needs[0].phase"] == bad_data(
        p, "to_phase_1", at=D0, by=ea, assessment=data
    )


@pytest.mark.parametrize("phase", [5, "1", True, None])
def test_p1_need_phase_checked_in_code(phase: Any) -> None:
    """Building a Need in code with a bad phase names ``$.phase``."""
    with pytest.raises(pf.PathwayDataError) as info:
        Need(id="x", phase=phase)
    assert ["$.phase"] == [path for path, _ in info.value.errors]


@pytest.mark.parametrize("blank", ["", "  "])
def test_p1_need_id_must_not_be_empty(ea: Actor, blank: str) -> None:
    """An empty need id is malformed, in code and as trigger data."""
    with pytest.raises(pf.PathwayDataError) as info:
        Need(id=blank, phase=Phase.CARE)
    assert ["$.id"] == [path for path, _ in info.value.errors]
    p = started(phases.definition(), ea)
    paths = bad_data(p, "to_phase_1", at=D0, by=ea, assessment=assessment(need(blank, 1)))
    assert len(paths) == 1
    assert paths[0].startswith("$.data.assessment.needs[0]")


def test_p1_need_id_must_be_a_string(ea: Actor) -> None:
    """A need id that is not a string is malformed trigger data."""
    p = started(phases.definition(), ea)
    assert ["$.data.assessment.needs[0].id"] == bad_data(
        p, "to_phase_1", at=D0, by=ea, assessment=assessment({"id": 5, "phase": 1})
    )


@pytest.mark.parametrize("blank", ["", "   "])
def test_p3_service_id_must_not_be_empty(ea: Actor, blank: str) -> None:
    """A blank service id is malformed for start and end."""
    p = placed(phases.definition(), ea, 1)
    paths = bad_data(p, "start_service", at=D1, by=ea, service_id=blank)
    assert [p_.startswith("$.data") for p_ in paths] == [True]
    paths = bad_data(p, "end_service", at=D1, by=ea, service_id=blank)
    assert [p_.startswith("$.data") for p_ in paths] == [True]


@pytest.mark.parametrize("bad", [5, None, ["work_trial"], True])
def test_p3_service_id_must_be_a_string(ea: Actor, bad: Any) -> None:
    """A service id that is not a string is malformed, before the map is asked."""
    p = placed(phases.definition(), ea, 2)
    assert ["$.data.service_id"] == bad_data(p, "start_service", at=D1, by=ea, service_id=bad)
    assert ["$.data.service_id"] == bad_data(p, "start_service", at=D1, by=ea)


def test_p1_missing_and_unknown_fields(ea: Actor) -> None:
    """A move without an assessment, or with an unknown field, is malformed."""
    p = started(phases.definition(), ea)
    assert ["$.data.assessment"] == bad_data(p, "to_phase_1", at=D0, by=ea)
    with pytest.raises(pf.PathwayDataError) as info:
        p.fire("to_phase_1", at=D0, by=ea, assessment=assessment(), colour="red")
    assert (("$.data.colour", "unexpected field"),) == info.value.errors
    assert ["$.data.extra"] == bad_data(p, "reassess", at=D0, by=ea, extra=1, **assessment())
    assert ["$.data.assessed_on"] == bad_data(p, "reassess", at=D0, by=ea, needs=[])
    assert "assessment" == p.state


def test_p1_unknown_trigger_changes_nothing(ea: Actor) -> None:
    """An unknown trigger raises UnknownTrigger listing the valid ones; nothing changes."""
    p = placed(phases.definition(), ea, 1)
    before = pf.to_dict(p)
    with pytest.raises(pf.UnknownTrigger) as info:
        p.fire("to_phase_4", at=D1, by=ea, assessment=assessment(on=D1))
    assert "to_phase_3" in info.value.valid
    with pytest.raises(pf.UnknownTrigger):
        p.check("jump", at=D1, by=ea)
    assert before == pf.to_dict(p)


def test_p1_dates_must_not_go_back(ea: Actor) -> None:
    """An event dated before the latest event is refused."""
    p = placed(mapped({"s": [1]}), ea, 1, at=D1)
    earlier = D1 - timedelta(days=1)
    reasons = refused(p, "to_phase_2", at=earlier, by=ea, assessment=assessment(on=earlier))
    assert ("pathway.date_before_last_event",) == codes(reasons)
    reasons = refused(p, "start_service", at=earlier, by=ea, service_id="s")
    assert ("pathway.date_before_last_event",) == codes(reasons)
    fire_ok(p, "start_service", at=D1, by=ea, service_id="s")  # same day is fine


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_p1_only_counsellors_act(ea: Actor, role: Role) -> None:
    """Other parties (the client, Kela, providers, ...) may not move the client, nor start
    a service, even one the map lets them refer to."""
    by = Actor("x-1", role)
    d = phases.definition(service_map=service_map(service("s", 1, referrers=list(Role))))
    p = placed(d, ea, 1)
    reasons = refused(p, "to_phase_2", at=D1, by=by, assessment=assessment(on=D1))
    assert ("pathway.role_not_allowed",) == codes(reasons)
    reasons = refused(p, "start_service", at=D1, by=by, service_id="s")
    assert ("pathway.role_not_allowed",) == codes(reasons)
    with pytest.raises(pf.TransitionRefused) as info:
        phases.definition().start("client-2", at=D0, by=by)
    assert ("pathway.role_not_allowed",) == codes(info.value.reasons)


def test_p1_client_refused_with_other_reasons_too(client: Actor, ea: Actor) -> None:
    """The client trying a blocked move gets every reason at once."""
    p = placed(phases.definition(), ea, 1, at=D1)
    reasons = refused(
        p, "to_phase_2", at=D0, by=client, assessment=assessment(need("cap", 1), on=D0)
    )
    assert {
        "pathway.role_not_allowed",
        "pathway.date_before_last_event",
        "phases.move.lower_need_open",
    } == set(codes(reasons))


def test_p1_bad_date_and_actor_are_data_errors(ea: Actor) -> None:
    """A non-date ``at`` or a non-Actor ``by`` is malformed input."""
    p = placed(phases.definition(), ea, 1)
    before = pf.to_dict(p)
    with pytest.raises(pf.PathwayDataError):
        p.fire("reassess", at="2025-01-09", by=ea, **assessment())  # type: ignore[arg-type]
    with pytest.raises(pf.PathwayDataError):
        p.fire("reassess", at=D1, by="ea", **assessment())  # type: ignore[arg-type]
    assert before == pf.to_dict(p)


@pytest.mark.parametrize(
    ("field", "value"),
    [("max_forward_steps", 7), ("max_forward_steps", True), ("blurred_border", "yes")],
)
def test_d2_bad_stored_policy_is_a_data_error(ea: Actor, field: str, value: Any) -> None:
    """A stored form with a bad policy value is refused, naming the field."""
    stored = pf.to_dict(placed(phases.definition(), ea, 1))
    stored["definition"]["policy"][field] = value
    with pytest.raises(pf.PathwayDataError) as info:
        pf.from_dict(stored)
    assert any(
        path.startswith("$.definition.policy") and field in f"{path} {why}"
        for path, why in info.value.errors
    )


def test_p1_need_id_must_be_a_string_in_code() -> None:
    """Building a Need in code with a non-string id names ``$.id``."""
    with pytest.raises(pf.PathwayDataError) as info:
        Need(id=5, phase=Phase.REHABILITATION)  # type: ignore[arg-type]
    assert ["$.id"] == [path for path, _ in info.value.errors]
