"""Fetch the pinned Mermaid release from the npm registry for the docs site, checked.

``make docs`` runs this with the machine's Python, so building the site needs no Node
or npm. The tarball's SHA-512 must equal the registry's published integrity value
pinned below, or nothing is written.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "11.6.0"
TARBALL = f"https://registry.npmjs.org/mermaid/-/mermaid-{VERSION}.tgz"
INTEGRITY = (
    "sha512-PE8hGUy1LDlWIHWBP05SFdqUHGmRcCcK4IzpOKPE35eO"
    "w+G9zZgcnMpyunJVUEOgb//KBORPjysKndw8bFLuRg=="
)
MEMBER = "package/dist/mermaid.min.js"


def main(target: str) -> int:
    """Write Mermaid's ``mermaid.min.js`` to *target*; 1 if the download does not match."""
    with urllib.request.urlopen(TARBALL, timeout=120) as response:
        data = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != INTEGRITY:
        print(f"mermaid {VERSION}: integrity {digest} is not the pinned {INTEGRITY}")
        return 1
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        member = tar.extractfile(MEMBER)
        assert member is not None, MEMBER
        script = member.read()
    out = Path(target)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(script)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
