"""Plain assertions a host runs on its own pathways: the library's contract, checked.

Importing this module needs neither hypothesis nor pytest, so a host without the
``testing`` extra can use them, and the pytest plugin can hand them out;
:mod:`pathway_fsm.testing` re-exports them. Each raises
:class:`AssertionError` itself (never a bare ``assert``, which ``python -O`` drops) with
a message that names what differs: states, triggers, event numbers and field names, but,
as the library's errors do, not the facts in them.
"""

from __future__ import annotations

import copy
import json
import math
from datetime import date
from typing import Any

import attrs

from ._engine.definition import ProcessDefinition
from ._engine.model import Actor, Event, Reason
from ._engine.pathway import Pathway
from ._serialization import from_dict, replay, to_dict
from .errors import PathwayDataError, PathwayError, TransitionRefused, require

__all__ = [
    "PathwayContract",
    "assert_refused",
    "assert_replays",
    "assert_restore_matches_live",
    "assert_round_trip",
]


def _not_json(value: object, path: str = "$") -> list[str]:
    """Paths of the values in *value* that ``json.dumps`` would reject or change."""
    if isinstance(value, dict):
        found = [f"{path}: key {k!r} is not a string" for k in value if not isinstance(k, str)]
        for key, item in value.items():
            found.extend(_not_json(item, f"{path}.{key}"))
        return found
    if isinstance(value, list):
        return [
            problem for i, item in enumerate(value) for problem in _not_json(item, f"{path}[{i}]")
        ]
    if value is None or isinstance(value, str | bool | int):
        return []
    if isinstance(value, float):
        return [] if math.isfinite(value) else [f"{path}: {value} is not a JSON number"]
    return [f"{path}: a {type(value).__name__} is not a JSON value"]


def _differences(expected: Pathway[Any, Any], actual: Pathway[Any, Any]) -> list[str]:
    """What tells *actual* apart from *expected*, one line per difference."""
    found: list[str] = []
    if expected.definition != actual.definition:
        found.append(f"definition: {expected.definition!r} became {actual.definition!r}")
    if expected.client_id != actual.client_id:
        found.append("client_id differs")
    if expected.state != actual.state:
        found.append(f"state: {expected.state!r} became {actual.state!r}")
    if len(expected.history) != len(actual.history):
        found.append(f"history: {len(expected.history)} events became {len(actual.history)}")
    for before, after in zip(expected.history, actual.history, strict=False):
        if before != after:
            fields = [
                name
                for name in Event.__match_args__  # the public fields, audit metadata included
                if getattr(before, name) != getattr(after, name)
            ]
            found.append(
                f"history: event {before.seq} ({before.trigger!r}) differs in "
                + (", ".join(fields) or "its value")
            )
            break
    if expected.context != actual.context:
        context = expected.context
        if attrs.has(type(context)) and type(context) is type(actual.context):
            fields = [
                f.name
                for f in attrs.fields(type(context))
                if getattr(context, f.name) != getattr(actual.context, f.name)
            ]
            found.append(f"context differs in {', '.join(fields) or 'its value'}")
        else:
            found.append("context differs")
    return found


def _snapshot(pathway: Pathway[Any, Any]) -> tuple[object, ...]:
    """Everything observable about *pathway*, deep-copied: state, context, history, stored form."""
    state, context, history = pathway.snapshot()
    return (state, copy.deepcopy(context), history, copy.deepcopy(to_dict(pathway)))


def _refused_codes(reasons: tuple[Reason, ...]) -> str:
    return ", ".join(r.code for r in reasons) or "no reasons"


