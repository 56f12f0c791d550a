"""Boundary tests for the Kemi rules K2–K7: target group, referral, admission."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pathway_fsm as pf
from pathway_fsm import Actor, Role, referral
from pathway_fsm.referral import Candidate, TargetFacts

muni = Actor("muni-1", Role.MUNICIPALITY)
ea = Actor("ea-1", Role.EMPLOYMENT_AUTHORITY)
DAY = date(2025, 3, 3)


def referred(by: Actor = muni, **data: Any) -> pf.Pathway:
    """A referral to the pilot made on DAY."""
    return referral.definition().start("c1", at=DAY, by=by, **data)


def verdict(on: date = DAY, **facts: Any) -> pf.Verdict:
    """The target-group verdict for *facts* on *on*."""
    return referral.target_group(TargetFacts(**facts), on)


class TestTargetGroup:
    """K2: 500 days of benefit, or 12 months' unemployment with a risk of exclusion."""

    @pytest.mark.parametrize(("days", "allowed"), [(499, False), (500, True), (501, True)])
    def test_k2_benefit_days_boundary(self, days: int, allowed: bool) -> None:
        """500 days of unemployment benefit is enough on its own; 499 is not."""
        found = verdict(benefit_days=days, unemployed_since=DAY, risk_of_exclusion=True)
        assert allowed == found.allowed
        if not allowed:
            assert ("kemi.target.not_met",) == found.codes

    @pytest.mark.parametrize(
        ("since", "on", "allowed"),
        [
            (date(2024, 3, 3), DAY, True),  # exactly 12 months
            (date(2024, 3, 4), DAY, False),  # one day short
            (date(2024, 4, 3), DAY, False),  # 11 months
            (date(2024, 2, 29), date(2025, 2, 28), True),  # leap day: C1 clamps
            (date(2024, 2, 29), date(2025, 2, 27), False),
            (date(2023, 3, 31), date(2024, 3, 31), True),  # month end
            (date(2023, 3, 31), date(2024, 3, 30), False),
            (date(2024, 1, 31), date(2025, 1, 31), True),
        ],
    )
    def test_k2_twelve_months_boundary(self, since: date, on: date, allowed: bool) -> None:
        """12 months by C1, counted to the decision day, with the risk flag set."""
        found = verdict(on, benefit_days=0, unemployed_since=since, risk_of_exclusion=True)
        assert allowed == found.allowed

    @pytest.mark.parametrize(
        ("risk", "code"), [(False, "kemi.target.not_met"), (None, "kemi.target.facts_missing")]
    )
    def test_k2_risk_flag_is_needed_with_the_spell(self, risk: bool | None, code: str) -> None:
        """12 months without a risk of exclusion is not enough; an unknown risk is missing."""
        found = verdict(benefit_days=0, unemployed_since=date(2020, 1, 1), risk_of_exclusion=risk)
        assert (code,) == found.codes

    def test_k2_missing_facts_are_named(self) -> None:
        """Without the facts the verdict names what is missing."""
        (reason,) = verdict().reasons
        assert "kemi.target.facts_missing" == reason.code
        assert "benefit_days, unemployed_since, risk_of_exclusion" == reason.params["facts"]
        assert "työttömyysetuuspäivät" in reason.message("fi")
        assert "benefit_days" not in reason.message("fi")

    def test_k2_short_spell_needs_no_risk_flag(self) -> None:
        """A spell short of 12 months fails whatever the risk flag says."""
        assert ("kemi.target.not_met",) == verdict(
            benefit_days=10, unemployed_since=DAY - timedelta(days=30)
        ).codes

    @pytest.mark.parametrize(
        ("employment", "municipal", "priority"),
        [(True, True, True), (True, False, False), (None, True, False)],
    )
    def test_k2_priority_note(self, employment: Any, municipal: Any, priority: bool) -> None:
        """Needing both kinds of services gives priority, as a note that never blocks."""
        found = verdict(
            benefit_days=500,
            needs_employment_services=employment,
            needs_municipal_services=municipal,
        )
        assert found.allowed
        assert (("kemi.target.priority",) if priority else ()) == tuple(n.code for n in found.notes)

    def test_k2_policy_numbers(self) -> None:
        """The thresholds are policy (D2) and are checked."""
        policy = referral.KemiPolicy(benefit_days=300, unemployed_months=6)
        assert referral.target_group(TargetFacts(benefit_days=300), DAY, policy=policy)
        with pytest.raises(pf.PathwayDataError) as exc:
            referral.definition(benefit_days=0)
        assert "$.benefit_days" == exc.value.errors[0][0]

    def test_k3_job_seeker_registration_is_not_required(self) -> None:
        """A municipal-only client, not registered as a job seeker, can be admitted."""
        p = referred()
        p.fire("admit", at=DAY, by=muni, benefit_days=600, registered_job_seeker=False)
        assert "admitted" == p.state


