"""Changes as words: the summary lines `bidkit diff` prints, and `changes.html`, one self-contained accessible
file (styles inline, no script, nothing fetched, `lang`, a main landmark, headings in order, tables with a
caption and `th scope`), from `templates/html/changes.html` through the one sandboxed, autoescaping loader.

Both are in the reader's language (`reader`, the catalogue's `Words`; None: English): a Welsh partner reviewing
the Welsh draft reads what changed in Welsh. What the partners wrote (keys, field values, file names) and the
names of fields and figures are shown as written, in every language.
"""
from __future__ import annotations

from jinja2 import TemplateError

from ..i18n import N_, words
from ..paths import template_folders
from ..problems import BidkitError
from ..render.reproducible import moment
from ..render.templating import describe, environment
from . import Changes
from .narrative import limit_text

TEMPLATE = "html/changes.html"
CHANGE = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed")}
# A record's kind is its own word: the kinds of evidence are marked where messages name them
# (evidence/tables.KIND_WORDS); the project's here.
PROJECT = N_("project")
SIDE = {"old": N_("OLD ({folder}) has evidence errors; compared where it can be read:"),
        "new": N_("NEW ({folder}) has evidence errors; compared where it can be read:")}
CAPTION = {"old": N_("OLD"), "new": N_("NEW")}


def label(table: dict, key: str, reader) -> str:
    return reader._(table[key]) if key in table else key


def figure_line(f) -> str:
    return f"  {f.name}: {'—' if f.old is None else f.old} -> {'—' if f.new is None else f.new}"


def record_line(r, reader) -> str:
    template = N_("{change} {kind}: {key} ({place} in OLD)") if r.change == "removed" else \
        N_("{change} {kind}: {key} ({place})")
    line = "  " + reader._(template).format(change=label(CHANGE, r.change, reader), kind=reader._(r.kind),
                                            key=r.key, place=r.place)
    if r.fields:
        line += ": " + "; ".join(f"{f.field} '{f.old}' -> '{f.new}'" for f in r.fields)
    return line


def words_text(s, reader) -> str:
    if s.words is None:
        return ""
    old, new = ("—" if n is None else str(n) for n in s.words)
    limit = limit_text(s.bounds, reader)
    return reader._("; {old} -> {new} words").format(old=old, new=new) + (f" ({limit})" if limit else "")


def section_line(s, reader) -> str:
    return "  " + reader._("{change} {section} [{lang}] ({file}): +{added} -{removed} words").format(
        change=label(CHANGE, s.change, reader), section=s.section, lang=s.lang, file=s.file, added=s.added,
        removed=s.removed) + words_text(s, reader)


def count_text(n: int, reader) -> str:
    return reader.n_("{n} change", "{n} changes", n).format(n=n)


def summary_lines(changes: Changes, reader=None) -> list[str]:
    """What `bidkit diff` prints: one block per part that changed, then a count (or "No changes.")."""
    reader = reader or words("en")
    _ = reader._
    lines = [_("Comparing {old} -> {new}").format(old=changes.old.folder, new=changes.new.folder)]
    for side in ("old", "new"):
        found = getattr(changes, side)
        if found.problems:
            lines.append(_(SIDE[side]).format(folder=found.folder))
            lines += [f"  {p.line(reader)}" for p in found.problems]
    if not changes.figures_compared:
        lines.append(_("Figures: not compared (a figure counted from part of the evidence would be wrong)"))
    elif changes.figures:
        lines += [_("Figures:"), *map(figure_line, changes.figures)]
    if changes.records:
        lines += [_("Evidence:"), *(record_line(r, reader) for r in changes.records)]
    if changes.narrative:
        lines += [_("Narrative:"), *(section_line(s, reader) for s in changes.narrative)]
    n = changes.count
    lines.append(count_text(n, reader) if n else _("No changes."))
    return lines


def shown_records(changes: Changes, reader) -> list[dict]:
    """Each record as --json gives it, with its change and kind in the reader's words beside the English."""
    return [{**r.as_dict(), "change_text": label(CHANGE, r.change, reader), "kind_text": reader._(r.kind)}
            for r in changes.records]


def shown_sections(changes: Changes, reader) -> list[dict]:
    return [{**s.as_dict(), "change_text": label(CHANGE, s.change, reader),
             "limit_text": limit_text(s.bounds, reader)} for s in changes.narrative]


def changes_html(changes: Changes, reader=None) -> bytes:
    """`changes.html` in the reader's language (None: the new project's main one), from the template in the new
    project's `templates/` or bidkit's own. The template sees plain text, numbers, lists and dicts, nothing with
    a method."""
    reader = reader or words(changes.new.evidence.project.language or "en")
    folders = template_folders(changes.new.folder)
    env = environment(folders, reader.lang, autoescape=True)
    when = moment()
    try:
        html = env.get_template(TEMPLATE).render(
            title=changes.new.evidence.project.title or str(changes.new.folder), lang=reader.lang,
            old=str(changes.old.folder), new=str(changes.new.folder), date=f"{when:%Y-%m-%d}",
            figures_compared=changes.figures_compared, figures=[vars(f) for f in changes.figures],
            records=shown_records(changes, reader), narrative=shown_sections(changes, reader),
            count=changes.count, count_text=count_text(changes.count, reader),
            problems=[(reader._(CAPTION[side]), [p.line(reader) for p in getattr(changes, side).problems])
                      for side in ("old", "new") if getattr(changes, side).problems])
    except (TemplateError, OverflowError, RecursionError) as exc:
        raise BidkitError(f"template error in {TEMPLATE}: {describe(exc) if isinstance(exc, TemplateError) else exc}"
                          ) from None
    return html.encode("utf-8")
