# SPDX-License-Identifier: EUPL-1.2
"""Small hand-written partner files for the reader tests (Veilig Thuis layout)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import pytest

from ketenmonitor.simulate import SimulationConfig, SimulationResult, run_simulation
from ketenmonitor.sources import Mapping, load_mapping

VT_ROW = {
    "Registratienummer": "VT2024-000001",
    "Soort bericht": "Melding",
    "Datum ontvangst": "02-01-2024",
    "Woongemeente (CBS)": "GM0518",
    "Organisatie melder": "Politie",
    "Rol/functie melder": "Politieagent",
    "Aard geweld": "Kindermishandeling, Ex-partnergeweld",
    "Aanvullende informatie": "",
    "Duur geweld": "1 tot 5 jaar",
    "Casusnummer": "C2024-00001",
    "Datum veiligheidsbeoordeling": "9-1-2024",
    "Uitkomst veiligheidsbeoordeling": "Overdracht",
    "Acute onveiligheid": "Nee",
    "Structurele onveiligheid": "Ja",
    "Start onderzoek": "",
    "Einde onderzoek": "",
    "Uitkomst onderzoek": "",
    "Overgedragen aan": "Lokaal team",
    "Datum overdracht": "15-01-2024",
    "Start monitoring": "",
    "Einde monitoring": "",
    "Datum afsluiting": "31-02-2024",
}
BETROKKENE_ROW = {
    "Registratienummer": "VT2024-000001",
    "Volgnummer": "1",
    "Rol": "Slachtoffer",
    "BSN": "111222333",
    "Voornamen": "José Maria",
    "Tussenvoegsel": "van der",
    "Achternaam": "Berg",
    "Geboortedatum": "03-04-1990",
    "Geslacht": "Vrouw",
    "Postcode": "2512 AB",
    "Huisnummer": "12",
    "Toevoeging": "A",
}


def _write_csv(
    path: Path,
    rows: list[dict[str, str]],
    *,
    delimiter: str = ";",
    encoding: str = "utf-8",
    bom: bool = False,
    header: list[str] | None = None,
) -> Path:
    names = header if header is not None else list(rows[0])
    lines = [delimiter.join(names)] + [delimiter.join(r.get(n, "") for n in names) for r in rows]
    data = ("\n".join(lines) + "\n").encode(encoding)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


@pytest.fixture(scope="session")
def vt_mapping() -> Mapping:
    return load_mapping("veilig_thuis")


@pytest.fixture
def vt_export(tmp_path: Path) -> Path:
    """A folder with a valid two-file Veilig Thuis export for 2024-H1."""
    folder = tmp_path / "2024-H1"
    second = {
        **VT_ROW,
        "Registratienummer": "VT2024-000002",
        "Soort bericht": "Advies",
        "Casusnummer": "",
        "Aard geweld": "Onbekende aard",
    }
    _write_csv(folder / "VT_berichten_2024-H1.csv", [VT_ROW, second])
    _write_csv(folder / "VT_betrokkenen_2024-H1.csv", [BETROKKENE_ROW])
    return folder


class CsvWriter(Protocol):
    def __call__(
        self,
        path: Path,
        rows: list[dict[str, str]],
        *,
        delimiter: str = ";",
        encoding: str = "utf-8",
        bom: bool = False,
        header: list[str] | None = None,
    ) -> Path: ...


@pytest.fixture
def write_csv() -> CsvWriter:
    """Writes rows (dicts keyed by header) as a partner CSV."""
    return _write_csv


@pytest.fixture
def vt_row() -> dict[str, str]:
    return dict(VT_ROW)


@pytest.fixture
def person_row() -> dict[str, str]:
    return dict(BETROKKENE_ROW)


@pytest.fixture(scope="session")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> SimulationResult:
    """A small simulated region (2022-2024) with exports of all four partner types."""
    out = tmp_path_factory.mktemp("simulatie")
    return run_simulation(SimulationConfig(schaal=0.01, seed=21, van=2022, tot=2024), out)
