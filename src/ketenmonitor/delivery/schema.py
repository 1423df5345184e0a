# SPDX-License-Identifier: EUPL-1.2
"""The delivery format (schema version 1.1): the contract between partners and the monitor.

A *delivery* is one Parquet file of one record type from one partner for one period, plus a
manifest. Attribute columns are strings in normalised form (ISO dates ``jjjj-mm-dd``, booleans
``true``/``false``, multi-valued codes joined with ``|``) so that ingest, not the partner's
tool, decides per row whether a value is valid and quarantines it with a reason. Identifiers only
appear as 32-byte HMAC tokens (``token`` fields).

Version 1.1 added the quasi-identifier tokens of ``betrokkene`` (names, date of birth forms,
postcode, house number) and the optional Bloom-filter encoding of the surname; version 1.2 the
optional field-level Bloom filters of given name, surname, date of birth and postcode (ADR 0002),
replacing the surname filter salted with the birth year; version 1.3 the name-pair token (given
name and surname sorted, so exchanged names agree; issue 16); version 1.4 the full given names,
the pairs of date-of-birth parts, the PC4 token and the name-set Bloom filter (issue 16); each
field records
the version that introduced it (``since``), so a 1.0 delivery is read as the 1.1 schema with the
newer columns empty. ``docs/aanleverformaat.md`` documents this module; a test keeps both in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

SCHEMA_VERSION = "1.4"
SCHEMA_VERSIONS = ("1.0", "1.1", "1.2", "1.3", "1.4")  # every version ingest accepts, oldest first
MULTI_SEPARATOR = "|"
TOKEN_BYTES = 32
BLOOM_BITS = 512
BLOOM_BYTES = BLOOM_BITS // 8


def version_key(version: str) -> tuple[int, ...]:
    """'1.10' sorts after '1.9'."""
    return tuple(int(part) for part in version.split("."))


class FieldType(StrEnum):
    TEXT = "text"
    DATE = "date"
    BOOL = "bool"
    INT = "int"
    DECIMAL = "decimal"  # normalised with a decimal point ("12.5"); partners may use commas
    CODE = "code"  # one value of a code list
    CODES = "codes"  # several values of a code list, joined with "|"
    GEMEENTE = "gemeente"  # CBS gemeentecode valid on the record's reference date
    TOKEN = "token"  # HMAC-SHA256 token, 32 bytes
    BLOOM = "bloom"  # hardened Bloom filter, BLOOM_BYTES bytes


class PartnerType(StrEnum):
    VEILIG_THUIS = "veilig_thuis"
    POLITIE = "politie"
    LOKAAL_TEAM = "lokaal_team"
    MDA = "mda"


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    required: bool = False
    code_list: str | None = None
    description: str = ""
    minimum: int | None = None
    maximum: int | None = None
    since: str = "1.0"  # schema version that introduced the field


@dataclass(frozen=True)
class RecordType:
    name: str
    description: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    reference_date: str | None = None  # field used for "date in the future" and gemeente validity

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def fields_in(self, version: str) -> tuple[Field, ...]:
        """The fields a delivery of schema ``version`` carries (newer fields left out)."""
        return tuple(f for f in self.fields if version_key(f.since) <= version_key(version))

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


def _f(name: str, type_: FieldType, required: bool = False, code_list: str | None = None,
       description: str = "", minimum: int | None = None, maximum: int | None = None) -> Field:
    return Field(name, type_, required, code_list, description, minimum, maximum)


def _v11(name: str, type_: FieldType, description: str) -> Field:
    return Field(name, type_, False, None, description, since="1.1")


def _v12(name: str, type_: FieldType, description: str) -> Field:
    return Field(name, type_, False, None, description, since="1.2")


def _v13(name: str, type_: FieldType, description: str) -> Field:
    return Field(name, type_, False, None, description, since="1.3")


def _v14(name: str, type_: FieldType, description: str) -> Field:
    return Field(name, type_, False, None, description, since="1.4")


T, D, B, INT, C, CS, G, TK = (FieldType.TEXT, FieldType.DATE, FieldType.BOOL, FieldType.INT,
                            FieldType.CODE, FieldType.CODES, FieldType.GEMEENTE, FieldType.TOKEN)
DEC = FieldType.DECIMAL

VT_BERICHT = RecordType(
    name="vt_bericht",
    description="Advies of melding bij Veilig Thuis, met de afhandeling ervan.",
    key=("bericht_id",),
    reference_date="datum_ontvangst",
    fields=(
        _f("bericht_id", T, True, description="Nummer van het advies of de melding bij VT"),
        _f("soort", C, True, "soort_bericht", "Advies of melding"),
        _f("datum_ontvangst", D, True, description="Datum waarop VT het bericht ontving"),
        _f("gemeente", G, True, description="Woongemeente van het gezin (CBS-code)"),
        _f("melder_organisatie", C, True, "melder_organisatie", "Organisatie van de melder"),
        _f("melder_rol", C, True, "melder_rol", "Rol/functie van de melder"),
        _f("aard", CS, True, "aard", "Aard van het geweld (meerdere mogelijk)"),
        _f("aanvullende_informatie", CS, False, "aanvullende_informatie", "Aanvullende informatie"),
        _f("duur_geweld", C, False, "duur_geweld", "Duur van het geweld volgens de melder"),
        _f("casus_id", T, False, description="Casusnummer bij VT (meldingen)"),
        _f("datum_veiligheidsbeoordeling", D, description="Datum afronding veiligheidsbeoordeling"),
        _f("uitkomst_veiligheidsbeoordeling", C, False, "uitkomst_veiligheidsbeoordeling"),
        _f("acute_onveiligheid", B, description="Veiligheidstaxatie: acute onveiligheid"),
        _f("structurele_onveiligheid", B, description="Veiligheidstaxatie: structurele onveiligheid"),
        _f("datum_onderzoek_start", D, description="Start onderzoek"),
        _f("datum_onderzoek_einde", D, description="Einde onderzoek"),
        _f("uitkomst_onderzoek", C, False, "uitkomst_onderzoek"),
        _f("overdracht_organisatie", C, False, "overdracht_organisatie", "Organisatie van overdracht"),
        _f("datum_overdracht", D, description="Datum van overdracht"),
        _f("datum_monitoring_start", D, description="Start monitoring door VT"),
        _f("datum_monitoring_einde", D, description="Einde monitoring door VT"),
        _f("datum_afsluiting", D, description="Datum waarop VT de casus afsloot"),
    ),
)

POLITIE_INCIDENT = RecordType(
    name="politie_incident",
    description="Incident huiselijk geweld bij de politie, met huisverbod en zorgmelding.",
    key=("incident_id",),
    reference_date="datum",
    fields=(
        _f("incident_id", T, True, description="Registratienummer van het incident"),
        _f("datum", D, True, description="Datum van het incident"),
        _f("gemeente", G, True, description="Gemeente van het incident (CBS-code)"),
        _f("huisverbod", B, True, description="Huisverbod opgelegd door de burgemeester"),
        _f("datum_huisverbod", D, description="Datum van het huisverbod"),
        _f("huisverbod_verlengd", B, description="Huisverbod verlengd tot 28 dagen"),
        _f("zorgmelding_vt", B, True, description="Zorgmelding aan Veilig Thuis gedaan"),
    ),
)

LT_TRAJECT = RecordType(
    name="lt_traject",
    description="Traject van het lokale team (wijkteam, jeugdteam) bij een huishouden.",
    key=("traject_id",),
    reference_date="datum_aanmelding",
    fields=(
        _f("traject_id", T, True, description="Trajectnummer bij het lokale team"),
        _f("gemeente", G, True, description="Gemeente van het lokale team"),
        _f("datum_aanmelding", D, True, description="Datum van aanmelding"),
        _f("datum_start", D, description="Start van de hulp"),
        _f("datum_einde", D, description="Einde van het traject"),
        _f("verwijzer", C, True, "verwijzer", "Wie verwees"),
        _f("contactpersoon", T, description="Code van de vaste contactpersoon (medewerker)"),
        _f("sos_intake", INT, description="Signs of Safety-score bij intake (0-10)", minimum=0, maximum=10),
        _f("sos_afsluiting", INT, description="Signs of Safety-score bij afsluiting (0-10)",
           minimum=0, maximum=10),
        _f("reden_afsluiting", C, False, "reden_afsluiting", "Reden van afsluiting"),
        _f("uren_inzet", DEC, description="Aantal uren inzet (decimaal)", minimum=0),
    ),
)

MDA_CASUS = RecordType(
    name="mda_casus",
    description="Casus in de MDA++-aanpak voor ernstige, structurele onveiligheid.",
    key=("mda_id",),
    reference_date="datum_aanmelding",
    fields=(
        _f("mda_id", T, True, description="Casusnummer MDA++"),
        _f("gemeente", G, True, description="Woongemeente van het gezin"),
        _f("datum_aanmelding", D, True, description="Datum van aanmelding"),
        _f("datum_start", D, description="Start van de MDA++-aanpak"),
        _f("datum_einde", D, description="Einde van de MDA++-aanpak"),
        _f("uitkomst", C, False, "mda_uitkomst", "Uitkomst bij afsluiting"),
    ),
)

BETROKKENE = RecordType(
    name="betrokkene",
    description="Persoon die bij een bericht, incident, traject of casus betrokken is (alleen tokens).",
    key=("bron_id", "volgnummer"),
    fields=(
        _f("bron_id", T, True, description="Nummer van het bericht/incident/traject/casus"),
        _f("volgnummer", INT, True, description="Volgnummer van de betrokkene binnen de bron", minimum=1),
        _f("rol", C, True, "rol_betrokkene", "Rol van de betrokkene"),
        _f("bsn_token", TK, description="Token van het BSN (leeg als het BSN ontbreekt)"),
        _f("adres_token", TK, description="Token van postcode + huisnummer"),
        _f("geslacht", C, False, "geslacht", "Geslacht"),
        _f("leeftijdsklasse", C, False, "leeftijdsklasse", "Leeftijdsklasse op de datum van de bron"),
        _v11("voornaam_token", TK, "Token van de eerste voornaam (kleine letters, zonder accenten, "
             "alleen letters); leeg als alleen voorletters bekend zijn"),
        _v11("initiaal_token", TK, "Token van de eerste letter van de eerste voornaam"),
        _v11("achternaam_token", TK, "Token van de achternaam zonder tussenvoegsels ('van der Berg' "
             "wordt 'berg'); bij een dubbele of gehuwde naam het eerste deel"),
        _v11("achternaam2_token", TK, "Token van het tweede deel van een dubbele of gehuwde naam "
             "('Jansen-de Vries' geeft 'vries'), onder dezelfde sleutel als achternaam_token"),
        _v11("achternaam_fonetisch_token", TK, "Token van de fonetische code van de achternaam"),
        _v11("geboortedatum_token", TK, "Token van de volledige geboortedatum (jjjj-mm-dd)"),
        _v11("geboortejaar_token", TK, "Token van het geboortejaar"),
        _v11("geboortedatum_wissel_token", TK, "Token van geboortejaar met dag en maand op "
             "volgorde, gelijk bij verwisselde dag en maand"),
        _v11("postcode_token", TK, "Token van de postcode (1234AB)"),
        _v11("huisnummer_token", TK, "Token van huisnummer met toevoeging"),
        _v11("naam_bloom", FieldType.BLOOM, "Vervallen sinds 1.2 (blijft leeg; de koppeling "
             "gebruikt achternaam_bloom): Bloomfilter van de achternaam, gezouten met het "
             "geboortejaar"),
        _v12("voornaam_bloom", FieldType.BLOOM, "Versterkt Bloomfilter (512 bits) van de "
             "lettercombinaties van de eerste voornaam; alleen gevuld met 'pseudonymise --bloom'"),
        _v12("achternaam_bloom", FieldType.BLOOM, "Versterkt Bloomfilter (512 bits) van de "
             "lettercombinaties van de achternaam zonder tussenvoegsels; alleen met --bloom"),
        _v12("geboortedatum_bloom", FieldType.BLOOM, "Versterkt Bloomfilter (512 bits) van de "
             "cijfers van de geboortedatum op hun plaats; alleen met --bloom"),
        _v12("postcode_bloom", FieldType.BLOOM, "Versterkt Bloomfilter (512 bits) van de tekens "
             "van de postcode op hun plaats en op volgorde; alleen met --bloom"),
        _v13("naampaar_token", TK, "Token van eerste voornaam en achternaam (zonder "
             "tussenvoegsels) op alfabetische volgorde, onder de gedeelde naamsleutel: gelijk als "
             "voornaam en achternaam verwisseld zijn"),
        _v14("voornamen_token", TK, "Token van alle voornamen aaneen, zonder spaties, punten en "
             "koppeltekens ('Gerrit-Jan' en 'Gerrit Jan' geven 'gerritjan'); leeg als alleen "
             "voorletters bekend zijn"),
        _v14("geboortejaarmaand_token", TK, "Token van jaar en maand van de geboortedatum"),
        _v14("geboortemaanddag_token", TK, "Token van maand en dag van de geboortedatum"),
        _v14("geboortejaardag_token", TK, "Token van jaar en dag van de geboortedatum"),
        _v14("postcode4_token", TK, "Token van de vier cijfers van de postcode (PC4)"),
        _v14("voornaam_gedeeld_token", TK, "Token van de eerste voornaam onder de gedeelde "
             "naamsleutel: vergelijkbaar met achternaam_gedeeld_token"),
        _v14("achternaam_gedeeld_token", TK, "Token van de achternaam zonder tussenvoegsels onder "
             "de gedeelde naamsleutel: gelijk als een voornaam als achternaam is geschreven"),
        _v14("namen_bloom", FieldType.BLOOM, "Versterkt Bloomfilter (512 bits) van de "
             "lettercombinaties van alle voornamen en achternaamdelen samen, onder de gedeelde "
             "naamsleutel: gelijk bij verwisselde voornaam en achternaam; alleen met --bloom"),
    ),
)

RECORD_TYPES: dict[str, RecordType] = {
    rt.name: rt for rt in (VT_BERICHT, POLITIE_INCIDENT, LT_TRAJECT, MDA_CASUS, BETROKKENE)
}

EVENT_RECORD_TYPE: dict[PartnerType, RecordType] = {
    PartnerType.VEILIG_THUIS: VT_BERICHT,
    PartnerType.POLITIE: POLITIE_INCIDENT,
    PartnerType.LOKAAL_TEAM: LT_TRAJECT,
    PartnerType.MDA: MDA_CASUS,
}

MANIFEST_FIELDS = (
    "delivery_id",
    "partner",
    "partner_type",
    "record_type",
    "period",
    "row_count",
    "schema_version",
    "checksum",
    "created_at",
    "key_id",
    "software_version",
    "rekeyed",  # since 1.1: tokens re-keyed by a trusted third party (ketenmonitor rekey)
)
MANIFEST_FIELDS_SINCE: dict[str, str] = {"rekeyed": "1.1"}


def manifest_fields(version: str) -> tuple[str, ...]:
    """The manifest fields of schema ``version``, in the order they are written."""
    return tuple(name for name in MANIFEST_FIELDS
                 if version_key(MANIFEST_FIELDS_SINCE.get(name, "1.0")) <= version_key(version))
