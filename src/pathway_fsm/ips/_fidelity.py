"""The IPS fidelity report: which quality criteria a history shows as met (I11–I14).

Pure computation over recorded events: the same history (and the same *as_of*) always
gives the same report. Items a single history can show (I14) come from
:func:`fidelity_report`; the caseload and employer-diversity items need a set of
pathways and come from :func:`caseload_report`, which also carries the organisational
items the host declares. Nothing here reads a clock: *as_of* defaults to the date of the
latest event.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

import attrs

from .._calendar import add_days, add_months, next_working_day
from .._engine.checks import call_problems
from .._engine.model import Event, Lang, Text
from .._engine.pathway import Pathway
from ..errors import PathwayDataError
from ._deadlines import support_due
from ._declaration import ACTIVE_STATES, NAME, definition_for
from ._facts import (
    BenefitsCounselling,
    DisclosureDiscussion,
    EmployerContact,
    IpsContext,
    IpsPolicy,
    Placement,
)

__all__ = [
    "CASELOAD_ITEMS",
    "DECLARED_ITEMS",
    "HISTORY_ITEMS",
    "ITEMS",
    "Band",
    "CaseloadReport",
    "FidelityItem",
    "FidelityReport",
    "SpecialistCaseload",
    "Status",
    "band",
    "caseload_report",
    "fidelity_report",
    "ips25_total",
]


class Status(enum.StrEnum):
    """Whether a quality criterion is met, as far as the evidence shows."""

    MET = "met"
    NOT_MET = "not_met"
    NOT_ASSESSABLE = "not_assessable"
    """The evidence cannot tell yet (nothing to judge), or the host declared nothing."""

    @property
    def label(self) -> Text:
        """The status in fi/sv/en."""
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    Status.MET: Text("täyttyy", "uppfylls", "met"),
    Status.NOT_MET: Text("ei täyty", "uppfylls inte", "not met"),
    Status.NOT_ASSESSABLE: Text("ei arvioitavissa", "kan inte bedömas", "not assessable"),
}


class Band(enum.StrEnum):
    """An IPS-25 total score band (I11)."""

    EXEMPLARY = "exemplary"
    """115–125 (the 115 lower bound is unverified)."""
    GOOD = "good"
    """100–114."""
    FAIR = "fair"
    """74–99."""
    NOT_IPS = "not_ips"
    """25–73: not IPS supported employment."""

    @property
    def label(self) -> Text:
        """The band in fi/sv/en."""
        return _BAND_LABELS[self]


_BAND_LABELS = {
    Band.EXEMPLARY: Text("erinomainen", "utmärkt", "exemplary fidelity"),
    Band.GOOD: Text("hyvä", "god", "good fidelity"),
    Band.FAIR: Text("kohtalainen", "måttlig", "fair fidelity"),
    Band.NOT_IPS: Text("ei IPS-mallin mukaista", "inte IPS", "not IPS supported employment"),
}


def _item(code: str, fi: str, sv: str, en: str) -> tuple[str, Text]:
    return f"ips.fidelity.{code}", Text(fi, sv, en)


ITEMS: dict[int, tuple[str, Text]] = {
    1: _item(
        "caseload",
        "Asiakasmäärä valmentajaa kohden",
        "Antal klienter per coach",
        "Caseload per specialist",
    ),
    2: _item(
        "employment_services_only",
        "Valmentajat tekevät vain työhönvalmennusta",
        "Coacherna arbetar bara med sysselsättning",
        "Specialists do employment work only",
    ),
    3: _item(
        "vocational_generalists",
        "Sama valmentaja kaikissa vaiheissa",
        "Samma coach i alla skeden",
        "Vocational generalists",
    ),
    4: _item(
        "team_integration",
        "Kiinnittyminen hoitotiimeihin",
        "Knytning till vårdteam",
        "Integration with treatment teams",
    ),
    5: _item(
        "team_contact",
        "Tiivis yhteys hoitotiimeihin",
        "Tät kontakt med vårdteam",
        "Frequent team contact",
    ),
    6: _item(
        "rehabilitation_collaboration",
        "Yhteistyö kuntoutuksen kanssa",
        "Samarbete med rehabiliteringen",
        "Collaboration with vocational rehabilitation",
    ),
    7: _item(
        "vocational_unit",
        "Valmentajien yksikkö ja ryhmätyönohjaus",
        "Coachernas enhet och grupphandledning",
        "Vocational unit",
    ),
    8: _item(
        "supervisor_role", "Esihenkilön rooli", "Chefens roll", "Role of the employment supervisor"
    ),
    9: _item("zero_exclusion", "Ei poissulkemista", "Ingen uteslutning", "Zero exclusion"),
    10: _item(
        "competitive_focus",
        "Organisaation painopiste avoimissa työmarkkinoissa",
        "Organisationens fokus på öppna arbetsmarknaden",
        "Agency focus on competitive employment",
    ),
    11: _item("executive_support", "Johdon tuki", "Ledningens stöd", "Executive team support"),
    12: _item(
        "benefits_counselling",
        "Etuusneuvonta",
        "Förmånsrådgivning",
        "Work incentives (benefits) planning",
    ),
    13: _item(
        "disclosure", "Keskustelu tilanteesta kertomisesta", "Samtal om att berätta", "Disclosure"
    ),
    14: _item(
        "work_based_assessment",
        "Jatkuva työssä tapahtuva arviointi",
        "Fortlöpande bedömning i arbetet",
        "Ongoing work-based assessment",
    ),
    15: _item("rapid_job_search", "Nopea työnhaku", "Snabb jobbsökning", "Rapid job search"),
    16: _item(
        "individualised_search",
        "Toiveisiin perustuva työnhaku",
        "Jobbsökning efter önskemål",
        "Individualised job search",
    ),
    17: _item(
        "job_development_frequency",
        "Työnantajakontaktien määrä",
        "Antal arbetsgivarkontakter",
        "Job development: frequent employer contact",
    ),
    18: _item(
        "job_development_quality",
        "Työnantajakontaktien laatu",
        "Arbetsgivarkontakternas kvalitet",
        "Job development: quality of contact",
    ),
    19: _item(
        "job_diversity",
        "Työtehtävien monipuolisuus",
        "Variation i arbetsuppgifter",
        "Diversity of job types",
    ),
    20: _item(
        "employer_diversity",
        "Työnantajien monipuolisuus",
        "Variation i arbetsgivare",
        "Diversity of employers",
    ),
    21: _item(
        "competitive_jobs", "Kilpaillut työpaikat", "Konkurrensutsatta jobb", "Competitive jobs"
    ),
    22: _item(
        "individualised_follow_along",
        "Yksilöllinen tuki työssä",
        "Individuellt stöd i arbetet",
        "Individualised follow-along support",
    ),
    23: _item(
        "time_unlimited_follow_along",
        "Ajallisesti rajaamaton tuki",
        "Stöd utan tidsgräns",
        "Time-unlimited follow-along support",
    ),
    24: _item(
        "community_based",
        "Työskentely yhteisössä",
        "Arbete ute i samhället",
        "Community-based services",
    ),
    25: _item(
        "outreach",
        "Aktiivinen yhteydenpito",
        "Aktiv uppsökande kontakt",
        "Assertive engagement and outreach",
    ),
}
"""Every IPS-25 item by number: its stable code and its name in fi/sv/en (I12)."""

HISTORY_ITEMS = (9, 12, 13, 15, 21, 22, 23)
"""Items one pathway's history shows (I14)."""
CASELOAD_ITEMS = (1, 20)
"""Items that need a set of pathways (I14)."""
DECLARED_ITEMS = tuple(n for n in ITEMS if n not in HISTORY_ITEMS + CASELOAD_ITEMS)
"""Items only the host can declare: organisation and practice the events do not show."""


