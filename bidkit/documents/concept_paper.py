"""The concept paper: why people furthest from decision-making should shape the
Sustainable Development Goals and Open Government, from the narrative and what the engagement found."""
from __future__ import annotations

from .blocks import engagement_facts, focus_items, nations_items, organisations_table, outcome_items, reading_list
from .content import Section
from .writer import N_

NAME = N_("Concept paper")


def sections(w) -> list[Section]:
    _ = w._
    return [
        Section("summary", _("Summary"), w.prose("summary")),
        Section("why-this-matters", _("Why this matters"), w.prose("rationale")),
        Section("goals", _("Sustainable Development Goals and well-being goals"), focus_items(w)),
        Section("open-government", _("Open Government"), w.prose("open-government")),
        Section("approach", _("Our approach"), w.prose("approach")),
        Section("engaged", _("Who we have engaged"), [engagement_facts(w), *nations_items(w),
                                                      organisations_table(w)]),
        Section("outcomes", _("Intended outcomes"), outcome_items(w)),
        Section("next-steps", _("Next steps"), w.prose("next-steps")),
        Section("reading-list", _("Reading list"), reading_list(w)),
    ]
