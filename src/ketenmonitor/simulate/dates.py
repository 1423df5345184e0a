# SPDX-License-Identifier: EUPL-1.2
"""Day-number helpers shared by the simulator: years, working days, record numbers per year.

The simulator keeps dates as integer day numbers (days since 1970-01-01) so that whole columns are
shifted and compared with numpy; these helpers convert them where calendar rules matter.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ketenmonitor.core.workdays import holiday_dates

IntArray = npt.NDArray[np.int64]
ObjArray = npt.NDArray[np.object_]
EPOCH = np.datetime64("1970-01-01", "D")


def as_dates(day: IntArray) -> npt.NDArray[np.datetime64]:
    return EPOCH + day.astype("timedelta64[D]")


def year_of(day: IntArray) -> IntArray:
    return np.asarray(as_dates(day).astype("datetime64[Y]").astype(np.int64) + 1970)


def add_working_days(day: IntArray, n: IntArray) -> IntArray:
    """Vectorised ``core.workdays.add_working_days`` (start not counted; weekends, NL holidays)."""
    if day.size == 0:
        return day
    years = year_of(day)
    holidays = np.array(holiday_dates(int(years.min()), int(years.max()) + 1),
                        dtype="datetime64[D]")
    moved = np.busday_offset(as_dates(day), n, roll="backward", holidays=holidays)
    return np.where(n == 0, day, (moved - EPOCH).astype(np.int64))


def numbered(prefix: str, day: IntArray, width: int = 6) -> ObjArray:
    """Record numbers like 'VT2024-000123', counted per year in order of ``day``."""
    year = year_of(day)
    order = np.lexsort((np.arange(day.size), day))
    seq = np.empty(day.size, dtype=np.int64)
    y_sorted = year[order]
    starts = np.r_[0, np.flatnonzero(y_sorted[1:] != y_sorted[:-1]) + 1]
    first = np.repeat(starts, np.diff(np.r_[starts, day.size]))
    seq[order] = np.arange(day.size) - first + 1
    return np.array([f"{prefix}{y}-{s:0{width}d}" for y, s in zip(year.tolist(), seq.tolist(),
                                                                  strict=True)], dtype=object)
