"""Hooks bound to a definition, audit metadata on events, and refusal reporting."""

from __future__ import annotations

import json
import logging
import threading
from collections import Counter
from datetime import date
from typing import Any

import pytest

import pathway_fsm as pf
from helpers import OFFICE as EA
from pathway_fsm import Actor, Event, Role, social_welfare, typ

D0 = date(2025, 1, 8)
D1 = date(2025, 1, 15)
D2 = date(2025, 1, 16)
CLERK = Actor("clerk-7", Role.EMPLOYMENT_AUTHORITY)
ENTRY: dict[str, Any] = {
    "multidisciplinary_need": True,
    "benefits_from_service": True,
    "labour_market_subsidy_days": 400,
}
BUSY = pf.ReasonKind("host.no_meeting_slot", pf.Text("Ei aikaa", "Ingen tid", "No slot"))
# What the library wrote for this run before events had audit metadata.
STORED = (
    '{"client_id": "c", "definition": {"name": "typ", "policy": {"leap_birthday": "feb28", '
    '"plan_due_months": 3, "profile": "seed", "requested_review_days": 14, "retention_years": 4, '
    '"review_interval_months": 3, "roll_forward": false}, "version": "1"}, "history": [{"actor": '
    '{"actor_id": "ea-1", "role": "employment_authority"}, "at": "2025-01-08", "data": null, '
    '"dest": "tunnista", "seq": 1, "source": null, "trigger": "start"}, {"actor": {"actor_id": '
    '"ea-1", "role": "employment_authority"}, "at": "2025-01-15", "data": '
    '{"benefits_from_service": true, "birth_date": null, "consent_to_data": null, '
    '"labour_market_subsidy_days": 400, "life_management_problems": null, '
    '"multidisciplinary_need": true, "solvable_by_consultation": null, "unemployed_since": null, '
    '"work_capacity_limitations": null}, "dest": "suunnittele", "seq": 2, "source": "tunnista", '
    '"trigger": "admit"}, {"actor": {"actor_id": "ea-1", "role": "employment_authority"}, "at": '
    '"2025-01-16", "data": {"closure": "moved_away"}, "dest": "ended", "seq": 3, "source": '
    '"suunnittele", "trigger": "close"}], "schema_version": 1, "state": "ended"}'
)


def run(start: Any, **meta: Any) -> pf.Pathway:
    """Start, admit and close a TYP pathway through *start*."""
    p: pf.Pathway = start("c", at=D0, by=EA)
    p.fire("admit", at=D1, by=EA, **ENTRY, **meta)
    p.fire("close", at=D2, by=EA, closure="moved_away")
    return p


def recorder() -> tuple[pf.Hooks, list[tuple[str, str, int]]]:
    """Hooks that record every before and after call."""
    calls: list[tuple[str, str, int]] = []
    hooks = (
        pf.Hooks()
        .before(lambda p, e: calls.append(("before", e.trigger, e.seq)))
        .after(lambda p, e: calls.append(("after", e.trigger, e.seq)))
    )
    return hooks, calls


