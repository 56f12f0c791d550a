"""The engine's values: who acts, what they are told, and what is recorded.

All are frozen, slotted attrs classes. Reprs show codes, states and dates of the
process only, never the client's facts carried in event data.
"""

from __future__ import annotations

import enum
import re
import string
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from itertools import islice
from typing import Any, Literal, overload

import attrs

from ..errors import DefinitionError, PathwayDataError, describe, field_name
from .replace import evolve

__all__ = [
    "LANGUAGES",
    "Actor",
    "Deadline",
    "Event",
    "History",
    "Lang",
    "Reason",
    "ReasonKind",
    "Role",
    "Text",
    "Verdict",
    "plural",
]

Lang = Literal["fi", "sv", "en"]
"""A language code: Finnish, Swedish or English, the languages every text is given in."""
LANGUAGES: tuple[Lang, ...] = ("fi", "sv", "en")
"""Every language code, in the order texts are written: Finnish, Swedish, English."""


class Role(enum.StrEnum):
    """A party that may act on a pathway.

    The value is the stable stored form; :attr:`label` gives the name in fi/sv/en.
    """

    EMPLOYMENT_AUTHORITY = "employment_authority"
    """Työvoimaviranomainen: a municipality or employment area (the TE office until 2024)."""
    MUNICIPALITY = "municipality"
    """Kunta."""
    WELLBEING_COUNTY = "wellbeing_county"
    """Hyvinvointialue: the wellbeing services county (social and health services)."""
    KELA = "kela"
    """Kela, the Social Insurance Institution of Finland."""
    SERVICE_PROVIDER = "service_provider"
    """Palveluntuottaja: an organisation that provides a service."""
    JOB_COACH = "job_coach"
    """Työhönvalmentaja."""
    EMPLOYER = "employer"
    """Työnantaja."""
    CLIENT = "client"
    """Asiakas: the person on the pathway."""

    @property
    def label(self) -> Text:
        """The role's name in Finnish, Swedish and English."""
        return _ROLE_LABELS[self]


def _known_lang(lang: object) -> None:
    """Refuse a *lang* that is not one of :data:`LANGUAGES`."""
    if lang not in LANGUAGES:
        raise PathwayDataError([("lang", f"expected one of fi, sv, en, got {describe(lang)}")])


