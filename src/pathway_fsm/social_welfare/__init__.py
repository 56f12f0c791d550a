"""Social-welfare service paths (rules A1–A23, W1–W7, H1, H3).

Each path is an ordinary :class:`~pathway_fsm.ProcessDefinition` declared with the
engine's rows: its steps are :class:`~pathway_fsm.State`\\ s and its moves and exits
:class:`~pathway_fsm.TransitionSpec`\\ s. Every exit's reducer is an :class:`ExitTo`
naming the next service or a coded :class:`Closure` ("A always leads to B", W7/H1), and
every path records recognised competences (W6) with ``recognise_competence``; a host
connects its recognition system through the pathway's :class:`~pathway_fsm.Hooks`.

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

from typing import Any

from ._common import (
    EMPLOYMENT_SUPPORT,
    KTT,
    SOCIAL_REHABILITATION,
    VERSION,
    WORK_ACTIVITY,
    Closure,
    Competence,
    ExitTo,
    PathContext,
    Payment,
    PaymentKind,
    closing,
    competence_transition,
    entering,
    hand_over,
    opened,
    opening,
    path_rows,
    steps,
)
from ._employment_support import (
    Employment,
    EmploymentSupportContext,
    EmploymentSupportPolicy,
    SupportNeed,
    employment_support_definition,
    employment_support_definition_for,
)
from ._ktt import ktt_definition, ktt_definition_for
from ._ktt_facts import (
    KTT_SCOPES,
    ActivationPlan,
    Attendance,
    Benefit,
    Eligibility,
    EmploymentCondition,
    Interruption,
    KttContext,
    KttPolicy,
    KttScope,
    PeriodStart,
    Route,
)
from ._social_rehabilitation import (
    Measure,
    MeasureKind,
    RehabilitationNeed,
    SocialRehabilitationContext,
    SocialRehabilitationPolicy,
    social_rehabilitation_definition,
    social_rehabilitation_definition_for,
)
from ._work_activity import (
    Setting,
    WorkActivityBasis,
    WorkActivityContext,
    WorkActivityDecision,
    WorkActivityPolicy,
    WorkActivityTerms,
    work_activity_definition,
    work_activity_definition_for,
)

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
    "ExitTo",
    "Interruption",
    "KttContext",
    "KttPolicy",
    "KttScope",
    "Measure",
    "MeasureKind",
    "PathContext",
    "Payment",
    "PaymentKind",
    "PeriodStart",
    "RehabilitationNeed",
    "Route",
    "Setting",
    "SocialRehabilitationContext",
    "SocialRehabilitationPolicy",
    "SupportNeed",
    "WorkActivityBasis",
    "WorkActivityContext",
    "WorkActivityDecision",
    "WorkActivityPolicy",
    "WorkActivityTerms",
    "closing",
    "competence_transition",
    "employment_support_definition",
    "employment_support_definition_for",
    "entering",
    "hand_over",
    "ktt_definition",
    "ktt_definition_for",
    "opened",
    "opening",
    "path_rows",
    "social_rehabilitation_definition",
    "social_rehabilitation_definition_for",
    "steps",
    "work_activity_definition",
    "work_activity_definition_for",
]

# The registry entry: what from_dict, definitions() and the testing kit read.
from .._registry import Process

PROCESSES: tuple[Process[Any], ...] = tuple(
    Process(name, VERSION, policy, build, "pathway_fsm.testing._welfare")
    for name, policy, build in (
        (KTT, KttPolicy, ktt_definition_for),
        (WORK_ACTIVITY, WorkActivityPolicy, work_activity_definition_for),
        (EMPLOYMENT_SUPPORT, EmploymentSupportPolicy, employment_support_definition_for),
        (SOCIAL_REHABILITATION, SocialRehabilitationPolicy, social_rehabilitation_definition_for),
    )
)
"""This package's processes, as the registry lists them."""
