# SPDX-License-Identifier: EUPL-1.2
"""Where the demo puts things. The key lives in its own folder, never next to the data."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _

MARKER = ".ketenmonitor-demo"


@dataclass(frozen=True)
class DemoPaths:
    root: Path
    key_dir: Path

    @property
    def simulation(self) -> Path:
        return self.root / "simulatie"

    @property
    def exports(self) -> Path:
        return self.simulation / "exports"

    @property
    def ground_truth(self) -> Path:
        return self.simulation / "grondwaarheid"

    @property
    def deliveries(self) -> Path:
        return self.root / "leveringen"

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse" / "warehouse.duckdb"

    @property
    def publications(self) -> Path:
        return self.root / "publicaties"

    @property
    def report(self) -> Path:
        return self.root / "rapport"

    @property
    def key_file(self) -> Path:
        return self.key_dir / "sleutel.hex"

    def prepare(self) -> None:
        """Start from a fresh folder; only ever delete a folder an earlier demo made."""
        root, key_dir = self.root.resolve(), self.key_dir.resolve()
        if key_dir == root or root in key_dir.parents:
            raise ConfigurationError(
                "sleutel_naast_data",
                _("De sleutelmap {key} ligt in de uitvoermap {out}.").format(key=key_dir, out=root),
                _("Kies een sleutelmap buiten de uitvoermap: de sleutel hoort niet naast de data."),
            )
        if self.root.exists() and any(self.root.iterdir()):
            if not (self.root / MARKER).exists():
                raise ConfigurationError(
                    "uitvoermap_bezet",
                    _("De map {out} bestaat al en is niet door een demo gemaakt.").format(
                        out=self.root),
                    _("Kies met --uitvoer een lege of nieuwe map."),
                )
            shutil.rmtree(self.root)
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / MARKER).write_text("ketenmonitor demo\n", encoding="utf-8")
