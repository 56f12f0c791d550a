"""The engine: roles, date order, optimistic concurrency, hooks, atomicity, validation."""

from __future__ import annotations

import gc
import weakref
from datetime import date, datetime
from typing import Any

import pytest

import pathway_fsm as pf
from pathway_fsm import Actor, Role, State, Text, TransitionSpec, typ

ENTRY = {
    "multidisciplinary_need": True,
    "benefits_from_service": True,
    "labour_market_subsidy_days": 400,
}
D0 = date(2025, 1, 8)
D1 = date(2025, 1, 15)


@pytest.fixture
def pathway(ea: Actor) -> pf.Pathway:
    """A fresh TYP pathway in Tunnista."""
    return typ.definition().start("client-1", at=D0, by=ea)


def frozen(p: pf.Pathway) -> dict[str, Any]:
    """The stored form, to compare before and after."""
    return pf.to_dict(p)


class TestFire:
    def test_accepted_event_is_recorded(self, pathway: pf.Pathway, ea: Actor) -> None:
        """An accepted trigger returns its event and appends it to the history."""
        event = pathway.fire("admit", at=D1, by=ea, **ENTRY)
        assert (2, "admit", "tunnista", "suunnittele", D1) == (
            event.seq,
            event.trigger,
            event.source,
            event.dest,
            event.at,
        )
        assert event == pathway.history[-1]
        assert "suunnittele" == pathway.state
        assert 2 == pathway.seq

    def test_unknown_trigger_lists_valid_ones(self, pathway: pf.Pathway, ea: Actor) -> None:
        """An unknown trigger raises UnknownTrigger (a LookupError) naming the valid ones."""
        with pytest.raises(pf.UnknownTrigger) as info:
            pathway.fire("admitt", at=D1, by=ea)
        assert isinstance(info.value, LookupError)
        assert "admit" in info.value.valid
        assert "admitt" in str(info.value)

    def test_wrong_state_is_refused(self, pathway: pf.Pathway, ea: Actor) -> None:
        """A trigger that does not leave the current state is refused with pathway.wrong_state."""
        with pytest.raises(pf.TransitionRefused) as info:
            pathway.fire("begin_trial", at=D1, by=ea)
        assert ("pathway.wrong_state",) == tuple(r.code for r in info.value.reasons)
        assert "tunnista" == info.value.state
        assert "begin_trial" == info.value.trigger

    def test_role_and_guard_reasons_together(self, pathway: pf.Pathway) -> None:
        """A wrong role and a failing guard are both reported."""
        verdict = pathway.check(
            "admit", at=D1, by=Actor("x", Role.CLIENT), multidisciplinary_need=False
        )
        assert "pathway.role_not_allowed" in verdict.codes
        assert "typ.entry.no_multidisciplinary_need" in verdict.codes

    def test_event_dated_before_last_is_refused(self, pathway: pf.Pathway, ea: Actor) -> None:
        """An event dated before the previous one is refused; the same day is allowed."""
        with pytest.raises(pf.TransitionRefused) as info:
            pathway.fire("admit", at=date(2025, 1, 7), by=ea, **ENTRY)
        assert ("pathway.date_before_last_event",) == tuple(r.code for r in info.value.reasons)
        pathway.fire("admit", at=D0, by=ea, **ENTRY)

    def test_expected_seq(self, pathway: pf.Pathway, ea: Actor) -> None:
        """With expected_seq the trigger is refused once the history has moved on."""
        seen = pathway.seq
        pathway.fire("admit", at=D1, by=ea, expected_seq=seen, **ENTRY)
        before = frozen(pathway)
        with pytest.raises(pf.TransitionRefused) as info:
            pathway.fire("close", at=D1, by=ea, expected_seq=seen, closure="moved_away")
        assert ("pathway.stale_sequence",) == tuple(r.code for r in info.value.reasons)
        assert before == frozen(pathway)
        assert not pathway.check("close", at=D1, by=ea, expected_seq=seen, closure="moved_away")

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"at": "2025-01-15"}, "$.at"),
            ({"at": datetime(2025, 1, 15, 12, 0)}, "$.at"),
            ({"by": "ea-1"}, "$.by"),
            ({"expected_seq": -1}, "$.expected_seq"),
            ({"expected_seq": True}, "$.expected_seq"),
            ({"labour_market_subsidy_days": "400"}, "$.data.labour_market_subsidy_days"),
            ({"labour_market_subsidy_days": -1}, "$.data.labour_market_subsidy_days"),
            ({"unknown_fact": 1}, "$.data.unknown_fact"),
        ],
    )
    def test_bad_input_names_the_field(
        self, pathway: pf.Pathway, ea: Actor, kwargs: dict[str, Any], path: str
    ) -> None:
        """Malformed input raises PathwayDataError naming the field, and changes nothing;
        check gives the trigger's data problems as reasons."""
        before = frozen(pathway)
        arguments: dict[str, Any] = {"at": D1, "by": ea, **ENTRY, **kwargs}
        with pytest.raises(pf.PathwayDataError) as info:
            pathway.fire("admit", **arguments)
        assert path in [p for p, _ in info.value.errors]
        assert isinstance(info.value, ValueError)
        assert before == frozen(pathway)
        if path.startswith("$.data"):  # check answers for the trigger's data
            verdict = pathway.check("admit", **arguments)
            assert ("pathway.invalid_data",) == verdict.codes
            assert path == verdict.reasons[0].params["field"]
        else:  # and raises for a malformed call, as fire does
            with pytest.raises(pf.PathwayDataError):
                pathway.check("admit", **arguments)

    def test_data_for_a_trigger_without_data(self, pathway: pf.Pathway, ea: Actor) -> None:
        """Data given to a trigger that takes none is refused field by field."""
        pathway.fire("admit", at=D1, by=ea, **ENTRY)
        with pytest.raises(pf.PathwayDataError) as info:
            pathway.fire("begin_resolution", at=D1, by=ea, note="x")
        assert (("$.data.note", "unexpected field"),) == info.value.errors

    def test_errors_do_not_echo_personal_data(self, pathway: pf.Pathway, ea: Actor) -> None:
        """Neither a data error nor a refusal repeats the client's birth date."""
        with pytest.raises(pf.PathwayDataError) as info:
            pathway.fire("admit", at=D1, by=ea, birth_date=date(2030, 5, 17))
        assert "2030" not in str(info.value)
        event = pathway.fire("admit", at=D1, by=ea, birth_date=date(1990, 5, 17), **ENTRY)
        assert "1990" not in repr(event) + repr(event.data) + repr(pathway) + repr(pathway.context)

    def test_available_lists_triggers_for_the_role(self, pathway: pf.Pathway, ea: Actor) -> None:
        """available() gives the triggers leaving the state that the role may fire."""
        assert ("admit", "close") == pathway.available(at=D1, by=ea)
        assert () == pathway.available(at=D1, by=Actor("c", Role.CLIENT))
        with pytest.raises(pf.PathwayDataError):
            pathway.available(at="today", by=ea)  # type: ignore[arg-type]
        with pytest.raises(pf.PathwayDataError):
            pathway.deadlines(at=None)  # type: ignore[arg-type]