@attrs.frozen(kw_only=True)
class FidelityItem:
    """One quality criterion: its IPS-25 number, stable code, status and evidence.

    *evidence* holds dates, counts and limits (plain values) the status rests on.
    """

    item: int
    code: str
    status: Status
    evidence: Mapping[str, Any] = attrs.field(factory=dict, hash=False)

    @property
    def label(self) -> Text:
        """The criterion's name in fi/sv/en."""
        return ITEMS[self.item][1]

    def message(self, lang: Lang = "en") -> str:
        """``"<criterion>: <status>"`` in *lang*."""
        return f"{self.label.get(lang)}: {self.status.label.get(lang)}"


def _made(number: int, status: Status, **evidence: Any) -> FidelityItem:
    return FidelityItem(item=number, code=ITEMS[number][0], status=status, evidence=evidence)


@attrs.frozen(kw_only=True)
class FidelityReport:
    """The fidelity items of one pathway's history, as of *as_of* (I14)."""

    client_id: str | None
    as_of: date
    items: tuple[FidelityItem, ...]

    def item(self, number: int) -> FidelityItem:
        """The item with IPS-25 *number*; :class:`KeyError` if the report has none."""
        for found in self.items:
            if found.item == number:
                return found
        raise KeyError(number)

    def numbers(self, status: Status) -> tuple[int, ...]:
        """The item numbers with *status*, in order."""
        return tuple(i.item for i in self.items if i.status is status)


