# SPDX-License-Identifier: EUPL-1.2
"""Why the probabilistic linkage fell back to BSN only, in words for the CLI and the report.

Kept in core so the report can explain the fallback without importing the linkage stage.
"""

from __future__ import annotations

from ketenmonitor.core.i18n import _

NO_QUASI_IDENTIFIERS = "geen_naam_of_geboortedatum"
TOO_FEW_TRAINING_PAIRS = "te_weinig_trainingsparen"
FALLBACK_REASONS = (NO_QUASI_IDENTIFIERS, TOO_FEW_TRAINING_PAIRS)


def fallback_explanation(reason: object, min_training_pairs: object) -> str | None:
    """One Dutch sentence on why linkage fell back to BSN only (None when it did not)."""
    if not reason:
        return None
    if reason == NO_QUASI_IDENTIFIERS:
        return _("De probabilistische koppeling is teruggevallen op alleen het BSN-token: geen "
                 "enkele levering bevat tokens van naam of geboortedatum.")
    return _("De probabilistische koppeling is teruggevallen op alleen het BSN-token: er waren "
             "minder dan {n} paren records per trainingsregel om het model te trainen, en er is "
             "geen eerder getraind model.").format(n=min_training_pairs)