@pytest.mark.parametrize(
    ("facts", "path"),
    [
        (TargetFacts(benefit_days="600"), "$.facts.benefit_days"),  # type: ignore[arg-type]
        (TargetFacts(benefit_days=True), "$.facts.benefit_days"),
        (TargetFacts(unemployed_since="yesterday"), "$.facts.unemployed_since"),  # type: ignore[arg-type]
        (TargetFacts(risk_of_exclusion=1), "$.facts.risk_of_exclusion"),  # type: ignore[arg-type]
    ],
)
def test_k2_target_group_names_a_fact_of_the_wrong_type(facts: TargetFacts, path: str) -> None:
    """K2/K3: facts are checked field by field before any rule compares them."""
    with pytest.raises(pf.PathwayDataError) as exc:
        referral.target_group(facts, DAY)
    assert [path] == [p for p, _ in exc.value.errors]


class TestReferral:
    """K1 the period, K4 who may refer, K5 the plan reference, K6 admission, K7 roles."""

    @pytest.mark.parametrize("day", [date(2012, 8, 31), date(2012, 9, 1), date(2016, 1, 1)])
    def test_k1_pilot_period_is_not_enforced(self, day: date) -> None:
        """The model is used as a pattern: dates outside 1.9.2012–31.12.2015 are accepted."""
        p = referral.definition().start("c1", at=day, by=muni)
        p.fire("admit", at=day, by=muni, benefit_days=500)
        assert "admitted" == p.state

    def test_k7_responsibilities_stay_with_each_party(self) -> None:
        """Admission adds the municipality's pilot; the employment authority keeps its service."""
        j = pf.journey.definition().start(
            "c1", at=DAY, by=ea, party=Role.EMPLOYMENT_AUTHORITY, service="te:employment services"
        )
        p = referred(by=ea, employment_authority_client=True, plan_reference="plan-1")
        p.fire("admit", at=DAY, by=muni, benefit_days=500)
        j.fire("enter_service", at=DAY, by=muni, party=Role.MUNICIPALITY, service="kemi")
        assert {Role.EMPLOYMENT_AUTHORITY, Role.MUNICIPALITY} == {
            r.party for r in j.context.responsible_on(DAY)
        }
        assert ("pathway.role_not_allowed",) == p.check(
            "leave", at=DAY, by=Actor("k", Role.KELA), closure="employment"
        ).codes

    @pytest.mark.parametrize("role", sorted(referral.INITIATORS))
    def test_k4_each_initiator_may_refer(self, role: Role) -> None:
        """The municipality, employment authority, Kela, a provider or the client refers."""
        p = referred(by=Actor("x", role))
        assert role == p.context.initiator

    @pytest.mark.parametrize("role", sorted(set(Role) - referral.INITIATORS))
    def test_k4_other_roles_may_not_refer(self, role: Role) -> None:
        """Nobody else may start a referral."""
        with pytest.raises(pf.TransitionRefused) as exc:
            referred(by=Actor("x", role))
        assert ["pathway.role_not_allowed"] == [r.code for r in exc.value.reasons]

    def test_k5_employment_authority_client_needs_plan_reference(self) -> None:
        """A client of the employment authority is referred through their plan."""
        with pytest.raises(pf.TransitionRefused) as exc:
            referred(employment_authority_client=True)
        assert ["kemi.referral.no_plan"] == [r.code for r in exc.value.reasons]
        p = referred(employment_authority_client=True, plan_reference="activation-plan-7")
        assert "activation-plan-7" == p.context.plan_reference

    def test_k5_empty_plan_reference_is_a_data_error(self) -> None:
        """An empty plan reference is malformed, not a reference."""
        with pytest.raises(pf.PathwayDataError):
            referred(employment_authority_client=True, plan_reference=" ")

    def test_k6_only_the_municipality_admits(self) -> None:
        """The employment authority cannot admit; the municipality can."""
        p = referred()
        assert ("pathway.role_not_allowed",) == p.check(
            "admit", at=DAY, by=ea, benefit_days=600
        ).codes
        event = p.fire("admit", at=DAY, by=muni, benefit_days=600)
        assert "admitted" == event.dest

    def test_k2_admission_checks_the_target_group(self) -> None:
        """The municipality cannot admit a client outside the target group."""
        p = referred()
        assert ("kemi.target.not_met",) == p.check(
            "admit", at=DAY, by=muni, benefit_days=499, risk_of_exclusion=False
        ).codes
        verdict = p.check(
            "admit",
            at=DAY,
            by=muni,
            benefit_days=500,
            needs_employment_services=True,
            needs_municipal_services=True,
        )
        assert ("kemi.target.priority",) == tuple(n.code for n in verdict.notes)

    def test_k6_decline_leave_and_withdraw(self) -> None:
        """The municipality records why it did not admit; an admitted client leaves coded."""
        declined = referred()
        declined.fire("decline", at=DAY, by=muni, reason="no_place")
        assert referral.DeclineReason.NO_PLACE == declined.context.declined
        admitted = referred()
        admitted.fire("admit", at=DAY, by=muni, benefit_days=500)
        admitted.fire("leave", at=DAY, by=muni, closure="employment")
        assert ("left", pf.journey.Closure.EMPLOYMENT) == (
            admitted.state,
            admitted.context.closure,
        )
        withdrawn = referred(by=Actor("me", Role.CLIENT))
        withdrawn.fire("withdraw", at=DAY, by=Actor("me", Role.CLIENT))
        assert DAY == withdrawn.context.ended_on

    @pytest.mark.parametrize(
        ("field", "value"), [("benefit_days", -1), ("unemployed_since", DAY + timedelta(days=1))]
    )
    def test_d4_malformed_facts_are_data_errors(self, field: str, value: object) -> None:
        """Negative days or a spell starting after the decision are data errors."""
        with pytest.raises(pf.PathwayDataError) as exc:
            referred().fire("admit", at=DAY, by=muni, **{field: value})
        assert [f"$.data.{field}"] == [p for p, _ in exc.value.errors]


