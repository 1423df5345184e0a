# SPDX-License-Identifier: EUPL-1.2
"""The publication table ``_cbs_vergelijking``: CBS figures in the units of the indicators.

For every indicator of a publication that ``koppeling.yaml`` maps, and for the gemeenten of the
publication, its Veilig Thuis region and Nederland, the CBS count becomes the indicator's value:
per 1,000 inhabitants with the imported CBS population (else the population of ``codes/data``;
for a region the sum of its gemeenten), or as a share of the CBS total. CBS figures are public
and already protected, but they pass the same guards as the region's own figures: a suppressed
or small count is shown as ``.``, counts are multiples of the rounding base, and a gemeente's or
the region's figure is hidden wherever the publication hides its own cell (issue 12).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from ketenmonitor.cbs.koppeling import TOTAAL, Koppeling, KoppelingBestand, load_koppeling
from ketenmonitor.cbs.labels import GEMEENTE, NEDERLAND, NEDERLAND_CODE, VT_REGIO
from ketenmonitor.cbs.population import PopulationLookup
from ketenmonitor.cbs.publication import BENCHMARK_SCHEMA
from ketenmonitor.cbs.store import BENCHMARK_TABLE, IMPORT_TABLE, has_tables
from ketenmonitor.core.logging import get_logger
from ketenmonitor.core.periods import Period
from ketenmonitor.core.settings import Settings
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.disclosure import format_dutch, round_to_base, round_value
from ketenmonitor.indicators.model import IndicatorDefinitie

log = get_logger(__name__)
Key = tuple[str, str, str, str, str, str]  # tabel, onderwerp, gebied, periode, dimensie, categorie


@dataclass(frozen=True)
class CbsFigure:
    waarde: float | None
    onderdrukt: bool
    voorlopig: bool


@dataclass(frozen=True)
class Target:
    code: str
    naam: str
    niveau: str


def _figures(con: duckdb.DuckDBPyConnection, tables: Sequence[str],
             periods: Sequence[str]) -> tuple[dict[Key, CbsFigure], dict[str, list[str]]]:
    rows = con.execute(
        f"SELECT tabel, onderwerp, gebied_code, periode, dimensie, categorie, waarde, onderdrukt,"
        f" voorlopig FROM {BENCHMARK_TABLE} WHERE tabel IN (SELECT unnest(?)) AND periode IN "
        f"(SELECT unnest(?)) AND categorie IS NOT NULL",
        [list(tables), list(periods)],
    ).fetchall()
    figures: dict[Key, CbsFigure] = {}
    topics: dict[str, list[str]] = {}
    for tabel, onderwerp, gebied, periode, dimensie, categorie, waarde, onderdrukt, voorlopig in rows:
        key = (tabel, onderwerp, gebied, periode, dimensie, categorie)
        figure = CbsFigure(waarde, bool(onderdrukt), bool(voorlopig))
        # Two CBS categories with one code (Partnergeweld and Ex-partnergeweld) add up.
        figures[key] = (_sum([figures[key], figure]) or figure) if key in figures else figure
        if onderwerp not in topics.setdefault(tabel, []):
            topics[tabel].append(onderwerp)
    return figures, topics


def _topic(topics: Mapping[str, list[str]], tabel: str, wanted: str) -> str | None:
    """The stored topic path that ``wanted`` names: the whole path or its last level."""
    key = wanted.casefold().strip()
    for topic in topics.get(tabel, []):
        if topic.casefold() == key or topic.casefold().split(" | ")[-1] == key:
            return topic
    return None


def _sum(found: Sequence[CbsFigure | None]) -> CbsFigure | None:
    if not found or any(f is None for f in found):
        return None
    present = [f for f in found if f is not None]
    if any(f.onderdrukt or f.waarde is None for f in present):
        return CbsFigure(None, True, any(f.voorlopig for f in present))
    return CbsFigure(sum(f.waarde or 0.0 for f in present), False,
                     any(f.voorlopig for f in present))


class _Builder:
    def __init__(self, figures: dict[Key, CbsFigure], topics: dict[str, list[str]],
                 population: PopulationLookup, settings: Settings) -> None:
        self.figures = figures
        self.topics = topics
        self.population = population
        self.settings = settings
        self.rows: list[dict[str, Any]] = []
        self.used: set[str] = set()

    def count(self, tabel: str, topic: str, area: str, periode: str, dimensie: str,
              code: str, members: Sequence[str] = ()) -> CbsFigure | None:
        found = self.figures.get((tabel, topic, area, periode, dimensie, code))
        if found is None and members:
            found = _sum([self.figures.get((tabel, topic, area, periode, dimensie, m))
                          for m in members])
        return found

    def _protected(self, figure: CbsFigure | None) -> int | None:
        if figure is None or figure.onderdrukt or figure.waarde is None:
            return None
        value = round(figure.waarde)
        if 0 < value < self.settings.suppression_threshold:
            return None
        return round_to_base(value, self.settings.rounding_base)

    def emit(self, defn: IndicatorDefinitie, target: Target, period: Period, dimensie: str,
             categorie: tuple[str, str], teller: CbsFigure | None,
             noemer: CbsFigure | int | None, bron: str) -> None:
        if teller is None or noemer is None:
            return
        count = self._protected(teller)
        voorlopig = teller.voorlopig or (isinstance(noemer, CbsFigure) and noemer.voorlopig)
        denominator = self._protected(noemer) if isinstance(noemer, CbsFigure) else noemer
        waarde: float | None = None
        if count is not None and denominator:
            raw = teller.waarde or 0.0
            base = noemer.waarde if isinstance(noemer, CbsFigure) else float(noemer)
            waarde = round_value(raw / float(base or 1) * defn.eenheid.factor) + 0.0
        hidden = waarde is None
        self.rows.append({
            "indicator_id": defn.id, "gebied_code": target.code, "gebied_naam": target.naam,
            "gebied_niveau": target.niveau, "periode": period.code,
            "periode_type": "jaar" if period.is_year else "halfjaar", "dimensie": dimensie,
            "categorie": categorie[0], "categorie_label": categorie[1],
            "eenheid": defn.eenheid.value,
            "teller": None if hidden else count, "noemer": None if hidden else denominator,
            "waarde": waarde,
            "weergave": "." if hidden else format_dutch(waarde or 0.0) + ("*" if voorlopig else ""),
            "onderdrukt": hidden, "voorlopig": voorlopig, "bron": bron,
        })

    def add(self, k: Koppeling, defn: IndicatorDefinitie, targets: Sequence[Target],
            periods: Sequence[Period]) -> None:
        topic = _topic(self.topics, k.tabel, k.onderwerp)
        if topic is None:
            return
        self.used.add(k.tabel)
        for target in targets:
            for period in periods:
                if k.dimensie is None:
                    self._total(k, defn, topic, target, period)
                else:
                    self._categories(k, defn, topic, target, period)

    def _rate_base(self, target: Target, period: Period) -> tuple[int | None, str]:
        return self.population.inhabitants(target.code, target.niveau, period.start)

    def _total(self, k: Koppeling, defn: IndicatorDefinitie, topic: str, target: Target,
               period: Period) -> None:
        teller = self.count(k.tabel, topic, target.code, period.code, TOTAAL, TOTAAL)
        bron = f"CBS {k.tabel}: {topic.split(' | ')[-1]}"
        if defn.eenheid.is_rate:
            inhabitants, source = self._rate_base(target, period)
            self.emit(defn, target, period, TOTAAL, (TOTAAL, "Totaal"), teller, inhabitants,
                      f"{bron}; inwoners: {source}")
        elif k.noemer is not None:
            self.emit(defn, target, period, TOTAAL, (TOTAAL, "Totaal"), teller,
                      self._noemer(k, target, period), bron)

    def _noemer(self, k: Koppeling, target: Target, period: Period) -> CbsFigure | None:
        if k.noemer is not None:
            topic = _topic(self.topics, k.noemer.tabel, k.noemer.onderwerp)
            if topic is None:
                return None
            self.used.add(k.noemer.tabel)
            return self.count(k.noemer.tabel, topic, target.code, period.code, TOTAAL, TOTAAL)
        topic = _topic(self.topics, k.tabel, k.onderwerp)
        assert topic is not None
        # The "Totaal" category of the only split dimension is the table's overall total.
        return self.count(k.tabel, topic, target.code, period.code, TOTAAL, TOTAAL)

    def _categories(self, k: Koppeling, defn: IndicatorDefinitie, topic: str, target: Target,
                    period: Period) -> None:
        dim = next((d for d in defn.dimensies if d.naam == k.dimensie), None)
        if dim is None or k.cbs_dimensie is None:
            log.warning("cbs_dimensie_onbekend", indicator=defn.id, dimensie=k.dimensie)
            return
        members = dim.members()
        bron = f"CBS {k.tabel}: {topic.split(' | ')[-1]}"
        rate = defn.eenheid.is_rate
        noemer: CbsFigure | int | None
        if rate:
            noemer, source = self._rate_base(target, period)
            bron = f"{bron}; inwoners: {source}"
        else:
            noemer = self._noemer(k, target, period)
        for code, label in dim.categories():
            teller = self.count(k.tabel, topic, target.code, period.code, k.cbs_dimensie, code,
                                members.get(code, ()) if dim.niveau == "groep" else ())
            self.emit(defn, target, period, dim.naam, (code, label), teller, noemer, bron)


def _follow_suppression(rows: list[dict[str, Any]], tables: Mapping[str, pa.Table]) -> None:
    """Hide a gemeente's or the region's CBS figure wherever the publication hides its own.

    The CBS counts describe (nearly) the same meldingen as the region's own: shown beside a
    cell that disclosure control hid, they would give that cell away (issue 12 found 995 such
    cells in the demo). Nederland stays: it is no sum of the publication's cells.
    """
    shown: set[tuple[str, str, str, str, str]] = set()
    for indicator_id, table in tables.items():
        columns = table.select(
            ["gebied_code", "periode", "dimensie", "categorie", "onderdrukt"]
        ).to_pylist()
        shown.update(
            (indicator_id, r["gebied_code"], r["periode"], r["dimensie"], r["categorie"])
            for r in columns if not r["onderdrukt"]
        )
    for row in rows:
        key = (row["indicator_id"], row["gebied_code"], row["periode"], row["dimensie"],
               row["categorie"])
        if row["gebied_niveau"] != NEDERLAND and key not in shown and not row["onderdrukt"]:
            row.update(teller=None, noemer=None, waarde=None, weergave=".", onderdrukt=True)


def _targets(tables: Mapping[str, pa.Table]) -> list[Target]:
    found: dict[str, Target] = {}
    for table in tables.values():
        columns = table.select(["gebied_code", "gebied_naam", "gebied_niveau"]).to_pylist()
        for row in columns:
            niveau = GEMEENTE if row["gebied_niveau"] == "gemeente" else VT_REGIO
            found.setdefault(row["gebied_code"], Target(row["gebied_code"], row["gebied_naam"],
                                                        niveau))
    ordered = sorted(found.values(), key=lambda t: (t.niveau != VT_REGIO, t.naam.lower()))
    return [*ordered, Target(NEDERLAND_CODE, "Nederland", NEDERLAND)]


def _sources(con: duckdb.DuckDBPyConnection, used: set[str]) -> list[dict[str, Any]]:
    rows = con.execute(
        f"SELECT tabel, titel, bestand, import_id, soort, geimporteerd_op FROM {IMPORT_TABLE} "
        f"WHERE tabel IN (SELECT unnest(?)) ORDER BY tabel, geimporteerd_op, bestand",
        [sorted(used)],
    ).fetchall()
    return [
        {"tabel": t, "titel": ti, "bestand": b, "sha256": s, "soort": so,
         "geimporteerd_op": g.isoformat(sep=" ", timespec="seconds")}
        for t, ti, b, s, so, g in rows
    ]


@dataclass
class Comparison:
    """The CBS comparison before the publication's own suppression is followed."""

    rows: list[dict[str, Any]]
    sources: list[dict[str, Any]]

    def finish(self, tables: Mapping[str, pa.Table]) -> tuple[pa.Table, list[dict[str, Any]]]:
        """The benchmark table, hiding a figure wherever the disclosed ``tables`` hide their
        own (once: the rows are changed)."""
        _follow_suppression(self.rows, tables)
        return pa.Table.from_pylist(self.rows, schema=BENCHMARK_SCHEMA), self.sources


