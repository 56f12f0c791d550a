"""Messages are text for people: names and word forms, never identifiers, in fi/sv/en.

Every reason kind of every shipped definition, the engine's and the modules' own, is
rendered in each language with parameters like those the library passes (raw ids and
enum members, as in ``reason.params``), and so is every kind of data problem.
"""

from __future__ import annotations

import itertools
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pathway_fsm as pf
from pathway_fsm import handover, ips, social_welfare, typ
from pathway_fsm._engine.model import parse_template
from pathway_fsm._problems import INVALID, MORE, PROBLEM_KINDS, explain

sys.path.insert(0, str(Path(__file__).parent))
from test_i18n import REASONS

LANGS: tuple[pf.Lang, ...] = ("fi", "sv", "en")
DAY = date(2026, 3, 2)
IDENTIFIER = re.compile(r"[A-Za-z]+_[A-Za-z_]+|[a-z]+\.[a-z_]+\(|NoneType")

SAMPLES: dict[str, tuple[Any, ...]] = {
    "actual": (1, 4),
    "age_group": (social_welfare._ktt._UNDER_25,),
    "allowed": (1, 14, frozenset({pf.Role.KELA, pf.Role.EMPLOYMENT_AUTHORITY})),
    "areas": (tuple(typ.AssessmentArea),),
    "case": (pf.Text("yrittäjä", "företagare", "entrepreneur"),),
    "closure": tuple(c.value for c in typ.Closure),
    "competence": ("hitsaus",),
    "covered": (tuple(social_welfare.Benefit),),
    "criteria": (tuple(typ.Criterion),),
    "criterion": (*((c,) for c in typ.Criterion), *ips.Criterion),
    "day": (DAY,),
    "days": (1, 2, 180),
    "end": (DAY,),
    "entries": (("goal", "days_per_week", "minutes_per_day", "period_months", "evaluate_by"),),
    "expected": (1, 3),
    "fact": (
        "birth_date",
        "multidisciplinary_need",
        "solvable_by_consultation",
        "work_capacity_limitations, life_management_problems",
    ),
    "facts": ("benefit_days, unemployed_since, risk_of_exclusion", "benefit_days"),
    "field": ("$.data.closure",),
    "gap": (1, 5),
    "handover_id": ("H-17",),
    "kind": tuple(k.value for k in social_welfare.PaymentKind),
    "last": (DAY,),
    "limit": (1, 4),
    "minutes": (1, 90),
    "missing": (
        ("capacity_below_27d", "income_mainly_benefits"),
        ("long_term_difficulty", "needs_social_welfare_support"),
    ),
    "months": (1, 12),
    "more": (1, 5),
    "municipality": ("Kemi",),
    "need": ("N-3",),
    "need_phase": (0, 2),
    "party": tuple(pf.Role),
    "phase": (1, 3),
    "phases": ((1, 3),),
    "places": (1, 20),
    "problem": ("expected an integer, got str",),
    "rank": (1, 3),
    "referrer": (pf.Role.CLIENT,),
    "respond_by": (DAY,),
    "role": tuple(pf.Role),
    "route": tuple(social_welfare.Route),
    "scope": ("189/2001", "HE 109/2025"),
    "service": (pf.Text("Työkokeilu", "Arbetsprövning", "Work trial"),),
    "service_id": ("tyokokeilu",),
    "service_phase": (1,),
    "source": (2,),
    "start": (DAY,),
    "starts_on": (DAY,),
    "state": ("phase_2",),
    "status": tuple(s.value for s in handover.HandoverStatus),
    "step": ("Arvio",),
    "trigger": ("Arvioi",),
    "at": (DAY,),
}
"""Values like those the library passes for each field: ids, counts, enum members."""

BY_CODE: dict[str, dict[str, tuple[Any, ...]]] = {
    "ktt.scope.fact_missing": {"fact": ("birth_date",)},
}
"""Samples for a field that one reason fills with its own ids."""


def _fields(kind: pf.ReasonKind) -> list[str]:
    return sorted({n for _, n, _ in parse_template(kind.text.en) if n})


def _renderings(kind: pf.ReasonKind) -> list[pf.Reason]:
    """The kind called with each sample of each field, the others at their first."""
    names = _fields(kind)
    samples = {**SAMPLES, **BY_CODE.get(kind.code, {})}
    made: list[pf.Reason] = []
    combos = [{n: samples[n][0] for n in names}]
    for name in names:
        combos.extend({**combos[0], name: v} for v in samples[name][1:])
    for params in combos:
        try:
            made.append(kind(**params))
        except pf.DefinitionError:  # a counted field meets a sample of another kind's
            continue
    return made


