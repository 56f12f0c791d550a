"""The Kemi model: referral to the municipal pilot, its target group and admission (K1–K7).

A referral may come from the municipality, the employment authority, Kela, a service
provider or the client (K4); for a client of the employment authority it must point to
the plan that agreed it (K5). The municipality admits a referred client who is in the
target group on the admission day (K2, K6). When more eligible clients wait than there
are places, :func:`decide_admission` ranks them with a deterministic default order that
the municipality may replace with its own, and records each decision with its reason.

Facts (benefit days, the start of the unemployment spell, the risk of exclusion, the
service needs) come from the host as data of the trigger, dated by it (D4, C5); the
library compares them and never derives them.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date

import attrs

from ._calendar import add_months, day_problem
from ._checks import DAYS, MONTHS, blank, kind, not_after
from ._checks import count as _count
from ._convert import structure
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
from ._engine.model import Event, Reason, Role, Text, Verdict
from ._engine.replace import evolve
from .errors import DataProblem, PathwayDataError, require
from .journey import Closure

__all__ = [
    "INITIATORS",
    "NAME",
    "VERSION",
    "AdmissionDecision",
    "Candidate",
    "DeclineReason",
    "KemiContext",
    "KemiPolicy",
    "Leaving",
    "Ordering",
    "Referral",
    "Refusal",
    "TargetFacts",
    "decide_admission",
    "default_order",
    "definition",
    "definition_for",
    "is_priority",
    "target_group",
]

NAME = "kemi"
"""The definition's name, as stored in every pathway's ``to_dict`` form."""
VERSION = "1"
"""The definition's version, stored with every pathway; bumped when replay would change."""

INITIATORS = frozenset(
    {Role.MUNICIPALITY, Role.EMPLOYMENT_AUTHORITY, Role.KELA, Role.SERVICE_PROVIDER, Role.CLIENT}
)
"""Who may start a referral into the pilot (K4)."""


@attrs.frozen(kw_only=True)
class KemiPolicy:
    """The numbers of the Kemi target group (K2; D2).

    Attributes:
        benefit_days: days of unemployment benefit, paid on the basis of unemployment,
            that put a client in the target group (500).
        unemployed_months: months of continuous unemployment that, with a risk of
            exclusion, put a client in the target group (12; C1 month arithmetic).
    """

    benefit_days: int = attrs.field(default=500, validator=_count(*DAYS))
    unemployed_months: int = attrs.field(default=12, validator=_count(*MONTHS))


# --------------------------------------------------------------------------- payloads

_private = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True)
class Referral:
    """A referral into the pilot (data of ``refer``); the initiator is the actor (K4).

    Attributes:
        employment_authority_client: the client is a client of the employment authority
            (the TE office in the seed); then *plan_reference* is required (K5).
        plan_reference: the host's reference to the employment plan, or the plan that
            replaces it (such as an activation plan), where the referral was agreed.
    """

    employment_authority_client: bool = False
    plan_reference: str | None = _private


@attrs.frozen(kw_only=True)
class TargetFacts:
    """The facts the target group is judged on, as the host knows them on the day (K2, K3).

    Attributes:
        benefit_days: days of unemployment benefit received on the basis of unemployment.
        unemployed_since: the first day of the current continuous unemployment spell.
        risk_of_exclusion: the client risks being excluded from the labour market.
        needs_employment_services: the client needs public employment services.
        needs_municipal_services: the client needs services the municipality organises.
        registered_job_seeker: recorded only; municipal-only clients qualify too (K3).
    """

    benefit_days: int | None = _private
    unemployed_since: date | None = _private
    risk_of_exclusion: bool | None = _private
    needs_employment_services: bool | None = _private
    needs_municipal_services: bool | None = _private
    registered_job_seeker: bool | None = _private


class DeclineReason(enum.StrEnum):
    """Why the municipality did not admit a referred client."""

    NOT_IN_TARGET_GROUP = "not_in_target_group"
    NO_PLACE = "no_place"
    CLIENT_DECLINED = "client_declined"


