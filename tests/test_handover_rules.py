"""Boundary tests for the handover rules H1–H3, in the handover and journey definitions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pathway_fsm as pf
from pathway_fsm import Actor, Role, handover, journey, typ
from pathway_fsm import social_welfare as sw

EA, WC, KELA = Role.EMPLOYMENT_AUTHORITY, Role.WELLBEING_COUNTY, Role.KELA
ea, wc, kela = Actor("ea-1", EA), Actor("wc-1", WC), Actor("kela-1", KELA)
DAY = date(2025, 3, 3)


def proposal(**changes: Any) -> dict[str, Any]:
    """Keyword data for a valid proposal from the employment authority's TYP to the county."""
    data: dict[str, Any] = {
        "handover_id": "h1",
        "from_party": EA,
        "from_service": "typ",
        "to_party": WC,
        "to_service": "ktt",
        "respond_by": DAY + timedelta(days=7),
    }
    return {**data, **changes}


def single(**changes: Any) -> pf.Pathway:
    """A single handover pathway, proposed on DAY."""
    return handover.definition().start("c1", at=DAY, by=ea, **proposal(**changes))


def started(max_gap_days: int = 0) -> pf.Pathway:
    """A journey whose client is in the employment authority's TYP from DAY."""
    definition = journey.definition(max_gap_days=max_gap_days)
    return definition.start("c1", at=DAY, by=ea, party=EA, service="typ")


def codes(exc: pytest.ExceptionInfo[pf.TransitionRefused]) -> tuple[str, ...]:
    """The reason codes of a refusal."""
    return tuple(r.code for r in exc.value.reasons)


