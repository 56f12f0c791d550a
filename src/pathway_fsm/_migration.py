"""Moving a stored pathway to a newer definition version or another policy profile.

A definition declares, in :attr:`~pathway_fsm.ProcessDefinition.migrations`, how stored
pathways of its earlier versions are rewritten into its own form. :func:`migrate`
follows those steps, puts the new definition's name, version and policy in the
document, and then re-checks every stored event under the new rules, exactly as
:func:`~pathway_fsm.from_dict` would. It never drops or changes an event to make the
history fit: an event the new rules refuse is reported, and the history is kept as it
was stored.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import attrs

from ._convert import unstructure
from ._engine.definition import Migration, ProcessDefinition
from ._engine.model import Reason
from ._engine.pathway import Pathway
from ._serialization import read_document, stored_header, stored_policy
from .errors import DefinitionError, PathwayDataError, TransitionRefused, describe

__all__ = ["MigrationReport", "Refusal", "migrate"]

_MAX_DEPTH = 64
"""How deep a stored document may nest; a stored pathway nests about ten levels."""


@attrs.frozen
class Refusal:
    """One stored event the new rules would refuse: its place, trigger, state and reasons.

    *index* is the event's position in ``$.history`` (its ``seq`` minus one); *state* is
    the state it was fired in (``None`` for the start event).
    """

    index: int
    trigger: str
    state: str | None
    reasons: tuple[Reason, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """The reasons' codes, in order."""
        return tuple(r.code for r in self.reasons)


@attrs.frozen(eq=False)
class MigrationReport:
    """What :func:`migrate` made of a stored pathway.

    *document* is the stored form under the new definition: its name, version and policy,
    and the history as the declared steps rewrote it (as stored, when no step applies).
    *source* is the stored ``(name, version)``, *steps* the declared steps followed,
    *converted* the positions of the events those steps changed, *replayed* how many
    events were re-checked, and *refused* every event the new rules would refuse, oldest
    first. Events after a refused one are still checked, as the history stands.
    """

    document: dict[str, Any]
    source: tuple[str, str]
    target: tuple[str, str]
    steps: tuple[Migration, ...]
    converted: tuple[int, ...]
    replayed: int
    refused: tuple[Refusal, ...]
    policy_changed: bool

    @property
    def ok(self) -> bool:
        """Whether the new rules admit every stored event: ``from_dict`` then works."""
        return not self.refused

    @property
    def changed(self) -> bool:
        """Whether the stored document needs to be written back."""
        return bool(self.steps) or self.policy_changed

    def record(self) -> dict[str, Any]:
        """The report as JSON-ready primitives, for the host's audit log.

        It holds names, versions, positions, triggers and reason codes only: no client
        facts and not the document itself.
        """
        return {
            "from": {"name": self.source[0], "version": self.source[1]},
            "to": {"name": self.target[0], "version": self.target[1]},
            "steps": [[m.name, m.version, m.to_version] for m in self.steps],
            "policy_changed": self.policy_changed,
            "converted": list(self.converted),
            "replayed": self.replayed,
            "refused": [
                {"index": r.index, "trigger": r.trigger, "state": r.state, "codes": list(r.codes)}
                for r in self.refused
            ],
            "ok": self.ok,
        }


def _path(source: tuple[str, str], to: ProcessDefinition[Any, Any]) -> tuple[Migration, ...]:
    """The declared steps from *source* to *to*'s version; DefinitionError if there are none."""
    by_source = {(m.name, m.version): m for m in to.migrations}
    steps: list[Migration] = []
    here = source
    while here != (to.name, to.version):
        step = by_source.get(here)
        if step is None or step in steps:
            why = f"declares no migration from {here[0]!r} version {here[1]!r}"
            if steps:
                why += f" (reached from {source[0]!r} version {source[1]!r})"
            raise DefinitionError(to.name, [why])
        steps.append(step)
        here = (to.name, step.to_version)
    return tuple(steps)