ONE_PLURAL = re.compile(
    r"\b1 (days|months|weeks|minutes|places|problems|päivää|kuukautta|minuuttia"
    r"|dagar|månader|minuter|platser)\b"
)
"""A count of one with a plural word: what a counted field avoids."""


def _text_problems(text: str) -> list[str]:
    found = [m.group(0) for m in IDENTIFIER.finditer(text)]
    found += [m.group(0) for m in ONE_PLURAL.finditer(text)]
    found += [c for c in "{}" if c in text]
    return found


@pytest.mark.parametrize("code", sorted(REASONS))
def test_reason_messages_show_names_not_identifiers(code: str) -> None:
    """Every reason renders in fi, sv and en without ids, Python names or braces."""
    kind = REASONS[code]
    assert not set(_fields(kind)) - set(SAMPLES), "add a sample for the new field"
    reasons = _renderings(kind)
    assert reasons
    for reason, lang in itertools.product(reasons, LANGS):
        message = reason.message(lang)
        assert message.strip()
        assert [] == _text_problems(message), (lang, message)


PROBLEMS = (*PROBLEM_KINDS, INVALID)
SAMPLE_PROBLEMS = (
    "expected an integer from 0 to 10",
    "expected a non-negative integer",
    "must not exceed 8",
    "expected a percentage from 1 to 100",
    "expected an integer, got str",
    "expected true or false, got int",
    "expected a date from 1900-01-01 to 9899-12-31",
    "expected a datetime.date, got datetime",
    "must not be after the event's date",
    "must not be before the birth date",
    "must not be empty",
    "expected a string, got NoneType",
    "expected one of employment_authority, kela",
    "expected a list, got str",
    "unexpected field",
    "required field missing",
    "duplicate",
    "unknown trigger",
    "runs on another definition",
    "expected an Actor, got str",
    "expected a positive integer",
    "does not replay: the context differs",
    "the result falls outside the dates Python can hold",
    "not JSON: Expecting value at line 1 column 1",
    "something no kind covers",
)


@pytest.mark.parametrize("why", SAMPLE_PROBLEMS)
def test_data_problem_messages_show_no_identifiers(why: str) -> None:
    """Each kind of data problem renders in fi, sv and en without ids or type names."""
    reason = explain(("$.plan.work_capacity_limitations", why))
    assert reason.code.startswith("data.")
    assert "$.plan.work_capacity_limitations" == reason.params["path"]
    for lang in LANGS:
        message = reason.message(lang)
        assert message.strip()
        assert [] == _text_problems(message), (lang, message)


def test_every_data_problem_kind_is_reached_by_a_sample() -> None:
    """The samples above cover every kind of data problem, so each is checked."""
    reached = {explain(("$", why)).code for why in SAMPLE_PROBLEMS}
    assert {k.reason.code for k in PROBLEMS} == reached


@pytest.mark.parametrize("kind", [*(k.reason for k in PROBLEMS), MORE], ids=lambda k: k.code)
def test_data_problem_kinds_have_three_languages(kind: pf.ReasonKind) -> None:
    """Every data problem kind has a message in each language."""
    assert () == kind.text.missing()


def test_data_error_messages_are_bounded_and_counted() -> None:
    """messages() lists SHOWN problems and counts the rest with the right word form."""
    error = pf.PathwayDataError([(f"$.x[{i}]", "unexpected field") for i in range(21)])
    assert 21 == len(error.messages("fi"))
    assert "… ja 1 muu virhe." == error.messages("fi")[-1]
    assert "… och 1 annat fel." == error.messages("sv")[-1]
    assert "… and 1 other problem." == error.messages("en")[-1]
    more = pf.PathwayDataError([("$.x", "unexpected field")] * 22)
    assert "… ja 2 muuta virhettä." == more.messages("fi")[-1]
    assert 22 == len(more.reasons)


