"""A nightly deadline sweep: every stored pathway restored, asked for its deadlines, dropped.

:func:`sweep` takes stored documents one at a time and yields one typed row for each,
so a host can stream a whole register through it in constant memory; a bad document
gives an error row and the sweep goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any, ClassVar, TypeAlias

import attrs

from ._calendar import day_problem
from ._engine.definition import BoundDefinition, ProcessDefinition
from ._engine.model import Deadline
from ._serialization import from_dict, restored
from .errors import DataProblem, PathwayDataError

__all__ = ["SweepError", "SweepRow", "Swept", "sweep"]

_Definition: TypeAlias = ProcessDefinition[Any, Any] | BoundDefinition[Any, Any]


@attrs.frozen
class Swept:
    """A document that restored: its pathway's deadlines as of the sweep's date.

    *index* is the document's position in the input (from 0); *seq* is the number of
    events, for a host that acts on the row with a compare-and-set.
    """

    index: int
    client_id: str
    name: str
    state: str
    seq: int
    deadlines: tuple[Deadline, ...]

    ok: ClassVar[bool] = True
    """A restored document's row is always ``ok``."""

    @property
    def overdue(self) -> tuple[Deadline, ...]:
        """The deadlines already past on the sweep's date."""
        return tuple(d for d in self.deadlines if d.overdue)


@attrs.frozen
class SweepError:
    """A document that did not restore, and why: ``error.errors`` lists every bad field.

    *client_id* is the document's own when it has a non-blank string there, so a log can
    name the client; otherwise ``None``.
    """

    index: int
    error: PathwayDataError = attrs.field(eq=False)
    client_id: str | None = None

    ok: ClassVar[bool] = False
    """An error row is never ``ok``."""

    @property
    def errors(self) -> tuple[DataProblem, ...]:
        """Each bad field's path and why, as :attr:`PathwayDataError.errors` gives them."""
        return self.error.errors

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by the problems, so a row crosses to another process (a pool's worker)."""
        return _error_row, (self.index, self.error.errors, self.client_id)


def _error_row(index: int, errors: tuple[DataProblem, ...], client_id: str | None) -> SweepError:
    return SweepError(index, PathwayDataError(errors), client_id)


SweepRow: TypeAlias = Swept | SweepError
"""One row of :func:`sweep`: a :class:`Swept` or a :class:`SweepError` (``row.ok`` tells)."""


def sweep(
    documents: Iterable[Any],
    *,
    at: date,
    definitions: _Definition | Mapping[str, _Definition] | None = None,
) -> Iterator[SweepRow]:
    """Restore each stored document with :func:`from_dict` and yield its deadlines on *at*.

    A document is a dict as :func:`to_dict` returns it, or its JSON text (``str`` or
    ``bytes``). Rows come lazily, in input order, one per document, and nothing is kept
    between them. *definitions* is ``None`` (the shipped definitions), one definition
    for every document, or a mapping from a definition name to its definition.

    Raises:
        PathwayDataError: at the call, for a bad argument (*at* not a date, *documents*
            not an iterable of documents, *definitions* of the wrong kind). A bad
            document never raises: it gets a :class:`SweepError` row.
    """
    problems: list[DataProblem] = []
    why = day_problem(at)
    if why is not None:
        problems.append(("at", why))
    if isinstance(documents, (str, bytes, bytearray, Mapping)) or not isinstance(
        documents, Iterable
    ):
        kind = type(documents).__name__
        problems.append(("documents", f"expected an iterable of documents, got {kind}"))
    problems.extend(_definition_problems(definitions))
    if problems:
        raise PathwayDataError(problems)
    return _rows(documents, at, definitions)


def _definition_problems(definitions: object) -> list[DataProblem]:
    """Why *definitions* is not ``None``, a definition, or a mapping of them by name."""
    if definitions is None or isinstance(definitions, (ProcessDefinition, BoundDefinition)):
        return []
    if not isinstance(definitions, Mapping):
        kind = type(definitions).__name__
        why = f"expected a ProcessDefinition, a mapping of definitions or None, got {kind}"
        return [("definitions", why)]
    found: list[DataProblem] = []
    for key, value in definitions.items():
        path = f"definitions[{key!r}]"
        if not isinstance(value, (ProcessDefinition, BoundDefinition)):
            kind = type(value).__name__
            found.append((path, f"expected a ProcessDefinition or a BoundDefinition, got {kind}"))
        elif key != value.name:
            found.append((path, f"expected a definition named {key!r}, got {value.name!r}"))
    return found


def _rows(
    documents: Iterable[Any],
    at: date,
    definitions: _Definition | Mapping[str, _Definition] | None,
) -> Iterator[SweepRow]:
    for index, document in enumerate(documents):
        yield _row(index, document, at, definitions)


def _row(
    index: int,
    document: Any,
    at: date,
    definitions: _Definition | Mapping[str, _Definition] | None,
) -> SweepRow:
    """One document's row; every problem of the document becomes a :class:`SweepError`."""
    if isinstance(document, (str, bytes, bytearray)):
        try:
            document = json.loads(document)
        except RecursionError:
            return SweepError(index, PathwayDataError([("$", "not JSON: nested too deep")]))
        except ValueError as exc:  # a JSONDecodeError, or bytes that are not UTF-8/16/32
            return SweepError(index, PathwayDataError([("$", f"not JSON: {_why(exc)}")]))
    try:
        chosen = _chosen(document, definitions)
        if isinstance(chosen, BoundDefinition):
            pathway = from_dict(document, definition=chosen)
        else:  # from_dict's own checks of its arguments hold: restore at once
            pathway = restored(document, chosen, None)
    except PathwayDataError as exc:
        return SweepError(index, exc, _client_id(document))
    return Swept(
        index,
        pathway.client_id,
        pathway.definition.name,
        pathway.state,
        pathway.seq,
        pathway.deadlines(at=at),
    )


def _chosen(
    document: Any, definitions: _Definition | Mapping[str, _Definition] | None
) -> _Definition | None:
    """The definition to restore *document* with; raises when a mapping lacks its name.

    When the name cannot be read, ``None`` lets :func:`from_dict` report the document's
    shape by its field paths.
    """
    if not isinstance(definitions, Mapping):
        return definitions
    header = document.get("definition") if isinstance(document, Mapping) else None
    name = header.get("name") if isinstance(header, Mapping) else None
    if not isinstance(name, str):
        return None
    chosen = definitions.get(name)
    if chosen is None:
        given = ", ".join(sorted(definitions)) or "none"
        raise PathwayDataError([("$.definition.name", f"unknown definition; given: {given}")])
    return chosen


def _client_id(document: Any) -> str | None:
    client_id = document.get("client_id") if isinstance(document, Mapping) else None
    return client_id if isinstance(client_id, str) and client_id.strip() else None


def _why(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    return str(exc)