class TestStart:
    @pytest.mark.parametrize("client_id", ["", "   ", 42, None])
    def test_client_id_must_be_a_string(self, ea: Actor, client_id: Any) -> None:
        """The client id is an opaque non-empty string."""
        with pytest.raises(pf.PathwayDataError) as info:
            typ.definition().start(client_id, at=D0, by=ea)
        assert "$.client_id" == info.value.errors[0][0]

    def test_start_refused_for_role(self) -> None:
        """A role that may not start the process is refused, with state None (T3)."""
        with pytest.raises(pf.TransitionRefused) as info:
            typ.definition().start("c", at=D0, by=Actor("p", Role.SERVICE_PROVIDER))
        assert info.value.state is None
        assert "at start" in str(info.value)

    def test_start_takes_no_data(self, ea: Actor) -> None:
        """TYP's start takes no data."""
        with pytest.raises(pf.PathwayDataError):
            typ.definition().start("c", at=D0, by=ea, note="x")


class TestHooks:
    def test_before_hook_veto_changes_nothing(self, ea: Actor) -> None:
        """A before-hook returning a reason vetoes the trigger; nothing changes."""
        busy = pf.ReasonKind("host.no_meeting_slot", Text("Ei aikaa", "Ingen tid", "No slot"))
        hooks = pf.Hooks().before(lambda p, e: busy(), trigger="admit")
        p = typ.definition().start("c", at=D0, by=ea, hooks=hooks)
        before = frozen(p)
        with pytest.raises(pf.TransitionRefused) as info:
            p.fire("admit", at=D1, by=ea, **ENTRY)
        assert ("host.no_meeting_slot",) == tuple(r.code for r in info.value.reasons)
        assert "Ei aikaa" == info.value.reasons[0].message("fi")
        assert before == frozen(p)
        assert p.check("admit", at=D1, by=ea, **ENTRY)  # check does not run hooks

    def test_before_hook_exception_changes_nothing(self, ea: Actor) -> None:
        """An exception raised by a before-hook propagates unchanged; nothing changes."""

        def broken(p: pf.Pathway, e: pf.Event) -> None:
            msg = "booking system down"
            raise RuntimeError(msg)

        p = typ.definition().start("c", at=D0, by=ea).with_hooks(pf.Hooks().before(broken))
        before = frozen(p)
        with pytest.raises(RuntimeError, match="booking system down"):
            p.fire("admit", at=D1, by=ea, **ENTRY)
        assert before == frozen(p)

    def test_before_hook_sees_proposed_event(self, ea: Actor) -> None:
        """A before-hook gets the unchanged pathway and the event that would be recorded."""
        seen: list[tuple[str, int, str]] = []

        def spy(p: pf.Pathway, e: pf.Event) -> None:
            seen.append((p.state, e.seq, e.dest))

        p = typ.definition().start("c", at=D0, by=ea).with_hooks(pf.Hooks().before(spy))
        p.fire("admit", at=D1, by=ea, **ENTRY)
        assert [("tunnista", 2, "suunnittele")] == seen

    def test_after_hooks_all_run_and_failure_keeps_event(self, ea: Actor) -> None:
        """Every after-hook runs; if any raised, HookFailed carries the event, which stands."""
        calls: list[str] = []

        def first(p: pf.Pathway, e: pf.Event) -> None:
            calls.append("first")
            msg = "mail server down"
            raise ValueError(msg)

        def second(p: pf.Pathway, e: pf.Event) -> None:
            calls.append(f"second saw {p.state}")

        hooks = pf.Hooks().after(first).after(second, trigger="admit").after(second, trigger="end")
        p = typ.definition().start("c", at=D0, by=ea).with_hooks(hooks)
        with pytest.raises(pf.HookFailed) as info:
            p.fire("admit", at=D1, by=ea, **ENTRY)
        assert ["first", "second saw suunnittele"] == calls
        assert info.value.event == p.history[-1]
        assert isinstance(info.value.errors[0], ValueError)
        assert "suunnittele" == p.state

    def test_hooks_for_unknown_trigger(self, ea: Actor) -> None:
        """Hooks registered for a trigger the definition lacks are refused when attached."""
        with pytest.raises(pf.UnknownTrigger):
            typ.definition().start("c", at=D0, by=ea, hooks=pf.Hooks().after(print, trigger="x"))

    def test_hooks_not_part_of_equality(self, ea: Actor) -> None:
        """Two pathways differing only in hooks are equal."""
        a = typ.definition().start("c", at=D0, by=ea)
        b = typ.definition().start("c", at=D0, by=ea, hooks=pf.Hooks().after(lambda p, e: None))
        assert a == b


