"""Kohti työtä: a client's path on phases 0–3, needs served in order (P1–P3).

A client is first assessed, then placed on the phase of their most basic open need:

* phase 0 — care services and social rehabilitation (not an employment service);
* phase 1 — rehabilitation towards work;
* phase 2 — promoting employability;
* phase 3 — transition to work;

and leaves for open-labour-market work, for education, or with a coded closure. Every
move between phases rests on a recorded :class:`NeedAssessment`; a move up needs an open
need. Progress goes one phase at a time; moving back is allowed with a written reason,
and the border between phases 0 and 1 is crossed freely both ways (P2). While a more
basic need is open, higher-phase services may start only as secondary services, or with
a recorded override (P3).

The definition is built with a municipality's
:class:`~pathway_fsm.services.ServiceMap` (P4). A client may start only a service on
that map; the phases it spans, which the priority of needs is judged by, and the
parties that may refer a client to it come from the map, never from the trigger's data.

Build the definition with :func:`definition`; every policy value is a keyword with its
documented default. Services and municipal service maps live in
:mod:`pathway_fsm.services`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import attrs

from ._checks import blank, kind, not_after
from ._checks import count as _count
from ._checks import flag as _flag
from ._engine.definition import (
    ProcessDefinition,
    Proposal,
    State,
    TransitionSpec,
    definition_builder,
    event_day,
    guard,
    setting,
)
from ._engine.model import Event, Reason, ReasonKind, Role, Text
from ._engine.replace import evolve
from ._needs import Need, Phase, blocking_need, labelled_need, most_basic_need, to_phases
from ._needs import non_empty as _non_empty
from .errors import PathwayDataError
from .services import Service, ServiceMap, typical_map

__all__ = [
    "NAME",
    "VERSION",
    "ActiveService",
    "Need",
    "NeedAssessment",
    "Phase",
    "PhaseClosing",
    "PhaseClosure",
    "PhaseContext",
    "PhaseMove",
    "PhasePolicy",
    "ServiceEnd",
    "ServiceStart",
    "blocking_need",
    "definition",
    "definition_for",
    "most_basic_need",
    "move_trigger",
    "phase_history",
    "to_phases",
]

NAME = "kohti_tyota"
"""The definition's name, as stored in every pathway's ``to_dict`` form."""
VERSION = "1"
"""The definition's version, stored with every pathway; bumped when replay would change."""

COUNSELLORS = frozenset({Role.EMPLOYMENT_AUTHORITY, Role.MUNICIPALITY, Role.WELLBEING_COUNTY})
"""The parties whose counsellors assess clients and place them on phases."""


class PhaseClosure(enum.StrEnum):
    """Why a pathway closes without work or education (the coded exits)."""

    PENSION = "pension"
    MOVED_AWAY = "moved_away"
    CLIENT_DECLINED = "client_declined"
    DECEASED = "deceased"
    OTHER = "other"


# --------------------------------------------------------------------------- policy


def _is_map(instance: Any, attribute: attrs.Attribute[ServiceMap], value: ServiceMap) -> None:
    if not isinstance(value, ServiceMap):
        raise PathwayDataError([(f"$.{attribute.name}", "expected a ServiceMap")])


def _map_repr(value: ServiceMap) -> str:
    """A map in a policy's repr: the municipality and the number of services, not each."""
    return f"<ServiceMap {value.municipality!r}, {len(value.services)} services>"


@attrs.frozen(kw_only=True)
class PhasePolicy:
    """The policy values of the phase path, each with its documented default (D5).

    Attributes:
        max_forward_steps: how many phases one forward move may take (P2: one at a time).
        blurred_border: whether phases 0 and 1 are crossed freely both ways: no written
            reason for 1 → 0, and an open phase-0 need does not hold back phase-1 moves
            or services (P2, P3).
        back_reason_required: whether a move back to a lower phase needs a written
            reason (P2).
        service_map: the municipality's services (P4): which services a client may
            start, the phases each spans and the parties that may refer a client to it
            (P3). The default is :func:`pathway_fsm.services.typical_map` (P5). It is
            stored with the rest of the policy in every pathway's ``to_dict`` form.
    """

    max_forward_steps: int = attrs.field(default=1, validator=_count(1, 3))
    blurred_border: bool = attrs.field(default=True, validator=_flag)
    back_reason_required: bool = attrs.field(default=True, validator=_flag)
    service_map: ServiceMap = attrs.field(factory=typical_map, validator=_is_map, repr=_map_repr)


