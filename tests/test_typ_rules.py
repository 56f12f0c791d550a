"""The TYP rules of RULES.md (D1, T1–T17, C1, C3, C4) against ``pathway_fsm.typ``.

Every test name starts with the id of the rule it checks. Each refusal is checked to leave
the pathway unchanged (state, context, history and stored form) and to agree with
``check``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from helpers import codes, refused
from pathway_fsm import (
    Actor,
    Deadline,
    Pathway,
    PathwayDataError,
    ProcessDefinition,
    Role,
    TransitionRefused,
    to_dict,
    typ,
)
from pathway_fsm.typ import AssessmentArea, PlannedService
from pathway_fsm.typ._facts import CLOSURE_LABELS

EA, WC, KELA, CLIENT = Role.EMPLOYMENT_AUTHORITY, Role.WELLBEING_COUNTY, Role.KELA, Role.CLIENT
AUTHORITIES = (EA, WC, KELA)
NON_AUTHORITIES = (
    Role.CLIENT,
    Role.MUNICIPALITY,
    Role.SERVICE_PROVIDER,
    Role.JOB_COACH,
    Role.EMPLOYER,
)
ALL_AREAS = [area.value for area in AssessmentArea]
ACTIVE_STATES = ("tunnista", "suunnittele", "valmenna", "kokeile", "ratkaise")
ADMITTED_STATES = ("suunnittele", "valmenna", "kokeile", "ratkaise")
PLAN_STATES = ("valmenna", "kokeile", "ratkaise")
D0 = date(2025, 1, 8)  # a plain Wednesday


# --------------------------------------------------------------------------- helpers


def actor(role: Role) -> Actor:
    """An actor of *role*."""
    return Actor(f"{role.value}-1", role)


def valid_facts(profile: typ.Profile, **overrides: Any) -> dict[str, Any]:
    """Entry facts that admit a client under *profile*, with *overrides* applied."""
    facts: dict[str, Any] = {"multidisciplinary_need": True}
    if profile == "381/2023":
        facts |= {
            "work_capacity_limitations": True,
            "life_management_problems": False,
            "solvable_by_consultation": False,
        }
    else:
        facts |= {"benefits_from_service": True, "labour_market_subsidy_days": 300}
    return facts | overrides


def plan_data(**overrides: Any) -> dict[str, Any]:
    """A complete, valid plan (T6–T8) made by the three parties, with *overrides* applied."""
    data: dict[str, Any] = {
        "services": [
            {"name": "social rehabilitation", "provider": "wellbeing_county", "kind": "social"}
        ],
        "follow_up": "monthly meeting with the counsellor",
        "job_search": "included",
        "made_with": [EA, WC, CLIENT],
        "assessed": list(ALL_AREAS),
    }
    return data | overrides


def started(d: ProcessDefinition, by: Actor, at: date) -> Pathway:
    """A pathway in ``tunnista``, started on *at*."""
    p = d.start("client-1", at=at, by=by)
    assert "tunnista" == p.state
    return p


def admitted(d: ProcessDefinition, by: Actor, at: date, **facts: Any) -> Pathway:
    """A pathway in ``suunnittele``, started and admitted on *at*."""
    p = started(d, by, at)
    p.fire("admit", at=at, by=by, **valid_facts(d.policy.profile, **facts))
    assert "suunnittele" == p.state
    return p


def planned(
    d: ProcessDefinition, by: Actor, at: date, *, plan_on: date | None = None, **plan: Any
) -> Pathway:
    """A pathway in ``valmenna``: admitted on *at*, plan made on *plan_on* (default *at*)."""
    p = admitted(d, by, at)
    p.fire("make_plan", at=plan_on or at, by=by, **plan_data(**plan))
    assert "valmenna" == p.state
    return p


def in_kokeile(d: ProcessDefinition, by: Actor, at: date, **plan: Any) -> Pathway:
    """A pathway in ``kokeile``; every event on *at*."""
    p = planned(d, by, at, **plan)
    p.fire("begin_trial", at=at, by=by)
    assert "kokeile" == p.state
    return p


def in_ratkaise(d: ProcessDefinition, by: Actor, at: date, **plan: Any) -> Pathway:
    """A pathway in ``ratkaise``; every event on *at*."""
    p = in_kokeile(d, by, at, **plan)
    p.fire("begin_resolution", at=at, by=by)
    assert "ratkaise" == p.state
    return p


def finally_assessed(d: ProcessDefinition, by: Actor, at: date) -> Pathway:
    """A pathway in ``ratkaise`` with a final assessment recorded on *at*."""
    p = in_ratkaise(d, by, at)
    p.fire("record_final_assessment", at=at, by=by, participants=[CLIENT, EA, WC])
    return p


def in_state(d: ProcessDefinition, by: Actor, at: date, state: str) -> Pathway:
    """A pathway in any active *state*."""
    builders = {
        "tunnista": started,
        "suunnittele": admitted,
        "valmenna": planned,
        "kokeile": in_kokeile,
        "ratkaise": in_ratkaise,
    }
    p = builders[state](d, by, at)
    assert state == p.state
    return p


def ending(**overrides: Any) -> dict[str, Any]:
    """A complete joint ending decision (T13, T14), with *overrides* applied."""
    return {"decided_by": [EA, WC, KELA], "no_further_service": True} | overrides


def bad_data(p: Pathway, trigger: str, *, at: date, by: Actor, **data: Any) -> PathwayDataError:
    """Fire *trigger*, expect a data error that changes nothing (check names the same
    fields as reasons), and return it."""
    before, length = to_dict(p), len(p.history)
    verdict = p.check(trigger, at=at, by=by, **data)
    with pytest.raises(PathwayDataError) as info:
        p.fire(trigger, at=at, by=by, **data)
    assert length == len(p.history)
    assert before == to_dict(p)
    assert {"pathway.invalid_data"} == set(verdict.codes)
    assert [path for path, _ in info.value.errors] == [r.params["field"] for r in verdict.reasons]
    return info.value


def admit_codes(d: ProcessDefinition, at: date, **facts: Any) -> tuple[str, ...]:
    """Start and admit on *at* with exactly *facts*: ``()`` if admitted, else the codes."""
    by = actor(EA)
    p = started(d, by, at)
    if p.check("admit", at=at, by=by, **facts):
        p.fire("admit", at=at, by=by, **facts)
        assert "suunnittele" == p.state
        return ()
    return codes(refused(p, "admit", at=at, by=by, **facts))


def deadline(p: Pathway, code: str, at: date) -> Deadline | None:
    """The one deadline with *code* on *at*, or ``None``."""
    found = [x for x in p.deadlines(at=at) if x.code == code]
    assert len(found) <= 1
    return found[0] if found else None


def due(p: Pathway, code: str, at: date) -> Deadline:
    """The one deadline with *code* on *at*; it must exist."""
    found = deadline(p, code, at)
    assert found is not None, f"no {code} on {at}"
    return found


# --------------------------------------------------------------------------- D1 profiles


def test_d1_seed_admits_need_criterion_and_benefit(ea: Actor, day: date) -> None:
    """D1: the seed profile admits with the need, one criterion and the benefit judgement."""
    facts = valid_facts("seed")
    assert () == admit_codes(typ.definition(), day, **facts)


@pytest.mark.parametrize("benefit", [False, None])
def test_d1_seed_needs_benefit_judgement(day: date, benefit: bool | None) -> None:
    """D1: the seed profile refuses without a recorded judgement that the client benefits."""
    facts = valid_facts("seed", benefits_from_service=benefit)
    assert ("typ.entry.no_benefit_judgement",) == admit_codes(typ.definition(), day, **facts)


def test_d1_seed_needs_a_criterion(day: date) -> None:
    """D1: the seed profile refuses when no unemployment criterion is met."""
    facts = valid_facts("seed", labour_market_subsidy_days=10)
    facts |= {"birth_date": date(1990, 1, 1), "unemployed_since": date(2024, 12, 1)}
    assert ("typ.entry.no_unemployment_criterion",) == admit_codes(typ.definition(), day, **facts)


def test_d1_seed_ignores_obstacle_facts(day: date) -> None:
    """D1: the seed profile does not apply the T2c obstacle test."""
    facts = valid_facts(
        "seed",
        work_capacity_limitations=False,
        life_management_problems=False,
        solvable_by_consultation=True,
    )
    assert () == admit_codes(typ.definition(), day, **facts)


@pytest.mark.parametrize("benefit", [True, False, None])
def test_d1_1369_needs_no_benefit_judgement(day: date, benefit: bool | None) -> None:
    """D1: the 1369/2014 profile admits on need and criterion, whatever the benefit judgement."""
    facts = {
        "multidisciplinary_need": True,
        "labour_market_subsidy_days": 300,
        "benefits_from_service": benefit,
    }
    assert () == admit_codes(typ.definition(profile="1369/2014"), day, **facts)


def test_d1_1369_needs_a_criterion(day: date) -> None:
    """D1: the 1369/2014 profile refuses when no unemployment criterion is met."""
    facts = {
        "multidisciplinary_need": True,
        "labour_market_subsidy_days": 299,
        "birth_date": date(1990, 1, 1),
        "unemployed_since": date(2024, 12, 1),
    }
    d = typ.definition(profile="1369/2014")
    assert ("typ.entry.no_unemployment_criterion",) == admit_codes(d, day, **facts)


def test_d1_1369_ignores_obstacle_facts(day: date) -> None:
    """D1: the 1369/2014 profile does not apply the T2c obstacle test."""
    facts = {
        "multidisciplinary_need": True,
        "labour_market_subsidy_days": 300,
        "work_capacity_limitations": False,
        "life_management_problems": False,
        "solvable_by_consultation": True,
    }
    assert () == admit_codes(typ.definition(profile="1369/2014"), day, **facts)


def test_d1_381_admits_without_any_criterion_and_notes_it(ea: Actor, day: date) -> None:
    """D1: under 381/2023 failing every criterion is only the note typ.screening.no_criterion."""
    d = typ.definition(profile="381/2023")
    p = started(d, ea, day)
    facts = valid_facts(
        "381/2023",
        labour_market_subsidy_days=0,
        birth_date=date(1990, 1, 1),
        unemployed_since=day,
    )
    verdict = p.check("admit", at=day, by=ea, **facts)
    assert verdict
    assert () == verdict.codes
    assert ("typ.screening.no_criterion",) == codes(verdict.notes)
    p.fire("admit", at=day, by=ea, **facts)
    assert "suunnittele" == p.state


@pytest.mark.parametrize(
    ("facts", "criterion"),
    [
        ({"labour_market_subsidy_days": 300}, "subsidy_days"),
        (
            {"birth_date": date(1990, 1, 1), "unemployed_since": date(2024, 1, 8)},
            "unemployed_12_months",
        ),
        (
            {"birth_date": date(2005, 1, 1), "unemployed_since": date(2024, 7, 8)},
            "unemployed_6_months_under_25",
        ),
    ],
)
def test_d1_381_criterion_met_is_a_note(
    ea: Actor, day: date, facts: dict[str, Any], criterion: str
) -> None:
    """D1: under 381/2023 a met criterion is reported as typ.screening.criterion_met only."""
    p = started(typ.definition(profile="381/2023"), ea, day)
    verdict = p.check("admit", at=day, by=ea, **valid_facts("381/2023", **facts))
    assert verdict
    assert ("typ.screening.criterion_met",) == codes(verdict.notes)
    assert criterion in verdict.notes[0].params["criterion"]
    assert typ.Criterion(criterion).label.en in verdict.notes[0].message("en")


def test_d1_381_unknown_criteria_give_no_note(ea: Actor, day: date) -> None:
    """D1: under 381/2023 no screening note is made when the criteria cannot be assessed."""
    p = started(typ.definition(profile="381/2023"), ea, day)
    verdict = p.check("admit", at=day, by=ea, **valid_facts("381/2023"))
    assert verdict
    assert () == verdict.notes


def test_d1_381_criteria_never_admit_without_obstacle(day: date) -> None:
    """D1: under 381/2023 a met criterion does not replace the obstacle test."""
    facts = valid_facts(
        "381/2023",
        work_capacity_limitations=False,
        life_management_problems=False,
        labour_market_subsidy_days=900,
    )
    d = typ.definition(profile="381/2023")
    assert ("typ.entry.no_capacity_obstacle",) == admit_codes(d, day, **facts)


def test_d1_381_needs_no_benefit_judgement(day: date) -> None:
    """D1: under 381/2023 a missing or negative benefit judgement does not block entry."""
    facts = valid_facts("381/2023", benefits_from_service=False)
    assert () == admit_codes(typ.definition(profile="381/2023"), day, **facts)


@pytest.mark.parametrize("profile", ["seed", "1369/2014"])
def test_d1_other_profiles_make_no_screening_notes(
    ea: Actor, day: date, profile: typ.Profile
) -> None:
    """D1: only the 381/2023 profile reports screening notes."""
    p = started(typ.definition(profile=profile), ea, day)
    verdict = p.check("admit", at=day, by=ea, **valid_facts(profile))
    assert verdict
    assert () == verdict.notes


@pytest.mark.parametrize("profile", typ.PROFILES)
def test_d1_profile_recorded_in_stored_form(ea: Actor, day: date, profile: typ.Profile) -> None:
    """D1: the profile is recorded in every pathway's stored form."""
    p = admitted(typ.definition(profile=profile), ea, day)
    assert profile == to_dict(p)["definition"]["policy"]["profile"]


