"""A host checks its own operations on TYP with the fixtures of pathway_fsm's pytest plugin.

The host (a made-up case-management system) opens TYP cases through its own function,
which attaches a budget: a before-hook refuses admissions once the quarter's places are
used, and an after-hook takes a place per admission. Its tests ask pytest for two
fixtures that pathway_fsm's plugin provides, with no import or conftest:
``pathway_definitions`` (the shipped definitions by name) and ``pathway_contract``
(stored form, replay, and "a refusal changes nothing").

Run it with ``pytest examples/test_host_contract.py``. As a script, it runs the same
tests with what the fixtures hand out: ``pathway_fsm.definitions()`` and
``pathway_fsm.testing.PathwayContract()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

import pathway_fsm as pf
from pathway_fsm import Actor, Reason, ReasonKind, Role, Text

if TYPE_CHECKING:
    from pathway_fsm.contract import PathwayContract

OFFICE = Actor("ea-17", Role.EMPLOYMENT_AUTHORITY)
NO_PLACES = ReasonKind(
    "host.no_places",
    Text("Paikat ovat täynnä.", "Platserna är fulla.", "No places are left this quarter."),
)
ELIGIBLE = {"multidisciplinary_need": True, "benefits_from_service": True}


class Budget:
    """The host's TYP places for the quarter."""

    def __init__(self, places: int) -> None:
        self.places = places

    def refuse_when_full(self, pathway: pf.Pathway, event: pf.Event) -> Reason | None:
        """Before ``admit``: no places, no admission."""
        return NO_PLACES() if self.places <= 0 else None

    def take_place(self, pathway: pf.Pathway, event: pf.Event) -> None:
        """After ``admit``: the client has a place."""
        self.places -= 1


def open_case(
    definition: pf.ProcessDefinition, client_id: str, *, on: date, budget: Budget
) -> pf.Pathway:
    """The host's own operation: start a TYP pathway with the budget attached."""
    hooks = (
        pf.Hooks()
        .before(budget.refuse_when_full, trigger="admit")
        .after(budget.take_place, trigger="admit")
    )
    return definition.start(client_id, at=on, by=OFFICE, hooks=hooks)


def test_an_admitted_case_keeps_the_contract(
    pathway_definitions: Mapping[str, pf.ProcessDefinition], pathway_contract: PathwayContract
) -> None:
    """An admitted case takes a place, survives storage as JSON and replays to itself."""
    budget = Budget(places=1)
    case = open_case(pathway_definitions["typ"], "client-0042", on=date(2025, 1, 8), budget=budget)
    case.fire("admit", at=date(2025, 1, 15), by=OFFICE, labour_market_subsidy_days=300, **ELIGIBLE)
    assert budget.places == 0
    pathway_contract.holds(case)


def test_a_full_quarter_refuses_and_changes_nothing(
    pathway_definitions: Mapping[str, pf.ProcessDefinition], pathway_contract: PathwayContract
) -> None:
    """With no places left, the host's hook refuses admission and nothing changes."""
    budget = Budget(places=0)
    case = open_case(pathway_definitions["typ"], "client-0043", on=date(2025, 1, 8), budget=budget)
    refusal = pathway_contract.refused(
        case,
        "admit",
        code="host.no_places",
        at=date(2025, 1, 15),
        by=OFFICE,
        labour_market_subsidy_days=300,
        **ELIGIBLE,
    )
    assert refusal.reasons[0].message("sv") == "Platserna är fulla."
    assert budget.places == 0


def test_typ_rules_refuse_before_the_budget(
    pathway_definitions: Mapping[str, pf.ProcessDefinition], pathway_contract: PathwayContract
) -> None:
    """TYP's own rule refuses first (a short subsidy record, no unemployment facts)."""
    budget = Budget(places=1)
    case = open_case(pathway_definitions["typ"], "client-0044", on=date(2025, 1, 8), budget=budget)
    pathway_contract.refused(
        case,
        "admit",
        code="typ.entry.unemployment_facts_missing",
        at=date(2025, 1, 15),
        by=OFFICE,
        labour_market_subsidy_days=100,
        **ELIGIBLE,
    )
    assert budget.places == 1


if __name__ == "__main__":
    from pathway_fsm.contract import PathwayContract

    for test in (
        test_an_admitted_case_keeps_the_contract,
        test_a_full_quarter_refuses_and_changes_nothing,
        test_typ_rules_refuse_before_the_budget,
    ):
        test(pf.definitions(), PathwayContract())
        print(f"passed: {test.__name__}")