# --------------------------------------------------------------------------- payloads


@attrs.frozen(kw_only=True)
class NeedAssessment:
    """A service-need assessment: the client's needs as assessed on *assessed_on*."""

    assessed_on: date
    needs: tuple[Need, ...] = ()


@attrs.frozen(kw_only=True)
class PhaseMove:
    """Data of a move to a phase: the assessment it rests on and, moving back, why (P2)."""

    assessment: NeedAssessment
    reason: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True)
class ServiceStart:
    """A service the client starts (data of ``start_service``).

    The data names the service only: the phases it spans and the parties that may refer
    a client to it are those of the definition's service map (P3, P4).

    Attributes:
        service_id: the service's id on the definition's service map.
        primary: whether it is the client's primary service; a secondary service is
            not held back by the priority of needs (P3).
        override: the recorded reason for starting a primary service despite a more
            basic open need (P3).
    """

    service_id: str = attrs.field(validator=_non_empty)
    primary: bool = True
    override: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True)
class ServiceEnd:
    """A service the client leaves (data of ``end_service``)."""

    service_id: str = attrs.field(validator=_non_empty)


@attrs.frozen(kw_only=True)
class PhaseClosing:
    """Why the pathway closes without work or education (data of ``close``)."""

    closure: PhaseClosure


# --------------------------------------------------------------------------- context


@attrs.frozen(kw_only=True)
class ActiveService:
    """A service the client is in: the phases it spans on the service map, whether it is
    the primary one, and since when."""

    service_id: str
    phases: frozenset[Phase]
    primary: bool
    since: date


@attrs.frozen(kw_only=True)
class PhaseContext:
    """What the history says about a phase pathway; rebuilt exactly by replay.

    Attributes:
        opened_on: the day the pathway was opened.
        phase: the current phase, ``None`` before placement and after an exit.
        phase_since: the day the client entered the current phase.
        assessment: the latest service-need assessment.
        services: the services the client is in now, in the order they started.
        closure: why the pathway closed, for a coded closure.
        exited_on: the day the client left for work or education or was closed.
    """

    opened_on: date | None = None
    phase: Phase | None = None
    phase_since: date | None = None
    assessment: NeedAssessment | None = attrs.field(default=None, repr=False)
    services: tuple[ActiveService, ...] = ()
    closure: PhaseClosure | None = None
    exited_on: date | None = None

    @property
    def needs(self) -> tuple[Need, ...]:
        """The needs of the latest assessment (none before the first)."""
        return self.assessment.needs if self.assessment is not None else ()


# --------------------------------------------------------------------------- the rules


