"""The IPS fidelity report (RULES.md I8, I9, I11–I14): items, boundaries and properties.

Every test name starts with the id of the rule it checks.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pathway_fsm as pf
from ips_data import CLIENT, COACH, COMPETITIVE, COUNTY, D0
from pathway_fsm import Actor, Event, Pathway, PathwayDataError, Role, ips, testing
from pathway_fsm.ips import Band, Status


def searching(at: date = D0, coach: str = "coach-1", client: str = "client-1") -> Pathway:
    """A pathway in ``job_search``, every event on *at*, with *coach* responsible."""
    p = ips.definition().start(client, at=at, by=COUNTY)
    p.fire("agree", at=at, by=COACH, wants_work=True, coach_id=coach)
    p.fire("make_profile", at=at, by=COACH, wishes=["shop"], skills=["till"])
    return p


def placed(at: date = D0, employer: str = "emp-1", **kw: Any) -> Pathway:
    """A pathway placed with *employer* on *at*."""
    p = searching(at, **kw)
    p.fire("place", at=at, by=COACH, employer_id=employer, **COMPETITIVE)
    return p


def status(p: Pathway | Any, item: int, **kw: Any) -> str:
    """The status value of *item* in *p*'s report."""
    return ips.fidelity_report(p, **kw).item(item).status.value


# --------------------------------------------------------------------------- per-pathway items


def test_i14_report_lists_the_history_items_in_order() -> None:
    """Items 9, 12, 13, 15, 21, 22, 23 with stable codes; as_of defaults to the last event."""
    p = searching()
    report = ips.fidelity_report(p)
    assert (9, 12, 13, 15, 21, 22, 23) == tuple(i.item for i in report.items)
    assert "ips.fidelity.rapid_job_search" == report.item(15).code
    assert ("client-1", D0) == (report.client_id, report.as_of)
    assert "Nopea työnhaku: ei arvioitavissa" == report.item(15).message("fi")
    with pytest.raises(KeyError):
        report.item(1)


def test_i14_nothing_is_assessable_before_entry() -> None:
    """A referral alone shows nothing: every item is not assessable."""
    p = ips.definition().start("c", at=D0, by=CLIENT)
    report = ips.fidelity_report(p)
    assert report.numbers(Status.NOT_ASSESSABLE) == tuple(i.item for i in report.items)


def test_i6_zero_exclusion_met_with_noted_factors_as_evidence() -> None:
    """Item 9 is met on entry; the noted screening facts are counted as not used."""
    p = ips.definition().start("c", at=D0, by=CLIENT)
    p.fire("agree", at=D0, by=COACH, wants_work=True, coach_id="c", noted=["diagnosis"])
    item = ips.fidelity_report(p).item(9)
    assert (Status.MET, {"entered_on": D0, "noted_not_used": 1}) == (item.status, item.evidence)


@pytest.mark.parametrize(
    ("trigger", "data", "item"),
    [
        ("counsel_benefits", {}, 12),
        ("discuss_disclosure", {"client_discloses": False}, 13),
    ],
)
def test_i14_counselling_items_need_an_event_before_the_first_job(
    trigger: str, data: dict[str, Any], item: int
) -> None:
    """Items 12 and 13: met when given on or before the first job's day, else not met."""
    on_time = searching()
    assert "not_assessable" == status(on_time, item)
    on_time.fire(trigger, at=D0, by=COACH, **data)
    assert "met" == status(on_time, item)
    on_time.fire("place", at=D0, by=COACH, employer_id="e", **COMPETITIVE)
    assert "met" == status(on_time, item)

    late = placed()
    assert "not_met" == status(late, item)
    late.fire(trigger, at=D0 + timedelta(days=1), by=COACH, **data)
    report = ips.fidelity_report(late).item(item)
    assert ("not_met", 1, D0) == (
        report.status.value,
        report.evidence["count"],
        report.evidence["first_job_on"],
    )


