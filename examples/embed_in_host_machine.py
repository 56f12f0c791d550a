"""A host's own case machine that contains TYP as a nested state.

Run it with ``make examples``. The host keeps a ``HierarchicalMachine`` of its own for
each case file: waiting, then the TYP process nested as ``typ``, then archived. TYP's
triggers are called on the host's model with the same keywords as ``Pathway.fire``;
the host's machine moves only when TYP's rules allow, and the pathway on the model
records each event. When TYP reaches its final state, the host's ``on_final`` callback
archives the case. The stored pathway is then restored onto a fresh case file.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from transitions.extensions.nesting import HierarchicalMachine

import pathway_fsm as pf
from pathway_fsm import Actor, Role, typ
from pathway_fsm.embedding import attach, embed

office = Actor("ea-counsellor-17", Role.EMPLOYMENT_AUTHORITY)
client = Actor("client-0042", Role.CLIENT)


class CaseFile:
    """The host's own model: a case file with a state kept by the host's machine."""

    state: str
    pathway: pf.Pathway

    def __init__(self, case_id: str) -> None:
        self.case_id = case_id
        self.log: list[str] = []

    def on_enter_archived(self, event: Any) -> None:
        self.log.append(f"case {self.case_id} archived")


def case_machine(case: CaseFile, definition: pf.ProcessDefinition) -> HierarchicalMachine:
    """The host's machine for one case file, with the definition nested as ``typ``."""
    machine = HierarchicalMachine(
        model=case,
        states=["waiting", "archived"],
        initial="waiting",
        send_event=True,  # the nested triggers read their keywords from the event
        auto_transitions=False,  # no to_<state>() that could skip TYP's rules
    )
    # embed() checks both options and adds TYP as the nested state "typ"; "archive" is
    # the host's own trigger, fired when TYP reaches its final state.
    nested = embed(machine, definition, on_final="archive")
    machine.add_transition("refer_to_typ", "waiting", nested)
    machine.add_transition("archive", nested, "archived")
    return machine


definition = typ.definition()
case: Any = CaseFile("case-7")
machine = case_machine(case, definition)
attach(case, definition.start("client-0042", at=date(2025, 1, 8), by=office))
case.refer_to_typ()
print(f"referred:   host in {case.state}, pathway in {case.pathway.state}")

admission = {
    "multidisciplinary_need": True,
    "labour_market_subsidy_days": 300,
    "benefits_from_service": True,
}
try:
    case.admit(at=date(2025, 1, 15), by=client, **admission)
except pf.TransitionRefused as refused:
    print(f"refused:    {refused.reasons[0].message('fi')}")
print(f"unchanged:  host in {case.state}, {case.pathway.seq} event(s)")

try:
    case.review_plan(at=date(2025, 1, 15), by=office)  # no plan yet: the wrong state
except pf.TransitionRefused as refused:
    print(f"refused:    {refused.reasons[0].code}")

case.admit(at=date(2025, 1, 15), by=office, **admission)
print(f"admitted:   host in {case.state}, pathway in {case.pathway.state}")

stored = pf.to_dict(case.pathway)
restored: Any = CaseFile("case-7")
restored_machine = case_machine(restored, definition)
attach(restored, pf.from_dict(stored))
restored_machine.set_state(f"typ_{restored.pathway.state}", restored)
print(f"restored:   host in {restored.state}, pathway equal: {restored.pathway == case.pathway}")

restored.begin_resolution(at=date(2025, 3, 3), by=office)
restored.close(at=date(2025, 3, 4), by=office, closure="moved_away")
print(f"ended:      host in {restored.state}, pathway in {restored.pathway.state}")
print(f"host log:   {restored.log}")
print(f"history:    {[e.trigger for e in restored.pathway.history]}")
