"""Measure pathway_fsm against bare ``transitions`` and python-statemachine, in one run.

Run it with ``make bench``. It prints one table of ratios (medians of several
repetitions), the machine and the versions, then the sweep and memory figures. It is
not part of the test run and never passes or fails on time: it only reports.

Like is compared with like. The bare ``transitions`` machine and the
python-statemachine class have the same states and transitions as TYP, and each
transition's condition runs the same TYP guard functions on the same payload, checks
the same role, and applies the same reducer to a context on the model. The peers get
the payload already typed (built outside the timing); pathway_fsm gets keyword data and
converts it strictly, and also records the event. ``--quick`` shortens every
measurement for a smoke run; its figures are not the ones to publish.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import io
import platform
import pstats
import statistics
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from transitions import Machine

import pathway_fsm as pf
from pathway_fsm import Actor, Role, typ
from pathway_fsm._engine.definition import Proposal, TransitionSpec

try:
    from statemachine import State as PsmState
    from statemachine import StateMachine
    from statemachine.exceptions import TransitionNotAllowed
except ImportError:  # the bench extra is not installed: the peer column stays empty
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


def build(journey: list[tuple[str, date, Actor, dict[str, Any]]]) -> pf.Pathway:
    """Walk a TYP pathway through *journey* with the public API."""
    (_, at, by, data), *rest = journey
    pathway = DEFINITION.start("client-0042", at=at, by=by, **data)
    for trigger, on, actor, kwargs in rest:
        pathway.fire(trigger, at=on, by=actor, **kwargs)
    return pathway


STORED = pf.to_dict(build(JOURNEY))
TYPED = [(e.trigger, e.at, e.actor, e.data) for e in build(JOURNEY).history]


# --------------------------------------------------------------------------- timing


def per_call(fn: Callable[[], object], *, repeat: int, budget: float) -> float:
    """Median µs per call of *fn* over *repeat* runs of about *budget* seconds each."""
    number, spent = 1, 0.0
    while True:  # calibrate the loop count so one run takes about *budget*
        start = time.perf_counter()
        for _ in range(number):
            fn()
        spent = time.perf_counter() - start
        if spent >= budget / 4:
            break
        number *= 2
    number = max(1, int(number * budget / spent))
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - start) / number)
    return statistics.median(runs) * 1e6


def per_item(
    prepare: Callable[[int], list[Any]],
    act: Callable[[Any], object],
    *,
    repeat: int,
    items: int,
) -> float:
    """Median µs per item of *act* over fresh lists made by *prepare* (untimed)."""
    runs = []
    for _ in range(repeat):
        batch = prepare(items)
        gc.collect()
        start = time.perf_counter()
        for item in batch:
            act(item)
        runs.append((time.perf_counter() - start) / items)
    return statistics.median(runs) * 1e6


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


# --------------------------------------------------------------------------- measurements


def measure(repeat: int, budget: float, items: int) -> dict[str, dict[str, float | None]]:
    d0, d1 = JOURNEY[0][1], JOURNEY[1][1]
    entry_typed = typ.EntryFacts(**ENTRY)
    short_typed = typ.EntryFacts(**ENTRY_SHORT)
    rows: dict[str, dict[str, float | None]] = {}

    def timed(fn: Callable[[], object]) -> float:
        return per_call(fn, repeat=repeat, budget=budget)

    # 1. create
    rows["create"] = {
        "pf": timed(lambda: DEFINITION.start("client-0042", at=d0, by=OFFICE)),
        "bare": timed(lambda: bare_machine(d0)),
        "psm": timed(lambda: psm_machine(d0)) if PSM else None,
    }

    # 2. fire, accepted: admit on fresh pathways
    def fresh_pathways(n: int) -> list[pf.Pathway]:
        return [DEFINITION.start("client-0042", at=d0, by=OFFICE) for _ in range(n)]

    one_bare = bare_machine(d0)
    start_context = one_bare.context

    def bare_admit(model: Any) -> None:
        assert model.admit(at=d1, by=OFFICE, data=entry_typed)

    accepted: dict[str, float | None] = {
        "pf": per_item(
            fresh_pathways,
            lambda p: p.fire("admit", at=d1, by=OFFICE, **ENTRY),
            repeat=repeat,
            items=items,
        ),
        "bare": per_item(
            lambda n: [bare_machine(d0) for _ in range(n)],
            bare_admit,
            repeat=repeat,
            items=max(200, items // 3),
        ),
        "psm": None,
    }
    if PSM:

        def psm_admit(machine: Any) -> None:
            machine.send("admit", at=d1, by=OFFICE, data=entry_typed)

        accepted["psm"] = per_item(
            lambda n: [psm_machine(d0) for _ in range(n)],
            psm_admit,
            repeat=repeat,
            items=max(200, items // 10),
        )
    rows["fire accepted"] = accepted

    # 2. fire, refused: admit with too few subsidy days; nothing changes, so repeat
    pathway = DEFINITION.start("client-0042", at=d0, by=OFFICE)

    def pf_refused() -> object:
        try:
            pathway.fire("admit", at=d1, by=OFFICE, **ENTRY_SHORT)
        except pf.TransitionRefused as refused:
            return refused.reasons
        raise AssertionError

    def bare_refused() -> None:
        assert not one_bare.admit(at=d1, by=OFFICE, data=short_typed)

    one_bare.state, one_bare.context = "tunnista", start_context
    refused_row: dict[str, float | None] = {
        "pf": timed(pf_refused),
        "bare": timed(bare_refused),
        "psm": None,
    }
    if PSM:
        one_psm = psm_machine(d0)

        def psm_refused() -> None:
            with contextlib.suppress(TransitionNotAllowed):
                one_psm.send("admit", at=d1, by=OFFICE, data=short_typed)

        refused_row["psm"] = timed(psm_refused)
    rows["fire refused"] = refused_row

    # 3. restore a stored 10-event pathway
    def bare_replay() -> None:
        model = bare_machine(TYPED[0][1])
        for trigger, at, by, data in TYPED[1:]:
            assert model.trigger(trigger, at=at, by=by, data=data)

    def psm_replay() -> None:
        machine = psm_machine(TYPED[0][1])
        for trigger, at, by, data in TYPED[1:]:
            machine.send(trigger, at=at, by=by, data=data)

    rows["restore 10 events"] = {
        "pf": timed(lambda: pf.from_dict(STORED)),
        "bare": timed(bare_replay),
        "psm": timed(psm_replay) if PSM else None,
    }

    # 7. floor: the same transition as a dict lookup and one guard call
    table = {
        (s, spec.trigger): spec.dest_from(s)
        for spec in DEFINITION.transition_specs
        for s in spec.sources
    }
    guard = DEFINITION.transition("admit").guards[0]
    proposal = Proposal(
        "admit", "tunnista", start_context, entry_typed, d1, OFFICE, (), policy=DEFINITION.policy
    )

    def floor() -> None:
        table["tunnista", "admit"]
        for _ in guard(proposal):
            pass

    rows["floor"] = {"pf": timed(floor), "bare": None, "psm": None}
    return rows


def sweep(count: int) -> dict[str, float]:
    """Restore *count* stored pathways of 2, 5 and 10 events and ask each for deadlines."""
    templates = [pf.to_dict(build(JOURNEY[:n])) for n in (2, 5, 10)]
    documents = [{**templates[i % 3], "client_id": f"client-{i:06d}"} for i in range(count)]
    events = sum(len(d["history"]) for d in documents)
    on = date(2025, 12, 1)
    gc.collect()
    replayed = asked = 0.0
    due = 0
    clock = time.perf_counter
    for document in documents:  # one at a time, as a nightly job would: nothing is kept
        t0 = clock()
        pathway = pf.from_dict(document)
        t1 = clock()
        due += len(pathway.deadlines(at=on))
        t2 = clock()
        replayed += t1 - t0
        asked += t2 - t1
    total = replayed + asked
    return {
        "pathways": count,
        "events": events,
        "seconds": total,
        "us_per_pathway": total / count * 1e6,
        "events_per_second": events / replayed,
        "deadline_us": asked / count * 1e6,
        "deadlines": due,
    }


def memory(count: int) -> dict[str, float]:
    """Bytes per idle restored 10-event pathway, and growth of the shared machine."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    kept = [pf.from_dict(STORED) for _ in range(1000)]
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    per_pathway = sum(s.size_diff for s in after.compare_to(before, "filename")) / len(kept)
    del kept

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
    grown = sys.getallocatedblocks() - first
    return {
        "bytes_per_pathway": per_pathway,
        "created_and_dropped": count,
        "blocks_grown": grown,
        "machine_models": shape()[0],
        "machine_shape_same": float(shape() == shape_before),
    }


