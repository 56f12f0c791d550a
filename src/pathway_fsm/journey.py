"""A client's journey across services, with no gap in responsibility (H1–H3).

The journey records which party is responsible for the client in which service, and
from when to when. A service is taken on with ``start`` or ``enter_service``; it ends
only in one of two ways:

* through an escorted handover (``propose_handover`` → ``accept_handover`` →
  ``complete_handover``), where the receiver's service opens when it accepts and the
  sender's closes when it releases the client (H2); or
* with an explicit closure code (``close_service``, or ``close_journey`` for the whole
  journey): employment, education, moved away, the client's own decision, death, or
  no further service needed.

The last open service cannot be closed on its own, so while the journey is active at
least one party is always responsible. :meth:`JourneyContext.responsible_on` answers
"who had this client on 3 March?".

A service taken on names the definition it runs: the definition itself, or a shipped
definition's name (:data:`SHIPPED_SERVICES`). A service of the host's own, which no
definition here models, is named ``owner:service`` (``"kunta:sosiaalityö"``), so a
misspelt definition name is refused rather than recorded as a service of its own.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any

import attrs

from ._checks import kind
from ._convert import converter
from ._engine.definition import (
    BoundDefinition,
    Guard,
    ProcessDefinition,
    Proposal,
    Reducer,
    State,
    TransitionSpec,
    definition_builder,
    guard,
)
from ._engine.model import Actor, Deadline, Event, Reason, Role, Text
from ._engine.pathway import Pathway
from ._engine.replace import evolve
from ._escort import (
    ANSWER_REASONS,
    DUPLICATE,
    EXPIRE_REASONS,
    PROPOSAL_REASONS,
    RELEASE_REASONS,
    RESPONSIBLE_ROLES,
    UNKNOWN,
    WITHDRAW_REASONS,
    Acceptance,
    HandoverPolicy,
    HandoverProposal,
    HandoverStatus,
    answer_reasons,
    expire_reasons,
    proposal_reasons,
    protocol_row,
    release_reasons,
    response_deadline,
    withdraw_reasons,
)
from .errors import DataProblem, HookFailed, PathwayDataError, TransitionRefused

__all__ = [
    "NAME",
    "SHIPPED_SERVICES",
    "VERSION",
    "Closure",
    "HandoverRecord",
    "JourneyClosure",
    "JourneyContext",
    "Responsibility",
    "ServiceClosure",
    "ServiceEntry",
    "definition",
    "definition_for",
    "end_service",
]

NAME = "journey"
"""The definition's name, as stored in every pathway's ``to_dict`` form."""
VERSION = "1"
"""The definition's version, stored with every pathway; bumped when replay would change."""


class Closure(enum.StrEnum):
    """Why a responsibility ended without a handover: an explicit, coded closure (H1)."""

    EMPLOYMENT = "employment"
    """The client found work."""
    EDUCATION = "education"
    """The client started education or training."""
    MOVED_AWAY = "moved_away"
    """The client moved out of the area."""
    CLIENT_DECISION = "client_decision"
    """The client decided to leave the service."""
    DECEASED = "deceased"
    """The client died."""
    NO_FURTHER_SERVICE = "no_further_service"
    """The parties found that no further service is needed (e.g. TYP's T14 ending)."""


# --------------------------------------------------------------------------- payloads


SHIPPED_SERVICES = frozenset(
    {
        "typ",
        "kohti_tyota",
        "kemi",
        "ips",
        "ktt",
        "work_activity",
        "employment_support",
        "social_rehabilitation",
    }
)
"""The shipped definitions a client can be in: every one but ``handover`` and ``journey``."""

Service = str | ProcessDefinition[Any, Any] | BoundDefinition[Any, Any]
"""What names a journey's service: a definition, bound or not, or a name."""


def _service_name(service: Service) -> str:
    """The name a journey stores for *service*: a definition's own name, or the string."""
    if isinstance(service, (ProcessDefinition, BoundDefinition)):
        return service.name
    return service