def _rewritten(
    document: dict[str, Any], step: Migration, to: ProcessDefinition[Any, Any]
) -> dict[str, Any]:
    """*document* after one declared step, with the step's target version in its header."""
    where = f"migration from {step.name!r} version {step.version!r} to {step.to_version!r}"
    if step.rewrite is not None:
        try:
            result: object = step.rewrite(document)
        except Exception as exc:  # the host's rewrite met a document it cannot read
            why = f"the {where} could not rewrite it ({type(exc).__name__})"
            raise PathwayDataError([("$", why)]) from exc
        if not isinstance(result, dict) or not isinstance(result.get("history"), list):
            why = f"the {where} returned {type(result).__name__}, not a stored pathway"
            raise DefinitionError(to.name, [why])
        if len(result["history"]) != len(document["history"]):
            raise DefinitionError(to.name, [f"the {where} added or dropped events"])
        document = result
    header = document.get("definition")
    if not isinstance(header, dict):
        raise DefinitionError(to.name, [f"the {where} left no definition header"])
    header["name"], header["version"] = to.name, step.to_version
    return document


def _check(document: dict[str, Any], to: ProcessDefinition[Any, Any]) -> tuple[Refusal, ...]:
    """Re-check every stored event under *to*, as ``from_dict`` would, collecting refusals.

    A malformed event, or a history that does not reproduce itself, is a data error;
    an event a rule refuses is recorded and the replay goes on from the stored event.
    """
    definition, client_id, events = read_document(document, to)
    refusals: list[tuple[int, TransitionRefused]] = []
    pathway = Pathway._replay(definition, events, client_id, None, typed=True, refusals=refusals)
    if pathway.state != document["state"]:
        why = f"the history replays to {pathway.state!r}, not to the stored state"
        raise PathwayDataError([("$.state", why)])
    return tuple(Refusal(i, r.trigger, r.state, r.reasons) for i, r in refusals)


def migrate(document: Any, *, to: ProcessDefinition[Any, Any]) -> MigrationReport:
    """Move a stored pathway to definition *to* and say whether its rules admit the history.

    The declared steps from the stored version to *to*'s are followed, the document gets
    *to*'s name, version and policy, and every event is checked under *to*'s rules. The
    given document is not changed. A history the new rules refuse is kept as it is and
    reported in :attr:`MigrationReport.refused`; ``from_dict`` of such a document raises
    with the first refused event's reason codes. Host hooks are not called.

    Raises:
        PathwayDataError: *document* is malformed (naming every bad field), *to* is not a
            definition, or a declared rewrite could not read the document.
        DefinitionError: *to* declares no path from the stored name and version, or a
            declared rewrite broke the document's shape.
    """
    if not isinstance(to, ProcessDefinition):
        why = f"expected a ProcessDefinition, got {type(to).__name__}"
        raise PathwayDataError([("to", why)])
    source = stored_header(document)
    steps = _path(source, to)
    original = _json_copy(document, "$", 0)
    migrated = copy.deepcopy(original)
    for step in steps:
        migrated = _rewritten(migrated, step, to)
    if source == (to.name, to.version):
        stored = stored_policy(original["definition"]["policy"], type(to.policy))
        policy_changed = stored != to.policy
    else:
        policy_changed = original["definition"]["policy"] != unstructure(to.policy)
    migrated["definition"]["policy"] = unstructure(to.policy)
    before, after = original["history"], migrated["history"]
    converted = tuple(i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b)
    refused = _check(migrated, to)
    return MigrationReport(
        document=migrated,
        source=source,
        target=(to.name, to.version),
        steps=steps,
        converted=converted,
        replayed=len(after),
        refused=refused,
        policy_changed=policy_changed,
    )


def _json_copy(value: Any, path: str, depth: int) -> Any:
    """A copy of *value*, which must be JSON data: anything else, or nesting deeper than
    :data:`_MAX_DEPTH`, is a :class:`PathwayDataError` at its path before any step runs."""
    if value is None or type(value) in (str, int, float, bool):
        return value
    if depth >= _MAX_DEPTH:
        raise PathwayDataError([(path, f"nested more than {_MAX_DEPTH} levels deep")])
    if isinstance(value, Mapping):
        for key in value:
            if type(key) is not str:
                raise PathwayDataError([(path, f"expected string keys, got {describe(key)}")])
        return {k: _json_copy(v, f"{path}.{k}", depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        copied = [_json_copy(v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value)]
        return copied if isinstance(value, list) else tuple(copied)
    raise PathwayDataError([(path, f"expected JSON data, got {type(value).__name__}")])
