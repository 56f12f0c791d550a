"""The contract assertions pass on sound pathways and name what is wrong with unsound ones.

The unsound ones come from a toy host definition whose rules make the mistakes the
assertions exist to catch: a guard that reads the host's state, a reducer that counts
calls, a guard that changes the context, a policy that is not JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, time
from typing import Any

import attrs
import pytest

import pathway_fsm as pf
from pathway_fsm import Actor, Proposal, Reason, ReasonKind, Role, State, Text, TransitionSpec, typ
from pathway_fsm.contract import _differences, _not_json
from pathway_fsm.testing import (
    PathwayContract,
    assert_refused,
    assert_replays,
    assert_round_trip,
)

DAY = date(2025, 1, 8)
LATER = date(2025, 1, 15)
ELIGIBLE = {
    "multidisciplinary_need": True,
    "benefits_from_service": True,
    "labour_market_subsidy_days": 300,
}

SHUT = ReasonKind("toy.shut", Text("Kiinni", "Stängd", "Shut"))
BUSY = ReasonKind("toy.busy", Text("Varattu", "Upptagen", "Busy"))
T = Text("t", "t", "t")


@attrs.frozen(kw_only=True)
class ToyPolicy:
    opens: int = 8


@attrs.frozen(kw_only=True)
class ClockPolicy:
    opens: time = time(8)


@attrs.define(kw_only=True)
class ToyContext:
    """Mutable on purpose: a sloppy host context a guard can change in place."""

    tries: int = 0
    stamp: int = 0


Guard = Callable[[Proposal], Iterator[Reason]]


def _toy(
    *,
    guard: Guard | None = None,
    apply: Callable[[Any, pf.Event], Any] | None = None,
    policy: Any = None,
    context: Callable[[], Any] = ToyContext,
) -> pf.ProcessDefinition:
    """A host's own two-state process; *guard* and *apply* are on its ``poke`` trigger."""
    return pf.ProcessDefinition(
        name="toy",
        version="1",
        label=T,
        policy=ToyPolicy() if policy is None else policy,
        states=(State("open", T), State("done", T, final=True)),
        transitions=(
            TransitionSpec("start", (), "open", frozenset({Role.CLIENT}), T),
            TransitionSpec(
                "poke",
                ("open",),
                None,
                frozenset({Role.CLIENT}),
                T,
                guards=() if guard is None else (guard,),
                reasons=(SHUT, BUSY),
                apply=apply,
            ),
            TransitionSpec("finish", ("open",), "done", frozenset({Role.CLIENT}), T),
        ),
        context_factory=context,
    )


@pytest.fixture
def admitted(ea: Actor) -> pf.Pathway:
    """A TYP pathway in planning."""
    pathway = typ.definition().start("client-1", at=DAY, by=ea)
    pathway.fire("admit", at=LATER, by=ea, **ELIGIBLE)
    return pathway


