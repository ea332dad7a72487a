"""Names in the order a reader of the document's language expects: Welsh counts ch, dd, ff, ng, ll, ph, rh and
th as letters of their own (`Llanelli` after `Lyon`, `Chwarae` after `Cymru`).

A small key function rather than PyICU: ICU's cy collation gives the same order for the digraphs, but PyICU is a
compiled library with a system ICU to match, and 40 lines of plain Python sort a partner list of any real size in
milliseconds, once per name thanks to the cache. Measured against PyICU's `cy` collator (benchmarks/bench_collation.py,
RESULTS.md): the same order on every name tried; ICU sorts faster but costs a compiled dependency for a
list of tens of names. Like ICU's tailoring, this reads a digraph greedily, so the rare `n`+`g` across a
syllable (`Bangor`) sorts as `ng`: a dictionary would be needed to tell them apart.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

WELSH = ["a", "b", "c", "ch", "d", "dd", "e", "f", "ff", "g", "ng", "h", "i", "j", "k", "l", "ll", "m", "n", "o",
         "p", "ph", "q", "r", "rh", "s", "t", "th", "u", "v", "w", "x", "y", "z"]
RANK = {letter: i for i, letter in enumerate(WELSH)}
DIGRAPHS = {letter for letter in WELSH if len(letter) == 2}


def base(text: str) -> str:
    """Accents aside (ŵ is w, â is a), case folded: the primary level of a comparison."""
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))


def welsh_letters(text: str) -> tuple:
    """`llongau` -> (ll, o, ng, a, u) as ranks; anything that is not a letter sorts before `a` by its code point."""
    folded = base(text)
    out, i = [], 0
    while i < len(folded):
        pair = folded[i:i + 2]
        if pair in DIGRAPHS:
            out.append((1, RANK[pair]))
            i += 2
            continue
        char = folded[i]
        out.append((1, RANK[char]) if char in RANK else (0, ord(char)))
        i += 1
    return tuple(out)


def accents(text: str) -> tuple:
    """The secondary level: each letter's accents (none sorts first: `wyn` before `ŵyn`)."""
    marks = []
    for c in unicodedata.normalize("NFD", text.casefold()):
        if unicodedata.combining(c) and marks:
            marks[-1] += c
        else:
            marks.append("")
    return tuple(marks)


@lru_cache(maxsize=8192)
def sort_key(text: str, lang: str = "en") -> tuple:
    """A key for `sorted`: Welsh letters for `cy`; otherwise case and accents folded. Names equal in their
    letters are ordered as ICU orders them, by their accents and then lower case first (`aber` before `Aber`);
    the text itself breaks the last tie, so the order never depends on the order the evidence came in."""
    primary = welsh_letters(text) if lang == "cy" else base(text)
    return primary, accents(text), tuple(c.isupper() for c in text), text