def _host_service(name: str) -> bool:
    """Whether *name* is a host's own service, ``owner:service`` with neither part blank."""
    owner, colon, service = name.partition(":")
    return bool(colon and owner.strip() and service.strip())


@attrs.frozen(kw_only=True)
class ServiceEntry:
    """A party takes on the client in one of its services (data of ``start``, ``enter_service``).

    Attributes:
        party: the party that takes the client on.
        service: the definition the service runs (or its bound form), stored as its
            name; or a shipped definition's name (:data:`SHIPPED_SERVICES`); or a
            host's own service as ``owner:service``. Any other name is refused.
    """

    party: Role
    service: str = attrs.field(converter=_service_name, repr=False)


@attrs.frozen(kw_only=True)
class ServiceClosure:
    """Ending one service (data of ``close_service``); without *closure* it is refused.

    *service* names an open service as :class:`ServiceEntry` does; a definition is
    taken as its name.
    """

    service: str = attrs.field(converter=_service_name, repr=False)
    closure: Closure | None = None


def _naming_services(kind: type[Any]) -> None:
    """Let keyword data name *kind*'s ``service`` with a definition, as the class does."""
    fields = converter.get_structure_hook(kind)

    def structure(value: Any, type_: Any) -> Any:
        if isinstance(value, Mapping):
            named = value.get("service")
            if isinstance(named, (ProcessDefinition, BoundDefinition)):
                value = {**value, "service": named.name}
        return fields(value, type_)

    converter.register_structure_hook(kind, structure)


_naming_services(ServiceEntry)
_naming_services(ServiceClosure)


@attrs.frozen(kw_only=True)
class JourneyClosure:
    """Ending the whole journey (data of ``close_journey``)."""

    closure: Closure


# --------------------------------------------------------------------------- context


@attrs.frozen(kw_only=True)
class Responsibility:
    """One party's responsibility for the client in one service, both ends inclusive.

    Attributes:
        party: the responsible party.
        service: the host's name for the service.
        start: the first day of responsibility.
        end: the last day, or ``None`` while it lasts.
        handover_id: the completed handover that ended it, if any.
        closure: the closure code that ended it, if any.
    """

    party: Role
    service: str
    start: date
    end: date | None = None
    handover_id: str | None = None
    closure: Closure | None = None

    def covers(self, day: date) -> bool:
        """Whether the party was responsible on *day*."""
        return self.start <= day and (self.end is None or day <= self.end)


@attrs.frozen(kw_only=True)
class HandoverRecord:
    """One handover inside a journey and where it stands."""

    proposal: HandoverProposal
    proposed_on: date
    status: HandoverStatus = HandoverStatus.PROPOSED
    starts_on: date | None = None
    decided_on: date | None = None

    @property
    def handover_id(self) -> str:
        """The host's id of the handover."""
        return self.proposal.handover_id


@attrs.frozen(kw_only=True)
class JourneyContext:
    """What the history says about a journey; rebuilt exactly by replay.

    Attributes:
        responsibilities: every responsibility, open and ended, in the order taken on.
        handovers: every handover proposed, in order.
        closed_on: the day the journey was closed; *closure* why.
    """

    responsibilities: tuple[Responsibility, ...] = ()
    handovers: tuple[HandoverRecord, ...] = ()
    closed_on: date | None = None
    closure: Closure | None = None

    def responsible_on(self, day: date) -> tuple[Responsibility, ...]:
        """Who was responsible for the client on *day* (a pure query of the record)."""
        return tuple(r for r in self.responsibilities if r.covers(day))

    @property
    def open_services(self) -> tuple[Responsibility, ...]:
        """The responsibilities that have not ended (some may start in the future)."""
        return tuple(r for r in self.responsibilities if r.end is None)

    def service(self, name: str) -> Responsibility | None:
        """The open responsibility for service *name*, if any."""
        return next((r for r in self.open_services if r.service == name), None)

    def handover(self, handover_id: str) -> HandoverRecord | None:
        """The handover with *handover_id*, if one was proposed."""
        return next((h for h in self.handovers if h.handover_id == handover_id), None)


