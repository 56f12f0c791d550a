"""What every social-welfare path shares: names, exits, the context base, competences, payments.

The paths are declared with the engine's own rows (:class:`~pathway_fsm.State`,
:class:`~pathway_fsm.TransitionSpec`). The reducers here record what every path keeps: when
it opened, when the client entered the step, where an exit led (W7, H1) and the recognised
competences (W6).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date
from typing import Any

import attrs

from .._checks import kind
from .._engine.definition import Proposal, Reducer, State, TransitionSpec, guard
from .._engine.model import Event, Reason, Role, Text
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
    "competence_transition",
    "entering",
    "opened",
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

OPEN_LABEL = Text("Asiakkuus alkaa", "Klientrelationen börjar", "Open the path")
"""The label of every path's start trigger, ``open``."""


# --------------------------------------------------------------------------- reducers


def opened(ctx: Any, event: Event) -> Any:
    """The reducer of a path's start trigger: the path and its first step open that day."""
    return attrs.evolve(ctx, opened_on=event.at, step_since=event.at)


def entering(apply: Reducer | None = None) -> Reducer:
    """The reducer of a move to another step: *apply* (if any), then the step's start day."""

    def reducer(ctx: Any, event: Event) -> Any:
        if apply is not None:
            ctx = apply(ctx, event)
        if event.dest != event.source:
            ctx = attrs.evolve(ctx, step_since=event.at)
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
        return attrs.evolve(
            ctx,
            step_since=event.at,
            exited_on=event.at,
            exit=event.trigger,
            next_service=self.next_service,
            closure=self.closure,
        )


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
        if not getattr(c, name).strip():
            yield name, "must not be empty"
    if c.recognised_on is not None and c.recognised_on > at:
        yield "recognised_on", "must not be after the event's date"


def _recognised(ctx: PathContext, event: Event) -> PathContext:
    c: Competence = event.data
    if c.recognised_on is None:
        c = attrs.evolve(c, recognised_on=event.at)
    return attrs.evolve(ctx, competences=(*ctx.competences, c))


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


def payment_data(payment: Payment, at: date) -> Iterator[tuple[str, str]]:
    """The checks of a payment its types cannot express."""
    if payment.amount_cents < 0:
        yield "amount_cents", "must not be negative"
    if payment.paid_on is not None and payment.paid_on > at:
        yield "paid_on", "must not be after the event's date"


def paid(ctx: Any, event: Event) -> Any:
    """Record a payment, dated the event's day when its own date is left out."""
    payment: Payment = event.data
    if payment.paid_on is None:
        payment = attrs.evolve(payment, paid_on=event.at)
    return attrs.evolve(ctx, payments=(*ctx.payments, payment))


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


def bounded(name: str, value: int | None, top: int) -> Iterator[tuple[str, str]]:
    """A data problem when a count *value* is given and not from 0 to *top*."""
    if value is not None and not 0 <= value <= top:
        yield name, f"expected an integer from 0 to {top}"