@attrs.frozen(kw_only=True)
class SpecialistCaseload:
    """One job coach's active clients on the report's day (I12 item 1)."""

    coach_id: str
    active: int
    fte_percent: int
    within_limit: bool


@attrs.frozen(kw_only=True)
class CaseloadReport:
    """Team-level fidelity: caseload, employer diversity, declared items, and each pathway."""

    as_of: date
    items: tuple[FidelityItem, ...]
    specialists: tuple[SpecialistCaseload, ...]
    pathways: tuple[FidelityReport, ...]

    def item(self, number: int) -> FidelityItem:
        """The team item with IPS-25 *number*; :class:`KeyError` if there is none."""
        for found in self.items:
            if found.item == number:
                return found
        raise KeyError(number)


# --------------------------------------------------------------------------- reading a history


@attrs.frozen
class _Read:
    """What the report needs from one history, up to *as_of*."""

    client_id: str | None
    events: tuple[Event, ...]
    policy: IpsPolicy


def _read(source: Any, policy: IpsPolicy | None, path: str) -> _Read:
    if policy is not None and not isinstance(policy, IpsPolicy):
        raise PathwayDataError([("$.policy", "expected an IpsPolicy")])
    if isinstance(source, Pathway):
        if source.definition.name != NAME:
            raise PathwayDataError([(path, f"expected an {NAME!r} pathway")])
        own = source.definition.policy
        return _Read(source.client_id, tuple(source.history), policy or own)
    if isinstance(source, (str, bytes)) or not isinstance(source, Sequence):
        raise PathwayDataError([(path, "expected a Pathway or a sequence of events")])
    problems = list(_history_problems(source, path))
    if problems:
        raise PathwayDataError(problems)
    return _Read(None, tuple(source), policy or IpsPolicy())


def _history_problems(events: Sequence[Any], path: str) -> Iterator[tuple[str, str]]:
    """A bare history must be ``ips`` events with their payloads, oldest first."""
    if not events:
        yield path, "expected at least the referral event"
    definition = definition_for(IpsPolicy())
    previous: date | None = None
    for index, event in enumerate(events):
        where = f"{path}[{index}]"
        if not isinstance(event, Event):
            yield where, "expected an Event"
            continue
        found = call_problems(
            event.at, event.actor, None, event.recorded_by, event.ref, prefix=where, actor="actor"
        )
        if found:
            yield from found
            continue
        if event.trigger not in definition.triggers:
            yield f"{where}.trigger", f"not a trigger of {NAME!r}"
            continue
        if (index == 0) != (event.trigger == definition.start_spec.trigger):
            yield f"{where}.trigger", "only the first event is the referral"
        kind = definition.transition(event.trigger).payload
        if not (event.data is None if kind is None else type(event.data) is kind):
            yield f"{where}.data", "does not fit the trigger's payload"
        if previous is not None and event.at < previous:
            yield f"{where}.at", "is before the previous event"
        previous = event.at


