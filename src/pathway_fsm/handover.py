"""Saattaen vaihtaen: one escorted handover between two services (H1–H3).

The sending party proposes the handover to a named receiver; the receiver accepts or
declines; the sender releases the client (``complete``) only after acceptance. The
sender may withdraw a proposal the receiver has not answered, and a proposal lapses
(``expire``) after the reply date the host sets. The sender's responsibility ends only
at completion, so "A always leads to B" (H1).

The payloads, reasons and checks are shared with :mod:`pathway_fsm.journey`, which
runs many handovers inside one client's journey across services. The host does the real
work (booking the joint meeting, sending documents, telling the client) in
:class:`~pathway_fsm.Hooks` attached to the pathway.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

import attrs

from ._engine.definition import (
    Guard,
    ProcessDefinition,
    Proposal,
    State,
    TransitionSpec,
    definition_builder,
    guard,
)
from ._engine.model import Deadline, Event, Reason, ReasonKind, Role, Text
from ._engine.pathway import Pathway
from ._engine.replace import evolve
from ._escort import (
    ANSWER_REASONS,
    EXPIRE_REASONS,
    NOT_ACCEPTED,
    NOT_PROPOSED,
    PROPOSAL_REASONS,
    RELEASE_REASONS,
    RESPONSIBLE_ROLES,
    UNKNOWN,
    WITHDRAW_REASONS,
    Acceptance,
    HandoverPolicy,
    HandoverProposal,
    HandoverRef,
    HandoverStatus,
    answer_reasons,
    expire_reasons,
    proposal_reasons,
    protocol_row,
    release_reasons,
    response_deadline,
    withdraw_reasons,
)
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


_Step = Proposal[HandoverContext, HandoverPolicy]


# --------------------------------------------------------------------------- guards


def _open(p: _Step) -> tuple[HandoverProposal, HandoverStatus]:
    """The proposal and its status: both recorded by the start event."""
    ctx = p.context
    assert ctx.proposal is not None
    assert ctx.status is not None
    return ctx.proposal, ctx.status


def _by_state(kinds: tuple[ReasonKind, ...]) -> tuple[ReasonKind, ...]:
    """*kinds* less the status checks: here the state is the handover's status, so an
    answer outside "proposed" or a release outside "accepted" is refused as
    ``pathway.wrong_state`` first, and only a journey gives these two codes."""
    return tuple(k for k in kinds if k not in (NOT_PROPOSED, NOT_ACCEPTED))


def _matching(p: _Step) -> Iterator[Reason]:
    """The step names this pathway's handover."""
    proposal, _ = _open(p)
    if p.data.handover_id != proposal.handover_id:
        yield UNKNOWN(handover_id=p.data.handover_id)


@guard(*PROPOSAL_REASONS)
def _propose(p: _Step) -> Iterator[Reason]:
    """H2: a named receiver, proposed by the sender."""
    yield from proposal_reasons(p.data, p.actor)


@guard(UNKNOWN, *_by_state(ANSWER_REASONS))
def _answer(p: _Step) -> Iterator[Reason]:
    """H2: the receiver answers an open proposal before its reply date (C3)."""
    proposal, status = _open(p)
    yield from _matching(p)
    yield from answer_reasons(proposal, status, p.actor, p.at, p.policy)


@guard(UNKNOWN, *_by_state(WITHDRAW_REASONS))
def _withdraw(p: _Step) -> Iterator[Reason]:
    """H2: only the sender withdraws."""
    proposal, status = _open(p)
    yield from _matching(p)
    yield from withdraw_reasons(proposal, status, p.actor)


@guard(UNKNOWN, *_by_state(EXPIRE_REASONS))
def _expire(p: _Step) -> Iterator[Reason]:
    """H2: a proposal lapses after the host's reply date (C3 under roll_forward)."""
    proposal, status = _open(p)
    yield from _matching(p)
    yield from expire_reasons(proposal, status, p.at, p.policy)


@guard(UNKNOWN, *_by_state(RELEASE_REASONS))
def _release(p: _Step) -> Iterator[Reason]:
    """H2: the sender releases after acceptance, with no gap beyond max_gap_days."""
    proposal, status = _open(p)
    yield from _matching(p)
    starts_on, gap = p.context.starts_on, p.policy.max_gap_days
    yield from release_reasons(proposal, status, starts_on, p.actor, p.at, gap)