def _long_pathway(events: int) -> pf.Pathway:
    """A TYP pathway with a plan in force and *events* events: progress reports on top."""
    pathway = build(JOURNEY[:3])
    on = JOURNEY[2][1]
    while pathway.seq < events:
        pathway.fire("report_progress", at=on, by=CLIENT)
    return pathway


def growth(rounds: int, *, short: int, long: int, restore_long: int) -> dict[str, float]:
    """Ratios of per-event cost at a long history to a short one, rounds interleaved.

    Fire: one ``report_progress`` on each of many fresh *short*-event pathways, against
    as many on one pathway of *long* events (which grows by that few). Restore: µs per
    event of ``from_dict`` of a 1,000-event document against a *restore_long* one. Each
    round times both contenders back to back; the ratio is the median of the rounds'.
    """
    fires = 300
    on = JOURNEY[2][1]
    fire_ratios, restore_ratios, lock_shares = [], [], []
    small_doc = pf.to_dict(_long_pathway(1_000))
    big_doc = pf.to_dict(_long_pathway(restore_long))
    lock = threading.Lock()
    for _ in range(rounds):
        fresh = [_long_pathway(short) for _ in range(fires)]
        big = _long_pathway(long)
        gc.collect()
        t0 = time.perf_counter()
        for pathway in fresh:
            pathway.fire("report_progress", at=on, by=CLIENT)
        t1 = time.perf_counter()
        for _ in range(fires):
            big.fire("report_progress", at=on, by=CLIENT)
        t2 = time.perf_counter()
        fire_ratios.append((t2 - t1) / (t1 - t0))
        t3 = time.perf_counter()
        pf.from_dict(small_doc)
        t4 = time.perf_counter()
        pf.from_dict(big_doc)
        t5 = time.perf_counter()
        restore_ratios.append(((t5 - t4) / restore_long) / ((t4 - t3) / 1_000))
        t6 = time.perf_counter()
        for _ in range(fires):
            with lock:
                pass
        t7 = time.perf_counter()
        lock_shares.append((t7 - t6) / (t1 - t0))
    return {
        "fire_ratio": statistics.median(fire_ratios),
        "restore_ratio": statistics.median(restore_ratios),
        "lock_share": statistics.median(lock_shares),
        "short": short,
        "long": long,
        "restore_long": restore_long,
    }


