"""Saattaen vaihtaen: one escorted handover between two services (H1–H3).

The sending party proposes the handover to a named receiver; the receiver accepts or
declines; the sender releases the client (``complete``) only after acceptance. The
sender may withdraw a proposal the receiver has not answered, and a proposal lapses
(``expire``) after the reply date the host sets. The sender's responsibility ends only
at completion, so "A always leads to B" (H1).

The payloads, reasons and checks here are shared with :mod:`pathway_fsm.journey`, which
runs many handovers inside one client's journey across services. The host does the real
work (booking the joint meeting, sending documents, telling the client) in
:class:`~pathway_fsm.Hooks` attached to the pathway.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

import attrs

from ._calendar import next_working_day
from ._checks import DAYS
from ._checks import count as _count
from ._checks import deadline as _deadline
from ._checks import flag as _flag
from ._engine.definition import (
    ProcessDefinition,
    Proposal,
    State,
    TransitionSpec,
    definition_builder,
)
from ._engine.model import Actor, Deadline, Reason, ReasonKind, Role, Text
from ._engine.pathway import Pathway
from .errors import PathwayDataError

__all__ = [
    "NAME",
    "RESPONSIBLE_ROLES",
    "VERSION",
    "Acceptance",
    "HandoverContext",
    "HandoverPolicy",
    "HandoverProposal",
    "HandoverRef",
    "HandoverStatus",
    "definition",
    "definition_for",
    "typ_handover",
]

NAME = "handover"
"""The definition's name, as stored in every pathway's ``to_dict`` form."""
VERSION = "1"
"""The definition's version, stored with every pathway; bumped when replay would change."""

RESPONSIBLE_ROLES = frozenset(
    {
        Role.EMPLOYMENT_AUTHORITY,
        Role.MUNICIPALITY,
        Role.WELLBEING_COUNTY,
        Role.KELA,
        Role.SERVICE_PROVIDER,
        Role.JOB_COACH,
    }
)
"""The parties that can be responsible for a client's service, send or receive a handover."""


# --------------------------------------------------------------------------- policy


@attrs.frozen(kw_only=True)
class HandoverPolicy:
    """The policy of handovers (D2).

    Attributes:
        max_gap_days: how many days may lie between the sender's last day and the
            receiver's first day (H2; default 0: the receiver starts no later than the
            day after the sender releases). Releasing the client is refused when the
            gap would be longer.
        roll_forward: whether a reply date on a weekend or holiday passes only after
            the next working day (C3, D3): the reply deadline is overdue, and the
            proposal may lapse, from the day after it. Off by default.
    """

    max_gap_days: int = attrs.field(default=0, validator=_count(0, DAYS[1]))
    roll_forward: bool = attrs.field(default=False, validator=_flag)


# --------------------------------------------------------------------------- payloads


class HandoverStatus(enum.StrEnum):
    """Where one handover stands."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    COMPLETED = "completed"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


@attrs.frozen(kw_only=True)
class HandoverProposal:
    """A sender's proposal to hand the client over (H2).

    Attributes:
        handover_id: the host's id for this handover, unique within a journey.
        from_party: the sending party; only it may propose, withdraw and release.
        from_service: the service the client leaves.
        to_party: the receiving party; a proposal without one is refused (H2).
        to_service: the service the client moves to; needed with *to_party*.
        respond_by: the last day the receiver may answer; the proposal may be
            expired after it. ``None``: no reply date.
    """

    handover_id: str
    from_party: Role
    from_service: str = attrs.field(repr=False)
    to_party: Role | None = None
    to_service: str | None = attrs.field(default=None, repr=False)
    respond_by: date | None = None


@attrs.frozen(kw_only=True)
class Acceptance:
    """The receiver's confirmation (H2); *starts_on* is its first day (default: that day)."""

    handover_id: str
    starts_on: date | None = None


