"""Mermaid and DOT state diagrams of any definition, drawn by ``transitions``' own engines.

:func:`mermaid` needs nothing more than ``transitions``. :func:`dot` needs the pure-Python
``graphviz`` package (the ``diagrams`` extra), but never the graphviz binary: it returns
the DOT source and renders nothing. States and edges carry their fi/sv/en names; given a
pathway, its current state and the states it has passed through get the ``active`` and
``previous`` styles that ``transitions`` itself defines, and each edge it took is
numbered with its steps in order (``1.``, ``2.``, ...), so the path reads without colour.
:func:`timeline` draws a client's journey as a Mermaid ``gantt``: who was responsible
for which service when, the handovers between them, and each deadline met or missed.
"""

from __future__ import annotations

import importlib
import itertools
import json
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Any, Literal, cast

from transitions import State
from transitions.extensions.diagrams import GraphMachine, TransitionGraphSupport

from . import journey as _journey
from ._calendar import add_days, day_problem
from ._engine.definition import ProcessDefinition
from ._engine.model import LANGUAGES, Deadline, Lang, Text
from ._engine.pathway import Pathway
from ._serialization import replay
from .errors import DataProblem, PathwayDataError, describe, field_name, require
from .handover import HandoverStatus

__all__ = ["dot", "mermaid", "timeline"]

# The start point of a DOT diagram, named like Mermaid's start marker.
_START = "[*]"


class _Model:
    """A throwaway model: ``GraphMachine`` draws the graph of a model it holds."""


class _LabelledState(State):
    """A state with a ``label``: transitions' markup, and so every engine, draws it."""

    def __init__(self, name: str, *, label: str) -> None:
        super().__init__(name)
        self.label = label