class TestRoundTrip:
    def test_shipped_pathway_passes(self, admitted: pf.Pathway) -> None:
        """A shipped pathway survives a JSON trip through to_dict and from_dict."""
        assert_round_trip(admitted)

    def test_host_definition_needs_the_definition(self, client: Actor) -> None:
        """A host's own definition round-trips when given, and the failure says to give it."""
        toy = _toy()
        pathway = toy.start("client-1", at=DAY, by=client)
        assert_round_trip(pathway, definition=toy)
        with pytest.raises(AssertionError, match=r"pass definition= for one not shipped") as info:
            assert_round_trip(pathway)
        assert "$.definition.name" in str(info.value)

    def test_non_json_stored_form_names_the_path(self, client: Actor) -> None:
        """A policy value JSON cannot hold is named by its path in the stored form."""
        toy = _toy(policy=ClockPolicy())
        pathway = toy.start("client-1", at=DAY, by=client)
        with pytest.raises(AssertionError) as info:
            assert_round_trip(pathway, definition=toy)
        expected = (
            "to_dict(pathway) is not JSON-ready:\n"
            "  $.definition.policy.opens: a time is not a JSON value"
        )
        assert expected == str(info.value)

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ({"a": [1, 2.5, "x", None, True]}, []),
            ({1: "x"}, ["$: key 1 is not a string"]),
            ({"a": (1, 2)}, ["$.a: a tuple is not a JSON value"]),
            ({"a": [float("nan")]}, ["$.a[0]: nan is not a JSON number"]),
            ({"a": {"b": date(2025, 1, 1)}}, ["$.a.b: a date is not a JSON value"]),
        ],
    )
    def test_non_json_values_are_found(self, value: object, expected: list[str]) -> None:
        """Keys, tuples, non-finite numbers and other objects are each named by path."""
        assert expected == _not_json(value)

    def test_counting_reducer_is_caught(self, client: Actor) -> None:
        """A reducer that depends on how often it ran restores another context."""
        calls = iter(range(1, 100))

        def stamp(context: ToyContext, event: pf.Event) -> ToyContext:
            return attrs.evolve(context, stamp=next(calls))

        toy = _toy(apply=stamp)
        pathway = toy.start("client-1", at=DAY, by=client)
        pathway.fire("poke", at=DAY, by=client)
        with pytest.raises(AssertionError, match=r"from_dict\(to_dict\(pathway\)\) != pathway"):
            assert_round_trip(pathway, definition=toy)
        with pytest.raises(AssertionError) as info:
            assert_replays(pathway)
        expected = (
            "replay(...) != pathway for "
            "Pathway('toy', client_id='client-1', state='open', events=2):\n"
            "  context differs in stamp"
        )
        assert expected == str(info.value)

    def test_counting_reducer_on_a_plain_context_is_caught(self, client: Actor) -> None:
        """A context that is not an attrs value is reported as a whole."""
        calls = iter(range(1, 100))

        def count(context: dict[str, int], event: pf.Event) -> dict[str, int]:
            return {**context, "calls": next(calls)}

        toy = _toy(apply=count, context=dict)
        pathway = toy.start("client-1", at=DAY, by=client)
        pathway.fire("poke", at=DAY, by=client)
        with pytest.raises(AssertionError, match=r"\n  context differs$"):
            assert_replays(pathway)


class TestReplays:
    def test_shipped_pathway_passes(self, admitted: pf.Pathway) -> None:
        """Replaying a shipped pathway's history rebuilds it."""
        assert_replays(admitted)

    def test_guard_reading_host_state_is_caught(self, client: Actor) -> None:
        """A guard that reads the host's changing state refuses on replay; the event is named."""
        host = {"open": True}

        def open_only(proposal: Proposal) -> Iterator[Reason]:
            if not host["open"]:
                yield SHUT()

        toy = _toy(guard=open_only)
        pathway = toy.start("client-1", at=DAY, by=client)
        pathway.fire("poke", at=DAY, by=client)
        host["open"] = False
        with pytest.raises(AssertionError, match=r"\$\.history\[1\]: refused on replay: toy\.shut"):
            assert_replays(pathway)

    def test_differences_are_listed(self, admitted: pf.Pathway, ea: Actor) -> None:
        """Definition, client, state, history and context differences each get a line."""
        other = typ.definition(plan_due_months=4).start("client-2", at=DAY, by=ea)
        lines = _differences(admitted, other)
        assert lines[0].startswith("definition: ProcessDefinition('typ'")
        assert [
            "client_id differs",
            "state: 'suunnittele' became 'tunnista'",
            "history: 2 events became 1",
        ] == lines[1:4]
        assert lines[4].startswith("context differs in ")

    def test_first_differing_event_is_named(self, ea: Actor) -> None:
        """Of two histories that differ, the first differing event and its fields are named."""
        early = typ.definition().start("client-1", at=DAY, by=ea)
        late = typ.definition().start("client-1", at=LATER, by=ea)
        expected = ["history: event 1 ('start') differs in at", "context differs in referred_on"]
        assert expected == _differences(early, late)

    def test_differing_audit_metadata_is_named(self, ea: Actor) -> None:
        """An event that differs only in its host reference or recorder names that field."""
        plain = typ.definition().start("client-1", at=DAY, by=ea)
        noted = typ.definition().start("client-1", at=DAY, by=ea, ref="case-7")
        assert ["history: event 1 ('start') differs in ref"] == _differences(plain, noted)


