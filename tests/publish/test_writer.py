# SPDX-License-Identifier: EUPL-1.2
"""Writing publications: versioned, immutable, complete metadata, and refusals in Dutch."""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.settings import Settings
from ketenmonitor.indicators.catalogue import load_catalogue
from ketenmonitor.publish import write_publication
from ketenmonitor.publish.schema import PublicationMetadata
from ketenmonitor.warehouse import connect_readonly

CONTRACT_KEYS = {
    "format_version",
    "publication_id",
    "region",
    "region_name",
    "peildatum",
    "created_at",
    "software_version",
    "periods",
    "provisional_periods",
    "indicators",
    "deliveries",
    "linkage",
    "disclosure",
    "tables",
    "cbs_bronnen",
}


def _entries(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def _with_row(table: pa.Table, index: int, **values: Any) -> pa.Table:
    rows = table.to_pylist()
    rows[index] = {**rows[index], **values}
    return pa.Table.from_pylist(rows, schema=table.schema)


def _open_row(table: pa.Table) -> int:
    flags = table.column("onderdrukt").to_pylist()
    return flags.index(False)


def test_write_from_the_warehouse(
    warehouse_file: Path, tmp_path: Path, settings: Settings, validation: pa.Table
) -> None:
    con = connect_readonly(warehouse_file)
    try:
        path = write_publication(con, {"region": "haaglanden"}, tmp_path, validation, settings)
    finally:
        con.close()
    assert path == tmp_path / "haaglanden-2020-12-31-v1"
    metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    assert set(metadata) == CONTRACT_KEYS
    PublicationMetadata.model_validate(metadata)
    assert metadata["format_version"] == "1.3"
    assert metadata["cbs_bronnen"] == []  # the warehouse holds no CBS figures
    assert metadata["region_name"] == "Haaglanden"
    assert metadata["provisional_periods"] == ["2020-H2", "2020"]
    assert metadata["linkage"]["unlinked_records"] == 200
    assert [d["delivery_id"] for d in metadata["deliveries"]] == ["lev-0", "lev-1"]
    disclosure = dict(metadata["disclosure"])
    attack = disclosure.pop("interval_attack")  # the tests run with the check switched off
    assert disclosure == {"rounding_base": 5, "threshold": 10}
    assert attack["protection_interval"] == 5 and attack["findings"] is None
    assert len(metadata["indicators"]) == len(load_catalogue())
    assert set(metadata["tables"]) == {i["id"] for i in metadata["indicators"]} | {"_validatie"}
    for entry in metadata["tables"].values():
        file = path / entry["file"]
        assert hashlib.sha256(file.read_bytes()).hexdigest() == entry["sha256"]
    assert _entries(tmp_path) == ["haaglanden-2020-12-31-v1"]


def test_publications_are_read_only_and_never_overwritten(
    tables: dict[str, pa.Table], metadata: dict[str, Any], tmp_path: Path, settings: Settings
) -> None:
    first = write_publication(tables, metadata, tmp_path, settings=settings)
    before = {p: p.read_bytes() for p in first.rglob("*") if p.is_file()}
    second = write_publication(tables, metadata, tmp_path, settings=settings)
    assert (first.name, second.name) == ("haaglanden-2020-12-31-v1", "haaglanden-2020-12-31-v2")
    assert {p: p.read_bytes() for p in first.rglob("*") if p.is_file()} == before
    for path in [first, *first.rglob("*")]:
        mode = path.stat().st_mode
        assert not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH), path


def test_an_existing_folder_is_skipped(
    tables: dict[str, pa.Table], metadata: dict[str, Any], tmp_path: Path, settings: Settings
) -> None:
    taken = tmp_path / "haaglanden-2020-12-31-v1"
    taken.mkdir()
    (taken / "iets.txt").write_text("van iemand anders", encoding="utf-8")
    path = write_publication(tables, metadata, tmp_path, settings=settings)
    assert path.name == "haaglanden-2020-12-31-v2"
    assert (taken / "iets.txt").read_text(encoding="utf-8") == "van iemand anders"


def test_minimal_metadata_is_completed(
    tables: dict[str, pa.Table], tmp_path: Path, settings: Settings
) -> None:
    path = write_publication(
        tables, {"region": "haaglanden", "peildatum": "2020-12-31"}, tmp_path, settings=settings
    )
    metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["periods"][0] == "2019-H1"
    assert metadata["deliveries"] == [] and metadata["linkage"] is None


@pytest.mark.parametrize(
    "column",
    [
        "bsn_token",
        "adres_token",
        "persoon_id",
        "huishouden_id",
        "bsn",
        "bericht_id",
        "bron_id",
        "casus_id",
        "traject_id",
        "geboortedatum",
        "postcode",
        "achternaam",
    ],
)
def test_person_level_columns_are_refused(
    column: str,
    tables: dict[str, pa.Table],
    metadata: dict[str, Any],
    tmp_path: Path,
    settings: Settings,
) -> None:
    table = tables["meldingen_per_1000"]
    tables["meldingen_per_1000"] = table.append_column(column, pa.array(["x"] * table.num_rows))
    with pytest.raises(PublicationError) as caught:
        write_publication(tables, metadata, tmp_path, settings=settings)
    assert caught.value.message == (
        f"Tabel meldingen_per_1000 heeft kolom(men) op persoonsniveau: {column}."
    )
    assert _entries(tmp_path) == []


