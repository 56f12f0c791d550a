"""The supported-employment rules of RULES.md (I1–I15) against ``pathway_fsm.ips``.

Every test name starts with the id of the rule it checks. Refusals are checked to leave
the pathway unchanged and to agree with ``check``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from helpers import refused_codes as refused
from ips_data import CLIENT, COACH, COMPETITIVE, COUNTY, D0, EMPLOYER
from pathway_fsm import (
    Actor,
    Pathway,
    PathwayDataError,
    ProcessDefinition,
    Role,
    add_days,
    from_dict,
    ips,
    to_dict,
)
from pathway_fsm.ips import Criterion, ExclusionFactor, IpsClosure

PROFILE: dict[str, Any] = {"wishes": ["warehouse work"], "skills": ["forklift licence"]}


def entered(at: date = D0, d: ProcessDefinition | None = None, **entry: Any) -> Pathway:
    """A pathway in ``profiling``: referred and agreed on *at*."""
    p = (d or ips.definition()).start("client-1", at=at, by=COUNTY)
    p.fire("agree", at=at, by=COACH, **({"wants_work": True, "coach_id": "coach-1"} | entry))
    assert "profiling" == p.state
    return p


def searching(at: date = D0, d: ProcessDefinition | None = None) -> Pathway:
    """A pathway in ``job_search``; every event on *at*."""
    p = entered(at, d)
    p.fire("make_profile", at=at, by=COACH, **PROFILE)
    assert "job_search" == p.state
    return p


def working(at: date = D0, employer: str = "emp-1") -> Pathway:
    """A pathway in ``working``: placed with *employer* on *at*."""
    p = searching(at)
    p.fire("place", at=at, by=COACH, employer_id=employer, **COMPETITIVE)
    assert "working" == p.state
    return p


def deadline(p: Pathway, code: str, at: date) -> Any:
    """The deadline *code* of *p* as of *at* (exactly one)."""
    (found,) = [d for d in p.deadlines(at=at) if d.code == code]
    return found


# --------------------------------------------------------------------------- I1, I2


def test_i2_the_five_phases_are_states_in_order() -> None:
    """THL's five phases: entry, profile, rapid search, employer work and support (working)."""
    d = ips.definition()
    assert ("entry", "profiling", "job_search", "working", "ended") == d.states
    assert ("ended",) == d.finals
    assert ("place", "job_search", "working") in d.edges
    assert ("job_ended", "working", "job_search") in d.edges


def test_i1_profile_starts_from_the_clients_wishes() -> None:
    """A vocational profile without the client's own wishes is refused."""
    p = entered()
    assert ("ips.profile.no_wishes",) == refused(p, "make_profile", D0, COACH, skills=["cooking"])


def test_i2_profile_needs_skills_or_strengths() -> None:
    """Competence mapping: the profile records skills or strengths; either is enough."""
    p = entered()
    assert ("ips.profile.no_competence",) == refused(p, "make_profile", D0, COACH, wishes=["x"])
    assert ("ips.profile.no_wishes", "ips.profile.no_competence") == refused(
        p, "make_profile", D0, COACH
    )
    p.fire("make_profile", at=D0, by=COACH, wishes=["shop work"], strengths=["friendly"])
    assert "job_search" == p.state
    assert ("shop work",) == p.context.profile.wishes


def test_i1_profile_update_checks_the_same_rules() -> None:
    """Updating the profile in job search keeps it anchored in wishes and competence."""
    p = searching()
    assert ("ips.profile.no_wishes",) == refused(p, "update_profile", D0, CLIENT, skills=["x"])
    p.fire("update_profile", at=D0, by=CLIENT, wishes=["café"], skills=["barista"])
    assert ("café",) == p.context.profile.wishes


def test_i1_empty_profile_entries_are_bad_data() -> None:
    """An empty wish or skill is malformed input, named by its path."""
    p = entered()
    with pytest.raises(PathwayDataError) as caught:
        p.fire("make_profile", at=D0, by=COACH, wishes=["ok", " "], skills=[""])
    assert [
        ("$.data.wishes[1]", "must not be empty"),
        ("$.data.skills[0]", "must not be empty"),
    ] == [*caught.value.errors]
    assert "profiling" == p.state


# --------------------------------------------------------------------------- I6 (I3)


@pytest.mark.parametrize("wish", [None, False])
def test_i6_entry_needs_the_clients_own_wish(wish: bool | None) -> None:
    """Without a stated wish to work the agreement is refused, with one reason."""
    p = ips.definition().start("client-1", at=D0, by=CLIENT)
    data: dict[str, Any] = {"coach_id": "coach-1"}
    if wish is not None:
        data["wants_work"] = wish
    assert ("ips.entry.no_wish_to_work",) == refused(p, "agree", D0, COACH, **data)


