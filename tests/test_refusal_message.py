"""A refusal builds its English message on first use; every view of it matches the eager form."""

from __future__ import annotations

import copy
import pickle
import traceback
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pathway_fsm as pf
from pathway_fsm import Reason, TransitionRefused
from pathway_fsm.errors import SHOWN, field_name

KIND = pf.ReasonKind("lazy.count", pf.Text("{n} kpl", "{n} st", "{n} items"))


def eager_message(trigger: str, state: str | None, reasons: tuple[Reason, ...]) -> str:
    """The message as the error built it when it was made, before the lazy form."""
    codes = "; ".join(f"{field_name(r.code)}: {r.message('en')}" for r in reasons[:SHOWN])
    if len(reasons) > SHOWN:
        codes += f"; and {len(reasons) - SHOWN} more"
    where = "at start" if state is None else f"in state {state!r}"
    return f"{trigger!r} refused {where}: {codes}"


reasons = st.lists(
    st.one_of(
        st.builds(lambda n: KIND(n=n), st.integers(0, 99)),
        st.sampled_from(["engine.guard", "x.y", "a_" * 30 + "b.c"]).map(Reason),
    ),
    max_size=SHOWN + 3,
).map(tuple)
states = st.one_of(st.none(), st.text(max_size=5))


@given(trigger=st.text(max_size=8), state=states, why=reasons)
def test_lazy_message_matches_eager(
    trigger: str, state: str | None, why: tuple[Reason, ...]
) -> None:
    """str, repr, args, pickling and a traceback all show the eager message."""
    expected = eager_message(trigger, state, why)
    error = TransitionRefused(trigger, state, why)
    plain = Exception(expected)
    assert (trigger, state, why) == (error.trigger, error.state, error.reasons)
    assert expected == str(error)
    assert plain.args == error.args
    assert repr(plain).replace("Exception", "TransitionRefused", 1) == repr(error)
    assert (
        traceback.format_exception_only(plain)[0].split(": ", 1)[1]
        == (traceback.format_exception_only(error)[0].split(": ", 1)[1])
    )
    for twin in (pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)):
        assert (expected, why, state) == (str(twin), twin.reasons, twin.state)


def test_lazy_message_args_can_be_replaced() -> None:
    """Setting args replaces the message, as on any exception."""
    error = TransitionRefused("go", "a", [Reason("x.y")])
    error.args = ("other",)
    assert ("other", ("other",)) == (str(error), error.args)
    error.args = ("one", 2)
    assert str(Exception("one", 2)) == str(error)


def test_lazy_message_raised_and_matched() -> None:
    """pytest.raises(match=...) reads the built message."""
    error = TransitionRefused("go", None, [Reason("x.y")])
    with pytest.raises(TransitionRefused, match=r"'go' refused at start: x\.y"):
        raise error


def test_lazy_message_built_once() -> None:
    """The message is built on first use and then kept."""
    error: Any = TransitionRefused("go", "a", [Reason("x.y")])
    assert error._message is None
    assert str(error) is str(error)
