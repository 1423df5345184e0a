# SPDX-License-Identifier: EUPL-1.2
"""Normalising Dutch names, so that the ways partners write one person give one token.

Partners write 'van den Berg', 'Berg, van den', 'vd Berg' or 'Van Den Berg' with the tussenvoegsel
in its own column or glued to the surname; married women appear as 'Jansen-de Vries', 'Jansen - de
Vries', 'Jansen de Vries' or just 'de Vries'; the police often record initials ('J.P.') instead of
given names. The rules:

* letters are lower-cased and stripped of accents ('Çelik' -> 'celik', 'ĳ' -> 'ij'); what is not a
  letter is dropped;
* a surname keeps everything before a comma ('Berg, van den' -> 'Berg'); tussenvoegsel words
  (:data:`TUSSENVOEGSEL_WORDS`) are removed in any position, and one between two other words splits
  a double name ('Jansen de Vries' -> 'jansen' / 'vries'); '-' always splits a double name;
* the given name is the first word of the given names ('Gerrit Jan' -> 'gerrit'); a first word of
  one letter, or of at most three letters followed by a dot ('J.P.', 'Th.'), is an initial: the
  given name is then unknown and only the initial is kept;
* the full given names (schema 1.4) are all given names with spaces, dots and hyphens removed
  ('Gerrit-Jan', 'Gerrit Jan' and 'Gerritjan' -> 'gerritjan'), so a name split or joined by a
  typist agrees; unknown when only initials are known;
* the name words (schema 1.4, input of the name-set Bloom filter) are every given name and both
  surname parts, separated by one space, in no particular field: 'Jan Peter' 'de Vries' and 'Vries'
  'Jan Peter' give the same set.

Each distinct value is normalised once and spread back over the rows (dictionary encoding). The
letters-only forms (full given names, name words) are computed by pyarrow for distinct values that
are plain ASCII, with exactly the rules above; only the other distinct values go through Python.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ketenmonitor.pseudonymise.phonetic import dutch_phonetic_column

# Single words of Dutch (and common foreign) tussenvoegsels, with the abbreviations in use:
# 'van der', 'van den', 'van de', 'van 't', 'van het', 'in 't', 'in het', 'op de', 'uit de', 'de',
# 'den', 'der', 'des', 'ter', 'ten', 'te', "'t", 'het', 'la', 'le', 'du', 'da', 'von', 'vd', 'v.d.'.
TUSSENVOEGSEL_WORDS = frozenset({
    "van", "de", "den", "der", "des", "ter", "ten", "te", "t", "het", "in", "op", "uit", "aan",
    "la", "le", "du", "da", "von", "vd", "vdr", "vden", "v", "d",
})
_SPECIAL = str.maketrans({
    "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
    "’": "'", "‘": "'", "`": "'", "´": "'",
})
_NOT_LETTER = re.compile(r"[^a-z]+")
_WORD = re.compile(r"[a-z']+")
_DOUBLE = re.compile(r"\s*-+\s*")
_INITIAL = re.compile(r"^[a-z]{1,3}\.")
_SEPARATOR = "\x1f"
_FIRST_WORD = r"^[\s.\-]*(?P<w>[^\s.\-]+)(?P<dot>\.?)"
# What Python's ``\s`` matches in ASCII (RE2's ``\s`` lacks \v and \x1c-\x1f), for the pyarrow
# forms of :func:`letters` and :func:`given_words`.
_ASCII_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "
_ASCII_SEPARATORS = f"[{_ASCII_SPACE}.-]+"
_SHORT_WORDS = " (?:[a-z]? )*"  # in ' w1 w2 … ': a space plus the words of at most one letter after it
# ASCII given names where given_name_parts of the whole value and of first_given_name's first word
# may differ (whitespace RE2 does not know, a leading dot or hyphen): these go through Python.
_FIRST_WORD_UNSURE = "[\x0b\x1c-\x1f]|^[\t\n\x0c\r ]*[.-]"


def fold(text: str) -> str:
    """Lower case without accents: 'Ömer Çelik' -> 'omer celik' (other characters kept)."""
    lowered = text.lower().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def letters(text: str) -> str:
    """Only the letters a-z of the folded text."""
    return _NOT_LETTER.sub("", fold(text))


def surname_parts(tussenvoegsel: str | None, achternaam: str | None) -> tuple[str | None, str | None]:
    """The surname cores: ('van der', 'Berg') -> ('berg', None); 'Jansen-de Vries' -> ('jansen', 'vries').

    The tussenvoegsel column only matters when it holds more than tussenvoegsels (then it is read
    as the start of the surname). Only the first two parts of a longer name are kept.
    """
    surname = (achternaam or "").split(",", 1)[0]
    text = fold(f"{tussenvoegsel or ''} {surname}").replace(".", " ").replace("/", " ")
    parts: list[str] = []
    for segment in _DOUBLE.split(text):
        current: list[str] = []
        for word in (w.replace("'", "") for w in _WORD.findall(segment)):
            if not word:
                continue
            if word in TUSSENVOEGSEL_WORDS:
                if current:
                    parts.append("".join(current))
                    current = []
            else:
                current.append(word)
        if current:
            parts.append("".join(current))
    if not parts:  # the whole name is tussenvoegsel-like, e.g. the Vietnamese surname 'Le'
        fallback = _NOT_LETTER.sub("", text)
        return (fallback or None), None
    return parts[0], (parts[1] if len(parts) > 1 else None)


def given_name_parts(voornamen: str | None) -> tuple[str | None, str | None]:
    """(first given name, initial): 'Gerrit Jan' -> ('gerrit', 'g'); 'J.P.' -> (None, 'j')."""
    text = fold(voornamen or "").strip()
    words = [w for w in re.split(r"[\s.\-]+", text) if w]
    if not words:
        return None, None
    first = _NOT_LETTER.sub("", words[0])
    if not first:
        return None, None
    if len(first) == 1 or _INITIAL.match(text):
        return None, first[0]
    return first, first[0]


def full_given_names(voornamen: str | None) -> str | None:
    """All given names joined, letters only: 'Gerrit-Jan' -> 'gerritjan'; None for initials."""
    first, _initial = given_name_parts(voornamen)
    if first is None:
        return None
    return letters(voornamen or "") or None


def given_words(voornamen: str | None) -> str:
    """The given names as words of at least two letters, space-separated ('' when none)."""
    return " ".join(w for w in (_NOT_LETTER.sub("", p)
                                for p in re.split(r"[\s.\-]+", fold(voornamen or "")))
                    if len(w) > 1)


def name_words(voornamen: str | None, core: str | None, second: str | None) -> str | None:
    """Given names (words as written, letters only) and surname parts, space-separated."""
    given = given_words(voornamen)
    words = [*([given] if given else []), *(p for p in (core, second) if p)]
    return " ".join(words) or None


@dataclass(frozen=True)
class NameColumns:
    """Normalised name columns (pyarrow strings, null where unknown) and counts."""

    voornaam: Any
    initiaal: Any
    achternaam: Any
    achternaam2: Any
    fonetisch: Any
    initials_only: int  # rows with initials but no given name
    distinct: int  # distinct inputs normalised
    voornamen: Any = None  # all given names joined (schema 1.4)
    woorden: Any = None  # name words for the name-set Bloom filter (schema 1.4)


def _strings(column: Any) -> Any:
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    return pc.cast(column, pa.string())


def map_distinct(column: Any, func: Callable[[str], Sequence[str | None]], width: int
                 ) -> tuple[list[Any], int]:
    """Apply ``func`` once per distinct non-null value; ``width`` result columns, null for null."""
    encoded = pc.dictionary_encode(_strings(column))
    results = [func(value) for value in encoded.dictionary.to_pylist()]
    columns = []
    for position in range(width):
        dictionary = pa.array([r[position] for r in results], pa.string())
        columns.append(pc.take(dictionary, encoded.indices))
    return columns, len(results)


def _null_if_empty(strings: Any) -> Any:
    return pc.if_else(pc.equal(pc.binary_length(strings), 0), pa.scalar(None, pa.string()), strings)


def _ascii_letters(strings: Any) -> Any:
    """:func:`letters` for ASCII strings (null when no letter is left)."""
    return _null_if_empty(pc.replace_substring_regex(pc.ascii_lower(strings), _NOT_LETTER.pattern, ""))


def _ascii_given_words(strings: Any) -> Any:
    """:func:`given_words` for ASCII strings."""
    words = pc.replace_substring_regex(pc.ascii_lower(strings), _ASCII_SEPARATORS, " ")
    words = pc.replace_substring_regex(words, "[^a-z ]+", "")
    padded = pc.binary_join_element_wise(" ", words, " ", "")
    return pc.utf8_trim(pc.replace_substring_regex(padded, _SHORT_WORDS, " "), " ")


def ascii_or_python(values: Any, vectorised: Callable[[Any], Any],
                    scalar: Callable[[str], str | None], python: Any = None) -> Any:
    """A string result per value of ``values`` (distinct, no nulls): ``vectorised`` (pyarrow),
    replaced by ``scalar`` (Python, the definition) where the text is not ASCII or where the mask
    ``python`` is true. Both must give the same result on the other values."""
    result = vectorised(values)
    other = pc.invert(pc.string_is_ascii(values))
    if python is not None:
        other = pc.or_(other, python)
    if pc.any(other).as_py():
        replacements = [scalar(v) for v in pc.filter(values, other).to_pylist()]
        result = pc.replace_with_mask(result, other, pa.array(replacements, pa.string()))
    return result


def first_given_name(voornamen: Any) -> Any:
    """The first word of the given names with a dot right after it, if any ('Joh. Petrus' ->
    'Joh.'); enough for :func:`given_name_parts` and far fewer distinct values than the whole."""
    parts = pc.extract_regex(_strings(voornamen), _FIRST_WORD)
    return pc.binary_join_element_wise(pc.struct_field(parts, "w"), pc.struct_field(parts, "dot"),
                                       "")


def only_particles(tussenvoegsel: str) -> bool:
    """Whether :func:`surname_parts` finds nothing but tussenvoegsel words in this text."""
    text = fold(tussenvoegsel).replace(".", " ").replace("/", " ")
    return all(word in TUSSENVOEGSEL_WORDS
               for segment in _DOUBLE.split(text)
               for word in (w.replace("'", "") for w in _WORD.findall(segment)) if word)


def _surnames(tussenvoegsel: Any, achternaam: Any) -> tuple[list[Any], int]:
    """(core, second part, phonetic code of the core) and the number of distinct written forms.

    A surname of ASCII letters only that is not itself a tussenvoegsel word, with a tussenvoegsel
    column of tussenvoegsel words only (or empty), is its own core in lower case, without second
    part: that is :func:`surname_parts` on it, done by pyarrow. The others go through Python once
    per distinct (tussenvoegsel, surname); the phonetic code is made by pyarrow per distinct
    core.
    """
    name = _strings(achternaam)
    prefix = pc.fill_null(_strings(tussenvoegsel), "")
    joined = pc.binary_join_element_wise(prefix, name, _SEPARATOR)
    prefixes = pc.dictionary_encode(prefix)
    # (a separator in the tussenvoegsel keeps the way the joined value is split below)
    particles = pa.array([_SEPARATOR not in v and only_particles(v)
                          for v in prefixes.dictionary.to_pylist()], pa.bool_())
    lowered = pc.ascii_lower(name)
    simple = pc.fill_null(pc.and_(
        pc.and_(pc.match_substring_regex(name, "^[A-Za-z]+$"),
                pc.invert(pc.is_in(lowered, value_set=pa.array(sorted(TUSSENVOEGSEL_WORDS))))),
        pc.take(particles, prefixes.indices)), False)
    null = pa.scalar(None, pa.string())

    def parts(value: str) -> tuple[str | None, str | None]:
        tv, _sep, written = value.partition(_SEPARATOR)
        return surname_parts(tv, written)

    (core, second), _count = map_distinct(pc.if_else(simple, null, joined), parts, 2)
    core = pc.if_else(simple, lowered, core)
    second = pc.if_else(simple, null, second)
    cores = pc.dictionary_encode(core)
    phonetic = pc.take(_null_if_empty(dutch_phonetic_column(cores.dictionary)), cores.indices)
    return [core, second, phonetic], int(pc.count_distinct(joined).as_py())


def _given_name_columns(words: Any) -> tuple[list[Any], int]:
    """:func:`given_name_parts` of first words (with their dot) per distinct value, by pyarrow
    for ASCII words: letters of the word; an initial when one letter is left or the word is
    at most three letters and a dot. Also the number of distinct words."""
    encoded = pc.dictionary_encode(words)
    distinct = encoded.dictionary
    lowered = pc.ascii_lower(distinct)
    letters_only = pc.replace_substring_regex(lowered, _NOT_LETTER.pattern, "")
    initial = _null_if_empty(pc.utf8_slice_codeunits(letters_only, 0, 1))
    is_initial = pc.or_(pc.equal(pc.binary_length(letters_only), 1),
                        pc.match_substring_regex(lowered, _INITIAL.pattern))
    first = pc.if_else(is_initial, pa.scalar(None, pa.string()), _null_if_empty(letters_only))
    python = pc.match_substring_regex(distinct, "[\x0b\x1c-\x1f]")  # whitespace to Python only
    first = ascii_or_python(distinct, lambda _d: first, lambda v: given_name_parts(v)[0], python)
    initial = ascii_or_python(distinct, lambda _d: initial, lambda v: given_name_parts(v)[1],
                              python)
    return [pc.take(first, encoded.indices), pc.take(initial, encoded.indices)], len(distinct)


def normalise_names(voornamen: Any, tussenvoegsel: Any, achternaam: Any) -> NameColumns:
    """The name forms that are tokenised, for whole columns at once."""
    written = pc.dictionary_encode(_strings(voornamen))
    distinct = written.dictionary
    (first, initial), given_distinct = _given_name_columns(first_given_name(distinct))
    null = pa.scalar(None, pa.string())
    full = ascii_or_python(  # full_given_names per distinct value
        distinct, lambda d: pc.if_else(pc.is_valid(first), _ascii_letters(d), null),
        full_given_names, python=pc.match_substring_regex(distinct, _FIRST_WORD_UNSURE))
    given = ascii_or_python(distinct, _ascii_given_words, given_words)
    voornaam, initiaal, full, given = (pc.take(c, written.indices)
                                       for c in (first, initial, full, given))
    (core, second, phonetic), surname_distinct = _surnames(tussenvoegsel, achternaam)
    # name_words: given words and surname parts (letters only, never empty), one space between
    joined = pc.binary_join_element_wise(
        pc.fill_null(given, ""), pc.fill_null(core, ""), pc.fill_null(second, ""), " ")
    name_set = _null_if_empty(pc.utf8_trim(pc.replace_substring_regex(joined, "  +", " "), " "))
    initials_only = int(pc.sum(pc.and_(pc.is_null(voornaam), pc.is_valid(initiaal))).as_py() or 0)
    return NameColumns(voornaam=voornaam, initiaal=initiaal, achternaam=core, achternaam2=second,
                       fonetisch=phonetic, initials_only=initials_only,
                       distinct=given_distinct + surname_distinct + len(distinct),
                       voornamen=full, woorden=name_set)
