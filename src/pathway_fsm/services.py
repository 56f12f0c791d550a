"""Services, municipal service maps and recommendations on the Kohti työtä phases (P3–P5).

A :class:`ServiceMap` places a municipality's services on phases 0–3. Maps are plain
data: build them in code or load them with :meth:`ServiceMap.from_dict` from a document
the host has read (JSON, a database row), every bad field reported at once.
:func:`typical_services` gives an editable starting point (P5): typical Finnish services
on their usual phases, not any municipality's official map.

:func:`check_map` reports a map's gaps; :func:`recommend` tells, for a client's needs,
which services fit now (primary first), which only as secondary services, and which do
not fit and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import attrs

from ._checks import kind
from ._convert import structure, unstructure, unstructure_once
from ._engine.model import Reason, ReasonKind, Role, Text
from ._needs import Need, Phase, blocking_need, every_language, labelled_need, needs_of, to_phases
from .errors import PathwayDataError, require

__all__ = [
    "Option",
    "Recommendation",
    "Service",
    "ServiceMap",
    "check_map",
    "recommend",
    "typical_map",
    "typical_services",
]


def _identifier(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    if type(value) is not str or not value.strip():
        raise PathwayDataError([(f"$.{attribute.name}", "must be a non-empty string")])


def _some(instance: Any, attribute: attrs.Attribute[frozenset[Any]], value: Any) -> None:
    if not value:
        raise PathwayDataError([(f"$.{attribute.name}", "must name at least one")])


def _to_role(value: Any) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise PathwayDataError([("$.provider", "expected a role")]) from None


def _to_roles(values: Any) -> frozenset[Role]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise PathwayDataError([("$.referrers", "expected a list of roles")])
    try:
        return frozenset(Role(v) for v in values)
    except ValueError:
        raise PathwayDataError([("$.referrers", "expected a list of roles")]) from None


@attrs.frozen(kw_only=True)
class Service:
    """A service as a municipality places it: which phases it spans, who provides it and
    who may refer a client to it (P4, P5).

    Attributes:
        id: a stable identifier, unique within a map, e.g. ``"work_trial"``.
        name: the service's name in fi/sv/en.
        phases: the phases the service spans; a service may span several (P5).
        provider: the party that provides (or arranges) the service.
        referrers: the parties that may refer a client to it.
    """

    id: str = attrs.field(validator=_identifier)
    name: Text = attrs.field(validator=every_language)
    phases: frozenset[Phase] = attrs.field(converter=to_phases, validator=_some)
    provider: Role = attrs.field(converter=_to_role)
    referrers: frozenset[Role] = attrs.field(converter=_to_roles, validator=_some)

    @property
    def lowest(self) -> Phase:
        """The lowest phase the service spans."""
        return min(self.phases)

    @property
    def highest(self) -> Phase:
        """The highest phase the service spans."""
        return max(self.phases)


def _to_services(value: Any) -> tuple[Service, ...]:
    if not isinstance(value, (list, tuple)):
        raise PathwayDataError([("$.services", "expected a list of services")])
    return tuple(value)


def _unique_ids(instance: Any, attribute: Any, value: tuple[Service, ...]) -> None:
    seen: set[str] = set()
    problems = []
    for index, service in enumerate(value):
        if not isinstance(service, Service):
            problems.append((f"$.services[{index}]", "expected a Service"))
            continue
        if service.id in seen:
            problems.append((f"$.services[{index}].id", "is used by an earlier service"))
        seen.add(service.id)
    if problems:
        raise PathwayDataError(problems)


# A map is frozen and keys the phase path's definition cache, so its hash is kept.
@attrs.frozen(kw_only=True, cache_hash=True)
class ServiceMap:
    """A municipality's services placed on phases (P4). Maps are indicative, not law.

    Attributes:
        municipality: the municipality (or region) the map is for.
        services: the services, each with its phases; ids are unique.
    """

    municipality: str = attrs.field(validator=_identifier)
    services: tuple[Service, ...] = attrs.field(converter=_to_services, validator=_unique_ids)

    def service(self, service_id: str) -> Service:
        """The service with *service_id*; :class:`KeyError` if the map has none."""
        for service in self.services:
            if service.id == service_id:
                return service
        raise KeyError(service_id)

    def on_phase(self, phase: Phase | int) -> tuple[Service, ...]:
        """The services that span *phase*, in map order.

        Raises:
            PathwayDataError: *phase* is not a phase (0–3).
        """
        (checked,) = to_phases([phase])
        return tuple(s for s in self.services if checked in s.phases)

    def to_dict(self) -> dict[str, Any]:
        """The map as JSON-ready primitives; sets are written sorted."""
        result: dict[str, Any] = unstructure(self)
        return result

    @classmethod
    def from_dict(cls, document: Mapping[str, Any]) -> ServiceMap:
        """Build a map from *document*, e.g. parsed JSON.

        Raises:
            PathwayDataError: naming the path of every bad field (never its value).
        """
        return structure(document, cls, "$")


# Every phase pathway's stored policy holds its map: to_dict writes it from a cache.
unstructure_once(ServiceMap)


# --------------------------------------------------------------------------- the typical map


_EA = Role.EMPLOYMENT_AUTHORITY
_WC = Role.WELLBEING_COUNTY
_MU = Role.MUNICIPALITY
_KELA = Role.KELA

# id, names (fi, sv, en), phases, provider, referrers. P5; IPS starts inside
# rehabilitative work activity and aims at open-market work, so it spans 1–3.
_TYPICAL: tuple[tuple[str, tuple[str, str, str], tuple[int, ...], Role, tuple[Role, ...]], ...] = (
    (
        "health_care",
        ("Terveyspalvelut", "Hälsovårdstjänster", "Health care"),
        (0,),
        _WC,
        (_WC, _EA, _MU),
    ),
    (
        "mental_health_substance_care",
        (
            "Mielenterveys- ja päihdepalvelut",
            "Mentalvårds- och missbrukartjänster",
            "Mental-health and substance-use services",
        ),
        (0,),
        _WC,
        (_WC, _EA, _MU),
    ),
    (
        "social_rehabilitation",
        ("Sosiaalinen kuntoutus", "Social rehabilitering", "Social rehabilitation"),
        (0,),
        _WC,
        (_WC,),
    ),
    ("day_activity", ("Päivätoiminta", "Dagverksamhet", "Day activity"), (0,), _WC, (_WC,)),
    (
        "disability_work_activity",
        (
            "Vammaisten työtoiminta",
            "Arbetsverksamhet för personer med funktionsnedsättning",
            "Work activity for disabled people",
        ),
        (0,),
        _WC,
        (_WC,),
    ),
    (
        "pension_clarification",
        (
            "Eläke- tai kuntoutustukiselvittely",
            "Utredning av pension eller rehabiliteringsstöd",
            "Clarifying a pension or rehabilitation subsidy",
        ),
        (0,),
        _WC,
        (_WC, _EA, _KELA),
    ),
    (
        "rehabilitative_work_activity",
        (
            "Kuntouttava työtoiminta",
            "Arbetsverksamhet i rehabiliteringssyfte",
            "Rehabilitative work activity",
        ),
        (1,),
        _WC,
        (_WC, _EA),
    ),
    (
        "work_capacity_assessment",
        ("Työkyvyn arviointi", "Bedömning av arbetsförmågan", "Work-capacity assessment"),
        (1,),
        _WC,
        (_WC, _EA),
    ),
    (
        "kela_vocational_rehabilitation",
        (
            "Kelan ammatillinen kuntoutus",
            "FPA:s yrkesinriktade rehabilitering",
            "Kela's vocational rehabilitation",
        ),
        (1,),
        _KELA,
        (_KELA, _EA, _WC),
    ),
    (
        "typ_mapping",
        ("TYP-kartoitusjakso", "Utredningsperiod inom samservicen", "TYP mapping period"),
        (1,),
        _EA,
        (_EA, _WC, _KELA),
    ),
    ("work_trial", ("Työkokeilu", "Arbetsprövning", "Work trial"), (2,), _EA, (_EA,)),
    (
        "career_coaching",
        (
            "Työnhaku- ja uravalmennus",
            "Jobbsöknings- och karriärträning",
            "Job-search and career coaching",
        ),
        (2,),
        _EA,
        (_EA,),
    ),
    ("job_coaching", ("Työhönvalmennus", "Arbetsträning", "Job coaching"), (2,), _EA, (_EA, _WC)),
    (
        "labour_market_training",
        ("Työvoimakoulutus", "Arbetskraftsutbildning", "Labour market training"),
        (2,),
        _EA,
        (_EA,),
    ),
    (
        "self_motivated_study",
        (
            "Omaehtoinen opiskelu",
            "Frivilliga studier",
            "Self-motivated study with unemployment benefit",
        ),
        (2,),
        _EA,
        (_EA,),
    ),
    ("workshop", ("Työpaja", "Verkstad", "Workshop"), (2,), _MU, (_MU, _EA, _WC)),
    ("pay_subsidy", ("Palkkatuki", "Lönesubvention", "Pay subsidy"), (3,), _EA, (_EA,)),
    ("apprenticeship", ("Oppisopimus", "Läroavtal", "Apprenticeship"), (3,), _EA, (_EA,)),
    ("start_up_grant", ("Starttiraha", "Startpeng", "Start-up grant"), (3,), _EA, (_EA,)),
    ("job_placement", ("Työpaikan välitys", "Platsförmedling", "Job placement"), (3,), _EA, (_EA,)),
    (
        "supported_employment",
        (
            "Tuettu työllistyminen avoimille työmarkkinoille",
            "Stödd sysselsättning på den öppna arbetsmarknaden",
            "Supported employment in an open-market job",
        ),
        (3,),
        _WC,
        (_WC, _EA),
    ),
    (
        "ips_job_coaching",
        (
            "Laatukriteereihin perustuva työhönvalmennus (IPS)",
            "Individanpassat stöd till arbete (IPS)",
            "Quality-criteria supported employment (IPS)",
        ),
        (1, 2, 3),
        _WC,
        (_WC, _EA),
    ),
)


def typical_services() -> tuple[Service, ...]:
    """Typical Finnish services on their usual phases (P5): a starting point to edit.

    This is general practice, not any municipality's map, and unverified (P5). Swedish
    names are partly the library's own rendering.
    """
    return tuple(
        Service(
            id=id,
            name=Text(*names),
            phases=to_phases(phases),
            provider=provider,
            referrers=referrers,
        )
        for id, names, phases, provider, referrers in _TYPICAL
    )


@cache
def typical_map() -> ServiceMap:
    """The :func:`typical_services` as one map, for the municipality ``"typical"``.

    It is the map :func:`pathway_fsm.phases.definition` uses unless given another.
    Every call returns the same frozen value.
    """
    return ServiceMap(municipality="typical", services=typical_services())


# --------------------------------------------------------------------------- map checks


PHASE_EMPTY = kind(
    "service_map.phase_empty",
    "Vaiheessa {phase} ei ole yhtään palvelua.",
    "Skede {phase} har ingen tjänst.",
    "Phase {phase} has no service.",
)
PHASES_NOT_CONTIGUOUS = kind(
    "service_map.phases_not_contiguous",
    "Palvelun '{service}' vaiheet ({phases}) eivät ole peräkkäiset.",
    "Tjänsten '{service}' har skeden ({phases}) som inte följer på varandra.",
    "Service '{service}' spans phases ({phases}) that are not contiguous.",
)
DEAD_END = kind(
    "service_map.dead_end",
    "Palvelusta '{service}' (vaihe {phase}) ei voi jatkaa mihinkään: samassa tai "
    "seuraavassa vaiheessa ei ole muuta palvelua.",
    "Tjänsten '{service}' (skede {phase}) leder ingenstans: det finns ingen annan tjänst "
    "i samma eller nästa skede.",
    "Service '{service}' (phase {phase}) leads nowhere: no other service in the same or "
    "the next phase to continue in.",
)
MAP_CHECKS: tuple[ReasonKind, ...] = (PHASE_EMPTY, PHASES_NOT_CONTIGUOUS, DEAD_END)
"""Every problem kind :func:`check_map` reports."""


def _continues(service: Service, other: Service) -> bool:
    """Whether a client can go on from *service* to *other* (H1: A always leads to B)."""
    top = service.highest
    nxt = {top, Phase(top + 1)} if top < Phase.TRANSITION else {top}
    return other.id != service.id and other.highest >= top and bool(other.phases & nxt)


def check_map(service_map: ServiceMap) -> tuple[Reason, ...]:
    """Report a map's gaps: empty phases, services with gaps in their phases, and
    services that lead nowhere (P4, H1). Empty when the map has none; deterministic.

    Phase-3 services lead to open-market work, so only services ending below phase 3
    need another service to continue in.

    Raises:
        PathwayDataError: *service_map* is not a :class:`ServiceMap`.
    """
    require(service_map, ServiceMap, "service_map")
    found: list[Reason] = [
        PHASE_EMPTY(phase=int(phase)) for phase in Phase if not service_map.on_phase(phase)
    ]
    services = sorted(service_map.services, key=lambda s: s.id)
    for service in services:
        if len(service.phases) != service.highest - service.lowest + 1:
            found.append(
                PHASES_NOT_CONTIGUOUS(
                    service=service.id, phases=tuple(int(p) for p in sorted(service.phases))
                ).labelled(service=service.name)
            )
    for service in services:
        if service.highest < Phase.TRANSITION and not any(
            _continues(service, other) for other in services
        ):
            dead_end = DEAD_END(service=service.id, phase=int(service.highest))
            found.append(dead_end.labelled(service=service.name))
    return tuple(found)


# --------------------------------------------------------------------------- recommendation

MEETS_NEED = kind(
    "recommend.meets_need",
    "Vastaa avoimeen tarpeeseen '{need}' (vaihe {phase}).",
    "Svarar mot det öppna behovet '{need}' (skede {phase}).",
    "Meets the open need '{need}' (phase {phase}).",
)
IN_CURRENT_PHASE = kind(
    "recommend.in_current_phase",
    "Kuuluu asiakkaan nykyiseen vaiheeseen {phase}.",
    "Hör till klientens nuvarande skede {phase}.",
    "Belongs to the client's current phase {phase}.",
)
SECONDARY_ONLY = kind(
    "recommend.secondary_only",
    "Vain toissijaisena: perustavampi tarve '{need}' (vaihe {need_phase}) on avoinna.",
    "Endast som sekundär: det mer grundläggande behovet '{need}' (skede {need_phase}) är öppet.",
    "Secondary only: the more basic need '{need}' (phase {need_phase}) is open.",
)
NO_OPEN_NEED = kind(
    "recommend.no_open_need",
    "Ei vastaa yhteenkään asiakkaan avoimeen tarpeeseen.",
    "Svarar inte mot något av klientens öppna behov.",
    "Meets none of the client's open needs.",
)
REFERRER_NOT_ALLOWED = kind(
    "recommend.referrer_not_allowed",
    "Palveluun ohjaavat vain: {allowed} (ei {referrer}).",
    "Till tjänsten hänvisar endast: {allowed} (inte {referrer}).",
    "Only these refer to this service: {allowed} (not the {referrer}).",
)
RECOMMENDATION_REASONS: tuple[ReasonKind, ...] = (
    MEETS_NEED,
    IN_CURRENT_PHASE,
    SECONDARY_ONLY,
    NO_OPEN_NEED,
    REFERRER_NOT_ALLOWED,
)
"""Every reason kind :func:`recommend` gives."""


@attrs.frozen
class Option:
    """One service in a :class:`Recommendation`, with the reasons for its place there."""

    service: Service
    reasons: tuple[Reason, ...]


@attrs.frozen
class Recommendation:
    """Which services fit a client now, and why the rest do not (P3).

    Attributes:
        primary: services that meet the client's most basic open need, best first.
        secondary: services that meet an open need but only as secondary services,
            because a more basic need is still open.
        left_out: every other service of the map, each with why it was left out.
    """

    primary: tuple[Option, ...]
    secondary: tuple[Option, ...]
    left_out: tuple[Option, ...]

    @property
    def fits(self) -> tuple[Option, ...]:
        """The services that fit now: primary first, then secondary."""
        return (*self.primary, *self.secondary)


def _why(
    service: Service,
    open_needs: list[Need],
    phase: Phase | None,
    referrer: Role | None,
    blurred_border: bool,
) -> tuple[str, list[Reason]]:
    if referrer is not None and referrer not in service.referrers:
        return "left_out", [REFERRER_NOT_ALLOWED(referrer=referrer, allowed=service.referrers)]
    met = [n for n in open_needs if n.phase in service.phases]
    if not met:
        return "left_out", [NO_OPEN_NEED()]
    reasons = [labelled_need(MEETS_NEED(need=n.id, phase=int(n.phase)), n) for n in met]
    if phase is not None and phase in service.phases:
        reasons.append(IN_CURRENT_PHASE(phase=int(phase)))
    held = blocking_need(open_needs, service.phases, blurred_border=blurred_border)
    if held is not None:
        secondary = SECONDARY_ONLY(need=held.id, need_phase=int(held.phase))
        reasons.insert(0, labelled_need(secondary, held))
        return "secondary", reasons
    return "primary", reasons


def recommend(
    service_map: ServiceMap,
    needs: Iterable[Need],
    *,
    phase: Phase | int | None = None,
    referrer: Role | None = None,
    blurred_border: bool = True,
) -> Recommendation:
    """Sort *service_map*'s services for a client with *needs* (P3).

    A service fits when it spans the phase of one of the client's open needs. It is
    primary unless even its lowest phase is above the most basic open need; then it
    is secondary only. Services spanning the client's current *phase* come first;
    with *referrer*, services that party cannot refer to are left out. The order does
    not depend on the order of the map's services.

    Raises:
        PathwayDataError: *service_map*, *needs*, *phase* or *referrer* is malformed.
    """
    require(service_map, ServiceMap, "service_map")
    found = needs_of(needs)
    require(referrer, (Role, type(None)), "referrer")
    open_needs = sorted((n for n in found if not n.met), key=lambda n: (n.phase, n.id))
    current = None if phase is None else next(iter(to_phases([phase])))
    groups: dict[str, list[Option]] = {"primary": [], "secondary": [], "left_out": []}
    for service in service_map.services:
        group, reasons = _why(service, open_needs, current, referrer, blurred_border)
        groups[group].append(Option(service, tuple(reasons)))

    def order(option: Option) -> tuple[int, int, str]:
        service = option.service
        return (0 if current in service.phases else 1, service.lowest, service.id)

    return Recommendation(
        primary=tuple(sorted(groups["primary"], key=order)),
        secondary=tuple(sorted(groups["secondary"], key=order)),
        left_out=tuple(sorted(groups["left_out"], key=lambda o: (o.service.lowest, o.service.id))),
    )
