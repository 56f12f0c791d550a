"""Services, service maps, map checks and recommendations (P3–P5, H1).

Unit tests for ``pathway_fsm.services`` built in code and from documents, then properties:
recommendations respect the priority of needs (P3) and do not depend on the map's order,
maps round-trip through their stored form, malformed documents give ``PathwayDataError``,
and a phase pathway starts only services of its map, by a party the map lets refer to
them, and never a primary service that skips a more basic open need by the map's phases.
"""

from __future__ import annotations

import ast
import importlib
import json
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import Phase as HypothesisPhase
from hypothesis import given, settings
from hypothesis import strategies as st

import pathway_fsm as pf
from pathway_fsm import Role, Text, phases, services, testing
from pathway_fsm.phases import Need, Phase
from pathway_fsm.services import Recommendation, Service, ServiceMap

EA, WC, MU, KELA = Role.EMPLOYMENT_AUTHORITY, Role.WELLBEING_COUNTY, Role.MUNICIPALITY, Role.KELA
LANGS: tuple[pf.Lang, ...] = ("fi", "sv", "en")
TYPICAL = services.typical_services()
BY_ID = {s.id: s for s in TYPICAL}


# --------------------------------------------------------------------------- helpers


def svc(
    id: str, *phase_numbers: int, referrers: Iterable[Any] = ("employment_authority",)
) -> Service:
    """A small service on *phase_numbers*."""
    return Service(
        id=id,
        name=Text(f"{id} fi", f"{id} sv", f"{id} en"),
        phases=list(phase_numbers),
        provider="employment_authority",
        referrers=list(referrers),
    )


def smap(*items: Service, municipality: str = "Esimerkkilä") -> ServiceMap:
    """A map of *items*."""
    return ServiceMap(municipality=municipality, services=tuple(items))


def typical_map() -> ServiceMap:
    """The typical services as one map."""
    return smap(*TYPICAL)


def nd(id: str, phase: int, met: bool = False) -> Need:
    """A Need value."""
    return Need(id=id, phase=Phase(phase), met=met)


def ids(options: Iterable[services.Option]) -> list[str]:
    """The service ids of *options*, in order."""
    return [o.service.id for o in options]


def codes(reasons: Iterable[pf.Reason]) -> list[str]:
    """The codes of *reasons*, in order."""
    return [r.code for r in reasons]


def data_error(build: Callable[[], object]) -> list[tuple[str, str]]:
    """Call *build*, expect PathwayDataError, return its problems."""
    with pytest.raises(pf.PathwayDataError) as info:
        build()
    assert info.value.errors
    return list(info.value.errors)


def names(problems: list[tuple[str, str]]) -> str:
    """Each problem's path and text joined, to find the field a problem names."""
    return " | ".join(f"{path} {why}" for path, why in problems)


# --------------------------------------------------------------------------- P4 Service


def test_p4_service_converters_accept_numbers_and_role_strings() -> None:
    """Phases may be given as ints, provider and referrers as role strings."""
    s = Service(
        id="work_trial",
        name=Text("Työkokeilu", "Arbetsprövning", "Work trial"),
        phases=[2, 3, 2],
        provider="employment_authority",
        referrers=["employment_authority", "kela", KELA],
    )
    assert frozenset({Phase.EMPLOYABILITY, Phase.TRANSITION}) == s.phases
    assert EA is s.provider
    assert frozenset({EA, KELA}) == s.referrers
    assert (Phase.EMPLOYABILITY, Phase.TRANSITION) == (s.lowest, s.highest)
    same = Service(
        id="work_trial",
        name=Text("Työkokeilu", "Arbetsprövning", "Work trial"),
        phases=(Phase.TRANSITION, Phase.EMPLOYABILITY),
        provider=EA,
        referrers=frozenset({KELA, EA}),
    )
    assert same == s
    assert hash(same) == hash(s)


GOOD: dict[str, Any] = {
    "id": "work_trial",
    "name": Text("Työkokeilu", "Arbetsprövning", "Work trial"),
    "phases": [2],
    "provider": "employment_authority",
    "referrers": ["employment_authority"],
}


@pytest.mark.parametrize(
    ("field", "value", "path"),
    [
        ("id", "", "$.id"),
        ("id", "  ", "$.id"),
        ("id", 5, "$.id"),
        ("id", None, "$.id"),
        ("provider", "nobody", "$.provider"),
        ("provider", 5, "$.provider"),
        ("provider", None, "$.provider"),
        ("referrers", [], "$.referrers"),
        ("referrers", "kela", "$.referrers"),
        ("referrers", ["nobody"], "$.referrers"),
        ("referrers", [["kela"]], "$.referrers"),
        ("referrers", None, "$.referrers"),
        ("phases", [], "$.phases"),
        ("phases", [7], "$.phases"),
        ("phases", [-1], "$.phases"),
        ("phases", ["1"], "$.phases"),
        ("phases", [True], "$.phases"),
        ("phases", "1", "$.phases"),
        ("phases", 1, "$.phases"),
        ("phases", None, "$.phases"),
        ("name", Text("Työkokeilu", "", "Work trial"), "$.name.sv"),
        ("name", Text("Työkokeilu", "Arbetsprövning", " "), "$.name.en"),
        ("name", Text("", "Arbetsprövning", "Work trial"), "$.name.fi"),
    ],
)
def test_p4_service_bad_field_is_named(field: str, value: Any, path: str) -> None:
    """Every bad field of a Service built in code raises PathwayDataError naming it."""
    problems = data_error(lambda: Service(**GOOD | {field: value}))
    assert [path] == [p for p, _ in problems]


