"""Integrity: every way into a pathway runs the live checks, and no accepted event is lost.

Restore is as strict as fire (D9), values are checked where they enter, hooks keep
their contract, threads and re-entrant hooks never lose or duplicate an event, and
recording an event costs the same at any length of history.
"""

from __future__ import annotations

import copy
import json
import threading
from datetime import date, datetime, timedelta
from typing import Any

import attrs
import pytest

import pathway_fsm as pf
from helpers import OFFICE as EA
from ips_data import COMPETITIVE
from pathway_fsm import Actor, Event, Reason, Role, social_welfare, testing, typ

D0 = date(2025, 1, 8)
D1 = date(2025, 1, 15)
ENTRY = {
    "multidisciplinary_need": True,
    "benefits_from_service": True,
    "labour_market_subsidy_days": 400,
    "birth_date": date(1990, 5, 17),
}


def admitted() -> pf.Pathway:
    """A TYP pathway (profile 1369/2014) that has been admitted on D1."""
    p = typ.definition(profile="1369/2014").start("client-1", at=D0, by=EA)
    p.fire("admit", at=D1, by=EA, **ENTRY)
    return p


def paths(document: Any) -> list[str]:
    """The error paths from_dict reports for *document*."""
    with pytest.raises(pf.PathwayDataError) as info:
        pf.from_dict(document)
    return [p for p, _ in info.value.errors]


