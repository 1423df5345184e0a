# SPDX-License-Identifier: EUPL-1.2
"""Reading publications: validated round trip, and refusal of anything that does not check out."""

from __future__ import annotations

import hashlib
import json
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.settings import Settings
from ketenmonitor.publish import (
    latest_publication,
    list_publications,
    read_publication,
    write_publication,
)


@pytest.fixture()
def publication(
    tables: dict[str, pa.Table],
    metadata: dict[str, Any],
    tmp_path: Path,
    settings: Settings,
    validation: pa.Table,
) -> Path:
    return write_publication(tables, metadata, tmp_path / "pub", validation, settings)


def _writable_copy(path: Path, target: Path) -> Path:
    """A writable copy of a (read-only) publication, to tamper with."""
    shutil.copytree(path, target)
    for p in [target, *target.rglob("*")]:
        p.chmod(stat.S_IRWXU if p.is_dir() else stat.S_IRUSR | stat.S_IWUSR)
    return target


def _edit_metadata(folder: Path, change: Callable[[dict[str, Any]], None]) -> None:
    file = folder / "metadata.json"
    data = json.loads(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(json.dumps(data), encoding="utf-8")


def test_round_trip(publication: Path, tables: dict[str, pa.Table]) -> None:
    pub = read_publication(publication)
    assert pub.publication_id == publication.name
    assert pub.region == "haaglanden" and pub.region_name == "Haaglanden"
    assert pub.peildatum.isoformat() == "2020-12-31"
    assert sorted(pub.indicator_ids) == sorted(tables)
    assert pub.format_version == "1.3" and pub.benchmark is None
    assert pub.table("meldingen_naar_aard").equals(tables["meldingen_naar_aard"])
    assert pub.indicator("dagen_tot_start_hulp")["eenheid"] == "mediaan_dagen"
    assert pub.validation is not None and pub.validation.num_rows == 1
    assert pub.provisional_periods == ["2020-H2", "2020"]
    assert pub.periods[-1] == "2020"


def test_unknown_indicator(publication: Path) -> None:
    pub = read_publication(publication)
    with pytest.raises(PublicationError, match="geen indicator 'bestaat_niet'"):
        pub.table("bestaat_niet")
    with pytest.raises(PublicationError):
        pub.table("_validatie")
    with pytest.raises(PublicationError):
        pub.indicator("bestaat_niet")


def test_tampered_table_is_refused(publication: Path, tmp_path: Path) -> None:
    copy = _writable_copy(publication, tmp_path / "kopie" / publication.name)
    file = copy / "tables" / "meldingen_per_1000.parquet"
    file.write_bytes(file.read_bytes() + b"\0")
    with pytest.raises(
        PublicationError, match="controlesom van tabel meldingen_per_1000 klopt niet"
    ):
        read_publication(copy)


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda m: m.update(format_version="2.0"), "formaatversie 2.0 wordt niet ondersteund"),
        (lambda m: m.update(extra="x"), "de metadata is ongeldig (velden: extra)"),
        (lambda m: m.pop("linkage"), "de metadata is ongeldig (velden: linkage)"),
        (lambda m: m["indicators"].pop(), "passen niet bij de beschreven indicatoren"),
        (lambda m: m["tables"].pop("adviezen_per_1000"), "andere bestanden dan de metadata"),
        (lambda m: m["tables"]["adviezen_per_1000"].update(rows=1), "aantal rijen van tabel"),
    ],
)
def test_metadata_that_does_not_check_out_is_refused(
    publication: Path, tmp_path: Path, change: Callable[[dict[str, Any]], None], fragment: str
) -> None:
    copy = _writable_copy(publication, tmp_path / "kopie" / publication.name)
    _edit_metadata(copy, change)
    with pytest.raises(PublicationError) as caught:
        read_publication(copy)
    assert fragment in caught.value.message, caught.value.message


def test_extra_file_is_refused(publication: Path, tmp_path: Path) -> None:
    copy = _writable_copy(publication, tmp_path / "kopie" / publication.name)
    (copy / "tables" / "personen.parquet").write_bytes(b"")
    with pytest.raises(PublicationError, match="andere bestanden dan de metadata"):
        read_publication(copy)


def test_renamed_folder_is_refused(publication: Path, tmp_path: Path) -> None:
    copy = _writable_copy(publication, tmp_path / "kopie" / "haaglanden-2020-12-31-v9")
    with pytest.raises(PublicationError, match="mapnaam past niet"):
        read_publication(copy)


def test_missing_folder_or_metadata(tmp_path: Path) -> None:
    with pytest.raises(PublicationError, match="de map bestaat niet"):
        read_publication(tmp_path / "nergens")
    (tmp_path / "leeg").mkdir()
    with pytest.raises(PublicationError, match=r"metadata\.json ontbreekt"):
        read_publication(tmp_path / "leeg")


def test_small_count_with_matching_checksum_is_still_refused(
    publication: Path, tmp_path: Path
) -> None:
    """The reader runs the disclosure guards itself; a consistent checksum is not enough."""
    copy = _writable_copy(publication, tmp_path / "kopie" / publication.name)
    file = copy / "tables" / "meldingen_per_1000.parquet"
    table = pq.read_table(file)
    rows = table.to_pylist()
    index = [r["onderdrukt"] for r in rows].index(False)
    rows[index]["teller"] = 5
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), file)
    digest = hashlib.sha256(file.read_bytes()).hexdigest()
    _edit_metadata(copy, lambda m: m["tables"]["meldingen_per_1000"].update(sha256=digest))
    with pytest.raises(PublicationError, match="aantallen tussen 1 en 9"):
        read_publication(copy)


def test_latest_publication(
    tables: dict[str, pa.Table], metadata: dict[str, Any], tmp_path: Path, settings: Settings
) -> None:
    root = tmp_path / "pub"
    assert latest_publication(root, "haaglanden") is None
    write_publication(tables, metadata, root, settings=settings)
    newest = write_publication(tables, metadata, root, settings=settings)
    older = {**metadata, "peildatum": "2019-12-31"}
    write_publication(tables, older, root, settings=settings)
    (root / "hollands_midden-2030-01-01-v1").mkdir()
    (root / "notities").mkdir()
    assert latest_publication(root, "haaglanden") == newest
    assert [p.name for p in list_publications(root, "haaglanden")] == [
        "haaglanden-2019-12-31-v1",
        "haaglanden-2020-12-31-v1",
        "haaglanden-2020-12-31-v2",
    ]
    assert read_publication(newest).publication_id == "haaglanden-2020-12-31-v2"
