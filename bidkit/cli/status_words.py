"""`bidkit status`'s words: the readiness (readiness.py) as a person reads it, every fixed label in the reader's
language; `--json` keeps the contract's English keys and messages."""
from __future__ import annotations

import click

from ..i18n import N_
from .common import echo_problems

COLUMNS = (N_("Question"), N_("Words"), N_("Limit"), N_("State"))
NAMES = {"en": N_("English"), "cy": N_("Welsh")}       # a language named in the reader's: "(Saesneg)"
STATES = {"ok": (N_("ok"), "green"), "missing": (N_("missing"), "red"), "over": (N_("over"), "red"),
          "under": (N_("under"), "yellow")}


def limit(a: dict, _) -> str:
    """`50–500`, `≤ 300` words, or `≤ 1,000 chars`: the funder's limit as the table shows it."""
    if a["max_words"]:
        return f"{a['min_words']}–{a['max_words']}" if a["min_words"] else f"≤ {a['max_words']}"
    return _("≤ {n} chars").format(n=a["max_chars"]) if a["max_chars"] else ""


def answers_table(listed: dict, name: str, _):
    from rich.table import Table

    table = Table(title=f"{listed['funder']} ({name})", title_justify="left")
    for column in COLUMNS:
        table.add_column(_(column), justify="right" if column in ("Words", "Limit") else "left")
    for a in listed["answers"]:
        state, colour = STATES[a["state"]]
        table.add_row(a["title"], "—" if a["words"] is None else str(a["words"]), limit(a, _),
                      f"[{colour}]{_(state)}[/{colour}]")
    return table


def print_readiness(found: dict, evidence, asked: list, words) -> None:
    """The project, each language's answers against their limits, the counts, the warnings, what an assessor
    would question, and whether it is ready."""
    from rich.console import Console

    from ..evidence.taxonomies import FIGURES, PROJECT_STATUSES
    from ..i18n import format_money, format_number

    _ = words._
    console = Console(highlight=False, soft_wrap=True)
    status = PROJECT_STATUSES.get(found["status"])
    console.print(f"[bold]{found['project']}[/bold] ({_(status).lower() if status else found['status']})")
    if found["funder"]:
        for lang, listed in found["languages"].items():
            console.print(answers_table(listed, _(NAMES[lang]) if lang in NAMES else lang, _))
    else:
        console.print(_("No funder in project.yaml: add 'funder:' to check the proposal's answers."))
    shown = {k: "—" if v is None else format_money(v, words.lang) if k == "amount_requested" else
             format_number(v, words.lang) for k, v in found["counts"].items()}
    counts = ", ".join(f"{_(FIGURES[k]).lower()}: {v}" for k, v in shown.items())
    console.print(_("Evidence: {counts}").format(counts=counts))
    echo_problems([p for p in evidence.warnings if p not in asked], False, words)
    if asked:
        click.echo(words.n_("What an assessor would question ({n}):", "What an assessor would question ({n}):",
                            len(asked)).format(n=len(asked)))
        for p in asked:
            click.echo(p.line(words))
    console.print(_("Ready to submit.") if found["ready"] else _("Not ready yet: see above."))