# --------------------------------------------------------------------------- reasons


NOT_OWN_SERVICE = kind(
    "journey.not_own_service",
    "Taho voi ottaa vastuun tai päättää vain omassa palvelussaan ({party}).",
    "En part kan ta på sig eller avsluta ansvar bara i sin egen tjänst ({party}).",
    "A party can take on or end responsibility only in its own service ({party}).",
)
# The service a client is in is kept out of reprs, so these reasons do not name it either:
# the host knows which service its user asked for.
SERVICE_OPEN = kind(
    "journey.service_open",
    "Palvelu on asiakkaalla jo käynnissä.",
    "Tjänsten pågår redan för klienten.",
    "That service is already open for the client.",
)
SERVICE_NOT_OPEN = kind(
    "journey.service_not_open",
    "Asiakkaalla ei ole käynnissä tätä palvelua.",
    "Klienten har ingen pågående sådan tjänst.",
    "The client has no such service open.",
)
NO_NEXT_STEP = kind(
    "journey.no_next_step",
    "Palvelua ei voi päättää ilman vahvistettua siirtoa seuraavaan palveluun tai "
    "päättymisen syytä.",
    "Tjänsten kan inte avslutas utan en bekräftad överlämning till nästa tjänst eller en "
    "orsak till avslutet.",
    "A service cannot end without a confirmed handover to the next service or a closure code.",
)
HANDOVER_OPEN = kind(
    "journey.handover_open",
    "Palvelulla on kesken siirto '{handover_id}'; vie se loppuun tai peru se ensin.",
    "Tjänsten har en pågående överlämning '{handover_id}'; slutför eller återta den först.",
    "The service has an unfinished handover '{handover_id}'; finish or withdraw it first.",
)
LAST_SERVICE = kind(
    "journey.last_service",
    "Asiakkaan ainoaa palvelua ei voi päättää erikseen; päätä koko asiakaspolku.",
    "Klientens enda tjänst kan inte avslutas separat; avsluta hela klientvägen.",
    "The client's only service cannot be ended on its own; close the whole journey.",
)
NOT_RESPONSIBLE = kind(
    "journey.not_responsible",
    "Vain asiakkaasta vastaava taho voi päättää asiakaspolun.",
    "Endast en part som ansvarar för klienten kan avsluta klientvägen.",
    "Only a party responsible for the client can close the journey.",
)


# --------------------------------------------------------------------------- guards

_Step = Proposal[JourneyContext, HandoverPolicy]


@guard(NOT_OWN_SERVICE)
def _own_entry(p: _Step) -> Iterator[Reason]:
    """H1: responsibility is taken on by the party itself."""
    entry: ServiceEntry = p.data
    if p.actor.role is not entry.party:
        yield NOT_OWN_SERVICE(party=entry.party)


@guard(SERVICE_OPEN)
def _entry_free(p: _Step) -> Iterator[Reason]:
    """H1: a service is open at most once at a time, so each interval has one owner."""
    if p.context.service(p.data.service) is not None:
        yield SERVICE_OPEN()


_UNKNOWN_SERVICE = (
    "unknown definition: expected a shipped definition's name or a host's own service "
    "as owner:service"
)


def _entry_data(entry: ServiceEntry, at: date) -> Iterator[tuple[str, str]]:
    """The service names a definition, or is declared as the host's own."""
    if not entry.service.strip():
        yield "service", "must not be empty"
    elif entry.service not in SHIPPED_SERVICES and not _host_service(entry.service):
        yield "service", _UNKNOWN_SERVICE


