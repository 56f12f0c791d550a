"""The library's one ``cattrs`` converter, strict on the way in.

This is the only module that imports ``cattrs``. It turns trigger data and stored
documents into attrs values and back into JSON-ready primitives:

* ``int``, ``str`` and ``bool`` must arrive as exactly that type (no ``"5"`` for 5,
  no ``True`` for 1);
* dates are ``datetime.date`` objects or ISO ``YYYY-MM-DD`` strings (never datetimes,
  week dates or the basic form), from 1900 to 9899;
* sets and tuples arrive as lists (or tuples/sets); strings and mappings are refused;
* an attrs value may arrive as itself or as a dict; either way every field is checked;
* unknown keys are refused;
* every problem is reported with its JSON path, and never with the offending value,
  which could be a client's personal data.
"""

from __future__ import annotations

import enum
import marshal
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from typing import Any, Literal, TypeVar

import attrs
import cattrs
from cattrs.cols import list_structure_factory
from cattrs.errors import (
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.v import format_exception

from ._calendar import day_problem, parse_day
from ._engine.replace import slot_setters, stores_only
from .errors import DataProblem, PathwayDataError, field_name

__all__ = [
    "OMIT_DEFAULT",
    "converter",
    "fast_structurer",
    "structure",
    "structure_data",
    "unstructure",
    "unstructure_once",
]

T = TypeVar("T")

converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)


def _exact(kind: type[Any], name: str) -> Callable[[Any, Any], Any]:
    def hook(value: Any, _: Any) -> Any:
        if type(value) is not kind:
            msg = f"expected {name}, got {type(value).__name__}"
            raise TypeError(msg)
        return value

    return hook


JSON_INT = 2**53 - 1
"""The largest integer a JSON number carries exactly to every reader (IEEE doubles)."""


def _integer(value: Any, _: Any) -> int:
    """An ``int`` (not a bool) that JSON carries exactly: larger ones would not round-trip."""
    if type(value) is not int:
        msg = f"expected an integer, got {type(value).__name__}"
        raise TypeError(msg)
    if not -JSON_INT <= value <= JSON_INT:
        msg = f"expected an integer from {-JSON_INT} to {JSON_INT}"
        raise ValueError(msg)
    return value


converter.register_structure_hook(int, _integer)
converter.register_structure_hook(str, _exact(str, "a string"))
converter.register_structure_hook(bool, _exact(bool, "true or false"))


def _structure_date(value: Any, _: Any) -> date:
    if type(value) is str:
        parsed = parse_day(value)
        if parsed is None:
            msg = "expected an ISO date (YYYY-MM-DD)"
            raise ValueError(msg)
        value = parsed
    problem = day_problem(value)
    if problem is not None:
        raise (TypeError if problem.startswith("expected a datetime") else ValueError)(problem)
    return value  # type: ignore[no-any-return]


converter.register_structure_hook(date, _structure_date)


def _structure_enum(value: Any, kind: type[enum.Enum]) -> Any:
    if isinstance(value, kind):
        return value
    if type(value) is str or (type(value) is int and issubclass(kind, int)):
        try:
            return kind(value)
        except ValueError:
            pass
    allowed = ", ".join(str(m.value) for m in kind)
    msg = f"expected one of {allowed}"
    raise ValueError(msg)


# StrEnum and IntEnum are registered on their own: in their MRO str or int comes before
# Enum, so the exact-type hooks above would otherwise take them.
converter.register_structure_hook(enum.Enum, _structure_enum)
converter.register_structure_hook(enum.StrEnum, _structure_enum)
converter.register_structure_hook(enum.IntEnum, _structure_enum)
converter.register_unstructure_hook(date, lambda d: d.isoformat())
# Enums are written as their plain value (str or int), never as the member itself.
converter.register_unstructure_hook(enum.Enum, lambda e: e.value)
converter.register_unstructure_hook(enum.StrEnum, lambda e: e.value)
converter.register_unstructure_hook(enum.IntEnum, lambda e: e.value)


