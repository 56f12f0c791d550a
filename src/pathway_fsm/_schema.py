"""JSON Schema (draft 2020-12) of a definition's stored document, derived, not hand-written.

The schema is built from the definition (its states, triggers, roles, name and
version) and from the attrs classes of its policy and payloads, by walking their fields'
type hints. It says what :func:`~pathway_fsm.to_dict` writes; :func:`~pathway_fsm.from_dict`
checks more (rules, replay, the values' own validators), so a document the schema
accepts may still be refused, but one it refuses is never restored.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Iterable
from datetime import date
from typing import Any, Literal

import attrs

from ._convert import JSON_INT, OMIT_DEFAULT
from ._engine.definition import ProcessDefinition, TransitionSpec
from ._engine.model import Role
from ._engine.pathway import REF_MAX
from ._serialization import SCHEMA_VERSION
from .errors import DefinitionError

__all__ = ["DATE_PATTERN", "json_schema"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

DATE_PATTERN = "^(19|[2-8][0-9]|9[0-8])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
"""A ``YYYY-MM-DD`` day from 1900 to 9899 (impossible days such as 02-30 still match)."""

_DATE = {"type": "string", "format": "date", "pattern": DATE_PATTERN}
_INT = {"type": "integer", "minimum": -JSON_INT, "maximum": JSON_INT}
NON_BLANK_PATTERN = r"[^\t-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
"""One character that Python's ``str.strip()`` keeps: exactly the library's own test of a
blank text. ECMA-262's ``\\S`` would differ (it also counts U+FEFF as blank)."""
_NON_BLANK = {"type": "string", "pattern": NON_BLANK_PATTERN}


class _Walker:
    """Turns type hints into schemas, keeping each attrs class once under ``$defs``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.defs: dict[str, Any] = {}
        self._names: dict[type[Any], str] = {}

    def ref(self, cls: type[Any]) -> dict[str, Any]:
        name = self._names.get(cls)
        if name is None:
            name = cls.__qualname__
            while name in self.defs:
                name += "_"
            self._names[cls] = name
            self.defs[name] = {}  # reserved first: a class may refer to itself
            self.defs[name] = self._attrs(cls)
        return {"$ref": f"#/$defs/{name}"}

    def _attrs(self, cls: type[Any]) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        fields = [f for f in attrs.fields(cls) if f.init]
        return {
            "title": cls.__qualname__,
            "type": "object",
            "properties": {f.name: self.of(hints.get(f.name, f.type), cls) for f in fields},
            "required": [f.name for f in fields if not f.metadata.get(OMIT_DEFAULT)],
            "additionalProperties": False,
        }

    def of(self, kind: Any, owner: type[Any]) -> dict[str, Any]:
        """The schema of one type hint of a field of *owner*."""
        origin = typing.get_origin(kind)
        args = typing.get_args(kind)
        if kind is bool:
            return {"type": "boolean"}
        if kind is int:
            return dict(_INT)
        if kind is str:
            return {"type": "string"}
        if kind is date:
            return dict(_DATE)
        if kind is type(None):
            return {"type": "null"}
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return {"enum": [m.value for m in kind]}
        if isinstance(kind, type) and attrs.has(kind):
            return self.ref(kind)
        if origin is Literal:
            return {"enum": list(args)}
        if origin in (typing.Union, types.UnionType):
            return {"anyOf": [self.of(a, owner) for a in args]}
        if origin in (frozenset, set):
            return {"type": "array", "items": self.of(args[0], owner), "uniqueItems": True}
        if origin is list or (origin is tuple and len(args) == 2 and args[1] is Ellipsis):
            return {"type": "array", "items": self.of(args[0], owner)}
        why = f"{owner.__qualname__}: no JSON Schema for the field type {kind!r}"
        raise DefinitionError(self.name, [why])


def _actor(roles: Iterable[Role]) -> dict[str, Any]:
    """An actor as stored: an opaque id and one of *roles*."""
    return {
        "type": "object",
        "properties": {
            "actor_id": dict(_NON_BLANK),
            "role": {"enum": sorted(r.value for r in roles)},
        },
        "required": ["actor_id", "role"],
        "additionalProperties": False,
    }


def _event(spec: TransitionSpec, walker: _Walker) -> dict[str, Any]:
    """One trigger's event: its sources, destination, roles and data."""
    # An event without a destination stays where it was; the start has no source.
    source: dict[str, Any] = {"enum": list(spec.sources)} if spec.sources else {"type": "null"}
    dest = {"enum": list(spec.sources) if spec.dest is None else [spec.dest]}
    data = {"type": "null"} if spec.payload is None else walker.ref(spec.payload)
    return {
        "title": spec.label.en,
        "type": "object",
        "properties": {
            "seq": {"type": "integer", "minimum": 1, "maximum": JSON_INT},
            "trigger": {"const": spec.trigger},
            "source": source,
            "dest": dest,
            "at": dict(_DATE),
            "actor": _actor(spec.roles),
            "data": data,
            # Audit metadata, written only when set and read by no rule.
            "recorded_by": _actor(Role),
            "ref": {**_NON_BLANK, "minLength": 1, "maxLength": REF_MAX},
        },
        "required": ["seq", "trigger", "source", "dest", "at", "actor", "data"],
        "additionalProperties": False,
    }


def json_schema(definition: ProcessDefinition[Any, Any]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of what ``to_dict`` writes for *definition*.

    Each trigger's event is its own schema under ``$defs`` (its data, sources,
    destination and roles); the first event must be the starting trigger's. A fresh
    dict each call, ready for ``json.dumps``.

    Raises:
        DefinitionError: *definition* is not a ProcessDefinition, or a field of its
            policy or payloads has a type the stored form has no JSON for.
    """
    if not isinstance(definition, ProcessDefinition):
        why = f"expected a ProcessDefinition, got {type(definition).__name__}"
        unnamed = "?"
        raise DefinitionError(unnamed, [why])
    walker = _Walker(definition.name)
    policy_type = type(definition.policy)
    policy = walker.ref(policy_type) if attrs.has(policy_type) else {"type": "null"}
    events: list[dict[str, Any]] = []
    start: dict[str, Any] = {}
    for spec in definition.transition_specs:
        name = f"event:{spec.trigger}"
        walker.defs[name] = _event(spec, walker)
        ref = {"$ref": f"#/$defs/{name}"}
        if spec.sources:
            events.append(ref)
        else:
            start = ref
    return {
        "$schema": DIALECT,
        "title": f"Stored pathway: {definition.name} {definition.version}",
        "type": "object",
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "definition": {
                "type": "object",
                "properties": {
                    "name": {"const": definition.name},
                    "version": {"const": definition.version},
                    "policy": policy,
                },
                "required": ["name", "version", "policy"],
                "additionalProperties": False,
            },
            "client_id": dict(_NON_BLANK),
            "state": {"enum": list(definition.states)},
            "history": {
                "type": "array",
                "minItems": 1,
                "prefixItems": [start],
                "items": {"oneOf": events} if events else False,
            },
        },
        "required": ["schema_version", "definition", "client_id", "state", "history"],
        "additionalProperties": False,
        "$defs": walker.defs,
    }
