# SPDX-License-Identifier: EUPL-1.2
"""Turn failures of the environment into Dutch messages and exit codes, never a traceback.

Exit code 1 means "deels geladen" (rows in quarantine), so a crash must never end with 1:
automation would read it as a partial success. Problems of the machine (disk full, a lock held by
another ingest, a read-only or wrong warehouse, too little memory) exit with 3; anything we did
not foresee exits with 4, with a short Dutch message on the terminal and the traceback only in a
log file readable by the operator alone (it may quote a value from the partner's file).
"""

from __future__ import annotations

import errno
import os
import re
import sys
import tempfile
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from ketenmonitor.core.errors import EnvironmentProblem, InternalError, KetenmonitorError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger

log = get_logger(__name__)

_LOCK = re.compile(r"Could not set lock on file", re.IGNORECASE)
_DISK_FULL = re.compile(r"No space left on device|disk is full|ENOSPC", re.IGNORECASE)
_READ_ONLY = re.compile(r"Read-only file system|Permission denied|Operation not permitted|"
                        r"read-only", re.IGNORECASE)
_NOT_DUCKDB = re.compile(r"not a valid DuckDB database file|Is a directory|"
                         r"database file .* (corrupt|invalid)", re.IGNORECASE)


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error and what it was raised from or during: DuckDB masks a full disk as "cannot
    rollback - no transaction is active", raised while handling the real cause."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _matches(error: BaseException, pattern: re.Pattern[str], codes: tuple[int, ...]) -> bool:
    for item in _chain(error):
        if isinstance(item, OSError) and item.errno in codes:
            return True
        if pattern.search(str(item)):
            return True
    return False


def classify(error: BaseException, *, subject: str = "") -> KetenmonitorError | None:
    """A Dutch error for a known failure of the environment, or ``None`` when unknown."""
    named = next((item.filename for item in _chain(error)
                  if isinstance(item, OSError) and item.filename), None)
    where = str(named) if named else (subject or _("het bestand"))
    if _matches(error, _DISK_FULL, (errno.ENOSPC, errno.EDQUOT)):
        return EnvironmentProblem(
            "schijf_vol",
            _("De schijf is vol; er is niets geladen of geschreven."),
            _("Maak ruimte vrij (de warehouse en de uitvoermap) en start de opdracht opnieuw; "
              "wat al geladen was, is ongewijzigd."))
    if _matches(error, _LOCK, ()):
        return EnvironmentProblem(
            "warehouse_in_gebruik",
            _("De warehouse {path} is in gebruik door een ander proces (bijvoorbeeld een "
              "tweede ingest).").format(path=where),
            _("Wacht tot die opdracht klaar is en start deze dan opnieuw."))
    if any(isinstance(item, IsADirectoryError) for item in _chain(error)) or \
            _matches(error, _NOT_DUCKDB, (errno.EISDIR,)):
        return EnvironmentProblem(
            "warehouse_ongeldig",
            _("{path} is geen warehouse (een map of een bestand dat geen DuckDB-database "
              "is).").format(path=where),
            _("Geef met --warehouse het pad van een warehousebestand op, of een pad waar nog "
              "niets staat om een nieuwe te maken."))
    if _matches(error, _READ_ONLY, (errno.EROFS, errno.EACCES, errno.EPERM)):
        return EnvironmentProblem(
            "alleen_lezen",
            _("Geen toegang tot {path}: het kan niet gelezen of niet geschreven worden "
              "(alleen-lezen, onveranderbaar of geen rechten).").format(path=where),
            _("Controleer de rechten van het bestand en de map (en of het bestandssysteem "
              "beschrijfbaar is) en start de opdracht opnieuw."))
    # DuckDB's own out-of-memory error, without importing DuckDB where it was never loaded (the
    # partner commands run without it).
    duckdb = sys.modules.get("duckdb")
    memory: tuple[type[BaseException], ...] = (MemoryError,) if duckdb is None else (
        MemoryError, duckdb.OutOfMemoryException)
    if any(isinstance(item, memory) for item in _chain(error)):
        return EnvironmentProblem(
            "geheugen_vol",
            _("Er is te weinig werkgeheugen voor deze opdracht."),
            _("Verlaag KETENMONITOR_MEMORY_LIMIT of lever kleinere bestanden."))
    return None


def _write_traceback(error: BaseException) -> Path | None:
    """Write the traceback to a file only the operator can read; ``None`` if that fails too."""
    try:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        handle, name = tempfile.mkstemp(prefix=f"ketenmonitor-fout-{stamp}-", suffix=".log")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write("".join(traceback.format_exception(error)))
        return Path(name)
    except OSError:
        return None


def internal_error(error: BaseException) -> InternalError:
    """Exit 4: a short Dutch message; the traceback goes to a private log file."""
    path = _write_traceback(error)
    log.error("interne_fout", error_type=type(error).__name__, traceback_file=str(path or ""))
    where = (_("De technische details staan in {path}.").format(path=path) if path
             else _("De technische details konden niet worden opgeslagen."))
    return InternalError(
        "interne_fout",
        _("Interne fout ({kind}); er is niets half geladen of geschreven.").format(
            kind=type(error).__name__),
        where + " " + _("Meld dit bij de beheerder van de ketenmonitor."))


# CSI / OSC / other ESC sequences first (so their parameters go too), then every remaining control
# or bidirectional-override character is shown escaped: a partner value can then neither move the
# cursor, rewrite the screen, set the window title nor hide text from the operator.
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])"
                      r"|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal or store as a quarantine message."""
    text = _ESCAPES.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
