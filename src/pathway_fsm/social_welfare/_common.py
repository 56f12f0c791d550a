"""What every social-welfare path shares: names, exits, rows, the context base, competences.

The paths are declared with the engine's own rows (:class:`~pathway_fsm.State`,
:class:`~pathway_fsm.TransitionSpec`); the builders here make the rows the paths share
(the start, the exits, competences and payments) and check that every exit says where
it led. The reducers record what every path keeps: when it opened, when the client
entered the step, where an exit led (W7, H1) and the recognised competences (W6).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date
from typing import Any

import attrs

from .._checks import blank, kind, not_after
from .._engine.definition import Guard, Proposal, Reducer, State, TransitionSpec, guard
from .._engine.model import Event, Reason, Role, Text
from .._engine.replace import evolve
from ..errors import DefinitionError, describe

__all__ = [
    "CLOSED",
    "EMPLOYMENT_SUPPORT",
    "HANDED_OVER",
    "KTT",
    "SOCIAL_REHABILITATION",
    "VERSION",
    "WORK_ACTIVITY",
    "Closure",
    "Competence",
    "ExitTo",
    "PathContext",
    "Payment",
    "PaymentKind",
    "closing",
    "competence_transition",
    "entering",
    "hand_over",
    "opened",
    "opening",
    "path_rows",
    "steps",
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


HANDED_OVER = State(
    "handed_over",
    Text("Siirtynyt seuraavaan palveluun", "Överlämnad till nästa tjänst", "Handed over"),
    final=True,
)
"""The final step of every path whose exit names the next service."""
CLOSED = State("closed", Text("Päättynyt", "Avslutad", "Closed"), final=True)
"""The final step of every path whose exit names a coded closure."""

# --------------------------------------------------------------------------- reducers


def opened(ctx: Any, event: Event) -> Any:
    """The reducer of a path's start trigger: the path and its first step open that day."""
    return evolve(ctx, opened_on=event.at, step_since=event.at)


def entering(apply: Reducer | None = None) -> Reducer:
    """The reducer of a move to another step: *apply* (if any), then the step's start day."""

    def reducer(ctx: Any, event: Event) -> Any:
        if apply is not None:
            ctx = apply(ctx, event)
        if event.dest != event.source:
            ctx = evolve(ctx, step_since=event.at)
        return ctx

    return reducer


_WHERE = "ExitTo(...)"