class TestRestoreIsAsStrictAsFire:
    """D9: a stored document never holds what the live API refuses."""

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("birth_date", "2025-01-16"),
            ("unemployed_since", "2025-01-16"),
            ("labour_market_subsidy_days", -1),
        ],
    )
    def test_d9_stored_data_check_is_run(self, field: str, value: object) -> None:
        """A stored payload that fire's data check refuses is refused by from_dict."""
        document = pf.to_dict(admitted())
        document["history"][1]["data"][field] = value
        assert [f"$.history[1].data.{field}"] == paths(document)

    def test_d9_replay_runs_the_data_check(self) -> None:
        """replay of host-made events runs the same data check, at the event's position."""
        p = admitted()
        bad = attrs.evolve(p.history[1].data, labour_market_subsidy_days=-5)
        events = [p.history[0], attrs.evolve(p.history[1], data=bad)]
        with pytest.raises(pf.PathwayDataError) as info:
            pf.replay(p.definition, events, client_id="client-1")
        assert ["$.history[1].data.labour_market_subsidy_days"] == [
            path for path, _ in info.value.errors
        ]

    def test_d9_replay_checks_field_types(self) -> None:
        """An event whose attrs payload holds a wrong type is refused, not trusted."""
        p = admitted()
        bad = attrs.evolve(p.history[1].data, labour_market_subsidy_days="many")
        events = [p.history[0], attrs.evolve(p.history[1], data=bad)]
        with pytest.raises(pf.PathwayDataError) as info:
            pf.replay(p.definition, events, client_id="client-1")
        assert "$.history[1].data.labour_market_subsidy_days" in str(info.value)

    def test_d9_replay_checks_event_dates_and_actors(self) -> None:
        """An event dated with a datetime, or by a non-actor, is refused at its position."""
        p = admitted()
        at_time = attrs.evolve(p.history[1], at=datetime(2025, 1, 15, 9))
        with pytest.raises(pf.PathwayDataError, match=r"\$\.history\[1\]\.at"):
            pf.replay(p.definition, [p.history[0], at_time], client_id="client-1")
        no_actor = attrs.evolve(p.history[0], actor="ea-1")
        with pytest.raises(pf.PathwayDataError, match=r"\$\.history\[0\]\.actor"):
            pf.replay(p.definition, [no_actor], client_id="client-1")

    def test_d9_negative_payment_is_refused_on_restore(self) -> None:
        """A work-activity payment with a negative amount, refused live, is refused stored."""
        county = Actor("wc-1", Role.WELLBEING_COUNTY)
        d = social_welfare.work_activity_definition()
        p = d.start("client-1", at=D0, by=county)
        decision = {"basis": "710/1982 27 e", "capacity_below_27d": True}
        p.fire("decide", at=D0, by=county, income_mainly_benefits=True, **decision)
        p.fire("begin", at=D0, by=county, setting="workshop")
        payment = {"kind": "work_allowance", "amount_cents": -1}
        with pytest.raises(pf.PathwayDataError) as live:
            p.fire("record_payment", at=D1, by=county, **payment)
        p.fire("record_payment", at=D1, by=county, kind="work_allowance", amount_cents=500)
        document = pf.to_dict(p)
        document["history"][-1]["data"]["amount_cents"] = -1
        assert [f"$.history[3]{path[1:]}" for path, _ in live.value.errors] == paths(document)

    @pytest.mark.parametrize("text", ["2025-W03-3", "20250115", "2025-1-15", "２０２５-01-15"])
    def test_d9_stored_dates_are_extended_iso_only(self, text: str) -> None:
        """Week dates, the basic form and non-ASCII digits are not stored dates."""
        document = pf.to_dict(admitted())
        document["history"][1]["at"] = text
        assert ["$.history[1].at"] == paths(document)
        document = pf.to_dict(admitted())
        document["history"][1]["data"]["birth_date"] = text
        assert ["$.history[1].data.birth_date"] == paths(document)

    def test_week_date_is_not_trigger_data(self) -> None:
        """A week date passed as trigger data is malformed, as in the stored form."""
        p = typ.definition(profile="1369/2014").start("client-1", at=D0, by=EA)
        with pytest.raises(pf.PathwayDataError) as info:
            p.fire("admit", at=D1, by=EA, **{**ENTRY, "birth_date": "1990-W20-4"})
        assert [("$.data.birth_date", "expected an ISO date (YYYY-MM-DD)")] == list(
            info.value.errors
        )

    def test_replay_client_id_and_arguments_are_checked(self) -> None:
        """replay refuses a missing client id, a bad definition, events or hooks, by name."""
        p = admitted()
        cases: list[tuple[dict[str, Any], str]] = [
            ({"client_id": None}, "$.client_id"),
            ({"client_id": " "}, "$.client_id"),
            ({"hooks": "x"}, "hooks"),
        ]
        for kwargs, path in cases:
            arguments: dict[str, Any] = {"client_id": "client-1", **kwargs}
            with pytest.raises(pf.PathwayDataError) as info:
                pf.replay(p.definition, p.history, **arguments)
            assert [path] == [where for where, _ in info.value.errors]
        with pytest.raises(pf.PathwayDataError, match="definition"):
            pf.replay("typ", p.history, client_id="c")  # type: ignore[arg-type]
        with pytest.raises(pf.PathwayDataError, match="iterable of events"):
            pf.replay(p.definition, "events", client_id="c")  # type: ignore[arg-type]

    def test_from_dict_arguments_are_checked(self) -> None:
        """from_dict names a bad definition or hooks argument before reading the document."""
        document = pf.to_dict(admitted())
        with pytest.raises(pf.PathwayDataError) as info:
            pf.from_dict(document, definition="typ", hooks=[])  # type: ignore[arg-type]
        assert ["definition", "hooks"] == [where for where, _ in info.value.errors]

    def test_start_checks_hooks_type(self) -> None:
        """start refuses hooks that are not Hooks, naming the argument."""
        with pytest.raises(pf.PathwayDataError) as info:
            typ.definition().start("c", at=D0, by=EA, hooks="x")  # type: ignore[arg-type]
        assert ["hooks"] == [where for where, _ in info.value.errors]


