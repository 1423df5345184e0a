# SPDX-License-Identifier: EUPL-1.2
"""Reading a publication for the report: a folder, or the object the publish reader returns."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.reports.source import read_directory, report_input


def test_reads_a_publication_folder(publication_dir: Path) -> None:
    data = read_directory(publication_dir)
    assert data.publication_id == "haaglanden-2025-12-31-v1"
    assert [m.id for m in data.indicators][:2] == [
        "adviezen_meldingen_per_1000",
        "melder_organisatie",
    ]
    first = data.indicators[0]
    assert first.dimensies == ("soort",)  # structured dimension entries give their name
    assert first.eenheid == "per_1000_inwoners"
    assert set(data.tables) == {m.id for m in data.indicators}
    assert data.validation is not None and len(data.validation) == 6


def test_accepts_an_object_with_metadata_and_tables(publication_dir: Path) -> None:
    @dataclass
    class Publication:
        metadata: dict[str, Any]
        tables: dict[str, Any]
        path: Path

    metadata = json.loads((publication_dir / "metadata.json").read_text(encoding="utf-8"))
    tables = {p.stem: pq.read_table(p) for p in (publication_dir / "tables").glob("*.parquet")}
    data = report_input(Publication(metadata, tables, publication_dir))
    assert data.directory == publication_dir
    assert len(data.tables) == 6 and data.validation is not None


def test_accepts_an_object_that_only_knows_its_folder(publication_dir: Path) -> None:
    @dataclass
    class Handle:
        directory: Path

    assert report_input(Handle(publication_dir)).publication_id == "haaglanden-2025-12-31-v1"


def test_refuses_a_folder_without_metadata(tmp_path: Path) -> None:
    with pytest.raises(PublicationError) as error:
        report_input(tmp_path)
    assert "metadata.json ontbreekt" in error.value.message


def test_refuses_a_table_without_contract_columns(publication_dir: Path) -> None:
    path = publication_dir / "tables" / "dagen_tot_hulp.parquet"
    pq.write_table(pq.read_table(path).drop_columns(["weergave"]), path)
    with pytest.raises(PublicationError) as error:
        read_directory(publication_dir)
    assert error.value.message == "Tabel 'dagen_tot_hulp' mist de kolom(men) weergave."


def test_refuses_a_missing_indicator_table(publication_dir: Path) -> None:
    (publication_dir / "tables" / "dagen_tot_hulp.parquet").unlink()
    metadata = json.loads((publication_dir / "metadata.json").read_text(encoding="utf-8"))
    del metadata["tables"]["dagen_tot_hulp"]
    (publication_dir / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    with pytest.raises(PublicationError) as error:
        read_directory(publication_dir)
    assert "dagen_tot_hulp" in error.value.message


def test_accepts_what_the_publish_reader_returns(publication_dir: Path) -> None:
    from ketenmonitor.publish import read_publication

    publication = read_publication(publication_dir)  # the fixture passes the strict reader
    data = report_input(publication)
    assert data.directory == publication_dir
    assert data.publication_id == publication.publication_id
    assert list(data.tables) == publication.indicator_ids
    assert data.validation is not None
