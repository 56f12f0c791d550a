"""The facts of rehabilitative work activity (Act 189/2001): its policy, payloads and context."""

from __future__ import annotations

import enum
from datetime import date
from typing import Literal

import attrs

from .._calendar import LeapBirthday
from .._checks import DAYS, MONTHS, count, flag, one_of
from .._engine.model import Role, Text
from ..errors import PathwayDataError
from ._common import PathContext, Payment

__all__ = [
    "KTT_SCOPES",
    "ActivationPlan",
    "Attendance",
    "Benefit",
    "Eligibility",
    "EmploymentCondition",
    "Interruption",
    "KttContext",
    "KttPolicy",
    "KttScope",
    "PeriodStart",
    "Route",
]

DAY_MINUTES = 24 * 60
"""The minutes of a day: the most a day of participation can hold."""
WEEK_MINUTES = 7 * DAY_MINUTES
"""The minutes of a week."""
KttScope = Literal["189/2001", "HE 109/2025"]
"""Who needs an activation plan (D6): Act 189/2001 as written, or the unverified reform."""
KTT_SCOPES: tuple[KttScope, ...] = ("189/2001", "HE 109/2025")
"""Every activation-plan scope, the default (``"189/2001"``) first."""


@attrs.frozen(kw_only=True)
class KttPolicy:
    """The policy of rehabilitative work activity; every default is the law in force (D2).

    Attributes:
        scope: who needs an activation plan (A3–A5, D6): ``"189/2001"`` (default, the
            text in force in 2025) or ``"HE 109/2025"``, the reform bill as its committee
            papers describe it (unverified, A23).
        min_period_months, max_period_months: a period lasts 3–24 months (A11).
        min_days_per_week, max_days_per_week: 1–4 days a calendar week (A12; 1–5 in 2001).
        min_minutes_per_day, max_minutes_per_day, max_minutes_per_week: at least 4 hours
            (240 minutes) a day, at most 8 hours (480) a day and 40 hours (2400) a week
            (A13); minutes, so that a day of 3.5 hours can be stated and refused.
        max_days_in_window, window_months: at most 178 days within 12 months (A14; 230
            in 2001); the window rolls, and a new day is checked against every window
            that holds it, so a day recorded late cannot overfill a later window.
        review_interval_months: the plan is reviewed at least this often (A10).
        renewal_days: days after a period ends by which the plan is renewed (A15; the
            law gives none, so 0: renewed when the period ends, unv).
        leap_birthday: the birthday of someone born on 29 February in common years, for
            the age on the plan's date (C4, D3): ``"feb28"`` (default) or ``"mar1"``.
        roll_forward: deadlines falling on a weekend or holiday become overdue only
            after the next working day (C3); off by default.
    """

    scope: KttScope = attrs.field(default="189/2001", validator=one_of(*KTT_SCOPES))
    min_period_months: int = attrs.field(default=3, validator=count(*MONTHS))
    max_period_months: int = attrs.field(default=24, validator=count(*MONTHS))
    min_days_per_week: int = attrs.field(default=1, validator=count(1, 7))
    max_days_per_week: int = attrs.field(default=4, validator=count(1, 7))
    min_minutes_per_day: int = attrs.field(default=240, validator=count(1, DAY_MINUTES))
    max_minutes_per_day: int = attrs.field(default=480, validator=count(1, DAY_MINUTES))
    max_minutes_per_week: int = attrs.field(default=2400, validator=count(1, WEEK_MINUTES))
    max_days_in_window: int = attrs.field(default=178, validator=count(1, 366))
    window_months: int = attrs.field(default=12, validator=count(*MONTHS))
    review_interval_months: int = attrs.field(default=3, validator=count(*MONTHS))
    renewal_days: int = attrs.field(default=0, validator=count(0, DAYS[1]))
    leap_birthday: LeapBirthday = attrs.field(default="feb28", validator=one_of("feb28", "mar1"))
    roll_forward: bool = attrs.field(default=False, validator=flag)

    def __attrs_post_init__(self) -> None:
        pairs = (
            ("min_period_months", "max_period_months"),
            ("min_days_per_week", "max_days_per_week"),
            ("min_minutes_per_day", "max_minutes_per_day"),
        )
        bad = [
            (f"$.{low}", f"must not exceed {high}")
            for low, high in pairs
            if getattr(self, low) > getattr(self, high)
        ]
        if bad:
            raise PathwayDataError(bad)


