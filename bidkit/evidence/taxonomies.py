"""The reference lists of SPEC.md, each as slug -> English label; labels are display text and go through translation
(each wrapped in `N_` so pybabel extracts it; the documents translate it where they show it, `w.label`)."""
from __future__ import annotations

import difflib
import re
from functools import lru_cache

from ..i18n.catalogue import N_
from ..problems import Message

NATIONS = {
    "england": N_("England"),
    "scotland": N_("Scotland"),
    "wales": N_("Wales"),
    "northern-ireland": N_("Northern Ireland"),
    "uk-wide": N_("UK-wide"),
}

CHARACTERISTICS = {
    "age": N_("Age"),
    "disability": N_("Disability"),
    "gender-reassignment": N_("Gender reassignment"),
    "marriage-civil-partnership": N_("Marriage and civil partnership"),
    "pregnancy-maternity": N_("Pregnancy and maternity"),
    "race": N_("Race"),
    "religion-belief": N_("Religion or belief"),
    "sex": N_("Sex"),
    "sexual-orientation": N_("Sexual orientation"),
}

SDGS = {
    1: N_("No poverty"), 2: N_("Zero hunger"), 3: N_("Good health and well-being"), 4: N_("Quality education"),
    5: N_("Gender equality"), 6: N_("Clean water and sanitation"), 7: N_("Affordable and clean energy"),
    8: N_("Decent work and economic growth"), 9: N_("Industry, innovation and infrastructure"),
    10: N_("Reduced inequalities"), 11: N_("Sustainable cities and communities"),
    12: N_("Responsible consumption and production"), 13: N_("Climate action"), 14: N_("Life below water"),
    15: N_("Life on land"), 16: N_("Peace, justice and strong institutions"), 17: N_("Partnerships for the goals"),
}

WELLBEING_GOALS = {
    "prosperous": N_("A prosperous Wales"),
    "resilient": N_("A resilient Wales"),
    "healthier": N_("A healthier Wales"),
    "more-equal": N_("A more equal Wales"),
    "cohesive-communities": N_("A Wales of cohesive communities"),
    "vibrant-culture-welsh-language": N_("A Wales of vibrant culture and thriving Welsh language"),
    "globally-responsible": N_("A globally responsible Wales"),
}

PARTNER_TYPES = {
    "charity": N_("Charity"), "community-group": N_("Community group"), "network": N_("Network"),
    "public-body": N_("Public body"), "academic": N_("Academic"), "business": N_("Business"), "other": N_("Other"),
}
PARTNER_ROLES = {"lead": N_("Lead"), "consortium": N_("Consortium member"), "supporter": N_("Supporter"),
                 "stakeholder": N_("Stakeholder")}
MEETING_KINDS = {"meeting": N_("Meeting"), "workshop": N_("Workshop"), "webinar": N_("Webinar"), "event": N_("Event"),
                 "training": N_("Training"), "summit": N_("Summit")}
MEETING_FORMATS = {"in-person": N_("In person"), "online": N_("Online"), "phone": N_("Phone"), "hybrid": N_("Hybrid")}
MEETING_STATUSES = {"held": N_("Held"), "planned": N_("Planned"), "cancelled": N_("Cancelled")}
OUTCOME_TYPES = {"output": N_("Output"), "outcome": N_("Outcome"), "impact": N_("Impact")}
READING_KINDS = {"report": N_("Report"), "guidance": N_("Guidance"), "book": N_("Book"), "video": N_("Video"),
                 "article": N_("Article"), "web": N_("Web page")}
ACTION_STATUSES = {"planned": N_("Planned"), "in-progress": N_("In progress"), "done": N_("Done"), "ongoing": N_("Ongoing"),
                   "dropped": N_("Dropped")}
COST_TYPES = {"revenue": N_("Revenue"), "capital": N_("Capital")}
OUTCOME_PHASES = {"development": N_("Development (the work reported)"),
                  "funded": N_("Funded (what the grant will deliver)")}
