"""pathway_fsm's pytest plugin: fixtures for hosts that test their own rules on our processes.

pytest loads it in every session through the ``pytest11`` entry point ``pathway_fsm``
(``-p no:pathway_fsm`` turns it off). Like hypothesis's own plugin, it lives outside its
package so that loading it imports nothing but pytest: ``import pathway_fsm.anything``
would first run the package's ``__init__`` (transitions, cattrs, every process), in
sessions that never use a fixture, and before pytest-cov starts measuring. The fixtures
import the library when a test first asks for them; neither needs hypothesis.
``--pathway-coverage`` imports it when the session starts, and only then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pathway_fsm import ProcessDefinition
    from pathway_fsm._coverage import Recorder
    from pathway_fsm.contract import PathwayContract


_STASH: pytest.StashKey[Recorder] = pytest.StashKey()


@pytest.fixture(scope="session")
def pathway_definitions() -> Mapping[str, ProcessDefinition[Any, Any]]:
    """Every shipped definition by name under its default policy (``pathway_fsm.definitions()``)."""
    from pathway_fsm import definitions

    return definitions()


@pytest.fixture(scope="session")
def pathway_contract() -> PathwayContract:
    """Contract checks for the host's own pathways (``pathway_fsm.testing.PathwayContract``):
    ``holds(p)`` (round trip and replay), ``round_trip``, ``replays`` and ``refused``."""
    from pathway_fsm.contract import PathwayContract

    return PathwayContract()


# --------------------------------------------------------------------------- coverage
# ``--pathway-coverage`` counts, per definition, the edges the tests fired and the
# reason codes the guards produced. Without the option no hook below imports anything.
# Under pytest-xdist each worker records its own part and hands it to the controller
# through ``workeroutput``; the controller merges the parts and reports.

_RECORDER_KEY = "pathway_fsm_coverage"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--pathway-coverage`` and ``--pathway-coverage-fail-under``."""
    group = parser.getgroup("pathway_fsm", "pathway_fsm definition coverage")
    group.addoption(
        "--pathway-coverage",
        action="store_true",
        default=False,
        help="report which edges and reason codes of each definition the tests exercised",
    )
    group.addoption(
        "--pathway-coverage-fail-under",
        type=float,
        default=None,
        metavar="PCT",
        help="fail the run when under PCT percent of edges and reason codes were exercised",
    )


def _enabled(config: pytest.Config) -> bool:
    return bool(
        config.getoption("--pathway-coverage")
        or config.getoption("--pathway-coverage-fail-under") is not None
    )


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """Start recording (after pytest-cov has started measuring)."""
    config = session.config
    if not _enabled(config):
        return
    from pathway_fsm import _coverage

    recorder = _coverage.Recorder()
    config.stash[_STASH] = recorder
    if not _is_controller_of_workers(config):
        _coverage.start(recorder)


def _is_controller_of_workers(config: pytest.Config) -> bool:
    """Whether this process hands the tests to pytest-xdist workers instead of running them."""
    return bool(getattr(config.option, "numprocesses", None)) and not hasattr(config, "workerinput")


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    """On the pytest-xdist controller: add a finished worker's records."""
    config: pytest.Config = node.config  # type: ignore[attr-defined]
    data = getattr(node, "workeroutput", {}).get(_RECORDER_KEY)
    if data is not None and _STASH in config.stash:
        config.stash[_STASH].merge(data)


@pytest.hookimpl(hookwrapper=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> object:
    """Stop recording; a worker hands its records over, the controller checks the threshold."""
    config = session.config
    recorder = config.stash.get(_STASH, None)
    if recorder is not None:
        from pathway_fsm import _coverage

        _coverage.stop(recorder)
        workeroutput = getattr(config, "workeroutput", None)
        if workeroutput is not None:
            workeroutput[_RECORDER_KEY] = recorder.to_data()
    yield
    if recorder is None or hasattr(config, "workerinput"):
        return
    limit = config.getoption("--pathway-coverage-fail-under")
    if limit is not None and session.exitstatus == 0:
        from pathway_fsm import _coverage

        if _coverage.percent(recorder.coverage()) < limit:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: object, config: pytest.Config) -> None:
    """Print the coverage report at the end of the run."""
    recorder = config.stash.get(_STASH, None)
    if recorder is None or hasattr(config, "workerinput"):
        return
    from pathway_fsm import _coverage

    found = recorder.coverage()
    write = terminalreporter.write_line  # type: ignore[attr-defined]
    terminalreporter.section("pathway_fsm definition coverage")  # type: ignore[attr-defined]
    for line in _coverage.report_lines(found):
        write(line)
    limit = config.getoption("--pathway-coverage-fail-under")
    total = _coverage.percent(found)
    if limit is not None and total < limit:
        write(f"FAIL: pathway coverage {total:.1f}% is under --pathway-coverage-fail-under={limit}")