# Where time goes, by the cumulative time of a few entry points (nested ones overlap:
# the stored-form checks include the conversion of each event's data).
PARTS = {
    "transitions dispatch": ("transitions/core.py", "trigger"),
    "strict conversion (cattrs)": ("pathway_fsm/_convert.py", "structure"),
    "stored-form checks": ("pathway_fsm/_serialization.py", "_event_of"),
    "guards and engine checks": ("pathway_fsm/_engine/checks.py", "evaluate"),
    "context reducers (attrs.evolve)": ("attr/_make.py", "evolve"),
}


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
        for part, (path, name) in PARTS.items():
            spent = sum(
                row[3]
                for (filename, _, function), row in table.items()
                if filename.endswith(path) and function == name
            )
            shares[part].append(f"{spent / total:.0%}" if spent else "—")
    for part, cells in shares.items():
        yield f"| {part} | " + " | ".join(cells) + " |"


def profile_top(rounds: int) -> str:
    """The top of a cProfile of from_dict, by own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        pf.from_dict(STORED)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
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


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}"


def table(rows: dict[str, dict[str, float | None]]) -> Iterator[str]:
    """Markdown rows: µs per operation and the ratio each target is about."""
    yield (
        "| measure | pathway_fsm µs | transitions µs | ratio | target | held | "
        "python-statemachine µs | ratio |"
    )
    yield "|---|---:|---:|---:|---|---|---:|---:|"
    targets = {
        "create": ("faster", 100.0),
        "fire accepted": ("of bare", 1.5),
        "fire refused": ("of bare", 2.0),
        "restore 10 events": ("faster", 5.0),
    }
    for name, row in rows.items():
        pf_us, bare, psm = row["pf"], row["bare"], row["psm"]
        if name == "floor":
            yield f"| floor: dict lookup + one guard | {_fmt(pf_us)} | — | — | — | — | — | — |"
            continue
        kind, goal = targets[name]
        assert pf_us is not None
        assert bare is not None
        if kind == "faster":
            text, held = f"{bare / pf_us:.1f}× faster", bare / pf_us >= goal
            psm_text = "—" if psm is None else f"{psm / pf_us:.1f}× faster"
            goal_text = f"≥ {goal:g}× faster"
        else:
            text, held = f"{pf_us / bare:.2f}× bare", pf_us / bare <= goal
            psm_text = "—" if psm is None else f"{pf_us / psm:.2f}× peer"
            goal_text = f"≤ {goal:g}× bare"
        yield (
            f"| {name} | {_fmt(pf_us)} | {_fmt(bare)} | {text} | {goal_text} | "
            f"{'yes' if held else 'no'} | {_fmt(psm)} | {psm_text} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile")
    args = parser.parse_args()
    repeat, budget, items, count = (5, 0.05, 300, 3000) if args.quick else (7, 0.4, 3000, 100_000)

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
    print(f"- medians of {repeat} repetitions{' (quick run)' if args.quick else ''}")
    print()
    for line in table(measure(repeat, budget, items)):
        print(line)
    print()
    swept = sweep(count)
    print(
        f"- sweep: {swept['pathways']:,} stored pathways ({swept['events']:,} events; 2, 5 "
        f"and 10 events each) restored and asked for deadlines in {swept['seconds']:.1f} s, "
        f"{swept['us_per_pathway']:.0f} µs per pathway (of which deadlines "
        f"{swept['deadline_us']:.1f} µs); replay {swept['events_per_second']:,.0f} events/s"
    )
    mem = memory(count)
    print(
        f"- memory: {mem['bytes_per_pathway']:,.0f} bytes per idle restored 10-event pathway "
        "(target ≤ 2,048)"
    )
    print(
        f"- no growth: {mem['created_and_dropped']:,} pathways created, fired and dropped; "
        f"allocated memory blocks grew by {mem['blocks_grown']:,.0f}; the shared machine has "
        f"{mem['machine_models']:.0f} models and "
        f"{'the same' if mem['machine_shape_same'] else 'a CHANGED'} shape"
    )
    grown = growth(5, short=10, long=10_000, restore_long=10_000 if args.quick else 100_000)
    print(
        f"- history length: a fire at {grown['long']:,} events costs "
        f"{grown['fire_ratio']:.2f}× a fire at {grown['short']} (target ≤ 1.3×); from_dict "
        f"costs {grown['restore_ratio']:.2f}× per event at {grown['restore_long']:,} events "
        "what it costs at 1,000 (target ≤ 1.5×); medians of 5 interleaved rounds"
    )
    print(
        f"- thread safety: the commit lock, taken once per fire, is "
        f"{grown['lock_share']:.1%} of an accepted fire"
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
    sys.stdout.flush()


if __name__ == "__main__":
    main()
