"""Readers of the exact stored form of a payload class, generated once per class.

Restoring a document structures each event's data with the strict converter and then
unstructures it again to prove the stored form is exactly what ``to_dict`` wrote. A
reader does both at once for that one form: it accepts a raw value only when its keys,
primitive types, dates (``YYYY-MM-DD`` that round-trips), enum values, lists and nested
values are exactly canonical, and then builds the value through the class itself, so
every validator and converter runs. On any doubt it returns :data:`DEFER`, and the caller
takes the strict path, which produces the messages. A class whose fields it cannot read
this way gets a reader that always defers.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable
from datetime import date
from types import NoneType, UnionType
from typing import Any

import attrs

from ._calendar import day_problem, parse_day
from ._convert import JSON_INT, OMIT_DEFAULT, _is_enum, _shared

__all__ = ["DEFER", "reader", "shareable"]


class _Defer:
    __slots__ = ()

    def __repr__(self) -> str:
        return "DEFER"


DEFER: Any = _Defer()
"""What a reader returns when the raw value is not exactly the stored form it reads."""

_CACHE_MOST = 4096
Reader = Callable[[Any], Any]
_READERS: dict[type[Any], Reader] = {}


class _Unreadable(Exception):
    """A field type this module does not read: the class's reader always defers."""


def _defer(raw: Any) -> Any:
    return DEFER


def reader(kind: type[Any]) -> Reader:
    """The reader of attrs class *kind*'s stored form, generated on first use and kept."""
    found = _READERS.get(kind)
    if found is None:
        try:
            found = _generate(kind)
        except _Unreadable:
            found = _defer
        _READERS[kind] = found
    return found


_SHAREABLE: dict[type[Any], bool] = {}


def shareable(kind: type[Any]) -> bool:
    """Whether a value of attrs class *kind* may be one object for two events: frozen,
    compared by its fields, and holding nothing mutable (no list), by its field types."""
    found = _SHAREABLE.get(kind)
    if found is None:
        found = _SHAREABLE[kind] = _immutable(kind, frozenset())
    return found


def _immutable(kind: Any, seen: frozenset[type[Any]]) -> bool:
    if attrs.has(kind):
        props = getattr(kind, "__attrs_props__", None)
        if props is None or not (props.is_frozen and props.added_eq) or kind in seen:
            return False
        try:
            hints = typing.get_type_hints(kind)
        except Exception:  # a name the annotations cannot resolve
            return False
        inner = seen | {kind}
        return all(_immutable(hints.get(f.name), inner) for f in attrs.fields(kind))
    if typing.get_origin(kind) in (typing.Union, UnionType, tuple, frozenset):
        return all(a is ... or _immutable(a, seen) for a in typing.get_args(kind))
    return kind in (bool, int, str, date, NoneType) or _is_enum(kind)


_DAYS: dict[str, date] = {}


def _day(text: str) -> date | None:
    """A stored ``YYYY-MM-DD`` date the library accepts; equal texts share one date."""
    day = _DAYS.get(text)
    if day is None:
        day = parse_day(text)
        if day is None or day_problem(day) is not None:
            return None
        if len(_DAYS) < _CACHE_MOST:
            _DAYS[text] = day
    return day


def _member_set(members: dict[Any, Any], kind: type[enum.Enum], value_type: type[Any]) -> Reader:
    """The reader of a set of *kind* members, stored as their values sorted by ``repr``.

    Equal stored lists recur (roles, assessed areas), so each is read once and kept.
    """
    seen: dict[tuple[Any, ...], frozenset[Any]] = {}

    def read(raw: Any) -> Any:
        if type(raw) is not list:
            return DEFER
        if raw and {*map(type, raw)} != {value_type}:
            return DEFER
        key = tuple(raw)
        found = seen.get(key)
        if found is not None:
            return found
        made = [members.get(v) for v in raw]
        if None in made or raw != sorted(raw, key=repr):
            return DEFER
        found = frozenset(made)
        if len(found) != len(raw):
            return DEFER
        found = _shared(kind, found)
        if len(seen) < _CACHE_MOST:
            seen[key] = found
        return found

    return read


def _members(kind: type[enum.Enum]) -> tuple[dict[Any, Any], type[Any]]:
    """*kind*'s members by stored value, and the one type of those values."""
    members = {m.value: m for m in kind}
    types = {type(v) for v in members}
    value_type = types.pop() if len(types) == 1 else None
    if value_type is str or (value_type is int and issubclass(kind, int)):
        return members, value_type
    raise _Unreadable(kind)  # values the strict converter reads only as members


