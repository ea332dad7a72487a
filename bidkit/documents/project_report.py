"""The project report: what was done, who was met, progress against the action plan and
the outcomes so far."""
from __future__ import annotations

from .blocks import action_plan_items, characteristics_items, engagement_facts, focus_items, meeting_summaries, meetings_table, nations_items, organisations_table, outcome_items, partners_table, reading_list
from .content import Paragraph, Run, Section
from .writer import N_

NAME = N_("Project report")


def sections(w) -> list[Section]:
    _ = w._
    return [
        Section("summary", _("Summary"), [*w.prose("summary"), engagement_facts(w)]),
        Section("background", _("Background and aims"), [*w.prose("rationale"), *focus_items(w)]),
        Section("progress", _("Progress against the action plan"), action_plan_items(w)),
        Section("who-we-met", _("Who we met"), [w.chart("engagement"), organisations_table(w),
                                                meetings_table(w), *meeting_summaries(w)] if w.fig.held else
                [Paragraph([Run(_("No meetings have been held yet."))], "note")]),
        Section("partners-and-reach", _("Partners and reach"), [partners_table(w), *nations_items(w),
                                                                *characteristics_items(w)]),
        Section("outcomes", _("Outcomes and indicators"), outcome_items(w, measured_how=True)),
        Section("lessons", _("Lessons and next steps"), [*w.prose("lessons"), *w.prose("next-steps")]),
        Section("reading-list", _("Reading list"), reading_list(w)),
    ]
