# SPDX-License-Identifier: EUPL-1.2
"""The bundled mappings read every simulated partner export back to exactly what was simulated.

The simulator writes exports in the partners' own layouts (``simulate.partner_formats``); the
mappings describe those layouts independently. Reading an export through its mapping must give
the simulated values in delivery form, and every code must exist in its code list.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pyarrow as pa
import pytest

from ketenmonitor.codes import code_list, gemeente
from ketenmonitor.delivery.schema import MULTI_SEPARATOR, RECORD_TYPES, FieldType
from ketenmonitor.simulate import SimulationConfig, SimulationResult, simulate
from ketenmonitor.simulate.canonical import Column, partner_records
from ketenmonitor.simulate.noise import NO_DAY
from ketenmonitor.sources import load_mapping, read_export

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EPOCH = date(1970, 1, 1)


def _expected(column: Column) -> list[object]:
    values = column.values.tolist()
    if column.kind == "date":
        return [None if v == NO_DAY else (EPOCH + timedelta(days=v)).isoformat() for v in values]
    if column.kind == "bool":
        return [None if v < 0 else ("true" if v else "false") for v in values]
    if column.kind == "int":
        return [None if v < 0 else str(v) for v in values]
    if column.kind == "decimal":
        return [None if v != v else round(v, 2) for v in values]
    if column.kind == "codes":
        return [None if v is None else v.replace("PARTNERGEWELD_EX", "PARTNERGEWELD")
                for v in values]
    return [None if v in ("", None) else v for v in values]


def _config(simulated: SimulationResult) -> SimulationConfig:
    config = simulated.summary["config"]
    return SimulationConfig(regio=config["regio"], van=config["van"], tot=config["tot"],
                            schaal=config["schaal"], seed=config["seed"])


def _read(simulated: SimulationResult, partner: str) -> dict[str, pa.Table]:
    mapping = load_mapping(partner)
    parts: dict[str, list[pa.Table]] = {}
    for period in sorted(p.name for p in (simulated.exports / partner).iterdir()):
        for source in read_export(mapping, simulated.exports / partner / period):
            parts.setdefault(source.record_type, []).append(source.table)
    return {k: pa.concat_tables(v) for k, v in parts.items()}


@pytest.mark.parametrize("partner", ["veilig_thuis", "politie", "lokaal_team", "mda"])
def test_exports_read_back_to_the_simulated_values(simulated: SimulationResult,
                                                   partner: str) -> None:
    sim = simulate(_config(simulated))
    tables = _read(simulated, partner)
    for records in partner_records(sim)[partner]:
        table = tables[records.record_type]
        assert table.num_rows == records.n
        for name, column in records.columns.items():
            got = table.column(name).to_pylist()
            if column.kind == "decimal":
                got = [None if v is None else round(float(v), 2) for v in got]
            assert got == _expected(column), (partner, records.record_type, name)


@pytest.mark.parametrize("partner", ["veilig_thuis", "politie", "lokaal_team", "mda"])
def test_every_value_is_valid_for_the_delivery_schema(simulated: SimulationResult,
                                                      partner: str) -> None:
    for record_type, table in _read(simulated, partner).items():
        record = RECORD_TYPES[record_type]
        for field in record.fields:
            if field.name not in table.column_names:
                continue
            values = [v for v in table.column(field.name).to_pylist() if v is not None]
            if field.required:
                assert len(values) == table.num_rows, (record_type, field.name)
            if field.type == FieldType.CODE:
                assert set(values) <= set(code_list(field.code_list or "").codes), field.name
            elif field.type == FieldType.CODES:
                parts = {p for v in values for p in v.split(MULTI_SEPARATOR)}
                assert parts <= set(code_list(field.code_list or "").codes), field.name
            elif field.type == FieldType.BOOL:
                assert set(values) <= {"true", "false"}, field.name
            elif field.type == FieldType.DATE:
                assert all(ISO.match(v) for v in values), field.name
            elif field.type == FieldType.GEMEENTE:
                assert all(gemeente(v).regio == "haaglanden" for v in set(values))
