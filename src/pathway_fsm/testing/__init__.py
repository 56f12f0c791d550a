"""Hypothesis strategies for testing code built on pathway_fsm.

Needs the ``testing`` extra (``pip install pathway-fsm[testing]``), which brings
``hypothesis``; the library itself does not depend on it. The project's own property
tests use exactly these strategies.

* :func:`dates` — days with month ends and 29 February well represented;
* :func:`actors` — an :class:`~pathway_fsm.Actor` of any (or the given) roles;
* :func:`needs` — a client's assessed needs on the Kohti työtä phases;
* :func:`attempts` — one trigger attempt (trigger, days later, actor, data) for a definition;
* :func:`pathways` — a pathway driven through random attempts, with the attempts made;
* :func:`tampered` — a stored pathway document with one part broken;
* :func:`mutations` — a stored pathway document with one to three meaningful mutations
  (dates shifted, numbers and names changed, events swapped), for
  :func:`assert_restore_matches_live`;
* :func:`paths` — model-based paths through a definition (shortest, every edge, simple),
  each a :class:`Path` whose :meth:`Path.strategy` draws data its guards accept;
* :func:`payloads` and :func:`start_data` — trigger data for a definition, drawn by the
  strategies its process's registry entry names;
* :func:`process_definitions` — any registered definition;
* :func:`services` and :func:`service_maps` — valid services and municipal service maps;
* :class:`PathwayMachine` — a ``RuleBasedStateMachine`` that drives one pathway of a
  definition with drawn attempts; a host subclasses it and adds ``@invariant()`` methods.

It also re-exports the plain contract assertions of :mod:`pathway_fsm.contract`, which
need no hypothesis and which the ``pathway_contract`` pytest fixture hands out:
:func:`assert_round_trip`, :func:`assert_replays`, :func:`assert_refused`,
:func:`assert_restore_matches_live` and :class:`PathwayContract`.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401 - only to say what is missing
except ImportError as missing:  # pragma: no cover - tested in another interpreter
    _msg = (
        "pathway_fsm.testing needs hypothesis: install the testing extra, "
        "pip install 'pathway-fsm[testing]' (the contract checks in pathway_fsm.contract "
        "need no hypothesis)"
    )
    raise ImportError(_msg, name=missing.name) from missing

from ..contract import (
    PathwayContract,
    assert_refused,
    assert_replays,
    assert_restore_matches_live,
    assert_round_trip,
)
from ._basics import actors, dates, refs
from ._documents import mutations, tampered
from ._kit import Attempt, Run, attempts, pathways, payloads, process_definitions, start_data
from ._machine import PathwayMachine
from ._paths import Path, Step, StepData, paths
from ._phases import needs, service_maps, services

__all__ = [
    "Attempt",
    "Path",
    "PathwayContract",
    "PathwayMachine",
    "Run",
    "Step",
    "StepData",
    "actors",
    "assert_refused",
    "assert_replays",
    "assert_restore_matches_live",
    "assert_round_trip",
    "attempts",
    "dates",
    "mutations",
    "needs",
    "paths",
    "pathways",
    "payloads",
    "process_definitions",
    "refs",
    "service_maps",
    "services",
    "start_data",
    "tampered",
]
