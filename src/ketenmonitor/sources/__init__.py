# SPDX-License-Identifier: EUPL-1.2
"""Partner sources: mapping files (YAML) and the reader that turns an export into delivery fields.

``load_mapping`` loads and validates a mapping; ``read_export`` reads a partner export through it
and refuses untrustworthy files with a Dutch message (contract A); ``check_export`` runs ingest's
row rules over what was read, at the partner, before anything is delivered.
"""

from __future__ import annotations

from ketenmonitor.sources.check import SourceCheck, check_export
from ketenmonitor.sources.mapping import FileMapping, Mapping, load_mapping
from ketenmonitor.sources.normalise import output_fields
from ketenmonitor.sources.reader import SourceTable, read_export

__all__ = ["FileMapping", "Mapping", "SourceCheck", "SourceTable", "check_export", "load_mapping",
           "output_fields", "read_export"]
