# SPDX-License-Identifier: EUPL-1.2
"""Calibration figures of the synthetic region, in one place so they can be checked and tuned.

Rates and shares follow ``DOMAIN.md`` (CBS Veilig Thuis figures 2019-2025). The household process
parameters (chronicity, extra meldingen per episode, gaps) were tuned so that the CBS shares of
*eerdere betrokkenheid* come out near the national ones (1e melding ~32%, hermelding ~38%,
vervolgmelding ~28.5%) when 2017-2018 serve as history; ``tests/simulate/test_calibration.py``
keeps them there. Codes are the codes of ``codes/data``; a test checks they all exist.
"""

from __future__ import annotations

# --- volumes -----------------------------------------------------------------------------------
MELDINGEN_PER_1000 = 7.1
ADVIEZEN_PER_1000 = {2017: 6.0, 2018: 6.2, 2019: 6.5, 2020: 7.0, 2021: 7.5, 2022: 8.0,
                     2023: 8.5, 2024: 9.0, 2025: 9.5}
ADVIEZEN_TREND_PER_JAAR = 0.5  # per 1,000 inhabitants, outside the years above
HUISVERBODEN_PER_10000 = 1.5
INCIDENTEN_PER_POLITIEMELDING = 1.3
BURN_IN_YEARS = 20  # the household process starts this long before the first exported year

# Relative level of meldingen per gemeente (population-weighted mean is normalised to 1).
GEMEENTE_FACTOR = {
    "GM0518": 1.25, "GM0503": 1.0, "GM0603": 1.1, "GM0637": 0.95, "GM1916": 0.85,
    "GM1783": 0.75, "GM1926": 0.7, "GM0629": 0.7, "GM1842": 0.65,
    "GM0546": 1.15, "GM0513": 1.2, "GM0484": 1.0, "GM0537": 0.85,
}
GEMEENTE_FACTOR_STANDAARD = 0.85

# --- household types ---------------------------------------------------------------------------
HH_TYPES = ("GEZIN_PARTNER", "GEZIN_KM", "PAAR", "OUDERS", "OUDEREN", "OVERIG", "ZORGEN")
GEZIN_PARTNER, GEZIN_KM, PAAR, OUDERS, OUDEREN, OVERIG, ZORGEN = range(7)
HH_TYPE_SHARES_MELDING = (0.21, 0.37, 0.15, 0.06, 0.025, 0.045, 0.14)
HH_TYPE_SHARES_ADVIES = (0.15, 0.35, 0.18, 0.07, 0.06, 0.05, 0.14)
HH_TYPE_SHARES_POLITIE = (0.25, 0.0, 0.55, 0.05, 0.0, 0.15, 0.0)
HH_TYPE_SHARES_LOKAAL_TEAM = (0.2, 0.45, 0.05, 0.05, 0.0, 0.0, 0.25)

# --- episode process (three chronicity classes) ------------------------------------------------
CHRONICITY_SHARES = (0.55, 0.30, 0.15)
NEXT_EPISODE_PROB = (0.10, 0.55, 0.80)
EXTRA_MELDINGEN_MEAN = (0.18, 0.5, 1.0)  # Poisson mean of meldingen after the first in an episode
EPISODE_WINDOW_MEDIAN_DAYS = (20.0, 60.0, 120.0)
EPISODE_GAP_MEDIAN_DAYS = (400.0, 300.0, 200.0)
LOGNORMAL_SIGMA = 0.8
NEAR_FOLLOW_UP_SHARE = 0.42  # share of extra meldingen that follow the previous within days
NEAR_FOLLOW_UP_MEAN_DAYS = 12.0
# measured: the analytic meldingen per household overshoots the window count by ~2.5%
MELDINGEN_PER_HH_CORRECTION = 0.995
ADVIES_BEFORE_EPISODE_PROB = 0.30
ADVIEZEN_PER_ADVIES_HH = ((1, 2, 3), (0.85, 0.12, 0.03))

# --- melders (shares in %, DOMAIN.md 2023) -----------------------------------------------------
MELDER_ORGS = ("GEZONDHEIDSZORG", "GGZ", "KINDEROPVANG", "ONDERWIJS", "LEERPLICHT", "JEUGDZORG",
               "JV_POLITIE", "JV_OM", "JV_RECLASSERING", "JV_ANDERS", "VT_ANDERE_REGIO",
               "VT_REGIONAAL_MAATWERK", "ANDERE_ORGANISATIE", "NVT", "ONBEKEND")