# --------------------------------------------------------------------------- reducers


def _proposed(ctx: HandoverContext, event: Event) -> HandoverContext:
    return evolve(ctx, proposal=event.data, proposed_on=event.at, status=HandoverStatus.PROPOSED)


def _accepted(ctx: HandoverContext, event: Event) -> HandoverContext:
    starts_on = event.data.starts_on or event.at
    return evolve(ctx, status=HandoverStatus.ACCEPTED, starts_on=starts_on, decided_on=event.at)


def _to(status: HandoverStatus) -> Callable[[HandoverContext, Event], HandoverContext]:
    """The reducer of a step that only moves the handover to *status*."""

    def apply(ctx: HandoverContext, event: Event) -> HandoverContext:
        return evolve(ctx, status=status, decided_on=event.at)

    return apply


def _ending(
    step: str, guard: Guard, status: HandoverStatus, source: str = "proposed"
) -> TransitionSpec:
    """The row of a *step* that ends the handover in the state named after its *status*."""
    return protocol_row(step, guard, _to(status), sources=(source,), dest=status.value)


@attrs.frozen
class _ReplyDeadline:
    """The deadline rule: the reply date while the proposal is open (H2, C3)."""

    policy: HandoverPolicy

    def __call__(self, state: str, ctx: HandoverContext, at: date) -> Iterable[Deadline]:
        if state == "proposed" and ctx.proposal is not None and ctx.proposed_on is not None:
            found = response_deadline(ctx.proposal, ctx.proposed_on, at, self.policy)
            if found is not None:
                yield found


# --------------------------------------------------------------------------- definition

STATES = (
    State("proposed", Text("Ehdotettu", "Föreslagen", "Proposed")),
    State("accepted", Text("Vahvistettu", "Bekräftad", "Accepted")),
    State("completed", Text("Siirretty", "Överlämnad", "Completed"), final=True),
    State("declined", Text("Hylätty", "Avböjd", "Declined"), final=True),
    State("withdrawn", Text("Peruttu", "Återtagen", "Withdrawn"), final=True),
    State("expired", Text("Vanhentunut", "Förfallen", "Expired"), final=True),
)
"""The states of one handover; every one but ``proposed`` and ``accepted`` ends it."""

TRANSITIONS = (
    protocol_row("propose", _propose, _proposed, sources=(), dest="proposed"),
    protocol_row("accept", _answer, _accepted, sources=("proposed",), dest="accepted"),
    _ending("decline", _answer, HandoverStatus.DECLINED),
    _ending("withdraw", _withdraw, HandoverStatus.WITHDRAWN),
    _ending("expire", _expire, HandoverStatus.EXPIRED),
    _ending("complete", _release, HandoverStatus.COMPLETED, source="accepted"),
)
"""The handover's triggers; their reason codes come from the guards' declarations."""

HandoverDefinition = ProcessDefinition[HandoverContext, HandoverPolicy]


@definition_builder(HandoverPolicy)
def definition_for(policy: HandoverPolicy) -> HandoverDefinition:
    """The handover definition under *policy*, built and compiled once per distinct policy."""
    return ProcessDefinition(
        name=NAME,
        version=VERSION,
        label=Text("Saattaen vaihtaen", "Ledsagad överlämning", "Escorted handover"),
        policy=policy,
        states=STATES,
        transitions=TRANSITIONS,
        context_factory=HandoverContext,
        deadline_rule=_ReplyDeadline(policy),
    )


def definition(*, max_gap_days: int = 0, roll_forward: bool = False) -> HandoverDefinition:
    """Return the handover definition under the given policy (see :class:`HandoverPolicy`).

    Raises:
        PathwayDataError: *max_gap_days* is not an integer from 0 to 3650, or
            *roll_forward* is not a boolean.
    """
    return definition_for(HandoverPolicy(max_gap_days=max_gap_days, roll_forward=roll_forward))


# --------------------------------------------------------------------------- TYP link


def typ_handover(
    pathway: Pathway[Any, Any],
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


# The registry entry: what from_dict, definitions() and the testing kit read.
from ._registry import Process  # noqa: E402

PROCESSES = (
    Process(NAME, VERSION, HandoverPolicy, definition_for, "pathway_fsm.testing._handover"),
)
"""This module's processes, as the registry lists them."""
