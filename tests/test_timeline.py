"""``diagrams.timeline`` draws a journey as a Mermaid gantt chart (issue 18)."""

from __future__ import annotations

import re
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pathway_fsm as pf
from ips_data import COMPETITIVE
from pathway_fsm import Actor, Role, diagrams, journey, typ
from pathway_fsm.testing import Run, pathways

OFFICE = Actor("ea-counsellor-17", Role.EMPLOYMENT_AUTHORITY)
COUNTY = Actor("wc-social-worker-4", Role.WELLBEING_COUNTY)
EVERYONE = frozenset({Role.EMPLOYMENT_AUTHORITY, Role.WELLBEING_COUNTY, Role.KELA})
CLIENT = "client-9"
# A task: its name, its tags, its id, its first day and its end (a day or a duration).
TASK = re.compile(
    r"^  (?P<name>[^:]+?) :(?P<tags>(?:(?:milestone|done|active|crit), )*)"
    r"(?P<id>[a-z]\d+), (?P<start>\d{4}-\d\d-\d\d), (?P<end>\d{4}-\d\d-\d\d|0d)$"
)
HEADER = ["gantt", "dateFormat YYYY-MM-DD", "axisFormat %Y-%m-%d", "todayMarker off"]


def parse(text: str) -> tuple[str, dict[str, list[dict[str, str]]]]:
    """The title and each section's tasks of a gantt chart; fails on any other line."""
    front, lines = text.splitlines()[:5], text.splitlines()[5:]
    assert ["---", "config:", "  gantt:"] == front[:3]
    assert 75 <= int(front[3].removeprefix("    leftPadding: ")) <= 400
    assert "---" == front[4]
    assert "gantt" == lines[0]
    assert lines[1].startswith("  title ")
    assert HEADER[1:] == [line.strip() for line in lines[2:5]]
    sections: dict[str, list[dict[str, str]]] = {}
    tasks: list[dict[str, str]] = []
    for line in lines[5:]:
        if line.startswith("  section "):
            tasks = sections.setdefault(line.removeprefix("  section "), [])
            continue
        found = TASK.match(line)
        assert found is not None, line
        task = found.groupdict()
        task["tags"] = task["tags"].rstrip(", ")
        milestone = "milestone" in task["tags"].split(", ")
        assert milestone == (task["end"] == "0d"), line
        if not milestone:
            assert date.fromisoformat(task["start"]) < date.fromisoformat(task["end"]), line
        tasks.append(task)
    ids = [t["id"] for ts in sections.values() for t in ts]
    assert len(ids) == len(set(ids))
    return lines[1].removeprefix("  title "), sections


def worked_journey() -> tuple[pf.Pathway, pf.Pathway]:
    """TYP handed over to the county's KTT: the plan came too late, the reply in time."""
    client_journey = journey.definition().start(
        CLIENT, at=date(2025, 1, 8), by=OFFICE, party=Role.EMPLOYMENT_AUTHORITY, service="typ"
    )
    t = typ.definition(profile="381/2023").start(CLIENT, at=date(2025, 1, 8), by=OFFICE)
    t.fire(
        "admit",
        at=date(2025, 1, 8),
        by=OFFICE,
        multidisciplinary_need=True,
        work_capacity_limitations=True,
        solvable_by_consultation=False,
    )
    t.fire("begin_resolution", at=date(2025, 5, 5), by=OFFICE)
    t.fire(
        "record_final_assessment",
        at=date(2025, 5, 5),
        by=OFFICE,
        participants=EVERYONE | {Role.CLIENT},
    )
    journey.end_service(
        client_journey,
        t,
        at=date(2025, 5, 6),
        by=OFFICE,
        handover_id="typ-5",
        respond_by=date(2025, 5, 20),
        decided_by=EVERYONE,
        next_party=Role.WELLBEING_COUNTY,
        next_service="ktt",
    )
    client_journey.fire(
        "accept_handover",
        at=date(2025, 5, 12),
        by=COUNTY,
        handover_id="typ-5",
        starts_on=date(2025, 5, 19),
    )
    client_journey.fire("complete_handover", at=date(2025, 5, 26), by=OFFICE, handover_id="typ-5")
    return client_journey, t


def one_service() -> pf.Pathway:
    """A journey with its first service only."""
    return journey.definition().start(
        CLIENT, at=date(2025, 3, 3), by=COUNTY, party=Role.WELLBEING_COUNTY, service="ktt"
    )