@attrs.frozen(kw_only=True)
class HandoverRef:
    """Names the handover a step is about (decline, withdraw, expire, complete)."""

    handover_id: str


# --------------------------------------------------------------------------- context


@attrs.frozen(kw_only=True)
class HandoverContext:
    """What the history says about one handover; rebuilt exactly by replay.

    Attributes:
        proposal: the proposal, once made; *proposed_on* its date.
        status: where the handover stands.
        starts_on: the receiver's first day, once accepted.
        decided_on: the day of the latest step after the proposal.
    """

    proposal: HandoverProposal | None = None
    proposed_on: date | None = None
    status: HandoverStatus | None = None
    starts_on: date | None = None
    decided_on: date | None = None


# --------------------------------------------------------------------------- reasons


def _kind(
    code: str, fi: str, sv: str, en: str, labels: Mapping[str, Mapping[str, Text]] | None = None
) -> ReasonKind:
    return ReasonKind(code, Text(fi, sv, en), labels or {})


_STATUS_LABELS = {
    HandoverStatus.PROPOSED.value: Text("ehdotettu", "föreslagen", "proposed"),
    HandoverStatus.ACCEPTED.value: Text("hyväksytty", "godkänd", "accepted"),
    HandoverStatus.COMPLETED.value: Text("valmis", "slutförd", "completed"),
    HandoverStatus.DECLINED.value: Text("hylätty", "avböjd", "declined"),
    HandoverStatus.WITHDRAWN.value: Text("peruttu", "återtagen", "withdrawn"),
    HandoverStatus.EXPIRED.value: Text("vanhentunut", "förfallen", "expired"),
}
"""The names of a handover's statuses, keyed by their stored form."""


NO_RECEIVER = _kind(
    "handover.no_receiver",
    "Siirrolle on nimettävä vastaanottava taho ja palvelu.",
    "Överlämningen ska ange den mottagande parten och tjänsten.",
    "A handover must name the receiving party and service.",
)
SAME_SERVICE = _kind(
    "handover.same_service",
    "Asiakasta ei voi siirtää samaan palveluun, josta hän lähtee.",
    "Klienten kan inte överlämnas till samma tjänst som hen lämnar.",
    "The client cannot be handed over to the service they are leaving.",
)
NOT_SENDER = _kind(
    "handover.not_sender",
    "Vain lähettävä taho ({party}) voi tehdä tämän.",
    "Endast den överlämnande parten ({party}) kan göra detta.",
    "Only the sending party ({party}) may do this.",
)
NOT_RECEIVER = _kind(
    "handover.not_receiver",
    "Vain vastaanottava taho ({party}) voi vastata siirtoon.",
    "Endast den mottagande parten ({party}) kan svara på överlämningen.",
    "Only the receiving party ({party}) may answer the handover.",
)
UNKNOWN = _kind(
    "handover.unknown",
    "Siirtoa '{handover_id}' ei ole.",
    "Överlämningen '{handover_id}' finns inte.",
    "There is no handover '{handover_id}'.",
)
DUPLICATE = _kind(
    "handover.duplicate_id",
    "Tunnus '{handover_id}' on jo käytössä toisella siirrolla.",
    "Id:t '{handover_id}' används redan för en annan överlämning.",
    "The id '{handover_id}' is already used by another handover.",
)
NOT_PROPOSED = _kind(
    "handover.not_open",
    "Siirto ei odota vastausta (tila: {status}).",
    "Överlämningen väntar inte på svar (läge: {status}).",
    "The handover is not awaiting an answer (status: {status}).",
    {"status": _STATUS_LABELS},
)
NOT_ACCEPTED = _kind(
    "handover.not_accepted",
    "Asiakkaan voi päästää vasta, kun vastaanottaja on vahvistanut siirron (tila: {status}).",
    "Klienten kan släppas först när mottagaren har bekräftat överlämningen (läge: {status}).",
    "The client can be released only after the receiver has confirmed (status: {status}).",
    {"status": _STATUS_LABELS},
)
EXPIRED = _kind(
    "handover.expired",
    "Vastausaika päättyi {respond_by}.",
    "Svarstiden gick ut {respond_by}.",
    "The time to answer ended on {respond_by}.",
)
NOT_EXPIRED = _kind(
    "handover.not_expired",
    "Siirto ei ole vanhentunut: vastausaikaa ei ole asetettu tai se on vielä käynnissä.",
    "Överlämningen har inte gått ut: ingen svarstid har satts eller den pågår ännu.",
    "The handover has not lapsed: no reply date was set, or it has not passed yet.",
)
GAP_TOO_LONG = _kind(
    "handover.gap_too_long",
    "Vastaanottava palvelu alkaa vasta {starts_on}; vastuuseen jäisi {gap} päivän katko "
    "(sallittu {allowed:päivä|päivää}).",
    "Den mottagande tjänsten börjar först {starts_on}; ansvaret skulle ha ett avbrott på "
    "{gap:dag|dagar} (tillåtet {allowed:dag|dagar}).",
    "The receiving service starts only on {starts_on}; responsibility would lapse for "
    "{gap:day|days} (allowed: {allowed:day|days}).",
)