def test_data_error_keeps_its_english_text_and_paths() -> None:
    """str() is unchanged; the paths stay in the reasons' params for machines."""
    error = pf.PathwayDataError([("$.at", "expected an ISO date (YYYY-MM-DD)")])
    assert "1 invalid field(s):\n  $.at: expected an ISO date (YYYY-MM-DD)" == str(error)
    assert ("Arvon on oltava päivämäärä.",) == error.messages("fi")
    assert "$.at" == error.reasons[0].params["path"]
    assert "data.not_date" == error.reasons[0].code


def test_data_error_messages_refuse_an_unknown_language() -> None:
    """A language other than fi, sv, en is a PathwayDataError, even with no problems."""
    with pytest.raises(pf.PathwayDataError, match="lang"):
        pf.PathwayDataError([]).messages("de")  # type: ignore[arg-type]


def test_a_real_conversion_error_renders_in_finnish() -> None:
    """An error from fire() with bad data reads as Finnish sentences."""
    p = typ.definition().start("c", at=DAY, by=pf.Actor("a", pf.Role.EMPLOYMENT_AUTHORITY))
    with pytest.raises(pf.PathwayDataError) as caught:
        p.fire("close", at=DAY, by=pf.Actor("a", pf.Role.EMPLOYMENT_AUTHORITY), closure=5)
    for message in caught.value.messages("fi"):
        assert [] == _text_problems(message)


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("fi", "1 päivä", "2 päivää"),
        ("sv", "1 dag", "2 dagar"),
        ("en", "1 day", "2 days"),
    ],
)
def test_plural_forms_in_each_language(lang: pf.Lang, one: str, two: str) -> None:
    """A counted field takes the singular for one and the plural otherwise."""
    kind = pf.ReasonKind(
        "toy.count",
        pf.Text("{n:päivä|päivää}", "{n:dag|dagar}", "{n:day|days}"),
    )
    assert one == kind(n=1).message(lang)
    assert two == kind(n=2).message(lang)
    assert two.replace("2", "0") == kind(n=0).message(lang)


@given(st.integers(min_value=-(10**6), max_value=10**6))
def test_plural_helper_picks_the_singular_only_for_one(count: int) -> None:
    """plural() gives the singular form for exactly one and the plural for any other."""
    expected = f"{count} {'day' if count == 1 else 'days'}"
    assert expected == pf.plural(count, "day", "days")


@pytest.mark.parametrize(
    "template",
    ["{n:day}", "{n:|days}", "{n:a|b|c}", "{n:day|}", "{n!r:day|days}", "{n:{m}|x}"],
)
def test_a_bad_count_template_is_refused_when_the_kind_is_made(template: str) -> None:
    """Word forms must be exactly two non-empty ones; anything else fails at once."""
    with pytest.raises(pf.DefinitionError, match="not usable"):
        pf.ReasonKind("toy.bad", pf.Text(template, template, template))


def test_a_count_must_be_an_integer() -> None:
    """A counted field given a string or a bool is refused when the reason is made."""
    kind = pf.ReasonKind("toy.count", pf.Text("{n:a|b}", "{n:a|b}", "{n:a|b}"))
    for value in ("2", True, 2.0, None):
        with pytest.raises(pf.DefinitionError, match="expected integers"):
            kind(n=value)


def test_labels_name_ids_and_keep_params_raw() -> None:
    """A label table names raw ids in the message; params keep the ids."""
    table = {"birth_date": pf.Text("syntymäaika", "födelsedatum", "birth date")}
    kind = pf.ReasonKind(
        "toy.fact", pf.Text("puuttuu: {fact}", "saknas: {fact}", "missing: {fact}"), {"fact": table}
    )
    reason = kind(fact="birth_date")
    assert "puuttuu: syntymäaika" == reason.message("fi")
    assert "birth_date" == reason.params["fact"]
    assert "missing: birth date, birth date" == kind(fact=("birth_date",) * 2).message("en")
    assert "missing: birth date, birth date" == kind(fact="birth_date, birth_date").message("en")
    assert "missing: other" == kind(fact="other").message("en")
    assert "missing: 1" == kind(fact=[1]).message("en")


@pytest.mark.parametrize(
    "labels",
    [{"nope": {}}, {"fact": {"a": "not a Text"}}, {"fact": ["a"]}, ["fact"]],
)
def test_bad_labels_are_refused_when_the_kind_is_made(labels: Any) -> None:
    """Labels for a field the templates lack, or not Text values, fail at once."""
    with pytest.raises(pf.DefinitionError, match="labels"):
        pf.ReasonKind("toy.bad", pf.Text("{fact}", "{fact}", "{fact}"), labels)


