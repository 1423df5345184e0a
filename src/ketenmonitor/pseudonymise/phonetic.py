# SPDX-License-Identifier: EUPL-1.2
"""A phonetic code for Dutch surnames, so that spelling variants share one token.

Soundex and (Double) Metaphone are built for English and miss the Dutch variants that matter
here: Meijer/Meyer/Mijer/Meier, Janssen/Jansen, Smit/Smid, de Vries/Fries, Visser/Visscher,
Bosch/Bos, Hendriks/Hendrikx/Hendricks, de Bruijn/de Bruin/de Bruyn, Bouwman/Bauman. The code is
built from a normalised surname core (letters a-z only, see :mod:`~ketenmonitor.pseudonymise.names`)
in four steps:

1. **Sounds** (:data:`RULES`, applied in this order, each on what the previous left): the
   diphthongs 'ei'/'ij'/'eij'/'ey'/'y' -> ``Y``, 'ui'/'uij'/'uy' -> ``UI``, 'au'/'ou' (with a
   following 'w') -> ``AU``; 'sch' -> ``SG`` at the start and ``S`` elsewhere (Bosch, Visscher);
   'ch'/'gh'/'g' -> ``G``; 'ph'/'v'/'f' -> ``F``; 'th'/'dt'/'t' and a final 'd' -> ``T`` (final
   devoicing: Smid = Smit); a final 'b' -> ``P``; 'ck'/'c' (not before e/i)/'k'/'q' -> ``K``
   ('qu' -> ``KW``); 'c' before e/i -> ``S``; 'x' -> ``KS``; 'z'/'s' -> ``S``. Other consonants
   become their capital. 'w' stays ``W``: it is not a spelling variant of v/f in surnames.
2. **Vowels**: the plain vowels a, e, i, o, u and an 'h' that is not the first letter are
   dropped, except as the first letter of the name (then kept as the capital).
3. **Doubles**: runs of one symbol collapse ('JNSSN' -> 'JNSN').

Examples: jansen, janssen -> ``JNSN``; meijer, meyer, mijer, meier -> ``MYR``; smit, smid ->
``SMT``; vries, fries -> ``FRS``; visser, visscher -> ``FSR``; bruijn, bruin, bruyn -> ``BRUIN``.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

RULES: tuple[tuple[str, str], ...] = (
    (r"uij|uy|ui", "UI"),
    (r"eij|ij|ei|ey|y", "Y"),
    (r"auw|ouw|au|ou", "AU"),
    (r"^sch", "SG"),
    (r"sch", "S"),
    (r"chr", "KR"),
    (r"ch|gh|g", "G"),
    (r"ph|v|f", "F"),
    (r"th|dt|d$|t", "T"),
    (r"b$", "P"),
    (r"qu", "KW"),
    (r"ck|c(?![ei])|k|q", "K"),
    (r"c", "S"),
    (r"x", "KS"),
    (r"z|s", "S"),
)
_COMPILED = tuple((re.compile(pattern), replacement) for pattern, replacement in RULES)
_CONSONANT = re.compile(r"[bdjlmnprw]")
_DROPPED = re.compile(r"[aeiouh]")
_RUNS = re.compile(r"(.)\1+")


def dutch_phonetic(core: str) -> str:
    """The phonetic code of a normalised surname core (letters a-z); '' for an empty core."""
    if not core:
        return ""
    code = core
    for pattern, replacement in _COMPILED:
        code = pattern.sub(replacement, code)
    code = _CONSONANT.sub(lambda m: m.group(0).upper(), code)
    code = code[0].upper() + _DROPPED.sub("", code[1:])
    return _RUNS.sub(r"\1", code)


# RULES for RE2 (pyarrow), which has no look-ahead: 'ck'/'k'/'q' -> K first, then a 'c' before
# e/i -> S (what the rule 'c' -> S would do), then every other 'c' -> K: the same as RULES.
_COLUMN_RULES: tuple[tuple[str, str], ...] = (
    *RULES[:11],
    (r"ck|k|q", "K"),
    (r"c([ei])", r"S\1"),
    (r"c", "K"),
    *RULES[13:],
)


def dutch_phonetic_column(cores: Any) -> Any:
    """:func:`dutch_phonetic` for a pyarrow column of surname cores (letters a-z; null stays
    null), by pyarrow string kernels."""
    code = cores
    for pattern, replacement in _COLUMN_RULES:
        code = pc.replace_substring_regex(code, pattern, replacement)
    first = pc.utf8_upper(pc.utf8_slice_codeunits(code, 0, 1))
    rest = pc.utf8_upper(pc.replace_substring_regex(pc.utf8_slice_codeunits(code, 1),
                                                    _DROPPED.pattern, ""))
    return _collapse_runs(pc.cast(pc.binary_join_element_wise(first, rest, ""), pa.string()))


def _collapse_runs(codes: Any) -> Any:
    """Runs of one symbol collapse ('JNSSN' -> 'JNSN') in ASCII strings: a byte equal to the byte
    before it in the same string is dropped (numpy on the Arrow buffers; RE2 has no
    back-references)."""
    if isinstance(codes, pa.ChunkedArray):
        codes = codes.combine_chunks()
    if len(codes) == 0:
        return codes
    offsets = np.frombuffer(codes.buffers()[1], dtype=np.int32)[codes.offset:codes.offset
                                                                 + len(codes) + 1]
    data_buffer = codes.buffers()[2]
    data = (np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None
            else np.zeros(0, np.uint8))[offsets[0]:offsets[-1]]
    keep = np.ones(len(data), dtype=bool)
    keep[1:] = data[1:] != data[:-1]
    starts = (offsets[:-1] - offsets[0])[offsets[:-1] < offsets[1:]]
    keep[starts] = True  # the first symbol of each string stays
    kept = np.concatenate([[0], np.cumsum(keep, dtype=np.int64)])
    new_offsets = kept[offsets - offsets[0]].astype(np.int32)
    validity = pc.is_valid(codes).buffers()[1] if codes.null_count else None
    return pa.StringArray.from_buffers(
        len(codes), pa.py_buffer(new_offsets.tobytes()), pa.py_buffer(data[keep].tobytes()),
        validity, codes.null_count)