class TestValuesAreCheckedWhereTheyEnter:
    def test_actor_converts_a_stored_role_value(self) -> None:
        """Actor takes a role's stored value and converts it to the Role."""
        assert Role.KELA is Actor("k-1", "kela").role  # type: ignore[arg-type]

    @pytest.mark.parametrize("role", ["boss", ["kela"], None, 3, Role])
    def test_actor_refuses_other_roles(self, role: object) -> None:
        """Anything but a Role or its value is a PathwayDataError naming the role field."""
        with pytest.raises(pf.PathwayDataError) as info:
            Actor("k-1", role)  # type: ignore[arg-type]
        assert ["$.role"] == [where for where, _ in info.value.errors]

    @pytest.mark.parametrize("actor_id", [None, "", "  ", 5, b"x"])
    def test_actor_refuses_a_blank_id(self, actor_id: object) -> None:
        """The actor id must be a non-empty string."""
        with pytest.raises(pf.PathwayDataError) as info:
            Actor(actor_id, Role.KELA)  # type: ignore[arg-type]
        assert ["$.actor_id"] == [where for where, _ in info.value.errors]

    def test_stored_blank_actor_id_is_refused(self) -> None:
        """A stored actor with a blank id is a data error at its path."""
        document = pf.to_dict(admitted())
        document["history"][1]["actor"]["actor_id"] = " "
        assert ["$.history[1].actor.actor_id"] == paths(document)

    def test_long_trigger_is_cut_in_the_message(self) -> None:
        """A huge or deeply nested trigger value is named by type and a short excerpt."""
        p = admitted()
        with pytest.raises(pf.UnknownTrigger) as info:
            p.fire("x" * 1_000_000, at=D1, by=EA)  # type: ignore[arg-type]
        assert len(str(info.value)) < 400
        nested: list[Any] = []
        for _ in range(100_000):
            nested = [nested]
        with pytest.raises(pf.UnknownTrigger) as info:
            p.fire(nested, at=D1, by=EA)  # type: ignore[arg-type]
        assert "(list)" in str(info.value)

    def test_subclasses_of_stored_types_are_refused_where_they_enter(self) -> None:
        """A str, date or Actor subclass would be stored as something the stored form
        does not restore: it is refused at its field, live and in trigger data, and
        nothing changes."""

        class Id(str):
            pass

        class Day(date):
            def isoformat(self) -> str:
                return self.strftime("%d.%m.%Y")

        class Clerk(Actor):
            pass

        with pytest.raises(pf.PathwayDataError) as info:
            Actor(Id("ea-17"), Role.EMPLOYMENT_AUTHORITY)
        assert ["$.actor_id"] == [where for where, _ in info.value.errors]
        with pytest.raises(pf.PathwayDataError) as info:
            typ.definition().start(Id("c1"), at=Day(2025, 1, 8), by=Clerk("x", Role.KELA))
        assert ["$.client_id", "$.at", "$.by"] == [where for where, _ in info.value.errors]
        p = admitted()
        before = pf.to_dict(p)
        with pytest.raises(pf.PathwayDataError) as info:
            p.fire("begin_resolution", at=Day(2025, 2, 1), by=EA, recorded_by=Clerk("x", Role.KELA))
        assert ["$.at", "$.recorded_by"] == [where for where, _ in info.value.errors]
        entry = {**ENTRY, "birth_date": Day(1990, 5, 17)}
        with pytest.raises(pf.PathwayDataError) as info:
            typ.definition().start("c", at=D0, by=EA).fire("admit", at=D1, by=EA, **entry)
        assert ["$.data.birth_date"] == [where for where, _ in info.value.errors]
        assert before == pf.to_dict(p)

    @pytest.mark.parametrize("day", [date(1899, 12, 31), date(9900, 1, 1), date.max])
    def test_dates_outside_the_range_are_refused(self, day: date) -> None:
        """Dates before 1900 or after 9899 are refused wherever they enter."""
        with pytest.raises(pf.PathwayDataError) as info:
            typ.definition().start("c", at=day, by=EA)
        assert ["$.at"] == [where for where, _ in info.value.errors]
        p = typ.definition(profile="1369/2014").start("client-1", at=D0, by=EA)
        with pytest.raises(pf.PathwayDataError) as info:
            p.deadlines(at=day)
        assert ["$.at"] == [where for where, _ in info.value.errors]
        with pytest.raises(pf.PathwayDataError) as info:
            p.fire("admit", at=D1, by=EA, **{**ENTRY, "birth_date": day})
        assert ["$.data.birth_date"] == [where for where, _ in info.value.errors]
        document = pf.to_dict(admitted())
        document["history"][1]["at"] = day.isoformat()
        assert ["$.history[1].at"] == paths(document)

    def test_last_day_computes_every_deadline(self) -> None:
        """A pathway on the last accepted day still computes its deadlines."""
        last = pf.LAST_DAY
        p = typ.definition(retention_years=100).start("c", at=last, by=EA)
        p.fire("close", at=last, by=EA, closure="moved_away")
        (retention,) = p.deadlines(at=last)
        assert date(9999, 12, 31) == retention.due


def veto(reason: object) -> pf.Hooks:
    """Hooks whose before-hook for every trigger returns *reason*."""
    return pf.Hooks().before(lambda p, e: reason)


