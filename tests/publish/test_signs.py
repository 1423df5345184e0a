# SPDX-License-Identifier: EUPL-1.2
"""Three reasons, three signs: every cell without a figure says why (issue 15, ADR 0021)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pyarrow as pa
import pytest

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.indicators.catalogue import load_catalogue
from ketenmonitor.publish.checks import check_indicator_table
from ketenmonitor.publish.signs import (
    GEEN_GEGEVENS,
    NOG_NIET_WAARNEEMBAAR,
    ONTHULLING,
    REASON_COLUMN,
    REASONS,
    SIGNS,
    follow_up_days,
    legend,
    reason_for,
    undelivered_periods,
)

PEILDATUM = date(2025, 12, 31)


@pytest.mark.parametrize(
    ("onderdrukt", "figure", "periode", "window", "expected"),
    [
        (True, False, "2020", None, ONTHULLING),
        (True, False, "2025", None, ONTHULLING),  # provisional alone says nothing
        (True, False, "2025", 549, NOG_NIET_WAARNEEMBAAR),  # no case can be 18 months old
        (True, False, "2024", 549, ONTHULLING),  # some cases are: a small count is hidden
        (True, False, "2019", None, GEEN_GEGEVENS),  # source not delivered for 2019
        (False, True, "2025", 549, None),  # a figure needs no reason
        (False, False, "2025", None, NOG_NIET_WAARNEEMBAAR),  # provisional period
        (False, False, "2024-H2", 549, NOG_NIET_WAARNEEMBAAR),  # 18 months not over
        (False, False, "2024-H1", 549, GEEN_GEGEVENS),  # 18 months over on 2025-12-31
        (False, False, "2024", 366, NOG_NIET_WAARNEEMBAAR),  # 12 months end 2025-12-31 + 1
        (False, False, "2023", 366, GEEN_GEGEVENS),
        (False, False, "2021", None, GEEN_GEGEVENS),  # source not delivered
    ],
)
def test_reason_for(onderdrukt: bool, figure: bool, periode: str, window: int | None,
                    expected: str | None) -> None:
    assert reason_for(onderdrukt, figure, periode, {"2025", "2025-H2"}, PEILDATUM,
                      window, {"2019"}) == expected


def test_three_different_signs_with_a_dutch_meaning() -> None:
    assert len(set(SIGNS.values())) == 3 and SIGNS[ONTHULLING] == "x"
    assert [sign for sign, _text in legend()] == [SIGNS[r] for r in REASONS]
    assert all(text for _sign, text in legend())


def test_undelivered_periods() -> None:
    deliveries = [{"record_type": "vt_bericht", "period": p} for p in ("2024-H1", "2024-H2")]
    deliveries.append({"record_type": "lt_traject", "period": "2024-H2"})
    periods = {"2023", "2024", "2024-H1", "2024-H2"}
    assert undelivered_periods(periods, ["vt_bericht", "betrokkene"], deliveries) == {"2023"}
    assert undelivered_periods(periods, ["vt_bericht", "lt_traject"], deliveries) == {
        "2023", "2024-H1"}
    assert undelivered_periods(periods, ["vt_bericht"], []) == set()  # nothing known


def test_follow_up_windows_of_the_catalogue() -> None:
    catalogue = load_catalogue()
    assert follow_up_days(catalogue["gevolgd_na_18_maanden"]) == 549
    assert follow_up_days(catalogue["gevolgd_na_12_maanden"]) == 366
    assert follow_up_days(catalogue["meldingen_per_1000"]) is None


def test_every_empty_cell_of_the_publication_says_why(tables: dict[str, pa.Table]) -> None:
    """Over the whole publication built from the synthetic warehouse (every indicator)."""
    found: Counter[str] = Counter()
    for name, table in tables.items():
        for row in table.select(["waarde", "weergave", "onderdrukt", "onderdrukking",
                                 REASON_COLUMN]).to_pylist():
            reason = row[REASON_COLUMN]
            if row["waarde"] is None:
                assert reason in REASONS, (name, row)
                assert row["weergave"] == SIGNS[reason], (name, row)
                found[reason] += 1
            else:
                assert reason is None and row["weergave"] not in SIGNS.values(), (name, row)
            assert reason != ONTHULLING or row["onderdrukt"], (name, row)
            # the disclosure reason stays internal: one published word, never primair/secundair
            assert row["onderdrukking"] in (None, ONTHULLING), (name, row)
    # the fixture has suppressed cells and cells whose follow-up window is not over
    assert found[ONTHULLING] > 0 and found[NOG_NIET_WAARNEEMBAAR] > 0, found


def test_a_dot_without_a_reason_is_refused(tables: dict[str, pa.Table]) -> None:
    table = tables["gevolgd_na_18_maanden"]
    reasons = table.column(REASON_COLUMN).to_pylist()
    assert NOG_NIET_WAARNEEMBAAR in reasons
    broken = table.set_column(table.schema.get_field_index(REASON_COLUMN), REASON_COLUMN,
                              pa.array([None] * table.num_rows, pa.string()))
    with pytest.raises(PublicationError, match="zonder geldige reden"):
        check_indicator_table("gevolgd_na_18_maanden", broken, 5, True)
    wrong_sign = table.set_column(table.schema.get_field_index("weergave"), "weergave",
                                  pa.array(["." if r == NOG_NIET_WAARNEEMBAAR else w for r, w in zip(
                                      reasons, table.column("weergave").to_pylist(),
                                      strict=True)], pa.string()))
    with pytest.raises(PublicationError, match="verkeerde teken"):
        check_indicator_table("gevolgd_na_18_maanden", wrong_sign, 5, True)