_LOWER_NEED_OPEN = kind(
    "phases.move.lower_need_open",
    "Perustavampi tarve '{need}' (vaihe {need_phase}) on vielä avoinna: "
    "siirtyminen vaiheeseen {phase} ei ole vielä mahdollista.",
    "Det mer grundläggande behovet '{need}' (skede {need_phase}) är fortfarande öppet: "
    "övergång till skede {phase} är inte möjlig ännu.",
    "The more basic need '{need}' (phase {need_phase}) is still open: "
    "the client cannot move to phase {phase} yet.",
)
_NO_OPEN_NEED = kind(
    "phases.move.no_open_need",
    "Arvioinnissa ei ole avointa tarvetta: siirtyminen vaiheeseen {phase} ei perustu "
    "palvelutarpeeseen.",
    "Bedömningen visar inget öppet behov: övergång till skede {phase} grundar sig inte "
    "på ett servicebehov.",
    "The assessment shows no open need: a move to phase {phase} must rest on a service need.",
)
_BACK_REASON_MISSING = kind(
    "phases.move.back_reason_missing",
    "Paluu vaiheesta {source} vaiheeseen {phase} vaatii kirjatun perustelun.",
    "Återgång från skede {source} till skede {phase} kräver en antecknad motivering.",
    "Moving back from phase {source} to phase {phase} needs a recorded reason.",
)
_UNKNOWN_SERVICE = kind(
    "phases.service.unknown",
    "Palvelua '{service_id}' ei ole palvelukartalla ({municipality}).",
    "Tjänsten '{service_id}' finns inte på servicekartan ({municipality}).",
    "Service '{service_id}' is not on the service map ({municipality}).",
)
_REFERRER_NOT_ALLOWED = kind(
    "phases.service.referrer_not_allowed",
    "Palveluun '{service}' ohjaavat palvelukartan mukaan vain: {allowed} (ei {referrer}).",
    "Till tjänsten '{service}' hänvisar enligt servicekartan endast: {allowed} (inte {referrer}).",
    "By the service map, only these refer a client to service '{service}': {allowed} "
    "(not the {referrer}).",
)
_SERVICE_LOWER_NEED_OPEN = kind(
    "phases.service.lower_need_open",
    "Palvelu '{service}' (vaihe {service_phase}) ei voi olla ensisijainen, kun "
    "perustavampi tarve '{need}' (vaihe {need_phase}) on avoinna; merkitse se "
    "toissijaiseksi tai kirjaa poikkeamisen peruste.",
    "Tjänsten '{service}' (skede {service_phase}) kan inte vara primär när det mer "
    "grundläggande behovet '{need}' (skede {need_phase}) är öppet; markera den som "
    "sekundär eller anteckna skälet till avvikelsen.",
    "Service '{service}' (phase {service_phase}) cannot be primary while the more "
    "basic need '{need}' (phase {need_phase}) is open; mark it secondary or record "
    "an override.",
)
_PRIORITY_OVERRIDDEN = kind(
    "phases.service.priority_overridden",
    "Palvelu '{service}' aloitettiin ensisijaisena, vaikka tarve '{need}' "
    "(vaihe {need_phase}) on avoinna; poikkeamisen peruste on kirjattu.",
    "Tjänsten '{service}' påbörjades som primär trots att behovet '{need}' "
    "(skede {need_phase}) är öppet; skälet till avvikelsen är antecknat.",
    "Service '{service}' was started as primary although the need '{need}' "
    "(phase {need_phase}) is open; the override is recorded.",
)
_ALREADY_ACTIVE = kind(
    "phases.service.already_active",
    "Asiakas on jo palvelussa '{service}'.",
    "Klienten deltar redan i tjänsten '{service}'.",
    "The client is already in service '{service}'.",
)
_NOT_ACTIVE = kind(
    "phases.service.not_active",
    "Asiakas ei ole palvelussa '{service}'.",
    "Klienten deltar inte i tjänsten '{service}'.",
    "The client is not in service '{service}'.",
)

REASONS: tuple[ReasonKind, ...] = (
    _NO_OPEN_NEED,
    _LOWER_NEED_OPEN,
    _BACK_REASON_MISSING,
    _UNKNOWN_SERVICE,
    _REFERRER_NOT_ALLOWED,
    _SERVICE_LOWER_NEED_OPEN,
    _PRIORITY_OVERRIDDEN,
    _ALREADY_ACTIVE,
    _NOT_ACTIVE,
)
"""Every reason kind the phase path produces."""


_PHASE_STATES = tuple(phase.state for phase in Phase)
_OPEN_STATES = ("assessment", *_PHASE_STATES)
_PHASE_OF_STATE = {phase.state: phase for phase in Phase}


def move_trigger(phase: Phase | int) -> str:
    """The trigger that moves a client to *phase*, e.g. ``move_trigger(2) == "to_phase_2"``.

    Raises:
        PathwayDataError: *phase* is not a phase (0–3).
    """
    (checked,) = to_phases([phase])
    return f"to_phase_{checked.value}"


_TARGET = {move_trigger(phase): phase for phase in Phase}
"""The phase each move trigger leads to."""


@lru_cache(maxsize=64)
def _offered(service_map: ServiceMap) -> Mapping[str, Service]:
    """The map's services by id, made once per distinct map (maps are frozen and hashed)."""
    return MappingProxyType({service.id: service for service in service_map.services})


def _named(service: Service) -> dict[str, Any]:
    """A service in a reason: its fi/sv/en name to render, its id for machines."""
    return {"service": service.name, "service_id": service.id}


def _held_back(
    ctx: PhaseContext, start: ServiceStart, service: Service, policy: PhasePolicy
) -> Need | None:
    if not start.primary:
        return None
    return blocking_need(ctx.needs, service.phases, blurred_border=policy.blurred_border)