@guard(*PROPOSAL_REASONS, SERVICE_NOT_OPEN, DUPLICATE)
def _propose(p: _Step) -> Iterator[Reason]:
    """H2: a named receiver, proposed by the sender for a service it holds; ids unique."""
    ctx = p.context
    proposal: HandoverProposal = p.data
    yield from proposal_reasons(proposal, p.actor)
    held = ctx.service(proposal.from_service)
    if held is None or held.party is not proposal.from_party:
        yield SERVICE_NOT_OPEN()
    if ctx.handover(proposal.handover_id) is not None:
        yield DUPLICATE(handover_id=proposal.handover_id)


def _recorded(p: _Step, check: Callable[[HandoverRecord], Iterator[Reason]]) -> Iterator[Reason]:
    """What *check* finds in the handover the step names, or that there is no such handover."""
    record = p.context.handover(p.data.handover_id)
    if record is None:
        yield UNKNOWN(handover_id=p.data.handover_id)
    else:
        yield from check(record)


@guard(UNKNOWN, *ANSWER_REASONS, SERVICE_OPEN)
def _accept(p: _Step) -> Iterator[Reason]:
    """H2: the named receiver confirms an open proposal, before its reply date (C3)."""
    record = p.context.handover(p.data.handover_id)
    if record is None:
        yield UNKNOWN(handover_id=p.data.handover_id)
        return
    yield from answer_reasons(record.proposal, record.status, p.actor, p.at, p.policy)
    to_service = record.proposal.to_service
    if to_service is not None and p.context.service(to_service) is not None:
        yield SERVICE_OPEN()


@guard(UNKNOWN, *ANSWER_REASONS)
def _decline(p: _Step) -> Iterator[Reason]:
    """H2: the named receiver may decline an open proposal (C3)."""
    yield from _recorded(p, lambda r: answer_reasons(r.proposal, r.status, p.actor, p.at, p.policy))


@guard(UNKNOWN, *WITHDRAW_REASONS)
def _withdraw(p: _Step) -> Iterator[Reason]:
    """H2: the sender may withdraw an unanswered proposal."""
    yield from _recorded(p, lambda r: withdraw_reasons(r.proposal, r.status, p.actor))


@guard(UNKNOWN, *EXPIRE_REASONS)
def _expire(p: _Step) -> Iterator[Reason]:
    """H2: an unanswered proposal lapses after the host's reply date (C3 if rolled)."""
    yield from _recorded(p, lambda r: expire_reasons(r.proposal, r.status, p.at, p.policy))


@guard(UNKNOWN, *RELEASE_REASONS)
def _release(p: _Step) -> Iterator[Reason]:
    """H2: the sender releases only after acceptance and with no gap beyond the policy."""
    gap = p.policy.max_gap_days
    yield from _recorded(
        p, lambda r: release_reasons(r.proposal, r.status, r.starts_on, p.actor, p.at, gap)
    )


def _open_handover(ctx: JourneyContext, service: str) -> HandoverRecord | None:
    active = (HandoverStatus.PROPOSED, HandoverStatus.ACCEPTED)
    return next(
        (
            h
            for h in ctx.handovers
            if h.status in active and service in (h.proposal.from_service, h.proposal.to_service)
        ),
        None,
    )


@guard(SERVICE_NOT_OPEN, NOT_OWN_SERVICE, NO_NEXT_STEP, HANDOVER_OPEN, LAST_SERVICE)
def _close_service(p: _Step) -> Iterator[Reason]:
    """H1: a service ends through a handover or with a coded closure, never into a gap."""
    ctx = p.context
    closing: ServiceClosure = p.data
    held = ctx.service(closing.service)
    if held is None:
        yield SERVICE_NOT_OPEN()
        return
    if p.actor.role is not held.party:
        yield NOT_OWN_SERVICE(party=held.party)
    if closing.closure is None:
        yield NO_NEXT_STEP()
    pending = _open_handover(ctx, closing.service)
    if pending is not None:
        yield HANDOVER_OPEN(handover_id=pending.handover_id)
    if len(ctx.open_services) == 1:
        yield LAST_SERVICE()


