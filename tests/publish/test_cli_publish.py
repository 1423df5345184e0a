# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor publish``: writes a new version each run and prints its folder last."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from typer.testing import CliRunner

import ketenmonitor.cli.publish  # noqa: F401  (registers the command)
from ketenmonitor.cli.app import app
from ketenmonitor.publish import read_publication
from testsupport import flat

runner = CliRunner()


def test_publish_prints_the_new_folder(
    warehouse_file: Path, tmp_path: Path, validation: pa.Table
) -> None:
    pq.write_table(validation, tmp_path / "validatie.parquet")
    args = [
        "publish",
        "--warehouse",
        str(warehouse_file),
        "--uitvoer",
        str(tmp_path / "pub"),
        "--regio",
        "haaglanden",
    ]
    first = runner.invoke(app, [*args, "--validatie", str(tmp_path / "validatie.parquet")])
    assert first.exit_code == 0, first.output
    path = Path(first.output.strip().splitlines()[-1])
    assert path == tmp_path / "pub" / "haaglanden-2020-12-31-v1"
    assert read_publication(path).validation is not None
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert second.output.strip().endswith("haaglanden-2020-12-31-v2")


def test_publish_refuses_an_unreadable_validation_file(
    warehouse_file: Path, tmp_path: Path
) -> None:
    (tmp_path / "kapot.parquet").write_bytes(b"geen parquet")
    result = runner.invoke(
        app,
        [
            "publish",
            "--warehouse",
            str(warehouse_file),
            "--uitvoer",
            str(tmp_path / "pub"),
            "--validatie",
            str(tmp_path / "kapot.parquet"),
        ],
    )
    assert result.exit_code == 2
    assert "geen leesbaar Parquet-bestand" in result.output
    assert not (tmp_path / "pub").exists()


def test_publish_refuses_a_missing_warehouse(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "publish",
            "--warehouse",
            str(tmp_path / "geen.duckdb"),
            "--uitvoer",
            str(tmp_path / "pub"),
        ],
    )
    assert result.exit_code == 2
    assert "bestaat niet" in flat(result.output)