@guard(_NO_OPEN_NEED, _LOWER_NEED_OPEN, _BACK_REASON_MISSING)
def _move(p: Proposal[PhaseContext, PhasePolicy]) -> Iterator[Reason]:
    """P2, P3: moving back needs a reason; moving up rests on an open need and waits for
    more basic ones."""
    source, target, policy = p.context.phase, _TARGET[p.trigger], p.policy
    move: PhaseMove = p.data
    crosses_border = policy.blurred_border and {source, target} == {
        Phase.CARE,
        Phase.REHABILITATION,
    }
    if source is not None and target < source:
        if policy.back_reason_required and not crosses_border and not move.reason:
            yield _BACK_REASON_MISSING(source=int(source), phase=int(target))
        return
    if most_basic_need(move.assessment.needs) is None:
        yield _NO_OPEN_NEED(phase=int(target))
        return
    need = blocking_need(move.assessment.needs, (target,), blurred_border=policy.blurred_border)
    if need is not None:
        reason = _LOWER_NEED_OPEN(need=need.id, need_phase=int(need.phase), phase=int(target))
        yield labelled_need(reason, need)


@guard(_UNKNOWN_SERVICE, _REFERRER_NOT_ALLOWED, _ALREADY_ACTIVE, _SERVICE_LOWER_NEED_OPEN)
def _service_allowed(p: Proposal[PhaseContext, PhasePolicy]) -> Iterator[Reason]:
    """P3, P4: the service is on the map and the actor's party may refer to it; a primary
    service may not skip the client's most basic open need, judged by the phases the map
    gives it."""
    start: ServiceStart = p.data
    service = _offered(p.policy.service_map).get(start.service_id)
    if service is None:
        municipality = p.policy.service_map.municipality
        yield _UNKNOWN_SERVICE(service_id=start.service_id, municipality=municipality)
        return
    named = _named(service)
    if p.actor.role not in service.referrers:
        yield _REFERRER_NOT_ALLOWED(**named, referrer=p.actor.role, allowed=service.referrers)
    if any(s.service_id == service.id for s in p.context.services):
        yield _ALREADY_ACTIVE(**named)
        return
    need = _held_back(p.context, start, service, p.policy)
    if need is not None and start.override is None:
        reason = _SERVICE_LOWER_NEED_OPEN(
            **named, service_phase=int(service.lowest), need=need.id, need_phase=int(need.phase)
        )
        yield labelled_need(reason, need)


@guard(_PRIORITY_OVERRIDDEN)
def _override_noted(p: Proposal[PhaseContext, PhasePolicy]) -> Iterator[Reason]:
    """P3: an override is allowed, and reported so that it is seen."""
    start: ServiceStart = p.data
    service = _offered(p.policy.service_map).get(start.service_id)
    if service is None or start.override is None:
        return
    need = _held_back(p.context, start, service, p.policy)
    if need is not None:
        reason = _PRIORITY_OVERRIDDEN(**_named(service), need=need.id, need_phase=int(need.phase))
        yield labelled_need(reason, need)


@guard(_NOT_ACTIVE)
def _service_active(p: Proposal[PhaseContext, PhasePolicy]) -> Iterator[Reason]:
    """A service can end only if the client is in it."""
    service_id = p.data.service_id
    if not any(s.service_id == service_id for s in p.context.services):
        service = _offered(p.policy.service_map).get(service_id)  # named if the map has it
        shown = service_id if service is None else service.name
        yield _NOT_ACTIVE(service=shown, service_id=service_id)


def _assessment_data(
    assessment: NeedAssessment, at: date, prefix: str
) -> Iterator[tuple[str, str]]:
    yield from not_after(f"{prefix}assessed_on", assessment.assessed_on, at)
    ids = [n.id for n in assessment.needs]
    for index, need in enumerate(assessment.needs):
        if ids.index(need.id) != index:
            yield f"{prefix}needs[{index}].id", "is given twice"


def _move_data(move: PhaseMove, at: date) -> Iterator[tuple[str, str]]:
    yield from _assessment_data(move.assessment, at, "assessment.")
    yield from blank("reason", move.reason)


