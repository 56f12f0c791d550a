"""TYP, the multidisciplinary joint service, in five steps (T1–T17, D1).

``Tunnista`` (identify) → ``Suunnittele`` (plan: the mapping period) → ``Valmenna``
(coach: the multidisciplinary employment plan is in force) → ``Kokeile`` (try out:
the plan is carried out) → ``Ratkaise`` (resolve: final assessment and handover),
then ``ended``. Revising the plan in Kokeile goes back to Valmenna (T15).

Build the definition with :func:`definition`; every policy value is a keyword with its
documented default. The entry rule depends on the *profile* (D1):

``"seed"`` (default)
    The multidisciplinary need (T1) and one unemployment criterion (T2a), on the facts
    and the age as of the admission day, and a recorded judgement that the client
    benefits from the service.
``"381/2023"``
    The law in force since 2025: the need (T1) and the obstacle test of T2c. The
    unemployment criteria are reported as non-blocking screening notes.
``"1369/2014"``
    The law of 2015–2024: the need (T1) and one unemployment criterion (T2a, T2b).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any, Literal

import attrs

from ._calendar import LeapBirthday, add_days, add_months, add_years, age_on
from ._checks import DAYS, MONTHS, YEARS
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
from ._engine.model import Deadline, Reason, ReasonKind, Role, Text
from .errors import PathwayDataError, require

__all__ = [
    "NAME",
    "PROFILES",
    "VERSION",
    "AssessmentArea",
    "Closing",
    "Closure",
    "Criterion",
    "Ending",
    "EntryFacts",
    "FinalAssessment",
    "JobSearch",
    "Plan",
    "PlannedService",
    "Profile",
    "Review",
    "ReviewDecline",
    "ServiceKind",
    "TypContext",
    "TypPolicy",
    "definition",
    "definition_for",
    "retention_until",
]

NAME = "typ"
"""The definition's name, as stored in every pathway's ``to_dict`` form."""
VERSION = "1"
"""The definition's version, stored with every pathway; bumped when replay would change."""

Profile = Literal["seed", "381/2023", "1369/2014"]
"""An entry-rule profile (D1): the seed document, Act 381/2023, or Act 1369/2014."""
PROFILES: tuple[Profile, ...] = ("seed", "381/2023", "1369/2014")
"""Every entry-rule profile, the default (``"seed"``) first."""

AUTHORITIES = frozenset({Role.EMPLOYMENT_AUTHORITY, Role.WELLBEING_COUNTY, Role.KELA})
"""The three parties of TYP (T1, T3, T13)."""

SUBSIDY_DAYS = 300  # T2a(1)
OLDER_MONTHS = 12  # T2a(2)
YOUNGER_MONTHS = 6  # T2a(3)
AGE_LIMIT = 25  # T2a(2)–(3)


# --------------------------------------------------------------------------- policy


