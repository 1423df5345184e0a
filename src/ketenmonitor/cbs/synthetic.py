# SPDX-License-Identifier: EUPL-1.2
"""Synthetic StatLine exports for a simulated region, so the demo can show the CBS comparison.

The region's gemeenten and its Veilig Thuis region get the simulator's true counts (from the
Veilig Thuis export before pseudonymisation, and the true eerdere betrokkenheid of each melding);
"Nederland" is the region scaled to an invented national population with slightly different
shares. Counts are rounded to 5 and shown as ``.`` below 10, the latest year is marked ``*``,
exactly in the StatLine CSV layout that ``ketenmonitor benchmark import`` reads. Every number is
synthetic; the files say so in their closing line.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ketenmonitor.codes import gemeente as gemeente_info
from ketenmonitor.codes import gemeenten, population, region
from ketenmonitor.core.periods import Period
from ketenmonitor.indicators.periods import FIRST_YEAR
from ketenmonitor.sources import load_mapping, read_export

NEDERLAND_INHABITANTS = 17_900_000  # invented round figure for the synthetic national series
# Nederland differs a little from the region, so the comparison has something to show.
NATIONAL_FACTORS = {"ADVIES": 1.06, "MELDING": 0.95}
CLOSING = "Synthetisch bestand van de Ketenmonitor-demo: verzonnen getallen in de StatLine-indeling."
EB_LABELS = {
    "EERSTE": "1e melding, geen betrokkenen bekend VT",
    "HERMELDING_EEN": "Eén betrokkene al bekend bij VT",
    "HERMELDING_MEERDERE": "Meerdere betrokkenen al bekend bij VT",
    "VERVOLG_TIJDENS_VB": "Tijdens veiligheidsbeoordeling",
    "VERVOLG_NA_VB": "Na veiligheidsbeoordeling",
    "VERVOLG_MONITORING": "Tijdens monitoring door VT",
    "NIET_INGEDEELD": "Melding niet ingedeeld",
}


def write_statline(path: Path, title: str, dimensions: Sequence[str], topics: Sequence[str],
                   units: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    """A CSV in the StatLine table layout: title, topic line, dimension/unit line, rows, source."""
    path.parent.mkdir(parents=True, exist_ok=True)
    blank = [""] * (len(dimensions) - 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        out.writerow([title])
        out.writerow(["Onderwerp", *blank, *topics])
        out.writerow([*dimensions, *units])
        out.writerows(rows)
        handle.write("\r\n")
        out.writerow(["Bron: CBS"])
        out.writerow([CLOSING])
    return path


def _cell(value: float) -> str:
    rounded = 5 * int((value + 2.5) // 5)
    return "." if 0 < value < 10 else str(rounded)


def _berichten(exports: Path) -> pa.Table:
    mapping = load_mapping("veilig_thuis")
    parts = []
    for period_dir in sorted((exports / "veilig_thuis").iterdir()):
        for source in read_export(mapping, period_dir):
            if source.record_type == "vt_bericht":
                parts.append(source.table.select(
                    ["bericht_id", "soort", "datum_ontvangst", "gemeente", "melder_organisatie"]))
    return pa.concat_tables(parts)


def _periods(peildatum: date) -> list[tuple[Period, str]]:
    """Complete periods from 2019 with their StatLine label; the last year is provisional."""
    found: list[tuple[Period, str]] = []
    complete = [y for y in range(FIRST_YEAR, peildatum.year + 1) if date(y, 12, 31) <= peildatum]
    if not complete:
        return found
    last_year = complete[-1]
    for year in range(FIRST_YEAR, last_year + 1):
        star = "*" if year == last_year else ""
        found += [(Period(year), f"{year}{star}"),
                  (Period(year, 1), f"{year} 1e halfjaar{star}"),
                  (Period(year, 2), f"{year} 2e halfjaar{star}")]
    return found


def _counts(con: duckdb.DuckDBPyConnection, column: str, where: str) -> dict[tuple[str, ...], int]:
    rows = con.execute(
        f"SELECT gemeente, year(d), CASE WHEN month(d) <= 6 THEN 1 ELSE 2 END, {column}, count(*) "
        f"FROM (SELECT *, CAST(datum_ontvangst AS DATE) AS d FROM berichten) WHERE {where} "
        "GROUP BY ALL"
    ).fetchall()
    return {(g, str(y), str(h), str(c)): int(n) for g, y, h, c, n in rows}


class _Areas:
    def __init__(self, region_code: str, peildatum: date) -> None:
        reg = region(region_code)
        self.vt_label = reg.vt_regio
        self.members = [g.code for g in gemeenten(region_code, on=peildatum)]
        self.region_inhabitants = sum(population(c, peildatum) for c in self.members)

    def labels(self) -> list[tuple[str, list[str], float]]:
        """(StatLine label, member gemeenten, national factor) per area."""
        scale = NEDERLAND_INHABITANTS / self.region_inhabitants
        rows = [("Nederland", self.members, scale), (self.vt_label, self.members, 1.0)]
        rows += [(f"{gemeente_info(c).naam} (gemeente)", [c], 1.0) for c in self.members]
        return rows


def _value(counts: dict[tuple[str, ...], int], members: list[str], period: Period,
           category: str) -> int:
    halves = [1, 2] if period.is_year else [period.half or 1]
    return sum(counts.get((m, str(period.year), str(h), category), 0)
               for m in members for h in halves)


def write_synthetic_statline(simulation: Path, region_code: str, peildatum: date,
                             out: Path | None = None) -> list[Path]:
    """StatLine CSVs (84847NED, 84849NED, 85361NED, 03759ned) for a simulated region."""
    folder = out or simulation / "cbs"
    periods = _periods(peildatum)
    if not periods:
        return []
    con = duckdb.connect()
    try:
        con.register("berichten", _berichten(simulation / "exports"))
        truth = pq.read_table(simulation / "grondwaarheid" / "eerdere_betrokkenheid.parquet")
        con.register("waarheid", truth.select(["bericht_id", "eerdere_betrokkenheid"]))
        con.execute("CREATE TEMP VIEW meldingen AS SELECT b.*, w.eerdere_betrokkenheid FROM "
                    "berichten b JOIN waarheid w USING (bericht_id) WHERE b.soort = 'MELDING'")
        soort = _counts(con, "soort", "true")
        melder = _counts(con, "melder_organisatie", "soort = 'MELDING'")
        eb_rows = con.execute(
            "SELECT gemeente, year(CAST(datum_ontvangst AS DATE)), CASE WHEN "
            "month(CAST(datum_ontvangst AS DATE)) <= 6 THEN 1 ELSE 2 END, eerdere_betrokkenheid, "
            "count(*) FROM meldingen GROUP BY ALL"
        ).fetchall()
    finally:
        con.close()
    eb: dict[tuple[str, ...], int] = {
        (str(g), str(y), str(h), str(c)): int(n) for g, y, h, c, n in eb_rows
    }
    areas = _Areas(region_code, peildatum)
    return [
        _kerncijfers(folder, areas, periods, soort),
        _melders(folder, areas, periods, melder),
        _eerdere_betrokkenheid(folder, areas, periods, eb),
        _bevolking(folder, areas, periods),
    ]


def _kerncijfers(folder: Path, areas: _Areas, periods: list[tuple[Period, str]],
                 counts: dict[tuple[str, ...], int]) -> Path:
    rows = []
    for label, members, scale in areas.labels():
        for period, text in periods:
            values = []
            for soort in ("ADVIES", "MELDING"):
                factor = scale * NATIONAL_FACTORS[soort] if scale != 1.0 else 1.0
                values.append(_cell(_value(counts, members, period, soort) * factor))
            rows.append([label, text, *values])
    return write_statline(folder / "84847NED_synthetisch.csv", "Veilig Thuis; kerncijfers, regio",
                          ["Regio's", "Perioden"], ["Adviezen", "Meldingen"],
                          ["aantal", "aantal"], rows)


def _melders(folder: Path, areas: _Areas, periods: list[tuple[Period, str]],
             counts: dict[tuple[str, ...], int]) -> Path:
    from ketenmonitor.codes import code_list

    codes = code_list("melder_organisatie")
    rows = []
    for label, members, scale in areas.labels():
        for period, text in periods:
            total = sum(_value(counts, members, period, c) for c in codes.codes)
            rows.append(["Totaal organisaties", label, text, _cell(total * scale)])
            for code in codes.codes:
                rows.append([codes.label(code), label, text,
                             _cell(_value(counts, members, period, code) * scale)])
    return write_statline(
        folder / "84849NED_synthetisch.csv",
        "Veilig Thuis; meldingen, rol en organisatie melder, duur geweld, regio",
        ["Organisatie melder", "Regio's", "Perioden"], ["Meldingen"], ["aantal"], rows)


def _eerdere_betrokkenheid(folder: Path, areas: _Areas, periods: list[tuple[Period, str]],
                           counts: dict[tuple[str, ...], int]) -> Path:
    rows = []
    for label, members, scale in areas.labels():
        for period, text in periods:
            total = sum(_value(counts, members, period, c) for c in EB_LABELS)
            rows.append([label, text, "Totaal meldingen", _cell(total * scale)])
            for code, cbs_label in EB_LABELS.items():
                rows.append([label, text, cbs_label,
                             _cell(_value(counts, members, period, code) * scale)])
    return write_statline(
        folder / "85361NED_synthetisch.csv",
        "Veilig Thuis; meldingen, eerdere betrokkenheid, regio",
        ["Regio's", "Perioden", "Eerdere betrokkenheid"], ["Meldingen"], ["aantal"], rows)


def _bevolking(folder: Path, areas: _Areas, periods: list[tuple[Period, str]]) -> Path:
    rows = []
    for year in sorted({p.year for p, _t in periods}):
        day = date(year, 1, 1)
        counts = {c: population(c, day) for c in areas.members}
        rows.append(["Totaal mannen en vrouwen", "Nederland", str(year),
                     str(NEDERLAND_INHABITANTS)])
        rows.append(["Totaal mannen en vrouwen", areas.vt_label, str(year),
                     str(sum(counts.values()))])
        rows += [["Totaal mannen en vrouwen", f"{gemeente_info(c).naam} (gemeente)", str(year),
                  str(n)] for c, n in counts.items()]
    return write_statline(
        folder / "03759ned_synthetisch.csv",
        "Bevolking op 1 januari en gemiddeld; geslacht, leeftijd en regio",
        ["Geslacht", "Regio's", "Perioden"], ["Bevolking op 1 januari"], ["aantal"], rows)
