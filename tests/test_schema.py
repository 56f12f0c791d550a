"""json_schema(): the stored form as JSON Schema, checked against to_dict and from_dict."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pathway_fsm as pf
from pathway_fsm import Actor, Role, State, Text, TransitionSpec, typ
from pathway_fsm._convert import JSON_INT
from pathway_fsm._schema import NON_BLANK_PATTERN
from pathway_fsm.testing import mutations, pathways

DEFINITIONS = dict(pf.definitions())
NAMES = sorted(DEFINITIONS)
T = Text("t", "t", "t")
D0 = date(2025, 3, 3)
CHECKER = jsonschema.Draft202012Validator.FORMAT_CHECKER
SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _validator(definition: pf.ProcessDefinition) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(pf.json_schema(definition), format_checker=CHECKER)


def _restores(document: Any) -> bool:
    try:
        pf.from_dict(document)
    except pf.PathwayDataError:
        return False
    return True


def _restores_with(document: Any, definition: pf.ProcessDefinition) -> bool:
    try:
        pf.from_dict(document, definition=definition)
    except pf.PathwayDataError:
        return False
    return True


@pytest.fixture(scope="module")
def typ_doc() -> dict[str, Any]:
    """A stored TYP pathway, started and closed."""
    ea = Actor("ea-1", Role.EMPLOYMENT_AUTHORITY)
    pathway = typ.definition().start("c-1", at=D0, by=ea)
    pathway.fire("close", at=D0, by=ea, closure="not_admitted")
    return pf.to_dict(pathway)


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    """Every shipped definition's schema is itself a valid draft 2020-12 schema."""
    schema = pf.json_schema(DEFINITIONS[name])
    jsonschema.Draft202012Validator.check_schema(schema)
    assert "https://json-schema.org/draft/2020-12/schema" == schema["$schema"]
    assert schema == json.loads(json.dumps(schema))


@pytest.mark.parametrize("name", NAMES)
def test_schema_names_states_triggers_and_definition(name: str) -> None:
    """The schema fixes the name, version and states, and has one event per trigger."""
    definition = DEFINITIONS[name]
    schema = pf.json_schema(definition)
    stored = schema["properties"]["definition"]["properties"]
    assert {"const": definition.name} == stored["name"]
    assert {"const": definition.version} == stored["version"]
    assert list(definition.states) == schema["properties"]["state"]["enum"]
    events = {k.removeprefix("event:") for k in schema["$defs"] if k.startswith("event:")}
    assert set(definition.triggers) == events


@pytest.mark.parametrize("name", NAMES)
def test_drawn_pathways_validate(name: str) -> None:
    """Every to_dict output of a pathway drawn by the testing kit matches the schema."""
    definition = DEFINITIONS[name]
    validator = _validator(definition)

    @SLOW
    @given(pathways(definition))
    def check(run: Any) -> None:
        document = pf.to_dict(run.pathway)
        assert [] == [e.message for e in validator.iter_errors(document)]

    check()


@pytest.mark.parametrize("name", NAMES)
def test_schema_refusal_means_from_dict_refuses(name: str) -> None:
    """A mutated document the schema refuses is never restored by from_dict."""
    definition = DEFINITIONS[name]
    validator = _validator(definition)

    @SLOW
    @given(st.data())
    def check(data: st.DataObject) -> None:
        run = data.draw(pathways(definition, max_attempts=8))
        document = data.draw(mutations(pf.to_dict(run.pathway)))
        if not validator.is_valid(document):
            assert not _restores(document)

    check()


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(doc: dict[str, Any]) -> None:
        *head, last = path
        target: Any = doc
        for key in head:
            target = target[key]
        target[last] = value

    return edit


def _drop(*path: Any) -> Callable[[dict[str, Any]], None]:
    def edit(doc: dict[str, Any]) -> None:
        *head, last = path
        target: Any = doc
        for key in head:
            target = target[key]
        del target[last]

    return edit


TAMPERED: dict[str, Callable[[dict[str, Any]], None]] = {
    "wrong type of client_id": _set(("client_id",), 7),
    "blank client_id": _set(("client_id",), "  "),
    "schema_version 2": _set(("schema_version",), 2),
    "unknown state": _set(("state",), "nowhere"),
    "unknown trigger": _set(("history", 1, "trigger"), "teleport"),
    "start trigger later": _set(("history", 1, "trigger"), "admit"),
    "missing field": _drop("history", 0, "actor"),
    "missing data field": _drop("history", 1, "data", "closure"),
    "bad date string": _set(("history", 1, "at"), "2025-3-3"),
    "week date": _set(("history", 1, "at"), "2025-W10-1"),
    "date before 1900": _set(("history", 0, "at"), "1899-12-31"),
    "extra top-level key": _set(("note",), "x"),
    "extra event key": _set(("history", 0, "note"), "x"),
    "extra data key": _set(("history", 1, "data", "note"), "x"),
    "extra policy key": _set(("definition", "policy", "note"), "x"),
    "unknown role": _set(("history", 0, "actor", "role"), "wizard"),
    "role not allowed for the trigger": _set(("history", 0, "actor", "role"), "client"),
    "unknown data enum value": _set(("history", 1, "data", "closure"), "magic"),
    "data of a trigger without data": _set(("history", 0, "data"), {"x": 1}),
    "seq beyond the JSON integer range": _set(("history", 0, "seq"), JSON_INT + 1),
    "seq as a string": _set(("history", 0, "seq"), "1"),
    "wrong definition name": _set(("definition", "name"), "kemi"),
    "empty history": _set(("history",), []),
    "source not a source of the trigger": _set(("history", 1, "source"), "ended"),
}