def test_d1_seed_is_the_default_profile() -> None:
    """D1: the default profile is "seed"."""
    assert "seed" == typ.definition().policy.profile


def test_d1_unknown_profile_is_a_data_error() -> None:
    """D1: an unknown profile is refused, naming the parameter."""
    with pytest.raises(PathwayDataError) as info:
        typ.definition(profile="2026")  # type: ignore[arg-type]
    assert ["$.profile"] == [path for path, _ in info.value.errors]


class _Profile(str):
    """A str subclass spelling a valid profile."""


class _EqualToAll:
    """A value that claims to equal every other."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__


@pytest.mark.parametrize("profile", [_Profile("381/2023"), _EqualToAll()])
def test_d1_a_profile_only_equal_to_a_valid_one_is_refused(profile: object) -> None:
    """D1: a policy choice must be exactly one of the strings; a look-alike is refused
    rather than kept, stored, and handed to later callers by the per-policy cache."""
    with pytest.raises(PathwayDataError) as info:
        typ.definition(profile=profile)  # type: ignore[arg-type]
    assert ["$.profile"] == [path for path, _ in info.value.errors]
    assert str is type(typ.definition(profile="381/2023").policy.profile)


# --------------------------------------------------------------------------- T1 need


@pytest.mark.parametrize("profile", typ.PROFILES)
def test_t1_need_missing_is_fact_missing(day: date, profile: typ.Profile) -> None:
    """T1: without the need fact entry is refused with typ.entry.fact_missing naming it."""
    facts = valid_facts(profile)
    del facts["multidisciplinary_need"]
    p = started(typ.definition(profile=profile), actor(EA), day)
    reasons = refused(p, "admit", at=day, by=actor(EA), **facts)
    assert ("typ.entry.fact_missing",) == codes(reasons)
    assert {"fact": "multidisciplinary_need"} == dict(reasons[0].params)
    assert "monialaisen palvelun tarve" in reasons[0].message("fi")


@pytest.mark.parametrize("profile", typ.PROFILES)
def test_t1_need_false_is_no_multidisciplinary_need(day: date, profile: typ.Profile) -> None:
    """T1: a client without the need is refused with typ.entry.no_multidisciplinary_need."""
    facts = valid_facts(profile, multidisciplinary_need=False)
    d = typ.definition(profile=profile)
    assert ("typ.entry.no_multidisciplinary_need",) == admit_codes(d, day, **facts)


def test_t1_messages_in_three_languages(day: date) -> None:
    """T1: the refusal explains itself in Finnish, Swedish and English."""
    p = started(typ.definition(), actor(EA), day)
    reasons = refused(
        p, "admit", at=day, by=actor(EA), **valid_facts("seed", multidisciplinary_need=False)
    )
    messages = {lang: reasons[0].message(lang) for lang in ("fi", "sv", "en")}
    assert 3 == len(set(messages.values()))
    assert all(messages.values())


# --------------------------------------------------------------------------- T2a criteria

CRITERIA_PROFILES: list[typ.Profile] = ["seed", "1369/2014"]


def criterion_facts(**facts: Any) -> dict[str, Any]:
    """Need and benefit judgement plus exactly the given unemployment *facts*."""
    return {"multidisciplinary_need": True, "benefits_from_service": True} | facts


def spell_facts(**facts: Any) -> dict[str, Any]:
    """Criterion facts with 0 subsidy days, so only the age and spell criteria can be met."""
    return criterion_facts(labour_market_subsidy_days=0, **facts)


# A client aged 35, unemployed only since a month before: no age/spell criterion is met.
NO_SPELL = {"birth_date": date(1990, 1, 1), "unemployed_since": date(2024, 12, 8)}


@pytest.mark.parametrize("profile", CRITERIA_PROFILES)
@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, ("typ.entry.no_unemployment_criterion",)),
        (299, ("typ.entry.no_unemployment_criterion",)),
        (300, ()),
        (301, ()),
    ],
)
def test_t2_subsidy_days_boundary(
    day: date, profile: typ.Profile, days: int, expected: tuple[str, ...]
) -> None:
    """T2a(1): 300 days of labour market subsidy meet the criterion, 299 do not."""
    facts = criterion_facts(labour_market_subsidy_days=days, **NO_SPELL)
    assert expected == admit_codes(typ.definition(profile=profile), day, **facts)


def test_t2_subsidy_days_299_refused_with_params(day: date) -> None:
    """T2a: a client of 35 is told the criteria at their age: 300 days or 12 months."""
    p = started(typ.definition(), actor(EA), day)
    facts = criterion_facts(labour_market_subsidy_days=299, **NO_SPELL)
    reasons = refused(p, "admit", at=day, by=actor(EA), **facts)
    both = (typ.Criterion.SUBSIDY_DAYS, typ.Criterion.UNEMPLOYED_12_MONTHS)
    assert {"criteria": both} == dict(reasons[0].params)
    assert "300" in reasons[0].message("en")
    assert "12 months" in reasons[0].message("en")
    assert "6 months" not in reasons[0].message("en")
    assert "12 kuukautta" in reasons[0].message("fi")


@pytest.mark.parametrize(
    ("facts", "named"),
    [
        (
            {"birth_date": date(2005, 1, 1), "unemployed_since": date(2024, 12, 8)},
            (typ.Criterion.SUBSIDY_DAYS, typ.Criterion.UNEMPLOYED_6_MONTHS_UNDER_25),
        ),
        ({"unemployed_since": date(2024, 12, 8)}, tuple(typ.Criterion)),
    ],
)
def test_t2a_refusal_names_the_criteria_for_the_age(
    day: date, facts: dict[str, Any], named: tuple[typ.Criterion, ...]
) -> None:
    """T2a: under 25 the refusal names the 6-month criterion; with no birth date, all three."""
    p = started(typ.definition(), actor(EA), day)
    reasons = refused(p, "admit", at=day, by=actor(EA), **spell_facts(**facts))
    assert named == reasons[0].params["criteria"]


@pytest.mark.parametrize("profile", CRITERIA_PROFILES)
@pytest.mark.parametrize(
    ("unemployed_since", "expected"),
    [
        (date(2024, 1, 7), ()),  # more than 12 months
        (date(2024, 1, 8), ()),  # exactly 12 months on the admission day (C1)
        (date(2024, 1, 9), ("typ.entry.unemployment_facts_missing",)),  # 6 to 12: age decides
        (date(2024, 7, 8), ("typ.entry.unemployment_facts_missing",)),  # exactly 6 months
        (date(2024, 7, 9), ("typ.entry.no_unemployment_criterion",)),  # under 6: no age helps
    ],
)
def test_t2a_no_birth_date_needed_after_12_months(
    day: date, profile: typ.Profile, unemployed_since: date, expected: tuple[str, ...]
) -> None:
    """T2a: 12 months' unemployment meets the criterion at any age, so no birth date is
    needed; between 6 and 12 months the age decides; under 6 months none is met."""
    facts = spell_facts(unemployed_since=unemployed_since)
    assert expected == admit_codes(typ.definition(profile=profile), day, **facts)


@pytest.mark.parametrize("profile", CRITERIA_PROFILES)
@pytest.mark.parametrize(
    ("admission", "expected"),
    [
        (date(2025, 3, 14), ()),  # the day before: 24, six months suffice
        (date(2025, 3, 15), ("typ.entry.no_unemployment_criterion",)),  # 25th birthday
        (date(2025, 3, 16), ("typ.entry.no_unemployment_criterion",)),
    ],
)
def test_t2_25th_birthday_on_admission_day(
    profile: typ.Profile, admission: date, expected: tuple[str, ...]
) -> None:
    """T2a/C4: on the 25th birthday the client is 25, so six months no longer suffice."""
    facts = spell_facts(birth_date=date(2000, 3, 15), unemployed_since=date(2024, 9, 1))
    assert expected == admit_codes(typ.definition(profile=profile), admission, **facts)


def test_t2_25th_birthday_with_12_months_admitted() -> None:
    """T2a(2): on the 25th birthday twelve months of unemployment meet the criterion."""
    facts = spell_facts(birth_date=date(2000, 3, 15), unemployed_since=date(2024, 3, 15))
    assert () == admit_codes(typ.definition(), date(2025, 3, 15), **facts)


@pytest.mark.parametrize("profile", CRITERIA_PROFILES)
@pytest.mark.parametrize(
    ("since", "admission", "expected"),
    [
        # 31 Jan + 12 months = 31 Jan (C1).
        (date(2024, 1, 31), date(2025, 1, 30), ("typ.entry.no_unemployment_criterion",)),
        (date(2024, 1, 31), date(2025, 1, 31), ()),
        (date(2024, 1, 31), date(2025, 2, 1), ()),
        # 29 Feb + 12 months = 28 Feb (C1).
        (date(2024, 2, 29), date(2025, 2, 27), ("typ.entry.no_unemployment_criterion",)),
        (date(2024, 2, 29), date(2025, 2, 28), ()),
        (date(2024, 2, 29), date(2025, 3, 1), ()),
    ],
)
def test_t2_c1_12_months_at_25_or_over(
    profile: typ.Profile, since: date, admission: date, expected: tuple[str, ...]
) -> None:
    """T2a(2)/C1: at 25 or over twelve calendar months of unemployment are needed."""
    facts = spell_facts(birth_date=date(1980, 6, 1), unemployed_since=since)
    assert expected == admit_codes(typ.definition(profile=profile), admission, **facts)


@pytest.mark.parametrize("profile", CRITERIA_PROFILES)
@pytest.mark.parametrize(
    ("since", "admission", "expected"),
    [
        # 31 Jul + 6 months = 31 Jan (C1).
        (date(2024, 7, 31), date(2025, 1, 30), ("typ.entry.no_unemployment_criterion",)),
        (date(2024, 7, 31), date(2025, 1, 31), ()),
        (date(2024, 7, 31), date(2025, 2, 1), ()),
        # 31 Aug + 6 months = 28 Feb in a common year (C1).
        (date(2024, 8, 31), date(2025, 2, 27), ("typ.entry.no_unemployment_criterion",)),
        (date(2024, 8, 31), date(2025, 2, 28), ()),
        # 31 Aug + 6 months = 29 Feb in a leap year (C1).
        (date(2023, 8, 31), date(2024, 2, 28), ("typ.entry.no_unemployment_criterion",)),
        (date(2023, 8, 31), date(2024, 2, 29), ()),
    ],
)
def test_t2_c1_6_months_under_25(
    profile: typ.Profile, since: date, admission: date, expected: tuple[str, ...]
) -> None:
    """T2a(3)/C1: under 25 six calendar months of unemployment are enough."""
    facts = spell_facts(birth_date=date(2005, 6, 1), unemployed_since=since)
    assert expected == admit_codes(typ.definition(profile=profile), admission, **facts)


@pytest.mark.parametrize(
    ("admission", "expected"),
    [
        (date(2025, 1, 30), ("typ.entry.no_unemployment_criterion",)),
        (date(2025, 1, 31), ("typ.entry.no_unemployment_criterion",)),
        (date(2025, 7, 30), ("typ.entry.no_unemployment_criterion",)),
        (date(2025, 7, 31), ()),
    ],
)
def test_t2_c1_6_months_not_enough_at_25(admission: date, expected: tuple[str, ...]) -> None:
    """T2a(2): at 25 or over six months do not count; twelve (C1) do."""
    facts = spell_facts(birth_date=date(1990, 1, 1), unemployed_since=date(2024, 7, 31))
    assert expected == admit_codes(typ.definition(), admission, **facts)


def test_t2_under_25_with_12_months_admitted() -> None:
    """T2a(3): under 25 more than six months of unemployment also meet the criterion."""
    facts = spell_facts(birth_date=date(2005, 6, 1), unemployed_since=date(2024, 1, 8))
    assert () == admit_codes(typ.definition(), D0, **facts)


@pytest.mark.parametrize(
    ("policy", "admission", "expected"),
    [
        ("feb28", date(2025, 2, 27), ()),
        ("feb28", date(2025, 2, 28), ("typ.entry.no_unemployment_criterion",)),
        ("mar1", date(2025, 2, 28), ()),
        ("mar1", date(2025, 3, 1), ("typ.entry.no_unemployment_criterion",)),
    ],
)
def test_t2_c4_leap_day_born_turns_25(
    policy: str, admission: date, expected: tuple[str, ...]
) -> None:
    """T2a/C4: born 29 Feb 2000, the client turns 25 on 28 Feb (default) or 1 Mar ("mar1")."""
    facts = spell_facts(birth_date=date(2000, 2, 29), unemployed_since=date(2024, 8, 1))
    d = typ.definition(leap_birthday=policy)  # type: ignore[arg-type]
    assert expected == admit_codes(d, admission, **facts)


def test_t2_c4_feb28_is_the_default() -> None:
    """C4: the default birthday of someone born on 29 February is 28 February."""
    assert "feb28" == typ.definition().policy.leap_birthday


def test_t2_c4_unknown_leap_policy_is_a_data_error() -> None:
    """C4: only "feb28" and "mar1" are accepted, the parameter is named."""
    with pytest.raises(PathwayDataError) as info:
        typ.definition(leap_birthday="mar2")  # type: ignore[arg-type]
    assert ["$.leap_birthday"] == [path for path, _ in info.value.errors]


@pytest.mark.parametrize("profile", CRITERIA_PROFILES)
@pytest.mark.parametrize(
    "facts",
    [
        {},
        {"labour_market_subsidy_days": 299},
        {"birth_date": date(1990, 1, 1)},
        {"unemployed_since": date(2024, 1, 9)},  # 6 months but not 12: the age decides
        {"labour_market_subsidy_days": 10, "unemployed_since": date(2024, 7, 8)},
    ],
)
def test_t2_unemployment_facts_missing(
    day: date, profile: typ.Profile, facts: dict[str, Any]
) -> None:
    """T2a: when no criterion is met and one cannot be assessed, the facts are reported missing."""
    d = typ.definition(profile=profile)
    codes_ = admit_codes(d, day, **criterion_facts(**facts))
    assert ("typ.entry.unemployment_facts_missing",) == codes_


@pytest.mark.parametrize(
    "facts",
    [
        {"labour_market_subsidy_days": 300},
        {"birth_date": date(1990, 1, 1), "unemployed_since": date(2024, 1, 8)},
        {"birth_date": date(2005, 1, 1), "unemployed_since": date(2024, 7, 8)},
    ],
)
def test_t2_one_known_criterion_is_enough(day: date, facts: dict[str, Any]) -> None:
    """T2a: one met criterion admits even when the facts for the others are missing."""
    assert () == admit_codes(typ.definition(), day, **criterion_facts(**facts))


# --------------------------------------------------------------------------- T2c obstacles

LAW: typ.Profile = "381/2023"


@pytest.mark.parametrize(
    ("limits", "problems"),
    [(True, False), (False, True), (True, True), (True, None), (None, True)],
)
def test_t2c_one_obstacle_is_enough(day: date, limits: bool | None, problems: bool | None) -> None:
    """T2c: limits of work capacity or life-management problems admit under 381/2023."""
    facts = valid_facts(LAW, work_capacity_limitations=limits, life_management_problems=problems)
    assert () == admit_codes(typ.definition(profile=LAW), day, **facts)


def test_t2c_no_obstacle_refused(day: date) -> None:
    """T2c: without either obstacle entry is refused with typ.entry.no_capacity_obstacle."""
    facts = valid_facts(LAW, work_capacity_limitations=False, life_management_problems=False)
    assert ("typ.entry.no_capacity_obstacle",) == admit_codes(
        typ.definition(profile=LAW), day, **facts
    )


@pytest.mark.parametrize(
    ("limits", "problems", "missing"),
    [
        (None, None, "work_capacity_limitations, life_management_problems"),
        (False, None, "life_management_problems"),
        (None, False, "work_capacity_limitations"),
    ],
)
def test_t2c_obstacle_facts_missing(
    day: date, limits: bool | None, problems: bool | None, missing: str
) -> None:
    """T2c: unknown obstacle facts are typ.entry.fact_missing naming them."""
    facts = valid_facts(LAW, work_capacity_limitations=limits, life_management_problems=problems)
    p = started(typ.definition(profile=LAW), actor(EA), day)
    reasons = refused(p, "admit", at=day, by=actor(EA), **facts)
    assert ("typ.entry.fact_missing",) == codes(reasons)
    assert {"fact": missing} == dict(reasons[0].params)


def test_t2c_consultation_suffices_refused(day: date) -> None:
    """T2c: obstacles the authorities can solve by consultation alone refuse entry."""
    facts = valid_facts(LAW, solvable_by_consultation=True)
    assert ("typ.entry.consultation_suffices",) == admit_codes(
        typ.definition(profile=LAW), day, **facts
    )


def test_t2c_consultation_unknown_is_fact_missing(day: date) -> None:
    """T2c: the consultation judgement is needed under 381/2023."""
    facts = valid_facts(LAW)
    del facts["solvable_by_consultation"]
    p = started(typ.definition(profile=LAW), actor(EA), day)
    reasons = refused(p, "admit", at=day, by=actor(EA), **facts)
    assert ("typ.entry.fact_missing",) == codes(reasons)
    assert {"fact": "solvable_by_consultation"} == dict(reasons[0].params)


def test_t2c_every_failure_reported_at_once(day: date) -> None:
    """T1/T2c: no need, no obstacle and consultation sufficing are all reported together."""
    facts = {
        "multidisciplinary_need": False,
        "work_capacity_limitations": False,
        "life_management_problems": False,
        "solvable_by_consultation": True,
    }
    assert (
        "typ.entry.no_multidisciplinary_need",
        "typ.entry.no_capacity_obstacle",
        "typ.entry.consultation_suffices",
    ) == admit_codes(typ.definition(profile=LAW), day, **facts)


# --------------------------------------------------------------------------- T3 who starts


@pytest.mark.parametrize("role", AUTHORITIES)
def test_t3_authority_may_start(day: date, role: Role) -> None:
    """T3: the employment authority, the wellbeing county and Kela may each start TYP."""
    p = typ.definition().start("client-1", at=day, by=actor(role))
    assert "tunnista" == p.state
    assert role == p.history[0].actor.role


@pytest.mark.parametrize("role", NON_AUTHORITIES)
def test_t3_others_may_not_start(day: date, role: Role) -> None:
    """T3: the client, the municipality and service providers may not start TYP."""
    with pytest.raises(TransitionRefused) as info:
        typ.definition().start("client-1", at=day, by=actor(role))
    assert ("pathway.role_not_allowed",) == codes(info.value.reasons)
    assert info.value.state is None


@pytest.mark.parametrize("role", AUTHORITIES)
def test_t3_authority_may_admit(day: date, role: Role) -> None:
    """T3: each of the three parties may admit a client it did not refer itself."""
    p = started(typ.definition(), actor(EA), day)
    p.fire("admit", at=day, by=actor(role), **valid_facts("seed"))
    assert "suunnittele" == p.state


@pytest.mark.parametrize("role", NON_AUTHORITIES)
def test_t3_others_may_not_admit(ea: Actor, day: date, role: Role) -> None:
    """T3: admission by anyone but the three parties is pathway.role_not_allowed."""
    p = started(typ.definition(), ea, day)
    reasons = refused(p, "admit", at=day, by=actor(role), **valid_facts("seed"))
    assert ("pathway.role_not_allowed",) == codes(reasons)
    assert role == reasons[0].params["role"]


# --------------------------------------------------------------------------- T4 start


def test_t4_relationship_starts_on_admission_day(ea: Actor) -> None:
    """T4: the client relationship starts on the admit date, not the referral date."""
    d = typ.definition()
    p = started(d, ea, date(2025, 1, 8))
    assert p.context.started_on is None
    assert date(2025, 1, 8) == p.context.referred_on
    p.fire("admit", at=date(2025, 2, 3), by=ea, **valid_facts("seed"))
    assert date(2025, 2, 3) == p.context.started_on
    assert date(2025, 1, 8) == p.context.referred_on


def test_t4_plan_clock_starts_on_admission_day(ea: Actor) -> None:
    """T4/T5: the plan deadline counts from the admit date."""
    p = started(typ.definition(), ea, date(2025, 1, 8))
    p.fire("admit", at=date(2025, 2, 3), by=ea, **valid_facts("seed"))
    plan_due = due(p, "typ.plan_due", date(2025, 2, 3))
    assert date(2025, 2, 3) == plan_due.start
    assert date(2025, 5, 3) == plan_due.due


def test_t4_no_deadlines_before_admission(ea: Actor, day: date) -> None:
    """T4: before admission no TYP clock is running."""
    assert () == started(typ.definition(), ea, day).deadlines(at=date(2030, 1, 1))


# --------------------------------------------------------------------------- T5 plan due


@pytest.mark.parametrize(
    ("admission", "expected"),
    [
        (date(2025, 1, 8), date(2025, 4, 8)),
        (date(2025, 1, 31), date(2025, 4, 30)),
        (date(2024, 11, 30), date(2025, 2, 28)),
        (date(2023, 11, 30), date(2024, 2, 29)),
        (date(2024, 11, 29), date(2025, 2, 28)),
        (date(2023, 11, 29), date(2024, 2, 29)),
        (date(2024, 2, 29), date(2024, 5, 29)),
        (date(2025, 10, 31), date(2026, 1, 31)),
        (date(2025, 12, 31), date(2026, 3, 31)),
    ],
)
def test_t5_plan_due_three_months_after_admission(
    ea: Actor, admission: date, expected: date
) -> None:
    """T5/C1: the plan is due three calendar months after admission, clamped to month end."""
    p = admitted(typ.definition(), ea, admission)
    plan_due = due(p, "typ.plan_due", admission)
    assert expected == plan_due.due
    assert admission == plan_due.start


@pytest.mark.parametrize(
    ("at", "overdue"),
    [
        (date(2025, 2, 27), False),
        (date(2025, 2, 28), False),
        (date(2025, 3, 1), True),
        (date(2025, 6, 1), True),
    ],
)
def test_t5_plan_overdue_the_day_after_due(ea: Actor, at: date, overdue: bool) -> None:
    """T5: the plan is overdue the day after its due date, not on it."""
    p = admitted(typ.definition(), ea, date(2024, 11, 30))
    assert overdue == due(p, "typ.plan_due", at).overdue


def test_t5_plan_due_gone_once_plan_made(ea: Actor) -> None:
    """T5: making the plan replaces the plan deadline with the review deadline."""
    p = planned(typ.definition(), ea, D0, plan_on=date(2025, 6, 1))
    assert deadline(p, "typ.plan_due", date(2025, 6, 1)) is None
    assert deadline(p, "typ.review_due", date(2025, 6, 1)) is not None


def test_t5_plan_may_be_made_late(ea: Actor) -> None:
    """T5: an overdue plan can still be made (the deadline flags, it does not block)."""
    p = planned(typ.definition(), ea, D0, plan_on=date(2025, 12, 1))
    assert "valmenna" == p.state


def test_t5_plan_due_months_is_a_policy(ea: Actor) -> None:
    """T5/D2: the plan period is a policy parameter."""
    p = admitted(typ.definition(plan_due_months=2), ea, date(2024, 12, 31))
    assert date(2025, 2, 28) == due(p, "typ.plan_due", D0).due


# --------------------------------------------------------------------------- T6 assessment


@pytest.mark.parametrize("missing", list(AssessmentArea))
def test_t6_make_plan_needs_every_area(ea: Actor, missing: AssessmentArea) -> None:
    """T6: the first plan is refused when the mapping did not cover an area."""
    p = admitted(typ.definition(), ea, D0)
    areas = [a for a in ALL_AREAS if a != missing.value]
    reasons = refused(p, "make_plan", at=D0, by=ea, **plan_data(assessed=areas))
    assert ("typ.plan.assessment_incomplete",) == codes(reasons)
    assert (missing,) == tuple(reasons[0].params["areas"])
    assert missing.label.get("fi") in reasons[0].message("fi")


def test_t6_no_area_assessed_lists_all(ea: Actor) -> None:
    """T6: with nothing assessed every area is named missing."""
    p = admitted(typ.definition(), ea, D0)
    reasons = refused(p, "make_plan", at=D0, by=ea, **plan_data(assessed=[]))
    assert tuple(AssessmentArea) == tuple(reasons[0].params["areas"])


def test_t6_not_checked_on_revise_plan(ea: Actor) -> None:
    """T6: a revised plan need not repeat the mapping."""
    p = in_kokeile(typ.definition(), ea, D0)
    p.fire("revise_plan", at=D0, by=ea, **plan_data(assessed=[]))
    assert "valmenna" == p.state


# --------------------------------------------------------------------------- T7 parties


@pytest.mark.parametrize("missing", [EA, WC, CLIENT])
def test_t7_plan_party_missing(ea: Actor, missing: Role) -> None:
    """T7: the plan is made by the employment authority, the wellbeing county and the client."""
    p = admitted(typ.definition(), ea, D0)
    made_with = [r for r in (EA, WC, CLIENT) if r != missing]
    reasons = refused(p, "make_plan", at=D0, by=ea, **plan_data(made_with=made_with))
    assert ("typ.plan.party_missing",) == codes(reasons)
    assert {"party": missing} == dict(reasons[0].params)


def test_t7_every_missing_party_named(ea: Actor) -> None:
    """T7: a plan made with nobody names each of the three required parties."""
    p = admitted(typ.definition(), ea, D0)
    reasons = refused(p, "make_plan", at=D0, by=ea, **plan_data(made_with=[]))
    assert [EA, WC, CLIENT] == [r.params["party"] for r in reasons]


def test_t7_made_with_as_strings(ea: Actor) -> None:
    """T7: parties may be given as their string values."""
    p = admitted(typ.definition(), ea, D0)
    made_with = {"employment_authority", "wellbeing_county", "client"}
    p.fire("make_plan", at=D0, by=ea, **plan_data(made_with=made_with))
    assert frozenset({EA, WC, CLIENT}) == p.context.plan.made_with


@pytest.mark.parametrize(
    ("providers", "made_with", "expected"),
    [
        ([KELA], [EA, WC, CLIENT], ("typ.plan.kela_missing",)),
        ([WC, KELA], [EA, WC, CLIENT], ("typ.plan.kela_missing",)),
        ([KELA], [EA, WC, CLIENT, KELA], ()),
        ([WC], [EA, WC, CLIENT], ()),
        ([WC], [EA, WC, CLIENT, KELA], ()),
        ([EA], [EA, WC, CLIENT], ()),
    ],
)
def test_t7_kela_only_for_kela_services(
    ea: Actor, providers: list[Role], made_with: list[Role], expected: tuple[str, ...]
) -> None:
    """T7: Kela must take part exactly when a planned service is Kela's rehabilitation."""
    services = [
        PlannedService(name=f"service {i}", provider=r, kind=typ.ServiceKind.REHABILITATION)
        for i, r in enumerate(providers)
    ]
    p = admitted(typ.definition(), ea, D0)
    data = plan_data(services=services, made_with=made_with)
    if expected:
        assert expected == codes(refused(p, "make_plan", at=D0, by=ea, **data))
    else:
        p.fire("make_plan", at=D0, by=ea, **data)
        assert "valmenna" == p.state


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("rehabilitation", ("typ.plan.kela_missing",)),
        ("employment", ()),
        ("social", ()),
        ("health", ()),
        ("other", ()),
    ],
)
def test_t7_kela_only_for_kela_rehabilitation(
    ea: Actor, kind: str, expected: tuple[str, ...]
) -> None:
    """T7: Kela must join the plan for its rehabilitation services, not for its others."""
    p = admitted(typ.definition(), ea, D0)
    services = [{"name": "kela service", "provider": "kela", "kind": kind}]
    verdict = p.check("make_plan", at=D0, by=ea, **plan_data(services=services))
    assert expected == verdict.codes


