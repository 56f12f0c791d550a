"""The stored form of a pathway: JSON-ready dicts in, equal pathways out.

A stored pathway records the schema version, the definition's name, version and
policy, the client id, the state and the full history. The context is not stored: it
is rebuilt by replaying the history through the definition, with every guard checked,
and the result must land in the stored state. Anything else is a
:class:`~pathway_fsm.PathwayDataError` listing every bad field's path.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import lru_cache
from typing import Any, overload

import attrs

from ._calendar import day_problem, parse_day
from ._convert import structure, unstructure
from ._engine.definition import BoundDefinition, ProcessDefinition
from ._engine.model import Actor, Event, Role
from ._engine.pathway import Hooks, Pathway, meta_problems, replay_events
from ._engine.spec import C, P
from ._readers import DEFER, reader, shareable
from ._registry import Process, processes
from .errors import (
    DataProblem,
    DefinitionError,
    PathwayDataError,
    UnknownTrigger,
    describe,
    field_name,
)

__all__ = ["SCHEMA_VERSION", "definition_of", "from_dict", "replay", "to_dict"]

SCHEMA_VERSION = 1
"""The version of the stored form written by :func:`to_dict`."""

_TOP_KEYS = ("schema_version", "definition", "client_id", "state", "history")
_DEFINITION_KEYS = ("name", "version", "policy")
_EVENT_KEYS = ("seq", "trigger", "source", "dest", "at", "actor", "data")
# Written only when set, so that a pathway without audit metadata is stored as before.
_EVENT_OPTIONAL = ("recorded_by", "ref")


def _event_to_dict(event: Event) -> dict[str, Any]:
    stored = {
        "seq": event.seq,
        "trigger": event.trigger,
        "source": event.source,
        "dest": event.dest,
        "at": event.at.isoformat(),
        "actor": {"actor_id": event.actor.actor_id, "role": event.actor.role.value},
        "data": None if event.data is None else unstructure(event.data),
    }
    if event.recorded_by is not None:
        by = event.recorded_by
        stored["recorded_by"] = {"actor_id": by.actor_id, "role": by.role.value}
    if event.ref is not None:
        stored["ref"] = event.ref
    return stored


def to_dict(pathway: Pathway[Any, Any]) -> dict[str, Any]:
    """Return *pathway* as JSON-ready primitives (``json.dumps`` takes it as it is).

    State and history are read as of one moment, even while another thread fires.

    Raises:
        PathwayDataError: *pathway* is not a :class:`~pathway_fsm.Pathway`.
    """
    if not isinstance(pathway, Pathway):
        raise PathwayDataError([("pathway", f"expected a Pathway, got {type(pathway).__name__}")])
    definition = pathway.definition
    state, _, history = pathway.snapshot()
    return {
        "schema_version": SCHEMA_VERSION,
        "definition": {
            "name": definition.name,
            "version": definition.version,
            "policy": unstructure(definition.policy),
        },
        "client_id": pathway.client_id,
        "state": state,
        "history": [_event_to_dict(e) for e in history],
    }


class _Problems:
    """Collects ``(path, why)`` pairs so that one pass reports every bad field."""

    def __init__(self) -> None:
        self.items: list[DataProblem] = []

    def add(self, path: str, why: str) -> None:
        self.items.append((path, why))

    def attempt(self, fn: Callable[[], Any]) -> Any:
        """Run *fn*; on a data error record its problems and return ``None``."""
        try:
            return fn()
        except PathwayDataError as exc:
            self.items.extend(exc.errors)
            return None

    def keys(
        self, value: Any, path: str, expected: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> bool:
        """Check that *value* is a mapping with the *expected* keys and no others but
        the *optional* ones."""
        if type(value) is dict and value.keys() == _keyset(expected):
            return True  # the form to_dict writes: nothing missing, nothing extra
        if not isinstance(value, Mapping):
            self.add(path, f"expected a mapping, got {type(value).__name__}")
            return False
        for key in value:
            if key not in expected and key not in optional:
                self.add(f"{path}.{field_name(key)}", "unknown field")
        for key in expected:
            if key not in value:
                self.add(f"{path}.{key}", "required field missing")
        return all(k in value for k in expected)

    def raise_if_any(self) -> None:
        if self.items:
            raise PathwayDataError(self.items)


@lru_cache(maxsize=64)
def _keyset(keys: tuple[str, ...]) -> frozenset[str]:
    return frozenset(keys)


_POLICY = "$.definition.policy"


def _policy_of(raw: Any, kind: type[Any], problems: _Problems) -> Any:
    """The stored policy: every field must be present, so defaults never fill a gap.

    A policy can be large (a phase policy holds a municipality's whole service map) and
    is the same in most documents, so it is structured once per distinct stored form.
    The cache key is the form's ``marshal`` bytes (format 0, which has no references):
    equal bytes mean equal values of exactly the same types (``True`` is not ``1``), so
    a hit gives what structuring the document would. Anything marshal cannot write, an
    enum member or an attrs value say, is structured as it is, every time.
    """
    if not problems.keys(raw, _POLICY, _field_names(kind)):
        return None
    try:
        key = marshal.dumps(raw, 0)
    except ValueError:
        return problems.attempt(lambda: _canonical_policy(raw, kind))
    return problems.attempt(lambda: _stored_policy((kind, key)))


_NAMES: dict[type[Any], tuple[str, ...]] = {}


def _field_names(kind: type[Any]) -> tuple[str, ...]:
    """The field names of policy class *kind*, listed once per class."""
    names = _NAMES.get(kind)
    if names is None:
        names = _NAMES[kind] = tuple(a.name for a in attrs.fields(kind))
    return names


@lru_cache(maxsize=128)
def _stored_policy(stored: tuple[type[Any], bytes]) -> Any:
    """The policy of a type stored as marshal bytes (see :func:`_policy_of`), built once.

    A policy that does not structure, or is not in the form to_dict writes (a set's
    items repeated or out of order), raises, and nothing is kept for it.
    """
    kind, key = stored
    return _canonical_policy(marshal.loads(key), kind)


def _canonical_policy(raw: Any, kind: type[Any]) -> Any:
    """The policy *raw* stores, refused unless it is what to_dict would write.

    A part stored as a value itself (a service map) is compared in its stored form.
    """
    policy = structure(raw, kind, _POLICY)
    problems = _Problems()
    _canonical(unstructure(raw), unstructure(policy), _POLICY, problems)
    problems.raise_if_any()
    return policy


def _definition_of(
    doc: Mapping[str, Any], given: ProcessDefinition[Any, Any] | None, problems: _Problems
) -> ProcessDefinition[Any, Any] | None:
    raw = doc["definition"]
    if not problems.keys(raw, "$.definition", _DEFINITION_KEYS):
        return None
    name, version = raw["name"], raw["version"]
    if given is not None:
        if name != given.name:
            problems.add("$.definition.name", f"expected {given.name!r}")
        if version != given.version:
            problems.add("$.definition.version", f"expected {given.version!r}")
        policy = _policy_of(raw["policy"], type(given.policy), problems)
        if policy is not None and policy != given.policy:
            problems.add("$.definition.policy", "differs from the given definition's policy")
        return given
    known = processes()
    entry = known.get(name) if isinstance(name, str) else None
    if entry is None:
        problems.add("$.definition.name", f"unknown definition; known: {', '.join(known)}")
        return None
    if version != entry.version:
        problems.add("$.definition.version", f"this library has version {entry.version!r}")
        return None
    return _built(entry, raw["policy"], problems)


_BUILT: dict[tuple[str, bytes], tuple[Process[Any], ProcessDefinition[Any, Any]]] = {}


def _built(
    entry: Process[Any], raw: Any, problems: _Problems
) -> ProcessDefinition[Any, Any] | None:
    """The definition registry *entry* builds for the stored policy *raw*.

    Most documents store one of a few policies, so the definition is kept by the
    policy's ``marshal`` bytes (see :func:`_policy_of`) for as long as *entry* is the
    one registered under its name: the same bytes give the same definition unread.
    """
    try:
        key = marshal.dumps(raw, 0)
    except ValueError:
        key = None
    found = None if key is None else _BUILT.get((entry.name, key))
    if found is not None and found[0] is entry:
        return found[1]
    policy = _policy_of(raw, entry.policy_type, problems)
    if policy is None:
        return None
    definition = entry.build(policy)
    built: object = definition  # a host's build may return anything
    if isinstance(built, ProcessDefinition):
        got = f"{built.name!r} version {built.version!r}"
        wrong = (built.name, built.version) != (entry.name, entry.version)
        if not wrong and built.policy != policy:
            got, wrong = f"one under another policy, {built.policy!r}", True
    else:
        got, wrong = describe(built), True
    if wrong:
        why = f"build(policy) must return {entry.name!r} version {entry.version!r}"
        raise DefinitionError(entry.name, [f"{why} under that policy, got {got}"])
    if key is not None and len(_BUILT) < _BUILT_MOST:
        _BUILT[entry.name, key] = (entry, definition)
    return definition


_BUILT_MOST = 128


def definition_of(stored: Mapping[str, Any]) -> ProcessDefinition[Any, Any]:
    """The shipped definition a stored ``definition`` header names (name, version, policy).

    Raises:
        PathwayDataError: the header does not name a shipped definition and policy.
    """
    problems = _Problems()
    found = _definition_of({"definition": stored}, None, problems)
    problems.raise_if_any()
    assert found is not None
    return found


@lru_cache(maxsize=4096)
def _stored_date(text: str) -> date | None:
    """An ISO date as stored; equal dates share one object across restored pathways."""
    day = parse_day(text)
    return None if day is None or day_problem(day) is not None else day


@lru_cache(maxsize=256)
def _stored_actor(actor_id: str, role: str) -> Actor:
    """An actor as stored; the few that recur across documents (an office's staff) share
    one frozen object. Small, as most ids are a client's own: an entry would cost more
    than the actor it shares, and :class:`_Shared` shares actors within a document."""
    return Actor(actor_id, Role(role))


class _Shared:
    """What the events of the one document being read share: one object for each equal
    actor and for each payload stored the same as the last of its kind, so a restored
    pathway keeps no copies of either."""

    __slots__ = ("actors", "payloads")

    def __init__(self) -> None:
        self.actors: dict[tuple[str, str], Actor] = {}
        # By payload class that may be shared: [the last raw value its reader took, that
        # value, the raw value's marshal bytes once they were needed].
        self.payloads: dict[type[Any], list[Any]] = {}

    def actor(self, actor_id: str, role: str) -> Actor:
        key = (actor_id, role)
        found = self.actors.get(key)
        if found is None:
            found = self.actors[key] = _stored_actor(actor_id, role)
        return found

    def payload(self, kind: type[Any], raw: Any) -> Any:
        """*raw* read by *kind*'s exact-form reader, or :data:`DEFER`.

        A raw value equal to the last one the reader took, and of exactly the same types
        (equal ``marshal`` bytes: ``True`` is not ``1``), gives that one's value unread,
        when nothing in such a value can change (see :func:`shareable`).
        """
        last = self.payloads.get(kind)
        if last is not None and type(raw) is dict and _same_form(raw, last):
            return last[1]
        data = reader(kind)(raw)
        if data is not DEFER and shareable(kind):
            self.payloads[kind] = [raw, data, None]
        return data


def _same_form(raw: dict[str, Any], last: list[Any]) -> bool:
    """Whether *raw* is stored exactly as the raw value in *last*: equal, and alike in
    every type (equal ``marshal`` bytes, see :func:`_policy_of`). Anything odd says no."""
    try:
        if raw != last[0]:
            return False
        if last[2] is None:
            last[2] = marshal.dumps(last[0], 0)
        return bool(marshal.dumps(raw, 0) == last[2])
    except Exception:  # not plain JSON data, or a value whose == fails: read it
        return False


def _at_of(raw: Any, path: str, problems: _Problems) -> Any:
    """The event's date: the common ISO form directly, anything else through the converter."""
    if type(raw) is str and len(raw) == 10:
        day = _stored_date(raw)
        if day is not None:
            return day
    return problems.attempt(lambda: structure(raw, date, path))


def _actor_of(raw: Any, path: str, problems: _Problems, shared: _Shared) -> Any:
    """The event's actor: the form to_dict writes directly, anything else through the converter."""
    if type(raw) is dict and len(raw) == 2:
        actor_id, role = raw.get("actor_id"), raw.get("role")
        if type(actor_id) is str and actor_id.strip() and type(role) is str and role in _ROLES:
            return shared.actor(actor_id, role)
    return problems.attempt(lambda: structure(raw, Actor, path))


_ROLES = frozenset(r.value for r in Role)


def _event_of(
    raw: Any,
    index: int,
    definition: ProcessDefinition[Any, Any],
    problems: _Problems,
    shared: _Shared,
    *,
    exact: bool = True,
) -> Event | None:
    """The typed event stored as *raw*, or ``None`` with its problems recorded.

    With *exact* (always but in the differential tests), an event in exactly the form
    to_dict writes is read by :func:`_exact_event`; anything else, and anything it
    doubts, is read field by field with every problem named.
    """
    if exact and type(raw) is dict and len(raw) == len(_EVENT_KEYS):
        event = _exact_event(raw, index, definition, shared)
        if event is not None:
            return event
    path = f"$.history[{index}]"
    if not problems.keys(raw, path, _EVENT_KEYS, _EVENT_OPTIONAL):
        return None
    before = len(problems.items)
    seq = raw["seq"]
    if type(seq) is not int or seq != index + 1:
        problems.add(f"{path}.seq", f"expected {index + 1}")
    spec = None
    try:
        spec = definition.transition(raw["trigger"])
    except UnknownTrigger:
        problems.add(f"{path}.trigger", "unknown trigger")
    states = definition.states
    for key in ("source", "dest"):
        value = raw[key]
        if not (value is None and key == "source") and value not in states:
            problems.add(f"{path}.{key}", "unknown state")
    at = _at_of(raw["at"], f"{path}.at", problems)
    actor = _actor_of(raw["actor"], f"{path}.actor", problems, shared)
    data = None
    if spec is not None:
        data = _data_of(
            raw["data"], spec.payload, f"{path}.data", problems, exact=exact, shared=shared
        )
    recorded_by = None
    if "recorded_by" in raw:
        # Stored only when set: a stored null is not what to_dict writes.
        recorded_by = _actor_of(raw["recorded_by"], f"{path}.recorded_by", problems, shared)
    ref = raw.get("ref")
    if "ref" in raw:
        if ref is None:
            problems.add(f"{path}.ref", "expected a string; the key is left out when there is none")
        else:
            problems.items.extend(meta_problems(None, ref, prefix=path))
    if len(problems.items) > before or spec is None:
        return None
    return Event(seq, spec.trigger, raw["source"], raw["dest"], at, actor, data, recorded_by, ref)


def _exact_event(
    raw: dict[str, Any], index: int, definition: ProcessDefinition[Any, Any], shared: _Shared
) -> Event | None:
    """The event stored as *raw* (a dict of seven keys) when every field is exactly as
    to_dict writes it; ``None`` on any doubt, for the checked way."""
    try:
        seq, trigger, source, dest = raw["seq"], raw["trigger"], raw["source"], raw["dest"]
        at, actor, data = raw["at"], raw["actor"], raw["data"]
    except KeyError:
        return None
    if type(seq) is not int or seq != index + 1 or type(trigger) is not str:
        return None
    spec = definition._by_trigger.get(trigger)
    states = definition._by_state
    # The definition's own names, so that the replay can keep this very event.
    to = states.get(dest) if type(dest) is str else None
    came = states.get(source) if type(source) is str else None
    if spec is None or to is None or (came is None and source is not None):
        return None
    if type(at) is not str or len(at) != 10 or type(actor) is not dict or len(actor) != 2:
        return None
    day = _stored_date(at)
    actor_id, role = actor.get("actor_id"), actor.get("role")
    if day is None or type(actor_id) is not str or type(role) is not str or role not in _ROLES:
        return None
    if not actor_id.strip():
        return None
    if spec.payload is not None:
        data = shared.payload(spec.payload, data)
        if data is DEFER:
            return None
    elif data is not None:
        return None
    source = None if came is None else came.name
    by = shared.actor(actor_id, role)
    return Event(seq, spec.trigger, source, to.name, day, by, data)


def _data_of(
    raw: Any,
    payload: type[Any] | None,
    path: str,
    problems: _Problems,
    *,
    exact: bool,
    shared: _Shared | None = None,
) -> Any:
    """An event's data: read from its exact stored form, or structured and compared."""
    if payload is None:
        if raw is not None:
            problems.add(path, "this trigger takes no data")
        return None
    if exact:
        data = (shared or _Shared()).payload(payload, raw)
        if data is not DEFER:
            return data
    data = problems.attempt(lambda: structure(raw, payload, path))
    if data is not None:
        _canonical(raw, unstructure(data), path, problems)
    return data


def _canonical(raw: Any, expected: Any, path: str, problems: _Problems) -> None:
    """Stored data must be exactly what to_dict wrote: no field may fall back to a default."""
    if raw == expected:
        return
    if isinstance(raw, Mapping) and isinstance(expected, Mapping):
        for key in expected:
            if key not in raw:
                problems.add(f"{path}.{key}", "required field missing")
            else:
                _canonical(raw[key], expected[key], f"{path}.{key}", problems)
        return
    if isinstance(raw, list) and isinstance(expected, list) and len(raw) == len(expected):
        for index, (a, b) in enumerate(zip(raw, expected, strict=True)):
            _canonical(a, b, f"{path}[{index}]", problems)
        return
    problems.add(path, "not in the stored form that to_dict writes")


@overload
def from_dict(
    document: Any,
    *,
    definition: ProcessDefinition[C, P] | BoundDefinition[C, P],
    hooks: Hooks | None = None,
) -> Pathway[C, P]: ...
@overload
def from_dict(
    document: Any, *, definition: None = None, hooks: Hooks | None = None
) -> Pathway[Any, Any]: ...
def from_dict(
    document: Any,
    *,
    definition: ProcessDefinition[Any, Any] | BoundDefinition[Any, Any] | None = None,
    hooks: Hooks | None = None,
) -> Pathway[Any, Any]:
    """Rebuild a pathway from :func:`to_dict`'s output, checking everything.

    The definition is looked up among the shipped ones by the stored name, version and
    policy, or *definition* is used (and must match them). The history is replayed
    with every rule checked and must reproduce the stored state. No hook runs; the
    pathway gets *hooks*, or the hooks bound to *definition* (not both).

    Raises:
        PathwayDataError: listing every bad field's path: unknown or missing keys, wrong
            types, unknown states or triggers, or a history that does not replay.
    """
    arguments: list[DataProblem] = []
    if definition is not None and not isinstance(definition, (ProcessDefinition, BoundDefinition)):
        kind = type(definition).__name__
        why = f"expected a ProcessDefinition, a BoundDefinition or None, got {kind}"
        arguments.append(("definition", why))
    if hooks is not None and not isinstance(hooks, Hooks):
        arguments.append(("hooks", f"expected Hooks or None, got {type(hooks).__name__}"))
    given, hooks = _unbound(definition, hooks, arguments)
    if arguments:
        raise PathwayDataError(arguments)
    return restored(document, given, hooks)


def restored(
    document: Any,
    given: ProcessDefinition[Any, Any] | None,
    hooks: Hooks | None,
    *,
    reference: bool = False,
) -> Pathway[Any, Any]:
    """:func:`from_dict` after its arguments' checks. With *reference*, every event is read
    field by field and replayed through the machine: what the differential tests compare
    the exact-form readers and the machine-free replay against."""
    resolved, client_id, events = read_document(document, given, exact=not reference)
    pathway = Pathway._replay(
        resolved, events, client_id, hooks, typed=True, through_machine=reference
    )
    if pathway.state != document["state"]:
        raise PathwayDataError(
            [("$.state", f"the history replays to {pathway.state!r}, not to the stored state")]
        )
    return pathway


def read_document(
    document: Any, given: ProcessDefinition[Any, Any] | None, *, exact: bool = True
) -> tuple[ProcessDefinition[Any, Any], str, list[Event]]:
    """The definition, client id and typed events of a stored pathway, every key and type
    checked; what is left for :func:`from_dict` is to replay them.

    Without *exact*, no event is taken by the exact-form readers (see :func:`_event_of`).

    Raises:
        PathwayDataError: listing every bad field's path.
    """
    problems = _Problems()
    if not problems.keys(document, "$", _TOP_KEYS):
        problems.raise_if_any()
    if document["schema_version"] != SCHEMA_VERSION or type(document["schema_version"]) is not int:
        problems.add("$.schema_version", f"expected {SCHEMA_VERSION}")
    client_id = document["client_id"]
    if not isinstance(client_id, str) or not client_id.strip():
        problems.add("$.client_id", "expected a non-empty string")
    resolved = _definition_of(document, given, problems)
    history = document["history"]
    events: list[Event] = []
    if not isinstance(history, list) or not history:
        problems.add("$.history", "expected a non-empty list of events")
    elif resolved is not None:
        if document["state"] not in resolved.states:
            problems.add("$.state", "unknown state")
        shared = _Shared()
        for index, raw in enumerate(history):
            event = _event_of(raw, index, resolved, problems, shared, exact=exact)
            if event is not None:
                events.append(event)
    problems.raise_if_any()
    assert resolved is not None
    return resolved, client_id, events


def stored_header(document: Any) -> tuple[str, str]:
    """The stored name and version, after checking the document's outer shape."""
    problems = _Problems()
    if not problems.keys(document, "$", _TOP_KEYS):
        problems.raise_if_any()
    schema = document["schema_version"]
    if type(schema) is not int or schema != SCHEMA_VERSION:
        problems.add("$.schema_version", f"expected {SCHEMA_VERSION}")
    raw = document["definition"]
    if problems.keys(raw, "$.definition", _DEFINITION_KEYS):
        for key in ("name", "version"):
            if not isinstance(raw[key], str) or not raw[key]:
                problems.add(f"$.definition.{key}", "expected a non-empty string")
        if not isinstance(raw["policy"], Mapping):
            problems.add("$.definition.policy", "expected a mapping")
    history = document["history"]
    if not isinstance(history, list) or not history:
        problems.add("$.history", "expected a non-empty list of events")
    problems.raise_if_any()
    return raw["name"], raw["version"]


def stored_policy(raw: Any, kind: type[Any]) -> Any:
    """A stored policy of type *kind*, every field present and checked.

    Raises:
        PathwayDataError: naming each bad field under ``$.definition.policy``.
    """
    problems = _Problems()
    policy = _policy_of(raw, kind, problems)
    problems.raise_if_any()
    return policy


def _unbound(
    definition: object, hooks: Hooks | None, arguments: list[DataProblem]
) -> tuple[Any, Hooks | None]:
    """The plain definition and the hooks to attach, from a definition that may be bound."""
    if not isinstance(definition, BoundDefinition):
        return definition, hooks
    if hooks is not None:
        arguments.append(("hooks", "the bound definition carries hooks; give one or the other"))
    return definition.definition, definition.hooks


def replay(
    definition: ProcessDefinition[C, P] | BoundDefinition[C, P],
    events: Iterable[Event],
    *,
    client_id: str,
    hooks: Hooks | None = None,
) -> Pathway[C, P]:
    """Rebuild a pathway by re-applying *events* through *definition*.

    Every event passes the checks ``start`` and ``fire`` make (its date, its actor, its
    data and every rule) and must reproduce itself, audit metadata included. Hooks
    (*hooks*, or those bound to *definition*) are attached to the result but not called.

    Raises:
        PathwayDataError: *definition*, *events*, *client_id* or *hooks* is malformed, or
            an event is refused or does not reproduce itself (its position is in the path).
    """
    arguments: list[DataProblem] = []
    definition, hooks = _unbound(definition, hooks, arguments)
    if arguments:
        raise PathwayDataError(arguments)
    if not isinstance(definition, ProcessDefinition):
        why = f"expected a ProcessDefinition, got {type(definition).__name__}"
        raise PathwayDataError([("definition", why)])
    return replay_events(definition, events, client_id, hooks)
