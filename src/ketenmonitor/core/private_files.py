# SPDX-License-Identifier: EUPL-1.2
"""Key files: created once, readable by their owner only, never overwritten."""

from __future__ import annotations

import os
from pathlib import Path


def write_private_file(path: Path, text: str) -> None:
    """Create ``path`` with mode 0600 and write ``text``.

    Raises :class:`FileExistsError` when the file exists: ``O_EXCL`` makes the check and the
    creation one step, so two processes can never both believe they made the key.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    if os.name == "posix":
        os.fchmod(descriptor, 0o600)  # the mode of os.open is masked by the umask; this is exact
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
