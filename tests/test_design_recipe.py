"""The toy process of docs/design.md "How to add a process", built from the page's own code.

The page's first block is the process module, its last the module of its data for the
testing kit; the test loads both under the names the registry entry uses, registers the
process and runs the testing kit on it.
"""

from __future__ import annotations

import re
import sys
import threading
import types
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pathway_fsm as pf
from helpers import OFFICE
from pathway_fsm import testing

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"```python\n(.*?)```", re.DOTALL)
STRATEGIES = "pathway_fsm.testing._work_trial"


def recipe_blocks() -> list[str]:
    """The python blocks of the page's "How to add a process" section, in order."""
    page = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    section = page.split("## How to add a process\n", 1)[1].split("\n## ", 1)[0]
    return FENCE.findall(section)


def load(name: str, code: str) -> types.ModuleType:
    """*code* run as the module *name* (not left in ``sys.modules``)."""
    module = types.ModuleType(name)
    sys.modules[name] = module
    try:
        exec(compile(code, f"<design.md {name}>", "exec"), module.__dict__)
    finally:
        del sys.modules[name]
    return module


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> Iterator[types.ModuleType]:
    """The toy process module, registered with its strategies module importable."""
    first, *_, last = recipe_blocks()
    module = load("work_trial", first)
    monkeypatch.setitem(sys.modules, "work_trial", module)
    monkeypatch.setitem(sys.modules, STRATEGIES, load(STRATEGIES, last))
    (process,) = module.PROCESSES
    pf.register(process)
    try:
        yield module
    finally:
        pf.unregister(process.name)


def test_the_recipe_has_the_module_a_use_and_the_strategies() -> None:
    """The section shows the module, a use of it and the strategies module, in that order."""
    blocks = recipe_blocks()
    assert 3 == len(blocks)
    assert "PROCESSES = (" in blocks[0]
    assert "@guard(NOT_SIGNED, TOO_FEW_HOURS)" in blocks[0]
    assert "def payload_strategies(definition)" in blocks[-1]


def test_the_toy_has_three_states_one_declared_guard_and_a_payload(
    toy: types.ModuleType,
) -> None:
    """The toy is small: three states, one guard declaring its two reasons, one payload."""
    definition = toy.definition()
    assert ("offered", "running", "done") == definition.states
    assert {"trial.not_signed", "trial.too_few_hours"} == {
        k.code for k in definition.transition("begin").reasons
    }
    assert toy.Agreement is definition.transition("begin").payload


def test_a_registered_toy_is_known_to_definitions_and_from_dict(toy: types.ModuleType) -> None:
    """Registered, the toy is listed after the shipped ones and restored by name alone."""
    assert "work_trial" == list(pf.definitions())[-1]
    office = pf.Actor("ea-1", pf.Role.EMPLOYMENT_AUTHORITY)
    trial = toy.definition(min_hours_per_week=5).start("c-1", at=date(2025, 2, 3), by=office)
    agreement = toy.Agreement(signed_by_employer=True, hours_per_week=5)
    trial.fire("begin", agreement, at=date(2025, 2, 4), by=office)
    assert trial == pf.from_dict(pf.to_dict(trial))


def test_the_registry_forgets_the_toy_after_unregister(toy: types.ModuleType) -> None:
    """Once unregistered, from_dict no longer knows the name and says which it knows."""
    office = pf.Actor("ea-1", pf.Role.EMPLOYMENT_AUTHORITY)
    document = pf.to_dict(toy.definition().start("c-1", at=date(2025, 2, 3), by=office))
    pf.unregister("work_trial")
    try:
        with pytest.raises(pf.PathwayDataError) as caught:
            pf.from_dict(document)
        assert ["$.definition.name"] == [where for where, _ in caught.value.errors]
    finally:
        pf.register(toy.PROCESSES[0])


def test_the_kit_draws_the_toys_payloads_from_its_strategies_module(
    toy: types.ModuleType,
) -> None:
    """payloads() of the toy's begin is the strategy its registry entry's module draws."""
    strategies = sys.modules[STRATEGIES]
    assert strategies.AGREEMENTS is testing.payloads(toy.definition(), "begin")


