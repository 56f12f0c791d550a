"""A host that binds its hooks once, keeps an audit trail, and counts refusals.

Run it with ``make examples``. The host binds its hooks to the TYP definition, so the
pathway it starts and the one it later restores from storage both run them. A counsellor
enters the client's own request for a review: the event says the client acted and the
counsellor recorded it, under the host's case number. Refusals are counted by reason code
twice: by a refused-hook and by a logging handler this script installs on the library's
logger (the library itself never installs one).
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from contextlib import suppress
from datetime import date

import pathway_fsm as pf
from pathway_fsm import Actor, Role, typ

office = Actor("ea-counsellor-17", Role.EMPLOYMENT_AUTHORITY)
client = Actor("client-self", Role.CLIENT)
CASE = "case-2025-0042"
EVERYONE = [Role.EMPLOYMENT_AUTHORITY, Role.WELLBEING_COUNTY, Role.KELA, Role.CLIENT]

refusals_by_hook: Counter[str] = Counter()
refusals_by_log: Counter[str] = Counter()
notices: list[str] = []


def count_refusal(pathway: pf.Pathway | None, refused: pf.TransitionRefused) -> None:
    """A refused-hook: count each reason code (a real host would feed its metrics)."""
    refusals_by_hook.update(r.code for r in refused.reasons)


def notify(pathway: pf.Pathway, event: pf.Event) -> None:
    """An after-hook for every event, the start included."""
    notices.append(f"#{event.seq} {event.trigger} ({event.ref or 'no case ref'})")


class CountRefusals(logging.Handler):
    """The example's own handler: counts the codes of the library's refusal records."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.INFO:
            refusals_by_log.update(getattr(record, "reasons", ()))


def main() -> None:
    handler = CountRefusals()
    library_log = logging.getLogger("pathway_fsm")
    library_log.addHandler(handler)
    library_log.setLevel(logging.INFO)
    try:
        run()
    finally:
        library_log.removeHandler(handler)
        library_log.setLevel(logging.NOTSET)


def run() -> None:
    hooks = pf.Hooks().after(notify).on_refused(count_refusal)
    bound = typ.definition().with_hooks(hooks)  # bound once: start, from_dict and replay
    pathway = bound.start("client-0042", at=date(2025, 1, 8), by=office, ref=CASE)
    facts = {
        "multidisciplinary_need": True,
        "benefits_from_service": True,
        "labour_market_subsidy_days": 280,
        "birth_date": date(2003, 5, 2),
        "unemployed_since": date(2024, 9, 1),
    }
    with suppress(pf.TransitionRefused):  # six months unemployed under 25 are not complete
        pathway.fire("admit", at=date(2025, 1, 15), by=office, ref=CASE, **facts)
    pathway.fire("admit", at=date(2025, 3, 3), by=office, ref=CASE, **facts)

    # The pathway is stored and read back, as a host does between requests.
    stored = json.dumps(pf.to_dict(pathway))
    pathway = pf.from_dict(json.loads(stored), definition=bound)  # the hooks come along
    pathway.fire(
        "make_plan",
        at=date(2025, 5, 20),
        by=office,
        ref=CASE,
        services=[
            {"name": "työkokeilu", "provider": "employment_authority", "kind": "employment"},
            {"name": "ammatillinen kuntoutus", "provider": "kela", "kind": "rehabilitation"},
        ],
        follow_up="yhteistapaaminen kuukausittain",
        job_search="included",
        made_with=EVERYONE,
        assessed=["competence", "social_situation", "health", "work_capacity"],
    )
    # The client phones in; the counsellor enters the client's own request.
    pathway.fire("request_review", at=date(2025, 7, 1), by=client, recorded_by=office, ref=CASE)
    for _ in range(2):  # asked again before the review: refused both times
        with suppress(pf.TransitionRefused):
            pathway.fire("request_review", at=date(2025, 7, 2), by=client, recorded_by=office)

    print("audit trail:")
    for event in pathway.history:
        entered = f", entered by {event.recorded_by.role.value}" if event.recorded_by else ""
        print(f"  #{event.seq} {event.at} {event.trigger:<15} by {event.actor.role.value}{entered}")
        print(f"      ref {event.ref}")
    print("notices:", "; ".join(notices))
    print("refusals by code (hook):", dict(sorted(refusals_by_hook.items())))
    print("refusals by code (log): ", dict(sorted(refusals_by_log.items())))
    assert refusals_by_hook == refusals_by_log
    assert refusals_by_hook["typ.review.already_requested"] == 2
    stored_event = pf.to_dict(pathway)["history"][-1]
    assert stored_event["recorded_by"]["actor_id"] == office.actor_id


if __name__ == "__main__":
    main()
