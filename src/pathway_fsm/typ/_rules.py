"""TYP's rules: the reason kinds, the guards and notes that produce them, and data checks.

Each guard is a plain function of its proposal that reads the policy from ``p.policy``
and declares with :func:`~pathway_fsm._engine.spec.guard` every reason kind it yields.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .._calendar import add_months, age_on
from .._checks import blank, kind, not_after, not_before
from .._engine.definition import Proposal, guard
from .._engine.model import Reason, Role, Text
from ._facts import (
    AGE_LIMIT,
    AUTHORITIES,
    BEFORE_ADMISSION,
    CLOSURE_LABELS,
    OLDER_MONTHS,
    SUBSIDY_DAYS,
    YOUNGER_MONTHS,
    AssessmentArea,
    Closing,
    Closure,
    Criterion,
    Ending,
    EntryFacts,
    FinalAssessment,
    Plan,
    Review,
    ReviewDecline,
    ServiceKind,
    TypContext,
    TypPolicy,
)

Typ = Proposal[TypContext, TypPolicy]
"""What every TYP guard sees."""


# --------------------------------------------------------------------------- reasons


_FACT_LABELS = {
    "multidisciplinary_need": Text(
        "monialaisen palvelun tarve",
        "behov av sektorsövergripande service",
        "need for multidisciplinary service",
    ),
    "work_capacity_limitations": Text(
        "työ- tai toimintakyvyn rajoitteet",
        "begränsningar i arbets- eller funktionsförmågan",
        "limitations of work or functional capacity",
    ),
    "life_management_problems": Text(
        "elämänhallinnan ongelmat", "problem med livshanteringen", "life-management problems"
    ),
    "solvable_by_consultation": Text(
        "ratkeaako tilanne viranomaisten konsultaatiolla",
        "om situationen löses genom samråd mellan myndigheterna",
        "whether consultation between the authorities solves the situation",
    ),
    "subsidy_days": Text(
        "työmarkkinatukipäivät", "dagar med arbetsmarknadsstöd", "days of labour market subsidy"
    ),
    "birth_date": Text("syntymäaika", "födelsedatum", "birth date"),
    "unemployed_since": Text(
        "työttömyyden alkupäivä", "arbetslöshetens första dag", "first day of unemployment"
    ),
}
"""The names of the entry facts a reason may say are missing."""

FACT_MISSING = kind(
    "typ.entry.fact_missing",
    "Arviointiin tarvittava tieto puuttuu: {fact}.",
    "En uppgift som behövs för bedömningen saknas: {fact}.",
    "A fact needed for the assessment is missing: {fact}.",
    labels={"fact": _FACT_LABELS},
)
NO_NEED = kind(
    "typ.entry.no_multidisciplinary_need",
    "Monialaisen palvelun tarvetta ei ole todettu: työvoimaviranomaisen, hyvinvointialueen ja "
    "Kelan palveluja ei tarvitse sovittaa yhteen.",
    "Inget sektorsövergripande servicebehov har konstaterats: arbetskraftsmyndighetens, "
    "välfärdsområdets och FPA:s tjänster behöver inte samordnas.",
    "No multidisciplinary need has been found: the services of the employment authority, the "
    "wellbeing services county and Kela need no coordination.",
)
NO_CRITERION = kind(
    "typ.entry.no_unemployment_criterion",
    "Yksikään näistä työttömyyskriteereistä ei täyty: {criteria}.",
    "Inget av dessa arbetslöshetskriterier uppfylls: {criteria}.",
    "None of these unemployment criteria is met: {criteria}.",
)
CRITERIA_UNKNOWN = kind(
    "typ.entry.unemployment_facts_missing",
    "Työttömyyskriteerejä ei voi arvioida: tarvitaan työmarkkinatukipäivät tai syntymäaika ja "
    "työttömyyden alkupäivä.",
    "Arbetslöshetskriterierna kan inte bedömas: antalet dagar med arbetsmarknadsstöd eller "
    "födelsedatum och arbetslöshetens första dag behövs.",
    "The unemployment criteria cannot be assessed: the days of labour market subsidy, or the "
    "birth date and the first day of unemployment, are needed.",
)
NO_BENEFIT = kind(
    "typ.entry.no_benefit_judgement",
    "Ei ole arvioitu, että asiakas hyötyy monialaisesta yhteispalvelusta.",
    "Det har inte bedömts att klienten har nytta av den sektorsövergripande samservicen.",
    "It has not been judged that the client benefits from the joint service.",
)
NO_OBSTACLE = kind(
    "typ.entry.no_capacity_obstacle",
    "Työ- tai toimintakyvyn rajoitteita tai elämänhallinnan ongelmia ei ole todettu.",
    "Inga begränsningar i arbets- eller funktionsförmågan och inga problem med "
    "livskompetensen har konstaterats.",
    "No limitation of work or functional capacity and no life-management problem has been found.",
)
CONSULTATION_SUFFICES = kind(
    "typ.entry.consultation_suffices",
    "Tilanne ratkeaa viranomaisten keskinäisellä konsultaatiolla, joten monialaista "
    "yhteistyötä ei tarvita.",
    "Situationen kan lösas genom konsultation mellan myndigheterna, så sektorsövergripande "
    "samarbete behövs inte.",
    "The authorities can solve the situation by consulting each other alone, so "
    "multidisciplinary cooperation is not needed.",
)
SCREENING_MET = kind(
    "typ.screening.criterion_met",
    "Seulonta: työttömyyskriteeri täyttyy ({criterion}).",
    "Screening: ett arbetslöshetskriterium uppfylls ({criterion}).",
    "Screening: an unemployment criterion is met ({criterion}).",
)
SCREENING_NONE = kind(
    "typ.screening.no_criterion",
    "Seulonta: mikään työttömyyskriteeri ei täyty. Tämä ei estä asiakkuutta.",
    "Screening: inget arbetslöshetskriterium uppfylls. Det hindrar inte kundrelationen.",
    "Screening: no unemployment criterion is met. This does not prevent entry.",
)
ASSESSMENT_INCOMPLETE = kind(
    "typ.plan.assessment_incomplete",
    "Monialainen kartoitus ei kata kaikkia osa-alueita; puuttuu: {areas}.",
    "Den sektorsövergripande kartläggningen täcker inte alla områden; saknas: {areas}.",
    "The multidisciplinary assessment does not cover every area; missing: {areas}.",
)
PLAN_PARTY_MISSING = kind(
    "typ.plan.party_missing",
    "Suunnitelma laaditaan yhdessä; mukana ei ole: {party}.",
    "Planen utarbetas gemensamt; med är inte: {party}.",
    "The plan is made jointly; not taking part: {party}.",
)
PLAN_KELA_MISSING = kind(
    "typ.plan.kela_missing",
    "Kelan on osallistuttava, koska suunnitelmassa on Kelan kuntoutuspalvelu.",
    "FPA ska delta, eftersom planen innehåller en rehabiliteringstjänst från FPA.",
    "Kela must take part because the plan includes a Kela rehabilitation service.",
)
PLAN_NO_SERVICES = kind(
    "typ.plan.no_services",
    "Suunnitelmaan ei ole kirjattu yhtään palvelua.",
    "Inga tjänster har förts in i planen.",
    "The plan lists no services.",
)
PLAN_NO_FOLLOW_UP = kind(
    "typ.plan.no_follow_up",
    "Suunnitelmasta puuttuu tapa, jolla sen toteutumista seurataan.",
    "Planen anger inte hur genomförandet följs upp.",
    "The plan does not say how it is followed up.",
)
PLAN_NO_JOB_SEARCH = kind(
    "typ.plan.no_job_search_terms",
    "Suunnitelmasta puuttuu työnhakuvelvollisuus tai peruste vapautukselle siitä.",
    "Planen saknar skyldigheten att söka arbete eller grunden för befrielse från den.",
    "The plan must include the job-search obligation or record the exemption from it.",
)
REVIEW_PARTY_MISSING = kind(
    "typ.review.party_missing",
    "Tarkistukseen on osallistuttava: {party}.",
    "I översynen ska delta: {party}.",
    "Must take part in the review: {party}.",
)
REVIEW_NO_PLAN = kind(
    "typ.review.no_plan",
    "Tarkistettavaa suunnitelmaa ei ole: monialaista työllistymissuunnitelmaa ei ole laadittu.",
    "Det finns ingen plan att se över: ingen sektorsövergripande sysselsättningsplan har gjorts.",
    "There is no plan to review: no multidisciplinary employment plan has been made.",
)
REVIEW_ALREADY_REQUESTED = kind(
    "typ.review.already_requested",
    "Asiakkaan aiempi tarkistuspyyntö on vielä käsittelemättä.",
    "Klientens tidigare begäran om översyn har ännu inte behandlats.",
    "The client's earlier review request has not been dealt with yet.",
)
REVIEW_NOT_REQUESTED = kind(
    "typ.review.no_request",
    "Asiakkaalla ei ole käsittelemätöntä tarkistuspyyntöä.",
    "Klienten har ingen obehandlad begäran om översyn.",
    "There is no pending review request from the client.",
)
FINAL_CLIENT_MISSING = kind(
    "typ.final.client_missing",
    "Loppuarvio tehdään yhdessä asiakkaan kanssa.",
    "Slutbedömningen görs tillsammans med klienten.",
    "The final assessment is made together with the client.",
)
FINAL_NOT_MULTIDISCIPLINARY = kind(
    "typ.final.not_multidisciplinary",
    "Loppuarvioon tarvitaan vähintään kaksi tahoa: työvoimaviranomainen, hyvinvointialue, Kela.",
    "Slutbedömningen kräver minst två parter: arbetskraftsmyndigheten, välfärdsområdet, FPA.",
    "The final assessment needs at least two of the employment authority, the wellbeing "
    "services county and Kela.",
)
END_NO_FINAL = kind(
    "typ.end.no_final_assessment",
    "Loppuarvio puuttuu.",
    "Slutbedömningen saknas.",
    "No final assessment has been made.",
)
END_JOINT_INCOMPLETE = kind(
    "typ.end.joint_decision_incomplete",
    "Asiakkuuden päättämisestä arvioidaan yhdessä; arvio puuttuu: {party}.",
    "Kundrelationen avslutas efter en gemensam bedömning; bedömningen saknas från: {party}.",
    "Ending is a joint assessment; missing the assessment of: {party}.",
)
END_NO_NEXT_STEP = kind(
    "typ.end.no_next_step",
    "Nimeä seuraava vastuutaho tai kirjaa, ettei jatkopalvelua tarvita.",
    "Ange nästa ansvariga part eller anteckna att ingen fortsatt tjänst behövs.",
    "Name the next responsible party or record that no further service is needed.",
)
END_NEXT_STEP_CONFLICT = kind(
    "typ.end.next_step_conflict",
    "Seuraavaa tahoa ja tietoa, ettei jatkopalvelua tarvita, ei voi antaa yhtä aikaa.",
    "Nästa part och uppgiften att ingen fortsatt tjänst behövs kan inte ges samtidigt.",
    "A next party and 'no further service' cannot both be given.",
)
CLOSE_AFTER_ADMISSION = kind(
    "typ.close.only_before_admission",
    "Syytä '{closure}' voi käyttää vain ennen asiakkuuden alkua; asiakkuus päätetään "
    "Ratkaise-vaiheessa.",
    "Orsaken '{closure}' kan bara användas innan kundrelationen börjat; en kundrelation "
    "avslutas i skedet Lös.",
    "'{closure}' can only be used before admission; an admitted client's service ends "
    "through Ratkaise.",
    labels={"closure": CLOSURE_LABELS},
)
CLOSE_RESOLVED = kind(
    "typ.close.resolved_needs_end",
    "Palvelun tavoitteiden mukainen päättyminen kirjataan Ratkaise-vaiheen päätöksellä.",
    "Ett avslut enligt planen registreras genom beslutet i skedet Lös.",
    "A resolved ending is recorded with the joint decision in Ratkaise.",
)


# --------------------------------------------------------------------------- entry


def _criteria(facts: EntryFacts, on: date, policy: TypPolicy) -> dict[Criterion, bool | None]:
    """The three unemployment criteria of T2a as met / not met / unknown on *on*.

    Without a birth date the age is unknown, but a spell of 12 months meets the
    criterion that applies at either age, and one shorter than 6 months meets neither.
    """
    days = facts.labour_market_subsidy_days
    met: dict[Criterion, bool | None] = {
        Criterion.SUBSIDY_DAYS: None if days is None else days >= SUBSIDY_DAYS
    }
    since = facts.unemployed_since
    if since is None:
        met[Criterion.UNEMPLOYED_12_MONTHS] = met[Criterion.UNEMPLOYED_6_MONTHS_UNDER_25] = None
        return met
    twelve = add_months(since, OLDER_MONTHS) <= on
    six = add_months(since, YOUNGER_MONTHS) <= on
    if facts.birth_date is None:
        met[Criterion.UNEMPLOYED_12_MONTHS] = True if twelve else None if six else False
        met[Criterion.UNEMPLOYED_6_MONTHS_UNDER_25] = True if twelve else None if six else False
        return met
    older = age_on(facts.birth_date, on, leap_birthday=policy.leap_birthday) >= AGE_LIMIT
    met[Criterion.UNEMPLOYED_12_MONTHS] = older and twelve
    met[Criterion.UNEMPLOYED_6_MONTHS_UNDER_25] = not older and six
    return met


def _applicable(facts: EntryFacts, on: date, policy: TypPolicy) -> tuple[Criterion, ...]:
    """The criteria that can apply at the client's age on *on* (all three if it is unknown)."""
    if facts.birth_date is None:
        return tuple(Criterion)
    older = age_on(facts.birth_date, on, leap_birthday=policy.leap_birthday) >= AGE_LIMIT
    age_rule = Criterion.UNEMPLOYED_12_MONTHS if older else Criterion.UNEMPLOYED_6_MONTHS_UNDER_25
    return (Criterion.SUBSIDY_DAYS, age_rule)


