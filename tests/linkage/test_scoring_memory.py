# SPDX-License-Identifier: EUPL-1.2
"""Splink's own database gets a memory budget per record, never above the settings' limit."""

from __future__ import annotations

import pytest

from ketenmonitor.linkage.scoring import (
    SPLINK_BYTES_PER_RECORD,
    SPLINK_MIN_MEMORY,
    memory_bytes,
    splink_connection,
    splink_memory_limit,
)


def _limit_bytes(text: str) -> float:
    number, unit = text.split()
    return float(number) * {"KiB": 2**10, "MiB": 2**20, "GiB": 2**30}[unit]


def test_memory_settings_are_read_in_both_unit_systems() -> None:
    assert memory_bytes("3GB") == 3 * 10**9
    assert memory_bytes("1GiB") == 2**30
    assert memory_bytes(" 1.5 mib ") == int(1.5 * 2**20)
    assert memory_bytes("2900MB") == 2_900_000_000
    assert memory_bytes("veel") is None
    assert memory_bytes("3 parsecs") is None


def test_a_million_records_get_their_budget_below_a_higher_setting(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETENMONITOR_DUCKDB_MEMORY_LIMIT", "8GiB")
    assert splink_memory_limit(1_000_000) == f"{1_000_000 * SPLINK_BYTES_PER_RECORD // 2**20}MiB"
    assert splink_memory_limit(10) == f"{SPLINK_MIN_MEMORY // 2**20}MiB"  # small runs: the floor
    assert splink_memory_limit(None) == "8GiB"  # unknown size: the setting
    with splink_connection(1_000_000) as con:
        text = str(con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0])
    assert _limit_bytes(text) == pytest.approx(1_000_000 * SPLINK_BYTES_PER_RECORD, rel=0.01)


def test_the_setting_stays_the_ceiling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETENMONITOR_DUCKDB_MEMORY_LIMIT", "1500MB")
    assert splink_memory_limit(10_000_000) == "1500MB"
    monkeypatch.setenv("KETENMONITOR_DUCKDB_MEMORY_LIMIT", "512MB")
    assert splink_memory_limit(10) == "512MB"  # the floor never lifts a lower setting