def _one_of(*allowed: str) -> Any:
    def check(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
        if value not in allowed:
            raise PathwayDataError([(f"$.{attribute.name}", f"expected one of {list(allowed)}")])

    return check


@attrs.frozen(kw_only=True)
class TypPolicy:
    """The policy values of TYP; every default is the documented one.

    Attributes:
        profile: the entry rule (D1): ``"seed"``, ``"381/2023"`` or ``"1369/2014"``.
        plan_due_months: the plan must be ready this many months after admission (T5).
        review_interval_months: the plan is reviewed at least this often (T9; 3 since
            2 May 2022, 6 under 1369/2014 as enacted).
        requested_review_days: a review the client asked for is due within this many
            days (T10; the law sets no period, 14 is this library's default).
        retention_years: client data is deleted this many years after the end (T17).
        leap_birthday: the birthday of someone born on 29 February in common years (C4).
        roll_forward: whether a deadline falling on a weekend or holiday becomes overdue
            only after the next working day (C3); off by default.
    """

    profile: Profile = attrs.field(default="seed", validator=_one_of(*PROFILES))
    plan_due_months: int = attrs.field(default=3, validator=_count(*MONTHS))
    review_interval_months: int = attrs.field(default=3, validator=_count(*MONTHS))
    requested_review_days: int = attrs.field(default=14, validator=_count(*DAYS))
    retention_years: int = attrs.field(default=4, validator=_count(*YEARS))
    leap_birthday: LeapBirthday = attrs.field(default="feb28", validator=_one_of("feb28", "mar1"))
    roll_forward: bool = attrs.field(default=False, validator=_flag)


# --------------------------------------------------------------------------- vocabulary


class AssessmentArea(enum.StrEnum):
    """What the multidisciplinary assessment covers (T6)."""

    COMPETENCE = "competence"
    SOCIAL_SITUATION = "social_situation"
    HEALTH = "health"
    WORK_CAPACITY = "work_capacity"

    @property
    def label(self) -> Text:
        """The area's name in fi/sv/en."""
        return _AREA_LABELS[self]


_AREA_LABELS = {
    AssessmentArea.COMPETENCE: Text("osaaminen", "kompetens", "skills and competence"),
    AssessmentArea.SOCIAL_SITUATION: Text(
        "sosiaalinen tilanne", "social situation", "social situation"
    ),
    AssessmentArea.HEALTH: Text("terveydentila", "hälsotillstånd", "health"),
    AssessmentArea.WORK_CAPACITY: Text(
        "työ- ja toimintakyky", "arbets- och funktionsförmåga", "work and functional capacity"
    ),
}


class Criterion(enum.StrEnum):
    """One of the three unemployment criteria of T2a (any one is enough)."""

    SUBSIDY_DAYS = "subsidy_days"
    """At least 300 days of labour market subsidy (T2a(1))."""
    UNEMPLOYED_12_MONTHS = "unemployed_12_months"
    """Aged 25 or over and 12 months' continuous unemployment (T2a(2))."""
    UNEMPLOYED_6_MONTHS_UNDER_25 = "unemployed_6_months_under_25"
    """Under 25 and 6 months' continuous unemployment (T2a(3))."""

    @property
    def label(self) -> Text:
        """The criterion in fi/sv/en."""
        return _CRITERION_LABELS[self]


_CRITERION_LABELS = {
    Criterion.SUBSIDY_DAYS: Text(
        f"vähintään {SUBSIDY_DAYS} päivää työmarkkinatukea",
        f"minst {SUBSIDY_DAYS} dagar arbetsmarknadsstöd",
        f"at least {SUBSIDY_DAYS} days of labour market subsidy",
    ),
    Criterion.UNEMPLOYED_12_MONTHS: Text(
        f"{AGE_LIMIT} vuotta täyttäneenä {OLDER_MONTHS} kuukautta yhtäjaksoista työttömyyttä",
        f"{OLDER_MONTHS} månaders oavbruten arbetslöshet efter fyllda {AGE_LIMIT} år",
        f"{OLDER_MONTHS} months' continuous unemployment at {AGE_LIMIT} or over",
    ),
    Criterion.UNEMPLOYED_6_MONTHS_UNDER_25: Text(
        f"alle {AGE_LIMIT}-vuotiaana {YOUNGER_MONTHS} kuukautta yhtäjaksoista työttömyyttä",
        f"{YOUNGER_MONTHS} månaders oavbruten arbetslöshet under {AGE_LIMIT} års ålder",
        f"{YOUNGER_MONTHS} months' continuous unemployment under {AGE_LIMIT}",
    ),
}


class JobSearch(enum.StrEnum):
    """How the plan handles the job-search obligation (T8)."""

    INCLUDED = "included"
    """The plan includes the obligation to search for work."""
    EXEMPT = "exempt"
    """The client is exempt from it (Act 380/2023 §48)."""


class Closure(enum.StrEnum):
    """Why a TYP pathway ended."""

    RESOLVED = "resolved"
    """Ended through Ratkaise: the parties jointly found coordination no longer needed."""
    NOT_ADMITTED = "not_admitted"
    """The entry rule was not met."""
    CLIENT_DECLINED = "client_declined"
    """The client did not want the service before it started."""
    MOVED_AWAY = "moved_away"
    """The client moved out of the area."""
    DECEASED = "deceased"
    """The client died."""


_CLOSURE_LABELS = {
    Closure.RESOLVED.value: Text(
        "palvelun tavoitteiden mukainen päättyminen", "avslut enligt tjänstens mål", "resolved"
    ),
    Closure.NOT_ADMITTED.value: Text(
        "ei otettu asiakkaaksi", "inte antagen som klient", "not admitted"
    ),
    Closure.CLIENT_DECLINED.value: Text(
        "asiakas ei halunnut palvelua", "klienten avböjde tjänsten", "the client declined"
    ),
    Closure.MOVED_AWAY.value: Text(
        "asiakas muutti pois alueelta", "klienten flyttade från området", "moved away"
    ),
    Closure.DECEASED.value: Text("asiakas kuoli", "klienten avled", "the client died"),
}
"""The names of the ways a TYP pathway ends, keyed by their stored form."""

_BEFORE_ADMISSION = frozenset({Closure.NOT_ADMITTED, Closure.CLIENT_DECLINED})


# --------------------------------------------------------------------------- payloads

# Payloads and the context have no weakref slot: every stored pathway holds several, and
# nothing needs a weak reference to a value.
_private = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True, weakref_slot=False)
class EntryFacts:
    """Facts known on the admission day (data of ``admit``). Facts a profile does not use may
    be left out. None of them appears in a repr.

    Attributes:
        multidisciplinary_need: employment needs coordinated services of all three
            parties (T1).
        benefits_from_service: the judgement that the client benefits ("seed" profile).
        labour_market_subsidy_days: days of labour market subsidy received (T2a(1)).
        birth_date: for the age on the admission day (T2a(2)–(3), C4).
        unemployed_since: first day of the current unemployment spell, as the employment
            authority records it (T2a(2)–(3), C5).
        work_capacity_limitations: limits of work or functional capacity (T2c).
        life_management_problems: problems of life management (T2c).
        solvable_by_consultation: the authorities can solve it by consulting each other
            alone (T2c; ``True`` refuses entry under "381/2023").
        consent_to_data: consent to obtain other data; recorded, never a condition (T16).
    """

    multidisciplinary_need: bool | None = _private
    benefits_from_service: bool | None = _private
    labour_market_subsidy_days: int | None = _private
    birth_date: date | None = _private
    unemployed_since: date | None = _private
    work_capacity_limitations: bool | None = _private
    life_management_problems: bool | None = _private
    solvable_by_consultation: bool | None = _private
    consent_to_data: bool | None = _private