# --------------------------------------------------------------------------- checks
# Shared with journey.py: each takes the plain facts it needs and yields reasons.


def _proposal_reasons(proposal: HandoverProposal, actor: Actor) -> Iterator[Reason]:
    """H2: a named receiver, another service, and proposed by the sending party."""
    if proposal.to_party is None or proposal.to_service is None:
        yield NO_RECEIVER()
    elif proposal.to_service == proposal.from_service:
        yield SAME_SERVICE()
    if actor.role is not proposal.from_party:
        yield NOT_SENDER(party=proposal.from_party)


def _proposal_data(proposal: HandoverProposal, at: date) -> Iterator[tuple[str, str]]:
    """Malformed proposals: empty names, a reply date before the proposal."""
    if not proposal.handover_id.strip():
        yield "handover_id", "must not be empty"
    if not proposal.from_service.strip():
        yield "from_service", "must not be empty"
    if proposal.to_service is not None and not proposal.to_service.strip():
        yield "to_service", "must not be empty"
    if proposal.respond_by is not None and proposal.respond_by < at:
        yield "respond_by", "must not be before the proposal's date"


def _answer_reasons(
    proposal: HandoverProposal,
    status: HandoverStatus,
    actor: Actor,
    at: date,
    policy: HandoverPolicy,
) -> Iterator[Reason]:
    """H2: only the receiver answers, only an open proposal, not after its reply date (C3)."""
    if status is not HandoverStatus.PROPOSED:
        yield NOT_PROPOSED(status=status.value)
    if actor.role is not proposal.to_party:
        yield NOT_RECEIVER(party=proposal.to_party)
    limit = _reply_limit(proposal, policy)
    if limit is not None and at > limit:
        yield EXPIRED(respond_by=limit)


def _withdraw_reasons(
    proposal: HandoverProposal, status: HandoverStatus, actor: Actor
) -> Iterator[Reason]:
    """The sender may withdraw a proposal the receiver has not answered."""
    if status is not HandoverStatus.PROPOSED:
        yield NOT_PROPOSED(status=status.value)
    if actor.role is not proposal.from_party:
        yield NOT_SENDER(party=proposal.from_party)


def _reply_limit(proposal: HandoverProposal, policy: HandoverPolicy) -> date | None:
    """The last day to reply: the host's reply date, moved to a working day under C3."""
    due = proposal.respond_by
    if due is None or not policy.roll_forward:
        return due
    return next_working_day(due)