def _reassess_data(assessment: NeedAssessment, at: date) -> Iterator[tuple[str, str]]:
    yield from _assessment_data(assessment, at, "")


def _start_data(start: ServiceStart, at: date) -> Iterator[tuple[str, str]]:
    return blank("override", start.override)


# --------------------------------------------------------------------------- reducers


def _moved(ctx: PhaseContext, event: Event) -> PhaseContext:
    phase = _PHASE_OF_STATE[event.dest]
    return evolve(ctx, phase=phase, phase_since=event.at, assessment=event.data.assessment)


@attrs.frozen
class _ServiceStarted:
    """The ``start_service`` reducer under a map: the client is in the service, on the
    phases the map gives it (the guard has made sure the map has it)."""

    service_map: ServiceMap

    def __call__(self, ctx: PhaseContext, event: Event) -> PhaseContext:
        start: ServiceStart = event.data
        active = ActiveService(
            service_id=start.service_id,
            phases=_offered(self.service_map)[start.service_id].phases,
            primary=start.primary,
            since=event.at,
        )
        return evolve(ctx, services=(*ctx.services, active))


def _service_ended(ctx: PhaseContext, event: Event) -> PhaseContext:
    left = tuple(s for s in ctx.services if s.service_id != event.data.service_id)
    return evolve(ctx, services=left)


def _exited(ctx: PhaseContext, event: Event) -> PhaseContext:
    closure = event.data.closure if isinstance(event.data, PhaseClosing) else None
    return evolve(
        ctx, phase=None, phase_since=None, services=(), closure=closure, exited_on=event.at
    )


# --------------------------------------------------------------------------- definition

STATES = (
    State(
        "assessment",
        Text("Palvelutarpeen arviointi", "Bedömning av servicebehovet", "Service-need assessment"),
    ),
    *(State(phase.state, phase.label) for phase in Phase),
    State(
        "working",
        Text("Avoimilla työmarkkinoilla", "På den öppna arbetsmarknaden", "In open-market work"),
        final=True,
    ),
    State("studying", Text("Koulutuksessa", "I utbildning", "In education"), final=True),
    State("closed", Text("Päättynyt", "Avslutad", "Closed"), final=True),
)
"""The states: the assessment, one per phase, and the three exits (P1)."""


def _move_row(target: Phase) -> TransitionSpec:
    """The move to *target*, from the assessment and every other phase; the policy's
    ``max_forward_steps`` narrows the forward ones (P2, see :func:`definition_for`)."""
    return TransitionSpec(
        trigger=move_trigger(target),
        sources=("assessment", *(p.state for p in Phase if p != target)),
        dest=target.state,
        roles=COUNSELLORS,
        label=Text(
            f"Siirto vaiheeseen {target.value}",
            f"Övergång till skede {target.value}",
            f"Move to phase {target.value}",
        ),
        payload=PhaseMove,
        guards=(_move,),
        apply=_moved,
        check_data=_move_data,
    )


TRANSITIONS = (
    TransitionSpec(
        trigger="open",
        sources=(),
        dest="assessment",
        roles=COUNSELLORS,
        label=Text("Asiakkuus alkaa", "Klientrelationen börjar", "Open the pathway"),
        apply=setting(opened_on=event_day),
    ),
    *(_move_row(target) for target in Phase),
    TransitionSpec(
        trigger="reassess",
        sources=_OPEN_STATES,
        dest=None,
        roles=COUNSELLORS,
        label=Text("Palvelutarve arvioidaan", "Servicebehovet bedöms", "Reassess the needs"),
        payload=NeedAssessment,
        apply=setting(assessment=lambda e: e.data),
        check_data=_reassess_data,
    ),
    TransitionSpec(
        trigger="start_service",
        sources=_PHASE_STATES,
        dest=None,
        roles=COUNSELLORS,
        label=Text("Palvelu alkaa", "Tjänsten börjar", "Start a service"),
        payload=ServiceStart,
        guards=(_service_allowed,),
        notes=(_override_noted,),
        apply=None,  # bound to the policy's service map by definition_for
        check_data=_start_data,
    ),
    TransitionSpec(
        trigger="end_service",
        sources=_PHASE_STATES,
        dest=None,
        roles=COUNSELLORS,
        label=Text("Palvelu päättyy", "Tjänsten slutar", "End a service"),
        payload=ServiceEnd,
        guards=(_service_active,),
        apply=_service_ended,
    ),
    TransitionSpec(
        trigger="find_work",
        sources=_PHASE_STATES,
        dest="working",
        roles=COUNSELLORS,
        label=Text(
            "Työllistyy avoimille työmarkkinoille",
            "Får arbete på den öppna arbetsmarknaden",
            "Leave for open-market work",
        ),
        apply=_exited,
    ),
    TransitionSpec(
        trigger="start_studies",
        sources=_PHASE_STATES,
        dest="studying",
        roles=COUNSELLORS,
        label=Text("Siirtyy koulutukseen", "Börjar studera", "Leave for education"),
        apply=_exited,
    ),
    TransitionSpec(
        trigger="close",
        sources=_OPEN_STATES,
        dest="closed",
        roles=COUNSELLORS,
        label=Text(
            "Päätetään muusta syystä", "Avslutas av annan orsak", "Close for another reason"
        ),
        payload=PhaseClosing,
        apply=_exited,
    ),
)
"""Every trigger of the phase path, before a policy: :func:`definition_for` narrows the
forward moves to the policy's reach and gives ``start_service`` the policy's map."""