@attrs.frozen(kw_only=True)
class Refusal:
    """The municipality's decision not to admit (data of ``decline``; K6)."""

    reason: DeclineReason


@attrs.frozen(kw_only=True)
class Leaving:
    """Why an admitted client left the pilot (data of ``leave``)."""

    closure: Closure


@attrs.frozen(kw_only=True)
class KemiContext:
    """What the history says about one referral; rebuilt exactly by replay.

    Attributes:
        referred_on: the day of the referral; *initiator* the role that made it (K4).
        plan_reference: the plan the referral was agreed in (K5), if any.
        admitted_on: the day the municipality admitted the client (K6).
        priority: whether the client needed both kinds of services when admitted (K2).
        declined: why the client was not admitted, if not.
        ended_on: the day the referral ended; *closure* why an admitted client left.
    """

    referred_on: date | None = None
    initiator: Role | None = None
    plan_reference: str | None = attrs.field(default=None, repr=False)
    admitted_on: date | None = None
    priority: bool | None = None
    declined: DeclineReason | None = None
    ended_on: date | None = None
    closure: Closure | None = None


# --------------------------------------------------------------------------- reasons


_FACT_LABELS = {
    "benefit_days": Text(
        "työttömyysetuuspäivät", "dagar med arbetslöshetsförmån", "days of unemployment benefit"
    ),
    "unemployed_since": Text(
        "työttömyyden alkupäivä", "arbetslöshetens första dag", "first day of unemployment"
    ),
    "risk_of_exclusion": Text(
        "syrjäytymisen riski", "risk för utslagning", "risk of social exclusion"
    ),
}
"""The names of the target-group facts a reason may say are missing."""


NO_PLAN = kind(
    "kemi.referral.no_plan",
    "Työvoimaviranomaisen asiakkaan ohjauksesta sovitaan työllistymissuunnitelmassa tai sen "
    "korvaavassa suunnitelmassa; viite suunnitelmaan puuttuu.",
    "För en klient hos arbetskraftsmyndigheten avtalas hänvisningen i sysselsättningsplanen "
    "eller en plan som ersätter den; hänvisningen till planen saknas.",
    "For a client of the employment authority the referral is agreed in the employment plan "
    "or a plan replacing it; the reference to that plan is missing.",
)
FACTS_MISSING = kind(
    "kemi.target.facts_missing",
    "Kohderyhmään kuulumista ei voi arvioida; puuttuu: {facts}.",
    "Tillhörigheten till målgruppen kan inte bedömas; saknas: {facts}.",
    "Whether the client is in the target group cannot be judged; missing: {facts}.",
    labels={"facts": _FACT_LABELS},
)
NOT_MET = kind(
    "kemi.target.not_met",
    "Asiakas ei kuulu kohderyhmään: työttömyysetuutta alle {days:päivä|päivää} eikä vähintään "
    "{months} kuukauden yhtäjaksoista työttömyyttä ja syrjäytymisen riskiä.",
    "Klienten hör inte till målgruppen: under {days:dag|dagar} arbetslöshetsförmån och inte "
    "minst {months:månads|månaders} oavbruten arbetslöshet med risk för utslagning.",
    "The client is not in the target group: fewer than {days:day|days} of unemployment "
    "benefit, and not {months:month's|months'} continuous unemployment with a risk of "
    "exclusion.",
)
PRIORITY = kind(
    "kemi.target.priority",
    "Etusijalla: asiakas tarvitsee sekä julkisia työvoimapalveluja että kunnan palveluja.",
    "Företräde: klienten behöver både offentliga arbetskraftstjänster och kommunens tjänster.",
    "Priority: the client needs both public employment services and municipal services.",
)
ADMITTED = kind(
    "kemi.admission.admitted",
    "Otetaan kokeiluun: sija {rank}, paikkoja {places}.",
    "Tas in i försöket: plats {rank} i ordningen, {places:plats|platser}.",
    "Admitted: ranked {rank} for {places:place|places}.",
)
NO_PLACE = kind(
    "kemi.admission.no_place",
    "Kuuluu kohderyhmään, mutta paikkoja ei riitä: sija {rank}, paikkoja {places}.",
    "Hör till målgruppen men platserna räcker inte: plats {rank} i ordningen, "
    "{places:plats|platser}.",
    "In the target group, but there is no place: ranked {rank} for {places:place|places}.",
)
NOT_ELIGIBLE = kind(
    "kemi.admission.not_eligible",
    "Ei oteta kokeiluun: asiakas ei kuulu kohderyhmään tai tiedot puuttuvat.",
    "Tas inte in i försöket: klienten hör inte till målgruppen eller uppgifter saknas.",
    "Not admitted: the client is not in the target group, or facts are missing.",
)
DECISION_REASONS = (ADMITTED, NO_PLACE, NOT_ELIGIBLE)
"""The reason kinds of :class:`AdmissionDecision`."""


