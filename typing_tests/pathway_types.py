"""Types a host sees when it runs and stores pathways: checked by mypy, never executed.

``make typecheck`` runs ``mypy --strict`` on this directory. Each ``assert_type`` states
what the library promises; each ``# type: ignore[code]`` marks a misuse that mypy must
reject with that error code (``warn_unused_ignores`` fails the check if it does not).
"""

from collections.abc import Mapping
from datetime import date
from typing import Any, assert_type

import pathway_fsm as pf
from pathway_fsm import diagrams, embedding, typ


def running(definition: pf.ProcessDefinition[Any, Any], office: pf.Actor, day: date) -> None:
    """Starting, checking and firing."""
    pathway = definition.start("client-1", at=day, by=office)
    assert_type(pathway, pf.Pathway[Any, Any])
    assert_type(typ.definition(), pf.ProcessDefinition[typ.TypContext, typ.TypPolicy])
    assert_type(
        typ.definition().start("client-1", at=day, by=office),
        pf.Pathway[typ.TypContext, typ.TypPolicy],
    )

    verdict = pathway.check("admit", at=day, by=office, multidisciplinary_need=True)
    assert_type(verdict, pf.Verdict)
    assert_type(verdict.reasons, tuple[pf.Reason, ...])
    assert_type(verdict.codes, tuple[str, ...])
    assert_type(verdict.allowed, bool)
    assert_type(verdict.reasons[0].message("sv"), str)

    event = pathway.fire("admit", at=day, by=office, expected_seq=pathway.seq)
    assert_type(event, pf.Event)
    assert_type(event.source, str | None)
    assert_type(event.at, date)

    assert_type(pathway.state, str)
    assert_type(pathway.history, pf.History)
    assert_type(pathway.history[0], pf.Event)
    assert_type(pathway.history[1:], tuple[pf.Event, ...])
    assert_type(pathway.context, Any)  # process-specific: typ.TypContext for TYP
    assert_type(pathway.available(at=day, by=office), tuple[str, ...])
    assert_type(pathway.deadlines(at=day), tuple[pf.Deadline, ...])


def storing(pathway: pf.Pathway[Any, Any], document: dict[str, Any]) -> None:
    """The stored form and the shipped definitions."""
    assert_type(pf.to_dict(pathway), dict[str, Any])
    assert_type(pf.from_dict(document), pf.Pathway[Any, Any])
    assert_type(pf.from_dict(document, definition=pathway.definition), pf.Pathway[Any, Any])
    assert_type(
        pf.replay(pathway.definition, pathway.history, client_id=pathway.client_id),
        pf.Pathway[Any, Any],
    )
    assert_type(pf.definitions(), Mapping[str, pf.ProcessDefinition[Any, Any]])


def drawing_and_embedding(pathway: pf.Pathway[Any, Any]) -> None:
    """Diagrams and a host's HierarchicalMachine configuration."""
    assert_type(diagrams.mermaid(pathway.definition, lang="fi", pathway=pathway), str)
    assert_type(embedding.to_transitions_config(pathway.definition), dict[str, Any])


def misuse(
    pathway: pf.Pathway[Any, Any], office: pf.Actor, day: date, document: dict[str, Any]
) -> None:
    """Mistakes mypy must catch before the library's own checks would."""
    # Days are dates, and at= and by= are keyword-only and required.
    pathway.fire("admit", at="2025-01-15", by=office)  # type: ignore[arg-type]
    pathway.fire("admit", at=day)  # type: ignore[call-arg]
    # After the trigger, one positional payload value at most: the rest are keywords.
    pathway.fire("admit", None, day, office)  # type: ignore[call-arg]
    pathway.check("admit", at=day)  # type: ignore[call-arg]
    # A pathway moves only through fire(); events are frozen.
    pathway.state = "ended"  # type: ignore[misc]
    pathway.history[0].seq = 2  # type: ignore[misc]
    # Roles are the Role enum in code (their stored values are accepted only at run time).
    pf.Actor("ea-1", "employment_authority")  # type: ignore[arg-type]
    # The stored form is a plain dict; only from_dict makes it a pathway again.
    pf.to_dict(document)  # type: ignore[arg-type]
    pf.from_dict(document)["state"]  # type: ignore[index]
    # definitions() is read-only.
    pf.definitions()["mine"] = pathway.definition  # type: ignore[index]
    # Languages are "fi", "sv" and "en".
    diagrams.mermaid(pathway.definition, lang="de")  # type: ignore[arg-type]
    pathway.check("admit", at=day, by=office).reasons[0].message("de")  # type: ignore[arg-type]
