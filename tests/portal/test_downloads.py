# SPDX-License-Identifier: EUPL-1.2
"""Downloads hold the publication's own cells (rounded, suppressed), for the allowed areas only."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow.parquet as pq

IND = "meldingen_per_1000"


SUPPRESSED_IND = "huisverboden_per_10000"  # Midden-Delfland has suppressed cells here


def _published(publication_dir: Path) -> dict[tuple[str, str, str, str], dict[str, Any]]:
    rows = pq.read_table(publication_dir / "tables" / f"{SUPPRESSED_IND}.parquet").to_pylist()
    return {(r["gebied_code"], r["periode"], r["dimensie"], r["categorie"]): r for r in rows}


def test_csv_repeats_published_cells_exactly(
    client_for: Callable[..., Any], registered: list[Any], publication_dir: Path
) -> None:
    client = client_for(["raadslid"], ["GM1842"])
    response = client.get(f"/regio/haaglanden/indicator/{SUPPRESSED_IND}/download.csv")
    assert response["Content-Disposition"].endswith(
        f'haaglanden-2025-12-31-v2-{SUPPRESSED_IND}.csv"')
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    published = _published(publication_dir)
    assert rows and {r["gebied_code"] for r in rows} == {"GM1842", "VR_HAAGLANDEN"}
    suppressed = 0
    for row in rows:
        source = published[(row["gebied_code"], row["periode"], row["dimensie"], row["categorie"])]
        assert row["weergave"] == source["weergave"]
        if source["onderdrukt"]:
            suppressed += 1
            assert row["waarde"] == row["teller"] == "" and row["weergave"] in ("x", "…", ".")
            assert row["reden_geen_cijfer"] in ("onthulling", "nog_niet_waarneembaar",
                                                "geen_gegevens")
        else:
            assert float(row["waarde"].replace(",", ".")) == source["waarde"]
            assert int(row["teller"]) % 5 == 0
    assert suppressed > 0


def test_xlsx_has_figures_and_an_explanation_sheet(
    client_for: Callable[..., Any], registered: list[Any]
) -> None:
    client = client_for(["beheerder"], [])
    response = client.get(f"/regio/haaglanden/indicator/{IND}/download.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Cijfers", "Toelichting"]
    figures = list(book["Cijfers"].values)
    assert figures[0][0] == "gebied_code" and len(figures) > 10
    about = {row[0]: row[1] for row in book["Toelichting"].values}
    assert about["Peildatum"] == "31 december 2025"
    assert "geheim" in about["Tekens"] and "nog niet waarneembaar" in about["Tekens"]