def test_labelled_shows_a_name_for_one_reason() -> None:
    """Reason.labelled names a parameter for that reason only; equality ignores it."""
    kind = pf.ReasonKind("toy.t", pf.Text("'{trigger}'", "'{trigger}'", "'{trigger}'"))
    plain = kind(trigger="admit")
    named = plain.labelled(trigger=pf.Text("Ota asiakkaaksi", "Anta", "Admit"))
    assert "'Ota asiakkaaksi'" == named.message("fi")
    assert "'admit'" == plain.message("fi")
    assert plain == named
    assert "admit" == named.params["trigger"]


def test_t1_wrong_state_and_role_name_the_trigger_by_its_label() -> None:
    """The engine's refusals show the trigger's label, not its name."""
    p = typ.definition().start("c", at=DAY, by=pf.Actor("a", pf.Role.EMPLOYMENT_AUTHORITY))
    verdict = p.check("admit", at=DAY, by=pf.Actor("k", pf.Role.CLIENT))
    label = typ.definition().transition("admit").label
    for reason in verdict.reasons:
        if reason.code in {"pathway.wrong_state", "pathway.role_not_allowed"}:
            assert label.fi in reason.message("fi")
            assert "admit" == reason.params["trigger"]


def test_template_fields_lists_counted_and_plain_fields() -> None:
    """template_fields sees a counted field by its name, like a plain one."""
    from pathway_fsm._engine.model import template_fields

    assert frozenset({"n", "day"}) == template_fields("{n:päivä|päivää} from {day}")
    with pytest.raises(ValueError, match="format spec"):
        template_fields("{n:>9}")


def test_a_mutated_stored_document_reads_in_each_language() -> None:
    """from_dict on a damaged document gives messages without paths or type names."""
    p = typ.definition().start("c", at=DAY, by=pf.Actor("a", pf.Role.EMPLOYMENT_AUTHORITY))
    document = pf.to_dict(p)
    document["history"][0]["at"] = "2026-02-30"
    document["history"][0]["extra"] = 1
    with pytest.raises(pf.PathwayDataError) as caught:
        pf.from_dict(document)
    error = caught.value
    assert len(error.errors) == len(error.reasons)
    for lang in LANGS:
        messages = error.messages(lang)
        assert messages
        for message in messages:
            assert [] == _text_problems(message), (lang, message)
            assert "$" not in message
    assert {r.params["path"] for r in error.reasons} == {path for path, _ in error.errors}


DEVELOPER_PROBLEMS = {
    "expected a function of the candidates",
    "expected an attribute name",
    "expected X1",
    "must return each eligible candidate exactly once",
    "the bound definition carries hooks; give one or the other",
    "runs on another process",
    "the path's step X1 was not taken",
}
"""Problems only a program's author meets (a bad argument), left to the general kind."""


def test_every_problem_the_library_writes_has_a_kind_of_its_own() -> None:
    """Each problem text in the sources maps to a specific kind, not the general one."""
    root = Path(pf.__file__).parent
    written: set[str] = set()
    call = re.compile(r'(?:PathwayDataError\(\s*\[|\.append\()\s*\(\s*f?"[^"]*",\s*f?"([^"]*)"')
    for source in root.rglob("*.py"):
        written.update(m.group(1) for m in call.finditer(source.read_text(encoding="utf-8")))
    assert len(written) > 40
    general = {
        why
        for why in (re.sub(r"\{[^}]*\}", "X1", w) for w in written)
        if explain(("$", why)).code == INVALID.reason.code
    }
    assert DEVELOPER_PROBLEMS == general


def test_wrong_state_names_the_current_state_by_its_label() -> None:
    """A trigger refused in the wrong state names that state in the reader's language."""
    from datetime import date

    import pathway_fsm as pf

    office = pf.Actor("ea-1", pf.Role.EMPLOYMENT_AUTHORITY)
    definition = pf.typ.definition()
    pathway = definition.start("client-1", at=date(2025, 1, 8), by=office)
    (reason,) = pathway.check("end", at=date(2025, 1, 9), by=office).reasons
    label = definition.state(pathway.state).label
    assert "pathway.wrong_state" == reason.code
    for lang in pf.LANGUAGES:
        assert f"({label.get(lang)})" in reason.message(lang)
    assert pathway.state == reason.params["state"]