def test_p4_service_every_missing_name_is_named() -> None:
    """A name missing in several languages names each of them."""
    problems = data_error(lambda: Service(**GOOD | {"name": Text("", "", "Work trial")}))
    assert ["$.name.fi", "$.name.sv"] == [p for p, _ in problems]


@pytest.mark.parametrize("name", ["Työkokeilu", {"fi": "a", "sv": "b", "en": "c"}, None])
def test_p4_service_name_must_be_a_text(name: Any) -> None:
    """A name that is not a Text is a PathwayDataError naming ``$.name``."""
    problems = data_error(lambda: Service(**GOOD | {"name": name}))
    assert ["$.name"] == [p for p, _ in problems]


def test_p4_service_name_languages_must_be_strings() -> None:
    """A name whose Swedish text is not a string is refused where the Text is made."""
    problems = data_error(lambda: Service(**GOOD | {"name": Text("a", None, "c")}))  # type: ignore[arg-type]
    assert ["$.sv"] == [p for p, _ in problems]


# --------------------------------------------------------------------------- P4 ServiceMap


def test_p4_map_lookups() -> None:
    """``service`` finds by id (KeyError otherwise); ``on_phase`` keeps map order."""
    m = smap(svc("b", 1, 2), svc("a", 2), svc("c", 3))
    assert "a" == m.service("a").id
    with pytest.raises(KeyError):
        m.service("zzz")
    assert ["b", "a"] == [s.id for s in m.on_phase(2)]
    assert ["b", "a"] == [s.id for s in m.on_phase(Phase.EMPLOYABILITY)]
    assert [] == [s.id for s in m.on_phase(0)]


@pytest.mark.parametrize("municipality", ["", "   ", 5, None])
def test_p4_map_municipality_is_named(municipality: Any) -> None:
    """A blank or non-string municipality names ``$.municipality``."""
    problems = data_error(lambda: ServiceMap(municipality=municipality, services=()))
    assert ["$.municipality"] == [p for p, _ in problems]


def test_p4_map_duplicate_ids_are_named() -> None:
    """A service id used twice names every later use."""
    problems = data_error(lambda: smap(svc("a", 1), svc("a", 2), svc("b", 2), svc("a", 3)))
    assert ["$.services[1].id", "$.services[3].id"] == [p for p, _ in problems]


def test_p4_map_may_be_empty() -> None:
    """A map without services is valid data (check_map reports its gaps)."""
    m = smap()
    assert () == m.services
    assert ServiceMap.from_dict(m.to_dict()) == m


def test_p4_map_built_from_a_list_round_trips() -> None:
    """A map built with a list of services equals its round trip and is hashable."""
    m = ServiceMap(municipality="Esimerkkilä", services=list(TYPICAL[:3]))  # type: ignore[arg-type]
    assert ServiceMap.from_dict(m.to_dict()) == m
    assert hash(m) == hash(smap(*TYPICAL[:3]))


def test_p4_map_services_must_be_services() -> None:
    """A non-Service item in a map built in code is a PathwayDataError."""
    problems = data_error(lambda: ServiceMap(municipality="x", services=(1,)))  # type: ignore[arg-type]
    assert ["$.services[0]"] == [p for p, _ in problems]


def test_p4_map_document_round_trip() -> None:
    """The typical map survives to_dict/from_dict, also through JSON text."""
    m = typical_map()
    stored = m.to_dict()
    assert ServiceMap.from_dict(stored) == m
    assert ServiceMap.from_dict(json.loads(json.dumps(stored))) == m
    assert stored == ServiceMap.from_dict(stored).to_dict()
    ips = next(s for s in stored["services"] if s["id"] == "ips_job_coaching")
    assert [1, 2, 3] == ips["phases"]


