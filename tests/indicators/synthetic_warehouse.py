# SPDX-License-Identifier: EUPL-1.2
"""A small, fixed, synthetic warehouse with the derived tables of contract D, for indicator tests.

Every value comes from a SHA-256 of (row, field), not from ``random``, so the fixture is the same
on every Python version and machine and the snapshots stay stable. Haaglanden 2019–2020 with
peildatum 2020-12-31: large and small gemeenten (Midden-Delfland and Wassenaar get a handful of
meldingen per half-year), so many cells fall below 10 and need primary and secondary suppression.
A Leiden row (another region) checks that rows outside the region are left out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ketenmonitor.codes import code_list
from ketenmonitor.warehouse import connect

PEILDATUM = date(2020, 12, 31)
REGION = "haaglanden"
HALVES = [(2019, 1), (2019, 2), (2020, 1), (2020, 2)]
# meldingen per half-year per gemeente (adviezen: 80% of it)
VOLUME = {
    "GM0518": 70,
    "GM0503": 24,
    "GM0637": 20,
    "GM1783": 16,
    "GM1916": 12,
    "GM0603": 10,
    "GM1926": 8,
    "GM0629": 4,
    "GM1842": 2,
}

AFG_MELDING_DDL = """
CREATE TABLE afg_melding (
  bericht_id VARCHAR, soort VARCHAR, datum_ontvangst DATE, gemeente VARCHAR,
  melder_organisatie VARCHAR, melder_groep VARCHAR, melder_rol VARCHAR, aard VARCHAR[],
  duur_geweld VARCHAR, casus_id VARCHAR, eerdere_betrokkenheid VARCHAR,
  eerdere_betrokkenheid_groep VARCHAR, eerste_melding_persoon BOOLEAN, eerder_signaal_12m BOOLEAN,
  opent_casus BOOLEAN, vb_datum DATE, vb_werkdagen INTEGER, vb_binnen_5_werkdagen BOOLEAN,
  overdracht_organisatie VARCHAR, datum_overdracht DATE, hulp_gestart BOOLEAN,
  dagen_tot_hulp INTEGER, gevolgd_12m BOOLEAN, gevolgd_18m BOOLEAN, datum_afsluiting DATE,
  nieuwe_melding_12m_na_afsluiting BOOLEAN, aanvullende_informatie VARCHAR[],
  uitkomst_veiligheidsbeoordeling VARCHAR, acute_onveiligheid BOOLEAN,
  structurele_onveiligheid BOOLEAN, onderzoek_start DATE, onderzoek_einde DATE,
  onderzoek_dagen INTEGER, onderzoek_binnen_10_weken BOOLEAN, uitkomst_onderzoek VARCHAR,
  monitoring_start DATE, eerder_signaal_bij VARCHAR[], kind_betrokken BOOLEAN,
  aantal_direct_betrokkenen INTEGER
)"""
AFG_TRAJECT_DDL = """
CREATE TABLE afg_traject (
  traject_id VARCHAR, gemeente VARCHAR, datum_aanmelding DATE, datum_start DATE, datum_einde DATE,
  sos_intake INTEGER, sos_afsluiting INTEGER, sos_verschil INTEGER, via_vt BOOLEAN,
  reden_afsluiting VARCHAR, wachtdagen INTEGER, uren_inzet DOUBLE, verwijzer VARCHAR
)"""
AFG_BETROKKENE_DDL = """
CREATE TABLE afg_betrokkene (
  soort VARCHAR, datum_ontvangst DATE, gemeente VARCHAR, rol VARCHAR, direct_betrokken BOOLEAN,
  geslacht VARCHAR, leeftijdsklasse VARCHAR, aard VARCHAR[]
)"""
AFG_MDA_DDL = """
CREATE TABLE afg_mda (
  gemeente VARCHAR, datum_aanmelding DATE, datum_start DATE, datum_einde DATE, uitkomst VARCHAR,
  wachtdagen INTEGER, doorlooptijd_dagen INTEGER, na_vt_melding BOOLEAN
)"""
AFG_OPVANG_DDL = """
CREATE TABLE afg_opvang (
  traject_id VARCHAR, gemeente VARCHAR, datum_aanmelding DATE, soort_hulp VARCHAR,
  opvangvorm VARCHAR, datum_opname DATE, datum_vertrek DATE, reden_vertrek VARCHAR,
  bestemming_vertrek VARCHAR, datum_start_ambulant DATE, datum_einde_ambulant DATE,
  aantal_kinderen INTEGER, wachtdagen INTEGER, verblijfdagen INTEGER, heropname_12m BOOLEAN
)"""
LINK_DDL = """
CREATE TABLE link_samenvatting (
  method VARCHAR, records BIGINT, linked_records BIGINT, unlinked_records BIGINT,
  persons BIGINT, households BIGINT
)"""


def _h(*parts: object) -> int:
    return int.from_bytes(hashlib.sha256("|".join(map(str, parts)).encode()).digest()[:8], "big")


def _pick(weights: Sequence[tuple[Any, int]], *key: object) -> Any:
    total = sum(w for _v, w in weights)
    point = _h(*key) % total
    for value, weight in weights:
        if point < weight:
            return value
        point -= weight
    raise AssertionError("unreachable")


def _yes(percent: int, *key: object) -> bool:
    return _h(*key) % 100 < percent


def _day(year: int, half: int, *key: object) -> date:
    start = date(year, 1 if half == 1 else 7, 1)
    return start + timedelta(days=_h(*key) % 181)


MELDERS = [
    ("JV_POLITIE", 55),
    ("JV_OM", 4),
    ("ONDERWIJS", 6),
    ("GEZONDHEIDSZORG", 9),
    ("JEUGDZORG", 3),
    ("GGZ", 3),
    ("NVT", 10),
    ("KINDEROPVANG", 1),
    ("LEERPLICHT", 1),
    ("ANDERE_ORGANISATIE", 4),
    ("ONBEKEND", 2),
    (None, 2),
]
AARD = [
    ("KINDERMISHANDELING", 45),
    ("PARTNERGEWELD", 35),
    ("GEWELD_TEGEN_OUDERS", 6),
    ("OUDERENMISHANDELING", 3),
    ("HG_OVERIG", 5),
    ("ANDERE_PROBLEMATIEK", 6),
]
DUUR = [
    ("MAX_1_WEEK", 10),
    ("WEEK_TOT_MAAND", 10),
    ("MAAND_TOT_HALFJAAR", 20),
    ("HALFJAAR_TOT_JAAR", 15),
    ("JAAR_TOT_5JAAR", 25),
    ("MEER_DAN_5JAAR", 10),
    ("ONBEKEND", 7),
    (None, 3),
]
EERDER = [
    ("EERSTE", 32),
    ("HERMELDING_EEN", 25),
    ("HERMELDING_MEERDERE", 13),
    ("VERVOLG_TIJDENS_VB", 10),
    ("VERVOLG_NA_VB", 12),
    ("VERVOLG_MONITORING", 6),
    ("NIET_INGEDEELD", 2),
]
OVERDRACHT = [
    ("LOKAAL_TEAM", 50),
    ("JEUGDHULP", 15),
    ("GECERTIFICEERDE_INSTELLING", 8),
    ("GGZ", 10),
    ("POLITIE_JUSTITIE", 7),
    ("HUISARTS_ZORG", 6),
    ("OPVANG", 4),
]


ROL = {
    "JV_POLITIE": "JUSTITIE_POLITIE", "JV_OM": "JUSTITIE_OVJ", "ONDERWIJS": "ONDERWIJS",
    "GEZONDHEIDSZORG": "MEDISCH_HUISARTS", "JEUGDZORG": "BEROEPSMATIG_ANDERS",
    "GGZ": "PSYCHOLOGEN", "NVT": "NIET_BEROEPSMATIG", "KINDEROPVANG": "KINDEROPVANG",
    "LEERPLICHT": "BEROEPSMATIG_ANDERS", "ANDERE_ORGANISATIE": "BEROEPSMATIG_ANDERS",
}
AANVULLEND = [("MENSENHANDEL", 2), ("EERGERELATEERD", 4), ("HUWELIJKSDWANG", 2), ("ACHTERLATING", 1)]
SIGNAAL = [("VT_ADVIES", 30), ("VT_MELDING", 30), ("POLITIE", 30), ("LOKAAL_TEAM", 8), ("MDA", 2)]
UITKOMST_VB = [("VERVOLG_VT", 40), ("GEEN_VERVOLG", 45), ("REGIONAAL_MAATWERK", 15)]
UITKOMST_ONDERZOEK = [
    ("BEVESTIGD", 50), ("NIET_BEVESTIGD", 25), ("WEERLEGD", 15), ("VOORTIJDIG_BEEINDIGD", 10)
]
REDEN = [("DOELEN_BEREIKT", 50), ("OVERGEDRAGEN", 15), ("UITVAL", 20), ("VERHUISD", 5),
         ("ANDERS", 10)]
VERWIJZER = [("VEILIG_THUIS", 45), ("HUISARTS", 15), ("ONDERWIJS", 10), ("POLITIE", 10),
             ("ZELFMELDER", 15), ("ANDERS", 5)]
MDA_UITKOMST = [("VEILIGHEID_BEREIKT", 50), ("OVERGEDRAGEN", 30), ("VOORTIJDIG_BEEINDIGD", 20)]
GESLACHT = [("M", 48), ("V", 50), ("O", 2)]
LEEFTIJD_VOLWASSEN = [("18-24", 12), ("25-44", 55), ("45-64", 25), ("65+", 6), ("ONBEKEND", 2)]
LEEFTIJD_KIND = [("0-3", 25), ("4-11", 45), ("12-17", 28), ("ONBEKEND", 2)]


def _melding(n: int, soort: str, gemeente: str, year: int, half: int) -> dict[str, Any]:
    datum = _day(year, half, n, "datum")
    org = _pick(MELDERS, n, "melder")
    aard = sorted(
        {_pick(AARD, n, "aard1")} | ({_pick(AARD, n, "aard2")} if _yes(25, n, "2") else set())
    )
    row: dict[str, Any] = {
        "bericht_id": f"B{n:05d}",
        "soort": soort,
        "datum_ontvangst": datum,
        "gemeente": gemeente,
        "melder_organisatie": org,
        "melder_groep": code_list("melder_organisatie").group(org) if org else None,
        "melder_rol": ROL.get(org, "ONBEKEND") if org else None,
        "aard": aard,
        "duur_geweld": _pick(DUUR, n, "duur"),
        "casus_id": None,
        "eerdere_betrokkenheid": None,
        "eerdere_betrokkenheid_groep": None,
        "eerste_melding_persoon": None,
        "eerder_signaal_12m": None,
        "opent_casus": None,
        "vb_datum": None,
        "vb_werkdagen": None,
        "vb_binnen_5_werkdagen": None,
        "overdracht_organisatie": None,
        "datum_overdracht": None,
        "hulp_gestart": None,
        "dagen_tot_hulp": None,
        "gevolgd_12m": None,
        "gevolgd_18m": None,
        "datum_afsluiting": None,
        "nieuwe_melding_12m_na_afsluiting": None,
        "aanvullende_informatie": [_pick(AANVULLEND, n, "aanv")] if _yes(6, n, "aanv?") else None,
        "uitkomst_veiligheidsbeoordeling": None,
        "acute_onveiligheid": None,
        "structurele_onveiligheid": None,
        "onderzoek_start": None,
        "onderzoek_einde": None,
        "onderzoek_dagen": None,
        "onderzoek_binnen_10_weken": None,
        "uitkomst_onderzoek": None,
        "monitoring_start": None,
        "eerder_signaal_bij": None,
        "kind_betrokken": _yes(55, n, "kind"),
        "aantal_direct_betrokkenen": 1 + _h(n, "nbetr") % 4,
    }
    if soort == "ADVIES":
        return row
    eerder = _pick(EERDER, n, "eerder")
    opent = not eerder.startswith("VERVOLG")
    row.update(
        casus_id=f"C{n:05d}",
        eerdere_betrokkenheid=None if eerder == "NIET_INGEDEELD" else eerder,
        eerdere_betrokkenheid_groep=code_list("eerdere_betrokkenheid").group(eerder),
        eerste_melding_persoon=eerder == "EERSTE" or _yes(10, n, "eerste"),
        eerder_signaal_12m=_yes(40, n, "signaal"),
        opent_casus=opent,
    )
    if row["eerder_signaal_12m"]:
        row["eerder_signaal_bij"] = sorted(
            {_pick(SIGNAAL, n, "sb1")} | ({_pick(SIGNAAL, n, "sb2")} if _yes(50, n, "sb") else set())
        )
    if not opent:
        return row
    werkdagen = 1 + _h(n, "vb") % 9
    if _yes(95, n, "vbgedaan"):
        row.update(
            vb_datum=datum + timedelta(days=werkdagen + 2 * (werkdagen // 5)),
            vb_werkdagen=werkdagen,
            vb_binnen_5_werkdagen=werkdagen <= 5,
        )
    if _yes(45, n, "overdracht"):
        org_o = _pick(OVERDRACHT, n, "overdrachtorg")
        row.update(
            overdracht_organisatie=org_o,
            datum_overdracht=datum + timedelta(days=15 + _h(n, "od") % 50),
        )
        if org_o == "LOKAAL_TEAM":
            gestart = _yes(80, n, "gestart")
            row.update(
                hulp_gestart=gestart, dagen_tot_hulp=3 + _h(n, "wacht") % 80 if gestart else None
            )
    _handling(row, n, datum)
    if datum + timedelta(days=365) <= PEILDATUM:
        row["gevolgd_12m"] = _yes(55, n, "g12")
    if datum + timedelta(days=548) <= PEILDATUM:
        row["gevolgd_18m"] = _yes(35, n, "g18")
    afsluiting = datum + timedelta(days=30 + _h(n, "afsl") % 170)
    if afsluiting <= PEILDATUM:
        row["datum_afsluiting"] = afsluiting
        if afsluiting + timedelta(days=365) <= PEILDATUM:
            row["nieuwe_melding_12m_na_afsluiting"] = _yes(30, n, "nieuw")
    return row


def _handling(row: dict[str, Any], n: int, datum: date) -> None:
    """Taxatie, uitkomst, onderzoek and monitoring of a melding that opens a casus."""
    if row["vb_datum"] is not None:
        row.update(
            uitkomst_veiligheidsbeoordeling="OVERDRACHT"
            if row["overdracht_organisatie"]
            else _pick(UITKOMST_VB, n, "uvb"),
            acute_onveiligheid=_yes(15, n, "acuut"),
            structurele_onveiligheid=_yes(55, n, "structureel"),
        )
    start = datum + timedelta(days=5 + _h(n, "os") % 10)
    if _yes(25, n, "onderzoek") and start <= PEILDATUM:
        dagen = 20 + _h(n, "od") % 80 if not _yes(15, n, "lang") else 90 + _h(n, "od") % 60
        einde = start + timedelta(days=dagen)
        if einde <= PEILDATUM:
            row.update(
                onderzoek_start=start, onderzoek_einde=einde, onderzoek_dagen=dagen,
                onderzoek_binnen_10_weken=dagen <= 70,
                uitkomst_onderzoek=_pick(UITKOMST_ONDERZOEK, n, "uo"),
            )
        else:
            late = start + timedelta(days=70) < PEILDATUM
            row.update(onderzoek_start=start, onderzoek_binnen_10_weken=False if late else None)
    if _yes(20, n, "monitoring"):
        row["monitoring_start"] = datum + timedelta(days=30)


def melding_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for year, half in HALVES:
        for gemeente, volume in VOLUME.items():
            for soort, count in (("MELDING", volume), ("ADVIES", volume * 4 // 5)):
                for _i in range(count):
                    rows.append(_melding(len(rows) + 1, soort, gemeente, year, half))
    rows.append(_melding(len(rows) + 1, "MELDING", "GM0546", 2020, 1))  # Leiden: other region
    return rows


def traject_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for year, half in HALVES:
        for gemeente, volume in VOLUME.items():
            for _i in range(volume // 2):
                n = len(rows) + 1
                aanmelding = _day(year, half, n, "tr")
                einde = aanmelding + timedelta(days=20 + _h(n, "duur") % 200)
                intake = _h(n, "intake") % 7
                slot = min(10, intake + _h(n, "slot") % 6) if _yes(80, n, "heeftslot") else None
                wacht = 3 + _h(n, "wacht") % 60 if _yes(85, n, "gestart") else None
                start = aanmelding + timedelta(days=wacht) if wacht is not None else None
                if start is not None and start > PEILDATUM:
                    start, wacht = None, None
                closed = einde if einde <= PEILDATUM else None
                verwijzer = _pick(VERWIJZER, n, "verwijzer")
                rows.append(
                    {
                        "traject_id": f"T{n:05d}",
                        "gemeente": gemeente,
                        "datum_aanmelding": aanmelding,
                        "datum_start": start,
                        "datum_einde": closed,
                        "sos_intake": intake,
                        "sos_afsluiting": slot,
                        "sos_verschil": slot - intake if slot is not None else None,
                        "via_vt": verwijzer == "VEILIG_THUIS",
                        "reden_afsluiting": _pick(REDEN, n, "reden") if closed else None,
                        "wachtdagen": wacht,
                        "uren_inzet": round(5 + (_h(n, "uren") % 800) / 10, 1) if wacht else None,
                        "verwijzer": verwijzer,
                    }
                )
    return rows


def incident_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for year, half in HALVES:
        for gemeente, volume in VOLUME.items():
            for _i in range(volume):
                n = len(rows) + 1
                datum = _day(year, half, n, "inc")
                huisverbod = _yes(30, n, "hv")
                rows.append(
                    {
                        "delivery_id": "pol-1",
                        "partner": "politie",
                        "incident_id": f"P{n:05d}",
                        "datum": datum,
                        "gemeente": gemeente,
                        "huisverbod": huisverbod,
                        "datum_huisverbod": datum + timedelta(days=1)
                        if huisverbod and _yes(80, n, "hvd")
                        else None,
                        "huisverbod_verlengd": huisverbod and _yes(40, n, "verlengd"),
                        "zorgmelding_vt": _yes(80, n, "zorgmelding"),
                    }
                )
    return rows


def betrokkene_rows() -> list[dict[str, Any]]:
    """Persons per advies and melding: a victim, a perpetrator, children, sometimes others."""
    rows: list[dict[str, Any]] = []
    for m in melding_rows():
        n = int(m["bericht_id"][1:])
        roles = ["SLACHTOFFER", "PLEGER", "KIND", "KIND"][: m["aantal_direct_betrokkenen"]]
        if _yes(20, n, "overig"):
            roles.append("OVERIG")
        for i, rol in enumerate(roles):
            ages = LEEFTIJD_KIND if rol == "KIND" else LEEFTIJD_VOLWASSEN
            rows.append(
                {
                    "soort": m["soort"],
                    "datum_ontvangst": m["datum_ontvangst"],
                    "gemeente": m["gemeente"],
                    "rol": rol,
                    "direct_betrokken": rol != "OVERIG",
                    "geslacht": _pick(GESLACHT, n, i, "geslacht") if _yes(97, n, i, "g?") else None,
                    "leeftijdsklasse": _pick(ages, n, i, "leeftijd"),
                    "aard": m["aard"],
                }
            )
    return rows


def mda_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for year, half in HALVES:
        for gemeente, volume in VOLUME.items():
            for _i in range(volume // 4):
                n = len(rows) + 1
                aanmelding = _day(year, half, n, "mda")
                wacht = 5 + _h(n, "mwacht") % 40
                start = aanmelding + timedelta(days=wacht)
                duur = 60 + _h(n, "mduur") % 400
                einde = start + timedelta(days=duur)
                started = start <= PEILDATUM
                closed = einde <= PEILDATUM
                rows.append(
                    {
                        "gemeente": gemeente,
                        "datum_aanmelding": aanmelding,
                        "datum_start": start if started else None,
                        "datum_einde": einde if closed else None,
                        "uitkomst": _pick(MDA_UITKOMST, n, "muit") if closed else None,
                        "wachtdagen": wacht if started else None,
                        "doorlooptijd_dagen": duur if closed else None,
                        "na_vt_melding": _yes(70, n, "mvt"),
                    }
                )
    return rows


VO_VORM = (("CRISISOPVANG", 35), ("REGULIERE_OPVANG", 50), ("SPECIALISTISCHE_OPVANG", 10),
           ("BEGELEID_WONEN", 5))
VO_BESTEMMING = (("ZELFSTANDIG", 40), ("FAMILIE_VRIENDEN", 20), ("TERUG_NAAR_PARTNER", 15),
                 ("ANDERE_OPVANG", 15), ("ONBEKEND", 10))


def opvang_rows() -> list[dict[str, Any]]:
    """Shelter trajectories (ADR 0026): a third ambulant, the rest a stay; clients are numbered
    per gemeente so some come back, and ``heropname_12m`` follows from their earlier vertrek."""
    rows: list[dict[str, Any]] = []
    left: dict[str, list[date]] = {}
    for year, half in HALVES:
        for gemeente, volume in VOLUME.items():
            for _i in range(max(1, volume // 3)):
                n = len(rows) + 1
                aanmelding = _day(year, half, n, "vo")
                ambulant = _yes(33, n, "vamb")
                wacht = 0 if _yes(30, n, "vzelfde") else 1 + _h(n, "vwacht") % 40
                opname = None if ambulant else aanmelding + timedelta(days=wacht)
                if opname is not None and (opname > PEILDATUM or _yes(10, n, "vnooit")):
                    opname = None
                verblijf = 5 + _h(n, "vduur") % 200
                vertrek = opname + timedelta(days=verblijf) if opname else None
                vertrek = vertrek if vertrek and vertrek <= PEILDATUM else None
                client = f"{gemeente}-{_h(n, 'vclient') % max(2, volume // 2)}"
                heropname = None
                if opname is not None:
                    year_before = opname.replace(year=opname.year - 1) if (
                        opname.month, opname.day) != (2, 29) else date(opname.year - 1, 2, 28)
                    heropname = any(year_before <= v <= opname for v in left.get(client, []))
                if vertrek is not None:
                    left.setdefault(client, []).append(vertrek)
                rows.append(
                    {
                        "traject_id": f"VO{n:05d}",
                        "gemeente": gemeente,
                        "datum_aanmelding": aanmelding,
                        "soort_hulp": "AMBULANT" if ambulant else "OPVANG",
                        "opvangvorm": None if ambulant else _pick(VO_VORM, n, "vvorm"),
                        "datum_opname": opname,
                        "datum_vertrek": vertrek,
                        "reden_vertrek": "DOELEN_BEREIKT" if vertrek else None,
                        "bestemming_vertrek": _pick(VO_BESTEMMING, n, "vbest") if vertrek else None,
                        "datum_start_ambulant": aanmelding if ambulant else None,
                        "datum_einde_ambulant": None,
                        "aantal_kinderen": _h(n, "vkind") % 4 if opname else None,
                        "wachtdagen": (opname - aanmelding).days if opname else None,
                        "verblijfdagen": verblijf if vertrek else None,
                        "heropname_12m": heropname,
                    }
                )
    return rows


GI_MAATREGEL = (("VOORLOPIGE_OTS", 15), ("OTS", 45), ("OTS_UHP", 20), ("VOOGDIJ", 5),
                ("JEUGDRECLASSERING", 15))
RK_UITKOMST = (("VERZOEK_MAATREGEL", 40), ("VRIJWILLIGE_HULP", 30), ("GEEN_ZORGEN", 10),
               ("ADVIES_RECHTER", 15), ("OVERIG", 5))
RC_AFLOOP = (("AFGEROND", 60), ("TERUGGEMELD", 25), ("VOORTIJDIG", 15))


def _late_partner_rows(key: str, share: int, start: str, end: str, days: int,
                       fields: dict[str, tuple[tuple[str, int], ...]],
                       closing: tuple[str, ...]) -> list[dict[str, Any]]:
    """Records of one of the late partners (gecertificeerde instelling, Raad, reclassering):
    ``volume // share`` per gemeente and half-year, a start, an end up to ``days`` later (empty
    while still running on the peildatum) and coded fields; ``closing`` fields stay empty until
    the end."""
    rows: list[dict[str, Any]] = []
    for year, half in HALVES:
        for gemeente, volume in VOLUME.items():
            for _i in range(max(1, volume // share)):
                n = len(rows) + 1
                begin = _day(year, half, n, key)
                finish = begin + timedelta(days=10 + _h(n, key, "duur") % days)
                closed = finish <= PEILDATUM
                row: dict[str, Any] = {"delivery_id": f"{key}-1", "partner": key,
                                       "gemeente": gemeente, start: begin,
                                       end: finish if closed else None}
                for column, weights in fields.items():
                    row[column] = (_pick(weights, n, key, column)
                                   if closed or column not in closing else None)
                rows.append(row)
    return rows


def gi_rows() -> list[dict[str, Any]]:
    return _late_partner_rows("gi", 3, "datum_start", "datum_einde", 500,
                              {"soort_maatregel": GI_MAATREGEL}, ())


def rk_rows() -> list[dict[str, Any]]:
    return _late_partner_rows("rk", 4, "datum_start", "datum_uitkomst", 200,
                              {"uitkomst": RK_UITKOMST}, ("uitkomst",))


def rc_rows() -> list[dict[str, Any]]:
    return _late_partner_rows("rc", 6, "datum_start", "datum_einde", 400,
                              {"afloop": RC_AFLOOP}, ("afloop",))


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    columns = [c[0] for c in con.execute(f"DESCRIBE {table}").fetchall()]
    data = pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows])
    con.register("invoer", data)
    con.execute(f"INSERT INTO {table} SELECT {', '.join(columns)} FROM invoer")
    con.unregister("invoer")


def build_warehouse(path: Path | str = ":memory:") -> duckdb.DuckDBPyConnection:
    """Create the fixture warehouse (schema of the warehouse package + contract D tables)."""
    con = connect(path)
    con.execute(AFG_MELDING_DDL)
    con.execute(AFG_TRAJECT_DDL)
    con.execute(AFG_BETROKKENE_DDL)
    con.execute(AFG_MDA_DDL)
    con.execute(AFG_OPVANG_DDL)
    con.execute(LINK_DDL)
    con.execute("CREATE TABLE meta_peildatum (peildatum DATE)")
    con.execute("INSERT INTO meta_peildatum VALUES (?)", [PEILDATUM])
    con.execute("INSERT INTO link_samenvatting VALUES ('bsn_token', 5000, 4800, 200, 3100, 1900)")
    _insert(con, "afg_melding", melding_rows())
    _insert(con, "afg_traject", traject_rows())
    _insert(con, "afg_betrokkene", betrokkene_rows())
    _insert(con, "afg_mda", mda_rows())
    _insert(con, "afg_opvang", opvang_rows())
    _insert(con, "politie_incident", incident_rows())
    _insert(con, "gi_maatregel", gi_rows())
    _insert(con, "rk_onderzoek", rk_rows())
    _insert(con, "rc_traject", rc_rows())
    for i, (rt, partner, period) in enumerate(
        [("vt_bericht", "vt_haaglanden", "2019-H1"), ("politie_incident", "politie", "2019-H1")]
    ):
        con.execute(
            "INSERT INTO ledger VALUES (?, ?, ?, ?, ?, ?, '1.0', ?, 10, 10, 0, 'geladen', NULL, "
            "TIMESTAMP '2021-01-15 10:00:00')",
            [f"lev-{i}", partner, partner, rt, period, "ab" * 32, f"{rt}.parquet"],
        )
    return con
