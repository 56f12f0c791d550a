"""The checks every way into a pathway makes: of the call, of its data and of the rules.

``start``, ``check``, ``fire``, ``replay`` and ``from_dict`` all go through these, so a
stored document is held to exactly what the live API accepts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from .._calendar import FIRST_DAY, LAST_DAY, day_problem
from .._checks import kind
from .._convert import structure, structure_data
from ..errors import DataProblem, DefinitionError, PathwayDataError, describe, field_name
from .hooks import Hooks
from .model import Actor, Event, Reason, ReasonKind, Verdict
from .spec import Proposal, TransitionSpec

if TYPE_CHECKING:
    from .definition import ProcessDefinition

__all__ = [
    "DATE_BEFORE_LAST",
    "INVALID_DATA",
    "OBSERVERS",
    "REF_MAX",
    "ROLE_NOT_ALLOWED",
    "STALE_SEQUENCE",
    "WRONG_STATE",
    "Observer",
    "call_problems",
    "client_problems",
    "data_free_reasons",
    "engine_reasons",
    "evaluate",
    "given",
    "judge",
    "judge_call",
    "meta_problems",
    "payload_of",
]

REF_MAX = 200
"""The most characters an event's host reference (``ref``) may have."""

WRONG_STATE = kind(
    "pathway.wrong_state",
    "Toimintoa '{trigger}' ei voi tehdä polun nykyisessä vaiheessa ({state}).",
    "Åtgärden '{trigger}' kan inte utföras i vägens nuvarande skede ({state}).",
    "'{trigger}' cannot be done in the pathway's current state ({state}).",
)
ROLE_NOT_ALLOWED = kind(
    "pathway.role_not_allowed",
    "Toimijalla {role} ei ole oikeutta toimintoon '{trigger}' (sallitut: {allowed}).",
    "Aktören {role} får inte utföra '{trigger}' (tillåtna: {allowed}).",
    "The {role} may not do '{trigger}' (allowed: {allowed}).",
)
DATE_BEFORE_LAST = kind(
    "pathway.date_before_last_event",
    "Päivämäärä {at} on aiempi kuin edellisen tapahtuman päivämäärä {last}.",
    "Datumet {at} är tidigare än föregående händelses datum {last}.",
    "The date {at} is before the previous event's date {last}.",
)
STALE_SEQUENCE = kind(
    "pathway.stale_sequence",
    "Polku on muuttunut: odotettiin tapahtumaa {expected}, viimeisin on {actual}.",
    "Vägen har ändrats: händelse {expected} väntades, den senaste är {actual}.",
    "The pathway has moved on: expected event {expected}, the latest is {actual}.",
)

INVALID_DATA = kind(
    "pathway.invalid_data",
    "Annettu tieto ei kelpaa: {problem}",
    "En given uppgift duger inte: {problem}",
    "The data given is not valid: {problem}",
)

engine_reasons: tuple[ReasonKind, ...] = (
    WRONG_STATE,
    ROLE_NOT_ALLOWED,
    DATE_BEFORE_LAST,
    STALE_SEQUENCE,
    INVALID_DATA,
)
"""Reason kinds the engine itself produces, for every definition."""


def evaluate(
    definition: ProcessDefinition[Any, Any],
    spec: TransitionSpec,
    proposal: Proposal[Any, Any],
    expected_seq: int | None,
) -> Verdict:
    """Every check of one proposed transition; the single evaluation fire and check share.

    A stale *expected_seq* is the whole answer: the caller has not seen the pathway it
    would be judged on. A code the trigger does not declare is a :class:`DefinitionError`.
    """
    state, history = proposal.state, proposal.history
    if expected_seq is not None and expected_seq != len(history):
        return Verdict((STALE_SEQUENCE(expected=expected_seq, actual=len(history)),))
    reasons = data_free_reasons(definition, spec, state, proposal.actor, proposal.at, history)
    if reasons and reasons[0].kind is WRONG_STATE:
        return Verdict(tuple(reasons))
    notes: list[Reason] = []
    for guard in spec.guards:
        reasons.extend(guard(proposal))
    for note in spec.notes:
        notes.extend(note(proposal))
    if reasons or notes:
        declared = definition._declared[spec.trigger]
        undeclared = [
            r.code
            for r in (*reasons, *notes)
            if r.code not in declared and r.kind not in engine_reasons
        ]
        if undeclared:
            msg = f"trigger {spec.trigger!r} produced undeclared reason code(s) {undeclared}"
            raise DefinitionError(spec.trigger, [msg])
        return Verdict(tuple(reasons), tuple(notes))
    return _ALLOWED