class ServiceKind(enum.StrEnum):
    """What kind of service a planned service is (T8); Kela joins for rehabilitation (T7)."""

    EMPLOYMENT = "employment"
    """A public employment service."""
    SOCIAL = "social"
    """A social-welfare service."""
    HEALTH = "health"
    """A health-care service."""
    REHABILITATION = "rehabilitation"
    """A rehabilitation service (vocational or medical)."""
    OTHER = "other"
    """Another service that builds skills, readiness for work or work capacity."""


@attrs.frozen(kw_only=True, weakref_slot=False)
class PlannedService:
    """A service in the plan, its kind and the party responsible for it (T7, T8, T11)."""

    name: str = attrs.field(repr=False)
    provider: Role
    kind: ServiceKind


@attrs.frozen(kw_only=True, weakref_slot=False)
class Plan:
    """The multidisciplinary employment plan (data of ``make_plan`` and ``revise_plan``).

    Attributes:
        services: the services the client needs, each with its responsible party (T8).
        follow_up: how carrying out the plan is followed up (T8).
        job_search: the job-search obligation, or the exemption from it (T8).
        made_with: the parties who made the plan, the client included (T7).
        assessed: the areas the mapping covered; checked when the plan is first made (T6).
        report_due: when the client reports on progress, if the plan sets a date (T12).
    """

    services: tuple[PlannedService, ...] = attrs.field(default=(), repr=False)
    follow_up: str = attrs.field(default="", repr=False)
    job_search: JobSearch | None = None
    made_with: frozenset[Role] = frozenset()
    assessed: frozenset[AssessmentArea] = frozenset()
    report_due: date | None = None

    @property
    def providers(self) -> frozenset[Role]:
        """The parties responsible for at least one planned service."""
        return frozenset(s.provider for s in self.services)


@attrs.frozen(kw_only=True, weakref_slot=False)
class Review:
    """A plan review (data of ``review_plan``): who took part (T9, T11)."""

    participants: frozenset[Role] = frozenset()


@attrs.frozen(kw_only=True, weakref_slot=False)
class ReviewDecline:
    """Why a client's review request is manifestly unnecessary (T10)."""

    justification: str = attrs.field(repr=False)


@attrs.frozen(kw_only=True, weakref_slot=False)
class FinalAssessment:
    """The final assessment made in Ratkaise: who took part (T13, T14)."""

    participants: frozenset[Role] = frozenset()


@attrs.frozen(kw_only=True, weakref_slot=False)
class Ending:
    """The joint decision that ends the client relationship (T13, T14).

    Attributes:
        decided_by: the parties whose assessment the decision rests on (all three, T13).
        next_party: the party that takes over, if any (T14; see the handover rules H).
        next_service: the service the client moves to, if named.
        no_further_service: set instead of *next_party* when no service follows.
    """

    decided_by: frozenset[Role] = frozenset()
    next_party: Role | None = None
    next_service: str | None = attrs.field(default=None, repr=False)
    no_further_service: bool = False


@attrs.frozen(kw_only=True, weakref_slot=False)
class Closing:
    """Why a pathway is closed other than through Ratkaise (data of ``close``)."""

    closure: Closure


# --------------------------------------------------------------------------- context


@attrs.frozen(kw_only=True, weakref_slot=False)
class TypContext:
    """What the history says about a TYP pathway; rebuilt exactly by replay.

    Attributes:
        referred_on: the day the pathway was started (referral, T3).
        started_on: the day the client relationship started (admission, T4).
        plan: the plan in force, if any; *plan_on* its date.
        last_review_on: the plan's date or its latest review or revision (T9).
        review_requested_on: a pending review request by the client (T10).
        reported_on: the client's latest progress report (T12).
        final_assessment_on: the date of the final assessment (T14).
        ended_on: the day the pathway ended; *closure* why.
        next_party: the party named to take over at the end (T14).
    """

    referred_on: date | None = None
    started_on: date | None = None
    plan: Plan | None = attrs.field(default=None, repr=False)
    plan_on: date | None = None
    last_review_on: date | None = None
    review_requested_on: date | None = None
    reported_on: date | None = None
    final_assessment_on: date | None = None
    ended_on: date | None = None
    closure: Closure | None = None
    next_party: Role | None = None
    next_service: str | None = attrs.field(default=None, repr=False)


# --------------------------------------------------------------------------- reasons


def _kind(
    code: str, fi: str, sv: str, en: str, labels: Mapping[str, Mapping[str, Text]] | None = None
) -> ReasonKind:
    return ReasonKind(code, Text(fi, sv, en), labels or {})


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


