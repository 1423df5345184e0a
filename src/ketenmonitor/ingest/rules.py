# SPDX-License-Identifier: EUPL-1.2
"""Row rules of the delivery schema, each one SQL query over the staged delivery.

Every rule yields ``(rij, volgorde, reden, veld, bericht)`` for each offending row: the row number
in the delivery, the rule's position (to sort messages), a reason code, the column and a Dutch
message that says what is wrong and how to fix it. The staged table holds trimmed strings (empty
as NULL) plus ``_rij`` and ``_regel`` (the line in the partner's file, when the delivery carries it:
:mod:`ketenmonitor.core.source_lines`); reference tables hold the code lists and the gemeenten.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period
from ketenmonitor.delivery.schema import BLOOM_BYTES, TOKEN_BYTES, Field, FieldType, RecordType
from ketenmonitor.ingest.sqltext import Expr, ident, literal, message_sql, shown

DECIMAL_LIMIT = Decimal("9999999.99")  # warehouse column DECIMAL(9, 2)
INT_PATTERN = "-?[0-9]{1,9}"
DECIMAL_PATTERN = "-?[0-9]{1,7}([.][0-9]+)?"
ROW = Expr("coalesce(_regel, _rij)")  # the line in the partner's file when known


@dataclass(frozen=True)
class RuleContext:
    record_type: RecordType
    stage: str
    codes: str  # table (lijst, code)
    gemeenten: str  # table (code, geldig_van, geldig_tot)
    period: Period
    today: date
    # the same reference data as values, for the screen (:func:`screen_query`); without them
    # every row is suspect and the full rules always run
    code_values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    gemeente_ranges: tuple[tuple[str, date, date | None], ...] = ()


def valid_date_sql(column: str) -> str:
    return (f"coalesce(regexp_full_match({column}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') "
            f"AND TRY_CAST({column} AS DATE) IS NOT NULL, false)")


class _Builder:
    def __init__(self, ctx: RuleContext) -> None:
        self.ctx = ctx
        self.queries: list[str] = []
        self.screens: dict[str, None] = {}  # per-row conditions over the stage, in order
        self.screenable = True
        self.unique: list[str] = []  # key columns whose duplicates the screen counts

    def add(self, reason: str, field: str, message: str, where: str,
            source: str | None = None, screen: str | None = None) -> None:
        """A rule; ``screen`` is a condition over the staged row that holds for every row the
        rule reports (and maybe more); a rule on the stage itself screens with ``where``."""
        if screen is None and source is not None:
            self.screenable = False
        self.screens[screen if screen is not None else where] = None
        order = len(self.queries)
        self.queries.append(
            f"SELECT _rij AS rij, {order} AS volgorde, {literal(reason)} AS reden, "
            f"{literal(field)} AS veld, {message} AS bericht "
            f"FROM {source or self.ctx.stage} WHERE {where}"
        )


def _range_text(minimum: Decimal | int | None, maximum: Decimal | int | None) -> str:
    if minimum is not None and maximum is not None:
        return _("{min} tot en met {max}").format(min=minimum, max=maximum)
    if minimum is not None:
        return _("minimaal {min}").format(min=minimum)
    return _("hoogstens {max}").format(max=maximum)


def _number_rules(b: _Builder, f: Field, c: str) -> None:
    if f.type is FieldType.INT:
        pattern, cast, reason = INT_PATTERN, "BIGINT", "geheel_getal_ongeldig"
        text = _("Rij {rij}: '{waarde}' in kolom {kolom} is geen geheel getal. Gebruik alleen "
                 "cijfers, zoals 7.")
        lower: Decimal | int | None = f.minimum
        upper: Decimal | int | None = f.maximum
    else:
        pattern, cast, reason = DECIMAL_PATTERN, "DECIMAL(18, 6)", "decimaal_ongeldig"
        text = _("Rij {rij}: '{waarde}' in kolom {kolom} is geen getal. Gebruik cijfers met een "
                 "punt als decimaalteken, zoals 12.5.")
        lower = f.minimum
        upper = min(Decimal(f.maximum), DECIMAL_LIMIT) if f.maximum is not None else DECIMAL_LIMIT
    well_formed = f"coalesce(regexp_full_match({c}, '{pattern}'), false)"
    b.add(reason, f.name, message_sql(text, rij=ROW, waarde=shown(c), kolom=f.name),
          f"{c} IS NOT NULL AND NOT {well_formed}")
    bounds = []
    if lower is not None:
        bounds.append(f"TRY_CAST({c} AS {cast}) < {lower}")
    if upper is not None:
        bounds.append(f"TRY_CAST({c} AS {cast}) > {upper}")
    if bounds:
        text = _("Rij {rij}: de waarde {waarde} in kolom {kolom} ligt buiten het toegestane bereik "
                 "({bereik}). Corrigeer de waarde.")
        b.add("buiten_bereik", f.name,
              message_sql(text, rij=ROW, waarde=shown(c), kolom=f.name,
                          bereik=_range_text(lower, upper)),
              f"{well_formed} AND ({' OR '.join(bounds)})")


def _field_rules(b: _Builder, f: Field) -> None:
    ctx = b.ctx
    c = ident(f.name)
    if f.required:
        text = _("Rij {rij}: de verplichte kolom {kolom} is leeg. Vul een waarde in.")
        b.add("verplicht_leeg", f.name, message_sql(text, rij=ROW, kolom=f.name), f"{c} IS NULL")
    if f.type is FieldType.DATE:
        text = _("Rij {rij}: de datum '{waarde}' in kolom {kolom} bestaat niet. Gebruik een "
                 "geldige datum (jjjj-mm-dd).")
        b.add("datum_ongeldig", f.name, message_sql(text, rij=ROW, waarde=shown(c), kolom=f.name),
              f"{c} IS NOT NULL AND NOT {valid_date_sql(c)}")
        text = _("Rij {rij}: de datum {waarde} in kolom {kolom} ligt in de toekomst (na "
                 "{vandaag}). Controleer de datum; een registratie kan niet na vandaag liggen.")
        b.add("datum_toekomst", f.name,
              message_sql(text, rij=ROW, waarde=Expr(c), kolom=f.name,
                          vandaag=ctx.today.isoformat()),
              f"{valid_date_sql(c)} AND TRY_CAST({c} AS DATE) > DATE '{ctx.today.isoformat()}'")
    elif f.type is FieldType.BOOL:
        text = _("Rij {rij}: '{waarde}' in kolom {kolom} is geen ja/nee-waarde. Gebruik true of "
                 "false.")
        b.add("ja_nee_ongeldig", f.name, message_sql(text, rij=ROW, waarde=shown(c), kolom=f.name),
              f"{c} IS NOT NULL AND {c} NOT IN ('true', 'false')")
    elif f.type in (FieldType.INT, FieldType.DECIMAL):
        _number_rules(b, f, c)
    elif f.type in (FieldType.CODE, FieldType.CODES):
        text = _("Rij {rij}: de waarde '{waarde}' in kolom {kolom} staat niet in de codelijst "
                 "{codelijst}. Gebruik een code uit die codelijst of vul de vertaling aan in de "
                 "mapping.")
        known = f"(SELECT code FROM {ctx.codes} WHERE lijst = {literal(f.code_list or '')})"
        message = message_sql(text, rij=ROW, waarde=shown("element"), kolom=f.name,
                              codelijst=f.code_list or "")
        values = _list_sql(ctx.code_values.get(f.code_list or "", ()))
        if f.type is FieldType.CODE:
            source = (f"(SELECT _rij, _regel, {c} AS element FROM {ctx.stage} "
                      f"WHERE {c} IS NOT NULL)")
            unknown = f"NOT list_contains({values}, {c})"
        else:
            source = (f"(SELECT _rij, _regel, trim(unnest(string_split({c}, '|'))) AS element "
                      f"FROM {ctx.stage} WHERE {c} IS NOT NULL)")
            unknown = (f"NOT list_has_all({values}, "
                       f"list_transform(string_split({c}, '|'), lambda x: trim(x)))")
        b.add("code_onbekend", f.name, message, f"element NOT IN {known}", source,
              screen=f"{c} IS NOT NULL" + (f" AND {unknown}" if values else ""))
    elif f.type is FieldType.GEMEENTE:
        _gemeente_rules(b, f, c)
    elif f.type is FieldType.TOKEN:
        text = _("Rij {rij}: het token in kolom {kolom} is {lengte} bytes lang in plaats van 32. "
                 "Maak de levering opnieuw met 'ketenmonitor pseudonymise'.")
        b.add("token_ongeldig", f.name,
              message_sql(text, rij=ROW, kolom=f.name, lengte=Expr(f"octet_length({c})")),
              f"{c} IS NOT NULL AND octet_length({c}) <> {TOKEN_BYTES}")
    elif f.type is FieldType.BLOOM:
        text = _("Rij {rij}: het Bloomfilter in kolom {kolom} is {lengte} bytes lang in plaats "
                 "van {verwacht}. Maak de levering opnieuw met 'ketenmonitor pseudonymise'.")
        b.add("bloomfilter_ongeldig", f.name,
              message_sql(text, rij=ROW, kolom=f.name, lengte=Expr(f"octet_length({c})"),
                          verwacht=BLOOM_BYTES),
              f"{c} IS NOT NULL AND octet_length({c}) <> {BLOOM_BYTES}")


def _reference_date_sql(ctx: RuleContext) -> tuple[str, str]:
    """(SQL date expression, SQL condition that it is valid) of the record's reference date."""
    name = ctx.record_type.reference_date
    if name is None:
        return f"DATE '{ctx.today.isoformat()}'", "true"
    c = ident(name)
    return f"TRY_CAST({c} AS DATE)", valid_date_sql(c)