def _expire_reasons(
    proposal: HandoverProposal, status: HandoverStatus, at: date, policy: HandoverPolicy
) -> Iterator[Reason]:
    """A proposal lapses only after the reply date the host set (H2; C3 under roll_forward)."""
    if status is not HandoverStatus.PROPOSED:
        yield NOT_PROPOSED(status=status.value)
    limit = _reply_limit(proposal, policy)
    if limit is None or at <= limit:
        yield NOT_EXPIRED()


def _release_reasons(
    proposal: HandoverProposal,
    status: HandoverStatus,
    starts_on: date | None,
    actor: Actor,
    at: date,
    max_gap_days: int,
) -> Iterator[Reason]:
    """H2: the sender releases only after acceptance, and without a gap beyond the policy.

    The sender is responsible through the release day; the receiver from *starts_on*.
    The gap is the number of days strictly between the two.
    """
    if status is not HandoverStatus.ACCEPTED:
        yield NOT_ACCEPTED(status=status.value)
    if actor.role is not proposal.from_party:
        yield NOT_SENDER(party=proposal.from_party)
    if starts_on is not None:
        gap = (starts_on - at).days - 1
        if gap > max_gap_days:
            yield GAP_TOO_LONG(starts_on=starts_on, gap=gap, allowed=max_gap_days)


def _acceptance_data(acceptance: Acceptance, at: date) -> Iterator[tuple[str, str]]:
    """The receiver cannot start before it accepts."""
    if acceptance.starts_on is not None and acceptance.starts_on < at:
        yield "starts_on", "must not be before the acceptance date"


RESPONSE_DUE_LABEL = Text("Vastaus siirtoon", "Svar på överlämningen", "Answer to the handover")


def _response_deadline(
    proposal: HandoverProposal, proposed_on: date, at: date, policy: HandoverPolicy
) -> Deadline | None:
    """The reply date of an open proposal as a deadline (H2, C3), or ``None`` without one."""
    due = proposal.respond_by
    if due is None:
        return None
    return _deadline(
        "handover.response_due",
        RESPONSE_DUE_LABEL,
        proposed_on,
        due,
        at,
        roll_forward=policy.roll_forward,
    )


# --------------------------------------------------------------------------- guards


def _matching(p: Proposal) -> Iterator[Reason]:
    ctx: HandoverContext = p.context
    assert ctx.proposal is not None  # recorded by the start event
    if p.data.handover_id != ctx.proposal.handover_id:
        yield UNKNOWN(handover_id=p.data.handover_id)


def _propose(p: Proposal) -> Iterator[Reason]:
    """H2: a named receiver, proposed by the sender."""
    yield from _proposal_reasons(p.data, p.actor)


def _answer_guard(policy: HandoverPolicy) -> Any:
    def answer(p: Proposal) -> Iterator[Reason]:
        """H2: the receiver answers an open proposal before its reply date (C3)."""
        ctx: HandoverContext = p.context
        assert ctx.proposal is not None
        assert ctx.status is not None
        yield from _matching(p)
        yield from _answer_reasons(ctx.proposal, ctx.status, p.actor, p.at, policy)

    return answer


def _withdraw(p: Proposal) -> Iterator[Reason]:
    """H2: only the sender withdraws."""
    ctx: HandoverContext = p.context
    assert ctx.proposal is not None
    assert ctx.status is not None
    yield from _matching(p)
    yield from _withdraw_reasons(ctx.proposal, ctx.status, p.actor)


def _expire_guard(policy: HandoverPolicy) -> Any:
    def expire(p: Proposal) -> Iterator[Reason]:
        """H2: a proposal lapses after the host's reply date (C3 under roll_forward)."""
        ctx: HandoverContext = p.context
        assert ctx.proposal is not None
        assert ctx.status is not None
        yield from _matching(p)
        yield from _expire_reasons(ctx.proposal, ctx.status, p.at, policy)

    return expire


