# SPDX-License-Identifier: EUPL-1.2
"""Entity resolution: betrokkene records → stable person and household ids, on tokens only."""

from __future__ import annotations

from ketenmonitor.linkage.deterministic import LinkageSummary, link_deterministic

__all__ = ["LinkageSummary", "link_deterministic"]
