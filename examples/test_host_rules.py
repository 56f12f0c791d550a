"""A host checks a rule of its own on top of the TYP process with the testing kit.

The host (a made-up team dashboard) lists clients whose multidisciplinary plan is late:
still planning (``suunnittele``) after the plan deadline. Its own rule is that the list
agrees with the calendar: nobody is listed sooner than three months after admission
(89 days at the shortest), and nobody who has been planning for longer than that (92
days at the longest) is missing from it.

:class:`pathway_fsm.testing.PathwayMachine` drives random TYP pathways, refusals
included; the host adds one ``@invariant()``. Pytest collects ``TestLatePlanList``; as
a script, the file runs the same machine once and prints the result.

Run it with ``python examples/test_host_rules.py`` or ``pytest examples/test_host_rules.py``.
"""

from __future__ import annotations

from datetime import date

from hypothesis import settings
from hypothesis.stateful import invariant, run_state_machine_as_test

import pathway_fsm as pf
from pathway_fsm import typ
from pathway_fsm.testing import PathwayMachine


def on_late_plan_list(pathway: pf.Pathway, today: date) -> bool:
    """The host's dashboard rule: planning has gone on past the plan deadline."""
    return pathway.state == "suunnittele" and any(
        d.code == "typ.plan_due" and d.overdue for d in pathway.deadlines(at=today)
    )


@settings(stateful_step_count=20)
class LatePlanList(PathwayMachine):
    """Random TYP pathways, with the dashboard's rule checked after every step."""

    definition = typ.definition()

    @invariant()
    def list_agrees_with_the_calendar(self) -> None:
        """Listed only after 89 days of planning; always listed after 92."""
        started_on = self.pathway.context.started_on
        listed = on_late_plan_list(self.pathway, self.today)
        if self.pathway.state != "suunnittele" or started_on is None:
            assert not listed
            return
        planning_days = (self.today - started_on).days
        if listed:
            assert planning_days >= 90, planning_days
        else:
            assert planning_days <= 92, planning_days


TestLatePlanList = LatePlanList.TestCase


if __name__ == "__main__":
    run_state_machine_as_test(LatePlanList)  # raises, with the failing steps, if broken
    print("The late-plan list agrees with the calendar on every TYP pathway tried.")
