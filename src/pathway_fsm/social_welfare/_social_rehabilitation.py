"""Social rehabilitation (sosiaalinen kuntoutus), §17 of the Social Welfare Act 1301/2014 (W5)."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date

import attrs

from .._checks import flag, kind
from .._engine.definition import (
    ProcessDefinition,
    Proposal,
    State,
    TransitionSpec,
    definition_builder,
    guard,
)
from .._engine.model import Event, Reason, Text
from .._engine.replace import evolve
from ._common import (
    COACH,
    KTT,
    SOCIAL_REHABILITATION,
    SP,
    VERSION,
    WC,
    WORK_ACTIVITY,
    Closure,
    PathContext,
    closing,
    competence_transition,
    entering,
    hand_over,
    opening,
    path_rows,
    steps,
)

__all__ = [
    "Measure",
    "MeasureKind",
    "RehabilitationNeed",
    "SocialRehabilitationContext",
    "SocialRehabilitationPolicy",
    "social_rehabilitation_definition",
    "social_rehabilitation_definition_for",
]


@attrs.frozen(kw_only=True)
class SocialRehabilitationPolicy:
    """The policy of social rehabilitation; the law sets no number to vary yet.

    Attributes:
        youth_measure_for_young_only: the measures that support a young person into
            work, study or rehabilitation places are recorded for young people only (W5).
    """

    youth_measure_for_young_only: bool = attrs.field(default=True, validator=flag)


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


SR_NOT_ASSESSED = kind(
    "social_rehabilitation.not_assessed",
    "Sosiaalista toimintakykyä ei ole arvioitu.",
    "Den sociala funktionsförmågan har inte bedömts.",
    "Social functioning has not been assessed.",
)
SR_NO_NEED = kind(
    "social_rehabilitation.no_need",
    "Sosiaalisen kuntoutuksen tarvetta ei ole todettu.",
    "Inget behov av social rehabilitering har konstaterats.",
    "No need for social rehabilitation has been found.",
)
SR_YOUTH_ONLY = kind(
    "social_rehabilitation.youth_measure_for_young_only",
    "Työhön, opiskeluun tai kuntoutukseen pääsyä tukeva toimenpide on nuorille.",
    "Åtgärden som stöder tillträde till arbete, studier eller rehabilitering är för unga.",
    "The measure supporting entry to work, study or rehabilitation is for young people.",
)


_Proposal = Proposal[SocialRehabilitationContext, SocialRehabilitationPolicy]


@guard(SR_NOT_ASSESSED, SR_NO_NEED)
def _need(p: _Proposal) -> Iterator[Reason]:
    """W5: social rehabilitation rests on an assessment that found the need."""
    need: RehabilitationNeed = p.data
    if not need.functioning_assessed:
        yield SR_NOT_ASSESSED()
    elif not need.rehabilitation_need:
        yield SR_NO_NEED()


@guard(SR_YOUTH_ONLY)
def _measure(p: _Proposal) -> Iterator[Reason]:
    """W5: the youth measure is for young people."""
    m: Measure = p.data
    youth = m.kind is MeasureKind.YOUTH_PLACEMENT_SUPPORT
    if youth and p.policy.youth_measure_for_young_only and not m.young_person:
        yield SR_YOUTH_ONLY()


def _measured(ctx: SocialRehabilitationContext, event: Event) -> SocialRehabilitationContext:
    return evolve(ctx, measures=(*ctx.measures, (event.at, event.data.kind)))


_COUNTY = frozenset({WC})
_IN_REHABILITATION = frozenset({WC, SP})
_REHAB = ("rehabilitation",)
_OPEN = ("assessment", "rehabilitation")

STATES = steps(
    State(
        "assessment",
        Text(
            "Sosiaalisen toimintakyvyn arviointi",
            "Bedömning av den sociala funktionsförmågan",
            "Assessing social functioning",
        ),
    ),
    State(
        "rehabilitation", Text("Kuntoutus käynnissä", "Rehabilitering pågår", "In rehabilitation")
    ),
)
"""The steps of social rehabilitation, the two final ones last."""

TRANSITIONS = path_rows(
    STATES,
    opening("assessment", _COUNTY),
    TransitionSpec(
        trigger="begin",
        sources=("assessment",),
        dest="rehabilitation",
        roles=_COUNTY,
        label=Text("Kuntoutus alkaa", "Rehabiliteringen börjar", "Begin rehabilitation"),
        payload=RehabilitationNeed,
        guards=(_need,),
        apply=entering(),
    ),
    TransitionSpec(
        trigger="record_measure",
        sources=_REHAB,
        dest=None,
        roles=_IN_REHABILITATION,
        label=Text("Toimenpide kirjataan", "Åtgärd antecknas", "Record a measure"),
        payload=Measure,
        guards=(_measure,),
        apply=_measured,
    ),
    hand_over("to_ktt", KTT, _REHAB, _IN_REHABILITATION),
    hand_over("to_work_activity", WORK_ACTIVITY, _REHAB, _IN_REHABILITATION),
    hand_over("to_health_care", "health_care", _OPEN, _IN_REHABILITATION),
    closing("starts_studies", Closure.STUDIES, _REHAB, _IN_REHABILITATION),
    closing("not_eligible", Closure.NOT_ELIGIBLE, ("assessment",), _COUNTY),
    closing("end", Closure.NO_FURTHER_SERVICE, _REHAB, _IN_REHABILITATION),
    closing("withdraw", Closure.CLIENT_DECLINED, _OPEN, _IN_REHABILITATION),
    competence_transition(_OPEN, _IN_REHABILITATION | {COACH}),
)
"""Every trigger of social rehabilitation."""


@definition_builder(SocialRehabilitationPolicy)
def social_rehabilitation_definition_for(
    policy: SocialRehabilitationPolicy,
) -> ProcessDefinition[SocialRehabilitationContext, SocialRehabilitationPolicy]:
    """The social-rehabilitation path under *policy*, built once per distinct policy."""
    return ProcessDefinition(
        name=SOCIAL_REHABILITATION,
        version=VERSION,
        label=Text("Sosiaalinen kuntoutus", "Social rehabilitering", "Social rehabilitation"),
        policy=policy,
        states=STATES,
        transitions=TRANSITIONS,
        context_factory=SocialRehabilitationContext,
    )


def social_rehabilitation_definition(
    *, youth_measure_for_young_only: bool = True
) -> ProcessDefinition[SocialRehabilitationContext, SocialRehabilitationPolicy]:
    """Return the social-rehabilitation definition (see the policy class)."""
    return social_rehabilitation_definition_for(
        SocialRehabilitationPolicy(youth_measure_for_young_only=youth_measure_for_young_only)
    )
