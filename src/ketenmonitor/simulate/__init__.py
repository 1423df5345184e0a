# SPDX-License-Identifier: EUPL-1.2
"""Synthetic region generator: households, violence episodes, partner records and exports.

``run_simulation`` builds a region in memory (``simulate``) and writes the partner exports plus
the ground truth (layout in ``docs`` and contract B). The same configuration and seed always give
byte-identical export files.
"""

from __future__ import annotations

from ketenmonitor.simulate.config import SimulationConfig
from ketenmonitor.simulate.engine import simulate
from ketenmonitor.simulate.model import Simulation
from ketenmonitor.simulate.runner import SimulationResult, run_simulation

__all__ = ["Simulation", "SimulationConfig", "SimulationResult", "run_simulation", "simulate"]
