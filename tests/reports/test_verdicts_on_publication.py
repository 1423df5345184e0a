# SPDX-License-Identifier: EUPL-1.2
"""Over the whole fixture publication: no verdict on a provisional year alone or on overlapping
intervals without a trend test that supports it.

Checks every indicator, every area and every pair of consecutive periods the report (last two
complete years) or the portal (every consecutive pair, provisional ones included) could judge.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

from ketenmonitor.reports.context import by_thema
from ketenmonitor.reports.data import Cell, IndicatorTable
from ketenmonitor.reports.indicator import Indicator, judge
from ketenmonitor.reports.source import read_directory
from ketenmonitor.reports.trend import VERBETERD, VERSLECHTERD, judge_change, judge_trend

VERDICTS = (VERBETERD, VERSLECHTERD)


def _overlap(a: Cell, b: Cell) -> bool:
    x, y = a.interval, b.interval
    return x is None or y is None or not (x[1] < y[0] or y[1] < x[0])


def _defensible(previous: Cell, current: Cell) -> bool:
    """The trend test (definitive years only) agrees, or two definitive years' intervals part."""
    assert previous.waarde is not None and current.waarde is not None
    rising = current.waarde > previous.waarde
    if (current.trend or previous.trend) == ("stijgend" if rising else "dalend"):
        return True
    return not (previous.voorlopig or current.voorlopig) and not _overlap(previous, current)


def test_no_verdict_without_statistical_support(shared_publication: Path) -> None:
    publication = read_directory(shared_publication)
    peildatum = publication.metadata["peildatum"]
    day = date.fromisoformat(str(peildatum)[:10])
    checked = verdicts = refused = 0
    for meta in by_thema(publication):
        table = IndicatorTable(publication.tables[meta.id], day)
        areas = table.areas("gemeente") + table.areas("regio")
        frame = publication.tables[meta.id]
        pairs = [pair for kind in ("jaar", "halfjaar")
                 for pair in pairwise(sorted(set(frame.loc[frame["periode_type"] == kind,
                                                           "periode"].astype(str))))]
        for area in areas:
            result = judge(Indicator(meta, table), area)
            if result is not None and result[0] in VERDICTS:
                before_code, last_code = table.trend_periods()[-2:]
                assert _defensible(table.cell(area.code, before_code),
                                   table.cell(area.code, last_code))
            for before, now in pairs:
                previous, current = table.cell(area.code, before), table.cell(area.code, now)
                light = judge_change(previous, current, meta.richting)
                checked += 1
                if light in VERDICTS:
                    verdicts += 1
                    assert _defensible(previous, current), (meta.id, area.code, before, now)
                elif judge_trend(previous.waarde, current.waarde, meta.richting) in VERDICTS:
                    refused += 1
    assert checked > 50
    # the fixture has changes the old rule called a verdict and the new one does not
    assert refused > 0 and verdicts >= 0