def assert_round_trip(
    pathway: Pathway[Any, Any], *, definition: ProcessDefinition[Any, Any] | None = None
) -> None:
    """Assert that *pathway* survives storage: its stored form is JSON and restores equal.

    Checks that :func:`~pathway_fsm.to_dict` gives only JSON values (dicts with string
    keys, lists, strings, numbers, booleans, ``None``), that
    :func:`~pathway_fsm.from_dict` of that document after a JSON trip equals *pathway*.

    Args:
        pathway: the pathway to store and restore.
        definition: passed to :func:`~pathway_fsm.from_dict`; needed when *pathway* runs
            on a definition the library does not ship.

    Raises:
        AssertionError: naming each non-JSON value's path, why ``from_dict`` refused the
            document, or what differs after the round trip.
    """
    __tracebackhide__ = True
    require(pathway, Pathway, "pathway")
    document = to_dict(pathway)
    problems = _not_json(document)
    if problems:
        msg = "to_dict(pathway) is not JSON-ready:\n  " + "\n  ".join(problems)
        raise AssertionError(msg)
    try:
        restored = from_dict(json.loads(json.dumps(document)), definition=definition)
    except PathwayDataError as exc:
        hint = "" if definition is not None else " (pass definition= for one not shipped)"
        msg = f"from_dict refused the stored form of {pathway!r}{hint}:\n{exc}"
        raise AssertionError(msg) from exc
    differences = _differences(pathway, restored)
    if differences:
        msg = f"from_dict(to_dict(pathway)) != pathway for {pathway!r}:\n  " + "\n  ".join(
            differences
        )
        raise AssertionError(msg)


def assert_replays(pathway: Pathway[Any, Any]) -> None:
    """Assert that replaying *pathway*'s history through its definition rebuilds it.

    Raises:
        AssertionError: naming the event replay refused, or what differs.
    """
    __tracebackhide__ = True
    require(pathway, Pathway, "pathway")
    try:
        rebuilt = replay(pathway.definition, pathway.history, client_id=pathway.client_id)
    except PathwayDataError as exc:
        msg = f"replaying the history of {pathway!r} failed:\n{exc}"
        raise AssertionError(msg) from exc
    differences = _differences(pathway, rebuilt)
    if differences:
        msg = f"replay(...) != pathway for {pathway!r}:\n  " + "\n  ".join(differences)
        raise AssertionError(msg)


def assert_restore_matches_live(
    document: Any, *, definition: ProcessDefinition[Any, Any] | None = None
) -> Pathway[Any, Any] | None:
    """Assert that a stored document, if :func:`~pathway_fsm.from_dict` accepts it, is one
    the live API would have built (D9).

    The document's history is driven through ``definition.start`` and
    :meth:`~pathway_fsm.Pathway.fire` with its stored dates, actors and data; every
    event must be accepted and the result must equal the restored pathway. A document
    that ``from_dict`` refuses passes: nothing got in. Use it on tampered or migrated
    documents (see :func:`pathway_fsm.testing.mutations`).

    Returns:
        The restored pathway, or ``None`` when ``from_dict`` refused the document.

    Raises:
        AssertionError: naming the first event the live API refused, or what differs.
    """
    __tracebackhide__ = True
    try:
        restored = from_dict(document, definition=definition)
    except PathwayDataError:
        return None
    events = document["history"]
    index = 0
    try:
        first = events[0]
        live = restored.definition.start(
            document["client_id"],
            at=date.fromisoformat(first["at"]),
            by=_actor(first["actor"]),
            **_meta(first),
            **(first["data"] or {}),
        )
        for index, raw in enumerate(events[1:], start=1):  # noqa: B007 - used in the message
            live.fire(
                raw["trigger"],
                at=date.fromisoformat(raw["at"]),
                by=_actor(raw["actor"]),
                **_meta(raw),
                **(raw["data"] or {}),
            )
    except PathwayError as exc:
        msg = (
            f"from_dict accepted a document whose event {index + 1} the live API refuses "
            f"({type(exc).__name__}):\n{exc}"
        )
        raise AssertionError(msg) from exc
    differences = _differences(restored, live)
    if differences or to_dict(live) != to_dict(restored):
        found = differences or ["the stored forms differ"]
        msg = "from_dict gave another pathway than the live API:\n  " + "\n  ".join(found)
        raise AssertionError(msg)
    return restored


def _actor(stored: Any) -> Actor:
    return Actor(stored["actor_id"], stored["role"])


def _meta(raw: Any) -> dict[str, Any]:
    """A stored event's audit metadata as ``start`` and ``fire`` take it."""
    by = raw.get("recorded_by")
    return {
        "recorded_by": None if by is None else _actor(by),
        "ref": raw.get("ref"),
    }


