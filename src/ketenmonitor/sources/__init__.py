# SPDX-License-Identifier: EUPL-1.2
"""Partner sources: mapping files (YAML) and the reader that turns an export into delivery fields.

``load_mapping`` loads and validates a mapping; ``read_export`` reads a partner export through it
and refuses untrustworthy files with a Dutch message (contract A).
"""

from __future__ import annotations

from ketenmonitor.sources.mapping import FileMapping, Mapping, load_mapping
from ketenmonitor.sources.normalise import output_fields
from ketenmonitor.sources.reader import SourceTable, read_export

__all__ = ["FileMapping", "Mapping", "SourceTable", "load_mapping", "output_fields", "read_export"]
