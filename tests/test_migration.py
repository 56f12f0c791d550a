"""Migration of stored pathways across definition versions and policy profiles."""

from __future__ import annotations

import copy
import json
import threading
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pathway_fsm as pf
from pathway_fsm import testing, typ

OFFICE = pf.Actor("te-1", pf.Role.EMPLOYMENT_AUTHORITY)
OLD = typ.definition(profile="1369/2014")
NEW = typ.definition(profile="381/2023")
TEXT = pf.Text("x", "x", "x")


def typ_document(**facts: Any) -> dict[str, Any]:
    """A TYP pathway admitted under 1369/2014 with *facts*, in its stored form."""
    pathway = OLD.start("c-1", at=date(2024, 3, 1), by=OFFICE)
    pathway.fire("admit", at=date(2024, 3, 4), by=OFFICE, **facts)
    return pf.to_dict(pathway)


SUBSIDY_ONLY = typ_document(multidisciplinary_need=True, labour_market_subsidy_days=320)
WITH_OBSTACLE = typ_document(
    multidisciplinary_need=True,
    labour_market_subsidy_days=320,
    work_capacity_limitations=True,
    solvable_by_consultation=False,
)


# --------------------------------------------------------------------------- a toy in two versions


@attrs.frozen
class NoteV1:
    """The v1 payload of ``wait``."""

    text: str


@attrs.frozen
class NoteV2:
    """The v2 payload of ``wait``: a field added with a default."""

    text: str
    urgent: bool = False


@attrs.frozen
class ToyPolicy:
    """The toy's (empty) policy."""


def toy(version: str, migrations: tuple[pf.Migration, ...] = ()) -> pf.ProcessDefinition:
    """A three-step toy: v1 waits in ``waiting``, v2 in ``pending`` with a richer note."""
    waiting = "waiting" if version == "1" else "pending"
    role = frozenset({pf.Role.EMPLOYMENT_AUTHORITY})
    return pf.ProcessDefinition(
        name="toy",
        version=version,
        label=TEXT,
        policy=ToyPolicy(),
        states=(pf.State("new", TEXT), pf.State(waiting, TEXT), pf.State("done", TEXT, final=True)),
        transitions=(
            pf.TransitionSpec("start", (), "new", role, TEXT),
            pf.TransitionSpec(
                "wait", ("new",), waiting, role, TEXT, payload=NoteV1 if version == "1" else NoteV2
            ),
            pf.TransitionSpec("finish", (waiting,), "done", role, TEXT),
        ),
        context_factory=dict,
        migrations=migrations,
    )


def rename_waiting(document: dict[str, Any]) -> dict[str, Any]:
    """v1 -> v2: the state ``waiting`` is now ``pending``; notes get ``urgent: false``."""
    rename = {"waiting": "pending"}
    document["state"] = rename.get(document["state"], document["state"])
    for event in document["history"]:
        event["source"] = rename.get(event["source"], event["source"])
        event["dest"] = rename.get(event["dest"], event["dest"])
        if event["trigger"] == "wait":
            event["data"] = {**event["data"], "urgent": False}
    return document


V1 = toy("1")
V2 = toy("2", (pf.Migration("toy", "1", "2", rename_waiting),))


def toy_document(*, finish: bool = False) -> dict[str, Any]:
    """A v1 toy pathway waiting (or done), in its stored form."""
    pathway = V1.start("c-2", at=date(2025, 1, 2), by=OFFICE)
    pathway.fire("wait", at=date(2025, 1, 3), by=OFFICE, text="call back")
    if finish:
        pathway.fire("finish", at=date(2025, 1, 9), by=OFFICE)
    return pf.to_dict(pathway)


# --------------------------------------------------------------------------- identity and versions


def test_identity_migration_gives_an_equal_document_and_an_empty_report() -> None:
    """Same version and profile: an equal document, nothing converted or refused."""
    report = pf.migrate(SUBSIDY_ONLY, to=OLD)
    assert SUBSIDY_ONLY == report.document
    assert ((), (), False, True) == (report.steps, report.converted, report.changed, report.ok)
    assert () == report.refused


def test_the_given_document_is_never_changed() -> None:
    """Migrating works on a copy: the stored document stays as it was."""
    stored = toy_document()
    before = copy.deepcopy(stored)
    pf.migrate(stored, to=V2)
    pf.migrate(SUBSIDY_ONLY, to=NEW)
    assert before == stored