def test_i14_counselling_not_met_when_ended_without_it() -> None:
    """A pathway that ended with no job and no counselling did not meet item 12."""
    p = searching()
    p.fire("end", at=D0, by=CLIENT, closure="client_choice")
    assert "not_met" == status(p, 12)


def test_i14_impersonal_benefits_information_does_not_count() -> None:
    """Only personalised benefits counselling counts for item 12."""
    p = searching()
    p.fire("counsel_benefits", at=D0, by=COACH, personalised=False)
    assert "not_assessable" == status(p, 12)


@pytest.mark.parametrize(("days_later", "expected"), [(30, "not_assessable"), (31, "not_met")])
def test_i8_no_contact_yet_not_assessable_until_day_31(days_later: int, expected: str) -> None:
    """With no contact, item 15 cannot fail before day 31 after entry."""
    p = searching(date(2024, 2, 29))
    assert expected == status(p, 15, as_of=date(2024, 2, 29) + timedelta(days=days_later))


def test_i8_ended_before_the_limit_without_contact_is_not_assessable() -> None:
    """A client who left on day 10 was never late for the first contact."""
    p = searching()
    p.fire("end", at=D0 + timedelta(days=10), by=CLIENT, closure="client_choice")
    assert "not_assessable" == status(p, 15, as_of=date(2026, 1, 1))


def test_i8_report_judges_by_the_pathways_own_policy() -> None:
    """A pathway under first_contact_days=45 is judged by 45, unless a policy is given."""
    p = ips.definition(first_contact_days=45).start("c", at=D0, by=CLIENT)
    p.fire("agree", at=D0, by=COACH, wants_work=True, coach_id="c")
    p.fire("make_profile", at=D0, by=COACH, wishes=["a"], skills=["b"])
    p.fire(
        "employer_contact",
        at=D0 + timedelta(days=40),
        by=COACH,
        employer_id="e",
        face_to_face=True,
        competitive_job=True,
    )
    assert "met" == status(p, 15)
    assert "not_met" == status(p, 15, policy=ips.IpsPolicy())


def test_i7_competitive_jobs_item() -> None:
    """Item 21: not assessable with no placement, met when every placement is competitive."""
    assert "not_assessable" == status(searching(), 21)
    p = placed()
    assert ({"placements": 1, "competitive": 1}, "met") == (
        ips.fidelity_report(p).item(21).evidence,
        status(p, 21),
    )


def test_i7_hand_made_history_with_a_non_competitive_job_fails() -> None:
    """A bare history (not replayed) that records a work trial as a placement fails item 21."""
    p = placed()
    history = list(p.history)
    trial = ips.Placement(employer_id="e", **(COMPETITIVE | {"work_trial": True}))
    history[-1] = attrs.evolve(history[-1], data=trial)
    assert "not_met" == status(history, 21)


def test_i8_a_bare_history_counts_no_contact_from_before_entry() -> None:
    """A hand-made history with an employer contact before ``agree`` (which the live API
    refuses) does not meet item 15 in negative days: only contacts from entry on count."""
    entry = D0 + timedelta(days=40)
    contact = ips.EmployerContact(employer_id="e", face_to_face=True, competitive_job=True)
    history = [
        Event(1, "refer", None, "entry", D0, COACH),
        Event(2, "employer_contact", "entry", "entry", D0 + timedelta(days=1), COACH, contact),
        Event(
            3,
            "agree",
            "entry",
            "profiling",
            entry,
            COACH,
            ips.Entry(wants_work=True, coach_id="coach-1"),
        ),
    ]
    item = ips.fidelity_report(history, as_of=entry + timedelta(days=31)).item(15)
    assert (Status.NOT_MET, None, None) == (
        item.status,
        item.evidence["first_contact_on"],
        item.evidence["days"],
    )