def _need(facts: EntryFacts) -> Iterator[Reason]:
    """T1: the multidisciplinary need, in every profile."""
    if facts.multidisciplinary_need is None:
        yield FACT_MISSING(fact="multidisciplinary_need")
    elif not facts.multidisciplinary_need:
        yield NO_NEED()


def _unemployment(facts: EntryFacts, on: date, policy: TypPolicy) -> Iterator[Reason]:
    """T2a: one of the three unemployment criteria, as of *on*; a refusal names the
    criteria that apply at the client's age."""
    met = _criteria(facts, on, policy)
    if any(met.values()):
        return
    if None in met.values():
        yield CRITERIA_UNKNOWN()
    else:
        yield NO_CRITERION(criteria=_applicable(facts, on, policy))


def _obstacles(facts: EntryFacts) -> Iterator[Reason]:
    """T2c (381/2023 §3): capacity or life-management obstacles that consultation cannot solve."""
    limits, problems = facts.work_capacity_limitations, facts.life_management_problems
    if not (limits or problems):
        if limits is None or problems is None:
            names = ("work_capacity_limitations", "life_management_problems")
            missing = [name for name in names if getattr(facts, name) is None]
            yield FACT_MISSING(fact=", ".join(missing))
        else:
            yield NO_OBSTACLE()
    if facts.solvable_by_consultation is None:
        yield FACT_MISSING(fact="solvable_by_consultation")
    elif facts.solvable_by_consultation:
        yield CONSULTATION_SUFFICES()