# --------------------------------------------------------------------------- target group


def _spell(facts: TargetFacts, on: date, policy: KemiPolicy) -> bool | None:
    """K2 second branch: months of continuous unemployment AND a risk of exclusion."""
    long_enough = (
        None
        if facts.unemployed_since is None
        else add_months(facts.unemployed_since, policy.unemployed_months) <= on
    )
    risk = facts.risk_of_exclusion
    if long_enough is False or risk is False:
        return False
    if long_enough and risk:
        return True
    return None


def target_group(facts: TargetFacts, on: date, *, policy: KemiPolicy | None = None) -> Verdict:
    """Whether *facts* put a client in the Kemi target group on *on* (K2, K3, D4).

    The verdict is allowed when the client has at least the policy's benefit days, or has
    been continuously unemployed for the policy's months (C1) with a risk of exclusion.
    Clients needing both employment and municipal services get the note
    ``kemi.target.priority``. Registration as a job seeker is never required (K3).

    Raises:
        PathwayDataError: *facts*, *on* or *policy* is malformed.
    """
    require(facts, TargetFacts, "$.facts")
    facts = structure(facts, TargetFacts, "$.facts")  # each field of the type it declares
    problem = day_problem(on)
    if problem is not None:
        raise PathwayDataError([("$.on", problem)])
    require(policy, (KemiPolicy, type(None)), "$.policy")
    policy = policy or KemiPolicy()
    days = facts.benefit_days
    by_days = None if days is None else days >= policy.benefit_days
    by_spell = _spell(facts, on, policy)
    reasons: list[Reason] = []
    if not (by_days or by_spell):
        missing = []
        if by_days is None:
            missing.append("benefit_days")
        if by_spell is None:
            missing.extend(
                name
                for name in ("unemployed_since", "risk_of_exclusion")
                if getattr(facts, name) is None
            )
        if missing:
            reasons.append(FACTS_MISSING(facts=", ".join(missing)))
        else:
            reasons.append(NOT_MET(days=policy.benefit_days, months=policy.unemployed_months))
    notes = (PRIORITY(),) if is_priority(facts) else ()
    return Verdict(tuple(reasons), notes)


def is_priority(facts: TargetFacts) -> bool:
    """K2: priority goes to clients who need both public employment and municipal services."""
    require(facts, TargetFacts, "$.facts")
    return bool(facts.needs_employment_services and facts.needs_municipal_services)


def _facts_data(facts: TargetFacts, on: date, path: str = "") -> Iterator[tuple[str, str]]:
    if facts.benefit_days is not None and facts.benefit_days < 0:
        yield f"{path}benefit_days", "must not be negative"
    yield from not_after(
        f"{path}unemployed_since", facts.unemployed_since, on, "the day of the decision"
    )


# --------------------------------------------------------------------------- admission


@attrs.frozen(kw_only=True)
class Candidate:
    """A referred client waiting for a place: the host's id, facts and referral day."""

    client_id: str
    facts: TargetFacts = attrs.field(repr=False)
    referred_on: date


