"""A municipal service map read from JSON, and one client's services recommended in Finnish.

Esimerkkilä and its map (service_map.json beside this file) are made up for the example:
they are not any real municipality's map. A host reads its own map from wherever it keeps
it; the library only converts and checks the parsed document. The phase path is built
with the map, so a client starts only the map's services, on the map's phases (P3, P4).

Run it with ``make demo`` or ``python examples/service_map.py``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pathway_fsm as pf
from pathway_fsm import phases, services
from pathway_fsm.phases import Phase

# The host reads the document; ServiceMap.from_dict checks every field of it.
document = json.loads(Path(__file__).with_name("service_map.json").read_text(encoding="utf-8"))
service_map = services.ServiceMap.from_dict(document)
print(f"Palvelukartta: {service_map.municipality} (kuvitteellinen esimerkki)")
for phase in Phase:
    names = ", ".join(s.name.fi for s in service_map.on_phase(phase))
    print(f"  {phase.label.fi}: {names}")
problems = services.check_map(service_map)
print("Kartan tarkistus:", "ei puutteita" if not problems else "")
for problem in problems:
    print("  -", problem.message("fi"))

# One client: assessed, then placed on the phase of the most basic open need (P3).
definition = phases.definition(service_map=service_map)
counsellor = pf.Actor("neuvoja-1", pf.Role.EMPLOYMENT_AUTHORITY)
pathway = definition.start("asiakas-17", at=date(2026, 3, 2), by=counsellor)
assessment = {
    "assessed_on": "2026-03-02",
    "needs": [  # the host's codes, with the names that messages show
        {
            "id": "work_capacity",
            "phase": 1,
            "label": {
                "fi": "työkyvyn selvittäminen",
                "sv": "utredning av arbetsförmågan",
                "en": "clarifying work capacity",
            },
        },
        {
            "id": "vocational_skills",
            "phase": 2,
            "label": {
                "fi": "ammatillinen osaaminen",
                "sv": "yrkeskunnande",
                "en": "vocational skills",
            },
        },
    ],
}
refused = pathway.check("to_phase_2", at=date(2026, 3, 2), by=counsellor, assessment=assessment)
print("\nSiirto vaiheeseen 2 heti:", "sallittu" if refused else "ei sallittu")
for reason in refused.reasons:
    print("  -", reason.message("fi"))
pathway.fire(
    phases.move_trigger(Phase.REHABILITATION),
    at=date(2026, 3, 2),
    by=counsellor,
    assessment=assessment,
)
print(f"Asiakas on vaiheessa: {pathway.definition.state(pathway.state).label.fi}")

recommendation = services.recommend(
    service_map, pathway.context.needs, phase=pathway.context.phase, referrer=counsellor.role
)
print("\nSopivat palvelut nyt (ensisijaiset):")
for option in recommendation.primary:
    print(f"  * {option.service.name.fi}: " + " ".join(r.message("fi") for r in option.reasons))
print("Vain toissijaisina:")
for option in recommendation.secondary:
    print(f"  * {option.service.name.fi}: " + " ".join(r.message("fi") for r in option.reasons))
print("Jätetty pois:")
for option in recommendation.left_out:
    print(f"  * {option.service.name.fi}: " + " ".join(r.message("fi") for r in option.reasons))

# The first recommended service starts as the client's primary service: the data names
# the service only, and its phases come from the map.
first = recommendation.primary[0].service
pathway.fire("start_service", at=date(2026, 3, 16), by=counsellor, service_id=first.id)
print(f"\nAloitettu: {first.name.fi}; tapahtumia {pathway.seq}.")

# A phase-2 service cannot be primary yet, the employment authority does not refer to
# social rehabilitation on this map, and a service the map lacks cannot start at all.
print("Ei aloitettavissa nyt:")
for service_id in ("work_trial", "social_rehabilitation", "kotikuntoutus"):
    verdict = pathway.check(
        "start_service", at=date(2026, 3, 16), by=counsellor, service_id=service_id
    )
    for reason in verdict.reasons:
        print("  -", reason.message("fi"))

# The stored form carries the map, so the pathway comes back under the same one.
assert pf.from_dict(pf.to_dict(pathway)) == pathway