@guard(
    FACT_MISSING,
    NO_NEED,
    NO_CRITERION,
    CRITERIA_UNKNOWN,
    NO_BENEFIT,
    NO_OBSTACLE,
    CONSULTATION_SUFFICES,
)
def entry_rule(p: Typ) -> Iterator[Reason]:
    """Entry to TYP under the policy's profile (D1; T1, T2a, T2c)."""
    facts: EntryFacts = p.data
    yield from _need(facts)
    if p.policy.profile == "381/2023":
        yield from _obstacles(facts)
        return
    yield from _unemployment(facts, p.at, p.policy)
    if p.policy.profile == "seed" and not facts.benefits_from_service:
        yield NO_BENEFIT()


@guard(SCREENING_MET, SCREENING_NONE)
def screening_note(p: Typ) -> Iterator[Reason]:
    """Under 381/2023 the T2a criteria are information only (D1, T2)."""
    if p.policy.profile != "381/2023":
        return
    met = _criteria(p.data, p.at, p.policy)
    hits = tuple(criterion for criterion, ok in met.items() if ok)
    if hits:
        yield SCREENING_MET(criterion=hits)
    elif None not in met.values():
        yield SCREENING_NONE()


def check_entry_facts(facts: EntryFacts, at: date) -> Iterator[tuple[str, str]]:
    """Entry facts no type can rule out: negative days, dates after the admission day."""
    if facts.labour_market_subsidy_days is not None and facts.labour_market_subsidy_days < 0:
        yield "labour_market_subsidy_days", "must not be negative"
    for name in ("birth_date", "unemployed_since"):
        yield from not_after(name, getattr(facts, name), at, "the admission date")
    born = facts.birth_date
    yield from not_before("unemployed_since", facts.unemployed_since, born, "the birth date")


