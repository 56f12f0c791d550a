"""The processes this library knows by name: the shipped ones, and any a host registers.

Each shipped process module ends with ``PROCESSES``, a tuple of :class:`Process`
entries; :data:`SHIPPED` lists those modules, one line each. ``from_dict``, the command
line, :func:`definitions` and the testing kit read every process from here.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Mapping
from functools import cache
from types import MappingProxyType
from typing import Any, Generic

import attrs

from ._engine.definition import ProcessDefinition
from ._engine.spec import P
from .errors import DefinitionError, describe

__all__ = [
    "SHIPPED",
    "Process",
    "definitions",
    "entries",
    "processes",
    "register",
    "unregister",
]

SHIPPED: tuple[str, ...] = (
    "pathway_fsm.typ",
    "pathway_fsm.phases",
    "pathway_fsm.handover",
    "pathway_fsm.journey",
    "pathway_fsm.referral",
    "pathway_fsm.ips",
    "pathway_fsm.social_welfare",
)
"""The modules of the shipped processes, in listing order; each declares ``PROCESSES``."""


@attrs.frozen
class Process(Generic[P]):
    """A registry entry: how to rebuild a process's definition from a stored policy.

    *build* makes the definition for a policy of *policy_type* (``definition_for``).
    *strategies* is the dotted name of the module holding the process's hypothesis
    strategies for :mod:`pathway_fsm.testing` (see ``docs/design.md``), imported only
    by the testing kit.

    Raises:
        DefinitionError: a field has the wrong type.
    """

    name: str
    version: str
    policy_type: type[P]
    build: Callable[[P], ProcessDefinition[Any, P]]
    strategies: str | None = None

    def __attrs_post_init__(self) -> None:
        """Refuse an entry that could not rebuild anything."""
        given: dict[str, object] = attrs.asdict(self, recurse=False)
        wanted: dict[str, Callable[[object], bool]] = {
            "name": lambda v: isinstance(v, str) and bool(v),
            "version": lambda v: isinstance(v, str) and bool(v),
            "policy_type": lambda v: isinstance(v, type),
            "build": callable,
            "strategies": lambda v: v is None or (isinstance(v, str) and bool(v)),
        }
        bad = [f"{f}: got {describe(given[f])}" for f, ok in wanted.items() if not ok(given[f])]
        if bad:
            raise DefinitionError(str(given["name"]), bad)

    def definition(self) -> ProcessDefinition[Any, P]:
        """The definition under the default policy (``policy_type()``)."""
        return self.build(self.policy_type())


def entries(modules: tuple[str, ...]) -> dict[str, Process[Any]]:
    """The ``PROCESSES`` of each of *modules* by name, in order.

    Raises:
        DefinitionError: a module declares something that is not a :class:`Process`,
            or two entries share a name.
    """
    found: dict[str, Process[Any]] = {}
    for module in modules:
        declared: object = getattr(importlib.import_module(module), "PROCESSES", None)
        if not isinstance(declared, tuple) or not declared:
            raise DefinitionError(
                module,
                [f"PROCESSES: expected a tuple of Process entries, got {describe(declared)}"],
            )
        for entry in declared:
            if not isinstance(entry, Process):
                raise DefinitionError(
                    module, [f"PROCESSES: expected Process entries, got {describe(entry)}"]
                )
            if entry.name in found:
                raise DefinitionError(
                    entry.name, [f"{module}: a process of this name is registered"]
                )
            found[entry.name] = entry
    return found


@cache
def _shipped() -> dict[str, Process[Any]]:
    """Every shipped entry by name, read once from the modules in :data:`SHIPPED`."""
    return entries(SHIPPED)


_LOCK = threading.Lock()
_hosts: dict[str, Process[Any]] = {}


def processes() -> dict[str, Process[Any]]:
    """Every known process by name, the shipped ones first (a fresh dict each call)."""
    with _LOCK:
        return {**_shipped(), **_hosts}


def register(process: Process[Any]) -> None:
    """Make a host's own process known to ``from_dict``, :func:`definitions` and the kit.

    Registering the same entry again does nothing.

    Raises:
        DefinitionError: *process* is not a :class:`Process`, or its name is taken.
    """
    if not isinstance(process, Process):
        where = "register(...)"
        raise DefinitionError(where, [f"expected a Process, got {describe(process)}"])
    with _LOCK:
        taken = _shipped().get(process.name) or _hosts.get(process.name)
        if taken is not None and taken != process:
            raise DefinitionError(process.name, ["a process of this name is registered"])
        _hosts[process.name] = process


def unregister(name: str) -> None:
    """Forget a process :func:`register` made known (a test's clean-up).

    Raises:
        DefinitionError: no host process of that name is registered.
    """
    given: object = name  # a host may pass anything
    with _LOCK:
        if not isinstance(given, str) or given not in _hosts:
            raise DefinitionError(str(given), ["no host process of this name is registered"])
        del _hosts[given]


def definitions() -> Mapping[str, ProcessDefinition[Any, Any]]:
    """Every known definition by name, with its default policy (a read-only mapping).

    The shipped ones come first, then those a host registered, in order.
    """
    return MappingProxyType({name: p.definition() for name, p in processes().items()})
