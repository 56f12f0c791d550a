"""The errors' structured attributes: checked by mypy, never executed.

A host reads these instead of parsing messages; see ``pathway_types.py`` for how the
checks work.
"""

from typing import assert_type

import pathway_fsm as pf


def refused(error: pf.TransitionRefused) -> None:
    """A refusal names the trigger, the state (None when the start was refused) and why."""
    assert_type(error.trigger, str)
    assert_type(error.state, str | None)
    assert_type(error.reasons, tuple[pf.Reason, ...])
    assert_type(error.reasons[0].code, str)
    error.reasons.append(error.reasons[0])  # type: ignore[attr-defined]


def unknown_trigger(error: pf.UnknownTrigger) -> None:
    """An unknown trigger lists the valid ones; it is also a LookupError."""
    assert_type(error.valid, tuple[str, ...])
    assert_type(error.trigger, object)
    lookup: LookupError = error
    assert_type(lookup, LookupError)


def bad_data(error: pf.PathwayDataError, broken: pf.DefinitionError) -> None:
    """Bad data lists (JSON path, problem) pairs; a broken definition, its problems."""
    assert_type(error.errors, tuple[tuple[str, str], ...])
    value_error: ValueError = error
    assert_type(value_error, ValueError)
    assert_type(broken.name, str)
    assert_type(broken.problems, tuple[str, ...])


def hook_failed(error: pf.HookFailed) -> None:
    """A failed after-hook carries the event that stands and the hooks' exceptions."""
    assert_type(error.event, pf.Event)
    assert_type(error.errors, tuple[BaseException, ...])
    root: pf.PathwayError = error
    assert_type(root, pf.PathwayError)
    refused(error)  # type: ignore[arg-type]  # an after-hook failure is no refusal
