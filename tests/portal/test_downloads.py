# SPDX-License-Identifier: EUPL-1.2
"""Downloads hold the publication's own cells (rounded, suppressed), for the allowed areas only."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow.parquet as pq

from testsupport import cli_env

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
            assert row["waarde"] == row["teller"] == row["weergave"] in ("x", "…", ".")
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
    assert book.sheetnames == ["Gegevens", "Definities"]
    figures = list(book["Gegevens"].values)
    assert figures[0][:2] == ("indicator_id", "gebied_code") and len(figures) > 10
    about = {row[0]: row[1] for row in book["Definities"].values}
    assert about["Peildatum"] == "31 december 2025"
    assert "geheim" in about["Tekens"] and "nog niet waarneembaar" in about["Tekens"]


def _layout(book: openpyxl.Workbook) -> dict[str, Any]:
    """What a reader sees of a workbook, apart from which rows it holds."""
    data = book["Gegevens"]
    return {
        "sheets": book.sheetnames,
        "header": [c.value for c in data[1]],
        "frozen": (data.freeze_panes, book["Definities"].freeze_panes),
        "filter": data.auto_filter.ref is not None,
        "terms": [row[0] for row in book["Definities"].values],
    }


def test_portal_download_and_cli_export_have_one_layout(
    client_for: Callable[..., Any], registered: list[Any], publication_dir: Path, tmp_path: Path
) -> None:
    client = client_for(["raadslid"], ["GM1842"])
    portal = openpyxl.load_workbook(io.BytesIO(
        client.get(f"/regio/haaglanden/indicator/{SUPPRESSED_IND}/download.xlsx").content))
    result = subprocess.run(
        [sys.executable, "-c", "from ketenmonitor.cli.app import main; main()", "export",
         "--publicatie", str(publication_dir), "--tabel", SUPPRESSED_IND, "--uitvoer", str(tmp_path)],
        capture_output=True, text=True, check=False, env=cli_env())
    assert result.returncode == 0, result.stderr
    cli = openpyxl.load_workbook(result.stdout.strip())
    assert _layout(portal) == _layout(cli)
    # The portal holds a subset (the areas the user may see) of the very same rows, cell for
    # cell with the same number formats.
    cli_rows = {tuple(c.value for c in row): [c.number_format for c in row]
                for row in cli["Gegevens"].iter_rows(min_row=2)}
    portal_rows = list(portal["Gegevens"].iter_rows(min_row=2))
    assert portal_rows and len(portal_rows) < len(cli_rows)
    for row in portal_rows:
        assert cli_rows[tuple(c.value for c in row)] == [c.number_format for c in row]
    assert {row[1].value for row in portal_rows} == {"GM1842", "VR_HAAGLANDEN"}