@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_pathways_of_the_toy_keep_every_accepted_begin_valid(data: st.DataObject) -> None:
    """pathways() drives the registered toy: a pathway that began has a signed agreement."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        first, *_, last = recipe_blocks()
        module = load("work_trial", first)
        monkeypatch.setitem(sys.modules, STRATEGIES, load(STRATEGIES, last))
        pf.register(module.PROCESSES[0])
        try:
            run = data.draw(testing.pathways(module.definition(), max_attempts=6))
        finally:
            pf.unregister("work_trial")
    began = [e for e in run.pathway.history if e.trigger == "begin"]
    assert all(e.data.signed_by_employer and e.data.hours_per_week >= 10 for e in began)
    assert (run.pathway.context.began_on is None) == (not began)


def test_every_edge_path_of_the_toy_is_drawn_and_played(toy: types.ModuleType) -> None:
    """Each of paths(kind="edges") draws data its guard accepts, and plays back to its end."""
    definition = toy.definition()
    found = list(testing.paths(definition, kind="edges"))
    assert {("offer", "begin", "finish"), ("offer", "finish")} == {p.triggers for p in found}

    @settings(max_examples=10, deadline=None)
    @given(data=st.data())
    def plays(data: st.DataObject) -> None:
        path = data.draw(st.sampled_from(found))
        steps = data.draw(path.strategy(start=date(2025, 2, 3)))
        assert path.state == path.play(steps).state

    plays()


def test_registering_is_refused_for_a_taken_name_or_a_non_process(
    toy: types.ModuleType,
) -> None:
    """A second entry under a taken name, or something that is no Process, is refused."""
    (process,) = toy.PROCESSES
    pf.register(process)  # the same entry again: nothing happens
    typ = pf.definitions()["typ"]
    with pytest.raises(pf.DefinitionError, match="registered"):
        pf.register(pf.Process("typ", "1", type(typ.policy), lambda p: typ))
    with pytest.raises(pf.DefinitionError, match="registered"):
        pf.register(pf.Process("work_trial", "2", process.policy_type, process.build))
    with pytest.raises(pf.DefinitionError, match="expected a Process"):
        pf.register("work_trial")  # type: ignore[arg-type]
    with pytest.raises(pf.DefinitionError, match="no host process"):
        pf.unregister("typ")


def test_a_build_that_returns_another_definition_is_a_definition_error() -> None:
    """An entry whose build returns a definition of another name or version, or under
    another policy, would restore a document as a pathway that stores as something else:
    from_dict refuses it."""
    typ = pf.definitions()["typ"]
    document = pf.to_dict(typ.start("c-1", at=date(2025, 2, 3), by=OFFICE))
    other_policy = attrs.evolve(pf.typ.definition(profile="381/2023"), name="typ_host")
    for name, version, built in (
        ("mislabelled", "1", typ),
        ("typ_v9", "9", None),
        ("typ_host", "1", other_policy),
    ):
        pf.register(pf.Process(name, version, type(typ.policy), lambda p, b=built: b))
        try:
            stored = {**document, "definition": {**document["definition"], "name": name}}
            stored["definition"]["version"] = version
            with pytest.raises(pf.DefinitionError, match="build\\(policy\\) must return"):
                pf.from_dict(stored)
        finally:
            pf.unregister(name)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("version", 1),
        ("policy_type", "TrialPolicy"),
        ("build", None),
        ("strategies", ""),
    ],
)
def test_a_process_entry_with_a_wrong_field_is_refused(field: str, value: object) -> None:
    """A Process with a field of the wrong type names the field."""
    fields: dict[str, Any] = {
        "name": "x",
        "version": "1",
        "policy_type": object,
        "build": lambda p: None,
        "strategies": None,
    }
    with pytest.raises(pf.DefinitionError, match=field):
        pf.Process(**{**fields, field: value})


def test_registering_from_threads_keeps_one_entry_per_name() -> None:
    """Threads registering and unregistering distinct names leave the registry as it was."""
    typ = pf.definitions()["typ"]
    before = list(pf.definitions())

    def churn(i: int) -> None:
        entry = pf.Process(f"host_{i}", "1", type(typ.policy), lambda p: typ)
        for _ in range(50):
            pf.register(entry)
            pf.unregister(entry.name)

    threads = [threading.Thread(target=churn, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert before == list(pf.definitions())


@pytest.mark.parametrize(
    ("declared", "problem"),
    [
        (None, "expected a tuple of Process entries"),
        ((), "expected a tuple of Process entries"),
        (("typ",), "expected Process entries"),
    ],
)
def test_a_module_with_broken_processes_is_named(
    monkeypatch: pytest.MonkeyPatch, declared: object, problem: str
) -> None:
    """A listed module whose PROCESSES is missing, empty or not entries is a DefinitionError."""
    from pathway_fsm._registry import entries

    module = types.ModuleType("host_processes")
    if declared is not None:
        module.PROCESSES = declared  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    with pytest.raises(pf.DefinitionError, match=problem) as caught:
        entries((module.__name__,))
    assert "host_processes" == caught.value.name


def test_two_listed_modules_declaring_one_name_are_refused() -> None:
    """A name declared twice across the listed modules is a DefinitionError naming it."""
    from pathway_fsm._registry import SHIPPED, entries

    assert list(pf.definitions()) == list(entries(SHIPPED))
    with pytest.raises(pf.DefinitionError, match="registered") as caught:
        entries(("pathway_fsm.typ", "pathway_fsm.typ"))
    assert "typ" == caught.value.name


@settings(max_examples=10)
@given(data=st.data())
def test_a_process_without_strategies_draws_its_payloads_by_building_them(
    data: st.DataObject,
) -> None:
    """With no strategies module anywhere for a payload class, its data is built from it."""
    module = load("work_trial", recipe_blocks()[0])
    process = pf.Process("work_trial", "1", module.TrialPolicy, module.definition_for)
    pf.register(process)
    try:
        drawn = data.draw(testing.payloads(module.definition(), "begin"))
    finally:
        pf.unregister("work_trial")
    assert {"signed_by_employer", "hours_per_week"} == set(drawn)
    assert isinstance(module.Agreement(**drawn), module.Agreement)
