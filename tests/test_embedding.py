"""A definition nested in a host's own HierarchicalMachine moves only as its rules allow."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from transitions.extensions.nesting import HierarchicalMachine, NestedState

import pathway_fsm as pf
from pathway_fsm import Actor, Role, phases, typ
from pathway_fsm.embedding import attach, embed, to_transitions_config

OFFICE = Actor("ea-17", Role.EMPLOYMENT_AUTHORITY)
CLIENT = Actor("client-0042", Role.CLIENT)
ADMISSION: dict[str, Any] = {
    "multidisciplinary_need": True,
    "labour_market_subsidy_days": 300,
    "benefits_from_service": True,
}


class Client:
    """A host's own model object."""


def host(definition: pf.ProcessDefinition, **config: Any) -> tuple[Client, HierarchicalMachine]:
    model = Client()
    machine = HierarchicalMachine(
        model=model,
        states=["waiting", to_transitions_config(definition, **config), "done"],
        initial="waiting",
        transitions=[["refer", "waiting", definition.name], ["finish", definition.name, "done"]],
        send_event=True,
        auto_transitions=False,
    )
    return model, machine


def typ_client(**config: Any) -> tuple[Any, HierarchicalMachine]:
    definition = typ.definition()
    model, machine = host(definition, **config)
    attach(model, definition.start("client-0042", at=date(2025, 1, 8), by=OFFICE))
    model_any: Any = model
    model_any.refer()
    return model_any, machine


def test_config_shape_for_typ() -> None:
    definition = typ.definition()
    config = to_transitions_config(definition)
    assert config["name"] == "typ"
    assert config["initial"] == "tunnista"
    assert [c["name"] for c in config["children"]] == list(definition.states)
    assert [c["name"] for c in config["children"] if c.get("final")] == ["ended"]
    triggers = {t["trigger"] for t in config["transitions"]}
    assert triggers == set(definition.triggers) - {"start"}
    edges = {
        (t["trigger"], source, t["dest"] or source)
        for t in config["transitions"]
        if "before" in t
        for source in t["source"]
    }
    assert edges == {e for e in definition.edges if e[1] is not None}


def test_allowed_trigger_moves_host_and_pathway() -> None:
    model, _ = typ_client()
    assert model.state == "typ_tunnista"
    assert model.admit(at=date(2025, 1, 15), by=OFFICE, **ADMISSION) is True
    assert model.state == "typ_suunnittele"
    assert model.pathway.state == "suunnittele"
    assert [e.trigger for e in model.pathway.history] == ["start", "admit"]


def test_refused_trigger_moves_neither_and_raises_reasons() -> None:
    model, _ = typ_client()
    before = pf.to_dict(model.pathway)
    with pytest.raises(pf.TransitionRefused) as refused:
        model.admit(at=date(2025, 1, 15), by=CLIENT, **ADMISSION)
    assert "pathway.role_not_allowed" in [r.code for r in refused.value.reasons]
    with pytest.raises(pf.TransitionRefused) as early:
        model.admit(at=date(2025, 1, 1), by=OFFICE, **ADMISSION)
    assert "pathway.date_before_last_event" in [r.code for r in early.value.reasons]
    assert model.state == "typ_tunnista"
    assert pf.to_dict(model.pathway) == before


def test_refusal_can_return_false() -> None:
    model, _ = typ_client(raise_refused=False)
    guarded = dict(ADMISSION, multidisciplinary_need=False)
    assert model.admit(at=date(2025, 1, 15), by=OFFICE, **guarded) is False
    assert model.state == "typ_tunnista"
    assert model.pathway.seq == 1
    assert not model.pathway.check("admit", at=date(2025, 1, 15), by=OFFICE, **guarded)


def test_internal_trigger_records_without_moving() -> None:
    model, _ = typ_client()
    model.admit(at=date(2025, 1, 15), by=OFFICE, **ADMISSION)
    model.begin_resolution(at=date(2025, 2, 1), by=OFFICE)
    assert model.state == "typ_ratkaise"
    model.close(at=date(2025, 2, 2), by=OFFICE, closure="moved_away")
    assert model.state == "typ_ended"
    assert model.pathway.state == "ended"
    model.finish()
    assert model.state == "done"


def test_before_hook_veto_moves_neither() -> None:
    model, _ = typ_client()
    veto = pf.ReasonKind("host.no_meeting", pf.Text("Ei tapaamista", "Inget möte", "No meeting"))
    hooks = pf.Hooks().before(lambda p, e: veto())
    attach(model, pf.from_dict(pf.to_dict(model.pathway), hooks=hooks))
    with pytest.raises(pf.TransitionRefused, match=r"host\.no_meeting"):
        model.admit(at=date(2025, 1, 15), by=OFFICE, **ADMISSION)
    assert model.state == "typ_tunnista"
    assert model.pathway.seq == 1