def test_t8_a_planned_service_states_its_kind(ea: Actor) -> None:
    """T8: each planned service has a kind; leaving it out, or an unknown one, is malformed."""
    p = admitted(typ.definition(), ea, D0)
    for service in (
        {"name": "x", "provider": "kela"},
        {"name": "x", "provider": "kela", "kind": "?"},
    ):
        err = bad_data(p, "make_plan", at=D0, by=ea, **plan_data(services=[service]))
        assert ["$.data.services[0].kind"] == [path for path, _ in err.errors]


def test_t7_checked_on_revise_plan(ea: Actor) -> None:
    """T7: a revised plan adding a Kela service needs Kela too."""
    p = in_kokeile(typ.definition(), ea, D0)
    services = [{"name": "medical rehabilitation", "provider": "kela", "kind": "rehabilitation"}]
    reasons = refused(p, "revise_plan", at=D0, by=ea, **plan_data(services=services))
    assert ("typ.plan.kela_missing",) == codes(reasons)


@pytest.mark.parametrize("role", [KELA, CLIENT, Role.MUNICIPALITY])
def test_t7_only_ea_or_wc_record_the_plan(ea: Actor, role: Role) -> None:
    """T7: the plan is recorded by the employment authority or the wellbeing county."""
    p = admitted(typ.definition(), ea, D0)
    reasons = refused(p, "make_plan", at=D0, by=actor(role), **plan_data())
    assert ("pathway.role_not_allowed",) == codes(reasons)


