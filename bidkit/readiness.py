"""How ready the proposal is: each funder question's words against its limits, the counts, the warnings."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from .evidence import Evidence
from .evidence.text import count_chars, count_words
from .figures import compute


@dataclass
class Answer:
    id: str
    title: str
    words: int | None          # None: no answer yet
    min_words: int | None
    max_words: int | None
    max_chars: int | None
    chars: int | None
    state: str                 # missing | under | over | ok


def answers(ev: Evidence, lang: str | None = None) -> tuple[str | None, list[Answer]]:
    """Each funder question's answer in one language (default the main one), counted against the same limits in
    every language, with the question's title in that language."""
    profile = ev.profile
    if profile is None:
        return None, []
    lang = lang or ev.project.language
    texts = ev.narrative_in(lang)
    found = []
    for q in profile.questions:
        text = texts.get(q.id)
        words = count_words(text.text) if text else None
        chars = count_chars(text.text) if text else None
        found.append(Answer(q.id, q.title.get(lang), words, q.min_words, q.max_words, q.max_chars, chars,
                            q.state(words, chars)))
    return f"{profile.funder.get(lang)}: {profile.programme.get(lang)}", found


def assessor_questions(ev: Evidence) -> list:
    """What an assessor would question: the evidence's own questions (`evidence/assessor.py`) and each answer,
    in any of the project's languages, under the funder's minimum, whose warning `check` already gives at its
    file."""
    short = set()
    for lang in ev.languages:
        texts = ev.narrative_in(lang)
        short |= {texts[a.id].file for a in answers(ev, lang)[1] if a.state == "under" and a.id in texts}
    return ev.questions + [p for p in ev.warnings if p.file in short]


def readiness(ev: Evidence) -> dict:
    programme, found = answers(ev)
    by_language = {lang: answers(ev, lang) for lang in ev.languages}
    return {
        "project": ev.project.title,
        "status": ev.project.status,
        "funder": programme,
        "answers": [asdict(a) for a in found],
        "languages": {lang: {"funder": title, "answers": [asdict(a) for a in listed]}
                      for lang, (title, listed) in by_language.items()},
        "counts": compute(ev).counted(),
        "warnings": [p.as_dict() for p in ev.warnings],
        "assessor": [p.as_dict() for p in assessor_questions(ev)],
        "ready": all(a.state == "ok" for _t, listed in by_language.values() for a in listed) and not ev.warnings,
    }
