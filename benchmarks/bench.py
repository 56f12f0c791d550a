"""Measure pathway_fsm against bare ``transitions`` and python-statemachine, in one run.

Run it with ``make bench``. It prints the load average, one table of every row's
contenders, a table of the targets with whether each held, then memory, growth and
profile figures. It is not part of the test run and never passes or fails on time.

Like is compared with like, and at the same moment: every row's contenders run
interleaved, round by round (at least five rounds, the order rotated each round), and
a ratio is the median of the rounds' own ratios, so a burst of load on a shared machine
moves both sides of a ratio at once. The bare ``transitions`` machine and the
python-statemachine class have the same states and transitions as TYP, and each
transition's condition runs the same TYP guard functions on the same payload, checks
the same role, and applies the same reducer to a context on the model. Restoring, the
peers start from the same stored form: they parse its dates, actors and data (with a
plain cattrs converter) and replay it. Sweep and memory figures use per-document JSON
texts in which every client and actor id is the document's own, so no string is
shared between pathways. ``--quick`` shortens every measurement for a smoke run; its
figures are not the ones to publish.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import statistics
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

import cattrs
from transitions import Machine

import pathway_fsm as pf
from pathway_fsm import Actor, Role, typ
from pathway_fsm._engine.definition import Proposal, TransitionSpec

try:
    from statemachine import State as PsmState
    from statemachine import StateMachine
    from statemachine.exceptions import TransitionNotAllowed
except ImportError:  # the bench group is not installed: the peer rows are left out
    StateMachine = None

DEFINITION = typ.definition()
OFFICE = Actor("ea-17", Role.EMPLOYMENT_AUTHORITY)
COUNTY = Actor("wc-3", Role.WELLBEING_COUNTY)
CLIENT = Actor("client-0042", Role.CLIENT)
EVERYONE = ["employment_authority", "wellbeing_county", "kela", "client"]
ENTRY = {
    "multidisciplinary_need": True,
    "benefits_from_service": True,
    "labour_market_subsidy_days": 400,
}
ENTRY_SHORT = {**ENTRY, "labour_market_subsidy_days": 120}
PLAN = {
    "services": [
        {
            "name": "työ- ja toimintakyvyn arviointi",
            "provider": "wellbeing_county",
            "kind": "social",
        },
        {"name": "ammatillinen kuntoutus", "provider": "kela", "kind": "rehabilitation"},
    ],
    "follow_up": "yhteistapaaminen kuukausittain",
    "job_search": "included",
    "made_with": EVERYONE,
    "assessed": ["competence", "social_situation", "health", "work_capacity"],
}

# The ten events of the stored pathway: (trigger, date, actor, keyword data).
JOURNEY: list[tuple[str, date, Actor, dict[str, Any]]] = [
    ("start", date(2025, 1, 8), OFFICE, {}),
    ("admit", date(2025, 1, 15), OFFICE, ENTRY),
    ("make_plan", date(2025, 3, 20), OFFICE, PLAN),
    ("begin_trial", date(2025, 4, 2), OFFICE, {}),
    ("request_review", date(2025, 5, 1), CLIENT, {}),
    ("decline_review_request", date(2025, 5, 6), OFFICE, {"justification": "reviewed in April"}),
    ("report_progress", date(2025, 5, 20), CLIENT, {}),
    ("review_plan", date(2025, 6, 10), OFFICE, {"participants": EVERYONE}),
    ("revise_plan", date(2025, 7, 15), COUNTY, PLAN),
    ("begin_resolution", date(2025, 9, 1), OFFICE, {}),
]
SWEEP_ON = date(2025, 12, 1)


def build(journey: list[tuple[str, date, Actor, dict[str, Any]]]) -> pf.Pathway:
    """Walk a TYP pathway through *journey* with the public API."""
    (_, at, by, data), *rest = journey
    pathway = DEFINITION.start("client-0042", at=at, by=by, **data)
    for trigger, on, actor, kwargs in rest:
        pathway.fire(trigger, at=on, by=actor, **kwargs)
    return pathway


STORED = pf.to_dict(build(JOURNEY))
STORED_TEXT = json.dumps(STORED)


def own_ids(document: dict[str, Any], number: int) -> dict[str, Any]:
    """*document* with its client id and every actor id made its own (suffix *number*).

    The copy comes from the document's JSON text, as a store would give it, so it
    shares no string with *document* or with another copy.
    """
    copy: dict[str, Any] = json.loads(json.dumps(document))
    copy["client_id"] = f"client-{number:07d}"
    for event in copy["history"]:
        actor = event["actor"]
        actor["actor_id"] = f"{actor['actor_id']}-{number:07d}"
    return copy


def own_texts(templates: list[dict[str, Any]], count: int, first: int) -> list[str]:
    """*count* JSON texts of the *templates* in turn, each with its own ids."""
    return [json.dumps(own_ids(templates[i % len(templates)], first + i)) for i in range(count)]


# --------------------------------------------------------------------------- timing

Batch = Callable[[int], float]
"""Runs *n* operations and returns the seconds the operations themselves took."""


def calls(fn: Callable[[], object]) -> Batch:
    """A batch that calls *fn* n times in a loop."""

    def batch(n: int) -> float:
        clock = time.perf_counter
        start = clock()
        for _ in range(n):
            fn()
        return clock() - start

    return batch


def items(prepare: Callable[[int], list[Any]], act: Callable[[Any], object]) -> Batch:
    """A batch that acts once on each of n fresh items made by *prepare* (untimed)."""

    def batch(n: int) -> float:
        made = prepare(n)
        gc.collect()
        clock = time.perf_counter
        start = clock()
        for item in made:
            act(item)
        return clock() - start

    return batch


@dataclass
class Contender:
    """One side of a row: its batch, the operations one call stands for, and a cap on n."""

    name: str
    batch: Batch
    per: int = 1
    most: int = 1_000_000
    number: int = 0
    seconds: list[float] = field(default_factory=list)


@dataclass
class Row:
    """A row's contenders and their per-round times, first contender the reference."""

    name: str
    contenders: list[Contender]

    def us(self, name: str) -> float:
        """Median µs per operation of contender *name*."""
        return statistics.median(self._by(name).seconds) * 1e6

    def ratio(self, name: str, to: str | None = None) -> float:
        """Median over the rounds of (*name*'s time / *to*'s time); *to* is the first."""
        other = to or self.contenders[0].name
        a, b = self._by(name).seconds, self._by(other).seconds
        return statistics.median(x / y for x, y in zip(a, b, strict=True))

    def _by(self, name: str) -> Contender:
        return next(c for c in self.contenders if c.name == name)