def _check_as_of(as_of: object) -> None:
    if as_of is not None and (type(as_of) is not date):
        raise PathwayDataError([("$.as_of", "expected a datetime.date")])


@attrs.frozen
class _Job:
    start: date
    end: date  # the day it ended, or the last day observed
    contacts: tuple[date, ...]


def _jobs(events: Sequence[Event], until: date) -> list[_Job]:
    jobs: list[_Job] = []
    start: date | None = None
    contacts: list[date] = []
    for event in events:
        if event.trigger == "place":
            start, contacts = event.at, []
        elif event.trigger == "support_contact" and start is not None:
            contacts.append(event.at)
        elif event.trigger in ("job_ended", "end") and start is not None:
            jobs.append(_Job(start, event.at, tuple(contacts)))
            start = None
    if start is not None:
        jobs.append(_Job(start, until, tuple(contacts)))
    return jobs


def _missed_contacts(job: _Job, policy: IpsPolicy) -> Iterator[bool]:
    """Each contact interval that passed with no contact: ``True`` in the intensive period.

    The same rule as the ``ips.support_contact_due`` deadline (I9, D8): a contact is missed
    only after its limit, the next working day under ``roll_forward`` (C3), and after a
    missed interval the next one counts from the day the missed contact was due.
    """
    last = job.start
    intensive_until = add_months(job.start, policy.intensive_support_months)
    for contact in (*job.contacts, None):
        reached = job.end if contact is None else contact
        due = support_due(job.start, last, policy)
        while reached > (next_working_day(due) if policy.roll_forward else due):
            yield last < intensive_until
            last = due
            due = support_due(job.start, last, policy)
        if contact is not None:
            last = contact


def _zero_exclusion(events: Sequence[Event]) -> FidelityItem:
    """I6 / item 9: entry rested on the client's wish alone; noted facts were not used."""
    entry = next((e for e in events if e.trigger == "agree"), None)
    if entry is None:
        return _made(9, Status.NOT_ASSESSABLE)
    return _made(9, Status.MET, entered_on=entry.at, noted_not_used=len(entry.data.noted))


def _before_first_job(
    number: int, events: Sequence[Event], trigger: str, counts: Any, ended: bool
) -> FidelityItem:
    """Items 12 and 13: given at least once, before (or on the day) the first job starts."""
    entered = any(e.trigger == "agree" for e in events)
    done = [e.at for e in events if e.trigger == trigger and counts(e.data)]
    first_job = next((e.at for e in events if e.trigger == "place"), None)
    evidence = {
        "count": len(done),
        "first_on": done[0] if done else None,
        "first_job_on": first_job,
    }
    if not entered:
        return _made(number, Status.NOT_ASSESSABLE, **evidence)
    if first_job is not None:
        met = bool(done) and done[0] <= first_job
        return _made(number, Status.MET if met else Status.NOT_MET, **evidence)
    if done:
        return _made(number, Status.MET, **evidence)
    return _made(number, Status.NOT_MET if ended else Status.NOT_ASSESSABLE, **evidence)


def _rapid_search(events: Sequence[Event], policy: IpsPolicy, until: date) -> FidelityItem:
    """I8 / item 15: first face-to-face employer contact within the limit (day 30 passes).

    Being hired into a competitive job counts as that contact when none came first, and
    the limit moves to the next working day under ``roll_forward``, exactly as the
    pathway's ``ips.first_employer_contact_due`` deadline does (D8).
    """
    entry = next((e.at for e in events if e.trigger == "agree"), None)
    if entry is None:
        return _made(15, Status.NOT_ASSESSABLE, limit_days=policy.first_contact_days)
    due = add_days(entry, policy.first_contact_days)
    limit = next_working_day(due) if policy.roll_forward else due
    # A bare history is not replayed (it may audit another system's records), so a contact
    # recorded before entry is left out rather than counted in negative days.
    first = next((e for e in events if e.at >= entry and _first_contact(e)), None)
    evidence: dict[str, Any] = {
        "entered_on": entry,
        "due": due,
        "limit_days": policy.first_contact_days,
        "first_contact_on": None if first is None else first.at,
        "hired_first": first is not None and first.trigger == "place",
        "days": None if first is None else (first.at - entry).days,
    }
    if first is not None:
        return _made(15, Status.MET if first.at <= limit else Status.NOT_MET, **evidence)
    return _made(15, Status.NOT_MET if until > limit else Status.NOT_ASSESSABLE, **evidence)