@guard(NOT_RESPONSIBLE)
def _close_journey(p: _Step) -> Iterator[Reason]:
    """H1: the journey is closed by a party responsible for the client, with a closure code."""
    if p.actor.role not in {r.party for r in p.context.open_services}:
        yield NOT_RESPONSIBLE()


# --------------------------------------------------------------------------- reducers


def _entered(ctx: JourneyContext, event: Event) -> JourneyContext:
    entry: ServiceEntry = event.data
    taken = Responsibility(party=entry.party, service=entry.service, start=event.at)
    return evolve(ctx, responsibilities=(*ctx.responsibilities, taken))


def _replace_handover(ctx: JourneyContext, handover_id: str, **changes: Any) -> JourneyContext:
    handovers = tuple(
        evolve(h, **changes) if h.handover_id == handover_id else h for h in ctx.handovers
    )
    return evolve(ctx, handovers=handovers)


def _end(
    ctx: JourneyContext, service: str | None, at: date, **how: Any
) -> tuple[Responsibility, ...]:
    return tuple(
        evolve(r, end=at, **how) if r.end is None and service in (None, r.service) else r
        for r in ctx.responsibilities
    )


def _proposed(ctx: JourneyContext, event: Event) -> JourneyContext:
    record = HandoverRecord(proposal=event.data, proposed_on=event.at)
    return evolve(ctx, handovers=(*ctx.handovers, record))


def _accepted(ctx: JourneyContext, event: Event) -> JourneyContext:
    acceptance: Acceptance = event.data
    starts_on = acceptance.starts_on or event.at
    record = ctx.handover(acceptance.handover_id)
    assert record is not None
    assert record.proposal.to_party is not None
    assert record.proposal.to_service is not None
    taken = Responsibility(
        party=record.proposal.to_party, service=record.proposal.to_service, start=starts_on
    )
    ctx = evolve(ctx, responsibilities=(*ctx.responsibilities, taken))
    return _replace_handover(
        ctx,
        acceptance.handover_id,
        status=HandoverStatus.ACCEPTED,
        starts_on=starts_on,
        decided_on=event.at,
    )


def _answered(status: HandoverStatus) -> Callable[[JourneyContext, Event], JourneyContext]:
    """The reducer of a step that only moves one handover to *status*."""

    def apply(ctx: JourneyContext, event: Event) -> JourneyContext:
        return _replace_handover(ctx, event.data.handover_id, status=status, decided_on=event.at)

    return apply


def _completed(ctx: JourneyContext, event: Event) -> JourneyContext:
    handover_id = event.data.handover_id
    record = ctx.handover(handover_id)
    assert record is not None
    ended = _end(ctx, record.proposal.from_service, event.at, handover_id=handover_id)
    ctx = evolve(ctx, responsibilities=ended)
    return _replace_handover(ctx, handover_id, status=HandoverStatus.COMPLETED, decided_on=event.at)


def _service_closed(ctx: JourneyContext, event: Event) -> JourneyContext:
    closing: ServiceClosure = event.data
    ended = _end(ctx, closing.service, event.at, closure=closing.closure)
    return evolve(ctx, responsibilities=ended)


def _journey_closed(ctx: JourneyContext, event: Event) -> JourneyContext:
    closure = event.data.closure
    active = (HandoverStatus.PROPOSED, HandoverStatus.ACCEPTED)
    handovers = tuple(
        evolve(h, status=HandoverStatus.WITHDRAWN, decided_on=event.at) if h.status in active else h
        for h in ctx.handovers
    )
    return evolve(
        ctx,
        responsibilities=_end(ctx, None, event.at, closure=closure),
        handovers=handovers,
        closed_on=event.at,
        closure=closure,
    )


@attrs.frozen
class _ReplyDeadlines:
    """The deadline rule: the reply date of each open proposal (H2, C3)."""

    policy: HandoverPolicy

    def __call__(self, state: str, ctx: JourneyContext, at: date) -> Iterable[Deadline]:
        if state != "active":
            return
        for record in ctx.handovers:
            if record.status is HandoverStatus.PROPOSED:
                found = response_deadline(record.proposal, record.proposed_on, at, self.policy)
                if found is not None:
                    yield found


