# SPDX-License-Identifier: EUPL-1.2
"""One indicator of the report (catalogue metadata with its table) and its traffic light."""

from __future__ import annotations

from dataclasses import dataclass

from ketenmonitor.reports.data import Area, IndicatorTable
from ketenmonitor.reports.formatting import period_label
from ketenmonitor.reports.source import IndicatorMeta
from ketenmonitor.reports.trend import TrendLight, judge_change


@dataclass(frozen=True)
class Indicator:
    meta: IndicatorMeta
    table: IndicatorTable

    @property
    def headline(self) -> bool:
        """Has a level to follow over time (not only a breakdown that always adds up to 100%)."""
        return self.table.has_totaal() and not self.table.is_distribution()


def last_two(table: IndicatorTable) -> tuple[str | None, str | None]:
    periods = table.trend_periods()
    if not periods:
        return None, None
    return (periods[-2] if len(periods) > 1 else None), periods[-1]


def judge(indicator: Indicator, area: Area) -> tuple[TrendLight, str, str] | None:
    """Traffic light for ``area``: (light, previous period label, last period label)."""
    if not indicator.headline:
        return None
    previous, last = last_two(indicator.table)
    if last is None or previous is None:
        return None
    table = indicator.table
    light = judge_change(
        table.cell(area.code, previous), table.cell(area.code, last), indicator.meta.richting,
    )
    return (light, period_label(previous, table.provisional(previous)),
            period_label(last, table.provisional(last)))


