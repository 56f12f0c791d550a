"""Supported employment by quality criteria (IPS), and its fidelity report (I1–I15).

The process follows THL's five phases of quality-based job coaching (I2):

1. ``entry`` — referral, then the agreement with the client. The only entry condition is
   the client's own wish to work (zero exclusion, I6).
2. ``profiling`` — the vocational profile: the client's wishes, skills and strengths (I1).
3. ``job_search`` — rapid search on the open labour market; the first face-to-face
   employer contact about a competitive job is due within ``first_contact_days`` (I8).
4. and 5. ``working`` — placement only into competitive paid work (I7), support agreed
   with the employer, and follow-along support in and outside work with no time limit
   (I9). When a job ends the client goes back to ``job_search`` with no new screening
   (I10).

Then ``ended``, by the client's choice or a coded closure. Benefits counselling and the
discussion of disclosure are recorded as events (I14, items 12 and 13).

:func:`fidelity_report` reads one pathway's history against the quality criteria that a
history can show; :func:`caseload_report` adds the items that need a set of pathways
(caseload, employer diversity) and the organisational items the host declares.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

import attrs

from ._calendar import add_days, add_months
from ._checks import DAYS, MONTHS
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
from .errors import PathwayDataError

__all__ = [
    "CASELOAD_ITEMS",
    "DECLARED_ITEMS",
    "HISTORY_ITEMS",
    "ITEMS",
    "NAME",
    "VERSION",
    "Band",
    "BenefitsCounselling",
    "CaseloadReport",
    "CoachAssignment",
    "Criterion",
    "DisclosureDiscussion",
    "EmployerAgreement",
    "EmployerContact",
    "Entry",
    "ExclusionFactor",
    "FidelityItem",
    "FidelityReport",
    "IpsClosing",
    "IpsClosure",
    "IpsContext",
    "IpsPolicy",
    "JobEnd",
    "JobEndReason",
    "Placement",
    "SpecialistCaseload",
    "Status",
    "SupportContact",
    "VocationalProfile",
    "band",
    "caseload_report",
    "definition",
    "definition_for",
    "fidelity_report",
    "ips25_total",
]

NAME = "ips"
"""The definition's name, as stored in every pathway's ``to_dict`` form."""
VERSION = "1"
"""The definition's version, stored with every pathway; bumped when replay would change."""

COACH, COUNTY, EMPLOYER, CLIENT = (
    Role.JOB_COACH,
    Role.WELLBEING_COUNTY,
    Role.EMPLOYER,
    Role.CLIENT,
)


# --------------------------------------------------------------------------- policy


@attrs.frozen(kw_only=True)
class IpsPolicy:
    """The policy values of supported employment; every default is the documented one.

    Attributes:
        first_contact_days: the first face-to-face employer contact about a competitive
            job is due this many days after entry (I8; day 30 passes, day 31 does not).
        intensive_support_months: how long after a job starts support is intensive
            (I9; one month, an unverified anchor).
        intensive_contact_days: the longest gap between support contacts while support is
            intensive (I9; weekly, an unverified anchor).
        later_contact_months: the longest gap between support contacts after that
            (I9; monthly, an unverified anchor).
        roll_forward: whether a deadline on a weekend or holiday becomes overdue only
            after the next working day (C3); off by default.
    """

    first_contact_days: int = attrs.field(default=30, validator=_count(*DAYS))
    intensive_support_months: int = attrs.field(default=1, validator=_count(*MONTHS))
    intensive_contact_days: int = attrs.field(default=7, validator=_count(*DAYS))
    later_contact_months: int = attrs.field(default=1, validator=_count(*MONTHS))
    roll_forward: bool = attrs.field(default=False, validator=_flag)


# --------------------------------------------------------------------------- vocabulary


class ExclusionFactor(enum.StrEnum):
    """Facts that other services screen on and IPS never does (I6). Recorded, never blocking."""

    NOT_READY = "not_ready"
    DIAGNOSIS = "diagnosis"
    SYMPTOMS = "symptoms"
    SUBSTANCE_USE = "substance_use"
    HOSPITAL_HISTORY = "hospital_history"
    HOMELESSNESS = "homelessness"
    DISABILITY_LEVEL = "disability_level"
    LEGAL_INVOLVEMENT = "legal_involvement"