def test_i9_weekly_then_monthly_contacts_meet_both_items() -> None:
    """Items 22–23: contacts every 7 days in the first month, then monthly, meet both."""
    start = date(2025, 1, 31)
    p = placed(start)
    for day in (
        date(2025, 2, 7),
        date(2025, 2, 14),
        date(2025, 2, 21),
        date(2025, 2, 28),
        date(2025, 3, 28),
        date(2025, 4, 28),
    ):
        p.fire("support_contact", at=day, by=COACH)
    report = ips.fidelity_report(p, as_of=date(2025, 5, 28))
    assert ("met", "met") == (report.item(22).status.value, report.item(23).status.value)
    # The first month ends on 28 Feb (C1): a contact that day already counts as later.
    assert 3 == report.item(22).evidence["contacts_first_period"]
    assert 3 == report.item(23).evidence["contacts_later"]


@pytest.mark.parametrize(("gap", "expected"), [(7, "met"), (8, "not_met")])
def test_i9_weekly_gap_7_days_passes_8_fails(gap: int, expected: str) -> None:
    """Item 22: the first contact after the start on day 7 is on time, on day 8 late."""
    p = placed()
    p.fire("support_contact", at=D0 + timedelta(days=gap), by=COACH)
    assert expected == status(p, 22)


@pytest.mark.parametrize(
    ("later", "expected"), [(date(2025, 3, 28), "met"), (date(2025, 3, 29), "not_met")]
)
def test_i9_monthly_gap_by_calendar_months(later: date, expected: str) -> None:
    """Item 23: after a contact on 28 Feb the next is due 28 Mar (C1); 29 Mar is late."""
    p = placed(date(2025, 1, 31))
    for day in (date(2025, 2, 7), date(2025, 2, 14), date(2025, 2, 21), date(2025, 2, 28)):
        p.fire("support_contact", at=day, by=COACH)
    p.fire("support_contact", at=later, by=COACH)
    assert expected == status(p, 23)


def test_i9_support_that_stopped_fails_the_time_unlimited_item() -> None:
    """No contacts for months while the job goes on: both items not met, misses counted."""
    p = placed(date(2025, 3, 3))
    p.fire("support_contact", at=date(2025, 3, 10), by=COACH)
    report = ips.fidelity_report(p, as_of=date(2025, 6, 1))
    assert (4, 1) == (report.item(22).evidence["late"], report.item(23).evidence["late"])
    assert ("not_met", "not_met") == (report.item(22).status.value, report.item(23).status.value)


def test_i9_short_job_is_not_assessable_for_time_unlimited() -> None:
    """A job that ended in its first month says nothing about later support."""
    p = placed()
    p.fire("support_contact", at=D0 + timedelta(days=7), by=COACH)
    p.fire("job_ended", at=D0 + timedelta(days=14), by=CLIENT, reason="resigned")
    report = ips.fidelity_report(p, as_of=date(2026, 1, 1))
    assert ("met", "not_assessable") == (
        report.item(22).status.value,
        report.item(23).status.value,
    )


def test_i14_as_of_leaves_out_later_events() -> None:
    """Events after *as_of* do not count; a non-date as_of is a data error."""
    p = placed()
    assert "not_assessable" == status(p, 21, as_of=D0 - timedelta(days=1))
    with pytest.raises(PathwayDataError):
        ips.fidelity_report(p, as_of="2025-01-01")  # type: ignore[arg-type]


