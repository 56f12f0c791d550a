"""A definition with the host's hooks bound to it, so no way into a pathway forgets them.

The binding is the host's, not the process's: the definition stays a value that names
the rules (cached per policy, equal by name, version and policy, one compiled machine),
and each host wraps it with its own hooks. Every pathway started, restored or replayed
through the binding runs the hooks; the stored form never mentions them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ..errors import PathwayDataError
from .definition import ProcessDefinition
from .model import Actor, Event
from .pathway import Hooks, Pathway, check_hooks

__all__ = ["BoundDefinition", "bind"]


class BoundDefinition:
    """A :class:`ProcessDefinition` and the host's :class:`Hooks`, for every pathway on it.

    Make one with :meth:`ProcessDefinition.with_hooks`. Its :meth:`start`, and
    :func:`~pathway_fsm.from_dict` and :func:`~pathway_fsm.replay` given it as the
    definition, attach the hooks; the pathways' ``definition`` is the plain one. It
    holds no pathway and no machine of its own, so threads may share it.
    """

    __slots__ = ("_definition", "_hooks")

    def __init__(self, definition: ProcessDefinition, hooks: Hooks) -> None:
        self._definition = definition
        self._hooks = hooks

    @property
    def definition(self) -> ProcessDefinition:
        """The process the hooks are bound to."""
        return self._definition

    @property
    def hooks(self) -> Hooks:
        """The hooks every pathway through this binding runs."""
        return self._hooks

    @property
    def name(self) -> str:
        """The definition's name."""
        return self._definition.name

    @property
    def version(self) -> str:
        """The definition's version."""
        return self._definition.version

    def __repr__(self) -> str:
        return f"BoundDefinition({self._definition!r})"

    def with_hooks(self, hooks: Hooks | None) -> BoundDefinition:
        """The same definition bound to *hooks* instead (``None``: no hooks)."""
        return bind(self._definition, hooks)

    def start(
        self,
        client_id: str,
        *,
        at: date,
        by: Actor,
        recorded_by: Actor | None = None,
        ref: str | None = None,
        **data: Any,
    ) -> Pathway:
        """Start a pathway that runs the bound hooks (see :meth:`ProcessDefinition.start`)."""
        return Pathway.begin(
            self._definition,
            client_id,
            at=at,
            by=by,
            hooks=self._hooks,
            data=data,
            recorded_by=recorded_by,
            ref=ref,
        )

    def replay(self, events: Iterable[Event], *, client_id: str) -> Pathway:
        """:func:`~pathway_fsm.replay` through this binding: no hook runs, all are attached."""
        from .._serialization import replay

        return replay(self, events, client_id=client_id)


def bind(definition: ProcessDefinition, hooks: object) -> BoundDefinition:
    """*definition* bound to *hooks*, checked against its triggers.

    Raises:
        PathwayDataError: *hooks* is not :class:`Hooks` or ``None``.
        UnknownTrigger: a hook names a trigger the definition does not have.
    """
    if not isinstance(definition, ProcessDefinition):
        why = f"expected a ProcessDefinition, got {type(definition).__name__}"
        raise PathwayDataError([("definition", why)])
    return BoundDefinition(definition, check_hooks(definition, hooks))
