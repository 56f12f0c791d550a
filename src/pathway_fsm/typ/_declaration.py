"""TYP as one declaration: its states, the transition table, the reducers and the deadlines.

The table does not depend on the policy: the guards read it from their proposal, and the
deadline rule is given it when :func:`definition_for` builds the definition.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import date
from typing import Unpack

from .._calendar import add_days, add_months, add_years
from .._checks import deadline
from .._engine.definition import (
    ProcessDefinition,
    State,
    TransitionSpec,
    cleared,
    definition_builder,
    event_day,
    setting,
)
from .._engine.model import Deadline, Event, Role, Text
from .._engine.replace import evolve
from ..errors import require
from ._facts import (
    AUTHORITIES,
    Closing,
    Closure,
    Ending,
    EntryFacts,
    FinalAssessment,
    Plan,
    PolicyKeywords,
    Review,
    ReviewDecline,
    TypContext,
    TypPolicy,
)
from ._rules import (
    check_decline,
    check_ending,
    check_entry_facts,
    check_plan,
    closing_rule,
    ending_rule,
    entry_rule,
    final_parties,
    mapping_covered,
    no_pending_request,
    pending_request,
    plan_contents,
    plan_exists,
    review_parties,
    screening_note,
)

NAME = "typ"
"""The definition's name, as stored in every pathway's ``to_dict`` form."""
VERSION = "1"
"""The definition's version, stored with every pathway; bumped when replay would change."""

EA, WC, KELA, CLIENT = Role.EMPLOYMENT_AUTHORITY, Role.WELLBEING_COUNTY, Role.KELA, Role.CLIENT
# The states a pathway can be closed from, those where a plan is in force (reviews,
# reports), and the two parties that make and revise the plan.
_ACTIVE = ("tunnista", "suunnittele", "valmenna", "kokeile", "ratkaise")
_PLAN_IN_FORCE = ("valmenna", "kokeile", "ratkaise")
_PLANNERS = frozenset({EA, WC})


# --------------------------------------------------------------------------- reducers


def _plan_made(ctx: TypContext, event: Event) -> TypContext:
    # A new or revised plan restarts its clocks: reviews (T9), review asks (T10), reports (T12).
    return evolve(
        ctx,
        plan=event.data,
        plan_on=event.at,
        last_review_on=event.at,
        review_requested_on=None,
        reported_on=None,
    )


def _ended(ctx: TypContext, event: Event) -> TypContext:
    ending: Ending = event.data
    return evolve(
        ctx,
        ended_on=event.at,
        closure=Closure.RESOLVED,
        next_party=ending.next_party,
        next_service=ending.next_service,
    )


# --------------------------------------------------------------------------- deadlines

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


def _deadlines(policy: TypPolicy, state: str, ctx: TypContext, at: date) -> Iterator[Deadline]:
    """T5 plan, T9 review, T10 requested review, T12 report, T17 retention."""
    due = functools.partial(deadline, at=at, roll_forward=policy.roll_forward)
    if state == "suunnittele" and ctx.started_on is not None:
        end = add_months(ctx.started_on, policy.plan_due_months)
        yield due("typ.plan_due", PLAN_DUE_LABEL, ctx.started_on, end)
    if state in _PLAN_IN_FORCE and ctx.last_review_on is not None:
        end = add_months(ctx.last_review_on, policy.review_interval_months)
        yield due("typ.review_due", REVIEW_DUE_LABEL, ctx.last_review_on, end)
        if ctx.review_requested_on is not None:
            end = add_days(ctx.review_requested_on, policy.requested_review_days)
            code, label = "typ.requested_review_due", REQUESTED_REVIEW_LABEL
            yield due(code, label, ctx.review_requested_on, end)
        plan, plan_on = ctx.plan, ctx.plan_on
        if (
            plan is not None
            and plan_on is not None
            and plan.report_due is not None
            and (ctx.reported_on is None or ctx.reported_on < plan_on)
        ):
            yield due("typ.client_report_due", REPORT_DUE_LABEL, plan_on, plan.report_due)
    if state == "ended" and ctx.ended_on is not None:
        end = add_years(ctx.ended_on, policy.retention_years)
        yield due("typ.retention_until", RETENTION_LABEL, ctx.ended_on, end)


# --------------------------------------------------------------------------- declaration

STATES = (
    State("tunnista", Text("Tunnista", "Identifiera", "Identify")),
    State("suunnittele", Text("Suunnittele", "Planera", "Plan")),
    State("valmenna", Text("Valmenna", "Coacha", "Coach")),
    State("kokeile", Text("Kokeile", "Pröva", "Try out")),
    State("ratkaise", Text("Ratkaise", "Lös", "Resolve")),
    State("ended", Text("Päättynyt", "Avslutad", "Ended"), final=True),
)
"""TYP's five steps, then the end."""

