"""Stored TYP pathways in SQLite, with a compare-and-set on the sequence number.

Two writers load the same pathway and each fires a trigger. The second one's save
matches no row (the first moved the pathway on), so it reloads and retries; the retry
sees the admission already recorded and is refused. Nothing is overwritten and no event
is lost. Runs on an in-memory database.
"""

import json
import sqlite3
from datetime import date

import pathway_fsm as pf
from pathway_fsm import typ

definition = typ.definition(profile="381/2023")
office = pf.Actor("te-1", pf.Role.EMPLOYMENT_AUTHORITY)
kela = pf.Actor("kela-1", pf.Role.KELA)

db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE pathway (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, document TEXT)")


def load(pathway_id: str) -> tuple[pf.Pathway, int]:
    """The stored pathway and the sequence number it was saved at."""
    seq, document = db.execute(
        "SELECT seq, document FROM pathway WHERE id = ?", (pathway_id,)
    ).fetchone()
    return pf.from_dict(json.loads(document), definition=definition), seq


def save(pathway_id: str, pathway: pf.Pathway, seen: int) -> bool:
    """Write *pathway* back only if nobody has since; say whether it was written."""
    cursor = db.execute(
        "UPDATE pathway SET document = ?, seq = ? WHERE id = ? AND seq = ?",
        (json.dumps(pf.to_dict(pathway)), len(pathway.history), pathway_id, seen),
    )
    return cursor.rowcount == 1


first = definition.start("client-1", at=date(2025, 2, 3), by=office)
db.execute(
    "INSERT INTO pathway VALUES (?, ?, ?)",
    ("p1", len(first.history), json.dumps(pf.to_dict(first))),
)

a, seen_a = load("p1")  # two writers load the same row
b, seen_b = load("p1")
facts = {"multidisciplinary_need": True, "work_capacity_limitations": True,
         "solvable_by_consultation": False}  # fmt: skip
a.fire("admit", at=date(2025, 2, 10), by=office, expected_seq=seen_a, **facts)
print("writer A saved:", save("p1", a, seen_a))
b.fire("admit", at=date(2025, 2, 11), by=kela, expected_seq=seen_b, **facts)
print("writer B saved:", save("p1", b, seen_b), "(stale: reload and retry)")

b, seen_b = load("p1")
try:
    b.fire("admit", at=date(2025, 2, 11), by=kela, expected_seq=seen_b, **facts)
except pf.TransitionRefused as refused:
    print("writer B on retry:", [r.code for r in refused.reasons])
final, seq = load("p1")
print(f"stored: state={final.state}, seq={seq}, events={[e.trigger for e in final.history]}")
