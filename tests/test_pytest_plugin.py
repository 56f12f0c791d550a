"""The pytest plugin: it loads for free, and host tests use its fixtures without imports."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

import pathway_fsm as pf
from pathway_fsm.testing import PathwayContract

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent

HOST_TEST = """
from datetime import date

from pathway_fsm import Actor, Role

OFFICE = Actor("ea-1", Role.EMPLOYMENT_AUTHORITY)


def test_admitted(pathway_definitions, pathway_contract):
    case = pathway_definitions["typ"].start("client-1", at=date(2025, 1, 8), by=OFFICE)
    case.fire("admit", at=date(2025, 1, 15), by=OFFICE, multidisciplinary_need=True,
              benefits_from_service=True, labour_market_subsidy_days=300)
    pathway_contract.holds(case)


def test_refused(pathway_definitions, pathway_contract):
    case = pathway_definitions["typ"].start("client-1", at=date(2025, 1, 8), by=OFFICE)
    pathway_contract.refused(case, "admit", code={code!r}, at=date(2025, 1, 15), by=OFFICE,
                             multidisciplinary_need=False, benefits_from_service=True,
                             labour_market_subsidy_days=300)
"""


def test_entry_point_names_the_plugin() -> None:
    """The package registers its plugin under pytest11 as ``pathway_fsm``."""
    (entry,) = [
        e for e in importlib.metadata.entry_points(group="pytest11") if e.name == "pathway_fsm"
    ]
    assert "_pathway_fsm_pytestplugin" == entry.value


def test_loading_the_plugin_imports_nothing_else() -> None:
    """Importing the plugin, as pytest does in every session, imports neither the library
    nor hypothesis, transitions or cattrs."""
    code = (
        "import sys; import _pathway_fsm_pytestplugin; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'pathway_fsm', 'hypothesis', 'transitions', 'cattrs', 'attrs'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert "[]" == done.stdout.strip()


def test_contract_checks_import_without_hypothesis() -> None:
    """``pathway_fsm.contract`` works for a host that has not installed the testing extra."""
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "from datetime import date\n"
        "import pathway_fsm as pf\n"
        "from pathway_fsm.contract import assert_round_trip\n"
        "office = pf.Actor('ea-1', pf.Role.EMPLOYMENT_AUTHORITY)\n"
        "assert_round_trip(pf.typ.definition().start('c-1', at=date(2025, 1, 8), by=office))\n"
        "print('ok')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert "ok" == done.stdout.strip()


def test_fixtures_in_this_suite(
    pathway_definitions: Mapping[str, pf.ProcessDefinition], pathway_contract: PathwayContract
) -> None:
    """The project's own run loads the plugin too: the fixtures give what the library does."""
    assert pf.definitions() == pathway_definitions
    assert isinstance(pathway_contract, PathwayContract)


def test_host_tests_pass_with_the_fixtures(pytester: pytest.Pytester) -> None:
    """A host's test file asks for the fixtures by name, and its checks pass."""
    pytester.makepyfile(HOST_TEST.format(code="typ.entry.no_multidisciplinary_need"))
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


def test_wrong_expectation_fails_with_a_helpful_message(pytester: pytest.Pytester) -> None:
    """A wrong expected code fails the host's test with the codes it had, pointing at the
    host's line rather than the library's internals."""
    pytester.makepyfile(HOST_TEST.format(code="typ.entry.consultation_suffices"))
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            '*pathway_contract.refused(case, "admit"*',
            "E*AssertionError: 'admit' in state 'tunnista' was refused with "
            "typ.entry.no_multidisciplinary_need, not with 'typ.entry.consultation_suffices'",
        ]
    )
    result.stdout.no_fnmatch_line("*pathway_fsm/contract.py*")


def test_plugin_can_be_turned_off(pytester: pytest.Pytester) -> None:
    """``-p no:pathway_fsm`` removes the fixtures, as for any plugin."""
    pytester.makepyfile(HOST_TEST.format(code="typ.entry.no_multidisciplinary_need"))
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:pathway_fsm")
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines(["*fixture 'pathway_definitions' not found*"])


def test_fixtures_work_without_hypothesis(pytester: pytest.Pytester) -> None:
    """With hypothesis impossible to import, the fixtures still work: the plugin and the
    contract checks never need the ``testing`` extra."""
    pytester.makeconftest("import sys\nsys.modules['hypothesis'] = None\n")
    pytester.makepyfile(
        HOST_TEST.format(code="typ.entry.no_multidisciplinary_need")
        + "\n\ndef test_no_hypothesis():\n"
        "    import sys\n"
        "    assert sys.modules['hypothesis'] is None\n"
        "    assert 'pathway_fsm.testing' not in sys.modules\n"
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:hypothesispytest")
    result.assert_outcomes(passed=3)


def test_example_host_contract_passes(pytester: pytest.Pytester) -> None:
    """examples/test_host_contract.py passes under pytest, through the fixtures."""
    example = ROOT / "examples" / "test_host_contract.py"
    pytester.makepyfile(test_host_contract=example.read_text(encoding="utf-8"))
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)


