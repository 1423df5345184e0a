# SPDX-License-Identifier: EUPL-1.2
"""Vendor the portal's front-end assets (run at build time, never at run time).

``python3 src/ketenmonitor/portal/vendor/update.py`` installs the exact versions of
``package.json`` with ``npm ci`` in a temporary folder, copies the files the portal serves into
``static/vendor/<package>/`` with their licence files, and rewrites ``VENDORED.md`` (package,
version, licence, files, SHA-256). The portal itself never fetches anything.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE.parent / "static" / "vendor"
FILES = {
    "@utrecht/component-library-css": ["dist/index.css", "LICENSE.md"],
    "@nl-design-system-unstable/voorbeeld-design-tokens": ["dist/theme.css", "LICENSE.md"],
    "htmx.org": ["dist/htmx.min.js", "LICENSE"],
}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copy(HERE / "package.json", work)
        lock = HERE / "package-lock.json"
        if lock.exists():
            shutil.copy(lock, work)
        command = ["npm", "ci"] if lock.exists() else ["npm", "install"]
        subprocess.run([*command, "--ignore-scripts", "--no-audit", "--no-fund"], cwd=work,
                       check=True)
        if not lock.exists():
            shutil.copy(work / "package-lock.json", lock)
        rows = []
        for package, files in FILES.items():
            source = work / "node_modules" / package
            meta = json.loads((source / "package.json").read_text(encoding="utf-8"))
            folder = TARGET / package.replace("@", "").replace("/", "-")
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            for name in files:
                destination = folder / Path(name).name
                shutil.copy(source / name, destination)
                rows.append((package, meta["version"], str(meta.get("license", "")),
                             destination.relative_to(TARGET.parent).as_posix(),
                             _sha256(destination)))
    lines = [
        "# Vendored front-end assets",
        "",
        "Fetched with npm at build time by `vendor/update.py` (exact versions from",
        "`vendor/package.json` and `package-lock.json`); the portal serves them from its own static",
        "files and needs no network at run time. Licence files are copied next to each package.",
        "",
        "| package | version | licence | file | SHA-256 |",
        "|---|---|---|---|---|",
        *(f"| {p} | {v} | {lic} | `{f}` | `{h}` |" for p, v, lic, f, h in rows),
        "",
    ]
    (TARGET / "VENDORED.md").write_text("\n".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
