"""A process as a declaration: guards that declare their reasons, the policy on the proposal,
and trigger data given as a typed payload value."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pathway_fsm as pf
from pathway_fsm import Proposal, Reason, ReasonKind, Role, State, Text, TransitionSpec, guard

DAY = date(2025, 3, 3)
T = Text("t", "t", "t")
CLOSED = ReasonKind("toy.closed", Text("Kiinni", "Stängd", "Closed"))
LATE = ReasonKind("toy.late", Text("Myöhässä", "Sent", "Late"))
NOTED = ReasonKind("toy.noted", Text("Huomio", "Notering", "Noted"))
CLIENT = pf.Actor("c-1", Role.CLIENT)


@attrs.frozen(kw_only=True)
class Hours:
    opens: int = 8
    closes: int = 16


@attrs.frozen(kw_only=True)
class Visit:
    hour: int
    note: str = ""


@attrs.frozen(kw_only=True)
class Other:
    hour: int


@attrs.frozen(kw_only=True)
class Count:
    visits: int = 0


@guard(CLOSED, LATE)
def open_hours(p: Proposal[Count, Hours]) -> Iterator[Reason]:
    """Refuses a visit outside the policy's opening hours."""
    visit: Visit = p.data
    if visit.hour < p.policy.opens:
        yield CLOSED()
    if visit.hour >= p.policy.closes:
        yield LATE()


@guard(NOTED)
def noted(p: Proposal[Count, Hours]) -> Iterator[Reason]:
    """Notes a visit with a note."""
    if p.data.note:
        yield NOTED()


def counted(context: Count, event: pf.Event) -> Count:
    return attrs.evolve(context, visits=context.visits + 1)


def rows(**visit: Any) -> tuple[TransitionSpec, ...]:
    """The toy's rows; *visit* overrides fields of the ``visit`` row."""
    fields: dict[str, Any] = {
        "trigger": "visit",
        "sources": ("open",),
        "dest": None,
        "roles": frozenset({Role.CLIENT}),
        "label": T,
        "payload": Visit,
        "guards": (open_hours,),
        "notes": (noted,),
        "apply": counted,
        **visit,
    }
    return (
        TransitionSpec(trigger="open", sources=(), dest="open", roles=frozenset(Role), label=T),
        TransitionSpec(**fields),
        TransitionSpec(
            trigger="close", sources=("open",), dest="shut", roles=frozenset(Role), label=T
        ),
    )


def toy(policy: Hours | None = None, **visit: Any) -> pf.ProcessDefinition[Count, Hours]:
    """A host's three-state process whose guard reads the policy from the proposal."""
    return pf.ProcessDefinition(
        name="toy",
        version="1",
        label=T,
        policy=Hours() if policy is None else policy,
        states=(State("open", T), State("shut", T, final=True)),
        transitions=rows(**visit),
        context_factory=Count,
    )


def started(
    definition: pf.ProcessDefinition[Count, Hours] | None = None,
) -> pf.Pathway[Count, Hours]:
    return (definition or toy()).start("c-1", at=DAY, by=CLIENT)


