"""The escorted handover's shared rules (H2): its policy, payloads, reasons and checks.

:mod:`pathway_fsm.handover` runs one handover on its own and :mod:`pathway_fsm.journey`
runs many inside a client's journey; both take their facts, reason kinds and checks
from here, so the protocol is written once. Each check takes the plain facts it needs
and yields reasons; the two modules' guards find those facts in their own contexts.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date
from typing import Any

import attrs

from ._calendar import next_working_day
from ._checks import DAYS, blank, count, deadline, flag, kind, not_before
from ._engine.model import Actor, Deadline, Reason, Role, Text
from ._engine.spec import DataCheck, Guard, Reducer, TransitionSpec

__all__ = [
    "ANSWER_REASONS",
    "DUPLICATE",
    "EXPIRED",
    "EXPIRE_REASONS",
    "GAP_TOO_LONG",
    "NOT_ACCEPTED",
    "NOT_EXPIRED",
    "NOT_PROPOSED",
    "NOT_RECEIVER",
    "NOT_SENDER",
    "NO_RECEIVER",
    "PROPOSAL_REASONS",
    "RELEASE_REASONS",
    "RESPONSE_DUE_LABEL",
    "RESPONSIBLE_ROLES",
    "SAME_SERVICE",
    "TRIGGER_LABELS",
    "UNKNOWN",
    "WITHDRAW_REASONS",
    "Acceptance",
    "HandoverPolicy",
    "HandoverProposal",
    "HandoverRef",
    "HandoverStatus",
    "acceptance_data",
    "answer_reasons",
    "expire_reasons",
    "proposal_data",
    "proposal_reasons",
    "protocol_row",
    "release_reasons",
    "response_deadline",
    "withdraw_reasons",
]

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

    max_gap_days: int = attrs.field(default=0, validator=count(0, DAYS[1]))
    roll_forward: bool = attrs.field(default=False, validator=flag)


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
"""The labels of the protocol's steps, the same in a lone handover and in a journey."""


# --------------------------------------------------------------------------- reasons

_STATUS_LABELS = {
    HandoverStatus.PROPOSED.value: Text("ehdotettu", "föreslagen", "proposed"),
    HandoverStatus.ACCEPTED.value: Text("hyväksytty", "godkänd", "accepted"),
    HandoverStatus.COMPLETED.value: Text("valmis", "slutförd", "completed"),
    HandoverStatus.DECLINED.value: Text("hylätty", "avböjd", "declined"),
    HandoverStatus.WITHDRAWN.value: Text("peruttu", "återtagen", "withdrawn"),
    HandoverStatus.EXPIRED.value: Text("vanhentunut", "förfallen", "expired"),
}
"""The names of a handover's statuses, keyed by their stored form."""

NO_RECEIVER = kind(
    "handover.no_receiver",
    "Siirrolle on nimettävä vastaanottava taho ja palvelu.",
    "Överlämningen ska ange den mottagande parten och tjänsten.",
    "A handover must name the receiving party and service.",
)
SAME_SERVICE = kind(
    "handover.same_service",
    "Asiakasta ei voi siirtää samaan palveluun, josta hän lähtee.",
    "Klienten kan inte överlämnas till samma tjänst som hen lämnar.",
    "The client cannot be handed over to the service they are leaving.",
)
NOT_SENDER = kind(
    "handover.not_sender",
    "Vain lähettävä taho ({party}) voi tehdä tämän.",
    "Endast den överlämnande parten ({party}) kan göra detta.",
    "Only the sending party ({party}) may do this.",
)
NOT_RECEIVER = kind(
    "handover.not_receiver",
    "Vain vastaanottava taho ({party}) voi vastata siirtoon.",
    "Endast den mottagande parten ({party}) kan svara på överlämningen.",
    "Only the receiving party ({party}) may answer the handover.",
)
UNKNOWN = kind(
    "handover.unknown",
    "Siirtoa '{handover_id}' ei ole.",
    "Överlämningen '{handover_id}' finns inte.",
    "There is no handover '{handover_id}'.",
)
DUPLICATE = kind(
    "handover.duplicate_id",
    "Tunnus '{handover_id}' on jo käytössä toisella siirrolla.",
    "Id:t '{handover_id}' används redan för en annan överlämning.",
    "The id '{handover_id}' is already used by another handover.",
)
NOT_PROPOSED = kind(
    "handover.not_open",
    "Siirto ei odota vastausta (tila: {status}).",
    "Överlämningen väntar inte på svar (läge: {status}).",
    "The handover is not awaiting an answer (status: {status}).",
    {"status": _STATUS_LABELS},
)
NOT_ACCEPTED = kind(
    "handover.not_accepted",
    "Asiakkaan voi päästää vasta, kun vastaanottaja on vahvistanut siirron (tila: {status}).",
    "Klienten kan släppas först när mottagaren har bekräftat överlämningen (läge: {status}).",
    "The client can be released only after the receiver has confirmed (status: {status}).",
    {"status": _STATUS_LABELS},
)
EXPIRED = kind(
    "handover.expired",
    "Vastausaika päättyi {respond_by}.",
    "Svarstiden gick ut {respond_by}.",
    "The time to answer ended on {respond_by}.",
)
NOT_EXPIRED = kind(
    "handover.not_expired",
    "Siirto ei ole vanhentunut: vastausaikaa ei ole asetettu tai se on vielä käynnissä.",
    "Överlämningen har inte gått ut: ingen svarstid har satts eller den pågår ännu.",
    "The handover has not lapsed: no reply date was set, or it has not passed yet.",
)
GAP_TOO_LONG = kind(
    "handover.gap_too_long",
    "Vastaanottava palvelu alkaa vasta {starts_on}; vastuuseen jäisi {gap} päivän katko "
    "(sallittu {allowed:päivä|päivää}).",
    "Den mottagande tjänsten börjar först {starts_on}; ansvaret skulle ha ett avbrott på "
    "{gap:dag|dagar} (tillåtet {allowed:dag|dagar}).",
    "The receiving service starts only on {starts_on}; responsibility would lapse for "
    "{gap:day|days} (allowed: {allowed:day|days}).",
)