def _release_guard(policy: HandoverPolicy) -> Any:
    def release(p: Proposal) -> Iterator[Reason]:
        """H2: the sender releases after acceptance, with no gap beyond max_gap_days."""
        ctx: HandoverContext = p.context
        assert ctx.proposal is not None
        assert ctx.status is not None
        yield from _matching(p)
        yield from _release_reasons(
            ctx.proposal, ctx.status, ctx.starts_on, p.actor, p.at, policy.max_gap_days
        )

    return release


# --------------------------------------------------------------------------- reducers


def _proposed(ctx: HandoverContext, event: Any) -> HandoverContext:
    return attrs.evolve(
        ctx, proposal=event.data, proposed_on=event.at, status=HandoverStatus.PROPOSED
    )


def _accepted(ctx: HandoverContext, event: Any) -> HandoverContext:
    starts_on = event.data.starts_on or event.at
    return attrs.evolve(
        ctx, status=HandoverStatus.ACCEPTED, starts_on=starts_on, decided_on=event.at
    )


def _to(status: HandoverStatus) -> Any:
    def apply(ctx: HandoverContext, event: Any) -> HandoverContext:
        return attrs.evolve(ctx, status=status, decided_on=event.at)

    return apply


def _deadline_rule(policy: HandoverPolicy) -> Any:
    def deadlines(state: str, ctx: HandoverContext, at: date) -> Iterable[Deadline]:
        """The reply date while the proposal is open (H2, C3)."""
        if state == "proposed" and ctx.proposal is not None and ctx.proposed_on is not None:
            found = _response_deadline(ctx.proposal, ctx.proposed_on, at, policy)
            if found is not None:
                yield found

    return deadlines


# --------------------------------------------------------------------------- definition

_STATES = (
    State("proposed", Text("Ehdotettu", "Föreslagen", "Proposed")),
    State("accepted", Text("Vahvistettu", "Bekräftad", "Accepted")),
    State("completed", Text("Siirretty", "Överlämnad", "Completed"), final=True),
    State("declined", Text("Hylätty", "Avböjd", "Declined"), final=True),
    State("withdrawn", Text("Peruttu", "Återtagen", "Withdrawn"), final=True),
    State("expired", Text("Vanhentunut", "Förfallen", "Expired"), final=True),
)

TRIGGER_LABELS = {
    "propose": Text("Siirron ehdotus", "Förslag om överlämning", "Propose the handover"),
    "accept": Text("Vastaanottaja vahvistaa", "Mottagaren bekräftar", "The receiver accepts"),
    "decline": Text("Vastaanottaja kieltäytyy", "Mottagaren avböjer", "The receiver declines"),
    "withdraw": Text("Lähettäjä peruu", "Avsändaren återtar", "The sender withdraws"),
    "expire": Text("Vastausaika päättyi", "Svarstiden gick ut", "The reply date passed"),
    "complete": Text(
        "Lähettäjä päästää asiakkaan", "Avsändaren släpper klienten", "The sender releases"
    ),
}