class _LabelledTransition(TransitionGraphSupport):
    """A transition with a ``label``: transitions' engines draw it instead of the trigger id."""

    def __init__(self, *args: Any, label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label = label


class _LabelledGraphMachine(GraphMachine):
    """transitions' ``GraphMachine`` whose edges carry their labels."""

    transition_cls = _LabelledTransition


def _steps(pathway: Pathway[Any, Any] | None) -> dict[tuple[str, str | None, str], list[int]]:
    """The history's step numbers (1-based) of each ``(trigger, source, dest)`` it took."""
    taken: dict[tuple[str, str | None, str], list[int]] = {}
    for number, event in enumerate(pathway.history if pathway is not None else (), start=1):
        taken.setdefault((event.trigger, event.source, event.dest), []).append(number)
    return taken


def _edge_label(label: str, steps: list[int]) -> str:
    """*label* prefixed with the step numbers a path took it at: ``"1. 3. Open"``."""
    return " ".join([*(f"{n}." for n in steps), label])


def _edges(
    definition: ProcessDefinition[Any, Any],
    name: Callable[[Text], str],
    taken: dict[tuple[str, str | None, str], list[int]],
    omit: frozenset[tuple[str, str | None, str]] = frozenset(),
) -> list[dict[str, str]]:
    """The declared edges in a stable order, less the start edge each format draws its own way.

    Edges in *omit* are left out too: a grouped diagram draws them from its group.
    """
    return [
        {
            "trigger": trigger,
            "source": source,
            "dest": dest,
            "label": _edge_label(
                name(definition.transition(trigger).label), taken.get((trigger, source, dest), [])
            ),
        }
        for trigger, source, dest in sorted(definition.edges, key=lambda e: (e[0], str(e[1])))
        if source is not None and (trigger, source, dest) not in omit
    ]


def _highlight(graph: Any, pathway: Pathway[Any, Any] | None) -> None:
    """Style *pathway*'s path with transitions' own marks for a model's last transition.

    Every transition the history took is ``previous`` (its source state too), and the
    current state is ``active``; without a pathway nothing is highlighted.
    """
    graph.reset_styling()
    if pathway is None:
        return
    for event in pathway.history:
        if event.source is not None:
            graph.set_previous_transition(event.source, event.dest)
    graph.set_node_style(pathway.state, "active")


def _drawn(
    definition: ProcessDefinition[Any, Any], pathway: Pathway[Any, Any] | None
) -> ProcessDefinition[Any, Any]:
    """The definition to draw: *pathway*'s own, when it runs any profile of *definition*.

    Raises:
        PathwayDataError: an argument is malformed, or *pathway* runs another process.
    """
    require(definition, ProcessDefinition, "definition")
    require(pathway, (Pathway, type(None)), "pathway")
    if pathway is None:
        return definition
    if pathway.definition.name != definition.name:
        raise PathwayDataError([("pathway", "runs on another process")])
    return pathway.definition


def _graph(
    definition: ProcessDefinition[Any, Any],
    *,
    pathway: Pathway[Any, Any] | None,
    engine: Literal["mermaid", "graphviz"],
    name: Callable[[Text], str],
    omit: frozenset[tuple[str, str | None, str]] = frozenset(),
) -> Any:
    """transitions' graph of *definition* (as :func:`_drawn` gives it) in *engine*, states
    and title named by *name*.

    Raises:
        PathwayDataError: *name* refuses a text.
    """
    states = [_LabelledState(s, label=name(definition.state(s).label)) for s in definition.states]
    model = _Model()
    machine = _LabelledGraphMachine(
        model=model,
        states=states,
        initial=definition.initial,
        transitions=_edges(definition, name, _steps(pathway), omit),
        graph_engine=engine,
        auto_transitions=False,
        title=name(definition.label),
    )
    graph = machine.model_graphs[id(model)]
    _highlight(graph, pathway)
    return graph.get_graph()


GROUP_ABOVE = 30
"""Above this many drawn edges, :func:`mermaid` groups the edges that leave many states."""

_GROUP_LABEL = Text("Mikä tahansa näistä", "Vilket som helst av dessa", "Any of these")
_GROUP_LOOPS = Text("kussakin myös", "i vart och ett också", "in each also")
_GROUP_EXIT = Text("Mistä tahansa näistä", "Från vilket som helst av dessa", "From any of these")

# An edge as a group draws it: its trigger, and its destination or None for a self-loop.
_Move = tuple[str, str | None]


def _moves(definition: ProcessDefinition[Any, Any]) -> dict[_Move, frozenset[str]]:
    """Each (trigger, destination) and the states it leaves; a self-loop has no destination."""
    sources: dict[_Move, set[str]] = {}
    for trigger, source, dest in definition.edges:
        if source is not None:
            sources.setdefault((trigger, None if dest == source else dest), set()).add(source)
    return {move: frozenset(found) for move, found in sources.items()}


def _group(definition: ProcessDefinition[Any, Any]) -> tuple[frozenset[str], list[_Move]]:
    """The states that share most edges, and the moves that leave every one of them.

    A group has at least three states and two shared moves; the group chosen saves the
    most arrows, a larger one first on a tie. Without one, nothing is grouped.
    """
    moves = _moves(definition)
    best: tuple[int, int, frozenset[str], list[_Move]] = (0, 0, frozenset(), [])
    # Sorted, so that a tie goes the same way under any hash seed.
    for members in sorted(set(moves.values()), key=sorted):
        shared = [move for move, found in moves.items() if members <= found]
        saved = len(shared) * (len(members) - 1)
        if len(members) >= 3 and len(shared) >= 2 and (saved, len(members)) > best[:2]:
            best = (saved, len(members), members, shared)
    _, _, members, shared = best
    return members, sorted(shared, key=lambda m: (m[1] is not None, str(m[1]), m[0]))


def _group_id(definition: ProcessDefinition[Any, Any]) -> str:
    """An id for the group that no state has, nor its exit state (the id with ``_exit``)."""
    found = "any_of"
    while found in definition.states or f"{found}_exit" in definition.states:
        found += "_"
    return found


def _grouped_lines(
    lines: list[str],
    definition: ProcessDefinition[Any, Any],
    members: frozenset[str],
    shared: list[_Move],
    name: Callable[[Text], str],
    taken: dict[tuple[str, str | None, str], list[int]],
) -> list[str]:
    """transitions' *lines* with *members* moved into one composite state, and its moves.

    The composite's title names the self-loops every member has; the moves to other
    states leave it by one arrow to a "from any of these" state, which has one arrow to
    each destination (Mermaid lays out arrows from a composite poorly). Each label
    carries the steps a pathway took it at, from any member.
    """
    group = _group_id(definition)
    # The members' lines as transitions writes them, label quoted.
    own = {f'  state "{name(definition.state(s).label)}" as {s}' for s in members}
    classes = {line for line in lines if line.split()[:2] in (["Class", s] for s in members)}
    kept = [line for line in lines if line not in own and line not in classes]
    inner = [f"  {line}" for line in lines if line in own or line in classes]
    # transitions writes the states, then a blank line, then the edges.
    at = next(i for i, line in enumerate(kept) if line.strip() == "")
    at = next(i for i, line in enumerate(kept) if i > at and line.strip() == "")
    labels: dict[str | None, list[str]] = {}
    for trigger, dest in shared:
        steps = sorted(
            n for s in members for n in taken.get((trigger, s, s if dest is None else dest), [])
        )
        label = _edge_label(name(definition.transition(trigger).label), steps)
        labels.setdefault(dest, []).append(label)
    title = name(_GROUP_LABEL)
    if None in labels:
        title = f"{title}; {name(_GROUP_LOOPS)}: {' | '.join(labels.pop(None))}"
    block = [f'  state "{title}" as {group} {{', *inner, "  }"]
    drawn = []
    if labels:
        block.append(f'  state "{name(_GROUP_EXIT)}" as {group}_exit')
        drawn.append(f"  {group} --> {group}_exit")
        drawn.extend(
            f"  {group}_exit --> {dest}: {' | '.join(found)}" for dest, found in labels.items()
        )
    return [*kept[:at], *block, *kept[at:], *drawn]


def mermaid(
    definition: ProcessDefinition[Any, Any],
    *,
    lang: Lang = "en",
    pathway: Pathway[Any, Any] | None = None,
    group_any: bool | None = None,
) -> str:
    """The definition as a Mermaid ``stateDiagram-v2``, state names in *lang*.

    Every declared edge is drawn, named by its trigger's label in *lang*; parallel edges
    between two states share one arrow with their labels joined by ``|``. With
    *pathway* (under any profile: its own definition is drawn), its current state and
    the states of its history are highlighted and each edge it took is numbered.

    With *group_any* the states that share most edges (Kohti työtä's four phases, all
    of which lead to work, studies and closure) are drawn inside one composite state,
    "Any of these", whose title names the internal edges they all have; the shared
    edges to other states leave it by one arrow to a "From any of these" state, and
    from there by one arrow to each destination. ``None`` (the default) groups when
    more than :data:`GROUP_ABOVE` edges would be drawn.

    Raises:
        PathwayDataError: *definition* or *pathway* is malformed, *pathway* runs
            another process, *lang* is unknown, or *group_any* is not a boolean or None.
    """

    def name(text: Text) -> str:
        # Mermaid has no escape for a double quote inside a quoted label.
        return text.get(lang).replace('"', "'")

    definition = _drawn(definition, pathway)
    require(group_any, (bool, type(None)), "group_any")
    if group_any is None:
        group_any = sum(s is not None for _, s, _ in definition.edges) > GROUP_ABOVE
    members, shared = _group(definition) if group_any else (frozenset(), [])
    omit = frozenset(
        (trigger, s, s if dest is None else dest) for trigger, dest in shared for s in members
    )
    graph = _graph(definition, pathway=pathway, engine="mermaid", name=name, omit=omit)
    lines = str(graph.source).splitlines()
    if members:
        lines = _grouped_lines(lines, definition, members, shared, name, _steps(pathway))
    # transitions writes the title as a bare line of front matter, which Mermaid reads as
    # no title at all; Mermaid wants YAML, and a JSON string is a YAML string.
    if lines[:1] == ["---"] and lines[2:3] == ["---"]:
        lines[1] = f"title: {json.dumps(lines[1], ensure_ascii=False)}"
    lines.extend(f"  {final} --> [*]" for final in definition.finals)
    return "\n".join(lines) + "\n"


def dot(
    definition: ProcessDefinition[Any, Any],
    *,
    lang: Lang = "en",
    pathway: Pathway[Any, Any] | None = None,
) -> str:
    """The definition as Graphviz DOT source, state names in *lang*.

    Drawn by ``transitions``' graphviz engine: parallel edges between two states share
    one edge with their triggers joined by ``|``, and the start edge comes from a point,
    as transitions draws the initial state of a nested machine. Edges carry their
    trigger's label in *lang*. With *pathway* (under any profile: its own definition is
    drawn), its current state and the states and edges of its history are highlighted
    and each edge it took is numbered with its steps. Nothing is
    rendered, so no graphviz binary is needed.

    Raises:
        ImportError: the ``graphviz`` package is missing (install the ``diagrams`` extra).
        PathwayDataError: *definition* or *pathway* is malformed, *pathway* runs
            another process, or *lang* is unknown.
    """
    try:
        # transitions would silently fall back to mermaid without it.
        importlib.import_module("graphviz")
    except ImportError:
        msg = "dot() needs the graphviz package: pip install 'pathway-fsm[diagrams]'"
        raise ImportError(msg) from None
    definition = _drawn(definition, pathway)
    graph = _graph(definition, pathway=pathway, engine="graphviz", name=lambda t: t.get(lang))
    # transitions' stub types its nested style tables as a union of str and dicts.
    edge_styles = cast("dict[str, dict[str, str]]", GraphMachine.style_attributes["edge"])
    # Every pathway's history begins with the start edge, so it takes the "previous" style too.
    style = edge_styles["previous"] if pathway is not None else {}
    graph.node(_START, shape="point", fillcolor="black", width="0.1")
    taken = _steps(pathway)
    for trigger, dest in sorted((t, d) for t, s, d in definition.edges if s is None):
        label = _edge_label(
            definition.transition(trigger).label.get(lang), taken.get((trigger, None, dest), [])
        )
        graph.edge(_START, dest, label=label, **style)
    source: str = graph.source
    return source


# --------------------------------------------------------------------------- timeline

_DeadlineKey = tuple[str, date, date]
_Status = Literal["met", "open", "missed", "lapsed"]

# How each deadline's outcome reads, beside the tag that colours it.
_DEADLINE_STATUS: dict[_Status, tuple[str, Text]] = {
    "met": ("done", Text("ajallaan", "i tid", "met")),
    "open": ("active", Text("avoinna", "öppen", "open")),
    "missed": ("crit", Text("myöhässä", "försenad", "missed")),
    "lapsed": ("", Text("ei enää ajankohtainen", "inte längre aktuell", "lapsed")),
}
_HANDOVERS = Text("Siirrot", "Överlämningar", "Handovers")
_BOTH_RESPONSIBLE = Text("Molemmat vastuussa", "Båda ansvarar", "Both responsible")
_HANDOVER_STATUS = {
    "proposed": Text("ehdotettu", "föreslagen", "proposed"),
    "accepted": Text("hyväksytty", "godkänd", "accepted"),
    "completed": Text("valmis", "slutförd", "completed"),
    "declined": Text("hylätty", "avböjd", "declined"),
    "withdrawn": Text("peruttu", "återtagen", "withdrawn"),
    "expired": Text("rauennut", "förfallen", "expired"),
}


def _task_text(text: str) -> str:
    """*text* as a Gantt task name or section: no colon, semicolon, hash, comment mark or
    angle bracket, which Mermaid would read as syntax or markup; never empty."""
    for mark, kept in ((":", " "), (";", ","), ("#", ""), ("%%", "%"), ("<", ""), (">", "")):
        text = text.replace(mark, kept)
    return " ".join(text.split()) or "-"


def _resolved(pathway: Pathway[Any, Any], at: date) -> list[tuple[Deadline, _Status]]:
    """Every deadline *pathway* has had, with its outcome as of *at*.

    The history is replayed a prefix at a time. A deadline that an event removed was
    missed when it was overdue on that event's day; otherwise it was met when the event's
    trigger declares that it meets it (``TransitionSpec.meets``), and it lapsed unmet
    when the pathway moved on without it (D8: a client who left before a first contact
    did not meet it). One still due on *at* is open, or missed once it is overdue.
    """
    history = pathway.history
    definition = pathway.definition
    found: dict[_DeadlineKey, tuple[Deadline, _Status]] = {}
    previous = replay(definition, history[:1], client_id=pathway.client_id)
    for count in range(2, len(history) + 1):
        event = history[count - 1]
        meets = definition.transition(event.trigger).meets
        judged = {_key(d): d for d in previous.deadlines(at=event.at)}
        current = replay(definition, history[:count], client_id=pathway.client_id)
        for key in judged.keys() - {_key(d) for d in current.deadlines(at=event.at)}:
            deadline = judged[key]
            status: _Status = (
                "missed" if deadline.overdue else "met" if deadline.code in meets else "lapsed"
            )
            found[key] = (deadline, status)
        previous = current
    for deadline in pathway.deadlines(at=at):
        found[_key(deadline)] = (deadline, "missed" if deadline.overdue else "open")
    return sorted(found.values(), key=lambda item: (item[0].due, item[0].code))


def _key(deadline: Deadline) -> _DeadlineKey:
    """What makes a deadline the same one from one event to the next."""
    return deadline.code, deadline.start, deadline.due


def _timeline_problems(
    journey: object, at: object, services: object, lang: object
) -> list[DataProblem]:
    """What is wrong with :func:`timeline`'s arguments, each named by its field."""
    problems: list[DataProblem] = []
    if not isinstance(journey, Pathway) or journey.definition.name != _journey.NAME:
        problems.append(("journey", f"expected a journey pathway, got {describe(journey)}"))
    if (why := day_problem(at)) is not None:
        problems.append(("at", why))
    if lang not in LANGUAGES:
        problems.append(("lang", f"expected one of fi, sv, en, got {describe(lang)}"))
    if not isinstance(services, Mapping):
        problems.append(("services", f"expected a mapping or None, got {describe(services)}"))
        return problems
    for name, pathway in services.items():
        where = f"services[{field_name(name)}]"
        if not isinstance(name, str):
            problems.append((where, f"expected a string, got {describe(name)}"))
        elif not isinstance(pathway, Pathway):
            problems.append((where, f"expected a Pathway, got {describe(pathway)}"))
        elif isinstance(journey, Pathway) and isinstance(journey.context, _journey.JourneyContext):
            if name not in {r.service for r in journey.context.responsibilities}:
                problems.append((where, "expected one of the journey's services"))
            elif pathway.client_id != journey.client_id:
                problems.append((where, "expected one of the journey client's pathways"))
    if problems or not isinstance(at, date):
        return problems
    assert isinstance(journey, Pathway)
    latest = max(p.history[-1].at for p in (journey, *services.values()))
    if at < latest:
        problems.append(("at", "must not be before the latest recorded event"))
    return problems


def _milestones(
    pathway: Pathway[Any, Any], at: date, until: date | None, lang: Lang, ids: Iterator[int]
) -> Iterator[str]:
    """Each deadline of *pathway* due by *until* as a milestone, tagged met, open or missed."""
    for deadline, status in _resolved(pathway, at):
        if until is not None and deadline.due > until:
            continue
        tag, word = _DEADLINE_STATUS[status]
        name = _task_text(f"{deadline.message(lang)} ({word.get(lang)})")
        tags = f"milestone, {tag}" if tag else "milestone"
        yield f"  {name} :{tags}, d{next(ids)}, {deadline.due.isoformat()}, 0d"


def _left_padding(sections: list[str]) -> int:
    """Pixels for the longest section name at Mermaid's section font, from 75 to 400."""
    return max(75, min(400, round(max(map(len, sections)) * 5.5) + 20))


def _bar(name: str, tag: str | None, task: str, first: date, last: date) -> str:
    """A Gantt task over the days *first* to *last*, both inclusive (Mermaid ends exclusive)."""
    tags = f"{tag}, " if tag else ""
    end = add_days(max(first, last), 1)
    return f"  {_task_text(name)} :{tags}{task}, {first.isoformat()}, {end.isoformat()}"


def _handover_lines(
    records: tuple[_journey.HandoverRecord, ...], at: date, lang: Lang, ids: Iterator[int]
) -> Iterator[str]:
    """Each handover from its proposal to its answer, and the days both parties held the client."""
    for record in records:
        proposal = record.proposal
        receiver = proposal.to_party.label.get(lang) if proposal.to_party is not None else "?"
        status = HandoverStatus(record.status)
        name = (
            f"{proposal.from_party.label.get(lang)} → {receiver}"
            f" ({_HANDOVER_STATUS[status.value].get(lang)})"
        )
        pending = status in (HandoverStatus.PROPOSED, HandoverStatus.ACCEPTED)
        last = at if pending or record.decided_on is None else record.decided_on
        tag = "active" if pending else "done"
        number = next(ids)
        yield _bar(name, tag, f"h{number}", record.proposed_on, last)
        overlap = status in (HandoverStatus.ACCEPTED, HandoverStatus.COMPLETED)
        if overlap and record.starts_on is not None and record.starts_on <= last:
            yield _bar(_BOTH_RESPONSIBLE.get(lang), tag, f"o{number}", record.starts_on, last)


def timeline(
    journey: Pathway[Any, Any],
    *,
    at: date,
    services: Mapping[str, Pathway[Any, Any]] | None = None,
    lang: Lang = "en",
    until: date | None = None,
) -> str:
    """A client's journey as a Mermaid ``gantt`` chart as of *at*, texts in *lang*.

    Each service of the journey is a section whose bars are the parties responsible for
    it, from the first day to the last (an open one runs to *at*). *services* maps a
    service's name in the journey to its own pathway: its section is then named by the
    process's label and shows each of its deadlines as a milestone on its due day, met
    (``done``), open (``active``), missed (``crit``) or lapsed unmet because the pathway
    moved on (untagged), the word beside it too. A section
    of handovers shows each one from proposal to answer, the days both parties were
    responsible, and its reply date as a milestone. Deadlines due after *until* are left
    out, so that one years ahead (a retention date) does not stretch the chart. No client
    id, actor or recorded fact is drawn; a service without a pathway is named as the
    journey names it.

    Raises:
        PathwayDataError: *journey* is not a journey pathway, *at* is not a date or is
            before a recorded event, *until* is not a date or ``None``, *lang* is
            unknown, or *services* is not a mapping
            of the journey's services to pathways of the same client.
    """
    given = {} if services is None else services
    problems = _timeline_problems(journey, at, given, lang)
    if until is not None and (why := day_problem(until)) is not None:
        problems.append(("until", why))
    if problems:
        raise PathwayDataError(problems)
    context: _journey.JourneyContext = journey.context
    ids = itertools.count(1)
    names = {
        r.service: _task_text(
            given[r.service].definition.label.get(lang) if r.service in given else r.service
        )
        for r in context.responsibilities
    }
    lines = [
        # Mermaid leaves 75 px left of the bars for the sections' names: widen it to fit.
        "---",
        "config:",
        "  gantt:",
        f"    leftPadding: {_left_padding([*names.values(), _HANDOVERS.get(lang)])}",
        "---",
        "gantt",
        f"  title {_task_text(journey.definition.label.get(lang))}",
        "  dateFormat YYYY-MM-DD",
        "  axisFormat %Y-%m-%d",
        "  todayMarker off",
    ]
    for name, section in names.items():
        pathway = given.get(name)
        lines.append(f"  section {section}")
        for held in (r for r in context.responsibilities if r.service == name):
            tag = "done" if held.end is not None else "active" if held.start <= at else None
            last = held.end if held.end is not None else at
            lines.append(_bar(held.party.label.get(lang), tag, f"r{next(ids)}", held.start, last))
        if pathway is not None:
            lines.extend(_milestones(pathway, at, until, lang, ids))
    if context.handovers:
        lines.append(f"  section {_task_text(_HANDOVERS.get(lang))}")
        lines.extend(_handover_lines(context.handovers, at, lang, ids))
        lines.extend(_milestones(journey, at, until, lang, ids))
    return "\n".join(lines) + "\n"
