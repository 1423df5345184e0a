# SPDX-License-Identifier: EUPL-1.2
"""A suppressed cell shows no interval, trend or small-number flag; no trend over a hidden year."""

from __future__ import annotations

import hashlib
import json
import shutil
import stat
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.settings import Settings
from ketenmonitor.indicators.model import Eenheid
from ketenmonitor.indicators.schema import PUBLISHED_SCHEMA
from ketenmonitor.publish import read_publication, write_publication
from ketenmonitor.publish.checks import check_indicator_table

INDICATOR = "meldingen_per_1000"


def _with_hidden_value(table: pa.Table, column: str, value: Any) -> pa.Table:
    """``table`` with ``column`` set to ``value`` in its first suppressed row."""
    rows = table.to_pylist()
    index = [r["onderdrukt"] for r in rows].index(True)
    rows[index][column] = value
    return pa.Table.from_pylist(rows, schema=table.schema)


@pytest.mark.parametrize(
    ("column", "value"),
    [("ondergrens", 1.5), ("bovengrens", 12.0), ("trend", "stijgend"), ("trend_p", 0.01),
     ("trend_per_jaar", 0.4), ("klein_aantal", True)],
)
def test_suppressed_cell_with_a_revealing_column_is_refused(
    tables: dict[str, pa.Table], column: str, value: Any
) -> None:
    table = _with_hidden_value(tables[INDICATOR], column, value)
    with pytest.raises(PublicationError) as raised:
        check_indicator_table(INDICATOR, table, 5, False)
    assert raised.value.code == "onderdrukt_onthullend"
    assert raised.value.message == (
        f"Tabel {INDICATOR} toont in een onderdrukte cel gegevens die het aantal verraden "
        f"({column})."
    )


def test_the_compiler_output_passes(
    tables: dict[str, pa.Table], metadata: dict[str, Any]
) -> None:
    hidden = sum(t.column("onderdrukt").to_pylist().count(True) for t in tables.values())
    assert hidden > 0  # the guard is exercised on real suppressed cells
    for ind in metadata["indicators"]:
        is_count = not Eenheid(ind["eenheid"]).is_rate
        check_indicator_table(ind["id"], tables[ind["id"]], 5, is_count)
    table = _with_hidden_value(tables[INDICATOR], "klein_aantal", False)
    check_indicator_table(INDICATOR, table, 5, False)  # 'not small' reveals nothing


def test_writer_refuses_and_writes_nothing(
    tables: dict[str, pa.Table], metadata: dict[str, Any], tmp_path: Path, settings: Settings
) -> None:
    tables[INDICATOR] = _with_hidden_value(tables[INDICATOR], "bovengrens", 3.2)
    with pytest.raises(PublicationError, match="gegevens die het aantal verraden"):
        write_publication(tables, metadata, tmp_path / "pub", settings=settings)
    assert not any((tmp_path / "pub").iterdir())


def test_reader_refuses_a_tampered_interval(
    tables: dict[str, pa.Table], metadata: dict[str, Any], tmp_path: Path, settings: Settings
) -> None:
    written = write_publication(tables, metadata, tmp_path / "pub", settings=settings)
    folder = tmp_path / "kopie" / written.name
    shutil.copytree(written, folder)
    for p in [folder, *folder.rglob("*")]:
        p.chmod(stat.S_IRWXU if p.is_dir() else stat.S_IRUSR | stat.S_IWUSR)
    file = folder / "tables" / f"{INDICATOR}.parquet"
    pq.write_table(_with_hidden_value(pq.read_table(file), "ondergrens", 0.8), file)
    data = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    data["tables"][INDICATOR]["sha256"] = hashlib.sha256(file.read_bytes()).hexdigest()
    (folder / "metadata.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(PublicationError, match=r"geweigerd: .*onderdrukte cel.*\(ondergrens\)"):
        read_publication(folder)


def _series(hidden_year: int | None, voorlopig: int | None = None) -> pa.Table:
    """Six years (2019–2024) for one gemeente, a trend on 2024; optionally one year hidden."""
    rows = []
    for year in range(2019, 2025):
        hidden = year == hidden_year
        rows.append({
            "indicator_id": INDICATOR, "gebied_code": "GM0503", "gebied_naam": "Delft",
            "gebied_niveau": "gemeente", "periode": str(year), "periode_type": "jaar",
            "dimensie": "totaal", "categorie": "totaal", "categorie_label": "Totaal",
            "teller": None if hidden else 100 + 10 * (year - 2019),
            "noemer": None if hidden else 100_000,
            "waarde": None if hidden else 1.0 + 0.1 * (year - 2019),
            "weergave": "." if hidden else "1,0", "onderdrukt": hidden,
            "onderdrukking": "primair" if hidden else None, "voorlopig": year == voorlopig,
            "ondergrens": None, "bovengrens": None, "klein_aantal": False,
            "trend": "stijgend" if year == 2024 else None,
            "trend_p": 0.01 if year == 2024 else None,
            "trend_per_jaar": 0.1 if year == 2024 else None,
            "methodebreuk": None,
        })
    return pa.Table.from_pylist(rows, schema=PUBLISHED_SCHEMA)


def test_trend_over_a_suppressed_year_is_refused() -> None:
    check_indicator_table(INDICATOR, _series(None), 5, False, PUBLISHED_SCHEMA)
    with pytest.raises(PublicationError, match=r"toont een trend voor GM0503, totaal in 2024 "
                                               r"over een onderdrukt jaar \(2021\)"):
        check_indicator_table(INDICATOR, _series(2021), 5, False, PUBLISHED_SCHEMA)


def test_years_before_the_method_break_do_not_count() -> None:
    # methodebreuken.csv: a break on 1 January 2019 for every indicator; 2018 lies before it.
    table = _series(None)
    rows = table.to_pylist()
    rows.insert(0, {**rows[0], "periode": "2018", "teller": None, "noemer": None,
                    "waarde": None, "weergave": ".", "onderdrukt": True,
                    "onderdrukking": "primair", "trend": None, "trend_p": None,
                    "trend_per_jaar": None})
    check_indicator_table(INDICATOR, pa.Table.from_pylist(rows, schema=PUBLISHED_SCHEMA), 5,
                          False, PUBLISHED_SCHEMA)