def test_p4_map_document_errors_name_every_field() -> None:
    """A document with several bad fields lists each (the docs' example)."""
    doc = {
        "municipality": "Esimerkkilä",
        "services": [
            {
                "id": "work_trial",
                "name": {"fi": "Työkokeilu", "sv": "Arbetsprövning", "en": "Work trial"},
                "phases": [2, 7],
                "provider": "employment_authority",
                "referrers": "employment_authority",
            }
        ],
    }
    problems = data_error(lambda: ServiceMap.from_dict(doc))
    assert ["$.services[0].phases[1]", "$.services[0].referrers"] == [p for p, _ in problems]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["services"][1].update(id=""), "services[1]"),
        (lambda d: d["services"][1].update(id=5), "services[1].id"),
        (lambda d: d["services"][0]["name"].update(sv=""), "name.sv"),
        (lambda d: d["services"][0]["name"].pop("en"), "services[0].name.en"),
        (lambda d: d["services"][0].update(provider="nobody"), "services[0].provider"),
        (lambda d: d["services"][0].update(referrers=[]), "referrers"),
        (lambda d: d["services"][0].update(phases=[]), "phases"),
        (lambda d: d["services"][0].update(phases=["1"]), "services[0].phases[0]"),
        (lambda d: d["services"][0].update(phases=[True]), "services[0].phases[0]"),
        (lambda d: d["services"][0].update(colour="red"), "colour"),
        (lambda d: d.update(municipality=""), "municipality"),
        (lambda d: d.pop("services"), "$.services"),
        (lambda d: d["services"].append(dict(d["services"][0])), "services[3].id"),
    ],
)
def test_p4_map_document_bad_field_is_named(change: Callable[[Any], Any], field: str) -> None:
    """Each kind of bad field in a map document gives PathwayDataError mentioning it."""
    doc = json.loads(json.dumps(smap(*TYPICAL[:2], svc("w", 2)).to_dict()))
    change(doc)
    problems = data_error(lambda: ServiceMap.from_dict(doc))
    assert field in names(problems)
    assert all(path.startswith("$") for path, _ in problems)


# --------------------------------------------------------------------------- P5 typical map


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        (
            0,
            {
                "health_care",
                "mental_health_substance_care",
                "social_rehabilitation",
                "day_activity",
                "disability_work_activity",
                "pension_clarification",
            },
        ),
        (
            1,
            {
                "rehabilitative_work_activity",
                "work_capacity_assessment",
                "kela_vocational_rehabilitation",
                "typ_mapping",
                "ips_job_coaching",
            },
        ),
        (
            2,
            {
                "work_trial",
                "career_coaching",
                "job_coaching",
                "labour_market_training",
                "self_motivated_study",
                "workshop",
                "ips_job_coaching",
            },
        ),
        (
            3,
            {
                "pay_subsidy",
                "apprenticeship",
                "start_up_grant",
                "job_placement",
                "supported_employment",
                "ips_job_coaching",
            },
        ),
    ],
)
def test_p5_typical_placement(phase: int, expected: set[str]) -> None:
    """Each phase holds the services P5 lists for it (IPS spans 1–3)."""
    assert expected == {s.id for s in typical_map().on_phase(phase)}


def test_p5_ips_spans_phases_1_to_3() -> None:
    """IPS job coaching starts inside phase 1 and targets phase 3 (P5)."""
    assert frozenset({Phase(1), Phase(2), Phase(3)}) == BY_ID["ips_job_coaching"].phases
    assert [s.id for s in TYPICAL if len(s.phases) > 1] == ["ips_job_coaching"]


@pytest.mark.parametrize(
    ("service_id", "provider"),
    [
        ("kela_vocational_rehabilitation", KELA),
        ("rehabilitative_work_activity", WC),
        ("social_rehabilitation", WC),
        ("work_trial", EA),
        ("pay_subsidy", EA),
        ("workshop", MU),
    ],
)
def test_p5_typical_providers(service_id: str, provider: Role) -> None:
    """Spot checks of who provides the typical services."""
    assert provider == BY_ID[service_id].provider
    assert provider in BY_ID[service_id].referrers


def test_p5_typical_ids_unique_and_names_complete() -> None:
    """Ids are unique and every name has Finnish, Swedish and English text."""
    assert len(TYPICAL) == len(BY_ID) == 22
    for s in TYPICAL:
        assert () == s.name.missing()
        assert all(s.name.get(lang).strip() for lang in LANGS)
    assert "Työkokeilu" == BY_ID["work_trial"].name.fi
    assert "Arbetsprövning" == BY_ID["work_trial"].name.sv
    assert "Palkkatuki" == BY_ID["pay_subsidy"].name.fi


def test_p5_typical_map_has_no_gaps() -> None:
    """The typical services as a map pass check_map with no problems."""
    assert () == services.check_map(typical_map())


def test_p5_typical_services_are_fresh_and_equal() -> None:
    """Each call returns equal values, so a host may edit its copy."""
    assert services.typical_services() == TYPICAL


# --------------------------------------------------------------------------- P4 modules

SRC = Path(__file__).resolve().parent.parent / "src" / "pathway_fsm"


