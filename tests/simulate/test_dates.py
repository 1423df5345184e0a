# SPDX-License-Identifier: EUPL-1.2
"""Day-number helpers agree with the calendar rules of ``core``."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from ketenmonitor.core.workdays import add_working_days as core_add_working_days
from ketenmonitor.simulate.config import day_number
from ketenmonitor.simulate.dates import add_working_days, numbered, year_of

EPOCH = date(1970, 1, 1)


def test_vectorised_working_days_match_core_including_weekends_and_holidays() -> None:
    starts = [date(2024, 12, 20) + timedelta(days=k) for k in range(20)]  # Christmas, New Year
    starts += [date(2025, 4, 17), date(2025, 4, 26), date(2025, 5, 3), date(2025, 5, 28)]
    for n in (0, 1, 3, 5, 12):
        days = np.array([day_number(s) for s in starts], dtype=np.int64)
        got = add_working_days(days, np.full(days.size, n, dtype=np.int64))
        for start, result in zip(starts, got.tolist(), strict=True):
            expected = start if n == 0 else core_add_working_days(start, n)
            assert EPOCH + timedelta(days=result) == expected, (start, n)


def test_record_numbers_count_per_year_in_date_order() -> None:
    days = np.array([day_number(d) for d in (date(2024, 3, 1), date(2023, 12, 31),
                                             date(2024, 1, 2), date(2023, 5, 5))])
    assert numbered("VT", days).tolist() == ["VT2024-000002", "VT2023-000002", "VT2024-000001",
                                             "VT2023-000001"]
    assert year_of(days).tolist() == [2024, 2023, 2024, 2023]
