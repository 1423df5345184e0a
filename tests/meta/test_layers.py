# SPDX-License-Identifier: EUPL-1.2
"""Every package sits in one layer, imports only point down, and no two packages import each other
(issue 17, point 4).

The intended order, highest first::

    __main__, cli, demo, portal          entry points: parse options, call services
    engine                               DuckDB or Spark: compute, link, publish (issue 17.1)
    reports
    publish, regiovisie, cbs, exports
    indicators, ingest, derive
    linkage, pseudonymise, sources, simulate
    delivery, warehouse, codes, core     the delivery contract and the foundations

``simulate`` writes partner exports from codes and the delivery schema only, so it sits with the
partner-side packages (sources, pseudonymise). ``engine`` may not exist yet; a layer without
modules is skipped. There is no list of known violations: every import that points up fails.
"""

from __future__ import annotations

import copy
import itertools
from functools import cache

import grimp

ROOT = "ketenmonitor"
LAYERS: tuple[tuple[str, ...], ...] = (
    ("__main__", "cli", "demo", "portal"),
    ("engine",),
    ("reports",),
    ("publish", "regiovisie", "cbs", "exports"),
    ("indicators", "ingest", "derive"),
    ("linkage", "pseudonymise", "sources", "simulate"),
    ("delivery", "warehouse", "codes", "core"),
)


@cache
def _graph() -> grimp.ImportGraph:
    return grimp.build_graph(ROOT, include_external_packages=False)


def _packages(graph: grimp.ImportGraph) -> set[str]:
    return {module.split(".")[1] for module in graph.modules if module.count(".") >= 1}


def _violations(graph: grimp.ImportGraph) -> set[tuple[str, str]]:
    layers = [grimp.Layer(*names, independent=False) for names in LAYERS]
    found = graph.find_illegal_dependencies_for_layers(layers=layers, containers={ROOT})
    return {(d.importer, d.imported) for d in found}


def _cycles(graph: grimp.ImportGraph) -> set[tuple[str, str]]:
    """Pairs of packages that import each other; packages in one layer may import each other in one
    direction, which the layer check alone cannot tell from a cycle."""
    packages = sorted(_packages(graph))
    return {(a, b) for a, b in itertools.combinations(packages, 2)
            if graph.direct_import_exists(importer=f"{ROOT}.{a}", imported=f"{ROOT}.{b}", as_packages=True)
            and graph.direct_import_exists(importer=f"{ROOT}.{b}", imported=f"{ROOT}.{a}", as_packages=True)}


def test_every_package_has_a_layer() -> None:
    placed = [name for layer in LAYERS for name in layer]
    assert len(placed) == len(set(placed))
    assert _packages(_graph()) <= set(placed), _packages(_graph()) - set(placed)


def test_imports_point_down_the_layers() -> None:
    assert _violations(_graph()) == set()


def test_no_package_cycles() -> None:
    assert _cycles(_graph()) == set()


def test_the_checks_can_fail() -> None:
    """Planted imports: an upward one across layers, one into the engine layer, and a cycle inside
    the lowest layer (the shape of the old ingest <-> pseudonymise and publish <-> cbs cycles)."""
    graph = copy.deepcopy(_graph())
    graph.add_import(importer="ketenmonitor.core.settings", imported="ketenmonitor.cli.app")
    graph.add_import(importer="ketenmonitor.pseudonymise.rekey", imported="ketenmonitor.ingest.service")
    graph.add_module("ketenmonitor.engine")
    graph.add_import(importer="ketenmonitor.publish.writer", imported="ketenmonitor.engine")
    graph.add_import(importer="ketenmonitor.codes.registry", imported="ketenmonitor.warehouse.schema")
    graph.add_import(importer="ketenmonitor.warehouse.schema", imported="ketenmonitor.codes.registry")
    assert _violations(graph) == {
        ("ketenmonitor.core", "ketenmonitor.cli"),
        ("ketenmonitor.pseudonymise", "ketenmonitor.ingest"),
        ("ketenmonitor.publish", "ketenmonitor.engine"),
    }
    # engine imports publish, so the planted publish -> engine import closes a cycle as well
    assert _cycles(graph) == {("cli", "core"), ("codes", "warehouse"), ("engine", "publish")}