class TestHookContract:
    @pytest.mark.parametrize("hook", [None, 3, "notify"])
    def test_registration_refuses_non_callables(self, hook: object) -> None:
        """A non-callable hook is refused at registration with HookError (a TypeError)."""
        with pytest.raises(pf.HookError) as info:
            pf.Hooks().before(hook)  # type: ignore[arg-type]
        assert isinstance(info.value, TypeError)
        with pytest.raises(pf.HookError):
            pf.Hooks().after(hook)  # type: ignore[arg-type]

    def test_registration_refuses_a_non_string_trigger(self) -> None:
        """A hook's trigger is a trigger name or None."""
        with pytest.raises(pf.HookError):
            pf.Hooks().after(print, trigger=["admit"])  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "result", [True, False, "no", 0, pf.Verdict(), [Reason("x"), "y"], {"code": "x"}]
    )
    def test_bad_before_hook_result_changes_nothing(self, result: object) -> None:
        """A before-hook returning anything but reasons is a HookError naming it."""
        p = typ.definition().start("c", at=D0, by=EA).with_hooks(veto(result))
        before = pf.to_dict(p)
        with pytest.raises(pf.HookError) as info:
            p.fire("close", at=D1, by=EA, closure="moved_away")
        assert "close" == info.value.trigger
        assert "<lambda>" in info.value.hook
        assert before == pf.to_dict(p)

    def test_before_hook_may_yield_reasons(self) -> None:
        """A generator of reasons is an iterable of reasons: it vetoes."""
        kind = pf.ReasonKind("host.no", pf.Text("ei", "nej", "no"))

        def hook(p: pf.Pathway, e: Event) -> Any:
            yield kind()

        p = typ.definition().start("c", at=D0, by=EA).with_hooks(pf.Hooks().before(hook))
        with pytest.raises(pf.TransitionRefused) as info:
            p.fire("close", at=D1, by=EA, closure="moved_away")
        assert ("host.no",) == tuple(r.code for r in info.value.reasons)


class TestNoLostEvent:
    @pytest.mark.parametrize("when", ["before", "after"])
    def test_hook_firing_on_its_own_pathway_is_refused(self, when: str) -> None:
        """A hook that fires on its own pathway gets ReentrantFire; nothing it asked happens."""
        seen: list[BaseException] = []

        def hook(p: pf.Pathway, e: Event) -> None:
            try:
                p.fire("request_review", at=e.at, by=EA)
            except pf.ReentrantFire as exc:
                seen.append(exc)
                raise

        hooks = getattr(pf.Hooks(), when)(hook, trigger="admit")
        p = typ.definition(profile="1369/2014").start("c", at=D0, by=EA, hooks=hooks)
        before = pf.to_dict(p)
        with pytest.raises((pf.ReentrantFire, pf.HookFailed)):
            p.fire("admit", at=D1, by=EA, **ENTRY)
        (error,) = seen
        assert ("request_review", "admit") == (error.trigger, error.during)  # type: ignore[attr-defined]
        assert isinstance(error, RuntimeError)
        if when == "before":
            assert before == pf.to_dict(p)
        else:  # the after-hook's failure is reported; the admission itself stands
            assert ["start", "admit"] == [e.trigger for e in p.history]
        assert p == pf.replay(p.definition, p.history, client_id="c")
        p.fire("close", at=D1, by=EA, closure="moved_away")  # the pathway is usable again

    def test_hook_may_fire_on_another_pathway(self) -> None:
        """Only the pathway whose hook is running is locked against re-entry."""
        other = typ.definition().start("other", at=D0, by=EA)

        def hook(p: pf.Pathway, e: Event) -> None:
            other.fire("close", at=e.at, by=EA, closure="moved_away")

        p = typ.definition().start("c", at=D0, by=EA).with_hooks(pf.Hooks().after(hook))
        p.fire("close", at=D1, by=EA, closure="moved_away")
        assert "ended" == other.state

    @pytest.mark.parametrize("expected", [True, False])
    def test_threads_never_lose_or_share_an_event(self, expected: bool) -> None:
        """Many threads firing on one pathway: every accepted event is kept, with its own seq.

        With *expected* each thread passes the seq it saw, and those overtaken are refused
        as stale; without it every fire is accepted, one after another.
        """
        county = Actor("wc-1", Role.WELLBEING_COUNTY)
        d = social_welfare.social_rehabilitation_definition()
        p = d.start("c", at=D0, by=county)
        p.fire("begin", at=D0, by=county, functioning_assessed=True, rehabilitation_need=True)
        accepted: list[Event] = []
        stale: list[int] = []
        codes: set[tuple[str, ...]] = set()
        lock = threading.Lock()
        start = threading.Barrier(8)

        def work() -> None:
            start.wait()
            for _ in range(200):
                seen = p.seq
                kwargs: dict[str, Any] = {"expected_seq": seen} if expected else {}
                try:
                    event = p.fire("record_measure", at=D1, by=county, kind="other", **kwargs)
                except pf.TransitionRefused as refused:
                    with lock:
                        stale.append(seen)
                        codes.add(tuple(r.code for r in refused.reasons))
                else:
                    with lock:
                        accepted.append(event)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seqs = sorted(e.seq for e in accepted)
        assert seqs == list(range(3, 3 + len(accepted)))
        assert len(p.history) == 2 + len(accepted)
        assert sorted(accepted, key=lambda e: e.seq) == list(p.history[2:])
        assert 1600 == len(accepted) + len(stale)
        assert codes <= {("pathway.stale_sequence",)}
        if not expected:
            assert [] == stale
        assert p == pf.replay(d, p.history, client_id="c")
        assert p.context == pf.from_dict(pf.to_dict(p)).context

    def test_stale_check_gives_only_the_stale_reason(self) -> None:
        """A stale expected_seq is the whole answer: no reasons about a state not seen."""
        p = admitted()
        verdict = p.check("begin_trial", at=D1, by=EA, expected_seq=1)
        assert ("pathway.stale_sequence",) == verdict.codes
        with pytest.raises(pf.TransitionRefused) as info:
            p.fire("begin_trial", at=D1, by=EA, expected_seq=1)
        assert ("pathway.stale_sequence",) == tuple(r.code for r in info.value.reasons)


