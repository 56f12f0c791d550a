"""A small case system: stored pathways, hooks bound once, a UI's action list, an audit trail.

Run it with ``make examples``. The host keeps each client's TYP pathway and journey in
SQLite, saves with a compare-and-set on the sequence number, binds its hooks to the
definitions once (so every load has them), lists what a counsellor may do now in
Finnish, records who entered each event, and at TYP's end hands the client over to the
next service through the journey, both recorded or neither.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import date

import pathway_fsm as pf
from pathway_fsm import Actor, Role, journey, typ

office = Actor("ea-counsellor-17", Role.EMPLOYMENT_AUTHORITY)
county = Actor("wc-social-worker-4", Role.WELLBEING_COUNTY)
client = Actor("client-self", Role.CLIENT)
EVERYONE = [Role.EMPLOYMENT_AUTHORITY, Role.WELLBEING_COUNTY, Role.KELA, Role.CLIENT]
CASE = "case-2025-0042"

outbox: list[str] = []
refusals: Counter[str] = Counter()


def notify(pathway: pf.Pathway, event: pf.Event) -> None:
    """After every event: the real system would send its messages here."""
    outbox.append(f"{pathway.definition.name} #{event.seq} {event.trigger}")


def count(pathway: pf.Pathway | None, refused: pf.TransitionRefused) -> None:
    """On every refusal: the real system would feed its metrics here."""
    refusals.update(r.code for r in refused.reasons)


HOOKS = pf.Hooks().after(notify).on_refused(count)
TYP = typ.definition().with_hooks(HOOKS)  # bound once: start, load and replay run them
JOURNEY = journey.definition().with_hooks(HOOKS)
BOUND = {"typ": TYP, "journey": JOURNEY}

db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE pathway (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, document TEXT)")


def insert(key: str, pathway: pf.Pathway) -> None:
    document = json.dumps(pf.to_dict(pathway), ensure_ascii=False)
    db.execute("INSERT INTO pathway VALUES (?, ?, ?)", (key, pathway.seq, document))


def load(key: str) -> pf.Pathway:
    """The stored pathway, restored through its bound definition."""
    (document,) = db.execute("SELECT document FROM pathway WHERE id = ?", (key,)).fetchone()
    stored = json.loads(document)
    return pf.from_dict(stored, definition=BOUND[stored["definition"]["name"]])


def save(key: str, pathway: pf.Pathway, seen: int) -> None:
    """Write back only over the version that was loaded; anything else is a conflict."""
    document = json.dumps(pf.to_dict(pathway), ensure_ascii=False)
    cursor = db.execute(
        "UPDATE pathway SET document = ?, seq = ? WHERE id = ? AND seq = ?",
        (document, pathway.seq, key, seen),
    )
    assert cursor.rowcount == 1, f"{key} was changed by someone else: reload and retry"


def fire(key: str, trigger: str, on: date, by: Actor, **data: object) -> pf.Event:
    """One request of the web UI: load, fire on the loaded version, save."""
    pathway = load(key)
    seen = pathway.seq
    event = pathway.fire(trigger, at=on, by=by, expected_seq=seen, ref=CASE, **data)
    save(key, pathway, seen)
    return event


def show_actions(key: str, on: date, by: Actor) -> None:
    """What the counsellor's screen offers now, in Finnish; the rest greyed out, with why."""
    actions = load(key).actions(at=on, by=by)
    for action in actions:
        if action.allowed:
            fields = ", ".join(f.name for f in action.fields) or "ei tietoja"
            print(f"  [x] {action.label.fi} ({fields})")
    blocked = [a for a in actions if not a.allowed]
    print(f"  [ ] {len(blocked)} muuta, esim. {blocked[0].blockers[0].message('fi')}")


def main() -> None:
    start = date(2025, 3, 3)
    insert("typ/0042", TYP.start("client-0042", at=start, by=office, ref=CASE))
    insert(
        "journey/0042",
        JOURNEY.start("client-0042", at=start, by=office, party=office.role, service="typ"),
    )
    facts = {
        "multidisciplinary_need": True,
        "benefits_from_service": True,
        "labour_market_subsidy_days": 320,
        "birth_date": date(1984, 5, 2),
        "unemployed_since": date(2023, 9, 1),
    }
    print("actions on", start)
    show_actions("typ/0042", start, office)
    fire("typ/0042", "admit", start, office, **facts)
    plan = {
        "services": [
            {"name": "työkokeilu", "provider": "employment_authority", "kind": "employment"},
            {"name": "ammatillinen kuntoutus", "provider": "kela", "kind": "rehabilitation"},
        ],
        "follow_up": "yhteistapaaminen kuukausittain",
        "job_search": "included",
        "made_with": EVERYONE,
        "assessed": ["competence", "social_situation", "health", "work_capacity"],
    }
    fire("typ/0042", "make_plan", date(2025, 5, 20), office, **plan)
    fire("typ/0042", "begin_trial", date(2025, 6, 2), office)
    print("actions on 2025-06-02")
    show_actions("typ/0042", date(2025, 6, 2), office)
    # The client phones in; the counsellor enters the client's own request.
    fire("typ/0042", "request_review", date(2025, 7, 1), client, recorded_by=office)
    try:  # a second request before the review is refused, and counted by the hook
        fire("typ/0042", "request_review", date(2025, 7, 2), client, recorded_by=office)
    except pf.TransitionRefused as refused:
        print("refused:", refused.reasons[0].message("fi"))
    fire("typ/0042", "review_plan", date(2025, 7, 10), office, participants=EVERYONE)
    fire("typ/0042", "begin_resolution", date(2026, 2, 2), office)
    fire("typ/0042", "record_final_assessment", date(2026, 2, 10), county, participants=EVERYONE)

    # TYP's end and the journey's handover, recorded together or not at all.
    service, client_journey = load("typ/0042"), load("journey/0042")
    seen = service.seq, client_journey.seq
    ended, handed = journey.end_service(
        client_journey,
        service,
        at=date(2026, 2, 10),
        by=office,
        handover_id="typ-end",
        respond_by=pf.add_days(date(2026, 2, 10), 14),
        decided_by=["employment_authority", "wellbeing_county", "kela"],
        next_party="wellbeing_county",
        next_service="kuntouttava työtoiminta",
    )
    save("typ/0042", service, seen[0])
    save("journey/0042", client_journey, seen[1])
    print(f"TYP {ended.trigger} -> {ended.dest}; journey {handed.trigger} -> {handed.dest}")

    print("audit trail:")
    for event in load("typ/0042").history:
        entered = f", entered by {event.recorded_by.actor_id}" if event.recorded_by else ""
        print(f"  #{event.seq} {event.at} {event.trigger:<24} {event.actor.actor_id}{entered}")
    print("outbox:", len(outbox), "messages; last:", outbox[-1])
    print("refusals by code:", dict(refusals))
    assert refusals == Counter({"typ.review.already_requested": 1})
    assert handed.data.to_service == "kuntouttava työtoiminta"


if __name__ == "__main__":
    main()