def imported_modules(module: str) -> set[str]:
    """The package modules *module* imports at its top level, as ``pathway_fsm.x`` names."""
    tree = ast.parse((SRC / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module is None:
                found.update(f"pathway_fsm.{alias.name}" for alias in node.names)
            else:
                found.add(f"pathway_fsm.{node.module.split('.')[0]}")
    return found


def test_p4_maps_build_on_the_needs_not_on_the_phase_path() -> None:
    """services and the phase vocabulary never import the phase path, so the path can be
    built with a map: phases → services → _needs, with no cycle."""
    assert "pathway_fsm.phases" not in imported_modules("services")
    assert {"pathway_fsm.phases", "pathway_fsm.services"}.isdisjoint(imported_modules("_needs"))
    assert "pathway_fsm._needs" in imported_modules("services")
    assert "pathway_fsm._needs" in imported_modules("phases")


@pytest.mark.parametrize("name", ["Phase", "Need", "to_phases", "most_basic_need", "blocking_need"])
def test_p4_phase_vocabulary_is_exported_by_the_phase_path(name: str) -> None:
    """The phase words keep their public home: ``pathway_fsm.phases`` exports each one,
    and ``services`` uses the very same objects."""
    assert name in phases.__all__
    assert getattr(phases, name) is getattr(importlib.import_module("pathway_fsm._needs"), name)
    assert vars(services)["Phase"] is phases.Phase


# --------------------------------------------------------------------------- check_map


def test_h1_check_map_phase_empty() -> None:
    """A phase with no service is reported, one problem per empty phase, in phase order."""
    found = services.check_map(smap(svc("a", 1), svc("b", 2), svc("c", 2)))
    assert [("service_map.phase_empty", 0), ("service_map.phase_empty", 3)] == [
        (r.code, r.params.get("phase")) for r in found if r.code == "service_map.phase_empty"
    ]
    assert all(r.code == "service_map.phase_empty" for r in found)
    assert [0, 1, 2, 3] == [r.params["phase"] for r in services.check_map(smap())]


def test_h1_check_map_phases_not_contiguous() -> None:
    """A service whose phases have a hole is reported with its phases."""
    found = services.check_map(smap(svc("gap", 0, 2), svc("one", 1), svc("end", 3)))
    problems = [r for r in found if r.code == "service_map.phases_not_contiguous"]
    assert [{"service": "gap", "phases": (0, 2)}] == [dict(r.params) for r in problems]
    assert "Service 'gap en' spans phases (0, 2) that are not contiguous." == problems[0].message(
        "en"
    )
    assert "gap" == problems[0].params["service"]
    wide = services.check_map(smap(svc("gap", 0, 3), svc("one", 1), svc("two", 2)))
    assert ["gap"] == [
        r.params["service"] for r in wide if r.code == "service_map.phases_not_contiguous"
    ]


def test_h1_check_map_dead_end() -> None:
    """A service with nothing in its highest or the next phase to continue in is a dead end."""
    m = smap(svc("care", 0), svc("trial", 2), svc("job", 3))
    found = services.check_map(m)
    assert [
        ("service_map.phase_empty", {"phase": 1}),
        ("service_map.dead_end", {"service": "care", "phase": 0}),
    ] == [(r.code, dict(r.params)) for r in found]


def test_h1_same_phase_service_continues() -> None:
    """Another service of the same phase is somewhere to continue."""
    m = smap(svc("care", 0), svc("day", 0), svc("ktt", 1), svc("trial", 2), svc("job", 3))
    assert () == services.check_map(m)


def test_h1_continuation_must_reach_as_high() -> None:
    """A spanning service needs a continuation reaching at least its highest phase."""
    m = smap(svc("care", 0), svc("wide", 0, 1, 2), svc("low", 2, 2), svc("job", 3))
    assert () == services.check_map(m)
    m = smap(svc("care", 0), svc("wide", 0, 1, 2), svc("job", 3))
    assert [] == [r for r in services.check_map(m) if r.code == "service_map.dead_end"]
    m = smap(svc("care", 0), svc("wide", 0, 1, 2), svc("ktt", 1))
    dead = [r.params["service"] for r in services.check_map(m) if r.code == "service_map.dead_end"]
    assert ["wide"] == dead  # ktt (1) reaches only phase 1; care goes on in wide


def test_h1_phase_3_service_is_never_a_dead_end() -> None:
    """A phase-3 service leads to open-market work, even alone."""
    found = services.check_map(smap(svc("job", 3)))
    assert ["service_map.phase_empty"] * 3 == codes(found)
    found = services.check_map(smap(svc("ips", 1, 2, 3)))
    assert ["service_map.phase_empty"] == codes(found)


def test_h1_check_map_messages_in_three_languages() -> None:
    """Every map problem reads in fi/sv/en and names the service or phase."""
    found = services.check_map(smap(svc("gap", 0, 2), svc("job", 3)))
    assert {"service_map.phase_empty", "service_map.phases_not_contiguous"} <= set(codes(found))
    for reason in found:
        for lang in LANGS:
            text = reason.message(lang)
            assert text
            assert "{" not in text
            assert ("gap" in text) or any(str(p) in text for p in range(4))
    dead = services.check_map(smap(svc("care", 0), svc("job", 3)))[-1]
    assert "service_map.dead_end" == dead.code
    assert dead.message("fi").startswith("Palvelusta 'care fi' (vaihe 0)")
    assert dead.message("sv").startswith("Tjänsten 'care sv' (skede 0)")


def test_h1_check_map_is_deterministic() -> None:
    """The same problems in the same order whatever the order of the map's services."""
    items = [svc("z", 0, 2), svc("a", 0, 2), svc("m", 0), svc("b", 1)]
    first = services.check_map(smap(*items))
    assert first == services.check_map(smap(*reversed(items)))
    assert ["a", "z"] == [
        r.params["service"] for r in first if r.code == "service_map.phases_not_contiguous"
    ]


# --------------------------------------------------------------------------- recommend


def test_p3_recommend_primary_secondary_left_out() -> None:
    """Phase-1 need open: phase-1 services primary, phase-2 ones secondary, others out."""
    rec = services.recommend(typical_map(), [nd("capacity", 1), nd("skills", 2)])
    assert {
        "rehabilitative_work_activity",
        "work_capacity_assessment",
        "kela_vocational_rehabilitation",
        "typ_mapping",
        "ips_job_coaching",
    } == set(ids(rec.primary))
    assert {s.id for s in TYPICAL if s.phases == {Phase(2)}} == set(ids(rec.secondary))
    assert {s.id for s in TYPICAL if s.phases in ({Phase(0)}, {Phase(3)})} == set(ids(rec.left_out))
    for option in rec.secondary:
        assert "recommend.secondary_only" == option.reasons[0].code
        assert {"need": "capacity", "need_phase": 1} == dict(option.reasons[0].params)
        assert "'capacity'" in option.reasons[0].message("fi")
        assert "recommend.meets_need" in codes(option.reasons)
    for option in rec.left_out:
        assert ["recommend.no_open_need"] == codes(option.reasons)
    ips = next(o for o in rec.primary if o.service.id == "ips_job_coaching")
    assert [("capacity", 1), ("skills", 2)] == [
        (r.params["need"], r.params["phase"]) for r in ips.reasons
    ]
    assert rec.fits == (*rec.primary, *rec.secondary)


def test_p3_recommend_orders_by_lowest_phase_then_id() -> None:
    """Without a current phase, each group is ordered by lowest phase, then id."""
    rec = services.recommend(typical_map(), [nd("capacity", 1), nd("skills", 2)])
    assert [
        "ips_job_coaching",
        "kela_vocational_rehabilitation",
        "rehabilitative_work_activity",
        "typ_mapping",
        "work_capacity_assessment",
    ] == ids(rec.primary)
    lows = [(o.service.lowest, o.service.id) for o in rec.left_out]
    assert sorted(lows) == lows


def test_p3_recommend_current_phase_first() -> None:
    """Services spanning the client's current phase come first, with a reason saying so."""
    m = smap(svc("a1", 1), svc("b2", 2), svc("c23", 2, 3), svc("d3", 3))
    needs = [nd("x", 1, met=True), nd("s", 2), nd("j", 3)]
    rec = services.recommend(m, needs)
    assert (["b2", "c23"], ["d3"], ["a1"]) == (
        ids(rec.primary),
        ids(rec.secondary),
        ids(rec.left_out),
    )
    on3 = services.recommend(m, needs, phase=3)
    assert (["c23", "b2"], ["d3"]) == (ids(on3.primary), ids(on3.secondary))
    assert [
        "recommend.meets_need",
        "recommend.meets_need",
        "recommend.in_current_phase",
    ] == codes(on3.primary[0].reasons)
    assert ["recommend.meets_need"] == codes(on3.primary[1].reasons)
    assert [
        "recommend.secondary_only",
        "recommend.meets_need",
        "recommend.in_current_phase",
    ] == codes(on3.secondary[0].reasons)
    on2 = services.recommend(m, needs, phase=Phase.EMPLOYABILITY)
    assert ["b2", "c23"] == ids(on2.primary)
    only_job = services.recommend(m, [nd("j", 3)], phase=3)
    assert (["c23", "d3"], []) == (ids(only_job.primary), ids(only_job.secondary))


def test_p3_recommend_referrer_not_allowed() -> None:
    """With a referrer, services that party cannot refer to are left out, saying who can."""
    rec = services.recommend(typical_map(), [nd("skills", 2)], referrer=KELA)
    out = {o.service.id: o for o in rec.left_out}
    option = out["work_trial"]
    assert ["recommend.referrer_not_allowed"] == codes(option.reasons)
    assert KELA == option.reasons[0].params["referrer"]
    assert {EA} == set(option.reasons[0].params["allowed"])
    for lang in LANGS:
        message = option.reasons[0].message(lang)
        assert KELA.label.get(lang) in message
        assert EA.label.get(lang) in message
        assert "{" not in message
    assert [] == ids(rec.fits)  # no phase-2 service of the typical map takes Kela referrals
    rec_wc = services.recommend(typical_map(), [nd("skills", 2)], referrer=WC)
    assert {"job_coaching", "workshop", "ips_job_coaching"} == set(ids(rec_wc.primary))


def test_p3_recommend_nothing_fits_when_all_needs_met() -> None:
    """All needs met (or none given): every service is left out, none fits."""
    for needs in ([nd("a", 0, met=True), nd("b", 2, met=True)], []):
        rec = services.recommend(typical_map(), needs, phase=1)
        assert ((), ()) == (rec.primary, rec.secondary)
        assert len(TYPICAL) == len(rec.left_out)
        assert all(codes(o.reasons) == ["recommend.no_open_need"] for o in rec.left_out)


def test_p3_recommend_blurred_border() -> None:
    """A phase-0 need holds back phase-1 services only with a sharp border."""
    m = smap(svc("care", 0), svc("ktt", 1), svc("trial", 2))
    needs = [nd("care", 0), nd("capacity", 1), nd("skills", 2)]
    blurred = services.recommend(m, needs)
    assert (["care", "ktt"], ["trial"]) == (ids(blurred.primary), ids(blurred.secondary))
    sharp = services.recommend(m, needs, blurred_border=False)
    assert (["care"], ["ktt", "trial"]) == (ids(sharp.primary), ids(sharp.secondary))
    assert {"need": "care", "need_phase": 0} == dict(sharp.secondary[0].reasons[0].params)
    # The border is blurred only between 0 and 1: a phase-0 need still holds back phase 2.
    skip = services.recommend(m, [nd("care", 0), nd("skills", 2)])
    assert (["care"], ["trial"], ["ktt"]) == (
        ids(skip.primary),
        ids(skip.secondary),
        ids(skip.left_out),
    )
    assert {"need": "care", "need_phase": 0} == dict(skip.secondary[0].reasons[0].params)


def test_p3_recommend_messages_render() -> None:
    """Every reason recommend gives renders in fi/sv/en without leftover fields."""
    rec = services.recommend(typical_map(), [nd("c", 0), nd("s", 2)], phase=2, referrer=EA)
    for option in (*rec.primary, *rec.secondary, *rec.left_out):
        assert option.reasons
        for reason in option.reasons:
            for lang in LANGS:
                assert "{" not in reason.message(lang)


# --------------------------------------------------------------------------- properties


@st.composite
def service_maps(draw: Any, *, vary: bool = True, max_size: int = len(TYPICAL)) -> ServiceMap:
    """Maps of a subset of the typical services in any order, some with other phases."""
    size = draw(st.integers(0, max_size))
    chosen = draw(st.permutations(TYPICAL))[:size]
    items: list[Service] = []
    for s in chosen:
        if vary and draw(st.booleans()):
            s = attrs.evolve(
                s,
                phases=draw(st.frozensets(st.sampled_from(list(Phase)), min_size=1)),
                referrers=draw(st.frozensets(st.sampled_from(list(Role)), min_size=1)),
            )
        items.append(s)
    return smap(*draw(st.permutations(items)))


# testing.needs() draws mostly short lists with few open needs; the first source adds
# longer ones, so that a phase-0 need beside higher ones (the blurred border) is common.
need_dicts = st.one_of(
    st.lists(
        st.fixed_dictionaries(
            {
                "id": st.sampled_from(["a", "b", "c", "d", "e", "f", "g"]),
                "phase": st.sampled_from(list(Phase)),
                "met": st.booleans(),
            }
        ),
        min_size=2,
        max_size=6,
        unique_by=lambda n: n["id"],
    ),
    testing.needs(),
)
needs_values = need_dicts.map(lambda raw: [Need(**n) for n in raw])
referrers = st.one_of(st.none(), st.sampled_from(list(Role)))
current_phases = st.one_of(st.none(), st.sampled_from(list(Phase)))


def primary_allowed(lowest: Phase, needs: list[Need], blurred: bool) -> bool:
    """P3 from the rule text: the lowest phase is not above the most basic open need."""
    basic = phases.most_basic_need(needs)
    if basic is None or lowest <= basic.phase:
        return True
    return blurred and basic.phase == Phase.CARE and lowest == Phase.REHABILITATION


def recommended(
    m: ServiceMap, needs: list[Need], phase: Phase | None, referrer: Role | None, blurred: bool
) -> Recommendation:
    """``recommend`` with every option given."""
    return services.recommend(m, needs, phase=phase, referrer=referrer, blurred_border=blurred)


@given(service_maps(), needs_values, current_phases, referrers, st.booleans())
def test_p3_property_primary_never_above_most_basic_need(
    m: ServiceMap, needs: list[Need], phase: Phase | None, referrer: Role | None, blurred: bool
) -> None:
    """No primary service's lowest phase is above the most basic open need (P3)."""
    rec = recommended(m, needs, phase, referrer, blurred)
    open_phases = {n.phase for n in needs if not n.met}
    for option in rec.primary:
        assert primary_allowed(option.service.lowest, needs, blurred)
        assert option.service.phases & open_phases
    for option in rec.secondary:
        assert not primary_allowed(option.service.lowest, needs, blurred)
        assert option.service.phases & open_phases
        basic = phases.most_basic_need(needs)
        assert basic is not None
        assert "recommend.secondary_only" == option.reasons[0].code
    for option in rec.left_out:
        fits = bool(option.service.phases & open_phases)
        allowed = referrer is None or referrer in option.service.referrers
        assert not (fits and allowed)


@given(service_maps(), needs_values, current_phases, referrers, st.booleans())
def test_p3_property_every_service_once(
    m: ServiceMap, needs: list[Need], phase: Phase | None, referrer: Role | None, blurred: bool
) -> None:
    """Every map service appears exactly once across primary, secondary and left out."""
    rec = recommended(m, needs, phase, referrer, blurred)
    every = [*ids(rec.primary), *ids(rec.secondary), *ids(rec.left_out)]
    assert sorted(s.id for s in m.services) == sorted(every)
    assert len(every) == len(set(every))
    for option in (*rec.primary, *rec.secondary, *rec.left_out):
        assert option.service == m.service(option.service.id)


@given(service_maps(), needs_values, current_phases, referrers, st.booleans(), st.randoms())
def test_p3_property_stable_under_reordering(
    m: ServiceMap,
    needs: list[Need],
    phase: Phase | None,
    referrer: Role | None,
    blurred: bool,
    rnd: Any,
) -> None:
    """The recommendation does not depend on the order of the map's services or needs."""
    shuffled = list(m.services)
    rnd.shuffle(shuffled)
    shuffled_needs = list(needs)
    rnd.shuffle(shuffled_needs)
    first = recommended(m, needs, phase, referrer, blurred)
    again = recommended(smap(*shuffled), shuffled_needs, phase, referrer, blurred)
    for group in ("primary", "secondary", "left_out"):
        assert ids(getattr(first, group)) == ids(getattr(again, group))
    assert first == again
    assert services.check_map(m) == services.check_map(smap(*shuffled))


@given(service_maps(max_size=8), st.sampled_from(["Esimerkkilä", "Kylä", " x "]))
def test_p4_property_round_trip(m: ServiceMap, municipality: str) -> None:
    """``ServiceMap.from_dict(m.to_dict()) == m``, also through JSON text."""
    m = attrs.evolve(m, municipality=municipality)
    stored = m.to_dict()
    assert ServiceMap.from_dict(stored) == m
    text = json.dumps(stored, ensure_ascii=False)
    assert ServiceMap.from_dict(json.loads(text)) == m
    assert json.loads(text) == ServiceMap.from_dict(json.loads(text)).to_dict()


def loads_or_data_error(document: Any) -> ServiceMap | None:
    """from_dict *document*: the map, or ``None`` for a PathwayDataError naming paths."""
    problems: tuple[tuple[str, str], ...] = ()
    try:
        return ServiceMap.from_dict(document)
    except pf.PathwayDataError as exc:
        problems = exc.errors
    assert problems
    assert all(path.startswith("$") and why for path, why in problems)
    return None


json_like = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-5, 10),
        st.floats(allow_nan=False),
        st.text(max_size=8),
        st.sampled_from(["kela", "employment_authority", "1", "", "fi", "services"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=20,
)
service_like = st.fixed_dictionaries(
    {},
    optional={
        "id": json_like,
        "name": st.one_of(
            json_like,
            st.fixed_dictionaries({}, optional=dict.fromkeys(("fi", "sv", "en"), json_like)),
        ),
        "phases": st.one_of(json_like, st.lists(st.integers(-1, 4), max_size=4)),
        "provider": json_like,
        "referrers": json_like,
    },
)


@given(
    st.one_of(
        json_like,
        st.fixed_dictionaries(
            {},
            optional={
                "municipality": json_like,
                "services": st.one_of(json_like, st.lists(service_like, max_size=3)),
            },
        ),
    )
)
def test_p4_property_random_document_is_a_data_error_or_a_map(document: Any) -> None:
    """Random JSON-like documents give a valid map or PathwayDataError, nothing else."""
    loaded = loads_or_data_error(document)
    if loaded is not None:
        assert ServiceMap.from_dict(loaded.to_dict()) == loaded


@given(st.data())
def test_p4_property_tampered_document_is_a_data_error_or_a_map(data: st.DataObject) -> None:
    """A valid map document with one value replaced, dropped or added: error or valid map."""
    m = data.draw(service_maps(max_size=8))
    document = json.loads(json.dumps(m.to_dict()))
    tampered = data.draw(testing.tampered(document))
    loaded = loads_or_data_error(tampered)
    if loaded is not None:
        # Accepted only if it is still a map: its own stored form loads back equal.
        assert ServiceMap.from_dict(loaded.to_dict()) == loaded
        if tampered == document:
            assert loaded == m


@given(st.data())
def test_p4_property_unexpected_key_is_a_data_error(data: st.DataObject) -> None:
    """An unknown key anywhere in a map document is refused (never silently dropped)."""
    m = data.draw(service_maps(max_size=8).filter(lambda x: bool(x.services)))
    document = json.loads(json.dumps(m.to_dict()))
    where = data.draw(st.sampled_from(["top", "service", "name"]))
    index = data.draw(st.integers(0, len(document["services"]) - 1))
    target = {
        "top": document,
        "service": document["services"][index],
        "name": document["services"][index]["name"],
    }[where]
    target["unexpected"] = data.draw(json_like)
    assert loads_or_data_error(document) is None


@given(blurred=st.booleans(), data=st.data())
def test_p3_property_pathway_primary_services_respect_priority(
    blurred: bool, data: st.DataObject
) -> None:
    """Replaying a random phase pathway, on the typical map or a drawn one: each start is
    of a service on the map, by a party the map lets refer to it, kept with the map's
    phases; and each primary start without override obeyed P3 by the map's phases."""
    service_map = data.draw(st.one_of(st.just(services.typical_map()), testing.service_maps()))
    d = phases.definition(blurred_border=blurred, service_map=service_map)
    run = data.draw(testing.pathways(d, max_attempts=20, start=date(2024, 1, 1)))
    needs: tuple[Need, ...] = ()
    started: dict[str, frozenset[Phase]] = {}
    for event in run.pathway.history:
        if event.trigger.startswith("to_phase_"):
            target = Phase(int(event.trigger.removeprefix("to_phase_")))
            if event.source == "assessment" or target > Phase(int(event.source[-1])):
                assert primary_allowed(target, list(event.data.assessment.needs), blurred)
            needs = event.data.assessment.needs
        elif event.trigger == "reassess":
            needs = event.data.needs
        elif event.trigger == "start_service":
            service = service_map.service(event.data.service_id)
            assert event.actor.role in service.referrers
            started[service.id] = service.phases
            if event.data.primary and event.data.override is None:
                assert primary_allowed(service.lowest, list(needs), blurred)
                assert phases.blocking_need(needs, service.phases, blurred_border=blurred) is None
        elif event.trigger == "end_service":
            del started[event.data.service_id]
        elif event.dest in d.finals:
            started.clear()
    assert needs == run.pathway.context.needs
    assert started == {s.service_id: s.phases for s in run.pathway.context.services}


def test_p3_property_drawn_service_data_is_often_accepted() -> None:
    """``testing.payloads`` names services of the default map, so a counsellor on any
    phase often gets a drawn start accepted, and the properties above are not vacuous."""
    d = phases.definition()
    day = date(2025, 1, 8)
    outcomes: list[str] = []

    @settings(
        max_examples=60,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[HypothesisPhase.generate],
    )
    @given(
        data=testing.payloads(d, "start_service"),
        by=testing.actors(phases.COUNSELLORS),
        phase=st.sampled_from(list(Phase)),
    )
    def draw(data: dict[str, Any], by: pf.Actor, phase: Phase) -> None:
        p = d.start("c-1", at=day, by=by)
        job = {"id": "job", "phase": int(phase)}
        p.fire(
            phases.move_trigger(phase),
            at=day,
            by=by,
            assessment={"assessed_on": day, "needs": [job]},
        )
        try:
            p.fire("start_service", at=day, by=by, **data)
        except pf.TransitionRefused as refused:
            outcomes.extend(r.code for r in refused.reasons)
            return
        except pf.PathwayDataError:
            outcomes.append("data")
            return
        outcomes.append("accepted")
        (active,) = p.context.services
        service = services.typical_map().service(active.service_id)
        assert (service.phases, True) == (active.phases, by.role in service.referrers)

    draw()
    assert outcomes.count("accepted") >= 15, outcomes
    assert set(outcomes) <= {
        "accepted",
        "data",
        "phases.service.unknown",
        "phases.service.referrer_not_allowed",
        "phases.service.lower_need_open",
    }


@given(
    blurred=st.booleans(),
    placement=st.sampled_from(list(Phase)),
    raw_needs=need_dicts,
    service_phases=st.frozensets(st.sampled_from(list(Phase)), min_size=1),
    allowed=st.frozensets(st.sampled_from(sorted(phases.COUNSELLORS)), min_size=1),
    role=st.sampled_from(sorted(phases.COUNSELLORS)),
    primary=st.booleans(),
    override=st.sampled_from([None, "client's informed choice"]),
)
def test_p3_property_service_guard_matches_the_rule(
    blurred: bool,
    placement: Phase,
    raw_needs: list[dict[str, Any]],
    service_phases: frozenset[Phase],
    allowed: frozenset[Role],
    role: Role,
    primary: bool,
    override: str | None,
) -> None:
    """start_service is refused exactly when the map's referrers leave out the actor's
    party, or P3 holds a primary service back by the map's phases and there is no
    override; a service the map does not have is always refused."""
    by = pf.Actor("c-1", role)
    day = date(2025, 1, 8)
    service = svc("s", *service_phases, referrers=allowed)
    d = phases.definition(blurred_border=blurred, service_map=smap(service))
    p = d.start("c-1", at=day, by=by)
    p.fire("reassess", at=day, by=by, assessed_on=day, needs=raw_needs)
    needs = list(p.context.needs)
    if not p.check(phases.move_trigger(placement), at=day, by=by, assessment=p.context.assessment):
        no_open_need = phases.most_basic_need(needs) is None
        assert no_open_need or not primary_allowed(placement, needs, blurred)
        return
    p.fire(phases.move_trigger(placement), at=day, by=by, assessment=p.context.assessment)
    data: dict[str, Any] = {"service_id": "s", "primary": primary}
    if override is not None:
        data["override"] = override
    verdict = p.check("start_service", at=day, by=by, **data)
    held_back = primary and not primary_allowed(min(service_phases), needs, blurred)
    expected = (
        *(() if role in allowed else ("phases.service.referrer_not_allowed",)),
        *(("phases.service.lower_need_open",) if held_back and override is None else ()),
    )
    assert expected == verdict.codes
    if held_back and override is None:
        basic = phases.most_basic_need(needs)
        assert basic is not None
        assert verdict.reasons[-1].params["need_phase"] == basic.phase
    noted = tuple(r.code for r in verdict.notes)
    assert noted == (("phases.service.priority_overridden",) if held_back and override else ())
    unknown = p.check("start_service", at=day, by=by, **{**data, "service_id": "t"})
    assert ("phases.service.unknown",) == unknown.codes