class TestAvailableAndCheck:
    def test_available_applies_the_date_order(self) -> None:
        """Nothing is available on a day before the latest event."""
        p = typ.definition().start("c", at=D1, by=EA)
        assert () == p.available(at=D1 - timedelta(days=1), by=EA)
        assert "admit" in p.available(at=D1, by=EA)

    def test_check_answers_for_missing_data_on_every_trigger(self) -> None:
        """A required field left out is an invalid_data reason, never an exception."""
        p = typ.definition().start("c", at=D0, by=EA)
        verdict = p.check("close", at=D1, by=EA)
        assert ("pathway.invalid_data",) == verdict.codes
        assert "$.data.closure" == verdict.reasons[0].params["field"]
        assert "Annettu tieto ei kelpaa: Tieto puuttuu." == verdict.reasons[0].message("fi")

    def test_check_with_bad_data_still_names_the_engine_reasons(self) -> None:
        """Wrong state and role are reported beside the data problems."""
        p = typ.definition().start("c", at=D0, by=EA)
        verdict = p.check("end", at=D1, by=Actor("x", Role.CLIENT), decided_by="all")
        assert {"pathway.wrong_state", "pathway.role_not_allowed", "pathway.invalid_data"} == set(
            verdict.codes
        )


class TestHistory:
    def test_history_is_an_immutable_view(self) -> None:
        """A history taken earlier does not grow when the pathway records more events."""
        p = admitted()
        earlier = p.history
        p.fire("close", at=D1, by=EA, closure="moved_away")
        assert 2 == len(earlier)
        assert 3 == len(p.history)
        assert earlier == p.history[:2]
        assert (p.history[0], p.history[1]) == tuple(earlier)
        assert p.history[-1] is p.history[2]
        with pytest.raises(IndexError):
            earlier[2]
        with pytest.raises(TypeError):
            earlier[0] = earlier[1]  # type: ignore[index]
        assert hash(earlier) == hash(p.history[:2])
        assert list(reversed(p.history)) == list(p.history)[::-1]

    def test_recording_does_not_copy_the_history(self) -> None:
        """Appending an event keeps the list behind the history: no per-event copy."""
        p = admitted()
        behind = p.history._events
        p.fire("close", at=D1, by=EA, closure="moved_away")
        assert behind is p.history._events

    def test_a_copied_pathway_does_not_share_new_events(self) -> None:
        """Two pathways that share a list (a shallow copy) keep their own histories."""
        p = admitted()
        twin = copy.copy(p)
        p.fire("close", at=D1, by=EA, closure="moved_away")
        twin.fire("begin_resolution", at=D1, by=EA)
        assert ["start", "admit", "close"] == [e.trigger for e in p.history]
        assert ["start", "admit", "begin_resolution"] == [e.trigger for e in twin.history]
        assert p == pf.replay(p.definition, p.history, client_id="client-1")
        assert twin == pf.replay(p.definition, twin.history, client_id="client-1")


