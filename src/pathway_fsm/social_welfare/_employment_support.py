"""Employment-supporting activity (työllistymistä tukeva toiminta), §27 d of Act 710/1982 (W2).

Paid work under an employment contract, with a job coach the policy may make optional.
"""

from __future__ import annotations

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
    ASSESSMENT,
    COACH,
    EMPLOYER,
    EMPLOYMENT_SUPPORT,
    FIELD_LABELS,
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
    missing_flags,
    opening,
    path_rows,
    steps,
)

__all__ = [
    "Employment",
    "EmploymentSupportContext",
    "EmploymentSupportPolicy",
    "SupportNeed",
    "employment_support_definition",
    "employment_support_definition_for",
]


@attrs.frozen(kw_only=True)
class EmploymentSupportPolicy:
    """The policy of employment-supporting activity.

    Attributes:
        job_coach_required: a job coach must support the worker and the employer (W2).
    """

    job_coach_required: bool = attrs.field(default=True, validator=flag)


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


ES_TARGET = kind(
    "employment_support.not_in_target_group",
    "Työllistymistä tukeva toiminta (710/1982 27 d §) edellyttää: {missing}.",
    "Sysselsättningsfrämjande verksamhet (710/1982 27 d §) förutsätter: {missing}.",
    "Employment-supporting activity (710/1982 §27 d) needs: {missing}.",
    {"missing": FIELD_LABELS},
)
ES_NO_CONTRACT = kind(
    "employment_support.no_employment_contract",
    "Työllistymistä tukeva toiminta on työsopimussuhteista työtä; työsopimus puuttuu.",
    "Sysselsättningsfrämjande verksamhet är arbete i anställningsförhållande; arbetsavtal saknas.",
    "Employment-supporting activity is work under an employment contract; none is recorded.",
)
ES_PAY = kind(
    "employment_support.pay_below_agreement",
    "Palkan on oltava vähintään työehtosopimuksen mukainen.",
    "Lönen ska vara minst enligt kollektivavtalet.",
    "The pay must be at least the collective agreement's.",
)
ES_NO_COACH = kind(
    "employment_support.no_job_coach",
    "Työhönvalmentajaa ei ole nimetty.",
    "Ingen arbetscoach har utsetts.",
    "No job coach is named.",
)


@guard(ES_TARGET)
def _target(p: Proposal[EmploymentSupportContext, EmploymentSupportPolicy]) -> Iterator[Reason]:
    """W2: long-term special difficulty and a need for social-welfare support."""
    if missing := missing_flags(p.data, "long_term_difficulty", "needs_social_welfare_support"):
        yield ES_TARGET(missing=missing)


@guard(ES_NO_CONTRACT, ES_PAY, ES_NO_COACH)
def _job(p: Proposal[EmploymentSupportContext, EmploymentSupportPolicy]) -> Iterator[Reason]:
    """W2: an employment contract, collective-agreement pay and a job coach."""
    job: Employment = p.data
    if not job.employment_contract:
        yield ES_NO_CONTRACT()
    if not job.collective_agreement_pay:
        yield ES_PAY()
    if p.policy.job_coach_required and not (job.job_coach or "").strip():
        yield ES_NO_COACH()


def _hired(ctx: EmploymentSupportContext, event: Event) -> EmploymentSupportContext:
    return evolve(ctx, employment=event.data, employed_since=event.at, jobs=ctx.jobs + 1)


def _job_ended(ctx: EmploymentSupportContext, event: Event) -> EmploymentSupportContext:
    return evolve(ctx, employment=None, employed_since=None)


_COUNTY = frozenset({WC})
_COACHED = frozenset({WC, COACH})
_AT_WORK = frozenset({WC, COACH, EMPLOYER})
_OPEN = ("assessment", "job_search", "employed")

STATES = steps(
    ASSESSMENT,
    State(
        "job_search",
        Text("Työnhaku valmentajan tuella", "Arbetssökande med coach", "Coached job search"),
    ),
    State(
        "employed",
        Text("Työssä valmentajan tuella", "I arbete med coach", "Employed with coaching"),
    ),
)
"""The steps of employment-supporting activity, the two final ones last."""

TRANSITIONS = path_rows(
    STATES,
    opening("assessment", _COUNTY),
    TransitionSpec(
        trigger="admit",
        sources=("assessment",),
        dest="job_search",
        roles=_COUNTY,
        label=Text("Palvelu myönnetään", "Tjänsten beviljas", "Admit"),
        payload=SupportNeed,
        guards=(_target,),
        apply=entering(),
    ),
    TransitionSpec(
        trigger="hire",
        sources=("job_search",),
        dest="employed",
        roles=_COACHED,
        label=Text("Työsuhde alkaa", "Anställningen börjar", "Start a job"),
        payload=Employment,
        guards=(_job,),
        apply=entering(_hired),
    ),
    TransitionSpec(
        trigger="job_ends",
        sources=("employed",),
        dest="job_search",
        roles=_AT_WORK,
        label=Text("Työsuhde päättyy", "Anställningen slutar", "The job ends"),
        apply=entering(_job_ended),
    ),
    closing(
        "continues_without_coaching",
        Closure.EMPLOYED,
        ("employed",),
        _AT_WORK,
        label=Text(
            "Jatkaa työssä ilman valmennusta",
            "Fortsätter arbeta utan coach",
            "Continues in work without coaching",
        ),
    ),
    hand_over("to_work_activity", WORK_ACTIVITY, ("assessment", "job_search"), _COACHED),
    hand_over("to_employment_services", "employment_services", ("job_search",), _COACHED),
    closing("not_eligible", Closure.NOT_ELIGIBLE, ("assessment",), _COUNTY),
    closing("withdraw", Closure.CLIENT_DECLINED, _OPEN, _AT_WORK),
    competence_transition(_OPEN, _AT_WORK | {SP}),
)
"""Every trigger of employment-supporting activity."""


@definition_builder(EmploymentSupportPolicy)
def employment_support_definition_for(
    policy: EmploymentSupportPolicy,
) -> ProcessDefinition[EmploymentSupportContext, EmploymentSupportPolicy]:
    """The employment-support path under *policy*, built once per distinct policy."""
    return ProcessDefinition(
        name=EMPLOYMENT_SUPPORT,
        version=VERSION,
        label=Text(
            "Työllistymistä tukeva toiminta",
            "Sysselsättningsfrämjande verksamhet",
            "Employment-supporting activity",
        ),
        policy=policy,
        states=STATES,
        transitions=TRANSITIONS,
        context_factory=EmploymentSupportContext,
    )


def employment_support_definition(
    *, job_coach_required: bool = True
) -> ProcessDefinition[EmploymentSupportContext, EmploymentSupportPolicy]:
    """Return the employment-supporting activity definition (see the policy class)."""
    return employment_support_definition_for(
        EmploymentSupportPolicy(job_coach_required=job_coach_required)
    )