class Route(enum.StrEnum):
    """How the client comes to rehabilitative work activity (A3–A5)."""

    THRESHOLDS = "thresholds"
    """The law applies: a threshold of A3 is met."""
    ON_REQUEST = "on_request"
    """Earlier, on the client's request, after hearing them (A4)."""
    MULTIDISCIPLINARY_PLAN = "multidisciplinary_plan"
    """The multidisciplinary employment plan (TYP) replaces the activation plan (A5)."""

    @property
    def label(self) -> Text:
        """The route's name in fi/sv/en."""
        return _ROUTE_LABELS[self]


_ROUTE_LABELS = {
    Route.THRESHOLDS: Text("lain kynnysehdot", "lagens tröskelvillkor", "the act's thresholds"),
    Route.ON_REQUEST: Text("pyynnöstä", "på begäran", "on request"),
    Route.MULTIDISCIPLINARY_PLAN: Text(
        "monialainen työllistymissuunnitelma",
        "sektorsövergripande sysselsättningsplan",
        "the multidisciplinary employment plan",
    ),
}


class Benefit(enum.StrEnum):
    """What the client mainly lives on (A3, A4)."""

    LABOUR_MARKET_SUBSIDY = "labour_market_subsidy"
    UNEMPLOYMENT_ALLOWANCE = "unemployment_allowance"
    SOCIAL_ASSISTANCE = "social_assistance"
    OTHER = "other"

    @property
    def label(self) -> Text:
        """The benefit's name in fi/sv/en."""
        return _BENEFIT_LABELS[self]


_BENEFIT_LABELS = {
    Benefit.LABOUR_MARKET_SUBSIDY: Text(
        "työmarkkinatuki", "arbetsmarknadsstöd", "labour market subsidy"
    ),
    Benefit.UNEMPLOYMENT_ALLOWANCE: Text(
        "työttömyyspäiväraha", "arbetslöshetsdagpenning", "unemployment allowance"
    ),
    Benefit.SOCIAL_ASSISTANCE: Text("toimeentulotuki", "utkomststöd", "social assistance"),
    Benefit.OTHER: Text("muu toimeentulo", "annan försörjning", "another income"),
}


@attrs.frozen(kw_only=True)
class Eligibility:
    """Facts the host knows about who the law applies to (A3–A5, A18); none is in a repr.

    Counts the client's situation does not need may be left out (D4: the library
    compares, it does not derive register facts).

    Attributes:
        benefit: what the client mainly lives on.
        birth_date: for the age on the plan's date (under 25 or not, C4).
        employment_plan: the client has an employment plan (A3): needed for every point
            at 25 or over and for points (1) and (2) under 25, not for point (3).
        subsidy_days_last_12_months: labour market subsidy days in the last 12 calendar
            months (A3, under 25 (1)).
        unemployment_allowance_exhausted: unemployment allowance, basic or
            earnings-related, was paid for its full maximum period (A3, under 25 (2)).
        interviewed: the client has had the job-search conversation of Act 380/2023
            §32(1)(2) (A3, under 25 (3)).
        social_assistance_months: months lived mainly on social assistance (A3).
        subsidy_days: labour market subsidy days on the basis of unemployment (A3, 25+ (1)).
        subsidy_days_after_earnings_related: subsidy days after the earnings-related
            period (A3, 25+ (2)).
        requested: the client asked for KTT before meeting a threshold (A4). On the
            ``on_request`` route the route itself records the request; on the
            ``multidisciplinary_plan`` route this fact shows KTT on request (A5).
        heard: the client was heard and the authorities judged KTT best supports them (A4).
        work_hours_per_week: hours a week worked non-occasionally in employment (A18).
        full_time_entrepreneur, full_time_student, in_employment_service: A18 cases.
    """

    benefit: Benefit = attrs.field(repr=False)
    birth_date: date | None = attrs.field(default=None, repr=False)
    employment_plan: bool = attrs.field(default=False, repr=False)
    subsidy_days_last_12_months: int | None = attrs.field(default=None, repr=False)
    unemployment_allowance_exhausted: bool = attrs.field(default=False, repr=False)
    interviewed: bool = attrs.field(default=False, repr=False)
    social_assistance_months: int | None = attrs.field(default=None, repr=False)
    subsidy_days: int | None = attrs.field(default=None, repr=False)
    subsidy_days_after_earnings_related: int | None = attrs.field(default=None, repr=False)
    requested: bool = attrs.field(default=False, repr=False)
    heard: bool = attrs.field(default=False, repr=False)
    work_hours_per_week: int = attrs.field(default=0, repr=False)
    full_time_entrepreneur: bool = attrs.field(default=False, repr=False)
    full_time_student: bool = attrs.field(default=False, repr=False)
    in_employment_service: bool = attrs.field(default=False, repr=False)


