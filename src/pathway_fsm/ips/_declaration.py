"""Supported employment (IPS) as one declaration: its states, its transitions, its builder.

The table does not depend on the policy: the guards and the deadline rule read it.
"""

from __future__ import annotations

from functools import partial
from typing import Unpack

from .._engine.definition import (
    ProcessDefinition,
    State,
    TransitionSpec,
    cleared,
    definition_builder,
    event_day,
    setting,
)
from .._engine.model import Event, Role, Text
from .._engine.replace import evolve
from ._deadlines import deadlines
from ._facts import (
    CLIENT,
    COACH,
    COUNTY,
    EMPLOYER,
    BenefitsCounselling,
    CoachAssignment,
    DisclosureDiscussion,
    EmployerAgreement,
    EmployerContact,
    Entry,
    IpsClosing,
    IpsContext,
    IpsPolicy,
    JobEnd,
    Placement,
    PolicyKeywords,
    SupportContact,
    VocationalProfile,
)
from ._rules import (
    client_chose,
    client_disclosed,
    competitive_job,
    factors_noted,
    profile_complete,
    profile_texts,
    wish_to_work,
)

__all__ = [
    "ACTIVE_STATES",
    "LABEL",
    "NAME",
    "STATES",
    "TRANSITIONS",
    "VERSION",
    "definition",
    "definition_for",
]

NAME = "ips"
"""The definition's name, as stored in every pathway's ``to_dict`` form."""
VERSION = "1"
"""The definition's version, stored with every pathway; bumped when replay would change."""


# --------------------------------------------------------------------------- reducers


def _contact(ctx: IpsContext, event: Event) -> IpsContext:
    contact: EmployerContact = event.data
    if ctx.first_contact_on is None and contact.face_to_face and contact.competitive_job:
        return evolve(ctx, first_contact_on=event.at)
    return ctx


def _placed(ctx: IpsContext, event: Event) -> IpsContext:
    # Being hired into a competitive job is the first employer contact if none came
    # before it (I8, D8): the rapid-search deadline closes, as fidelity item 15 says.
    first = event.at if ctx.first_contact_on is None else ctx.first_contact_on
    return evolve(
        ctx,
        employer_id=event.data.employer_id,
        job_started_on=event.at,
        last_support_on=None,
        first_contact_on=first,
    )


def _ended(ctx: IpsContext, event: Event) -> IpsContext:
    return evolve(
        ctx,
        ended_on=event.at,
        closure=event.data.closure,
        employer_id=None,
        job_started_on=None,
        last_support_on=None,
    )


# --------------------------------------------------------------------------- the declaration

