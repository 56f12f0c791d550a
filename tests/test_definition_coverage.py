"""Rule tests for the edges and reason codes no other test exercised (make coverage-report).

Each test names the rule whose edge or code it fires: T9–T12 and the closure of TYP in
every plan state, the journey's answers to a handover that is not open (H2), and the
standalone handover, whose state already says what its answer guards would check.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import pathway_fsm as pf
from pathway_fsm import Actor, Role, handover, journey, typ

D0 = date(2025, 1, 8)
EA = Actor("ea-1", Role.EMPLOYMENT_AUTHORITY)
WC = Actor("wc-1", Role.WELLBEING_COUNTY)
CLIENT = Actor("client", Role.CLIENT)
PLAN: dict[str, Any] = {
    "services": [
        {"name": "social rehabilitation", "provider": "wellbeing_county", "kind": "social"}
    ],
    "follow_up": "monthly meeting with the counsellor",
    "job_search": "included",
    "made_with": [Role.EMPLOYMENT_AUTHORITY, Role.WELLBEING_COUNTY, Role.CLIENT],
    "assessed": [area.value for area in typ.AssessmentArea],
    "report_due": date(2025, 2, 28),
}
# The triggers that take a planned TYP pathway from Valmenna to each plan state.
TO_STATE = {
    "valmenna": (),
    "kokeile": ("begin_trial",),
    "ratkaise": ("begin_trial", "begin_resolution"),
}


def in_plan_state(state: str) -> pf.Pathway:
    """A TYP pathway admitted, planned and moved to *state*, all on D0."""
    p = typ.definition().start("client-1", at=D0, by=EA)
    p.fire(
        "admit",
        at=D0,
        by=EA,
        multidisciplinary_need=True,
        benefits_from_service=True,
        labour_market_subsidy_days=300,
    )
    p.fire("make_plan", at=D0, by=EA, **PLAN)
    for trigger in TO_STATE[state]:
        p.fire(trigger, at=D0, by=EA)
    assert state == p.state
    return p


def refused_codes(p: pf.Pathway, trigger: str, *, at: date, by: Actor, **data: Any) -> list[str]:
    """Fire *trigger*, expect a refusal that changes nothing, and return its codes."""
    before = pf.to_dict(p)
    verdict = p.check(trigger, at=at, by=by, **data)
    with pytest.raises(pf.TransitionRefused) as caught:
        p.fire(trigger, at=at, by=by, **data)
    assert before == pf.to_dict(p)
    assert list(verdict.codes) == [r.code for r in caught.value.reasons]
    return [r.code for r in caught.value.reasons]


# --------------------------------------------------------------------------- TYP


@pytest.mark.parametrize("state", list(TO_STATE))
def test_t10_a_review_request_is_declined_in_every_plan_state(state: str) -> None:
    """T10: in Valmenna, Kokeile and Ratkaise a justified decline clears the request."""
    p = in_plan_state(state)
    p.fire("request_review", at=date(2025, 2, 1), by=CLIENT)
    assert date(2025, 2, 1) == p.context.review_requested_on
    event = p.fire(
        "decline_review_request", at=date(2025, 2, 3), by=EA, justification="reviewed on 1.2."
    )
    assert (state, state) == (event.source, event.dest)
    assert p.context.review_requested_on is None
    assert [] == [
        d for d in p.deadlines(at=date(2025, 2, 3)) if d.code == "typ.requested_review_due"
    ]


@pytest.mark.parametrize("state", list(TO_STATE))
def test_t10_a_client_may_ask_for_a_review_in_every_plan_state(state: str) -> None:
    """T10: a client's request is tracked in every plan state, due 14 days later."""
    p = in_plan_state(state)
    event = p.fire("request_review", at=date(2025, 3, 3), by=CLIENT)
    assert (state, state) == (event.source, event.dest)
    (requested,) = [
        d for d in p.deadlines(at=date(2025, 3, 3)) if d.code == "typ.requested_review_due"
    ]
    assert date(2025, 3, 17) == requested.due


@pytest.mark.parametrize("state", list(TO_STATE))
def test_t9_the_plan_is_reviewed_in_every_plan_state(state: str) -> None:
    """T9: a review restarts the review clock in Valmenna, Kokeile and Ratkaise alike."""
    p = in_plan_state(state)
    event = p.fire(
        "review_plan",
        at=date(2025, 3, 3),
        by=EA,
        participants=[Role.EMPLOYMENT_AUTHORITY, Role.WELLBEING_COUNTY],
    )
    assert (state, state) == (event.source, event.dest)
    (review,) = [d for d in p.deadlines(at=date(2025, 3, 3)) if d.code == "typ.review_due"]
    assert date(2025, 6, 3) == review.due


