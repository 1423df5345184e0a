# SPDX-License-Identifier: EUPL-1.2
"""The check at the source finds exactly the rows ingest would quarantine, by the same rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from ketenmonitor.core.periods import Period
from ketenmonitor.delivery.schema import RECORD_TYPES
from ketenmonitor.ingest import rules as ingest_rules
from ketenmonitor.ingest.loader import Reference
from ketenmonitor.sources import check, load_mapping, read_export
from ketenmonitor.sources.check import check_export
from ketenmonitor.sources.reader import SourceTable

from .conftest import CsvWriter

TODAY = date(2024, 9, 1)
PERIOD = Period.parse("2024-H1")
LT_HEADER = ["Trajectnummer", "Gemeentecode", "Aanmelddatum", "Startdatum hulp", "Einddatum",
             "Verwezen door", "Vaste contactpersoon", "SoS-score intake", "SoS-score afsluiting",
             "Reden afsluiting", "Uren inzet"]
GOOD = ["T1", "0518", "02-01-2024", "03-01-2024", "", "Huisarts", "M1", "4", "7",
        "Doelen behaald", "12,5"]


def _lt_rows() -> list[list[str]]:
    """One good row and one row per kind of mistake ingest knows for lt_traject."""
    def bad(**changes: str) -> list[str]:
        row = list(GOOD)
        for header, value in changes.items():
            row[LT_HEADER.index(header.replace("_", " "))] = value
        return row

    return [
        GOOD,
        bad(Trajectnummer="T2", Aanmelddatum="31-02-2024"),  # date does not exist
        bad(Trajectnummer="T3", Aanmelddatum="02-01-2030"),  # future, outside period
        bad(Trajectnummer="T4", Gemeentecode="9999"),  # unknown gemeente
        bad(Trajectnummer="T5", Gemeentecode="GM0003"),  # ended 2020: not valid in 2024
        bad(Trajectnummer="T6", **{"Verwezen_door": "Buurvrouw"}),  # not in the code list
        bad(Trajectnummer="T7", **{"SoS-score_intake": "11"}),  # out of range
        bad(Trajectnummer="T8", **{"SoS-score_afsluiting": "zeven"}),  # not an integer
        bad(Trajectnummer="T9", **{"Uren_inzet": "12,5,1"}),  # not a number
        bad(Trajectnummer="T1"),  # duplicate key
        bad(Trajectnummer="", Aanmelddatum="01-07-2023"),  # required empty; outside the period
    ]


def _lt_export(tmp_path: Path) -> Path:
    lines = [";".join(LT_HEADER)] + [";".join(r) for r in _lt_rows()]
    path = tmp_path / "LT_trajecten_2024-H1.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _ingest_triples(source: SourceTable) -> set[tuple[str, str, int]]:
    record_type = RECORD_TYPES[source.record_type]
    con = duckdb.connect()
    try:
        reference = Reference(con)
        staged = source.table.append_column("_rij", pa.array(source.row_numbers, pa.int64()))
        # ingest names the partner's line (``_regel``) when the delivery carries it
        staged = staged.append_column("_regel", pa.array(source.row_numbers, pa.int64()))
        con.register("partner_rows", staged)
        con.execute("CREATE TEMP TABLE stage AS SELECT * FROM partner_rows")
        ctx = ingest_rules.RuleContext(record_type, "stage", reference.codes,
                                       reference.gemeenten, PERIOD, TODAY)
        found = con.execute(" UNION ALL ".join(ingest_rules.rule_queries(ctx))).fetchall()
    finally:
        con.close()
    return {(reason, field, row) for row, _order, reason, field, _message in found}


def test_the_check_finds_what_ingest_would_quarantine(tmp_path: Path) -> None:
    (source,) = read_export(load_mapping("lokaal_team"), _lt_export(tmp_path))
    result = check_export([source], today=TODAY, period=PERIOD)
    ours = {(f.reason, f.field, line) for f in result.failures for line in f.lines}
    expected = _ingest_triples(source)
    assert ours == expected
    # every kind of mistake in the file was found, on the partner's line numbers (header = 1)
    assert {reason for reason, _, _ in ours} == {
        "datum_ongeldig", "datum_toekomst", "buiten_periode", "gemeente_onbekend",
        "gemeente_ongeldig", "code_onbekend", "buiten_bereik", "geheel_getal_ongeldig",
        "decimaal_ongeldig", "dubbel", "verplicht_leeg"}
    assert ("datum_ongeldig", "datum_aanmelding", 3) in ours
    assert ("dubbel", "traject_id", 11) in ours
    assert result.failed_rows == result.quarantined_rows == 10


def test_the_limits_are_those_of_ingest() -> None:
    assert check.DECIMAL_LIMIT == ingest_rules.DECIMAL_LIMIT
    assert check.INT_PATTERN == ingest_rules.INT_PATTERN
    assert check.DECIMAL_PATTERN == ingest_rules.DECIMAL_PATTERN


def test_failures_name_the_partners_columns_and_lines(tmp_path: Path) -> None:
    (source,) = read_export(load_mapping("lokaal_team"), _lt_export(tmp_path))
    result = check_export([source], today=TODAY, period=PERIOD)
    by_rule = {(f.reason, f.field): f for f in result.failures}
    failure = by_rule[("code_onbekend", "verwijzer")]
    assert (failure.column, failure.lines, failure.file) == (
        "Verwezen door", (7,), "LT_trajecten_2024-H1.csv")
    assert by_rule[("dubbel", "traject_id")].column == "Trajectnummer"
    assert result.rows == {("LT_trajecten_2024-H1.csv", "lt_traject"): 11}


@pytest.mark.parametrize(("bsn", "birth", "reasons"), [
    ("111222333", "03-04-1990", set()),
    ("111222334", "03-04-1990", {"bsn_ongeldig"}),
    ("111222333", "31-02-1990", {"geboortedatum_ongeldig"}),
    ("", "", set()),
])
def test_identity_rules(tmp_path: Path, bsn: str, birth: str, reasons: set[str]) -> None:
    header = "Registratienummer;Volgnummer;Rol;BSN;Voornamen;Tussenvoegsel;Achternaam;" \
             "Geboortedatum;Geslacht;Postcode;Huisnummer;Toevoeging"
    row = f"VT1;1;Slachtoffer;{bsn};Anna;;Berg;{birth};Vrouw;2512AB;12;"
    path = tmp_path / "VT_betrokkenen_2024-H1.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    tables = read_export(load_mapping("veilig_thuis"), path)
    result = check_export(tables, today=TODAY)
    assert {f.reason for f in result.failures} == reasons
    assert all(f.lines == (2,) and f.fraction == 1.0 for f in result.unreadable())


def test_veilig_thuis_rules_agree_with_ingest(tmp_path: Path, write_csv: CsvWriter,
                                              vt_row: dict[str, str]) -> None:
    rows = [vt_row,
            {**vt_row, "Registratienummer": "VT2", "Acute onveiligheid": "Misschien",
             "Aard geweld": "Kindermishandeling, Iets anders", "Datum ontvangst": "2-1-2024"},
            {**vt_row, "Registratienummer": "VT3", "Structurele onveiligheid": "",
             "Soort bericht": "", "Woongemeente (CBS)": "GM0003"}]
    path = write_csv(tmp_path / "VT_berichten_2024-H1.csv", rows)
    (source,) = read_export(load_mapping("veilig_thuis"), path)
    result = check_export([source], today=TODAY, period=PERIOD)
    ours = {(f.reason, f.field, line) for f in result.failures for line in f.lines}
    assert ours == _ingest_triples(source)
    assert {("ja_nee_ongeldig", "acute_onveiligheid", 3), ("code_onbekend", "aard", 3),
            ("verplicht_leeg", "soort", 4), ("gemeente_ongeldig", "gemeente", 4)} <= ours


def test_a_person_without_an_event_in_the_export_is_named(tmp_path: Path, write_csv: CsvWriter,
                                                          vt_row: dict[str, str],
                                                          person_row: dict[str, str]) -> None:
    folder = tmp_path / "export"
    write_csv(folder / "VT_berichten_2024-H1.csv", [vt_row])
    write_csv(folder / "VT_betrokkenen_2024-H1.csv",
              [person_row, {**person_row, "Registratienummer": "VT-ELDERS", "Volgnummer": "1"}])
    result = check_export(read_export(load_mapping("veilig_thuis"), folder), today=TODAY)
    (orphan,) = [f for f in result.failures if f.reason == "bron_ontbreekt"]
    assert (orphan.file, orphan.column, orphan.lines) == (
        "VT_betrokkenen_2024-H1.csv", "Registratienummer", (3,))
