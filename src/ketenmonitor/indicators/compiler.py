# SPDX-License-Identifier: EUPL-1.2
"""Compiling one catalogue entry into one DuckDB query (pure function, deterministic text).

The query returns the unrounded long-format rows of the indicator for every area (gemeenten and
the region) × period × category, including categories and areas with no rows at all (a zero is a
figure too, and disclosure control must see it). Periods, areas, population and categories are
written into the query as ``VALUES`` so the text alone determines the result; that makes the SQL
reviewable, snapshot-testable and portable (it only uses standard SQL plus ``unnest``,
``list_distinct``, ``quantile_cont`` and ``FILTER``).

Names come from the whitelist in ``sources.py`` and values are quoted here, so no text from a
catalogue file reaches the database unchecked.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period
from ketenmonitor.indicators.areas import Areas, inhabitants_of_sex, region_areas
from ketenmonitor.indicators.model import (
    TOTAAL,
    Dimensie,
    IndicatorDefinitie,
    Maat,
    Operator,
    Voorwaarde,
)

_IND = "    "


def literal(value: str | int | date) -> str:
    """A SQL literal; strings are single-quoted with quotes doubled."""
    if isinstance(value, bool):
        raise TypeError("booleans are written as IS TRUE / IS FALSE")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return f"DATE '{value.isoformat()}'"
    return "'" + value.replace("'", "''") + "'"


def _values_cte(
    name: str, columns: Sequence[str], rows: Sequence[Sequence[str | int | date]]
) -> str:
    body = f",\n{_IND}{_IND}".join("(" + ", ".join(literal(v) for v in row) + ")" for row in rows)
    return f"{name} ({', '.join(columns)}) AS (\n{_IND}VALUES\n{_IND}{_IND}{body}\n)"


def condition(where: Voorwaarde, kind_is_date: bool = False) -> str:
    """SQL for one filter. ``niet_gelijk`` and ``niet_in`` include empty values."""
    col = f"b.{where.kolom}"
    op, value = where.operator, where.waarde

    def lit(v: str | int) -> str:
        if kind_is_date and isinstance(v, str):
            return literal(date.fromisoformat(v))
        return literal(v)

    if op is Operator.LEEG:
        return f"{col} IS NULL"
    if op is Operator.NIET_LEEG:
        return f"{col} IS NOT NULL"
    if op is Operator.WAAR:
        return f"{col} IS TRUE"
    if op is Operator.ONWAAR:
        return f"{col} IS FALSE"
    if op in (Operator.IN, Operator.NIET_IN):
        assert isinstance(value, list)
        items = ", ".join(lit(v) for v in value)
        return (
            f"{col} IN ({items})"
            if op is Operator.IN
            else f"({col} IS NULL OR {col} NOT IN ({items}))"
        )
    assert value is not None and not isinstance(value, list)
    sql_op = {
        Operator.GELIJK: "=",
        Operator.NIET_GELIJK: "IS DISTINCT FROM",
        Operator.MINIMAAL: ">=",
        Operator.MAXIMAAL: "<=",
    }[op]
    return f"{col} {sql_op} {lit(value)}"


def _conditions(filters: Sequence[Voorwaarde], date_columns: set[str]) -> list[str]:
    return [condition(f, f.kolom in date_columns) for f in filters]


def _categories(defn: IndicatorDefinitie) -> list[tuple[str, str, str, int]]:
    rows = [(TOTAAL, TOTAAL, _("Totaal"), 0)]
    for dim in defn.dimensies:
        for code, label in dim.categories():
            rows.append((dim.naam, code, label, len(rows)))
    return rows


# --- cell key method (ADR 0010, design b): record keys summed per cell, only when asked for ----

_RK = ", rk_teller, rk_noemer"
_ROW_ID = {"afg_melding": "bericht_id", "afg_traject": "traject_id", "politie_incident": "incident_id",
           "afg_opvang": "traject_id"}


def _record_key_columns(defn: IndicatorDefinitie, secret: str) -> list[str]:
    """Record keys of what teller and noemer count: the counted key for a distinct count, else
    the row (its id column, or its whole content where the table has no id)."""
    from ketenmonitor.indicators.cellkey import record_key_sql

    row = _ROW_ID.get(defn.teller.bron)
    row_text = f"b.{row}" if row else "CAST(b AS VARCHAR)"
    teller = f"b.{defn.teller.kolom}" if defn.teller.maat is Maat.AANTAL_UNIEK else row_text
    noemer = f"b.{defn.noemer.kolom}" if defn.noemer.kolom else row_text
    return [
        f"{record_key_sql(teller, secret)} AS rk_teller",
        f"{record_key_sql(noemer, secret)} AS rk_noemer",
    ]


def _key_aggregates(defn: IndicatorDefinitie) -> list[str]:
    """Cell key = sum of the record keys of exactly the records the count counts (mod 2^32)."""
    from ketenmonitor.indicators.cellkey import MODULUS

    teller = {
        Maat.AANTAL: "sum(rk_teller) FILTER (WHERE in_teller)",
        Maat.AANTAL_UNIEK: "sum(DISTINCT rk_teller) FILTER (WHERE in_teller)",
        Maat.MEDIAAN: "sum(rk_teller) FILTER (WHERE in_teller AND meetwaarde IS NOT NULL)",
        Maat.GEMIDDELDE: "sum(rk_teller) FILTER (WHERE in_teller AND meetwaarde IS NOT NULL)",
    }[defn.teller.maat]
    noemer = "sum(DISTINCT rk_noemer)" if defn.noemer.kolom else "sum(rk_noemer)"
    return [f"{teller} % {MODULUS} AS ck_teller", f"{noemer} % {MODULUS} AS ck_noemer"]


def _cell_key_columns(defn: IndicatorDefinitie) -> list[str]:
    noemer = "NULL" if defn.noemer.inwoners else (
        "tt.ck_noemer" if defn.noemer_is_totaal else "t.ck_noemer"
    )
    return [
        "CAST(coalesce(t.ck_teller, 0) AS BIGINT) AS celsleutel_teller",
        f"CAST(coalesce({noemer}, 0) AS BIGINT) AS celsleutel_noemer",
    ]


def _dimension_expr(dim: Dimensie) -> str:
    col = f"dim_{dim.naam}"
    if dim.meervoudig:
        return f"unnest(list_distinct({col}))"
    other = "NULL" if dim.leeg_als is None else literal(dim.leeg_als)
    if dim.niveau == "groep":
        whens = " ".join(
            f"WHEN {col} IN ({', '.join(literal(c) for c in codes)}) THEN {literal(group)}"
            for group, codes in dim.members().items()
        )
        return f"CASE {whens} ELSE {other} END"
    if dim.leeg_als is None:
        return col
    codes = ", ".join(literal(code) for code, _label in dim.categories())
    return f"CASE WHEN {col} IN ({codes}) THEN {col} ELSE {other} END"


def _first_of(columns: Sequence[str]) -> str:
    """The first non-empty column of ``columns`` (coalesce when there is more than one)."""
    names = [f"b.{c}" for c in columns]
    return names[0] if len(names) == 1 else f"coalesce({', '.join(names)})"


def _date_select(defn: IndicatorDefinitie) -> list[str]:
    """``datum`` puts a row in a period; a stock also has ``datum_tot``, when it stops counting."""
    if defn.stand is None:
        return [f"{_first_of(defn.datumkolommen)} AS datum"]
    return [f"b.{defn.stand.van} AS datum", f"{_first_of(defn.stand.tot_kolommen)} AS datum_tot"]


def _date_names(defn: IndicatorDefinitie) -> str:
    return "datum, datum_tot" if defn.is_stand else "datum"


def _bron(defn: IndicatorDefinitie, date_columns: set[str], secret: str | None = None) -> str:
    extra = _conditions(defn.extra_teller_filters, date_columns)
    teller = defn.teller
    select = [
        f"b.{defn.gemeentekolom} AS gemeente_code",
        *_date_select(defn),
        f"({' AND '.join(extra)}) AS in_teller" if extra else "TRUE AS in_teller",
        f"CAST(b.{teller.kolom} AS DOUBLE) AS meetwaarde"
        if teller.maat in (Maat.MEDIAAN, Maat.GEMIDDELDE)
        else "CAST(NULL AS DOUBLE) AS meetwaarde",
        f"b.{teller.kolom} AS sleutel_teller"
        if teller.maat is Maat.AANTAL_UNIEK
        else "NULL AS sleutel_teller",
        f"b.{defn.noemer.kolom} AS sleutel_noemer"
        if defn.noemer.kolom
        else "NULL AS sleutel_noemer",
    ]
    select += [f"b.{dim.kolom} AS dim_{dim.naam}" for dim in defn.dimensies]
    if secret is not None:
        select += _record_key_columns(defn, secret)
    where = _conditions(defn.basis_filters, date_columns)
    sql = f"bron AS (\n{_IND}SELECT\n{_IND}{_IND}" + f",\n{_IND}{_IND}".join(select)
    sql += f"\n{_IND}FROM {defn.teller.bron} AS b"
    if where:
        sql += f"\n{_IND}WHERE " + f"\n{_IND}{_IND}AND ".join(where)
    return sql + "\n)"


def _feiten(defn: IndicatorDefinitie, keys: bool = False) -> str:
    rest = "in_teller, meetwaarde, sleutel_teller, sleutel_noemer" + (_RK if keys else "")
    dates = _date_names(defn)
    parts = [
        f"SELECT gemeente_code, {dates}, {literal(TOTAAL)} AS dimensie, "
        f"{literal(TOTAAL)} AS categorie, {rest} FROM bron"
    ]
    for dim in defn.dimensies:
        parts.append(
            f"SELECT gemeente_code, {dates}, {literal(dim.naam)}, "
            f"{_dimension_expr(dim)}, {rest} FROM bron"
        )
    return f"feiten AS (\n{_IND}" + f"\n{_IND}UNION ALL\n{_IND}".join(parts) + "\n)"


def _aggregates(defn: IndicatorDefinitie) -> list[str]:
    teller = {
        Maat.AANTAL: "count(*) FILTER (WHERE in_teller)",
        Maat.AANTAL_UNIEK: "count(DISTINCT sleutel_teller) FILTER (WHERE in_teller)",
        Maat.MEDIAAN: "count(meetwaarde) FILTER (WHERE in_teller)",
        Maat.GEMIDDELDE: "count(meetwaarde) FILTER (WHERE in_teller)",
    }[defn.teller.maat]
    noemer = "count(DISTINCT sleutel_noemer)" if defn.noemer.kolom else "count(*)"
    meet = {
        Maat.MEDIAAN: "quantile_cont(meetwaarde, 0.5) FILTER (WHERE in_teller)",
        Maat.GEMIDDELDE: "avg(meetwaarde) FILTER (WHERE in_teller)",
    }.get(defn.teller.maat, "CAST(NULL AS DOUBLE)")
    return [f"{teller} AS teller", f"{noemer} AS noemer", f"{meet} AS meetwaarde"]


def _fixed_ctes(defn: IndicatorDefinitie, areas: Areas, periods: Sequence[Period]) -> list[str]:
    ctes = [
        _values_cte(
            "periodes",
            ("periode", "periode_type", "periode_start", "periode_einde", "periode_volgorde"),
            [
                (p.code, "jaar" if p.is_year else "halfjaar", p.start, p.end, i + 1)
                for i, p in enumerate(periods)
            ],
        ),
        _values_cte(
            "gebieden",
            ("gebied_code", "gebied_naam", "gebied_niveau", "gebied_volgorde"),
            [(g.code, g.naam, g.niveau, g.volgorde) for g in areas.gebieden],
        ),
        _values_cte(
            "indeling",
            ("gemeente_code", "gebied_code", "geldig_van", "geldig_tot"),
            [(i.gemeente_code, i.gebied_code, i.geldig_van, i.geldig_tot) for i in areas.indeling],
        ),
        _values_cte(
            "categorieen",
            ("dimensie", "categorie", "categorie_label", "categorie_volgorde"),
            _categories(defn),
        ),
    ]
    if defn.noemer.inwoners:
        rows = areas.inwoners
        if defn.noemer.geslacht is not None:
            rows = inhabitants_of_sex(areas, list(periods), defn.noemer.geslacht)
        if rows:
            ctes.append(_values_cte("inwoners", ("gebied_code", "periode", "inwoners"), rows))
        else:  # no figures at all: every value stays empty, nothing is made up
            ctes.append("inwoners (gebied_code, periode, inwoners) AS (\n"
                        f"{_IND}SELECT NULL::VARCHAR, NULL::VARCHAR, NULL::BIGINT WHERE FALSE\n)")
    return ctes


def _final_select(defn: IndicatorDefinitie, keys: bool = False) -> str:
    teller = "coalesce(t.teller, 0)"
    joins = [
        "LEFT JOIN tellingen AS t\n"
        f"{_IND}ON t.gebied_code = r.gebied_code AND t.periode = r.periode\n"
        f"{_IND}AND t.dimensie = c.dimensie AND t.categorie = c.categorie"
    ]
    if defn.noemer.inwoners:
        noemer = "w.inwoners"
        joins.append(
            "LEFT JOIN inwoners AS w ON w.gebied_code = r.gebied_code AND w.periode = r.periode"
        )
    elif defn.noemer_is_totaal:
        noemer = "coalesce(tt.noemer, 0)"
        joins.append(
            "LEFT JOIN tellingen AS tt\n"
            f"{_IND}ON tt.gebied_code = r.gebied_code AND tt.periode = r.periode\n"
            f"{_IND}AND tt.dimensie = {literal(TOTAAL)}"
        )
    else:
        noemer = "coalesce(t.noemer, 0)"
    if defn.teller.maat in (Maat.MEDIAAN, Maat.GEMIDDELDE):
        waarde = "t.meetwaarde"
    else:
        waarde = f"{defn.eenheid.factor}.0 * {teller} / nullif({noemer}, 0)"
    columns = [
        f"{literal(defn.id)} AS indicator_id",
        "r.gebied_code",
        "r.gebied_naam",
        "r.gebied_niveau",
        "r.periode",
        "r.periode_type",
        "c.dimensie",
        "c.categorie",
        "c.categorie_label",
        f"CAST({teller} AS BIGINT) AS teller",
        f"CAST({noemer} AS BIGINT) AS noemer",
        f"CAST({waarde} AS DOUBLE) AS waarde",
    ]
    if keys:
        columns += _cell_key_columns(defn)
    return (
        f"SELECT\n{_IND}"
        + f",\n{_IND}".join(columns)
        + "\nFROM raster AS r\nCROSS JOIN categorieen AS c\n"
        + "\n".join(joins)
        + "\nORDER BY r.gebied_volgorde, r.periode_volgorde, c.categorie_volgorde"
    )


def _in_period(defn: IndicatorDefinitie) -> str:
    """A flow counts when its date lies in the period; a stock when open on the period's end."""
    if defn.is_stand:
        return (
            "f.datum <= p.periode_einde AND (f.datum_tot IS NULL OR f.datum_tot > p.periode_einde)"
        )
    return "f.datum BETWEEN p.periode_start AND p.periode_einde"