FUNDING_STATUSES = {"secured": N_("Secured"), "pending": N_("Pending"), "in-kind": N_("In kind")}
YES_NO = {"yes": N_("Yes"), "no": N_("No")}
PROJECT_STATUSES = {"draft": N_("Draft"), "final": N_("Final")}
ORGANISATION_TYPES = {
    "unregistered-vco": N_("Unregistered voluntary or community organisation"),
    "unincorporated-registered-charity": N_("Unincorporated registered charity"),
    "charitable-incorporated-organisation": N_("Charitable incorporated organisation (CIO or SCIO)"),
    "not-for-profit-company": N_("Not-for-profit company"),
    "school": N_("School"),
    "college-or-university": N_("College or university"),
    "statutory-body": N_("Statutory body"),
    "faith-group": N_("Faith group"),
}
# The figures counted from the evidence, the one list of their names: a narrative quotes them as `{{ name }}`,
# an indicator measures one of the first four, and `figures.Figures.counted()` gives them in this order.
FIGURES = {"meetings_held": N_("Meetings held"), "organisations_met": N_("Organisations met"),
           "people_reached": N_("People reached (attendances)"), "partners": N_("Partners"), "nations_covered": N_("Nations covered"),
           "amount_requested": N_("Amount requested")}
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
    """The slug for `value` given as slug or label in any case, the label in English or in any language bidkit
    has a catalogue for (a Welsh workbook's dropdowns offer `Gogledd Iwerddon`); ValueError lists the valid
    slugs. The other languages' labels are looked up only when the English ones do not match, so reading valid
    English evidence never loads a catalogue."""
    if value in table:                        # the common case: the slug as written
        return value
    lookup = _LOOKUPS.get(id(table))
    if lookup is None:
        lookup = _LOOKUPS[id(table)] = {**{fold(label): slug for slug, label in table.items()},
                                        **{fold(slug): slug for slug in table}}
    found = lookup.get(fold(value))
    if found is None:
        found = translated_labels(id(table), table).get(fold(value))
    if found is None:
        raise ValueError(Message(N_("'{value}' is not one of {choices}"),
                                 {"value": value, "choices": ", ".join(str(k) for k in table)}))
    return found


_TRANSLATED: dict[int, dict[str, str]] = {}
# What English writers put in a cell for "nothing" or "not known": never read as a translated label (a Welsh "Na"
# would have made an English "NA" a "no").
NOT_ANSWERS = {fold(word) for word in ("na", "n/a", "nil", "none", "tbc", "tba", "unknown", "-")}


def translated_labels(key: int, table: dict) -> dict[str, str]:
    """Folded label in another language -> slug, for the labels that differ from every English label and slug
    of the table (so a translation never takes an English word from another entry)."""
    found = _TRANSLATED.get(key)
    if found is None:
        from ..i18n.catalogue import SOURCE, gettext_for, languages

        english = _LOOKUPS[key]
        found = _TRANSLATED[key] = {}
        ambiguous = set()
        for lang in languages():
            if lang != SOURCE:
                _ = gettext_for(lang)
                for slug, label in table.items():
                    word = fold(_(label)) if isinstance(label, str) else None
                    if word is not None and word not in english and word not in NOT_ANSWERS:
                        if found.setdefault(word, slug) != slug:
                            ambiguous.add(word)
        for word in ambiguous:            # two entries translated alike: refused, never read as either one
            del found[word]
    return found


def suggest(value: str, choices) -> "Message | str":
    """` (did you mean 'x'?)` when one choice is close, else '': a message's `{hint}`, in its language."""
    folded = {fold(c): c for c in choices}
    close = difflib.get_close_matches(fold(value), list(folded), n=1, cutoff=0.75)
    return Message(N_(" (did you mean '{name}'?)"), {"name": folded[close[0]]}) if close else ""