# --------------------------------------------------------------------------- T8 content


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"services": []}, ("typ.plan.no_services",)),
        ({"follow_up": ""}, ("typ.plan.no_follow_up",)),
        ({"follow_up": "   "}, ("typ.plan.no_follow_up",)),
        ({"job_search": None}, ("typ.plan.no_job_search_terms",)),
        (
            {"services": [], "follow_up": "", "job_search": None},
            ("typ.plan.no_services", "typ.plan.no_follow_up", "typ.plan.no_job_search_terms"),
        ),
    ],
)
@pytest.mark.parametrize("trigger", ["make_plan", "revise_plan"])
def test_t8_plan_content_required(
    ea: Actor, trigger: str, overrides: dict[str, Any], expected: tuple[str, ...]
) -> None:
    """T8: a plan needs services, a follow-up and the job-search terms."""
    d = typ.definition()
    p = admitted(d, ea, D0) if trigger == "make_plan" else in_kokeile(d, ea, D0)
    data = plan_data(**overrides)
    if "job_search" in overrides and overrides["job_search"] is None:
        del data["job_search"]
    assert expected == codes(refused(p, trigger, at=D0, by=ea, **data))


@pytest.mark.parametrize("job_search", ["included", "exempt", typ.JobSearch.EXEMPT])
def test_t8_job_search_included_or_exempt(ea: Actor, job_search: Any) -> None:
    """T8: the job-search obligation may be included or the exemption recorded."""
    p = admitted(typ.definition(), ea, D0)
    p.fire("make_plan", at=D0, by=ea, **plan_data(job_search=job_search))
    assert typ.JobSearch(job_search) == p.context.plan.job_search


