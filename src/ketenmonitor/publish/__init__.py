# SPDX-License-Identifier: EUPL-1.2
"""Publications: immutable, versioned sets of disclosure-controlled aggregate tables (1.1)."""

from __future__ import annotations

from ketenmonitor.publish.reader import (
    Publication,
    latest_publication,
    list_publications,
    read_publication,
)
from ketenmonitor.publish.schema import (
    BENCHMARK_TABLE,
    FORMAT_VERSION,
    SUPPORTED_VERSIONS,
    VALIDATION_SCHEMA,
)
from ketenmonitor.publish.writer import build_publication, write_publication

__all__ = [
    "BENCHMARK_TABLE",
    "FORMAT_VERSION",
    "SUPPORTED_VERSIONS",
    "VALIDATION_SCHEMA",
    "Publication",
    "build_publication",
    "latest_publication",
    "list_publications",
    "read_publication",
    "write_publication",
]
