"""Definition coverage for the pytest plugin's ``--pathway-coverage``: which edges fired and
which reason codes the guards produced, per definition.

:func:`start` wraps four engine functions (start, accept, check and the guard evaluation
they share) with recording ones; nothing is wrapped, and nothing costs anything, unless
the option is given. Records are plain names and counts, so pytest-xdist workers can
send them to the controller, which merges them (:meth:`Recorder.merge`).
"""

from __future__ import annotations

import functools
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from ._engine import pathway as _pathway
from ._engine.definition import ProcessDefinition
from ._engine.model import Event, Verdict

__all__ = ["DefinitionCoverage", "Recorder", "report_lines", "start", "stop"]

Edge = tuple[str, str | None, str]


@attrs.frozen
class DefinitionCoverage:
    """One definition's declared edges and reason codes, and how often each was exercised."""

    name: str
    edges: Mapping[Edge, int]
    reasons: Mapping[str, int]

    @property
    def missing_edges(self) -> list[Edge]:
        """Declared edges no test fired, in a stable order."""
        return sorted((e for e, n in self.edges.items() if not n), key=_edge_key)

    @property
    def missing_reasons(self) -> list[str]:
        """Declared reason codes no guard or note produced."""
        return sorted(code for code, n in self.reasons.items() if not n)

    @property
    def covered(self) -> int:
        """Edges and reason codes exercised at least once."""
        return sum(1 for n in (*self.edges.values(), *self.reasons.values()) if n)

    @property
    def total(self) -> int:
        """Edges and reason codes declared."""
        return len(self.edges) + len(self.reasons)


def _edge_key(edge: Edge) -> tuple[str, str, str]:
    return edge[0], edge[1] or "", edge[2]


class Recorder:
    """What the run fired and produced, by definition name; safe to use from threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.edges: dict[str, Counter[Edge]] = {}
        self.reasons: dict[str, Counter[str]] = {}
        # The declared edges and codes of every definition seen, by name (policies of
        # one process may differ in their guards, so the union is taken).
        self.declared_edges: dict[str, set[Edge]] = {}
        self.declared_reasons: dict[str, set[str]] = {}
        self._seen: set[int] = set()

    def see(self, definition: ProcessDefinition) -> None:
        """Note *definition*'s declared edges and reason codes, once per definition object."""
        key = id(definition)
        if key in self._seen:
            return
        with self._lock:
            self._seen.add(key)
            name = definition.name
            self.declared_edges.setdefault(name, set()).update(definition.edges)
            self.declared_reasons.setdefault(name, set()).update(
                kind.code for spec in definition.transition_specs for kind in spec.reasons
            )
            self.edges.setdefault(name, Counter())
            self.reasons.setdefault(name, Counter())

    def fired(self, definition: ProcessDefinition, event: Event) -> None:
        """Count the edge *event* took."""
        self.see(definition)
        with self._lock:
            self.edges[definition.name][(event.trigger, event.source, event.dest)] += 1

    def produced(self, definition: ProcessDefinition, codes: Iterable[str]) -> None:
        """Count reason codes a guard or note of *definition* gave."""
        self.see(definition)
        with self._lock:
            self.reasons[definition.name].update(codes)

    def to_data(self) -> dict[str, Any]:
        """Plain lists and numbers, for pytest-xdist to send from a worker."""
        with self._lock:
            return {
                name: {
                    "edges": sorted(
                        ([*e, self.edges[name][e]] for e in self.declared_edges[name]),
                        key=lambda row: _edge_key((row[0], row[1], row[2])),
                    ),
                    "reasons": {c: self.reasons[name][c] for c in self.declared_reasons[name]},
                }
                for name in self.declared_edges
            }

    def merge(self, data: Mapping[str, Any]) -> None:
        """Add a worker's :meth:`to_data` to this recorder."""
        with self._lock:
            for name, part in data.items():
                edges = self.declared_edges.setdefault(name, set())
                counts = self.edges.setdefault(name, Counter())
                for trigger, source, dest, n in part["edges"]:
                    edges.add((trigger, source, dest))
                    counts[(trigger, source, dest)] += n
                self.declared_reasons.setdefault(name, set()).update(part["reasons"])
                self.reasons.setdefault(name, Counter()).update(
                    {c: n for c, n in part["reasons"].items() if n}
                )

    def coverage(self) -> list[DefinitionCoverage]:
        """Each definition's coverage, by name."""
        with self._lock:
            return [
                DefinitionCoverage(
                    name,
                    {e: self.edges[name][e] for e in self.declared_edges[name]},
                    {c: self.reasons[name][c] for c in self.declared_reasons[name]},
                )
                for name in sorted(self.declared_edges)
            ]


