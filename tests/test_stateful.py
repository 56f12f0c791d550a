"""A stateful test of the no-gap invariant across clients, services, referrals and hooks.

Random referrals into the Kemi pilot, service entries, handovers (with their answers),
closures, host vetoes, failing before-hooks and failing after-hooks are driven over a
few clients. After every step: every active client has a responsible party on every
day so far; every ended responsibility ended through a completed handover or a coded
closure; a refused, vetoed or failed step changed nothing; the history replays to the
same journey (H1, H2, K4–K6).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import pathway_fsm as pf
from helpers import snapshot
from pathway_fsm import Actor, Reason, ReasonKind, Role, Text, handover, journey, referral

CLIENTS = ("c1", "c2", "c3")
SERVICES = ("typ", "ktt", "ips", "kemi")
HANDOVER_IDS = ("h1", "h2", "h3", "h4")
PARTIES = sorted(handover.RESPONSIBLE_ROLES)
MOSTLY = st.sampled_from([True, True, True, False])  # the right party acts, mostly
NOT_BOOKED = ReasonKind(
    "host.meeting_not_booked",
    Text("Yhteistä tapaamista ei ole varattu.", "Inget gemensamt möte.", "No joint meeting."),
)


STATS: dict[str, int] = {}
"""Accepted steps by trigger over the whole run, to see that the test gets deep."""


class HostDown(Exception):
    """What a host's before-hook raises when its own system fails."""


class HookBroke(Exception):
    """What a host's after-hook raises when its own system fails."""


def started(failed: pf.HookFailed) -> pf.Pathway:
    """The pathway a start made before its after-hook failed."""
    assert failed.pathway is not None
    return failed.pathway


