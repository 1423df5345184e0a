# SPDX-License-Identifier: EUPL-1.2
"""Schema 1.1 betrokkene tokens: values, per-field keys, other keys, and nothing plain leaks."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ketenmonitor.core.periods import Period
from ketenmonitor.delivery.schema import BETROKKENE, BLOOM_BYTES
from ketenmonitor.pseudonymise import PseudonymiseResult, PseudonymKey, pseudonymise_tables
from ketenmonitor.pseudonymise.bloom import dice
from ketenmonitor.pseudonymise.identity import BLOOM_FIELD, BLOOM_FIELDS, FIELD_KEYS

from .conftest import BERICHTEN, PLAIN_VALUES, FakeSource, betrokkenen_table, valid_bsns

PERIOD = Period.parse("2024-H1")
BETROKKENE_FILE = "vt_haaglanden_betrokkene_2024-H1.parquet"
TOKEN_COLUMNS = [f.name for f in BETROKKENE.fields if f.type.value == "token"]


def _run(export: list[FakeSource], key: PseudonymKey, out: Path, bloom: bool = False
         ) -> PseudonymiseResult:
    return pseudonymise_tables(export, key=key, partner="vt_haaglanden", period=PERIOD,
                               out_dir=out, bloom=bloom)


def _rows(out: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(out / BETROKKENE_FILE).to_pylist()
    return rows


def _hmac(key: PseudonymKey, field: str, value: str) -> bytes:
    return hmac.new(key.field_key(field), value.encode(), hashlib.sha256).digest()


def _export(**columns: list[str | None]) -> list[FakeSource]:
    """The fixture export with some identity columns replaced."""
    table = betrokkenen_table()
    for name, values in columns.items():
        table = table.set_column(table.column_names.index(name), name, pa.array(values))
    return [FakeSource("vt_bericht", Path("berichten.csv"), pa.table(BERICHTEN)),
            FakeSource("betrokkene", Path("betrokkenen.csv"), table)]


def test_every_token_column_holds_the_hmac_of_the_normalised_value(
        export: list[FakeSource], key: PseudonymKey, tmp_path: Path) -> None:
    result = _run(export, key, tmp_path)
    assert pq.read_schema(tmp_path / BETROKKENE_FILE).names == BETROKKENE.field_names
    rows = _rows(tmp_path)
    first = rows[0]  # Annelies Verbruggen, 1985-04-12, 2513 kx 17
    expected = {
        "voornaam_token": ("voornaam", "annelies"),
        "initiaal_token": ("initiaal", "a"),
        "achternaam_token": ("achternaam", "verbruggen"),
        "achternaam_fonetisch_token": ("achternaam_fonetisch", "FRBRGN"),
        "geboortedatum_token": ("geboortedatum", "1985-04-12"),
        "geboortejaar_token": ("geboortejaar", "1985"),
        "geboortedatum_wissel_token": ("geboortedatum_wissel", "1985|04|12"),
        "postcode_token": ("postcode", "2513KX"),
        "huisnummer_token": ("huisnummer", "17|"),
        "naampaar_token": ("naam", "annelies\x1fverbruggen"),  # sorted, shared name key
    }
    for column, (field, value) in expected.items():
        assert first[column] == _hmac(key, field, value), column
    assert first["achternaam2_token"] is None
    assert all(first[c] is None for c in (BLOOM_FIELD, *BLOOM_FIELDS))  # only with --bloom
    second = rows[1]  # Gerrit Jan / van der / Wielinga
    assert second["voornaam_token"] == _hmac(key, "voornaam", "gerrit")
    assert second["achternaam_token"] == _hmac(key, "achternaam", "wielinga")
    assert rows[2]["huisnummer_token"] == _hmac(key, "huisnummer", "17|A")  # '17 a'
    invalid_date = rows[3]  # '31-02-1990' does not exist; the year is still usable
    assert invalid_date["geboortedatum_token"] is None
    assert invalid_date["geboortedatum_wissel_token"] is None
    assert invalid_date["geboortejaar_token"] == _hmac(key, "geboortejaar", "1990")
    assert invalid_date["postcode_token"] is None and invalid_date["huisnummer_token"] is None
    assert rows[4]["achternaam_token"] == first["achternaam_token"]
    stats = result.token_stats
    assert stats is not None
    assert stats.column_tokens["voornaam_token"] == 5
    assert stats.column_tokens["geboortedatum_token"] == 4
    assert stats.column_tokens["postcode_token"] == 4
    assert stats.tokens == sum(stats.column_tokens.values())
    assert stats.tokens == sum(1 for r in rows for c in TOKEN_COLUMNS if r[c] is not None)


def test_exchanged_given_name_and_surname_share_the_name_pair_token(
        key: PseudonymKey, tmp_path: Path) -> None:
    table = betrokkenen_table()
    swapped = _export(voornamen=table["achternaam"].to_pylist(),
                      achternaam=table["voornamen"].to_pylist())
    _run(swapped, key, tmp_path / "verwisseld")
    _run(_export(), key, tmp_path / "gewoon")
    plain = _rows(tmp_path / "gewoon")[0]  # Annelies Verbruggen
    exchanged = _rows(tmp_path / "verwisseld")[0]  # Verbruggen Annelies
    assert exchanged["voornaam_token"] != plain["voornaam_token"]
    assert exchanged["naampaar_token"] == plain["naampaar_token"] is not None


def test_tokens_of_different_fields_of_the_same_value_differ(key: PseudonymKey,
                                                             tmp_path: Path) -> None:
    keys = {field: key.field_key(field) for field in {*FIELD_KEYS.values(), *BLOOM_FIELDS}}
    assert len(set(keys.values())) == len(keys)  # HKDF: one key per field
    same = {hmac.new(k, b"1990", hashlib.sha256).digest() for k in keys.values()}
    assert len(same) == len(keys)
    export = _export(voornamen=["Jansen", "Jansen", "Sanne", "Mohammed", "Annelies"],
                     achternaam=["Jansen", "Jansen-de Vries", "Vries", "El Amrani", "Verbruggen"],
                     tussenvoegsel=[None, None, "de", None, None])
    _run(export, key, tmp_path)
    rows = _rows(tmp_path)
    assert rows[0]["voornaam_token"] != rows[0]["achternaam_token"]
    # on purpose: both surname parts share the key 'achternaam', so the parts of a double name
    # can agree with a record that carries only one of them
    assert rows[1]["achternaam_token"] == rows[0]["achternaam_token"]
    assert rows[1]["achternaam2_token"] == rows[2]["achternaam_token"] == _hmac(
        key, "achternaam", "vries")


def _binary_cells(out: Path) -> set[bytes]:
    table = pq.read_table(out / BETROKKENE_FILE)
    return {v for name in [*TOKEN_COLUMNS, *BLOOM_FIELDS] for v in table.column(name).to_pylist()
            if v is not None}


def test_tokens_from_two_different_keys_do_not_match(export: list[FakeSource],
                                                     tmp_path: Path) -> None:
    one = PseudonymKey(secret=b"\x01" * 32)
    two = PseudonymKey(secret=b"\x02" * 32)
    _run(export, one, tmp_path / "a", bloom=True)
    _run(export, two, tmp_path / "b", bloom=True)
    cells_one = _binary_cells(tmp_path / "a")
    cells_two = _binary_cells(tmp_path / "b")
    assert len(cells_one) > 30 and len(cells_two) == len(cells_one)
    assert cells_one.isdisjoint(cells_two)  # the whole delivery: not one token in common
    for column in BLOOM_FIELDS:  # the same value under another key looks like another value
        blooms_one = [r[column] for r in _rows(tmp_path / "a")]
        blooms_two = [r[column] for r in _rows(tmp_path / "b")]
        assert all(dice(a, b) < 0.6 for a, b in zip(blooms_one, blooms_two, strict=True)
                   if a is not None and b is not None), column


def test_no_plain_identifier_and_no_key_bytes_in_the_delivery(
        export: list[FakeSource], key: PseudonymKey, tmp_path: Path) -> None:
    _run(export, key, tmp_path, bloom=True)
    normalised = ("annelies", "verbruggen", "wielinga", "gerrit", "mohammed", "elamrani",
                  "FRBRGN", "1985|04|12", "1982|11|30", "2513KX|17|", "El Amrani", "Gerrit Jan")
    plain = [*PLAIN_VALUES, *valid_bsns(2), *normalised]
    forbidden = [v.encode() for v in plain]
    forbidden += [key.secret, key.secret.hex().encode(), key.secret.hex().upper().encode()]
    forbidden += [key.field_key(f) for f in {*FIELD_KEYS.values(), *BLOOM_FIELDS}]
    for path in tmp_path.iterdir():
        data = path.read_bytes()
        for value in forbidden:
            assert value not in data, (path.name, value)
    for path in tmp_path.glob("*.parquet"):
        table = pq.read_table(path)
        text = json.dumps(table.drop_columns(
            [f.name for f in table.schema if f.type == pa.binary()]).to_pylist())
        for value in plain:
            assert value not in text, (path.name, value)


def test_field_level_bloom_filters_keep_typos_similar(key: PseudonymKey, tmp_path: Path) -> None:
    export = _export(
        voornamen=["Annelies", "Anneleis", "Gerrit", "J.", "Annelies"],
        achternaam=["Verbruggen", "Verbrugen", "Wielinga", "Verbruggen", "Verbruggen"],
        geboortedatum=["1985-04-12", "1985-04-13", "2014-06-30", "1985-13-04", "1958-04-12"],
        postcode=["2513KX", "2531KX", "3011AB", None, "2513KX"])
    result = _run(export, key, tmp_path, bloom=True)
    rows = _rows(tmp_path)
    assert rows[0][BLOOM_FIELD] is None  # the 1.1 surname filter is no longer written
    assert all(len(rows[0][c]) == BLOOM_BYTES for c in BLOOM_FIELDS)
    assert rows[3]["voornaam_bloom"] is None and rows[3]["postcode_bloom"] is None
    # not salted: the same surname gives the same filter whatever the year of birth
    assert rows[0]["achternaam_bloom"] == rows[4]["achternaam_bloom"]
    for column, typo, other in (("voornaam_bloom", 1, 2), ("achternaam_bloom", 1, 2),
                                ("geboortedatum_bloom", 1, 2), ("postcode_bloom", 1, 2)):
        close, far = dice(rows[0][column], rows[typo][column]), dice(rows[0][column],
                                                                     rows[other][column])
        assert close > 0.6 > far, (column, close, far)
    # an impossible date (day and month typed the wrong way round) still gets a date filter
    assert rows[3]["geboortedatum_bloom"] is not None and rows[3]["geboortedatum_token"] is None
    # digits moved between places keep the sorted form: 2513 / 2531 still look alike
    assert dice(rows[0]["postcode_bloom"], rows[1]["postcode_bloom"]) >= 0.6
    assert result.token_stats is not None and result.token_stats.bloom_encodings == 23


@pytest.mark.parametrize("spelling", ["Meyer", "Mijer", "Meijer"])
def test_bloom_and_phonetic_treat_ij_and_y_alike(key: PseudonymKey, tmp_path: Path,
                                                  spelling: str) -> None:
    export = _export(achternaam=["Meijer", "Wielinga", "Meijer", "Meijer", spelling])
    _run(export, key, tmp_path, bloom=True)
    rows = _rows(tmp_path)
    assert rows[0]["achternaam_fonetisch_token"] == rows[4]["achternaam_fonetisch_token"]
    score = dice(rows[0]["achternaam_bloom"], rows[4]["achternaam_bloom"])
    assert score == 1.0 if spelling != "Mijer" else 0.6 < score < 1.0
    assert dice(rows[0]["achternaam_bloom"], rows[1]["achternaam_bloom"]) < 0.6


def test_schema_1_4_tokens_hold_the_hmac_of_their_value(export: list[FakeSource],
                                                        key: PseudonymKey, tmp_path: Path) -> None:
    _run(export, key, tmp_path)
    first, second = _rows(tmp_path)[:2]  # Annelies Verbruggen 1985-04-12 2513 kx; Gerrit Jan
    expected = {
        "voornamen_token": ("voornamen", "annelies"),
        "geboortejaarmaand_token": ("geboortejaarmaand", "198504"),
        "geboortemaanddag_token": ("geboortemaanddag", "0412"),
        "geboortejaardag_token": ("geboortejaardag", "198512"),
        "postcode4_token": ("postcode4", "2513"),
        "voornaam_gedeeld_token": ("naam", "annelies"),  # the shared name key
        "achternaam_gedeeld_token": ("naam", "verbruggen"),
    }
    for column, (field, value) in expected.items():
        assert first[column] == _hmac(key, field, value), column
    assert second["voornamen_token"] == _hmac(key, "voornamen", "gerritjan")


def test_multiple_given_names_split_or_joined_give_one_token(key: PseudonymKey,
                                                             tmp_path: Path) -> None:
    export = _export(voornamen=["Gerrit Jan", "Gerrit-Jan", "Gerritjan", "G.J.", "Gerrit"])
    _run(export, key, tmp_path)
    rows = _rows(tmp_path)
    assert rows[0]["voornamen_token"] == rows[1]["voornamen_token"] == rows[2]["voornamen_token"]
    assert rows[3]["voornamen_token"] is None  # initials only
    assert rows[4]["voornamen_token"] != rows[0]["voornamen_token"]
    assert rows[4]["voornaam_token"] == rows[0]["voornaam_token"]  # the first given name


def test_one_digit_typo_in_the_date_keeps_two_of_three_part_tokens(key: PseudonymKey,
                                                                   tmp_path: Path) -> None:
    export = _export(geboortedatum=["1985-04-12", "1985-04-13", "1985-07-12", "1986-04-12",
                                    "1958-11-30"])
    _run(export, key, tmp_path)
    rows = _rows(tmp_path)
    parts = ("geboortejaarmaand_token", "geboortemaanddag_token", "geboortejaardag_token")

    def shared(other: int) -> list[str]:
        return [p for p in parts if rows[0][p] == rows[other][p]]

    assert shared(1) == ["geboortejaarmaand_token"]  # day typo
    assert shared(2) == ["geboortejaardag_token"]  # month typo
    assert shared(3) == ["geboortemaanddag_token"]  # year typo
    assert shared(4) == []


def test_exchanged_names_with_a_typo_keep_the_name_set_filter(key: PseudonymKey,
                                                              tmp_path: Path) -> None:
    export = _export(voornamen=["Annelies", "Verbrugen", "Verbruggen", "Mohammed", "Annelies"],
                     achternaam=["Verbruggen", "Annelies", "Mohammed", "Verbruggen", "Jansen"],
                     tussenvoegsel=[None] * 5)
    _run(export, key, tmp_path, bloom=True)
    rows = _rows(tmp_path)
    assert dice(rows[0]["namen_bloom"], rows[1]["namen_bloom"]) >= 0.8  # exchanged, one typo
    assert rows[0]["naampaar_token"] != rows[1]["naampaar_token"]  # the exact pair misses it
    assert dice(rows[0]["namen_bloom"], rows[4]["namen_bloom"]) < 0.8  # another surname
    # a given name written as surname agrees across the fields under the shared name key
    assert rows[2]["voornaam_gedeeld_token"] == rows[3]["achternaam_gedeeld_token"]
    assert rows[2]["voornaam_token"] != rows[3]["achternaam_token"]


def test_new_tokens_differ_across_keys(export: list[FakeSource], key: PseudonymKey,
                                       tmp_path: Path) -> None:
    # the same text under each new field key gives another token; and no cell of one token column
    # equals a cell of another, except the name tokens that share the key on purpose
    new = ("voornamen", "geboortejaarmaand", "geboortemaanddag", "geboortejaardag", "postcode4")
    same = {_hmac(key, field, "1985") for field in (*new, "naam", "geboortejaar")}
    assert len(same) == len(new) + 2
    _run(export, key, tmp_path, bloom=True)
    table = pq.read_table(tmp_path / BETROKKENE_FILE)
    shared = {"voornaam_gedeeld_token", "achternaam_gedeeld_token", "naampaar_token"}
    cells: dict[bytes, str] = {}
    for name in TOKEN_COLUMNS:
        for value in table.column(name).to_pylist():
            if value is None:
                continue
            owner = cells.setdefault(value, name)
            allowed = {owner, name} <= shared or {owner, name} <= {
                "achternaam_token", "achternaam2_token"}
            assert owner == name or allowed, (owner, name)