def _list_sql(values: tuple[str, ...] | list[str]) -> str:
    """A SQL list literal of strings ('' when there are none)."""
    return f"[{', '.join(literal(v) for v in values)}]" if values else ""


def _safe_gemeenten(ctx: RuleContext) -> list[str]:
    """Codes that no gemeente rule can report for a row whose reference date lies in the
    delivery's period (a row outside it is reported by 'buiten_periode'): valid on every day
    of the period, or today when the record type has no reference date."""
    first, last = ((ctx.period.start, ctx.period.end) if ctx.record_type.reference_date
                   else (ctx.today, ctx.today))
    return sorted({code for code, van, tot in ctx.gemeente_ranges
                   if van <= first and (tot is None or tot >= last)})


def _gemeente_rules(b: _Builder, f: Field, c: str) -> None:
    ctx = b.ctx
    safe = _list_sql(_safe_gemeenten(ctx))
    screen = f"{c} IS NOT NULL" + (f" AND NOT list_contains({safe}, {c})" if safe else "")
    text = _("Rij {rij}: de gemeentecode '{waarde}' in kolom {kolom} is onbekend. Gebruik een "
             "CBS-gemeentecode zoals GM0518.")
    b.add("gemeente_onbekend", f.name, message_sql(text, rij=ROW, waarde=shown(c), kolom=f.name),
          f"{c} IS NOT NULL AND {c} NOT IN (SELECT code FROM {ctx.gemeenten})", screen=screen)
    day, day_valid = _reference_date_sql(ctx)
    text = _("Rij {rij}: gemeente {waarde} in kolom {kolom} bestond niet op {datum}. Gebruik de "
             "gemeentecode die op die datum gold.")
    b.add("gemeente_ongeldig", f.name,
          message_sql(text, rij=ROW, waarde=Expr(c), kolom=f.name, datum=Expr(day)),
          f"{c} IN (SELECT code FROM {ctx.gemeenten}) AND {day_valid} AND NOT EXISTS ("
          f"SELECT 1 FROM {ctx.gemeenten} g WHERE g.code = {c} AND {day} >= g.geldig_van "
          f"AND (g.geldig_tot IS NULL OR {day} <= g.geldig_tot))", screen=screen)