class Journeys(RuleBasedStateMachine):
    """Several clients' journeys and referrals, driven by a host with hooks."""

    def __init__(self) -> None:
        super().__init__()
        self.today = date(2025, 1, 6)
        self.journeys: dict[str, pf.Pathway] = {}
        self.referrals: dict[str, pf.Pathway] = {}
        self.mode: str | None = None  # one-shot: "veto", "raise" or "fail_after"
        self.booked: list[tuple[str, int]] = []
        self.hooks = pf.Hooks().before(self._before).after(self._after)
        self.stats: dict[str, int] = STATS
        self.finished: list[pf.Pathway] = []

    @initialize(parties=st.lists(st.sampled_from(PARTIES), min_size=3, max_size=3))
    def clients_arrive(self, parties: list[Role]) -> None:
        """Every client starts in one service, so the steps have journeys to work on."""
        for client, party in zip(CLIENTS, parties, strict=True):
            self.journeys[client] = journey.definition().start(
                client,
                at=self.today,
                by=Actor("a", party),
                hooks=self.hooks,
                party=party,
                service=SERVICES[0],
            )

    # ------------------------------------------------------------------ host hooks

    def _before(self, pathway: pf.Pathway, event: pf.Event) -> Reason | None:
        mode, self.mode = self.mode, None
        if mode == "veto":
            return NOT_BOOKED()
        if mode == "raise":
            raise HostDown
        if mode == "fail_after":
            self.mode = mode
        return None

    def _after(self, pathway: pf.Pathway, event: pf.Event) -> None:
        if self.mode == "fail_after":
            self.mode = None
            raise HookBroke
        if event.trigger == "accept_handover":
            self.booked.append((pathway.client_id, event.seq))

    def _fire(self, pathway: pf.Pathway, trigger: str, by: Actor, **data: Any) -> bool:
        """Fire on *pathway*; check that any failure left it exactly as it was."""
        before = snapshot(pathway)
        failed: pf.HookFailed | None = None
        try:
            pathway.fire(trigger, at=self.today, by=by, **data)
        except (pf.TransitionRefused, pf.PathwayDataError, HostDown):
            assert before == snapshot(pathway)
            return False
        except pf.HookFailed as exc:
            failed = exc
        if failed is not None:  # the event stands; the host learns which hooks broke
            assert failed.event == pathway.history[-1]
            assert len(before[2]) + 1 == len(pathway.history)  # type: ignore[arg-type]
            assert all(isinstance(e, HookBroke) for e in failed.errors)
        self.stats[trigger] = self.stats.get(trigger, 0) + 1
        return True

    def _active(self, data: st.DataObject) -> pf.Pathway | None:
        active = [j for j in self.journeys.values() if j.state == "active"]
        return data.draw(st.sampled_from(active)) if active else None

    # ------------------------------------------------------------------ rules

    @rule(days=st.integers(0, 6))
    def time_passes(self, days: int) -> None:
        """The host's clock moves forward."""
        self.today += timedelta(days=days)

    @rule(mode=st.sampled_from(["veto", "raise", "fail_after"]))
    def arm_hook(self, mode: str) -> None:
        """The next step's hooks veto, raise before, or fail after."""
        self.mode = mode

    @rule(
        client=st.sampled_from(CLIENTS),
        party=st.sampled_from(PARTIES),
        service=st.sampled_from(SERVICES),
    )
    def first_service(self, client: str, party: Role, service: str) -> None:
        """A new client, or one whose journey was closed, enters a first service."""
        old = self.journeys.get(client)
        if old is not None and old.state == "active":
            return
        if old is not None:
            self.finished.append(old)
        definition = journey.definition()
        try:  # the start runs the hooks too, and an armed one vetoes, raises or fails after
            self.journeys[client] = definition.start(
                client,
                at=self.today,
                by=Actor("a", party),
                hooks=self.hooks,
                party=party,
                service=service,
            )
        except (pf.TransitionRefused, HostDown):
            if old is not None:
                self.journeys[client] = old  # nothing started; the closed journey stays
                self.finished.pop()
        except pf.HookFailed as failed:  # the start stands and comes with the exception
            self.journeys[client] = started(failed)

    @rule(data=st.data(), party=st.sampled_from(PARTIES), service=st.sampled_from(SERVICES))
    def enter_service(self, data: st.DataObject, party: Role, service: str) -> None:
        """A party takes the client into another service."""
        j = self._active(data)
        if j is not None:
            self._fire(j, "enter_service", Actor("a", party), party=party, service=service)

    @rule(
        data=st.data(),
        handover_id=st.sampled_from(HANDOVER_IDS),
        honest=MOSTLY,
        to_party=st.sampled_from([None, *PARTIES]),
        to_service=st.sampled_from(SERVICES),
        respond_in=st.one_of(st.none(), st.integers(0, 10)),
    )
    def propose(
        self,
        data: st.DataObject,
        handover_id: str,
        to_party: Role | None,
        to_service: str,
        respond_in: int | None,
        honest: bool,
    ) -> None:
        """A sender proposes a handover out of one of the client's services."""
        j = self._active(data)
        if j is None:
            return
        held = data.draw(st.sampled_from(j.context.open_services))
        sender = held.party if honest else data.draw(st.sampled_from(PARTIES))
        respond_by = None if respond_in is None else self.today + timedelta(days=respond_in)
        self._fire(
            j,
            "propose_handover",
            Actor("a", sender),
            handover_id=handover_id,
            from_party=held.party,
            from_service=held.service,
            to_party=to_party,
            to_service=to_service,
            respond_by=respond_by,
        )

    @rule(
        data=st.data(),
        step=st.sampled_from(["accept", "accept", "decline", "withdraw", "expire", "complete"]),
        honest=MOSTLY,
        start_in=st.one_of(st.none(), st.integers(0, 3)),
    )
    def answer(self, data: st.DataObject, step: str, honest: bool, start_in: int | None) -> None:
        """A step on one of the clients' handovers, by the right party or another."""
        open_ = (handover.HandoverStatus.PROPOSED, handover.HandoverStatus.ACCEPTED)
        pending = [
            (j, h)
            for j in self.journeys.values()
            if j.state == "active"
            for h in j.context.handovers
            if h.status in open_ or data.draw(st.integers(0, 5)) == 0
        ]
        if not pending:
            return
        j, record = data.draw(st.sampled_from(pending))
        if record.status is handover.HandoverStatus.ACCEPTED and data.draw(MOSTLY):
            step = "complete"
        proposal = record.proposal
        right = proposal.to_party if step in ("accept", "decline") else proposal.from_party
        party = right if honest and right is not None else data.draw(st.sampled_from(PARTIES))
        extra: dict[str, Any] = {}
        if step == "accept" and start_in is not None:
            extra["starts_on"] = self.today + timedelta(days=start_in)
        self._fire(
            j, f"{step}_handover", Actor("a", party), handover_id=record.handover_id, **extra
        )

    @rule(
        data=st.data(),
        closure=st.one_of(st.none(), st.sampled_from(list(journey.Closure))),
        honest=st.booleans(),
    )
    def close_service(
        self, data: st.DataObject, closure: journey.Closure | None, honest: bool
    ) -> None:
        """A party ends one service, with or without a closure code."""
        j = self._active(data)
        if j is None:
            return
        held = data.draw(st.sampled_from(j.context.open_services))
        party = held.party if honest else data.draw(st.sampled_from(PARTIES))
        self._fire(j, "close_service", Actor("a", party), service=held.service, closure=closure)

    @rule(data=st.data(), closure=st.sampled_from(list(journey.Closure)))
    def close_journey(self, data: st.DataObject, closure: journey.Closure) -> None:
        """A responsible party closes the whole journey with a code (rarely drawn in effect)."""
        j = self._active(data)
        if j is None or data.draw(st.integers(0, 9)) > 0:
            return
        party = j.context.open_services[0].party
        self._fire(j, "close_journey", Actor("a", party), closure=closure)

    @rule(
        client=st.sampled_from(CLIENTS),
        role=st.sampled_from(sorted(Role)),
        plan=st.one_of(st.none(), st.just("plan-1")),
    )
    def refer(self, client: str, role: Role, plan: str | None) -> None:
        """Someone refers a client to the Kemi pilot (K4, K5)."""
        if client in self.referrals:
            return
        allowed = role in referral.INITIATORS and (
            role is not Role.EMPLOYMENT_AUTHORITY or plan is not None
        )
        vetoed = allowed and self.mode in ("veto", "raise")
        try:
            self.referrals[client] = referral.definition().start(
                client,
                at=self.today,
                by=Actor("r", role),
                hooks=self.hooks,
                employment_authority_client=role is Role.EMPLOYMENT_AUTHORITY,
                plan_reference=plan,
            )
        except (pf.TransitionRefused, HostDown):
            assert vetoed or not allowed
        except pf.HookFailed as failed:
            self.referrals[client] = started(failed)
            self.stats["refer"] = self.stats.get("refer", 0) + 1
        else:
            assert allowed
            self.stats["refer"] = self.stats.get("refer", 0) + 1

    @rule(data=st.data(), days=st.integers(480, 520), municipality=MOSTLY)
    def admit(self, data: st.DataObject, days: int, municipality: bool) -> None:
        """The municipality admits a referred client; the journey takes the pilot on (K6, K7)."""
        waiting = [r for r in self.referrals.values() if r.state == "referred"]
        if not waiting:
            return
        r = data.draw(st.sampled_from(waiting))
        client = r.client_id
        role = Role.MUNICIPALITY if municipality else Role.KELA
        admitted = self._fire(r, "admit", Actor("m", role), benefit_days=days)
        j = self.journeys.get(client)
        if admitted and j is not None and j.state == "active":
            by = Actor("m", Role.MUNICIPALITY)
            self._fire(j, "enter_service", by, party=Role.MUNICIPALITY, service="kemi")

    # ------------------------------------------------------------------ invariants

    @invariant()
    def someone_is_always_responsible(self) -> None:
        """H1: every active client has a responsible party on every day of the journey."""
        for j in self.journeys.values():
            if j.state != "active":
                continue
            assert j.context.open_services
            day = j.history[0].at
            while day <= self.today:
                assert j.context.responsible_on(day), (j.client_id, day)
                day += timedelta(days=1)

    @invariant()
    def responsibility_ends_only_by_handover_or_closure(self) -> None:
        """H1, H2: each ended responsibility names a completed handover or a closure code."""
        for j in (*self.journeys.values(), *self.finished):
            for r in j.context.responsibilities:
                if r.end is None:
                    continue
                if r.closure is None:
                    record = j.context.handover(r.handover_id)
                    assert record is not None
                    assert handover.HandoverStatus.COMPLETED == record.status
                    assert r.service == record.proposal.from_service

    @invariant()
    def history_replays_to_the_same_pathway(self) -> None:
        """History is the truth: replay rebuilds every journey and referral."""
        for p in (*self.journeys.values(), *self.referrals.values(), *self.finished):
            assert p == pf.replay(p.definition, p.history, client_id=p.client_id)


Journeys.TestCase.settings = settings(stateful_step_count=50)
TestJourneys = Journeys.TestCase


def test_stateful_run_reached_every_step() -> None:
    """Under the derandomized CI profile, the run above accepted every kind of step."""
    if not STATS or not settings.default.derandomize:  # run alone, or a random profile
        return
    for trigger in ("accept_handover", "complete_handover", "close_service", "admit"):
        assert STATS.get(trigger, 0) > 0, STATS
