"""The host's hooks: what it runs before, after and on refusal of a pathway's events."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import HookError, PathwayDataError, TransitionRefused, describe, hook_name
from .model import Event, Reason

if TYPE_CHECKING:
    from .definition import ProcessDefinition
    from .pathway import Pathway

__all__ = [
    "NO_HOOKS",
    "AfterHook",
    "BeforeHook",
    "Hooks",
    "RefusedHook",
    "Vetoed",
    "as_reasons",
    "check_hooks",
    "vetoes",
]

BeforeHook = Callable[["Pathway[Any, Any]", Event], "Reason | Iterable[Reason] | None"]
"""Called with the unchanged pathway and the proposed event; return reasons to veto."""

AfterHook = Callable[["Pathway[Any, Any]", Event], object]
"""Called with the committed pathway and the recorded event; its return value is ignored."""

RefusedHook = Callable[["Pathway[Any, Any] | None", TransitionRefused], object]
"""Called with the unchanged pathway (``None`` for a refused start) and the refusal."""


@attrs.frozen
class Hooks:
    """Host callbacks for a definition's triggers, bound to a definition or a pathway.

    Build them by chaining; each call returns a new :class:`Hooks`:

        hooks = Hooks().before(check_meeting_booked, trigger="make_plan").after(notify)

    A before-hook may veto by returning a :class:`Reason` (or several); an exception it
    raises propagates unchanged, and any other result is a :class:`HookError`. Either way
    nothing changes. After-hooks run once the event is recorded; if any raise, the rest
    still run and :class:`HookFailed` is raised with the recorded event, which stands.
    Refused-hooks see every refusal of ``start`` and ``fire`` and cannot change it.
    ``trigger=None`` means every trigger. Hooks run for the start event too, never
    during replay, and a hook may not fire on its own pathway (:class:`ReentrantFire`).
    """

    _before: tuple[tuple[str | None, BeforeHook], ...] = attrs.field(
        default=(), validator=lambda _, __, value: _check_registered(value)
    )
    _after: tuple[tuple[str | None, AfterHook], ...] = attrs.field(
        default=(), validator=lambda _, __, value: _check_registered(value)
    )
    _refused: tuple[tuple[str | None, RefusedHook], ...] = attrs.field(
        default=(), validator=lambda _, __, value: _check_registered(value)
    )

    def before(self, hook: BeforeHook, *, trigger: str | None = None) -> Hooks:
        """Return hooks that also call *hook* before *trigger* (or every trigger).

        Raises:
            HookError: *hook* is not callable or *trigger* is not a string.
        """
        _check_hook(hook, trigger)
        return attrs.evolve(self, before=(*self._before, (trigger, hook)))

    def after(self, hook: AfterHook, *, trigger: str | None = None) -> Hooks:
        """Return hooks that also call *hook* after *trigger* (or every trigger).

        Raises:
            HookError: *hook* is not callable or *trigger* is not a string.
        """
        _check_hook(hook, trigger)
        return attrs.evolve(self, after=(*self._after, (trigger, hook)))

    def on_refused(self, hook: RefusedHook, *, trigger: str | None = None) -> Hooks:
        """Return hooks that also call *hook* when *trigger* (or any trigger) is refused.

        The hook gets the unchanged pathway (``None`` when a start is refused) and the
        :class:`TransitionRefused` about to be raised; it is for counting and tracing.
        Whatever it returns or raises, the refusal is raised as it was: a hook's error
        is logged at WARNING and added to the refusal as a note.

        Raises:
            HookError: *hook* is not callable or *trigger* is not a string.
        """
        _check_hook(hook, trigger)
        return attrs.evolve(self, refused=(*self._refused, (trigger, hook)))

    def triggers(self) -> set[str]:
        """The trigger names the hooks are registered for."""
        return {t for t, _ in (*self._before, *self._after, *self._refused) if t is not None}

    def before_hooks(self, trigger: str) -> tuple[BeforeHook, ...]:
        """The before-hooks for *trigger*, in registration order."""
        return tuple(h for t, h in self._before if t is None or t == trigger)

    def after_hooks(self, trigger: str) -> tuple[AfterHook, ...]:
        """The after-hooks for *trigger*, in registration order."""
        return tuple(h for t, h in self._after if t is None or t == trigger)

    def refused_hooks(self, trigger: str) -> tuple[RefusedHook, ...]:
        """The refused-hooks for *trigger*, in registration order."""
        return tuple(h for t, h in self._refused if t is None or t == trigger)


def _check_registered(value: object) -> None:
    """Hooks built directly hold a tuple of ``(trigger or None, callable)`` pairs."""
    if not isinstance(value, tuple):
        msg = f"hooks must be a tuple of (trigger, hook) pairs, got {describe(value)}"
        raise HookError(msg, hook=value, trigger=None)
    for pair in value:
        if not isinstance(pair, tuple) or len(pair) != 2:
            msg = f"each registered hook must be a (trigger, hook) pair, got {describe(pair)}"
            raise HookError(msg, hook=pair, trigger=None)
        _check_hook(pair[1], pair[0])


def _check_hook(hook: object, trigger: object) -> None:
    if not callable(hook):
        msg = f"a hook must be callable, got {describe(hook)}"
        raise HookError(msg, hook=hook, trigger=None)
    if trigger is not None and type(trigger) is not str:
        msg = f"a hook's trigger must be a string or None, got {describe(trigger)}"
        raise HookError(msg, hook=hook, trigger=None)


NO_HOOKS = Hooks()
"""The hooks of a pathway that has none."""


def check_hooks(definition: ProcessDefinition[Any, Any], hooks: object) -> Hooks:
    """*hooks* checked against *definition*: ``None`` or :class:`Hooks` for its triggers."""
    if hooks is None or hooks is NO_HOOKS:
        return NO_HOOKS
    if not isinstance(hooks, Hooks):
        raise PathwayDataError([("hooks", f"expected Hooks or None, got {type(hooks).__name__}")])
    for trigger in sorted(hooks.triggers()):
        definition.transition(trigger)  # raises UnknownTrigger naming the valid ones
    return hooks


class Vetoed(Exception):
    """Raised inside the machine when a before-hook vetoes: carries its reasons."""

    def __init__(self, reasons: tuple[Reason, ...]) -> None:
        self.reasons = reasons


def as_reasons(result: object, hook: BeforeHook, trigger: str) -> tuple[Reason, ...]:
    """A before-hook's result as reasons; anything but None, a Reason or Reasons is refused."""
    if result is None:
        return ()
    if isinstance(result, Reason):
        return (result,)
    items: tuple[object, ...] | None = None
    if isinstance(result, Iterable) and not isinstance(result, (str, bytes, Mapping)):
        items = tuple(result)
    if items is None or not all(isinstance(r, Reason) for r in items):
        msg = (
            f"before-hook {hook_name(hook)} for {trigger!r} returned {describe(result)}; "
            "expected None, a Reason or an iterable of Reasons"
        )
        raise HookError(msg, hook=hook, trigger=trigger)
    return items  # type: ignore[return-value]


def vetoes(hooks: Iterable[BeforeHook], pathway: Pathway[Any, Any], event: Event) -> list[Reason]:
    """Every reason the before-*hooks*, called in order, give to veto *event*."""
    trigger = event.trigger
    return [reason for hook in hooks for reason in as_reasons(hook(pathway, event), hook, trigger)]