def assert_refused(
    pathway: Pathway[Any, Any], trigger: str, *, code: str, at: date, by: Actor, **data: Any
) -> TransitionRefused:
    """Assert that *trigger* is refused with *code*, and that the refusal changes nothing.

    Runs :meth:`~pathway_fsm.Pathway.check`, then :meth:`~pathway_fsm.Pathway.fire`, with
    the same arguments (``expected_seq`` may be among *data*). ``fire`` must raise
    :class:`~pathway_fsm.TransitionRefused` with a reason coded *code*. When ``check``
    refuses too, both must give the same codes; when it allows, the refusal came from a
    before-hook, which ``check`` does not run. Afterwards the pathway's state, context,
    history and stored form must be as before. If the trigger is accepted instead, the
    pathway has moved on, as ``fire`` does.

    Args:
        pathway: the pathway to try the trigger on.
        trigger: the trigger expected to be refused.
        code: a reason code the refusal must carry, e.g. ``"typ.plan.no_follow_up"``.
        at: the day of the attempt, as for ``fire``.
        by: the actor, as for ``fire``.
        data: the trigger's data, as for ``fire``.

    Returns:
        The refusal raised by ``fire``, for further checks on its reasons.

    Raises:
        AssertionError: the trigger was accepted, refused without *code*, ``check`` and
            ``fire`` disagree, the input was malformed, or the refusal changed the pathway.
    """
    __tracebackhide__ = True
    require(pathway, Pathway, "pathway")
    before = _snapshot(pathway)
    trying = f"{trigger!r} in state {pathway.state!r}"
    expected = f"expected {trying} to be refused with {code!r}"
    try:
        verdict = pathway.check(trigger, at=at, by=by, **data)
        event = pathway.fire(trigger, at=at, by=by, **data)
    except TransitionRefused as exc:
        refusal = exc
    except PathwayError as exc:
        msg = f"{expected}, but it raised {type(exc).__name__}:\n{exc}"
        raise AssertionError(msg) from exc
    else:
        msg = f"{expected}, but it was accepted as {event!r}"
        raise AssertionError(msg)
    codes = tuple(r.code for r in refusal.reasons)
    if code not in codes:
        msg = f"{trying} was refused with {_refused_codes(refusal.reasons)}, not with {code!r}"
        raise AssertionError(msg)
    if not verdict and verdict.codes != codes:
        msg = (
            f"check and fire disagree on {trying}: check gave {_refused_codes(verdict.reasons)}, "
            f"fire {_refused_codes(refusal.reasons)}"
        )
        raise AssertionError(msg)
    after = _snapshot(pathway)
    if after != before:
        changed = [
            name
            for name, a, b in zip(
                ("state", "context", "history", "stored form"), before, after, strict=True
            )
            if a != b
        ]
        msg = f"refusing {trying} changed the pathway's {', '.join(changed)}"
        raise AssertionError(msg)
    return refusal


@attrs.frozen
class PathwayContract:
    """The contract checks as one object: what the ``pathway_contract`` fixture gives.

    A host calls it on its own pathways after its own operations:

        pathway_contract.holds(pathway)  # round trip and replay
        pathway_contract.refused(pathway, "admit", code="host.no_budget", at=day, by=office)

    Each method calls the matching ``assert_*`` function of :mod:`pathway_fsm.testing`,
    which hosts without the plugin call directly.
    """

    def holds(
        self, pathway: Pathway[Any, Any], *, definition: ProcessDefinition[Any, Any] | None = None
    ) -> None:
        """Assert :meth:`round_trip` and :meth:`replays` for *pathway*."""
        __tracebackhide__ = True
        assert_round_trip(pathway, definition=definition)
        assert_replays(pathway)

    def round_trip(
        self, pathway: Pathway[Any, Any], *, definition: ProcessDefinition[Any, Any] | None = None
    ) -> None:
        """See :func:`assert_round_trip`."""
        __tracebackhide__ = True
        assert_round_trip(pathway, definition=definition)

    def replays(self, pathway: Pathway[Any, Any]) -> None:
        """See :func:`assert_replays`."""
        __tracebackhide__ = True
        assert_replays(pathway)

    def refused(
        self,
        pathway: Pathway[Any, Any],
        trigger: str,
        *,
        code: str,
        at: date,
        by: Actor,
        **data: Any,
    ) -> TransitionRefused:
        """See :func:`assert_refused`."""
        __tracebackhide__ = True
        return assert_refused(pathway, trigger, code=code, at=at, by=by, **data)
