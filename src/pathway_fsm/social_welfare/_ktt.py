"""Rehabilitative work activity (kuntouttava työtoiminta, Act 189/2001) as a process.

The guards are plain functions of the proposal that take the limits from ``p.policy``;
the states and the transitions are module-level rows, the same under every policy.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import attrs

from .._calendar import add_days, add_months, age_on
from .._checks import bounded, deadline, not_after, not_before
from .._engine.definition import (
    ProcessDefinition,
    Proposal,
    State,
    TransitionSpec,
    definition_builder,
    guard,
)
from .._engine.model import Deadline, Event, Reason, Text
from .._engine.replace import evolve
from ..errors import PathwayDataError, field_name
from ._common import (
    CLIENT,
    COACH,
    EA,
    KTT,
    SOCIAL_REHABILITATION,
    SP,
    VERSION,
    WC,
    Closure,
    PaymentKind,
    closing,
    competence_transition,
    entering,
    hand_over,
    opening,
    path_rows,
    payment_transition,
    steps,
)
from ._ktt_facts import (
    DAY_MINUTES,
    ActivationPlan,
    Attendance,
    Benefit,
    Eligibility,
    EmploymentCondition,
    Interruption,
    KttContext,
    KttPolicy,
    PeriodStart,
    Route,
)
from ._ktt_reasons import (
    BENEFITS_NOT_EXPLAINED,
    CONDITION_NOT_MET,
    DAY_AGAIN,
    DAYS_BELOW,
    DAYS_EXCEEDED,
    ENTRY_MISSING,
    HOURS_BELOW,
    HOURS_EXCEEDED,
    INTERRUPTION_NOT_HEARD,
    INTERRUPTION_TOO_EARLY,
    NO_DUTY,
    NOT_EMPLOYMENT,
    OUTSIDE_AREA,
    OUTSIDE_PERIOD,
    PERIOD_TOO_LONG,
    PERIOD_TOO_SHORT,
    SCOPE_BENEFIT,
    SCOPE_FACT_MISSING,
    SCOPE_NO_EMPLOYMENT_PLAN,
    SCOPE_NO_THRESHOLD,
    SCOPE_NOT_HEARD,
    SCOPE_REFORM_ROUTE,
    SCOPE_TYP_NOT_COVERED,
    SIGNATURE_MISSING,
    STEWARD_NOT_NOTIFIED,
    WEEK_HOURS_EXCEEDED,
    WINDOW_EXCEEDED,
    WORK_NOT_EXAMINED,
)

__all__ = ["ktt_definition", "ktt_definition_for"]

SCOPE_REASONS = (
    SCOPE_FACT_MISSING,
    SCOPE_BENEFIT,
    SCOPE_NO_EMPLOYMENT_PLAN,
    SCOPE_NO_THRESHOLD,
    SCOPE_NOT_HEARD,
    SCOPE_TYP_NOT_COVERED,
    SCOPE_REFORM_ROUTE,
)
"""What the route check of a plan may report (A3–A5, A23)."""
LIMIT_REASONS = (
    PERIOD_TOO_SHORT,
    PERIOD_TOO_LONG,
    DAYS_BELOW,
    DAYS_EXCEEDED,
    HOURS_BELOW,
    HOURS_EXCEEDED,
    WEEK_HOURS_EXCEEDED,
    OUTSIDE_AREA,
)
"""What the limits of a plan may report (A11–A13, A19)."""
ATTENDANCE_REASONS = (
    OUTSIDE_PERIOD,
    DAY_AGAIN,
    HOURS_BELOW,
    HOURS_EXCEEDED,
    DAYS_EXCEEDED,
    WEEK_HOURS_EXCEEDED,
    WINDOW_EXCEEDED,
)
"""What a recorded day of participation may report (A11–A14)."""

# --------------------------------------------------------------------------- KTT guards

_UNDER_25 = Text("alle 25-vuotiaita", "personer under 25 år", "people under 25")
_OVER_25 = Text("25 vuotta täyttäneitä", "personer som fyllt 25 år", "people aged 25 or over")
_SUBSIDY_BENEFITS = {Benefit.LABOUR_MARKET_SUBSIDY, Benefit.SOCIAL_ASSISTANCE}
_REQUEST_BENEFITS = {*_SUBSIDY_BENEFITS, Benefit.UNEMPLOYMENT_ALLOWANCE}


def _at_least(value: int | None, limit: int) -> bool:
    return value is not None and value >= limit


def _thresholds(
    facts: Eligibility, on: date, policy: KttPolicy, *, plan_stands_in: bool = False
) -> Iterator[Reason]:
    """A3: a threshold for the client's age is met, with the employment plan it needs.

    Under 25, point (3) (the job-search conversation and 4 months mainly on social
    assistance) needs no employment plan; points (1) and (2), and every point at 25 or
    over, do, unless *plan_stands_in* (A5: the multidisciplinary plan takes its place).
    The reform bill keeps only the social-assistance points (A23).
    """
    if facts.birth_date is None:
        yield SCOPE_FACT_MISSING(fact="birth_date")
        return
    subsidy_counts = policy.scope == "189/2001"
    with_plan: tuple[bool, ...]
    if age_on(facts.birth_date, on, leap_birthday=policy.leap_birthday) < 25:
        with_plan = (
            subsidy_counts and _at_least(facts.subsidy_days_last_12_months, 180),
            subsidy_counts and facts.unemployment_allowance_exhausted,
        )
        without_plan = facts.interviewed and _at_least(facts.social_assistance_months, 4)
        group = _UNDER_25
    else:
        with_plan = (
            subsidy_counts and _at_least(facts.subsidy_days, 500),
            subsidy_counts and _at_least(facts.subsidy_days_after_earnings_related, 180),
            _at_least(facts.social_assistance_months, 12),
        )
        without_plan = False
        group = _OVER_25
    if without_plan:
        return
    if not any(with_plan):
        yield SCOPE_NO_THRESHOLD(age_group=group)
    elif not (facts.employment_plan or plan_stands_in):
        yield SCOPE_NO_EMPLOYMENT_PLAN()


def _replaces(facts: Eligibility, on: date, policy: KttPolicy) -> Iterator[Reason]:
    """A5: the multidisciplinary plan replaces the activation plan only where the act
    already reaches: a threshold of A3 met (the plan standing in for the employment
    plan), or KTT on request (A4): asked for, the client heard, a covered benefit."""
    if facts.benefit in _SUBSIDY_BENEFITS:
        if facts.birth_date is None and not facts.requested:
            yield SCOPE_FACT_MISSING(fact="birth_date")
            return
        if facts.birth_date is not None and not any(
            _thresholds(facts, on, policy, plan_stands_in=True)
        ):
            return
    if facts.requested and facts.benefit in _REQUEST_BENEFITS:
        if not facts.heard:
            yield SCOPE_NOT_HEARD()
        return
    yield SCOPE_TYP_NOT_COVERED()


@guard(*SCOPE_REASONS)
def _scope(p: Proposal[KttContext, KttPolicy]) -> Iterator[Reason]:
    """A3–A5 (D6): the route must fit the client's benefit and the profile's scope."""
    policy = p.policy
    plan: ActivationPlan = p.data
    facts = plan.eligibility
    reform = policy.scope == "HE 109/2025"
    if plan.route is Route.MULTIDISCIPLINARY_PLAN:
        # A23 (b): under the reform the plan is the route itself, made once the
        # 381/2023 §3 need (T2c) is found, so the act's thresholds do not apply.
        if not reform:
            yield from _replaces(facts, p.at, policy)
        return
    if reform and facts.benefit is not Benefit.SOCIAL_ASSISTANCE:
        yield SCOPE_REFORM_ROUTE(scope=policy.scope)
        return
    covered = _SUBSIDY_BENEFITS if plan.route is Route.THRESHOLDS else _REQUEST_BENEFITS
    if facts.benefit not in covered:
        # The client's own benefit is a personal fact (kept out of reprs): the reason
        # names the benefits the route covers instead.
        order = list(Benefit)
        yield SCOPE_BENEFIT(route=plan.route, covered=tuple(sorted(covered, key=order.index)))
        return
    if plan.route is Route.ON_REQUEST:
        if not facts.heard:
            yield SCOPE_NOT_HEARD()
        return
    yield from _thresholds(facts, p.at, policy)


_A18 = (
    (
        "full_time_entrepreneur",
        Text("päätoiminen yrittäjä", "företagare på heltid", "full-time entrepreneur"),
    ),
    ("full_time_student", Text("päätoiminen opiskelija", "heltidsstuderande", "full-time student")),
    (
        "in_employment_service",
        Text(
            "työllistymistä edistävässä palvelussa",
            "i en sysselsättningsfrämjande tjänst",
            "in an employment-promoting service",
        ),
    ),
)
_WORKS = Text(
    "työskentelee yli 8 tuntia viikossa",
    "arbetar mer än 8 timmar i veckan",
    "works more than 8 hours a week",
)


@guard(NO_DUTY)
def _no_duty(p: Proposal[KttContext, KttPolicy]) -> Iterator[Reason]:
    """A18: cases with no duty to arrange KTT are reported, not refused."""
    facts = p.data.eligibility
    if facts.work_hours_per_week > 8:
        yield NO_DUTY(case=_WORKS)
    for field, label in _A18:
        if getattr(facts, field):
            yield NO_DUTY(case=label)


_ENTRIES = ("goal", "description", "place", "support")
_OPTIONAL_ENTRIES = (
    "days_per_week",
    "minutes_per_day",
    "start_date",
    "period_months",
    "other_services",
    "evaluate_by",
)


@guard(ENTRY_MISSING, WORK_NOT_EXAMINED, BENEFITS_NOT_EXPLAINED, SIGNATURE_MISSING)
def _entries(p: Proposal[KttContext, KttPolicy]) -> Iterator[Reason]:
    """A7–A9: work and services examined first, every KTT entry, benefits told, signatures."""
    plan: ActivationPlan = p.data
    missing = [e for e in _ENTRIES if not getattr(plan, e).strip()]
    missing += [e for e in _OPTIONAL_ENTRIES if getattr(plan, e) is None]
    if missing:
        yield ENTRY_MISSING(entries=tuple(missing))
    if not plan.work_and_services_examined:
        yield WORK_NOT_EXAMINED()
    if not plan.benefits_explained:
        yield BENEFITS_NOT_EXPLAINED()
    for party in (EA, WC, CLIENT):
        if party not in plan.signed_by:
            yield SIGNATURE_MISSING(party=party)


def _day_length(minutes: int, policy: KttPolicy) -> Iterator[Reason]:
    """A13: a day of at least 4 hours and at most 8, counted in minutes."""
    if minutes < policy.min_minutes_per_day:
        yield HOURS_BELOW(minutes=minutes, limit=policy.min_minutes_per_day)
    if minutes > policy.max_minutes_per_day:
        yield HOURS_EXCEEDED(minutes=minutes, limit=policy.max_minutes_per_day)


@guard(*LIMIT_REASONS)
def _limits(p: Proposal[KttContext, KttPolicy]) -> Iterator[Reason]:
    """A11–A13, A19: period length, days a week, time a day and a week, the place."""
    policy = p.policy
    plan: ActivationPlan = p.data
    months, days, minutes = plan.period_months, plan.days_per_week, plan.minutes_per_day
    if months is not None and months < policy.min_period_months:
        yield PERIOD_TOO_SHORT(months=months, limit=policy.min_period_months)
    if months is not None and months > policy.max_period_months:
        yield PERIOD_TOO_LONG(months=months, limit=policy.max_period_months)
    if days is not None and days < policy.min_days_per_week:
        yield DAYS_BELOW(days=days, limit=policy.min_days_per_week)
    if days is not None and days > policy.max_days_per_week:
        yield DAYS_EXCEEDED(days=days, limit=policy.max_days_per_week)
    if minutes is not None:
        yield from _day_length(minutes, policy)
    if days is not None and minutes is not None and days * minutes > policy.max_minutes_per_week:
        yield WEEK_HOURS_EXCEEDED(minutes=days * minutes, limit=policy.max_minutes_per_week)
    if not plan.within_commuting_area and not plan.consent_outside_area:
        yield OUTSIDE_AREA()


def _plan_data(plan: ActivationPlan, at: date) -> Iterator[tuple[str, str]]:
    facts = plan.eligibility
    yield from bounded("days_per_week", plan.days_per_week, 7)
    yield from bounded("minutes_per_day", plan.minutes_per_day, DAY_MINUTES)
    yield from bounded("period_months", plan.period_months, 1200)
    yield from bounded("eligibility.work_hours_per_week", facts.work_hours_per_week, 168)
    for name in (
        "subsidy_days_last_12_months",
        "social_assistance_months",
        "subsidy_days",
        "subsidy_days_after_earnings_related",
    ):
        yield from bounded(f"eligibility.{name}", getattr(facts, name), 100_000)
    yield from not_after("eligibility.birth_date", facts.birth_date, at)
    yield from not_before("evaluate_by", plan.evaluate_by, at)
    yield from not_before("evaluate_by", plan.evaluate_by, plan.start_date, "start_date")


@guard(STEWARD_NOT_NOTIFIED)
def _steward(p: Proposal[KttContext, KttPolicy]) -> Iterator[Reason]:
    """A21: the shop steward is notified after the plan is made (or renewed, which clears
    the last notice) and before the start."""
    if p.context.steward_notified_on is None:
        yield STEWARD_NOT_NOTIFIED()


@guard(NOT_EMPLOYMENT)
def _no_contract(p: Proposal[KttContext, KttPolicy]) -> Iterator[Reason]:
    """A1: a KTT period is never recorded as an employment relationship."""
    if p.data.employment_contract:
        yield NOT_EMPLOYMENT()


@guard(NOT_EMPLOYMENT)
def _no_wage(p: Proposal[KttContext, KttPolicy]) -> Iterator[Reason]:
    """A1: no wage is recorded for rehabilitative work activity."""
    if p.data.kind is PaymentKind.WAGE:
        yield NOT_EMPLOYMENT()


def _day_of(entry: tuple[date, int]) -> date:
    return entry[0]


def _fullest_window(attendance: tuple[tuple[date, int], ...], day: date, months: int) -> int:
    """A14: the most days, *day* included, that any window of *months* holding *day* has.

    A window is a span of activity (D7): the one from day S holds S up to the day before
    ``add_months(S, months)``, so the longest window ending on a day E opens on
    :func:`_window_opens`. A window ending between recorded days holds no more than the
    one ending on the recorded day before it, so only the windows ending on *day* and on
    the recorded days after it, as long as their window still reaches back to *day*,
    need counting. The history is sorted by day, so each count is two bisections.
    """
    ends = [day]
    i = bisect.bisect_right(attendance, day, key=_day_of)
    while i < len(attendance) and _window_opens(attendance[i][0], months) <= day:
        ends.append(attendance[i][0])
        i += 1
    fullest = 0
    for end in ends:
        low = bisect.bisect_left(attendance, _window_opens(end, months), key=_day_of)
        high = bisect.bisect_right(attendance, end, key=_day_of)
        fullest = max(fullest, high - low + 1)
    return fullest


def _window_opens(end: date, months: int) -> date:
    """The first day S whose window of *months* still holds *end*: the earliest S with
    ``add_months(S, months) > end`` (D7). It is the day after ``add_months(end, -months)``
    unless month ends clamp: the window of 28 Feb 2025 opens on 1 Mar 2024, since the one
    from 29 Feb 2024 ends on 27 Feb 2025."""
    opens = add_days(add_months(end, -months), 1)
    while add_months(opens, months) <= end:
        opens = add_days(opens, 1)
    return opens


@guard(*ATTENDANCE_REASONS)
def _attendance(p: Proposal[KttContext, KttPolicy]) -> Iterator[Reason]:
    """A11–A14: the day in its period, its minutes, days a week, every 12-month window."""
    policy = p.policy
    ctx: KttContext = p.context
    data: Attendance = p.data
    day = data.day or p.at
    start, end = ctx.period_start, ctx.period_end
    assert start is not None
    assert end is not None
    if not start <= day <= end:
        yield OUTSIDE_PERIOD(day=day, start=start, end=end)
    attendance = ctx.attendance
    here = bisect.bisect_left(attendance, day, key=_day_of)
    if here < len(attendance) and attendance[here][0] == day:
        yield DAY_AGAIN(day=day)
        return
    yield from _day_length(data.minutes, policy)
    monday = day - timedelta(days=day.weekday())
    low = bisect.bisect_left(attendance, monday, key=_day_of)
    high = bisect.bisect_left(attendance, monday + timedelta(days=7), key=_day_of)
    week = attendance[low:high]
    if len(week) + 1 > policy.max_days_per_week:
        yield DAYS_EXCEEDED(days=len(week) + 1, limit=policy.max_days_per_week)
    week_minutes = sum(m for _, m in week) + data.minutes
    if week_minutes > policy.max_minutes_per_week:
        yield WEEK_HOURS_EXCEEDED(minutes=week_minutes, limit=policy.max_minutes_per_week)
    in_window = _fullest_window(attendance, day, policy.window_months)
    if in_window > policy.max_days_in_window:
        yield WINDOW_EXCEEDED(
            days=in_window, months=policy.window_months, limit=policy.max_days_in_window
        )


def _attendance_data(data: Attendance, at: date) -> Iterator[tuple[str, str]]:
    yield from bounded("minutes", data.minutes, DAY_MINUTES)
    yield from not_after("day", data.day, at)


_INTERRUPTION_MONTHS = 1  # A17, counted by C1 from the start of work or studies


@guard(INTERRUPTION_TOO_EARLY, INTERRUPTION_NOT_HEARD)
def _interruption(p: Proposal[KttContext, KttPolicy]) -> Iterator[Reason]:
    """A17: deemed interrupted only one month (C1) after work or studies began, once heard."""
    data: Interruption = p.data
    if p.at < add_months(data.started_on, _INTERRUPTION_MONTHS):
        yield INTERRUPTION_TOO_EARLY()
    if not data.heard:
        yield INTERRUPTION_NOT_HEARD()


def _interruption_data(data: Interruption, at: date) -> Iterator[tuple[str, str]]:
    return not_after("started_on", data.started_on, at)


@guard(CONDITION_NOT_MET)
def _condition_met(p: Proposal[KttContext, KttPolicy]) -> Iterator[Reason]:
    """A16: the plan is renewed until the employment condition is met; then it ends."""
    if p.data.met_on is None:
        yield CONDITION_NOT_MET()


def _condition_data(data: EmploymentCondition, at: date) -> Iterator[tuple[str, str]]:
    return not_after("met_on", data.met_on, at)


# --------------------------------------------------------------------------- KTT reducers


def _plan_made(ctx: KttContext, event: Event) -> KttContext:
    """A new or renewed plan; its period needs a notice of its own (A21)."""
    return evolve(
        ctx, plan=event.data, plan_on=event.at, last_review_on=event.at, steward_notified_on=None
    )


def _notified(ctx: KttContext, event: Event) -> KttContext:
    return evolve(ctx, steward_notified_on=event.at)


def _period_started(ctx: KttContext, event: Event) -> KttContext:
    assert ctx.plan is not None
    assert ctx.plan.period_months is not None
    # A11, D7: the start day is the period's first day, so n months from S end the day
    # before S + n months (C1).
    end = add_months(event.at, ctx.plan.period_months) - timedelta(days=1)
    return evolve(ctx, period_start=event.at, period_end=end, period_ended_on=None)


def _period_ended(ctx: KttContext, event: Event) -> KttContext:
    return evolve(ctx, period_ended_on=event.at)


def _attended(ctx: KttContext, event: Event) -> KttContext:
    data: Attendance = event.data
    day = data.day or event.at
    # Kept sorted by day, so a day recorded late lands in its place (A14).
    i = bisect.bisect_left(ctx.attendance, day, key=_day_of)
    entry = (day, data.minutes)
    return evolve(ctx, attendance=(*ctx.attendance[:i], entry, *ctx.attendance[i:]))


def _reviewed(ctx: KttContext, event: Event) -> KttContext:
    return evolve(ctx, last_review_on=event.at)


# --------------------------------------------------------------------------- KTT deadlines

_LIVE = ("planned", "in_period", "period_ended")

REVIEW_LABEL = Text(
    "Aktivointisuunnitelman tarkistus", "Översyn av aktiveringsplanen", "Activation plan review"
)
PERIOD_END_LABEL = Text(
    "Työtoimintajakso päättyy", "Perioden med arbetsverksamhet slutar", "The KTT period ends"
)
RENEWAL_LABEL = Text(
    "Aktivointisuunnitelma uusittava", "Aktiveringsplanen ska förnyas", "Renew the activation plan"
)
EVALUATION_LABEL = Text(
    "Vaikutukset arvioitava viimeistään",
    "Effekterna ska bedömas senast",
    "Evaluate the effects at the latest",
)


def _deadlines(policy: KttPolicy, state: str, ctx: KttContext, at: date) -> Iterator[Deadline]:
    """A10 review, A8 evaluation, A11 period end, A15 plan renewal."""
    if state not in _LIVE:
        return
    due: list[tuple[str, Text, date, date]] = []
    if ctx.last_review_on is not None:
        review = add_months(ctx.last_review_on, policy.review_interval_months)
        due.append(("ktt.review_due", REVIEW_LABEL, ctx.last_review_on, review))
    plan = ctx.plan
    if plan is not None and plan.evaluate_by is not None and ctx.plan_on is not None:
        due.append(("ktt.evaluation_due", EVALUATION_LABEL, ctx.plan_on, plan.evaluate_by))
    if state == "in_period" and ctx.period_start is not None and ctx.period_end is not None:
        due.append(("ktt.period_ends", PERIOD_END_LABEL, ctx.period_start, ctx.period_end))
    if state == "period_ended" and ctx.period_ended_on is not None:
        renewal = add_days(ctx.period_ended_on, policy.renewal_days)
        due.append(("ktt.plan_renewal_due", RENEWAL_LABEL, ctx.period_ended_on, renewal))
    for code, label, start, end in due:
        yield deadline(code, label, start, end, at, roll_forward=policy.roll_forward)


# --------------------------------------------------------------------------- the KTT path

_AUTHORITIES = frozenset({EA, WC})
_ORGANISERS = frozenset({WC, SP})
_WORKING = ("in_period", "period_ended")

STATES = steps(
    State(
        "drafting",
        Text(
            "Aktivointisuunnitelman laatiminen",
            "Aktiveringsplanen utarbetas",
            "Drafting the activation plan",
        ),
    ),
    State("planned", Text("Suunnitelma tehty", "Planen gjord", "Plan made")),
    State("in_period", Text("Jakso käynnissä", "Perioden pågår", "Period running")),
    State(
        "period_ended",
        Text(
            "Jakso päättynyt: suunnitelma uusitaan",
            "Perioden slut: planen förnyas",
            "Period ended: renew the plan",
        ),
    ),
)
"""The steps of rehabilitative work activity, the two final ones last."""

_MAKE_PLAN = TransitionSpec(
    trigger="make_plan",
    sources=("drafting",),
    dest="planned",
    roles=_AUTHORITIES,
    label=Text("Suunnitelma laaditaan", "Planen utarbetas", "Make the plan"),
    payload=ActivationPlan,
    guards=(_scope, _entries, _limits),
    notes=(_no_duty,),
    apply=entering(_plan_made),
    check_data=_plan_data,
)
# A8: the effects are evaluated and further action decided by the latest evaluation date;
# renewing the plan, handing the client on or ending on the employment condition decides it.
_DECIDED = ("ktt.evaluation_due",)
# A17: work or studies deem the plan interrupted, as the authorities decide.
_INTERRUPTED: dict[str, Any] = {
    "payload": Interruption,
    "guards": (_interruption,),
    "check_data": _interruption_data,
}

TRANSITIONS = path_rows(
    STATES,
    opening("drafting", _AUTHORITIES),
    _MAKE_PLAN,
    TransitionSpec(
        trigger="notify_shop_steward",
        sources=("planned",),
        dest=None,
        roles=_ORGANISERS,
        label=Text(
            "Ilmoitus luottamusmiehelle", "Förtroendemannen underrättas", "Notify the shop steward"
        ),
        apply=_notified,
    ),
    TransitionSpec(
        trigger="start_period",
        sources=("planned",),
        dest="in_period",
        roles=_ORGANISERS,
        label=Text("Jakso alkaa", "Perioden börjar", "Start the period"),
        payload=PeriodStart,
        guards=(_steward, _no_contract),
        apply=entering(_period_started),
    ),
    TransitionSpec(
        trigger="record_attendance",
        sources=("in_period",),
        dest=None,
        roles=_ORGANISERS,
        label=Text("Osallistumispäivä", "Deltagardag", "Record a day of participation"),
        payload=Attendance,
        guards=(_attendance,),
        apply=_attended,
        check_data=_attendance_data,
    ),
    payment_transition(("in_period",), frozenset({WC}), _no_wage),
    TransitionSpec(
        trigger="review_plan",
        sources=_LIVE,
        dest=None,
        roles=_AUTHORITIES,
        label=Text("Suunnitelma tarkistetaan", "Planen ses över", "Review the plan"),
        # A10: only a made plan is reviewed; the states after make_plan say so.
        apply=_reviewed,
        meets=("ktt.review_due",),
    ),
    TransitionSpec(
        trigger="end_period",
        sources=("in_period",),
        dest="period_ended",
        roles=_ORGANISERS,
        label=Text("Jakso päättyy", "Perioden slutar", "End the period"),
        apply=entering(_period_ended),
        meets=("ktt.period_ends",),
    ),
    # A15: the renewed plan is checked as the first one was.
    evolve(
        _MAKE_PLAN,
        trigger="renew_plan",
        sources=("period_ended",),
        label=Text("Suunnitelma uusitaan", "Planen förnyas", "Renew the plan"),
        meets=("ktt.plan_renewal_due", "ktt.review_due", *_DECIDED),
    ),
    hand_over(
        "to_employment_services",
        "employment_services",
        ("period_ended",),
        _AUTHORITIES,
        meets=_DECIDED,
    ),
    hand_over("to_typ", "typ", ("drafting", "period_ended"), _AUTHORITIES, meets=_DECIDED),
    hand_over(
        "to_social_rehabilitation",
        SOCIAL_REHABILITATION,
        ("period_ended",),
        _AUTHORITIES,
        meets=_DECIDED,
    ),
    closing("employed", Closure.EMPLOYED, _WORKING, _AUTHORITIES, **_INTERRUPTED),
    closing("starts_studies", Closure.STUDIES, _WORKING, _AUTHORITIES, **_INTERRUPTED),
    closing(
        "employment_condition_met",
        Closure.EMPLOYMENT_CONDITION_MET,
        ("period_ended",),
        _AUTHORITIES,
        label=Text(
            "Työssäoloehto täyttyy", "Arbetsvillkoret uppfylls", "The employment condition is met"
        ),
        payload=EmploymentCondition,
        guards=(_condition_met,),
        check_data=_condition_data,
        meets=_DECIDED,
    ),
    closing("not_eligible", Closure.NOT_ELIGIBLE, ("drafting",), _AUTHORITIES),
    closing("withdraw", Closure.CLIENT_DECLINED, ("drafting", *_LIVE), _AUTHORITIES | _ORGANISERS),
    competence_transition(("drafting", *_LIVE), _AUTHORITIES | _ORGANISERS | {COACH}),
)
"""Every trigger of rehabilitative work activity; the guards take their limits from the policy."""

_LABEL = Text(
    "Kuntouttava työtoiminta",
    "Arbetsverksamhet i rehabiliteringssyfte",
    "Rehabilitative work activity",
)


@definition_builder(KttPolicy)
def ktt_definition_for(policy: KttPolicy) -> ProcessDefinition[KttContext, KttPolicy]:
    """The KTT path under *policy*, built once per distinct policy."""
    return ProcessDefinition(
        name=KTT,
        version=VERSION,
        label=_LABEL,
        policy=policy,
        states=STATES,
        transitions=TRANSITIONS,
        context_factory=KttContext,
        deadline_rule=functools.partial(_deadlines, policy),
    )


def ktt_definition(**policy: Any) -> ProcessDefinition[KttContext, KttPolicy]:
    """Return the KTT definition; keywords are :class:`KttPolicy` fields.

    Raises:
        PathwayDataError: a policy value is out of range or unknown, naming it.
    """
    try:
        built = KttPolicy(**policy)
    except TypeError:
        unknown = sorted(set(policy) - {a.name for a in attrs.fields(KttPolicy)})
        raise PathwayDataError(
            [(f"$.{field_name(k)}", "unknown policy field") for k in unknown]
        ) from None
    return ktt_definition_for(built)
