"""What a :class:`~pathway_fsm.PathwayDataError` problem means, in fi/sv/en.

Each problem's English text (``"expected an integer, got str"``) is matched against the
kinds below, first match wins, and becomes a :class:`~pathway_fsm.Reason` whose code
names the kind (``data.not_integer``) and whose parameters are the field's path and the
values the text carries. The messages name no field and no Python type: the path is for
the host to place the message next to the field it shows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

import attrs

from ._engine.model import Lang, Reason, ReasonKind, Text
from .errors import DataProblem, register_problem_texts

__all__ = ["INVALID", "MORE", "PROBLEM_KINDS", "ProblemKind", "explain", "explained", "messages"]


@attrs.frozen
class ProblemKind:
    """A kind of bad field: the English texts it covers and its message in fi/sv/en."""

    pattern: re.Pattern[str]
    reason: ReasonKind


def _kind(code: str, pattern: str, fi: str, sv: str, en: str) -> ProblemKind:
    return ProblemKind(re.compile(pattern), ReasonKind(f"data.{code}", Text(fi, sv, en)))


PROBLEM_KINDS: tuple[ProblemKind, ...] = (
    _kind(
        "integer_range",
        r"expected an (integer|integer score|item number) from (?P<low>-?\d+) to (?P<high>-?\d+)",
        "Arvon on oltava kokonaisluku väliltä {low}–{high}.",
        "Värdet ska vara ett heltal från {low} till {high}.",
        "The value must be a whole number from {low} to {high}.",
    ),
    _kind(
        "not_negative",
        r"expected a non-negative integer|must not be negative",
        "Arvo ei saa olla negatiivinen.",
        "Värdet får inte vara negativt.",
        "The value must not be negative.",
    ),
    _kind(
        "not_positive",
        r"expected a positive integer",
        "Arvon on oltava positiivinen kokonaisluku.",
        "Värdet ska vara ett positivt heltal.",
        "The value must be a positive whole number.",
    ),
    _kind(
        "too_large",
        r"must not exceed (?P<high>-?\d+)",
        "Arvo saa olla enintään {high}.",
        "Värdet får vara högst {high}.",
        "The value must be at most {high}.",
    ),
    _kind(
        "percentage",
        r"expected a percentage from 1 to 100",
        "Arvon on oltava prosenttiluku 1–100.",
        "Värdet ska vara ett procenttal från 1 till 100.",
        "The value must be a percentage from 1 to 100.",
    ),
    _kind(
        "not_integer",
        r"expected an integer(, got .*)?",
        "Arvon on oltava kokonaisluku.",
        "Värdet ska vara ett heltal.",
        "The value must be a whole number.",
    ),
    _kind(
        "not_boolean",
        r"expected true or false.*",
        "Arvon on oltava kyllä tai ei.",
        "Värdet ska vara ja eller nej.",
        "The value must be yes or no.",
    ),
    _kind(
        "date_range",
        r"expected a date from (?P<first>\d{4}-\d\d-\d\d) to (?P<last>\d{4}-\d\d-\d\d)",
        "Päivämäärän on oltava väliltä {first}–{last}.",
        "Datumet ska vara mellan {first} och {last}.",
        "The date must be from {first} to {last}.",
    ),
    _kind(
        "not_date",
        r"expected (a datetime\.date|an ISO date).*",
        "Arvon on oltava päivämäärä.",
        "Värdet ska vara ett datum.",
        "The value must be a date.",
    ),
    _kind(
        "date_too_late",
        r"must not be after .*|not before the event",
        "Päivämäärä on myöhempi kuin sallittu.",
        "Datumet är senare än tillåtet.",
        "The date is later than allowed.",
    ),
    _kind(
        "date_too_early",
        r"must not be before .*|is before the previous event|not after the event",
        "Päivämäärä on aiempi kuin sallittu.",
        "Datumet är tidigare än tillåtet.",
        "The date is earlier than allowed.",
    ),
    _kind(
        "empty",
        r"must not be empty|must be a non-empty string|expected a non-empty (string|list).*"
        r"|must name at least one",
        "Tieto ei saa olla tyhjä.",
        "Uppgiften får inte vara tom.",
        "The field must not be empty.",
    ),
    _kind(
        "not_text",
        r"expected a string(, got .*)?",
        "Arvon on oltava tekstiä.",
        "Värdet ska vara text.",
        "The value must be text.",
    ),
    _kind(
        "not_allowed_value",
        r"expected one of .*|expected phases .*|expected feb28 or mar1"
        r"|expected a declarable item.*|expected a role",
        "Arvo ei ole mikään sallituista.",
        "Värdet är inte något av de tillåtna.",
        "The value is not one of the allowed ones.",
    ),
    _kind(
        "not_list",
        r"expected (a |an )?(non-empty )?(list|sequence|iterable).*|expected pathways or .*",
        "Arvon on oltava luettelo.",
        "Värdet ska vara en lista.",
        "The value must be a list.",
    ),
    _kind(
        "unknown_field",
        r"unexpected( field)?|unknown (policy )?field",
        "Tällaista tietoa ei ole.",
        "En sådan uppgift finns inte.",
        "There is no such field.",
    ),
    _kind(
        "missing",
        r"required field missing|is missing",
        "Tieto puuttuu.",
        "Uppgiften saknas.",
        "The field is missing.",
    ),
    _kind(
        "twice",
        r"duplicate|is given twice|is used by an earlier .*|already .*",
        "Sama tieto on annettu kahdesti.",
        "Samma uppgift har angetts två gånger.",
        "The same value is given twice.",
    ),
    _kind(
        "unknown_name",
        r"unknown (trigger|state|definition).*|not a trigger of .*",
        "Nimeä ei tunneta tässä prosessissa.",
        "Namnet är okänt i den här processen.",
        "The name is not known in this process.",
    ),
    _kind(
        "other_process",
        r"runs on another definition|expected an? .* pathway|expected .*version.*",
        "Tieto kuuluu toiseen prosessiin tai sen versioon.",
        "Uppgiften hör till en annan process eller version.",
        "The data belongs to another process or version.",
    ),
    _kind(
        "history_mismatch",
        r"does not replay: .*|the history replays to .*|the start trigger comes first only"
        r"|expected a .* pathway whose latest event is .*",
        "Tallennettu historia ei vastaa tallennettua polkua.",
        "Den sparade historiken stämmer inte med den sparade vägen.",
        "The stored history does not match the stored pathway.",
    ),
    _kind(
        "wrong_type",
        r"expected .*, got .*|expected an? [A-Z]\w*( or None)?( \(.*\))?|expected a mapping.*",
        "Arvo on väärää tyyppiä.",
        "Värdet har fel typ.",
        "The value has the wrong type.",
    ),
    _kind(
        "not_json",
        r"not JSON: .*",
        "Tallennettu tieto ei ole kelvollista JSONia.",
        "Den sparade uppgiften är inte giltig JSON.",
        "The stored data is not valid JSON.",
    ),
    _kind(
        "out_of_calendar",
        r"the result falls outside the dates .*",
        "Tulos on kalenterin ulkopuolella.",
        "Resultatet hamnar utanför kalendern.",
        "The result falls outside the calendar.",
    ),
)
"""Every kind of bad field, most specific first; :data:`INVALID` covers the rest."""

INVALID = _kind(
    "invalid",
    r".*",
    "Tieto on virheellinen.",
    "Uppgiften är felaktig.",
    "The value is not valid.",
)
"""The kind of a problem no other kind covers."""

MORE = ReasonKind(
    "data.more",
    Text(
        "… ja {more:muu virhe|muuta virhettä}.",
        "… och {more:annat fel|andra fel}.",
        "… and {more:other problem|other problems}.",
    ),
)
"""The line that ends a bounded list of messages."""

_DATES = frozenset({"first", "last"})


def explain(problem: DataProblem) -> Reason:
    """The reason that tells what *problem* means; its params hold the path and values."""
    path, why = problem
    for kind in (*PROBLEM_KINDS, INVALID):
        found = kind.pattern.fullmatch(why)
        if found is not None:
            values = found.groupdict()
            params: dict[str, object] = {"path": path, **_typed(values)}
            return kind.reason(**params)
    raise AssertionError  # pragma: no cover - INVALID matches every text


def explained(problem: DataProblem) -> Text:
    """What *problem* means, in the three languages."""
    reason = explain(problem)
    return Text(reason.message("fi"), reason.message("sv"), reason.message("en"))


def _typed(values: Mapping[str, str]) -> dict[str, object]:
    return {
        name: date.fromisoformat(value) if name in _DATES else int(value)
        for name, value in values.items()
    }


def messages(problems: Sequence[DataProblem], lang: Lang, shown: int) -> tuple[str, ...]:
    """The first *shown* problems' messages in *lang*, and a line counting the rest."""
    MORE.text.get(lang)  # a language that is not one of them is refused even with no problems
    out = [explain(p).message(lang) for p in problems[:shown]]
    if len(problems) > shown:
        out.append(MORE(more=len(problems) - shown).message(lang))
    return tuple(out)


register_problem_texts(explain, messages)