def test_before_hook_veto_raises_even_without_raise_refused() -> None:
    """Hooks run only when the event is recorded, after the condition answered: a veto
    raises whatever *raise_refused* says, and still moves neither."""
    model, _ = typ_client(raise_refused=False)
    veto = pf.ReasonKind("host.no_meeting", pf.Text("Ei tapaamista", "Inget möte", "No meeting"))
    hooks = pf.Hooks().before(lambda p, e: veto())
    attach(model, pf.from_dict(pf.to_dict(model.pathway), hooks=hooks))
    with pytest.raises(pf.TransitionRefused, match=r"host\.no_meeting"):
        model.admit(at=date(2025, 1, 15), by=OFFICE, **ADMISSION)
    assert (model.state, model.pathway.state, model.pathway.seq) == ("typ_tunnista", "tunnista", 1)


def test_after_hook_failure_moves_both_then_raises() -> None:
    model, _ = typ_client()

    def broken(pathway: pf.Pathway, event: pf.Event) -> None:
        msg = "notify failed"
        raise RuntimeError(msg)

    attach(model, pf.from_dict(pf.to_dict(model.pathway), hooks=pf.Hooks().after(broken)))
    with pytest.raises(pf.HookFailed):
        model.admit(at=date(2025, 1, 15), by=OFFICE, **ADMISSION)
    assert model.state == "typ_suunnittele"
    assert model.pathway.state == "suunnittele"


def test_round_trip_through_to_dict() -> None:
    model, _ = typ_client()
    model.admit(at=date(2025, 1, 15), by=OFFICE, **ADMISSION)
    stored = pf.to_dict(model.pathway)
    restored_model, machine = host(typ.definition())
    restored = pf.from_dict(stored)
    attach(restored_model, restored)
    machine.set_state(f"typ_{restored.state}", restored_model)
    restored_any: Any = restored_model
    assert restored_any.pathway == model.pathway
    restored_any.begin_resolution(at=date(2025, 2, 1), by=OFFICE)
    assert restored_any.state == "typ_ratkaise"
    assert pf.to_dict(restored_any.pathway)["history"][:2] == stored["history"]


def test_pathway_of_another_definition_is_an_error() -> None:
    model, _ = typ_client()
    other = typ.definition(plan_due_months=2)
    attach(model, other.start("client-0042", at=date(2025, 1, 8), by=OFFICE))
    with pytest.raises(pf.PathwayError, match="another definition"):
        model.admit(at=date(2025, 1, 15), by=OFFICE, **ADMISSION)
    assert model.state == "typ_tunnista"


def test_out_of_step_host_is_an_error() -> None:
    model, machine = typ_client()
    machine.set_state("typ_suunnittele", model)
    with pytest.raises(pf.PathwayError, match="host machine is in"):
        model.begin_resolution(at=date(2025, 2, 1), by=OFFICE)
    assert model.pathway.seq == 1


def test_missing_pathway_and_send_event_are_errors() -> None:
    definition = typ.definition()
    model: Any
    model, _ = host(definition)
    model.refer()
    with pytest.raises(pf.PathwayError, match="attach"):
        model.admit(at=date(2025, 1, 15), by=OFFICE, **ADMISSION)
    plain: Any = Client()
    HierarchicalMachine(
        model=plain,
        states=[to_transitions_config(definition)],
        initial="typ",
        auto_transitions=False,
    )
    attach(plain, definition.start("c", at=date(2025, 1, 8), by=OFFICE))
    with pytest.raises(TypeError, match="send_event=True"):
        plain.admit(at=date(2025, 1, 15), by=OFFICE, **ADMISSION)
    with pytest.raises(pf.PathwayDataError):
        attach(plain, "not a pathway")  # type: ignore[arg-type]
    with pytest.raises(pf.PathwayDataError):
        attach(None, pf.typ.definition().start("c", at=date(2025, 1, 8), by=OFFICE))


class SlashState(NestedState):
    separator = "/"


class SlashMachine(HierarchicalMachine):
    state_cls = SlashState


def test_underscores_need_another_separator() -> None:
    definition = phases.definition()
    with pytest.raises(ValueError, match="phase_0"):
        to_transitions_config(definition)
    model: Any = Client()
    machine = SlashMachine(
        model=model,
        states=["waiting", to_transitions_config(definition, name="kohti", separator="/")],
        initial="waiting",
        transitions=[["refer", "waiting", "kohti"]],
        send_event=True,
        auto_transitions=False,
    )
    assert machine.state_cls.separator == "/"
    attach(model, definition.start("client-0042", at=date(2025, 1, 8), by=OFFICE))
    model.refer()
    assert model.state == "kohti/assessment"
    job = {"assessed_on": "2025-01-09", "needs": [{"id": "job", "phase": 3, "met": False}]}
    model.to_phase_3(at=date(2025, 1, 9), by=OFFICE, assessment=job)
    assert model.state == "kohti/phase_3"
    assert model.pathway.state == "phase_3"
    model.close(at=date(2025, 1, 10), by=OFFICE, closure="moved_away")
    assert model.state == "kohti/closed"
    assert model.pathway.state == "closed"


