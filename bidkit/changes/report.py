"""Changes as words: the summary lines `bidkit diff` prints, and `changes.html`, one self-contained accessible
file (styles inline, no script, nothing fetched, `lang`, a main landmark, headings in order, tables with a
caption and `th scope`), from `templates/html/changes.html` through the one sandboxed, autoescaping loader."""
from __future__ import annotations

from jinja2 import TemplateError

from ..paths import template_folders
from ..problems import BidkitError
from ..render.reproducible import moment
from ..render.templating import describe, environment
from . import Changes

TEMPLATE = "html/changes.html"


def figure_line(f) -> str:
    return f"  {f.name}: {'—' if f.old is None else f.old} -> {'—' if f.new is None else f.new}"


def record_line(r) -> str:
    where = f" ({r.place}{' in OLD' if r.change == 'removed' else ''})"
    line = f"  {r.change} {r.kind}: {r.key}{where}"
    if r.fields:
        line += ": " + "; ".join(f"{f.field} '{f.old}' -> '{f.new}'" for f in r.fields)
    return line


def words_text(s) -> str:
    if s.words is None:
        return ""
    old, new = ("—" if n is None else str(n) for n in s.words)
    return f"; {old} -> {new} words" + (f" ({s.limit})" if s.limit else "")


def section_line(s) -> str:
    return f"  {s.change} {s.section} [{s.lang}] ({s.file}): +{s.added} -{s.removed} words{words_text(s)}"


def summary_lines(changes: Changes) -> list[str]:
    """What `bidkit diff` prints: one block per part that changed, then a count (or "No changes.")."""
    lines = [f"Comparing {changes.old.folder} -> {changes.new.folder}"]
    for side in ("old", "new"):
        found = getattr(changes, side)
        if found.problems:
            lines.append(f"{side.upper()} ({found.folder}) has evidence errors; compared where it can be read:")
            lines += [f"  {p.line()}" for p in found.problems]
    if not changes.figures_compared:
        lines.append("Figures: not compared (a figure counted from part of the evidence would be wrong)")
    elif changes.figures:
        lines += ["Figures:", *map(figure_line, changes.figures)]
    if changes.records:
        lines += ["Evidence:", *map(record_line, changes.records)]
    if changes.narrative:
        lines += ["Narrative:", *map(section_line, changes.narrative)]
    n = changes.count
    lines.append(f"{n} change{'s' if n != 1 else ''}" if n else "No changes.")
    return lines


def changes_html(changes: Changes) -> bytes:
    """`changes.html`, from the template in the new project's `templates/` or bidkit's own. The template sees
    plain text, numbers, lists and dicts, nothing with a method."""
    folders = template_folders(changes.new.folder)
    lang = changes.new.evidence.project.language or "en"
    env = environment(folders, lang, autoescape=True)
    when = moment()
    try:
        html = env.get_template(TEMPLATE).render(
            title=changes.new.evidence.project.title or str(changes.new.folder), lang=lang,
            old=str(changes.old.folder), new=str(changes.new.folder), date=f"{when:%Y-%m-%d}",
            figures_compared=changes.figures_compared, figures=[vars(f) for f in changes.figures],
            records=[r.as_dict() for r in changes.records], narrative=[s.as_dict() for s in changes.narrative],
            count=changes.count,
            problems=[(side.upper(), [p.line() for p in getattr(changes, side).problems])
                      for side in ("old", "new") if getattr(changes, side).problems])
    except (TemplateError, OverflowError, RecursionError) as exc:
        raise BidkitError(f"template error in {TEMPLATE}: {describe(exc) if isinstance(exc, TemplateError) else exc}"
                          ) from None
    return html.encode("utf-8")
