"""An escorted handover with a host's hooks: a meeting booking, a veto and a failed notice.

Run it with ``make examples``. The host books the joint meeting in a before-hook on
``accept_handover``. When no room is free, the hook vetoes and nothing changes. An
after-hook tells the client, and when it fails, the handover step still stands. The
script ends by asking who was responsible for the client on given days.
"""

from __future__ import annotations

from datetime import date

import pathway_fsm as pf
from pathway_fsm import Actor, Role, journey

office = Actor("ea-counsellor-17", Role.EMPLOYMENT_AUTHORITY)
county = Actor("wc-social-worker-4", Role.WELLBEING_COUNTY)

NO_ROOM = pf.ReasonKind(
    "host.no_meeting_room",
    pf.Text(
        "Yhteiselle tapaamiselle ei löytynyt aikaa {day}.",
        "Ingen tid för ett gemensamt möte hittades {day}.",
        "No time for a joint meeting could be found on {day}.",
    ),
)
FULL_DAYS = {date(2025, 3, 5)}
meetings: list[str] = []
outbox: list[str] = []
mail_server_up = False


def book_joint_meeting(pathway: pf.Pathway, event: pf.Event) -> pf.Reason | None:
    """Before the receiver confirms: book the three-way meeting, or veto the step."""
    if event.at in FULL_DAYS:
        return NO_ROOM(day=event.at)
    meetings.append(f"{event.at}: client {pathway.client_id} with {event.actor.role.value}")
    return None


def notify_client(pathway: pf.Pathway, event: pf.Event) -> None:
    """After each handover step: tell the client (the mail server may be down)."""
    if not mail_server_up:
        msg = "mail server unreachable"
        raise ConnectionError(msg)
    outbox.append(f"{event.at}: {event.trigger} for {pathway.client_id}")


def main() -> None:
    global mail_server_up
    hooks = (
        pf.Hooks()
        .before(book_joint_meeting, trigger="accept_handover")
        .after(notify_client, trigger="accept_handover")
        .after(notify_client, trigger="complete_handover")
    )
    j = journey.definition().start(
        "client-0042",
        at=date(2025, 1, 8),
        by=office,
        hooks=hooks,
        party=Role.EMPLOYMENT_AUTHORITY,
        service="typ",  # the shipped TYP definition's name (or typ.definition())
    )
    j.fire(
        "propose_handover",
        at=date(2025, 3, 3),
        by=office,
        handover_id="h-1",
        from_party=Role.EMPLOYMENT_AUTHORITY,
        from_service="typ",
        to_party=Role.WELLBEING_COUNTY,
        to_service="rehabilitative work activity",
        respond_by=date(2025, 3, 14),
    )
    print("2025-03-03  proposed h-1: TYP -> rehabilitative work activity")

    # 1. The meeting cannot be booked: the host vetoes, and nothing changes.
    seq = j.seq
    try:
        j.fire("accept_handover", at=date(2025, 3, 5), by=county, handover_id="h-1")
    except pf.TransitionRefused as refused:
        for reason in refused.reasons:
            print(f"2025-03-05  accept vetoed [{reason.code}]")
            print(f"              fi: {reason.message('fi')}")
            print(f"              en: {reason.message('en')}")
    assert j.seq == seq
    print(f"            still {j.context.handover('h-1').status.value}, events: {j.seq}")

    # 2. The meeting is booked; the client's notice fails, but the acceptance stands.
    try:
        j.fire(
            "accept_handover",
            at=date(2025, 3, 6),
            by=county,
            handover_id="h-1",
            starts_on=date(2025, 3, 10),
        )
    except pf.HookFailed as failed:
        print(f"2025-03-06  accepted, but notifying failed: {failed.errors[0]}")
        print(f"            event #{failed.event.seq} {failed.event.trigger} stands")
    mail_server_up = True
    notify_client(j, j.history[-1])  # the host retries its own work, not the trigger

    # 3. The sender lets go only when no gap would open.
    gap = j.check("complete_handover", at=date(2025, 3, 6), by=office, handover_id="h-1")
    print(f"2025-03-06  release refused: {gap.reasons[0].message('en')}")
    j.fire("complete_handover", at=date(2025, 3, 9), by=office, handover_id="h-1")
    print("2025-03-09  released: the county takes over on 2025-03-10")

    print("\nmeetings booked:")
    for line in meetings:
        print(f"  {line}")
    print("client notices sent:")
    for line in outbox:
        print(f"  {line}")
    print("\nwho had the client?")
    for day in (date(2025, 3, 3), date(2025, 3, 9), date(2025, 3, 10)):
        who = ", ".join(f"{r.party.label.en} ({r.service})" for r in j.context.responsible_on(day))
        print(f"  {day}: {who}")
    assert pf.from_dict(pf.to_dict(j)) == j


if __name__ == "__main__":
    main()