@pytest.mark.parametrize("how", list(TAMPERED))
def test_tampered_document_refused_by_both(typ_doc: dict[str, Any], how: str) -> None:
    """A tampering the schema can express is refused by the schema and by from_dict."""
    document = copy.deepcopy(typ_doc)
    TAMPERED[how](document)
    assert not _validator(typ.definition()).is_valid(document)
    assert not _restores(document)


def test_untampered_document_accepted_by_both(typ_doc: dict[str, Any]) -> None:
    """The untouched document passes the schema and from_dict alike."""
    assert _validator(typ.definition()).is_valid(typ_doc)
    assert _restores(typ_doc)


def test_dates_are_formatted_and_patterned() -> None:
    """A date field carries format date and the YYYY-MM-DD pattern."""
    at = pf.json_schema(typ.definition())["$defs"]["event:admit"]["properties"]["at"]
    assert "date" == at["format"]
    assert "string" == at["type"]
    assert "pattern" in at


def test_a_blank_id_means_the_same_to_the_schema_and_to_python() -> None:
    """The schema's non-blank pattern keeps exactly the characters ``str.strip()`` keeps,
    so an ECMA-262 validator (where ``\\s`` also covers U+FEFF) agrees with from_dict; the
    pattern uses only escapes and ranges that ECMA-262 and Python read alike."""
    pattern = re.compile(NON_BLANK_PATTERN)
    disagree = [c for c in range(0x110000) if (not pattern.search(chr(c))) != chr(c).isspace()]
    assert [] == disagree
    assert re.fullmatch(r"\[\^(\\[tr]|\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|[- ])+\]", NON_BLANK_PATTERN)
    ea = Actor("\ufeff", Role.EMPLOYMENT_AUTHORITY)
    document = pf.to_dict(typ.definition().start("\ufeff", at=D0, by=ea))
    assert _validator(typ.definition()).is_valid(document)
    assert _restores(document)
    schema = pf.json_schema(typ.definition())
    assert NON_BLANK_PATTERN == schema["properties"]["client_id"]["pattern"]


def test_json_schema_is_fresh_each_call() -> None:
    """Changing a returned schema does not change the next one."""
    first = pf.json_schema(typ.definition())
    first["properties"].clear()
    assert "history" in pf.json_schema(typ.definition())["properties"]


@pytest.mark.parametrize("value", [None, "typ", typ, object()])
def test_json_schema_refuses_non_definitions(value: Any) -> None:
    """Anything but a ProcessDefinition is a DefinitionError naming what it got."""
    with pytest.raises(pf.DefinitionError, match="expected a ProcessDefinition"):
        pf.json_schema(value)


@attrs.frozen
class _Odd:
    """A payload with a field type the stored form has no JSON for."""

    table: Mapping[str, int]


@attrs.frozen
class _Pair:
    """A payload with a fixed-length tuple, which the converter reads as a homogeneous one."""

    pair: tuple[int, str]


@attrs.frozen
class _Inner:
    """A nested payload value."""

    when: date
    count: int = 0


@attrs.frozen
class _Outer:
    """A payload with nested, optional, tuple and literal fields."""

    inner: _Inner
    more: tuple[_Inner, ...] = ()
    note: str | None = None
    tags: frozenset[Role] = frozenset()


@attrs.frozen
class _Policy:
    """An empty host policy."""


def _host(payload: type[Any]) -> pf.ProcessDefinition:
    return pf.ProcessDefinition(
        name="host",
        version="1",
        label=T,
        policy=_Policy(),
        states=(State("open", T), State("done", T, final=True)),
        transitions=(
            TransitionSpec("start", (), "open", frozenset({Role.CLIENT}), T),
            TransitionSpec("log", ("open",), None, frozenset({Role.CLIENT}), T, payload=payload),
            TransitionSpec("finish", ("open",), "done", frozenset({Role.CLIENT}), T),
        ),
        context_factory=_Policy,
    )


@pytest.mark.parametrize("payload", [_Odd, _Pair])
def test_unsupported_field_type_is_a_definition_error(payload: type[Any]) -> None:
    """A payload field with no JSON form is named in a DefinitionError."""
    with pytest.raises(pf.DefinitionError, match=payload.__qualname__):
        pf.json_schema(_host(payload))


def test_host_payload_nested_types_validate() -> None:
    """A host's nested, optional and fixed-length tuple fields round through the schema."""
    definition = _host(_Outer)
    me = Actor("c-1", Role.CLIENT)
    pathway = definition.start("c-1", at=D0, by=me)
    pathway.fire("log", at=D0, by=me, inner=_Inner(D0, 3), more=(_Inner(D0),), tags=["kela"])
    document = pf.to_dict(pathway)
    validator = _validator(definition)
    assert [] == [e.message for e in validator.iter_errors(document)]
    document["history"][1]["data"]["tags"] = ["kela", "kela"]
    assert not validator.is_valid(document)
    assert not _restores_with(document, definition)
    log = pf.json_schema(definition)["$defs"]["event:log"]["properties"]
    assert {"enum": ["open"]} == log["dest"]