class TestSharedMachine:
    def test_one_machine_per_definition_and_no_models(self, ea: Actor) -> None:
        """Definitions are cached per policy and their machine never holds a pathway."""
        d = typ.definition()
        assert d is typ.definition()
        assert d is not typ.definition(profile="381/2023")
        for i in range(50):
            d.start(f"c{i}", at=D0, by=ea).fire("admit", at=D1, by=ea, **ENTRY)
        assert [] == d._compiled.machine.models

    def test_shared_machine_does_not_grow(self, ea: Actor) -> None:
        """Pathways started, fired, refused, vetoed and restored leave the machine as it was."""
        d = typ.definition()
        machine = d._compiled.machine

        def shape() -> tuple[object, ...]:
            transitions = [
                t for e in machine.events.values() for ts in e.transitions.values() for t in ts
            ]
            return (
                len(machine.models),
                sorted(machine.events),
                sorted(machine.states),
                [(len(t.conditions), len(t.before), len(t.after)) for t in transitions],
                len(machine._transition_queue),
            )

        veto = pf.Hooks().before(lambda p, e: pf.Reason("host.no"), trigger="make_plan")
        everyone = ["employment_authority", "wellbeing_county", "kela", "client"]
        plan = {
            "services": [{"name": "coaching", "provider": "kela", "kind": "rehabilitation"}],
            "follow_up": "monthly",
            "job_search": "included",
            "made_with": everyone,
            "assessed": ["competence", "social_situation", "health", "work_capacity"],
        }
        before = shape()
        dropped: list[weakref.ref[pf.Pathway]] = []
        for i in range(200):
            p = d.start(f"c{i}", at=D0, by=ea, hooks=veto)
            p.fire("admit", at=D1, by=ea, **ENTRY)
            with pytest.raises(pf.TransitionRefused):
                p.fire("admit", at=D1, by=ea, **ENTRY)
            with pytest.raises(pf.TransitionRefused) as vetoed:
                p.fire("make_plan", at=D1, by=ea, **plan)
            assert ("host.no",) == tuple(r.code for r in vetoed.value.reasons)
            dropped.append(weakref.ref(pf.from_dict(pf.to_dict(p))))
            dropped.append(weakref.ref(p))
            del p, vetoed  # its traceback would keep the last pathway alive
        gc.collect()
        assert before == shape()
        assert [] == [ref for ref in dropped if ref() is not None]

    def test_definitions_registry(self) -> None:
        """definitions() is a fresh read-only mapping of the shipped definitions."""
        shipped = pf.definitions()
        assert {
            "typ",
            "kohti_tyota",
            "handover",
            "journey",
            "kemi",
            "ips",
            "ktt",
            "work_activity",
            "employment_support",
            "social_rehabilitation",
        } == set(shipped)
        with pytest.raises(TypeError):
            shipped["x"] = shipped["typ"]  # type: ignore[index]
        assert "tunnista" == shipped["typ"].initial
        assert ("ended",) == shipped["typ"].finals
        assert "ProcessDefinition('typ'" in repr(shipped["typ"])