def test_t8_unknown_job_search_is_data_error(ea: Actor) -> None:
    """T8: a job-search value other than included/exempt is malformed data."""
    p = admitted(typ.definition(), ea, D0)
    err = bad_data(p, "make_plan", at=D0, by=ea, **plan_data(job_search="maybe"))
    assert ["$.data.job_search"] == [path for path, _ in err.errors]


def test_t8_empty_service_name_is_data_error(ea: Actor) -> None:
    """T8: a service with an empty name is malformed data, named by index."""
    p = admitted(typ.definition(), ea, D0)
    services = [
        {"name": "coaching", "provider": "employment_authority", "kind": "employment"},
        {"name": " ", "provider": "wellbeing_county", "kind": "social"},
    ]
    err = bad_data(p, "make_plan", at=D0, by=ea, **plan_data(services=services))
    assert ["$.data.services[1].name"] == [path for path, _ in err.errors]


# --------------------------------------------------------------------------- T9 review


@pytest.mark.parametrize(
    ("plan_on", "expected"),
    [
        (date(2025, 2, 3), date(2025, 5, 3)),
        (date(2025, 1, 31), date(2025, 4, 30)),
        (date(2024, 11, 30), date(2025, 2, 28)),
        (date(2023, 11, 30), date(2024, 2, 29)),
        (date(2024, 2, 29), date(2024, 5, 29)),
    ],
)
def test_t9_review_due_three_months_after_plan(ea: Actor, plan_on: date, expected: date) -> None:
    """T9/C1: the first review is due three calendar months after the plan."""
    p = planned(typ.definition(), ea, date(2023, 11, 1), plan_on=plan_on)
    review = due(p, "typ.review_due", plan_on)
    assert expected == review.due
    assert plan_on == review.start


@pytest.mark.parametrize(
    ("at", "overdue"),
    [
        (date(2025, 2, 27), False),
        (date(2025, 2, 28), False),
        (date(2025, 3, 1), True),
    ],
)
def test_t9_review_overdue_day_after(ea: Actor, at: date, overdue: bool) -> None:
    """T9: the review is overdue the day after it is due, not on the due date."""
    p = planned(typ.definition(), ea, date(2024, 11, 1), plan_on=date(2024, 11, 30))
    assert overdue == due(p, "typ.review_due", at).overdue


def test_t9_interval_is_three_by_default() -> None:
    """T9/D2: the review interval defaults to three months."""
    assert 3 == typ.definition().policy.review_interval_months


@pytest.mark.parametrize(
    ("plan_on", "expected"),
    [
        (date(2025, 1, 31), date(2025, 7, 31)),
        (date(2024, 8, 31), date(2025, 2, 28)),
        (date(2023, 8, 31), date(2024, 2, 29)),
    ],
)
def test_t9_interval_six_months_policy(ea: Actor, plan_on: date, expected: date) -> None:
    """T9/D2: with review_interval_months=6 the review is due six months after the plan."""
    d = typ.definition(review_interval_months=6)
    p = planned(d, ea, date(2023, 8, 1), plan_on=plan_on)
    assert expected == due(p, "typ.review_due", plan_on).due
    assert not due(p, "typ.review_due", expected).overdue
    assert due(p, "typ.review_due", date.fromordinal(expected.toordinal() + 1)).overdue


@pytest.mark.parametrize("months", [0, -3])
def test_t9_interval_must_be_positive(months: int) -> None:
    """T9/D2: a non-positive review interval is a data error naming the parameter."""
    with pytest.raises(PathwayDataError) as info:
        typ.definition(review_interval_months=months)
    assert ["$.review_interval_months"] == [path for path, _ in info.value.errors]


def test_t9_review_resets_the_clock(ea: Actor) -> None:
    """T9: a review starts a new interval from its own date."""
    p = planned(typ.definition(), ea, date(2025, 1, 2), plan_on=date(2025, 1, 31))
    p.fire("review_plan", at=date(2025, 4, 20), by=ea, participants=[EA, WC])
    review = due(p, "typ.review_due", date(2025, 4, 20))
    assert date(2025, 4, 20) == review.start
    assert date(2025, 7, 20) == review.due
    assert not due(p, "typ.review_due", date(2025, 5, 1)).overdue
    assert "valmenna" == p.state


def test_t9_late_review_clears_overdue(ea: Actor) -> None:
    """T9: after an overdue review is done the next one is not overdue."""
    p = planned(typ.definition(), ea, date(2025, 1, 2))
    assert due(p, "typ.review_due", date(2025, 5, 1)).overdue
    p.fire("review_plan", at=date(2025, 5, 1), by=ea, participants=[EA, WC])
    assert not due(p, "typ.review_due", date(2025, 5, 1)).overdue


def test_t9_revise_plan_resets_the_clock(ea: Actor) -> None:
    """T9: a revised plan counts as the latest plan date."""
    p = in_kokeile(typ.definition(), ea, date(2025, 1, 2))
    p.fire("revise_plan", at=date(2025, 3, 31), by=ea, **plan_data())
    assert date(2025, 6, 30) == due(p, "typ.review_due", date(2025, 3, 31)).due


@pytest.mark.parametrize("state", PLAN_STATES)
def test_t9_review_due_while_plan_in_force(ea: Actor, state: str) -> None:
    """T9: the review deadline runs in every state in which the plan is in force."""
    p = in_state(typ.definition(), ea, D0, state)
    assert date(2025, 4, 8) == due(p, "typ.review_due", D0).due


@pytest.mark.parametrize("state", PLAN_STATES)
def test_t9_review_allowed_in_plan_states(ea: Actor, state: str) -> None:
    """T9: the plan can be reviewed in every state in which it is in force, staying there."""
    p = in_state(typ.definition(), ea, D0, state)
    p.fire("review_plan", at=D0, by=ea, participants=[EA, WC])
    assert state == p.state


@pytest.mark.parametrize("role", [WC, KELA, CLIENT, Role.MUNICIPALITY])
def test_t9_only_employment_authority_reviews(ea: Actor, role: Role) -> None:
    """T9: only the employment authority may record a review."""
    p = planned(typ.definition(), ea, D0)
    reasons = refused(p, "review_plan", at=D0, by=actor(role), participants=[EA, WC, KELA])
    assert ("pathway.role_not_allowed",) == codes(reasons)


def test_t9_no_review_before_plan(ea: Actor) -> None:
    """T9: there is no plan to review in the mapping period."""
    p = admitted(typ.definition(), ea, D0)
    reasons = refused(p, "review_plan", at=D0, by=ea, participants=[EA, WC])
    assert ("pathway.wrong_state",) == codes(reasons)


def unplanned_ratkaise(d: ProcessDefinition, by: Actor, at: date) -> Pathway:
    """A pathway moved to ``ratkaise`` straight from the mapping period, with no plan made."""
    p = admitted(d, by, at)
    p.fire("begin_resolution", at=at, by=by)
    assert p.context.plan is None
    return p


def test_t9_review_needs_a_plan(ea: Actor) -> None:
    """T9: with no plan ever made there is nothing to review, also in Ratkaise."""
    p = unplanned_ratkaise(typ.definition(), ea, D0)
    assert ("typ.review.no_plan",) == codes(
        refused(p, "review_plan", at=D0, by=ea, participants=[EA, WC])
    )


# --------------------------------------------------------------------------- T10 requests


def test_t10_client_request_due_in_14_days(ea: Actor, client: Actor) -> None:
    """T10/C2: a client's request makes a review due 14 days later (the day not counted)."""
    p = planned(typ.definition(), ea, D0)
    p.fire("request_review", at=date(2025, 3, 1), by=client)
    requested = due(p, "typ.requested_review_due", date(2025, 3, 1))
    assert date(2025, 3, 1) == requested.start
    assert date(2025, 3, 15) == requested.due
    assert not due(p, "typ.requested_review_due", date(2025, 3, 15)).overdue
    assert due(p, "typ.requested_review_due", date(2025, 3, 16)).overdue


def test_t10_requested_review_days_is_a_policy(ea: Actor, client: Actor) -> None:
    """T10/D5: the requested-review period is a policy parameter."""
    p = planned(typ.definition(requested_review_days=30), ea, D0)
    p.fire("request_review", at=date(2025, 3, 1), by=client)
    assert date(2025, 3, 31) == due(p, "typ.requested_review_due", date(2025, 3, 1)).due


@pytest.mark.parametrize("second", [CLIENT, EA])
def test_t10_second_request_refused(ea: Actor, client: Actor, second: Role) -> None:
    """T10: a second request while one is pending is typ.review.already_requested."""
    p = planned(typ.definition(), ea, D0)
    p.fire("request_review", at=D0, by=client)
    reasons = refused(p, "request_review", at=date(2025, 1, 9), by=actor(second))
    assert ("typ.review.already_requested",) == codes(reasons)