class Observer(Protocol):
    """What the engine tells an observer: every verdict it reaches, every event it records.

    For tools that watch a whole run (the test plugin's definition coverage), not for
    hosts, whose hooks see their own pathways. Replays are observed too.
    """

    def judged(self, definition: ProcessDefinition[Any, Any], verdict: Verdict) -> None:
        """A proposal of *definition* was judged: start, check, fire or replay."""

    def recorded(self, definition: ProcessDefinition[Any, Any], event: Event) -> None:
        """*event* was recorded on a pathway of *definition*."""


OBSERVERS: list[Observer] = []
"""The observers of every pathway; empty, as it is outside such tools, it costs nothing."""


def judge(
    definition: ProcessDefinition[Any, Any],
    spec: TransitionSpec,
    proposal: Proposal[Any, Any],
    expected_seq: int | None,
) -> Verdict:
    """:func:`evaluate`, told to the observers."""
    verdict = evaluate(definition, spec, proposal, expected_seq)
    for observer in OBSERVERS:
        observer.judged(definition, verdict)
    return verdict


def judge_call(
    definition: ProcessDefinition[Any, Any],
    spec: TransitionSpec,
    expected_seq: int | None,
    proposed: tuple[str | None, Any, Any, date, Actor, Sequence[Event]],
) -> Verdict:
    """:func:`judge` of the proposal of *proposed* (state, context, data, date, actor,
    history), which is made only for a trigger that has guards or notes to show it to."""
    state, context, data, at, actor, history = proposed
    if spec.guards or spec.notes:
        made = Proposal(
            spec.trigger, state, context, data, at, actor, history, policy=definition.policy
        )
        verdict = evaluate(definition, spec, made, expected_seq)  # judge(), one call fewer
    elif expected_seq is not None and expected_seq != len(history):
        verdict = Verdict((STALE_SEQUENCE(expected=expected_seq, actual=len(history)),))
    else:
        reasons = data_free_reasons(definition, spec, state, actor, at, history)
        verdict = Verdict(tuple(reasons)) if reasons else _ALLOWED
    for observer in OBSERVERS:
        observer.judged(definition, verdict)
    return verdict


def data_free_reasons(
    definition: ProcessDefinition[Any, Any],
    spec: TransitionSpec,
    state: str | None,
    actor: Actor,
    at: date,
    history: Sequence[Event],
) -> list[Reason]:
    """The checks that need no data: the source state, the role and the date order."""
    reasons: list[Reason] = []
    if not (state in spec.sources if spec.sources else state is None):
        wrong = WRONG_STATE(trigger=spec.trigger, state=state).labelled(trigger=spec.label)
        if state is not None:
            wrong = wrong.labelled(state=definition.state(state).label)
        reasons.append(wrong)
    if actor.role not in spec.roles:
        refused = ROLE_NOT_ALLOWED(role=actor.role, trigger=spec.trigger, allowed=spec.roles)
        reasons.append(refused.labelled(trigger=spec.label))
    if history and at < history[-1].at:
        reasons.append(DATE_BEFORE_LAST(at=at, last=history[-1].at))
    return reasons


_ALLOWED = Verdict()


def call_problems(
    at: object,
    by: object,
    expected_seq: object = None,
    recorded_by: object = None,
    ref: object = None,
    *,
    prefix: str = "$",
    actor: str = "by",
) -> list[DataProblem]:
    """What is wrong with a call's (or a stored event's) date, actor, expected sequence
    number and audit metadata: every way into a pathway checks these alike."""
    problems: list[DataProblem] = []
    problem = day_problem(at)
    if problem is not None:
        problems.append((f"{prefix}.at", problem))
    if type(by) is not Actor:  # a subclass would not restore as itself
        problems.append((f"{prefix}.{actor}", f"expected an Actor, got {type(by).__name__}"))
    if expected_seq is not None and (type(expected_seq) is not int or expected_seq < 0):
        problems.append((f"{prefix}.expected_seq", "expected a non-negative integer"))
    if recorded_by is not None or ref is not None:
        problems.extend(meta_problems(recorded_by, ref, prefix=prefix))
    return problems


