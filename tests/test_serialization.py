"""The stored form: JSON-ready out, strict in, every bad field reported by path."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

import pathway_fsm as pf
from pathway_fsm import Actor, Role, typ

D0 = date(2025, 1, 8)
ENTRY = {
    "multidisciplinary_need": True,
    "benefits_from_service": True,
    "labour_market_subsidy_days": 400,
    "birth_date": date(1990, 5, 17),
}


@pytest.fixture
def stored(ea: Actor) -> dict[str, Any]:
    """A stored pathway that has been admitted."""
    p = typ.definition(profile="1369/2014").start("client-1", at=D0, by=ea)
    p.fire("admit", at=D0, by=ea, **ENTRY)
    return pf.to_dict(p)


def paths(document: Any, **kwargs: Any) -> list[str]:
    """The error paths from_dict reports for *document*."""
    with pytest.raises(pf.PathwayDataError) as info:
        pf.from_dict(document, **kwargs)
    return [p for p, _ in info.value.errors]


def test_to_dict_is_json_ready(stored: dict[str, Any]) -> None:
    """The stored form survives json.dumps unchanged and records name, version and policy."""
    assert stored == json.loads(json.dumps(stored))
    assert pf.SCHEMA_VERSION == stored["schema_version"]
    assert {"name": "typ", "version": typ.VERSION} == {
        k: stored["definition"][k] for k in ("name", "version")
    }
    assert "1369/2014" == stored["definition"]["policy"]["profile"]
    assert "1990-05-17" == stored["history"][1]["data"]["birth_date"]
    assert None is stored["history"][0]["source"]


def test_policy_restored(stored: dict[str, Any]) -> None:
    """from_dict rebuilds the definition under the stored policy."""
    assert "1369/2014" == pf.from_dict(stored).definition.policy.profile


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("state"), "$.state"),
        (lambda d: d.update(extra=1), "$.extra"),
        (lambda d: d.update(schema_version=2), "$.schema_version"),
        (lambda d: d.update(schema_version="1"), "$.schema_version"),
        (lambda d: d.update(client_id=""), "$.client_id"),
        (lambda d: d.update(state="nowhere"), "$.state"),
        (lambda d: d.update(history=[]), "$.history"),
        (lambda d: d.update(definition="typ"), "$.definition"),
        (lambda d: d["definition"].update(name="no_such_process"), "$.definition.name"),
        (lambda d: d["definition"].update(version="0"), "$.definition.version"),
        (lambda d: d["definition"]["policy"].pop("profile"), "$.definition.policy.profile"),
        (lambda d: d["definition"]["policy"].update(profile="x"), "$.definition.policy.profile"),
        (lambda d: d["history"][1].update(seq=5), "$.history[1].seq"),
        (lambda d: d["history"][1].update(trigger="jump"), "$.history[1].trigger"),
        (lambda d: d["history"][1].update(dest="limbo"), "$.history[1].dest"),
        (lambda d: d["history"][1].update(at="2025-02-30"), "$.history[1].at"),
        (lambda d: d["history"][1]["actor"].update(role="boss"), "$.history[1].actor.role"),
        (
            lambda d: d["history"][1]["data"].update(labour_market_subsidy_days="many"),
            "$.history[1].data.labour_market_subsidy_days",
        ),
        (lambda d: d["history"][1]["data"].update(surprise=1), "$.history[1].data.surprise"),
        (lambda d: d["history"][0].update(data={}), "$.history[0].data"),
        (lambda d: d["history"][1].pop("actor"), "$.history[1].actor"),
        (lambda d: d["history"].__setitem__(1, 7), "$.history[1]"),
    ],
)
def test_tampered_field_is_named(stored: dict[str, Any], change: Any, expected: str) -> None:
    """Each kind of tampering is a PathwayDataError whose paths name the field."""
    document = copy.deepcopy(stored)
    change(document)
    assert expected in paths(document)


def test_every_bad_field_reported_at_once(stored: dict[str, Any]) -> None:
    """Several bad fields are all reported in one error."""
    document = copy.deepcopy(stored)
    document["history"][0]["at"] = "yesterday"
    document["history"][1]["actor"]["role"] = "boss"
    document["client_id"] = 5
    assert {"$.history[0].at", "$.history[1].actor.role", "$.client_id"} <= set(paths(document))


def test_history_that_does_not_replay(stored: dict[str, Any]) -> None:
    """A history whose rules fail on replay, or that ends elsewhere, is refused."""
    document = copy.deepcopy(stored)
    document["history"][1]["data"]["multidisciplinary_need"] = False
    assert ["$.history[1]"] == paths(document)
    document = copy.deepcopy(stored)
    document["state"] = "tunnista"
    assert ["$.state"] == paths(document)
    document = copy.deepcopy(stored)
    document["history"][1]["source"] = "ratkaise"
    assert ["$.history[1]"] == paths(document)
    document = copy.deepcopy(stored)
    document["history"][0]["trigger"] = "begin_trial"
    assert ["$.history[0].trigger"] == paths(document)


def test_message_does_not_echo_values(stored: dict[str, Any]) -> None:
    """A data error names the field but not the stored birth date."""
    document = copy.deepcopy(stored)
    document["history"][1]["data"]["birth_date"] = "1990-05-17T00:00"
    with pytest.raises(pf.PathwayDataError) as info:
        pf.from_dict(document)
    assert "1990" not in str(info.value)
    assert "$.history[1].data.birth_date" in str(info.value)


def test_given_definition(stored: dict[str, Any]) -> None:
    """With an explicit definition, name, version and policy must match it."""
    own = typ.definition(profile="1369/2014")
    assert pf.from_dict(stored, definition=own).definition is own
    assert ["$.definition.policy"] == paths(stored, definition=typ.definition())
    document = copy.deepcopy(stored)
    document["definition"].update(name="other", version="9")
    assert ["$.definition.name", "$.definition.version"] == paths(document, definition=own)


def test_hooks_attached_on_restore(stored: dict[str, Any], ea: Actor) -> None:
    """from_dict attaches hooks without calling them; they run on the next fire."""
    seen: list[str] = []
    hooks = pf.Hooks().after(lambda p, e: seen.append(e.trigger))
    p = pf.from_dict(stored, hooks=hooks)
    assert [] == seen
    p.fire("close", at=D0, by=ea, closure="moved_away")
    assert ["close"] == seen


class TestReplay:
    def test_replay_rejects_bad_sequences(self, stored: dict[str, Any]) -> None:
        """replay needs a start event first and Event values throughout."""
        p = pf.from_dict(stored)
        d = p.definition
        with pytest.raises(pf.PathwayDataError):
            pf.replay(d, [], client_id="c")
        with pytest.raises(pf.PathwayDataError):
            pf.replay(d, p.history[1:], client_id="c")
        with pytest.raises(pf.PathwayDataError):
            pf.replay(d, [p.history[0], "admit"], client_id="c")  # type: ignore[list-item]
        bad_start = pf.Event(1, "start", None, "tunnista", D0, Actor("x", Role.CLIENT))
        with pytest.raises(pf.PathwayDataError, match="refused on replay"):
            pf.replay(d, [bad_start], client_id="c")
        assert p == pf.replay(d, p.history, client_id="client-1")


def test_d10_stored_pathways_name_their_rules(stored: dict[str, Any]) -> None:
    """D10: a stored pathway names its definition's version and policy, so a later version
    or profile can tell what it was made under; an unknown version is refused by name."""
    assert {"name", "version", "policy"} == set(stored["definition"])
    document = copy.deepcopy(stored)
    document["definition"]["version"] = "2"
    assert ["$.definition.version"] == paths(document)
