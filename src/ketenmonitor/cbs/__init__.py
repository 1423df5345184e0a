# SPDX-License-Identifier: EUPL-1.2
"""CBS benchmark: StatLine CSV exports imported into the warehouse and compared with the region.

``ketenmonitor benchmark import`` reads the Veilig Thuis tables (84847NED–84855NED, 85361NED)
and the population tables; ``koppeling.yaml`` maps their topics to indicator ids, and
``compare.build_comparison`` turns them into the publication table ``_cbs_vergelijking`` so
every mapped indicator shows gemeente ↔ Veilig Thuis region ↔ Nederland.
"""

from __future__ import annotations

from ketenmonitor.cbs.koppeling import KoppelingBestand, load_koppeling
from ketenmonitor.cbs.service import ImportReport, import_files, parse_file

__all__ = ["ImportReport", "KoppelingBestand", "import_files", "load_koppeling", "parse_file"]
