# SPDX-License-Identifier: EUPL-1.2
"""Portal charts: a distribution is drawn as its categories, never as a flat 100 % line."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any


def test_distribution_trend_shows_each_category(client_for: Callable[..., Any],
                                                registered: list[Any],
                                                pub_fixture: ModuleType) -> None:
    client = client_for(["beleidsadviseur"], ["GM0503"])
    distribution = pub_fixture.DISTRIBUTION
    svg = client.get(f"/regio/haaglanden/indicator/{distribution}/grafiek/trend.svg"
                     "?gemeente=GM0503").content.decode()
    # one line per melder category (their names in the legend), not the 100 % total of the
    # gemeente and the region
    from ketenmonitor.codes import code_list

    codes = code_list("melder_organisatie")
    named = [codes.label(c) for c in codes.codes if codes.label(c) in svg]
    assert len(named) >= 2, svg[:300]
    level = client.get(f"/regio/haaglanden/indicator/{pub_fixture.RATE}/grafiek/trend.svg"
                       "?gemeente=GM0503").content.decode()
    assert "Delft" in level  # a level indicator keeps its area lines
