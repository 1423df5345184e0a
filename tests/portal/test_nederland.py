# SPDX-License-Identifier: EUPL-1.2
"""With the CBS benchmark (publication format 1.1) the dashboards show Nederland next to the
gemeente and the region; without it there is no Nederland column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

IND = "meldingen_per_1000"


@pytest.fixture()
def with_nl(db: Any, tmp_path: Path, pub_fixture: ModuleType) -> Any:
    from ketenmonitor.portal.dashboards.registry import register_publication

    return register_publication(pub_fixture.write(tmp_path, with_benchmark=True), "test")[0]


def test_nederland_column_with_benchmark(client_for: Callable[..., Any], with_nl: Any) -> None:
    client = client_for(["beleidsadviseur"], ["GM0503"])
    dashboard = client.get("/regio/haaglanden/gemeente/GM0503/?periode=2024").content.decode()
    assert "Nederland</th>" in dashboard and "12,3" in dashboard
    detail = client.get(f"/regio/haaglanden/gemeente/GM0503/indicator/{IND}/").content.decode()
    assert "Nederland</th>" in detail and "12,8*" in detail
    chart = client.get(f"/regio/haaglanden/indicator/{IND}/grafiek/trend.svg?gemeente=GM0503")
    assert "Nederland" in chart.content.decode()


def test_no_nederland_without_benchmark(client_for: Callable[..., Any], registered: list[Any]) -> None:
    client = client_for(["beleidsadviseur"], ["GM0503"])
    dashboard = client.get("/regio/haaglanden/gemeente/GM0503/").content.decode()
    assert "Nederland</th>" not in dashboard
