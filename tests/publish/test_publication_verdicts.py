# SPDX-License-Identifier: EUPL-1.2
"""Over a whole publication built by the pipeline (every indicator of the catalogue, every area,
breakdown and pair of consecutive periods): no trend verdict on a change that comes from a
provisional period alone or between overlapping intervals, unless the trend test over the
definitive years agrees (ADR 0013, issue 15).

Here rather than under tests/reports because the publication built from the synthetic
warehouse (the fixtures of this folder) is the closest to the demo the suite has; the report
fixture of tests/reports is hand-made and has six indicators.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pyarrow as pa

from ketenmonitor.core.settings import Settings
from ketenmonitor.publish import write_publication
from ketenmonitor.reports.data import Cell, IndicatorTable
from ketenmonitor.reports.source import read_directory
from ketenmonitor.reports.trend import VERBETERD, VERSLECHTERD, judge_change, judge_trend


def _overlap(a: Cell, b: Cell) -> bool:
    x, y = a.interval, b.interval
    return x is None or y is None or not (x[1] < y[0] or y[1] < x[0])


def _trend_agrees(previous: Cell, current: Cell) -> bool:
    assert previous.waarde is not None and current.waarde is not None
    rising = current.waarde > previous.waarde
    return (current.trend or previous.trend) == ("stijgend" if rising else "dalend")


def test_no_verdict_on_provisional_only_changes_or_overlapping_intervals(
    tables: dict[str, pa.Table], metadata: dict[str, Any], tmp_path: Path, settings: Settings
) -> None:
    folder = write_publication(tables, metadata, tmp_path / "pub", settings=settings)
    publication = read_directory(folder)
    assert publication.metadata["provisional_periods"], "the fixture has provisional periods"
    checked = provisional_only = overlapping = refused = 0
    for meta in publication.indicators:
        frame = publication.tables[meta.id]
        table = IndicatorTable(frame)
        keys = frame[["gebied_code", "dimensie", "categorie"]].drop_duplicates()
        pairs = [pair for kind in ("jaar", "halfjaar")
                 for pair in pairwise(sorted(set(frame.loc[frame["periode_type"] == kind,
                                                           "periode"].astype(str))))]
        for area, dimensie, categorie in keys.itertuples(index=False):
            for before, now in pairs:
                previous = table.cell(str(area), before, str(dimensie), str(categorie))
                current = table.cell(str(area), now, str(dimensie), str(categorie))
                light = judge_change(previous, current, meta.richting)
                checked += 1
                if light in (VERBETERD, VERSLECHTERD):
                    where = (meta.id, area, dimensie, categorie, before, now)
                    if not _trend_agrees(previous, current):
                        provisional_only += previous.voorlopig or current.voorlopig
                        overlapping += _overlap(previous, current)
                        assert not (previous.voorlopig or current.voorlopig), where
                        assert not _overlap(previous, current), where
                elif judge_trend(previous.waarde, current.waarde, meta.richting) in (
                        VERBETERD, VERSLECHTERD):
                    refused += 1  # a >5% change the old rule called a verdict
    assert checked > 1000
    assert provisional_only == 0 and overlapping == 0
    # the publication has changes that the naive rule would judge and the rule refuses
    assert refused > 0