def test_i14_bare_history_is_checked() -> None:
    """A bare history must start with the referral, carry each trigger's own payload class
    (a subclass could change what the items read), and keep date order; each event's day,
    actor and audit metadata are checked as a stored event's are."""
    history = list(placed().history)
    swapped = [history[1], history[0], *history[2:]]
    wrong_data = [history[0], attrs.evolve(history[1], data=None), *history[2:]]
    backwards = [*history, attrs.evolve(history[-1], seq=9, at=D0 - timedelta(days=1))]
    timestamp = [history[0], attrs.evolve(history[1], at=datetime(2025, 1, 8)), *history[2:]]
    no_day = [history[0], attrs.evolve(history[1], at=None), *history[2:]]
    no_actor = [*history[:2], attrs.evolve(history[2], actor="coach-1"), *history[3:]]
    e = history[3]
    blank_ref = [
        *history[:3],
        Event(e.seq, e.trigger, e.source, e.dest, e.at, e.actor, e.data, None, " "),
    ]

    @attrs.frozen(kw_only=True)
    class Passing(ips.Placement):
        def failed(self) -> tuple[str, ...]:
            return ()

    sheltered = Passing(employer_id="e", **(COMPETITIVE | {"sheltered": True}))
    subclassed = [*history[:3], attrs.evolve(e, data=sheltered)]
    cases = {
        "$.pathway[0].trigger": swapped,
        "$.pathway[1].data": wrong_data,
        "$.pathway[4].at": backwards,
        "$.pathway[1].at": timestamp,
        "$.pathway[1].at ": no_day,
        "$.pathway[2].actor": no_actor,
        "$.pathway[3].ref": blank_ref,
        "$.pathway[3].data": subclassed,
    }
    for path, bad in cases.items():
        with pytest.raises(PathwayDataError) as caught:
            ips.fidelity_report(bad)
        assert path.strip() in [p for p, _ in caught.value.errors]
        with pytest.raises(PathwayDataError) as caught:
            ips.caseload_report([bad], as_of=D0)
        assert path.strip().replace("$.pathway", "$.pathways[0]") in [
            p for p, _ in caught.value.errors
        ]
    with pytest.raises(PathwayDataError) as caught:
        ips.fidelity_report(history, policy=pf.typ.TypPolicy())  # type: ignore[arg-type]
    assert "$.policy" == caught.value.errors[0][0]


def test_i14_bad_input_is_a_data_error() -> None:
    """Another process's pathway, a string, an empty or foreign history: PathwayDataError."""
    typ_pathway = pf.typ.definition().start("c", at=D0, by=Actor("e", Role.KELA))
    for bad in (typ_pathway, "history", [], [object()], list(typ_pathway.history)):
        with pytest.raises(PathwayDataError) as caught:
            ips.fidelity_report(bad)  # type: ignore[arg-type]
        assert caught.value.errors[0][0].startswith("$.pathway")


# --------------------------------------------------------------------------- caseload items


def active(n: int, coach: str = "coach-1") -> list[Pathway]:
    """*n* clients of *coach* in job search."""
    return [searching(coach=coach, client=f"client-{coach}-{i}") for i in range(n)]


@pytest.mark.parametrize(("clients", "expected"), [(20, "met"), (21, "not_met")])
def test_i13_caseload_20_met_21_not(clients: int, expected: str) -> None:
    """Item 1: at most 20 active clients per full-time coach (IPS-25)."""
    report = ips.caseload_report(active(clients), as_of=D0)
    item = report.item(1)
    assert expected == item.status.value
    assert clients == item.evidence["largest"]
    (coach,) = report.specialists
    assert (clients <= 20) == coach.within_limit


@pytest.mark.parametrize(("clients", "expected"), [(25, "met"), (26, "not_met")])
def test_i13_older_scale_limit_25(clients: int, expected: str) -> None:
    """The older 15-item scale's 25 is a parameter."""
    report = ips.caseload_report(active(clients), as_of=D0, caseload_limit=25)
    assert expected == report.item(1).status.value


@pytest.mark.parametrize(("clients", "expected"), [(10, "met"), (11, "not_met")])
def test_i12_caseload_per_full_time_equivalent(clients: int, expected: str) -> None:
    """A half-time coach carries at most 10."""
    report = ips.caseload_report(active(clients), as_of=D0, fte_percent={"coach-1": 50})
    assert expected == report.item(1).status.value