def test_t10_review_answers_the_request(ea: Actor, client: Actor) -> None:
    """T10: a review clears the pending request, so a new one may be made."""
    p = planned(typ.definition(), ea, D0)
    p.fire("request_review", at=D0, by=client)
    p.fire("review_plan", at=date(2025, 1, 10), by=ea, participants=[EA, WC])
    assert deadline(p, "typ.requested_review_due", date(2025, 1, 10)) is None
    p.fire("request_review", at=date(2025, 1, 11), by=client)
    assert date(2025, 1, 25) == due(p, "typ.requested_review_due", date(2025, 1, 11)).due


def test_t10_decline_needs_pending_request(ea: Actor) -> None:
    """T10: only a pending request can be declined (typ.review.no_request)."""
    p = planned(typ.definition(), ea, D0)
    reasons = refused(p, "decline_review_request", at=D0, by=ea, justification="seen last week")
    assert ("typ.review.no_request",) == codes(reasons)


@pytest.mark.parametrize("justification", ["", "   ", "\n\t"])
def test_t10_decline_needs_justification(ea: Actor, client: Actor, justification: str) -> None:
    """T10: declining as manifestly unnecessary needs a non-empty justification."""
    p = planned(typ.definition(), ea, D0)
    p.fire("request_review", at=D0, by=client)
    err = bad_data(p, "decline_review_request", at=D0, by=ea, justification=justification)
    assert ["$.data.justification"] == [path for path, _ in err.errors]
    assert p.context.review_requested_on == D0


def test_t10_decline_without_justification_field(ea: Actor, client: Actor) -> None:
    """T10: the justification may not be left out."""
    p = planned(typ.definition(), ea, D0)
    p.fire("request_review", at=D0, by=client)
    bad_data(p, "decline_review_request", at=D0, by=ea)


def test_t10_decline_clears_request(ea: Actor, client: Actor) -> None:
    """T10: a justified decline clears the request without counting as a review."""
    p = planned(typ.definition(), ea, D0)
    p.fire("request_review", at=date(2025, 2, 1), by=client)
    p.fire("decline_review_request", at=date(2025, 2, 3), by=ea, justification="reviewed 1.2.")
    assert deadline(p, "typ.requested_review_due", date(2025, 2, 3)) is None
    assert date(2025, 4, 8) == due(p, "typ.review_due", date(2025, 2, 3)).due
    p.fire("request_review", at=date(2025, 2, 4), by=client)
    assert p.context.review_requested_on == date(2025, 2, 4)


@pytest.mark.parametrize("role", [WC, KELA, CLIENT])
def test_t10_only_employment_authority_declines(ea: Actor, client: Actor, role: Role) -> None:
    """T10: only the employment authority may decline a review request."""
    p = planned(typ.definition(), ea, D0)
    p.fire("request_review", at=D0, by=client)
    reasons = refused(p, "decline_review_request", at=D0, by=actor(role), justification="x")
    assert ("pathway.role_not_allowed",) == codes(reasons)


@pytest.mark.parametrize("role", [Role.MUNICIPALITY, Role.SERVICE_PROVIDER])
def test_t10_outsiders_may_not_request(ea: Actor, role: Role) -> None:
    """T10: the request comes from the client (or a party), not from outsiders."""
    p = planned(typ.definition(), ea, D0)
    assert ("pathway.role_not_allowed",) == codes(
        refused(p, "request_review", at=D0, by=actor(role))
    )


def test_t10_revised_plan_answers_the_request(ea: Actor, client: Actor) -> None:
    """T10: revising the plan also deals with a pending request."""
    p = in_kokeile(typ.definition(), ea, D0)
    p.fire("request_review", at=D0, by=client)
    p.fire("revise_plan", at=date(2025, 1, 10), by=ea, **plan_data())
    assert deadline(p, "typ.requested_review_due", date(2025, 1, 10)) is None


def test_t10_request_with_plan_in_ratkaise_is_due(ea: Actor, client: Actor) -> None:
    """T10: in Ratkaise, with a plan in force, a client's request is due 14 days later."""
    p = in_ratkaise(typ.definition(), ea, D0)
    p.fire("request_review", at=D0, by=client)
    assert date(2025, 1, 22) == due(p, "typ.requested_review_due", D0).due


def test_t10_request_without_plan_not_silently_lost(ea: Actor, client: Actor) -> None:
    """T10: a review request is either refused or tracked; never accepted and then dropped."""
    p = unplanned_ratkaise(typ.definition(), ea, D0)
    assert ("typ.review.no_plan",) == codes(refused(p, "request_review", at=D0, by=client))


# --------------------------------------------------------------------------- T11 reviewers


@pytest.mark.parametrize(
    ("providers", "participants", "missing"),
    [
        ([WC], [EA], [WC]),
        ([KELA], [EA, WC], [KELA]),
        ([WC, KELA], [EA], [WC, KELA]),
        ([WC, KELA], [EA, KELA], [WC]),
        ([WC], [WC], [EA]),
        ([EA], [], [EA]),
    ],
)
def test_t11_review_party_missing(
    ea: Actor, providers: list[Role], participants: list[Role], missing: list[Role]
) -> None:
    """T11: the county and Kela join the review for their services; the authority always."""
    services = [
        {"name": f"service {i}", "provider": r.value, "kind": "rehabilitation"}
        for i, r in enumerate(providers)
    ]
    made_with = [EA, WC, CLIENT, KELA]
    p = planned(typ.definition(), ea, D0, services=services, made_with=made_with)
    reasons = refused(p, "review_plan", at=D0, by=ea, participants=participants)
    assert ("typ.review.party_missing",) * len(missing) == codes(reasons)
    assert sorted(missing) == sorted(r.params["party"] for r in reasons)


@pytest.mark.parametrize(
    ("providers", "participants"),
    [
        ([EA], [EA]),
        ([WC], [EA, WC]),
        ([KELA], [EA, KELA]),
        ([WC, KELA], [EA, WC, KELA]),
        ([EA], ["employment_authority", "client"]),
    ],
)
def test_t11_reviewers_not_required_otherwise(
    ea: Actor, providers: list[Role], participants: list[Any]
) -> None:
    """T11: a party with no service in the plan need not join the review."""
    services = [
        {"name": f"service {i}", "provider": r.value, "kind": "rehabilitation"}
        for i, r in enumerate(providers)
    ]
    p = planned(typ.definition(), ea, D0, services=services, made_with=[EA, WC, CLIENT, KELA])
    p.fire("review_plan", at=D0, by=ea, participants=participants)
    assert D0 == p.context.last_review_on


def test_t11_follows_the_revised_plan(ea: Actor) -> None:
    """T11: once a revision removes Kela's service, Kela need not join the review."""
    kela_plan = plan_data(
        services=[{"name": "medical rehabilitation", "provider": "kela", "kind": "rehabilitation"}],
        made_with=[EA, WC, CLIENT, KELA],
    )
    p = in_kokeile(typ.definition(), ea, D0, **kela_plan)
    assert ("typ.review.party_missing",) == codes(
        refused(p, "review_plan", at=D0, by=ea, participants=[EA])
    )
    services = [{"name": "coaching", "provider": "employment_authority", "kind": "employment"}]
    p.fire("revise_plan", at=D0, by=ea, **plan_data(services=services))
    p.fire("review_plan", at=D0, by=ea, participants=[EA])


# --------------------------------------------------------------------------- T12 report


def test_t12_report_due_until_reported(ea: Actor, client: Actor) -> None:
    """T12: a report date in the plan is a client deadline until the client reports."""
    p = planned(typ.definition(), ea, D0, report_due=date(2025, 2, 28))
    report = due(p, "typ.client_report_due", D0)
    assert D0 == report.start
    assert date(2025, 2, 28) == report.due
    assert not due(p, "typ.client_report_due", date(2025, 2, 28)).overdue
    assert due(p, "typ.client_report_due", date(2025, 3, 1)).overdue
    p.fire("report_progress", at=date(2025, 3, 2), by=client)
    assert deadline(p, "typ.client_report_due", date(2025, 3, 2)) is None
    assert "valmenna" == p.state


def test_t12_no_report_date_no_deadline(ea: Actor) -> None:
    """T12: a plan without a report date makes no report deadline."""
    p = planned(typ.definition(), ea, D0)
    assert deadline(p, "typ.client_report_due", D0) is None


def test_t12_report_due_same_day_as_plan(ea: Actor) -> None:
    """T12: a report due on the plan's own date is allowed and overdue the next day."""
    p = planned(typ.definition(), ea, D0, report_due=D0)
    assert not due(p, "typ.client_report_due", D0).overdue
    assert due(p, "typ.client_report_due", date(2025, 1, 9)).overdue


def test_t12_report_due_before_plan_is_data_error(ea: Actor) -> None:
    """T12: a report date before the plan's date is malformed data."""
    p = admitted(typ.definition(), ea, D0)
    err = bad_data(p, "make_plan", at=D0, by=ea, **plan_data(report_due=date(2025, 1, 7)))
    assert ["$.data.report_due"] == [path for path, _ in err.errors]


def test_t12_revised_plan_restarts_report(ea: Actor, client: Actor) -> None:
    """T12: a revised plan with a new report date needs a new report."""
    p = in_kokeile(typ.definition(), ea, D0, report_due=date(2025, 2, 1))
    p.fire("report_progress", at=date(2025, 2, 1), by=client)
    p.fire("revise_plan", at=date(2025, 3, 1), by=ea, **plan_data(report_due=date(2025, 4, 1)))
    assert date(2025, 4, 1) == due(p, "typ.client_report_due", date(2025, 3, 1)).due


def test_t12_report_then_revision_on_same_day_restarts_report(ea: Actor, client: Actor) -> None:
    """T12: a report made before a same-day revision does not answer the revised plan."""
    p = in_kokeile(typ.definition(), ea, D0, report_due=date(2025, 2, 1))
    p.fire("report_progress", at=date(2025, 3, 1), by=client)
    p.fire("revise_plan", at=date(2025, 3, 1), by=ea, **plan_data(report_due=date(2025, 4, 1)))
    assert date(2025, 4, 1) == due(p, "typ.client_report_due", date(2025, 3, 1)).due


@pytest.mark.parametrize("role", [WC, KELA, Role.MUNICIPALITY])
def test_t12_report_by_client_or_authority(ea: Actor, role: Role) -> None:
    """T12: the client (or the employment authority for them) reports progress."""
    p = planned(typ.definition(), ea, D0, report_due=date(2025, 2, 1))
    assert ("pathway.role_not_allowed",) == codes(
        refused(p, "report_progress", at=D0, by=actor(role))
    )
    p.fire("report_progress", at=D0, by=ea)
    assert deadline(p, "typ.client_report_due", D0) is None


# --------------------------------------------------------------------------- T13 joint end