MELDER_SHARES_MELDING = (8.2, 1.7, 0.5, 4.2, 0.1, 2.1, 58.0, 3.0, 3.5, 2.7, 0.6, 0.5, 5.0, 8.0, 1.9)
MELDER_SHARES_ADVIES = (8.4, 4.8, 1.6, 8.8, 0.2, 7.4, 3.3, 1.0, 1.0, 1.0, 1.6, 0.3, 12.0, 44.1, 4.5)
CHILD_ONLY_ORGS = ("KINDEROPVANG", "ONDERWIJS", "LEERPLICHT", "JEUGDZORG")

MELDER_ROLLEN = ("NIET_BEROEPSMATIG", "ONDERWIJS", "KINDEROPVANG", "MEDISCH_VERPLEEGKUNDIGE",
                 "MEDISCH_HUISARTS", "MEDISCH_ANDERS", "PSYCHOLOGEN", "PARAMEDISCH",
                 "JUSTITIE_POLITIE", "JUSTITIE_OVJ", "JUSTITIE_ANDERS", "BEROEPSMATIG_ANDERS",
                 "ONBEKEND")
# rol given organisation: {org: ((rol, ...), (p, ...))}
ROL_GIVEN_ORG: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {
    "GEZONDHEIDSZORG": (("MEDISCH_VERPLEEGKUNDIGE", "MEDISCH_HUISARTS", "MEDISCH_ANDERS",
                         "PARAMEDISCH"), (0.3, 0.35, 0.25, 0.1)),
    "GGZ": (("PSYCHOLOGEN", "MEDISCH_ANDERS"), (0.8, 0.2)),
    "KINDEROPVANG": (("KINDEROPVANG",), (1.0,)),
    "ONDERWIJS": (("ONDERWIJS",), (1.0,)),
    "LEERPLICHT": (("ONDERWIJS", "BEROEPSMATIG_ANDERS"), (0.5, 0.5)),
    "JEUGDZORG": (("BEROEPSMATIG_ANDERS", "PSYCHOLOGEN"), (0.7, 0.3)),
    "JV_POLITIE": (("JUSTITIE_POLITIE",), (1.0,)),
    "JV_OM": (("JUSTITIE_OVJ",), (1.0,)),
    "JV_RECLASSERING": (("JUSTITIE_ANDERS",), (1.0,)),
    "JV_ANDERS": (("JUSTITIE_ANDERS",), (1.0,)),
    "VT_ANDERE_REGIO": (("BEROEPSMATIG_ANDERS",), (1.0,)),
    "VT_REGIONAAL_MAATWERK": (("BEROEPSMATIG_ANDERS",), (1.0,)),
    "ANDERE_ORGANISATIE": (("BEROEPSMATIG_ANDERS", "ONBEKEND"), (0.9, 0.1)),
    "NVT": (("NIET_BEROEPSMATIG",), (1.0,)),
    "ONBEKEND": (("ONBEKEND",), (1.0,)),
}

# --- aard, aanvullende informatie, duur --------------------------------------------------------
AARD = ("KINDERMISHANDELING", "GEWELD_TEGEN_OUDERS", "PARTNERGEWELD", "OUDERENMISHANDELING",
        "HG_OVERIG", "ANDERE_PROBLEMATIEK", "GEEN_HG_KM", "ONBEKEND")
AANVULLEND = ("MENSENHANDEL", "EERGERELATEERD", "HUWELIJKSDWANG", "ACHTERLATING", "VGV")
AANVULLEND_PROB = (0.004, 0.008, 0.003, 0.001, 0.001)
DUUR = ("MAX_1_WEEK", "WEEK_TOT_MAAND", "MAAND_TOT_HALFJAAR", "HALFJAAR_TOT_JAAR",
        "JAAR_TOT_5JAAR", "MEER_DAN_5JAAR", "ONBEKEND")
DUUR_FIRST = (0.12, 0.09, 0.13, 0.09, 0.17, 0.10, 0.30)
DUUR_REPEAT = (0.06, 0.05, 0.10, 0.09, 0.25, 0.20, 0.25)
DUUR_SOONER_PER_YEAR = 0.03  # first meldingen: long durations get rarer each year after 2019

