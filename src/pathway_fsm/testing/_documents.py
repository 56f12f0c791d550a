"""Broken copies of stored pathway documents: :func:`tampered` and :func:`mutations`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from .._engine.definition import ProcessDefinition
from .._engine.model import Role
from .._registry import definitions

__all__ = ["document_names", "mutations", "tampered"]


def _json_leaf() -> Any:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-5, 1000),
        st.text(max_size=12),
        st.sampled_from(["2025-02-29", "2024-02-29", "tunnista", "admit", "kela", "1"]),
    )


def tampered(document: Mapping[str, Any]) -> SearchStrategy[Any]:
    """Copies of a stored pathway *document* with one value replaced, removed or added."""

    def change(where: tuple[Any, ...], how: str, leaf: Any) -> Any:
        doc = _json_copy(document)
        if not where:
            return leaf
        parent = _parent(doc, where)
        last = where[-1]
        if how == "drop":
            del parent[last]
        elif how == "add" and isinstance(parent, dict):
            parent["unexpected"] = leaf
        elif how == "add":
            parent.append(leaf)
        else:
            parent[last] = leaf
        return doc

    leaf = st.recursive(
        _json_leaf(),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=5,
    )
    return st.builds(
        change,
        st.sampled_from([path for path, _ in _walk(document)]),
        st.sampled_from(["replace", "drop", "add"]),
        leaf,
    )


def _json_copy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _json_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_copy(v) for v in value]
    return value


def _walk(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    """Every (path, value) in a JSON document, the root first."""
    found = [(prefix, value)]
    if isinstance(value, Mapping):
        for key, item in value.items():
            found.extend(_walk(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_walk(item, (*prefix, index)))
    return found


def _iso_day(value: Any) -> date | None:
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


_STRINGS = ["", " ", "x", "2025-W02-1", "20250106", "9899-12-31", "1900-01-01", "kela"]
_INTS = [0, -1, 1, 2, 7, 24, 179, 300, 10**9, -(10**9)]
_DAY_SHIFTS = [-400, -31, -1, 1, 28, 31, 365, 366]


def _mutate(document: Mapping[str, Any], names: list[str], draw: Callable[[Any], Any]) -> Any:
    """One mutation of a stored document, chosen by *draw*; see :func:`mutations`."""
    doc = _json_copy(document)
    history = doc.get("history") if isinstance(doc, dict) else None
    ops = ["value", "drop", "add", "date", "number", "string", "flag", "name", "list"]
    if isinstance(history, list) and len(history) > 1:
        ops += ["swap", "duplicate", "remove", "copy_data"]
    dated = _dated_data(history)
    if dated:
        ops += ["near_event", "near_event"]
    op = draw(st.sampled_from(ops))
    if op == "near_event":
        # A date in an event's data moved next to the event's own day: where data checks
        # such as "not after the event" or "not before the event" have their boundary.
        event, data, key = draw(st.sampled_from(dated))
        day = _iso_day(event.get("at"))
        if day is not None:
            data[key] = (day + timedelta(days=draw(st.sampled_from([-1, 0, 1])))).isoformat()
        return doc
    if op in ("swap", "duplicate", "remove", "copy_data"):
        assert isinstance(history, list)
        i = draw(st.integers(0, len(history) - 1))
        j = draw(st.integers(0, len(history) - 1))
        if op == "swap":
            history[i], history[j] = history[j], history[i]
        elif op == "duplicate":
            history.insert(j, _json_copy(history[i]))
        elif op == "remove":
            del history[i]
        elif isinstance(history[i], dict) and isinstance(history[j], dict):
            history[j]["data"] = _json_copy(history[i].get("data"))
        return doc
    wanted: dict[str, Callable[[Any], bool]] = {
        "value": lambda v: True,
        "drop": lambda v: True,
        "add": lambda v: isinstance(v, (dict, list)),
        "date": lambda v: _iso_day(v) is not None,
        "number": lambda v: type(v) is int,
        "string": lambda v: isinstance(v, str),
        "flag": lambda v: type(v) is bool,
        "name": lambda v: isinstance(v, str),
        "list": lambda v: isinstance(v, list) and bool(v),
    }
    found = [(path, value) for path, value in _walk(doc) if wanted[op](value)]
    if not found:
        return doc
    # Three times in four the value is taken from the history, so a large stored policy
    # (a municipality's service map, say) does not draw most mutations away from events.
    in_history = [(path, value) for path, value in found if path[:1] == ("history",)]
    if in_history and draw(st.integers(0, 3)):
        found = in_history
    path, value = draw(st.sampled_from(found))
    if op == "drop" and not path:
        return None
    if op == "add":
        leaf = draw(_json_leaf())
        if isinstance(value, dict):
            value["unexpected"] = leaf
        else:
            value.append(leaf)
        return doc
    if op == "drop":
        del _parent(doc, path)[path[-1]]
        return doc
    replacement = _replacement(op, value, names, draw)
    if not path:
        return replacement
    _parent(doc, path)[path[-1]] = replacement
    return doc


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    """The container in *doc* that holds the value at *path* (not the root)."""
    for key in path[:-1]:
        doc = doc[key]
    return doc


def _replacement(op: str, value: Any, names: list[str], draw: Callable[[Any], Any]) -> Any:
    """The value that mutation *op* puts where *value* was."""
    if op == "value":
        return draw(_json_leaf())
    if op == "date":
        day = _iso_day(value)
        assert day is not None
        return (day + timedelta(days=draw(st.sampled_from(_DAY_SHIFTS)))).isoformat()
    if op == "number":
        return draw(
            st.one_of(
                st.sampled_from(_INTS),
                st.just(value + 1),
                st.just(value - 1),
                st.just(str(value)),
                st.just(bool(value)),
                st.just(float(value)),
            )
        )
    if op == "string":
        return draw(st.sampled_from([*_STRINGS, value.strip(), value + " ", value.upper()]))
    if op == "flag":
        return draw(st.sampled_from([not value, None, 0, 1, str(value).lower()]))
    if op == "name":
        return draw(st.sampled_from(names or ["x"]))
    if op == "list":
        how = draw(st.sampled_from(["empty", "duplicate", "drop", "reverse"]))
        return {
            "empty": [],
            "duplicate": [*value, value[0]],
            "drop": value[1:],
            "reverse": value[::-1],
        }[how]
    raise AssertionError(op)  # pragma: no cover - every op with a replacement is above


def _dated_data(history: Any) -> list[tuple[dict[str, Any], dict[str, Any], str]]:
    """Each (event, mapping, key) where a mapping in an event's data holds a date."""
    found: list[tuple[dict[str, Any], dict[str, Any], str]] = []
    if not isinstance(history, list):
        return found
    for event in history:
        if not isinstance(event, dict):
            continue
        for _, value in _walk(event.get("data")):
            if isinstance(value, dict):
                found.extend(
                    (event, value, key) for key, item in value.items() if _iso_day(item) is not None
                )
    return found


