# SPDX-License-Identifier: EUPL-1.2
"""The cell key method (ADR 0010, design b): keys from a secret, consistent bounded noise."""

from __future__ import annotations

import math
import random

import duckdb
import pytest

from ketenmonitor.core.periods import Period
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.cellkey import (
    MODULUS,
    PTable,
    cell_key,
    compute_with_cell_keys,
    derive_secret,
    disclose_cell_key,
    perturb_table,
    record_key,
    record_key_sql,
)
from ketenmonitor.indicators.compiler import compile_indicator
from ketenmonitor.indicators.compute import compute_all
from ketenmonitor.indicators.model import TOTAAL

SECRET = derive_secret(b"test-key-0123456789abcdef")
OTHER = derive_secret(b"another-key-0123456789abcd")


@pytest.mark.parametrize(("max_noise", "variance"), [(2, 1.0), (3, 2.0), (2, 10.0)])
def test_ptable_rows_are_distributions_with_zero_mean(max_noise: int, variance: float) -> None:
    table = PTable(max_noise, variance)
    for count in range(0, 12):
        row = table.row(count)
        spread = (len(row) - 1) // 2
        assert spread == min(max_noise, count)
        assert math.isclose(sum(row), 1.0, abs_tol=1e-12)
        assert abs(sum(p * (k - spread) for k, p in enumerate(row))) < 1e-12
    row = table.row(100)
    var = sum(p * (k - max_noise) ** 2 for k, p in enumerate(row))
    uniform = max_noise * (max_noise + 1) / 3
    assert math.isclose(var, min(variance, uniform), rel_tol=1e-6)


def test_noise_is_bounded_consistent_and_never_makes_a_negative_count() -> None:
    table = PTable(3, 2.0)
    rng = random.Random(7)
    seen = set()
    for _ in range(3000):
        count, key = rng.randrange(0, 60), rng.randrange(MODULUS)
        noise = table.noise(count, key)
        assert -3 <= noise <= 3 and count + noise >= 0
        assert noise == table.noise(count, key) == PTable(3, 2.0).noise(count, key)
        seen.add(noise)
    assert seen == set(range(-3, 4))
    assert table.noise(0, rng.randrange(MODULUS)) == 0


def test_noise_follows_the_ptable_for_uniform_keys() -> None:
    table = PTable(2, 1.0)
    rng = random.Random(11)
    draws = [table.noise(50, rng.randrange(MODULUS)) for _ in range(20000)]
    for k, p in zip(range(-2, 3), table.row(50), strict=True):
        assert abs(draws.count(k) / len(draws) - p) < 0.015
    assert abs(sum(draws) / len(draws)) < 0.03


def test_record_keys_depend_on_the_secret_and_match_the_sql() -> None:
    assert record_key("B-1", SECRET) != record_key("B-1", OTHER)
    assert derive_secret(b"a" * 16) != derive_secret(b"b" * 16)
    con = duckdb.connect()
    ids = [f"B-{i}" for i in range(50)]
    for secret in (SECRET, OTHER):
        got = con.execute(
            f"SELECT {record_key_sql('id', secret)} FROM unnest(?) AS t(id)", [ids]
        ).fetchall()
        assert [r[0] for r in got] == [record_key(i, secret) for i in ids]
    with pytest.raises(ValueError):
        record_key_sql("id", "x' OR 1=1 --")


def test_cell_key_depends_on_the_records_not_their_order() -> None:
    keys = [record_key(f"M-{i}", SECRET) for i in range(30)]
    assert cell_key(keys) == cell_key(list(reversed(keys)))
    assert cell_key(keys) != cell_key(keys[:-1])


def test_totals_get_their_own_noise_not_the_sum_of_the_noised_parts() -> None:
    table = PTable(2, 1.0)
    rng = random.Random(3)
    differs = 0
    for _ in range(200):
        part_a = [rng.randrange(MODULUS) for _ in range(rng.randrange(10, 40))]
        part_b = [rng.randrange(MODULUS) for _ in range(rng.randrange(10, 40))]
        total_noise = table.noise(len(part_a) + len(part_b), cell_key(part_a + part_b))
        parts_noise = table.noise(len(part_a), cell_key(part_a)) + table.noise(
            len(part_b), cell_key(part_b)
        )
        assert -2 <= total_noise <= 2
        differs += total_noise != parts_noise
    assert differs > 100


def test_compiled_keys_leave_the_counts_alone_and_agree_between_tables(
    warehouse: duckdb.DuckDBPyConnection,
    catalogue: Catalogue,
    periods: list[Period],
    region: str,
) -> None:
    ids = ["meldingen_per_1000", "meldingen_naar_aard"]
    sub = {i: catalogue[i] for i in ids}
    results = compute_all(warehouse, region, periods=periods, catalogue=sub)  # type: ignore[arg-type]
    assert "celsleutel" not in compile_indicator(sub[ids[0]], region, periods)
    got, keys = compute_with_cell_keys(warehouse, region, periods, sub, SECRET)  # type: ignore[arg-type]
    for i in ids:
        assert got[i].equals(results[i])
    # the same meldingen counted by two indicators: the same cell key, so the same noise
    rate, split = got[ids[0]], got[ids[1]]
    total_rows = [j for j, d in enumerate(split.column("dimensie").to_pylist()) if d == TOTAAL]
    assert rate.column("teller").to_pylist() == split.column("teller").take(total_rows).to_pylist()
    assert (keys[ids[0]].column("celsleutel_teller").to_pylist()
            == keys[ids[1]].column("celsleutel_teller").take(total_rows).to_pylist())
    _, other = compute_with_cell_keys(warehouse, region, periods, sub, OTHER)  # type: ignore[arg-type]
    assert other[ids[0]].column("celsleutel_teller") != keys[ids[0]].column("celsleutel_teller")


def test_disclosure_suppresses_only_small_cells_and_publishes_noised_counts(
    warehouse: duckdb.DuckDBPyConnection,
    catalogue: Catalogue,
    periods: list[Period],
    region: str,
    peildatum: object,
) -> None:
    sub = {i: catalogue[i] for i in ("meldingen_naar_aard", "acuut_onveilig")}
    truth, keys = compute_with_cell_keys(warehouse, region, periods, sub, SECRET)  # type: ignore[arg-type]
    ptable = PTable(2, 1.0)
    published, status = disclose_cell_key(truth, keys, peildatum, sub, ptable, 10)  # type: ignore[arg-type]
    again, _ = disclose_cell_key(truth, keys, peildatum, sub, ptable, 10)  # type: ignore[arg-type]
    for ind, table in published.items():
        assert table.equals(again[ind])  # same request, same answer
        true_t = truth[ind].column("teller").to_pylist()
        shown = table.column("teller").to_pylist()
        hidden = table.column("onderdrukt").to_pylist()
        assert hidden == [s is not None for s in status[ind]]
        assert set(table.column("onderdrukking").drop_null().to_pylist()) <= {"onthulling"}
        for t, p, h in zip(true_t, shown, hidden, strict=True):
            assert h == (p is None)
            if not h:
                assert t >= 10 and abs(p - t) <= 2
        assert any(p is not None and p != t for t, p in zip(true_t, shown, strict=True))
    noised = perturb_table(truth["acuut_onveilig"], keys["acuut_onveilig"],
                           sub["acuut_onveilig"], ptable)
    n = noised.column("noemer").to_pylist()
    assert all(t <= m for t, m in zip(noised.column("teller").to_pylist(), n, strict=True))
