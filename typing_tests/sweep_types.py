"""Types a host sees when it sweeps stored pathways: checked by mypy, never executed."""

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any, assert_type

import pathway_fsm as pf
from pathway_fsm import typ


def sweeping(documents: list[dict[str, Any]], texts: list[str], day: date) -> None:
    """Rows are a union that isinstance narrows; documents are dicts or JSON texts."""
    rows = pf.sweep(documents, at=day)
    assert_type(rows, Iterator[pf.Swept | pf.SweepError])
    for row in pf.sweep(texts, at=day, definitions=typ.definition()):
        assert_type(row.index, int)
        assert_type(row.ok, bool)
        if isinstance(row, pf.Swept):
            assert_type(row.deadlines, tuple[pf.Deadline, ...])
            assert_type(row.overdue, tuple[pf.Deadline, ...])
            assert_type(row.client_id, str)
        else:
            assert_type(row, pf.SweepError)
            assert_type(row.error, pf.PathwayDataError)
            assert_type(row.errors, tuple[tuple[str, str], ...])
            assert_type(row.client_id, str | None)
    by_name: Mapping[str, pf.ProcessDefinition[Any, Any]] = pf.definitions()
    pf.sweep(texts, at=day, definitions=by_name)
    pf.sweep(texts, day)  # type: ignore[call-arg]