def calibrate(contender: Contender, budget: float) -> None:
    """Choose how many operations one batch runs, so it takes about *budget* seconds.

    A contender given its *number* keeps it.
    """
    if contender.number:
        return
    n = 1
    while True:
        spent = contender.batch(n)
        if spent >= budget / 4 or n >= contender.most:
            break
        n *= 2
    contender.number = max(1, min(contender.most, round(n * budget / max(spent, 1e-9))))
    contender.batch(contender.number)  # a warm-up at the chosen size


def compare(name: str, contenders: list[Contender], *, rounds: int, budget: float) -> Row:
    """Run *contenders* interleaved for *rounds* rounds, the order rotated each round."""
    for contender in contenders:
        calibrate(contender, budget)
    for r in range(rounds):
        shift = r % len(contenders)
        for contender in contenders[shift:] + contenders[:shift]:
            gc.collect()
            spent = contender.batch(contender.number)
            contender.seconds.append(spent / (contender.number * contender.per))
    return Row(name, contenders)


# --------------------------------------------------------------------------- bare peers


class _Happened:
    """What a reducer reads of an event: its date and data."""

    __slots__ = ("at", "data")

    def __init__(self, at: date, data: Any) -> None:
        self.at, self.data = at, data


def _passes(spec: TransitionSpec, state: str, context: Any, kwargs: dict[str, Any]) -> bool:
    """The same rule a pathway checks: the role, then every guard of *spec*."""
    if kwargs["by"].role not in spec.roles:
        return False
    data, at, by = kwargs.get("data"), kwargs["at"], kwargs["by"]
    proposal = Proposal(spec.trigger, state, context, data, at, by, (), policy=DEFINITION.policy)
    return not any(True for guard in spec.guards for _ in guard(proposal))


