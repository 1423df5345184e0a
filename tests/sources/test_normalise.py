# SPDX-License-Identifier: EUPL-1.2
"""Value normalisation: dates, decimals, booleans, labels, multi-valued cells, empty cells."""

from __future__ import annotations

import pyarrow as pa

from ketenmonitor.sources import FileMapping, output_fields
from ketenmonitor.sources.normalise import normalise_dates, to_delivery


def _spec(**extra: object) -> FileMapping:
    base: dict[str, object] = {
        "record_type": "lt_traject", "patroon": "*.csv",
        "kolommen": {"traject_id": "Nr", "gemeente": "Gem", "datum_aanmelding": "Aanmelding",
                     "verwijzer": "Via", "uren_inzet": "Uren", "sos_intake": "SoS"},
    }
    return FileMapping.model_validate({**base, **extra})


def test_dates_become_iso_and_invalid_dates_stay_as_written() -> None:
    values = pa.array(["01-02-2024", "1-2-2024", "31-02-2024", "2024-02-01", "gisteren", None,
                       "29-02-2024", "29-02-2023"])
    assert normalise_dates(values, "dd-mm-jjjj").to_pylist() == [
        "2024-02-01", "2024-02-01", "31-02-2024", "2024-02-01", "gisteren", None, "2024-02-29",
        "29-02-2023"]
    assert normalise_dates(pa.array(["2024/02/01"]), "jjjj/mm/dd").to_pylist() == ["2024-02-01"]
    assert normalise_dates(pa.array(["02.01.2024"]), "mm.dd.jjjj").to_pylist() == ["2024-02-01"]


def test_dates_repeated_and_missing_keep_their_rows() -> None:
    values = pa.array(["01-02-2024", None, "31-02-2024", "01-02-2024", "morgen", None])
    assert normalise_dates(values, "dd-mm-jjjj").to_pylist() == [
        "2024-02-01", None, "31-02-2024", "2024-02-01", "morgen", None]


def test_columns_are_renamed_trimmed_and_mapped() -> None:
    spec = _spec(waarden={"verwijzer": {"VT": "VEILIG_THUIS", "huisarts": "HUISARTS"},
                          "gemeente": {"0518": "GM0518"}})
    raw = pa.table({
        "Nr": ["T1", " T2 ", "T3"], "Gem": ["0518", "0503", ""], "Aanmelding": ["02-01-2024"] * 3,
        "Via": ["VT", "Huisarts", "onbekend"], "Uren": ["12,5", "3", ""], "SoS": ["4", "", "11"],
    })
    table = to_delivery(raw, spec)
    assert table.column_names == output_fields("lt_traject")
    rows = table.to_pylist()
    assert [r["traject_id"] for r in rows] == ["T1", "T2", "T3"]
    assert [r["gemeente"] for r in rows] == ["GM0518", "0503", None]  # unknown stays
    assert [r["verwijzer"] for r in rows] == ["VEILIG_THUIS", "HUISARTS", "onbekend"]
    assert [r["uren_inzet"] for r in rows] == ["12.5", "3", None]
    assert [r["sos_intake"] for r in rows] == ["4", None, "11"]  # range checks are ingest's job
    assert all(r["datum_einde"] is None for r in rows)  # not in the mapping: null column


def test_booleans_and_multi_valued_codes() -> None:
    spec = FileMapping.model_validate({
        "record_type": "vt_bericht", "patroon": "*.csv", "meerwaardescheidingsteken": "/",
        "kolommen": {"bericht_id": "id", "soort": "s", "datum_ontvangst": "d", "gemeente": "g",
                     "melder_organisatie": "o", "melder_rol": "r", "aard": "a",
                     "acute_onveiligheid": "acuut"},
        "waarden": {"aard": {"KM": "KINDERMISHANDELING", "PG": "PARTNERGEWELD"},
                    "acute_onveiligheid": {"Wel": "true", "Niet": "false"}},
    })
    n = 6
    raw = pa.table({
        "id": [str(i) for i in range(n)], "s": ["MELDING"] * n, "d": ["01-01-2024"] * n,
        "g": ["GM0518"] * n, "o": ["JV_POLITIE"] * n, "r": ["JUSTITIE_POLITIE"] * n,
        "a": ["KM / PG", "pg", "KM/", "XX/KM", "", None],
        "acuut": ["Ja", "nee", "J", "0", "Wel", "misschien"],
    })
    rows = to_delivery(raw, spec).to_pylist()
    assert [r["aard"] for r in rows] == ["KINDERMISHANDELING|PARTNERGEWELD", "PARTNERGEWELD",
                                         "KINDERMISHANDELING", "XX|KINDERMISHANDELING", None,
                                         None]
    assert [r["acute_onveiligheid"] for r in rows] == ["true", "false", "true", "false", "true",
                                                       "misschien"]


def test_betrokkene_has_raw_identity_instead_of_tokens_and_no_age_class() -> None:
    fields = output_fields("betrokkene")
    assert fields == ["bron_id", "volgnummer", "rol", "bsn", "voornamen", "tussenvoegsel",
                      "achternaam", "geboortedatum", "postcode", "huisnummer",
                      "huisnummer_toevoeging", "geslacht"]