STATES = (
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
"""The five phases of quality-based job coaching as states (I2), and the end."""

ACTIVE_STATES = ("profiling", "job_search", "working")
"""The states in which a client counts towards a coach's caseload (I12 item 1)."""

_COACHES = frozenset({COACH, COUNTY})

TRANSITIONS = (
    TransitionSpec(
        trigger="refer",
        sources=(),
        dest="entry",
        roles=frozenset({COACH, COUNTY, CLIENT}),
        label=Text(
            "Ohjaus tai oma yhteydenotto",
            "Hänvisning eller egen kontakt",
            "Referral or self-referral",
        ),
        apply=setting(referred_on=event_day),
    ),
    TransitionSpec(
        trigger="agree",
        sources=("entry",),
        dest="profiling",
        roles=_COACHES,
        label=Text(
            "Sopimus asiakkaan kanssa",
            "Överenskommelse med klienten",
            "Agreement with the client",
        ),
        payload=Entry,
        guards=(wish_to_work,),
        notes=(factors_noted,),
        apply=setting(entered_on=event_day, coach_id=lambda e: e.data.coach_id),
    ),
    TransitionSpec(
        trigger="make_profile",
        sources=("profiling",),
        dest="job_search",
        roles=_COACHES,
        label=Text("Ammatillinen profiili valmis", "Yrkesprofilen klar", "Vocational profile made"),
        payload=VocationalProfile,
        guards=(profile_complete,),
        apply=setting(profile=lambda e: e.data),
        check_data=profile_texts,
    ),
    TransitionSpec(
        trigger="place",
        sources=("job_search",),
        dest="working",
        roles=_COACHES,
        label=Text(
            "Työ alkaa avoimilla työmarkkinoilla",
            "Ett arbete på den öppna arbetsmarknaden börjar",
            "Start a competitive job",
        ),
        payload=Placement,
        guards=(competitive_job,),
        apply=_placed,
        meets=("ips.first_employer_contact_due",),  # being hired counts as the contact (D8)
    ),
    TransitionSpec(
        trigger="support_contact",
        sources=("working",),
        dest=None,
        roles=frozenset({COACH}),
        label=Text("Tukikontakti", "Stödkontakt", "Follow-along support contact"),
        payload=SupportContact,
        apply=setting(last_support_on=event_day),
        meets=("ips.support_contact_due",),
    ),
    TransitionSpec(
        trigger="agree_employer_support",
        sources=("working",),
        dest=None,
        roles=frozenset({COACH, EMPLOYER}),
        label=Text(
            "Tuesta sovitaan työnantajan kanssa",
            "Stödet avtalas med arbetsgivaren",
            "Agree support with the employer",
        ),
        payload=EmployerAgreement,
        guards=(client_disclosed,),
    ),
    TransitionSpec(
        trigger="job_ended",
        sources=("working",),
        dest="job_search",
        roles=frozenset({COACH, COUNTY, CLIENT}),
        label=Text(
            "Työ päättyy, haku jatkuu",
            "Arbetet slutar, sökandet fortsätter",
            "The job ends; search again",
        ),
        payload=JobEnd,
        apply=setting(employer_id=cleared, job_started_on=cleared, last_support_on=cleared),
    ),
    TransitionSpec(
        trigger="employer_contact",
        sources=("job_search",),
        dest=None,
        roles=frozenset({COACH, CLIENT}),
        label=Text("Työnantajakontakti", "Kontakt med arbetsgivare", "Employer contact"),
        payload=EmployerContact,
        apply=_contact,
        meets=("ips.first_employer_contact_due",),
    ),
    TransitionSpec(
        trigger="update_profile",
        sources=("job_search", "working"),
        dest=None,
        roles=frozenset({COACH, CLIENT}),
        label=Text("Profiilia päivitetään", "Profilen uppdateras", "Update the profile"),
        payload=VocationalProfile,
        guards=(profile_complete,),
        apply=setting(profile=lambda e: e.data),
        check_data=profile_texts,
    ),
    TransitionSpec(
        trigger="counsel_benefits",
        sources=ACTIVE_STATES,
        dest=None,
        roles=frozenset({COACH, COUNTY, Role.KELA}),
        label=Text("Etuusneuvonta", "Förmånsrådgivning", "Benefits counselling"),
        payload=BenefitsCounselling,
    ),
    TransitionSpec(
        trigger="discuss_disclosure",
        sources=ACTIVE_STATES,
        dest=None,
        roles=frozenset({COACH}),
        label=Text(
            "Keskustelu tilanteesta kertomisesta",
            "Samtal om att berätta om situationen",
            "Discuss disclosure",
        ),
        payload=DisclosureDiscussion,
        apply=setting(discloses=lambda e: e.data.client_discloses),
    ),
    TransitionSpec(
        trigger="reassign_coach",
        sources=ACTIVE_STATES,
        dest=None,
        roles=_COACHES,
        label=Text("Työhönvalmentaja vaihtuu", "Arbetscoachen byts", "Reassign the job coach"),
        payload=CoachAssignment,
        apply=setting(coach_id=lambda e: e.data.coach_id),
    ),
    TransitionSpec(
        trigger="end",
        sources=("entry", *ACTIVE_STATES),
        dest="ended",
        roles=frozenset({COACH, COUNTY, CLIENT}),
        label=Text("Palvelu päättyy", "Tjänsten avslutas", "End the service"),
        payload=IpsClosing,
        guards=(client_chose,),
        apply=_ended,
    ),
)
"""Every trigger of supported employment, the referral first; the same under every policy."""

LABEL = Text(
    "Laatukriteereihin perustuva tuettu työllistyminen (IPS)",
    "Individanpassat stöd till arbete enligt kvalitetskriterier (IPS)",
    "Supported employment by quality criteria (IPS)",
)
"""The process's name in fi/sv/en."""


@definition_builder(IpsPolicy)
def definition_for(policy: IpsPolicy) -> ProcessDefinition[IpsContext, IpsPolicy]:
    """Supported employment under *policy*, built and compiled once per distinct policy."""
    return ProcessDefinition(
        name=NAME,
        version=VERSION,
        label=LABEL,
        policy=policy,
        states=STATES,
        transitions=TRANSITIONS,
        context_factory=IpsContext,
        deadline_rule=partial(deadlines, policy),
    )


def definition(**policy: Unpack[PolicyKeywords]) -> ProcessDefinition[IpsContext, IpsPolicy]:
    """Return supported employment under the policy its keywords make: they are the fields
    of :class:`IpsPolicy`, which holds their defaults.

    Raises:
        PathwayDataError: a policy value is out of range, naming the parameter.
    """
    return definition_for(IpsPolicy(**policy))