class TestSingleHandover:
    """The protocol for one handover: proposed → accepted → completed, and the ways out."""

    def test_h2_happy_path_ends_completed(self) -> None:
        """Propose, accept by the receiver, release by the sender: completed."""
        p = single()
        p.fire("accept", at=DAY, by=wc, handover_id="h1")
        p.fire("complete", at=DAY + timedelta(days=1), by=ea, handover_id="h1")
        assert "completed" == p.state
        assert handover.HandoverStatus.COMPLETED == p.context.status
        assert DAY == p.context.starts_on

    @pytest.mark.parametrize("missing", ["to_party", "to_service"])
    def test_h2_no_receiver_is_refused(self, missing: str) -> None:
        """A proposal that does not name the receiving party and service is refused."""
        data = proposal()
        del data[missing]
        with pytest.raises(pf.TransitionRefused) as exc:
            handover.definition().start("c1", at=DAY, by=ea, **data)
        assert ("handover.no_receiver",) == codes(exc)

    def test_h2_same_service_is_refused(self) -> None:
        """A handover into the service being left is no handover."""
        with pytest.raises(pf.TransitionRefused) as exc:
            single(to_service="typ")
        assert ("handover.same_service",) == codes(exc)

    def test_h2_only_sender_proposes(self) -> None:
        """Kela cannot propose a handover out of the employment authority's service."""
        with pytest.raises(pf.TransitionRefused) as exc:
            handover.definition().start("c1", at=DAY, by=kela, **proposal())
        assert ("handover.not_sender",) == codes(exc)

    def test_h2_only_receiver_accepts(self) -> None:
        """The sender cannot accept its own proposal; nothing changes."""
        p = single()
        with pytest.raises(pf.TransitionRefused) as exc:
            p.fire("accept", at=DAY, by=ea, handover_id="h1")
        assert ("handover.not_receiver",) == codes(exc)
        assert "proposed" == p.state

    def test_h2_release_only_after_acceptance(self) -> None:
        """The sender cannot release before the receiver confirms (wrong state)."""
        p = single()
        assert ("pathway.wrong_state",) == p.check(
            "complete", at=DAY, by=ea, handover_id="h1"
        ).codes

    def test_h2_only_sender_releases(self) -> None:
        """The receiver cannot release the client on the sender's behalf."""
        p = single()
        p.fire("accept", at=DAY, by=wc, handover_id="h1")
        assert ("handover.not_sender",) == p.check(
            "complete", at=DAY, by=wc, handover_id="h1"
        ).codes

    def test_h2_accept_on_reply_date_passes_day_after_fails(self) -> None:
        """The receiver may answer on the reply date, not the day after."""
        last = DAY + timedelta(days=7)
        assert single().check("accept", at=last, by=wc, handover_id="h1")
        refused = single().check("accept", at=last + timedelta(days=1), by=wc, handover_id="h1")
        assert ("handover.expired",) == refused.codes

    def test_h2_expire_only_after_reply_date(self) -> None:
        """A proposal lapses the day after its reply date, and never without one."""
        last = DAY + timedelta(days=7)
        p = single()
        assert ("handover.not_expired",) == p.check(
            "expire", at=last, by=ea, handover_id="h1"
        ).codes
        p.fire("expire", at=last + timedelta(days=1), by=ea, handover_id="h1")
        assert "expired" == p.state
        no_date = single(respond_by=None)
        assert ("handover.not_expired",) == no_date.check(
            "expire", at=DAY + timedelta(days=999), by=ea, handover_id="h1"
        ).codes

    def test_h2_decline_and_withdraw(self) -> None:
        """The receiver declines, the sender withdraws; each only as its own party."""
        declined = single()
        assert ("handover.not_receiver",) == declined.check(
            "decline", at=DAY, by=ea, handover_id="h1"
        ).codes
        declined.fire("decline", at=DAY, by=wc, handover_id="h1")
        assert "declined" == declined.state
        withdrawn = single()
        assert ("handover.not_sender",) == withdrawn.check(
            "withdraw", at=DAY, by=wc, handover_id="h1"
        ).codes
        withdrawn.fire("withdraw", at=DAY, by=ea, handover_id="h1")
        assert "withdrawn" == withdrawn.state

    def test_h2_other_handover_id_is_unknown(self) -> None:
        """A step naming another handover is refused."""
        assert ("handover.unknown",) == single().check(
            "accept", at=DAY, by=wc, handover_id="h2"
        ).codes

    def test_h2_response_deadline(self) -> None:
        """An open proposal reports its reply date; the day after it is overdue."""
        (due,) = single().deadlines(at=DAY + timedelta(days=8))
        assert ("handover.response_due", DAY + timedelta(days=7), True) == (
            due.code,
            due.due,
            due.overdue,
        )
        assert () == single(respond_by=None).deadlines(at=DAY)

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("respond_by", DAY - timedelta(days=1)),
            ("handover_id", " "),
            ("from_service", ""),
            ("to_service", ""),
        ],
    )
    def test_h2_malformed_proposal_is_a_data_error(self, field: str, value: object) -> None:
        """A reply date before the proposal or an empty name is a data error naming it."""
        with pytest.raises(pf.PathwayDataError) as exc:
            single(**{field: value})
        assert [f"$.data.{field}"] == [path for path, _ in exc.value.errors]

    def test_h2_start_before_acceptance_is_a_data_error(self) -> None:
        """The receiver cannot start before the day it accepts."""
        with pytest.raises(pf.PathwayDataError) as exc:
            single().fire(
                "accept", at=DAY, by=wc, handover_id="h1", starts_on=DAY - timedelta(days=1)
            )
        assert [("$.data.starts_on", "must not be before the acceptance date")] == list(
            exc.value.errors
        )

    @pytest.mark.parametrize("bad", [-1, True, "0"])
    def test_d2_policy_is_checked(self, bad: object) -> None:
        """max_gap_days must be a non-negative integer."""
        with pytest.raises(pf.PathwayDataError) as exc:
            handover.definition(max_gap_days=bad)  # type: ignore[arg-type]
        assert "$.max_gap_days" == exc.value.errors[0][0]