def meta_problems(recorded_by: object, ref: object, *, prefix: str = "$") -> list[DataProblem]:
    """What is wrong with an event's audit metadata: who entered it and the host's reference."""
    problems: list[DataProblem] = []
    if recorded_by is not None and type(recorded_by) is not Actor:
        why = f"expected an Actor or None, got {type(recorded_by).__name__}"
        problems.append((f"{prefix}.recorded_by", why))
    if ref is not None:
        if type(ref) is not str:
            problems.append((f"{prefix}.ref", f"expected a string or None, got {describe(ref)}"))
        elif not ref.strip() or len(ref) > REF_MAX or not ref.isprintable():
            why = f"expected 1 to {REF_MAX} printable characters, not all blank"
            problems.append((f"{prefix}.ref", why))
    return problems


def payload_of(spec: TransitionSpec, data: object, at: date, path: str, *, typed: bool) -> Any:
    """The one data check of every way into a pathway: ``start``, ``fire``, ``check``,
    ``replay`` and ``from_dict`` (D9).

    *data* is keyword data or a payload value; it is converted to the trigger's payload
    type, every field checked, unless *typed* says the caller has just done so. Then the
    trigger's own data checks run. Raises :class:`PathwayDataError` naming every field.
    """
    if spec.payload is None:
        if data is None or (type(data) is dict and not data):
            return None
        if isinstance(data, Mapping) and not data:
            return None
        if isinstance(data, Mapping):
            keys = sorted(field_name(k) for k in data)
            raise PathwayDataError([(f"{path}.{k}", "unexpected field") for k in keys])
        raise PathwayDataError([(path, "this trigger takes no data")])
    if typed:
        payload = data
    elif type(data) is dict:  # keyword data, read and never changed (never an attrs value)
        payload = structure_data(data, spec.payload, path)
    elif attrs.has(type(data)) and not isinstance(data, spec.payload):
        why = f"expected a {spec.payload.__name__}, got {type(data).__name__}"
        raise PathwayDataError([(path, why)])
    else:
        payload = structure(dict(data) if isinstance(data, Mapping) else data, spec.payload, path)
    if spec.check_data is not None:
        problems = [(f"{path}.{field}", why) for field, why in spec.check_data(payload, at)]
        if problems:
            raise PathwayDataError(problems)
    return payload


def given(payload: object, data: Mapping[str, Any]) -> object:
    """A call's trigger data: its keywords, or one payload value passed positionally."""
    if payload is None:
        return data
    if data:
        keys = ", ".join(sorted(field_name(k) for k in data))
        why = f"expected the data as one payload value or as keywords, not both (got {keys})"
        raise PathwayDataError([("$.data", why)])
    return payload


def start_problems(
    client_id: object,
    hooks: object,
    at: object,
    by: object,
    recorded_by: object = None,
    ref: object = None,
) -> list[DataProblem]:
    """What is wrong with a start's client id, hooks, date, actor and audit metadata:
    :func:`client_problems` and :func:`call_problems`, with the usual well-formed call
    (no hooks or metadata, a plain date and actor) recognised in one test."""
    if (
        hooks is None
        and recorded_by is None
        and ref is None
        and type(at) is date
        and type(by) is Actor
        and type(client_id) is str
        and FIRST_DAY <= at <= LAST_DAY
        and client_id.strip()
    ):
        return []
    problems = client_problems(client_id, hooks)
    problems.extend(call_problems(at, by, None, recorded_by, ref))
    return problems


def client_problems(client_id: object, hooks: object) -> list[DataProblem]:
    problems: list[DataProblem] = []
    if type(client_id) is not str or not client_id.strip():  # exactly str, as it is stored
        problems.append(("$.client_id", "expected a non-empty string"))
    if hooks is not None and not isinstance(hooks, Hooks):
        problems.append(("hooks", f"expected Hooks or None, got {type(hooks).__name__}"))
    return problems