def test_other_extra_columns_are_refused(
    tables: dict[str, pa.Table], metadata: dict[str, Any], tmp_path: Path, settings: Settings
) -> None:
    table = tables["meldingen_naar_aard"]
    tables["meldingen_naar_aard"] = table.append_column(
        "opmerking", pa.array([""] * table.num_rows)
    )
    with pytest.raises(PublicationError, match="buiten het publicatieformaat: opmerking"):
        write_publication(tables, metadata, tmp_path, settings=settings)


def test_unsuppressed_small_count_is_refused(
    tables: dict[str, pa.Table], metadata: dict[str, Any], tmp_path: Path, settings: Settings
) -> None:
    table = tables["meldingen_naar_melder"]
    tables["meldingen_naar_melder"] = _with_row(table, _open_row(table), teller=5)
    with pytest.raises(PublicationError) as caught:
        write_publication(tables, metadata, tmp_path, settings=settings)
    assert caught.value.message == (
        "Tabel meldingen_naar_melder bevat niet-onderdrukte aantallen tussen 1 en 9 (teller)."
    )
    assert _entries(tmp_path) == []


def test_unrounded_count_is_refused(
    tables: dict[str, pa.Table], metadata: dict[str, Any], tmp_path: Path, settings: Settings
) -> None:
    table = tables["eerdere_betrokkenheid"]
    tables["eerdere_betrokkenheid"] = _with_row(table, _open_row(table), noemer=123)
    with pytest.raises(PublicationError, match=r"\(noemer\) die niet op 5 zijn afgerond"):
        write_publication(tables, metadata, tmp_path, settings=settings)


def test_inhabitants_of_a_rate_need_no_rounding(
    tables: dict[str, pa.Table], metadata: dict[str, Any], tmp_path: Path, settings: Settings
) -> None:
    table = tables["meldingen_per_1000"]
    tables["meldingen_per_1000"] = _with_row(table, _open_row(table), noemer=19503)
    assert write_publication(tables, metadata, tmp_path, settings=settings).is_dir()


def test_suppressed_cell_with_a_figure_is_refused(
    tables: dict[str, pa.Table], metadata: dict[str, Any], tmp_path: Path, settings: Settings
) -> None:
    table = tables["gevolgd_na_12_maanden"]
    hidden = table.column("onderdrukt").to_pylist().index(True)
    tables["gevolgd_na_12_maanden"] = _with_row(table, hidden, waarde=12.5)
    with pytest.raises(PublicationError, match="toont een cijfer in een onderdrukte cel"):
        write_publication(tables, metadata, tmp_path, settings=settings)


def test_wrong_column_type_is_refused(
    tables: dict[str, pa.Table], metadata: dict[str, Any], tmp_path: Path, settings: Settings
) -> None:
    table = tables["huisverboden_per_10000"]
    index = table.column_names.index("teller")
    tables["huisverboden_per_10000"] = table.set_column(
        index, "teller", pc.cast(table.column("teller"), pa.float64())
    )
    with pytest.raises(PublicationError, match="Kolom teller van tabel huisverboden_per_10000"):
        write_publication(tables, metadata, tmp_path, settings=settings)


def test_table_without_definition_is_refused(
    tables: dict[str, pa.Table], metadata: dict[str, Any], tmp_path: Path, settings: Settings
) -> None:
    del tables["adviezen_per_1000"]
    with pytest.raises(PublicationError, match="passen niet bij de beschreven indicatoren"):
        write_publication(tables, metadata, tmp_path, settings=settings)


def test_wrong_validation_table_is_refused(
    tables: dict[str, pa.Table],
    metadata: dict[str, Any],
    tmp_path: Path,
    settings: Settings,
    validation: pa.Table,
) -> None:
    wrong = validation.append_column("persoon_id", pa.array(["p1"]))
    with pytest.raises(PublicationError, match="_validatie heeft kolom\\(men\\) op persoonsniveau"):
        write_publication(tables, metadata, tmp_path, wrong, settings)
    assert _entries(tmp_path) == []


def test_metadata_without_region_is_refused(
    tables: dict[str, pa.Table], tmp_path: Path, settings: Settings
) -> None:
    with pytest.raises(PublicationError, match="mist 'region' of 'peildatum'"):
        write_publication(tables, {"peildatum": "2020-12-31"}, tmp_path, settings=settings)


def test_validation_table_types_are_cast_when_lossless(
    tables: dict[str, pa.Table], metadata: dict[str, Any], tmp_path: Path, settings: Settings,
    validation: pa.Table,
) -> None:
    loose = pa.table(
        {name: validation.column(name) for name in reversed(validation.column_names)}
    ).cast(pa.schema([
        (f.name, pa.large_string() if pa.types.is_string(f.type) else pa.float32())
        for f in reversed(list(validation.schema))
    ]))
    path = write_publication(tables, metadata, tmp_path, loose, settings)
    stored = pq.read_table(path / "tables" / "_validatie.parquet")
    assert stored.schema.names == validation.schema.names
    assert stored.column("maat").to_pylist() == ["eerdere_betrokkenheid"]


def test_validation_table_with_wrong_type_is_refused(
    tables: dict[str, pa.Table], metadata: dict[str, Any], tmp_path: Path, settings: Settings,
    validation: pa.Table,
) -> None:
    index = validation.column_names.index("pijplijn")
    wrong = validation.set_column(index, "pijplijn", pa.array(["veel"]))
    with pytest.raises(PublicationError, match="Kolom pijplijn van tabel _validatie"):
        write_publication(tables, metadata, tmp_path, wrong, settings)
