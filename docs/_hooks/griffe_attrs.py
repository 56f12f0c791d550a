"""A griffe extension: give attrs classes their ``__init__`` signature on the site.

attrs writes ``__init__`` at import time, so griffe, which reads the source, sees no
signature for ``Actor`` or a trigger's payload class. griffe's own dataclasses extension
solves the same problem for dataclasses; this one asks attrs at run time instead, through
``attrs.fields``, so field aliases, ``kw_only``, ``init=False`` and factories are right.
"""

from __future__ import annotations

import contextlib
import enum
import importlib
import inspect
from typing import Any

import attrs
from griffe import Class, Extension, Function, Module, Parameter, ParameterKind, Parameters


def _runtime(cls: Class) -> type | None:
    """The class griffe describes, imported; ``None`` if it cannot be found."""
    obj: Any = importlib.import_module(cls.module.path)
    for part in cls.path.removeprefix(cls.module.path + ".").split("."):
        obj = getattr(obj, part, None)
    return obj if isinstance(obj, type) else None


def _annotation(field: attrs.Attribute[Any]) -> str | None:
    if field.type is None:
        return None
    return field.type if isinstance(field.type, str) else getattr(field.type, "__name__", None)


def _shown(value: object) -> str:
    """*value* as a reader would write it in a call, not its ``repr``."""
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, type) or inspect.isroutine(value):
        name: str = value.__qualname__
        # A private default (a no-op rule, say) is an implementation detail.
        return "..." if name.startswith("_") else name
    if attrs.has(type(value)):
        with contextlib.suppress(Exception):
            if value == type(value)():
                return f"{type(value).__name__}()"
    return repr(value)


def _default(field: attrs.Attribute[Any]) -> str | None:
    if field.default is attrs.NOTHING:
        return None
    if isinstance(field.default, attrs.Factory):
        factory = field.default.factory
        return f"{getattr(factory, '__name__', 'factory')}()"
    return _shown(field.default)


def _parameters(runtime: type) -> list[Parameter]:
    positional, keyword = [], []
    for field in attrs.fields(runtime):
        if not field.init:
            continue
        kind = ParameterKind.keyword_only if field.kw_only else ParameterKind.positional_or_keyword
        parameter = Parameter(
            field.alias, annotation=_annotation(field), kind=kind, default=_default(field)
        )
        (keyword if field.kw_only else positional).append(parameter)
    return positional + keyword


def _visit(owner: Module | Class) -> None:
    for member in list(owner.members.values()):
        if member.is_alias or not (member.is_class or member.is_module):
            continue
        if isinstance(member, Class) and "__init__" not in member.members:
            runtime = _runtime(member)
            if runtime is not None and attrs.has(runtime):
                init = Function(
                    "__init__",
                    lineno=0,
                    endlineno=0,
                    parent=member,
                    parameters=Parameters(
                        Parameter("self", kind=ParameterKind.positional_or_keyword),
                        *_parameters(runtime),
                    ),
                    returns="None",
                )
                member.set_member("__init__", init)
        _visit(member)


class AttrsInit(Extension):
    """Add an ``__init__`` built from ``attrs.fields`` to every attrs class of a package."""

    def on_package(self, *, pkg: Module, **_: Any) -> None:
        """Visit every class of the package once it is loaded."""
        _visit(pkg)