@pytest.mark.parametrize("state", list(TO_STATE))
def test_t12_progress_is_reported_in_every_plan_state(state: str) -> None:
    """T12: the client's report answers the plan's report date in every plan state."""
    p = in_plan_state(state)
    event = p.fire("report_progress", at=date(2025, 2, 20), by=CLIENT)
    assert (state, state) == (event.source, event.dest)
    assert [] == [d for d in p.deadlines(at=date(2025, 3, 1)) if d.code == "typ.client_report_due"]


@pytest.mark.parametrize("state", list(TO_STATE))
def test_t17_a_factual_closure_ends_every_plan_state(state: str) -> None:
    """close: moving away ends the pathway from each plan state, Kokeile included."""
    p = in_plan_state(state)
    event = p.fire("close", at=date(2025, 4, 1), by=WC, closure="moved_away")
    assert (state, "ended") == (event.source, event.dest)
    assert date(2025, 4, 1) == p.context.ended_on


# --------------------------------------------------------------------------- handover (H2)


def proposed_journey() -> pf.Pathway:
    """A journey whose TYP service proposes handing the client over to the county's KTT."""
    j = journey.definition().start(
        "client-1", at=D0, by=EA, party=Role.EMPLOYMENT_AUTHORITY, service="typ"
    )
    j.fire(
        "propose_handover",
        at=D0,
        by=EA,
        handover_id="h-1",
        from_party=Role.EMPLOYMENT_AUTHORITY,
        from_service="typ",
        to_party=Role.WELLBEING_COUNTY,
        to_service="ktt",
    )
    return j


def test_h2_a_handover_not_yet_accepted_cannot_be_completed() -> None:
    """H2: the sender releases the client only after the receiver accepted (not_accepted)."""
    j = proposed_journey()
    assert ["handover.not_accepted"] == refused_codes(
        j, "complete_handover", at=D0, by=EA, handover_id="h-1"
    )


@pytest.mark.parametrize("trigger", ["accept_handover", "decline_handover"])
def test_h2_a_declined_handover_cannot_be_answered_again(trigger: str) -> None:
    """H2: once declined, a proposal is not open to an answer (not_open)."""
    j = proposed_journey()
    j.fire("decline_handover", at=D0, by=WC, handover_id="h-1")
    assert ["handover.not_open"] == refused_codes(j, trigger, at=D0, by=WC, handover_id="h-1")


@pytest.mark.parametrize(
    ("trigger", "by"), [("accept", WC), ("decline", WC), ("withdraw", EA), ("expire", EA)]
)
def test_h2_a_standalone_handover_answers_only_while_proposed(trigger: str, by: Actor) -> None:
    """H2: in the handover process the state is the status: a second answer is wrong_state."""
    h = handover.definition().start(
        "client-1",
        at=D0,
        by=EA,
        handover_id="h-1",
        from_party=Role.EMPLOYMENT_AUTHORITY,
        from_service="typ",
        to_party=Role.WELLBEING_COUNTY,
        to_service="ktt",
    )
    h.fire("accept", at=D0, by=WC, handover_id="h-1")
    assert ["pathway.wrong_state"] == refused_codes(h, trigger, at=D0, by=by, handover_id="h-1")
    h.fire("complete", at=D0, by=EA, handover_id="h-1")
    assert ["pathway.wrong_state"] == refused_codes(h, "complete", at=D0, by=EA, handover_id="h-1")


def test_h2_the_journey_refuses_an_answer_after_the_reply_date() -> None:
    """H2: the receiver may answer up to and including respond_by, not the day after."""
    j = journey.definition().start(
        "client-1", at=D0, by=EA, party=Role.EMPLOYMENT_AUTHORITY, service="typ"
    )
    j.fire(
        "propose_handover",
        at=D0,
        by=EA,
        handover_id="h-1",
        from_party=Role.EMPLOYMENT_AUTHORITY,
        from_service="typ",
        to_party=Role.WELLBEING_COUNTY,
        to_service="ktt",
        respond_by=date(2025, 1, 22),
    )
    late = date(2025, 1, 23)
    for trigger in ("accept_handover", "decline_handover"):
        assert ["handover.expired"] == refused_codes(j, trigger, at=late, by=WC, handover_id="h-1")


def test_counting_keeps_the_docstring_of_check() -> None:
    """Under --pathway-coverage, Pathway.check still has its name and docstring."""
    from pathway_fsm import _coverage

    documented = pf.Pathway.check.__doc__
    recorder = _coverage.Recorder()
    _coverage.start(recorder)
    try:
        assert ("check", documented) == (pf.Pathway.check.__name__, pf.Pathway.check.__doc__)
    finally:
        _coverage.stop(recorder)