def test_i12_caseload_counts_only_active_clients_of_each_coach() -> None:
    """Referred-only and ended clients do not count; reassignment moves a client."""
    ended = searching(client="gone")
    ended.fire("end", at=D0, by=CLIENT, closure="client_choice")
    referred = ips.definition().start("new", at=D0, by=CLIENT)
    moved = searching(client="moved")
    moved.fire("reassign_coach", at=D0 + timedelta(days=1), by=COUNTY, coach_id="coach-2")
    pathways = [*active(2), ended, referred, moved]
    report = ips.caseload_report(pathways, as_of=D0 + timedelta(days=1))
    assert [("coach-1", 2), ("coach-2", 1)] == [(s.coach_id, s.active) for s in report.specialists]
    before = ips.caseload_report(pathways, as_of=D0)
    assert [("coach-1", 3)] == [(s.coach_id, s.active) for s in before.specialists]


def test_i12_no_active_clients_is_not_assessable() -> None:
    """With nobody active the caseload cannot be judged."""
    assert "not_assessable" == ips.caseload_report([], as_of=D0).item(1).status.value


@pytest.mark.parametrize(("same", "expected"), [(3, "met"), (4, "not_met")])
def test_i12_employer_diversity_15_percent(same: int, expected: str) -> None:
    """Item 20: with 20 placements, 3 with one employer (15 %) pass, 4 do not."""
    pathways = [
        placed(employer="emp-big" if i < same else f"emp-{i}", client=f"c{i}") for i in range(20)
    ]
    item = ips.caseload_report(pathways, as_of=D0).item(20)
    assert expected == item.status.value
    assert (20, same) == (item.evidence["placements"], item.evidence["most_with_one_employer"])


def test_i14_declared_items_are_reported_as_declared() -> None:
    """Organisational items come from the host; undeclared ones are not assessable."""
    report = ips.caseload_report([], as_of=D0, declared={2: True, 24: False})
    assert ("met", {"declared": True}) == (report.item(2).status.value, report.item(2).evidence)
    assert "not_met" == report.item(24).status.value
    assert "not_assessable" == report.item(3).status.value
    with pytest.raises(KeyError):
        report.item(9)  # a history item is in each pathway's report, not the team's
    numbers = [i.item for i in report.items]
    assert sorted(numbers) == sorted({*range(1, 26)} - {9, 12, 13, 15, 21, 22, 23})


@pytest.mark.parametrize(
    "kw",
    [
        {"declared": {9: True}},
        {"declared": {26: True}},
        {"declared": {2: "yes"}},
        {"caseload_limit": 0},
        {"max_employer_share_percent": 101},
        {"fte_percent": {"coach-1": 0}},
        {"as_of": "2025-01-08"},
    ],
)
def test_i14_bad_caseload_input_is_a_data_error(kw: dict[str, Any]) -> None:
    """Malformed options raise PathwayDataError naming the option."""
    options: dict[str, Any] = {"as_of": D0} | kw
    with pytest.raises(PathwayDataError) as caught:
        ips.caseload_report(active(1), **options)
    assert caught.value.errors[0][0].startswith("$.")


def test_i14_caseload_report_accepts_histories_but_not_a_string() -> None:
    """Bare histories work like pathways; a string is refused."""
    p = searching()
    assert ips.caseload_report([p.history], as_of=D0).item(1).status is Status.MET
    with pytest.raises(PathwayDataError):
        ips.caseload_report("pathways", as_of=D0)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- IPS-25 score


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (25, Band.NOT_IPS),
        (73, Band.NOT_IPS),
        (74, Band.FAIR),
        (99, Band.FAIR),
        (100, Band.GOOD),
        (114, Band.GOOD),
        (115, Band.EXEMPLARY),
        (125, Band.EXEMPLARY),
    ],
)
def test_i11_band_edges(total: int, expected: Band) -> None:
    """73/74, 99/100, 114/115 and the ends of the scale."""
    assert expected == ips.band(total)
    assert expected.label.get("fi")