AT = date(2025, 6, 30)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_h1_each_service_is_a_section_of_its_parties(lang: pf.Lang) -> None:
    """Each service's section holds its parties' bars; TYP is named by its label."""
    client_journey, t = worked_journey()
    title, sections = parse(
        diagrams.timeline(client_journey, at=AT, services={"typ": t}, lang=lang)
    )
    handovers = {"fi": "Siirrot", "sv": "Överlämningar", "en": "Handovers"}[lang]
    assert journey.definition().label.get(lang) == title
    assert [t.definition.label.get(lang), "ktt", handovers] == list(sections)
    typ_bars = [b for b in sections[t.definition.label.get(lang)] if "milestone" not in b["tags"]]
    assert [(Role.EMPLOYMENT_AUTHORITY.label.get(lang), "done", "2025-01-08", "2025-05-27")] == [
        (b["name"], b["tags"], b["start"], b["end"]) for b in typ_bars
    ]
    (ktt,) = sections["ktt"]
    assert (Role.WELLBEING_COUNTY.label.get(lang), "active", "2025-05-19", "2025-07-01") == (
        ktt["name"],
        ktt["tags"],
        ktt["start"],
        ktt["end"],
    )


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_h2_a_handover_shows_its_span_and_the_days_both_were_responsible(lang: pf.Lang) -> None:
    """The handover runs from proposal to release; both parties hold the client 19–26 May."""
    client_journey, t = worked_journey()
    _, sections = parse(diagrams.timeline(client_journey, at=AT, services={"typ": t}, lang=lang))
    handover, overlap, reply = list(sections.values())[-1]
    sender, receiver = Role.EMPLOYMENT_AUTHORITY.label.get(lang), Role.WELLBEING_COUNTY.label
    assert handover["name"].startswith(f"{sender} → {receiver.get(lang)} (")
    assert ("done", "2025-05-06", "2025-05-27") == (
        handover["tags"],
        handover["start"],
        handover["end"],
    )
    both = {"fi": "Molemmat vastuussa", "sv": "Båda ansvarar", "en": "Both responsible"}[lang]
    assert (both, "2025-05-19", "2025-05-27") == (overlap["name"], overlap["start"], overlap["end"])
    assert ("milestone, done", "2025-05-20") == (reply["tags"], reply["start"])


def test_c1_a_deadline_missed_is_crit_and_one_met_is_done() -> None:
    """TYP's plan never came before its due day: crit, and the word says missed."""
    client_journey, t = worked_journey()
    _, sections = parse(diagrams.timeline(client_journey, at=AT, services={"typ": t}))
    milestones = {m["name"]: m for ms in sections.values() for m in ms if "milestone" in m["tags"]}
    plan = milestones["Multidisciplinary employment plan ready (missed)"]
    assert ("milestone, crit", "2025-04-08") == (plan["tags"], plan["start"])
    assert "milestone, done" == milestones["Answer to the handover (met)"]["tags"]
    fi = diagrams.timeline(client_journey, at=AT, services={"typ": t}, lang="fi")
    assert "(myöhässä) :milestone, crit" in fi
    assert "(ajallaan) :milestone, done" in fi


COACH = Actor("coach-3", Role.JOB_COACH)
ADMISSION = {"multidisciplinary_need": True, "labour_market_subsidy_days": 320}
PLAN = {
    "services": [
        {"name": "job coaching", "provider": "employment_authority", "kind": "employment"}
    ],
    "follow_up": "monthly meeting",
    "job_search": "included",
    "made_with": [r.value for r in (*EVERYONE - {Role.KELA}, Role.CLIENT)],
    "assessed": [a.value for a in typ.AssessmentArea],
}


def ips_journey(p: pf.Pathway) -> pf.Pathway:
    """A journey whose one service is the IPS pathway *p*, from *p*'s first day."""
    first = p.history[0].at
    return journey.definition().start(
        p.client_id, at=first, by=COACH, party=Role.JOB_COACH, service="ips"
    )


def milestone(chart: str, label: str) -> tuple[str, str]:
    """The word and the tags of the milestone named *label* in *chart*."""
    _, sections = parse(chart)
    (found,) = [m for ms in sections.values() for m in ms if m["name"].startswith(f"{label} (")]
    return found["name"].removeprefix(f"{label} (").removesuffix(")"), found["tags"]