class TestNoBareExceptions:
    """Bad input of every public entry point is a library error naming it, never a bare one."""

    def test_integers_beyond_what_json_holds_are_refused(self) -> None:
        """A payload integer must survive json.dumps and any JSON reader: 2**53 is refused."""
        p = typ.definition(profile="1369/2014").start("c", at=D0, by=EA)
        too_big = {**ENTRY, "labour_market_subsidy_days": 2**53}
        with pytest.raises(pf.PathwayDataError) as info:
            p.fire("admit", at=D1, by=EA, **too_big)
        assert ["$.data.labour_market_subsidy_days"] == [w for w, _ in info.value.errors]
        p.fire("admit", at=D1, by=EA, **{**ENTRY, "labour_market_subsidy_days": 2**53 - 1})
        assert p == pf.from_dict(json.loads(json.dumps(pf.to_dict(p))))

    @pytest.mark.parametrize("field", [5, [1], "ab", ((None, 5),), (("admit",),), ((3, print),)])
    def test_hooks_built_directly_are_checked(self, field: object) -> None:
        """Hooks built with anything but (trigger, callable) pairs is a HookError."""
        for name in ("before", "after"):
            with pytest.raises(pf.HookError):
                pf.Hooks(**{name: field})  # type: ignore[arg-type]

    @pytest.mark.parametrize("value", [None, {}, "pathway", 5])
    def test_to_dict_of_something_else(self, value: object) -> None:
        """to_dict of a non-pathway names the argument."""
        with pytest.raises(pf.PathwayDataError) as info:
            pf.to_dict(value)  # type: ignore[arg-type]
        assert ["pathway"] == [w for w, _ in info.value.errors]

    @pytest.mark.parametrize(
        "template",
        ["{", "{0}", "{a.b}", "{a[0]}", "x}", "{a:d}", "{a:,}", "{a!x}", "{a:{b}}", "{a:>9999}"],
    )
    def test_reason_templates_are_checked_when_made(self, template: str) -> None:
        """A template a reason could not render is a DefinitionError when the kind is made."""
        with pytest.raises(pf.DefinitionError):
            pf.ReasonKind("host.x", pf.Text(template, template, template))

    def test_reason_needs_every_field_of_its_template(self) -> None:
        """Calling a kind without a parameter its templates use is a DefinitionError; so is a
        kind whose three templates use different fields, or a blank code."""
        kind = pf.ReasonKind("host.budget", pf.Text("{amount}", "{amount}", "Budget {amount}"))
        with pytest.raises(pf.DefinitionError, match="amount"):
            kind()
        assert "Budget 5" == kind(amount=5).message()
        with pytest.raises(pf.DefinitionError):
            pf.ReasonKind("host.x", pf.Text("{a}", "{a}", "{b}"))
        with pytest.raises(pf.DefinitionError):
            pf.ReasonKind(" ", pf.Text("a", "b", "c"))
        with pytest.raises(pf.DefinitionError):
            pf.Reason(None)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "build",
        [
            typ.definition_for,
            pf.phases.definition_for,
            pf.handover.definition_for,
            pf.journey.definition_for,
            pf.referral.definition_for,
            pf.ips.definition_for,
            social_welfare.ktt_definition_for,
            social_welfare.work_activity_definition_for,
            social_welfare.employment_support_definition_for,
            social_welfare.social_rehabilitation_definition_for,
        ],
    )
    @pytest.mark.parametrize("policy", [None, {}, "x", typ.TypPolicy])
    def test_definition_for_checks_the_policy_type(self, build: Any, policy: object) -> None:
        """Every process's definition_for names a policy of the wrong type."""
        with pytest.raises(pf.PathwayDataError) as info:
            build(policy)
        assert ["policy"] == [w for w, _ in info.value.errors]

    def test_a_definition_of_wrong_types_names_them(self) -> None:
        """A ProcessDefinition built from wrong types is a DefinitionError naming each."""
        with pytest.raises(pf.DefinitionError) as info:
            pf.ProcessDefinition(
                name="x",
                version="1",
                label=None,  # type: ignore[arg-type]
                policy=typ.TypPolicy(),
                states=None,  # type: ignore[arg-type]
                transitions=(),
                context_factory=dict,
            )
        assert any("label" in p for p in info.value.problems)
        assert any("states" in p for p in info.value.problems)
        with pytest.raises(pf.DefinitionError):
            pf.validate(None)  # type: ignore[arg-type]

    @pytest.mark.parametrize("meets", ["typ.plan_due", ("",), (None,), ["typ.plan_due"]])
    def test_a_row_meets_deadline_codes_given_as_a_tuple_of_texts(self, meets: object) -> None:
        """``TransitionSpec.meets`` must be a tuple of non-empty codes; anything else is
        named when the definition is built."""
        definition = typ.definition()
        rows = tuple(
            attrs.evolve(t, meets=meets) if t.trigger == "make_plan" else t
            for t in definition.transition_specs
        )
        with pytest.raises(pf.DefinitionError, match="meets as a tuple of deadline codes"):
            attrs.evolve(definition, transitions=rows)

    @pytest.mark.parametrize(
        "call",
        [
            lambda: pf.ips.caseload_report(None, as_of=D0),  # type: ignore[arg-type]
            lambda: pf.embedding.to_transitions_config(None),  # type: ignore[arg-type]
            lambda: pf.embedding.to_transitions_config(typ.definition(), separator=None),  # type: ignore[arg-type]
            lambda: pf.diagrams.mermaid(None),  # type: ignore[arg-type]
            lambda: pf.diagrams.mermaid(typ.definition(), lang="de"),  # type: ignore[arg-type]
            lambda: pf.referral.target_group(None, D0),  # type: ignore[arg-type]
            lambda: pf.referral.is_priority(None),  # type: ignore[arg-type]
            lambda: pf.referral.default_order(None),  # type: ignore[arg-type]
            lambda: pf.referral.decide_admission(None, places=1, on=D0),  # type: ignore[arg-type]
            lambda: typ.retention_until(None, typ.TypPolicy()),  # type: ignore[arg-type]
            lambda: pf.handover.typ_handover(5, handover_id="h"),  # type: ignore[arg-type]
            lambda: pf.add_months(pf.LAST_DAY, 10**6),
            lambda: pf.add_months(D0, "1"),  # type: ignore[arg-type]
            lambda: pf.add_days(None, 1),  # type: ignore[arg-type]
            lambda: pf.add_days(date.max, 1),
            lambda: pf.add_years(date.min, -1),
            lambda: pf.age_on(None, D0),  # type: ignore[arg-type]
            lambda: pf.is_working_day("x"),  # type: ignore[arg-type]
            lambda: pf.next_working_day(datetime(2025, 1, 1)),
            lambda: pf.Reason("x").message("de"),  # type: ignore[arg-type]
            lambda: pf.phases.move_trigger(9),
            lambda: pf.phases.most_basic_need(None),  # type: ignore[arg-type]
            lambda: pf.phases.blocking_need([1], [1]),  # type: ignore[list-item]
            lambda: pf.services.recommend(None, []),  # type: ignore[arg-type]
            lambda: pf.services.recommend(pf.services.typical_map(), None),  # type: ignore[arg-type]
            lambda: pf.services.recommend(pf.services.typical_map(), [], phase=5),
            lambda: pf.services.typical_map().on_phase(5),
            lambda: pf.ips.ips25_total(None),  # type: ignore[arg-type]
            lambda: pf.ips.caseload_report([], as_of=D0, fte_percent=5),  # type: ignore[arg-type]
            lambda: pf.referral.decide_admission([], places=1, on=D0, order=5),  # type: ignore[arg-type]
            lambda: pf.referral.decide_admission([], places=1, on=D0, order=lambda c: None),  # type: ignore[arg-type, return-value]
            lambda: pf.diagrams.mermaid(
                typ.definition(),
                pathway=pf.ips.definition().start("c", at=D0, by=Actor("k", Role.JOB_COACH)),
            ),
            lambda: pf.contract.assert_replays(None),  # type: ignore[arg-type]
            lambda: testing.payloads(None, "x"),  # type: ignore[arg-type]
            lambda: pf.phases.phase_history(None),  # type: ignore[arg-type]
            lambda: pf.phases.phase_history([1]),  # type: ignore[list-item]
            lambda: pf.services.check_map(None),  # type: ignore[arg-type]
        ],
    )
    def test_public_helpers_name_a_bad_argument(self, call: Any) -> None:
        """Public helpers raise PathwayDataError for bad arguments, not bare errors."""
        with pytest.raises(pf.PathwayDataError):
            call()

    def test_a_long_id_is_cut_in_a_reason_message(self) -> None:
        """A reason shows at most 80 characters of one parameter, whatever the host's id,
        name or list, and an error's message stays short however long the code or the
        list of problems."""
        kind = pf.ReasonKind("host.id", pf.Text("{id}", "{id}", "{id}"))
        assert 80 == len(kind(id="x" * 10**6).message("fi"))
        assert "x" * 80 == kind(id="x" * 80).message()
        assert 80 == len(kind(id=pf.Text("x" * 10**6, "y", "z")).message("fi"))
        assert len(kind(id=["x" * 70] * 100_000).message()) < 1200
        long_code = pf.ReasonKind("c" * 10**6, pf.Text("{a}", "{a}", "{a}"))
        with pytest.raises(pf.DefinitionError) as info:
            long_code()
        assert len(str(info.value)) < 500
        refused = pf.TransitionRefused("t", "s", [pf.Reason("x" * 10**6)] * 100_000)
        assert len(str(refused)) < 5_000
        many = pf.DefinitionError("d" * 10**6, ["p" * 10**6] * 20_000)
        assert len(str(many)) < 6_000

    def test_messages_stay_short_however_bad_the_input(self) -> None:
        """A huge unknown key is cut in the path, and a long list of problems in the message."""
        p = typ.definition().start("c", at=D0, by=EA)
        with pytest.raises(pf.PathwayDataError) as info:
            p.fire("close", at=D1, by=EA, closure="moved_away", **{"x" * 10**6: 1})
        assert len(str(info.value)) < 300
        document = pf.to_dict(admitted())
        document["history"] = [{"bad": i} for i in range(10_000)]
        with pytest.raises(pf.PathwayDataError) as info:
            pf.from_dict(document)
        assert len(info.value.errors) > 10_000
        assert len(str(info.value)) < 3_000
        assert "more" in str(info.value)

    def test_a_nested_fire_is_refused_before_its_arguments_are_read(self) -> None:
        """From its own hook, even a fire with bad arguments is a ReentrantFire."""

        def hook(p: pf.Pathway, e: Event) -> None:
            p.fire("no such trigger", at="today", by=None)  # type: ignore[arg-type]

        p = typ.definition().start("c", at=D0, by=EA).with_hooks(pf.Hooks().before(hook))
        with pytest.raises(pf.ReentrantFire):
            p.fire("close", at=D1, by=EA, closure="moved_away")


