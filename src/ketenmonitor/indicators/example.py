# SPDX-License-Identifier: EUPL-1.2
"""The worked example of ``docs/indicatoren.md``: a complete catalogue file for a new indicator.

Kept as text here (not in ``catalogue/``, so it is not computed) and loaded by a test exactly as
a catalogue file, so the example in the documentation always validates and compiles.
"""

from __future__ import annotations

EXAMPLE_ID = "adviezen_van_huisartsen"

EXAMPLE_YAML = """\
id: adviezen_van_huisartsen
volgorde: 250
titel: Adviezen van huisartsen
definitie: >-
  Het aandeel van de adviesvragen bij Veilig Thuis dat van een huisarts komt. Huisartsen zien
  signalen vaak vroeg; een groeiend aandeel laat zien dat zij Veilig Thuis om advies vragen.
formule: 100 × adviezen van huisartsen ÷ alle adviezen
eenheid: percentage
teller:
  omschrijving: Adviezen van huisartsen
  bron: afg_melding
  filters:
    - {kolom: soort, operator: gelijk, waarde: ADVIES}
    - {kolom: melder_rol, operator: gelijk, waarde: MEDISCH_HUISARTS}
noemer:
  omschrijving: Alle adviezen
  bron: afg_melding
  filters:
    - {kolom: soort, operator: gelijk, waarde: ADVIES}
datumkolom: datum_ontvangst
dimensies:
  - naam: aard
    titel: Aard van het geweld
    kolom: aard
    codelijst: aard
    meervoudig: true
noemer_bij_dimensie: categorie
bronnen: [vt_bericht]
cbs_opmerking: >-
  Vergelijkbaar met "Rol/functie: medisch: huisarts" bij gestarte adviezen in CBS 84848NED.
richting: hoger_is_beter
thema: Eerder signaleren en bespreken
"""