def _spec(trigger: str, sources: tuple[str, ...], dest: str | None, **kw: Any) -> TransitionSpec:
    label = kw.pop("label", Text("x", "x", "x"))
    roles = kw.pop("roles", frozenset({Role.CLIENT}))
    return TransitionSpec(trigger, sources, dest, roles, label, **kw)


TYP_POLICY = typ.TypPolicy()
LABEL = Text("a", "b", "c")


def _definition(
    states: tuple[State, ...],
    transitions: tuple[TransitionSpec, ...],
    policy: Any = TYP_POLICY,
    label: Text = LABEL,
) -> pf.ProcessDefinition:
    return pf.ProcessDefinition(
        name="toy",
        version="1",
        label=label,
        policy=policy,
        states=states,
        transitions=transitions,
        context_factory=dict,
    )


class TestValidate:
    def test_broken_definition_names_every_offender(self) -> None:
        """A broken definition raises DefinitionError listing every problem at once."""
        t = Text("t", "t", "t")
        states = (
            State("a", t),
            State("b", Text("b", "", "b")),
            State("b", t),
            State("orphan", t),
            State("trap", t),
            State("end", t, final=True),
        )
        bad_reason = pf.ReasonKind("toy.x", Text("", "x", "x"))
        transitions = (
            _spec("go", (), "a"),
            _spec("again", (), "a"),
            _spec("next", ("a",), "b", reasons=(bad_reason,)),
            _spec("next", ("b",), "trap"),
            _spec("spin", ("trap",), None, roles=frozenset()),
            _spec("finish", ("b",), "end"),
            _spec("leave", ("end",), "nowhere", label=Text("", "", "")),
        )
        with pytest.raises(pf.DefinitionError) as info:
            _definition(states, transitions, policy=None, label=Text("a", "b", ""))
        problems = "\n".join(info.value.problems)
        for needle in [
            "state 'b' is declared more than once",
            "trigger 'next' is declared more than once",
            "exactly one start trigger",
            "'orphan' is unreachable from the start",
            "'trap' is a trap",
            "final state 'end' has a way out",
            "names undeclared state 'nowhere'",
            "'spin' names no role",
            "'leave' has no fi label",
            "state 'b' has no sv label",
            "reason code 'toy.x' has no fi text",
            "definition label has no en text",
            "policy must be an attrs instance",
        ]:
            assert needle in problems
        assert "toy" in str(info.value)

    def test_no_final_state_and_no_start(self) -> None:
        """A definition without a final state or a start trigger is refused."""
        t = Text("t", "t", "t")
        with pytest.raises(pf.DefinitionError) as info:
            _definition((State("a", t),), (_spec("loop", ("a",), None),))
        assert any("no final state" in p for p in info.value.problems)
        assert any("found none" in p for p in info.value.problems)

    def test_undeclared_reason_from_a_guard(self, ea: Actor) -> None:
        """A guard producing a reason code its transition did not declare is a definition bug."""
        t = Text("t", "t", "t")
        rogue = pf.ReasonKind("toy.rogue", t)
        d = _definition(
            (State("a", t), State("end", t, final=True)),
            (_spec("go", (), "a"), _spec("finish", ("a",), "end", guards=(lambda p: [rogue()],))),
        )
        p = d.start("c", at=D0, by=Actor("c", Role.CLIENT))
        with pytest.raises(pf.DefinitionError, match="undeclared reason"):
            p.fire("finish", at=D0, by=Actor("c", Role.CLIENT))
        assert pf.Reason("toy.rogue") == rogue()
        assert "toy.rogue" == pf.Reason("toy.rogue").message()

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"review_interval_months": 0}, "$.review_interval_months"),
            ({"profile": "2099"}, "$.profile"),
            ({"roll_forward": "yes"}, "$.roll_forward"),
        ],
    )
    def test_bad_policy_names_the_parameter(self, kwargs: dict[str, Any], path: str) -> None:
        """An out-of-range policy value raises PathwayDataError naming the parameter."""
        with pytest.raises(pf.PathwayDataError) as info:
            typ.definition(**kwargs)
        assert path == info.value.errors[0][0]