def test_i6_zero_exclusion_nothing_else_blocks() -> None:
    """Every screening fact at once (readiness, diagnosis, substance use, …) does not block."""
    p = ips.definition().start("client-1", at=D0, by=CLIENT)
    every = [f.value for f in ExclusionFactor]
    verdict = p.check("agree", at=D0, by=COACH, wants_work=True, coach_id="c", noted=every)
    assert verdict
    (note,) = verdict.notes
    assert "ips.entry.factors_not_used" == note.code
    assert {} == dict(note.params)  # which facts were noted is personal: never rendered
    assert "not_ready" not in note.message("en")
    p.fire("agree", at=D0, by=COACH, wants_work=True, coach_id="c", noted=every)
    assert "profiling" == p.state


def test_i3_no_target_group_condition_on_entry() -> None:
    """The criteria serve a wider partially-able group: entry asks no diagnosis or group."""
    fields = {a.name for a in ips.Entry.__attrs_attrs__}  # type: ignore[attr-defined]
    assert {"wants_work", "coach_id", "noted"} == fields


def test_i6_entry_is_recorded_by_the_coach_or_county_not_the_employer() -> None:
    """The agreement is made by the job coach or the county with the client."""
    p = ips.definition().start("client-1", at=D0, by=CLIENT)
    codes = refused(p, "agree", D0, EMPLOYER, wants_work=True, coach_id="c")
    assert ("pathway.role_not_allowed",) == codes


def test_i6_bad_coach_id_is_bad_data() -> None:
    """An empty coach id is malformed input naming the field."""
    p = ips.definition().start("client-1", at=D0, by=CLIENT)
    with pytest.raises(PathwayDataError) as caught:
        p.fire("agree", at=D0, by=COACH, wants_work=True, coach_id=" ")
    assert (("$.data.coach_id", "must not be empty"),) == caught.value.errors


# --------------------------------------------------------------------------- I7


def test_i7_competitive_job_is_placed() -> None:
    """A job meeting every criterion is recorded as a placement."""
    p = working()
    assert "emp-1" == p.context.employer_id
    assert D0 == p.context.job_started_on


@pytest.mark.parametrize(
    ("field", "value", "criterion"),
    [
        ("employment_contract", False, Criterion.EMPLOYMENT_CONTRACT),
        ("going_wage", False, Criterion.GOING_WAGE),
        ("open_to_anyone", False, Criterion.OPEN_TO_ANYONE),
        ("sheltered", True, Criterion.NOT_SHELTERED),
        ("reserved_for_disabled", True, Criterion.NOT_RESERVED_FOR_DISABLED),
        ("work_activity", True, Criterion.NOT_WORK_ACTIVITY),
        ("work_trial", True, Criterion.NOT_WORK_TRIAL),
    ],
)
def test_i7_each_failed_criterion_refuses_with_its_name(
    field: str, value: bool, criterion: Criterion
) -> None:
    """One failed criterion gives one ips.placement.not_competitive naming it."""
    p = searching()
    verdict = p.check("place", at=D0, by=COACH, employer_id="e", **(COMPETITIVE | {field: value}))
    (reason,) = verdict.reasons
    assert "ips.placement.not_competitive" == reason.code
    assert criterion == reason.params["criterion"]
    for lang in ("fi", "sv", "en"):
        assert criterion.label.get(lang) in reason.message(lang)
    refused(p, "place", D0, COACH, employer_id="e", **(COMPETITIVE | {field: value}))


def test_i7_unstated_criteria_are_not_met() -> None:
    """A placement with no facts fails every criterion; nothing is assumed."""
    p = searching()
    codes = refused(p, "place", D0, COACH, employer_id="e")
    assert ("ips.placement.not_competitive",) * len(Criterion) == codes


def test_i7_employer_cannot_record_a_placement() -> None:
    """The employer agrees support; placement is recorded by the coach or county."""
    assert ("pathway.role_not_allowed",) == refused(
        searching(), "place", D0, EMPLOYER, employer_id="e", **COMPETITIVE
    )


# --------------------------------------------------------------------------- I8


