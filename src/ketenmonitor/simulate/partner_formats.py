# SPDX-License-Identifier: EUPL-1.2
"""How each simulated partner system writes its export: file names, headers, labels, conventions.

These layouts play the partners' own systems (a Veilig Thuis registration system, the police
BVH export, a local-team client system, an MDA++ spreadsheet, a shelter's client system). They
are deliberately different from each other and from the delivery format; the YAML mappings in
``sources/mappings`` describe them independently, and a test reads every simulated export back
through those mappings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExportFile:
    record_type: str
    name: str  # with {periode}
    columns: tuple[tuple[str, str], ...]  # (partner header, field)
    sheet: str | None = None


@dataclass(frozen=True)
class PartnerSystem:
    partner_type: str
    files: tuple[ExportFile, ...]
    labels: Mapping[str, Mapping[str, str]]  # field -> code -> partner label
    date_format: str = "%d-%m-%Y"
    bool_labels: tuple[str, str] = ("Ja", "Nee")
    multi_separator: str = ", "
    quoting: str = "none"  # pyarrow quoting style of the data rows
    bom: bool = False
    eol: str = "\n"
    gemeente_style: str = "code"  # 'code' (GM0518), 'nummer' (0518) or 'naam'
    gemeente_names: Mapping[str, str] = field(default_factory=dict)
    xlsx: bool = False


def _cols(*pairs: str) -> tuple[tuple[str, str], ...]:
    return tuple(zip(pairs[::2], pairs[1::2], strict=True))


VEILIG_THUIS = PartnerSystem(
    partner_type="veilig_thuis",
    quoting="needed",
    files=(
        ExportFile("vt_bericht", "VT_berichten_{periode}.csv", _cols(
            "Registratienummer", "bericht_id", "Soort bericht", "soort",
            "Datum ontvangst", "datum_ontvangst", "Woongemeente (CBS)", "gemeente",
            "Organisatie melder", "melder_organisatie", "Rol/functie melder", "melder_rol",
            "Aard geweld", "aard", "Aanvullende informatie", "aanvullende_informatie",
            "Duur geweld", "duur_geweld", "Casusnummer", "casus_id",
            "Datum veiligheidsbeoordeling", "datum_veiligheidsbeoordeling",
            "Uitkomst veiligheidsbeoordeling", "uitkomst_veiligheidsbeoordeling",
            "Acute onveiligheid", "acute_onveiligheid",
            "Structurele onveiligheid", "structurele_onveiligheid",
            "Start onderzoek", "datum_onderzoek_start", "Einde onderzoek", "datum_onderzoek_einde",
            "Uitkomst onderzoek", "uitkomst_onderzoek",
            "Overgedragen aan", "overdracht_organisatie",
            "Datum overdracht", "datum_overdracht", "Start monitoring", "datum_monitoring_start",
            "Einde monitoring", "datum_monitoring_einde", "Datum afsluiting", "datum_afsluiting")),
        ExportFile("betrokkene", "VT_betrokkenen_{periode}.csv", _cols(
            "Registratienummer", "bron_id", "Volgnummer", "volgnummer", "Rol", "rol",
            "BSN", "bsn", "Voornamen", "voornamen", "Tussenvoegsel", "tussenvoegsel",
            "Achternaam", "achternaam", "Geboortedatum", "geboortedatum", "Geslacht", "geslacht",
            "Postcode", "postcode", "Huisnummer", "huisnummer", "Toevoeging",
            "huisnummer_toevoeging")),
    ),
    labels={
        "soort": {"ADVIES": "Advies", "MELDING": "Melding"},
        "melder_organisatie": {
            "GEZONDHEIDSZORG": "Gezondheidszorg (huisarts, ziekenhuis)", "GGZ": "GGZ",
            "KINDEROPVANG": "Kinderopvang", "ONDERWIJS": "Onderwijs", "LEERPLICHT": "Leerplicht",
            "JEUGDZORG": "Jeugdzorg", "JV_POLITIE": "Politie", "JV_OM": "Openbaar Ministerie",
            "JV_RECLASSERING": "Reclassering", "JV_ANDERS": "Justitie overig",
            "VT_ANDERE_REGIO": "Veilig Thuis andere regio",
            "VT_REGIONAAL_MAATWERK": "VT regionaal maatwerk",
            "ANDERE_ORGANISATIE": "Andere organisatie", "NVT": "Burger / niet beroepsmatig",
            "ONBEKEND": "Onbekend"},
        "melder_rol": {
            "NIET_BEROEPSMATIG": "Niet beroepsmatig", "ONDERWIJS": "Leerkracht / onderwijs",
            "KINDEROPVANG": "Pedagogisch medewerker", "MEDISCH_VERPLEEGKUNDIGE": "Verpleegkundige",
            "MEDISCH_HUISARTS": "Huisarts", "MEDISCH_ANDERS": "Medisch overig",
            "PSYCHOLOGEN": "Psycholoog / orthopedagoog", "PARAMEDISCH": "Paramedicus",
            "JUSTITIE_POLITIE": "Politieagent", "JUSTITIE_OVJ": "Officier van justitie",
            "JUSTITIE_ANDERS": "Justitie overig", "BEROEPSMATIG_ANDERS": "Beroepsmatig overig",
            "ONBEKEND": "Onbekend"},
        "aard": {
            "KINDERMISHANDELING": "Kindermishandeling",
            "GEWELD_TEGEN_OUDERS": "Geweld tegen ouders",
            "PARTNERGEWELD": "Partnergeweld", "PARTNERGEWELD_EX": "Ex-partnergeweld",
            "OUDERENMISHANDELING": "Ouderenmishandeling", "HG_OVERIG": "Overig huiselijk geweld",
            "ANDERE_PROBLEMATIEK": "Andere problematiek", "GEEN_HG_KM": "Geen KM/HG",
            "ONBEKEND": "Onbekend"},
        "aanvullende_informatie": {
            "MENSENHANDEL": "Mensenhandel", "EERGERELATEERD": "Eergerelateerd geweld",
            "HUWELIJKSDWANG": "Huwelijksdwang", "ACHTERLATING": "Achterlating",
            "VGV": "Meisjesbesnijdenis"},
        "duur_geweld": {
            "MAX_1_WEEK": "Korter dan 1 week", "WEEK_TOT_MAAND": "1 week tot 1 maand",
            "MAAND_TOT_HALFJAAR": "1 tot 6 maanden", "HALFJAAR_TOT_JAAR": "6 maanden tot 1 jaar",
            "JAAR_TOT_5JAAR": "1 tot 5 jaar", "MEER_DAN_5JAAR": "Langer dan 5 jaar",
            "ONBEKEND": "Onbekend"},
        "uitkomst_veiligheidsbeoordeling": {
            "VERVOLG_VT": "Vervolgstappen VT", "OVERDRACHT": "Overdracht",
            "GEEN_VERVOLG": "Geen vervolgstappen", "REGIONAAL_MAATWERK": "Regionaal maatwerk",
            "NOG_NIET_BEOORDEELD": "Nog niet beoordeeld"},
        "uitkomst_onderzoek": {
            "BEVESTIGD": "Bevestigd", "NIET_BEVESTIGD": "Niet bevestigd", "WEERLEGD": "Weerlegd",
            "VOORTIJDIG_BEEINDIGD": "Voortijdig beëindigd"},
        "overdracht_organisatie": {
            "LOKAAL_TEAM": "Lokaal team", "JEUGDHULP": "Jeugdhulp",
            "GECERTIFICEERDE_INSTELLING": "Gecertificeerde instelling",
            "RAAD_KINDERBESCHERMING": "Raad voor de Kinderbescherming",
            "POLITIE_JUSTITIE": "Politie/justitie", "GGZ": "GGZ", "HUISARTS_ZORG": "Huisarts/zorg",
            "OPVANG": "Opvang", "VT_ANDERE_REGIO": "VT andere regio", "ANDERS": "Anders"},
        "rol": {"SLACHTOFFER": "Slachtoffer", "PLEGER": "Pleger", "KIND": "Kind",
                "OVERIG": "Overig"},
        "geslacht": {"M": "Man", "V": "Vrouw", "O": "Onbekend", "X": "Anders"},
    },
)

POLITIE = PartnerSystem(
    partner_type="politie",
    bool_labels=("J", "N"),
    gemeente_style="naam",
    gemeente_names={"GM0518": "Den Haag"},
    files=(
        ExportFile("politie_incident", "Politie_incidenten_{periode}.csv", _cols(
            "Incidentnummer", "incident_id", "Datum incident", "datum", "Pleeggemeente", "gemeente",
            "Huisverbod", "huisverbod", "Datum huisverbod", "datum_huisverbod",
            "Huisverbod verlengd", "huisverbod_verlengd", "Zorgmelding VT", "zorgmelding_vt")),
        ExportFile("betrokkene", "Politie_betrokkenen_{periode}.csv", _cols(
            "Incidentnummer", "bron_id", "Volgnr", "volgnummer", "Rol", "rol", "BSN", "bsn",
            "Voornamen", "voornamen", "Voorvoegsel", "tussenvoegsel", "Achternaam", "achternaam",
            "Geboortedatum", "geboortedatum", "Geslacht", "geslacht", "Postcode", "postcode",
            "Huisnr", "huisnummer", "Huisnr toev", "huisnummer_toevoeging")),
    ),
    labels={
        "rol": {"SLACHTOFFER": "Slachtoffer", "PLEGER": "Verdachte", "KIND": "Kind",
                "OVERIG": "Betrokkene"},
        "geslacht": {"M": "M", "V": "V", "O": "O", "X": "X"},
    },
)

LOKAAL_TEAM = PartnerSystem(
    partner_type="lokaal_team",
    bom=True,
    eol="\r\n",
    gemeente_style="nummer",
    files=(
        ExportFile("lt_traject", "LT_trajecten_{periode}.csv", _cols(
            "Trajectnummer", "traject_id", "Gemeentecode", "gemeente",
            "Aanmelddatum", "datum_aanmelding", "Startdatum hulp", "datum_start",
            "Einddatum", "datum_einde", "Verwezen door", "verwijzer",
            "Vaste contactpersoon", "contactpersoon", "SoS-score intake", "sos_intake",
            "SoS-score afsluiting", "sos_afsluiting", "Reden afsluiting", "reden_afsluiting",
            "Uren inzet", "uren_inzet")),
        ExportFile("betrokkene", "LT_betrokkenen_{periode}.csv", _cols(
            "Trajectnummer", "bron_id", "Volgnummer", "volgnummer", "Rol in gezin", "rol",
            "BSN", "bsn", "Voornamen", "voornamen", "Tussenvoegsel", "tussenvoegsel",
            "Achternaam", "achternaam", "Geb. datum", "geboortedatum", "Geslacht", "geslacht",
            "Postcode", "postcode", "Huisnummer", "huisnummer",
            "Huisnummertoevoeging", "huisnummer_toevoeging")),
    ),
    labels={
        "verwijzer": {"VEILIG_THUIS": "Veilig Thuis", "HUISARTS": "Huisarts", "ONDERWIJS": "School",
                      "POLITIE": "Politie", "ZELFMELDER": "Zelf / netwerk", "ANDERS": "Overig"},
        "reden_afsluiting": {"DOELEN_BEREIKT": "Doelen behaald", "OVERGEDRAGEN": "Overgedragen",
                             "UITVAL": "Uitval", "VERHUISD": "Verhuisd", "ANDERS": "Anders"},
        "rol": {"SLACHTOFFER": "Slachtoffer", "PLEGER": "Pleger", "KIND": "Kind",
                "OVERIG": "Gezinslid"},
        "geslacht": {"M": "man", "V": "vrouw", "O": "onbekend", "X": "anders"},
    },
)

MDA = PartnerSystem(
    partner_type="mda",
    xlsx=True,
    gemeente_style="naam",
    files=(
        ExportFile("mda_casus", "MDA_{periode}.xlsx", _cols(
            "Casusnummer", "mda_id", "Gemeente", "gemeente", "Datum aanmelding", "datum_aanmelding",
            "Datum start", "datum_start", "Datum einde", "datum_einde", "Uitkomst", "uitkomst"),
            sheet="Casussen"),
        ExportFile("betrokkene", "MDA_{periode}.xlsx", _cols(
            "Casusnummer", "bron_id", "Nr", "volgnummer", "Rol", "rol", "BSN", "bsn",
            "Voornamen", "voornamen", "Tussenvoegsel", "tussenvoegsel", "Achternaam", "achternaam",
            "Geboortedatum", "geboortedatum", "Geslacht", "geslacht", "Postcode", "postcode",
            "Huisnummer", "huisnummer", "Toevoeging", "huisnummer_toevoeging"),
            sheet="Betrokkenen"),
    ),
    labels={
        "uitkomst": {"VEILIGHEID_BEREIKT": "Stabiele veiligheid bereikt",
                     "OVERGEDRAGEN": "Overgedragen aan reguliere hulp",
                     "VOORTIJDIG_BEEINDIGD": "Voortijdig beëindigd"},
        "rol": {"SLACHTOFFER": "Slachtoffer", "PLEGER": "Pleger", "KIND": "Kind",
                "OVERIG": "Overig"},
        "geslacht": {"M": "M", "V": "V", "O": "O", "X": "X"},
    },
)

VROUWENOPVANG = PartnerSystem(
    partner_type="vrouwenopvang",
    date_format="%Y-%m-%d",
    quoting="all_valid",
    files=(
        ExportFile("vo_traject", "Opvang_trajecten_{periode}.csv", _cols(
            "Aanmeldnummer", "traject_id", "Gemeente van herkomst", "gemeente",
            "Datum aanmelding", "datum_aanmelding", "Soort hulp", "soort_hulp",
            "Opvangvorm", "opvangvorm", "Datum opname", "datum_opname",
            "Datum vertrek", "datum_vertrek", "Reden vertrek", "reden_vertrek",
            "Woonsituatie na vertrek", "bestemming_vertrek",
            "Start ambulante hulp", "datum_start_ambulant",
            "Einde ambulante hulp", "datum_einde_ambulant",
            "Aantal meegekomen kinderen", "aantal_kinderen")),
        ExportFile("betrokkene", "Opvang_clienten_{periode}.csv", _cols(
            "Aanmeldnummer", "bron_id", "Volgnummer", "volgnummer", "Rol", "rol", "BSN", "bsn",
            "Voornamen", "voornamen", "Tussenvoegsel", "tussenvoegsel",
            "Achternaam", "achternaam", "Geboortedatum", "geboortedatum", "Geslacht", "geslacht",
            "Postcode herkomst", "postcode", "Huisnummer herkomst", "huisnummer",
            "Toevoeging herkomst", "huisnummer_toevoeging")),
    ),
    labels={
        "soort_hulp": {"OPVANG": "Opvang", "AMBULANT": "Ambulant"},
        "opvangvorm": {"CRISISOPVANG": "Crisisopvang", "REGULIERE_OPVANG": "Regulier",
                       "SPECIALISTISCHE_OPVANG": "Specialistisch",
                       "BEGELEID_WONEN": "Begeleid wonen"},
        "reden_vertrek": {"DOELEN_BEREIKT": "Doelen bereikt", "OVERGEPLAATST": "Overgeplaatst",
                          "EIGEN_INITIATIEF": "Eigen initiatief", "UITGEPLAATST": "Uitgeplaatst",
                          "OVERIG": "Anders"},
        "bestemming_vertrek": {"ZELFSTANDIG": "Eigen woning", "FAMILIE_VRIENDEN": "Familie/vrienden",
                               "TERUG_NAAR_PARTNER": "Terug naar partner",
                               "ANDERE_OPVANG": "Andere opvang", "ONBEKEND": "Onbekend"},
        "rol": {"SLACHTOFFER": "Cliënt", "PLEGER": "Pleger", "KIND": "Kind",
                "OVERIG": "Overig"},
        "geslacht": {"M": "man", "V": "vrouw", "O": "onbekend", "X": "anders"},
    },
)



def _keten_betrokkenen(name: str, id_header: str) -> ExportFile:
    """The persons file of the Raad, the gecertificeerde instelling and the reclassering."""
    return ExportFile("betrokkene", name, _cols(
        id_header, "bron_id", "Volgnummer", "volgnummer", "Rol", "rol", "BSN", "bsn",
        "Voornamen", "voornamen", "Voorvoegsels", "tussenvoegsel", "Geslachtsnaam", "achternaam",
        "Geboortedatum", "geboortedatum", "Geslacht", "geslacht", "Postcode", "postcode",
        "Huisnummer", "huisnummer", "Huisletter/toevoeging", "huisnummer_toevoeging"))


_KETEN_LABELS: dict[str, Mapping[str, str]] = {
    "rol": {"SLACHTOFFER": "Slachtoffer", "PLEGER": "Pleger", "KIND": "Jeugdige",
            "OVERIG": "Ouder/overig"},
    "geslacht": {"M": "M", "V": "V", "O": "O", "X": "X"},
}

RAAD = PartnerSystem(
    partner_type="raad_kinderbescherming",
    files=(
        ExportFile("rk_onderzoek", "RvdK_onderzoeken_{periode}.csv", _cols(
            "Onderzoeksnummer", "onderzoek_id", "Gemeente", "gemeente",
            "Soort onderzoek", "soort_onderzoek", "Startdatum", "datum_start",
            "Datum uitkomst", "datum_uitkomst", "Uitkomst", "uitkomst")),
        _keten_betrokkenen("RvdK_betrokkenen_{periode}.csv", "Onderzoeksnummer"),
    ),
    labels={"soort_onderzoek": {"BESCHERMING": "Bescherming", "GEZAG_OMGANG": "Gezag en omgang",
                                "STRAF": "Straf"},
            "uitkomst": {"VERZOEK_MAATREGEL": "Verzoek maatregel",
                         "VRIJWILLIGE_HULP": "Vrijwillige hulp", "GEEN_ZORGEN": "Geen zorgen",
                         "ADVIES_RECHTER": "Advies rechter", "OVERIG": "Overig"},
            **_KETEN_LABELS},
)

JEUGDBESCHERMING = PartnerSystem(
    partner_type="jeugdbescherming",
    files=(
        ExportFile("gi_maatregel", "GI_maatregelen_{periode}.csv", _cols(
            "Maatregelnummer", "maatregel_id", "Gemeente", "gemeente",
            "Maatregel", "soort_maatregel", "Ingangsdatum", "datum_start",
            "Einddatum", "datum_einde", "Reden einde", "reden_einde")),
        _keten_betrokkenen("GI_betrokkenen_{periode}.csv", "Maatregelnummer"),
    ),
    labels={"soort_maatregel": {"VOORLOPIGE_OTS": "Voorlopige OTS", "OTS": "OTS",
                                "OTS_UHP": "OTS met uithuisplaatsing", "VOOGDIJ": "Voogdij",
                                "JEUGDRECLASSERING": "Jeugdreclassering"},
            "reden_einde": {"DOEL_BEREIKT": "Doel bereikt", "NIET_VERLENGD": "Niet verlengd",
                            "OMGEZET": "Omgezet", "MEERDERJARIG": "Meerderjarig",
                            "OVERIG": "Overig"},
            **_KETEN_LABELS},
)

RECLASSERING = PartnerSystem(
    partner_type="reclassering",
    files=(
        ExportFile("rc_traject", "RN_trajecten_{periode}.csv", _cols(
            "Trajectnummer", "traject_id", "Gemeente", "gemeente", "Soort", "soort",
            "Kader", "kader", "Startdatum", "datum_start", "Einddatum", "datum_einde",
            "Afloop", "afloop")),
        _keten_betrokkenen("RN_betrokkenen_{periode}.csv", "Trajectnummer"),
    ),
    labels={"soort": {"TOEZICHT": "Toezicht", "INTERVENTIE": "Gedragsinterventie"},
            "kader": {"SCHORSING": "Schorsing voorlopige hechtenis",
                      "VOORWAARDELIJKE_STRAF": "Voorwaardelijke straf",
                      "VOORWAARDELIJKE_INVRIJHEIDSTELLING": "Voorwaardelijke invrijheidstelling",
                      "OVERIG": "Overig"},
            "afloop": {"AFGEROND": "Afgerond", "TERUGGEMELD": "Teruggemeld",
                       "VOORTIJDIG": "Voortijdig beeindigd"},
            **_KETEN_LABELS},
)

SYSTEMS = {s.partner_type: s for s in (VEILIG_THUIS, POLITIE, LOKAAL_TEAM, MDA, VROUWENOPVANG,
                                       RAAD, JEUGDBESCHERMING, RECLASSERING)}