TRANSITIONS = (
    TransitionSpec(
        trigger="start",
        sources=(),
        dest="tunnista",
        roles=AUTHORITIES,
        label=Text(
            "Ohjaus monialaiseen arvioon",
            "Hänvisning till sektorsövergripande bedömning",
            "Referral to the multidisciplinary assessment",
        ),
        apply=setting(referred_on=event_day),
    ),
    TransitionSpec(
        trigger="admit",
        sources=("tunnista",),
        dest="suunnittele",
        roles=AUTHORITIES,
        label=Text(
            "Asiakkuus alkaa",
            "Kundrelationen börjar",
            "Admission: the client relationship starts",
        ),
        payload=EntryFacts,
        guards=(entry_rule,),
        notes=(screening_note,),
        apply=setting(started_on=event_day),
        check_data=check_entry_facts,
    ),
    TransitionSpec(
        trigger="make_plan",
        sources=("suunnittele",),
        dest="valmenna",
        roles=_PLANNERS,
        label=Text("Suunnitelma laaditaan", "Planen utarbetas", "Make the plan"),
        payload=Plan,
        guards=(mapping_covered, plan_contents),
        apply=_plan_made,
        check_data=check_plan,
        meets=("typ.plan_due",),
    ),
    TransitionSpec(
        trigger="begin_trial",
        sources=("valmenna",),
        dest="kokeile",
        roles=_PLANNERS,
        label=Text(
            "Suunnitelman toteutus alkaa",
            "Genomförandet av planen börjar",
            "Start carrying out the plan",
        ),
    ),
    TransitionSpec(
        trigger="revise_plan",
        sources=("kokeile",),
        dest="valmenna",
        roles=_PLANNERS,
        label=Text("Suunnitelmaa muutetaan", "Planen ändras", "Revise the plan"),
        payload=Plan,
        guards=(plan_contents,),
        apply=_plan_made,
        check_data=check_plan,
        meets=("typ.review_due", "typ.requested_review_due"),
    ),
    TransitionSpec(
        trigger="review_plan",
        sources=_PLAN_IN_FORCE,
        dest=None,
        roles=frozenset({EA}),
        label=Text("Suunnitelma tarkistetaan", "Planen ses över", "Review the plan"),
        payload=Review,
        guards=(plan_exists, review_parties),
        apply=setting(last_review_on=event_day, review_requested_on=cleared),
        meets=("typ.review_due", "typ.requested_review_due"),
    ),
    TransitionSpec(
        trigger="request_review",
        sources=_PLAN_IN_FORCE,
        dest=None,
        roles=frozenset({CLIENT, *AUTHORITIES}),
        label=Text(
            "Asiakas pyytää tarkistusta",
            "Klienten begär översyn",
            "The client asks for a review",
        ),
        guards=(plan_exists, no_pending_request),
        apply=setting(review_requested_on=event_day),
    ),
    TransitionSpec(
        trigger="decline_review_request",
        sources=_PLAN_IN_FORCE,
        dest=None,
        roles=frozenset({EA}),
        label=Text(
            "Tarkistuspyyntö on ilmeisen tarpeeton",
            "Begäran om översyn är uppenbart onödig",
            "Decline the review request as manifestly unnecessary",
        ),
        payload=ReviewDecline,
        guards=(pending_request,),
        apply=setting(review_requested_on=cleared),
        check_data=check_decline,
        meets=("typ.requested_review_due",),
    ),
    TransitionSpec(
        trigger="report_progress",
        sources=_PLAN_IN_FORCE,
        dest=None,
        roles=frozenset({CLIENT, EA}),
        label=Text(
            "Asiakas kertoo etenemisestä",
            "Klienten rapporterar framstegen",
            "The client reports progress",
        ),
        apply=setting(reported_on=event_day),
        meets=("typ.client_report_due",),
    ),
    TransitionSpec(
        trigger="begin_resolution",
        sources=("suunnittele", "valmenna", "kokeile"),
        dest="ratkaise",
        roles=AUTHORITIES,
        label=Text("Siirrytään päättämiseen", "Övergång till avslutningen", "Move to resolution"),
    ),
    TransitionSpec(
        trigger="record_final_assessment",
        sources=("ratkaise",),
        dest=None,
        roles=AUTHORITIES,
        label=Text("Loppuarvio", "Slutbedömning", "Final assessment"),
        payload=FinalAssessment,
        guards=(final_parties,),
        apply=setting(final_assessment_on=event_day),
    ),
    TransitionSpec(
        trigger="end",
        sources=("ratkaise",),
        dest="ended",
        roles=AUTHORITIES,
        label=Text("Asiakkuus päättyy", "Kundrelationen avslutas", "End the client relationship"),
        payload=Ending,
        guards=(ending_rule,),
        apply=_ended,
        check_data=check_ending,
    ),
    TransitionSpec(
        trigger="close",
        sources=_ACTIVE,
        dest="ended",
        roles=AUTHORITIES,
        label=Text(
            "Suljetaan muusta syystä", "Avslutas av annan orsak", "Close for another reason"
        ),
        payload=Closing,
        guards=(closing_rule,),
        apply=setting(ended_on=event_day, closure=lambda e: e.data.closure),
    ),
)
"""Every TYP trigger: where it fires from, where it leads, who fires it, and its rules."""

LABEL = Text(
    "Työllistymistä edistävä monialainen yhteispalvelu (TYP)",
    "Sektorsövergripande samservice som främjar sysselsättningen",
    "Multidisciplinary joint service promoting employment (TYP)",
)
"""The process's name in fi/sv/en."""


@definition_builder(TypPolicy)
def definition_for(policy: TypPolicy) -> ProcessDefinition[TypContext, TypPolicy]:
    """The TYP definition under *policy*, built and compiled once per distinct policy."""
    return ProcessDefinition(
        name=NAME,
        version=VERSION,
        label=LABEL,
        policy=policy,
        states=STATES,
        transitions=TRANSITIONS,
        context_factory=TypContext,
        deadline_rule=functools.partial(_deadlines, policy),
    )


def definition(**policy: Unpack[PolicyKeywords]) -> ProcessDefinition[TypContext, TypPolicy]:
    """Return the TYP definition under the policy its keywords make: they are the fields
    of :class:`TypPolicy`, which holds their defaults.

    Raises:
        PathwayDataError: a policy value is out of range, naming the parameter.
    """
    return definition_for(TypPolicy(**policy))


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
