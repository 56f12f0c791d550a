"""An MkDocs hook: show the docstrings' Sphinx roles as plain code on the site.

The docstrings cross-reference with Sphinx roles (``:func:`to_dict```), which editors and
``help()`` read well but mkdocstrings prints verbatim. This drops the role and a leading
``~`` path, so ``:class:`~pathway_fsm.PathwayDataError``` shows as ``PathwayDataError``.
"""

from __future__ import annotations

import re
from typing import Any

_ROLE = re.compile(r":(?:func|class|meth|attr|data|mod|exc|obj):<code>(~?)([^<]+)</code>")


def _plain(found: re.Match[str]) -> str:
    tilde, target = found.groups()
    return f"<code>{target.rsplit('.', 1)[-1] if tilde else target}</code>"


def on_page_content(html: str, **_: Any) -> str:
    """Rewrite each role in a rendered page to the code span it names."""
    return _ROLE.sub(_plain, html)
