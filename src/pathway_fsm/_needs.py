"""The Kohti työtä vocabulary: phases, service needs and their priority (P1, P3).

Both the phase path (:mod:`pathway_fsm.phases`) and the municipal service maps
(:mod:`pathway_fsm.services`) speak of phases and needs, and the phase path is built
with a service map. So the words live here, below both: ``services`` imports them from
this module, and ``phases`` imports ``services`` and re-exports them as its own
(``pathway_fsm.phases.Phase`` and so on), which is where hosts find them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import attrs

from ._convert import OMIT_DEFAULT
from ._engine.model import LANGUAGES, Reason, Text
from .errors import PathwayDataError

__all__ = [
    "Need",
    "Phase",
    "blocking_need",
    "every_language",
    "labelled_need",
    "most_basic_need",
    "non_empty",
    "to_phases",
]


class Phase(enum.IntEnum):
    """A Kohti työtä phase (P1). The stored form is the number."""

    CARE = 0
    REHABILITATION = 1
    EMPLOYABILITY = 2
    TRANSITION = 3

    @property
    def label(self) -> Text:
        """The phase's name in fi/sv/en (sv is the library's own rendering)."""
        return _PHASE_LABELS[self]

    @property
    def state(self) -> str:
        """The name of the pathway state for this phase, e.g. ``"phase_2"``."""
        return f"phase_{self.value}"


_PHASE_LABELS = {
    Phase.CARE: Text(
        "0 Hoidolliset palvelut ja sosiaalinen kuntoutus",
        "0 Vård och social rehabilitering",
        "0 Care services and social rehabilitation",
    ),
    Phase.REHABILITATION: Text(
        "1 Työhön kuntoutumisen vaihe",
        "1 Rehabilitering mot arbete",
        "1 Rehabilitation towards work",
    ),
    Phase.EMPLOYABILITY: Text(
        "2 Työllistymisvalmiuksien edistämisvaihe",
        "2 Främjande av anställbarhet",
        "2 Promoting employability",
    ),
    Phase.TRANSITION: Text(
        "3 Työhön siirtymisen vaihe", "3 Övergång till arbete", "3 Transition to work"
    ),
}


def non_empty(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    """Validate an identifier field: a string with something other than blanks in it."""
    if type(value) is not str:
        raise PathwayDataError([(f"$.{attribute.name}", "expected a string")])
    if not value.strip():
        raise PathwayDataError([(f"$.{attribute.name}", "must not be empty")])


def every_language(instance: Any, attribute: attrs.Attribute[Text], value: Text) -> None:
    """Validate a name shown to people: a :class:`Text` with something in fi, sv and en."""
    if not isinstance(value, Text):
        raise PathwayDataError([(f"$.{attribute.name}", "expected a Text (fi, sv, en)")])
    wrong = [lang for lang in LANGUAGES if type(getattr(value, lang)) is not str]
    if wrong:
        raise PathwayDataError(
            [(f"$.{attribute.name}.{lang}", "expected a string") for lang in wrong]
        )
    missing = value.missing()
    if missing:
        raise PathwayDataError(
            [(f"$.{attribute.name}.{lang}", "must not be empty") for lang in missing]
        )


def _to_phase(value: Any) -> Phase:
    if isinstance(value, Phase):
        return value
    if type(value) is int and 0 <= value <= 3:
        return Phase(value)
    raise PathwayDataError([("$.phase", "expected one of 0, 1, 2, 3")])


def to_phases(values: Iterable[Any]) -> frozenset[Phase]:
    """*values* (phases or the numbers 0–3) as a set of :class:`Phase`."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise PathwayDataError([("$.phases", "expected a list of phases")])
    try:
        return frozenset(_to_phase(v) for v in values)
    except PathwayDataError:
        raise PathwayDataError([("$.phases", "expected phases 0, 1, 2 or 3")]) from None


@attrs.frozen(kw_only=True)
class Need:
    """One assessed service need of the client, on the phase whose services meet it (P3).

    Attributes:
        id: the host's code for the need, e.g. ``"substance_treatment"``.
        phase: the phase whose services meet this need.
        met: whether the need has been met.
        label: the need's name in fi/sv/en, which messages show instead of the id; the
            stored form leaves it out when there is none.
    """

    id: str = attrs.field(validator=non_empty)
    phase: Phase = attrs.field(converter=_to_phase)
    met: bool = False
    label: Text | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(every_language),
        metadata={OMIT_DEFAULT: True},
    )


def labelled_need(reason: Reason, need: Need) -> Reason:
    """*reason* naming *need* by its label, if it has one; ``params["need"]`` keeps the id."""
    return reason if need.label is None else reason.labelled(need=need.label)


def needs_of(needs: object, path: str = "$.needs") -> tuple[Need, ...]:
    """*needs* as a tuple of :class:`Need`, or :class:`PathwayDataError` naming *path*."""
    if isinstance(needs, (str, bytes)) or not isinstance(needs, Iterable):
        raise PathwayDataError([(path, "expected a list of needs")])
    found = tuple(needs)
    wrong = [i for i, n in enumerate(found) if not isinstance(n, Need)]
    if wrong:
        raise PathwayDataError([(f"{path}[{i}]", "expected a Need") for i in wrong])
    return found


def most_basic_need(needs: Iterable[Need]) -> Need | None:
    """The open need of the lowest phase (ties by id), or ``None`` when all are met (P3).

    Raises:
        PathwayDataError: *needs* is not a list of :class:`Need`.
    """
    found = needs_of(needs)
    return min((n for n in found if not n.met), key=lambda n: (n.phase, n.id), default=None)


def blocking_need(
    needs: Iterable[Need], phases: Iterable[Phase], *, blurred_border: bool = True
) -> Need | None:
    """The open need that keeps services of *phases* from being primary, if any (P3).

    A service is held back when even its lowest phase is above the client's most basic
    open need. With *blurred_border*, an open phase-0 need does not hold back phase 1.

    Raises:
        PathwayDataError: *needs* is not a list of :class:`Need` or *phases* not phases.
    """
    found = needs_of(needs)
    lowest = min(to_phases(phases), default=None)
    if lowest is None:
        return None
    for need in sorted((n for n in found if not n.met), key=lambda n: (n.phase, n.id)):
        if blurred_border and need.phase == Phase.CARE and lowest == Phase.REHABILITATION:
            continue
        return need if need.phase < lowest else None
    return None
