# SPDX-License-Identifier: EUPL-1.2
"""Every package sits in one layer, and imports only point down (issue 17, point 4).

The intended order, highest first::

    __main__, cli, demo, portal
    engine
    reports
    publish, regiovisie, cbs, exports
    indicators, ingest, derive
    linkage, pseudonymise, sources, simulate
    delivery, warehouse, codes, core

Known violations are listed, not hidden: fixing one means deleting it here, and any new one fails.
"""

from __future__ import annotations

import copy
import itertools
from functools import cache

import grimp

ROOT = "ketenmonitor"
LAYERS: tuple[tuple[str, ...], ...] = (
    ("__main__", "cli", "demo", "portal"),
    ("engine",),  # owns computing, linking and publishing per engine (ADR 0017)
    ("reports",),
    ("publish", "regiovisie", "cbs", "exports"),
    ("indicators", "ingest", "derive"),
    ("linkage", "pseudonymise", "sources", "simulate"),
    ("delivery", "warehouse", "codes", "core"),
)
# The delivery contract has no package of its own yet: pseudonymise/rekey.py reuses the manifest
# reader and checks of ingest.
KNOWN_VIOLATIONS = {("ketenmonitor.pseudonymise", "ketenmonitor.ingest")}
# Package cycles inside one layer, which the layer check cannot see (publish/writer.py imports cbs
# late; cbs imports publish).
KNOWN_CYCLES = {("cbs", "publish"), ("ingest", "pseudonymise")}


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
    packages = sorted(_packages(graph))
    return {(a, b) for a, b in itertools.combinations(packages, 2)
            if graph.direct_import_exists(importer=f"{ROOT}.{a}", imported=f"{ROOT}.{b}", as_packages=True)
            and graph.direct_import_exists(importer=f"{ROOT}.{b}", imported=f"{ROOT}.{a}", as_packages=True)}


def test_every_package_has_a_layer() -> None:
    placed = [name for layer in LAYERS for name in layer]
    assert len(placed) == len(set(placed))
    assert _packages(_graph()) <= set(placed), _packages(_graph()) - set(placed)


def test_imports_point_down_the_layers() -> None:
    assert _violations(_graph()) == KNOWN_VIOLATIONS


def test_no_new_package_cycles() -> None:
    assert _cycles(_graph()) == KNOWN_CYCLES


def test_the_checks_can_fail() -> None:
    graph = copy.deepcopy(_graph())
    graph.add_import(importer="ketenmonitor.core.settings", imported="ketenmonitor.cli.app")
    graph.add_import(importer="ketenmonitor.codes.registry", imported="ketenmonitor.warehouse.schema")
    graph.add_import(importer="ketenmonitor.warehouse.schema", imported="ketenmonitor.codes.registry")
    assert ("ketenmonitor.core", "ketenmonitor.cli") in _violations(graph)
    assert ("codes", "warehouse") in _cycles(graph)
