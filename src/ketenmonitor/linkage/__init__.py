# SPDX-License-Identifier: EUPL-1.2
"""Entity resolution: betrokkene records → stable person and household ids, on tokens only."""

from __future__ import annotations

from ketenmonitor.linkage.deterministic import link_deterministic
from ketenmonitor.linkage.probabilistic import link_probabilistic
from ketenmonitor.linkage.splink_model import ModelConfig
from ketenmonitor.linkage.summary import LinkageSummary

__all__ = ["LinkageSummary", "ModelConfig", "link_deterministic", "link_probabilistic"]
