# SPDX-License-Identifier: EUPL-1.2
"""The guards a table must pass before it is written into, or read from, a publication.

The same checks run on writing and on reading, so a publication edited or assembled by hand is
refused as firmly as one from a faulty pipeline: only the fixed column set (never a column that
could carry person-level data), the exact types, no unsuppressed count between 1 and 9, counts
rounded to the rounding base, suppressed cells without figures — and without an interval, a
trend or a small-number flag that would give the count away (``suppressed.py``).
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from ketenmonitor.cbs.publication import BENCHMARK_LEVELS, BENCHMARK_SCHEMA
from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.i18n import _
from ketenmonitor.publish.schema import (
    BENCHMARK_TABLE,
    INDICATOR_SCHEMA,
    PERSON_LEVEL,
    VALIDATION_SCHEMA,
    VALIDATION_TABLE,
)
from ketenmonitor.publish.signs import ONTHULLING, REASON_COLUMN, REASONS, SIGNS
from ketenmonitor.publish.suppressed import (
    EMPTY_WHEN_SUPPRESSED,
    check_suppressed_extras,
    check_trend_windows,
)


def _refuse(code: str, message: str, hint: str) -> PublicationError:
    return PublicationError(code, message, hint)


def check_columns(name: str, table: pa.Table, expected: pa.Schema) -> None:
    """Only the fixed column set, with the fixed types; person-level names named as such."""
    check_column_names(name, table, expected)
    for fld in expected:
        actual = table.schema.field(fld.name).type
        if actual != fld.type:
            raise _refuse(
                "kolomtype",
                _("Kolom {column} van tabel {table} heeft type {actual}, verwacht {expected}.").format(
                    column=fld.name, table=name, actual=actual, expected=fld.type
                ),
                _("Maak de tabel met 'ketenmonitor publish' of apply_disclosure."),
            )


def check_column_names(name: str, table: pa.Table, expected: pa.Schema) -> None:
    """Exactly the columns of ``expected``; a person-level name is refused as such."""
    names = set(expected.names)  # Schema.names builds a new list on every access
    person = [c for c in table.column_names if c not in names and PERSON_LEVEL.search(c)]
    if person:
        raise _refuse(
            "persoonskolom",
            _("Tabel {table} heeft kolom(men) op persoonsniveau: {columns}.").format(
                table=name, columns=", ".join(person)
            ),
            _("Een publicatie bevat alleen geaggregeerde, beveiligde cijfers; verwijder de kolom."),
        )
    extra = [c for c in table.column_names if c not in names]
    if extra:
        raise _refuse(
            "onbekende_kolom",
            _("Tabel {table} heeft kolom(men) buiten het publicatieformaat: {columns}.").format(
                table=name, columns=", ".join(extra)
            ),
            _("Alleen de kolommen van het publicatieformaat mogen in een publicatie."),
        )
    missing = [c for c in expected.names if c not in table.column_names]
    if missing:
        raise _refuse(
            "kolom_ontbreekt",
            _("Tabel {table} mist de kolom(men) {columns}.").format(
                table=name, columns=", ".join(missing)
            ),
            _("Maak de tabel met 'ketenmonitor publish' of apply_disclosure."),
        )


def check_indicator_table(
    name: str,
    table: pa.Table,
    rounding_base: int,
    noemer_is_count: bool,
    schema: pa.Schema = INDICATOR_SCHEMA,
) -> None:
    """All guards for one indicator table (see the module docstring).

    ``schema`` is the column set of the publication's format version (``INDICATOR_SCHEMAS``).
    """
    check_columns(name, table, schema)
    ids = {str(i) for i in pc.unique(table.column("indicator_id")).to_pylist()}
    if ids - {name}:
        raise _refuse(
            "indicator_id",
            _("Tabel {table} bevat rijen van een andere indicator: {ids}.").format(
                table=name, ids=", ".join(sorted(ids - {name}))
            ),
            _("Eén tabel per indicator, met de id van de indicator als bestandsnaam."),
        )
    extras = [c for c in (*EMPTY_WHEN_SUPPRESSED, "klein_aantal", REASON_COLUMN)
              if c in table.column_names]
    rows = table.select(["teller", "noemer", "waarde", "weergave", "onderdrukt", *extras])
    counts = ("teller", "noemer") if noemer_is_count else ("teller",)
    # format 1.2 says why a cell is empty, with the sign of that reason; before, always '.'
    marked = REASON_COLUMN in table.column_names
    # only rows the vectorised test cannot clear go through the row checks, in table order
    rows = rows.filter(_unclear(rows, counts, rounding_base, marked, extras))
    for row in rows.to_pylist():
        sign = "."
        if marked:  # one of the three signs; whether it fits the reason is checked just below
            sign = str(row["weergave"]) if row["weergave"] in SIGNS.values() else SIGNS[ONTHULLING]
        _check_row(name, row, counts, rounding_base, sign)
        if marked:
            _check_reason(name, row)
    check_trend_windows(name, table)


def _unclear(
    rows: pa.Table, counts: tuple[str, ...], rounding_base: int, marked: bool,
    extras: list[str],
) -> pa.ChunkedArray:
    """False where a row certainly passes ``_check_row`` and ``_check_reason``: a shown cell
    with counts null, 0 or ≥ 10 and rounded (and, marked, a figure and no reason), or a hidden
    cell with nothing shown, its sign and (marked) a valid reason. True elsewhere: the row checks
    then decide, with their own message. Never False for a row that would fail."""
    def null(column: str) -> pa.ChunkedArray:
        return pc.is_null(rows.column(column))

    def clear(column: str) -> pa.ChunkedArray:
        value = rows.column(column)
        fine = pc.and_(pc.or_(pc.less(value, 1), pc.greater(value, 9)),
                       pc.equal(pc.remainder(value, rounding_base), 0))
        return pc.fill_null(pc.or_kleene(pc.is_null(value), fine), False)

    onderdrukt = rows.column("onderdrukt")
    weergave = rows.column("weergave")
    shown = pc.fill_null(pc.equal(onderdrukt, False), False)
    for column in counts:
        shown = pc.and_(shown, clear(column))
    hidden = pc.and_(pc.invert(pc.fill_null(pc.equal(onderdrukt, False), False)),
                     pc.and_(pc.and_(null("teller"), null("noemer")), null("waarde")))
    for column in extras:
        if column == "klein_aantal":
            hidden = pc.and_(hidden, pc.invert(pc.fill_null(rows.column(column), False)))
        elif column != REASON_COLUMN:
            hidden = pc.and_(hidden, null(column))
    if marked:
        reason = rows.column(REASON_COLUMN)
        shown = pc.and_(shown, pc.and_(pc.invert(null("waarde")), null(REASON_COLUMN)))
        own_sign = pc.and_(pc.equal(reason, REASONS[0]), pc.equal(weergave, SIGNS[REASONS[0]]))
        for r in REASONS[1:]:  # a valid reason with its own sign
            own_sign = pc.or_(own_sign, pc.and_(pc.equal(reason, r), pc.equal(weergave, SIGNS[r])))
        hidden = pc.and_(hidden, pc.fill_null(own_sign, False))
        hidden = pc.and_(hidden, pc.fill_null(pc.or_(
            pc.not_equal(reason, ONTHULLING), pc.equal(onderdrukt, True)), False))
    else:
        hidden = pc.and_(hidden, pc.fill_null(pc.equal(weergave, "."), False))
    return pc.invert(pc.or_(pc.fill_null(shown, False), pc.fill_null(hidden, False)))


def _check_reason(name: str, row: dict[str, object]) -> None:
    """Format 1.2: a cell without a figure carries one of the three reasons and its sign; only
    a cell disclosure control suppressed can have the disclosure reason (a suppressed cell may
    carry a reason that follows from public facts instead: source missing, window not over)."""
    reason = row[REASON_COLUMN]
    empty = row["waarde"] is None
    wrong = (
        (empty and reason not in REASONS)
        or (not empty and reason is not None)
        or (reason == ONTHULLING and row["onderdrukt"] is not True)
        or (isinstance(reason, str) and reason in SIGNS and row["weergave"] != SIGNS[reason])
    )
    if wrong:
        raise _refuse(
            "reden_geen_cijfer",
            _("Tabel {table} heeft een cel zonder cijfer zonder geldige reden of met het "
              "verkeerde teken ({reason}, '{sign}').").format(
                table=name, reason=reason, sign=row["weergave"]),
            _("Elke cel zonder cijfer heeft als reden onthulling (x), nog_niet_waarneembaar (…) "
              "of geen_gegevens (.). Maak de publicatie opnieuw met 'ketenmonitor publish'."),
        )


def _check_row(
    name: str, row: dict[str, object], counts: tuple[str, ...], rounding_base: int,
    hidden_sign: str = ".",
) -> None:
    """A suppressed cell shows nothing; a shown count is no small number and is rounded."""
    if row["onderdrukt"] is not False:
        _check_hidden(name, row, hidden_sign)
        check_suppressed_extras(name, row)
        return
    for column in counts:
        value = row[column]
        if isinstance(value, int):
            if 1 <= value <= 9:
                raise _refuse(
                    "kleine_aantallen",
                    _(
                        "Tabel {table} bevat niet-onderdrukte aantallen tussen 1 en 9 ({column})."
                    ).format(table=name, column=column),
                    _("Pas eerst de onthullingscontrole toe (afronden en onderdrukken)."),
                )
            if value % rounding_base:
                raise _refuse(
                    "niet_afgerond",
                    _(
                        "Tabel {table} bevat aantallen ({column}) die niet op {base} zijn afgerond."
                    ).format(table=name, column=column, base=rounding_base),
                    _("Pas eerst de onthullingscontrole toe (afronden en onderdrukken)."),
                )


def _check_hidden(name: str, row: dict[str, object], sign: str = ".") -> None:
    """A suppressed (or unmarked) cell shows no figure and its sign ('x'; '.' before 1.2)."""
    shown = [c for c in ("teller", "noemer", "waarde") if row[c] is not None]
    if shown or row["weergave"] != sign:
        raise _refuse(
            "onderdrukt_met_waarde",
            _("Tabel {table} toont een cijfer in een onderdrukte cel ({columns}).").format(
                table=name, columns=", ".join(shown) or "weergave"
            ),
            _("Een onderdrukte cel heeft geen teller, noemer of waarde en wordt als '{sign}' "
              "getoond.").format(sign=sign),
        )


def check_benchmark_table(table: pa.Table, rounding_base: int, indicator_ids: list[str]) -> None:
    """The CBS comparison: fixed columns, known indicators and levels, the disclosure guards."""
    check_columns(BENCHMARK_TABLE, table, BENCHMARK_SCHEMA)
    unknown = sorted({str(i) for i in table.column("indicator_id").to_pylist()} - set(indicator_ids))
    if unknown:
        raise _refuse(
            "indicator_id",
            _("Tabel {table} vergelijkt indicatoren die niet in de publicatie staan: {ids}.").format(
                table=BENCHMARK_TABLE, ids=", ".join(unknown)
            ),
            _("De CBS-vergelijking hoort alleen indicatoren van de publicatie te bevatten."),
        )
    levels = sorted({str(v) for v in table.column("gebied_niveau").to_pylist()} - set(
        BENCHMARK_LEVELS))
    if levels:
        raise _refuse(
            "gebied_niveau",
            _("Tabel {table} heeft onbekende gebiedsniveaus: {levels}.").format(
                table=BENCHMARK_TABLE, levels=", ".join(levels)
            ),
            _("Gebruik gemeente, vt_regio of nederland."),
        )
    columns = ["teller", "noemer", "waarde", "weergave", "onderdrukt", "eenheid"]
    rows = table.select(columns)
    rates = pc.fill_null(pc.starts_with(rows.column("eenheid"), "per_"), False)
    unclear = pc.if_else(rates, _unclear(rows, ("teller",), rounding_base, False, []),
                         _unclear(rows, ("teller", "noemer"), rounding_base, False, []))
    for row in rows.filter(unclear).to_pylist():  # only what the vectorised test cannot clear
        rate = str(row["eenheid"]).startswith("per_")
        _check_row(BENCHMARK_TABLE, row, ("teller",) if rate else ("teller", "noemer"),
                   rounding_base)


def check_validation_table(table: pa.Table) -> None:
    check_columns(VALIDATION_TABLE, table, VALIDATION_SCHEMA)


def prepare_validation_table(table: pa.Table) -> pa.Table:
    """The caller's validation table in the exact format: same names, types cast when lossless."""
    check_column_names(VALIDATION_TABLE, table, VALIDATION_SCHEMA)
    try:
        prepared = table.select(list(VALIDATION_SCHEMA.names)).cast(VALIDATION_SCHEMA)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        prepared = table
    check_validation_table(prepared)
    return prepared

