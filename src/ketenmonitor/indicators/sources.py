# SPDX-License-Identifier: EUPL-1.2
"""The tables an indicator may read, with their columns, so a catalogue entry is checked on load.

Derived tables (``afg_melding``, ``afg_traject``, ``afg_betrokkene``, ``afg_mda``, and
``afg_opvang`` of ``derive.opvang``) follow contract D of the derive stage; record tables come
from the delivery schema. Knowing every column and its kind lets the loader refuse a misspelt
column or a filter that does not fit the column (``waar`` on a date) with a Dutch message, and
lets the compiler quote identifiers without any free SQL in the catalogue.
"""

from __future__ import annotations

from enum import StrEnum

from ketenmonitor.delivery.schema import RECORD_TYPES, FieldType


class Soort(StrEnum):
    TEKST = "tekst"
    DATUM = "datum"
    BOOLEAN = "boolean"
    GETAL = "getal"
    LIJST = "lijst"


_FIELD_KIND: dict[FieldType, Soort] = {
    FieldType.TEXT: Soort.TEKST,
    FieldType.DATE: Soort.DATUM,
    FieldType.BOOL: Soort.BOOLEAN,
    FieldType.INT: Soort.GETAL,
    FieldType.DECIMAL: Soort.GETAL,
    FieldType.CODE: Soort.TEKST,
    FieldType.CODES: Soort.LIJST,
    FieldType.GEMEENTE: Soort.TEKST,
}

T, D, B, G, L = Soort.TEKST, Soort.DATUM, Soort.BOOLEAN, Soort.GETAL, Soort.LIJST

AFG_MELDING: dict[str, Soort] = {
    "bericht_id": T,
    "soort": T,
    "datum_ontvangst": D,
    "gemeente": T,
    "melder_organisatie": T,
    "melder_groep": T,
    "melder_rol": T,
    "aard": L,
    "duur_geweld": T,
    "casus_id": T,
    "eerdere_betrokkenheid": T,
    "eerdere_betrokkenheid_groep": T,
    "eerste_melding_persoon": B,
    "eerder_signaal_12m": B,
    "opent_casus": B,
    "vb_datum": D,
    "vb_werkdagen": G,
    "vb_binnen_5_werkdagen": B,
    "overdracht_organisatie": T,
    "datum_overdracht": D,
    "hulp_gestart": B,
    "dagen_tot_hulp": G,
    "gevolgd_12m": B,
    "gevolgd_18m": B,
    "datum_afsluiting": D,
    "nieuwe_melding_12m_na_afsluiting": B,
    "aanvullende_informatie": L,
    "uitkomst_veiligheidsbeoordeling": T,
    "acute_onveiligheid": B,
    "structurele_onveiligheid": B,
    "onderzoek_start": D,
    "onderzoek_einde": D,
    "onderzoek_dagen": G,
    "onderzoek_binnen_10_weken": B,
    "uitkomst_onderzoek": T,
    "monitoring_start": D,
    "eerder_signaal_bij": L,
    "kind_betrokken": B,
    "aantal_direct_betrokkenen": G,
}

AFG_TRAJECT: dict[str, Soort] = {
    "traject_id": T,
    "gemeente": T,
    "datum_aanmelding": D,
    "datum_start": D,
    "datum_einde": D,
    "sos_intake": G,
    "sos_afsluiting": G,
    "sos_verschil": G,
    "via_vt": B,
    "reden_afsluiting": T,
    "wachtdagen": G,
    "uren_inzet": G,
    "verwijzer": T,
}

AFG_BETROKKENE: dict[str, Soort] = {
    "soort": T,
    "datum_ontvangst": D,
    "gemeente": T,
    "rol": T,
    "direct_betrokken": B,
    "geslacht": T,
    "leeftijdsklasse": T,
    "aard": L,
}

AFG_MDA: dict[str, Soort] = {
    "gemeente": T,
    "datum_aanmelding": D,
    "datum_start": D,
    "datum_einde": D,
    "uitkomst": T,
    "wachtdagen": G,
    "doorlooptijd_dagen": G,
    "na_vt_melding": B,
}

AFG_OPVANG: dict[str, Soort] = {  # derive.opvang, ADR 0026
    "traject_id": T,
    "gemeente": T,
    "datum_aanmelding": D,
    "soort_hulp": T,
    "opvangvorm": T,
    "datum_opname": D,
    "datum_vertrek": D,
    "reden_vertrek": T,
    "bestemming_vertrek": T,
    "datum_start_ambulant": D,
    "datum_einde_ambulant": D,
    "aantal_kinderen": G,
    "wachtdagen": G,
    "verblijfdagen": G,
    "heropname_12m": B,
}


def _record_table(name: str) -> dict[str, Soort]:
    columns = {"delivery_id": T, "partner": T}
    for field in RECORD_TYPES[name].fields:
        if field.type is FieldType.TOKEN:
            continue  # tokens are never counted on or filtered by in an indicator
        columns[field.name] = _FIELD_KIND[field.type]
    return columns


SOURCE_TABLES: dict[str, dict[str, Soort]] = {
    "afg_melding": AFG_MELDING,
    "afg_traject": AFG_TRAJECT,
    "afg_betrokkene": AFG_BETROKKENE,
    "afg_mda": AFG_MDA,
    "afg_opvang": AFG_OPVANG,
    "politie_incident": _record_table("politie_incident"),
    "lt_traject": _record_table("lt_traject"),
    "mda_casus": _record_table("mda_casus"),
    "gi_maatregel": _record_table("gi_maatregel"),
    "rk_onderzoek": _record_table("rk_onderzoek"),
    "rc_traject": _record_table("rc_traject"),
}