# --------------------------------------------------------------------------- plan


@guard(
    PLAN_PARTY_MISSING, PLAN_KELA_MISSING, PLAN_NO_SERVICES, PLAN_NO_FOLLOW_UP, PLAN_NO_JOB_SEARCH
)
def plan_contents(p: Typ) -> Iterator[Reason]:
    """T7 who makes the plan (Kela when a Kela rehabilitation service is in it); T8 its
    required content."""
    plan: Plan = p.data
    for party in (Role.EMPLOYMENT_AUTHORITY, Role.WELLBEING_COUNTY, Role.CLIENT):
        if party not in plan.made_with:
            yield PLAN_PARTY_MISSING(party=party)
    kela_rehabilitation = any(
        s.provider is Role.KELA and s.kind is ServiceKind.REHABILITATION for s in plan.services
    )
    if kela_rehabilitation and Role.KELA not in plan.made_with:
        yield PLAN_KELA_MISSING()
    if not plan.services:
        yield PLAN_NO_SERVICES()
    if not plan.follow_up.strip():
        yield PLAN_NO_FOLLOW_UP()
    if plan.job_search is None:
        yield PLAN_NO_JOB_SEARCH()


@guard(ASSESSMENT_INCOMPLETE)
def mapping_covered(p: Typ) -> Iterator[Reason]:
    """T6: the mapping behind the first plan covers every area."""
    plan: Plan = p.data
    missing = [a for a in AssessmentArea if a not in plan.assessed]
    if missing:
        yield ASSESSMENT_INCOMPLETE(areas=tuple(missing))