class TestGap:
    """H2: the maximum gap between the sender's last day and the receiver's first day."""

    @pytest.mark.parametrize(
        ("max_gap", "start_after", "allowed"),
        [(0, 1, True), (0, 2, False), (3, 4, True), (3, 5, False)],
    )
    def test_h2_gap_boundary(self, max_gap: int, start_after: int, allowed: bool) -> None:
        """Releasing on day D is allowed when the receiver starts by D + 1 + max_gap_days."""
        p = handover.definition(max_gap_days=max_gap).start("c1", at=DAY, by=ea, **proposal())
        starts = DAY + timedelta(days=start_after)
        p.fire("accept", at=DAY, by=wc, handover_id="h1", starts_on=starts)
        verdict = p.check("complete", at=DAY, by=ea, handover_id="h1")
        assert allowed == bool(verdict)
        if not allowed:
            assert ("handover.gap_too_long",) == verdict.codes
            assert "(allowed: " in verdict.reasons[0].message("en")

    def test_h2_sender_can_hold_until_the_receiver_starts(self) -> None:
        """With a late start the sender waits: releasing the day before is allowed."""
        j = started()
        j.fire("propose_handover", at=DAY, by=ea, **proposal())
        starts = DAY + timedelta(days=20)
        j.fire("accept_handover", at=DAY, by=wc, handover_id="h1", starts_on=starts)
        assert not j.check("complete_handover", at=DAY, by=ea, handover_id="h1")
        j.fire("complete_handover", at=starts - timedelta(days=1), by=ea, handover_id="h1")
        for day in (DAY, starts - timedelta(days=1), starts, starts + timedelta(days=5)):
            assert j.context.responsible_on(day), day


