"""A nightly deadline sweep spread over a process pool: stored JSON texts in, counts out.

The host keeps each pathway as the JSON text of ``to_dict``. Here a few thousand are
built in memory (clients started on different days, some admitted, some with a plan);
a real job would read them from its database in pages. Each worker sweeps one chunk
of texts with ``pathway_fsm.sweep`` and sends back only counts. The parent keeps two
chunks per worker in flight (``Executor.map`` would read the whole input first), so
memory stays flat however many pathways there are. Run it:
``python examples/sweep_pool.py``.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from datetime import date, timedelta
from itertools import islice
from typing import Any

import pathway_fsm as pf
from pathway_fsm import Actor, Role, typ

PATHWAYS = 3_000
CHUNK = 250
ON = date(2025, 12, 1)
ENTRY: dict[str, Any] = {
    "multidisciplinary_need": True,
    "benefits_from_service": True,
    "labour_market_subsidy_days": 400,
}
PLAN: dict[str, Any] = {
    "services": [
        {"name": "työkyvyn arviointi", "provider": "wellbeing_county", "kind": "social"},
    ],
    "follow_up": "yhteistapaaminen kuukausittain",
    "job_search": "included",
    "made_with": ["employment_authority", "wellbeing_county", "kela", "client"],
    "assessed": ["competence", "social_situation", "health", "work_capacity"],
}


def stored_texts(count: int) -> Iterator[str]:
    """*count* stored TYP pathways as JSON texts, each with its own client and officer."""
    definition = typ.definition()
    for i in range(count):
        officer = Actor(f"ea-{i % 40}", Role.EMPLOYMENT_AUTHORITY)
        started = date(2025, 1, 2) + timedelta(days=i % 300)
        pathway = definition.start(f"client-{i:06d}", at=started, by=officer)
        if i % 3:
            pathway.fire("admit", at=started + timedelta(days=5), by=officer, **ENTRY)
        if i % 3 == 2:
            pathway.fire("make_plan", at=started + timedelta(days=30), by=officer, **PLAN)
        text = json.dumps(pf.to_dict(pathway))
        yield text if i % 500 else text[:-2]  # now and then a text cut short in storage


def chunks(texts: Iterator[str], size: int) -> Iterator[list[str]]:
    """The texts in lists of *size*, each read when it is asked for."""
    while chunk := list(islice(texts, size)):
        yield chunk


def swept(
    pool: ProcessPoolExecutor, work: Iterator[list[str]], window: int
) -> Iterator[Counter[str]]:
    """Each chunk's counts, with at most *window* chunks submitted and not yet done."""
    running: set[Future[Counter[str]]] = set()
    for chunk in work:
        running.add(pool.submit(sweep_chunk, chunk))
        if len(running) >= window:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            yield from (future.result() for future in done)
    yield from (future.result() for future in wait(running).done)


def sweep_chunk(texts: list[str]) -> Counter[str]:
    """In a worker: sweep one chunk and count open and overdue deadlines and bad texts."""
    counts: Counter[str] = Counter()
    for row in pf.sweep(texts, at=ON):
        if isinstance(row, pf.SweepError):
            counts["bad documents"] += 1
            continue
        counts["pathways"] += 1
        for deadline in row.deadlines:
            counts[f"{'overdue' if deadline.overdue else 'open'} {deadline.code}"] += 1
    return counts


def main() -> None:
    """Sweep every stored pathway over the pool and print the totals."""
    total: Counter[str] = Counter()
    workers = min(4, os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for counts in swept(pool, chunks(stored_texts(PATHWAYS), CHUNK), 2 * workers):
            total.update(counts)
    print(f"Swept {total.pop('pathways'):,} pathways on {ON} over {workers} processes")
    print(f"  documents that did not restore: {total.pop('bad documents', 0)}")
    for name, count in sorted(total.items()):
        print(f"  {name}: {count:,}")


if __name__ == "__main__":
    main()
