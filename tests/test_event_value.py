"""An event keeps its audit metadata in one slot and behaves as the plain value it was."""

from __future__ import annotations

import copy
import pickle
from datetime import date

import attrs
import pytest

from pathway_fsm import Actor, Event, Role

OFFICE = Actor("ea-1", Role.EMPLOYMENT_AUTHORITY)
CLERK = Actor("clerk-2", Role.MUNICIPALITY)
DAY = date(2025, 3, 1)


def _event(recorded_by: Actor | None = None, ref: str | None = None) -> Event:
    return Event(2, "admit", "tunnista", "suunnittele", DAY, OFFICE, None, recorded_by, ref)


@pytest.mark.parametrize(
    ("recorded_by", "ref"), [(None, None), (CLERK, None), (None, "c-1"), (CLERK, "c-1")]
)
def test_event_audit_reads_back(recorded_by: Actor | None, ref: str | None) -> None:
    """recorded_by and ref read back as given, by keyword or position, and pickle."""
    event = _event(recorded_by, ref)
    assert (recorded_by, ref) == (event.recorded_by, event.ref)
    by_keyword = Event(
        seq=2, trigger="admit", source="tunnista", dest="suunnittele", at=DAY, actor=OFFICE,
        recorded_by=recorded_by, ref=ref,
    )  # fmt: skip
    assert event == by_keyword
    assert hash(event) == hash(by_keyword)
    assert event == pickle.loads(pickle.dumps(event))
    assert event == copy.deepcopy(event)


def test_event_equality_tells_audit_apart() -> None:
    """Events differing only in who recorded them, or in their reference, are not equal."""
    events = [_event(), _event(CLERK), _event(None, "c-1"), _event(CLERK, "c-1")]
    assert 4 == len(set(events))
    assert _event() == _event(None, None)


def test_event_is_frozen_and_slotted() -> None:
    """An event cannot be changed, and has no per-instance dict."""
    event = _event(CLERK, "c-1")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.seq = 3  # type: ignore[misc]
    assert not hasattr(event, "__dict__")
    assert 8 == len(attrs.fields(Event))


def test_event_matches_by_its_public_fields() -> None:
    """Positional patterns see the nine public fields, audit metadata last."""
    match _event(CLERK, "c-1"):
        case Event(seq, trigger, _, _, _, _, data, recorded_by, ref):
            assert (2, "admit", None, CLERK, "c-1") == (seq, trigger, data, recorded_by, ref)
        case _:  # pragma: no cover - the pattern above matches
            pytest.fail("no match")


def test_event_repr_shows_no_client_facts() -> None:
    """The repr shows codes, states, the date and the role only."""
    expected = (
        "Event(seq=2, trigger='admit', tunnista->suunnittele, at=2025-03-01, "
        "by=employment_authority)"
    )
    assert expected == repr(_event(CLERK, "c-1"))


def test_event_evolves_with_its_audit() -> None:
    """attrs.evolve keeps the audit metadata, and a change to one part keeps the other."""
    event = _event(CLERK, "c-1")
    assert _event(CLERK, "c-2") == attrs.evolve(event, ref="c-2")
    assert _event(OFFICE, "c-1") == attrs.evolve(event, recorded_by=OFFICE)
    assert 5 == attrs.evolve(event, seq=5).seq
    assert _event() == attrs.evolve(_event())