def _named_service(instance: ExitTo, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        why = f"an exit's next_service must be a service id, not {describe(value)}"
        raise DefinitionError(_WHERE, [why])


@attrs.frozen
class ExitTo:
    """The reducer of an exit: it records where the client goes (W7, H1).

    Exactly one of *next_service* (the id of the service that takes over) and *closure*
    (a coded ending) is given, so no exit leads nowhere: "A always leads to B". Use it as
    the ``apply`` of a :class:`~pathway_fsm.TransitionSpec` into a final state.

    Raises:
        DefinitionError: both or neither is given, or *next_service* is blank.
    """

    next_service: str | None = attrs.field(default=None, validator=_named_service)
    closure: Closure | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        given: object = self.closure
        if given is not None and not isinstance(given, Closure):
            why = f"an exit's closure must be a Closure, not {describe(given)}"
            raise DefinitionError(_WHERE, [why])
        if (self.next_service is None) == (given is None):
            which = "both" if given is not None else "neither"
            why = f"an exit must name a next service or a closure, and this one names {which} (W7)"
            raise DefinitionError(_WHERE, [why])

    def __call__(self, ctx: Any, event: Event) -> Any:
        """Record the exit, its day and where it led in *ctx*."""
        return evolve(
            ctx,
            step_since=event.at,
            exited_on=event.at,
            exit=event.trigger,
            next_service=self.next_service,
            closure=self.closure,
        )


# --------------------------------------------------------------------------- rows

ASSESSMENT = State(
    "assessment", Text("Palvelutarpeen arviointi", "Bedömning av servicebehovet", "Assessment")
)
"""The first step of the paths that start by assessing the need for the service."""


def steps(*open_steps: State) -> tuple[State, ...]:
    """The steps of a path: its *open_steps*, then the two final ones every path ends in."""
    return (*open_steps, HANDED_OVER, CLOSED)


def opening(dest: str, roles: frozenset[Role]) -> TransitionSpec:
    """The start row of a path, ``open``: the path and its first step *dest* open that day."""
    label = Text("Asiakkuus alkaa", "Klientrelationen börjar", "Open the path")
    return TransitionSpec(
        trigger="open", sources=(), dest=dest, roles=roles, label=label, apply=opened
    )


EXIT_LABELS = {
    "to_employment_services": Text(
        "Siirto työllisyyspalveluihin",
        "Överlämning till arbetskraftstjänster",
        "Hand over to employment services",
    ),
    "to_employment_support": Text(
        "Siirto työllistymistä tukevaan toimintaan",
        "Överlämning till sysselsättningsfrämjande verksamhet",
        "Hand over to employment-supporting activity",
    ),
    "to_work_activity": Text(
        "Siirto työtoimintaan", "Överlämning till arbetsverksamhet", "Hand over to work activity"
    ),
    "to_ktt": Text(
        "Siirto kuntouttavaan työtoimintaan",
        "Överlämning till arbetsverksamhet i rehabiliteringssyfte",
        "Hand over to rehabilitative work activity",
    ),
    "to_social_rehabilitation": Text(
        "Siirto sosiaaliseen kuntoutukseen",
        "Överlämning till social rehabilitering",
        "Hand over to social rehabilitation",
    ),
    "to_typ": Text(
        "Siirto monialaiseen yhteispalveluun", "Överlämning till samservicen", "Hand over to TYP"
    ),
    "to_day_activity": Text(
        "Siirto päivätoimintaan", "Överlämning till dagverksamhet", "Hand over to day activity"
    ),
    "to_health_care": Text("Siirto hoitoon", "Överlämning till vård", "Hand over to health care"),
    "employed": Text("Työllistyy", "Får arbete", "Moves to work"),
    "starts_studies": Text("Aloittaa opinnot", "Börjar studera", "Starts studies"),
    "not_eligible": Text("Ei kuulu piiriin", "Omfattas inte", "Not in scope"),
    "end": Text("Päättyy", "Avslutas", "End"),
    "withdraw": Text("Asiakas keskeyttää", "Klienten avbryter", "The client withdraws"),
}
"""The labels of the exits that more than one path has, or may have, by trigger."""


def hand_over(
    trigger: str,
    service: str,
    sources: tuple[str, ...],
    roles: frozenset[Role],
    *,
    label: Text | None = None,
    **more: Any,
) -> TransitionSpec:
    """An exit into ``handed_over`` that hands the client to the next *service* (W7, H1).

    *label* may be left out for a trigger of :data:`EXIT_LABELS`; *more* are further
    fields of the row, such as its payload and guards.
    """
    return _exit(trigger, "handed_over", ExitTo(next_service=service), sources, roles, label, more)


def closing(
    trigger: str,
    closure: Closure,
    sources: tuple[str, ...],
    roles: frozenset[Role],
    *,
    label: Text | None = None,
    **more: Any,
) -> TransitionSpec:
    """An exit into ``closed`` that ends the path with a coded *closure* (W7), as
    :func:`hand_over` does otherwise."""
    return _exit(trigger, "closed", ExitTo(closure=closure), sources, roles, label, more)


def _exit(
    trigger: str,
    dest: str,
    where: ExitTo,
    sources: tuple[str, ...],
    roles: frozenset[Role],
    label: Text | None,
    more: dict[str, Any],
) -> TransitionSpec:
    if label is None:
        if trigger not in EXIT_LABELS:
            why = f"exit {trigger!r} needs a label: no path shares one under that trigger"
            raise DefinitionError(trigger, [why])
        label = EXIT_LABELS[trigger]
    return TransitionSpec(
        trigger=trigger, sources=sources, dest=dest, roles=roles, label=label, apply=where, **more
    )


def path_rows(states: tuple[State, ...], *rows: TransitionSpec) -> tuple[TransitionSpec, ...]:
    """The *rows* of a path over *states*, checked: a row into a final step (an exit)
    records where the client went with :class:`ExitTo`, and no other row does (W7, H1).

    Raises:
        DefinitionError: naming each trigger into a final step without an ``ExitTo``,
            and each with one that leads elsewhere.
    """
    finals = {getattr(s, "name", None) for s in states if getattr(s, "final", False)}
    bad = [
        row
        for row in rows
        if (getattr(row, "dest", None) in finals) != isinstance(getattr(row, "apply", None), ExitTo)
    ]
    if bad:
        why = "a row into a final step, and only such a row, records its exit with ExitTo (W7)"
        problems = [f"trigger {row.trigger!r} leads to {row.dest!r}: {why}" for row in bad]
        raise DefinitionError(str(bad[0].trigger), problems)
    return rows


# --------------------------------------------------------------------------- competence (W6)

COMPETENCE_AGAIN = kind(
    "welfare.competence.already_recognised",
    "Osaaminen '{competence}' on jo tunnistettu tällä polulla.",
    "Kompetensen '{competence}' har redan identifierats på denna stig.",
    "Competence '{competence}' is already recognised on this path.",
)
"""A competence recognised twice on one path (W6)."""


@guard(COMPETENCE_AGAIN)
def _new_competence(p: Proposal[PathContext, Any]) -> Iterator[Reason]:
    """W6: a competence is recognised once per path."""
    if any(c.competence_id == p.data.competence_id for c in p.context.competences):
        yield COMPETENCE_AGAIN(competence=p.data.competence_id)


def _competence_data(c: Competence, at: date) -> Iterator[tuple[str, str]]:
    for name in ("competence_id", "description", "recognised_by"):
        yield from blank(name, getattr(c, name))
    yield from not_after("recognised_on", c.recognised_on, at)


def _recognised(ctx: PathContext, event: Event) -> PathContext:
    c: Competence = event.data
    if c.recognised_on is None:
        c = evolve(c, recognised_on=event.at)
    return evolve(ctx, competences=(*ctx.competences, c))


def competence_transition(sources: tuple[str, ...], roles: frozenset[Role]) -> TransitionSpec:
    """The ``recognise_competence`` row of a path: its open steps record a competence (W6)."""
    return TransitionSpec(
        trigger="recognise_competence",
        sources=sources,
        dest=None,
        roles=roles,
        label=Text("Osaaminen tunnistetaan", "Kompetens identifieras", "Recognise a competence"),
        payload=Competence,
        guards=(_new_competence,),
        apply=_recognised,
        check_data=_competence_data,
    )


# --------------------------------------------------------------------------- payments


class PaymentKind(enum.StrEnum):
    """What a payment to a participant is (A1, W3)."""

    EXPENSE_ALLOWANCE = "expense_allowance"
    """Kulukorvaus: the expense allowance of rehabilitative work activity."""
    WORK_ALLOWANCE = "work_allowance"
    """Työosuusraha: the small tax-free work allowance of work activity (W3)."""
    WAGE = "wage"
    """Palkka: pay under an employment contract."""


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
    yield from not_after("paid_on", payment.paid_on, at)


def _paid(ctx: Any, event: Event) -> Any:
    """Record a payment, dated the event's day when its own date is left out."""
    payment: Payment = event.data
    if payment.paid_on is None:
        payment = evolve(payment, paid_on=event.at)
    return evolve(ctx, payments=(*ctx.payments, payment))


def payment_transition(
    sources: tuple[str, ...], roles: frozenset[Role], rule: Guard
) -> TransitionSpec:
    """The ``record_payment`` row of a path, whose *rule* says which payments it allows."""
    return TransitionSpec(
        trigger="record_payment",
        sources=sources,
        dest=None,
        roles=roles,
        label=Text("Maksu kirjataan", "Betalning antecknas", "Record a payment"),
        payload=Payment,
        guards=(rule,),
        apply=_paid,
        check_data=_payment_data,
    )


FIELD_LABELS = {
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


def missing_flags(data: object, *names: str) -> tuple[str, ...]:
    """Those of the flags *names* of *data* that are not set, for a reason to name."""
    return tuple(name for name in names if not getattr(data, name))
