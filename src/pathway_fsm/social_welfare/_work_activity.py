"""Work activity (työtoiminta) under §27 e of the old Social Welfare Act 710/1982 (W3, W4).

The Disability Services Act 675/2023 grants it secondarily. The rows are declared once;
the guard of ``decide`` takes whether the act is secondary from ``p.policy``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator

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
    EMPLOYMENT_SUPPORT,
    FIELD_LABELS,
    SP,
    VERSION,
    WC,
    WORK_ACTIVITY,
    Closure,
    PathContext,
    Payment,
    PaymentKind,
    closing,
    competence_transition,
    entering,
    hand_over,
    missing_flags,
    opening,
    path_rows,
    payment_transition,
    steps,
)

__all__ = [
    "Setting",
    "WorkActivityBasis",
    "WorkActivityContext",
    "WorkActivityDecision",
    "WorkActivityPolicy",
    "WorkActivityTerms",
    "work_activity_definition",
    "work_activity_definition_for",
]


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

    disability_act_secondary: bool = attrs.field(default=True, validator=flag)


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


WA_TARGET = kind(
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
    {"missing": FIELD_LABELS},
)
WA_SECONDARY = kind(
    "work_activity.disability_act_secondary",
    "Vammaispalvelulain mukainen työtoiminta on toissijaista: ei ole todettu, etteivät "
    "27 d–e §:n palvelut vastaa tarpeisiin.",
    "Arbetsverksamhet enligt lagen om funktionshinderservice är sekundär: det har inte "
    "konstaterats att tjänsterna enligt 27 d–e § inte motsvarar behoven.",
    "Work activity under the Disability Services Act is secondary: it has not been found "
    "that the §27 d/e services do not meet the needs.",
)
WA_NO_EMPLOYMENT = kind(
    "work_activity.no_employment_relationship",
    "Työtoiminta ei ole työsuhde: työsopimusta ei kirjata.",
    "Arbetsverksamhet är inget anställningsförhållande: inget arbetsavtal antecknas.",
    "Work activity is not employment: no employment contract is recorded.",
)
WA_ALLOWANCE_ONLY = kind(
    "work_activity.work_allowance_only",
    "Työtoiminnasta maksetaan vain työosuusrahaa, ei '{kind}'.",
    "För arbetsverksamhet betalas endast arbetspremie, inte '{kind}'.",
    "Only the work allowance is paid for work activity, not '{kind}'.",
    {"kind": FIELD_LABELS},
)


@guard(WA_TARGET, WA_SECONDARY)
def _decision(p: Proposal[WorkActivityContext, WorkActivityPolicy]) -> Iterator[Reason]:
    """W3 target group under §27 e; W4 the Disability Services Act only secondarily."""
    d: WorkActivityDecision = p.data
    if d.basis is WorkActivityBasis.SWA_710_1982:
        if missing := missing_flags(d, "capacity_below_27d", "income_mainly_benefits"):
            yield WA_TARGET(missing=missing)
    elif p.policy.disability_act_secondary and not d.section_27_insufficient:
        yield WA_SECONDARY()


@guard(WA_NO_EMPLOYMENT)
def _no_contract(p: Proposal[WorkActivityContext, WorkActivityPolicy]) -> Iterator[Reason]:
    """W3: work activity never records an employment contract."""
    if p.data.employment_contract:
        yield WA_NO_EMPLOYMENT()


@guard(WA_ALLOWANCE_ONLY)
def _allowance(p: Proposal[WorkActivityContext, WorkActivityPolicy]) -> Iterator[Reason]:
    """W3: the work allowance only, never a wage."""
    if p.data.kind is not PaymentKind.WORK_ALLOWANCE:
        yield WA_ALLOWANCE_ONLY(kind=p.data.kind.value)


def _decided(ctx: WorkActivityContext, event: Event) -> WorkActivityContext:
    return evolve(ctx, decision=event.data)


def _began(ctx: WorkActivityContext, event: Event) -> WorkActivityContext:
    return evolve(ctx, setting=event.data.setting)


_COUNTY = frozenset({WC})
_AT_WORK = frozenset({WC, SP})

STATES = steps(
    ASSESSMENT,
    State("decided", Text("Päätös tehty", "Beslut fattat", "Decided")),
    State("active", Text("Työtoiminnassa", "I arbetsverksamhet", "In work activity")),
)
"""The steps of work activity, the two final ones last."""

TRANSITIONS = path_rows(
    STATES,
    opening("assessment", _COUNTY),
    TransitionSpec(
        trigger="decide",
        sources=("assessment",),
        dest="decided",
        roles=_COUNTY,
        label=Text("Päätös työtoiminnasta", "Beslut om arbetsverksamhet", "Grant work activity"),
        payload=WorkActivityDecision,
        guards=(_decision,),
        apply=entering(_decided),
    ),
    TransitionSpec(
        trigger="begin",
        sources=("decided",),
        dest="active",
        roles=_AT_WORK,
        label=Text("Työtoiminta alkaa", "Arbetsverksamheten börjar", "Begin work activity"),
        payload=WorkActivityTerms,
        guards=(_no_contract,),
        apply=entering(_began),
    ),
    payment_transition(("active",), _AT_WORK, _allowance),
    hand_over("to_employment_support", EMPLOYMENT_SUPPORT, ("active",), _AT_WORK),
    hand_over("to_day_activity", "day_activity", ("assessment", "active"), _AT_WORK),
    closing("not_eligible", Closure.NOT_ELIGIBLE, ("assessment",), _COUNTY),
    closing("end", Closure.NO_FURTHER_SERVICE, ("decided", "active"), _AT_WORK),
    closing("withdraw", Closure.CLIENT_DECLINED, ("assessment", "decided", "active"), _AT_WORK),
    competence_transition(("assessment", "decided", "active"), _AT_WORK | {COACH}),
)
"""Every trigger of work activity."""


@definition_builder(WorkActivityPolicy)
def work_activity_definition_for(
    policy: WorkActivityPolicy,
) -> ProcessDefinition[WorkActivityContext, WorkActivityPolicy]:
    """The work-activity path under *policy*, built once per distinct policy."""
    return ProcessDefinition(
        name=WORK_ACTIVITY,
        version=VERSION,
        label=Text("Työtoiminta", "Arbetsverksamhet", "Work activity"),
        policy=policy,
        states=STATES,
        transitions=TRANSITIONS,
        context_factory=WorkActivityContext,
    )


def work_activity_definition(
    *, disability_act_secondary: bool = True
) -> ProcessDefinition[WorkActivityContext, WorkActivityPolicy]:
    """Return the work-activity definition (see :class:`WorkActivityPolicy`)."""
    return work_activity_definition_for(
        WorkActivityPolicy(disability_act_secondary=disability_act_secondary)
    )
