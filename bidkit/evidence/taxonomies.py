"""The reference lists of SPEC.md, each as slug -> English label; labels are display text and go through translation."""
from __future__ import annotations

import difflib
import re
from functools import lru_cache

NATIONS = {
    "england": "England",
    "scotland": "Scotland",
    "wales": "Wales",
    "northern-ireland": "Northern Ireland",
    "uk-wide": "UK-wide",
}

CHARACTERISTICS = {
    "age": "Age",
    "disability": "Disability",
    "gender-reassignment": "Gender reassignment",
    "marriage-civil-partnership": "Marriage and civil partnership",
    "pregnancy-maternity": "Pregnancy and maternity",
    "race": "Race",
    "religion-belief": "Religion or belief",
    "sex": "Sex",
    "sexual-orientation": "Sexual orientation",
}

SDGS = {
    1: "No poverty", 2: "Zero hunger", 3: "Good health and well-being", 4: "Quality education",
    5: "Gender equality", 6: "Clean water and sanitation", 7: "Affordable and clean energy",
    8: "Decent work and economic growth", 9: "Industry, innovation and infrastructure",
    10: "Reduced inequalities", 11: "Sustainable cities and communities",
    12: "Responsible consumption and production", 13: "Climate action", 14: "Life below water",
    15: "Life on land", 16: "Peace, justice and strong institutions", 17: "Partnerships for the goals",
}

WELLBEING_GOALS = {
    "prosperous": "A prosperous Wales",
    "resilient": "A resilient Wales",
    "healthier": "A healthier Wales",
    "more-equal": "A more equal Wales",
    "cohesive-communities": "A Wales of cohesive communities",
    "vibrant-culture-welsh-language": "A Wales of vibrant culture and thriving Welsh language",
    "globally-responsible": "A globally responsible Wales",
}

PARTNER_TYPES = {
    "charity": "Charity", "community-group": "Community group", "network": "Network",
    "public-body": "Public body", "academic": "Academic", "business": "Business", "other": "Other",
}
PARTNER_ROLES = {"lead": "Lead", "consortium": "Consortium member", "supporter": "Supporter",
                 "stakeholder": "Stakeholder"}
MEETING_KINDS = {"meeting": "Meeting", "workshop": "Workshop", "webinar": "Webinar", "event": "Event",
                 "training": "Training", "summit": "Summit"}
MEETING_FORMATS = {"in-person": "In person", "online": "Online", "phone": "Phone", "hybrid": "Hybrid"}
MEETING_STATUSES = {"held": "Held", "planned": "Planned", "cancelled": "Cancelled"}
OUTCOME_TYPES = {"output": "Output", "outcome": "Outcome", "impact": "Impact"}
READING_KINDS = {"report": "Report", "guidance": "Guidance", "book": "Book", "video": "Video",
                 "article": "Article", "web": "Web page"}
ACTION_STATUSES = {"planned": "Planned", "in-progress": "In progress", "done": "Done", "ongoing": "Ongoing",
                   "dropped": "Dropped"}
COST_TYPES = {"revenue": "Revenue", "capital": "Capital"}
OUTCOME_PHASES = {"development": "Development (the work reported)", "funded": "Funded (what the grant will deliver)"}
FUNDING_STATUSES = {"secured": "Secured", "pending": "Pending", "in-kind": "In kind"}
YES_NO = {"yes": "Yes", "no": "No"}
PROJECT_STATUSES = {"draft": "Draft", "final": "Final"}
ORGANISATION_TYPES = {
    "unregistered-vco": "Unregistered voluntary or community organisation",
    "unincorporated-registered-charity": "Unincorporated registered charity",
    "charitable-incorporated-organisation": "Charitable incorporated organisation (CIO or SCIO)",
    "not-for-profit-company": "Not-for-profit company",
    "school": "School",
    "college-or-university": "College or university",
    "statutory-body": "Statutory body",
    "faith-group": "Faith group",
}
# The figures counted from the evidence, the one list of their names: a narrative quotes them as `{{ name }}`,
# an indicator measures one of the first four, and `figures.Figures.counted()` gives them in this order.
FIGURES = {"meetings_held": "Meetings held", "organisations_met": "Organisations met",
           "people_reached": "People reached (attendances)", "partners": "Partners", "nations_covered": "Nations covered",
           "amount_requested": "Amount requested"}
MEASURES = {name: FIGURES[name] for name in ("meetings_held", "organisations_met", "people_reached", "partners")}
LANGUAGES = {"en": "English", "cy": "Cymraeg"}


SEPARATORS = re.compile(r"[\s\-_]+")
# What a keyboard, Word or a copied web page turns into something else: curly quotes, non-breaking and zero-width
# spaces, the soft hyphen and the byte-order mark. None of them should make two names differ.
LOOKALIKES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                            "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
                            "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ",
                            "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
                            "\u00ad": None})
_LOOKUPS: dict[int, dict[str, str]] = {}


@lru_cache(maxsize=65536)
def fold_text(text: str) -> str:
    """Text as people mean it, for comparing titles: quotes straightened, invisible characters dropped, runs of
    spaces made one, case ignored (`Women’s  Aid` = `women's aid`)."""
    return " ".join(str(text).translate(LOOKALIKES).split()).casefold()


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Names as people write them: `fold_text`, and spaces, `-` and `_` do not matter either."""
    return SEPARATORS.sub("", fold_text(text))


def match(value: str, table: dict) -> str:
    """The slug for `value` given as slug or label in any case; ValueError lists the valid slugs."""
    if value in table:                        # the common case: the slug as written
        return value
    lookup = _LOOKUPS.get(id(table))
    if lookup is None:
        lookup = _LOOKUPS[id(table)] = {**{fold(label): slug for slug, label in table.items()},
                                        **{fold(slug): slug for slug in table}}
    found = lookup.get(fold(value))
    if found is None:
        raise ValueError(f"'{value}' is not one of {', '.join(str(k) for k in table)}")
    return found


def suggest(value: str, choices) -> str:
    """` (did you mean 'x'?)` when one choice is close, else ''."""
    folded = {fold(c): c for c in choices}
    close = difflib.get_close_matches(fold(value), list(folded), n=1, cutoff=0.75)
    return f" (did you mean '{folded[close[0]]}'?)" if close else ""
