"""Types a host sees on the social-welfare paths: checked by mypy, never executed."""

from datetime import date
from typing import assert_type

import pathway_fsm as pf
from pathway_fsm import social_welfare as sw


def definitions(county: pf.Actor, day: date) -> None:
    """Each path's definition names its context and policy types."""
    ktt = sw.ktt_definition()
    assert_type(ktt, pf.ProcessDefinition[sw.KttContext, sw.KttPolicy])
    assert_type(
        sw.ktt_definition_for(sw.KttPolicy()), pf.ProcessDefinition[sw.KttContext, sw.KttPolicy]
    )
    assert_type(ktt.start("c", at=day, by=county).context, sw.KttContext)
    assert_type(ktt.policy.max_days_per_week, int)
    assert_type(
        sw.work_activity_definition().start("c", at=day, by=county).context,
        sw.WorkActivityContext,
    )
    assert_type(
        sw.employment_support_definition().start("c", at=day, by=county).context,
        sw.EmploymentSupportContext,
    )
    assert_type(sw.social_rehabilitation_definition().policy.youth_measure_for_young_only, bool)
    assert_type(
        sw.competence_transition(("assessment",), frozenset({pf.Role.WELLBEING_COUNTY})),
        pf.TransitionSpec,
    )
    sw.ExitTo(closure="studies")  # type: ignore[arg-type]
