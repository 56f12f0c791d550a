"""Check the built site: no page asks a third party for a script, style or font.

Run by ``make docs-check`` after ``make docs``. It also screenshots every page with
mermaid diagrams in headless chromium at 1,400 px, when chromium is installed, so a
person can look at how the diagrams draw.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

_EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", re.IGNORECASE)


class _Refs(HTMLParser):
    """Collects the addresses a page loads: scripts, stylesheets, preconnects, images."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "img", "iframe") and values.get("src"):
            self.refs.append(str(values["src"]))
        if tag == "link" and values.get("rel") != "canonical" and values.get("href"):
            self.refs.append(str(values["href"]))

    def handle_data(self, data: str) -> None:
        self.refs.extend(_CSS_URL.findall(data))


def external_refs(site: Path) -> list[str]:
    """Every third-party address a page or stylesheet of *site* loads, with its file."""
    found: list[str] = []
    for page in sorted(site.rglob("*.html")):
        parser = _Refs()
        parser.feed(page.read_text(encoding="utf-8"))
        found.extend(f"{page}: {ref}" for ref in parser.refs if _EXTERNAL.match(ref))
    for sheet in sorted(site.rglob("*.css")):
        found.extend(f"{sheet}: {ref}" for ref in _CSS_URL.findall(sheet.read_text("utf-8")))
    return found


_BLOCK = re.compile(r"<(?:p|li|tr|h[1-6]|dt|dd)[\s>]")
_PRE = re.compile(r"<pre[^>]*>(.*?)</pre>", re.DOTALL)


def page_height(html: str) -> int:
    """A window height, in px, that holds the whole of *html* at 1,400 px wide.

    Headless chromium shoots only the window, so the height is estimated from the page:
    a line for each block element, one for each line of code, room for each diagram.
    """
    lines = len(_BLOCK.findall(html)) + sum(m.group(1).count("\n") for m in _PRE.finditer(html))
    diagrams = html.count('class="mermaid"')
    return max(2_000, min(30_000, 600 + 32 * lines + 900 * diagrams))


def screenshots(site: Path) -> list[Path]:
    """Screenshot each page that holds a mermaid diagram, 1,400 px wide and as tall as it is."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.stdout.write("chromium not found: no screenshots\n")
        return []
    out = site / "_screenshots"
    out.mkdir(exist_ok=True)
    shots = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if 'class="mermaid"' not in html:
            continue
        shot = out / (str(page.relative_to(site)).replace("/", "_") + ".png")
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--hide-scrollbars",
                "--virtual-time-budget=15000",
                f"--window-size=1400,{page_height(html)}",
                f"--screenshot={shot}",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        shots.append(shot)
    return shots


def main() -> int:
    """Fail on any third-party address, then take the screenshots."""
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    found = external_refs(site)
    for line in found:
        sys.stdout.write(f"third-party request: {line}\n")
    if found:
        return 1
    for shot in screenshots(site):
        sys.stdout.write(f"screenshot: {shot}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