class TestJourney:
    """H1: responsibility across services ends only through a handover or a coded closure."""

    def test_h1_service_cannot_end_into_a_gap(self) -> None:
        """Ending a service without a closure code or handover is refused; nothing changes."""
        j = started()
        j.fire("enter_service", at=DAY, by=wc, party=WC, service="hva:sosiaalityö")
        before = pf.to_dict(j)
        with pytest.raises(pf.TransitionRefused) as exc:
            j.fire("close_service", at=DAY, by=ea, service="typ")
        assert ("journey.no_next_step",) == codes(exc)
        assert before == pf.to_dict(j)

    def test_h1_coded_closure_ends_a_service(self) -> None:
        """With a closure code and another service open, one service ends."""
        j = started()
        j.fire("enter_service", at=DAY, by=wc, party=WC, service="hva:sosiaalityö")
        j.fire(
            "close_service",
            at=DAY + timedelta(days=3),
            by=ea,
            service="typ",
            closure=journey.Closure.EMPLOYMENT,
        )
        (typ_service, _) = j.context.responsibilities
        assert (DAY + timedelta(days=3), journey.Closure.EMPLOYMENT) == (
            typ_service.end,
            typ_service.closure,
        )
        assert (WC,) == tuple(r.party for r in j.context.responsible_on(DAY + timedelta(days=4)))

    def test_h1_last_service_needs_the_whole_journey_closed(self) -> None:
        """The only open service cannot be closed alone; closing the journey ends it."""
        j = started()
        verdict = j.check("close_service", at=DAY, by=ea, service="typ", closure="moved_away")
        assert ("journey.last_service",) == verdict.codes
        j.fire("close_journey", at=DAY, by=ea, closure="moved_away")
        assert "closed" == j.state
        assert journey.Closure.MOVED_AWAY == j.context.responsibilities[0].closure

    def test_h1_close_journey_needs_a_responsible_party(self) -> None:
        """Only a party responsible for the client closes the journey."""
        assert ("journey.not_responsible",) == started().check(
            "close_journey", at=DAY, by=kela, closure="deceased"
        ).codes

    def test_h2_sender_responsible_until_completion(self) -> None:
        """Proposed and accepted are not enough: the sender holds on until it releases."""
        j = started()
        j.fire("propose_handover", at=DAY, by=ea, **proposal())
        j.fire("accept_handover", at=DAY + timedelta(days=1), by=wc, handover_id="h1")
        day = DAY + timedelta(days=2)
        assert {EA, WC} == {r.party for r in j.context.responsible_on(day)}
        j.fire("complete_handover", at=day, by=ea, handover_id="h1")
        assert {EA, WC} == {r.party for r in j.context.responsible_on(day)}
        assert {WC} == {r.party for r in j.context.responsible_on(day + timedelta(days=1))}
        assert "h1" == j.context.responsibilities[0].handover_id

    def test_h2_service_with_open_handover_cannot_be_closed(self) -> None:
        """A closure code does not bypass a handover in progress."""
        j = started()
        j.fire("enter_service", at=DAY, by=kela, party=KELA, service="kela:kuntoutus")
        j.fire("propose_handover", at=DAY, by=ea, **proposal())
        assert ("journey.handover_open",) == j.check(
            "close_service", at=DAY, by=ea, service="typ", closure="employment"
        ).codes
        j.fire("withdraw_handover", at=DAY, by=ea, handover_id="h1")
        assert j.check("close_service", at=DAY, by=ea, service="typ", closure="employment")

    def test_h2_proposal_needs_the_senders_open_service(self) -> None:
        """The sender must hold the service it hands over; ids are unique in a journey."""
        j = started()
        assert ("journey.service_not_open",) == j.check(
            "propose_handover", at=DAY, by=ea, **proposal(from_service="ips")
        ).codes
        j.fire("propose_handover", at=DAY, by=ea, **proposal())
        assert ("handover.duplicate_id",) == j.check(
            "propose_handover", at=DAY, by=ea, **proposal(to_service="ips")
        ).codes

    def test_h2_journey_answers(self) -> None:
        """Decline, expire and unknown ids inside a journey."""
        j = started()
        j.fire("propose_handover", at=DAY, by=ea, **proposal())
        assert ("handover.unknown",) == j.check(
            "accept_handover", at=DAY, by=wc, handover_id="zz"
        ).codes
        for trigger in ("decline_handover", "withdraw_handover", "expire_handover"):
            assert ("handover.unknown",) == j.check(trigger, at=DAY, by=wc, handover_id="zz").codes
        assert ("handover.unknown",) == j.check(
            "complete_handover", at=DAY, by=ea, handover_id="zz"
        ).codes
        (due,) = j.deadlines(at=DAY)
        assert "handover.response_due" == due.code
        j.fire("decline_handover", at=DAY, by=wc, handover_id="h1")
        assert handover.HandoverStatus.DECLINED == j.context.handover("h1").status
        assert () == j.deadlines(at=DAY)
        j.fire("propose_handover", at=DAY, by=ea, **proposal(handover_id="h2"))
        j.fire("expire_handover", at=DAY + timedelta(days=8), by=kela, handover_id="h2")
        assert handover.HandoverStatus.EXPIRED == j.context.handover("h2").status
        assert (EA,) == tuple(r.party for r in j.context.open_services)

    def test_h2_receiver_service_already_open(self) -> None:
        """A client cannot be handed into a service they are already in."""
        j = started()
        j.fire("enter_service", at=DAY, by=wc, party=WC, service="ktt")
        j.fire("propose_handover", at=DAY, by=ea, **proposal())
        assert ("journey.service_open",) == j.check(
            "accept_handover", at=DAY, by=wc, handover_id="h1"
        ).codes

    def test_h1_entry_rules(self) -> None:
        """A party enters only its own service, and only once at a time."""
        j = started()
        assert ("journey.not_own_service",) == j.check(
            "enter_service", at=DAY, by=ea, party=WC, service="ktt"
        ).codes
        assert ("journey.service_open",) == j.check(
            "enter_service", at=DAY, by=ea, party=EA, service="typ"
        ).codes
        assert ("journey.not_own_service", "journey.last_service") == j.check(
            "close_service", at=DAY, by=wc, service="typ", closure="employment"
        ).codes
        assert ("journey.service_not_open",) == j.check(
            "close_service", at=DAY, by=wc, service="nope", closure="employment"
        ).codes
        with pytest.raises(pf.PathwayDataError):
            j.fire("enter_service", at=DAY, by=ea, party=EA, service=" ")

    def test_h1_closing_the_journey_withdraws_open_handovers(self) -> None:
        """Closing the journey ends every responsibility and every open handover."""
        j = started()
        j.fire("propose_handover", at=DAY, by=ea, **proposal())
        j.fire("close_journey", at=DAY, by=ea, closure="deceased")
        assert handover.HandoverStatus.WITHDRAWN == j.context.handover("h1").status
        assert () == j.context.open_services
        assert () == j.context.responsible_on(DAY + timedelta(days=1))
        assert () == j.deadlines(at=DAY)


