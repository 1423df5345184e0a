# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for pseudonymisation tests: synthetic exports shaped like ``SourceTable``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from ketenmonitor.pseudonymise import PseudonymKey, create_key_file


@dataclass(frozen=True)
class FakeSource:
    """Same shape as ``ketenmonitor.sources.SourceTable``."""

    record_type: str
    file: Path
    table: Any
    row_numbers: list[int] | None = None


def elfproef_ok(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1], strict=True))
    return total % 11 == 0 and digits != "000000000"


def valid_bsns(count: int, start: int = 100_000_000) -> list[str]:
    """Synthetic BSNs that pass the elfproef (not real persons)."""
    found: list[str] = []
    number = start
    while len(found) < count:
        text = f"{number:09d}"
        if elfproef_ok(text):
            found.append(text)
        number += 1
    return found


@pytest.fixture(autouse=True)
def _no_key_in_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("KETENMONITOR_KEY", raising=False)
    monkeypatch.delenv("KETENMONITOR_KEY_FILE", raising=False)
    yield


@pytest.fixture
def key() -> PseudonymKey:
    return PseudonymKey(secret=bytes(range(32)), source="test")


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    path = tmp_path / "sleutels" / "ketenmonitor.key"
    create_key_file(path)
    return path


BERICHTEN = {
    "bericht_id": ["VT-1", "VT-2", "VT-3"],
    "soort": ["MELDING", "ADVIES", "MELDING"],
    "datum_ontvangst": ["2024-02-10", "2024-03-15", "2024-06-30"],
    "gemeente": ["GM0518", "GM0503", "GM0637"],
    "melder_organisatie": ["ONDERWIJS", "GEZONDHEIDSZORG", "ONDERWIJS"],
    "melder_rol": ["ONDERWIJS", "NIET_BEROEPSMATIG", "ONDERWIJS"],
    "aard": ["KINDERMISHANDELING|PARTNERGEWELD", "PARTNERGEWELD", "KINDERMISHANDELING"],
}


def betrokkenen_table() -> Any:
    bsn_a, bsn_b = valid_bsns(2)
    return pa.table({
        "bron_id": ["VT-1", "VT-1", "VT-2", "VT-3", "VT-9"],
        "volgnummer": ["1", "2", "1", "1", "1"],
        "rol": ["SLACHTOFFER", "PLEGER", "KIND", "SLACHTOFFER", "OVERIG"],
        "bsn": [bsn_a, bsn_b, "12345678", None, f"{bsn_a[:3]}.{bsn_a[3:6]}.{bsn_a[6:]}"],
        "voornamen": ["Annelies", "Gerrit Jan", "Sanne", "Mohammed", "Annelies"],
        "tussenvoegsel": [None, "van der", None, None, None],
        "achternaam": ["Verbruggen", "Wielinga", "Verbruggen", "El Amrani", "Verbruggen"],
        "geboortedatum": ["1985-04-12", "1982-11-30", "2014-06-30", "31-02-1990", "1985-04-12"],
        "postcode": ["2513 kx", "2513KX", "2513KX", None, "2513KX"],
        "huisnummer": ["17", "17", "17 a", None, "017"],
        "huisnummer_toevoeging": [None, None, None, None, None],
        "geslacht": ["V", "M", "V", "M", "V"],
    })


@pytest.fixture
def export() -> list[FakeSource]:
    return [
        FakeSource("vt_bericht", Path("berichten.csv"), pa.table(BERICHTEN)),
        FakeSource("betrokkene", Path("betrokkenen.csv"), betrokkenen_table()),
    ]


PLAIN_VALUES = (
    "Annelies", "Gerrit Jan", "Verbruggen", "Wielinga", "El Amrani", "1985-04-12", "1982-11-30",
    "2513KX", "2513 kx", "12345678",
)