class TestGuardDeclaresItsReasons:
    def test_row_gathers_reasons_from_its_guards(self) -> None:
        """A row left without reasons takes its guards' and notes' declared kinds, in order."""
        visit = toy().transition("visit")
        assert (CLOSED, LATE, NOTED) == visit.reasons

    def test_evolved_row_gathers_its_new_guards_reasons(self) -> None:
        """A row copied with other guards takes their kinds, not the old row's gathered ones."""

        @guard(LATE)
        def late(p: Proposal[Count, Hours]) -> Iterator[Reason]:
            yield from ()

        visit = toy().transition("visit")
        assert (LATE,) == attrs.evolve(visit, guards=(late,), notes=()).reasons
        assert (LATE, NOTED) == attrs.evolve(visit, guards=(late,)).reasons

    def test_evolved_row_keeps_the_reasons_it_was_given(self) -> None:
        """Reasons a row lists itself survive a copy that changes something else."""
        visit = toy(reasons=(CLOSED, LATE, NOTED)).transition("visit")
        assert (CLOSED, LATE, NOTED) == attrs.evolve(visit, label=T).reasons

    def test_declared_reasons_reach_the_refusal(self) -> None:
        """The gathered kinds are the trigger's: a refusal with them is a normal refusal."""
        pathway = started()
        verdict = pathway.check("visit", at=DAY, by=CLIENT, hour=6)
        assert ("toy.closed",) == verdict.codes

    def test_explicit_reasons_must_include_each_guard_kind(self) -> None:
        """A row that lists its reasons but leaves out one a guard declares is refused."""
        with pytest.raises(pf.DefinitionError) as info:
            toy(reasons=(CLOSED, NOTED))
        expected = (
            "trigger 'visit' does not declare reason code 'toy.late', "
            "which one of its guards produces"
        )
        assert (expected,) == info.value.problems

    def test_unused_reason_of_a_declared_row_is_refused(self) -> None:
        """A code no guard of a fully declared row produces is refused when built."""
        extra = ReasonKind("toy.never", Text("ei", "aldrig", "never"))
        with pytest.raises(pf.DefinitionError) as info:
            toy(reasons=(CLOSED, LATE, NOTED, extra))
        expected = (
            "trigger 'visit' declares reason code 'toy.never', which none of its guards produces"
        )
        assert (expected,) == info.value.problems

    def test_guard_and_row_giving_one_code_two_texts_is_refused(self) -> None:
        """A guard's kind and the row's kind of the same code must be the same kind."""

        other = ReasonKind("toy.closed", Text("Suljettu", "Stängt", "Shut"))
        with pytest.raises(pf.DefinitionError) as info:
            toy(reasons=(other, LATE, NOTED))
        assert ("reason code 'toy.closed' is declared with two texts",) == info.value.problems

    def test_two_guards_giving_one_code_two_texts_is_refused(self) -> None:
        """Two guards of one row that declare one code with different texts are refused."""
        other = ReasonKind("toy.closed", Text("Suljettu", "Stängt", "Shut"))

        @guard(other)
        def shut(p: Proposal[Count, Hours]) -> Iterator[Reason]:
            yield from ()

        with pytest.raises(pf.DefinitionError) as info:
            toy(guards=(open_hours, shut))
        assert "reason code 'toy.closed' is declared with two texts" in info.value.problems

    def test_undeclared_guard_keeps_the_row_s_reasons(self) -> None:
        """A guard that declares nothing leaves the row's own reasons unchecked at build time."""

        def plain(p: Proposal[Count, Hours]) -> Iterator[Reason]:
            yield from ()

        visit = toy(guards=(open_hours, plain), reasons=(CLOSED, LATE, NOTED, CLOSED)).transition(
            "visit"
        )
        assert 4 == len(visit.reasons)

    def test_undeclared_code_at_run_time_is_a_definition_error(self) -> None:
        """A guard that yields a code it did not declare fails loudly, and nothing changes."""

        @guard(CLOSED)
        def liar(p: Proposal[Count, Hours]) -> Iterator[Reason]:
            yield LATE()

        pathway = started(toy(guards=(liar,), notes=()))
        before = pathway.snapshot()
        with pytest.raises(pf.DefinitionError, match="undeclared reason code"):
            pathway.fire("visit", at=DAY, by=CLIENT, hour=9)
        assert before == pathway.snapshot()

    @pytest.mark.parametrize("bad", ["toy.closed", None, 3, T])
    def test_guard_refuses_what_is_not_a_reason_kind(self, bad: object) -> None:
        """Declaring anything but reason kinds is a DefinitionError naming the decorator."""
        with pytest.raises(pf.DefinitionError) as info:
            guard(CLOSED, bad)  # type: ignore[arg-type]
        assert "guard(...)" == info.value.name

    def test_guard_on_what_takes_no_mark_is_a_definition_error(self) -> None:
        """A bound method or a builtin cannot carry the declaration: a typed error says so."""
        for check in (len, "text".startswith):
            with pytest.raises(pf.DefinitionError) as info:
                guard(CLOSED)(check)  # type: ignore[type-var]
            assert "guard(...)" == info.value.name

    def test_guard_returns_the_function_itself(self) -> None:
        """The decorator marks the guard and hands it back unchanged."""

        def check(p: Proposal[Count, Hours]) -> Iterator[Reason]:
            yield from ()

        assert check is guard(CLOSED)(check)


class TestPolicyOnTheProposal:
    @given(opens=st.integers(0, 23), hour=st.integers(0, 23))
    def test_guard_reads_the_definition_s_policy(self, opens: int, hour: int) -> None:
        """One plain guard serves every policy: it reads the policy the proposal carries."""
        pathway = started(toy(Hours(opens=opens, closes=24)))
        verdict = pathway.check("visit", at=DAY, by=CLIENT, hour=hour)
        assert (hour < opens) == ("toy.closed" in verdict.codes)

    def test_proposal_policy_is_required(self) -> None:
        """A proposal built by hand must say its policy."""
        with pytest.raises(TypeError):
            Proposal("visit", "open", Count(), None, DAY, CLIENT, ())  # type: ignore[call-arg]

    def test_start_proposal_carries_the_policy(self) -> None:
        """The start event's guards see the policy too."""
        seen: list[object] = []

        @guard()
        def spy(p: Proposal[Count, Hours]) -> Iterator[Reason]:
            seen.append(p.policy)
            yield from ()

        definition = attrs.evolve(
            toy(Hours(opens=7)),
            transitions=(attrs.evolve(rows()[0], guards=(spy,)), *rows()[1:]),
        )
        started(definition)
        assert [Hours(opens=7)] == seen


