"""Every error the library raises; all derive from :class:`PathwayError`.

Messages name the offending field, trigger or state and what was allowed. They never
echo a client's facts (birth dates, benefits, health): only codes, names and paths.
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._engine.model import Event, Lang, Reason
    from ._engine.pathway import Pathway

__all__ = [
    "SHOWN",
    "DataProblem",
    "DefinitionError",
    "HookError",
    "HookFailed",
    "PathwayDataError",
    "PathwayError",
    "ReentrantFire",
    "TransitionRefused",
    "UnknownTrigger",
    "describe",
    "field_name",
    "hook_name",
    "require",
]

# Repr's keyword arguments are new in Python 3.12; the attributes work on 3.11 too.
_excerpt = reprlib.Repr()
_excerpt.maxlevel = 2
_excerpt.maxstring = _excerpt.maxother = 40
_excerpt.maxlist = _excerpt.maxtuple = _excerpt.maxdict = 4
_excerpt.maxset = _excerpt.maxfrozenset = 4


def describe(value: object) -> str:
    """A value's type and a short excerpt of its repr, for messages about a bad argument.

    The excerpt is bounded (deep nesting and long strings are cut), so a message never
    grows with the value. Use it only for values that are not a client's facts.
    """
    try:
        text = _excerpt.repr(value)
    except Exception:  # a host object whose repr itself fails
        text = "..."
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def require(value: object, kind: type[Any] | tuple[type[Any], ...], path: str) -> None:
    """Raise :class:`PathwayDataError` naming *path* unless *value* is a *kind*."""
    if not isinstance(value, kind):
        names = kind if isinstance(kind, tuple) else (kind,)
        wanted = " or ".join(k.__name__ for k in names)
        why = f"expected {wanted}, got {type(value).__name__}"
        raise PathwayDataError([(path, why)])


def field_name(key: object) -> str:
    """A field name for a path in a message: a key as given, cut short when it is long."""
    text = key if isinstance(key, str) else _excerpt.repr(key)
    return text if len(text) <= 40 else text[:37] + "..."


SHOWN = 20
"""How many problems or reasons an error's message lists; its attributes hold them all."""


class PathwayError(Exception):
    """Base of every error raised by pathway_fsm."""


class TransitionRefused(PathwayError):
    """A trigger was refused: a guard, a role check, the date order or a host hook said no.

    Nothing changed. *state* is ``None`` when starting a pathway was refused. *reasons*
    explain why, each with a stable code and a message in Finnish, Swedish and English.
    """

    def __init__(self, trigger: str, state: str | None, reasons: Sequence[Reason]) -> None:
        # The English message is built on first use (str, repr, args): most refusals
        # are caught and read by their reasons, so building it here would be wasted.
        self.trigger = trigger
        self.state = state
        self.reasons: tuple[Reason, ...] = tuple(reasons)
        self._message: str | None = None

    def _text(self) -> str:
        """The English message, built once from the trigger, the state and the reasons."""
        if self._message is None:
            shown = self.reasons[:SHOWN]
            codes = "; ".join(f"{field_name(r.code)}: {r.message('en')}" for r in shown)
            if len(self.reasons) > SHOWN:
                codes += f"; and {len(self.reasons) - SHOWN} more"
            where = "at start" if self.state is None else f"in state {self.state!r}"
            self._message = f"{self.trigger!r} refused {where}: {codes}"
        return self._message

    @property
    def args(self) -> tuple[Any, ...]:
        """The message alone, as if it had been passed to ``Exception``."""
        return (self._text(),)

    @args.setter
    def args(self, value: tuple[Any, ...]) -> None:
        """Replace the message, as ``Exception.args`` allows."""
        given = tuple(value)
        self._message = str(given[0]) if len(given) == 1 else str(given)

    def __str__(self) -> str:
        """The English message."""
        return self._text()

    def __repr__(self) -> str:
        """The class name and the message, as ``Exception``'s repr shows them."""
        return f"{type(self).__name__}({self._text()!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by what it was made from, so it crosses to another process."""
        return type(self), (self.trigger, self.state, self.reasons)