@attrs.frozen
class HostPolicy:
    """A host definition's empty policy."""


def host_definition(name: str) -> pf.ProcessDefinition:
    """A host's own two-state definition called *name*."""
    label = pf.Text("x", "x", "x")
    roles = frozenset({Role.MUNICIPALITY})
    return pf.ProcessDefinition(
        name=name,
        version="1",
        label=label,
        policy=HostPolicy(),
        states=(pf.State("open", label), pf.State("done", label, final=True)),
        transitions=(
            pf.TransitionSpec(trigger="open", sources=(), dest="open", roles=roles, label=label),
            pf.TransitionSpec(
                trigger="end", sources=("open",), dest="done", roles=roles, label=label
            ),
        ),
        context_factory=dict,
    )


class TestServiceNames:
    """H1: a journey's service names the definition it runs, or is declared the host's own."""

    UNKNOWN = (
        "unknown definition: expected a shipped definition's name "
        "or a host's own service as owner:service"
    )

    def test_h1_service_refers_to_a_definition(self) -> None:
        """A definition, bound or not, or a payload holding one, is stored as its name."""
        j = journey.definition().start("c1", at=DAY, by=ea, party=EA, service=typ.definition())
        ktt = sw.ktt_definition().with_hooks(pf.Hooks())
        j.fire("enter_service", at=DAY, by=wc, party=WC, service=ktt)
        entry = journey.ServiceEntry(party=KELA, service=sw.work_activity_definition())
        j.fire("enter_service", entry, at=DAY, by=kela)
        assert ("typ", "ktt", "work_activity") == tuple(
            r.service for r in j.context.responsibilities
        )
        stored = [e["data"]["service"] for e in pf.to_dict(j)["history"]]
        assert ["typ", "ktt", "work_activity"] == stored

    def test_h1_round_trip_is_unchanged(self) -> None:
        """Naming a service by its definition or by its name stores the same document."""
        by_name = started()
        by_name.fire("enter_service", at=DAY, by=wc, party=WC, service="ktt")
        by_definition = journey.definition().start(
            "c1", at=DAY, by=ea, party=EA, service=typ.definition()
        )
        by_definition.fire("enter_service", at=DAY, by=wc, party=WC, service=sw.ktt_definition())
        document = pf.to_dict(by_definition)
        assert pf.to_dict(by_name) == document
        assert {"party": "wellbeing_county", "service": "ktt"} == document["history"][1]["data"]
        assert document == pf.to_dict(pf.from_dict(document))

    @pytest.mark.parametrize(
        "name", ["KTT", "kuntouttava työtoiminta", "ttk", "journey", "handover", ":x", "x:", " : "]
    )
    def test_h1_unknown_service_name_is_refused(self, name: str) -> None:
        """A name that is no shipped definition and not a host's own names the field."""
        with pytest.raises(pf.PathwayDataError) as start:
            journey.definition().start("c1", at=DAY, by=ea, party=EA, service=name)
        assert (("$.data.service", self.UNKNOWN),) == start.value.errors
        j = started()
        before = pf.to_dict(j)
        with pytest.raises(pf.PathwayDataError) as entered:
            j.fire("enter_service", at=DAY, by=wc, party=WC, service=name)
        assert (("$.data.service", self.UNKNOWN),) == entered.value.errors
        assert "data.unknown_name" == entered.value.reasons[0].code
        assert before == pf.to_dict(j)
        verdict = j.check("enter_service", at=DAY, by=wc, party=WC, service=name)
        assert ("pathway.invalid_data",) == verdict.codes

    def test_h1_host_service_is_declared_by_its_owner(self) -> None:
        """``owner:service`` is the host's own service: entered, stored and closed as given."""
        j = started()
        j.fire("enter_service", at=DAY, by=wc, party=WC, service="hva:sosiaalityö")
        j.fire("close_service", at=DAY, by=wc, service="hva:sosiaalityö", closure="employment")
        assert "hva:sosiaalityö" == pf.to_dict(j)["history"][1]["data"]["service"]
        assert pf.to_dict(j) == pf.to_dict(pf.from_dict(pf.to_dict(j)))

    def test_h1_host_definition_needs_a_declared_name(self) -> None:
        """A host's own definition is a service only under an ``owner:service`` name."""
        j = started()
        with pytest.raises(pf.PathwayDataError) as exc:
            j.fire("enter_service", at=DAY, by=wc, party=WC, service=host_definition("oma"))
        assert (("$.data.service", self.UNKNOWN),) == exc.value.errors
        j.fire("enter_service", at=DAY, by=wc, party=WC, service=host_definition("kunta:oma"))
        assert "kunta:oma" == j.context.responsibilities[-1].service

    def test_h1_close_service_names_a_definition(self) -> None:
        """Closing a service may name it by its definition too."""
        j = started()
        j.fire("enter_service", at=DAY, by=wc, party=WC, service="ktt")
        j.fire("close_service", at=DAY, by=wc, service=sw.ktt_definition(), closure="education")
        (ktt,) = (r for r in j.context.responsibilities if r.service == "ktt")
        assert (DAY, journey.Closure.EDUCATION) == (ktt.end, ktt.closure)

    @pytest.mark.parametrize("value", [5, None, b"ktt", ["ktt"], pf.Hooks(), Role.KELA])
    def test_h1_service_of_the_wrong_type_is_refused(self, value: Any) -> None:
        """Anything but a string or a definition is a data error naming the field."""
        j = started()
        with pytest.raises(pf.PathwayDataError) as exc:
            j.fire("enter_service", at=DAY, by=wc, party=WC, service=value)
        assert ["$.data.service"] == [path for path, _ in exc.value.errors]

    def test_h1_stored_unknown_service_is_refused_on_load(self) -> None:
        """A stored journey edited to name an unknown service does not load."""
        document = pf.to_dict(started())
        document["history"][0]["data"]["service"] = "TYP"
        with pytest.raises(pf.PathwayDataError) as exc:
            pf.from_dict(document)
        assert ["$.history[0].data.service"] == [path for path, _ in exc.value.errors]

    def test_h1_shipped_services_are_the_registry_s(self) -> None:
        """Every shipped definition but the handover and the journey is a service."""
        assert set(pf.definitions()) - {"handover", "journey"} == journey.SHIPPED_SERVICES

    @given(st.text(max_size=12))
    def test_h1_any_name_is_a_service_or_refused(self, name: str) -> None:
        """A name is taken exactly when it is shipped or an ``owner:service`` one."""
        owner, colon, rest = name.partition(":")
        expected = name in journey.SHIPPED_SERVICES or bool(
            colon and owner.strip() and rest.strip()
        )
        if not expected:
            with pytest.raises(pf.PathwayDataError) as exc:
                journey.definition().start("c1", at=DAY, by=ea, party=EA, service=name)
            assert ["$.data.service"] == [path for path, _ in exc.value.errors]
        else:
            j = journey.definition().start("c1", at=DAY, by=ea, party=EA, service=name)
            assert pf.to_dict(j) == pf.to_dict(pf.from_dict(pf.to_dict(j)))


