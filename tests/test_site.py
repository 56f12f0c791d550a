"""The built docs site loads nothing from a third party (skipped when site/ is not built)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"


def _checker() -> ModuleType:
    """The docs check script, loaded as a module."""
    spec = importlib.util.spec_from_file_location("check_site", ROOT / "docs/_hooks/check_site.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_checker_finds_external_script_style_and_font(tmp_path: Path) -> None:
    """A CDN script, a Google Fonts link and a remote CSS url() are all reported."""
    (tmp_path / "index.html").write_text(
        '<script src="https://unpkg.com/mermaid.js"></script>'
        '<link rel="stylesheet" href="//fonts.googleapis.com/css">'
        '<link rel="canonical" href="https://example.org/">'
        '<script src="javascripts/mermaid.min.js"></script>',
        encoding="utf-8",
    )
    (tmp_path / "a.css").write_text("@font-face{src:url('https://x.test/f.woff')}", "utf-8")
    found = _checker().external_refs(tmp_path)
    assert 3 == len(found)


@pytest.mark.skipif(not (SITE / "index.html").exists(), reason="site/ not built: make docs")
def test_built_site_has_no_third_party_request() -> None:
    """No page or stylesheet of the built site loads a third-party address."""
    assert [] == _checker().external_refs(SITE)


@pytest.mark.skipif(not (SITE / "index.html").exists(), reason="site/ not built: make docs")
def test_built_site_serves_its_own_mermaid() -> None:
    """The pinned Mermaid is in the site, so diagrams draw without a CDN."""
    assert (SITE / "javascripts/mermaid.min.js").stat().st_size > 100_000


def test_screenshot_height_grows_with_the_page() -> None:
    """A long page gets a taller window than a short one, within the bounds."""
    page_height = _checker().page_height
    short = '<p>a</p><div class="mermaid"></div>'
    long = short + "<p>b</p>" * 300 + "<pre>" + "x\n" * 200 + "</pre>"
    assert 2_000 == page_height(short)
    assert page_height(short) < page_height(long) < 30_000
    assert 30_000 == page_height("<li>x" * 10_000)