@pytest.mark.parametrize("total", [24, 126, True, 100.0])
def test_i11_totals_outside_the_scale_are_invalid(total: Any) -> None:
    """126 and 24 are impossible totals; non-integers are refused."""
    with pytest.raises(PathwayDataError):
        ips.band(total)


def test_i11_total_needs_all_25_items_scored_1_to_5() -> None:
    """ips25_total sums complete, valid scores and names every bad entry."""
    scores = dict.fromkeys(range(1, 26), 4)
    assert 100 == ips.ips25_total(scores)
    assert Band.GOOD == ips.band(ips.ips25_total(scores))
    bad = {**scores, 3: 6, 30: 1}
    del bad[25]
    with pytest.raises(PathwayDataError) as caught:
        ips.ips25_total(bad)
    assert {"$.scores[25]", "$.scores[3]", "$.scores[30]"} == {p for p, _ in caught.value.errors}
    with pytest.raises(PathwayDataError) as caught:
        ips.ips25_total({True: 4} | dict.fromkeys(range(2, 26), 4))  # True == 1, not an item
    assert ["$.scores[True]"] == [p for p, _ in caught.value.errors]


# --------------------------------------------------------------------------- properties

IPS = ips.definition()


@given(data=st.data())
def test_i7_no_placement_into_non_competitive_work_is_ever_recorded(data: st.DataObject) -> None:
    """In random runs every recorded placement meets every competitive-job criterion."""
    run = data.draw(testing.pathways(IPS))
    for event in run.pathway.history:
        if event.trigger == "place":
            assert () == event.data.failed()
    for attempt, accepted in run.attempts:
        if accepted and attempt.trigger == "place":
            assert ips.Placement(**attempt.data).failed() == ()


@given(data=st.data(), later=st.integers(0, 400))
def test_i14_report_is_a_pure_function_of_the_history(data: st.DataObject, later: int) -> None:
    """Same history, same report: live, replayed, restored, or as a bare event list."""
    pathway = data.draw(testing.pathways(IPS, max_attempts=15)).pathway
    as_of = pathway.history[-1].at + timedelta(days=later)
    report = ips.fidelity_report(pathway, as_of=as_of)
    assert report == ips.fidelity_report(pathway, as_of=as_of)
    replayed = pf.replay(IPS, pathway.history, client_id=pathway.client_id)
    assert report == ips.fidelity_report(replayed, as_of=as_of)
    assert report == ips.fidelity_report(pf.from_dict(pf.to_dict(pathway)), as_of=as_of)
    bare = ips.fidelity_report(list(pathway.history), as_of=as_of)
    assert report.items == bare.items
    assert ips.fidelity_report(pathway).items == ips.fidelity_report(pathway.history).items


@given(data=st.data())
def test_i14_unrelated_pathways_change_only_caseload_items(data: st.DataObject) -> None:
    """A pathway's own items in a caseload report equal its report alone."""
    mine = data.draw(testing.pathways(IPS, max_attempts=12)).pathway
    other = data.draw(testing.pathways(IPS, max_attempts=12)).pathway
    others = [other, other]  # a duplicate too: caseloads count it, the report must not
    as_of = max(p.history[-1].at for p in (mine, *others))
    alone = ips.fidelity_report(mine, as_of=as_of)
    together = ips.caseload_report([*others, mine], as_of=as_of)
    assert alone == together.pathways[-1]
    assert alone == ips.caseload_report([mine, *others], as_of=as_of).pathways[0]


