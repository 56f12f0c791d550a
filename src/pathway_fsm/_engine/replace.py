"""A faster ``attrs.evolve``: one replace function compiled per attrs class, on first use.

A reducer makes a new context from the old one on every accepted event, so the generic
``attrs.evolve`` (which looks up the class's fields and copies them one by one each time)
is a large part of ``start`` and ``fire``. :func:`evolve` takes the same arguments and
gives the same result, the same errors included:

* a class whose ``__init__`` does nothing but store its fields (no validator, converter,
  pre- or post-init hook, field left out of ``__init__``, or extra slot) gets a function
  that fills a new instance's slots directly, as that ``__init__`` would;
* any other attrs class gets a function that calls the class with every field, as
  ``attrs.evolve`` does, so validators and converters run on every field;
* an unknown field name, or anything that is not an attrs instance, is left to
  ``attrs.evolve`` itself, which raises its own error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["compile_replace", "evolve", "slot_setters", "stores_only"]

T = TypeVar("T")

Replace = Callable[[Any, dict[str, Any]], Any]
"""``(instance, changes) -> new instance``, for changes that name only init fields."""

# By class: the compiled replace function and the names it accepts. Filled on first use;
# a race only compiles a class twice.
_COMPILED: dict[type[Any], tuple[Replace, frozenset[str]]] = {}


def evolve(instance: T, /, **changes: Any) -> T:
    """A copy of the attrs *instance* with *changes*: what ``attrs.evolve`` returns."""
    given: Any = instance  # attrs.evolve's own checks decide what it accepts
    kind = type(given)
    found = _COMPILED.get(kind)
    if found is None:
        if not attrs.has(kind):
            return attrs.evolve(given, **changes)  # type: ignore[no-any-return]  # raises
        found = _COMPILED[kind] = compile_replace(kind)
    replace, names = found
    if not names.issuperset(changes):
        return attrs.evolve(given, **changes)  # type: ignore[no-any-return]  # raises
    made: T = replace(instance, changes)
    return made


def compile_replace(kind: type[Any]) -> tuple[Replace, frozenset[str]]:
    """The replace function of the attrs class *kind* and the change names it takes."""
    fields = attrs.fields(kind)
    names = frozenset(f.alias for f in fields if f.init)
    setters = slot_setters(kind) if stores_only(kind) else None
    namespace: dict[str, Any] = {"cls": kind, "new": object.__new__}
    if setters is None:
        args = ", ".join(f"{f.alias}=get({f.alias!r}, inst.{f.name})" for f in fields if f.init)
        lines = [f"    return cls({args})"]
    else:
        lines = ["    made = new(cls)"]
        for index, field in enumerate(fields):
            namespace[f"set{index}"] = setters[field.name]
            lines.append(f"    set{index}(made, get({field.alias!r}, inst.{field.name}))")
        lines.append("    return made")
    source = "\n".join(["def replace(inst, changes):", "    get = changes.get", *lines])
    code = compile(source, f"<pathway_fsm replace {kind.__qualname__}>", "exec")
    exec(code, namespace)  # source built from the class's own field names
    replace: Replace = namespace["replace"]
    return replace, names


def stores_only(kind: type[Any]) -> bool:
    """Whether *kind*'s ``__init__`` only stores each field's argument in its slot."""
    if not attrs.has(kind) or "__slots__" not in kind.__dict__:
        return False
    if any(hasattr(kind, hook) for hook in ("__attrs_pre_init__", "__attrs_post_init__")):
        return False
    init = kind.__dict__.get("__init__")
    made_by = getattr(getattr(init, "__code__", None), "co_filename", "")
    if not made_by.startswith(f"<attrs generated methods {kind.__module__}.{kind.__qualname__}"):
        return False  # an __init__ of the class's own, or a base class's
    return all(
        f.init and f.validator is None and f.converter is None and f.name.isidentifier()
        for f in attrs.fields(kind)
    )


def slot_setters(kind: type[Any]) -> dict[str, Callable[[Any, Any], None]] | None:
    """Each field's slot setter, if *kind*'s slots are exactly its fields (and a weakref)."""
    names = {f.name for f in attrs.fields(kind)}
    setters: dict[str, Callable[[Any, Any], None]] = {}
    for base in kind.__mro__:
        for slot in base.__dict__.get("__slots__", ()):
            if slot == "__weakref__" or slot in setters:
                continue
            if slot not in names:
                return None  # e.g. a cached hash, which __init__ would reset
            setters[slot] = base.__dict__[slot].__set__
    return setters if set(setters) == names else None