@pytest.mark.parametrize(
    ("entry", "due"),
    [
        (date(2025, 1, 8), date(2025, 2, 7)),
        (date(2025, 1, 31), date(2025, 3, 2)),  # across a 28-day February
        (date(2024, 1, 31), date(2024, 3, 1)),  # across a leap February
        (date(2024, 2, 29), date(2024, 3, 30)),  # from a leap day
        (date(2023, 12, 15), date(2024, 1, 14)),  # across a year end
    ],
)
def test_i8_first_contact_due_day_30_passes_day_31_fails(entry: date, due: date) -> None:
    """The contact is due 30 days after entry (C2): on time on day 30, overdue on day 31."""
    p = searching(entry)
    on_day_30 = deadline(p, "ips.first_employer_contact_due", due)
    assert (entry, due, False) == (on_day_30.start, on_day_30.due, on_day_30.overdue)
    assert deadline(p, "ips.first_employer_contact_due", add_days(due, 1)).overdue
    assert due == add_days(entry, 30)


@pytest.mark.parametrize(("days", "status"), [(30, "met"), (31, "not_met")])
def test_i8_fidelity_day_30_met_day_31_not(days: int, status: str) -> None:
    """Rapid search (item 15): a contact on day 30 meets it, on day 31 does not."""
    p = searching(date(2024, 1, 31))
    at = add_days(date(2024, 1, 31), days)
    p.fire(
        "employer_contact",
        at=at,
        by=COACH,
        employer_id="e",
        face_to_face=True,
        competitive_job=True,
    )
    item = ips.fidelity_report(p).item(15)
    assert status == item.status.value
    assert days == item.evidence["days"]
    assert [] == [d for d in p.deadlines(at=at) if d.code == "ips.first_employer_contact_due"]


@pytest.mark.parametrize(
    ("face_to_face", "competitive_job"), [(False, True), (True, False), (False, False)]
)
def test_i8_only_face_to_face_contact_about_a_competitive_job_counts(
    face_to_face: bool, competitive_job: bool
) -> None:
    """A phone call, or a contact about other work, leaves the deadline running."""
    p = searching()
    p.fire(
        "employer_contact",
        at=D0,
        by=CLIENT,
        employer_id="e",
        face_to_face=face_to_face,
        competitive_job=competitive_job,
    )
    assert p.context.first_contact_on is None
    assert deadline(p, "ips.first_employer_contact_due", D0)


def test_i8_deadline_runs_from_entry_also_during_profiling() -> None:
    """The clock starts at the agreement, not at the end of profiling."""
    p = entered(D0)
    assert date(2025, 2, 7) == deadline(p, "ips.first_employer_contact_due", D0).due


def test_i8_limit_is_a_policy_parameter() -> None:
    """first_contact_days changes the deadline; a bad value is a data error."""
    p = searching(D0, ips.definition(first_contact_days=45))
    assert date(2025, 2, 22) == deadline(p, "ips.first_employer_contact_due", D0).due
    with pytest.raises(PathwayDataError) as caught:
        ips.definition(first_contact_days=0)
    assert "$.first_contact_days" == caught.value.errors[0][0]


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("intensive_support_months", 0),
        ("intensive_contact_days", -7),
        ("later_contact_months", "1"),
        ("roll_forward", 1),
    ],
)
def test_i9_bad_policy_values_are_data_errors(option: str, value: Any) -> None:
    """Every policy value is checked and the error names it."""
    with pytest.raises(PathwayDataError) as caught:
        ips.definition(**{option: value})
    assert f"$.{option}" == caught.value.errors[0][0]


def test_i8_roll_forward_moves_a_weekend_due_day() -> None:
    """C3 with roll_forward: a due Sunday becomes overdue only after the Monday."""
    entry = date(2025, 1, 8)  # due Friday 7 Feb; take 32 days to land on Sunday 9 Feb
    p = searching(entry, ips.definition(first_contact_days=32, roll_forward=True))
    due = deadline(p, "ips.first_employer_contact_due", date(2025, 2, 10))
    assert (date(2025, 2, 9), date(2025, 2, 10), False) == (
        due.due,
        due.due_working_day,
        due.overdue,
    )


# --------------------------------------------------------------------------- I9


def test_i9_support_is_weekly_in_the_first_month() -> None:
    """In the first month the next contact is due 7 days after the last (or the start)."""
    p = working(date(2025, 1, 31))
    due = deadline(p, "ips.support_contact_due", date(2025, 2, 7))
    assert (date(2025, 1, 31), date(2025, 2, 7), False) == (due.start, due.due, due.overdue)
    assert deadline(p, "ips.support_contact_due", date(2025, 2, 8)).overdue
    p.fire("support_contact", at=date(2025, 2, 27), by=COACH)
    assert date(2025, 3, 6) == deadline(p, "ips.support_contact_due", date(2025, 2, 27)).due


