"""The built artefacts: the sdist and the wheel hold what a user needs and nothing stray."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist and the wheel, built from this checkout without network access."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


def test_wheel_holds_the_package_the_plugin_and_the_licence(built: dict[str, Path]) -> None:
    """The wheel has the package with py.typed, the pytest plugin, the licence and the
    entry point, and no tests, docs or caches."""
    names = zipfile.ZipFile(built["wheel"]).namelist()
    assert "pathway_fsm/__init__.py" in names
    assert "pathway_fsm/py.typed" in names
    assert "_pathway_fsm_pytestplugin.py" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(built["wheel"]).read(entry_points).decode()
    assert "pathway_fsm = _pathway_fsm_pytestplugin" in text
    top = {n.split("/", 1)[0] for n in names}
    assert {"pathway_fsm", "_pathway_fsm_pytestplugin.py"} == {
        t for t in top if not t.endswith(".dist-info")
    }
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_sdist_holds_the_sources_and_the_licence(built: dict[str, Path]) -> None:
    """The sdist has the licence, the package, the tests and the docs, and no build output."""
    with tarfile.open(built["sdist"]) as sdist:
        names = [n.split("/", 1)[1] for n in sdist.getnames() if "/" in n]
    for wanted in ("LICENSE", "pyproject.toml", "README.md", "src/pathway_fsm/py.typed"):
        assert wanted in names
    assert not [n for n in names if n.startswith((".venv", "site/", ".hypothesis", "dist/"))]
    assert not [n for n in names if "__pycache__" in n]


def test_metadata_names_the_versions_and_frameworks(built: dict[str, Path]) -> None:
    """The wheel's metadata names the Pythons, the pytest and hypothesis frameworks, the
    licence expression, and only the user extras."""
    archive = zipfile.ZipFile(built["wheel"])
    metadata = archive.read(next(n for n in archive.namelist() if n.endswith("METADATA")))
    text = metadata.decode()
    for line in (
        "License-Expression: MIT",
        "Classifier: Programming Language :: Python :: 3.11",
        "Classifier: Programming Language :: Python :: 3.13",
        "Classifier: Framework :: Pytest",
        "Classifier: Framework :: Hypothesis",
        "Provides-Extra: testing",
        "Provides-Extra: diagrams",
    ):
        assert line in text
    assert "Provides-Extra: test\n" not in text
    assert "Provides-Extra: docs" not in text


def test_version_agrees_with_the_changelog() -> None:
    """While the changelog's newest section is Unreleased, the version is a pre-release of
    the release it names; after a release, the version is that release."""
    import re
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    newest = re.search(r"^## \[([^\]]+)\]", changelog, re.M)
    assert newest is not None
    if newest.group(1) == "Unreleased":
        upcoming = re.search(r"first release will be (\d+\.\d+\.\d+)", changelog)
        assert upcoming is not None
        assert version.startswith(upcoming.group(1) + ".dev")
    else:
        assert version == newest.group(1)