def test_version_1_to_2_renames_the_state_and_fills_the_new_field() -> None:
    """The declared rewrite renames ``waiting`` and adds ``urgent``; from_dict takes the result."""
    report = pf.migrate(toy_document(), to=V2)
    assert report.ok
    assert ("toy", "1") == report.source
    assert ("toy", "2") == report.target
    assert (1,) == report.converted
    assert "2" == report.document["definition"]["version"]
    assert "pending" == report.document["state"]
    restored = pf.from_dict(report.document, definition=V2)
    assert NoteV2("call back", urgent=False) == restored.history[1].data


def test_migrating_then_from_dict_equals_replaying_under_the_new_definition() -> None:
    """from_dict of the migrated document is the pathway the new definition replays."""
    report = pf.migrate(toy_document(finish=True), to=V2)
    events = [
        pf.Event(1, "start", None, "new", date(2025, 1, 2), OFFICE),
        pf.Event(2, "wait", "new", "pending", date(2025, 1, 3), OFFICE, NoteV2("call back")),
        pf.Event(3, "finish", "pending", "done", date(2025, 1, 9), OFFICE),
    ]
    expected = pf.replay(V2, events, client_id="c-2")
    assert expected == pf.from_dict(report.document, definition=V2)


def test_a_chain_of_steps_is_followed_in_order() -> None:
    """v1 -> v2 -> v3: both steps run and are listed."""
    v3 = attrs.evolve(V2, version="3", migrations=(
        pf.Migration("toy", "1", "2", rename_waiting),
        pf.Migration("toy", "2", "3"),
    ))  # fmt: skip
    report = pf.migrate(toy_document(), to=v3)
    assert [("1", "2"), ("2", "3")] == [(m.version, m.to_version) for m in report.steps]
    assert "3" == pf.from_dict(report.document, definition=v3).definition.version


def test_no_declared_path_is_a_definition_error() -> None:
    """A definition with no step from the stored version says so and names the version."""
    with pytest.raises(pf.DefinitionError, match="no migration from 'toy' version '1'"):
        pf.migrate(toy_document(), to=toy("2"))
    cyclic = toy("3", (pf.Migration("toy", "1", "2"), pf.Migration("toy", "2", "1")))
    with pytest.raises(pf.DefinitionError, match="reached from"):
        pf.migrate(toy_document(), to=cyclic)


def test_a_step_without_rewrite_that_no_longer_fits_is_a_data_error() -> None:
    """Skipping the rename leaves an unknown state: a data error naming it, no report."""
    lazy = toy("2", (pf.Migration("toy", "1", "2"),))
    with pytest.raises(pf.PathwayDataError) as caught:
        pf.migrate(toy_document(), to=lazy)
    assert ("$.state", "unknown state") in caught.value.errors


# --------------------------------------------------------------------------- the TYP profiles


def test_d1_subsidy_only_admission_is_refused_under_381_2023() -> None:
    """D1: admitted on the subsidy days alone, the 381/2023 obstacle test is unanswered."""
    report = pf.migrate(SUBSIDY_ONLY, to=NEW)
    assert not report.ok
    assert report.policy_changed
    (refusal,) = report.refused
    assert (1, "admit", "tunnista") == (refusal.index, refusal.trigger, refusal.state)
    assert {"typ.entry.fact_missing"} == set(refusal.codes)
    assert SUBSIDY_ONLY["history"] == report.document["history"]
    assert "381/2023" == report.document["definition"]["policy"]["profile"]


def test_d1_refused_migration_raises_in_from_dict_with_the_same_codes() -> None:
    """from_dict of a refused migration raises at the refused event, with its codes."""
    report = pf.migrate(SUBSIDY_ONLY, to=NEW)
    with pytest.raises(pf.PathwayDataError) as caught:
        pf.from_dict(report.document, definition=NEW)
    codes = ", ".join(report.refused[0].codes)
    assert (("$.history[1]", f"refused on replay: {codes}"),) == caught.value.errors


def test_d1_admission_with_an_obstacle_is_accepted_under_381_2023() -> None:
    """D1: a recorded obstacle that consultation cannot solve passes 381/2023 too."""
    report = pf.migrate(WITH_OBSTACLE, to=NEW)
    assert report.ok
    restored = pf.from_dict(report.document, definition=NEW)
    assert NEW == restored.definition
    assert "suunnittele" == restored.state