def _first_contact(event: Event) -> bool:
    """A face-to-face contact about a competitive job, or being hired into one (D8)."""
    if event.trigger == "employer_contact":
        data = event.data
        return isinstance(data, EmployerContact) and data.face_to_face and data.competitive_job
    return (
        event.trigger == "place" and isinstance(event.data, Placement) and not event.data.failed()
    )


def _competitive_jobs(events: Sequence[Event]) -> FidelityItem:
    """I7 / item 21: every placement was competitive paid work."""
    placements = [e.data for e in events if e.trigger == "place"]
    competitive = sum(1 for p in placements if isinstance(p, Placement) and not p.failed())
    evidence = {"placements": len(placements), "competitive": competitive}
    if not placements:
        return _made(21, Status.NOT_ASSESSABLE, **evidence)
    met = competitive == len(placements)
    return _made(21, Status.MET if met else Status.NOT_MET, **evidence)


def _follow_along(events: Sequence[Event], policy: IpsPolicy, until: date) -> list[FidelityItem]:
    """I9 / items 22–23: contacts at the intensive, then the later, interval; no end date."""
    jobs = _jobs(events, until)
    late = [flag for job in jobs for flag in _missed_contacts(job, policy)]
    later_jobs = [j for j in jobs if j.end > add_months(j.start, policy.intensive_support_months)]
    first_month = sum(
        1
        for j in jobs
        for c in j.contacts
        if c < add_months(j.start, policy.intensive_support_months)
    )
    intensive_late = sum(1 for flag in late if flag)
    later_late = len(late) - intensive_late
    individual = _made(
        22,
        Status.NOT_ASSESSABLE if not jobs else Status.NOT_MET if intensive_late else Status.MET,
        jobs=len(jobs),
        contacts_first_period=first_month,
        late=intensive_late,
        interval_days=policy.intensive_contact_days,
    )
    unlimited = _made(
        23,
        Status.NOT_ASSESSABLE if not later_jobs else Status.NOT_MET if later_late else Status.MET,
        jobs_past_first_period=len(later_jobs),
        contacts_later=sum(len(j.contacts) for j in jobs) - first_month,
        late=later_late,
        interval_months=policy.later_contact_months,
    )
    return [individual, unlimited]


def _report(read: _Read, as_of: date | None) -> FidelityReport:
    day = as_of if as_of is not None else read.events[-1].at
    events = tuple(e for e in read.events if e.at <= day)
    ended = next((e.at for e in events if e.trigger == "end"), None)
    until = ended or day
    items = [
        _zero_exclusion(events),
        _before_first_job(
            12,
            events,
            "counsel_benefits",
            lambda d: isinstance(d, BenefitsCounselling) and d.personalised,
            ended is not None,
        ),
        _before_first_job(
            13,
            events,
            "discuss_disclosure",
            lambda d: isinstance(d, DisclosureDiscussion),
            ended is not None,
        ),
        _rapid_search(events, read.policy, until),
        _competitive_jobs(events),
        *_follow_along(events, read.policy, until),
    ]
    return FidelityReport(client_id=read.client_id, as_of=day, items=tuple(items))


def fidelity_report(
    pathway: Pathway[IpsContext, IpsPolicy] | Sequence[Event],
    *,
    as_of: date | None = None,
    policy: IpsPolicy | None = None,
) -> FidelityReport:
    """Report the quality criteria one supported-employment history shows (I14).

    Items 9 (zero exclusion), 12 (benefits counselling), 13 (disclosure), 15 (rapid job
    search), 21 (competitive jobs), 22 and 23 (follow-along support), each met, not met
    or not assessable, with the dates and counts behind it.

    Args:
        pathway: an ``ips`` pathway, or its history as a sequence of events.
        as_of: the day to report on; events after it are left out. Defaults to the date
            of the latest event, so the report depends on the history alone.
        policy: the limits to judge by; defaults to the pathway's own policy (or the
            default policy for a bare history).

    Raises:
        PathwayDataError: *pathway* is not an ``ips`` pathway or history, or *as_of* is
            not a date.
    """
    _check_as_of(as_of)
    return _report(_read(pathway, policy, "$.pathway"), as_of)


