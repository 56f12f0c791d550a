"""A small IPS team's fidelity report, printed in Finnish.

Three clients of two job coaches: one found work quickly and is supported in it, one had
a job that ended and is searching again, and one entered recently. The host supplies the
dates and declares two organisational items; the library computes the rest from the
histories alone.
"""

from __future__ import annotations

from datetime import date

from pathway_fsm import Actor, Pathway, Role, ips

COACH_A = Actor("coach-a", Role.JOB_COACH)
COACH_B = Actor("coach-b", Role.JOB_COACH)
COUNTY = Actor("wc-1", Role.WELLBEING_COUNTY)
COMPETITIVE = {
    "employment_contract": True,
    "going_wage": True,
    "open_to_anyone": True,
    "sheltered": False,
    "reserved_for_disabled": False,
    "work_activity": False,
    "work_trial": False,
}
AS_OF = date(2025, 9, 1)


def entered(client: str, day: date, coach: Actor) -> Pathway:
    """A client referred by the county and agreed with *coach* on *day*."""
    pathway = ips.definition().start(client, at=day, by=COUNTY)
    pathway.fire("agree", at=day, by=coach, wants_work=True, coach_id=coach.actor_id)
    pathway.fire("counsel_benefits", at=day, by=coach)
    pathway.fire("make_profile", at=day, by=coach, wishes=["kitchen work"], skills=["hygiene pass"])
    return pathway


def team() -> list[Pathway]:
    """The team's three pathways."""
    quick = entered("client-1", date(2025, 3, 3), COACH_A)
    quick.fire("discuss_disclosure", at=date(2025, 3, 10), by=COACH_A, client_discloses=False)
    quick.fire(
        "employer_contact",
        at=date(2025, 3, 20),
        by=COACH_A,
        employer_id="cafe-oy",
        face_to_face=True,
        competitive_job=True,
    )
    quick.fire("place", at=date(2025, 4, 1), by=COACH_A, employer_id="cafe-oy", **COMPETITIVE)
    for day in (date(2025, 4, 8), date(2025, 4, 15), date(2025, 4, 22), date(2025, 4, 29)):
        quick.fire("support_contact", at=day, by=COACH_A)
    for day in (date(2025, 5, 6), date(2025, 6, 5), date(2025, 7, 4), date(2025, 8, 1)):
        quick.fire("support_contact", at=day, by=COACH_A)

    again = entered("client-2", date(2025, 2, 3), COACH_B)
    again.fire(
        "employer_contact",
        at=date(2025, 3, 10),  # day 35: later than the 30 days of I8
        by=COACH_B,
        employer_id="store-ab",
        face_to_face=True,
        competitive_job=True,
    )
    again.fire("place", at=date(2025, 4, 1), by=COACH_B, employer_id="store-ab", **COMPETITIVE)
    again.fire("support_contact", at=date(2025, 4, 8), by=COACH_B)
    again.fire("job_ended", at=date(2025, 4, 20), by=COACH_B, reason="fixed_term_ended")

    recent = entered("client-3", date(2025, 8, 18), COACH_B)
    return [quick, again, recent]


def main() -> None:
    """Print the team report and each client's items in Finnish."""
    report = ips.caseload_report(team(), as_of=AS_OF, declared={2: True, 3: True})
    print(f"IPS-laatukriteerit {AS_OF.day}.{AS_OF.month}.{AS_OF.year}")
    for item in report.items:
        print(f"  {item.item:>2}. {item.message('fi')}")
    for coach in report.specialists:
        print(f"  valmentaja {coach.coach_id}: {coach.active} aktiivista asiakasta")
    for client in report.pathways:
        print(f"{client.client_id}:")
        for item in client.items:
            evidence = ", ".join(f"{k}={v}" for k, v in item.evidence.items())
            print(f"  {item.item:>2}. {item.message('fi')} ({evidence})")


if __name__ == "__main__":
    main()