# --------------------------------------------------------------------------- definition


def _handover_row(step: str, guard: Guard, apply: Reducer) -> TransitionSpec:
    """The protocol's *step* inside an active journey: ``<step>_handover``, state kept."""
    return protocol_row(
        step, guard, apply, trigger=f"{step}_handover", sources=("active",), dest=None
    )


STATES = (
    State("active", Text("Asiakkuus käynnissä", "Klientrelation pågår", "Active")),
    State("closed", Text("Päättynyt", "Avslutad", "Closed"), final=True),
)
"""A journey is active until it is closed."""

TRANSITIONS = (
    TransitionSpec(
        trigger="start",
        sources=(),
        dest="active",
        roles=RESPONSIBLE_ROLES,
        label=Text("Ensimmäinen palvelu alkaa", "Den första tjänsten börjar", "First service"),
        payload=ServiceEntry,
        guards=(_own_entry,),
        apply=_entered,
        check_data=_entry_data,
    ),
    TransitionSpec(
        trigger="enter_service",
        sources=("active",),
        dest=None,
        roles=RESPONSIBLE_ROLES,
        label=Text("Uusi palvelu alkaa", "En ny tjänst börjar", "Enter another service"),
        payload=ServiceEntry,
        guards=(_own_entry, _entry_free),
        apply=_entered,
        check_data=_entry_data,
    ),
    _handover_row("propose", _propose, _proposed),
    _handover_row("accept", _accept, _accepted),
    _handover_row("decline", _decline, _answered(HandoverStatus.DECLINED)),
    _handover_row("withdraw", _withdraw, _answered(HandoverStatus.WITHDRAWN)),
    _handover_row("expire", _expire, _answered(HandoverStatus.EXPIRED)),
    _handover_row("complete", _release, _completed),
    TransitionSpec(
        trigger="close_service",
        sources=("active",),
        dest=None,
        roles=RESPONSIBLE_ROLES,
        label=Text("Palvelu päättyy", "Tjänsten avslutas", "End one service"),
        payload=ServiceClosure,
        guards=(_close_service,),
        apply=_service_closed,
    ),
    TransitionSpec(
        trigger="close_journey",
        sources=("active",),
        dest="closed",
        roles=RESPONSIBLE_ROLES,
        label=Text("Asiakaspolku päättyy", "Klientvägen avslutas", "Close the journey"),
        payload=JourneyClosure,
        guards=(_close_journey,),
        apply=_journey_closed,
    ),
)
"""The journey's triggers; their reason codes come from the guards' declarations."""

JourneyDefinition = ProcessDefinition[JourneyContext, HandoverPolicy]


@definition_builder(HandoverPolicy)
def definition_for(policy: HandoverPolicy) -> JourneyDefinition:
    """The journey definition under *policy*, built and compiled once per distinct policy."""
    return ProcessDefinition(
        name=NAME,
        version=VERSION,
        label=Text("Asiakaspolku", "Klientväg", "Client journey"),
        policy=policy,
        states=STATES,
        transitions=TRANSITIONS,
        context_factory=JourneyContext,
        deadline_rule=_ReplyDeadlines(policy),
    )


def definition(*, max_gap_days: int = 0, roll_forward: bool = False) -> JourneyDefinition:
    """Return the journey definition; the policy is :class:`~.handover.HandoverPolicy`.

    Raises:
        PathwayDataError: *max_gap_days* is not an integer from 0 to 3650, or
            *roll_forward* is not a boolean.
    """
    return definition_for(HandoverPolicy(max_gap_days=max_gap_days, roll_forward=roll_forward))


# --------------------------------------------------------------------------- a service's end