def _reduce(spec: TransitionSpec, context: Any, kwargs: dict[str, Any]) -> Any:
    if spec.apply is None:
        return context
    return spec.apply(context, _Happened(kwargs["at"], kwargs.get("data")))


class BareModel:
    """A client's model on a bare transitions machine: a state and a context."""

    def __init__(self, context: Any) -> None:
        self.context = context


def _bare_config() -> list[dict[str, Any]]:
    config = []
    for spec in DEFINITION.transition_specs:
        if not spec.sources:
            continue

        def cond(event: Any, spec: TransitionSpec = spec) -> bool:
            return _passes(spec, event.model.state, event.model.context, event.kwargs)

        def after(event: Any, spec: TransitionSpec = spec) -> None:
            event.model.context = _reduce(spec, event.model.context, event.kwargs)

        config.append(
            {
                "trigger": spec.trigger,
                "source": list(spec.sources),
                "dest": spec.dest,
                "conditions": [cond],
                "after": [after],
            }
        )
    return config


BARE_CONFIG = _bare_config()
START_SPEC = DEFINITION.start_spec


def bare_machine(at: date) -> BareModel:
    """One bare transitions Machine for one client, started as TYP starts."""
    model = BareModel(_reduce(START_SPEC, typ.TypContext(), {"at": at}))
    Machine(
        model=model,
        states=list(DEFINITION.states),
        initial=DEFINITION.initial,
        transitions=BARE_CONFIG,
        auto_transitions=False,
        ignore_invalid_triggers=False,
        send_event=True,
    )
    return model


def _psm_class() -> Any:
    if StateMachine is None:
        return None
    states = {
        s.name: PsmState(initial=s.name == DEFINITION.initial, final=s.final)
        for s in DEFINITION.state_specs
    }
    namespace: dict[str, Any] = dict(states)
    for spec in DEFINITION.transition_specs:
        if not spec.sources:
            continue

        def cond(event_data: Any, spec: TransitionSpec = spec) -> bool:
            machine = event_data.machine
            kwargs = event_data.trigger_data.kwargs
            return _passes(spec, event_data.source.id, machine.context, kwargs)

        def after(event_data: Any, spec: TransitionSpec = spec) -> None:
            machine = event_data.machine
            machine.context = _reduce(spec, machine.context, event_data.trigger_data.kwargs)

        moves = None
        for source in spec.sources:
            origin = states[source]
            if spec.dest is None:
                move = origin.to.itself(internal=True, cond=cond, after=after)
            else:
                move = origin.to(states[spec.dest], cond=cond, after=after)
            moves = move if moves is None else moves | move
        namespace[spec.trigger] = moves
    return type("TypPeer", (StateMachine,), namespace)


PSM = _psm_class()


def psm_machine(at: date) -> Any:
    """One python-statemachine instance for one client, started as TYP starts."""
    machine = PSM()
    machine.context = _reduce(START_SPEC, typ.TypContext(), {"at": at})
    return machine


SHARED = Machine(
    model=None,
    states=list(DEFINITION.states),
    initial=DEFINITION.initial,
    transitions=BARE_CONFIG,
    auto_transitions=False,
    ignore_invalid_triggers=False,
    send_event=True,
)
"""One bare machine for every client, as pathway_fsm shares one: models come and go."""


def shared_start(at: date) -> BareModel:
    """A client's model added to the shared bare machine, started as TYP starts."""
    model = BareModel(_reduce(START_SPEC, typ.TypContext(), {"at": at}))
    SHARED.add_model(model, initial=DEFINITION.initial)
    return model


# A host without this library reads the stored form with a plain cattrs converter.
CONVERTER = cattrs.Converter()
CONVERTER.register_structure_hook(date, lambda value, _: date.fromisoformat(value))
PAYLOADS = {spec.trigger: spec.payload for spec in DEFINITION.transition_specs}


def stored_events(document: dict[str, Any]) -> Iterator[tuple[str, date, Actor, Any]]:
    """The stored events as a bare host would read them: dates, actors, typed data."""
    for event in document["history"]:
        payload = PAYLOADS[event["trigger"]]
        data = None if payload is None else CONVERTER.structure(event["data"], payload)
        actor = Actor(event["actor"]["actor_id"], Role(event["actor"]["role"]))
        yield event["trigger"], date.fromisoformat(event["at"]), actor, data


