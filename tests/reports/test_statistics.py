# SPDX-License-Identifier: EUPL-1.2
"""The statistics of a published figure in Dutch: interval, small numbers, trend, breaks."""

from __future__ import annotations

from ketenmonitor.reports.data import Cell
from ketenmonitor.reports.model import TableCell
from ketenmonitor.reports.statistics import (
    break_note,
    figure_with_interval,
    format_p,
    interval_text,
    trend_text,
)


def _cell(**kwargs: object) -> Cell:
    base: dict[str, object] = {"waarde": 7.3, "weergave": "7,3", "teller": 8475,
                               "noemer": 1155800, "onderdrukt": False, "voorlopig": False}
    base.update(kwargs)
    return Cell(**base)  # type: ignore[arg-type]


def test_interval_in_dutch_notation_next_to_the_figure() -> None:
    cell = _cell(ondergrens=6.94, bovengrens=7.7)
    assert figure_with_interval(cell, 1) == "7,3 (6,9\u20137,7)"
    assert interval_text(_cell(ondergrens=1234.5, bovengrens=1300.0), 0) == "(1.235\u20131.300)"


def test_suppressed_cell_and_cell_without_interval_show_only_the_figure() -> None:
    suppressed = _cell(waarde=None, weergave=".", onderdrukt=True, ondergrens=1.0, bovengrens=2.0)
    assert suppressed.interval is None and figure_with_interval(suppressed, 1) == "."
    assert figure_with_interval(_cell(), 1) == "7,3"  # a median or a 1.0 publication


def test_small_number_gets_a_marker_with_a_spoken_explanation() -> None:
    cell = TableCell.statistic(_cell(ondergrens=5.0, bovengrens=9.9, klein_aantal=True), 1)
    assert cell.text == "7,3 (5,0\u20139,9)" and cell.marker == "k"
    assert "klein aantal" in cell.marker_hint
    plain = TableCell.statistic(_cell(ondergrens=5.0, bovengrens=9.9), None)
    assert plain.text == "7,3" and plain.marker == ""


def test_trend_in_words_with_p_value_and_slope() -> None:
    rising = _cell(trend="stijgend", trend_p=0.0031, trend_per_jaar=0.24)
    assert trend_text(rising, "per 1.000 inwoners", 1) == (
        "stijgend, significant (p = 0,003); mediane verandering +0,2 per 1.000 inwoners per jaar"
    )
    flat = _cell(trend="geen_trend", trend_p=0.41)
    assert trend_text(flat) == "geen significante trend (p = 0,410)"
    assert trend_text(_cell(trend="dalend", trend_p=0.0001)).startswith(
        "dalend, significant (p < 0,001)"
    )
    assert trend_text(_cell()) == ""  # fewer than five years: no test


def test_p_value_and_break_note() -> None:
    assert format_p(0.05) == "= 0,050"
    assert break_note("2019", "Nieuw protocol.") == "Methodebreuk 2019: Nieuw protocol."
