# SPDX-License-Identifier: EUPL-1.2
"""Regiovisie: goals, norms, traffic-light evaluation, activities and budget (pure Python).

Import/export as YAML (:func:`load_regiovisie`, :func:`dump_regiovisie`), checks with Dutch
messages, and :func:`evaluate` which turns a regiovisie, a reporting period and a publication
into an :class:`EvaluatedReport` for the report renderers and the portal.
"""

from __future__ import annotations

from ketenmonitor.regiovisie.benchmark import Benchmark, PublicatieBenchmark, TabelBenchmark
from ketenmonitor.regiovisie.checks import check_regiovisie
from ketenmonitor.regiovisie.errors import Fout, RegiovisieError
from ketenmonitor.regiovisie.evaluate import evaluate
from ketenmonitor.regiovisie.lights import Kleur, LichtStatus
from ketenmonitor.regiovisie.model import SCHEMA_VERSIE, Regiovisie
from ketenmonitor.regiovisie.overrides import override_light
from ketenmonitor.regiovisie.result import EvaluatedReport
from ketenmonitor.regiovisie.yaml_io import (
    dump_regiovisie,
    example_path,
    load_regiovisie,
    parse_regiovisie,
    save_regiovisie,
    template_path,
)

__all__ = [
    "SCHEMA_VERSIE",
    "Benchmark",
    "EvaluatedReport",
    "Fout",
    "Kleur",
    "LichtStatus",
    "PublicatieBenchmark",
    "Regiovisie",
    "RegiovisieError",
    "TabelBenchmark",
    "check_regiovisie",
    "dump_regiovisie",
    "evaluate",
    "example_path",
    "load_regiovisie",
    "override_light",
    "parse_regiovisie",
    "save_regiovisie",
    "template_path",
]