def bare_restore(document: dict[str, Any]) -> BareModel:
    """A bare machine for one client, replayed from the stored form."""
    (_, at, _, _), *rest = stored_events(document)
    model = bare_machine(at)
    for trigger, on, by, data in rest:
        if not model.trigger(trigger, at=on, by=by, data=data):
            raise AssertionError(trigger)
    if model.state != document["state"]:
        raise AssertionError(model.state)
    return model


def shared_restore(document: dict[str, Any]) -> None:
    """A model on the shared bare machine, replayed from the stored form, then removed."""
    (_, at, _, _), *rest = stored_events(document)
    model = shared_start(at)
    for trigger, on, by, data in rest:
        if not model.trigger(trigger, at=on, by=by, data=data):
            raise AssertionError(trigger)
    SHARED.remove_model(model)


def psm_restore(document: dict[str, Any]) -> Any:
    """A python-statemachine instance for one client, replayed from the stored form."""
    (_, at, _, _), *rest = stored_events(document)
    machine = psm_machine(at)
    for trigger, on, by, data in rest:
        machine.send(trigger, at=on, by=by, data=data)
    return machine


# --------------------------------------------------------------------------- rows

PF = "pathway_fsm"
BARE = "transitions, a Machine per client"
SHARED_NAME = "transitions, one shared Machine (add_model, remove_model)"
PSM_NAME = "python-statemachine, an instance per client"
LOADS = "json.loads of the same text"


@dataclass
class Settings:
    """How long a run measures: rounds, seconds per batch, and the sizes of its sets."""

    rounds: int
    budget: float
    most_items: int
    sweep_most: int
    memory_count: int
    growth_count: int
    fires: int
    lengths: tuple[int, int, int]


FULL = Settings(
    rounds=11,
    budget=0.1,
    most_items=3_000,
    sweep_most=2_000,
    memory_count=2_000,
    growth_count=100_000,
    fires=500,
    lengths=(10, 1_000, 10_000),
)
QUICK = Settings(
    rounds=5,
    budget=0.01,
    most_items=100,
    sweep_most=100,
    memory_count=100,
    growth_count=2_000,
    fires=50,
    lengths=(10, 100, 1_000),
)


def start_row(s: Settings) -> Row:
    """Start a pathway against making a peer for one client."""
    d0 = JOURNEY[0][1]
    contenders = [
        Contender(PF, calls(lambda: DEFINITION.start("client-0042", at=d0, by=OFFICE))),
        Contender(BARE, calls(lambda: bare_machine(d0))),
        Contender(SHARED_NAME, calls(lambda: SHARED.remove_model(shared_start(d0)))),
    ]
    if PSM:
        contenders.append(Contender(PSM_NAME, calls(lambda: psm_machine(d0))))
    return compare("start", contenders, rounds=s.rounds, budget=s.budget)