FACT_MISSING = _kind(
    "typ.entry.fact_missing",
    "Arviointiin tarvittava tieto puuttuu: {fact}.",
    "En uppgift som behövs för bedömningen saknas: {fact}.",
    "A fact needed for the assessment is missing: {fact}.",
    {"fact": _FACT_LABELS},
)
NO_NEED = _kind(
    "typ.entry.no_multidisciplinary_need",
    "Monialaisen palvelun tarvetta ei ole todettu: työvoimaviranomaisen, hyvinvointialueen ja "
    "Kelan palveluja ei tarvitse sovittaa yhteen.",
    "Inget sektorsövergripande servicebehov har konstaterats: arbetskraftsmyndighetens, "
    "välfärdsområdets och FPA:s tjänster behöver inte samordnas.",
    "No multidisciplinary need has been found: the services of the employment authority, the "
    "wellbeing services county and Kela need no coordination.",
)
NO_CRITERION = _kind(
    "typ.entry.no_unemployment_criterion",
    "Yksikään näistä työttömyyskriteereistä ei täyty: {criteria}.",
    "Inget av dessa arbetslöshetskriterier uppfylls: {criteria}.",
    "None of these unemployment criteria is met: {criteria}.",
)
CRITERIA_UNKNOWN = _kind(
    "typ.entry.unemployment_facts_missing",
    "Työttömyyskriteerejä ei voi arvioida: tarvitaan työmarkkinatukipäivät tai syntymäaika ja "
    "työttömyyden alkupäivä.",
    "Arbetslöshetskriterierna kan inte bedömas: antalet dagar med arbetsmarknadsstöd eller "
    "födelsedatum och arbetslöshetens första dag behövs.",
    "The unemployment criteria cannot be assessed: the days of labour market subsidy, or the "
    "birth date and the first day of unemployment, are needed.",
)
NO_BENEFIT = _kind(
    "typ.entry.no_benefit_judgement",
    "Ei ole arvioitu, että asiakas hyötyy monialaisesta yhteispalvelusta.",
    "Det har inte bedömts att klienten har nytta av den sektorsövergripande samservicen.",
    "It has not been judged that the client benefits from the joint service.",
)
NO_OBSTACLE = _kind(
    "typ.entry.no_capacity_obstacle",
    "Työ- tai toimintakyvyn rajoitteita tai elämänhallinnan ongelmia ei ole todettu.",
    "Inga begränsningar i arbets- eller funktionsförmågan och inga problem med "
    "livskompetensen har konstaterats.",
    "No limitation of work or functional capacity and no life-management problem has been found.",
)
CONSULTATION_SUFFICES = _kind(
    "typ.entry.consultation_suffices",
    "Tilanne ratkeaa viranomaisten keskinäisellä konsultaatiolla, joten monialaista "
    "yhteistyötä ei tarvita.",
    "Situationen kan lösas genom konsultation mellan myndigheterna, så sektorsövergripande "
    "samarbete behövs inte.",
    "The authorities can solve the situation by consulting each other alone, so "
    "multidisciplinary cooperation is not needed.",
)
SCREENING_MET = _kind(
    "typ.screening.criterion_met",
    "Seulonta: työttömyyskriteeri täyttyy ({criterion}).",
    "Screening: ett arbetslöshetskriterium uppfylls ({criterion}).",
    "Screening: an unemployment criterion is met ({criterion}).",
)
SCREENING_NONE = _kind(
    "typ.screening.no_criterion",
    "Seulonta: mikään työttömyyskriteeri ei täyty. Tämä ei estä asiakkuutta.",
    "Screening: inget arbetslöshetskriterium uppfylls. Det hindrar inte kundrelationen.",
    "Screening: no unemployment criterion is met. This does not prevent entry.",
)
ASSESSMENT_INCOMPLETE = _kind(
    "typ.plan.assessment_incomplete",
    "Monialainen kartoitus ei kata kaikkia osa-alueita; puuttuu: {areas}.",
    "Den sektorsövergripande kartläggningen täcker inte alla områden; saknas: {areas}.",
    "The multidisciplinary assessment does not cover every area; missing: {areas}.",
)
PLAN_PARTY_MISSING = _kind(
    "typ.plan.party_missing",
    "Suunnitelma laaditaan yhdessä; mukana ei ole: {party}.",
    "Planen utarbetas gemensamt; med är inte: {party}.",
    "The plan is made jointly; not taking part: {party}.",
)
PLAN_KELA_MISSING = _kind(
    "typ.plan.kela_missing",
    "Kelan on osallistuttava, koska suunnitelmassa on Kelan kuntoutuspalvelu.",
    "FPA ska delta, eftersom planen innehåller en rehabiliteringstjänst från FPA.",
    "Kela must take part because the plan includes a Kela rehabilitation service.",
)
PLAN_NO_SERVICES = _kind(
    "typ.plan.no_services",
    "Suunnitelmaan ei ole kirjattu yhtään palvelua.",
    "Inga tjänster har förts in i planen.",
    "The plan lists no services.",
)
PLAN_NO_FOLLOW_UP = _kind(
    "typ.plan.no_follow_up",
    "Suunnitelmasta puuttuu tapa, jolla sen toteutumista seurataan.",
    "Planen anger inte hur genomförandet följs upp.",
    "The plan does not say how it is followed up.",
)
PLAN_NO_JOB_SEARCH = _kind(
    "typ.plan.no_job_search_terms",
    "Suunnitelmasta puuttuu työnhakuvelvollisuus tai peruste vapautukselle siitä.",
    "Planen saknar skyldigheten att söka arbete eller grunden för befrielse från den.",
    "The plan must include the job-search obligation or record the exemption from it.",
)
REVIEW_PARTY_MISSING = _kind(
    "typ.review.party_missing",
    "Tarkistukseen on osallistuttava: {party}.",
    "I översynen ska delta: {party}.",
    "Must take part in the review: {party}.",
)
REVIEW_NO_PLAN = _kind(
    "typ.review.no_plan",
    "Tarkistettavaa suunnitelmaa ei ole: monialaista työllistymissuunnitelmaa ei ole laadittu.",
    "Det finns ingen plan att se över: ingen sektorsövergripande sysselsättningsplan har gjorts.",
    "There is no plan to review: no multidisciplinary employment plan has been made.",
)
REVIEW_ALREADY_REQUESTED = _kind(
    "typ.review.already_requested",
    "Asiakkaan aiempi tarkistuspyyntö on vielä käsittelemättä.",
    "Klientens tidigare begäran om översyn har ännu inte behandlats.",
    "The client's earlier review request has not been dealt with yet.",
)
REVIEW_NOT_REQUESTED = _kind(
    "typ.review.no_request",
    "Asiakkaalla ei ole käsittelemätöntä tarkistuspyyntöä.",
    "Klienten har ingen obehandlad begäran om översyn.",
    "There is no pending review request from the client.",
)
FINAL_CLIENT_MISSING = _kind(
    "typ.final.client_missing",
    "Loppuarvio tehdään yhdessä asiakkaan kanssa.",
    "Slutbedömningen görs tillsammans med klienten.",
    "The final assessment is made together with the client.",
)
FINAL_NOT_MULTIDISCIPLINARY = _kind(
    "typ.final.not_multidisciplinary",
    "Loppuarvioon tarvitaan vähintään kaksi tahoa: työvoimaviranomainen, hyvinvointialue, Kela.",
    "Slutbedömningen kräver minst två parter: arbetskraftsmyndigheten, välfärdsområdet, FPA.",
    "The final assessment needs at least two of the employment authority, the wellbeing "
    "services county and Kela.",
)
END_NO_FINAL = _kind(
    "typ.end.no_final_assessment",
    "Loppuarvio puuttuu.",
    "Slutbedömningen saknas.",
    "No final assessment has been made.",
)
END_JOINT_INCOMPLETE = _kind(
    "typ.end.joint_decision_incomplete",
    "Asiakkuuden päättämisestä arvioidaan yhdessä; arvio puuttuu: {party}.",
    "Kundrelationen avslutas efter en gemensam bedömning; bedömningen saknas från: {party}.",
    "Ending is a joint assessment; missing the assessment of: {party}.",
)
END_NO_NEXT_STEP = _kind(
    "typ.end.no_next_step",
    "Nimeä seuraava vastuutaho tai kirjaa, ettei jatkopalvelua tarvita.",
    "Ange nästa ansvariga part eller anteckna att ingen fortsatt tjänst behövs.",
    "Name the next responsible party or record that no further service is needed.",
)
END_NEXT_STEP_CONFLICT = _kind(
    "typ.end.next_step_conflict",
    "Seuraavaa tahoa ja tietoa, ettei jatkopalvelua tarvita, ei voi antaa yhtä aikaa.",
    "Nästa part och uppgiften att ingen fortsatt tjänst behövs kan inte ges samtidigt.",
    "A next party and 'no further service' cannot both be given.",
)
CLOSE_AFTER_ADMISSION = _kind(
    "typ.close.only_before_admission",
    "Syytä '{closure}' voi käyttää vain ennen asiakkuuden alkua; asiakkuus päätetään "
    "Ratkaise-vaiheessa.",
    "Orsaken '{closure}' kan bara användas innan kundrelationen börjat; en kundrelation "
    "avslutas i skedet Lös.",
    "'{closure}' can only be used before admission; an admitted client's service ends "
    "through Ratkaise.",
    {"closure": _CLOSURE_LABELS},
)
CLOSE_RESOLVED = _kind(
    "typ.close.resolved_needs_end",
    "Palvelun tavoitteiden mukainen päättyminen kirjataan Ratkaise-vaiheen päätöksellä.",
    "Ett avslut enligt planen registreras genom beslutet i skedet Lös.",
    "A resolved ending is recorded with the joint decision in Ratkaise.",
)


