"""pathway_fsm's pytest plugin: fixtures for hosts that test their own rules on our processes.

pytest loads it in every session through the ``pytest11`` entry point ``pathway_fsm``
(``-p no:pathway_fsm`` turns it off). Like hypothesis's own plugin, it lives outside its
package so that loading it imports nothing but pytest: ``import pathway_fsm.anything``
would first run the package's ``__init__`` (transitions, cattrs, every process), in
sessions that never use a fixture, and before pytest-cov starts measuring. The fixtures
import the library when a test first asks for them; neither needs hypothesis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pathway_fsm import ProcessDefinition
    from pathway_fsm.contract import PathwayContract


@pytest.fixture(scope="session")
def pathway_definitions() -> Mapping[str, ProcessDefinition]:
    """Every shipped definition by name under its default policy (``pathway_fsm.definitions()``)."""
    from pathway_fsm import definitions

    return definitions()


@pytest.fixture(scope="session")
def pathway_contract() -> PathwayContract:
    """Contract checks for the host's own pathways (``pathway_fsm.testing.PathwayContract``):
    ``holds(p)`` (round trip and replay), ``round_trip``, ``replays`` and ``refused``."""
    from pathway_fsm.contract import PathwayContract

    return PathwayContract()
