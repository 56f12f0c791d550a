"""TYP's vocabulary: its policy, enums, payload classes and context.

Everything here is a value: the rules that read these values are in :mod:`._rules`.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Literal, TypedDict

import attrs

from .._calendar import LeapBirthday
from .._checks import DAYS, MONTHS, YEARS, count, flag, one_of
from .._engine.model import Role, Text

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


@attrs.frozen(kw_only=True)
class TypPolicy:
    """The policy values of TYP; every default is the documented one, and lives only here.

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

    profile: Profile = attrs.field(default="seed", validator=one_of(*PROFILES))
    plan_due_months: int = attrs.field(default=3, validator=count(*MONTHS))
    review_interval_months: int = attrs.field(default=3, validator=count(*MONTHS))
    requested_review_days: int = attrs.field(default=14, validator=count(*DAYS))
    retention_years: int = attrs.field(default=4, validator=count(*YEARS))
    leap_birthday: LeapBirthday = attrs.field(default="feb28", validator=one_of("feb28", "mar1"))
    roll_forward: bool = attrs.field(default=False, validator=flag)


class PolicyKeywords(TypedDict, total=False):
    """The keywords of ``typ.definition(...)``: the fields of :class:`TypPolicy`, for mypy."""

    profile: Profile
    plan_due_months: int
    review_interval_months: int
    requested_review_days: int
    retention_years: int
    leap_birthday: LeapBirthday
    roll_forward: bool


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


CLOSURE_LABELS = {
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

BEFORE_ADMISSION = frozenset({Closure.NOT_ADMITTED, Closure.CLIENT_DECLINED})
"""The closures that only a referral not yet admitted can have."""


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
