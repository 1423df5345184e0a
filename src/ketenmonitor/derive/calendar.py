# SPDX-License-Identifier: EUPL-1.2
"""A working-day calendar table so working-day counts are a subtraction in SQL."""

from __future__ import annotations

from datetime import date

import duckdb

from ketenmonitor.core.workdays import holiday_dates

FIRST_YEAR = 2000
LAST_YEAR = 2040


def create_calendar(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``kalender(datum, werkdag, werkdag_index)``.

    ``werkdag_index`` counts working days up to and including ``datum``, so the working days after
    ``a`` up to and including ``b`` are ``index(b) - index(a)``.
    """
    con.execute("CREATE OR REPLACE TEMP TABLE feestdag (datum DATE)")
    con.executemany(
        "INSERT INTO feestdag VALUES (?)", [[d] for d in holiday_dates(FIRST_YEAR, LAST_YEAR)]
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE kalender AS
        WITH dagen AS (
          SELECT d::DATE AS datum
          FROM range(DATE '{date(FIRST_YEAR, 1, 1)}', DATE '{date(LAST_YEAR + 1, 1, 1)}',
                     INTERVAL 1 DAY) t(d)
        )
        SELECT datum,
               isodow(datum) <= 5 AND datum NOT IN (SELECT datum FROM feestdag) AS werkdag,
               sum(CASE WHEN isodow(datum) <= 5 AND datum NOT IN (SELECT datum FROM feestdag)
                        THEN 1 ELSE 0 END) OVER (ORDER BY datum) AS werkdag_index
        FROM dagen
        """
    )
