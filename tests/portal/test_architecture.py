# SPDX-License-Identifier: EUPL-1.2
"""The portal reads publications only: it never imports ingest, linkage or derive."""

from __future__ import annotations

import grimp

FORBIDDEN = ("ketenmonitor.ingest", "ketenmonitor.linkage", "ketenmonitor.derive")


def test_portal_never_imports_microdata_stages() -> None:
    graph = grimp.build_graph("ketenmonitor", include_external_packages=False)
    portal = {m for m in graph.modules if m.startswith("ketenmonitor.portal")}
    assert len(portal) > 20
    for target in FORBIDDEN:
        chains = graph.find_shortest_chains(importer="ketenmonitor.portal", imported=target)
        assert not chains, f"{target} via {sorted(chains)[:3]}"


def test_the_check_would_see_a_forbidden_import() -> None:
    graph = grimp.build_graph("ketenmonitor", include_external_packages=False)
    graph.add_import(importer="ketenmonitor.portal.dashboards.views",
                     imported="ketenmonitor.derive.casus")
    assert graph.find_shortest_chains(importer="ketenmonitor.portal",
                                      imported="ketenmonitor.derive")