def document_names(doc: Any, definition: ProcessDefinition[Any, Any] | None) -> list[str]:
    """The state, trigger and role names of the document's definition, for swapping in."""
    names = [role.value for role in Role]
    if definition is None:
        stored = doc.get("definition") if isinstance(doc, Mapping) else None
        name = stored.get("name") if isinstance(stored, Mapping) else None
        definition = definitions().get(name) if isinstance(name, str) else None
    if definition is not None:
        names += [*definition.states, *definition.triggers]
    return names


def mutations(
    document: Mapping[str, Any],
    *,
    definition: ProcessDefinition[Any, Any] | None = None,
    max_mutations: int = 3,
) -> SearchStrategy[Any]:
    """Copies of a stored pathway *document* with one to *max_mutations* mutations.

    Each mutation is one of: replace any value with another JSON value; drop or add a
    key or item; shift a date by a day, a month or a year (month ends and leap days
    included); change a number (to 0, negative, huge, ±1, or another type); change a
    string (blank, padded, a week date) or a boolean; move a date in an event's data to
    the day before, of or after the event; swap in another state, trigger or
    role name of the same definition; empty, shorten, reverse or duplicate a list; and
    swap, duplicate or remove events, or copy one event's data onto another. Use it
    with :func:`~pathway_fsm.contract.assert_restore_matches_live`: whatever
    ``from_dict`` accepts must be what the live API would have built. The state,
    trigger and role names come from *definition* (by default, the registered
    definition the document names).
    """
    names = document_names(document, definition)

    @st.composite
    def mutated(draw: Callable[[Any], Any]) -> Any:
        doc: Any = document
        for _ in range(draw(st.integers(1, max_mutations))):
            if not isinstance(doc, dict):
                break
            doc = _mutate(doc, names, draw)
        return doc

    # A mutation may happen to give back an equal document (a swap of equal events, the
    # same value drawn again); those are no test of anything.
    return mutated().filter(lambda doc: doc != document)
