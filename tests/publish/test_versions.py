# SPDX-License-Identifier: EUPL-1.2
"""Format versions: 1.1 carries the uncertainty columns and the formula; 1.0 is still read."""

from __future__ import annotations

import hashlib
import json
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.settings import Settings
from ketenmonitor.indicators.catalogue import load_catalogue
from ketenmonitor.indicators.schema import (
    PUBLISHED_SCHEMA_BASE,
    UNCERTAINTY_COLUMNS,
)
from ketenmonitor.publish import read_publication, write_publication
from ketenmonitor.publish.schema import INDICATOR_SCHEMA


@pytest.fixture()
def publication(
    tables: dict[str, pa.Table], metadata: dict[str, Any], tmp_path: Path, settings: Settings
) -> Path:
    return write_publication(tables, metadata, tmp_path / "pub", settings=settings)


ToOld = Callable[[Path, Path], Path]


def _copy(path: Path, target: Path) -> Path:
    shutil.copytree(path, target)
    for p in [target, *target.rglob("*")]:
        p.chmod(stat.S_IRWXU if p.is_dir() else stat.S_IRUSR | stat.S_IWUSR)
    return target


def _metadata(folder: Path) -> dict[str, Any]:
    return dict(json.loads((folder / "metadata.json").read_text(encoding="utf-8")))


def _save(folder: Path, metadata: dict[str, Any]) -> None:
    (folder / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")


def _drop_recall_interval(metadata: dict[str, Any]) -> None:
    """What a publication before format 1.3 cannot hold."""
    for key in ("estimated_recall_low", "estimated_recall_high"):
        (metadata.get("linkage") or {}).pop(key, None)


def _rewrite(folder: Path, metadata: dict[str, Any], name: str, table: pa.Table) -> None:
    file = folder / "tables" / f"{name}.parquet"
    pq.write_table(table, file)
    metadata["tables"][name]["sha256"] = hashlib.sha256(file.read_bytes()).hexdigest()


def test_written_publication_is_1_3_with_formulas(publication: Path) -> None:
    pub = read_publication(publication)
    catalogue = load_catalogue()
    assert pub.format_version == "1.3"
    for ind_id in pub.indicator_ids:
        assert pub.formule(ind_id) == catalogue[ind_id].formule
        assert pub.indicator(ind_id)["formule"] == catalogue[ind_id].formule
        assert pub.table(ind_id).schema.equals(INDICATOR_SCHEMA)
    raw = _metadata(publication)
    assert all(ind["formule"] for ind in raw["indicators"])


def test_format_1_0_is_read_in_the_current_layout(
    publication: Path, tmp_path: Path, as_format_1_0: ToOld
) -> None:
    new = read_publication(publication)
    old = read_publication(as_format_1_0(publication, tmp_path / "oud" / publication.name))
    assert old.format_version == "1.0"
    assert old.indicator_ids == new.indicator_ids
    for ind_id in old.indicator_ids:
        table = old.table(ind_id)
        assert table.schema.equals(INDICATOR_SCHEMA)
        for column in UNCERTAINTY_COLUMNS:
            assert table.column(column).null_count == table.num_rows, (ind_id, column)
        base = PUBLISHED_SCHEMA_BASE.names
        assert table.select(base).equals(new.table(ind_id).select(base))
        assert old.formule(ind_id) is None and old.indicator(ind_id)["formule"] is None


def test_format_1_0_with_the_new_columns_is_refused(publication: Path, tmp_path: Path) -> None:
    folder = _copy(publication, tmp_path / "x" / publication.name)
    metadata = _metadata(folder)
    metadata["format_version"] = "1.0"
    metadata.pop("cbs_bronnen")
    _drop_recall_interval(metadata)
    for ind in metadata["indicators"]:
        ind.pop("formule")
    _save(folder, metadata)
    with pytest.raises(PublicationError, match="buiten het publicatieformaat: ondergrens"):
        read_publication(folder)


def test_format_1_0_with_formulas_is_refused(
    publication: Path, tmp_path: Path, as_format_1_0: ToOld
) -> None:
    folder = as_format_1_0(publication, tmp_path / "oud" / publication.name)
    metadata = _metadata(folder)
    metadata["indicators"][0]["formule"] = "100 × a ÷ b"
    _save(folder, metadata)
    with pytest.raises(PublicationError, match=r"formaat 1\.0 kan geen formules"):
        read_publication(folder)


def test_format_1_1_needs_every_column(publication: Path, tmp_path: Path) -> None:
    folder = _copy(publication, tmp_path / "x" / publication.name)
    metadata = _metadata(folder)
    name = metadata["indicators"][0]["id"]
    table = pq.read_table(folder / "tables" / f"{name}.parquet")
    _rewrite(folder, metadata, name, table.drop_columns(["trend_p"]))
    _save(folder, metadata)
    with pytest.raises(PublicationError, match="mist de kolom\\(men\\) trend_p"):
        read_publication(folder)


def test_format_1_2_is_read_and_refused_with_a_recall_interval(
    publication: Path, tmp_path: Path
) -> None:
    folder = _copy(publication, tmp_path / "x" / publication.name)
    metadata = _metadata(folder)
    assert metadata["linkage"] is not None
    _drop_recall_interval(metadata)
    metadata["format_version"] = "1.2"
    _save(folder, metadata)
    assert read_publication(folder).format_version == "1.2"
    metadata["linkage"]["estimated_recall_low"] = 0.98
    _save(folder, metadata)
    with pytest.raises(PublicationError, match=r"formaat 1\.2 kan geen interval"):
        read_publication(folder)


def test_format_1_1_needs_every_formula(publication: Path, tmp_path: Path) -> None:
    folder = _copy(publication, tmp_path / "x" / publication.name)
    metadata = _metadata(folder)
    name = metadata["indicators"][1]["id"]
    del metadata["indicators"][1]["formule"]
    _save(folder, metadata)
    with pytest.raises(PublicationError, match=f"indicator\\(en\\) zonder formule: {name}"):
        read_publication(folder)


def test_writer_refuses_definitions_without_formula(
    tables: dict[str, pa.Table], metadata: dict[str, Any], tmp_path: Path, settings: Settings
) -> None:
    indicators = [dict(ind) for ind in metadata["indicators"]]
    indicators[0]["formule"] = ""
    with pytest.raises(PublicationError, match="zonder formule") as raised:
        write_publication(tables, {**metadata, "indicators": indicators}, tmp_path / "pub",
                          settings=settings)
    assert raised.value.code == "metadata_ongeldig"
    assert not any((tmp_path / "pub").iterdir())  # nothing half-written


def test_1_0_tables_keep_their_disclosure_guards(
    publication: Path, tmp_path: Path, as_format_1_0: ToOld
) -> None:
    folder = as_format_1_0(publication, tmp_path / "oud" / publication.name)
    metadata = _metadata(folder)
    name = metadata["indicators"][0]["id"]
    table = pq.read_table(folder / "tables" / f"{name}.parquet")
    hidden = pc.equal(table.column("onderdrukt"), True)
    teller = pc.if_else(hidden, pa.scalar(5, pa.int64()), table.column("teller"))
    table = table.set_column(table.schema.get_field_index("teller"), "teller", teller)
    _rewrite(folder, metadata, name, table)
    _save(folder, metadata)
    with pytest.raises(PublicationError, match="toont een cijfer in een onderdrukte cel"):
        read_publication(folder)
