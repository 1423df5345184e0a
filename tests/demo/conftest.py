# SPDX-License-Identifier: EUPL-1.2
"""One demo run for all tests of this folder: ``benchmarks/demo.py --bewaar`` on a small
synthetic Haaglanden, with the interval attack on as a region publishes.

The benchmark runs exactly what ``ketenmonitor demo`` runs (``run_demo``) and measures the
reference tools on the same files, so one run serves the end-to-end checks of the product, the
smoke test of the benchmark script and the command's own output (``run_demo`` recorded here and
handed to the command). Two full demo runs cost CI about three minutes more.

Session scope: with the shuffled order and two workers, tests of other modules can run between
this folder's tests, and a module-scoped fixture would then build the demo twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from ketenmonitor.demo import DemoPaths, DemoResult
from ketenmonitor.publish import Publication, list_publications, read_publication
from testsupport import load_benchmark

SCALE = "0.03"




@dataclass
class DemoRun:
    result: DemoResult  # what run_demo returned: ``ketenmonitor demo`` prints this
    benchmark: Path  # demo.json and demo.md
    exit_code: int

    @property
    def paths(self) -> DemoPaths:
        return self.result.paths

    @property
    def out(self) -> Path:
        return self.paths.root

    @property
    def key_dir(self) -> Path:
        return self.paths.key_dir

    @property
    def publication(self) -> Publication:
        return read_publication(list_publications(self.out / "publicaties")[-1])

    @property
    def warehouse(self) -> Path:
        return self.paths.warehouse


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    base = tmp_path_factory.mktemp("demo")
    recorded: list[DemoResult] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KETENMONITOR_PROTECTION_CHECK", "true")  # as a region publishes
        module = load_benchmark(patch, "demo")
        original = module.run_demo

        def recording(paths: DemoPaths, *args: object, **kwargs: object) -> DemoResult:
            result: DemoResult = original(paths, *args, **kwargs)
            recorded.append(result)
            return result

        patch.setattr(module, "run_demo", recording)
        exit_code = module.main(["--schaal", SCALE, "--uitvoer", str(base / "benchmark"),
                                 "--bewaar", str(base / "werk")])
    assert len(recorded) == 1, "the benchmark runs the demo exactly once"
    return DemoRun(recorded[0], base / "benchmark", exit_code)