class Criterion(enum.StrEnum):
    """One condition of a competitive job (I7); a placement must meet all of them."""

    EMPLOYMENT_CONTRACT = "employment_contract"
    GOING_WAGE = "going_wage"
    OPEN_TO_ANYONE = "open_to_anyone"
    NOT_SHELTERED = "not_sheltered"
    NOT_RESERVED_FOR_DISABLED = "not_reserved_for_disabled"
    NOT_WORK_ACTIVITY = "not_work_activity"
    NOT_WORK_TRIAL = "not_work_trial"

    @property
    def label(self) -> Text:
        """The criterion in fi/sv/en."""
        return _CRITERION_LABELS[self]


_CRITERION_LABELS = {
    Criterion.EMPLOYMENT_CONTRACT: Text("työsopimus", "arbetsavtal", "an employment contract"),
    Criterion.GOING_WAGE: Text(
        "vähintään samaa työtä tekevien palkka",
        "minst den lön andra får för samma arbete",
        "at least the going wage for the work",
    ),
    Criterion.OPEN_TO_ANYONE: Text(
        "kenen tahansa haettavissa", "kan sökas av vem som helst", "open to any applicant"
    ),
    Criterion.NOT_SHELTERED: Text("ei suojatyötä", "inte skyddat arbete", "not sheltered work"),
    Criterion.NOT_RESERVED_FOR_DISABLED: Text(
        "ei varattu vammaisille",
        "inte reserverat för personer med funktionsnedsättning",
        "not set aside for disabled people",
    ),
    Criterion.NOT_WORK_ACTIVITY: Text(
        "ei kuntouttavaa työtoimintaa eikä työtoimintaa",
        "inte arbetsverksamhet i rehabiliteringssyfte eller arbetsverksamhet",
        "not rehabilitative work activity or work activity",
    ),
    Criterion.NOT_WORK_TRIAL: Text("ei työkokeilua", "inte arbetsprövning", "not a work trial"),
}


class JobEndReason(enum.StrEnum):
    """Why a job ended (data of ``job_ended``); none of them bars a new search (I10)."""

    RESIGNED = "resigned"
    DISMISSED = "dismissed"
    FIXED_TERM_ENDED = "fixed_term_ended"
    OTHER = "other"


class IpsClosure(enum.StrEnum):
    """Why supported employment ended. There is no code for a time limit (I9)."""

    CLIENT_CHOICE = "client_choice"
    """The client no longer wants the service (or support in the job)."""
    TRANSFERRED = "transferred"
    """The client moved on to another service."""
    MOVED_AWAY = "moved_away"
    DECEASED = "deceased"


# --------------------------------------------------------------------------- payloads