# --------------------------------------------------------------------------- guards


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
            missing = [
                n
                for n, v in (
                    ("work_capacity_limitations", limits),
                    ("life_management_problems", problems),
                )
                if v is None
            ]
            yield FACT_MISSING(fact=", ".join(missing))
        else:
            yield NO_OBSTACLE()
    if facts.solvable_by_consultation is None:
        yield FACT_MISSING(fact="solvable_by_consultation")
    elif facts.solvable_by_consultation:
        yield CONSULTATION_SUFFICES()


def _entry_guard(policy: TypPolicy) -> Any:
    def entry(p: Proposal[Any, Any]) -> Iterator[Reason]:
        """Entry to TYP under the policy's profile (D1; T1, T2a, T2c)."""
        facts: EntryFacts = p.data
        yield from _need(facts)
        if policy.profile == "381/2023":
            yield from _obstacles(facts)
            return
        yield from _unemployment(facts, p.at, policy)
        if policy.profile == "seed" and not facts.benefits_from_service:
            yield NO_BENEFIT()

    return entry


def _screening_note(policy: TypPolicy) -> Any:
    def screening(p: Proposal[Any, Any]) -> Iterator[Reason]:
        """Under 381/2023 the T2a criteria are information only (D1, T2)."""
        if policy.profile != "381/2023":
            return
        met = _criteria(p.data, p.at, policy)
        hits = tuple(criterion for criterion, ok in met.items() if ok)
        if hits:
            yield SCREENING_MET(criterion=hits)
        elif None not in met.values():
            yield SCREENING_NONE()

    return screening


