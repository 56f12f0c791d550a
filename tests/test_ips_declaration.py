"""Supported employment (IPS) as one declaration: the table, its guards, the package's imports.

Every test name starts with the id of the rule it checks (I2 for the process's shape, I9
for the support interval).
"""

from __future__ import annotations

import ast
import threading
import typing
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ips_data import COACH, COMPETITIVE, COUNTY, D0
from pathway_fsm import PathwayDataError, TransitionRefused, add_days, from_dict, ips, to_dict
from pathway_fsm._engine.spec import declared_reasons
from pathway_fsm.ips._facts import PolicyKeywords

PACKAGE = Path(ips.__file__).parent

# Each private module may import only the modules listed before it.
ORDER = ("_facts", "_rules", "_deadlines", "_declaration", "_fidelity")

policies = st.builds(
    ips.IpsPolicy,
    first_contact_days=st.integers(1, 3650),
    intensive_support_months=st.integers(1, 120),
    intensive_contact_days=st.integers(1, 3650),
    later_contact_months=st.integers(1, 120),
    roll_forward=st.booleans(),
)


def _sibling_imports(module: str) -> set[str]:
    """The private modules of the package that *module* imports, at any depth of its code."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found.add(node.module or "")
        elif isinstance(node, ast.ImportFrom) and node.level == 2 and node.module == "ips":
            found.add("ips")
    return found


def test_i2_the_package_has_exactly_the_modules_in_the_import_order() -> None:
    """The private modules are the ones the import order names, and nothing more."""
    expected = {*ORDER, "__init__"}
    assert expected == {p.stem for p in PACKAGE.glob("*.py")}


@pytest.mark.parametrize("module", ORDER)
def test_i2_private_modules_import_only_earlier_ones(module: str) -> None:
    """Imports inside the package run one way, and never through the package itself."""
    allowed = set(ORDER[: ORDER.index(module)])
    assert set() == _sibling_imports(module) - allowed


def test_i2_every_row_gathers_its_reasons_from_its_guards() -> None:
    """No row lists reasons of its own: they are exactly what its guards and notes declare."""
    for spec in ips.TRANSITIONS:
        declared = [k for g in (*spec.guards, *spec.notes) for k in declared_reasons(g) or ()]
        assert all(declared_reasons(g) is not None for g in (*spec.guards, *spec.notes))
        assert tuple(dict.fromkeys(declared)) == spec.reasons, spec.trigger


def test_i2_the_reasons_of_the_table_are_the_declared_reasons() -> None:
    """``ips.REASONS`` is every code the table can give, each once."""
    expected = {k.code for k in ips.REASONS}
    assert expected == {k.code for spec in ips.TRANSITIONS for k in spec.reasons}
    assert len(expected) == len(ips.REASONS)


@given(policies)
def test_i2_the_table_is_the_same_under_every_policy(policy: ips.IpsPolicy) -> None:
    """A policy changes the guards' and deadlines' limits, never the rows themselves."""
    definition = ips.definition_for(policy)
    assert ips.TRANSITIONS == definition.transition_specs
    assert ips.STATES == definition.state_specs
    assert policy is definition.policy


@given(policies, st.integers(0, 400))
def test_i9_the_support_deadline_follows_the_policy_it_was_built_with(
    policy: ips.IpsPolicy, days: int
) -> None:
    """The deadline rule reads the definition's own policy, and so does a restored pathway."""
    p = ips.definition_for(policy).start("c", at=D0, by=COUNTY)
    p.fire("agree", at=D0, by=COACH, wants_work=True, coach_id="coach-1")
    p.fire("make_profile", at=D0, by=COACH, wishes=["shop"], skills=["till"])
    p.fire("place", at=D0, by=COACH, employer_id="emp-1", **COMPETITIVE)
    (support,) = p.deadlines(at=D0)
    assert ("ips.support_contact_due", add_days(D0, policy.intensive_contact_days)) == (
        support.code,
        support.due,
    )
    at = add_days(D0, days)
    restored = from_dict(to_dict(p))
    assert list(p.deadlines(at=at)) == list(restored.deadlines(at=at))