class TestTypedPayload:
    def test_payload_value_equals_keywords(self) -> None:
        """A payload value and the same fields as keywords record the same event."""
        by_value, by_keywords = started(), started()
        made = by_value.fire("visit", Visit(hour=9, note="x"), at=DAY, by=CLIENT)
        same = by_keywords.fire("visit", at=DAY, by=CLIENT, hour=9, note="x")
        assert same == made
        assert pf.to_dict(by_keywords) == pf.to_dict(by_value)

    def test_check_takes_a_payload_value(self) -> None:
        """check answers for a payload value as for keywords."""
        pathway = started()
        assert ("toy.late",) == pathway.check("visit", Visit(hour=17), at=DAY, by=CLIENT).codes

    def test_both_forms_at_once_are_refused(self) -> None:
        """A payload value and keywords together is a PathwayDataError naming $.data."""
        pathway = started()
        before = pathway.snapshot()
        with pytest.raises(pf.PathwayDataError) as info:
            pathway.fire("visit", Visit(hour=9), at=DAY, by=CLIENT, note="x")
        assert ["$.data"] == [path for path, _ in info.value.errors]
        assert "(got note)" in info.value.errors[0][1]
        assert before == pathway.snapshot()

    def test_payload_of_another_class_is_refused_by_name(self) -> None:
        """A value of another attrs class is refused naming both classes."""
        pathway = started()
        with pytest.raises(pf.PathwayDataError) as info:
            pathway.fire("visit", Other(hour=9), at=DAY, by=CLIENT)
        assert (("$.data", "expected a Visit, got Other"),) == info.value.errors

    def test_payload_value_is_checked_field_by_field(self) -> None:
        """attrs does not check field types; the conversion does, naming the field."""
        pathway = started()
        with pytest.raises(pf.PathwayDataError) as info:
            pathway.fire("visit", Visit(hour="nine"), at=DAY, by=CLIENT)  # type: ignore[arg-type]
        assert ["$.data.hour"] == [path for path, _ in info.value.errors]
        assert 1 == pathway.seq

    @pytest.mark.parametrize("value", [{"hour": 9}, 9, "hour", [9]])
    def test_payload_that_is_not_a_value_object(self, value: object) -> None:
        """A dict, a number or a list given positionally goes through the strict conversion."""
        pathway = started()
        if isinstance(value, dict):
            assert 2 == pathway.fire("visit", value, at=DAY, by=CLIENT).seq
        else:
            with pytest.raises(pf.PathwayDataError):
                pathway.fire("visit", value, at=DAY, by=CLIENT)

    def test_payload_value_with_a_field_made_after_init_equals_keywords(self) -> None:
        """A field the class computes itself (init=False) is not data: it is not sent."""

        @attrs.frozen(kw_only=True)
        class Stamped(Visit):
            stamp: int = attrs.field(init=False, default=0)

        definition = toy(payload=Stamped)
        by_value, by_keywords = started(definition), started(definition)
        made = by_value.fire("visit", Stamped(hour=9), at=DAY, by=CLIENT)
        assert by_keywords.fire("visit", at=DAY, by=CLIENT, hour=9) == made

    def test_trigger_without_payload_refuses_a_value(self) -> None:
        """A trigger that takes no data refuses a payload value."""
        pathway = started()
        with pytest.raises(pf.PathwayDataError) as info:
            pathway.fire("close", Visit(hour=9), at=DAY, by=CLIENT)
        assert ["$.data"] == [path for path, _ in info.value.errors]

    def test_start_takes_a_payload_value(self) -> None:
        """start takes the start trigger's payload value positionally, after the client id."""
        definition = attrs.evolve(
            toy(), transitions=(attrs.evolve(rows()[0], payload=Visit), *rows()[1:])
        )
        pathway = definition.start("c-1", Visit(hour=10), at=DAY, by=CLIENT)
        assert Visit(hour=10) == pathway.history[0].data
        bound = definition.with_hooks(pf.Hooks())
        assert (
            Visit(hour=10) == bound.start("c-2", Visit(hour=10), at=DAY, by=CLIENT).history[0].data
        )

    def test_threads_firing_payload_values_lose_nothing(self) -> None:
        """Payload values from many threads are each recorded once."""
        pathway = started()
        barrier = threading.Barrier(8)

        def visit(hour: int) -> None:
            barrier.wait()
            pathway.fire("visit", Visit(hour=hour), at=DAY, by=CLIENT)

        threads = [threading.Thread(target=visit, args=(8 + n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert 8 == pathway.context.visits
        assert list(range(1, 10)) == [e.seq for e in pathway.history]
