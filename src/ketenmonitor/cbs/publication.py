# SPDX-License-Identifier: EUPL-1.2
"""The columns of the publication table ``_cbs_vergelijking`` (publication format 1.1).

They live in the CBS package, which builds the table (:mod:`ketenmonitor.cbs.compare`), so that
publish imports cbs to check and write it and cbs never imports publish (issue 17, point 4: the
two packages imported each other).
"""

from __future__ import annotations

import pyarrow as pa

BENCHMARK_LEVELS = ("gemeente", "vt_regio", "nederland")
BENCHMARK_SCHEMA = pa.schema(
    [
        ("indicator_id", pa.string()),
        ("gebied_code", pa.string()),
        ("gebied_naam", pa.string()),
        ("gebied_niveau", pa.string()),  # gemeente | vt_regio | nederland
        ("periode", pa.string()),
        ("periode_type", pa.string()),
        ("dimensie", pa.string()),
        ("categorie", pa.string()),
        ("categorie_label", pa.string()),
        ("eenheid", pa.string()),  # the indicator's unit
        ("teller", pa.int64()),  # CBS count
        ("noemer", pa.int64()),  # CBS count, or inhabitants for rates
        ("waarde", pa.float64()),
        ("weergave", pa.string()),
        ("onderdrukt", pa.bool_()),
        ("voorlopig", pa.bool_()),
        ("bron", pa.string()),  # 'CBS 84847NED: Adviezen; inwoners: CBS 03759ned'
    ]
)