# What each check below may yield, for the guards built on it to declare.
PROPOSAL_REASONS = (NO_RECEIVER, SAME_SERVICE, NOT_SENDER)
ANSWER_REASONS = (NOT_PROPOSED, NOT_RECEIVER, EXPIRED)
WITHDRAW_REASONS = (NOT_PROPOSED, NOT_SENDER)
EXPIRE_REASONS = (NOT_PROPOSED, NOT_EXPIRED)
RELEASE_REASONS = (NOT_ACCEPTED, NOT_SENDER, GAP_TOO_LONG)


# --------------------------------------------------------------------------- checks


def proposal_reasons(proposal: HandoverProposal, actor: Actor) -> Iterator[Reason]:
    """H2: a named receiver, another service, and proposed by the sending party."""
    if proposal.to_party is None or proposal.to_service is None:
        yield NO_RECEIVER()
    elif proposal.to_service == proposal.from_service:
        yield SAME_SERVICE()
    if actor.role is not proposal.from_party:
        yield NOT_SENDER(party=proposal.from_party)


def proposal_data(proposal: HandoverProposal, at: date) -> Iterator[tuple[str, str]]:
    """Malformed proposals: empty names, a reply date before the proposal."""
    yield from blank("handover_id", proposal.handover_id)
    yield from blank("from_service", proposal.from_service)
    yield from blank("to_service", proposal.to_service)
    yield from not_before("respond_by", proposal.respond_by, at, "the proposal's date")


def answer_reasons(
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


def withdraw_reasons(
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


def expire_reasons(
    proposal: HandoverProposal, status: HandoverStatus, at: date, policy: HandoverPolicy
) -> Iterator[Reason]:
    """A proposal lapses only after the reply date the host set (H2; C3 under roll_forward)."""
    if status is not HandoverStatus.PROPOSED:
        yield NOT_PROPOSED(status=status.value)
    limit = _reply_limit(proposal, policy)
    if limit is None or at <= limit:
        yield NOT_EXPIRED()


def release_reasons(
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


def acceptance_data(acceptance: Acceptance, at: date) -> Iterator[tuple[str, str]]:
    """The receiver cannot start before it accepts."""
    return not_before("starts_on", acceptance.starts_on, at, "the acceptance date")


RESPONSE_DUE_LABEL = Text("Vastaus siirtoon", "Svar på överlämningen", "Answer to the handover")
"""The label of the ``handover.response_due`` deadline."""


def response_deadline(
    proposal: HandoverProposal, proposed_on: date, at: date, policy: HandoverPolicy
) -> Deadline | None:
    """The reply date of an open proposal as a deadline (H2, C3), or ``None`` without one."""
    due = proposal.respond_by
    if due is None:
        return None
    return deadline(
        "handover.response_due",
        RESPONSE_DUE_LABEL,
        proposed_on,
        due,
        at,
        roll_forward=policy.roll_forward,
    )


_PAYLOADS: dict[str, type[Any]] = {"propose": HandoverProposal, "accept": Acceptance}
"""The payload of each step that takes more than :class:`HandoverRef`."""
_DATA_CHECKS: dict[str, DataCheck] = {"propose": proposal_data, "accept": acceptance_data}
"""The data check of each step that has one."""
_ANSWERS = ("handover.response_due",)
"""What an answer meets: the reply date of the proposal (H2)."""


def protocol_row(
    step: str,
    guard: Guard,
    apply: Reducer,
    *,
    trigger: str | None = None,
    sources: tuple[str, ...],
    dest: str | None,
) -> TransitionSpec:
    """The transition row of the protocol's *step* (``propose``, ``accept``, …).

    Its roles, label, payload and data check are the protocol's, the same in a lone
    handover and in a journey; the declaring process names it (*trigger*, default the
    step), places it (*sources*, *dest*) and gives the *guard* and reducer that read and
    update its own context.
    """
    return TransitionSpec(
        trigger=trigger or step,
        sources=sources,
        dest=dest,
        roles=RESPONSIBLE_ROLES,
        label=TRIGGER_LABELS[step],
        payload=_PAYLOADS.get(step, HandoverRef),
        guards=(guard,),
        apply=apply,
        check_data=_DATA_CHECKS.get(step),
        meets=_ANSWERS if step in ("accept", "decline") else (),
    )