def test_d8_a_deadline_the_pathway_moved_past_lapsed_and_was_not_met() -> None:
    """A client who left before any employer contact did not meet the first-contact
    deadline: the chart says lapsed, untagged, as item 15 says not assessable."""
    entry = date(2025, 1, 1)
    p = pf.ips.definition().start(CLIENT, at=entry, by=COACH)
    p.fire("agree", at=entry, by=COACH, wants_work=True, coach_id="coach-3")
    p.fire("end", at=date(2025, 1, 11), by=COACH, closure="moved_away")
    at = date(2025, 3, 1)
    chart = diagrams.timeline(ips_journey(p), at=at, services={"ips": p})
    label = "First face-to-face employer contact"
    assert ("lapsed", "milestone") == milestone(chart, label)
    assert pf.ips.Status.NOT_ASSESSABLE == pf.ips.fidelity_report(p, as_of=at).item(15).status
    fi = diagrams.timeline(ips_journey(p), at=at, services={"ips": p}, lang="fi")
    assert "(ei enää ajankohtainen) :milestone, d" in fi


@pytest.mark.parametrize(
    ("trigger", "word"), [("make_plan", "met"), ("begin_resolution", "lapsed")]
)
def test_d8_t5_only_a_plan_meets_the_plan_deadline(trigger: str, word: str) -> None:
    """T5: moving to Ratkaise without a plan ends the mapping period, but the plan
    deadline was not met by it; a plan made in time meets it."""
    t = typ.definition(profile="1369/2014").start(CLIENT, at=date(2025, 1, 8), by=OFFICE)
    t.fire("admit", at=date(2025, 1, 8), by=OFFICE, **ADMISSION)
    data = PLAN if trigger == "make_plan" else {}
    t.fire(trigger, at=date(2025, 2, 3), by=OFFICE, **data)
    client_journey = journey.definition().start(
        CLIENT, at=date(2025, 1, 8), by=OFFICE, party=Role.EMPLOYMENT_AUTHORITY, service="typ"
    )
    chart = diagrams.timeline(client_journey, at=date(2025, 3, 1), services={"typ": t})
    tag = "milestone, done" if word == "met" else "milestone"
    assert (word, tag) == milestone(chart, "Multidisciplinary employment plan ready")


@settings(max_examples=60, deadline=None)
@given(
    roll_forward=st.booleans(),
    entry=st.dates(date(2024, 1, 1), date(2026, 12, 31)),
    profiled=st.integers(0, 20),
    steps=st.lists(
        st.tuples(
            st.integers(0, 25), st.sampled_from(["contact", "other_contact", "place", "end"])
        ),
        max_size=4,
    ),
    later=st.integers(0, 60),
)
def test_d8_the_chart_and_item_15_agree_on_every_history(
    roll_forward: bool,
    entry: date,
    profiled: int,
    steps: list[tuple[int, str]],
    later: int,
) -> None:
    """D8: the first-contact milestone is met exactly when item 15 is met, missed exactly
    when it is not met, and open or lapsed exactly when it is not assessable, whether
    the client met an employer, was hired, left early or did nothing."""
    p = pf.ips.definition(roll_forward=roll_forward).start(CLIENT, at=entry, by=COACH)
    p.fire("agree", at=entry, by=COACH, wants_work=True, coach_id="coach-3")
    day = entry + timedelta(days=profiled)
    p.fire("make_profile", at=day, by=COACH, wishes=["shop"], skills=["till"])
    for gap, step in steps:
        day += timedelta(days=gap)
        if step == "end":
            p.fire("end", at=day, by=COACH, closure="moved_away")
            break
        if step == "place":
            p.fire("place", at=day, by=COACH, employer_id="e-1", **COMPETITIVE)
            break
        p.fire(
            "employer_contact",
            at=day,
            by=COACH,
            employer_id="e-1",
            face_to_face=step == "contact",
            competitive_job=True,
        )
    at = day + timedelta(days=later)
    chart = diagrams.timeline(ips_journey(p), at=at, services={"ips": p})
    word, _ = milestone(chart, "First face-to-face employer contact")
    expected = {"met": "met", "missed": "not_met", "open": "not_assessable"}
    expected["lapsed"] = "not_assessable"
    assert expected[word] == pf.ips.fidelity_report(p, as_of=at).item(15).status.value


