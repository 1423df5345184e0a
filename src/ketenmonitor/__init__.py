# SPDX-License-Identifier: EUPL-1.2
"""Ketenmonitor: monitor van de regiovisie aanpak huiselijk geweld en kindermishandeling."""

from __future__ import annotations

__version__ = "0.1.0"