def _journey_step(
    ctx: JourneyContext,
    service: str,
    ending: Any,
    *,
    by: Actor,
    handover_id: str,
    respond_by: date | None,
) -> tuple[str, dict[str, Any]]:
    """The journey trigger and data that a service's *ending* calls for (H1, H3)."""
    next_party = getattr(ending, "next_party", None)
    if next_party is not None:
        return "propose_handover", {
            "handover_id": handover_id,
            "from_party": by.role,
            "from_service": service,
            "to_party": next_party,
            "to_service": getattr(ending, "next_service", None) or next_party.value,
            "respond_by": respond_by,
        }
    others = [r for r in ctx.open_services if r.service != service]
    if ctx.service(service) is not None and not others:
        return "close_journey", {"closure": Closure.NO_FURTHER_SERVICE}
    return "close_service", {"service": service, "closure": Closure.NO_FURTHER_SERVICE}


def end_service(
    journey: Pathway[Any, Any],
    service: Pathway[Any, Any],
    trigger: str = "end",
    *,
    at: date,
    by: Actor,
    handover_id: str,
    name: str | None = None,
    respond_by: date | None = None,
    **data: Any,
) -> tuple[Event, Event]:
    """End *service* with *trigger* and take the journey step its ending calls for, together.

    The ending (TYP's ``end``, T14) names the next party: the journey gets
    ``propose_handover`` (H3). It says no further service follows: the journey gets
    ``close_service`` with :attr:`Closure.NO_FURTHER_SERVICE`, or ``close_journey``
    with that code when the service is the client's only one (H1). *name* is the
    service's name in the journey (the definition's name by default). Both events, or
    neither, are recorded: the journey step is fired from the service's last
    before-hook, so a refused or vetoed journey step vetoes the service's step, and a
    refused service step never reaches the journey. Returns (service event, journey
    event). A hook that fires on *service* meanwhile gets :class:`ReentrantFire`; another
    thread that records an event on it while the journey step runs makes the ending
    stale after the journey step is recorded, so hosts serialise writes to one client.

    Raises:
        TransitionRefused: either step was refused or vetoed; neither pathway changed.
        PathwayDataError: a pathway, *name*, *handover_id* or the data is malformed.
        HookFailed: an after-hook raised; both events stand.
    """
    problems: list[DataProblem] = []
    given: dict[str, object] = {"journey": journey, "service": service, "name": name}
    given["handover_id"] = handover_id
    if not isinstance(given["journey"], Pathway) or journey.definition.name != NAME:
        problems.append(("$.journey", "expected a journey pathway"))
    if not isinstance(given["service"], Pathway):
        problems.append(("$.service", "expected a Pathway"))
    if name is not None and (not isinstance(given["name"], str) or not name.strip()):
        problems.append(("$.name", "expected a non-empty string or None"))
    if not isinstance(given["handover_id"], str) or not handover_id.strip():
        problems.append(("$.handover_id", "expected a non-empty string"))
    if problems:
        raise PathwayDataError(problems)
    called = name or service.definition.name
    recorded: list[Event] = []
    failed: list[HookFailed] = []

    def join(_: Pathway[Any, Any], event: Event) -> Reason | Iterable[Reason] | None:
        step, step_data = _journey_step(
            journey.context,
            called,
            event.data,
            by=by,
            handover_id=handover_id,
            respond_by=respond_by,
        )
        try:
            recorded.append(journey.fire(step, at=at, by=by, **step_data))
        except TransitionRefused as refused:
            return refused.reasons
        except HookFailed as after:  # the journey step stands, so the service's must too
            recorded.append(after.event)
            failed.append(after)
        return None

    event = service._fire_joined(trigger, join, at=at, by=by, **data)
    if failed:
        raise failed[0]
    return event, recorded[0]


# The registry entry: what from_dict, definitions() and the testing kit read.
from ._registry import Process  # noqa: E402

PROCESSES = (
    Process(NAME, VERSION, HandoverPolicy, definition_for, "pathway_fsm.testing._handover"),
)
"""This module's processes, as the registry lists them."""