class UnknownTrigger(PathwayError, LookupError):
    """A trigger that the definition does not have."""

    def __init__(self, trigger: object, definition: str, valid: Sequence[str]) -> None:
        self.trigger = trigger
        self.definition = definition
        self.valid: tuple[str, ...] = tuple(valid)
        valid_names = ", ".join(self.valid)
        msg = f"{definition} has no trigger {describe(trigger)}; valid triggers: {valid_names}"
        super().__init__(msg)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by what it was made from."""
        return type(self), (self.trigger, self.definition, self.valid)


DataProblem = tuple[str, str]
"""One bad field: its JSON path (``$.history[3].at``) and what is wrong with it."""


class PathwayDataError(PathwayError, ValueError):
    """Malformed input or stored data; :attr:`errors` lists every bad field's path and why.

    The message shows the first :attr:`SHOWN` problems in English; :attr:`errors` holds
    them all. :meth:`messages` says the same to people in fi/sv/en, and :attr:`reasons`
    gives each problem as a coded :class:`~pathway_fsm.Reason` with its path in params.
    """

    SHOWN = SHOWN
    """How many problems the message lists."""

    def __init__(self, errors: Sequence[DataProblem]) -> None:
        self.errors: tuple[DataProblem, ...] = tuple(errors)
        shown = self.errors[: self.SHOWN]
        lines = "\n".join(f"  {path}: {why}" for path, why in shown)
        more = len(self.errors) - len(shown)
        if more:
            lines += f"\n  ... and {more} more"
        msg = f"{len(self.errors)} invalid field(s):\n{lines}"
        super().__init__(msg)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by the problems, so the error crosses to another process (a pool's worker)."""
        return type(self), (self.errors,)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Each problem as a reason: a ``data.*`` code, its path and values in params."""
        explain = _TEXTS["explain"]
        return tuple(explain(p) for p in self.errors)

    def messages(self, lang: Lang = "en") -> tuple[str, ...]:
        """The first :attr:`SHOWN` problems in *lang*, one message each, for people to read.

        A last line counts the problems left out. The messages name no field; pair them
        with :attr:`reasons` (``reason.params["path"]``) to show each by its field.

        Raises:
            PathwayDataError: *lang* is not ``"fi"``, ``"sv"`` or ``"en"``.
        """
        return tuple(_TEXTS["messages"](self.errors, lang, self.SHOWN))


# The problems' texts are reason kinds, and reason kinds are built on this module's
# errors; so the module that writes them (._problems) hands them in here when the
# package is imported, and this module imports nothing of the library's at run time.
_TEXTS: dict[str, Callable[..., Any]] = {}


def register_problem_texts(
    explain: Callable[[DataProblem], Reason],
    messages: Callable[[Sequence[DataProblem], Lang, int], Sequence[str]],
) -> None:
    """Give :class:`PathwayDataError` the functions that put its problems into words."""
    _TEXTS.update(explain=explain, messages=messages)


class DefinitionError(PathwayError, ValueError):
    """A process definition is broken; :attr:`problems` names every offender."""

    def __init__(self, name: str, problems: Sequence[str]) -> None:
        self.name = name
        self.problems: tuple[str, ...] = tuple(problems)
        shown = [p if len(p) <= 200 else p[:197] + "..." for p in self.problems[:SHOWN]]
        lines = "\n".join(f"  - {p}" for p in shown)
        if len(self.problems) > SHOWN:
            lines += f"\n  ... and {len(self.problems) - SHOWN} more"
        msg = f"definition {field_name(name)!r} is invalid:\n{lines}"
        super().__init__(msg)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by the name and problems."""
        return type(self), (self.name, self.problems)


class HookFailed(PathwayError):
    """One or more after-hooks raised. The event had already been recorded and stands.

    :attr:`event` is the recorded event and :attr:`errors` the hooks' exceptions, in the
    order the hooks were registered. Every after-hook was called. When the event started
    a pathway, :attr:`pathway` is that pathway (the host has no other way to it).
    """

    def __init__(
        self,
        event: Event,
        errors: Sequence[BaseException],
        pathway: Pathway[Any, Any] | None = None,
    ) -> None:
        self.event = event
        self.pathway = pathway
        self.errors: tuple[BaseException, ...] = tuple(errors)
        kinds = ", ".join(type(e).__name__ for e in self.errors)
        msg = f"after-hooks failed for event {event.seq} ({event.trigger!r}): {kinds}"
        super().__init__(msg)


class HookError(PathwayError, TypeError):
    """A host hook broke its contract; nothing changed.

    Raised when a hook is not callable at registration, and when a before-hook returns
    something other than ``None``, a :class:`~pathway_fsm.Reason` or an iterable of
    them. :attr:`hook` names the hook and :attr:`trigger` the trigger it is for
    (``None``: every trigger).
    """

    def __init__(self, message: str, *, hook: object, trigger: str | None) -> None:
        self.hook = hook_name(hook)
        self.trigger = trigger
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by the message, the hook's name and the trigger (a hook may not pickle)."""
        return _hook_error, (str(self), self.hook, self.trigger)


def hook_name(hook: object) -> str:
    """A hook's qualified name for messages (its type's name when it has none)."""
    name = getattr(hook, "__qualname__", None)
    return name if isinstance(name, str) else type(hook).__name__


class ReentrantFire(PathwayError, RuntimeError):
    """A hook fired a trigger on the pathway whose own trigger it was called for.

    The outer fire is still under way, so the nested one is refused and nothing it
    asked for happens; fire follow-up triggers after :meth:`~pathway_fsm.Pathway.fire`
    returns. :attr:`trigger` is the nested trigger and :attr:`during` the outer one.
    """

    def __init__(self, trigger: str, during: str) -> None:
        self.trigger = trigger
        self.during = during
        msg = (
            f"{trigger!r} was fired from a hook of {during!r} on the same pathway; "
            "fire it after the outer fire returns"
        )
        super().__init__(msg)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by what it was made from."""
        return type(self), (self.trigger, self.during)


def _hook_error(message: str, hook: str, trigger: str | None) -> HookError:
    """A :class:`HookError` again from its pickled parts; *hook* is already its name."""
    error = HookError(message, hook=None, trigger=trigger)
    error.hook = hook
    return error