def prepare_comparison(
    con: duckdb.DuckDBPyConnection,
    tables: Mapping[str, pa.Table],
    periods: Sequence[str],
    catalogue: Catalogue,
    settings: Settings,
    koppeling: KoppelingBestand | None = None,
) -> Comparison | None:
    """Everything of ``build_comparison`` that needs only the areas of ``tables`` (unrounded
    results will do): ``finish`` it with the disclosed tables. None without CBS figures."""
    if not has_tables(con):
        return None
    koppeling = koppeling or load_koppeling()
    wanted = [k for k in koppeling.koppelingen if k.indicator in tables and k.indicator in catalogue]
    table_ids = sorted({k.tabel for k in wanted} | {k.noemer.tabel for k in wanted if k.noemer})
    figures, topics = _figures(con, table_ids, periods)
    if not figures:
        return None
    builder = _Builder(figures, topics, PopulationLookup.from_warehouse(con), settings)
    targets = _targets({k.indicator: tables[k.indicator] for k in wanted})
    parsed = [Period.parse(p) for p in periods]
    for k in wanted:
        builder.add(k, catalogue[k.indicator], targets, parsed)
    if not builder.rows:
        return None
    return Comparison(builder.rows, _sources(con, builder.used | builder.population.used_tables))


def build_comparison(
    con: duckdb.DuckDBPyConnection,
    tables: Mapping[str, pa.Table],
    periods: Sequence[str],
    catalogue: Catalogue,
    settings: Settings,
    koppeling: KoppelingBestand | None = None,
) -> tuple[pa.Table | None, list[dict[str, Any]]]:
    """The benchmark table for the indicators, areas and periods of a publication, and the
    imported files it rests on; (None, []) when the warehouse holds no CBS figures."""
    prepared = prepare_comparison(con, tables, periods, catalogue, settings, koppeling)
    if prepared is None:
        return None, []
    return prepared.finish(tables)