class TestValues:
    def test_text_rejects_unknown_language(self) -> None:
        """Text.get accepts only fi, sv and en (a PathwayDataError, also a ValueError)."""
        with pytest.raises(pf.PathwayDataError, match="expected one of fi, sv, en"):
            Text("a", "b", "c").get("de")  # type: ignore[arg-type]

    def test_role_labels_in_three_languages(self) -> None:
        """Every role has a fi/sv/en label."""
        for role in Role:
            assert () == role.label.missing()

    def test_text_parameters_render_per_language(self) -> None:
        """A Text parameter (a name in fi/sv/en) renders in the message's language, alone
        or in a list, beside parameters that render the same in every language."""
        kind = pf.ReasonKind(
            "toy.named",
            Text(
                "Palvelu {service} ({id}): {all}",
                "Tjänsten {service} ({id}): {all}",
                "Service {service} ({id}): {all}",
            ),
        )
        trial = Text("Työkokeilu", "Arbetsprövning", "Work trial")
        reason = kind(service=trial, id="work_trial", all=(trial, Role.KELA))
        assert "Palvelu Työkokeilu (work_trial): Työkokeilu, Kela" == reason.message("fi")
        assert "Tjänsten Arbetsprövning (work_trial): Arbetsprövning, FPA" == reason.message("sv")
        assert "Service Work trial (work_trial): Work trial, Kela" == reason.message("en")
        assert trial == reason.params["service"]

    def test_verdict_truthiness(self) -> None:
        """A verdict is truthy exactly when it has no blocking reasons."""
        assert pf.Verdict()
        assert pf.Verdict(notes=(pf.Reason("n"),)).allowed
        assert not pf.Verdict((pf.Reason("r"),))