@pytest.mark.parametrize(
    "decided_by",
    [[WC, KELA], [EA, KELA], [EA, WC], [EA], [KELA], []],
)
def test_t13_joint_decision_incomplete(ea: Actor, decided_by: list[Role]) -> None:
    """T13: ending needs the assessment of all three parties; each missing one is named."""
    p = finally_assessed(typ.definition(), ea, D0)
    reasons = refused(p, "end", at=D0, by=ea, **ending(decided_by=decided_by))
    missing = sorted(set(AUTHORITIES) - set(decided_by))
    assert ("typ.end.joint_decision_incomplete",) * len(missing) == codes(reasons)
    assert missing == [r.params["party"] for r in reasons]


@pytest.mark.parametrize("by", AUTHORITIES)
def test_t13_joint_decision_ends(ea: Actor, by: Role) -> None:
    """T13: with all three parties' assessment any of them records the end."""
    p = finally_assessed(typ.definition(), ea, D0)
    p.fire("end", at=date(2025, 2, 1), by=actor(by), **ending())
    assert "ended" == p.state
    assert typ.Closure.RESOLVED == p.context.closure
    assert date(2025, 2, 1) == p.context.ended_on


def test_t13_client_may_not_end(ea: Actor, client: Actor) -> None:
    """T13: the client does not record the joint decision."""
    p = finally_assessed(typ.definition(), ea, D0)
    assert ("pathway.role_not_allowed",) == codes(refused(p, "end", at=D0, by=client, **ending()))


@pytest.mark.parametrize("state", ["suunnittele", "valmenna", "kokeile"])
def test_t13_end_only_from_ratkaise(ea: Actor, state: str) -> None:
    """T13/T14: the joint end is recorded in Ratkaise only."""
    p = in_state(typ.definition(), ea, D0, state)
    assert ("pathway.wrong_state",) == codes(refused(p, "end", at=D0, by=ea, **ending()))


# --------------------------------------------------------------------------- T14 Ratkaise


def test_t14_end_needs_final_assessment(ea: Actor) -> None:
    """T14: ending without a final assessment is typ.end.no_final_assessment."""
    p = in_ratkaise(typ.definition(), ea, D0)
    reasons = refused(p, "end", at=D0, by=ea, **ending())
    assert ("typ.end.no_final_assessment",) == codes(reasons)


def test_t14_end_needs_next_step(ea: Actor) -> None:
    """T14: ending names the next party or records that no service follows."""
    p = finally_assessed(typ.definition(), ea, D0)
    reasons = refused(p, "end", at=D0, by=ea, decided_by=[EA, WC, KELA])
    assert ("typ.end.no_next_step",) == codes(reasons)


def test_t14_next_step_conflict(ea: Actor) -> None:
    """T14: a next party and "no further service" cannot both be given."""
    p = finally_assessed(typ.definition(), ea, D0)
    reasons = refused(p, "end", at=D0, by=ea, **ending(next_party=WC, no_further_service=True))
    assert ("typ.end.next_step_conflict",) == codes(reasons)


def test_t14_every_end_failure_reported(ea: Actor) -> None:
    """T13/T14: all ending problems are reported at once."""
    p = in_ratkaise(typ.definition(), ea, D0)
    reasons = refused(p, "end", at=D0, by=ea, decided_by=[EA, WC])
    assert (
        "typ.end.no_final_assessment",
        "typ.end.joint_decision_incomplete",
        "typ.end.no_next_step",
    ) == codes(reasons)


def test_t14_handover_to_next_party(ea: Actor) -> None:
    """T14: ending with a named next party and service records both."""
    p = finally_assessed(typ.definition(), ea, D0)
    p.fire(
        "end",
        at=D0,
        by=ea,
        decided_by=["employment_authority", "wellbeing_county", "kela"],
        next_party="wellbeing_county",
        next_service="rehabilitative work activity",
    )
    assert "ended" == p.state
    assert WC == p.context.next_party
    assert "rehabilitative work activity" == p.context.next_service


def test_t14_next_service_needs_next_party(ea: Actor) -> None:
    """T14: a next service without a next party is malformed data."""
    p = finally_assessed(typ.definition(), ea, D0)
    err = bad_data(p, "end", at=D0, by=ea, **ending(next_service="job coaching"))
    assert ["$.data.next_service"] == [path for path, _ in err.errors]


def test_t14_empty_next_service_is_data_error(ea: Actor) -> None:
    """T14: a named next service may not be blank."""
    p = finally_assessed(typ.definition(), ea, D0)
    data = ending(next_party=WC, no_further_service=False, next_service="  ")
    err = bad_data(p, "end", at=D0, by=ea, **data)
    assert ["$.data.next_service"] == [path for path, _ in err.errors]


@pytest.mark.parametrize(
    ("participants", "expected"),
    [
        ([EA, WC], ("typ.final.client_missing",)),
        ([CLIENT, EA], ("typ.final.not_multidisciplinary",)),
        ([CLIENT, KELA], ("typ.final.not_multidisciplinary",)),
        ([CLIENT], ("typ.final.not_multidisciplinary",)),
        ([EA], ("typ.final.client_missing", "typ.final.not_multidisciplinary")),
        ([], ("typ.final.client_missing", "typ.final.not_multidisciplinary")),
        ([CLIENT, EA, WC], ()),
        ([CLIENT, EA, KELA], ()),
        ([CLIENT, WC, KELA], ()),
        ([CLIENT, EA, WC, KELA], ()),
    ],
)
def test_t14_final_assessment_participants(
    ea: Actor, participants: list[Role], expected: tuple[str, ...]
) -> None:
    """T14: the final assessment is made with the client and at least two authorities."""
    p = in_ratkaise(typ.definition(), ea, D0)
    if expected:
        reasons = refused(p, "record_final_assessment", at=D0, by=ea, participants=participants)
        assert expected == codes(reasons)
        assert p.context.final_assessment_on is None
    else:
        p.fire("record_final_assessment", at=D0, by=ea, participants=participants)
        assert D0 == p.context.final_assessment_on
        assert "ratkaise" == p.state


@pytest.mark.parametrize("state", ["suunnittele", "valmenna", "kokeile"])
def test_t14_resolution_reachable_before_ratkaise(ea: Actor, state: str) -> None:
    """T14: the parties may move to Ratkaise from the mapping, coaching or trial phase."""
    p = in_state(typ.definition(), ea, D0, state)
    p.fire("begin_resolution", at=D0, by=ea)
    assert "ratkaise" == p.state


# --------------------------------------------------------------------------- T15 revise


def test_t15_revise_plan_back_to_valmenna_and_on(ea: Actor) -> None:
    """T15: revising the plan in Kokeile returns to Valmenna, and the trial may begin again."""
    p = in_kokeile(typ.definition(), ea, D0)
    revised = plan_data(
        services=[{"name": "work trial", "provider": "employment_authority", "kind": "employment"}]
    )
    event = p.fire("revise_plan", at=date(2025, 3, 1), by=ea, **revised)
    assert ("kokeile", "valmenna") == (event.source, event.dest)
    assert "valmenna" == p.state
    assert "work trial" == p.context.plan.services[0].name
    assert date(2025, 3, 1) == p.context.plan_on
    p.fire("begin_trial", at=date(2025, 3, 2), by=ea)
    assert "kokeile" == p.state
    assert [
        "start",
        "admit",
        "make_plan",
        "begin_trial",
        "revise_plan",
        "begin_trial",
    ] == [e.trigger for e in p.history]


def test_t15_revise_plan_by_wellbeing_county(ea: Actor, wc: Actor) -> None:
    """T15: the wellbeing county may also revise the plan."""
    p = in_kokeile(typ.definition(), ea, D0)
    p.fire("revise_plan", at=D0, by=wc, **plan_data())
    assert "valmenna" == p.state


# --------------------------------------------------------------------------- T16 consent


@pytest.mark.parametrize("profile", typ.PROFILES)
@pytest.mark.parametrize("need", [True, False])
def test_t16_consent_never_changes_entry(
    ea: Actor, day: date, profile: typ.Profile, need: bool
) -> None:
    """T16: consent to data (given, refused or absent) never changes the entry verdict."""
    p = started(typ.definition(profile=profile), ea, day)
    base = valid_facts(profile, multidisciplinary_need=need)
    verdicts = [
        p.check("admit", at=day, by=ea, **base),
        p.check("admit", at=day, by=ea, **base, consent_to_data=True),
        p.check("admit", at=day, by=ea, **base, consent_to_data=False),
    ]
    assert [verdicts[0]] * 3 == verdicts
    assert need == bool(verdicts[0])


def test_t16_refused_consent_still_admits(ea: Actor, day: date) -> None:
    """T16: a client who refuses consent is admitted and the refusal is recorded."""
    p = admitted(typ.definition(), ea, day, consent_to_data=False)
    assert p.history[-1].data.consent_to_data is False


# --------------------------------------------------------------------------- T17 retention


@pytest.mark.parametrize(
    ("ended_on", "years", "expected"),
    [
        (date(2025, 2, 3), 4, date(2029, 2, 3)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2096, 2, 29), 4, date(2100, 2, 28)),  # 2100 is not a leap year
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 3, date(2027, 2, 28)),
    ],
)
def test_t17_retention_until_end_plus_years(
    ea: Actor, ended_on: date, years: int, expected: date
) -> None:
    """T17/C1: data is kept until the end + 4 years; 29 Feb becomes 28 Feb in a common year."""
    d = typ.definition(retention_years=years)
    p = finally_assessed(d, ea, date(ended_on.year, 1, 2))
    assert typ.retention_until(p.context, d.policy) is None
    p.fire("end", at=ended_on, by=ea, **ending())
    assert expected == typ.retention_until(p.context, d.policy)
    retention = due(p, "typ.retention_until", ended_on)
    assert ended_on == retention.start
    assert expected == retention.due
    assert not due(p, "typ.retention_until", expected).overdue
    assert due(p, "typ.retention_until", date.fromordinal(expected.toordinal() + 1)).overdue
    assert (retention,) == p.deadlines(at=ended_on)


def test_t17_four_years_by_default() -> None:
    """T17: the retention period defaults to four years."""
    assert 4 == typ.definition().policy.retention_years


@pytest.mark.parametrize("state", ACTIVE_STATES)
def test_t17_retention_none_while_running(ea: Actor, state: str) -> None:
    """T17: there is no retention date while the pathway runs."""
    d = typ.definition()
    p = in_state(d, ea, D0, state)
    assert typ.retention_until(p.context, d.policy) is None
    assert deadline(p, "typ.retention_until", D0) is None


def test_t17_retention_after_close(ea: Actor) -> None:
    """T17: a pathway closed because the client moved away also gets a retention date."""
    d = typ.definition()
    p = planned(d, ea, D0)
    p.fire("close", at=date(2025, 5, 31), by=ea, closure="moved_away")
    assert date(2029, 5, 31) == typ.retention_until(p.context, d.policy)
    assert date(2029, 5, 31) == due(p, "typ.retention_until", D0).due


