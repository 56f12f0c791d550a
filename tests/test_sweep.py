"""The deadline sweep: one typed row per stored document, lazily, never raising for one."""

from __future__ import annotations

import json
import pickle
import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pathway_fsm as pf
from pathway_fsm import Actor, Role, testing, typ

OFFICE = Actor("ea-1", Role.EMPLOYMENT_AUTHORITY)
ENTRY: dict[str, Any] = {
    "multidisciplinary_need": True,
    "benefits_from_service": True,
    "labour_market_subsidy_days": 400,
}
ON = date(2025, 6, 1)


def _stored(client_id: str = "client-1") -> dict[str, Any]:
    """A TYP pathway admitted in January, whose plan is overdue by June."""
    pathway = typ.definition().start(client_id, at=date(2025, 1, 8), by=OFFICE)
    pathway.fire("admit", at=date(2025, 1, 15), by=OFFICE, **ENTRY)
    return pf.to_dict(pathway)


def _expected(document: Any, at: date) -> pf.Swept:
    """What from_dict and deadlines give for *document*, as a row at index 0."""
    pathway = pf.from_dict(document)
    name = pathway.definition.name
    rows = pathway.client_id, name, pathway.state, pathway.seq, pathway.deadlines(at=at)
    return pf.Swept(0, *rows)


def test_sweep_rows_follow_the_documents_in_order() -> None:
    """Dicts and JSON texts restore; bad ones give error rows; every index is kept."""
    good = _stored()
    broken = {**good, "state": "nowhere"}
    documents = [good, json.dumps(good), json.dumps(good).encode(), "{not json", broken, 7]
    rows = list(pf.sweep(documents, at=ON))
    assert [0, 1, 2, 3, 4, 5] == [row.index for row in rows]
    assert [True, True, True, False, False, False] == [row.ok for row in rows]
    expected = _expected(good, ON)
    for row in rows[:3]:
        assert isinstance(row, pf.Swept)
        assert expected == pf.Swept(0, *_fields(row)[1:])
    broken_row, number_row = rows[4:]
    assert isinstance(broken_row, pf.SweepError)
    assert isinstance(number_row, pf.SweepError)
    assert (("$.state", "unknown state"),) == broken_row.errors
    assert "client-1" == broken_row.client_id
    assert None is number_row.client_id
    assert (("$", "expected a mapping, got int"),) == number_row.errors


def _fields(row: pf.Swept) -> tuple[Any, ...]:
    return row.index, row.client_id, row.name, row.state, row.seq, row.deadlines


def test_swept_row_names_its_overdue_deadlines() -> None:
    """A row's overdue deadlines are those past due on the sweep's date."""
    (row,) = pf.sweep([_stored()], at=ON)
    assert isinstance(row, pf.Swept)
    assert row.deadlines
    assert tuple(d for d in row.deadlines if d.overdue) == row.overdue
    assert row.overdue
    (early,) = pf.sweep([_stored()], at=date(2025, 1, 16))
    assert isinstance(early, pf.Swept)
    assert () == early.overdue


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", " at line 1 column 1"),
        ('{"a": 1,}', " at line 1 column 9"),
        (b"\xff\xfe\xfa", None),
        ("[" * 100_000, "not JSON: nested too deep"),
    ],
    ids=["empty", "trailing-comma", "not-utf", "too-deep"],
)
def test_sweep_text_that_is_not_json_gives_an_error_row(text: str | bytes, why: str | None) -> None:
    """A text that does not parse is an error row at path $, with a not_json reason.

    Python's own wording of a parse error changes between versions; its place does not.
    """
    (row,) = pf.sweep([text], at=ON)
    assert isinstance(row, pf.SweepError)
    ((path, found),) = row.errors
    assert "$" == path
    assert found.startswith("not JSON: ")
    if why is not None:
        assert found.endswith(why)
    assert "data.not_json" == row.error.reasons[0].code
    assert all(row.error.messages(lang) for lang in pf.LANGUAGES)