def test_i9_support_is_monthly_after_the_first_month() -> None:
    """From one month on (C1: 31 Jan + 1 month = 28 Feb) the next contact is due monthly."""
    p = working(date(2025, 1, 31))
    p.fire("support_contact", at=date(2025, 2, 28), by=COACH, in_person=False)
    assert date(2025, 3, 28) == deadline(p, "ips.support_contact_due", date(2025, 3, 1)).due


def test_i9_no_end_date_for_support() -> None:
    """Years into a job support is still due, and nothing ends it but an event."""
    p = working()
    later = date(2030, 1, 8)
    p.fire("support_contact", at=later, by=COACH)
    codes = [d.code for d in p.deadlines(at=later)]
    assert ["ips.support_contact_due"] == codes
    assert "working" == p.state


def test_i9_no_closure_for_a_time_limit() -> None:
    """The closure codes are the client's choice and factual ends, never a time limit."""
    assert {"client_choice", "transferred", "moved_away", "deceased"} == {
        c.value for c in IpsClosure
    }


def test_i9_only_the_client_chooses_to_stop() -> None:
    """Client's choice recorded by the coach needs the client's agreement."""
    p = working()
    assert ("ips.end.client_choice_unconfirmed",) == refused(
        p, "end", D0, COACH, closure="client_choice"
    )
    p.fire("end", at=D0, by=COACH, closure="client_choice", client_agreed=True)
    assert ("ended", IpsClosure.CLIENT_CHOICE) == (p.state, p.context.closure)
    assert () == p.deadlines(at=D0)


def test_i9_the_client_can_end_it_and_other_closures_need_no_agreement() -> None:
    """The client may end the service; a move away is recorded by the coach."""
    p = working()
    p.fire("end", at=D0, by=CLIENT, closure="client_choice")
    q = searching()
    q.fire("end", at=D0, by=COACH, closure="moved_away")
    assert ("ended", "ended") == (p.state, q.state)


def test_i9_support_contacts_are_recorded_by_the_coach() -> None:
    """Follow-along contacts are events of the job coach, and only while working."""
    assert ("pathway.wrong_state",) == refused(searching(), "support_contact", D0, COACH)
    p = working()
    assert ("pathway.role_not_allowed",) == refused(p, "support_contact", D0, EMPLOYER)


# --------------------------------------------------------------------------- I2 phase 4


def test_i2_employer_support_needs_the_clients_disclosure() -> None:
    """Support is agreed with the employer only once the client has chosen to disclose."""
    p = working()
    assert ("ips.employer.no_disclosure_consent",) == refused(
        p, "agree_employer_support", D0, EMPLOYER, support="weekly check-in"
    )
    p.fire("discuss_disclosure", at=D0, by=COACH, client_discloses=True)
    p.fire("agree_employer_support", at=D0, by=EMPLOYER, support="weekly check-in")
    p.fire("discuss_disclosure", at=D0, by=COACH, client_discloses=False)
    assert ("ips.employer.no_disclosure_consent",) == refused(
        p, "agree_employer_support", D0, COACH, support="more"
    )


def test_i2_empty_employer_agreement_is_bad_data() -> None:
    """An agreement with no content is malformed input."""
    p = working()
    p.fire("discuss_disclosure", at=D0, by=COACH, client_discloses=True)
    with pytest.raises(PathwayDataError):
        p.fire("agree_employer_support", at=D0, by=EMPLOYER, support="")


# --------------------------------------------------------------------------- I10


def test_i10_back_to_search_without_new_screening() -> None:
    """After a job ends the client searches again and can be placed, with no new entry."""
    p = searching()
    p.fire(
        "employer_contact",
        at=D0,
        by=COACH,
        employer_id="emp-1",
        face_to_face=True,
        competitive_job=True,
    )
    p.fire("place", at=D0, by=COACH, employer_id="emp-1", **COMPETITIVE)
    p.fire("job_ended", at=date(2025, 5, 1), by=CLIENT, reason="resigned")
    assert ("job_search", None, None) == (
        p.state,
        p.context.employer_id,
        p.context.job_started_on,
    )
    assert [] == [d.code for d in p.deadlines(at=date(2025, 5, 1))]  # first contact was met
    p.fire("place", at=date(2025, 5, 2), by=COACH, employer_id="emp-2", **COMPETITIVE)
    assert "working" == p.state
    assert ["refer", "agree"] == [e.trigger for e in p.history[:2]]
    assert 1 == sum(e.trigger == "agree" for e in p.history)