def candidate(client_id: str, days: int = 500, **facts: Any) -> Candidate:
    """An eligible candidate (by benefit days) referred on DAY."""
    return Candidate(
        client_id=client_id,
        facts=TargetFacts(benefit_days=days, **facts),
        referred_on=DAY,
    )


class TestAdmission:
    """K6: when eligible candidates exceed places, a recorded, replaceable order decides."""

    def test_k6_default_order_priority_then_days(self) -> None:
        """Priority first, then more benefit days; the rest get no place."""
        both = {"needs_employment_services": True, "needs_municipal_services": True}
        decisions = referral.decide_admission(
            [candidate("a", 900), candidate("b", 600, **both), candidate("c", 700)], 2, on=DAY
        )
        assert [("b", True, 1), ("a", True, 2), ("c", False, 3)] == [
            (d.client_id, d.admitted, d.rank) for d in decisions
        ]
        assert [
            "kemi.admission.admitted",
            "kemi.admission.admitted",
            "kemi.admission.no_place",
        ] == [d.reason.code for d in decisions]
        assert ("kemi.target.priority",) == tuple(r.code for r in decisions[0].details)
        assert "3" in decisions[2].reason.message("sv")

    def test_k6_ties_break_by_spell_referral_then_id(self) -> None:
        """Equal facts: the earlier spell, then the earlier referral, then the client id."""
        tied = [
            Candidate(client_id="z", facts=TargetFacts(benefit_days=500), referred_on=DAY),
            Candidate(client_id="y", facts=TargetFacts(benefit_days=500), referred_on=DAY),
            Candidate(
                client_id="x",
                facts=TargetFacts(benefit_days=500),
                referred_on=DAY - timedelta(days=1),
            ),
            Candidate(
                client_id="w",
                facts=TargetFacts(benefit_days=500, unemployed_since=date(2020, 1, 1)),
                referred_on=DAY,
            ),
        ]
        decisions = referral.decide_admission(tied, 1, on=DAY)
        assert ["w", "x", "y", "z"] == [d.client_id for d in decisions]
        assert [True, False, False, False] == [d.admitted for d in decisions]

    def test_k6_capacity_zero_admits_nobody(self) -> None:
        """With no places every eligible candidate is recorded as having no place."""
        decisions = referral.decide_admission([candidate("a"), candidate("b")], 0, on=DAY)
        assert {"kemi.admission.no_place"} == {d.reason.code for d in decisions}

    def test_k6_more_places_than_candidates(self) -> None:
        """Spare places: every eligible candidate is admitted, the ineligible are not."""
        decisions = referral.decide_admission(
            [candidate("a"), candidate("b", 10, risk_of_exclusion=False)], 5, on=DAY
        )
        assert [
            ("a", True, "kemi.admission.admitted"),
            ("b", False, "kemi.admission.not_eligible"),
        ] == [(d.client_id, d.admitted, d.reason.code) for d in decisions]
        assert ("kemi.target.not_met",) == tuple(r.code for r in decisions[1].details)

    def test_k6_municipality_replaces_the_order(self) -> None:
        """The municipality's own function decides the order, and it is recorded."""

        def longest_waiting_last(cands: tuple[Candidate, ...]) -> list[Candidate]:
            return sorted(cands, key=lambda c: c.client_id, reverse=True)

        decisions = referral.decide_admission(
            [candidate("a"), candidate("b")], 1, on=DAY, order=longest_waiting_last
        )
        assert [("b", True), ("a", False)] == [(d.client_id, d.admitted) for d in decisions]

    def test_k6_an_order_must_rank_every_eligible_candidate_once(self) -> None:
        """An order that drops or repeats candidates is refused as malformed."""
        with pytest.raises(pf.PathwayDataError) as exc:
            referral.decide_admission(
                [candidate("a"), candidate("b")], 1, on=DAY, order=lambda c: c[:1]
            )
        assert "$.order" == exc.value.errors[0][0]

    def test_d4_bad_candidates_are_named(self) -> None:
        """Duplicates, negative places, facts after the decision day: every field named."""
        bad = [
            candidate("a"),
            candidate("a", -1),
            Candidate(client_id="c", facts=TargetFacts(), referred_on=DAY + timedelta(days=1)),
            "not a candidate",
        ]
        with pytest.raises(pf.PathwayDataError) as exc:
            referral.decide_admission(bad, -1, on=DAY)  # type: ignore[arg-type]
        assert [
            "$.places",
            "$.candidates[1].client_id",
            "$.candidates[1].facts.benefit_days",
            "$.candidates[2].referred_on",
            "$.candidates[3]",
        ] == [p for p, _ in exc.value.errors]
        with pytest.raises(pf.PathwayDataError):
            referral.decide_admission([], 1, on="2025-01-01")  # type: ignore[arg-type]

    def test_d4_wrongly_typed_candidates_are_named_by_every_ranking(self) -> None:
        """A host-built candidate whose fields are not of their declared types is named
        field by field, by the admission and by the default ranking alike; an ISO date
        string is converted, as in a trigger's data."""
        bad = [
            Candidate(client_id=["a"], facts=TargetFacts(), referred_on=DAY),  # type: ignore[arg-type]
            Candidate(client_id="b", facts=None, referred_on=DAY),  # type: ignore[arg-type]
            candidate("c", True),
            Candidate(client_id="d", facts=TargetFacts(benefit_days="600"), referred_on=DAY),  # type: ignore[arg-type]
        ]
        expected = [
            "$.candidates[0].client_id",
            "$.candidates[1].facts",
            "$.candidates[2].facts.benefit_days",
            "$.candidates[3].facts.benefit_days",
        ]
        with pytest.raises(pf.PathwayDataError) as exc:
            referral.decide_admission(bad, 1, on=DAY)
        assert expected == [p for p, _ in exc.value.errors]
        with pytest.raises(pf.PathwayDataError) as exc:
            referral.default_order(tuple(bad))
        assert expected == [p for p, _ in exc.value.errors]
        iso = Candidate(
            client_id="e", facts=TargetFacts(benefit_days=600), referred_on="2025-03-03"
        )  # type: ignore[arg-type]
        (decision,) = referral.decide_admission([iso], 1, on=DAY)
        assert decision.admitted

    @given(
        st.lists(
            st.builds(
                lambda i, days, both: candidate(
                    f"c{i}",
                    days,
                    needs_employment_services=both,
                    needs_municipal_services=both,
                ),
                st.integers(0, 5),
                st.integers(480, 520),
                st.booleans(),
            ),
            unique_by=lambda c: c.client_id,
            max_size=6,
        ),
        st.integers(0, 7),
        st.randoms(use_true_random=False),
    )
    def test_k6_decisions_do_not_depend_on_input_order(
        self, candidates: list[Candidate], places: int, rnd: Any
    ) -> None:
        """The default order is deterministic: shuffling the candidates changes nothing."""
        shuffled = list(candidates)
        rnd.shuffle(shuffled)
        first = referral.decide_admission(candidates, places, on=DAY)
        assert first == referral.decide_admission(shuffled, places, on=DAY)
        admitted = [d for d in first if d.admitted]
        eligible = [d for d in first if d.rank is not None]
        assert len(admitted) == min(places, len(eligible))
