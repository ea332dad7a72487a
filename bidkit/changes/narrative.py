"""Narrative sections compared word by word (difflib): per section and language, the words added and removed,
and for the funder's questions the word count against the limit before and after.

Words are the funder's form's words (runs of non-whitespace in the plain text, `evidence.text.count_words`), so
the counts here are the ones `bidkit status` shows; the limits are the funder profile's questions.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..evidence import Evidence
from ..evidence.text import plain_text
from ..i18n import N_

TOKENS = re.compile(r"\s+|\S+")


def tokens(text: str) -> list[str]:
    """Words and the spaces between them, so that joining them gives the text back exactly."""
    return TOKENS.findall(text)


def word_opcodes(old: str, new: str) -> list[tuple[str, str, str]]:
    """(tag, old text, new text) pieces, tag equal | insert | delete, word by word; joining the old pieces gives
    `old` and joining the new ones gives `new`. A replaced run of words is a deletion then an insertion."""
    a, b = tokens(old), tokens(new)
    found: list[tuple[str, str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            found.append(("equal", before, after))
        else:
            if before:
                found.append(("delete", before, ""))
            if after:
                found.append(("insert", "", after))
    return found


def words_changed(old: str, new: str) -> tuple[int, int]:
    """(words added, words removed) between two plain texts."""
    added = removed = 0
    for tag, before, after in word_opcodes(old, new):
        if tag == "insert":
            added += len(after.split())
        elif tag == "delete":
            removed += len(before.split())
    return added, removed


@dataclass
class SectionChange:
    section: str
    lang: str
    change: str                      # added | removed | changed
    file: str                        # in NEW; in OLD for a removed section
    added: int
    removed: int
    words: tuple[int | None, int | None] | None = None     # a funder answer: its words before and after
    bounds: tuple[int | None, int | None, int | None] | None = None    # its min words, max words, max characters

    @property
    def limit(self) -> str | None:
        """The answer's limit in English words (`50–500 words`), as --json gives it."""
        return limit_text(self.bounds)

    def as_dict(self) -> dict:
        found = {k: v for k, v in vars(self).items() if k not in ("words", "bounds")}
        found["limit"] = self.limit
        found["words"] = None if self.words is None else {"old": self.words[0], "new": self.words[1]}
        return found


def sections_of(ev: Evidence) -> dict[tuple[str, str], object]:
    """(language, section id) -> Narrative, in every language the project is written in (`narrative/*.md`,
    `narrative/cy/*.md`): a Welsh answer edited is a change as much as an English one."""
    by_language = ev.narratives or {ev.project.language: ev.narrative}
    return {(lang, sid): text for lang, texts in by_language.items() for sid, text in texts.items()}


def limit_text(bounds, reader=None) -> str | None:
    """A question's limit, (min words, max words, max characters), in the reader's language (None: English):
    `50–500 words`, `at most 300 words`."""
    if bounds is None:
        return None
    low, high, chars = bounds
    if high:
        template = N_("{low}–{high} words") if low else N_("at most {high} words")
    elif low:
        template = N_("at least {low} words")
    elif chars:
        template = N_("at most {chars} characters")
    else:
        return None
    return (reader._(template) if reader is not None else template).format(low=low, high=high, chars=chars)


def compare_narrative(old: Evidence, new: Evidence) -> list[SectionChange]:
    before, after = sections_of(old), sections_of(new)
    profile = new.profile or old.profile
    questions = {q.id: q for q in profile.questions} if profile is not None else {}
    found = []
    for key in [*after, *(k for k in before if k not in after)]:
        lang, sid = key
        if key in before and key in after and before[key].text == after[key].text:
            continue
        a = plain_text(before[key].text) if key in before else ""
        b = plain_text(after[key].text) if key in after else ""
        if key in before and key in after and a == b:
            continue
        change = "changed" if key in before and key in after else ("added" if key in after else "removed")
        added, removed = words_changed(a, b)
        change_of = SectionChange(sid, lang, change, (after.get(key) or before[key]).file, added, removed)
        if sid in questions:
            change_of.words = (len(a.split()) if key in before else None, len(b.split()) if key in after else None)
            q = questions[sid]
            change_of.bounds = (q.min_words, q.max_words, q.max_chars)
        found.append(change_of)
    return found
