# SPDX-License-Identifier: EUPL-1.2
"""The 'Begrippen' of the report and the factsheets: jargon explained once, linked where used.

Answers and factsheets are written for a raadslid (B1 Dutch). Words that cannot be avoided
(hermelding, overdracht, marge) link to one explanation at the end instead of being explained in
every sentence (issue 15). :func:`link_terms` escapes a text and links the first use of each term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from ketenmonitor.core.i18n import _

ANCHOR_PREFIX = "begrip-"


@dataclass(frozen=True)
class Term:
    key: str
    term: str
    uitleg: str
    forms: tuple[str, ...] = ()  # other spellings that link to the same term (plurals)

    @property
    def anchor(self) -> str:
        return ANCHOR_PREFIX + self.key


TERMS: tuple[Term, ...] = (
    Term("advies", _("Advies"), _("Iemand vraagt Veilig Thuis om raad over een situatie. Veilig "
                                  "Thuis neemt de zorg dan niet over."), ("adviezen",)),
    Term("melding", _("Melding"), _("Iemand meldt een situatie bij Veilig Thuis. Veilig Thuis "
                                    "neemt dan de verantwoordelijkheid over om te kijken wat "
                                    "nodig is."), ("meldingen",)),
    Term("melder", _("Melder"), _("De persoon of organisatie die het advies of de melding doet, "
                                  "bijvoorbeeld politie, school of huisarts."), ("melders",)),
    Term("hermelding", _("Hermelding"), _("Een nieuwe melding over iemand die Veilig Thuis al "
                                          "eerder kende (zoals het CBS dit telt)."),
         ("hermeldingen",)),
    Term("vervolgmelding", _("Vervolgmelding"), _("Een melding over een gezin waarmee Veilig "
                                                  "Thuis op dat moment al bezig is."),
         ("vervolgmeldingen",)),
    Term("eerder-signaal", _("Eerder signaal"), _("Een eerder contact over hetzelfde gezin bij "
                                                  "een andere ketenpartner, zoals politie of "
                                                  "lokaal team, in de 12 maanden voor de "
                                                  "melding."), ("eerdere signalen",)),
    Term("eerdere-betrokkenheid", _("Eerdere betrokkenheid"), _(
        "Of Veilig Thuis de betrokkenen al kende: eerste melding, hermelding of "
        "vervolgmelding.")),
    Term("overdracht", _("Overdracht"), _("Veilig Thuis geeft de zorg door aan een andere "
                                          "organisatie, meestal het lokale team van de "
                                          "gemeente."), ("overdrachten",)),
    Term("lokaal-team", _("Lokaal team"), _("Het team van de gemeente dat gezinnen hulp geeft, "
                                            "zoals het wijkteam."), ("lokale team", "lokale teams")),
    Term("ketenpartner", _("Ketenpartner"), _("Een organisatie die samenwerkt in de aanpak van "
                                              "huiselijk geweld: Veilig Thuis, politie, lokale "
                                              "teams, MDA++."), ("ketenpartners",)),
    Term("huisverbod", _("Huisverbod"), _("De burgemeester verbiedt iemand 10 dagen lang zijn "
                                          "huis in te gaan, om geweld te stoppen."),
         ("huisverboden",)),
    Term("signs-of-safety", _("Signs of Safety"), _("Een werkwijze waarin gezin en hulpverlener "
                                                    "samen met een cijfer aangeven hoe veilig "
                                                    "het gezin is.")),
    Term("marge", _("Marge"), _(
        "Het gebied waarin het echte cijfer vrijwel zeker ligt (het 95%-betrouwbaarheidsinterval). "
        "Overlappen de marges van twee cijfers, dan kan het verschil toeval zijn."),
         ("marges", "95%-interval")),
    Term("voorlopig", _("Voorlopig cijfer"), _("Een cijfer dat nog kan veranderen, omdat nog "
                                               "niet alles is aangeleverd. Het staat met een *."),
         ("voorlopig",)),
    Term("geheim", _("Geheim"), _("Een cijfer dat niet getoond wordt (x), omdat het over zo "
                                  "weinig mensen gaat dat zij herkenbaar zouden zijn.")),
    Term("peildatum", _("Peildatum"), _("De datum waarop de gegevens zijn vastgelegd. Wat later "
                                        "binnenkomt, telt in deze cijfers niet mee.")),
    Term("regiovisie", _("Regiovisie"), _("Het plan van de gemeenten in de regio voor de aanpak "
                                          "van huiselijk geweld en kindermishandeling, met de "
                                          "vragen die deze monitor beantwoordt.")),
)


def terms_in(texts: Iterable[str]) -> list[Term]:
    """The terms that occur in ``texts``, in glossary order (for a short list on a factsheet)."""
    joined = " ".join(texts)
    return [t for t in TERMS if _pattern(t).search(joined)]


def _pattern(term: Term) -> re.Pattern[str]:
    forms = sorted({term.term, *term.forms}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])",
                      re.IGNORECASE)


def link_terms(text: str, linked: set[str] | None = None) -> Markup:
    """``text`` escaped, with the first use of each glossary term linked to its explanation.

    ``linked`` holds the keys already linked in the same block and is updated, so a term links
    once per block, not in every sentence.
    """
    done = linked if linked is not None else set()
    spans: list[tuple[int, int, Term]] = []
    for term in TERMS:
        if term.key in done:
            continue
        match = _pattern(term).search(text)
        if match is None or any(s < match.end() and match.start() < e for s, e, _t in spans):
            continue
        spans.append((match.start(), match.end(), term))
        done.add(term.key)
    spans.sort(key=lambda s: s[0])
    parts: list[str] = []
    position = 0
    for start, end, term in spans:
        parts.append(str(escape(text[position:start])))
        parts.append(f'<a class="begrip" href="#{term.anchor}">{escape(text[start:end])}</a>')
        position = end
    parts.append(str(escape(text[position:])))
    return Markup("".join(parts))