class _Writer:
    """Emits the body of one class's reader: a check and a build for each field."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, Any] = {"DEFER": DEFER, "J": JSON_INT}
        self.count = 0

    def fresh(self, stem: str) -> str:
        self.count += 1
        return f"{stem}{self.count}"

    def constant(self, value: Any, stem: str) -> str:
        name = self.fresh(stem)
        self.names[name] = value
        return name

    def add(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def value(self, kind: Any, src: str, dst: str, indent: int) -> None:
        """Emit lines that set *dst* to the value stored as *src*, or return DEFER."""
        add = self.add
        origin = typing.get_origin(kind)
        args = typing.get_args(kind)
        if kind in (bool, str, int):
            # Texts are kept as read: a table shared across documents would keep clients'
            # free text alive after their pathways are gone.
            bounds = f" or not -J <= {src} <= J" if kind is int else ""
            add(indent, f"if type({src}) is not {kind.__name__}{bounds}: return DEFER")
            if src != dst:
                add(indent, f"{dst} = {src}")
        elif kind is date:
            day = self.constant(_day, "day")
            add(indent, f"if type({src}) is not str: return DEFER")
            add(indent, f"{dst} = {day}({src})")
            add(indent, f"if {dst} is None: return DEFER")
        elif _is_enum(kind):
            members, value_type = _members(kind)
            table = self.constant(members, "members")
            vtype = self.constant(value_type, "vtype")
            add(indent, f"if type({src}) is not {vtype}: return DEFER")
            add(indent, f"{dst} = {table}.get({src})")
            add(indent, f"if {dst} is None: return DEFER")
        elif origin in (typing.Union, UnionType) and len(args) == 2 and NoneType in args:
            inner = args[0] if args[1] is NoneType else args[1]
            if src == dst:
                add(indent, f"if {src} is not None:")
            else:
                add(indent, f"if {src} is None: {dst} = None")
                add(indent, "else:")
            self.value(inner, src, dst, indent + 1)
        elif origin in (tuple, list) and (origin is list or args[1:] == (...,)) and args:
            self.sequence(args[0], src, dst, indent, origin)
        elif origin in (frozenset, set) and args:
            self.members(args[0], src, dst, indent, origin)
        elif attrs.has(kind):
            read = self.constant(reader(kind), "read")
            add(indent, f"{dst} = {read}({src})")
            add(indent, f"if {dst} is DEFER: return DEFER")
        else:
            raise _Unreadable(kind)

    def sequence(self, item: Any, src: str, dst: str, indent: int, origin: Any) -> None:
        out, each, made = self.fresh("out"), self.fresh("each"), self.fresh("made")
        self.add(indent, f"if type({src}) is not list: return DEFER")
        self.add(indent, f"{out} = []")
        self.add(indent, f"for {each} in {src}:")
        self.value(item, each, made, indent + 1)
        self.add(indent + 1, f"{out}.append({made})")
        self.add(indent, f"{dst} = {out}" if origin is list else f"{dst} = tuple({out})")

    def members(self, item: Any, src: str, dst: str, indent: int, origin: Any) -> None:
        if origin is not frozenset or not _is_enum(item):
            raise _Unreadable(origin)  # other sets: the strict path reads them
        members, value_type = _members(item)
        read = self.constant(_member_set(members, item, value_type), "set")
        self.add(indent, f"{dst} = {read}({src})")
        self.add(indent, f"if {dst} is DEFER: return DEFER")


def _generate(kind: type[Any]) -> Reader:
    """Write and compile the reader of attrs class *kind*; :class:`_Unreadable` if it cannot."""
    _READERS[kind] = _defer  # a class that contains itself is read the strict way
    try:
        hints = typing.get_type_hints(kind)
    except Exception:  # a name the annotations cannot resolve
        raise _Unreadable(kind) from None
    fields = attrs.fields(kind)
    if any(not f.init or f.alias != f.name for f in fields):
        raise _Unreadable(kind)
    writer = _Writer()
    cls = writer.constant(kind, "cls")
    optional = [f for f in fields if f.metadata.get(OMIT_DEFAULT)]
    required = [f for f in fields if not f.metadata.get(OMIT_DEFAULT)]
    add = writer.add
    # Every required key found and no more keys than those: exactly the stored keys.
    if optional:
        add(1, "if type(raw) is not dict: return DEFER")
    else:
        add(1, f"if type(raw) is not dict or len(raw) != {len(required)}: return DEFER")
    if required:
        add(1, "try:")
        for index, field in enumerate(required):
            add(2, f"v{index} = raw[{field.name!r}]")
        add(1, "except KeyError:")
        add(2, "return DEFER")
    for index, field in enumerate(required):
        writer.value(hints[field.name], f"v{index}", f"v{index}", 1)
    call = ", ".join(f"{field.name}=v{index}" for index, field in enumerate(required))
    if optional:
        pairs = ", ".join(f"{field.name!r}: v{index}" for index, field in enumerate(required))
        add(1, f"kw = {{{pairs}}}")
        for field in optional:
            add(1, f"if {field.name!r} in raw:")
            add(2, f"extra = raw[{field.name!r}]")
            writer.value(hints[field.name], "extra", "extra", 2)
            add(2, f"kw[{field.name!r}] = extra")
        add(1, "if len(raw) != len(kw): return DEFER")
        call = "**kw"
    add(1, "try:")
    add(2, f"made = {cls}({call})")
    add(1, "except Exception:")
    add(2, "return DEFER")
    for index, field in enumerate(required):
        if field.converter is not None:  # a converter that changed the value: not canonical
            add(1, f"if made.{field.name} is not v{index}: return DEFER")
    for field in optional:
        if field.converter is not None:
            add(1, f"if made.{field.name} is not kw.get({field.name!r}, made.{field.name}):")
            add(2, "return DEFER")
    add(1, "return made")
    source = "def read(raw):\n" + "\n".join(writer.lines) + "\n"
    namespace: dict[str, Any] = dict(writer.names)
    exec(compile(source, f"<stored-form reader {kind.__qualname__}>", "exec"), namespace)
    made: Reader = namespace["read"]
    return made