def _is_collection(kind: Any) -> bool:
    origin = typing.get_origin(kind)
    return origin in (tuple, frozenset, set, list)


@lru_cache(maxsize=1024)
def _shared(kind: type[enum.Enum], members: frozenset[enum.Enum]) -> frozenset[enum.Enum]:
    """The first equal set of *kind* members seen: restored pathways share such sets.

    *kind* is part of the key because members of two str-valued enums can compare equal.
    """
    return members


def _collection_hook(kind: Any) -> Callable[[Any, Any], Any]:
    make = typing.get_origin(kind)
    as_list = list_structure_factory(kind, converter)  # per-index error paths
    args = typing.get_args(kind)
    # Sets of enum members (roles, areas) repeat across pathways and hold no client
    # data, so equal ones are shared; other collections are built afresh.
    item = args[0] if args else None
    shareable = make is frozenset and _is_enum(item)

    def hook(value: Any, type_: Any) -> Any:
        if not isinstance(value, (list, tuple, set, frozenset)):
            msg = f"expected a list, got {type(value).__name__}"
            raise TypeError(msg)
        made = make(as_list(value, type_))
        return _shared(item, made) if shareable else made

    return hook


def _is_enum(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, enum.Enum)


def _unstructure_collection(kind: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    item = args[0] if args else Any

    def hook(value: Any) -> list[Any]:
        items = [converter.unstructure(v, item) for v in value]
        if origin in (frozenset, set):
            items.sort(key=repr)
        return items

    return hook


converter.register_structure_hook_factory(_is_collection, _collection_hook)
converter.register_unstructure_hook_factory(_is_collection, _unstructure_collection)


def _init_names(cls: type[Any]) -> tuple[str, ...]:
    """The fields an attrs class takes when it is made: what its dict form holds."""
    return tuple(a.name for a in attrs.fields(cls) if a.init)


def _attrs_hook(cls: type[Any]) -> Callable[[Any, Any], Any]:
    base = make_dict_structure_fn(cls, converter)
    names = _init_names(cls)

    def hook(value: Any, type_: Any) -> Any:
        if isinstance(value, cls):
            # A host passed the value object: check its fields as a dict's, one level at a
            # time, so a field of the wrong type is named where it is, not at the value.
            # A subclass's own fields come too, to be refused as unknown keys.
            own = names if type(value) is cls else _init_names(type(value))
            value = {name: getattr(value, name) for name in own}
        elif not isinstance(value, Mapping):
            got = type(value).__name__
            msg = f"expected a mapping or {cls.__name__}, got {got}"
            raise TypeError(msg)
        return base(value, type_)

    return hook


converter.register_structure_hook_factory(attrs.has, _attrs_hook)


def unstructure_once(cls: type[Any]) -> None:
    """Unstructure each distinct value of the frozen, hashable attrs class *cls* once.

    For a large value that recurs in every stored document (a municipality's service map
    in each phase pathway's policy). The primitives are kept as ``marshal`` bytes, and
    every call gets a fresh copy of them, so a caller may change what it got.
    """
    base = make_dict_unstructure_fn(cls, converter)

    @lru_cache(maxsize=64)
    def dumped(value: Any) -> bytes:
        return marshal.dumps(base(value), 0)

    converter.register_unstructure_hook(cls, lambda value: marshal.loads(dumped(value)))


def _format(exc: BaseException, kind: Any) -> str:
    """Describe one field's problem without echoing its value."""
    if isinstance(exc, (TypeError, ValueError)) and str(exc).startswith("expected "):
        return str(exc)  # our own hooks' messages, which never include the value
    if typing.get_origin(kind) is Literal:
        return "expected one of " + ", ".join(repr(a) for a in typing.get_args(kind))
    text = format_exception(exc, kind)
    return "invalid value" if text.startswith("unknown error") else text


def problems_of(exc: BaseException, path: str) -> list[DataProblem]:
    """Turn a cattrs validation error into ``(path, why)`` pairs rooted at *path*.

    Walks the error tree as ``cattrs.transform_error`` does, except that an attrs
    validator's :class:`PathwayDataError` is reported at the paths it names, below
    the value being built, rather than at that value.
    """
    if isinstance(exc, PathwayDataError):
        return [(path + where.removeprefix("$"), why) for where, why in exc.errors]
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = sorted(exc.extra_fields, key=str)
        return [(f"{path}.{field_name(key)}", "unexpected field") for key in keys]
    if not isinstance(exc, (ClassValidationError, IterableValidationError)):
        return [(path, _format(exc, None))]
    out: list[DataProblem] = []
    with_notes, without = exc.group_exceptions()
    for sub, note in with_notes:
        if isinstance(note, IterableValidationNote):
            where = f"{path}[{note.index!r}]"
        else:
            where = f"{path}.{note.name}"
        if isinstance(sub, (ClassValidationError, IterableValidationError, PathwayDataError)):
            out.extend(problems_of(sub, where))
        else:
            out.append((where, _format(sub, note.type)))
    for sub in without:
        out.extend(problems_of(sub, path))
    return out


def structure(value: Any, kind: type[T], path: str = "$") -> T:
    """Convert *value* to *kind*, or raise :class:`PathwayDataError` naming every bad field."""
    try:
        return converter.structure(value, kind)
    # A PathwayDataError is a validator's of the value itself, not of one of its fields.
    except (BaseValidationError, PathwayDataError) as exc:
        raise PathwayDataError(problems_of(exc, path)) from None
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise PathwayDataError([(path, _plain(exc, kind))]) from None


def _plain(exc: BaseException, kind: Any) -> str:
    if isinstance(exc, (TypeError, ValueError)) and str(exc).startswith("expected"):
        return str(exc)
    name = getattr(kind, "__name__", repr(kind))
    return f"invalid value for {name}"


def unstructure(value: Any) -> Any:
    """Convert an attrs value into JSON-ready primitives."""
    return converter.unstructure(value)


OMIT_DEFAULT = "pathway_fsm.omit_default"
"""Field metadata: the stored form leaves the field out while it holds its default, so a
field added later changes no document written without it."""


def _omits(cls: Any) -> bool:
    return attrs.has(cls) and any(f.metadata.get(OMIT_DEFAULT) for f in attrs.fields(cls))


def _omitting_hook(cls: type[Any]) -> Callable[[Any], Any]:
    omitted = [f.name for f in attrs.fields(cls) if f.metadata.get(OMIT_DEFAULT)]
    kept = {name: override(omit_if_default=True) for name in omitted}
    return make_dict_unstructure_fn(cls, converter, **kept)  # type: ignore[arg-type]


converter.register_unstructure_hook_factory(_omits, _omitting_hook)


# --------------------------------------------------------------------------- keyword data
# Trigger data given as keywords is mostly a flat dict of plain values that the strict
# converter would pass through unchanged. For a payload class whose fields are all plain,
# a compiled check of exactly what the strict hooks require builds the value directly;
# anything it is not sure of (a wrong type, a missing or unknown key, a validator that
# raises) goes to the strict converter, which gives the answer and the errors.

_STRICT_HOOKS = {kind: converter.get_structure_hook(kind) for kind in (int, str, bool, date)}
_OPTIONAL = cattrs.BaseConverter._structure_optional
_NOT_YET: Any = object()
_FAST: dict[type[Any], tuple[Callable[[Any], Any], Any] | None] = {}
_FACTORY: type[Any] = type(attrs.Factory(list))


def structure_data(value: Any, kind: type[T], path: str = "$") -> T:
    """:func:`structure`, with a shortcut for a flat dict that needs no conversion."""
    fast = _FAST.get(kind, _NOT_YET)
    if fast is _NOT_YET:
        fast = _FAST[kind] = fast_structurer(kind)
    if fast is not None and fast[1] is converter.get_structure_hook(kind):
        made = fast[0](value)
        if made is not None:
            return made  # type: ignore[no-any-return]
    return structure(value, kind, path)


def fast_structurer(kind: type[Any]) -> tuple[Callable[[Any], Any], Any] | None:
    """A function that builds *kind* from a dict the strict converter would take as is,
    or returns ``None``; with the strict hook it stands for. ``None`` if *kind* has a
    field it cannot check."""
    hook = converter.get_structure_hook(kind)
    if getattr(hook, "__qualname__", "") != f"{_attrs_hook.__qualname__}.<locals>.hook":
        return None  # a hook of a process module's own, or no attrs class
    try:
        attrs.resolve_types(kind)
    except (NameError, TypeError):  # pragma: no cover - cattrs resolved them for its hook
        return None
    fields = [f for f in attrs.fields(kind) if f.init]
    # A class whose __init__ only stores its fields has its slots filled here directly.
    setters = slot_setters(kind) if stores_only(kind) else None
    if setters is not None and any(isinstance(f.default, _FACTORY) for f in fields):
        setters = None
    namespace: dict[str, Any] = {"cls": kind, "NAMES": frozenset(f.name for f in fields)}
    namespace.update(date=date, day_problem=day_problem, JSON_INT=JSON_INT, new=object.__new__)
    lines = ["def fast(value):", "    if type(value) is not dict or not NAMES.issuperset(value):"]
    lines += ["        return None"]
    if setters is not None:
        lines.append("    made = new(cls)")
    for index, field in enumerate(fields):
        if field.alias != field.name or field.name.startswith("_"):
            return None
        check = _fast_check(field.type, "v", f"e{index}", namespace)
        if check is None:
            return None
        lines.append(f"    if {field.name!r} in value:")
        lines.append(f"        v = value[{field.name!r}]")
        lines.append(f"        if not ({check}):")
        lines.append("            return None")
        if setters is not None:
            namespace[f"set{index}"], namespace[f"d{index}"] = setters[field.name], field.default
            lines.append(f"        set{index}(made, v)")
        lines.append("    else:")
        if field.default is attrs.NOTHING:
            lines.append("        return None")
        else:
            lines.append(
                f"        set{index}(made, d{index})" if setters is not None else "        pass"
            )
    if setters is not None:
        lines.append("    return made")
    else:
        lines += ["    try:", "        return cls(**value)", "    except Exception:"]
        lines += ["        return None"]
    code = compile("\n".join(lines), f"<pathway_fsm fast {kind.__qualname__}>", "exec")
    exec(code, namespace)  # source built from the class's own field names
    return namespace["fast"], hook


def _fast_check(kind: Any, name: str, key: str, namespace: dict[str, Any]) -> str | None:
    """An expression true when the strict hook of *kind* would return *name* unchanged."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        args = typing.get_args(kind)
        others = [a for a in args if a is not type(None)]
        if len(args) != 2 or len(others) != 1:
            return None
        if getattr(converter.get_structure_hook(kind), "__func__", None) is not _OPTIONAL:
            return None
        inner = _fast_check(others[0], name, key, namespace)
        return None if inner is None else f"{name} is None or ({inner})"
    if not isinstance(kind, type):
        return None
    hook = converter.get_structure_hook(kind)
    if _is_enum(kind) and hook is _structure_enum:
        namespace[key] = kind
        return f"isinstance({name}, {key})"
    if kind not in _STRICT_HOOKS or hook is not _STRICT_HOOKS[kind]:
        return None
    if kind is int:
        return f"type({name}) is int and -JSON_INT <= {name} <= JSON_INT"
    if kind is date:
        return f"type({name}) is date and day_problem({name}) is None"
    return f"type({name}) is {kind.__name__}"
