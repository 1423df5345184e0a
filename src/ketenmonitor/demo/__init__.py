# SPDX-License-Identifier: EUPL-1.2
"""The whole product on a synthetic region, end to end (``ketenmonitor demo``)."""

from __future__ import annotations

from ketenmonitor.demo.paths import DemoPaths
from ketenmonitor.demo.runner import DemoResult, run_demo

__all__ = ["DemoPaths", "DemoResult", "run_demo"]