def _non_empty(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    if type(value) is str and not value.strip():
        raise PathwayDataError([(f"$.{attribute.name}", "must not be empty")])


@attrs.frozen(kw_only=True)
class Entry:
    """The agreement with the client (data of ``agree``).

    Attributes:
        wants_work: the client's own stated wish to get paid work; the only entry
            condition (I6).
        coach_id: the host's id for the job coach (employment specialist) who takes the
            client on; the caseload items count by it (I12 item 1).
        noted: facts other services screen on; recorded as given, never used (I6).
    """

    wants_work: bool | None = attrs.field(default=None, repr=False)
    coach_id: str = attrs.field(validator=_non_empty)
    noted: frozenset[ExclusionFactor] = attrs.field(default=frozenset(), repr=False)


@attrs.frozen(kw_only=True)
class VocationalProfile:
    """The client's vocational profile (data of ``make_profile`` and ``update_profile``, I1)."""

    wishes: tuple[str, ...] = attrs.field(default=(), repr=False)
    skills: tuple[str, ...] = attrs.field(default=(), repr=False)
    strengths: tuple[str, ...] = attrs.field(default=(), repr=False)


@attrs.frozen(kw_only=True)
class EmployerContact:
    """A contact with an employer during job search (I8, I12 item 17).

    Attributes:
        employer_id: the host's id for the employer.
        face_to_face: met in person (only such a contact counts for I8).
        competitive_job: about a competitive job on the open labour market (I7).
    """

    employer_id: str = attrs.field(validator=_non_empty)
    face_to_face: bool = False
    competitive_job: bool = False


@attrs.frozen(kw_only=True)
class Placement:
    """A job the client starts on the event's date (data of ``place``, I7).

    Each criterion is a fact the host states; a criterion left out is not met.

    Attributes:
        employer_id: the host's id for the employer (I12 item 20).
        employment_contract: the client works under an employment contract.
        going_wage: the pay is at least what others get for the same work.
        open_to_anyone: anyone could have applied for the job.
        sheltered: sheltered work.
        reserved_for_disabled: a job set aside for disabled people.
        work_activity: rehabilitative work activity or work activity (no employment).
        work_trial: a work trial (työkokeilu).
    """

    employer_id: str = attrs.field(validator=_non_empty)
    employment_contract: bool | None = None
    going_wage: bool | None = None
    open_to_anyone: bool | None = None
    sheltered: bool | None = None
    reserved_for_disabled: bool | None = None
    work_activity: bool | None = None
    work_trial: bool | None = None

    def failed(self) -> tuple[Criterion, ...]:
        """The competitive-job criteria this placement does not meet, in order (I7)."""
        facts = {
            Criterion.EMPLOYMENT_CONTRACT: self.employment_contract is True,
            Criterion.GOING_WAGE: self.going_wage is True,
            Criterion.OPEN_TO_ANYONE: self.open_to_anyone is True,
            Criterion.NOT_SHELTERED: self.sheltered is False,
            Criterion.NOT_RESERVED_FOR_DISABLED: self.reserved_for_disabled is False,
            Criterion.NOT_WORK_ACTIVITY: self.work_activity is False,
            Criterion.NOT_WORK_TRIAL: self.work_trial is False,
        }
        return tuple(c for c, ok in facts.items() if not ok)


@attrs.frozen(kw_only=True)
class EmployerAgreement:
    """The support agreed with the employer (data of ``agree_employer_support``, I2 phase 4)."""

    support: str = attrs.field(validator=_non_empty, repr=False)


@attrs.frozen(kw_only=True)
class SupportContact:
    """A follow-along support contact with the worker (data of ``support_contact``, I9)."""

    in_person: bool = True


@attrs.frozen(kw_only=True)
class BenefitsCounselling:
    """Personal benefits counselling given (data of ``counsel_benefits``, I4(6), I12 item 12)."""

    personalised: bool = True


@attrs.frozen(kw_only=True)
class DisclosureDiscussion:
    """Whether the client chose to disclose their situation to employers (I12 item 13)."""

    client_discloses: bool = attrs.field(repr=False)


@attrs.frozen(kw_only=True)
class CoachAssignment:
    """A new job coach takes the client on (data of ``reassign_coach``)."""

    coach_id: str = attrs.field(validator=_non_empty)


@attrs.frozen(kw_only=True)
class JobEnd:
    """Why the job ended (data of ``job_ended``, I10)."""

    reason: JobEndReason


@attrs.frozen(kw_only=True)
class IpsClosing:
    """Why the pathway ends (data of ``end``).

    Attributes:
        closure: the coded reason.
        client_agreed: the client agreed to end; needed for ``client_choice`` when someone
            other than the client records it (I9).
    """

    closure: IpsClosure
    client_agreed: bool = False


# --------------------------------------------------------------------------- context


@attrs.frozen(kw_only=True)
class IpsContext:
    """What the history says about a supported-employment pathway; rebuilt by replay.

    Attributes:
        referred_on: the day of referral.
        entered_on: the day of the agreement with the client; the I8 clock starts here.
        coach_id: the job coach now responsible.
        profile: the latest vocational profile.
        first_contact_on: the first face-to-face employer contact about a competitive job.
        employer_id: the current employer while working; *job_started_on* the start.
        last_support_on: the latest support contact in the current job.
        discloses: the client's latest choice about disclosure (``None``: not discussed).
        ended_on: the day the pathway ended; *closure* why.
    """

    referred_on: date | None = None
    entered_on: date | None = None
    coach_id: str | None = None
    profile: VocationalProfile | None = attrs.field(default=None, repr=False)
    first_contact_on: date | None = None
    employer_id: str | None = None
    job_started_on: date | None = None
    last_support_on: date | None = None
    discloses: bool | None = attrs.field(default=None, repr=False)
    ended_on: date | None = None
    closure: IpsClosure | None = None


# --------------------------------------------------------------------------- reasons


def _kind(code: str, fi: str, sv: str, en: str) -> ReasonKind:
    return ReasonKind(code, Text(fi, sv, en))


NO_WISH = _kind(
    "ips.entry.no_wish_to_work",
    "Asiakas ei ole itse kertonut haluavansa palkkatyöhön; muuta ehtoa palveluun ei ole.",
    "Klienten har inte själv sagt att hen vill ha lönearbete; något annat villkor finns inte.",
    "The client has not said they want paid work; there is no other condition for entry.",
)
NOT_USED = _kind(
    "ips.entry.factors_not_used",
    "Kirjatut seikat eivät vaikuta pääsyyn palveluun: mukaan pääsee jokainen, joka haluaa töihin.",
    "De antecknade omständigheterna påverkar inte tillträdet till tjänsten: alla som vill "
    "arbeta får delta.",
    "The recorded circumstances do not affect entry to the service: everyone who wants to "
    "work may take part.",
)
NO_WISHES = _kind(
    "ips.profile.no_wishes",
    "Ammatillisesta profiilista puuttuvat asiakkaan omat toiveet työstä.",
    "Yrkesprofilen saknar klientens egna önskemål om arbete.",
    "The vocational profile does not record the client's own wishes about work.",
)
NO_COMPETENCE = _kind(
    "ips.profile.no_competence",
    "Ammatillisesta profiilista puuttuvat asiakkaan taidot ja vahvuudet.",
    "Yrkesprofilen saknar klientens färdigheter och styrkor.",
    "The vocational profile records none of the client's skills or strengths.",
)
NOT_COMPETITIVE = _kind(
    "ips.placement.not_competitive",
    "Työ ei ole kilpailtua palkkatyötä avoimilla työmarkkinoilla: ehto '{criterion}' ei täyty.",
    "Arbetet är inte konkurrensutsatt lönearbete på den öppna arbetsmarknaden: villkoret "
    "'{criterion}' uppfylls inte.",
    "The job is not competitive paid work on the open labour market: '{criterion}' is not met.",
)
NO_DISCLOSURE = _kind(
    "ips.employer.no_disclosure_consent",
    "Tuesta ei voi sopia työnantajan kanssa, ellei asiakas ole päättänyt kertoa tilanteestaan.",
    "Stödet kan inte avtalas med arbetsgivaren om klienten inte har valt att berätta om sin "
    "situation.",
    "Support cannot be agreed with the employer unless the client has chosen to disclose.",
)
CHOICE_UNCONFIRMED = _kind(
    "ips.end.client_choice_unconfirmed",
    "Asiakkaan valinnaksi kirjattu päättyminen vaatii asiakkaan suostumuksen.",
    "Ett avslut som antecknas som klientens val kräver klientens samtycke.",
    "An ending recorded as the client's choice needs the client's agreement.",
)

REASONS: tuple[ReasonKind, ...] = (
    NO_WISH,
    NOT_USED,
    NO_WISHES,
    NO_COMPETENCE,
    NOT_COMPETITIVE,
    NO_DISCLOSURE,
    CHOICE_UNCONFIRMED,
)
"""Every reason kind supported employment produces."""


# --------------------------------------------------------------------------- guards


def _wish_to_work(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """I6: the client's own wish to work is the one and only entry condition."""
    if p.data.wants_work is not True:
        yield NO_WISH()


def _factors_note(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """I6: readiness, diagnosis and the like are noted as unused, never as a refusal."""
    if p.data.noted:  # which ones is personal (kept out of reprs), so it is not rendered
        yield NOT_USED()


def _profile(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """I1, I2: the profile starts from the client's wishes, skills and strengths."""
    profile: VocationalProfile = p.data
    if not profile.wishes:
        yield NO_WISHES()
    if not profile.skills and not profile.strengths:
        yield NO_COMPETENCE()


def _competitive(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """I7: a placement is only into competitive paid work; one reason per failed criterion."""
    for criterion in p.data.failed():
        yield NOT_COMPETITIVE(criterion=criterion)


def _disclosed(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """I2 (confidentiality, self-determination): the employer hears only what the client allows."""
    if p.context.discloses is not True:
        yield NO_DISCLOSURE()


def _client_choice(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """I9: support lasts as long as the client wants; only the client chooses to stop."""
    closing: IpsClosing = p.data
    if (
        closing.closure is IpsClosure.CLIENT_CHOICE
        and p.actor.role is not CLIENT
        and not closing.client_agreed
    ):
        yield CHOICE_UNCONFIRMED()


def _text_items(values: tuple[str, ...], name: str) -> Iterator[tuple[str, str]]:
    for index, value in enumerate(values):
        if not value.strip():
            yield f"{name}[{index}]", "must not be empty"


def _profile_data(profile: VocationalProfile, at: date) -> Iterator[tuple[str, str]]:
    yield from _text_items(profile.wishes, "wishes")
    yield from _text_items(profile.skills, "skills")
    yield from _text_items(profile.strengths, "strengths")


# --------------------------------------------------------------------------- reducers


def _evolve(**changes: Any) -> Any:
    def apply(ctx: IpsContext, event: Any) -> IpsContext:
        return attrs.evolve(ctx, **{k: v(event) for k, v in changes.items()})

    return apply


def _contact(ctx: IpsContext, event: Any) -> IpsContext:
    contact: EmployerContact = event.data
    if ctx.first_contact_on is None and contact.face_to_face and contact.competitive_job:
        return attrs.evolve(ctx, first_contact_on=event.at)
    return ctx


def _placed(ctx: IpsContext, event: Any) -> IpsContext:
    # Being hired into a competitive job is the first employer contact if none came
    # before it (I8, D8): the rapid-search deadline closes, as fidelity item 15 says.
    first = event.at if ctx.first_contact_on is None else ctx.first_contact_on
    return attrs.evolve(
        ctx,
        employer_id=event.data.employer_id,
        job_started_on=event.at,
        last_support_on=None,
        first_contact_on=first,
    )


def _ended(ctx: IpsContext, event: Any) -> IpsContext:
    return attrs.evolve(
        ctx,
        ended_on=event.at,
        closure=event.data.closure,
        employer_id=None,
        job_started_on=None,
        last_support_on=None,
    )


def _at(event: Any) -> Any:
    return event.at


def _none(event: Any) -> None:
    return None


# --------------------------------------------------------------------------- deadlines

FIRST_CONTACT_LABEL = Text(
    "Ensimmäinen henkilökohtainen työnantajakontakti",
    "Den första personliga kontakten med en arbetsgivare",
    "First face-to-face employer contact",
)
SUPPORT_CONTACT_LABEL = Text(
    "Seuraava tukikontakti työssä", "Nästa stödkontakt i arbetet", "Next support contact in work"
)


def _support_due(job_started_on: date, last: date, policy: IpsPolicy) -> date:
    """The day the next support contact is due after the contact (or job start) *last* (I9)."""
    if last < add_months(job_started_on, policy.intensive_support_months):
        return add_days(last, policy.intensive_contact_days)
    return add_months(last, policy.later_contact_months)


def _deadline_rule(policy: IpsPolicy) -> Any:
    def deadline(code: str, label: Text, start: date, due: date, at: date) -> Deadline:
        return _deadline(code, label, start, due, at, roll_forward=policy.roll_forward)

    def deadlines(state: str, ctx: IpsContext, at: date) -> Iterable[Deadline]:
        """I8 first employer contact; I9 next follow-along contact (no end date)."""
        if state in ("profiling", "job_search") and ctx.first_contact_on is None:
            assert ctx.entered_on is not None
            due = add_days(ctx.entered_on, policy.first_contact_days)
            yield deadline(
                "ips.first_employer_contact_due", FIRST_CONTACT_LABEL, ctx.entered_on, due, at
            )
        if state == "working":
            assert ctx.job_started_on is not None
            last = ctx.last_support_on or ctx.job_started_on
            due = _support_due(ctx.job_started_on, last, policy)
            yield deadline("ips.support_contact_due", SUPPORT_CONTACT_LABEL, last, due, at)

    return deadlines


# --------------------------------------------------------------------------- definition

_STATES = (
    State(
        "entry", Text("Aloitus ja sopiminen", "Start och överenskommelse", "Entry and agreement")
    ),
    State(
        "profiling",
        Text(
            "Osaamisen kartoitus ja ammatillinen profiili",
            "Kartläggning och yrkesprofil",
            "Competence mapping and vocational profile",
        ),
    ),
    State("job_search", Text("Nopea työnhaku", "Snabb jobbsökning", "Rapid job search")),
    State(
        "working",
        Text(
            "Työssä: tuki työssä ja työn ulkopuolella",
            "I arbete: stöd i och utanför arbetet",
            "Working: support in and outside work",
        ),
    ),
    State("ended", Text("Päättynyt", "Avslutad", "Ended"), final=True),
)
_ACTIVE = ("profiling", "job_search", "working")
ACTIVE_STATES = _ACTIVE
"""The states in which a client counts towards a coach's caseload (I12 item 1)."""


def _transitions(policy: IpsPolicy) -> tuple[TransitionSpec, ...]:
    coaches = frozenset({COACH, COUNTY})
    return (
        TransitionSpec(
            "refer",
            (),
            "entry",
            frozenset({COACH, COUNTY, CLIENT}),
            Text(
                "Ohjaus tai oma yhteydenotto",
                "Hänvisning eller egen kontakt",
                "Referral or self-referral",
            ),
            apply=_evolve(referred_on=_at),
        ),
        TransitionSpec(
            "agree",
            ("entry",),
            "profiling",
            coaches,
            Text(
                "Sopimus asiakkaan kanssa",
                "Överenskommelse med klienten",
                "Agreement with the client",
            ),
            payload=Entry,
            guards=(_wish_to_work,),
            notes=(_factors_note,),
            reasons=(NO_WISH, NOT_USED),
            apply=_evolve(entered_on=_at, coach_id=lambda e: e.data.coach_id),
        ),
        TransitionSpec(
            "make_profile",
            ("profiling",),
            "job_search",
            coaches,
            Text("Ammatillinen profiili valmis", "Yrkesprofilen klar", "Vocational profile made"),
            payload=VocationalProfile,
            guards=(_profile,),
            reasons=(NO_WISHES, NO_COMPETENCE),
            apply=_evolve(profile=lambda e: e.data),
            check_data=_profile_data,
        ),
        TransitionSpec(
            "place",
            ("job_search",),
            "working",
            coaches,
            Text(
                "Työ alkaa avoimilla työmarkkinoilla",
                "Ett arbete på den öppna arbetsmarknaden börjar",
                "Start a competitive job",
            ),
            payload=Placement,
            guards=(_competitive,),
            reasons=(NOT_COMPETITIVE,),
            apply=_placed,
        ),
        TransitionSpec(
            "support_contact",
            ("working",),
            None,
            frozenset({COACH}),
            Text("Tukikontakti", "Stödkontakt", "Follow-along support contact"),
            payload=SupportContact,
            apply=_evolve(last_support_on=_at),
        ),
        TransitionSpec(
            "agree_employer_support",
            ("working",),
            None,
            frozenset({COACH, EMPLOYER}),
            Text(
                "Tuesta sovitaan työnantajan kanssa",
                "Stödet avtalas med arbetsgivaren",
                "Agree support with the employer",
            ),
            payload=EmployerAgreement,
            guards=(_disclosed,),
            reasons=(NO_DISCLOSURE,),
        ),
        TransitionSpec(
            "job_ended",
            ("working",),
            "job_search",
            frozenset({COACH, COUNTY, CLIENT}),
            Text(
                "Työ päättyy, haku jatkuu",
                "Arbetet slutar, sökandet fortsätter",
                "The job ends; search again",
            ),
            payload=JobEnd,
            apply=_evolve(employer_id=_none, job_started_on=_none, last_support_on=_none),
        ),
        TransitionSpec(
            "employer_contact",
            ("job_search",),
            None,
            frozenset({COACH, CLIENT}),
            Text("Työnantajakontakti", "Kontakt med arbetsgivare", "Employer contact"),
            payload=EmployerContact,
            apply=_contact,
        ),
        TransitionSpec(
            "update_profile",
            ("job_search", "working"),
            None,
            frozenset({COACH, CLIENT}),
            Text("Profiilia päivitetään", "Profilen uppdateras", "Update the profile"),
            payload=VocationalProfile,
            guards=(_profile,),
            reasons=(NO_WISHES, NO_COMPETENCE),
            apply=_evolve(profile=lambda e: e.data),
            check_data=_profile_data,
        ),
        TransitionSpec(
            "counsel_benefits",
            _ACTIVE,
            None,
            frozenset({COACH, COUNTY, Role.KELA}),
            Text("Etuusneuvonta", "Förmånsrådgivning", "Benefits counselling"),
            payload=BenefitsCounselling,
        ),
        TransitionSpec(
            "discuss_disclosure",
            _ACTIVE,
            None,
            frozenset({COACH}),
            Text(
                "Keskustelu tilanteesta kertomisesta",
                "Samtal om att berätta om situationen",
                "Discuss disclosure",
            ),
            payload=DisclosureDiscussion,
            apply=_evolve(discloses=lambda e: e.data.client_discloses),
        ),
        TransitionSpec(
            "reassign_coach",
            _ACTIVE,
            None,
            coaches,
            Text("Työhönvalmentaja vaihtuu", "Arbetscoachen byts", "Reassign the job coach"),
            payload=CoachAssignment,
            apply=_evolve(coach_id=lambda e: e.data.coach_id),
        ),
        TransitionSpec(
            "end",
            ("entry", *_ACTIVE),
            "ended",
            frozenset({COACH, COUNTY, CLIENT}),
            Text("Palvelu päättyy", "Tjänsten avslutas", "End the service"),
            payload=IpsClosing,
            guards=(_client_choice,),
            reasons=(CHOICE_UNCONFIRMED,),
            apply=_ended,
        ),
    )


@definition_builder(IpsPolicy)
def definition_for(policy: IpsPolicy) -> ProcessDefinition[Any, Any]:
    """Supported employment under *policy*, built and compiled once per distinct policy."""
    return ProcessDefinition(
        name=NAME,
        version=VERSION,
        label=Text(
            "Laatukriteereihin perustuva tuettu työllistyminen (IPS)",
            "Individanpassat stöd till arbete enligt kvalitetskriterier (IPS)",
            "Supported employment by quality criteria (IPS)",
        ),
        policy=policy,
        states=_STATES,
        transitions=_transitions(policy),
        context_factory=IpsContext,
        deadline_rule=_deadline_rule(policy),
    )


def definition(
    *,
    first_contact_days: int = 30,
    intensive_support_months: int = 1,
    intensive_contact_days: int = 7,
    later_contact_months: int = 1,
    roll_forward: bool = False,
) -> ProcessDefinition[Any, Any]:
    """Return supported employment under the given policy (see :class:`IpsPolicy`).

    Raises:
        PathwayDataError: a policy value is out of range, naming the parameter.
    """
    return definition_for(
        IpsPolicy(
            first_contact_days=first_contact_days,
            intensive_support_months=intensive_support_months,
            intensive_contact_days=intensive_contact_days,
            later_contact_months=later_contact_months,
            roll_forward=roll_forward,
        )
    )


from ._ips_fidelity import (  # noqa: E402 - the report reads the classes defined above
    CASELOAD_ITEMS,
    DECLARED_ITEMS,
    HISTORY_ITEMS,
    ITEMS,
    Band,
    CaseloadReport,
    FidelityItem,
    FidelityReport,
    SpecialistCaseload,
    Status,
    band,
    caseload_report,
    fidelity_report,
    ips25_total,
)

# The registry entry: what from_dict, definitions() and the testing kit read.
from ._registry import Process  # noqa: E402

PROCESSES = (Process(NAME, VERSION, IpsPolicy, definition_for, "pathway_fsm.testing._ips"),)
"""This module's processes, as the registry lists them."""