def test_c1_an_open_deadline_is_active_and_missed_once_overdue() -> None:
    """An unanswered proposal's reply date is open before it and missed after it."""
    client_journey = one_service()
    client_journey.fire(
        "propose_handover",
        at=date(2025, 4, 1),
        by=COUNTY,
        handover_id="h-1",
        from_party=Role.WELLBEING_COUNTY,
        from_service="ktt",
        to_party=Role.EMPLOYMENT_AUTHORITY,
        to_service="typ",
        respond_by=date(2025, 4, 15),
    )
    before = diagrams.timeline(client_journey, at=date(2025, 4, 10))
    assert "(open) :milestone, active, d3, 2025-04-15, 0d" in before
    assert ":active, h2, 2025-04-01, 2025-04-11" in before
    after = diagrams.timeline(client_journey, at=date(2025, 4, 16))
    assert "(missed) :milestone, crit, d3, 2025-04-15, 0d" in after


def test_h1_a_one_service_journey_is_one_section_without_handovers() -> None:
    """One service, no handover: one section with one open bar up to the asked day."""
    title, sections = parse(diagrams.timeline(one_service(), at=date(2025, 3, 3)))
    assert "Client journey" == title
    assert {"ktt": [("wellbeing services county", "active", "2025-03-03", "2025-03-04")]} == {
        name: [(t["name"], t["tags"], t["start"], t["end"]) for t in tasks]
        for name, tasks in sections.items()
    }


def test_h1_an_empty_services_mapping_draws_the_journey_alone() -> None:
    """Without service pathways no service deadline is drawn, only the journey's own."""
    client_journey, _ = worked_journey()
    text = diagrams.timeline(client_journey, at=AT, services={})
    assert ["typ", "ktt", "Handovers"] == list(parse(text)[1])
    assert ["d4"] == re.findall(r"milestone, \w+, (d\d+)", text)


def test_c2_until_leaves_out_later_deadlines() -> None:
    """The retention date four years ahead is drawn only without *until*."""
    client_journey, t = worked_journey()
    far = diagrams.timeline(client_journey, at=AT, services={"typ": t})
    near = diagrams.timeline(client_journey, at=AT, services={"typ": t}, until=date(2025, 12, 31))
    assert "2029-" in far
    assert "2029-" not in near
    assert "(missed) :milestone, crit" in near


def test_a_future_responsibility_is_drawn_untagged() -> None:
    """A receiver accepted from a later day has a bar from that day, not yet active."""
    client_journey = one_service()
    client_journey.fire(
        "propose_handover",
        at=date(2025, 4, 1),
        by=COUNTY,
        handover_id="h-1",
        from_party=Role.WELLBEING_COUNTY,
        from_service="ktt",
        to_party=Role.EMPLOYMENT_AUTHORITY,
        to_service="typ",
    )
    client_journey.fire(
        "accept_handover",
        at=date(2025, 4, 2),
        by=OFFICE,
        handover_id="h-1",
        starts_on=date(2025, 5, 1),
    )
    _, sections = parse(diagrams.timeline(client_journey, at=date(2025, 4, 3)))
    (future,) = sections["typ"]
    assert ("", "2025-05-01", "2025-05-02") == (future["tags"], future["start"], future["end"])
    assert 1 == len(sections["Handovers"])  # not overlapping yet: no "both responsible" bar


def test_no_client_fact_actor_or_host_id_is_drawn() -> None:
    """Neither the client id, the actors' ids, the handover id nor recorded data appear."""
    client_journey, t = worked_journey()
    for lang in ("fi", "sv", "en"):
        text = diagrams.timeline(client_journey, at=AT, services={"typ": t}, lang=lang)  # type: ignore[arg-type]
        for fact in (CLIENT, OFFICE.actor_id, COUNTY.actor_id, "typ-5", "True", "2025-05-05"):
            assert fact not in text


def test_task_names_lose_the_characters_gantt_reads_as_syntax() -> None:
    """A host's service name with a colon, semicolon or hash cannot break the chart."""
    client_journey = journey.definition().start(
        CLIENT, at=date(2025, 3, 3), by=COUNTY, party=Role.WELLBEING_COUNTY, service="a: b; #c %% d"
    )
    _, sections = parse(diagrams.timeline(client_journey, at=date(2025, 3, 3)))
    assert ["a b, c % d"] == list(sections)
    for name, shown in (("x::", "x"), ("<b>x</b>:y", "bx/b y")):
        only = journey.definition().start(
            CLIENT, at=date(2025, 3, 3), by=COUNTY, party=Role.WELLBEING_COUNTY, service=name
        )
        assert [shown] == list(parse(diagrams.timeline(only, at=date(2025, 3, 3)))[1])


