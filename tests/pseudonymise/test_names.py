# SPDX-License-Identifier: EUPL-1.2
"""Dutch name normalisation: the ways partners write one name give one normalised form."""

from __future__ import annotations

import pyarrow as pa
import pytest

from ketenmonitor.pseudonymise.names import (
    fold,
    full_given_names,
    given_name_parts,
    name_words,
    normalise_names,
    surname_parts,
)


@pytest.mark.parametrize(
    ("tussenvoegsel", "achternaam", "expected"),
    [
        ("van den", "Berg", ("berg", None)),
        (None, "van den Berg", ("berg", None)),
        (None, "Berg, van den", ("berg", None)),
        ("vd", "Berg", ("berg", None)),
        (None, "vd Berg", ("berg", None)),
        ("v.d.", "Berg", ("berg", None)),
        ("V/D", "Berg", ("berg", None)),
        ("Van Der", "BERG", ("berg", None)),
        (None, "Berg van den", ("berg", None)),
        ("", "Berg", ("berg", None)),
        (None, "Jansen-de Vries", ("jansen", "vries")),
        (None, "Jansen - de Vries", ("jansen", "vries")),
        (None, "Jansen de Vries", ("jansen", "vries")),
        ("de", "Vries", ("vries", None)),
        ("van", "Dijk-de Boer", ("dijk", "boer")),
        (None, "in 't Veld", ("veld", None)),
        ("in ’t", "Veld", ("veld", None)),
        ("ter", "Horst", ("horst", None)),
        ("op de", "Beek", ("beek", None)),
        (None, "von Bülow", ("bulow", None)),
        (None, "Çelik", ("celik", None)),
        (None, "Ĳzerman", ("ijzerman", None)),
        (None, "El Amrani", ("elamrani", None)),
        (None, "d'Agostino", ("dagostino", None)),
        (None, "Le", ("le", None)),  # only a tussenvoegsel-like word: kept as the name
        (None, "", (None, None)),
        (None, None, (None, None)),
        (None, "123", (None, None)),
    ],
)
def test_surname_parts(tussenvoegsel: str | None, achternaam: str | None,
                       expected: tuple[str | None, str | None]) -> None:
    assert surname_parts(tussenvoegsel, achternaam) == expected


@pytest.mark.parametrize(
    ("voornamen", "expected"),
    [
        ("Gerrit Jan", ("gerrit", "g")),
        ("Émile", ("emile", "e")),
        ("  annelies ", ("annelies", "a")),
        ("Anne-Marie", ("anne", "a")),
        ("J.P.", (None, "j")),
        ("J. P.", (None, "j")),
        ("J", (None, "j")),
        ("Th.J.", (None, "t")),
        ("Joh. Petrus", (None, "j")),
        ("Mohammed", ("mohammed", "m")),
        ("", (None, None)),
        (None, (None, None)),
        ("...", (None, None)),
    ],
)
def test_given_name_parts(voornamen: str | None, expected: tuple[str | None, str | None]) -> None:
    assert given_name_parts(voornamen) == expected


def test_column_form_agrees_with_the_single_value_rules() -> None:
    written = ["Gerrit Jan", "Émile", "  annelies ", "Anne-Marie", "J.P.", "J. P.", "J", "Th.J.",
               "Joh. Petrus", "Mohammed", "", None, "..."]
    names = normalise_names(pa.array(written), pa.nulls(len(written), pa.string()),
                            pa.array(["Berg"] * len(written)))
    expected = [given_name_parts(v) for v in written]
    assert list(zip(names.voornaam.to_pylist(), names.initiaal.to_pylist(), strict=True)) == expected


def test_fold_strips_accents_and_lowers() -> None:
    assert fold("Ömer Çelik-Øster Straße") == "omer celik-oster strasse"


def test_normalise_names_on_columns_keeps_rows_and_counts_initials() -> None:
    names = normalise_names(
        pa.array(["Gerrit Jan", "J.P.", None, "Gerrit"]),
        pa.array(["van der", None, None, "vd"]),
        pa.chunked_array([["Berg", "Jansen-de Vries"], [None, "Berg"]]),
    )
    assert names.voornaam.to_pylist() == ["gerrit", None, None, "gerrit"]
    assert names.initiaal.to_pylist() == ["g", "j", None, "g"]
    assert names.achternaam.to_pylist() == ["berg", "jansen", None, "berg"]
    assert names.achternaam2.to_pylist() == [None, "vries", None, None]
    assert names.fonetisch.to_pylist() == ["BRG", "JNSN", None, "BRG"]
    assert names.initials_only == 1


# Written given names that test the pyarrow forms of full_given_names and name_words against the
# single-value rules: ASCII (done by pyarrow), other text (done in Python), whitespace that RE2
# does not know (\v, \x1c-\x1f), leading dots and hyphens, one-letter words, digits, quotes.
AWKWARD_GIVEN_NAMES = [
    "Gerrit Jan", "Gerrit-Jan", "Gerritjan", "J.P.", "J. P. Jansen", "Th.J.", "Joh. Petrus",
    ".Th. Jan", "-Anne Marie", " .Jan", "Jan\x0bPiet", "\x0bJ.P.", "Jo\x1fAnne", "A B Cd",
    "a  b", "Jan 2e", "O'Brien", "d`Arc", "Ömer", "Émile-Zoë", "Jan\xa0Piet", "İbrahim", "Straße",
    "x", "...", "", " ", "-", "Jan\tPiet\nKees", "AB.CD", "ab1 c2d", None,
]


def test_full_given_names_and_name_words_on_columns_agree_with_the_single_value_rules() -> None:
    count = len(AWKWARD_GIVEN_NAMES)
    surnames = (["de Vries", "Jansen-de Vries", None, "Le"] * count)[:count]
    names = normalise_names(pa.array(AWKWARD_GIVEN_NAMES, pa.string()), pa.nulls(count, pa.string()),
                            pa.array(surnames, pa.string()))
    assert names.voornamen.to_pylist() == [full_given_names(v) for v in AWKWARD_GIVEN_NAMES]
    core, second = names.achternaam.to_pylist(), names.achternaam2.to_pylist()
    assert names.woorden.to_pylist() == [name_words(v, c, s) for v, c, s in
                                         zip(AWKWARD_GIVEN_NAMES, core, second, strict=True)]
    assert names.woorden.to_pylist()[:2] == ["gerrit jan vries", "gerrit jan jansen vries"]


@pytest.mark.parametrize(
    ("tussenvoegsel", "achternaam"),
    [(None, "Berg"), ("van der", "BERG"), ("v.d.", "Berg"), ("", "Le"), ("van", "de"),
     ("de", "Vries-Jansen"), ("ter", "Smit"), ("Jan", "Berg"), ("van-", "Berg"), (None, "O'Brien"),
     ("'t", "Hart"), ("von", "Çelik"), (None, None), ("van", None), ("x", "Y")],
)
def test_surname_columns_agree_with_the_single_value_rules(tussenvoegsel: str | None,
                                                          achternaam: str | None) -> None:
    names = normalise_names(pa.array(["Jan"]), pa.array([tussenvoegsel], pa.string()),
                            pa.array([achternaam], pa.string()))
    core, second = surname_parts(tussenvoegsel, achternaam) if achternaam else (None, None)
    assert (names.achternaam.to_pylist(), names.achternaam2.to_pylist()) == ([core], [second])
