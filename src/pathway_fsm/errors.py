"""Every error the library raises; all derive from :class:`PathwayError`.

Messages name the offending field, trigger or state and what was allowed. They never
echo a client's facts (birth dates, benefits, health): only codes, names and paths.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._engine.model import Event, Reason

__all__ = [
    "DataProblem",
    "DefinitionError",
    "HookFailed",
    "PathwayDataError",
    "PathwayError",
    "TransitionRefused",
    "UnknownTrigger",
]


class PathwayError(Exception):
    """Base of every error raised by pathway_fsm."""


class TransitionRefused(PathwayError):
    """A trigger was refused: a guard, a role check, the date order or a host hook said no.

    Nothing changed. *state* is ``None`` when starting a pathway was refused. *reasons*
    explain why, each with a stable code and a message in Finnish, Swedish and English.
    """

    def __init__(self, trigger: str, state: str | None, reasons: Sequence[Reason]) -> None:
        self.trigger = trigger
        self.state = state
        self.reasons: tuple[Reason, ...] = tuple(reasons)
        codes = "; ".join(f"{r.code}: {r.message('en')}" for r in self.reasons)
        where = "at start" if state is None else f"in state {state!r}"
        msg = f"{trigger!r} refused {where}: {codes}"
        super().__init__(msg)


class UnknownTrigger(PathwayError, LookupError):
    """A trigger that the definition does not have."""

    def __init__(self, trigger: object, definition: str, valid: Sequence[str]) -> None:
        self.trigger = trigger
        self.valid: tuple[str, ...] = tuple(valid)
        msg = (
            f"{definition} has no trigger {trigger!r} ({type(trigger).__name__}); "
            f"valid triggers: {', '.join(self.valid)}"
        )
        super().__init__(msg)


DataProblem = tuple[str, str]
"""One bad field: its JSON path (``$.history[3].at``) and what is wrong with it."""


class PathwayDataError(PathwayError, ValueError):
    """Malformed input or stored data; :attr:`errors` lists every bad field's path and why."""

    def __init__(self, errors: Sequence[DataProblem]) -> None:
        self.errors: tuple[DataProblem, ...] = tuple(errors)
        lines = "\n".join(f"  {path}: {why}" for path, why in self.errors)
        msg = f"{len(self.errors)} invalid field(s):\n{lines}"
        super().__init__(msg)


class DefinitionError(PathwayError, ValueError):
    """A process definition is broken; :attr:`problems` names every offender."""

    def __init__(self, name: str, problems: Sequence[str]) -> None:
        self.name = name
        self.problems: tuple[str, ...] = tuple(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        msg = f"definition {name!r} is invalid:\n{lines}"
        super().__init__(msg)


class HookFailed(PathwayError):
    """One or more after-hooks raised. The event had already been recorded and stands.

    :attr:`event` is the recorded event and :attr:`errors` the hooks' exceptions, in the
    order the hooks were registered. Every after-hook was called.
    """

    def __init__(self, event: Event, errors: Sequence[BaseException]) -> None:
        self.event = event
        self.errors: tuple[BaseException, ...] = tuple(errors)
        kinds = ", ".join(type(e).__name__ for e in self.errors)
        msg = f"after-hooks failed for event {event.seq} ({event.trigger!r}): {kinds}"
        super().__init__(msg)
