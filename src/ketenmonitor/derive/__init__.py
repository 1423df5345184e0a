# SPDX-License-Identifier: EUPL-1.2
"""Derivations on linked records: casus, eerdere betrokkenheid (CBS), signals and pathways."""

from __future__ import annotations

from ketenmonitor.derive.pipeline import DeriveSources, derive_all, peildatum_from_ledger

__all__ = ["DeriveSources", "derive_all", "peildatum_from_ledger"]