class TestRefused:
    def test_rule_refusal_passes_and_is_returned(self, admitted: pf.Pathway, ea: Actor) -> None:
        """A refusal with the expected code passes, and the refusal is returned."""
        refusal = assert_refused(admitted, "admit", code="pathway.wrong_state", at=LATER, by=ea)
        assert "admit" == refusal.trigger
        assert ("pathway.wrong_state",) == tuple(r.code for r in refusal.reasons)

    def test_hook_veto_passes(self, ea: Actor) -> None:
        """A before-hook's veto, which check does not see, counts as a refusal."""
        veto = ReasonKind("host.veto", Text("Ei", "Nej", "No"))
        hooks = pf.Hooks().before(lambda pathway, event: veto(), trigger="admit")
        pathway = typ.definition().start("client-1", at=DAY, by=ea, hooks=hooks)
        assert_refused(pathway, "admit", code="host.veto", at=LATER, by=ea, **ELIGIBLE)
        assert "tunnista" == pathway.state

    def test_accepted_trigger_fails(self, ea: Actor) -> None:
        """An accepted trigger fails the check, naming the event it recorded."""
        pathway = typ.definition().start("client-1", at=DAY, by=ea)
        with pytest.raises(AssertionError) as info:
            assert_refused(pathway, "admit", code="typ.x", at=LATER, by=ea, **ELIGIBLE)
        expected = (
            "expected 'admit' in state 'tunnista' to be refused with 'typ.x', but it was "
            "accepted as Event(seq=2, trigger='admit', tunnista->suunnittele, at=2025-01-15, "
            "by=employment_authority)"
        )
        assert expected == str(info.value)

    def test_other_code_fails(self, admitted: pf.Pathway, ea: Actor) -> None:
        """A refusal without the expected code names the codes it had."""
        with pytest.raises(AssertionError) as info:
            assert_refused(admitted, "admit", code="typ.x", at=LATER, by=ea)
        expected = (
            "'admit' in state 'suunnittele' was refused with pathway.wrong_state, not with 'typ.x'"
        )
        assert expected == str(info.value)

    def test_malformed_attempt_fails(self, admitted: pf.Pathway, ea: Actor) -> None:
        """An unknown trigger is not a refusal: the error is named."""
        with pytest.raises(
            AssertionError, match=r"but it raised UnknownTrigger:\ntyp has no trigger 'admitt'"
        ):
            assert_refused(admitted, "admitt", code="typ.x", at=LATER, by=ea)

    def test_check_and_fire_disagreeing_fails(self, client: Actor) -> None:
        """A guard that answers differently on each call makes check and fire disagree."""
        answers = iter([SHUT, BUSY])

        def fickle(proposal: Proposal) -> Iterator[Reason]:
            yield next(answers)()

        pathway = _toy(guard=fickle).start("client-1", at=DAY, by=client)
        with pytest.raises(AssertionError) as info:
            assert_refused(pathway, "poke", code="toy.busy", at=DAY, by=client)
        expected = (
            "check and fire disagree on 'poke' in state 'open': check gave toy.shut, fire toy.busy"
        )
        assert expected == str(info.value)

    def test_refusal_that_changes_the_context_fails(self, client: Actor) -> None:
        """A guard that changes the context in place before refusing is caught."""

        def counting(proposal: Proposal) -> Iterator[Reason]:
            proposal.context.tries += 1
            yield BUSY()

        pathway = _toy(guard=counting).start("client-1", at=DAY, by=client)
        with pytest.raises(AssertionError) as info:
            assert_refused(pathway, "poke", code="toy.busy", at=DAY, by=client)
        assert "refusing 'poke' in state 'open' changed the pathway's context" == str(info.value)


class TestPathwayContract:
    def test_methods_run_the_assertions(self, admitted: pf.Pathway, ea: Actor) -> None:
        """Each method passes where its function passes and fails where it fails."""
        contract = PathwayContract()
        contract.holds(admitted)
        contract.round_trip(admitted)
        contract.replays(admitted)
        refusal = contract.refused(admitted, "admit", code="pathway.wrong_state", at=LATER, by=ea)
        assert "suunnittele" == refusal.state
        with pytest.raises(AssertionError, match=r"not with 'typ\.x'"):
            contract.refused(admitted, "admit", code="typ.x", at=LATER, by=ea)