def compile_indicator(
    defn: IndicatorDefinitie,
    region: str,
    periods: Sequence[Period],
    record_key_secret: str | None = None,
) -> str:
    """One DuckDB query returning the unrounded rows of ``defn`` (``schema.RESULT_COLUMNS``).

    With ``record_key_secret`` the rows also carry the cell keys of the cell key method
    (``celsleutel_teller``, ``celsleutel_noemer``; see ``cellkey.py``); without it the text is
    exactly the reviewed, snapshot-pinned query.
    """
    from ketenmonitor.indicators.sources import SOURCE_TABLES, Soort

    areas = region_areas(region, list(periods))
    kinds = SOURCE_TABLES[defn.teller.bron]
    date_columns = {name for name, kind in kinds.items() if kind is Soort.DATUM}
    ctes = _fixed_ctes(defn, areas, periods)
    keys = record_key_secret is not None
    ctes.append(_bron(defn, date_columns, record_key_secret))
    ctes.append(_feiten(defn, keys))
    ctes.append(
        f"toegewezen AS (\n{_IND}SELECT i.gebied_code, p.periode, f.dimensie, f.categorie, "
        "f.in_teller, f.meetwaarde, f.sleutel_teller, f.sleutel_noemer"
        + (", f.rk_teller, f.rk_noemer" if keys else "") + "\n"
        f"{_IND}FROM feiten AS f\n"
        f"{_IND}JOIN periodes AS p ON {_in_period(defn)}\n"
        f"{_IND}JOIN indeling AS i ON i.gemeente_code = f.gemeente_code\n"
        f"{_IND}{_IND}AND p.periode_start BETWEEN i.geldig_van AND i.geldig_tot\n)"
    )
    ctes.append(
        f"tellingen AS (\n{_IND}SELECT gebied_code, periode, dimensie, categorie,\n{_IND}{_IND}"
        + f",\n{_IND}{_IND}".join(_aggregates(defn) + (_key_aggregates(defn) if keys else []))
        + f"\n{_IND}FROM toegewezen\n{_IND}GROUP BY gebied_code, periode, dimensie, categorie\n)"
    )
    ctes.append(
        f"raster AS (\n{_IND}SELECT DISTINCT g.gebied_code, g.gebied_naam, g.gebied_niveau, "
        "g.gebied_volgorde,\n"
        f"{_IND}{_IND}p.periode, p.periode_type, p.periode_volgorde\n"
        f"{_IND}FROM gebieden AS g\n"
        f"{_IND}JOIN indeling AS i ON i.gebied_code = g.gebied_code\n"
        f"{_IND}JOIN periodes AS p ON p.periode_start BETWEEN i.geldig_van AND i.geldig_tot\n)"
    )
    header = f"-- indicator {defn.id}: {defn.titel.replace(chr(10), ' ')}\n"
    return header + "WITH\n" + ",\n".join(ctes) + "\n" + _final_select(defn, keys) + "\n"