def test_to_dict_reads_one_moment_while_threads_fire() -> None:
    """A document taken while another thread fires always restores (state and history agree)."""
    coach = Actor("coach-1", Role.JOB_COACH)
    d = pf.ips.definition()
    p = d.start("c", at=D0, by=coach)
    p.fire("agree", at=D0, by=coach, wants_work=True, coach_id="coach-1")
    p.fire("make_profile", at=D0, by=coach, wishes=["shop"], skills=["till"])
    done = threading.Event()

    def churn() -> None:
        for _ in range(400):  # bounded: each restore below replays the whole history
            p.fire("place", at=D1, by=coach, employer_id="e", **COMPETITIVE)
            p.fire("job_ended", at=D1, by=coach, reason="dismissed")
        done.set()

    worker = threading.Thread(target=churn)
    worker.start()
    restored = 0
    while not done.is_set():
        pf.from_dict(pf.to_dict(p))
        restored += 1
    worker.join()
    assert restored > 0


def test_errors_survive_pickling() -> None:
    """The errors a worker process may send back unpickle equal to what was raised."""
    import pickle
    from datetime import date

    import pathway_fsm as pf

    office = pf.Actor("ea-1", pf.Role.EMPLOYMENT_AUTHORITY)
    pathway = pf.typ.definition().start("client-1", at=date(2025, 1, 8), by=office)
    with pytest.raises(pf.TransitionRefused) as refused:
        pathway.fire("end", at=date(2025, 1, 9), by=office, **{})
    data = pf.PathwayDataError([("$.at", "expected a date")])
    broken = pf.DefinitionError("toy", ["no final state is declared"])
    unknown = pf.UnknownTrigger(3, "typ", ("start", "admit"))
    hook = pf.HookError("a hook returned 3", hook=lambda p, e: 3, trigger="admit")
    reentrant = pf.ReentrantFire("admit", "end")
    for error in (refused.value, data, broken, unknown, hook, reentrant):
        again = pickle.loads(pickle.dumps(error))
        assert type(error) is type(again)
        assert str(error) == str(again)
    assert data.errors == pickle.loads(pickle.dumps(data)).errors
    assert hook.hook == pickle.loads(pickle.dumps(hook)).hook
    assert ("start", "admit") == pickle.loads(pickle.dumps(unknown)).valid