def fire_rows(s: Settings) -> tuple[Row, Row]:
    """An accepted ``admit`` on fresh pathways and peers; a refused one, repeated."""
    d0, d1 = JOURNEY[0][1], JOURNEY[1][1]
    entry_typed = typ.EntryFacts(**ENTRY)
    short_typed = typ.EntryFacts(**ENTRY_SHORT)

    def bare_admit(model: Any) -> None:
        if not model.admit(at=d1, by=OFFICE, data=entry_typed):
            raise AssertionError

    accepted = [
        Contender(
            PF,
            items(
                lambda n: [DEFINITION.start("client-0042", at=d0, by=OFFICE) for _ in range(n)],
                lambda p: p.fire("admit", at=d1, by=OFFICE, **ENTRY),
            ),
            most=s.most_items,
        ),
        Contender(
            BARE,
            items(lambda n: [bare_machine(d0) for _ in range(n)], bare_admit),
            most=s.most_items,
        ),
    ]
    if PSM:
        accepted.append(
            Contender(
                PSM_NAME,
                items(
                    lambda n: [psm_machine(d0) for _ in range(n)],
                    lambda m: m.send("admit", at=d1, by=OFFICE, data=entry_typed),
                ),
                most=max(20, s.most_items // 3),
            )
        )

    lock = threading.Lock()

    def commit_lock() -> None:
        with lock:
            pass

    # Each fire takes one process-wide lock for its commit: what that costs uncontended.
    accepted.append(Contender("the commit lock, taken and released", calls(commit_lock)))

    pathway = DEFINITION.start("client-0042", at=d0, by=OFFICE)
    one_bare = bare_machine(d0)

    def pf_refused() -> object:
        try:
            pathway.fire("admit", at=d1, by=OFFICE, **ENTRY_SHORT)
        except pf.TransitionRefused as refused:
            return refused.reasons
        raise AssertionError

    def bare_refused() -> None:
        if one_bare.admit(at=d1, by=OFFICE, data=short_typed):
            raise AssertionError

    refused = [Contender(PF, calls(pf_refused)), Contender(BARE, calls(bare_refused))]
    if PSM:
        one_psm = psm_machine(d0)

        def psm_refused() -> None:
            with contextlib.suppress(TransitionNotAllowed):
                one_psm.send("admit", at=d1, by=OFFICE, data=short_typed)

        refused.append(Contender(PSM_NAME, calls(psm_refused)))
    return (
        compare("fire, accepted", accepted, rounds=s.rounds, budget=s.budget),
        compare("fire, refused", refused, rounds=s.rounds, budget=s.budget),
    )


def restore_row(s: Settings) -> Row:
    """Restore the stored 10-event pathway, against parsing it and against the peers."""
    contenders = [
        Contender(PF, calls(lambda: pf.from_dict(STORED))),
        Contender(LOADS, calls(lambda: json.loads(STORED_TEXT))),
        Contender(BARE, calls(lambda: bare_restore(STORED))),
        Contender(SHARED_NAME, calls(lambda: shared_restore(STORED))),
    ]
    if PSM:
        contenders.append(Contender(PSM_NAME, calls(lambda: psm_restore(STORED))))
    return compare("restore 10 events", contenders, rounds=s.rounds, budget=s.budget)


def floor_row(s: Settings) -> Row:
    """The same transition as a dict lookup and one guard call: the least any code spends."""
    d1 = JOURNEY[1][1]
    start_context = bare_machine(JOURNEY[0][1]).context
    lookup = {
        (source, spec.trigger): spec.dest_from(source)
        for spec in DEFINITION.transition_specs
        for source in spec.sources
    }
    guard = DEFINITION.transition("admit").guards[0]
    entry_typed = typ.EntryFacts(**ENTRY)
    proposal = Proposal(
        "admit", "tunnista", start_context, entry_typed, d1, OFFICE, (), policy=DEFINITION.policy
    )

    def floor() -> None:
        lookup["tunnista", "admit"]
        for _ in guard(proposal):
            pass

    contenders = [Contender("dict lookup and one guard", calls(floor))]
    return compare("floor", contenders, rounds=s.rounds, budget=s.budget)


SWEEP_TEMPLATES = [pf.to_dict(build(JOURNEY[:n])) for n in (2, 5, 10)]
_numbers = iter(range(10**9))


def sweep_row(s: Settings) -> Row:
    """``pathway_fsm.sweep`` over per-document JSON texts, against json.loads of them."""

    def fresh(n: int) -> list[str]:
        return own_texts(SWEEP_TEMPLATES, n, next(_numbers) * 10_000)

    def swept(n: int) -> float:
        texts = fresh(n)
        gc.collect()
        start = time.perf_counter()
        for row in pf.sweep(texts, at=SWEEP_ON):
            if not row.ok:
                raise AssertionError(row)
        return time.perf_counter() - start

    def parsed(n: int) -> float:
        texts = fresh(n)
        gc.collect()
        start = time.perf_counter()
        for text in texts:
            json.loads(text)
        return time.perf_counter() - start

    contenders = [
        Contender("sweep (json.loads, from_dict, deadlines)", swept, most=s.sweep_most),
        Contender(LOADS, parsed, most=s.sweep_most),
    ]
    return compare("sweep per pathway", contenders, rounds=s.rounds, budget=s.budget)


def _long_pathway(events: int) -> pf.Pathway:
    """A TYP pathway with a plan in force and *events* events: progress reports on top."""
    pathway = build(JOURNEY[:3])
    on = JOURNEY[2][1]
    while pathway.seq < events:
        pathway.fire("report_progress", at=on, by=CLIENT)
    return pathway


def history_rows(s: Settings) -> tuple[Row, Row]:
    """A ``report_progress`` fire, and from_dict per event, at each of *s.lengths* events.

    The full run's lengths are 10, 1,000 and 10,000; the quick run stops at 1,000.
    """
    lengths = s.lengths
    on = JOURNEY[2][1]
    documents = {n: pf.to_dict(_long_pathway(n)) for n in lengths}

    longest: list[pf.Pathway] = []

    def fire_at(events: int) -> Batch:
        def batch(n: int) -> float:
            if events <= 10:  # one fire on each of n fresh pathways, all at 10 events
                pathways = [pf.from_dict(documents[events]) for _ in range(n)]
            elif events < lengths[-1]:  # n fires on one pathway restored afresh
                pathways = [pf.from_dict(documents[events])] * n
            else:  # restoring the longest every batch costs more than it tells: it grows
                longest[:] = longest or [pf.from_dict(documents[events])]
                pathways = longest * n
            gc.collect()
            start = time.perf_counter()
            for pathway in pathways:
                pathway.fire("report_progress", at=on, by=CLIENT)
            return time.perf_counter() - start

        return batch

    fires = [
        Contender(f"fire at {n:,} events", fire_at(n), most=s.fires, number=s.fires)
        for n in lengths
    ]
    restores = [
        Contender(
            f"from_dict of {n:,} events, per event",
            calls(lambda n=n: pf.from_dict(documents[n])),
            per=n,
            most=max(1, 1_000 // n),
        )
        for n in lengths
    ]
    return (
        compare("history length: fire", fires, rounds=s.rounds, budget=s.budget),
        compare("history length: from_dict", restores, rounds=s.rounds, budget=s.budget),
    )


def memory(s: Settings) -> dict[str, float]:
    """Bytes per idle restored 10-event pathway: from own-id texts, and from one dict."""

    def per_pathway(make: Callable[[], pf.Pathway]) -> float:
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.take_snapshot()
        kept = [make() for _ in range(s.memory_count)]
        after = tracemalloc.take_snapshot()
        tracemalloc.stop()
        grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
        del kept
        return grown / s.memory_count

    texts = iter(own_texts([STORED], s.memory_count, 0))
    own = per_pathway(lambda: pf.from_dict(json.loads(next(texts))))
    shared = per_pathway(lambda: pf.from_dict(STORED))
    return {"own": own, "shared": shared}


def no_growth(count: int) -> dict[str, float]:
    """Create, fire and drop *count* pathways: the shared machine and the heap stay put."""
    machine = DEFINITION._compiled.machine

    def shape() -> tuple[int, ...]:
        return (
            len(machine.models),
            len(machine.events),
            sum(len(ts) for e in machine.events.values() for ts in e.transitions.values()),
            sum(
                len(t.conditions) + len(t.before) + len(t.after)
                for e in machine.events.values()
                for ts in e.transitions.values()
                for t in ts
            ),
        )

    shape_before = shape()
    d0, d1 = JOURNEY[0][1], JOURNEY[1][1]
    for _ in range(100):  # warm up caches that are bounded and filled once
        DEFINITION.start("client-0042", at=d0, by=OFFICE).fire("admit", at=d1, by=OFFICE, **ENTRY)
    gc.collect()
    first = sys.getallocatedblocks()
    for i in range(count):
        pathway = DEFINITION.start(f"client-{i}", at=d0, by=OFFICE)
        pathway.fire("admit", at=d1, by=OFFICE, **ENTRY)
        del pathway
    gc.collect()
    return {
        "count": count,
        "blocks_grown": sys.getallocatedblocks() - first,
        "models": shape()[0],
        "same_shape": float(shape() == shape_before),
    }


# Where time goes, by the cumulative time of a few entry points (nested ones overlap:
# the stored-form checks include the reading of each event's data). A part counts each
# (file, function) it names.
PARTS: dict[str, tuple[tuple[str, str], ...]] = {
    "transitions dispatch": (("transitions/core.py", "trigger"),),
    "data conversion (shortcut or cattrs)": (
        ("pathway_fsm/_convert.py", "structure"),
        ("pathway_fsm/_convert.py", "structure_data"),
    ),
    "stored-form checks (envelope and data)": (("pathway_fsm/_serialization.py", "_event_of"),),
    "replay of the events after the start": (("pathway_fsm/_engine/replay.py", "replay_rest"),),
    "guards and engine checks": (
        ("pathway_fsm/_engine/checks.py", "evaluate"),
        ("pathway_fsm/_engine/checks.py", "judge_call"),
    ),
    "context reducers (evolve)": (
        ("pathway_fsm/_engine/replace.py", "evolve"),
        ("attr/_make.py", "evolve"),
    ),
}


def _matches(filename: str, function: str, where: tuple[tuple[str, str], ...]) -> bool:
    return any(function == name and filename.endswith(path) for path, name in where)


def profile(rounds: int) -> Iterator[str]:
    """Markdown rows: the share of each part in start, fire and from_dict, by cProfile."""
    d0, d1 = JOURNEY[0][1], JOURNEY[1][1]
    fresh = [DEFINITION.start("client-0042", at=d0, by=OFFICE) for _ in range(rounds)]
    cases: dict[str, Callable[[int], object]] = {
        "start": lambda i: DEFINITION.start("client-0042", at=d0, by=OFFICE),
        "fire accepted": lambda i: fresh[i].fire("admit", at=d1, by=OFFICE, **ENTRY),
        "from_dict (10 events)": lambda i: pf.from_dict(STORED),
    }
    yield "| part | " + " | ".join(cases) + " |"
    yield "|---|" + "---:|" * len(cases)
    shares: dict[str, list[str]] = {part: [] for part in PARTS}
    for act in cases.values():
        profiler = cProfile.Profile()
        profiler.enable()
        for i in range(rounds):
            act(i)
        profiler.disable()
        stats = pstats.Stats(profiler, stream=io.StringIO())
        table: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
        total = stats.total_tt  # type: ignore[attr-defined]
        for part, where in PARTS.items():
            spent = sum(
                row[3]
                for (filename, _, function), row in table.items()
                if _matches(filename, function, where)
            )
            shares[part].append(f"{spent / total:.0%}" if spent else "—")
    for part, cells in shares.items():
        yield f"| {part} | " + " | ".join(cells) + " |"


def profile_top(rounds: int) -> str:
    """The top of a cProfile of from_dict of the stored 10-event pathway, by own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        pf.from_dict(STORED)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    text = out.getvalue()
    for prefix in sorted({p for p in sys.path if p}, key=len, reverse=True):
        text = text.replace(prefix + "/", "")
    return text


# --------------------------------------------------------------------------- report


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f} (1, 5, 15 min) on {os.cpu_count()} cores"


def rows_table(rows: list[Row]) -> Iterator[str]:
    """Markdown rows: each contender's median µs and its time over the row's first one."""
    yield "| row | contender | µs per operation | × the first (median of rounds) |"
    yield "|---|---|---:|---:|"
    for row in rows:
        first = row.contenders[0].name
        for contender in row.contenders:
            ratio = "" if contender.name == first else f"{row.ratio(contender.name):.2f}×"
            yield f"| {row.name} | {contender.name} | {row.us(contender.name):,.2f} | {ratio} |"


def _ratio(value: float) -> str:
    """A ratio with three decimals below 10, so one just past its goal shows it."""
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


@dataclass
class Target:
    """One target: what it compares, the ratio in this run, the goal, and whether it held."""

    what: str
    value: float
    goal: float
    faster: bool
    unit: str = "×"

    @property
    def held(self) -> bool:
        return self.value >= self.goal if self.faster else self.value <= self.goal

    def line(self) -> str:
        if self.unit == "B":
            shown, goal = f"{self.value:,.0f} B", f"≤ {self.goal:,.0f} B"
        elif self.faster:
            shown, goal = f"{_ratio(self.value)}× faster", f"≥ {self.goal:g}× faster"
        else:
            shown, goal = f"{_ratio(self.value)}×", f"≤ {self.goal:g}×"
        return f"| {self.what} | {shown} | {goal} | {'yes' if self.held else 'no'} |"


def targets(named: dict[str, Row], mem: dict[str, float], longest: int) -> list[Target]:
    """The targets, each from ratios taken within one interleaved row."""
    restore, start = named["restore 10 events"], named["start"]
    accepted, refused = named["fire, accepted"], named["fire, refused"]
    fires = named["history length: fire"]
    return [
        Target(
            "from_dict 10 events vs a bare Machine per client replaying the same stored form",
            restore.ratio(BARE),
            4,
            faster=True,
        ),
        Target("from_dict vs json.loads of the same document", restore.ratio(PF, LOADS), 5, False),
        Target(
            "sweep per pathway (json.loads, from_dict, deadlines) vs json.loads",
            named["sweep per pathway"].ratio("sweep (json.loads, from_dict, deadlines)", LOADS),
            6,
            faster=False,
        ),
        Target(
            "accepted fire vs bare transitions, same work", accepted.ratio(PF, BARE), 1.0, False
        ),
        Target("refused fire vs a bare refusal", refused.ratio(PF, BARE), 1.5, False),
        Target("start vs a bare Machine per client", start.ratio(BARE), 30, faster=True),
        Target(
            "memory per idle 10-event pathway, own JSON, own ids",
            mem["own"],
            2_048,
            faster=False,
            unit="B",
        ),
        Target(
            f"fire at {longest:,} events vs at 10",
            fires.ratio(f"fire at {longest:,} events", "fire at 10 events"),
            1.3,
            faster=False,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile")
    args = parser.parse_args()
    s = QUICK if args.quick else FULL
    began = time.perf_counter()

    print("# pathway_fsm benchmark")
    print()
    print(f"- machine: {_cpu()}, {platform.machine()}, {platform.system()} {platform.release()}")
    print(f"- python: {platform.python_implementation()} {platform.python_version()}")
    print(
        "- versions: "
        + ", ".join(
            f"{n} {_version(n)}"
            for n in ("pathway-fsm", "transitions", "attrs", "cattrs", "python-statemachine")
        )
    )
    print(f"- load average at the start: {_load()}")
    print(
        f"- {s.rounds} rounds, each row's contenders interleaved, about {s.budget:g} s a batch"
        f"{'; a quick run, not for publishing' if args.quick else ''}"
    )
    sys.stdout.flush()
    rows = [
        start_row(s),
        *fire_rows(s),
        restore_row(s),
        floor_row(s),
        sweep_row(s),
        *history_rows(s),
    ]
    named = {row.name: row for row in rows}
    mem = memory(s)
    print()
    for line in rows_table(rows):
        print(line)
    print()
    print("## Targets")
    print()
    print("| target | in this run | target | held |")
    print("|---|---:|---|---|")
    for target in targets(named, mem, s.lengths[-1]):
        print(target.line())
    print()
    restores = named["history length: from_dict"]
    per_event = restores.ratio(
        f"from_dict of {s.lengths[-1]:,} events, per event", "from_dict of 10 events, per event"
    )
    print(
        f"- memory: {mem['own']:,.0f} bytes per idle restored 10-event pathway from its own "
        f"JSON text with its own ids; {mem['shared']:,.0f} bytes when every pathway is "
        "restored from one dict (dates, actors and role sets shared)"
    )
    grown = no_growth(s.growth_count)
    print(
        f"- no growth: {grown['count']:,.0f} pathways created, fired and dropped; allocated "
        f"memory blocks grew by {grown['blocks_grown']:,.0f}; the shared machine has "
        f"{grown['models']:.0f} models and "
        f"{'the same' if grown['same_shape'] else 'a CHANGED'} shape"
    )
    print(
        f"- history length: from_dict per event at {s.lengths[-1]:,} events costs {per_event:.2f}× "
        "what it costs at 10"
    )
    sweep_us = named["sweep per pathway"].us("sweep (json.loads, from_dict, deadlines)")
    cores = os.cpu_count() or 1
    print(
        f"- national scale: 10⁶ open pathways × {sweep_us:,.0f} µs = "
        f"{sweep_us:,.0f} s on one core, {sweep_us / cores:,.0f} s over {cores} processes "
        "(templates of 2, 5 and 10 events in turn)"
    )
    if args.profile:
        rounds = 300 if args.quick else 3000
        print()
        print(f"Share of time by part (cProfile, {rounds:,} calls each):")
        print()
        for line in profile(rounds):
            print(line)
        print()
        print(profile_top(rounds // 3))
    print(
        f"- load average at the end: {_load()}; the run took {time.perf_counter() - began:,.0f} s"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