def _coach_on(events: Sequence[Event]) -> str | None:
    coach = None
    for event in events:
        if event.trigger in ("agree", "reassign_coach"):
            coach = event.data.coach_id
    return coach


def _positive_percent(mapping: Mapping[str, int], path: str) -> None:
    for key, value in mapping.items():
        if type(key) is not str or type(value) is not int or not 1 <= value <= 100:
            raise PathwayDataError([(f"{path}[{key!r}]", "expected a percentage from 1 to 100")])


def _declared_items(declared: Mapping[Any, object]) -> list[FidelityItem]:
    problems = [
        (f"$.declared[{n!r}]", f"expected a declarable item {list(DECLARED_ITEMS)}")
        for n in declared
        if n not in DECLARED_ITEMS
    ]
    problems += [
        (f"$.declared[{n!r}]", "expected true or false")
        for n, v in declared.items()
        if type(v) is not bool
    ]
    if problems:
        raise PathwayDataError(problems)
    return [
        _made(n, Status.NOT_ASSESSABLE)
        if n not in declared
        else _made(n, Status.MET if declared[n] else Status.NOT_MET, declared=True)
        for n in DECLARED_ITEMS
    ]


def _check_team_limits(
    as_of: object,
    caseload_limit: object,
    max_employer_share_percent: object,
    mappings: Mapping[str, object],
) -> None:
    """The day, the limits and the mappings of :func:`caseload_report`, in that order."""
    if type(as_of) is not date:
        raise PathwayDataError([("$.as_of", "expected a datetime.date")])
    if type(caseload_limit) is not int or caseload_limit < 1:
        raise PathwayDataError([("$.caseload_limit", "expected a positive integer")])
    share = max_employer_share_percent
    if type(share) is not int or not 1 <= share <= 100:
        raise PathwayDataError(
            [("$.max_employer_share_percent", "expected a percentage from 1 to 100")]
        )
    for name, value in mappings.items():
        if value is not None and not isinstance(value, Mapping):
            raise PathwayDataError([(f"$.{name}", "expected a mapping")])


def _caseload(
    active: Counter[str], fte: Mapping[str, int], caseload_limit: int
) -> tuple[tuple[SpecialistCaseload, ...], FidelityItem]:
    """Item 1: each coach's active clients against the limit for their working time."""
    specialists = tuple(
        SpecialistCaseload(
            coach_id=coach,
            active=count,
            fte_percent=fte.get(coach, 100),
            within_limit=count * 100 <= caseload_limit * fte.get(coach, 100),
        )
        for coach, count in sorted(active.items())
    )
    over = [s.coach_id for s in specialists if not s.within_limit]
    caseload = _made(
        1,
        Status.NOT_ASSESSABLE if not specialists else Status.NOT_MET if over else Status.MET,
        specialists=len(specialists),
        active_clients=sum(active.values()),
        largest=max((s.active for s in specialists), default=0),
        limit=caseload_limit,
        over_limit=tuple(over),
    )
    return specialists, caseload


def _employer_diversity(employers: Counter[str], max_share_percent: int) -> FidelityItem:
    """Item 20: no employer has more than the largest share of the placements."""
    placements = sum(employers.values())
    top = max(employers.values(), default=0)
    return _made(
        20,
        Status.NOT_ASSESSABLE
        if not placements
        else Status.MET
        if top * 100 <= max_share_percent * placements
        else Status.NOT_MET,
        placements=placements,
        employers=len(employers),
        most_with_one_employer=top,
        limit_percent=max_share_percent,
    )