def check_plan(plan: Plan, at: date) -> Iterator[tuple[str, str]]:
    """A report date before the plan's own date, or a service without a name."""
    yield from not_before("report_due", plan.report_due, at, "the plan's date")
    for index, service in enumerate(plan.services):
        yield from blank(f"services[{index}].name", service.name)


# --------------------------------------------------------------------------- reviews


@guard(REVIEW_PARTY_MISSING)
def review_parties(p: Typ) -> Iterator[Reason]:
    """T9: the employment authority reviews; T11: the county and Kela join for their services."""
    review: Review = p.data
    needed = {Role.EMPLOYMENT_AUTHORITY}
    if p.context.plan is not None:
        needed |= p.context.plan.providers & {Role.WELLBEING_COUNTY, Role.KELA}
    for party in sorted(needed - review.participants):
        yield REVIEW_PARTY_MISSING(party=party)


@guard(REVIEW_NO_PLAN)
def plan_exists(p: Typ) -> Iterator[Reason]:
    """T9–T10: reviews concern a plan; Ratkaise can be reached from Suunnittele without one."""
    if p.context.plan is None:
        yield REVIEW_NO_PLAN()


@guard(REVIEW_ALREADY_REQUESTED)
def no_pending_request(p: Typ) -> Iterator[Reason]:
    """T10: one pending request at a time."""
    if p.context.review_requested_on is not None:
        yield REVIEW_ALREADY_REQUESTED()


@guard(REVIEW_NOT_REQUESTED)
def pending_request(p: Typ) -> Iterator[Reason]:
    """T10: only a pending request can be declined as manifestly unnecessary."""
    if p.context.review_requested_on is None:
        yield REVIEW_NOT_REQUESTED()


def check_decline(data: ReviewDecline, at: date) -> Iterator[tuple[str, str]]:
    """A decline says why the request is unnecessary (T10)."""
    return blank("justification", data.justification)


# --------------------------------------------------------------------------- ending


@guard(FINAL_CLIENT_MISSING, FINAL_NOT_MULTIDISCIPLINARY)
def final_parties(p: Typ) -> Iterator[Reason]:
    """T13/T14 (seed): the final assessment is made with the client, multidisciplinarily."""
    final: FinalAssessment = p.data
    if Role.CLIENT not in final.participants:
        yield FINAL_CLIENT_MISSING()
    if len(final.participants & AUTHORITIES) < 2:
        yield FINAL_NOT_MULTIDISCIPLINARY()


@guard(END_NO_FINAL, END_JOINT_INCOMPLETE, END_NO_NEXT_STEP, END_NEXT_STEP_CONFLICT)
def ending_rule(p: Typ) -> Iterator[Reason]:
    """T13: all three parties assess jointly; T14: final assessment and a next step."""
    ending: Ending = p.data
    if p.context.final_assessment_on is None:
        yield END_NO_FINAL()
    for party in sorted(AUTHORITIES - ending.decided_by):
        yield END_JOINT_INCOMPLETE(party=party)
    if ending.next_party is None and not ending.no_further_service:
        yield END_NO_NEXT_STEP()
    if ending.next_party is not None and ending.no_further_service:
        yield END_NEXT_STEP_CONFLICT()


def check_ending(ending: Ending, at: date) -> Iterator[tuple[str, str]]:
    """A next service is named only with the party that provides it."""
    if ending.next_service is not None and ending.next_party is None:
        yield "next_service", "needs next_party"
    yield from blank("next_service", ending.next_service)


@guard(CLOSE_AFTER_ADMISSION, CLOSE_RESOLVED)
def closing_rule(p: Typ) -> Iterator[Reason]:
    """Closing outside Ratkaise: only factual ends once the client relationship has started."""
    closing: Closing = p.data
    if closing.closure is Closure.RESOLVED:
        yield CLOSE_RESOLVED()
    elif closing.closure in BEFORE_ADMISSION and p.state != "tunnista":
        yield CLOSE_AFTER_ADMISSION(closure=closing.closure.value)