@attrs.frozen(kw_only=True)
class ActivationPlan:
    """The activation plan with its KTT entries (data of ``make_plan`` and ``renew_plan``).

    An entry left out is reported as missing (A8). *other_services* ``None`` is missing;
    an empty list records that there are none.

    Attributes:
        route: how the client comes to KTT (A3–A5).
        eligibility: the facts the route is checked on.
        goal, description, place, support: the goal, a description of the activity, the
            place, and the support and guidance (A8, A20).
        days_per_week, minutes_per_day: the weekly and daily duration, the day in
            minutes (A8, A12, A13).
        start_date, period_months: the planned start and the period's length (A8, A11).
        other_services: services alongside KTT (A8).
        evaluate_by: the latest day effects are evaluated and further steps decided (A8).
        within_commuting_area, consent_outside_area: the place's location (A19).
        work_and_services_examined: the drafting first examined whether work or public
            employment services can be offered (A7); KTT comes after them.
        benefits_explained: the client was told of the benefits for taking part (A9).
        signed_by: the parties who signed: employment authority, wellbeing county and
            client (A9).
    """

    route: Route
    eligibility: Eligibility = attrs.field(repr=False)
    goal: str = attrs.field(default="", repr=False)
    description: str = attrs.field(default="", repr=False)
    place: str = attrs.field(default="", repr=False)
    support: str = attrs.field(default="", repr=False)
    days_per_week: int | None = None
    minutes_per_day: int | None = None
    start_date: date | None = None
    period_months: int | None = None
    other_services: tuple[str, ...] | None = attrs.field(default=None, repr=False)
    evaluate_by: date | None = None
    within_commuting_area: bool = True
    consent_outside_area: bool = False
    work_and_services_examined: bool = False
    benefits_explained: bool = False
    signed_by: frozenset[Role] = frozenset()


@attrs.frozen(kw_only=True)
class PeriodStart:
    """Data of ``start_period``: a period never starts as an employment relationship (A1)."""

    employment_contract: bool = False


@attrs.frozen(kw_only=True)
class Attendance:
    """One day of participation as recorded (data of ``record_attendance``, D4).

    Attributes:
        minutes: the minutes taken part that day (A13).
        day: the day attended; the event's date when left out.
    """

    minutes: int
    day: date | None = None


@attrs.frozen(kw_only=True)
class Interruption:
    """Data of the ``employed`` and ``starts_studies`` exits, which deem the plan
    interrupted (A17, D4). Not in a repr.

    Attributes:
        started_on: the day the client started work or business, or full-time studies
            leading to a qualification, as the host knows it.
        heard: the client was heard before the plan is deemed interrupted.
    """

    started_on: date = attrs.field(repr=False)
    heard: bool = attrs.field(default=False, repr=False)


@attrs.frozen(kw_only=True)
class EmploymentCondition:
    """Data of the ``employment_condition_met`` exit (A16, D4). Not in a repr.

    Attributes:
        met_on: the day the client met the employment condition of the Unemployment
            Security Act, from the host's unemployment-security records; ``None`` when
            it is not known to be met.
    """

    met_on: date | None = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True)
class KttContext(PathContext):
    """What the history says about a KTT pathway; rebuilt exactly by replay.

    Attributes:
        plan: the activation plan in force; *plan_on* its date.
        last_review_on: the plan's date or its latest review (A10).
        steward_notified_on: when the shop steward was notified of the plan in force
            (A21); ``None`` until then, and again after a renewal.
        period_start, period_end: the running (or last) period; *period_end* is its
            last day, the day before the start plus the plan's months by C1 (A11, D7).
        period_ended_on: the day the last period ended (A15).
        attendance: every recorded day of participation as ``(day, minutes)``, sorted by
            day whatever order the days were recorded in (A12–A14).
        payments: the payments recorded (A1).
    """

    plan: ActivationPlan | None = attrs.field(default=None, repr=False)
    plan_on: date | None = None
    last_review_on: date | None = None
    steward_notified_on: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    period_ended_on: date | None = None
    attendance: tuple[tuple[date, int], ...] = attrs.field(default=(), repr=False)
    payments: tuple[Payment, ...] = attrs.field(default=(), repr=False)