class TestTypConnection:
    """H3: TYP's Ratkaise ending names the next party; it becomes a handover proposal."""

    @staticmethod
    def ended_typ(**ending: Any) -> pf.Pathway:
        """A TYP pathway taken straight to its end with the given ending."""
        p = typ.definition(profile="381/2023").start("c1", at=DAY, by=ea)
        p.fire(
            "admit",
            at=DAY,
            by=ea,
            multidisciplinary_need=True,
            work_capacity_limitations=True,
            solvable_by_consultation=False,
        )
        p.fire("begin_resolution", at=DAY, by=ea)
        p.fire("record_final_assessment", at=DAY, by=ea, participants=frozenset(Role))
        p.fire("end", at=DAY, by=ea, decided_by=frozenset({EA, WC, KELA}), **ending)
        return p

    def test_h3_typ_ending_becomes_a_proposal(self) -> None:
        """The ending's next party and service become the proposal's receiver."""
        typ_pathway = self.ended_typ(next_party=WC, next_service="ktt")
        data = handover.typ_handover(typ_pathway, handover_id="h9", respond_by=DAY)
        assert data is not None
        j = started()
        j.fire("propose_handover", at=DAY, by=ea, **data)
        record = j.context.handover("h9")
        assert (EA, "typ", WC, "ktt") == (
            record.proposal.from_party,
            record.proposal.from_service,
            record.proposal.to_party,
            record.proposal.to_service,
        )

    def test_h3_no_further_service_gives_none(self) -> None:
        """An ending with no further service is a coded closure, not a handover."""
        assert (
            handover.typ_handover(self.ended_typ(no_further_service=True), handover_id="x") is None
        )

    def test_h3_unfinished_typ_is_a_data_error(self) -> None:
        """Only an ended TYP pathway names a next party."""
        with pytest.raises(pf.PathwayDataError):
            handover.typ_handover(typ.definition().start("c1", at=DAY, by=ea), handover_id="x")