def _text(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    given: object = value
    if not isinstance(given, str):
        why = f"expected a string, got {type(given).__name__}"
        raise PathwayDataError([(f"$.{attribute.name}", why)])


@attrs.frozen
class Text:
    """A piece of text in Finnish, Swedish and English, optionally a format template."""

    fi: str = attrs.field(validator=_text)
    sv: str = attrs.field(validator=_text)
    en: str = attrs.field(validator=_text)

    def get(self, lang: Lang = "en") -> str:
        """Return the text in *lang* (``"fi"``, ``"sv"`` or ``"en"``).

        Raises:
            PathwayDataError: *lang* is not one of them.
        """
        _known_lang(lang)
        text: str = getattr(self, lang)
        return text

    def missing(self) -> tuple[Lang, ...]:
        """The languages whose text is empty."""
        return tuple(lang for lang in LANGUAGES if not getattr(self, lang).strip())


_ROLE_LABELS: dict[Role, Text] = {
    Role.EMPLOYMENT_AUTHORITY: Text(
        "työvoimaviranomainen", "arbetskraftsmyndigheten", "employment authority"
    ),
    Role.MUNICIPALITY: Text("kunta", "kommunen", "municipality"),
    Role.WELLBEING_COUNTY: Text("hyvinvointialue", "välfärdsområdet", "wellbeing services county"),
    Role.KELA: Text("Kela", "FPA", "Kela"),
    Role.SERVICE_PROVIDER: Text("palveluntuottaja", "serviceproducenten", "service provider"),
    Role.JOB_COACH: Text("työhönvalmentaja", "arbetscoachen", "job coach"),
    Role.EMPLOYER: Text("työnantaja", "arbetsgivaren", "employer"),
    Role.CLIENT: Text("asiakas", "klienten", "client"),
}


def plural(count: int, one: str, other: str) -> str:
    """*count* with the word form for it: ``plural(1, "day", "days")`` is ``"1 day"``.

    Finnish, Swedish and English share the rule for whole numbers: the singular for
    exactly one, the plural form (in Finnish the partitive, "2 päivää") otherwise.
    """
    return f"{count} {one if count == 1 else other}"


LabelTable = Mapping[Any, Text]
"""The names of a parameter's raw values (ids, enum members) in fi/sv/en."""


def _render(value: Any, lang: Lang, table: LabelTable | None = None) -> str:
    """Format one reason parameter for a message in *lang*, naming ids from *table*."""
    if table is not None:
        try:
            named = table.get(value)
        except TypeError:  # an unhashable value has no entry
            named = None
        if named is not None:
            return _cut(named.get(lang))
        if isinstance(value, str) and ", " in value:  # ids joined into one parameter
            return _render(tuple(value.split(", ")), lang, table)
    if isinstance(value, Text):  # a name given in three languages, e.g. a service's
        return _cut(value.get(lang))
    label = getattr(value, "label", None)
    if isinstance(label, Text):  # roles and other labelled enums
        return label.get(lang)
    if isinstance(value, date):
        return value.isoformat() if lang == "en" else f"{value.day}.{value.month}.{value.year}"
    if isinstance(value, (tuple, list, frozenset, set)):
        items = list(sorted(value) if isinstance(value, (frozenset, set)) else value)
        shown = ", ".join(_render(v, lang, table) for v in items[:_ITEMS])
        return shown + (", ..." if len(items) > _ITEMS else "")
    return _cut(str(value))


def _cut(text: str) -> str:
    # A host's id or name (a handover, a competence, a service) may be of any length; a
    # message shows enough of it to recognise.
    return text if len(text) <= _LONGEST else text[: _LONGEST - 3] + "..."


_LONGEST = 80
"""The most characters a message shows of one parameter."""
_ITEMS = 12
"""The most items a message shows of one collection parameter."""


def _code(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    given: object = value
    if not isinstance(given, str) or not given.strip():
        raise DefinitionError(
            str(given), [f"a reason code must be a non-empty string, not {describe(given)}"]
        )


Piece = tuple[str, str | None, tuple[str, str] | None]
"""One parsed stretch of a template: literal text, a field name, and plural word forms."""


def parse_template(template: str) -> tuple[Piece, ...]:
    """*template* split into literal text and fields; :class:`ValueError` if it is not one
    a reason can use.

    Fields are plain names (no positional ``{0}``, no ``{a.b}`` or ``{a[0]}``). A field may
    count something: ``{days:day|days}`` renders ``1 day`` or ``2 days`` (the singular
    form, a bar, the plural form).
    """
    pieces: list[Piece] = []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            pieces.append((literal, None, None))
            continue
        if not name.isidentifier():
            msg = f"field {field_name(name)!r} is not a plain name"
            raise ValueError(msg)
        if conversion or (spec and not _PLURAL.fullmatch(spec)):
            # Parameters are rendered per language before formatting, so a spec such as
            # {n:d} would meet a string; and {n:>100000} could make a message of any size.
            msg = (
                f"field {name!r} has a format spec or conversion; a reason renders its own "
                "(a count takes {n:one|other})"
            )
            raise ValueError(msg)
        forms = tuple(spec.split("|")) if spec else None
        pieces.append((literal, name, forms))  # type: ignore[arg-type]
    return tuple(pieces)


_PLURAL = re.compile(r"[^|{}:!]+\|[^|{}:!]+")
"""A count's word forms in a template field: the singular, a bar, the plural."""


def template_fields(template: str) -> frozenset[str]:
    """The field names of *template*; :class:`ValueError` if it is not one a reason can use
    (see :func:`parse_template`)."""
    return frozenset(name for _, name, _ in parse_template(template) if name is not None)


@attrs.frozen
class ReasonKind:
    """A declared reason code with its message templates; call it to make a :class:`Reason`.

    Templates use ``str.format`` fields named after the parameters, e.g.
    ``"plan is due on {due}"``; a count takes its word forms, ``{days:day|days}``. Dates,
    roles and :class:`Text` values (a name in fi/sv/en) render per language, and
    *labels* names a parameter's raw ids (``{"criterion": {"age_25": Text(...)}}``), so a
    message shows names while :attr:`Reason.params` keeps the ids. The templates are
    checked when the kind is made, and the parameters when it is called, so a reason can
    always render its message.

    Raises:
        DefinitionError: a template is not a valid one, the three use different fields,
            or *labels* names a field the templates lack or holds something not a Text.
    """

    code: str = attrs.field(validator=_code)
    text: Text
    labels: Mapping[str, LabelTable] = attrs.field(factory=dict, eq=False, repr=False)
    _fields: frozenset[str] = attrs.field(init=False, eq=False, repr=False)
    _counts: frozenset[str] = attrs.field(init=False, eq=False, repr=False)
    _pieces: Mapping[str, tuple[Piece, ...]] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        problems: list[str] = []
        parsed: dict[str, tuple[Piece, ...]] = {}
        if not isinstance(self.text, Text):
            problems.append(f"text must be a Text, not {describe(self.text)}")
        else:
            for lang in LANGUAGES:
                try:
                    parsed[lang] = parse_template(self.text.get(lang))
                except ValueError as exc:
                    problems.append(f"the {lang} template is not usable: {exc}")
        found = {lang: frozenset(n for _, n, _ in p if n) for lang, p in parsed.items()}
        if len(set(found.values())) > 1:
            problems.append("the fi, sv and en templates use different fields")
        fields = next(iter(found.values()), frozenset())
        problems.extend(_label_problems(self.labels, fields))
        if problems:
            raise DefinitionError(self.code, problems)
        counts = frozenset(n for p in parsed.values() for _, n, forms in p if n and forms)
        object.__setattr__(self, "_fields", fields)
        object.__setattr__(self, "_counts", counts)
        object.__setattr__(self, "_pieces", parsed)

    def __call__(self, **params: Any) -> Reason:
        """Return a :class:`Reason` of this kind with *params*.

        Raises:
            DefinitionError: a field of the templates has no parameter, or a counted
                field's parameter is not an integer.
        """
        missing = self._fields.difference(params)
        if missing:
            msg = f"reason {field_name(self.code)!r} needs the parameter(s) {sorted(missing)}"
            raise DefinitionError(self.code, [msg])
        uncounted = sorted(n for n in self._counts if type(params[n]) is not int)
        if uncounted:
            msg = f"reason {field_name(self.code)!r} counts {uncounted}: expected integers"
            raise DefinitionError(self.code, [msg])
        # The code was checked when this kind was made: fill the slots as Reason() would.
        made = _new(Reason)
        _set_code(made, self.code)
        _set_params(made, params)
        _set_kind(made, self)
        _set_shown(made, {})
        return made

    def render(self, lang: Lang, params: Mapping[str, Any], shown: Mapping[str, Text]) -> str:
        """The message in *lang* for *params*; *shown* names parameters for this reason."""
        out: list[str] = []
        for literal, name, forms in self._pieces[lang]:
            out.append(literal)
            if name is None:
                continue
            value = params[name]
            if forms is not None:
                out.append(plural(value, *forms))
            elif name in shown:
                out.append(_cut(shown[name].get(lang)))
            else:
                out.append(_render(value, lang, self.labels.get(name)))
        return "".join(out)


def _label_problems(labels: object, fields: frozenset[str]) -> list[str]:
    if not isinstance(labels, Mapping):
        return [f"labels must be a mapping of field names, not {describe(labels)}"]
    problems: list[str] = []
    for name, table in labels.items():
        if name not in fields:
            problems.append(f"labels name {describe(name)}, which the templates do not use")
        elif not isinstance(table, Mapping) or not all(isinstance(t, Text) for t in table.values()):
            problems.append(f"the labels of {name!r} must map values to Text")
    return problems


@attrs.frozen
class Reason:
    """Why something was refused or noted: a stable dotted code plus parameters.

    Two reasons are equal when code and parameters are equal. *shown* gives names to
    show for some parameters (a trigger's label) while *params* keep the raw ids.
    """

    code: str = attrs.field(validator=_code)
    params: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    kind: ReasonKind | None = attrs.field(default=None, eq=False, repr=False)
    shown: Mapping[str, Text] = attrs.field(factory=dict, eq=False, repr=False)

    def labelled(self, **names: Text) -> Reason:
        """This reason, with its message showing *names* for those parameters."""
        return evolve(self, shown={**self.shown, **names})

    def message(self, lang: Lang = "en") -> str:
        """Render the reason in *lang* (``"fi"``, ``"sv"`` or ``"en"``).

        Raises:
            PathwayDataError: *lang* is not one of them.
        """
        _known_lang(lang)
        if self.kind is None:
            return _cut(self.code)
        return self.kind.render(lang, self.params, self.shown)

    def __repr__(self) -> str:
        return f"Reason({self.code!r})"


_new = object.__new__
_set_code = Reason.__dict__["code"].__set__
_set_params = Reason.__dict__["params"].__set__
_set_kind = Reason.__dict__["kind"].__set__
_set_shown = Reason.__dict__["shown"].__set__


@attrs.frozen
class Verdict:
    """The answer to "may this happen?": truthy when allowed.

    *reasons* block the transition; *notes* are information that does not block it
    (e.g. screening results that a policy profile reports but does not enforce).
    """

    reasons: tuple[Reason, ...] = ()
    notes: tuple[Reason, ...] = ()

    @property
    def allowed(self) -> bool:
        """Whether nothing blocks the transition."""
        return not self.reasons

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the blocking reasons, in order."""
        return tuple(r.code for r in self.reasons)


def _actor_id(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    given: object = value
    if type(given) is not str or not given.strip():  # exactly str: it is stored as read
        why = f"expected a non-empty string, got {type(given).__name__}"
        raise PathwayDataError([("$.actor_id", why)])


def _to_role(value: Role) -> Role:
    """A :class:`Role`, or its stored value (``"kela"``); anything else is refused.

    Typed as taking a :class:`Role`, so that type checkers still flag a string in code;
    the stored value is accepted at run time for data that comes from storage.
    """
    given: object = value
    if isinstance(given, Role):
        return given
    if type(given) is str:
        try:
            return Role(given)
        except ValueError:
            pass
    allowed = ", ".join(r.value for r in Role)
    raise PathwayDataError([("$.role", f"expected one of {allowed}, got {describe(given)}")])


@attrs.frozen
class Actor:
    """Who fires a trigger: an opaque id of the person or system, and the party they act for.

    *role* may be given as a :class:`Role` or its stored value (``"kela"``). A blank id
    or any other role raises :class:`~pathway_fsm.PathwayDataError` naming the field.
    """

    actor_id: str = attrs.field(validator=_actor_id)
    role: Role = attrs.field(converter=_to_role)


# No weakref slot, and the audit metadata in one slot (None when there is none): a
# pathway holds one Event per accepted trigger, and 8 bytes each add up.
@attrs.frozen(repr=False, weakref_slot=False, init=False, match_args=False)
class Event:
    """One accepted transition, as recorded in a pathway's history.

    *source* is ``None`` for the event that started the pathway. *dest* equals *source*
    for a transition that records something without changing state. *data* is the
    trigger's typed payload (an attrs instance) or ``None``.

    *recorded_by* is who entered the event when that is not the acting party (staff
    entering a client's request), and *ref* the host's opaque reference (a case or
    correlation id). Both are for the audit trail only: no rule reads them.
    """

    seq: int
    trigger: str
    source: str | None
    dest: str
    at: date
    actor: Actor
    data: Any = None
    # (recorded_by, ref), or None when both are None.
    _audit: tuple[Actor | None, str | None] | None = None

    __match_args__ = (
        "seq", "trigger", "source", "dest", "at", "actor", "data", "recorded_by", "ref"
    )  # fmt: skip

    def __init__(
        self,
        seq: int,
        trigger: str,
        source: str | None,
        dest: str,
        at: date,
        actor: Actor,
        data: Any = None,
        recorded_by: Actor | None = None,
        ref: str | None = None,
        *,
        audit: tuple[Actor | None, str | None] | None = None,
    ) -> None:
        # *audit* is the slot as attrs.evolve passes it on; what is given by name wins.
        if audit is not None:
            recorded_by = audit[0] if recorded_by is None else recorded_by
            ref = audit[1] if ref is None else ref
        _set_seq(self, seq)
        _set_trigger(self, trigger)
        _set_source(self, source)
        _set_dest(self, dest)
        _set_at(self, at)
        _set_actor(self, actor)
        _set_data(self, data)
        _set_audit(self, None if recorded_by is None and ref is None else (recorded_by, ref))

    @property
    def recorded_by(self) -> Actor | None:
        """Who entered the event for its actor, if someone else did."""
        audit = self._audit
        return None if audit is None else audit[0]

    @property
    def ref(self) -> str | None:
        """The host's reference for the event, if it gave one."""
        audit = self._audit
        return None if audit is None else audit[1]

    def __repr__(self) -> str:
        return (
            f"Event(seq={self.seq}, trigger={self.trigger!r}, {self.source}->{self.dest}, "
            f"at={self.at.isoformat()}, by={self.actor.role.value})"
        )


# Event's __init__ fills its slots directly, as attrs' own __init__ of a frozen class does.
_set_seq = Event.__dict__["seq"].__set__
_set_trigger = Event.__dict__["trigger"].__set__
_set_source = Event.__dict__["source"].__set__
_set_dest = Event.__dict__["dest"].__set__
_set_at = Event.__dict__["at"].__set__
_set_actor = Event.__dict__["actor"].__set__
_set_data = Event.__dict__["data"].__set__
_set_audit = Event.__dict__["_audit"].__set__


class History(Sequence[Event]):
    """A pathway's events, oldest first: an immutable sequence (``history[i].seq == i + 1``).

    It is a view of the events recorded when it was taken: later events never appear in
    it. A pathway appends to the list behind its views, so recording an event costs the
    same whatever the length of the history. Slices are tuples; a history equals another
    history, or a tuple, with the same events.
    """

    __slots__ = ("_events", "_length")

    def __init__(self, events: list[Event], length: int) -> None:
        self._events = events
        self._length = length

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Event, ...]: ...
    def __getitem__(self, index: int | slice) -> Event | tuple[Event, ...]:
        if isinstance(index, slice):
            return tuple(self._events[: self._length][index])
        length = self._length
        position = index + length if index < 0 else index
        if not 0 <= position < length:
            msg = f"history index {index} out of range for {length} events"
            raise IndexError(msg)
        return self._events[position]

    def __iter__(self) -> Iterator[Event]:
        return islice(self._events, self._length)

    def __reversed__(self) -> Iterator[Event]:
        events = self._events
        return (events[i] for i in range(self._length - 1, -1, -1))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, History):
            if other._length != self._length:
                return False
            return self._length == 0 or (
                self._events is other._events or tuple(self) == tuple(other)
            )
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"History({list(self)!r})"


@attrs.frozen
class Deadline:
    """Something due on a pathway, as of the date it was asked for.

    *start* is the day the period counts from and *due* its last day (C1, C2).
    *due_working_day* is *due* moved to the next working day (C3); whether
    *overdue* uses it depends on the definition's ``roll_forward`` policy.
    """

    code: str
    start: date
    due: date
    due_working_day: date
    overdue: bool
    label: Text = attrs.field(eq=False, repr=False)

    def message(self, lang: Lang = "en") -> str:
        """The deadline's name in *lang*."""
        return self.label.get(lang)