def test_i8_hiring_closes_the_first_contact_deadline_for_good() -> None:
    """D8: a client hired with no recorded employer contact had their first contact then;
    back in search after the job, the I8 deadline stays closed."""
    p = working()  # placed without a recorded employer contact
    p.fire("job_ended", at=date(2025, 5, 1), by=COACH, reason="dismissed")
    assert [] == [d for d in p.deadlines(at=date(2025, 5, 1)) if d.code.startswith("ips.first")]
    assert D0 == p.context.first_contact_on


@pytest.mark.parametrize(("day", "met"), [(29, True), (30, True), (31, False)])
def test_i8_d8_hired_on_day_n_agrees_with_item_15(day: int, met: bool) -> None:
    """D8: hired on day 30 is a met rapid search, day 31 is not; the deadline agrees."""
    p = searching()
    hired = add_days(D0, day)
    before = deadline(p, "ips.first_employer_contact_due", hired)
    p.fire("place", at=hired, by=COACH, employer_id="emp-1", **COMPETITIVE)
    item = {i.item: i for i in ips.fidelity_report(p).items}[15]
    assert (not met) == before.overdue
    assert (ips.Status.MET if met else ips.Status.NOT_MET) == item.status
    assert (hired, True) == (item.evidence["first_contact_on"], item.evidence["hired_first"])


# --------------------------------------------------------------------------- I14 (events)


def test_i14_benefits_counselling_and_disclosure_are_events() -> None:
    """Items 12 and 13 are recorded as internal events, in every active phase."""
    p = entered()
    p.fire("counsel_benefits", at=D0, by=Actor("kela-1", Role.KELA))
    p.fire("discuss_disclosure", at=D0, by=COACH, client_discloses=False)
    assert ("profiling", "profiling") == (p.history[-1].dest, p.history[-2].dest)
    assert p.context.discloses is False


def test_i14_reassigning_the_coach_is_recorded() -> None:
    """The responsible coach (for caseloads) follows the latest assignment."""
    p = entered()
    p.fire("reassign_coach", at=D0, by=COUNTY, coach_id="coach-9")
    assert "coach-9" == p.context.coach_id


# --------------------------------------------------------------------------- I15


def test_i15_wellbeing_county_refers_and_clients_may_self_refer() -> None:
    """KTT clients of the wellbeing county are referred by it; anyone may ask to join."""
    d = ips.definition()
    assert {Role.JOB_COACH, Role.WELLBEING_COUNTY, Role.CLIENT} == d.transition("refer").roles
    assert "entry" == d.start("c", at=D0, by=CLIENT).state


def test_i15_round_trip_through_the_stored_form() -> None:
    """A full run restores equal from its stored form, under the same policy."""
    p = working()
    p.fire("support_contact", at=date(2025, 1, 10), by=COACH)
    p.fire("job_ended", at=date(2025, 3, 1), by=COACH, reason="fixed_term_ended")
    p.fire("end", at=date(2025, 3, 2), by=COUNTY, closure="transferred")
    assert p == from_dict(to_dict(p))
    assert "ips" == to_dict(p)["definition"]["name"]


def test_i2_reprs_leave_out_client_facts() -> None:
    """Wishes, screening facts, the disclosure choice and agreed support stay out of reprs."""
    p = entered(noted=["substance_use"])
    p.fire("make_profile", at=D0, by=COACH, wishes=["secret wish"], skills=["x"])
    p.fire("discuss_disclosure", at=D0, by=COACH, client_discloses=True)
    text = repr(p.context) + "".join(repr(e.data) for e in p.history)
    for fact in ("secret wish", "substance_use", "True"):
        assert fact not in text


def test_i4_quality_criteria_each_have_a_rule() -> None:
    """I4: open-market work (I7), open to all who want work (I6), rapid search (I8), the
    client's wishes first (I1), lasting support (I9) and benefits counselling are rules."""
    d = ips.definition()
    codes = {k.code for spec in d.transition_specs for k in spec.reasons}
    assert {
        "ips.placement.not_competitive",
        "ips.entry.no_wish_to_work",
        "ips.profile.no_wishes",
    } <= codes
    assert "counsel_benefits" in d.triggers
    p = working()
    (support,) = p.deadlines(at=D0)
    assert "ips.support_contact_due" == support.code  # support runs while the job lasts
    assert [] == [s for s in d.transition_specs if s.trigger == "end_support"]


def test_i5_zero_exclusion_and_client_choice_at_entry() -> None:
    """I5: eligibility is the client's choice: only the wish to work decides entry."""
    p = ips.definition().start("client-1", at=D0, by=COUNTY)
    every = [f.value for f in ExclusionFactor]
    assert p.check("agree", at=D0, by=COACH, wants_work=True, coach_id="c", noted=every)
    assert not p.check("agree", at=D0, by=COACH, wants_work=False, coach_id="c")
