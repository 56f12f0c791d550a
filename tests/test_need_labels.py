"""Needs named by their labels in messages, and messages of the phase path and Kemi free of ids.

A :class:`~pathway_fsm.phases.Need` may carry its fi/sv/en ``label``; reasons that
name a need show it while ``params["need"]`` keeps the host's id. The stored form
leaves the label out when there is none, so documents written without labels are
unchanged.
"""

from __future__ import annotations

import copy
import itertools
import re
import threading
from datetime import date, timedelta
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pathway_fsm as pf
from pathway_fsm import Actor, Role, Text, phases, referral, services
from pathway_fsm._engine.definition import declared_reasons
from pathway_fsm.phases import Need, Phase
from pathway_fsm.testing import payloads

D0 = date(2026, 3, 2)
LANGS: tuple[pf.Lang, ...] = ("fi", "sv", "en")
IDENTIFIER = re.compile(r"[A-Za-z]+_[A-Za-z_]+")
"""An underscore-joined id such as ``work_capacity``: what a message must not show."""
EA = Actor("ea-1", Role.EMPLOYMENT_AUTHORITY)
WC = Actor("wc-1", Role.WELLBEING_COUNTY)
LABELS = {
    "substance_treatment": Text("päihdehoito", "missbruksvård", "substance treatment"),
    "work_capacity": Text("työkyky", "arbetsförmåga", "work capacity"),
    "vocational_skills": Text("ammattitaito", "yrkesskicklighet", "vocational skills"),
    "job_search": Text("työnhaku", "jobbsökande", "job search"),
}


def _need(id: str, phase: int, *, met: bool = False) -> dict[str, Any]:
    label = LABELS[id]
    return {
        "id": id,
        "phase": phase,
        "met": met,
        "label": {"fi": label.fi, "sv": label.sv, "en": label.en},
    }


def _assessment(*needs: dict[str, Any], on: date = D0) -> dict[str, Any]:
    return {"assessed_on": on.isoformat(), "needs": list(needs)}


def _messages(reasons: tuple[pf.Reason, ...]) -> list[str]:
    return [r.message(lang) for r, lang in itertools.product(reasons, LANGS)]


def _placed(*needs: dict[str, Any], phase: int = 1) -> pf.Pathway[Any, Any]:
    pathway = phases.definition().start("c-1", at=D0, by=EA)
    pathway.fire(phases.move_trigger(phase), at=D0, by=EA, assessment=_assessment(*needs))
    return pathway


def test_p3_move_reason_names_the_need_by_its_label() -> None:
    """A move held back by a labelled need names it in each language; params keep the id."""
    pathway = phases.definition().start("c-1", at=D0, by=EA)
    assessment = _assessment(_need("work_capacity", 1), _need("vocational_skills", 2))
    verdict = pathway.check("to_phase_2", at=D0, by=EA, assessment=assessment)
    (reason,) = verdict.reasons
    assert "phases.move.lower_need_open" == reason.code
    assert "work_capacity" == reason.params["need"]
    assert "Perustavampi tarve 'työkyky' (vaihe 1)" in reason.message("fi")
    assert "behovet 'arbetsförmåga' (skede 1)" in reason.message("sv")
    assert "The more basic need 'work capacity' (phase 1)" in reason.message("en")


def test_p3_service_reason_and_override_note_name_the_need_by_its_label() -> None:
    """The service held back, and the override's note, name the need by its label."""
    pathway = _placed(_need("work_capacity", 1), _need("vocational_skills", 2))
    refused = pathway.check("start_service", at=D0, by=EA, service_id="work_trial")
    assert ("phases.service.lower_need_open",) == refused.codes
    assert "need 'work capacity' (phase 1)" in refused.reasons[0].message("en")
    assert "work_capacity" == refused.reasons[0].params["need"]
    event = pathway.fire(
        "start_service", at=D0, by=EA, service_id="work_trial", override="client's wish"
    )
    assert "start_service" == event.trigger
    noted = pathway.check(
        "start_service", at=D0, by=EA, service_id="career_coaching", override="again"
    )
    (note,) = noted.notes
    assert "phases.service.priority_overridden" == note.code
    assert "tarve 'työkyky'" in note.message("fi")


def test_p3_a_need_without_a_label_is_shown_by_its_id() -> None:
    """Unlabelled needs still render, by the host's id, as before."""
    pathway = phases.definition().start("c-1", at=D0, by=EA)
    assessment = _assessment({"id": "N-1", "phase": 1}, {"id": "N-2", "phase": 2})
    (reason,) = pathway.check("to_phase_2", at=D0, by=EA, assessment=assessment).reasons
    assert "The more basic need 'N-1' (phase 1)" in reason.message("en")


def test_p3_recommend_names_needs_by_their_labels() -> None:
    """recommend() names met and blocking needs by label; params keep the ids."""
    needs = [
        Need(id=n["id"], phase=n["phase"], label=LABELS[n["id"]])
        for n in (_need("work_capacity", 1), _need("vocational_skills", 2))
    ]
    advice = services.recommend(services.typical_map(), needs)
    secondary = next(o for o in advice.secondary if o.service.id == "work_trial")
    first = secondary.reasons[0]
    assert ("recommend.secondary_only", "work_capacity") == (first.code, first.params["need"])
    assert "det mer grundläggande behovet 'arbetsförmåga'" in first.message("sv")
    meets = [r.message("en") for r in secondary.reasons if r.code == "recommend.meets_need"]
    assert ["Meets the open need 'vocational skills' (phase 2)."] == meets