def test_i2_the_guards_read_the_policy_from_the_proposal() -> None:
    """A guard is a plain function: the same object serves every policy's definition."""
    short = ips.definition(first_contact_days=1)
    long = ips.definition(first_contact_days=3650)
    assert short.transition("place").guards == long.transition("place").guards


def test_i2_a_payload_passed_positionally_is_checked_like_keywords() -> None:
    """``fire("agree", ips.Entry(...))`` converts and guards exactly as keyword data does."""
    p = ips.definition().start("c", at=D0, by=COUNTY)
    with pytest.raises(TransitionRefused) as caught:
        p.fire("agree", ips.Entry(coach_id="coach-1"), at=D0, by=COACH)
    assert ("ips.entry.no_wish_to_work",) == tuple(r.code for r in caught.value.reasons)
    p.fire("agree", ips.Entry(coach_id="coach-1", wants_work=True), at=D0, by=COACH)
    assert "profiling" == p.state


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        (ips.Entry, "coach_id"),
        (ips.EmployerContact, "employer_id"),
        (ips.Placement, "employer_id"),
        (ips.EmployerAgreement, "support"),
        (ips.CoachAssignment, "coach_id"),
    ],
)
@pytest.mark.parametrize("bad", [5, None, b"coach", "", "   "])
def test_i2_an_identifier_field_refuses_what_is_not_a_name(
    kind: type, field: str, bad: object
) -> None:
    """A payload made directly with a blank or non-string id is refused, naming the field."""
    with pytest.raises(PathwayDataError) as caught:
        kind(**{field: bad})
    assert [f"$.{field}"] == [path for path, _ in caught.value.errors]


def test_i2_names_importable_before_the_package_still_are() -> None:
    """Roles, reason kinds, deadline names and the caseload states stay on ``ips``."""
    for name in (
        "CLIENT",
        "COACH",
        "COUNTY",
        "EMPLOYER",
        "NO_WISH",
        "NOT_USED",
        "NO_WISHES",
        "NO_COMPETENCE",
        "NOT_COMPETITIVE",
        "NO_DISCLOSURE",
        "CHOICE_UNCONFIRMED",
        "REASONS",
        "FIRST_CONTACT_LABEL",
        "SUPPORT_CONTACT_LABEL",
        "ACTIVE_STATES",
        *ips.__all__,
    ):
        assert hasattr(ips, name), name


def test_i2_definitions_built_from_threads_are_one_object_per_policy() -> None:
    """Building the same policy's definition from many threads at once gives equal ones."""
    policy = ips.IpsPolicy(first_contact_days=17)
    built: list[object] = []
    threads = [
        threading.Thread(target=lambda: built.append(ips.definition_for(policy))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 8 == len(built)
    assert all(ips.definition_for(policy) == d for d in built)


def test_i2_policy_keywords_are_the_policy_fields() -> None:
    """definition()'s keywords are exactly IpsPolicy's fields, with the same types."""
    fields = {f.name: f.type for f in attrs.fields(ips.IpsPolicy)}
    hints = typing.get_type_hints(PolicyKeywords)
    assert list(fields) == list(hints)
    assert typing.get_type_hints(ips.IpsPolicy) == hints


def test_i2_definition_builds_the_policy_from_its_keywords() -> None:
    """definition(**kw) is definition_for(IpsPolicy(**kw)); no keyword keeps every default."""
    assert ips.definition() is ips.definition_for(ips.IpsPolicy())
    chosen = {"first_contact_days": 14, "later_contact_months": 2, "roll_forward": True}
    assert ips.definition(**chosen) is ips.definition_for(ips.IpsPolicy(**chosen))
    with pytest.raises(PathwayDataError) as raised:
        ips.definition(intensive_contact_days=0)
    assert ["$.intensive_contact_days"] == [path for path, _ in raised.value.errors]
    with pytest.raises(TypeError, match="first_contact_day"):
        ips.definition(first_contact_day=14)  # type: ignore[call-arg]