def _entry_data(facts: EntryFacts, at: date) -> Iterator[tuple[str, str]]:
    if facts.labour_market_subsidy_days is not None and facts.labour_market_subsidy_days < 0:
        yield "labour_market_subsidy_days", "must not be negative"
    for name in ("birth_date", "unemployed_since"):
        value = getattr(facts, name)
        if value is not None and value > at:
            yield name, "must not be after the admission date"
    if (
        facts.birth_date is not None
        and facts.unemployed_since is not None
        and facts.unemployed_since < facts.birth_date
    ):
        yield "unemployed_since", "must not be before the birth date"


def _plan_contents(p: Proposal[Any, Any]) -> Iterator[Reason]:
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


def _mapping_covered(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """T6: the mapping behind the first plan covers every area."""
    plan: Plan = p.data
    missing = [a for a in AssessmentArea if a not in plan.assessed]
    if missing:
        yield ASSESSMENT_INCOMPLETE(areas=tuple(missing))


def _plan_data(plan: Plan, at: date) -> Iterator[tuple[str, str]]:
    if plan.report_due is not None and plan.report_due < at:
        yield "report_due", "must not be before the plan's date"
    for index, service in enumerate(plan.services):
        if not service.name.strip():
            yield f"services[{index}].name", "must not be empty"


def _review_parties(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """T9: the employment authority reviews; T11: the county and Kela join for their services."""
    review: Review = p.data
    ctx: TypContext = p.context
    needed = {Role.EMPLOYMENT_AUTHORITY}
    if ctx.plan is not None:
        needed |= ctx.plan.providers & {Role.WELLBEING_COUNTY, Role.KELA}
    for party in sorted(needed - review.participants):
        yield REVIEW_PARTY_MISSING(party=party)


def _plan_exists(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """T9–T10: reviews concern a plan; Ratkaise can be reached from Suunnittele without one."""
    if p.context.plan is None:
        yield REVIEW_NO_PLAN()


def _no_pending_request(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """T10: one pending request at a time."""
    if p.context.review_requested_on is not None:
        yield REVIEW_ALREADY_REQUESTED()


def _pending_request(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """T10: only a pending request can be declined as manifestly unnecessary."""
    if p.context.review_requested_on is None:
        yield REVIEW_NOT_REQUESTED()


def _decline_data(data: ReviewDecline, at: date) -> Iterator[tuple[str, str]]:
    if not data.justification.strip():
        yield "justification", "must not be empty"


def _final_parties(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """T13/T14 (seed): the final assessment is made with the client, multidisciplinarily."""
    final: FinalAssessment = p.data
    if Role.CLIENT not in final.participants:
        yield FINAL_CLIENT_MISSING()
    if len(final.participants & AUTHORITIES) < 2:
        yield FINAL_NOT_MULTIDISCIPLINARY()


def _ending(p: Proposal[Any, Any]) -> Iterator[Reason]:
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


def _ending_data(ending: Ending, at: date) -> Iterator[tuple[str, str]]:
    if ending.next_service is not None and ending.next_party is None:
        yield "next_service", "needs next_party"
    if ending.next_service is not None and not ending.next_service.strip():
        yield "next_service", "must not be empty"


def _closing(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """Closing outside Ratkaise: only factual ends once the client relationship has started."""
    closure = p.data.closure
    if closure is Closure.RESOLVED:
        yield CLOSE_RESOLVED()
    elif closure in _BEFORE_ADMISSION and p.state != "tunnista":
        yield CLOSE_AFTER_ADMISSION(closure=closure.value)


# --------------------------------------------------------------------------- reducers


def _evolve(**changes: Any) -> Any:
    def apply(ctx: TypContext, event: Any) -> TypContext:
        values = {
            k: (event.at if v is _AT else event.data if v is _DATA else v)
            for k, v in changes.items()
        }
        return attrs.evolve(ctx, **values)

    return apply


_AT = object()
_DATA = object()


def _plan_made(ctx: TypContext, event: Any) -> TypContext:
    # A new or revised plan restarts its clocks: reviews (T9), review asks (T10), reports (T12).
    return attrs.evolve(
        ctx,
        plan=event.data,
        plan_on=event.at,
        last_review_on=event.at,
        review_requested_on=None,
        reported_on=None,
    )


def _ended(ctx: TypContext, event: Any) -> TypContext:
    ending: Ending = event.data
    return attrs.evolve(
        ctx,
        ended_on=event.at,
        closure=Closure.RESOLVED,
        next_party=ending.next_party,
        next_service=ending.next_service,
    )


def _closed(ctx: TypContext, event: Any) -> TypContext:
    return attrs.evolve(ctx, ended_on=event.at, closure=event.data.closure)


# --------------------------------------------------------------------------- deadlines


def _deadline_rule(policy: TypPolicy) -> Any:
    def deadline(code: str, label: Text, start: date, due: date, at: date) -> Deadline:
        return _deadline(code, label, start, due, at, roll_forward=policy.roll_forward)

    def deadlines(state: str, ctx: TypContext, at: date) -> Iterable[Deadline]:
        """T5 plan, T9 review, T10 requested review, T12 report, T17 retention."""
        if state == "suunnittele" and ctx.started_on is not None:
            due = add_months(ctx.started_on, policy.plan_due_months)
            yield deadline("typ.plan_due", PLAN_DUE_LABEL, ctx.started_on, due, at)
        if state in ("valmenna", "kokeile", "ratkaise") and ctx.last_review_on is not None:
            due = add_months(ctx.last_review_on, policy.review_interval_months)
            yield deadline("typ.review_due", REVIEW_DUE_LABEL, ctx.last_review_on, due, at)
            if ctx.review_requested_on is not None:
                due = add_days(ctx.review_requested_on, policy.requested_review_days)
                yield deadline(
                    "typ.requested_review_due",
                    REQUESTED_REVIEW_LABEL,
                    ctx.review_requested_on,
                    due,
                    at,
                )
            plan, plan_on = ctx.plan, ctx.plan_on
            if (
                plan is not None
                and plan_on is not None
                and plan.report_due is not None
                and (ctx.reported_on is None or ctx.reported_on < plan_on)
            ):
                yield deadline(
                    "typ.client_report_due", REPORT_DUE_LABEL, plan_on, plan.report_due, at
                )
        if state == "ended" and ctx.ended_on is not None:
            due = add_years(ctx.ended_on, policy.retention_years)
            yield deadline("typ.retention_until", RETENTION_LABEL, ctx.ended_on, due, at)

    return deadlines


PLAN_DUE_LABEL = Text(
    "Monialainen työllistymissuunnitelma valmis",
    "Den sektorsövergripande sysselsättningsplanen klar",
    "Multidisciplinary employment plan ready",
)
REVIEW_DUE_LABEL = Text("Suunnitelman tarkistus", "Översyn av planen", "Plan review")
REQUESTED_REVIEW_LABEL = Text(
    "Asiakkaan pyytämä tarkistus", "Översyn som klienten begärt", "Review asked for by the client"
)
REPORT_DUE_LABEL = Text(
    "Asiakkaan selvitys etenemisestä",
    "Klientens redogörelse för framstegen",
    "Client's progress report",
)
RETENTION_LABEL = Text(
    "Asiakastiedot poistettava", "Klientuppgifterna ska raderas", "Client data to be deleted"
)


# --------------------------------------------------------------------------- definition

_STATES = (
    State("tunnista", Text("Tunnista", "Identifiera", "Identify")),
    State("suunnittele", Text("Suunnittele", "Planera", "Plan")),
    State("valmenna", Text("Valmenna", "Coacha", "Coach")),
    State("kokeile", Text("Kokeile", "Pröva", "Try out")),
    State("ratkaise", Text("Ratkaise", "Lös", "Resolve")),
    State("ended", Text("Päättynyt", "Avslutad", "Ended"), final=True),
)
_ACTIVE = ("tunnista", "suunnittele", "valmenna", "kokeile", "ratkaise")
_PLAN_IN_FORCE = ("valmenna", "kokeile", "ratkaise")
EA, WC, KELA, CLIENT = Role.EMPLOYMENT_AUTHORITY, Role.WELLBEING_COUNTY, Role.KELA, Role.CLIENT


def _transitions(policy: TypPolicy) -> tuple[TransitionSpec, ...]:
    plan_reasons = (
        PLAN_PARTY_MISSING,
        PLAN_KELA_MISSING,
        PLAN_NO_SERVICES,
        PLAN_NO_FOLLOW_UP,
        PLAN_NO_JOB_SEARCH,
    )
    return (
        TransitionSpec(
            "start",
            (),
            "tunnista",
            AUTHORITIES,
            Text(
                "Ohjaus monialaiseen arvioon",
                "Hänvisning till sektorsövergripande bedömning",
                "Referral to the multidisciplinary assessment",
            ),
            apply=_evolve(referred_on=_AT),
        ),
        TransitionSpec(
            "admit",
            ("tunnista",),
            "suunnittele",
            AUTHORITIES,
            Text(
                "Asiakkuus alkaa",
                "Kundrelationen börjar",
                "Admission: the client relationship starts",
            ),
            payload=EntryFacts,
            guards=(_entry_guard(policy),),
            notes=(_screening_note(policy),),
            reasons=(
                FACT_MISSING,
                NO_NEED,
                NO_CRITERION,
                CRITERIA_UNKNOWN,
                NO_BENEFIT,
                NO_OBSTACLE,
                CONSULTATION_SUFFICES,
                SCREENING_MET,
                SCREENING_NONE,
            ),
            apply=_evolve(started_on=_AT),
            check_data=_entry_data,
        ),
        TransitionSpec(
            "make_plan",
            ("suunnittele",),
            "valmenna",
            frozenset({EA, WC}),
            Text("Suunnitelma laaditaan", "Planen utarbetas", "Make the plan"),
            payload=Plan,
            guards=(_mapping_covered, _plan_contents),
            reasons=(ASSESSMENT_INCOMPLETE, *plan_reasons),
            apply=_plan_made,
            check_data=_plan_data,
        ),
        TransitionSpec(
            "begin_trial",
            ("valmenna",),
            "kokeile",
            frozenset({EA, WC}),
            Text(
                "Suunnitelman toteutus alkaa",
                "Genomförandet av planen börjar",
                "Start carrying out the plan",
            ),
        ),
        TransitionSpec(
            "revise_plan",
            ("kokeile",),
            "valmenna",
            frozenset({EA, WC}),
            Text("Suunnitelmaa muutetaan", "Planen ändras", "Revise the plan"),
            payload=Plan,
            guards=(_plan_contents,),
            reasons=plan_reasons,
            apply=_plan_made,
            check_data=_plan_data,
        ),
        TransitionSpec(
            "review_plan",
            _PLAN_IN_FORCE,
            None,
            frozenset({EA}),
            Text("Suunnitelma tarkistetaan", "Planen ses över", "Review the plan"),
            payload=Review,
            guards=(_plan_exists, _review_parties),
            reasons=(REVIEW_NO_PLAN, REVIEW_PARTY_MISSING),
            apply=_evolve(last_review_on=_AT, review_requested_on=None),
        ),
        TransitionSpec(
            "request_review",
            _PLAN_IN_FORCE,
            None,
            frozenset({CLIENT, *AUTHORITIES}),
            Text(
                "Asiakas pyytää tarkistusta",
                "Klienten begär översyn",
                "The client asks for a review",
            ),
            guards=(_plan_exists, _no_pending_request),
            reasons=(REVIEW_NO_PLAN, REVIEW_ALREADY_REQUESTED),
            apply=_evolve(review_requested_on=_AT),
        ),
        TransitionSpec(
            "decline_review_request",
            _PLAN_IN_FORCE,
            None,
            frozenset({EA}),
            Text(
                "Tarkistuspyyntö on ilmeisen tarpeeton",
                "Begäran om översyn är uppenbart onödig",
                "Decline the review request as manifestly unnecessary",
            ),
            payload=ReviewDecline,
            guards=(_pending_request,),
            reasons=(REVIEW_NOT_REQUESTED,),
            apply=_evolve(review_requested_on=None),
            check_data=_decline_data,
        ),
        TransitionSpec(
            "report_progress",
            _PLAN_IN_FORCE,
            None,
            frozenset({CLIENT, EA}),
            Text(
                "Asiakas kertoo etenemisestä",
                "Klienten rapporterar framstegen",
                "The client reports progress",
            ),
            apply=_evolve(reported_on=_AT),
        ),
        TransitionSpec(
            "begin_resolution",
            ("suunnittele", "valmenna", "kokeile"),
            "ratkaise",
            AUTHORITIES,
            Text("Siirrytään päättämiseen", "Övergång till avslutningen", "Move to resolution"),
        ),
        TransitionSpec(
            "record_final_assessment",
            ("ratkaise",),
            None,
            AUTHORITIES,
            Text("Loppuarvio", "Slutbedömning", "Final assessment"),
            payload=FinalAssessment,
            guards=(_final_parties,),
            reasons=(FINAL_CLIENT_MISSING, FINAL_NOT_MULTIDISCIPLINARY),
            apply=_evolve(final_assessment_on=_AT),
        ),
        TransitionSpec(
            "end",
            ("ratkaise",),
            "ended",
            AUTHORITIES,
            Text("Asiakkuus päättyy", "Kundrelationen avslutas", "End the client relationship"),
            payload=Ending,
            guards=(_ending,),
            reasons=(END_NO_FINAL, END_JOINT_INCOMPLETE, END_NO_NEXT_STEP, END_NEXT_STEP_CONFLICT),
            apply=_ended,
            check_data=_ending_data,
        ),
        TransitionSpec(
            "close",
            _ACTIVE,
            "ended",
            AUTHORITIES,
            Text("Suljetaan muusta syystä", "Avslutas av annan orsak", "Close for another reason"),
            payload=Closing,
            guards=(_closing,),
            reasons=(CLOSE_AFTER_ADMISSION, CLOSE_RESOLVED),
            apply=_closed,
        ),
    )


@definition_builder(TypPolicy)
def definition_for(policy: TypPolicy) -> ProcessDefinition[Any, Any]:
    """The TYP definition under *policy*, built and compiled once per distinct policy."""
    return ProcessDefinition(
        name=NAME,
        version=VERSION,
        label=Text(
            "Työllistymistä edistävä monialainen yhteispalvelu (TYP)",
            "Sektorsövergripande samservice som främjar sysselsättningen",
            "Multidisciplinary joint service promoting employment (TYP)",
        ),
        policy=policy,
        states=_STATES,
        transitions=_transitions(policy),
        context_factory=TypContext,
        deadline_rule=_deadline_rule(policy),
    )


def definition(
    *,
    profile: Profile = "seed",
    plan_due_months: int = 3,
    review_interval_months: int = 3,
    requested_review_days: int = 14,
    retention_years: int = 4,
    leap_birthday: LeapBirthday = "feb28",
    roll_forward: bool = False,
) -> ProcessDefinition[Any, Any]:
    """Return the TYP definition under the given policy (see :class:`TypPolicy`).

    Raises:
        PathwayDataError: a policy value is out of range, naming the parameter.
    """
    return definition_for(
        TypPolicy(
            profile=profile,
            plan_due_months=plan_due_months,
            review_interval_months=review_interval_months,
            requested_review_days=requested_review_days,
            retention_years=retention_years,
            leap_birthday=leap_birthday,
            roll_forward=roll_forward,
        )
    )


def retention_until(context: TypContext, policy: TypPolicy) -> date | None:
    """The day the client's data is to be deleted (T17), or ``None`` while the pathway runs.

    Raises:
        PathwayDataError: *context* or *policy* is not TYP's.
    """
    require(context, TypContext, "context")
    require(policy, TypPolicy, "policy")
    if context.ended_on is None:
        return None
    return add_years(context.ended_on, policy.retention_years)


# The registry entry: what from_dict, definitions() and the testing kit read.
from ._registry import Process  # noqa: E402

PROCESSES = (Process(NAME, VERSION, TypPolicy, definition_for, "pathway_fsm.testing._typ"),)
"""This module's processes, as the registry lists them."""