def test_services_pathway_of_another_client_or_service_is_refused() -> None:
    """A service pathway must be the same client's and a service of the journey."""
    client_journey, t = worked_journey()
    other = typ.definition().start("client-10", at=date(2025, 1, 8), by=OFFICE)
    with pytest.raises(pf.PathwayDataError) as caught:
        diagrams.timeline(client_journey, at=AT, services={"typ": other, "ips": t})
    assert [
        ("services[typ]", "expected one of the journey client's pathways"),
        ("services[ips]", "expected one of the journey's services"),
    ] == list(caught.value.errors)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"journey": "a journey"}, "journey"),
        ({"at": datetime(2025, 6, 30, 12)}, "at"),
        ({"at": "2025-06-30"}, "at"),
        ({"at": date(2025, 5, 25)}, "at"),
        ({"lang": "de"}, "lang"),
        ({"services": [("typ", None)]}, "services"),
        ({"services": {"typ": "pathway"}}, "services[typ]"),
        ({"services": {3: "pathway"}}, "services[3]"),
        ({"until": "2025-12-31"}, "until"),
    ],
)
def test_wrong_arguments_are_named(changes: dict[str, object], field: str) -> None:
    """Each malformed argument gives a PathwayDataError naming it, and draws nothing."""
    client_journey, t = worked_journey()
    arguments: dict[str, object] = {"journey": client_journey, "at": AT, "services": {"typ": t}}
    arguments.update(changes)
    with pytest.raises(pf.PathwayDataError) as caught:
        diagrams.timeline(**arguments)  # type: ignore[arg-type]
    assert [field] == [path for path, _ in caught.value.errors]


def test_a_service_pathway_is_refused_as_the_journey() -> None:
    """Only a journey pathway is drawn: a TYP pathway in its place is named."""
    _, t = worked_journey()
    with pytest.raises(pf.PathwayDataError, match="journey"):
        diagrams.timeline(t, at=AT)


def test_drawing_leaves_the_pathways_as_they_were() -> None:
    """Drawing reads the pathways only: both are equal to their copies afterwards."""
    client_journey, t = worked_journey()
    before = (pf.to_dict(client_journey), pf.to_dict(t))
    diagrams.timeline(client_journey, at=AT, services={"typ": t})
    assert before == (pf.to_dict(client_journey), pf.to_dict(t))


def test_threads_drawing_one_journey_get_the_same_chart() -> None:
    """Eight threads drawing one journey at once all get the same text."""
    client_journey, t = worked_journey()
    expected = diagrams.timeline(client_journey, at=AT, services={"typ": t})
    drawn: list[str] = []

    def draw() -> None:
        drawn.append(diagrams.timeline(client_journey, at=AT, services={"typ": t}))

    threads = [threading.Thread(target=draw) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [expected] * 8 == drawn


@settings(max_examples=25, deadline=None)
@given(pathways(journey.definition(), max_attempts=12))
def test_h1_any_drawn_journey_charts_every_responsibility(run: Run) -> None:
    """Every responsibility of a drawn journey is one bar, in its service's section."""
    client_journey = run.pathway
    at = client_journey.history[-1].at
    text = diagrams.timeline(client_journey, at=at)
    _, sections = parse(text)
    bars = [t for tasks in sections.values() for t in tasks if t["id"].startswith("r")]
    assert len(client_journey.context.responsibilities) == len(bars)
    assert len({r.service for r in client_journey.context.responsibilities}) <= len(sections)
    assert "client-x" not in text


def test_the_sections_names_get_room_left_of_the_bars() -> None:
    """A long section name widens Mermaid's left padding, within 75 to 400 px."""
    client_journey, t = worked_journey()
    short = diagrams.timeline(one_service(), at=date(2025, 3, 3)).splitlines()[3]
    long = diagrams.timeline(client_journey, at=AT, services={"typ": t}).splitlines()[3]
    assert "    leftPadding: 75" == short
    assert 300 < int(long.removeprefix("    leftPadding: ")) <= 400


def test_the_handover_page_shows_the_worked_journeys_chart() -> None:
    """docs/handover.md's gantt block is the chart of its worked journey, as drawn now."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "handover.md").read_text("utf-8")
    (shown,) = [b for b in re.findall(r"```mermaid\n(.*?)```", page, re.DOTALL) if "gantt" in b]
    client_journey, t = worked_journey()
    chart = diagrams.timeline(
        client_journey, at=AT, services={"typ": t}, lang="fi", until=date(2025, 12, 31)
    )
    assert chart == shown