@pytest.mark.parametrize(
    "at",
    ["2025-06-01", None, datetime(2025, 6, 1, 12), date(1899, 12, 31), 20250601],
    ids=["text", "none", "datetime", "before-first-day", "int"],
)
def test_sweep_refuses_a_bad_date_before_it_reads_a_document(at: Any) -> None:
    """A bad *at* raises PathwayDataError at the call, and no document is pulled."""
    pulled = []

    def documents() -> Iterator[dict[str, Any]]:
        pulled.append(1)
        yield _stored()

    with pytest.raises(pf.PathwayDataError) as raised:
        pf.sweep(documents(), at=at)
    assert ["at"] == [path for path, _ in raised.value.errors]
    assert [] == pulled


@pytest.mark.parametrize(
    "documents",
    [7, "[{}]", b"[]", {"client_id": "x"}, None],
    ids=["int", "text", "bytes", "one-document", "none"],
)
def test_sweep_refuses_documents_that_are_not_an_iterable_of_documents(documents: Any) -> None:
    """One text or one dict is not a list of documents: the call raises, naming it."""
    with pytest.raises(pf.PathwayDataError) as raised:
        pf.sweep(documents, at=ON)
    assert ["documents"] == [path for path, _ in raised.value.errors]


@pytest.mark.parametrize(
    ("definitions", "path"),
    [
        ("typ", "definitions"),
        ([typ.definition()], "definitions"),
        ({"typ": "typ"}, "definitions['typ']"),
        ({"ips": typ.definition()}, "definitions['ips']"),
    ],
    ids=["name", "list", "not-a-definition", "wrong-name"],
)
def test_sweep_refuses_definitions_of_the_wrong_kind(definitions: Any, path: str) -> None:
    """*definitions* must be None, a definition, or definitions by their own names."""
    with pytest.raises(pf.PathwayDataError) as raised:
        pf.sweep([], at=ON, definitions=definitions)
    assert [path] == [p for p, _ in raised.value.errors]


def test_sweep_reports_every_bad_argument_at_once() -> None:
    """Each bad argument is one problem of the same error."""
    with pytest.raises(pf.PathwayDataError) as raised:
        pf.sweep(3, at="today", definitions="typ")  # type: ignore[arg-type]
    assert ["at", "documents", "definitions"] == [p for p, _ in raised.value.errors]


def test_sweep_with_one_definition_refuses_documents_of_another() -> None:
    """Given one definition, a document of another process is an error row."""
    county = Actor("wc-1", Role.WELLBEING_COUNTY)
    other = pf.to_dict(pf.definitions()["ktt"].start("c-2", at=date(2025, 2, 3), by=county))
    ok, refused = pf.sweep([_stored(), other], at=ON, definitions=typ.definition())
    assert isinstance(ok, pf.Swept)
    assert isinstance(refused, pf.SweepError)
    assert "$.definition.name" in [path for path, _ in refused.errors]


def test_sweep_by_name_uses_the_mapping_and_names_a_missing_definition() -> None:
    """With a mapping, a document's definition is looked up by name; a missing name is a row."""
    rows = list(pf.sweep([_stored()], at=ON, definitions={"typ": typ.definition()}))
    assert [True] == [row.ok for row in rows]
    (missing,) = pf.sweep([_stored()], at=ON, definitions={})
    assert isinstance(missing, pf.SweepError)
    assert (("$.definition.name", "unknown definition; given: none"),) == missing.errors
    (shapeless,) = pf.sweep([{"client_id": "c"}], at=ON, definitions=pf.definitions())
    assert isinstance(shapeless, pf.SweepError)
    assert "$.definition" in [path for path, _ in shapeless.errors]


def test_sweep_with_a_bound_definition_restores_without_running_hooks() -> None:
    """A bound definition restores; its hooks are attached but never called."""
    called: list[object] = []
    hooks = pf.Hooks().before(lambda pathway, event: called.append(event))
    bound = typ.definition().with_hooks(hooks)
    (row,) = pf.sweep([_stored()], at=ON, definitions=bound)
    assert _expected(_stored(), ON) == row
    assert [] == called


