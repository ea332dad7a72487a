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


def answers(ev: Evidence) -> tuple[str | None, list[Answer]]:
    profile = ev.profile
    if profile is None:
        return None, []
    found = []
    for q in profile.questions:
        text = ev.narrative.get(q.id)
        words = count_words(text.text) if text else None
        chars = count_chars(text.text) if text else None
        found.append(Answer(q.id, q.title, words, q.min_words, q.max_words, q.max_chars, chars,
                            q.state(words, chars)))
    return f"{profile.funder}: {profile.programme}", found


def assessor_questions(ev: Evidence, found: list[Answer]) -> list:
    """What an assessor would question: the evidence's own questions (`evidence/assessor.py`) and each answer
    under the funder's minimum, whose warning `check` already gives at its file."""
    short = {ev.narrative[a.id].file for a in found if a.state == "under" and a.id in ev.narrative}
    return ev.questions + [p for p in ev.warnings if p.file in short]


def readiness(ev: Evidence) -> dict:
    programme, found = answers(ev)
    return {
        "project": ev.project.title,
        "status": ev.project.status,
        "funder": programme,
        "answers": [asdict(a) for a in found],
        "counts": compute(ev).counted(),
        "warnings": [p.as_dict() for p in ev.warnings],
        "assessor": [p.as_dict() for p in assessor_questions(ev, found)],
        "ready": all(a.state == "ok" for a in found) and not ev.warnings,
    }