CLOSED = pf.ReasonKind("toy.closed", pf.Text("Suljettu.", "Stängd.", "Closed for now."))


def closed(proposal: pf.Proposal) -> Any:
    """A v3 rule that refuses every step after the start."""
    yield CLOSED()


def test_later_events_are_still_checked_after_a_refused_one() -> None:
    """A refusal does not stop the check: every refused event is listed, oldest first."""
    strict = attrs.evolve(
        V2,
        version="3",
        transitions=tuple(
            attrs.evolve(t, guards=(closed,), reasons=(CLOSED,)) if t.sources else t
            for t in V2.transition_specs
        ),
        migrations=(*V2.migrations, pf.Migration("toy", "2", "3")),
    )
    report = pf.migrate(toy_document(finish=True), to=strict)
    assert [(1, "wait"), (2, "finish")] == [(r.index, r.trigger) for r in report.refused]
    assert ("toy.closed",) == report.refused[1].codes
    assert 3 == report.replayed


def test_a_refused_start_is_listed_and_the_rest_still_checked() -> None:
    """Even the first event may be refused by new rules: it is listed at index 0, the
    history is kept as stored, and the later events are checked."""
    strict = attrs.evolve(
        V2,
        version="3",
        transitions=tuple(
            attrs.evolve(t, guards=(closed,), reasons=(CLOSED,)) for t in V2.transition_specs
        ),
        migrations=(*V2.migrations, pf.Migration("toy", "2", "3")),
    )
    report = pf.migrate(toy_document(finish=True), to=strict)
    assert [(0, "start"), (1, "wait"), (2, "finish")] == [
        (r.index, r.trigger) for r in report.refused
    ]
    assert None is report.refused[0].state
    assert "done" == report.document["state"]


def test_the_record_is_json_and_holds_no_client_facts() -> None:
    """The audit record serialises and carries codes, not the facts behind them."""
    record = pf.migrate(SUBSIDY_ONLY, to=NEW).record()
    text = json.dumps(record)
    assert "320" not in text
    assert record["refused"][0]["codes"][0].startswith("typ.entry.")
    assert record["ok"] is False


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d.pop("history"), "$.history"),
        (lambda d: d.update(schema_version=2), "$.schema_version"),
        (lambda d: d.update(history=[]), "$.history"),
        (lambda d: d["definition"].update(version=1), "$.definition.version"),
        (lambda d: d["definition"].update(policy=[]), "$.definition.policy"),
        (lambda d: d["definition"]["policy"].update(profile="2099"), "$.definition.policy.profile"),
        (lambda d: d["history"][1].update(at="2024-02-30"), "$.history[1].at"),
        (lambda d: d["history"][1].update(trigger="fly"), "$.history[1].trigger"),
        (lambda d: d.update(client_id=" "), "$.client_id"),
        (lambda d: d.update(state="ended"), "$.state"),
    ],
)
def test_mutated_documents_give_a_data_error_naming_the_field(change: Any, path: str) -> None:
    """A broken stored document is a PathwayDataError naming the field; nothing is returned."""
    doc = copy.deepcopy(SUBSIDY_ONLY)
    change(doc)
    with pytest.raises(pf.PathwayDataError) as caught:
        pf.migrate(doc, to=NEW)
    assert any(p.startswith(path) for p, _ in caught.value.errors), caught.value.errors


def _nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("value", "path", "why"),
    [
        (_nested(10_000), "$.history[1].data", "nested more than 64 levels deep"),
        (threading.Lock(), "$.history[1].data", "expected JSON data, got lock"),
        ({1: "x"}, "$.history[1].data", "expected string keys, got 1 (int)"),
        ({"x": {date(2025, 1, 1)}}, "$.history[1].data.x", "expected JSON data, got set"),
    ],
)
def test_a_document_that_is_not_json_data_is_named_before_any_step(
    value: Any, path: str, why: str
) -> None:
    """Deep nesting or a value JSON cannot hold is a data error at its path, not a
    RecursionError or TypeError from copying the document."""
    doc = copy.deepcopy(SUBSIDY_ONLY)
    doc["history"][1]["data"] = value
    with pytest.raises(pf.PathwayDataError) as caught:
        pf.migrate(doc, to=NEW)
    ((where, said),) = caught.value.errors
    assert (path, why) == (where[: len(path)], said)