def test_sweep_is_lazy_over_ten_thousand_documents() -> None:
    """Each row pulls one document: a generator of 10,000 is never read ahead."""
    pulled = 0
    text = json.dumps(_stored())

    def documents() -> Iterator[str]:
        nonlocal pulled
        for _ in range(10_000):
            pulled += 1
            yield text

    rows = pf.sweep(documents(), at=ON)
    assert 0 == pulled
    first = next(rows)
    assert (1, 0) == (pulled, first.index)
    overdue = 1
    for row in rows:
        assert row.index + 1 == pulled
        assert isinstance(row, pf.Swept)
        overdue += bool(row.overdue)
    assert (10_000, 10_000) == (pulled, overdue)


def test_sweep_does_not_change_the_documents() -> None:
    """Sweeping leaves each stored dict exactly as it was."""
    document = _stored()
    before = json.dumps(document, sort_keys=True)
    list(pf.sweep([document, document], at=ON))
    assert before == json.dumps(document, sort_keys=True)


def test_sweep_in_threads_gives_the_same_rows() -> None:
    """Threads sweeping the same documents each get the rows one thread gets."""
    documents = [_stored(f"c-{i}") for i in range(50)] + ["{", {"x": 1}]
    expected = list(pf.sweep(documents, at=ON))
    found: list[list[pf.SweepRow]] = []

    def run() -> None:
        found.append(list(pf.sweep(documents, at=ON)))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 4 == len(found)
    for rows in found:
        assert expected == rows
        assert [r.errors for r in expected if isinstance(r, pf.SweepError)] == [
            r.errors for r in rows if isinstance(r, pf.SweepError)
        ]


def _problems_of(document: Any) -> tuple[tuple[str, str], ...]:
    """The problems from_dict reports for *document*, or () when it restores."""
    try:
        pf.from_dict(document)
    except pf.PathwayDataError as exc:
        return exc.errors
    return ()


def _same_as_from_dict(document: Any, at: date) -> None:
    """The sweep's row is from_dict and deadlines, or the very problems from_dict reports.

    A text (a document tampered into one) is JSON to the sweep, so it is compared with
    its parsed form; a dict's JSON text sweeps as its parsed form restores.
    """
    (row,) = pf.sweep([document], at=at)
    if isinstance(document, (str, bytes)):
        try:
            document = json.loads(document)
        except ValueError:
            assert isinstance(row, pf.SweepError)
            return
    problems = _problems_of(document)
    if problems:
        assert isinstance(row, pf.SweepError)
        assert problems == row.errors
    else:
        assert _expected(document, at) == row
    try:
        text = json.dumps(document)
    except (TypeError, ValueError):
        return
    if json.loads(text) == document:
        (again,) = pf.sweep([text], at=at)
        assert row == again
        assert getattr(row, "errors", None) == getattr(again, "errors", None)


SHIPPED = list(pf.definitions().values())


@pytest.mark.parametrize("definition", SHIPPED, ids=[d.name for d in SHIPPED])
@settings(max_examples=10)
@given(data=st.data(), later=st.integers(0, 800))
def test_sweep_row_is_from_dict_and_deadlines_for_tampered_documents(
    definition: pf.ProcessDefinition, data: st.DataObject, later: int
) -> None:
    """For a stored pathway and its tampered or mutated copies, the row is what from_dict gives."""
    pathway = data.draw(testing.pathways(definition, max_attempts=6)).pathway
    document = pf.to_dict(pathway)
    at = pathway.history[-1].at + timedelta(days=later)
    _same_as_from_dict(document, at)
    _same_as_from_dict(data.draw(testing.tampered(document)), at)
    _same_as_from_dict(data.draw(testing.mutations(document)), at)


def test_sweep_rows_survive_pickling_for_a_process_pool() -> None:
    """Both kinds of row pickle, so a worker can send them back; an error keeps its fields."""
    rows = list(pf.sweep([_stored(), "{", {"client_id": "c-9"}], at=ON))
    back = pickle.loads(pickle.dumps(rows))
    assert rows == back
    assert [getattr(r, "errors", None) for r in rows] == [getattr(r, "errors", None) for r in back]
    assert isinstance(back[2], pf.SweepError)
    assert "c-9" == back[2].client_id
    first, again = rows[0], back[0]
    assert isinstance(first, pf.Swept)
    assert isinstance(again, pf.Swept)
    assert first.deadlines[0].message("fi") == again.deadlines[0].message("fi")