def caseload_report(
    pathways: Iterable[Pathway[IpsContext, IpsPolicy] | Sequence[Event]],
    *,
    as_of: date,
    caseload_limit: int = 20,
    max_employer_share_percent: int = 15,
    fte_percent: Mapping[str, int] | None = None,
    declared: Mapping[int, bool] | None = None,
    policy: IpsPolicy | None = None,
) -> CaseloadReport:
    """Team-level fidelity over a set of supported-employment pathways, on *as_of*.

    Item 1 (caseload, I12, I13): each job coach's clients active on *as_of* (in
    profiling, job search or work), per full-time equivalent, at most *caseload_limit*
    (20 in IPS-25; 25 in the older 15-item scale). Item 20 (employer diversity, I12,
    secondary source): the employer with the most placements up to *as_of* has at most
    *max_employer_share_percent* of them. Organisational and practice items the events
    cannot show come from *declared*; an item not declared is not assessable. Each
    pathway's own report is :func:`fidelity_report` as of *as_of*, whatever the others.

    Args:
        pathways: ``ips`` pathways or their histories.
        as_of: the day the caseload is counted on.
        caseload_limit: active clients allowed per full-time coach.
        max_employer_share_percent: the largest share of placements one employer may have.
        fte_percent: each coach's working time as a percentage of full time (default 100).
        declared: the host's finding (met or not) for items in ``DECLARED_ITEMS``.
        policy: the limits for bare histories (as in :func:`fidelity_report`).

    Raises:
        PathwayDataError: a pathway, limit, percentage or declared item is malformed.
    """
    mappings = {"fte_percent": fte_percent, "declared": declared}
    _check_team_limits(as_of, caseload_limit, max_employer_share_percent, mappings)
    fte = dict(fte_percent or {})
    _positive_percent(fte, "$.fte_percent")
    declared_items = _declared_items(dict(declared or {}))
    given: object = pathways
    if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise PathwayDataError([("$.pathways", "expected pathways or histories")])
    reads = [_read(p, policy, f"$.pathways[{i}]") for i, p in enumerate(pathways)]

    active: Counter[str] = Counter()
    employers: Counter[str] = Counter()
    for read in reads:
        events = [e for e in read.events if e.at <= as_of]
        if events and events[-1].dest in ACTIVE_STATES:
            coach = _coach_on(events)
            assert coach is not None  # every active state is entered through "agree"
            active[coach] += 1
        employers.update(e.data.employer_id for e in events if e.trigger == "place")

    specialists, caseload = _caseload(active, fte, caseload_limit)
    diversity = _employer_diversity(employers, max_employer_share_percent)
    return CaseloadReport(
        as_of=as_of,
        items=(caseload, diversity, *declared_items),
        specialists=specialists,
        pathways=tuple(_report(r, as_of) for r in reads),
    )


def ips25_total(scores: Mapping[int, int]) -> int:
    """The IPS-25 total from the host's item scores: items 1–25, each scored 1–5 (I11).

    Raises:
        PathwayDataError: an item is missing or unknown, or a score is outside 1–5.
    """
    given: object = scores
    if not isinstance(given, Mapping):
        raise PathwayDataError([("$.scores", "expected a mapping of item numbers to scores")])
    problems = [(f"$.scores[{n}]", "is missing") for n in ITEMS if n not in scores]
    for number, score in scores.items():
        if type(number) is not int or number not in ITEMS:
            problems.append((f"$.scores[{number!r}]", "expected an item number from 1 to 25"))
        elif type(score) is not int or not 1 <= score <= 5:
            problems.append((f"$.scores[{number}]", "expected an integer score from 1 to 5"))
    if problems:
        raise PathwayDataError(problems)
    return sum(scores.values())


def band(total: int) -> Band:
    """The IPS-25 band of *total* (I11): 115–125 exemplary, 100–114 good, 74–99 fair, ≤73 not IPS.

    Raises:
        PathwayDataError: *total* is not an integer from 25 to 125.
    """
    if type(total) is not int or not 25 <= total <= 125:
        raise PathwayDataError([("$.total", "expected an integer from 25 to 125")])
    if total >= 115:
        return Band.EXEMPLARY
    if total >= 100:
        return Band.GOOD
    if total >= 74:
        return Band.FAIR
    return Band.NOT_IPS