def percent(found: list[DefinitionCoverage]) -> float:
    """Edges and reason codes exercised, as a percentage of those declared (100 for none)."""
    total = sum(c.total for c in found)
    return 100.0 if not total else 100.0 * sum(c.covered for c in found) / total


def report_lines(found: list[DefinitionCoverage]) -> list[str]:
    """The report: a line per definition, then what each one is missing."""
    width = max([len("definition"), *(len(c.name) for c in found)])
    lines = [f"{'definition':<{width}}  edges      reason codes  missing"]
    for c in found:
        fired = sum(1 for n in c.edges.values() if n)
        made = sum(1 for n in c.reasons.values() if n)
        lines.append(
            f"{c.name:<{width}}  {fired:>3}/{len(c.edges):<3}    {made:>3}/{len(c.reasons):<3}"
            f"       {len(c.missing_edges) + len(c.missing_reasons)}"
        )
    lines.append(f"total: {percent(found):.1f}% of edges and reason codes exercised")
    for c in found:
        for trigger, source, dest in c.missing_edges:
            lines.append(f"{c.name}: edge not fired: {source} --{trigger}--> {dest}")
        lines.extend(f"{c.name}: reason not produced: {code}" for code in c.missing_reasons)
    return lines


_ORIGINALS: dict[str, Any] = {}
_CURRENT = threading.local()
# Every recorder of a running session: a session run inside another (pytester) records
# into its own and into the outer one.
_RECORDERS: list[Recorder] = []


class _All:
    """Every active recorder, as one."""

    def fired(self, definition: ProcessDefinition, event: Event) -> None:
        for one in list(_RECORDERS):
            one.fired(definition, event)

    def produced(self, definition: ProcessDefinition, codes: Iterable[str]) -> None:
        found = list(codes)
        for one in list(_RECORDERS):
            one.produced(definition, found)


def start(recorder: Recorder) -> None:
    """Record into *recorder* from now on, by wrapping the engine's start, accept, check
    and guard evaluation (once, for every recorder)."""
    _RECORDERS.append(recorder)
    if _ORIGINALS:
        return
    every = _All()
    cls = _pathway.Pathway
    begin: Callable[..., Any] = cls.__dict__["_begin"].__func__
    accept = cls._accept
    check = cls.check
    evaluate = _pathway._evaluate
    _ORIGINALS.update(_begin=cls.__dict__["_begin"], _accept=accept, check=check)
    _ORIGINALS["_evaluate"] = evaluate

    def within(definition: ProcessDefinition, call: Callable[[], Any]) -> Any:
        outer = getattr(_CURRENT, "definition", None)
        _CURRENT.definition = definition
        try:
            return call()
        finally:
            _CURRENT.definition = outer

    def recording_begin(kls: Any, definition: ProcessDefinition, *args: Any, **kw: Any) -> Any:
        made = within(definition, lambda: begin(kls, definition, *args, **kw))
        every.fired(definition, made.history[0])
        return made

    def recording_accept(self: Any, *args: Any, **kw: Any) -> Event:
        event: Event = within(self.definition, lambda: accept(self, *args, **kw))
        every.fired(self.definition, event)
        return event

    # check is public: the wrapper keeps its name and docstring for whoever reads them.
    @functools.wraps(check)
    def recording_check(self: Any, *args: Any, **kwargs: Any) -> Verdict:
        verdict: Verdict = within(self.definition, lambda: check(self, *args, **kwargs))
        return verdict

    def recording_evaluate(*args: Any, **kw: Any) -> Verdict:
        verdict: Verdict = evaluate(*args, **kw)
        definition = getattr(_CURRENT, "definition", None)
        if definition is not None and (verdict.reasons or verdict.notes):
            every.produced(definition, (r.code for r in (*verdict.reasons, *verdict.notes)))
        return verdict

    cls._begin = classmethod(recording_begin)  # type: ignore[method-assign,assignment]
    cls._accept = recording_accept  # type: ignore[method-assign]
    cls.check = recording_check  # type: ignore[method-assign]
    _pathway._evaluate = recording_evaluate


def stop(recorder: Recorder) -> None:
    """Stop recording into *recorder*; with no recorder left, put the engine's own
    functions back."""
    if recorder in _RECORDERS:
        _RECORDERS.remove(recorder)
    if _RECORDERS or not _ORIGINALS:
        return
    cls = _pathway.Pathway
    cls._begin = _ORIGINALS.pop("_begin")  # type: ignore[method-assign]
    cls._accept = _ORIGINALS.pop("_accept")  # type: ignore[method-assign]
    cls.check = _ORIGINALS.pop("check")  # type: ignore[method-assign]
    _pathway._evaluate = _ORIGINALS.pop("_evaluate")
