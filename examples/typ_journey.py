"""One client's journey through TYP, from referral to the end of the client relationship.

Run it with ``make demo``. It shows a refused trigger with its reasons in Finnish and
English, the deadlines at each step, a host hook, TYP's ending recorded together with
the step of the client's journey it calls for, and a JSON round trip of the stored
pathway. The host's side (clock, storage, messages) is played by this script.
"""

from __future__ import annotations

import json
from datetime import date

import pathway_fsm as pf
from pathway_fsm import Actor, Role, journey, typ

office = Actor("ea-counsellor-17", Role.EMPLOYMENT_AUTHORITY)
county = Actor("wc-social-worker-4", Role.WELLBEING_COUNTY)
kela = Actor("kela-officer-2", Role.KELA)
client = Actor("client-self", Role.CLIENT)
EVERYONE = [Role.EMPLOYMENT_AUTHORITY, Role.WELLBEING_COUNTY, Role.KELA, Role.CLIENT]

booked: list[str] = []


def book_joint_meeting(pathway: pf.Pathway, event: pf.Event) -> None:
    """A host after-hook: the real system would book the joint planning meeting here."""
    booked.append(f"joint planning meeting for {pathway.client_id} after {event.at}")


def show_deadlines(pathway: pf.Pathway, on: date) -> None:
    for d in pathway.deadlines(at=on):
        flag = "OVERDUE" if d.overdue else "open"
        print(f"    {d.message('fi')} / {d.message('en')}: due {d.due} ({flag})")


def step(pathway: pf.Pathway, trigger: str, on: date, by: Actor, **data: object) -> None:
    event = pathway.fire(trigger, at=on, by=by, **data)
    label = pathway.definition.state(event.dest).label
    print(f"{on}  {trigger:<24} -> {label.fi} ({label.en})")


def main() -> None:
    definition = typ.definition()  # the default "seed" profile (D1)
    hooks = pf.Hooks().after(book_joint_meeting, trigger="admit")
    pathway = definition.start("client-0042", at=date(2025, 1, 8), by=office, hooks=hooks)
    print(f"{date(2025, 1, 8)}  start                    -> Tunnista (Identify)")
    # The client's journey across services: TYP is, for now, the only one.
    client_journey = journey.definition().start(
        "client-0042", at=date(2025, 1, 8), by=office, party=office.role, service="typ"
    )

    # 1. A refused admission: 280 days of labour market subsidy is below the limit.
    facts = {
        "multidisciplinary_need": True,
        "benefits_from_service": True,
        "labour_market_subsidy_days": 280,
        "birth_date": date(2003, 5, 2),
        "unemployed_since": date(2024, 9, 1),
    }
    try:
        pathway.fire("admit", at=date(2025, 1, 15), by=office, **facts)
    except pf.TransitionRefused as refused:
        print("\nadmit refused, nothing changed:")
        for reason in refused.reasons:
            print(f"  [{reason.code}]")
            print(f"    fi: {reason.message('fi')}")
            print(f"    en: {reason.message('en')}")
    assert pathway.state == "tunnista"

    # 2. A month later the six months of unemployment under 25 are complete (T2a(3)).
    print()
    step(pathway, "admit", date(2025, 3, 3), office, **facts)
    print(f"  host hook: {booked[-1]}")
    show_deadlines(pathway, date(2025, 3, 3))

    plan = {
        "services": [
            {
                "name": "työ- ja toimintakyvyn arviointi",
                "provider": "wellbeing_county",
                "kind": "social",
            },
            {"name": "ammatillinen kuntoutus", "provider": "kela", "kind": "rehabilitation"},
            {"name": "työkokeilu", "provider": "employment_authority", "kind": "employment"},
        ],
        "follow_up": "yhteistapaaminen kuukausittain",
        "job_search": "included",
        "made_with": EVERYONE,
        "assessed": ["competence", "social_situation", "health", "work_capacity"],
    }
    step(pathway, "make_plan", date(2025, 5, 20), office, **plan)
    show_deadlines(pathway, date(2025, 5, 20))
    step(pathway, "begin_trial", date(2025, 6, 2), office)
    step(pathway, "request_review", date(2025, 7, 1), client)
    show_deadlines(pathway, date(2025, 7, 1))
    step(pathway, "review_plan", date(2025, 7, 10), office, participants=EVERYONE)
    step(pathway, "revise_plan", date(2025, 9, 15), county, **plan)
    step(pathway, "begin_trial", date(2025, 9, 16), office)
    step(pathway, "begin_resolution", date(2026, 2, 2), office)
    step(pathway, "record_final_assessment", date(2026, 2, 10), county, participants=EVERYONE)
    # TYP's ending and the journey step it names are recorded together, or neither.
    ended, handed = journey.end_service(
        client_journey,
        pathway,
        at=date(2026, 2, 10),
        by=office,
        handover_id="typ-end",
        respond_by=pf.add_days(date(2026, 2, 10), 14),
        decided_by=["employment_authority", "wellbeing_county", "kela"],
        next_party="employment_authority",
        next_service="palkkatuettu työ",
    )
    label = pathway.definition.state(ended.dest).label
    print(f"{ended.at}  {ended.trigger:<24} -> {label.fi} ({label.en})")
    print(f"  journey: {handed.trigger} to {handed.data.to_service!r}")
    show_deadlines(pathway, date(2026, 2, 10))

    # 3. Store and restore: JSON text in, an equal pathway out, every rule re-checked.
    text = json.dumps(pf.to_dict(pathway), ensure_ascii=False)
    restored = pf.from_dict(json.loads(text))
    assert restored == pathway
    print(f"\nstored as {len(text)} characters of JSON; restored pathway equal: True")
    print(f"history: {len(pathway.history)} events, state {pathway.state!r}")


if __name__ == "__main__":
    main()