def embedded(**machine: Any) -> tuple[Any, HierarchicalMachine]:
    """A host machine with TYP added by embed(), its pathway attached and entered."""
    definition = typ.definition()
    model: Any = Client()
    options: dict[str, Any] = {"send_event": True, "auto_transitions": False, **machine}
    hsm = HierarchicalMachine(model=model, states=["waiting"], initial="waiting", **options)
    assert "typ" == embed(hsm, definition)
    hsm.add_transition("refer", "waiting", "typ")
    attach(model, definition.start("client-0042", at=date(2025, 1, 8), by=OFFICE))
    model.refer()
    return model, hsm


def test_wrong_state_trigger_inside_the_host_is_refused_by_the_engine() -> None:
    """A trigger the nested state does not leave raises TransitionRefused(wrong_state)."""
    model, _ = embedded()
    before = pf.to_dict(model.pathway)
    with pytest.raises(pf.TransitionRefused) as refused:
        model.review_plan(at=date(2025, 1, 9), by=OFFICE)
    assert ["pathway.wrong_state"] == [r.code for r in refused.value.reasons]
    assert "typ_tunnista" == model.state
    assert before == pf.to_dict(model.pathway)


def test_wrong_state_trigger_returns_false_without_raise_refused() -> None:
    """With raise_refused=False a wrong-state trigger returns False and moves nothing."""
    model, _ = typ_client(raise_refused=False)
    assert model.review_plan(at=date(2025, 1, 9), by=OFFICE) is False
    assert "typ_tunnista" == model.state
    assert 1 == model.pathway.seq


def test_wrong_state_trigger_from_a_final_state_is_refused() -> None:
    """After the pathway has ended, its triggers are refused with wrong_state."""
    model, _ = embedded()
    model.close(at=date(2025, 1, 9), by=OFFICE, closure="moved_away")
    assert "typ_ended" == model.state
    with pytest.raises(pf.TransitionRefused) as refused:
        model.admit(at=date(2025, 1, 10), by=OFFICE, **ADMISSION)
    assert ["pathway.wrong_state"] == [r.code for r in refused.value.reasons]


def test_embed_runs_the_pathway_and_calls_on_final() -> None:
    """embed() adds a working nested state; on_final names the host's callback."""
    definition = typ.definition()
    model: Any = Client()
    ended: list[str] = []
    hsm = HierarchicalMachine(
        model=model, states=["waiting"], initial="waiting", send_event=True, auto_transitions=False
    )
    embed(hsm, definition, name="service", on_final=lambda event: ended.append(event.state.name))
    hsm.add_transition("refer", "waiting", "service")
    attach(model, definition.start("client-0042", at=date(2025, 1, 8), by=OFFICE))
    model.refer()
    assert model.admit(at=date(2025, 1, 15), by=OFFICE, **ADMISSION) is True
    assert "service_suunnittele" == model.state
    model.close(at=date(2025, 1, 16), by=OFFICE, closure="moved_away")
    assert ["ended"] == ended


def test_embed_refuses_auto_transitions() -> None:
    """A host machine with auto_transitions=True is a DefinitionError naming the option."""
    hsm = HierarchicalMachine(states=["waiting"], initial="waiting", send_event=True)
    with pytest.raises(pf.DefinitionError, match="auto_transitions=False"):
        embed(hsm, typ.definition())
    assert ["waiting"] == list(hsm.states)


def test_embed_refuses_send_event_false() -> None:
    """A host machine without send_event=True is a DefinitionError saying why."""
    hsm = HierarchicalMachine(states=["waiting"], initial="waiting", auto_transitions=False)
    with pytest.raises(pf.DefinitionError, match="send_event=True"):
        embed(hsm, typ.definition())
    assert ["waiting"] == list(hsm.states)


def test_embed_refuses_another_machine_and_a_taken_name() -> None:
    """A plain Machine, or a name the host already uses, is refused; nothing is added."""
    from transitions import Machine

    with pytest.raises(pf.DefinitionError, match="HierarchicalMachine"):
        embed(Machine(states=["a"], initial="a"), typ.definition())  # type: ignore[arg-type]
    hsm = HierarchicalMachine(
        states=["typ"], initial="typ", send_event=True, auto_transitions=False
    )
    with pytest.raises(pf.DefinitionError, match="already has a state"):
        embed(hsm, typ.definition())
    with pytest.raises(pf.PathwayDataError):
        embed(hsm, "typ")  # type: ignore[arg-type]


def test_no_to_nested_state_triggers_after_embed() -> None:
    """The host gets no to_<nested>() trigger that could move it past the pathway."""
    model, hsm = embedded()
    assert not hasattr(model, "to_typ_suunnittele")
    assert not any(name.startswith("to_") for name in hsm.events)
