"""Social-welfare service paths as data (rules A1–A23, W1–W7, H1, H3).

A :class:`ServicePath` lists a service's steps with the roles responsible at each, the
moves between steps with the rules that guard them, and its exits. Every exit names the
next service or a coded :class:`Closure` ("A always leads to B", W7/H1). :func:`check_path`
reports unreachable steps, steps with no way out and exits that lead nowhere;
:func:`compile_path` turns a sound path into a :class:`~pathway_fsm.ProcessDefinition`.
Every compiled path also records recognised competences (W6) with
``recognise_competence``; a host connects its recognition system through the pathway's
:class:`~pathway_fsm.Hooks`.

Shipped paths, each with its own name, version and policy:

* ``ktt`` — rehabilitative work activity (kuntouttava työtoiminta, Act 189/2001):
  :func:`ktt_definition`;
* ``work_activity`` — work activity (työtoiminta) under §27 e of the old Social Welfare
  Act 710/1982, or secondarily the Disability Services Act 675/2023 (W3, W4):
  :func:`work_activity_definition`;
* ``employment_support`` — employment-supporting activity (työllistymistä tukeva
  toiminta) under §27 d of Act 710/1982 (W2): :func:`employment_support_definition`;
* ``social_rehabilitation`` — social rehabilitation (sosiaalinen kuntoutus) under
  §17 of the Social Welfare Act 1301/2014 (W5): :func:`social_rehabilitation_definition`.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from typing import Any, Literal

import attrs

from ._calendar import LeapBirthday, add_days, add_months, age_on, next_working_day
from ._checks import DAYS, MONTHS
from ._checks import count as _policy_count
from ._checks import flag as _flag
from ._checks import one_of as _one_of
from ._engine.definition import (
    DataCheck,
    DeadlineRule,
    Guard,
    ProcessDefinition,
    Proposal,
    Reducer,
    State,
    TransitionSpec,
    definition_builder,
)
from ._engine.model import Deadline, Event, Reason, ReasonKind, Role, Text
from .errors import DefinitionError, PathwayDataError, field_name, require

__all__ = [
    "EMPLOYMENT_SUPPORT",
    "KTT",
    "KTT_SCOPES",
    "SOCIAL_REHABILITATION",
    "VERSION",
    "WORK_ACTIVITY",
    "ActivationPlan",
    "Attendance",
    "Benefit",
    "Closure",
    "Competence",
    "Eligibility",
    "Employment",
    "EmploymentCondition",
    "EmploymentSupportContext",
    "EmploymentSupportPolicy",
    "Exit",
    "Interruption",
    "KttContext",
    "KttPolicy",
    "KttScope",
    "Measure",
    "MeasureKind",
    "Move",
    "PathContext",
    "Payment",
    "PaymentKind",
    "PeriodStart",
    "RehabilitationNeed",
    "Route",
    "ServicePath",
    "Setting",
    "SocialRehabilitationContext",
    "SocialRehabilitationPolicy",
    "Step",
    "SupportNeed",
    "WorkActivityBasis",
    "WorkActivityContext",
    "WorkActivityDecision",
    "WorkActivityPolicy",
    "WorkActivityTerms",
    "check_path",
    "compile_path",
    "employment_support_definition",
    "employment_support_definition_for",
    "employment_support_path",
    "ktt_definition",
    "ktt_definition_for",
    "ktt_path",
    "social_rehabilitation_definition",
    "social_rehabilitation_definition_for",
    "social_rehabilitation_path",
    "work_activity_definition",
    "work_activity_definition_for",
    "work_activity_path",
]

KTT = "ktt"
"""The name of the rehabilitative work activity path (kuntouttava työtoiminta)."""
WORK_ACTIVITY = "work_activity"
"""The name of the work activity path (työtoiminta, Social Welfare Act §27 e)."""
EMPLOYMENT_SUPPORT = "employment_support"
"""The name of the employment-supporting activity path (Social Welfare Act §27 d)."""
SOCIAL_REHABILITATION = "social_rehabilitation"
"""The name of the social rehabilitation path."""
VERSION = "1"
"""The version of every shipped path; bumped when old histories would replay differently."""

EA, WC, SP = Role.EMPLOYMENT_AUTHORITY, Role.WELLBEING_COUNTY, Role.SERVICE_PROVIDER
COACH, EMPLOYER, CLIENT = Role.JOB_COACH, Role.EMPLOYER, Role.CLIENT


def _kind(
    code: str, fi: str, sv: str, en: str, labels: Mapping[str, Mapping[str, Text]] | None = None
) -> ReasonKind:
    return ReasonKind(code, Text(fi, sv, en), labels or {})


# =========================================================================== the path as data


class Closure(enum.StrEnum):
    """A coded way a path ends without handing the client to a next service (W7)."""

    EMPLOYED = "employed"
    """The client moved to work on the open labour market."""
    STUDIES = "studies"
    """The client started studies."""
    NOT_ELIGIBLE = "not_eligible"
    """The client is not in the service's target group."""
    CLIENT_DECLINED = "client_declined"
    """The client did not want the service or left it."""
    NO_FURTHER_SERVICE = "no_further_service"
    """The parties jointly found that no further service is needed."""
    EMPLOYMENT_CONDITION_MET = "employment_condition_met"
    """The client met the employment condition of the Unemployment Security Act (A16)."""


@attrs.frozen
class Step:
    """A step of a path, its name in fi/sv/en, and the roles responsible at it (W6).

    The responsible roles may fire the moves and exits that leave the step, unless a
    move names its own roles. A *final* step ends the path and is reached by exits only.
    """

    name: str
    label: Text
    roles: frozenset[Role]
    final: bool = False


@attrs.frozen
class Move:
    """A move between steps (or, with *dest* ``None``, an event recorded within a step).

    The fields after *label* are those of a :class:`~pathway_fsm.TransitionSpec`: the
    payload class, the guards that enforce the rules, declared reasons and the reducer.
    """

    trigger: str
    sources: tuple[str, ...]
    dest: str | None
    label: Text
    payload: type[Any] | None = None
    guards: tuple[Guard, ...] = ()
    notes: tuple[Guard, ...] = ()
    reasons: tuple[ReasonKind, ...] = ()
    apply: Reducer | None = None
    check_data: DataCheck | None = None
    roles: frozenset[Role] | None = None


@attrs.frozen
class Exit:
    """A way out of the path into a final step, naming where the client goes (W7, H1).

    Exactly one of *next_service* (the id of the service that takes over) and *closure*
    (a coded ending) is set; :func:`check_path` reports an exit with neither. An exit that
    needs facts takes a *payload* with its *guards*, declared *reasons* and *check_data*,
    as a :class:`Move` does.
    """

    trigger: str
    sources: tuple[str, ...]
    dest: str
    label: Text
    next_service: str | None = None
    closure: Closure | None = None
    roles: frozenset[Role] | None = None
    payload: type[Any] | None = None
    guards: tuple[Guard, ...] = ()
    reasons: tuple[ReasonKind, ...] = ()
    check_data: DataCheck | None = None


@attrs.frozen(kw_only=True)
class PathContext:
    """What every path's history says; a path's own context class extends it.

    Attributes:
        opened_on: the day the path was opened.
        step_since: the day the client entered the current step.
        competences: the competences recognised on the path, oldest first (W6).
        exited_on: the day the client left through an exit.
        exit: the exit's trigger; *next_service* or *closure* where it led (W7).
    """

    opened_on: date | None = None
    step_since: date | None = None
    competences: tuple[Competence, ...] = attrs.field(default=(), repr=False)
    exited_on: date | None = None
    exit: str | None = None
    next_service: str | None = None
    closure: Closure | None = None


@attrs.frozen
class ServicePath:
    """A social-welfare service as data: steps, moves and exits, compiled by the engine.

    *start* is the step a new pathway opens in; *context* the frozen attrs class (a
    :class:`PathContext`) rebuilt from the history.
    """

    name: str
    version: str
    label: Text
    steps: tuple[Step, ...]
    start: str
    moves: tuple[Move, ...]
    exits: tuple[Exit, ...]
    context: type[PathContext] = PathContext


# --------------------------------------------------------------------------- path checks

UNKNOWN_STEP = _kind(
    "welfare.path.unknown_step",
    "Siirto '{trigger}' viittaa tuntemattomaan vaiheeseen '{step}'.",
    "Övergången '{trigger}' hänvisar till ett okänt steg '{step}'.",
    "Move '{trigger}' names an unknown step '{step}'.",
)
UNREACHABLE_STEP = _kind(
    "welfare.path.unreachable_step",
    "Vaiheeseen '{step}' ei pääse polun alusta.",
    "Steget '{step}' kan inte nås från stigens början.",
    "Step '{step}' cannot be reached from the start of the path.",
)
TRAP_STEP = _kind(
    "welfare.path.trap_step",
    "Vaiheesta '{step}' ei ole tietä ulos polulta.",
    "Från steget '{step}' finns ingen väg ut ur stigen.",
    "Step '{step}' has no way out of the path.",
)
EXIT_NOWHERE = _kind(
    "welfare.path.exit_leads_nowhere",
    "Poistuminen '{trigger}' ei nimeä seuraavaa palvelua eikä koodattua päättymissyytä.",
    "Utgången '{trigger}' anger varken nästa tjänst eller en kodad avslutningsorsak.",
    "Exit '{trigger}' names neither a next service nor a coded closure.",
)
EXIT_AMBIGUOUS = _kind(
    "welfare.path.exit_ambiguous",
    "Poistuminen '{trigger}' nimeää sekä seuraavan palvelun että päättymissyyn.",
    "Utgången '{trigger}' anger både nästa tjänst och en avslutningsorsak.",
    "Exit '{trigger}' names both a next service and a closure.",
)
FINAL_WITHOUT_EXIT = _kind(
    "welfare.path.final_without_exit",
    "Siirto '{trigger}' vie päätösvaiheeseen '{step}' nimeämättä, mihin asiakas siirtyy.",
    "Övergången '{trigger}' leder till slutsteget '{step}' utan att ange vart klienten går.",
    "Move '{trigger}' leads to final step '{step}' without saying where the client goes.",
)
EXIT_NOT_FINAL = _kind(
    "welfare.path.exit_not_final",
    "Poistuminen '{trigger}' vie vaiheeseen '{step}', joka ei ole päätösvaihe.",
    "Utgången '{trigger}' leder till steget '{step}', som inte är ett slutsteg.",
    "Exit '{trigger}' leads to step '{step}', which is not a final step.",
)
UNKNOWN_SERVICE = _kind(
    "welfare.path.unknown_next_service",
    "Poistuminen '{trigger}' vie palveluun '{service}', jota ei tunneta.",
    "Utgången '{trigger}' leder till tjänsten '{service}', som inte är känd.",
    "Exit '{trigger}' leads to service '{service}', which is not known.",
)
PATH_REASONS = (
    UNKNOWN_SERVICE,
    UNKNOWN_STEP,
    UNREACHABLE_STEP,
    TRAP_STEP,
    EXIT_NOWHERE,
    EXIT_AMBIGUOUS,
    FINAL_WITHOUT_EXIT,
    EXIT_NOT_FINAL,
)
"""Every reason kind :func:`check_path` produces."""