def _under(policy: PhasePolicy, row: TransitionSpec) -> TransitionSpec:
    """*row* under *policy*: a forward move reaches at most ``max_forward_steps`` phases
    (P2), and a started service takes its phases from the policy's map (P4)."""
    if row.trigger in _TARGET:
        target = _TARGET[row.trigger]
        sources = tuple(
            s
            for s in row.sources
            if s not in _PHASE_OF_STATE
            or _PHASE_OF_STATE[s] > target
            or target - _PHASE_OF_STATE[s] <= policy.max_forward_steps
        )
        return evolve(row, sources=sources)
    if row.trigger == "start_service":
        return evolve(row, apply=_ServiceStarted(policy.service_map))
    return row


@definition_builder(PhasePolicy)
def definition_for(policy: PhasePolicy) -> ProcessDefinition[PhaseContext, PhasePolicy]:
    """The phase path under *policy*, built and compiled once per distinct policy."""
    return ProcessDefinition(
        name=NAME,
        version=VERSION,
        label=Text("Kohti työtä -vaiheet", "Skeden mot arbete", "Kohti työtä phases"),
        policy=policy,
        states=STATES,
        transitions=tuple(_under(policy, row) for row in TRANSITIONS),
        context_factory=PhaseContext,
    )


def definition(
    *,
    max_forward_steps: int = 1,
    blurred_border: bool = True,
    back_reason_required: bool = True,
    service_map: ServiceMap | None = None,
) -> ProcessDefinition[PhaseContext, PhasePolicy]:
    """Return the phase path under the given policy (see :class:`PhasePolicy`).

    *service_map* is the municipality's :class:`~pathway_fsm.services.ServiceMap`;
    ``None`` means :func:`pathway_fsm.services.typical_map`.

    Raises:
        PathwayDataError: a policy value is out of range, naming the parameter.
    """
    return definition_for(
        PhasePolicy(
            max_forward_steps=max_forward_steps,
            blurred_border=blurred_border,
            back_reason_required=back_reason_required,
            service_map=typical_map() if service_map is None else service_map,
        )
    )


def phase_history(events: Iterable[Any]) -> tuple[tuple[date, Phase], ...]:
    """Each phase change in a pathway's history as ``(day, phase)``, oldest first.

    Raises:
        PathwayDataError: *events* is not a sequence of events.
    """
    given: object = events
    if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise PathwayDataError([("events", "expected a sequence of events")])
    items = list(events)
    if not all(isinstance(e, Event) for e in items):
        raise PathwayDataError([("events", "expected a sequence of events")])
    found: list[tuple[date, Phase]] = []
    for event in items:
        if event.dest in _PHASE_STATES and event.source != event.dest:
            found.append((event.at, Phase(int(event.dest.removeprefix("phase_")))))
    return tuple(found)


# The registry entry: what from_dict, definitions() and the testing kit read.
from ._registry import Process  # noqa: E402

PROCESSES = (Process(NAME, VERSION, PhasePolicy, definition_for, "pathway_fsm.testing._phases"),)
"""This module's processes, as the registry lists them."""