@pytest.mark.parametrize("roll_forward", [False, True])
@given(data=st.data(), later=st.integers(0, 90))
def test_i8_d8_deadline_and_item_15_agree_on_every_history(
    roll_forward: bool, data: st.DataObject, later: int
) -> None:
    """D8: the rapid-search deadline and fidelity item 15 give one answer on any history."""
    definition = ips.definition(roll_forward=roll_forward)
    pathway = data.draw(testing.pathways(definition, max_attempts=12)).pathway
    at = pathway.history[-1].at + timedelta(days=later)
    item = ips.fidelity_report(pathway, as_of=at).item(15)
    shown = [d for d in pathway.deadlines(at=at) if d.code == "ips.first_employer_contact_due"]
    if shown:
        (deadline,) = shown
        expected = Status.NOT_MET if deadline.overdue else Status.NOT_ASSESSABLE
        assert expected == item.status
    elif pathway.context.entered_on is not None and pathway.state != "ended":
        assert item.status in (Status.MET, Status.NOT_MET)
        assert pathway.context.first_contact_on == item.evidence["first_contact_on"]


@pytest.mark.parametrize("roll_forward", [False, True])
@given(
    placed_on=st.dates(date(2024, 1, 1), date(2026, 12, 31)),
    gaps=st.lists(st.integers(1, 40), max_size=8),
    later=st.integers(0, 40),
)
def test_i9_d8_support_deadline_and_items_22_23_agree_on_every_history(
    roll_forward: bool, placed_on: date, gaps: list[int], later: int
) -> None:
    """D8: the support-contact deadline is overdue exactly when the report counts a miss
    in the interval it shows, with or without the roll-forward (C3). Contacts come at
    any gap, so weekend and holiday due dates are met on the next working day too."""
    p = ips.definition(roll_forward=roll_forward).start("client-1", at=placed_on, by=COUNTY)
    p.fire("agree", at=placed_on, by=COACH, wants_work=True, coach_id="coach-1")
    p.fire("make_profile", at=placed_on, by=COACH, wishes=["shop"], skills=["till"])
    p.fire("place", at=placed_on, by=COACH, employer_id="emp-1", **COMPETITIVE)
    day = placed_on
    for gap in [*gaps, None]:
        at = day + timedelta(days=later if gap is None else gap)
        (deadline,) = p.deadlines(at=at)
        report = ips.fidelity_report(p, as_of=at)
        before = ips.fidelity_report(p, as_of=deadline.start)
        late = sum(int(r.item(n).evidence["late"]) for r in (report,) for n in (22, 23))
        earlier = sum(int(before.item(n).evidence["late"]) for n in (22, 23))
        assert deadline.overdue == (late > earlier)
        if gap is not None:
            day = at
            p.fire("support_contact", at=day, by=COACH)


@pytest.mark.parametrize(
    ("contact", "roll_forward", "expected"),
    [
        (date(2025, 1, 11), False, "met"),  # the due day itself, a Saturday
        (date(2025, 1, 13), False, "not_met"),  # the next working day, without roll-forward
        (date(2025, 1, 13), True, "met"),  # the next working day counts under roll-forward
        (date(2025, 1, 14), True, "not_met"),  # a day after it does not
    ],
)
def test_i9_c3_a_weekly_contact_due_on_a_saturday(
    contact: date, roll_forward: bool, expected: str
) -> None:
    """I9 with C3: a contact due on Saturday 11 Jan 2025 may be made on Monday 13 Jan only
    under ``roll_forward``, as the pathway's deadline says."""
    entry = date(2024, 12, 2)
    p = ips.definition(roll_forward=roll_forward).start("client-1", at=entry, by=COUNTY)
    p.fire("agree", at=entry, by=COACH, wants_work=True, coach_id="coach-1")
    p.fire("make_profile", at=entry, by=COACH, wishes=["shop"], skills=["till"])
    p.fire("place", at=date(2025, 1, 4), by=COACH, employer_id="emp-1", **COMPETITIVE)
    (due,) = p.deadlines(at=contact)
    assert (due.due, due.overdue) == (date(2025, 1, 11), expected == "not_met")
    p.fire("support_contact", at=contact, by=COACH)
    assert expected == status(p, 22)