class TestBinding:
    def test_bound_start_fire_restore_and_replay_carry_the_hooks(self) -> None:
        """Every pathway through the binding runs its hooks; restoring and replaying run none."""
        hooks, calls = recorder()
        bound = typ.definition().with_hooks(hooks)
        p = run(bound.start)
        expected = [
            (w, t, s)
            for t, s in (("start", 1), ("admit", 2), ("close", 3))
            for w in ("before", "after")
        ]
        assert expected == calls
        calls.clear()
        restored = pf.from_dict(pf.to_dict(p), definition=bound)
        replayed = bound.replay(p.history, client_id="c")
        assert [] == calls
        assert hooks is restored.hooks is replayed.hooks
        assert p == restored == replayed
        assert typ.definition() is restored.definition

    def test_bound_definition_builds_no_machine(self) -> None:
        """Binding hooks keeps the one compiled machine of the definition."""
        d = typ.definition()
        machine = d._compiled
        bound = d.with_hooks(recorder()[0])
        run(bound.start)
        assert machine is bound.definition._compiled is typ.definition()._compiled
        assert [] == machine.machine.models

    def test_stored_form_of_a_bound_pathway_is_the_unbound_one(self) -> None:
        """The binding never reaches the stored form."""
        bound = typ.definition().with_hooks(recorder()[0])
        assert pf.to_dict(run(typ.definition().start)) == pf.to_dict(run(bound.start))

    def test_before_hook_vetoes_the_start(self) -> None:
        """A before-hook for the start trigger refuses the start; no pathway is made."""
        bound = typ.definition().with_hooks(pf.Hooks().before(lambda p, e: BUSY(), trigger="start"))
        with pytest.raises(pf.TransitionRefused) as info:
            bound.start("c", at=D0, by=EA)
        assert (None, ("host.no_meeting_slot",)) == (
            info.value.state,
            tuple(r.code for r in info.value.reasons),
        )

    def test_start_before_hook_sees_the_pathway_it_would_make(self) -> None:
        """There is no pathway before a start: the before-hook sees the one it would make."""
        seen: list[tuple[str, int]] = []
        hooks = pf.Hooks().before(lambda p, e: seen.append((p.state, len(p.history))))
        typ.definition().with_hooks(hooks).start("c", at=D0, by=EA)
        assert [("tunnista", 1)] == seen

    def test_failed_start_after_hook_hands_over_the_pathway(self) -> None:
        """A start whose after-hook raises stands, and HookFailed carries the new pathway."""

        def broken(p: pf.Pathway, e: Event) -> None:
            raise ValueError

        bound = typ.definition().with_hooks(pf.Hooks().after(broken))
        with pytest.raises(pf.HookFailed) as info:
            bound.start("c", at=D0, by=EA)
        assert info.value.pathway is not None
        assert ("tunnista", 1) == (info.value.pathway.state, info.value.event.seq)

    @pytest.mark.parametrize("when", ["before", "after"])
    def test_start_hook_firing_on_its_own_pathway_is_refused(self, when: str) -> None:
        """A start hook that fires on the new pathway gets ReentrantFire."""
        seen: list[BaseException] = []

        def hook(p: pf.Pathway, e: Event) -> None:
            try:
                p.fire("close", at=D0, by=EA, closure="moved_away")
            except pf.ReentrantFire as exc:
                seen.append(exc)
                raise

        bound = typ.definition().with_hooks(getattr(pf.Hooks(), when)(hook, trigger="start"))
        with pytest.raises((pf.ReentrantFire, pf.HookFailed)):
            bound.start("c", at=D0, by=EA)
        assert 1 == len(seen)

    def test_hooks_given_twice_are_refused(self) -> None:
        """A bound definition and explicit hooks together are ambiguous: a data error."""
        hooks = recorder()[0]
        bound = typ.definition().with_hooks(hooks)
        p = run(typ.definition().start)
        with pytest.raises(pf.PathwayDataError) as info:
            pf.from_dict(pf.to_dict(p), definition=bound, hooks=hooks)
        assert ["hooks"] == [path for path, _ in info.value.errors]
        with pytest.raises(pf.PathwayDataError):
            pf.replay(bound, p.history, client_id="c", hooks=hooks)

    @pytest.mark.parametrize("hooks", ["x", [], pf.Hooks().after(print, trigger="no such")])
    def test_bad_hooks_are_refused_when_bound(self, hooks: Any) -> None:
        """Binding anything but Hooks for the definition's triggers is refused."""
        with pytest.raises((pf.PathwayDataError, pf.UnknownTrigger)):
            typ.definition().with_hooks(hooks)

    def test_binding_needs_a_definition(self) -> None:
        """The binding function refuses what is not a definition, naming the argument."""
        from pathway_fsm._engine.definition import bind

        with pytest.raises(pf.PathwayDataError) as info:
            bind("typ", None)  # type: ignore[arg-type]
        assert "definition" == info.value.errors[0][0]

    def test_rebinding_replaces_the_hooks(self) -> None:
        """with_hooks on a binding binds the same definition to other hooks."""
        bound = typ.definition().with_hooks(recorder()[0])
        plain = bound.with_hooks(None)
        assert (typ.definition(), pf.Hooks()) == (plain.definition, plain.hooks)
        assert ("typ", "1") == (plain.name, plain.version)
        assert "BoundDefinition(ProcessDefinition('typ'" in repr(plain)

    def test_pathway_with_hooks_is_a_copy_sharing_the_history(self) -> None:
        """pathway.with_hooks gives a copy that runs the hooks; the original is untouched."""
        hooks, calls = recorder()
        p = typ.definition().start("c", at=D0, by=EA)
        copy = p.with_hooks(hooks)
        assert p == copy
        assert p.history[0] is copy.history[0]
        copy.fire("admit", at=D1, by=EA, **ENTRY)
        p.fire("close", at=D1, by=EA, closure="moved_away")
        assert [("before", "admit", 2), ("after", "admit", 2)] == calls
        assert ("suunnittele", "ended") == (copy.state, p.state)
        assert ["start", "admit"] == [e.trigger for e in copy.history]

    def test_two_threads_fire_through_one_binding(self) -> None:
        """Two threads on one bound pathway: each event's hooks run once, in their thread."""
        county = Actor("wc-1", Role.WELLBEING_COUNTY)
        seen: list[tuple[str, int, str]] = []
        refused: Counter[str] = Counter()
        lock = threading.Lock()

        def note(p: pf.Pathway, e: Event) -> None:
            with lock:
                seen.append((e.trigger, e.seq, threading.current_thread().name))

        def count(p: object, r: pf.TransitionRefused) -> None:
            with lock:
                refused.update(x.code for x in r.reasons)

        hooks = pf.Hooks().after(note, trigger="record_measure").on_refused(count)
        bound = social_welfare.social_rehabilitation_definition().with_hooks(hooks)
        p = bound.start("c", at=D0, by=county)
        p.fire("begin", at=D0, by=county, functioning_assessed=True, rehabilitation_need=True)
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def work() -> None:
            barrier.wait()
            for _ in range(100):
                try:
                    p.fire("record_measure", at=D1, by=county, kind="other", expected_seq=p.seq)
                except pf.TransitionRefused:
                    pass
                except BaseException as exc:  # pragma: no cover - reported below
                    errors.append(exc)

        threads = [threading.Thread(target=work, name=n) for n in ("a", "b")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [] == errors
        measures = [e for e in p.history if e.trigger == "record_measure"]
        assert [e.seq for e in measures] == sorted(s for _, s, _ in seen)
        assert 200 == len(measures) + refused["pathway.stale_sequence"]
        assert set(refused) <= {"pathway.stale_sequence"}
        assert p == pf.from_dict(pf.to_dict(p), definition=bound)


class TestEventMetadata:
    def test_metadata_is_recorded_stored_and_restored(self) -> None:
        """recorded_by and ref are on the event, in the stored form, and survive a restore."""
        p = run(typ.definition().start, recorded_by=CLERK, ref="case-2025-17")
        admitted = p.history[1]
        assert (CLERK, "case-2025-17") == (admitted.recorded_by, admitted.ref)
        stored = pf.to_dict(p)["history"][1]
        assert {"actor_id": "clerk-7", "role": "employment_authority"} == stored["recorded_by"]
        assert "case-2025-17" == stored["ref"]
        assert "ref" not in pf.to_dict(p)["history"][0]
        restored = pf.from_dict(json.loads(json.dumps(pf.to_dict(p))))
        assert p.history == restored.history
        assert p == pf.replay(p.definition, p.history, client_id="c")

    def test_start_records_metadata(self) -> None:
        """start takes the same metadata as fire."""
        p = typ.definition().start("c", at=D0, by=EA, recorded_by=CLERK, ref="r")
        assert (CLERK, "r") == (p.history[0].recorded_by, p.history[0].ref)
        assert p == pf.from_dict(pf.to_dict(p))

    def test_stored_form_without_metadata_is_unchanged(self) -> None:
        """A pathway without metadata is stored byte for byte as before."""
        assert STORED == json.dumps(pf.to_dict(run(typ.definition().start)), sort_keys=True)
        assert run(typ.definition().start) == pf.from_dict(json.loads(STORED))

    @pytest.mark.parametrize(
        ("meta", "field"),
        [
            ({"recorded_by": "clerk-7"}, "$.recorded_by"),
            ({"ref": 17}, "$.ref"),
            ({"ref": ""}, "$.ref"),
            ({"ref": "   "}, "$.ref"),
            ({"ref": "x" * (pf.REF_MAX + 1)}, "$.ref"),
            ({"ref": "line\nbreak"}, "$.ref"),
        ],
    )
    def test_malformed_metadata_is_refused_and_changes_nothing(
        self, meta: dict[str, Any], field: str
    ) -> None:
        """Bad metadata is a data error naming the field, from fire, start and check."""
        p = typ.definition().start("c", at=D0, by=EA)
        before = pf.to_dict(p)
        for call in (p.fire, p.check):
            with pytest.raises(pf.PathwayDataError) as info:
                call("admit", at=D1, by=EA, **ENTRY, **meta)
            assert [field] == [path for path, _ in info.value.errors]
        with pytest.raises(pf.PathwayDataError):
            typ.definition().start("c", at=D0, by=EA, **meta)
        assert before == pf.to_dict(p)

    def test_longest_ref_is_accepted(self) -> None:
        """A reference of exactly REF_MAX characters is recorded."""
        p = typ.definition().start("c", at=D0, by=EA, ref="x" * pf.REF_MAX)
        assert pf.REF_MAX == len(p.history[0].ref or "")

    def test_metadata_never_changes_a_verdict(self) -> None:
        """Guards do not see the metadata, so check answers the same with and without it."""
        p = typ.definition().start("c", at=D0, by=EA)
        assert not hasattr(pf.Proposal, "ref")
        plain = p.check("admit", at=D1, by=EA, multidisciplinary_need=False)
        marked = p.check(
            "admit", at=D1, by=EA, recorded_by=CLERK, ref="r", multidisciplinary_need=False
        )
        assert plain == marked

    @pytest.mark.parametrize(
        ("change", "path"),
        [
            ({"ref": None}, "$.history[1].ref"),
            ({"ref": 5}, "$.history[1].ref"),
            ({"ref": "x" * 201}, "$.history[1].ref"),
            ({"recorded_by": None}, "$.history[1].recorded_by"),
            ({"recorded_by": {"actor_id": "", "role": "kela"}}, "$.history[1].recorded_by"),
            ({"recorded_by_": "x"}, "$.history[1].recorded_by_"),
        ],
    )
    def test_mutated_stored_metadata_is_refused(self, change: dict[str, Any], path: str) -> None:
        """A stored document with bad metadata is a data error naming the event's field."""
        doc = pf.to_dict(run(typ.definition().start))
        doc["history"][1].update(change)
        with pytest.raises(pf.PathwayDataError) as info:
            pf.from_dict(doc)
        assert any(p.startswith(path) for p, _ in info.value.errors), info.value.errors

    def test_replay_refuses_events_with_bad_metadata(self) -> None:
        """replay enters each event's metadata through the live checks."""
        p = run(typ.definition().start)
        events = list(p.history)
        events[1] = Event(2, "admit", "tunnista", "suunnittele", D1, EA, events[1].data, None, "")
        with pytest.raises(pf.PathwayDataError) as info:
            pf.replay(p.definition, events, client_id="c")
        assert ["$.history[1].ref"] == [path for path, _ in info.value.errors]


class TestRefusals:
    def test_on_refused_sees_every_refusal(self) -> None:
        """Rule, role and veto refusals all reach the refused-hook, counted by code."""
        counts: Counter[str] = Counter()
        hooks = (
            pf.Hooks()
            .before(lambda p, e: BUSY(), trigger="close")
            .on_refused(lambda p, r: counts.update(x.code for x in r.reasons))
        )
        p = typ.definition().with_hooks(hooks).start("c", at=D0, by=EA)
        for attempt in (
            lambda: p.fire("admit", at=D1, by=Actor("x", Role.CLIENT), **ENTRY),
            lambda: p.fire("close", at=D1, by=EA, closure="moved_away"),
            lambda: p.fire("end", at=D1, by=EA, decided_by=["kela"]),
        ):
            with pytest.raises(pf.TransitionRefused):
                attempt()
        assert 1 == counts["host.no_meeting_slot"]
        assert 1 == counts["pathway.role_not_allowed"]
        assert 1 == counts["pathway.wrong_state"]

    def test_refused_start_reaches_the_hook_without_a_pathway(self) -> None:
        """A refused start passes None as the pathway."""
        seen: list[object] = []
        bound = typ.definition().with_hooks(pf.Hooks().on_refused(lambda p, r: seen.append(p)))
        with pytest.raises(pf.TransitionRefused):
            bound.start("c", at=D0, by=Actor("x", Role.CLIENT))
        assert [None] == seen

    def test_check_reports_nothing(self, caplog: pytest.LogCaptureFixture) -> None:
        """check is a question, not a refusal: no hook, no log record."""
        seen: list[object] = []
        p = typ.definition().with_hooks(pf.Hooks().on_refused(lambda p, r: seen.append(r)))
        pathway = p.start("c", at=D0, by=EA)
        with caplog.at_level(logging.DEBUG, logger="pathway_fsm"):
            assert not pathway.check("end", at=D1, by=EA, decided_by=["kela"])
        assert ([], []) == (seen, caplog.records)

    def test_raising_refused_hook_does_not_change_the_refusal(
        self, caplog: pytest.LogCaptureFixture
    ) -> None:
        """A refused-hook that raises is logged and noted; the refusal is raised as it was."""
        later: list[str] = []

        def broken(p: object, r: pf.TransitionRefused) -> None:
            raise RuntimeError

        def reentrant(p: Any, r: pf.TransitionRefused) -> None:
            p.fire("close", at=D1, by=EA, closure="moved_away")

        hooks = (
            pf.Hooks()
            .on_refused(broken)
            .on_refused(reentrant)
            .on_refused(lambda p, r: later.append(r.trigger))
        )
        p = typ.definition().start("c", at=D0, by=EA).with_hooks(hooks)
        before = pf.to_dict(p)
        with (
            caplog.at_level(logging.WARNING, logger="pathway_fsm"),
            pytest.raises(pf.TransitionRefused) as info,
        ):
            p.fire("end", at=D1, by=EA, decided_by=["kela"])
        assert ["end"] == later
        assert before == pf.to_dict(p)
        assert 2 == len(info.value.__notes__)
        assert "ReentrantFire" in info.value.__notes__[1]
        assert 2 == sum(r.levelno == logging.WARNING for r in caplog.records)

    def test_logging_names_codes_never_the_client(self, caplog: pytest.LogCaptureFixture) -> None:
        """Accepted events log at DEBUG and refusals at INFO, with codes and no client facts."""
        p = typ.definition().start("client-secret", at=D0, by=EA)
        with caplog.at_level(logging.DEBUG, logger="pathway_fsm"):
            p.fire("admit", at=D1, by=EA, ref="case-1", **ENTRY)
            with pytest.raises(pf.TransitionRefused):
                p.fire("end", at=D1, by=EA, decided_by=["kela"])
        accepted, refused = caplog.records
        assert (logging.DEBUG, "typ", "admit", "suunnittele", "case-1") == (
            accepted.levelno,
            accepted.definition,  # type: ignore[attr-defined]
            accepted.trigger,  # type: ignore[attr-defined]
            accepted.dest,  # type: ignore[attr-defined]
            accepted.ref,  # type: ignore[attr-defined]
        )
        assert (logging.INFO, "end") == (refused.levelno, refused.trigger)  # type: ignore[attr-defined]
        assert "pathway.wrong_state" in refused.reasons  # type: ignore[attr-defined]
        for record in caplog.records:
            assert "client-secret" not in repr(vars(record))
            assert "ea-1" not in repr(vars(record))
            assert "400" not in record.getMessage()

    def test_library_logger_has_only_a_null_handler(self) -> None:
        """The library never decides where its records go."""
        handlers = logging.getLogger("pathway_fsm").handlers
        assert [logging.NullHandler] == [type(h) for h in handlers]

    def test_on_refused_checks_its_arguments(self) -> None:
        """A refused-hook that is not callable is a HookError."""
        with pytest.raises(pf.HookError):
            pf.Hooks().on_refused("count")  # type: ignore[arg-type]
        assert {"end"} == pf.Hooks().on_refused(print, trigger="end").triggers()


def test_bound_definition_built_directly_is_checked() -> None:
    """A BoundDefinition made by hand checks its fields like with_hooks does."""
    definition = pf.typ.definition()
    with pytest.raises(pf.PathwayDataError) as info:
        pf.BoundDefinition("typ", pf.Hooks())  # type: ignore[arg-type]
    assert ["definition"] == [path for path, _ in info.value.errors]
    with pytest.raises(pf.UnknownTrigger):
        pf.BoundDefinition(definition, pf.Hooks().after(print, trigger="no_such"))
    assert definition.with_hooks(None) == pf.BoundDefinition(definition, None)  # type: ignore[arg-type]