def _record_rules(b: _Builder) -> None:
    ctx = b.ctx
    rt = ctx.record_type
    keys = [ident(k) for k in rt.key]
    not_null = " AND ".join(f"{k} IS NOT NULL" for k in keys)
    text = _("Rij {rij}: de sleutel {kolommen} = {sleutel} komt al voor in rij {eerste}. Lever "
             "elk record maar één keer.")
    window = f"OVER (PARTITION BY {', '.join(keys)} ORDER BY _rij)"
    source = (f"(SELECT _rij, _regel, {', '.join(keys)}, min(_rij) {window} AS eerste, "
              f"first_value(coalesce(_regel, _rij)) {window} AS eerste_regel "
              f"FROM {ctx.stage} WHERE {not_null})")
    b.add("dubbel", ", ".join(rt.key),
          message_sql(text, rij=ROW, kolommen=", ".join(rt.key),
                      sleutel=Expr(f"concat_ws(' / ', {', '.join(keys)})"),
                      eerste=Expr("eerste_regel")),
          "_rij > eerste", source, screen="false")
    b.unique = keys  # the screen counts duplicate keys instead
    if rt.reference_date is None:
        return
    day, day_valid = _reference_date_sql(ctx)
    text = _("Rij {rij}: de datum {waarde} in kolom {kolom} valt buiten de periode {periode} van "
             "de levering ({van} t/m {tot}). Lever dit record in de levering voor de juiste "
             "periode.")
    b.add("buiten_periode", rt.reference_date,
          message_sql(text, rij=ROW, waarde=Expr(day), kolom=rt.reference_date,
                      periode=ctx.period.code, van=ctx.period.start.isoformat(),
                      tot=ctx.period.end.isoformat()),
          f"{day_valid} AND ({day} < DATE '{ctx.period.start.isoformat()}' "
          f"OR {day} > DATE '{ctx.period.end.isoformat()}')")


def _built(ctx: RuleContext) -> _Builder:
    builder = _Builder(ctx)
    for f in ctx.record_type.fields:
        _field_rules(builder, f)
    _record_rules(builder)
    return builder


def rule_queries(ctx: RuleContext) -> list[str]:
    """All rule queries for the record type, in the order their messages should appear."""
    return _built(ctx).queries


def screen_query(ctx: RuleContext) -> str | None:
    """One pass over the stage: ``(rows, suspect)``, where ``suspect`` is 0 only if no rule
    reports any row (no message is built). Planning the rules costs more than running them on
    a small delivery, and most deliveries are clean; ``None`` if a rule cannot be screened."""
    builder = _built(ctx)
    if not builder.screenable:
        return None
    rows = " OR ".join(f"({s})" for s in builder.screens) or "false"
    doubles = "0"
    if builder.unique:
        both = " AND ".join(f"{k} IS NOT NULL" for k in builder.unique)
        doubles = (f"count(*) FILTER (WHERE {both}) - "
                   f"count(DISTINCT row({', '.join(builder.unique)})) FILTER (WHERE {both})")
    return (f"SELECT count(*), count(*) FILTER (WHERE {rows}) + ({doubles}) "
            f"FROM {ctx.stage}")