@pytest.mark.parametrize("document", [None, [], "{}", {"schema_version": 1}])
def test_non_documents_give_a_data_error(document: Any) -> None:
    """Something that is not a stored pathway is refused as data."""
    with pytest.raises(pf.PathwayDataError):
        pf.migrate(document, to=NEW)


def test_to_must_be_a_definition() -> None:
    """*to* of the wrong type is a data error naming ``to``."""
    with pytest.raises(pf.PathwayDataError) as caught:
        pf.migrate(SUBSIDY_ONLY, to="typ")  # type: ignore[arg-type]
    assert "to" == caught.value.errors[0][0]


def test_a_rewrite_that_raises_is_a_data_error() -> None:
    """A rewrite that cannot read the document gives a data error, not its own exception."""

    def broken(document: dict[str, Any]) -> dict[str, Any]:
        raise KeyError(document["no such key"])

    with pytest.raises(pf.PathwayDataError, match="could not rewrite"):
        pf.migrate(toy_document(), to=toy("2", (pf.Migration("toy", "1", "2", broken),)))


@pytest.mark.parametrize(
    "rewrite",
    [
        lambda d: None,
        lambda d: {**d, "history": d["history"][:1]},
        lambda d: {**d, "definition": None},
    ],
)
def test_a_rewrite_that_breaks_the_shape_is_a_definition_error(rewrite: Any) -> None:
    """A rewrite returning no document, dropping events or the header blames the definition."""
    with pytest.raises(pf.DefinitionError):
        pf.migrate(toy_document(), to=toy("2", (pf.Migration("toy", "1", "2", rewrite),)))


@pytest.mark.parametrize(
    ("migrations", "problem"),
    [
        ([pf.Migration("toy", "1", "2")], "tuple of Migration"),
        ((pf.Migration("toy", "2", "2"),), "starts at the definition itself"),
        ((pf.Migration("toy", "1", "2"), pf.Migration("toy", "1", "3")), "more than once"),
        ((pf.Migration("toy", "", "2"),), "non-empty strings"),
        ((pf.Migration("toy", "1", "2", "rename"),), "callable"),  # type: ignore[arg-type]
    ],
)
def test_broken_migration_declarations_are_definition_errors(migrations: Any, problem: str) -> None:
    """Declared steps are checked when the definition is built."""
    with pytest.raises(pf.DefinitionError, match=problem):
        toy("2", migrations)


def test_migrating_one_document_from_threads_gives_equal_reports() -> None:
    """Migration shares nothing mutable: threads migrating one document agree."""
    results: list[dict[str, Any]] = []

    def work() -> None:
        results.append(pf.migrate(SUBSIDY_ONLY, to=NEW).record())

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 8 == len(results)
    assert all(results[0] == r for r in results)


# --------------------------------------------------------------------------- properties


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(run=testing.pathways(OLD, max_attempts=12))
def test_d1_any_1369_2014_pathway_migrates_or_names_its_first_refusal(run: testing.Run) -> None:
    """D1: under 381/2023 either from_dict works, or it raises with the first refusal's codes."""
    report = pf.migrate(pf.to_dict(run.pathway), to=NEW)
    assert run.pathway.history == tuple(pf.from_dict(pf.to_dict(run.pathway)).history)
    if report.ok:
        restored = pf.from_dict(report.document, definition=NEW)
        assert run.pathway.history == tuple(restored.history)
        return
    first = report.refused[0]
    with pytest.raises(pf.PathwayDataError) as caught:
        pf.from_dict(report.document, definition=NEW)
    expected = (f"$.history[{first.index}]", f"refused on replay: {', '.join(first.codes)}")
    assert (expected,) == caught.value.errors


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_mutated_typ_documents_give_typed_errors_or_a_full_report(data: st.DataObject) -> None:
    """Any mutated document is a typed error or a complete report that from_dict agrees with."""
    doc = data.draw(testing.mutations(WITH_OBSTACLE, definition=OLD))
    try:
        report = pf.migrate(doc, to=NEW)
    except (pf.PathwayDataError, pf.DefinitionError):
        return
    if report.ok:
        pf.from_dict(report.document, definition=NEW)
    else:
        with pytest.raises(pf.PathwayDataError):
            pf.from_dict(report.document, definition=NEW)