def _transitions(policy: HandoverPolicy) -> tuple[TransitionSpec, ...]:
    roles = RESPONSIBLE_ROLES
    # Here the state is the handover's status, so an answer outside "proposed" and a
    # release outside "accepted" are refused as pathway.wrong_state before any guard:
    # handover.not_open and handover.not_accepted arise only in a journey.
    answer = (UNKNOWN, NOT_RECEIVER, EXPIRED)
    return (
        TransitionSpec(
            "propose",
            (),
            "proposed",
            roles,
            TRIGGER_LABELS["propose"],
            payload=HandoverProposal,
            guards=(_propose,),
            reasons=(NO_RECEIVER, SAME_SERVICE, NOT_SENDER),
            apply=_proposed,
            check_data=_proposal_data,
        ),
        TransitionSpec(
            "accept",
            ("proposed",),
            "accepted",
            roles,
            TRIGGER_LABELS["accept"],
            payload=Acceptance,
            guards=(_answer_guard(policy),),
            reasons=answer,
            apply=_accepted,
            check_data=_acceptance_data,
        ),
        TransitionSpec(
            "decline",
            ("proposed",),
            "declined",
            roles,
            TRIGGER_LABELS["decline"],
            payload=HandoverRef,
            guards=(_answer_guard(policy),),
            reasons=answer,
            apply=_to(HandoverStatus.DECLINED),
        ),
        TransitionSpec(
            "withdraw",
            ("proposed",),
            "withdrawn",
            roles,
            TRIGGER_LABELS["withdraw"],
            payload=HandoverRef,
            guards=(_withdraw,),
            reasons=(UNKNOWN, NOT_SENDER),
            apply=_to(HandoverStatus.WITHDRAWN),
        ),
        TransitionSpec(
            "expire",
            ("proposed",),
            "expired",
            roles,
            TRIGGER_LABELS["expire"],
            payload=HandoverRef,
            guards=(_expire_guard(policy),),
            reasons=(UNKNOWN, NOT_EXPIRED),
            apply=_to(HandoverStatus.EXPIRED),
        ),
        TransitionSpec(
            "complete",
            ("accepted",),
            "completed",
            roles,
            TRIGGER_LABELS["complete"],
            payload=HandoverRef,
            guards=(_release_guard(policy),),
            reasons=(UNKNOWN, NOT_SENDER, GAP_TOO_LONG),
            apply=_to(HandoverStatus.COMPLETED),
        ),
    )


@definition_builder(HandoverPolicy)
def definition_for(policy: HandoverPolicy) -> ProcessDefinition:
    """The handover definition under *policy*, built and compiled once per distinct policy."""
    return ProcessDefinition(
        name=NAME,
        version=VERSION,
        label=Text("Saattaen vaihtaen", "Ledsagad överlämning", "Escorted handover"),
        policy=policy,
        states=_STATES,
        transitions=_transitions(policy),
        context_factory=HandoverContext,
        deadline_rule=_deadline_rule(policy),
    )


def definition(*, max_gap_days: int = 0, roll_forward: bool = False) -> ProcessDefinition:
    """Return the handover definition under the given policy (see :class:`HandoverPolicy`).

    Raises:
        PathwayDataError: *max_gap_days* is not an integer from 0 to 3650, or
            *roll_forward* is not a boolean.
    """
    return definition_for(HandoverPolicy(max_gap_days=max_gap_days, roll_forward=roll_forward))


# --------------------------------------------------------------------------- TYP link


def typ_handover(
    pathway: Pathway,
    *,
    handover_id: str,
    from_party: Role | None = None,
    from_service: str = "typ",
    respond_by: date | None = None,
) -> dict[str, Any] | None:
    """Keyword data for proposing the handover that a TYP pathway's ending names (H3, T14).

    Pass the result to ``propose`` (:func:`definition`) or ``propose_handover``
    (:mod:`pathway_fsm.journey`) with ``**data``. *from_party* defaults to the role of
    whoever recorded the ending. Returns ``None`` when the ending recorded that no
    further service follows: close the TYP service with a closure code instead.

    Raises:
        PathwayDataError: *pathway* is not a TYP pathway that ended through ``end``.
    """
    if not isinstance(pathway, Pathway):
        raise PathwayDataError([("$.pathway", f"expected a Pathway, got {type(pathway).__name__}")])
    last = pathway.history[-1]
    if pathway.definition.name != "typ" or last.trigger != "end":
        raise PathwayDataError(
            [("$.pathway", "expected a TYP pathway whose latest event is 'end'")]
        )
    ending = last.data
    if ending.next_party is None:
        return None
    return {
        "handover_id": handover_id,
        "from_party": from_party or last.actor.role,
        "from_service": from_service,
        "to_party": ending.next_party,
        "to_service": ending.next_service or ending.next_party.value,
        "respond_by": respond_by,
    }