def _walk(start: str, edges: dict[str, set[str]]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def check_path(
    path: ServicePath, *, known_services: Iterable[str] | None = None
) -> tuple[Reason, ...]:
    """Every problem of *path*: unknown or unreachable steps, traps, exits that lead nowhere.

    With *known_services* (e.g. the ids of a municipality's service map), an exit naming
    any other service also leads nowhere. An empty result means the path is sound (W7,
    H1). The reasons carry fi/sv/en text.

    Raises:
        PathwayDataError: *path* is not a :class:`ServicePath`, or *known_services* is not
            an iterable of service ids.
    """
    require(path, ServicePath, "path")
    given: object = known_services
    if given is not None and (
        isinstance(given, (str, bytes))
        or not isinstance(given, Iterable)
        or not all(isinstance(k, str) for k in given)
    ):
        raise PathwayDataError([("known_services", "expected an iterable of service ids")])
    known = None if known_services is None else frozenset(known_services)
    problems: list[Reason] = []
    steps = {s.name: s for s in path.steps}
    finals = {s.name for s in path.steps if s.final}
    forward: dict[str, set[str]] = {}
    backward: dict[str, set[str]] = {}
    if path.start not in steps:
        problems.append(UNKNOWN_STEP(trigger="open", step=path.start))
    edges: list[tuple[str, tuple[str, ...], str | None]] = [
        *((m.trigger, m.sources, m.dest) for m in path.moves),
        *((e.trigger, e.sources, e.dest) for e in path.exits),
    ]
    for trigger, sources, dest in edges:
        for step in (*sources, *([dest] if dest else [])):
            if step not in steps:
                problems.append(UNKNOWN_STEP(trigger=trigger, step=step))
        for source in sources:
            forward.setdefault(source, set()).add(dest or source)
            backward.setdefault(dest or source, set()).add(source)
    for move in path.moves:
        if move.dest in finals:
            problems.append(FINAL_WITHOUT_EXIT(trigger=move.trigger, step=move.dest))
    for exit_ in path.exits:
        if exit_.dest in steps and exit_.dest not in finals:
            problems.append(EXIT_NOT_FINAL(trigger=exit_.trigger, step=exit_.dest))
        service = (exit_.next_service or "").strip()
        if not service and exit_.closure is None:
            problems.append(EXIT_NOWHERE(trigger=exit_.trigger))
        elif service and exit_.closure is not None:
            problems.append(EXIT_AMBIGUOUS(trigger=exit_.trigger))
        elif service and known is not None and service not in known:
            problems.append(UNKNOWN_SERVICE(trigger=exit_.trigger, service=service))
    reachable = _walk(path.start, forward) if path.start in steps else set()
    can_leave: set[str] = set()
    for final in finals:
        can_leave |= _walk(final, backward)
    for name in steps:
        if name not in reachable:
            problems.append(UNREACHABLE_STEP(step=name))
        elif name not in can_leave:
            problems.append(TRAP_STEP(step=name))
    return tuple(_named(r, path) for r in problems)


def _named(reason: Reason, path: ServicePath) -> Reason:
    """*reason* showing the labels of the steps and moves it names, where they have one."""
    labels = {
        "trigger": {
            **{m.trigger: m.label for m in path.moves},
            **{e.trigger: e.label for e in path.exits},
        },
        "step": {s.name: s.label for s in path.steps},
    }
    shown = {
        field: labels[field][value]
        for field, value in reason.params.items()
        if field in labels and value in labels[field]
    }
    return reason.labelled(**shown) if shown else reason


# --------------------------------------------------------------------------- competence (W6)


@attrs.frozen(kw_only=True)
class Competence:
    """A recognised competence (data of ``recognise_competence``, W6).

    Attributes:
        competence_id: the id in the host's recognition system (e.g. a PAIKKO entry).
        description: what the client can do, in the host's words.
        recognised_by: who recognised it: an opaque id of a person or organisation.
        recognised_on: the day it was recognised; the event's date when left out.
    """

    competence_id: str
    description: str = attrs.field(repr=False)
    recognised_by: str
    recognised_on: date | None = None


COMPETENCE_AGAIN = _kind(
    "welfare.competence.already_recognised",
    "Osaaminen '{competence}' on jo tunnistettu tällä polulla.",
    "Kompetensen '{competence}' har redan identifierats på denna stig.",
    "Competence '{competence}' is already recognised on this path.",
)


def _new_competence(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """W6: a competence is recognised once per path."""
    if any(c.competence_id == p.data.competence_id for c in p.context.competences):
        yield COMPETENCE_AGAIN(competence=p.data.competence_id)


def _competence_data(c: Competence, at: date) -> Iterator[tuple[str, str]]:
    for name in ("competence_id", "description", "recognised_by"):
        if not getattr(c, name).strip():
            yield name, "must not be empty"
    if c.recognised_on is not None and c.recognised_on > at:
        yield "recognised_on", "must not be after the event's date"


def _recognised(ctx: PathContext, event: Event) -> PathContext:
    c: Competence = event.data
    if c.recognised_on is None:
        c = attrs.evolve(c, recognised_on=event.at)
    return attrs.evolve(ctx, competences=(*ctx.competences, c))


# --------------------------------------------------------------------------- the compiler


def _moving(apply: Reducer | None) -> Reducer:
    def reducer(ctx: Any, event: Event) -> Any:
        if apply is not None:
            ctx = apply(ctx, event)
        if event.dest != event.source:
            ctx = attrs.evolve(ctx, step_since=event.at)
        return ctx

    return reducer


def _exiting(exit_: Exit) -> Reducer:
    def reducer(ctx: Any, event: Event) -> Any:
        return attrs.evolve(
            ctx,
            step_since=event.at,
            exited_on=event.at,
            exit=exit_.trigger,
            next_service=exit_.next_service,
            closure=exit_.closure,
        )

    return reducer


def _opened(ctx: Any, event: Event) -> Any:
    return attrs.evolve(ctx, opened_on=event.at, step_since=event.at)


def compile_path(
    path: ServicePath, *, policy: Any, deadline_rule: DeadlineRule | None = None
) -> ProcessDefinition[Any, Any]:
    """Compile *path* into a definition under *policy*, adding ``recognise_competence`` (W6).

    The start trigger is ``open``; each move and exit may be fired by its own roles or by
    the roles responsible for its source steps.

    Raises:
        DefinitionError: :func:`check_path` found problems, or the engine's validation did.
    """
    problems = check_path(path)
    if problems:
        raise DefinitionError(path.name, [r.message("en") for r in problems])
    steps = {s.name: s for s in path.steps}

    def roles(sources: tuple[str, ...], own: frozenset[Role] | None) -> frozenset[Role]:
        if own is not None:
            return own
        return frozenset(r for source in sources for r in steps[source].roles)

    everyone = frozenset({SP, COACH, *(r for s in path.steps for r in s.roles)})
    open_steps = tuple(s.name for s in path.steps if not s.final)
    specs = [
        TransitionSpec(
            "open",
            (),
            path.start,
            steps[path.start].roles,
            Text("Asiakkuus alkaa", "Klientrelationen börjar", "Open the path"),
            apply=_opened,
        ),
        *(
            TransitionSpec(
                m.trigger,
                m.sources,
                m.dest,
                roles(m.sources, m.roles),
                m.label,
                payload=m.payload,
                guards=m.guards,
                notes=m.notes,
                reasons=m.reasons,
                apply=_moving(m.apply),
                check_data=m.check_data,
            )
            for m in path.moves
        ),
        *(
            TransitionSpec(
                e.trigger,
                e.sources,
                e.dest,
                roles(e.sources, e.roles),
                e.label,
                payload=e.payload,
                guards=e.guards,
                reasons=e.reasons,
                apply=_exiting(e),
                check_data=e.check_data,
            )
            for e in path.exits
        ),
        TransitionSpec(
            "recognise_competence",
            open_steps,
            None,
            everyone,
            Text("Osaaminen tunnistetaan", "Kompetens identifieras", "Recognise a competence"),
            payload=Competence,
            guards=(_new_competence,),
            reasons=(COMPETENCE_AGAIN,),
            apply=_recognised,
            check_data=_competence_data,
        ),
    ]
    extra: dict[str, Any] = {} if deadline_rule is None else {"deadline_rule": deadline_rule}
    return ProcessDefinition(
        name=path.name,
        version=path.version,
        label=path.label,
        policy=policy,
        states=tuple(State(s.name, s.label, s.final) for s in path.steps),
        transitions=tuple(specs),
        context_factory=path.context,
        **extra,
    )


# --------------------------------------------------------------------------- shared pieces


class PaymentKind(enum.StrEnum):
    """What a payment to a participant is (A1, W3)."""

    EXPENSE_ALLOWANCE = "expense_allowance"
    """Kulukorvaus: the expense allowance of rehabilitative work activity."""
    WORK_ALLOWANCE = "work_allowance"
    """Työosuusraha: the small tax-free work allowance of work activity (W3)."""
    WAGE = "wage"
    """Palkka: pay under an employment contract."""


_FIELD_LABELS = {
    "birth_date": Text("syntymäaika", "födelsedatum", "birth date"),
    "goal": Text("tavoite", "mål", "goal"),
    "description": Text("toiminnan kuvaus", "beskrivning av verksamheten", "description"),
    "place": Text("toimintapaikka", "verksamhetsplats", "place of activity"),
    "support": Text("tuki", "stöd", "support"),
    "days_per_week": Text("päiviä viikossa", "dagar per vecka", "days a week"),
    "minutes_per_day": Text("minuutteja päivässä", "minuter per dag", "minutes a day"),
    "start_date": Text("alkamispäivä", "startdatum", "start date"),
    "period_months": Text("jakson pituus", "periodens längd", "length of the period"),
    "other_services": Text("muut palvelut", "andra tjänster", "other services"),
    "evaluate_by": Text("arviointiajankohta", "tidpunkt för utvärdering", "evaluation date"),
    "capacity_below_27d": Text(
        "toimintakyky ei riitä työllistymistä tukevaan toimintaan",
        "funktionsförmågan räcker inte för sysselsättningsfrämjande verksamhet",
        "capacity too reduced for employment-supporting activity",
    ),
    "income_mainly_benefits": Text(
        "toimeentulo pääosin sairauden tai vamman perusteella maksettavista etuuksista",
        "inkomst i huvudsak av förmåner på grund av sjukdom eller funktionsnedsättning",
        "living mainly on illness or disability benefits",
    ),
    "long_term_difficulty": Text(
        "pitkäaikainen erityinen vaikeus työllistyä",
        "långvarig särskild svårighet att få arbete",
        "long-term special difficulty in finding work",
    ),
    "needs_social_welfare_support": Text(
        "sosiaalihuollon tuen tarve",
        "behov av stöd inom socialvården",
        "need for social-welfare support",
    ),
    PaymentKind.EXPENSE_ALLOWANCE.value: Text(
        "kulukorvaus", "kostnadsersättning", "expense allowance"
    ),
    PaymentKind.WORK_ALLOWANCE.value: Text("työosuusraha", "arbetspremie", "work allowance"),
    PaymentKind.WAGE.value: Text("palkka", "lön", "wage"),
}
"""The names of the facts, plan entries and payments a reason may name by their id."""


@attrs.frozen(kw_only=True)
class Payment:
    """A payment to the participant (data of ``record_payment``).

    Attributes:
        kind: what the payment is.
        amount_cents: the amount in euro cents.
        paid_on: the day it was paid; the event's date when left out.
    """

    kind: PaymentKind
    amount_cents: int = attrs.field(repr=False)
    paid_on: date | None = None


def _payment_data(payment: Payment, at: date) -> Iterator[tuple[str, str]]:
    if payment.amount_cents < 0:
        yield "amount_cents", "must not be negative"
    if payment.paid_on is not None and payment.paid_on > at:
        yield "paid_on", "must not be after the event's date"


def _count(name: str, value: int | None, top: int) -> Iterator[tuple[str, str]]:
    if value is not None and not 0 <= value <= top:
        yield name, f"expected an integer from 0 to {top}"


def _deadline(code: str, label: Text, start: date, due: date, at: date, roll: bool) -> Deadline:
    working = next_working_day(due)
    return Deadline(
        code=code,
        start=start,
        due=due,
        due_working_day=working,
        overdue=at > (working if roll else due),
        label=label,
    )


_HANDED_OVER = Step(
    "handed_over",
    Text("Siirtynyt seuraavaan palveluun", "Överlämnad till nästa tjänst", "Handed over"),
    frozenset(),
    final=True,
)
_CLOSED = Step("closed", Text("Päättynyt", "Avslutad", "Closed"), frozenset(), final=True)


# =========================================================================== KTT (Act 189/2001)

_DAY_MINUTES = 24 * 60
_WEEK_MINUTES = 7 * _DAY_MINUTES

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

    scope: KttScope = attrs.field(default="189/2001")
    min_period_months: int = attrs.field(default=3, validator=_policy_count(*MONTHS))
    max_period_months: int = attrs.field(default=24, validator=_policy_count(*MONTHS))
    min_days_per_week: int = attrs.field(default=1, validator=_policy_count(1, 7))
    max_days_per_week: int = attrs.field(default=4, validator=_policy_count(1, 7))
    min_minutes_per_day: int = attrs.field(default=240, validator=_policy_count(1, _DAY_MINUTES))
    max_minutes_per_day: int = attrs.field(default=480, validator=_policy_count(1, _DAY_MINUTES))
    max_minutes_per_week: int = attrs.field(default=2400, validator=_policy_count(1, _WEEK_MINUTES))
    max_days_in_window: int = attrs.field(default=178, validator=_policy_count(1, 366))
    window_months: int = attrs.field(default=12, validator=_policy_count(*MONTHS))
    review_interval_months: int = attrs.field(default=3, validator=_policy_count(*MONTHS))
    renewal_days: int = attrs.field(default=0, validator=_policy_count(0, DAYS[1]))
    leap_birthday: LeapBirthday = attrs.field(default="feb28", validator=_one_of("feb28", "mar1"))
    roll_forward: bool = attrs.field(default=False, validator=_flag)

    @scope.validator
    def _scope(self, attribute: attrs.Attribute[str], value: str) -> None:
        if value not in KTT_SCOPES:
            raise PathwayDataError([("$.scope", f"expected one of {list(KTT_SCOPES)}")])

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
        steward_notified_on: when the shop steward was last notified (A21).
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


# --------------------------------------------------------------------------- KTT reasons

SCOPE_FACT_MISSING = _kind(
    "ktt.scope.fact_missing",
    "Soveltamisalan arviointiin tarvittava tieto puuttuu: {fact}.",
    "En uppgift som behövs för att bedöma tillämpningsområdet saknas: {fact}.",
    "A fact needed to check who the law applies to is missing: {fact}.",
    {"fact": _FIELD_LABELS},
)
SCOPE_BENEFIT = _kind(
    "ktt.scope.benefit_not_covered",
    "Reitti ({route}) koskee vain asiakasta, jonka pääasiallinen toimeentulo on: {covered}.",
    "Vägen ({route}) gäller bara en klient vars huvudsakliga försörjning är: {covered}.",
    "The route ({route}) covers only a client who mainly lives on: {covered}.",
)
SCOPE_NO_EMPLOYMENT_PLAN = _kind(
    "ktt.scope.no_employment_plan",
    "Täyttyvä lain edellytys koskee vain henkilöä, jolla on työllistymissuunnitelma.",
    "Det lagvillkor som uppfylls gäller endast den som har en sysselsättningsplan.",
    "The condition of the law that is met applies only to a person with an employment plan.",
)
SCOPE_NO_THRESHOLD = _kind(
    "ktt.scope.no_threshold_met",
    "Mikään lain {age_group} koskevista edellytyksistä ei täyty.",
    "Inget av lagens villkor för {age_group} uppfylls.",
    "None of the law's conditions for {age_group} is met.",
)
SCOPE_NOT_HEARD = _kind(
    "ktt.scope.not_heard",
    "Pyynnöstä järjestettävä työtoiminta edellyttää asiakkaan kuulemista ja arviota, että "
    "se tukee häntä parhaiten.",
    "Arbetsverksamhet på begäran förutsätter att klienten hörts och bedömningen att den "
    "stöder klienten bäst.",
    "KTT on request needs the client to be heard and the judgement that it supports them best.",
)
SCOPE_TYP_NOT_COVERED = _kind(
    "ktt.scope.multidisciplinary_plan_not_covered",
    "Monialainen työllistymissuunnitelma korvaa aktivointisuunnitelman vain henkilölle, "
    "jota lain edellytykset jo koskevat, tai pyynnöstä järjestettävässä työtoiminnassa "
    "kuullulle työmarkkinatuen, työttömyyspäivärahan tai toimeentulotuen saajalle.",
    "Den sektorsövergripande sysselsättningsplanen ersätter aktiveringsplanen endast för "
    "den som lagens villkor redan gäller, eller vid arbetsverksamhet på begäran för en "
    "hörd mottagare av arbetsmarknadsstöd, arbetslöshetsdagpenning eller utkomststöd.",
    "The multidisciplinary employment plan replaces the activation plan only for a person "
    "the act's conditions already cover, or for KTT on request by a client who was heard "
    "and lives on labour market subsidy, unemployment allowance or social assistance.",
)
SCOPE_REFORM_ROUTE = _kind(
    "ktt.scope.multidisciplinary_plan_required",
    "Työttömyysetuuden saaja ohjataan kuntouttavaan työtoimintaan vain monialaisella "
    "työllistymissuunnitelmalla (profiili {scope}).",
    "En mottagare av arbetslöshetsförmån hänvisas till arbetsverksamhet i "
    "rehabiliteringssyfte endast genom en sektorsövergripande sysselsättningsplan "
    "(profil {scope}).",
    "A client on unemployment benefit reaches KTT only through a multidisciplinary "
    "employment plan (profile {scope}).",
)
NO_DUTY = _kind(
    "ktt.no_duty_to_arrange",
    "Kuntouttavaa työtoimintaa ei ole velvollisuus järjestää: {case}.",
    "Det finns ingen skyldighet att ordna arbetsverksamhet i rehabiliteringssyfte: {case}.",
    "There is no duty to arrange rehabilitative work activity: {case}.",
)
ENTRY_MISSING = _kind(
    "ktt.plan.entry_missing",
    "Aktivointisuunnitelmasta puuttuu kuntouttavan työtoiminnan tieto: {entries}.",
    "Aktiveringsplanen saknar uppgifter om arbetsverksamheten: {entries}.",
    "The activation plan lacks KTT entries: {entries}.",
    {"entries": _FIELD_LABELS},
)
WORK_NOT_EXAMINED = _kind(
    "ktt.plan.work_and_services_not_examined",
    "Suunnitelmaan ei ole kirjattu, että työn ja julkisten työvoimapalvelujen "
    "tarjoamisen mahdollisuus on selvitetty ensin.",
    "Planen visar inte att möjligheten att erbjuda arbete eller offentlig "
    "arbetskraftsservice först har utretts.",
    "The plan does not record that work and public employment services were examined first.",
)
BENEFITS_NOT_EXPLAINED = _kind(
    "ktt.plan.benefits_not_explained",
    "Asiakkaalle ei ole kerrottu osallistumisen ajalta maksettavista etuuksista.",
    "Klienten har inte informerats om förmånerna som betalas under deltagandet.",
    "The client has not been told about the benefits paid for taking part.",
)
SIGNATURE_MISSING = _kind(
    "ktt.plan.signature_missing",
    "Suunnitelman allekirjoitus puuttuu: {party}.",
    "Planens underskrift saknas: {party}.",
    "The plan is not signed by: {party}.",
)
PERIOD_TOO_SHORT = _kind(
    "ktt.period_too_short",
    "Jakso on {months:kuukausi|kuukautta}; vähintään {limit:kuukausi|kuukautta}.",
    "Perioden är {months:månad|månader}; minst {limit:månad|månader}.",
    "The period is {months:month|months}; at least {limit:month|months}.",
)
PERIOD_TOO_LONG = _kind(
    "ktt.period_too_long",
    "Jakso on {months:kuukausi|kuukautta}; enintään {limit:kuukausi|kuukautta} kerrallaan.",
    "Perioden är {months:månad|månader}; högst {limit:månad|månader} åt gången.",
    "The period is {months:month|months}; at most {limit:month|months} at a time.",
)
DAYS_BELOW = _kind(
    "ktt.days_per_week_below_minimum",
    "Toimintaa on {days} päivänä viikossa; vähintään {limit}.",
    "Verksamheten pågår {days:dag|dagar} i veckan; minst {limit}.",
    "Activity on {days:day|days} a week; at least {limit}.",
)
DAYS_EXCEEDED = _kind(
    "ktt.days_per_week_exceeded",
    "Toimintaa on {days} päivänä kalenteriviikossa; enintään {limit}.",
    "Verksamheten pågår {days:dag|dagar} under kalenderveckan; högst {limit}.",
    "Activity on {days:day|days} in the calendar week; at most {limit}.",
)
HOURS_BELOW = _kind(
    "ktt.hours_per_day_below_minimum",
    "Päivässä on {minutes:minuutti|minuuttia} toimintaa; vähintään {limit:minuutti|minuuttia}.",
    "Dagen har {minutes:minut|minuter} verksamhet; minst {limit:minut|minuter}.",
    "{minutes:minute|minutes} of activity a day; at least {limit:minute|minutes}.",
)
HOURS_EXCEEDED = _kind(
    "ktt.hours_per_day_exceeded",
    "Päivässä on {minutes:minuutti|minuuttia} toimintaa; enintään {limit:minuutti|minuuttia}.",
    "Dagen har {minutes:minut|minuter} verksamhet; högst {limit:minut|minuter}.",
    "{minutes:minute|minutes} of activity a day; at most {limit:minute|minutes}.",
)
WEEK_HOURS_EXCEEDED = _kind(
    "ktt.hours_per_week_exceeded",
    "Viikossa on {minutes:minuutti|minuuttia} toimintaa; enintään {limit:minuutti|minuuttia}.",
    "Veckan har {minutes:minut|minuter} verksamhet; högst {limit:minut|minuter}.",
    "{minutes:minute|minutes} of activity in the week; at most {limit:minute|minutes}.",
)
WINDOW_EXCEEDED = _kind(
    "ktt.days_in_window_exceeded",
    "Osallistumispäiviä olisi {days} {months} kuukauden aikana; enintään {limit}.",
    "Deltagardagarna skulle vara {days} under {months:månad|månader}; högst {limit}.",
    "That makes {days:day|days} of participation within {months:month|months}; at most {limit}.",
)
OUTSIDE_AREA = _kind(
    "ktt.place_outside_commuting_area",
    "Toimintapaikka on työssäkäyntialueen ulkopuolella ilman asiakkaan suostumusta.",
    "Platsen ligger utanför pendlingsområdet utan klientens samtycke.",
    "The place is outside the client's commuting area and the client has not consented.",
)
STEWARD_NOT_NOTIFIED = _kind(
    "ktt.shop_steward_not_notified",
    "Luottamusmiehelle ei ole ilmoitettu ennen toiminnan alkua.",
    "Förtroendemannen har inte underrättats innan verksamheten börjar.",
    "The shop steward has not been notified before the start.",
)
NOT_EMPLOYMENT = _kind(
    "ktt.not_employment",
    "Kuntouttava työtoiminta ei ole työsuhde: työsopimusta tai palkkaa ei kirjata.",
    "Arbetsverksamhet i rehabiliteringssyfte är inget anställningsförhållande: inget "
    "arbetsavtal eller lön antecknas.",
    "Rehabilitative work activity is not employment: no employment contract or wage is recorded.",
)
OUTSIDE_PERIOD = _kind(
    "ktt.attendance.outside_period",
    "Päivä {day} ei ole käynnissä olevalla jaksolla ({start}–{end}).",
    "Dagen {day} hör inte till den pågående perioden ({start}–{end}).",
    "Day {day} is outside the running period ({start} to {end}).",
)
DAY_AGAIN = _kind(
    "ktt.attendance.day_already_recorded",
    "Päivän {day} osallistuminen on jo kirjattu.",
    "Deltagandet för dagen {day} är redan antecknat.",
    "Participation on {day} is already recorded.",
)
REVIEW_NO_PLAN = _kind(
    "ktt.review.no_plan",
    "Tarkistettavaa aktivointisuunnitelmaa ei ole.",
    "Det finns ingen aktiveringsplan att se över.",
    "There is no activation plan to review.",
)


INTERRUPTION_TOO_EARLY = _kind(
    "ktt.interruption.too_early",
    "Suunnitelman voi katsoa keskeytyneeksi vasta kuukauden kuluttua siitä, kun asiakas "
    "aloitti työn, yritystoiminnan tai päätoimiset opinnot.",
    "Planen kan anses avbruten först en månad efter att klienten började arbeta, driva "
    "företag eller studera på heltid.",
    "The plan can be deemed interrupted only one month after the client started work, "
    "business or full-time studies.",
)
INTERRUPTION_NOT_HEARD = _kind(
    "ktt.interruption.not_heard",
    "Asiakasta on kuultava ennen kuin suunnitelma katsotaan keskeytyneeksi.",
    "Klienten ska höras innan planen anses avbruten.",
    "The client must be heard before the plan is deemed interrupted.",
)
CONDITION_NOT_MET = _kind(
    "ktt.employment_condition_not_met",
    "Työttömyysturvalain työssäoloehdon täyttymistä ei ole kirjattu; suunnitelma uusitaan.",
    "Att arbetsvillkoret i lagen om utkomstskydd för arbetslösa uppfyllts har inte "
    "antecknats; planen förnyas.",
    "The employment condition of the Unemployment Security Act is not recorded as met; "
    "the plan is renewed.",
)


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


def _scope_guard(policy: KttPolicy) -> Guard:
    def guard(p: Proposal[Any, Any]) -> Iterator[Reason]:
        """A3–A5 (D6): the route must fit the client's benefit and the profile's scope."""
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

    return guard


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


def _no_duty(p: Proposal[Any, Any]) -> Iterator[Reason]:
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


def _entries(p: Proposal[Any, Any]) -> Iterator[Reason]:
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


def _limits(policy: KttPolicy) -> Guard:
    def guard(p: Proposal[Any, Any]) -> Iterator[Reason]:
        """A11–A13, A19: period length, days a week, time a day and a week, the place."""
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
        if (
            days is not None
            and minutes is not None
            and days * minutes > policy.max_minutes_per_week
        ):
            yield WEEK_HOURS_EXCEEDED(minutes=days * minutes, limit=policy.max_minutes_per_week)
        if not plan.within_commuting_area and not plan.consent_outside_area:
            yield OUTSIDE_AREA()

    return guard


def _plan_data(plan: ActivationPlan, at: date) -> Iterator[tuple[str, str]]:
    facts = plan.eligibility
    yield from _count("days_per_week", plan.days_per_week, 7)
    yield from _count("minutes_per_day", plan.minutes_per_day, _DAY_MINUTES)
    yield from _count("period_months", plan.period_months, 1200)
    yield from _count("eligibility.work_hours_per_week", facts.work_hours_per_week, 168)
    for name in (
        "subsidy_days_last_12_months",
        "social_assistance_months",
        "subsidy_days",
        "subsidy_days_after_earnings_related",
    ):
        yield from _count(f"eligibility.{name}", getattr(facts, name), 100_000)
    if facts.birth_date is not None and facts.birth_date > at:
        yield "eligibility.birth_date", "must not be after the event's date"
    if plan.evaluate_by is not None and plan.evaluate_by < at:
        yield "evaluate_by", "must not be before the event's date"
    if (
        plan.evaluate_by is not None
        and plan.start_date is not None
        and plan.evaluate_by < plan.start_date
    ):
        yield "evaluate_by", "must not be before start_date"


def _steward(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """A21: the shop steward is notified after the plan is made and before the start."""
    ctx: KttContext = p.context
    if (
        ctx.steward_notified_on is None
        or ctx.plan_on is None
        or ctx.steward_notified_on < ctx.plan_on
    ):
        yield STEWARD_NOT_NOTIFIED()


def _no_contract(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """A1: a KTT period is never recorded as an employment relationship."""
    if p.data.employment_contract:
        yield NOT_EMPLOYMENT()


def _no_wage(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """A1: no wage is recorded for rehabilitative work activity."""
    if p.data.kind is PaymentKind.WAGE:
        yield NOT_EMPLOYMENT()


def _day_of(entry: tuple[date, int]) -> date:
    return entry[0]


def _fullest_window(attendance: tuple[tuple[date, int], ...], day: date, months: int) -> int:
    """A14: the most days, *day* included, that any window of *months* holding *day* has.

    The window ending on a day E holds the days after ``add_months(E, -months)`` up to E
    (C1). A window ending between recorded days holds no more than the one ending on the
    recorded day before it, so only the windows ending on *day* and on the recorded days
    after it, as long as their window still reaches back to *day*, need counting. The
    history is sorted by day, so each count is two bisections.
    """
    ends = [day]
    i = bisect.bisect_right(attendance, day, key=_day_of)
    while i < len(attendance) and add_months(attendance[i][0], -months) < day:
        ends.append(attendance[i][0])
        i += 1
    fullest = 0
    for end in ends:
        opens = add_months(end, -months)
        low = bisect.bisect_right(attendance, opens, key=_day_of)
        high = bisect.bisect_right(attendance, end, key=_day_of)
        fullest = max(fullest, high - low + 1)
    return fullest


def _attendance_guard(policy: KttPolicy) -> Guard:
    def guard(p: Proposal[Any, Any]) -> Iterator[Reason]:
        """A11–A14: the day in its period, its minutes, days a week, every 12-month window."""
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

    return guard


def _attendance_data(data: Attendance, at: date) -> Iterator[tuple[str, str]]:
    yield from _count("minutes", data.minutes, _DAY_MINUTES)
    if data.day is not None and data.day > at:
        yield "day", "must not be after the event's date"


def _has_plan(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """A10: a review needs a plan."""
    if p.context.plan is None:
        yield REVIEW_NO_PLAN()


_INTERRUPTION_MONTHS = 1  # A17, counted by C1 from the start of work or studies


def _interruption(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """A17: deemed interrupted only one month (C1) after work or studies began, once heard."""
    data: Interruption = p.data
    if p.at < add_months(data.started_on, _INTERRUPTION_MONTHS):
        yield INTERRUPTION_TOO_EARLY()
    if not data.heard:
        yield INTERRUPTION_NOT_HEARD()


def _interruption_data(data: Interruption, at: date) -> Iterator[tuple[str, str]]:
    if data.started_on > at:
        yield "started_on", "must not be after the event's date"


def _condition_met(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """A16: the plan is renewed until the employment condition is met; then it ends."""
    if p.data.met_on is None:
        yield CONDITION_NOT_MET()


def _condition_data(data: EmploymentCondition, at: date) -> Iterator[tuple[str, str]]:
    if data.met_on is not None and data.met_on > at:
        yield "met_on", "must not be after the event's date"


# --------------------------------------------------------------------------- KTT reducers


def _plan_made(ctx: KttContext, event: Event) -> KttContext:
    return attrs.evolve(ctx, plan=event.data, plan_on=event.at, last_review_on=event.at)


def _notified(ctx: KttContext, event: Event) -> KttContext:
    return attrs.evolve(ctx, steward_notified_on=event.at)


def _period_started(ctx: KttContext, event: Event) -> KttContext:
    assert ctx.plan is not None
    assert ctx.plan.period_months is not None
    # A11, D7: the start day is the period's first day, so n months from S end the day
    # before S + n months (C1).
    end = add_months(event.at, ctx.plan.period_months) - timedelta(days=1)
    return attrs.evolve(ctx, period_start=event.at, period_end=end, period_ended_on=None)


def _period_ended(ctx: KttContext, event: Event) -> KttContext:
    return attrs.evolve(ctx, period_ended_on=event.at)


def _attended(ctx: KttContext, event: Event) -> KttContext:
    data: Attendance = event.data
    day = data.day or event.at
    # Kept sorted by day, so a day recorded late lands in its place (A14).
    i = bisect.bisect_left(ctx.attendance, day, key=_day_of)
    entry = (day, data.minutes)
    return attrs.evolve(ctx, attendance=(*ctx.attendance[:i], entry, *ctx.attendance[i:]))


def _paid(ctx: Any, event: Event) -> Any:
    payment: Payment = event.data
    if payment.paid_on is None:
        payment = attrs.evolve(payment, paid_on=event.at)
    return attrs.evolve(ctx, payments=(*ctx.payments, payment))


def _reviewed(ctx: KttContext, event: Event) -> KttContext:
    return attrs.evolve(ctx, last_review_on=event.at)


# --------------------------------------------------------------------------- KTT deadlines

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


def _ktt_deadlines(policy: KttPolicy) -> DeadlineRule:
    roll = policy.roll_forward

    def deadlines(state: str, ctx: KttContext, at: date) -> Iterator[Deadline]:
        """A10 review, A8 evaluation, A11 period end, A15 plan renewal."""
        if state not in ("planned", "in_period", "period_ended"):
            return
        if ctx.last_review_on is not None:
            due = add_months(ctx.last_review_on, policy.review_interval_months)
            yield _deadline("ktt.review_due", REVIEW_LABEL, ctx.last_review_on, due, at, roll)
        plan = ctx.plan
        if plan is not None and plan.evaluate_by is not None and ctx.plan_on is not None:
            yield _deadline(
                "ktt.evaluation_due", EVALUATION_LABEL, ctx.plan_on, plan.evaluate_by, at, roll
            )
        if state == "in_period" and ctx.period_start is not None and ctx.period_end is not None:
            yield _deadline(
                "ktt.period_ends", PERIOD_END_LABEL, ctx.period_start, ctx.period_end, at, roll
            )
        if state == "period_ended" and ctx.period_ended_on is not None:
            due = add_days(ctx.period_ended_on, policy.renewal_days)
            yield _deadline(
                "ktt.plan_renewal_due", RENEWAL_LABEL, ctx.period_ended_on, due, at, roll
            )

    return deadlines


# --------------------------------------------------------------------------- the KTT path


def ktt_path(policy: KttPolicy | None = None) -> ServicePath:
    """The rehabilitative work activity path under *policy* (default: the law in force)."""
    policy = policy or KttPolicy()
    plan_reasons = (
        SCOPE_FACT_MISSING,
        SCOPE_BENEFIT,
        SCOPE_NO_EMPLOYMENT_PLAN,
        SCOPE_NO_THRESHOLD,
        SCOPE_NOT_HEARD,
        SCOPE_TYP_NOT_COVERED,
        SCOPE_REFORM_ROUTE,
        ENTRY_MISSING,
        WORK_NOT_EXAMINED,
        BENEFITS_NOT_EXPLAINED,
        SIGNATURE_MISSING,
        PERIOD_TOO_SHORT,
        PERIOD_TOO_LONG,
        DAYS_BELOW,
        DAYS_EXCEEDED,
        HOURS_BELOW,
        HOURS_EXCEEDED,
        WEEK_HOURS_EXCEEDED,
        OUTSIDE_AREA,
        NO_DUTY,
    )
    plan_guards = (_scope_guard(policy), _entries, _limits(policy))
    live = ("planned", "in_period", "period_ended")

    def interrupting(trigger: str, label: Text, closure: Closure) -> Exit:
        """A17: an exit that deems the plan interrupted, decided by the authorities."""
        return Exit(
            trigger,
            ("in_period", "period_ended"),
            "closed",
            label,
            closure=closure,
            roles=frozenset({EA, WC}),
            payload=Interruption,
            guards=(_interruption,),
            reasons=(INTERRUPTION_TOO_EARLY, INTERRUPTION_NOT_HEARD),
            check_data=_interruption_data,
        )

    def plan_move(trigger: str, source: str, label: Text) -> Move:
        return Move(
            trigger,
            (source,),
            "planned",
            label,
            payload=ActivationPlan,
            guards=plan_guards,
            notes=(_no_duty,),
            reasons=plan_reasons,
            apply=_plan_made,
            check_data=_plan_data,
            roles=frozenset({EA, WC}),
        )

    return ServicePath(
        name=KTT,
        version=VERSION,
        label=Text(
            "Kuntouttava työtoiminta",
            "Arbetsverksamhet i rehabiliteringssyfte",
            "Rehabilitative work activity",
        ),
        steps=(
            Step(
                "drafting",
                Text(
                    "Aktivointisuunnitelman laatiminen",
                    "Aktiveringsplanen utarbetas",
                    "Drafting the activation plan",
                ),
                frozenset({EA, WC}),
            ),
            Step(
                "planned",
                Text("Suunnitelma tehty", "Planen gjord", "Plan made"),
                frozenset({EA, WC, SP}),
            ),
            Step(
                "in_period",
                Text("Jakso käynnissä", "Perioden pågår", "Period running"),
                frozenset({WC, SP}),
            ),
            Step(
                "period_ended",
                Text(
                    "Jakso päättynyt: suunnitelma uusitaan",
                    "Perioden slut: planen förnyas",
                    "Period ended: renew the plan",
                ),
                frozenset({EA, WC}),
            ),
            _HANDED_OVER,
            _CLOSED,
        ),
        start="drafting",
        moves=(
            plan_move(
                "make_plan",
                "drafting",
                Text("Suunnitelma laaditaan", "Planen utarbetas", "Make the plan"),
            ),
            Move(
                "notify_shop_steward",
                ("planned",),
                None,
                Text(
                    "Ilmoitus luottamusmiehelle",
                    "Förtroendemannen underrättas",
                    "Notify the shop steward",
                ),
                apply=_notified,
                roles=frozenset({WC, SP}),
            ),
            Move(
                "start_period",
                ("planned",),
                "in_period",
                Text("Jakso alkaa", "Perioden börjar", "Start the period"),
                payload=PeriodStart,
                guards=(_steward, _no_contract),
                reasons=(STEWARD_NOT_NOTIFIED, NOT_EMPLOYMENT),
                apply=_period_started,
                roles=frozenset({WC, SP}),
            ),
            Move(
                "record_attendance",
                ("in_period",),
                None,
                Text("Osallistumispäivä", "Deltagardag", "Record a day of participation"),
                payload=Attendance,
                guards=(_attendance_guard(policy),),
                reasons=(
                    OUTSIDE_PERIOD,
                    DAY_AGAIN,
                    HOURS_BELOW,
                    HOURS_EXCEEDED,
                    DAYS_EXCEEDED,
                    WEEK_HOURS_EXCEEDED,
                    WINDOW_EXCEEDED,
                ),
                apply=_attended,
                check_data=_attendance_data,
            ),
            Move(
                "record_payment",
                ("in_period",),
                None,
                Text("Maksu kirjataan", "Betalning antecknas", "Record a payment"),
                payload=Payment,
                guards=(_no_wage,),
                reasons=(NOT_EMPLOYMENT,),
                apply=_paid,
                check_data=_payment_data,
                roles=frozenset({WC}),
            ),
            Move(
                "review_plan",
                live,
                None,
                Text("Suunnitelma tarkistetaan", "Planen ses över", "Review the plan"),
                guards=(_has_plan,),
                reasons=(REVIEW_NO_PLAN,),
                apply=_reviewed,
                roles=frozenset({EA, WC}),
            ),
            Move(
                "end_period",
                ("in_period",),
                "period_ended",
                Text("Jakso päättyy", "Perioden slutar", "End the period"),
                apply=_period_ended,
            ),
            plan_move(
                "renew_plan",
                "period_ended",
                Text("Suunnitelma uusitaan", "Planen förnyas", "Renew the plan"),
            ),
        ),
        exits=(
            Exit(
                "to_employment_services",
                ("period_ended",),
                "handed_over",
                Text(
                    "Siirto työllisyyspalveluihin",
                    "Överlämning till arbetskraftstjänster",
                    "Hand over to employment services",
                ),
                next_service="employment_services",
            ),
            Exit(
                "to_typ",
                ("drafting", "period_ended"),
                "handed_over",
                Text(
                    "Siirto monialaiseen yhteispalveluun",
                    "Överlämning till samservicen",
                    "Hand over to TYP",
                ),
                next_service="typ",
            ),
            Exit(
                "to_social_rehabilitation",
                ("period_ended",),
                "handed_over",
                Text(
                    "Siirto sosiaaliseen kuntoutukseen",
                    "Överlämning till social rehabilitering",
                    "Hand over to social rehabilitation",
                ),
                next_service=SOCIAL_REHABILITATION,
            ),
            interrupting(
                "employed", Text("Työllistyy", "Får arbete", "Moves to work"), Closure.EMPLOYED
            ),
            interrupting(
                "starts_studies",
                Text("Aloittaa opinnot", "Börjar studera", "Starts studies"),
                Closure.STUDIES,
            ),
            Exit(
                "employment_condition_met",
                ("period_ended",),
                "closed",
                Text(
                    "Työssäoloehto täyttyy",
                    "Arbetsvillkoret uppfylls",
                    "The employment condition is met",
                ),
                closure=Closure.EMPLOYMENT_CONDITION_MET,
                payload=EmploymentCondition,
                guards=(_condition_met,),
                reasons=(CONDITION_NOT_MET,),
                check_data=_condition_data,
                roles=frozenset({EA, WC}),
            ),
            Exit(
                "not_eligible",
                ("drafting",),
                "closed",
                Text("Ei kuulu piiriin", "Omfattas inte", "Not in scope"),
                closure=Closure.NOT_ELIGIBLE,
            ),
            Exit(
                "withdraw",
                ("drafting", *live),
                "closed",
                Text("Asiakas keskeyttää", "Klienten avbryter", "The client withdraws"),
                closure=Closure.CLIENT_DECLINED,
            ),
        ),
        context=KttContext,
    )


@definition_builder(KttPolicy)
def ktt_definition_for(policy: KttPolicy) -> ProcessDefinition[Any, Any]:
    """The KTT path compiled under *policy*, once per distinct policy."""
    return compile_path(ktt_path(policy), policy=policy, deadline_rule=_ktt_deadlines(policy))


def ktt_definition(**policy: Any) -> ProcessDefinition[Any, Any]:
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


# ========================================================================= work activity (W3, W4)


class WorkActivityBasis(enum.StrEnum):
    """The act work activity is granted under (W1, W3, W4)."""

    SWA_710_1982 = "710/1982 27 e"
    """§27 e of the old Social Welfare Act 710/1982 (not of 1301/2014, W1)."""
    DISABILITY_SERVICES_675_2023 = "675/2023"
    """The Disability Services Act 675/2023, secondarily (W4)."""


class Setting(enum.StrEnum):
    """Where work activity takes place (W3)."""

    WORKSHOP = "workshop"
    ACTIVITY_CENTRE = "activity_centre"
    OPEN_WORKPLACE = "open_workplace"
    """Avotyötoiminta: at a workplace on the open labour market."""


@attrs.frozen(kw_only=True)
class WorkActivityPolicy:
    """The policy of work activity.

    Attributes:
        disability_act_secondary: work activity under 675/2023 needs a recorded finding
            that the §27 d/e services do not meet the client's needs (W4).
    """

    disability_act_secondary: bool = attrs.field(default=True, validator=_flag)


@attrs.frozen(kw_only=True)
class WorkActivityDecision:
    """The decision granting work activity (data of ``decide``; W3, W4). Not in a repr.

    Attributes:
        basis: the act it is granted under.
        capacity_below_27d: functional capacity too reduced for §27 d work (W3).
        income_mainly_benefits: income rests mainly on illness or disability benefits (W3).
        section_27_insufficient: §27 d/e services do not meet the needs (W4).
    """

    basis: WorkActivityBasis
    capacity_below_27d: bool = attrs.field(default=False, repr=False)
    income_mainly_benefits: bool = attrs.field(default=False, repr=False)
    section_27_insufficient: bool = attrs.field(default=False, repr=False)


@attrs.frozen(kw_only=True)
class WorkActivityTerms:
    """How work activity starts (data of ``begin``): never with an employment contract (W3)."""

    setting: Setting
    employment_contract: bool = False


@attrs.frozen(kw_only=True)
class WorkActivityContext(PathContext):
    """What the history says about a work-activity pathway."""

    decision: WorkActivityDecision | None = attrs.field(default=None, repr=False)
    setting: Setting | None = None
    payments: tuple[Payment, ...] = attrs.field(default=(), repr=False)


WA_TARGET = _kind(
    "work_activity.not_in_target_group",
    "Työtoiminta (710/1982 27 e §) on henkilölle, jonka toimintakyky ei riitä työllistymistä "
    "tukevaan toimintaan ja jonka toimeentulo perustuu pääosin sairauden tai vamman "
    "perusteella maksettaviin etuuksiin; puuttuu: {missing}.",
    "Arbetsverksamhet (710/1982 27 e §) är för den vars funktionsförmåga inte räcker för "
    "sysselsättningsfrämjande verksamhet och vars inkomst i huvudsak bygger på förmåner på "
    "grund av sjukdom eller funktionsnedsättning; saknas: {missing}.",
    "Work activity (710/1982 §27 e) is for people whose capacity is too reduced for "
    "employment-supporting activity and who live mainly on illness or disability benefits; "
    "missing: {missing}.",
    {"missing": _FIELD_LABELS},
)
WA_SECONDARY = _kind(
    "work_activity.disability_act_secondary",
    "Vammaispalvelulain mukainen työtoiminta on toissijaista: ei ole todettu, etteivät "
    "27 d–e §:n palvelut vastaa tarpeisiin.",
    "Arbetsverksamhet enligt lagen om funktionshinderservice är sekundär: det har inte "
    "konstaterats att tjänsterna enligt 27 d–e § inte motsvarar behoven.",
    "Work activity under the Disability Services Act is secondary: it has not been found "
    "that the §27 d/e services do not meet the needs.",
)
WA_NO_EMPLOYMENT = _kind(
    "work_activity.no_employment_relationship",
    "Työtoiminta ei ole työsuhde: työsopimusta ei kirjata.",
    "Arbetsverksamhet är inget anställningsförhållande: inget arbetsavtal antecknas.",
    "Work activity is not employment: no employment contract is recorded.",
)
WA_ALLOWANCE_ONLY = _kind(
    "work_activity.work_allowance_only",
    "Työtoiminnasta maksetaan vain työosuusrahaa, ei '{kind}'.",
    "För arbetsverksamhet betalas endast arbetspremie, inte '{kind}'.",
    "Only the work allowance is paid for work activity, not '{kind}'.",
    {"kind": _FIELD_LABELS},
)


def _wa_decision(policy: WorkActivityPolicy) -> Guard:
    def guard(p: Proposal[Any, Any]) -> Iterator[Reason]:
        """W3 target group under §27 e; W4 the Disability Services Act only secondarily."""
        d: WorkActivityDecision = p.data
        if d.basis is WorkActivityBasis.SWA_710_1982:
            missing = [
                name
                for name in ("capacity_below_27d", "income_mainly_benefits")
                if not getattr(d, name)
            ]
            if missing:
                yield WA_TARGET(missing=tuple(missing))
        elif policy.disability_act_secondary and not d.section_27_insufficient:
            yield WA_SECONDARY()

    return guard


def _wa_no_contract(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """W3: work activity never records an employment contract."""
    if p.data.employment_contract:
        yield WA_NO_EMPLOYMENT()


def _wa_allowance(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """W3: the work allowance only, never a wage."""
    if p.data.kind is not PaymentKind.WORK_ALLOWANCE:
        yield WA_ALLOWANCE_ONLY(kind=p.data.kind.value)


def _decided(ctx: WorkActivityContext, event: Event) -> WorkActivityContext:
    return attrs.evolve(ctx, decision=event.data)


def _began(ctx: WorkActivityContext, event: Event) -> WorkActivityContext:
    return attrs.evolve(ctx, setting=event.data.setting)


def work_activity_path(policy: WorkActivityPolicy | None = None) -> ServicePath:
    """The work-activity path (710/1982 §27 e; 675/2023 secondarily) under *policy*."""
    policy = policy or WorkActivityPolicy()
    return ServicePath(
        name=WORK_ACTIVITY,
        version=VERSION,
        label=Text("Työtoiminta", "Arbetsverksamhet", "Work activity"),
        steps=(
            Step(
                "assessment",
                Text("Palvelutarpeen arviointi", "Bedömning av servicebehovet", "Assessment"),
                frozenset({WC}),
            ),
            Step("decided", Text("Päätös tehty", "Beslut fattat", "Decided"), frozenset({WC})),
            Step(
                "active",
                Text("Työtoiminnassa", "I arbetsverksamhet", "In work activity"),
                frozenset({WC, SP}),
            ),
            _HANDED_OVER,
            _CLOSED,
        ),
        start="assessment",
        moves=(
            Move(
                "decide",
                ("assessment",),
                "decided",
                Text("Päätös työtoiminnasta", "Beslut om arbetsverksamhet", "Grant work activity"),
                payload=WorkActivityDecision,
                guards=(_wa_decision(policy),),
                reasons=(WA_TARGET, WA_SECONDARY),
                apply=_decided,
            ),
            Move(
                "begin",
                ("decided",),
                "active",
                Text("Työtoiminta alkaa", "Arbetsverksamheten börjar", "Begin work activity"),
                payload=WorkActivityTerms,
                guards=(_wa_no_contract,),
                reasons=(WA_NO_EMPLOYMENT,),
                apply=_began,
                roles=frozenset({WC, SP}),
            ),
            Move(
                "record_payment",
                ("active",),
                None,
                Text("Maksu kirjataan", "Betalning antecknas", "Record a payment"),
                payload=Payment,
                guards=(_wa_allowance,),
                reasons=(WA_ALLOWANCE_ONLY,),
                apply=_paid,
                check_data=_payment_data,
            ),
        ),
        exits=(
            Exit(
                "to_employment_support",
                ("active",),
                "handed_over",
                Text(
                    "Siirto työllistymistä tukevaan toimintaan",
                    "Överlämning till sysselsättningsfrämjande verksamhet",
                    "Hand over to employment-supporting activity",
                ),
                next_service=EMPLOYMENT_SUPPORT,
            ),
            Exit(
                "to_day_activity",
                ("assessment", "active"),
                "handed_over",
                Text(
                    "Siirto päivätoimintaan",
                    "Överlämning till dagverksamhet",
                    "Hand over to day activity",
                ),
                next_service="day_activity",
            ),
            Exit(
                "not_eligible",
                ("assessment",),
                "closed",
                Text("Ei kuulu piiriin", "Omfattas inte", "Not in scope"),
                closure=Closure.NOT_ELIGIBLE,
            ),
            Exit(
                "end",
                ("decided", "active"),
                "closed",
                Text("Päättyy", "Avslutas", "End"),
                closure=Closure.NO_FURTHER_SERVICE,
            ),
            Exit(
                "withdraw",
                ("assessment", "decided", "active"),
                "closed",
                Text("Asiakas keskeyttää", "Klienten avbryter", "The client withdraws"),
                closure=Closure.CLIENT_DECLINED,
            ),
        ),
        context=WorkActivityContext,
    )


@definition_builder(WorkActivityPolicy)
def work_activity_definition_for(policy: WorkActivityPolicy) -> ProcessDefinition[Any, Any]:
    """The work-activity path compiled under *policy*, once per distinct policy."""
    return compile_path(work_activity_path(policy), policy=policy)


def work_activity_definition(
    *, disability_act_secondary: bool = True
) -> ProcessDefinition[Any, Any]:
    """Return the work-activity definition (see :class:`WorkActivityPolicy`)."""
    return work_activity_definition_for(
        WorkActivityPolicy(disability_act_secondary=disability_act_secondary)
    )


# ===================================================================== employment support (W2)


@attrs.frozen(kw_only=True)
class EmploymentSupportPolicy:
    """The policy of employment-supporting activity.

    Attributes:
        job_coach_required: a job coach must support the worker and the employer (W2).
    """

    job_coach_required: bool = attrs.field(default=True, validator=_flag)


@attrs.frozen(kw_only=True)
class SupportNeed:
    """Who §27 d is for (data of ``admit``, W2). Not in a repr.

    Attributes:
        long_term_difficulty: because of disability or illness, long-term special
            difficulty in ordinary life activities.
        needs_social_welfare_support: needs social-welfare support besides or instead of
            public employment services.
    """

    long_term_difficulty: bool = attrs.field(default=False, repr=False)
    needs_social_welfare_support: bool = attrs.field(default=False, repr=False)


@attrs.frozen(kw_only=True)
class Employment:
    """The job (data of ``hire``, W2): paid work under an employment contract.

    Attributes:
        employment_contract: there is an employment contract.
        collective_agreement_pay: the pay is at least the collective agreement's.
        job_coach: the job coach supporting worker and employer (an opaque id).
    """

    employment_contract: bool = False
    collective_agreement_pay: bool = False
    job_coach: str | None = None


@attrs.frozen(kw_only=True)
class EmploymentSupportContext(PathContext):
    """What the history says about an employment-support pathway."""

    employment: Employment | None = attrs.field(default=None, repr=False)
    employed_since: date | None = None
    jobs: int = 0


ES_TARGET = _kind(
    "employment_support.not_in_target_group",
    "Työllistymistä tukeva toiminta (710/1982 27 d §) edellyttää: {missing}.",
    "Sysselsättningsfrämjande verksamhet (710/1982 27 d §) förutsätter: {missing}.",
    "Employment-supporting activity (710/1982 §27 d) needs: {missing}.",
    {"missing": _FIELD_LABELS},
)
ES_NO_CONTRACT = _kind(
    "employment_support.no_employment_contract",
    "Työllistymistä tukeva toiminta on työsopimussuhteista työtä; työsopimus puuttuu.",
    "Sysselsättningsfrämjande verksamhet är arbete i anställningsförhållande; arbetsavtal saknas.",
    "Employment-supporting activity is work under an employment contract; none is recorded.",
)
ES_PAY = _kind(
    "employment_support.pay_below_agreement",
    "Palkan on oltava vähintään työehtosopimuksen mukainen.",
    "Lönen ska vara minst enligt kollektivavtalet.",
    "The pay must be at least the collective agreement's.",
)
ES_NO_COACH = _kind(
    "employment_support.no_job_coach",
    "Työhönvalmentajaa ei ole nimetty.",
    "Ingen arbetscoach har utsetts.",
    "No job coach is named.",
)


def _es_target(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """W2: long-term special difficulty and a need for social-welfare support."""
    need: SupportNeed = p.data
    missing = [
        name
        for name in ("long_term_difficulty", "needs_social_welfare_support")
        if not getattr(need, name)
    ]
    if missing:
        yield ES_TARGET(missing=tuple(missing))


def _es_job(policy: EmploymentSupportPolicy) -> Guard:
    def guard(p: Proposal[Any, Any]) -> Iterator[Reason]:
        """W2: an employment contract, collective-agreement pay and a job coach."""
        job: Employment = p.data
        if not job.employment_contract:
            yield ES_NO_CONTRACT()
        if not job.collective_agreement_pay:
            yield ES_PAY()
        if policy.job_coach_required and not (job.job_coach or "").strip():
            yield ES_NO_COACH()

    return guard


def _hired(ctx: EmploymentSupportContext, event: Event) -> EmploymentSupportContext:
    return attrs.evolve(ctx, employment=event.data, employed_since=event.at, jobs=ctx.jobs + 1)


def _job_ended(ctx: EmploymentSupportContext, event: Event) -> EmploymentSupportContext:
    return attrs.evolve(ctx, employment=None, employed_since=None)


def employment_support_path(policy: EmploymentSupportPolicy | None = None) -> ServicePath:
    """The employment-supporting activity path (710/1982 §27 d) under *policy*."""
    policy = policy or EmploymentSupportPolicy()
    return ServicePath(
        name=EMPLOYMENT_SUPPORT,
        version=VERSION,
        label=Text(
            "Työllistymistä tukeva toiminta",
            "Sysselsättningsfrämjande verksamhet",
            "Employment-supporting activity",
        ),
        steps=(
            Step(
                "assessment",
                Text("Palvelutarpeen arviointi", "Bedömning av servicebehovet", "Assessment"),
                frozenset({WC}),
            ),
            Step(
                "job_search",
                Text(
                    "Työnhaku valmentajan tuella", "Arbetssökande med coach", "Coached job search"
                ),
                frozenset({WC, COACH}),
            ),
            Step(
                "employed",
                Text("Työssä valmentajan tuella", "I arbete med coach", "Employed with coaching"),
                frozenset({WC, COACH, EMPLOYER}),
            ),
            _HANDED_OVER,
            _CLOSED,
        ),
        start="assessment",
        moves=(
            Move(
                "admit",
                ("assessment",),
                "job_search",
                Text("Palvelu myönnetään", "Tjänsten beviljas", "Admit"),
                payload=SupportNeed,
                guards=(_es_target,),
                reasons=(ES_TARGET,),
            ),
            Move(
                "hire",
                ("job_search",),
                "employed",
                Text("Työsuhde alkaa", "Anställningen börjar", "Start a job"),
                payload=Employment,
                guards=(_es_job(policy),),
                reasons=(ES_NO_CONTRACT, ES_PAY, ES_NO_COACH),
                apply=_hired,
                roles=frozenset({WC, COACH}),
            ),
            Move(
                "job_ends",
                ("employed",),
                "job_search",
                Text("Työsuhde päättyy", "Anställningen slutar", "The job ends"),
                apply=_job_ended,
            ),
        ),
        exits=(
            Exit(
                "continues_without_coaching",
                ("employed",),
                "closed",
                Text(
                    "Jatkaa työssä ilman valmennusta",
                    "Fortsätter arbeta utan coach",
                    "Continues in work without coaching",
                ),
                closure=Closure.EMPLOYED,
            ),
            Exit(
                "to_work_activity",
                ("assessment", "job_search"),
                "handed_over",
                Text(
                    "Siirto työtoimintaan",
                    "Överlämning till arbetsverksamhet",
                    "Hand over to work activity",
                ),
                next_service=WORK_ACTIVITY,
            ),
            Exit(
                "to_employment_services",
                ("job_search",),
                "handed_over",
                Text(
                    "Siirto työllisyyspalveluihin",
                    "Överlämning till arbetskraftstjänster",
                    "Hand over to employment services",
                ),
                next_service="employment_services",
            ),
            Exit(
                "not_eligible",
                ("assessment",),
                "closed",
                Text("Ei kuulu piiriin", "Omfattas inte", "Not in scope"),
                closure=Closure.NOT_ELIGIBLE,
            ),
            Exit(
                "withdraw",
                ("assessment", "job_search", "employed"),
                "closed",
                Text("Asiakas keskeyttää", "Klienten avbryter", "The client withdraws"),
                closure=Closure.CLIENT_DECLINED,
            ),
        ),
        context=EmploymentSupportContext,
    )


@definition_builder(EmploymentSupportPolicy)
def employment_support_definition_for(
    policy: EmploymentSupportPolicy,
) -> ProcessDefinition[Any, Any]:
    """The employment-support path compiled under *policy*, once per distinct policy."""
    return compile_path(employment_support_path(policy), policy=policy)


def employment_support_definition(
    *, job_coach_required: bool = True
) -> ProcessDefinition[Any, Any]:
    """Return the employment-supporting activity definition (see the policy class)."""
    return employment_support_definition_for(
        EmploymentSupportPolicy(job_coach_required=job_coach_required)
    )


# ===================================================================== social rehabilitation (W5)


@attrs.frozen(kw_only=True)
class SocialRehabilitationPolicy:
    """The policy of social rehabilitation; the law sets no number to vary yet.

    Attributes:
        youth_measure_for_young_only: the measures that support a young person into
            work, study or rehabilitation places are recorded for young people only (W5).
    """

    youth_measure_for_young_only: bool = attrs.field(default=True, validator=_flag)


class MeasureKind(enum.StrEnum):
    """The measures of social rehabilitation, 1301/2014 §17 (W5)."""

    ADVICE_AND_COORDINATION = "advice_and_coordination"
    EVERYDAY_COACHING = "everyday_coaching"
    """Coaching in everyday life and life management."""
    GROUP_ACTIVITY = "group_activity"
    YOUTH_PLACEMENT_SUPPORT = "youth_placement_support"
    """Support for a young person to get into, and stay in, work, a work trial, studies,
    a workshop or rehabilitation."""
    OTHER = "other"


@attrs.frozen(kw_only=True)
class RehabilitationNeed:
    """The assessment that starts social rehabilitation (data of ``begin``, W5). Not in a repr.

    Attributes:
        functioning_assessed: social functioning has been assessed.
        rehabilitation_need: a need for social rehabilitation was found.
    """

    functioning_assessed: bool = attrs.field(default=False, repr=False)
    rehabilitation_need: bool = attrs.field(default=False, repr=False)


@attrs.frozen(kw_only=True)
class Measure:
    """A measure given (data of ``record_measure``, W5).

    Attributes:
        kind: the measure.
        young_person: the client is a young person (for the youth measure).
    """

    kind: MeasureKind
    young_person: bool = attrs.field(default=False, repr=False)


@attrs.frozen(kw_only=True)
class SocialRehabilitationContext(PathContext):
    """What the history says about a social-rehabilitation pathway."""

    measures: tuple[tuple[date, MeasureKind], ...] = ()


SR_NOT_ASSESSED = _kind(
    "social_rehabilitation.not_assessed",
    "Sosiaalista toimintakykyä ei ole arvioitu.",
    "Den sociala funktionsförmågan har inte bedömts.",
    "Social functioning has not been assessed.",
)
SR_NO_NEED = _kind(
    "social_rehabilitation.no_need",
    "Sosiaalisen kuntoutuksen tarvetta ei ole todettu.",
    "Inget behov av social rehabilitering har konstaterats.",
    "No need for social rehabilitation has been found.",
)
SR_YOUTH_ONLY = _kind(
    "social_rehabilitation.youth_measure_for_young_only",
    "Työhön, opiskeluun tai kuntoutukseen pääsyä tukeva toimenpide on nuorille.",
    "Åtgärden som stöder tillträde till arbete, studier eller rehabilitering är för unga.",
    "The measure supporting entry to work, study or rehabilitation is for young people.",
)


def _sr_need(p: Proposal[Any, Any]) -> Iterator[Reason]:
    """W5: social rehabilitation rests on an assessment that found the need."""
    need: RehabilitationNeed = p.data
    if not need.functioning_assessed:
        yield SR_NOT_ASSESSED()
    elif not need.rehabilitation_need:
        yield SR_NO_NEED()


def _sr_measure(policy: SocialRehabilitationPolicy) -> Guard:
    def guard(p: Proposal[Any, Any]) -> Iterator[Reason]:
        """W5: the youth measure is for young people."""
        m: Measure = p.data
        youth = m.kind is MeasureKind.YOUTH_PLACEMENT_SUPPORT
        if youth and policy.youth_measure_for_young_only and not m.young_person:
            yield SR_YOUTH_ONLY()

    return guard


def _measured(ctx: SocialRehabilitationContext, event: Event) -> SocialRehabilitationContext:
    return attrs.evolve(ctx, measures=(*ctx.measures, (event.at, event.data.kind)))


def social_rehabilitation_path(policy: SocialRehabilitationPolicy | None = None) -> ServicePath:
    """The social-rehabilitation path (1301/2014 §17) under *policy*."""
    policy = policy or SocialRehabilitationPolicy()
    rehab = ("rehabilitation",)
    return ServicePath(
        name=SOCIAL_REHABILITATION,
        version=VERSION,
        label=Text("Sosiaalinen kuntoutus", "Social rehabilitering", "Social rehabilitation"),
        steps=(
            Step(
                "assessment",
                Text(
                    "Sosiaalisen toimintakyvyn arviointi",
                    "Bedömning av den sociala funktionsförmågan",
                    "Assessing social functioning",
                ),
                frozenset({WC}),
            ),
            Step(
                "rehabilitation",
                Text("Kuntoutus käynnissä", "Rehabilitering pågår", "In rehabilitation"),
                frozenset({WC, SP}),
            ),
            _HANDED_OVER,
            _CLOSED,
        ),
        start="assessment",
        moves=(
            Move(
                "begin",
                ("assessment",),
                "rehabilitation",
                Text("Kuntoutus alkaa", "Rehabiliteringen börjar", "Begin rehabilitation"),
                payload=RehabilitationNeed,
                guards=(_sr_need,),
                reasons=(SR_NOT_ASSESSED, SR_NO_NEED),
                roles=frozenset({WC}),
            ),
            Move(
                "record_measure",
                rehab,
                None,
                Text("Toimenpide kirjataan", "Åtgärd antecknas", "Record a measure"),
                payload=Measure,
                guards=(_sr_measure(policy),),
                reasons=(SR_YOUTH_ONLY,),
                apply=_measured,
            ),
        ),
        exits=(
            Exit(
                "to_ktt",
                rehab,
                "handed_over",
                Text(
                    "Siirto kuntouttavaan työtoimintaan",
                    "Överlämning till arbetsverksamhet i rehabiliteringssyfte",
                    "Hand over to rehabilitative work activity",
                ),
                next_service=KTT,
            ),
            Exit(
                "to_work_activity",
                rehab,
                "handed_over",
                Text(
                    "Siirto työtoimintaan",
                    "Överlämning till arbetsverksamhet",
                    "Hand over to work activity",
                ),
                next_service=WORK_ACTIVITY,
            ),
            Exit(
                "to_health_care",
                ("assessment", "rehabilitation"),
                "handed_over",
                Text("Siirto hoitoon", "Överlämning till vård", "Hand over to health care"),
                next_service="health_care",
            ),
            Exit(
                "starts_studies",
                rehab,
                "closed",
                Text("Aloittaa opinnot", "Börjar studera", "Starts studies"),
                closure=Closure.STUDIES,
            ),
            Exit(
                "not_eligible",
                ("assessment",),
                "closed",
                Text("Ei kuulu piiriin", "Omfattas inte", "Not in scope"),
                closure=Closure.NOT_ELIGIBLE,
            ),
            Exit(
                "end",
                rehab,
                "closed",
                Text("Päättyy", "Avslutas", "End"),
                closure=Closure.NO_FURTHER_SERVICE,
            ),
            Exit(
                "withdraw",
                ("assessment", "rehabilitation"),
                "closed",
                Text("Asiakas keskeyttää", "Klienten avbryter", "The client withdraws"),
                closure=Closure.CLIENT_DECLINED,
            ),
        ),
        context=SocialRehabilitationContext,
    )


@definition_builder(SocialRehabilitationPolicy)
def social_rehabilitation_definition_for(
    policy: SocialRehabilitationPolicy,
) -> ProcessDefinition[Any, Any]:
    """The social-rehabilitation path compiled under *policy*, once per distinct policy."""
    return compile_path(social_rehabilitation_path(policy), policy=policy)


def social_rehabilitation_definition(
    *, youth_measure_for_young_only: bool = True
) -> ProcessDefinition[Any, Any]:
    """Return the social-rehabilitation definition (see the policy class)."""
    return social_rehabilitation_definition_for(
        SocialRehabilitationPolicy(youth_measure_for_young_only=youth_measure_for_young_only)
    )


# The registry entry: what from_dict, definitions() and the testing kit read.
from ._registry import Process  # noqa: E402

PROCESSES: tuple[Process[Any], ...] = tuple(
    Process(name, VERSION, policy, build, "pathway_fsm.testing._welfare")
    for name, policy, build in (
        (KTT, KttPolicy, ktt_definition_for),
        (WORK_ACTIVITY, WorkActivityPolicy, work_activity_definition_for),
        (EMPLOYMENT_SUPPORT, EmploymentSupportPolicy, employment_support_definition_for),
        (SOCIAL_REHABILITATION, SocialRehabilitationPolicy, social_rehabilitation_definition_for),
    )
)
"""This module's processes, as the registry lists them."""