class TestRollForward:
    """C3 (D3): a reply date on a weekend or holiday, rolled forward only when asked."""

    SATURDAY = date(2025, 3, 8)
    MONDAY = date(2025, 3, 10)

    def proposed(self, roll_forward: bool, *, on_journey: bool) -> pf.Pathway:
        """A proposal whose reply date is a Saturday, singly or on a journey."""
        data = proposal(respond_by=self.SATURDAY)
        if not on_journey:
            return handover.definition(roll_forward=roll_forward).start("c", at=DAY, by=ea, **data)
        p = journey.definition(roll_forward=roll_forward).start(
            "c", at=DAY, by=ea, party=EA, service="typ"
        )
        p.fire("propose_handover", at=DAY, by=ea, **data)
        return p

    @pytest.mark.parametrize("on_journey", [False, True])
    @pytest.mark.parametrize(
        ("roll_forward", "day", "overdue"),
        [
            (False, SATURDAY, False),
            (False, SATURDAY + timedelta(days=1), True),
            (True, SATURDAY + timedelta(days=1), False),
            (True, MONDAY, False),
            (True, MONDAY + timedelta(days=1), True),
        ],
    )
    def test_c3_reply_deadline_and_lapse_agree(
        self, roll_forward: bool, day: date, overdue: bool, on_journey: bool
    ) -> None:
        """The reply deadline is overdue exactly when the proposal may lapse."""
        p = self.proposed(roll_forward, on_journey=on_journey)
        (due,) = p.deadlines(at=day)
        assert (self.SATURDAY, self.MONDAY, overdue) == (
            due.due,
            due.due_working_day,
            due.overdue,
        )
        trigger = "expire_handover" if on_journey else "expire"
        verdict = p.check(trigger, at=day, by=ea, handover_id="h1")
        assert overdue == bool(verdict)
        assert (() if overdue else ("handover.not_expired",)) == verdict.codes

    def test_c3_policy_is_stored_and_checked(self) -> None:
        """roll_forward is part of the stored policy and must be a boolean."""
        p = self.proposed(True, on_journey=False)
        assert pf.to_dict(p)["definition"]["policy"]["roll_forward"] is True
        assert p == pf.from_dict(pf.to_dict(p))
        with pytest.raises(pf.PathwayDataError) as exc:
            handover.definition(roll_forward="yes")  # type: ignore[arg-type]
        assert ["$.roll_forward"] == [path for path, _ in exc.value.errors]

    @pytest.mark.parametrize("roll_forward", [False, True])
    def test_c3_receiver_may_answer_until_the_reply_limit(self, roll_forward: bool) -> None:
        """Under roll_forward the receiver may still accept on the Monday after a Saturday."""
        p = self.proposed(roll_forward, on_journey=False)
        verdict = p.check("accept", at=self.MONDAY, by=wc, handover_id="h1")
        assert (() if roll_forward else ("handover.expired",)) == verdict.codes