def test_testing_kit_without_hypothesis_names_the_extra() -> None:
    """Importing pathway_fsm.testing without hypothesis says which extra to install."""
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import pathway_fsm.testing\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert "pathway-fsm[testing]" in done.stdout


def test_pathway_coverage_reports_edges_and_reasons(pytester: pytest.Pytester) -> None:
    """``--pathway-coverage`` counts the edges fired and reason codes produced, and lists
    what is missing."""
    pytester.makepyfile(HOST_TEST.format(code="typ.entry.no_multidisciplinary_need"))
    result = pytester.runpytest("-p", "no:cacheprovider", "--pathway-coverage")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        [
            "*pathway_fsm definition coverage*",
            "typ * 2/27 *",
            "total: *% of edges and reason codes exercised",
            "typ: edge not fired: tunnista --close--> ended",
            "typ: reason not produced: typ.*",
        ]
    )
    result.stdout.no_fnmatch_line("typ: edge not fired: None --start--> tunnista")
    result.stdout.no_fnmatch_line("typ: edge not fired: tunnista --admit--> kartoita")
    result.stdout.no_fnmatch_line("typ: reason not produced: typ.entry.no_multidisciplinary_need")


def test_pathway_coverage_is_off_by_default(pytester: pytest.Pytester) -> None:
    """Without the option, nothing is reported and the engine has no observer."""
    pytester.makepyfile(
        HOST_TEST.format(code="typ.entry.no_multidisciplinary_need")
        + "\n\ndef test_not_observed():\n"
        "    from pathway_fsm._engine import pathway\n"
        "    assert [] == pathway.OBSERVERS\n"
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)
    result.stdout.no_fnmatch_line("*definition coverage*")


def test_pathway_coverage_fail_under_fails_the_run(pytester: pytest.Pytester) -> None:
    """Under the threshold the run fails, saying why; at or over it, it passes."""
    pytester.makepyfile(HOST_TEST.format(code="typ.entry.no_multidisciplinary_need"))
    failed = pytester.runpytest("-p", "no:cacheprovider", "--pathway-coverage-fail-under=90")
    assert pytest.ExitCode.TESTS_FAILED == failed.ret
    failed.stdout.fnmatch_lines(["FAIL: pathway coverage *% is under *=90.0"])
    passed = pytester.runpytest("-p", "no:cacheprovider", "--pathway-coverage-fail-under=1")
    assert pytest.ExitCode.OK == passed.ret


def test_pathway_coverage_under_xdist(pytester: pytest.Pytester) -> None:
    """With pytest-xdist the workers' records reach the controller, which reports once."""
    pytester.makepyfile(HOST_TEST.format(code="typ.entry.no_multidisciplinary_need"))
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-n", "2", "--pathway-coverage"
    )
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["typ * 2/27 *"])
    assert 1 == result.stdout.str().count("pathway_fsm definition coverage")


def test_recorder_merges_worker_data() -> None:
    """A worker's plain records merge into the controller's counts."""
    from pathway_fsm import _coverage

    worker = _coverage.Recorder()
    typ = pf.typ.definition()
    worker.produced(typ, ["typ.entry.no_multidisciplinary_need"])
    controller = _coverage.Recorder()
    controller.merge(worker.to_data())
    controller.merge(worker.to_data())
    (found,) = controller.coverage()
    assert 2 == found.reasons["typ.entry.no_multidisciplinary_need"]
    assert 0 == found.covered - 1
    assert len(typ.edges) == len(found.missing_edges)


def test_recording_observes_the_engine_without_replacing_it() -> None:
    """Recording adds one observer and takes it away; the engine's functions stay its own."""
    from datetime import date

    from pathway_fsm import _coverage
    from pathway_fsm._engine import pathway

    office = pf.Actor("ea-1", pf.Role.EMPLOYMENT_AUTHORITY)
    accept = pf.Pathway._accept
    before = list(pathway.OBSERVERS)  # the session's own, under --pathway-coverage
    recorder = _coverage.Recorder()
    _coverage.start(recorder)
    try:
        assert 1 == len(pathway.OBSERVERS)
        case = pf.typ.definition().start("client-1", at=date(2025, 1, 8), by=office)
        pf.replay(case.definition, case.history, client_id="client-2")
    finally:
        _coverage.stop(recorder)
    assert before == pathway.OBSERVERS
    assert accept is pf.Pathway._accept
    fired = next(c for c in recorder.coverage() if c.name == "typ").edges
    assert 2 == fired["start", None, "tunnista"]
