# SPDX-License-Identifier: EUPL-1.2
"""From export tables to deliveries: tokens in, identifiers out, deterministic files."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import structlog
from structlog.testing import capture_logs

from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.periods import Period
from ketenmonitor.delivery.schema import BETROKKENE, MANIFEST_FIELDS, SCHEMA_VERSION, VT_BERICHT
from ketenmonitor.pseudonymise import PseudonymiseResult, PseudonymKey, pseudonymise_tables

from .conftest import PLAIN_VALUES, FakeSource, valid_bsns

PERIOD = Period.parse("2024-H1")


def _run(export: list[FakeSource], key: PseudonymKey, out: Path) -> PseudonymiseResult:
    return pseudonymise_tables(export, key=key, partner="vt_haaglanden", period=PERIOD,
                               out_dir=out)


def test_writes_one_delivery_per_record_type(export: list[FakeSource], key: PseudonymKey,
                                             tmp_path: Path) -> None:
    result = _run(export, key, tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "vt_haaglanden_betrokkene_2024-H1.manifest.json",
        "vt_haaglanden_betrokkene_2024-H1.manifest.json.sig",
        "vt_haaglanden_betrokkene_2024-H1.parquet",
        "vt_haaglanden_vt_bericht_2024-H1.manifest.json",
        "vt_haaglanden_vt_bericht_2024-H1.manifest.json.sig",
        "vt_haaglanden_vt_bericht_2024-H1.parquet",
    ]
    for delivery in result.deliveries:
        manifest = json.loads(delivery.manifest_path.read_text(encoding="utf-8"))
        assert tuple(manifest) == MANIFEST_FIELDS
        data = delivery.parquet_path.read_bytes()
        assert manifest["checksum"] == hashlib.sha256(data).hexdigest()
        assert manifest["delivery_id"] == (
            f"vt_haaglanden.{delivery.record_type}.2024-H1.{manifest['checksum'][:12]}")
        assert manifest["partner_type"] == "veilig_thuis"
        assert manifest["schema_version"] == SCHEMA_VERSION
        assert manifest["key_id"] == key.key_id
        assert manifest["row_count"] == pq.read_metadata(delivery.parquet_path).num_rows


def test_betrokkene_columns_tokens_and_age_class(export: list[FakeSource], key: PseudonymKey,
                                                 tmp_path: Path) -> None:
    result = _run(export, key, tmp_path)
    table = pq.read_table(tmp_path / "vt_haaglanden_betrokkene_2024-H1.parquet")
    assert table.column_names == BETROKKENE.field_names
    assert table.schema.field("bsn_token").type == pa.binary()
    rows = table.to_pylist()
    bsn_a = valid_bsns(1)[0]
    expected_a = hmac.new(key.field_key("bsn"), bsn_a.encode(), hashlib.sha256).digest()
    assert rows[0]["bsn_token"] == expected_a
    assert rows[4]["bsn_token"] == expected_a  # '111.222.333'-style spelling, same token
    assert rows[2]["bsn_token"] is None and rows[3]["bsn_token"] is None
    adres = hmac.new(key.field_key("adres"), b"2513KX|17|", hashlib.sha256).digest()
    assert [r["adres_token"] for r in rows] == [adres, adres, rows[2]["adres_token"], None, adres]
    assert rows[2]["adres_token"] not in (adres, None)  # 17 a is another address than 17
    # ages at the event date: VT-1 2024-02-10, VT-2 2024-03-15; VT-3 has an invalid birth date;
    # VT-9 has no event in the export.
    assert [r["leeftijdsklasse"] for r in rows] == ["25-44", "25-44", "4-11", "ONBEKEND",
                                                     "ONBEKEND"]
    assert [r["geslacht"] for r in rows] == ["V", "M", "V", "M", "V"]
    stats = result.token_stats
    assert stats is not None
    assert (stats.rows, stats.bsn_tokens, stats.bsn_missing, stats.bsn_invalid) == (5, 3, 1, 1)
    assert (stats.adres_tokens, stats.adres_missing, stats.adres_invalid) == (4, 1, 0)
    assert stats.leeftijd_onbekend == 2
    assert stats.tokens_per_second > 0


def test_event_table_passes_through_as_strings(export: list[FakeSource], key: PseudonymKey,
                                               tmp_path: Path) -> None:
    _run(export, key, tmp_path)
    table = pq.read_table(tmp_path / "vt_haaglanden_vt_bericht_2024-H1.parquet")
    assert table.column_names == VT_BERICHT.field_names
    assert all(f.type == pa.string() for f in table.schema)
    assert table.column("bericht_id").to_pylist() == ["VT-1", "VT-2", "VT-3"]
    assert table.column("duur_geweld").null_count == 3  # not in the export: empty column


def test_no_plain_identifier_and_no_key_in_any_output_byte(
        export: list[FakeSource], key: PseudonymKey, tmp_path: Path) -> None:
    _run(export, key, tmp_path)
    bsns = valid_bsns(2)
    forbidden = [v.encode() for v in (*PLAIN_VALUES, *bsns)]
    forbidden += [key.secret, key.secret.hex().encode(), key.secret.hex().upper().encode()]
    forbidden += [key.field_key("bsn"), key.field_key("adres")]
    for path in tmp_path.iterdir():
        data = path.read_bytes()
        for value in forbidden:
            assert value not in data, (path.name, value)
    # the Parquet files decompressed too: no identifier in any cell
    for path in tmp_path.glob("*.parquet"):
        table = pq.read_table(path)
        cells = json.dumps(table.drop_columns(
            [f.name for f in table.schema if f.type == pa.binary()]).to_pylist())
        for value in (*PLAIN_VALUES, *bsns):
            assert value not in cells


def test_same_input_gives_identical_bytes(export: list[FakeSource], key: PseudonymKey,
                                          tmp_path: Path) -> None:
    first = _run(export, key, tmp_path / "a")
    second = _run(export, key, tmp_path / "b")
    for one, two in zip(first.deliveries, second.deliveries, strict=True):
        assert one.parquet_path.read_bytes() == two.parquet_path.read_bytes()
        assert one.delivery_id == two.delivery_id


def test_different_keys_give_different_tokens(export: list[FakeSource], tmp_path: Path) -> None:
    one = _run(export, PseudonymKey(secret=b"\x01" * 32), tmp_path / "a")
    two = _run(export, PseudonymKey(secret=b"\x02" * 32), tmp_path / "b")
    path = "vt_haaglanden_betrokkene_2024-H1.parquet"
    tokens_one = pq.read_table(tmp_path / "a" / path).column("bsn_token").to_pylist()
    tokens_two = pq.read_table(tmp_path / "b" / path).column("bsn_token").to_pylist()
    assert all(a != b for a, b in zip(tokens_one, tokens_two, strict=True) if a is not None)
    assert one.key_id != two.key_id


def test_refuses_an_unknown_column(export: list[FakeSource], key: PseudonymKey,
                                   tmp_path: Path) -> None:
    table = export[1].table.append_column("telefoon", pa.array(["0612345678"] * 5))
    with pytest.raises(InputRefused) as caught:
        _run([export[0], FakeSource("betrokkene", Path("betrokkenen.csv"), table)], key, tmp_path)
    assert caught.value.message == (
        "De invoer voor betrokkene (betrokkenen.csv) bevat kolommen die niet in het "
        "aanleverformaat staan: telefoon."
    )
    assert not list(tmp_path.glob("*betrokkene*"))


def test_refuses_a_missing_required_column(export: list[FakeSource], key: PseudonymKey,
                                           tmp_path: Path) -> None:
    table = export[0].table.drop_columns(["soort"])
    with pytest.raises(InputRefused) as caught:
        _run([FakeSource("vt_bericht", Path("berichten.csv"), table)], key, tmp_path)
    assert caught.value.message == (
        "In de invoer voor vt_bericht (berichten.csv) ontbreken de verplichte kolommen: soort."
    )


def test_refuses_empty_export_and_bad_partner(key: PseudonymKey, tmp_path: Path,
                                              export: list[FakeSource]) -> None:
    with pytest.raises(InputRefused, match="geen gegevens"):
        _run([], key, tmp_path)
    with pytest.raises(InputRefused, match="Partnernaam 'VT Haaglanden' is ongeldig"):
        pseudonymise_tables(export, key=key, partner="VT Haaglanden", period=PERIOD,
                            out_dir=tmp_path)


def test_several_files_of_one_record_type_become_one_delivery(
        export: list[FakeSource], key: PseudonymKey, tmp_path: Path) -> None:
    half = export[0].table.slice(0, 1), export[0].table.slice(1)
    parts = [FakeSource("vt_bericht", Path(f"b{i}.csv"), t) for i, t in enumerate(half)]
    result = _run([*parts, export[1]], key, tmp_path)
    assert [d.row_count for d in result.deliveries] == [3, 5]


@pytest.fixture
def debug_logging() -> Iterator[None]:
    """Log everything during the test (another test may have configured WARNING)."""
    saved = structlog.get_config()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.DEBUG))
    yield
    structlog.configure(**saved)


@pytest.mark.usefixtures("debug_logging")
def test_logs_hold_no_identifier_and_no_key(export: list[FakeSource], key: PseudonymKey,
                                            tmp_path: Path) -> None:
    with capture_logs() as logs:
        _run(export, key, tmp_path)
    assert [entry["event"] for entry in logs] == ["levering_geschreven"] * 2
    text = json.dumps(logs)
    for value in (*PLAIN_VALUES, *valid_bsns(2), key.secret.hex()):
        assert value not in text


def test_nothing_is_written_when_one_table_is_refused(export: list[FakeSource],
                                                      key: PseudonymKey, tmp_path: Path) -> None:
    betrokkenen = FakeSource("betrokkene", Path("p.csv"), export[1].table.drop_columns(["rol"]))
    with pytest.raises(InputRefused, match="ontbreken de verplichte kolommen: rol"):
        _run([export[0], betrokkenen], key, tmp_path / "uit")
    assert not (tmp_path / "uit").exists()


def test_two_files_with_different_columns_are_combined(export: list[FakeSource], key: PseudonymKey,
                                                       tmp_path: Path) -> None:
    table = export[1].table
    first = table.slice(0, 2).drop_columns(["geslacht"])
    second = table.slice(2)
    _run([export[0], FakeSource("betrokkene", Path("a.csv"), first),
          FakeSource("betrokkene", Path("b.csv"), second)], key, tmp_path)
    rows = pq.read_table(tmp_path / "vt_haaglanden_betrokkene_2024-H1.parquet").to_pylist()
    assert [r["geslacht"] for r in rows] == [None, None, "V", "M", "V"]
    assert rows[0]["bsn_token"] is not None


def test_empty_generated_columns_from_the_reader_are_ignored_but_filled_ones_refused(
        export: list[FakeSource], key: PseudonymKey, tmp_path: Path) -> None:
    table = export[1].table
    empty = table.append_column("voornaam_token", pa.nulls(5, pa.string())).append_column(
        "leeftijdsklasse", pa.nulls(5, pa.string()))
    _run([export[0], FakeSource("betrokkene", Path("b.csv"), empty)], key, tmp_path / "a")
    rows = pq.read_table(tmp_path / "a" / "vt_haaglanden_betrokkene_2024-H1.parquet").to_pylist()
    assert all(r["voornaam_token"] is not None for r in rows)  # made here, not read
    filled = table.append_column("voornaam_token", pa.array(["x"] * 5))
    with pytest.raises(InputRefused) as caught:
        _run([export[0], FakeSource("betrokkene", Path("b.csv"), filled)], key, tmp_path / "b")
    assert caught.value.code == "kolom_onbekend"
    assert "voornaam_token" in caught.value.message
