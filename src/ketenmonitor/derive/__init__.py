# SPDX-License-Identifier: EUPL-1.2
"""Derivations on linked records: casus, eerdere betrokkenheid (CBS), signals and pathways."""

from __future__ import annotations

from ketenmonitor.derive.pipeline import derive_all, peildatum_from_ledger
from ketenmonitor.derive.sources import DeriveSources

__all__ = ["DeriveSources", "derive_all", "peildatum_from_ledger"]
