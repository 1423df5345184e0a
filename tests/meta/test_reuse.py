# SPDX-License-Identifier: EUPL-1.2
"""Every file has a licence and a copyright holder (REUSE); vendored files keep their own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_reuse_lint_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "reuse", "--root", str(ROOT), "lint"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]


def test_vendored_files_keep_their_own_licence() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reuse", "--root", str(ROOT), "spdx"], capture_output=True, text=True,
        check=True)
    blocks = {block.split("\n", 1)[0].removeprefix("FileName: ./"): block
              for block in result.stdout.split("\n\n") if block.startswith("FileName:")}
    assert "LicenseInfoInFile: MPL-2.0" in blocks["tests/_vendor/axe-core/axe.min.js"]
    assert "LicenseInfoInFile: 0BSD" in blocks["src/ketenmonitor/portal/static/vendor/htmx.org/htmx.min.js"]
    assert "EUPL-1.2" in blocks["src/ketenmonitor/cli/app.py"]
