# SPDX-License-Identifier: EUPL-1.2
"""Building SQL text safely: literals, and Dutch messages whose placeholders are SQL expressions.

Validation runs set-based in DuckDB, so the per-row message ("Rij 12: de datum '31-02-2024' …")
is assembled in SQL. The template stays a normal translatable ``_()`` text with ``{name}``
placeholders; :func:`message_sql` turns it into ``concat('Rij ', _rij, ': de datum ''', …)``.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_SHOWN = 60
_MARK = "\x00"


@dataclass(frozen=True)
class Expr:
    """A SQL expression to splice into a message (as opposed to a literal value)."""

    sql: str


def literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def shown(column_sql: str) -> Expr:
    """A value as shown in a message: cut off after ``MAX_SHOWN`` characters."""
    return Expr(
        f"CASE WHEN length({column_sql}) > {MAX_SHOWN} "
        f"THEN left({column_sql}, {MAX_SHOWN - 3}) || '...' ELSE {column_sql} END"
    )


def message_sql(template: str, **values: str | int | Expr) -> str:
    """SQL that renders ``template`` with literal values and per-row SQL expressions."""
    filled = template.format(**{name: f"{_MARK}{name}{_MARK}" for name in values})
    pieces: list[str] = []
    for index, part in enumerate(filled.split(_MARK)):
        if index % 2 == 0:
            if part:
                pieces.append(literal(part))
            continue
        value = values[part]
        if isinstance(value, Expr):
            pieces.append(f"coalesce(CAST(({value.sql}) AS VARCHAR), '')")
        else:
            pieces.append(literal(str(value)))
    return "concat(" + ", ".join(pieces or ["''"]) + ")"