@attrs.frozen(kw_only=True)
class AdmissionDecision:
    """One client's admission decision and why (K6).

    Attributes:
        client_id: the candidate's id.
        admitted: whether the client gets a place.
        rank: the place in the order among eligible candidates (1 first), or ``None``.
        reason: ``kemi.admission.admitted``, ``.no_place`` or ``.not_eligible``.
        details: the target-group reasons and notes behind the decision.
    """

    client_id: str
    admitted: bool
    rank: int | None
    reason: Reason
    details: tuple[Reason, ...] = ()


Ordering = Callable[[tuple[Candidate, ...]], Sequence[Candidate]]
"""A municipality's ranking: takes the eligible candidates, returns them best first."""


def default_order(candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """The default ranking (K2 priority first; the rest is this library's default, D5).

    Priority clients first; then more benefit days; then the longer unemployment spell;
    then the earlier referral; then the client id, so that every tie is broken the same
    way whatever order the candidates came in.

    Raises:
        PathwayDataError: an item of *candidates* is not a :class:`Candidate`.
    """
    _candidate_list(candidates)
    converted = [_converted(c, f"$.candidates[{i}]") for i, c in enumerate(candidates)]
    if problems := [problem for _, found in converted for problem in found]:
        raise PathwayDataError(problems)

    def key(c: Candidate) -> tuple[bool, int, date, date, str]:
        facts = c.facts
        return (
            not is_priority(facts),
            -(facts.benefit_days or 0),
            facts.unemployed_since or date.max,
            c.referred_on,
            c.client_id,
        )

    return tuple(sorted((c for c, _ in converted if c is not None), key=key))


def _candidate_list(candidates: object, *, items: bool = True) -> None:
    """*candidates* must be a sequence (a list or tuple) of :class:`Candidate`."""
    if isinstance(candidates, (str, bytes)) or not isinstance(candidates, Sequence):
        why = f"expected a list of candidates, got {type(candidates).__name__}"
        raise PathwayDataError([("$.candidates", why)])
    wrong = [i for i, c in enumerate(candidates) if not isinstance(c, Candidate)]
    if wrong and items:
        raise PathwayDataError([(f"$.candidates[{i}]", "expected a Candidate") for i in wrong])


def _converted(candidate: object, path: str) -> tuple[Candidate | None, tuple[DataProblem, ...]]:
    """*candidate* with every field (and fact) converted to its declared type, as a
    trigger's data is; or ``None`` and why it is not a candidate or cannot be."""
    if not isinstance(candidate, Candidate):
        return None, ((path, "expected a Candidate"),)
    try:
        return structure(candidate, Candidate, path), ()
    except PathwayDataError as exc:
        return None, exc.errors


def _check_candidates(
    candidates: Sequence[Candidate], places: int, on: date
) -> tuple[Candidate, ...]:
    """The candidates, converted, once *places*, *on* and every candidate are checked."""
    given: object = on  # hosts may pass anything; check before trusting the type
    problem = day_problem(given)
    if problem is not None:
        raise PathwayDataError([("$.on", problem)])
    _candidate_list(candidates, items=False)  # bad items are named below, with the rest
    problems: list[DataProblem] = []
    if type(places) is not int or places < 0:
        problems.append(("$.places", "expected a non-negative integer"))
    converted: list[Candidate] = []
    seen: set[str] = set()
    for index, given in enumerate(candidates):
        path = f"$.candidates[{index}]"
        candidate, found = _converted(given, path)
        if candidate is None:
            problems.extend(found)
            continue
        converted.append(candidate)
        if candidate.client_id in seen:
            problems.append((f"{path}.client_id", "is given twice"))
        seen.add(candidate.client_id)
        if candidate.referred_on > on:
            problems.append((f"{path}.referred_on", "must not be after the day of the decision"))
        problems.extend(_facts_data(candidate.facts, on, f"{path}.facts."))
    if problems:
        raise PathwayDataError(problems)
    return tuple(converted)


def decide_admission(
    candidates: Sequence[Candidate],
    places: int,
    *,
    on: date,
    order: Ordering = default_order,
    policy: KemiPolicy | None = None,
) -> tuple[AdmissionDecision, ...]:
    """Decide who of *candidates* gets one of *places* on *on* (K2, K6).

    Candidates outside the target group are not admitted. The eligible ones are ranked
    by *order* (the municipality's own function, or :func:`default_order`) and the first
    *places* are admitted. Returns one decision per candidate: the eligible in rank
    order, then the others by client id. The municipality fires ``admit`` or
    ``decline`` on each referral accordingly.

    Raises:
        PathwayDataError: bad *places* or *on*, duplicate ids, facts dated after *on*,
            or an *order* that does not return each eligible candidate exactly once.
    """
    candidates = _check_candidates(candidates, places, on)
    verdicts = {c.client_id: target_group(c.facts, on, policy=policy) for c in candidates}
    eligible = tuple(c for c in candidates if verdicts[c.client_id].allowed)
    if not callable(order):
        raise PathwayDataError([("$.order", "expected a function of the candidates")])
    returned: object = order(default_order(eligible))
    if isinstance(returned, (str, bytes)) or not isinstance(returned, Iterable):
        raise PathwayDataError([("$.order", "must return each eligible candidate exactly once")])
    items = tuple(returned)
    ranked = tuple(c for c in items if isinstance(c, Candidate))
    if (
        len(ranked) != len(items)
        or len(ranked) != len(eligible)
        or sorted(c.client_id for c in ranked) != sorted(c.client_id for c in eligible)
    ):
        raise PathwayDataError([("$.order", "must return each eligible candidate exactly once")])
    decisions = []
    for rank, candidate in enumerate(ranked, start=1):
        admitted = rank <= places
        kind = ADMITTED if admitted else NO_PLACE
        verdict = verdicts[candidate.client_id]
        decisions.append(
            AdmissionDecision(
                client_id=candidate.client_id,
                admitted=admitted,
                rank=rank,
                reason=kind(rank=rank, places=places),
                details=verdict.notes,
            )
        )
    for candidate in sorted(candidates, key=lambda c: c.client_id):
        verdict = verdicts[candidate.client_id]
        if not verdict.allowed:
            decisions.append(
                AdmissionDecision(
                    client_id=candidate.client_id,
                    admitted=False,
                    rank=None,
                    reason=NOT_ELIGIBLE(),
                    details=(*verdict.reasons, *verdict.notes),
                )
            )
    return tuple(decisions)


# --------------------------------------------------------------------------- guards


@guard(NO_PLAN)
def _referral(p: Proposal[KemiContext, KemiPolicy]) -> Iterator[Reason]:
    """K5: a client of the employment authority is referred through their plan."""
    referral: Referral = p.data
    if referral.employment_authority_client and not referral.plan_reference:
        yield NO_PLAN()


def _referral_data(referral: Referral, at: date) -> Iterator[tuple[str, str]]:
    return blank("plan_reference", referral.plan_reference)


@guard(FACTS_MISSING, NOT_MET)
def _in_target_group(p: Proposal[KemiContext, KemiPolicy]) -> Iterator[Reason]:
    """K2 (K3): the client is in the target group on the admission day."""
    yield from target_group(p.data, p.at, policy=p.policy).reasons


@guard(PRIORITY)
def _priority_note(p: Proposal[KemiContext, KemiPolicy]) -> Iterator[Reason]:
    """K2: priority is reported, never required."""
    if is_priority(p.data):
        yield PRIORITY()


# --------------------------------------------------------------------------- reducers


def _referred(ctx: KemiContext, event: Event) -> KemiContext:
    return evolve(
        ctx,
        referred_on=event.at,
        initiator=event.actor.role,
        plan_reference=event.data.plan_reference,
    )


# --------------------------------------------------------------------------- definition

STATES = (
    State("referred", Text("Ohjattu", "Hänvisad", "Referred")),
    State("admitted", Text("Kokeilussa", "I försöket", "Admitted")),
    State("not_admitted", Text("Ei otettu", "Inte intagen", "Not admitted"), final=True),
    State("withdrawn", Text("Ohjaus peruttu", "Hänvisningen återtagen", "Withdrawn"), final=True),
    State("left", Text("Päättynyt", "Avslutad", "Left the pilot"), final=True),
)
"""The states of one referral."""
MUNICIPALITY = frozenset({Role.MUNICIPALITY})

TRANSITIONS = (
    TransitionSpec(
        trigger="refer",
        sources=(),
        dest="referred",
        roles=INITIATORS,
        label=Text("Ohjaus kuntakokeiluun", "Hänvisning till kommunförsöket", "Refer to the pilot"),
        payload=Referral,
        guards=(_referral,),
        apply=_referred,
        check_data=_referral_data,
    ),
    TransitionSpec(
        trigger="admit",
        sources=("referred",),
        dest="admitted",
        roles=MUNICIPALITY,
        label=Text("Kunta ottaa kokeiluun", "Kommunen tar in i försöket", "Admit"),
        payload=TargetFacts,
        guards=(_in_target_group,),
        notes=(_priority_note,),
        apply=setting(admitted_on=event_day, priority=lambda e: is_priority(e.data)),
        check_data=_facts_data,
    ),
    TransitionSpec(
        trigger="decline",
        sources=("referred",),
        dest="not_admitted",
        roles=MUNICIPALITY,
        label=Text("Kunta ei ota kokeiluun", "Kommunen tar inte in", "Do not admit"),
        payload=Refusal,
        apply=setting(declined=lambda e: e.data.reason, ended_on=event_day),
    ),
    TransitionSpec(
        trigger="withdraw",
        sources=("referred",),
        dest="withdrawn",
        roles=INITIATORS,
        label=Text("Ohjaus perutaan", "Hänvisningen återtas", "Withdraw the referral"),
        apply=setting(ended_on=event_day),
    ),
    TransitionSpec(
        trigger="leave",
        sources=("admitted",),
        dest="left",
        roles=frozenset({Role.MUNICIPALITY, Role.EMPLOYMENT_AUTHORITY}),
        label=Text("Kokeilu päättyy", "Försöket avslutas", "Leave the pilot"),
        payload=Leaving,
        apply=setting(ended_on=event_day, closure=lambda e: e.data.closure),
    ),
)
"""Every trigger of a referral; the target group's numbers come from the policy (K2)."""


@definition_builder(KemiPolicy)
def definition_for(policy: KemiPolicy) -> ProcessDefinition[KemiContext, KemiPolicy]:
    """The Kemi referral definition under *policy*, built and compiled once per policy."""
    return ProcessDefinition(
        name=NAME,
        version=VERSION,
        label=Text(
            "Kemiläinen työllistämismalli: kuntakokeilu",
            "Kemimodellen för sysselsättning: kommunförsök",
            "Kemi employment model: municipal pilot",
        ),
        policy=policy,
        states=STATES,
        transitions=TRANSITIONS,
        context_factory=KemiContext,
    )


def definition(
    *, benefit_days: int = 500, unemployed_months: int = 12
) -> ProcessDefinition[KemiContext, KemiPolicy]:
    """Return the Kemi referral definition under the given policy (see :class:`KemiPolicy`).

    Raises:
        PathwayDataError: a policy value is out of its range, naming the parameter.
    """
    return definition_for(
        KemiPolicy(benefit_days=benefit_days, unemployed_months=unemployed_months)
    )


# The registry entry: what from_dict, definitions() and the testing kit read.
from ._registry import Process  # noqa: E402

PROCESSES = (Process(NAME, VERSION, KemiPolicy, definition_for, "pathway_fsm.testing._referral"),)
"""This module's processes, as the registry lists them."""
