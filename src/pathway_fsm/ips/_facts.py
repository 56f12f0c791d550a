"""The words of supported employment (IPS): roles, policy, vocabulary, payloads, context.

Everything here is plain data. The rules that read it live in ``_rules``, the table of
transitions in ``_declaration``.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import TypedDict

import attrs

from .._checks import DAYS, MONTHS, count, flag
from .._engine.model import Role, Text
from .._needs import non_empty

__all__ = [
    "CLIENT",
    "COACH",
    "COUNTY",
    "EMPLOYER",
    "BenefitsCounselling",
    "CoachAssignment",
    "Criterion",
    "DisclosureDiscussion",
    "EmployerAgreement",
    "EmployerContact",
    "Entry",
    "ExclusionFactor",
    "IpsClosing",
    "IpsClosure",
    "IpsContext",
    "IpsPolicy",
    "JobEnd",
    "JobEndReason",
    "Placement",
    "PolicyKeywords",
    "SupportContact",
    "VocationalProfile",
]

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

    first_contact_days: int = attrs.field(default=30, validator=count(*DAYS))
    intensive_support_months: int = attrs.field(default=1, validator=count(*MONTHS))
    intensive_contact_days: int = attrs.field(default=7, validator=count(*DAYS))
    later_contact_months: int = attrs.field(default=1, validator=count(*MONTHS))
    roll_forward: bool = attrs.field(default=False, validator=flag)


class PolicyKeywords(TypedDict, total=False):
    """The keywords of ``ips.definition(...)``: the fields of :class:`IpsPolicy`, for mypy."""

    first_contact_days: int
    intensive_support_months: int
    intensive_contact_days: int
    later_contact_months: int
    roll_forward: bool


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
    coach_id: str = attrs.field(validator=non_empty)
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

    employer_id: str = attrs.field(validator=non_empty)
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

    employer_id: str = attrs.field(validator=non_empty)
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

    support: str = attrs.field(validator=non_empty, repr=False)


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

    coach_id: str = attrs.field(validator=non_empty)


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
