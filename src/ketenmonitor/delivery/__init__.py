# SPDX-License-Identifier: EUPL-1.2
"""The delivery contract between partners and the monitor (issue 17, point 4).

:mod:`~ketenmonitor.delivery.schema` (record types, fields, schema versions),
:mod:`~ketenmonitor.delivery.files` (names, ids, Arrow schema, writing a delivery),
:mod:`~ketenmonitor.delivery.manifest` (reading and checking a manifest),
:mod:`~ketenmonitor.delivery.checks` (checking a delivery file against its manifest) and
:mod:`~ketenmonitor.delivery.signing` (signing and verifying manifests). Pseudonymise writes,
rekey reads and rewrites, ingest reads: all three import this package, so none imports another.
It sits in the lowest layer beside core and imports nothing of ketenmonitor above it. Nothing is
imported here, so that a partner command loads only the modules it uses.
"""
