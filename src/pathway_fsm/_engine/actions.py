"""What a host may offer a person now: each trigger as a UI-ready :class:`Action`.

Built from the definition alone and the engine's checks that need no data, the same
ones :meth:`Pathway.available <pathway_fsm.Pathway.available>` applies; the rules about
a trigger's data stay :meth:`Pathway.check <pathway_fsm.Pathway.check>`'s.
"""

from __future__ import annotations

import typing
from typing import Any

import attrs

from .model import Reason, Text
from .spec import TransitionSpec

__all__ = ["Action", "ActionField", "fields_of"]


@attrs.frozen
class ActionField:
    """One field of a trigger's data: its name, type, whether it must be given, its label.

    *label* is the field's ``Text`` when the payload class gives one as
    ``attrs.field(metadata={"label": Text(...)})``, otherwise ``None``.
    """

    name: str
    type: Any
    required: bool
    label: Text | None = None


@attrs.frozen
class Action:
    """A trigger as a host shows it: label, data to ask for, and what blocks it now.

    *blockers* are the reasons that need no data (the source state, the role, the date
    order), so a UI can grey the action out and say why. An action with no blockers
    may still be refused by the rules about its data: ask :meth:`Pathway.check
    <pathway_fsm.Pathway.check>` with the data before firing.
    """

    trigger: str
    label: Text
    payload: type[Any] | None
    fields: tuple[ActionField, ...]
    blockers: tuple[Reason, ...] = ()

    @property
    def allowed(self) -> bool:
        """Whether nothing but the trigger's data can still refuse it."""
        return not self.blockers

    @property
    def required(self) -> tuple[str, ...]:
        """The names of the fields that must be given."""
        return tuple(f.name for f in self.fields if f.required)


_FIELDS: dict[type[Any], tuple[ActionField, ...]] = {}


def fields_of(spec: TransitionSpec) -> tuple[ActionField, ...]:
    """The fields of *spec*'s payload class (none when it takes no data), computed once."""
    payload = spec.payload
    if payload is None:
        return ()
    found = _FIELDS.get(payload)
    if found is None:
        try:
            hints = typing.get_type_hints(payload)
        except (NameError, TypeError):  # an annotation that cannot be resolved: keep it as given
            hints = {}
        found = tuple(
            ActionField(
                a.alias or a.name,
                hints.get(a.name, a.type),
                a.default is attrs.NOTHING,
                _label(a.metadata.get("label")),
            )
            for a in attrs.fields(payload)
            if a.init
        )
        _FIELDS[payload] = found
    return found


def _label(value: object) -> Text | None:
    return value if isinstance(value, Text) else None