def test_p4_stored_form_leaves_out_a_missing_label() -> None:
    """A need without a label is stored as before: id, phase and met only."""
    pathway = _placed({"id": "capacity", "phase": 1})
    stored = pf.to_dict(pathway)["history"][1]["data"]["assessment"]["needs"]
    assert [{"id": "capacity", "phase": 1, "met": False}] == stored


def test_p4_a_labelled_need_round_trips_and_meets_the_schema() -> None:
    """A label is stored as fi/sv/en, restored equal, and the schema accepts both forms."""
    pathway = _placed(_need("work_capacity", 1), {"id": "plain", "phase": 2})
    document = pf.to_dict(pathway)
    stored = document["history"][1]["data"]["assessment"]["needs"]
    assert _need("work_capacity", 1) == stored[0]
    assert "label" not in stored[1]
    restored = pf.from_dict(document)
    assert pathway == restored
    assert LABELS["work_capacity"] == restored.context.needs[0].label
    schema = pf.json_schema(pathway.definition)
    jsonschema.validate(document, schema)
    broken = copy.deepcopy(document)
    broken["history"][1]["data"]["assessment"]["needs"][0]["label"] = {"fi": "x"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


@pytest.mark.parametrize(
    ("label", "path", "problem"),
    [
        ({"fi": " ", "sv": "a", "en": "b"}, "label.fi", "must not be empty"),
        ({"fi": "a", "sv": "b"}, "label.en", "required field missing"),
        ({"fi": "a", "sv": 2, "en": "b"}, "label.sv", "expected a string, got int"),
        ({"fi": "a", "sv": "b", "en": "c", "de": "d"}, "label.de", "unexpected field"),
        ("work capacity", "label", "expected a mapping or Text, got str"),
    ],
)
def test_p3_a_bad_label_is_a_data_error_naming_it(label: Any, path: str, problem: str) -> None:
    """A malformed label is refused naming its field, and the pathway is unchanged."""
    pathway = phases.definition().start("c-1", at=D0, by=EA)
    before = pf.to_dict(pathway)
    need = {"id": "work_capacity", "phase": 1, "label": label}
    with pytest.raises(pf.PathwayDataError) as caught:
        pathway.fire("to_phase_1", at=D0, by=EA, assessment=_assessment(need))
    assert ((f"$.data.assessment.needs[0].{path}", problem),) == caught.value.errors
    assert before == pf.to_dict(pathway)


@pytest.mark.parametrize("label", ["work capacity", Text("", "b", "c"), 5])
def test_p3_need_refuses_a_label_that_is_not_a_full_text(label: Any) -> None:
    """Need(label=...) in code takes a Text with all three languages, or None."""
    with pytest.raises(pf.PathwayDataError) as caught:
        Need(id="work_capacity", phase=Phase.REHABILITATION, label=label)
    assert caught.value.errors[0][0].startswith("$.label")


def test_p3_a_stored_label_tampered_to_blank_is_refused() -> None:
    """A stored document whose label was blanked out is refused, naming the field."""
    document = pf.to_dict(_placed(_need("work_capacity", 1)))
    document["history"][1]["data"]["assessment"]["needs"][0]["label"]["sv"] = ""
    with pytest.raises(pf.PathwayDataError) as caught:
        pf.from_dict(document)
    assert "history[1].data.assessment.needs[0].label.sv" in str(caught.value)


def test_rows_of_both_processes_take_their_reasons_from_their_guards() -> None:
    """Every row's reasons are exactly those its guards and notes declare."""
    for definition in (phases.definition(max_forward_steps=3), referral.definition()):
        for spec in definition.transition_specs:
            declared = [declared_reasons(c) for c in (*spec.guards, *spec.notes)]
            assert all(d is not None for d in declared), spec.trigger
            codes = [k.code for d in declared for k in d or ()]
            assert codes == [k.code for k in spec.reasons], spec.trigger


def test_p4_guards_read_the_map_of_their_own_definition_across_threads() -> None:
    """Definitions on different maps, checked from threads, each use their own map."""
    own = services.ServiceMap(
        municipality="Kajaani",
        services=(
            services.Service(
                id="home_rehabilitation",
                name=Text("Kotikuntoutus", "Hemrehabilitering", "Home rehabilitation"),
                phases=[1],
                provider=Role.WELLBEING_COUNTY,
                referrers=[Role.WELLBEING_COUNTY],
            ),
        ),
    )
    found: list[tuple[str, tuple[str, ...]]] = []

    def check(service_map: services.ServiceMap | None) -> None:
        pathway = phases.definition(service_map=service_map).start("c-1", at=D0, by=WC)
        pathway.fire("to_phase_1", at=D0, by=WC, assessment=_assessment(_need("work_capacity", 1)))
        for _ in range(20):
            verdict = pathway.check("start_service", at=D0, by=WC, service_id="home_rehabilitation")
            found.append((pathway.definition.policy.service_map.municipality, verdict.codes))

    threads = [threading.Thread(target=check, args=(m,)) for m in (own, None) * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {("Kajaani", ()), ("typical", ("phases.service.unknown",))} == set(found)


# --------------------------------------------------------------------------- no ids shown

SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_labelled_needs = st.lists(
    st.builds(
        lambda id, phase, met: _need(id, phase, met=met),
        st.sampled_from(sorted(LABELS)),
        st.integers(0, 3),
        st.booleans(),
    ),
    max_size=4,
    unique_by=lambda n: n["id"],
)
_MAP_IDS = [s.id for s in services.typical_map().services]


def _phase_data(trigger: str, draw: Any, at: date) -> dict[str, Any]:
    assessment = _assessment(*draw(_labelled_needs), on=at)
    if trigger.startswith("to_phase_"):
        return {"assessment": assessment, "reason": draw(st.sampled_from([None, "relapse"]))}
    if trigger == "reassess":
        return assessment
    if trigger == "start_service":
        return {
            "service_id": draw(st.sampled_from(_MAP_IDS)),
            "primary": draw(st.booleans()),
            "override": draw(st.sampled_from([None, "agreed with the client"])),
        }
    if trigger == "end_service":
        return {"service_id": draw(st.sampled_from(_MAP_IDS))}
    if trigger == "close":
        return {"closure": draw(st.sampled_from(list(phases.PhaseClosure)))}
    return {}


@SLOW
@given(st.data())
def test_p3_no_phase_message_shows_an_underscore_joined_id(data: st.DataObject) -> None:
    """Walks with labelled needs and map services: every reason and note reads as names.

    The one id a message may show is a service id that is not on the map, which the
    library has no name for; the walk names map services only.
    """
    definition = phases.definition(max_forward_steps=data.draw(st.integers(1, 3)))
    pathway = definition.start("c-1", at=D0, by=EA)
    at = D0
    triggers = [t for t in definition.triggers if t != "open"]
    for _ in range(data.draw(st.integers(1, 12))):
        trigger = data.draw(st.sampled_from(triggers))
        by = data.draw(st.sampled_from([EA, WC, Actor("k-1", Role.KELA)]))
        at += timedelta(days=data.draw(st.integers(0, 30)))
        payload = _phase_data(trigger, data.draw, at)
        verdict = pathway.check(trigger, payload, at=at, by=by)
        for message in _messages((*verdict.reasons, *verdict.notes)):
            assert [] == IDENTIFIER.findall(message), message
        if verdict.allowed:
            pathway.fire(trigger, payload, at=at, by=by)


@SLOW
@given(st.data())
def test_k2_no_referral_message_shows_an_underscore_joined_id(data: st.DataObject) -> None:
    """Kemi referrals, admissions and decisions render every reason by name."""
    definition = referral.definition()
    by = Actor("m-1", Role.MUNICIPALITY)
    try:
        definition.start("c-0", at=D0, by=by, **data.draw(payloads(definition, "refer")))
    except pf.TransitionRefused as refused:
        for message in _messages(refused.reasons):
            assert [] == IDENTIFIER.findall(message), message
    except pf.PathwayDataError:
        pass
    pathway = definition.start("c-1", referral.Referral(), at=D0, by=by)
    for trigger in ("admit", "decline", "withdraw", "leave"):
        verdict = pathway.check(trigger, at=D0, by=by, **data.draw(payloads(definition, trigger)))
        for message in _messages((*verdict.reasons, *verdict.notes)):
            assert [] == IDENTIFIER.findall(message), message
    facts = referral.TargetFacts(benefit_days=data.draw(st.none() | st.integers(0, 900)))
    candidates = [
        referral.Candidate(client_id=f"c-{i}", facts=facts, referred_on=D0) for i in range(3)
    ]
    for decision in referral.decide_admission(candidates, 1, on=D0):
        for message in _messages((decision.reason, *decision.details)):
            assert [] == IDENTIFIER.findall(message), message


def test_k2_missing_facts_are_named_not_listed_as_ids() -> None:
    """A referral refused for missing facts names them in each language."""
    by = Actor("m-1", Role.MUNICIPALITY)
    pathway = referral.definition().start("c-1", referral.Referral(), at=D0, by=by)
    (reason,) = pathway.check("admit", referral.TargetFacts(), at=D0, by=by).reasons
    assert "kemi.target.facts_missing" == reason.code
    assert "days of unemployment benefit" in reason.message("en")
    assert [] == [m for m in _messages((reason,)) if IDENTIFIER.search(m)]


def test_p3_a_label_of_string_subclasses_is_refused() -> None:
    """A label whose texts are str subclasses is refused: only plain strings are stored."""

    class Sly(str):
        pass

    with pytest.raises(pf.PathwayDataError) as caught:
        Need(id="n-1", phase=Phase.CARE, label=Text(Sly("a"), "b", "c"))
    assert (("$.label.fi", "expected a string"),) == caught.value.errors