# --------------------------------------------------------------------------- close


@pytest.mark.parametrize("closure", ["not_admitted", "client_declined"])
def test_close_before_admission_allowed(ea: Actor, closure: str) -> None:
    """close: before admission a pathway may be closed as not admitted or declined."""
    p = started(typ.definition(), ea, D0)
    p.fire("close", at=D0, by=ea, closure=closure)
    assert "ended" == p.state
    assert typ.Closure(closure) == p.context.closure
    assert p.context.started_on is None


@pytest.mark.parametrize("state", ADMITTED_STATES)
@pytest.mark.parametrize("closure", ["not_admitted", "client_declined"])
def test_close_only_before_admission(ea: Actor, state: str, closure: str) -> None:
    """close: after admission "not admitted"/"declined" are typ.close.only_before_admission."""
    p = in_state(typ.definition(), ea, D0, state)
    reasons = refused(p, "close", at=D0, by=ea, closure=closure)
    assert ("typ.close.only_before_admission",) == codes(reasons)
    assert {"closure": closure} == dict(reasons[0].params)
    assert CLOSURE_LABELS[closure].sv in reasons[0].message("sv")


@pytest.mark.parametrize("state", ACTIVE_STATES)
def test_close_resolved_needs_end(ea: Actor, state: str) -> None:
    """close: a resolved ending goes through the joint decision, never through close."""
    p = in_state(typ.definition(), ea, D0, state)
    reasons = refused(p, "close", at=D0, by=ea, closure="resolved")
    assert ("typ.close.resolved_needs_end",) == codes(reasons)


@pytest.mark.parametrize("state", ACTIVE_STATES)
@pytest.mark.parametrize("closure", ["moved_away", "deceased"])
def test_close_factual_end_in_any_active_state(ea: Actor, state: str, closure: str) -> None:
    """close: moving away or death closes the pathway in any active state."""
    p = in_state(typ.definition(), ea, D0, state)
    event = p.fire("close", at=date(2025, 2, 1), by=actor(KELA), closure=closure)
    assert (state, "ended") == (event.source, event.dest)
    assert typ.Closure(closure) == p.context.closure
    assert date(2025, 2, 1) == p.context.ended_on


def test_close_after_end_refused(ea: Actor) -> None:
    """close: an ended pathway cannot be closed again."""
    p = started(typ.definition(), ea, D0)
    p.fire("close", at=D0, by=ea, closure="moved_away")
    assert ("pathway.wrong_state",) == codes(refused(p, "close", at=D0, by=ea, closure="deceased"))


@pytest.mark.parametrize("role", NON_AUTHORITIES)
def test_close_only_by_authorities(ea: Actor, role: Role) -> None:
    """close: only the three parties may close a pathway."""
    p = planned(typ.definition(), ea, D0)
    assert ("pathway.role_not_allowed",) == codes(
        refused(p, "close", at=D0, by=actor(role), closure="moved_away")
    )


# --------------------------------------------------------------------------- C3 roll-forward

SATURDAY_DUE_ADMISSION = date(2024, 12, 8)  # + 3 months = Sat 8 Mar 2025; Mon 10 Mar works
EASTER_DUE_ADMISSION = date(2025, 1, 19)  # + 3 months = Sat 19 Apr 2025; next: Tue 22 Apr


@pytest.mark.parametrize(
    ("at", "overdue"),
    [
        (date(2025, 3, 8), False),
        (date(2025, 3, 9), False),
        (date(2025, 3, 10), False),
        (date(2025, 3, 11), True),
    ],
)
def test_c3_roll_forward_saturday_to_monday(ea: Actor, at: date, overdue: bool) -> None:
    """C3: with roll_forward a Saturday deadline is overdue only after the next working day."""
    p = admitted(typ.definition(roll_forward=True), ea, SATURDAY_DUE_ADMISSION)
    plan_due = due(p, "typ.plan_due", at)
    assert date(2025, 3, 8) == plan_due.due
    assert date(2025, 3, 10) == plan_due.due_working_day
    assert overdue == plan_due.overdue


@pytest.mark.parametrize(
    ("at", "overdue"),
    [
        (date(2025, 3, 8), False),
        (date(2025, 3, 9), True),
        (date(2025, 3, 10), True),
    ],
)
def test_c3_default_reports_working_day_but_counts_calendar(
    ea: Actor, at: date, overdue: bool
) -> None:
    """C3: by default the next working day is reported, but overdue counts from the due date."""
    d = typ.definition()
    assert d.policy.roll_forward is False
    plan_due = due(admitted(d, ea, SATURDAY_DUE_ADMISSION), "typ.plan_due", at)
    assert date(2025, 3, 8) == plan_due.due
    assert date(2025, 3, 10) == plan_due.due_working_day
    assert overdue == plan_due.overdue


@pytest.mark.parametrize(
    ("at", "overdue"),
    [
        (date(2025, 4, 21), False),  # Easter Monday
        (date(2025, 4, 22), False),
        (date(2025, 4, 23), True),
    ],
)
def test_c3_roll_forward_over_easter(ea: Actor, at: date, overdue: bool) -> None:
    """C3: a deadline on Easter Saturday rolls past Easter Sunday and Monday to Tuesday."""
    p = admitted(typ.definition(roll_forward=True), ea, EASTER_DUE_ADMISSION)
    plan_due = due(p, "typ.plan_due", at)
    assert date(2025, 4, 22) == plan_due.due_working_day
    assert overdue == plan_due.overdue


@pytest.mark.parametrize("roll_forward", [True, False])
def test_c3_working_day_deadline_unchanged(ea: Actor, roll_forward: bool) -> None:
    """C3: a deadline on a working day is overdue the day after under either setting."""
    p = admitted(typ.definition(roll_forward=roll_forward), ea, D0)
    plan_due = due(p, "typ.plan_due", date(2025, 4, 8))
    assert date(2025, 4, 8) == plan_due.due_working_day
    assert not plan_due.overdue
    assert due(p, "typ.plan_due", date(2025, 4, 9)).overdue


def test_c3_roll_forward_applies_to_review(ea: Actor) -> None:
    """C3: roll-forward applies to the review deadline too."""
    p = planned(typ.definition(roll_forward=True), ea, date(2024, 12, 1), plan_on=date(2024, 12, 8))
    assert not due(p, "typ.review_due", date(2025, 3, 10)).overdue
    assert due(p, "typ.review_due", date(2025, 3, 11)).overdue


def test_c3_roll_forward_must_be_bool() -> None:
    """C3: the roll-forward switch is a boolean."""
    with pytest.raises(PathwayDataError) as info:
        typ.definition(roll_forward=1)  # type: ignore[arg-type]
    assert ["$.roll_forward"] == [path for path, _ in info.value.errors]


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("days", [-1, -300])
def test_bad_input_negative_subsidy_days(ea: Actor, day: date, days: int) -> None:
    """T2a: negative subsidy days are malformed data, named, and change nothing."""
    p = started(typ.definition(), ea, day)
    err = bad_data(
        p, "admit", at=day, by=ea, **valid_facts("seed", labour_market_subsidy_days=days)
    )
    assert ["$.data.labour_market_subsidy_days"] == [path for path, _ in err.errors]
    assert "tunnista" == p.state


def test_bad_input_zero_subsidy_days_is_valid_data(ea: Actor, day: date) -> None:
    """T2a: zero subsidy days are valid data (they just meet no criterion)."""
    p = started(typ.definition(), ea, day)
    verdict = p.check(
        "admit", at=day, by=ea, **criterion_facts(labour_market_subsidy_days=0, **NO_SPELL)
    )
    assert ("typ.entry.no_unemployment_criterion",) == verdict.codes


@pytest.mark.parametrize("born", [date(2025, 1, 9), "2025-01-09", date(2030, 12, 31)])
def test_bad_input_birth_date_after_admission(ea: Actor, born: Any) -> None:
    """C4/T2a: a birth date after admission is malformed data and is not echoed."""
    p = started(typ.definition(), ea, D0)
    err = bad_data(p, "admit", at=D0, by=ea, **valid_facts("seed", birth_date=born))
    assert ["$.data.birth_date"] == [path for path, _ in err.errors]
    shown = born if isinstance(born, str) else born.isoformat()
    assert shown not in str(err)
    assert shown not in repr(err.errors)
    as_date = date.fromisoformat(shown)
    assert f"{as_date.day}.{as_date.month}.{as_date.year}" not in str(err)


def test_bad_input_birth_on_admission_day_is_valid_data(ea: Actor) -> None:
    """C4: a birth date equal to the admission date is not malformed (age 0)."""
    p = started(typ.definition(), ea, D0)
    assert p.check("admit", at=D0, by=ea, **valid_facts("seed", birth_date=D0))


@pytest.mark.parametrize(
    ("facts", "path"),
    [
        ({"unemployed_since": date(2025, 1, 9)}, "$.data.unemployed_since"),
        (
            {"birth_date": date(2000, 5, 1), "unemployed_since": date(2000, 4, 30)},
            "$.data.unemployed_since",
        ),
        ({"labour_market_subsidy_days": "300"}, "$.data.labour_market_subsidy_days"),
        ({"labour_market_subsidy_days": True}, "$.data.labour_market_subsidy_days"),
        ({"birth_date": "1990-02-30"}, "$.data.birth_date"),
        ({"multidisciplinary_need": "yes"}, "$.data.multidisciplinary_need"),
    ],
)
def test_bad_input_other_entry_facts(ea: Actor, facts: dict[str, Any], path: str) -> None:
    """T2a/C5: impossible or mistyped entry facts are data errors naming the field."""
    p = started(typ.definition(), ea, D0)
    err = bad_data(p, "admit", at=D0, by=ea, **valid_facts("seed", **facts))
    assert [path] == [p_ for p_, _ in err.errors]


def test_bad_input_every_problem_reported(ea: Actor, day: date) -> None:
    """Bad input: every bad field is reported at once, with no value echoed."""
    p = started(typ.definition(), ea, day)
    err = bad_data(
        p,
        "admit",
        at=day,
        by=ea,
        **valid_facts("seed", labour_market_subsidy_days=-5, birth_date=date(2026, 7, 4)),
    )
    assert {"$.data.labour_market_subsidy_days", "$.data.birth_date"} == {
        path for path, _ in err.errors
    }
    assert "2026-07-04" not in str(err)
    assert "-5" not in str(err)


def test_bad_input_unknown_fact_refused(ea: Actor, day: date) -> None:
    """Bad input: an unknown entry fact is refused rather than ignored."""
    p = started(typ.definition(), ea, day)
    err = bad_data(p, "admit", at=day, by=ea, **valid_facts("seed", diagnosis="secret"))
    assert "secret" not in str(err)