# --- Veilig Thuis handling ---------------------------------------------------------------------
VB_ON_TIME_SHARE = 0.65
VB_ON_TIME_WORKDAYS = ((0, 1, 2, 3, 4, 5), (0.05, 0.10, 0.17, 0.20, 0.23, 0.25))
VB_LATE_MEDIAN_EXTRA = 8.0  # working days beyond the fifth
UITKOMST_VB = ("VERVOLG_VT", "OVERDRACHT", "GEEN_VERVOLG", "REGIONAAL_MAATWERK",
               "NOG_NIET_BEOORDEELD")
UITKOMST_VB_SHARES = (0.25, 0.45, 0.25, 0.05)  # of the first four
ACUTE_PROB = (0.30, 0.15, 0.02, 0.10)
STRUCTUREEL_PROB = (0.75, 0.60, 0.10, 0.50)
ONDERZOEK_PROB = 0.45
UITKOMST_ONDERZOEK = ("BEVESTIGD", "NIET_BEVESTIGD", "WEERLEGD", "VOORTIJDIG_BEEINDIGD")
UITKOMST_ONDERZOEK_SHARES = (0.55, 0.25, 0.10, 0.10)
OVERDRACHT_ORGS = ("LOKAAL_TEAM", "JEUGDHULP", "GECERTIFICEERDE_INSTELLING",
                   "RAAD_KINDERBESCHERMING", "POLITIE_JUSTITIE", "GGZ", "HUISARTS_ZORG",
                   "OPVANG", "VT_ANDERE_REGIO", "ANDERS")
OVERDRACHT_SHARES = (0.48, 0.12, 0.06, 0.05, 0.06, 0.08, 0.05, 0.04, 0.02, 0.04)
YOUTH_OVERDRACHT = ("JEUGDHULP", "GECERTIFICEERDE_INSTELLING", "RAAD_KINDERBESCHERMING")
MONITORING_AFTER_OVERDRACHT = 0.35
OVERDRACHT_AFTER_VERVOLG = 0.75
MONITORING_AFTER_VERVOLG = 0.6
# How VT registers casussen at the CBS boundaries (docs/afleidingen.md, EB-2 ... EB-8). Synthetic
# assumptions, not measured: VT organisations publish no such rates. They are small enough to
# keep the calibrated shares, large enough that the ground-truth comparison sees each situation.
SEPARATE_CASUS_SHARE = 0.04  # melding during an open casus registered under a new casus number
SAME_DAY_CLOSE_SHARE = 0.20  # new melding within 30 days of a closure: old casus closed that day
SAME_DAY_CLOSE_MAX_GAP = 30
REOPEN_SHARE = 0.10  # new casus after a closure under the old casus number (reopened)
LATE_AFSLUITING_SHARE = 0.30  # afsluiting registered with a later melding in a later half-year

# --- politie -----------------------------------------------------------------------------------
INCIDENT_IN_KNOWN_HH_SHARE = 0.6
HUISVERBOD_VERLENGD_PROB = 0.45

# --- lokaal team -------------------------------------------------------------------------------
LT_NEVER_START = 0.10
LT_START_MEDIAN_DAYS = 20.0
LT_START_SIGMA = 0.75
LT_DURATION_MEDIAN_DAYS = 200.0
LT_OTHER_REFERRALS_PER_VT = 1.0
VERWIJZERS_OTHER = (("HUISARTS", "ONDERWIJS", "POLITIE", "ZELFMELDER", "ANDERS"),
                    (0.25, 0.25, 0.10, 0.25, 0.15))
REDEN_AFSLUITING = (("DOELEN_BEREIKT", "OVERGEDRAGEN", "UITVAL", "VERHUISD", "ANDERS"),
                    (0.55, 0.15, 0.18, 0.05, 0.07))
SOS_INTAKE = (4.0, 2.0)
SOS_GAIN = (3.5, 2.0)
SOS_GAIN_UITVAL = (0.5, 1.5)
INHABITANTS_PER_WORKER = 8000

# --- MDA++ -------------------------------------------------------------------------------------
MDA_SHARE_OF_CASUS = 0.015
MDA_UITKOMST = (("VEILIGHEID_BEREIKT", "OVERGEDRAGEN", "VOORTIJDIG_BEEINDIGD"), (0.5, 0.35, 0.15))

# --- households moving -------------------------------------------------------------------------
MOVES_PER_YEAR = 0.08
MOVE_OTHER_GEMEENTE = 0.3
