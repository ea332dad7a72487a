"""The catalogue and the Welsh formats, without a build: every label extracted from the code and templates has
its Welsh, no entry is left over, and Welsh dates, plurals, order and spans are Welsh.

The first two tests are driven by a fresh pybabel extraction (scripts/translations.py, the same one the
translator runs), so a label added anywhere — a new section, a chart axis, a template — fails here until the
catalogue has it, and a label removed fails until its entry goes.
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT, places

sys.path.insert(0, str(ROOT / "scripts"))
import translations  # noqa: E402


@pytest.fixture(scope="module")
def fresh():
    return translations.extracted()


def test_every_label_has_its_welsh(fresh):
    missing, _unused = translations.problems("cy", fresh)
    assert missing == [], "run scripts/translations.py and translate these in bidkit/i18n/locale/cy/...po"


def test_no_welsh_entry_is_left_over(fresh):
    _missing, unused = translations.problems("cy", fresh)
    assert unused == [], "these entries are no longer used by the code: delete them from the .po"


def test_the_extraction_sees_every_kind_of_label(fresh):
    """Labels from reference lists (N_), plural calls (n_), HTML templates and Word templates all reach the .pot."""
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in fresh if m.id}
    assert {"Northern Ireland", "No poverty", "Consortium member"} <= ids          # taxonomies, via N_
    assert {"{n} meeting", "{n} year"} <= ids                                      # plurals
    assert {"not for submission", "Contents"} <= ids                               # templates/html
    assert {"Page", "Update this field to list the headings."} <= ids              # templates/docx


def test_the_missing_translation_test_can_fail(tmp_path, monkeypatch, fresh):
    """A .po with one entry emptied is reported by the same check the first test uses."""
    po = (translations.LOCALE / "cy" / "LC_MESSAGES" / "bidkit.po").read_text(encoding="utf-8")
    broken = po.replace('msgstr "Crynodeb"', 'msgstr ""').replace('msgid "Summary"', 'msgid "Summary"')
    broken += '\nmsgid "A label nobody uses"\nmsgstr "Label nad yw neb yn ei ddefnyddio"\n'
    folder = tmp_path / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "bidkit.po").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(translations, "LOCALE", tmp_path)
    missing, unused = translations.problems("cy", fresh)
    assert "Summary" in missing and unused == ["A label nobody uses"]


def test_welsh_plural_forms_are_cldr_s():
    from babel.messages.plurals import get_plural

    from bidkit.i18n.catalogue import catalog

    assert catalog("cy").num_plurals == 6
    assert catalog("cy").plural_expr == get_plural("cy").plural_expr


@pytest.mark.parametrize("n, text", [(0, "0 cyfarfod"), (1, "1 cyfarfod"), (2, "2 gyfarfod"), (3, "3 chyfarfod"),
                                     (6, "6 chyfarfod"), (17, "17 cyfarfod")])
def test_counts_take_welsh_plural_forms_and_mutations(n, text):
    from bidkit.i18n import ngettext_for

    assert ngettext_for("cy")("{n} meeting", "{n} meetings", n).format(n=n) == text


def test_a_language_without_a_catalogue_is_an_error_not_english():
    from bidkit.i18n.catalogue import translations as load
    from bidkit.problems import BidkitError

    with pytest.raises(BidkitError, match="no 'xx' catalogue"):
        load("xx")


def test_welsh_dates_months_and_money():
    from bidkit.i18n import format_date, format_money, format_month, format_number

    assert format_date(date(2018, 11, 1), "cy") == "1 Tachwedd 2018"
    assert format_month(date(2019, 2, 1), "cy") == "Chwef 2019"
    assert (format_money(249600, "cy"), format_number(1234, "cy")) == ("£249,600", "1,234")
    english = {date(2019, m, 1).strftime("%B") for m in range(1, 13)} - {"Medi"}
    for m in range(1, 13):
        assert not {w for w in format_date(date(2019, m, 14), "cy").split()} & english


def test_an_action_plan_period_has_no_english_month_in_welsh():
    from bidkit.documents.writer import Writer
    from bidkit.evidence.dates import parse_period

    w = Writer.__new__(Writer)
    w.lang = "cy"
    w.__post_init__()
    assert w.period(parse_period("Nov 2018 - Jan 2019")) == "Tachwedd 2018 i Ionawr 2019"
    assert w.period(parse_period("June 17")) == "Mehefin 2017"
    assert w.period(parse_period("27 June 17")) == "27 Mehefin 2017"
    assert w.period(parse_period("Ongoing")) == "Parhaus"


def test_welsh_alphabetical_order():
    from bidkit.i18n import sort_key

    names = ["Llanelli", "Lyon", "Chwarae Teg", "Cymru", "Ffion", "Fiona", "Rhondda", "Rygbi", "Thomas", "Tomos",
             "Ngwynedd", "Gwynedd", "Ddraig", "Dyfed"]
    assert sorted(names, key=lambda n: sort_key(n, "cy")) == [
        "Cymru", "Chwarae Teg", "Dyfed", "Ddraig", "Fiona", "Ffion", "Gwynedd", "Ngwynedd", "Lyon", "Llanelli",
        "Rygbi", "Rhondda", "Tomos", "Thomas"]
    assert sorted(["Llanelli", "Lyon"], key=lambda n: sort_key(n, "en")) == ["Llanelli", "Lyon"]


def test_a_language_span_is_a_run_in_that_language_and_counts_its_words():
    from bidkit.documents.markdown import to_items
    from bidkit.evidence.text import count_words, plain_text

    runs = to_items("Ein gwaith: [pŵer **pobl**]{lang=cy}, and [a link](https://example.org).")[0].runs
    assert [(r.text, r.lang) for r in runs if r.lang] == [("pŵer ", "cy"), ("pobl", "cy")]
    assert next(r for r in runs if r.href).lang is None
    assert plain_text("[pŵer pobl]{lang=cy}") == "pŵer pobl"
    assert count_words("our [pŵer pobl]{lang=cy} work") == 4


def test_welsh_is_never_hyphenated_with_english_patterns():
    css = (ROOT / "templates" / "html" / "style.css").read_text(encoding="utf-8")
    base = (ROOT / "templates" / "html" / "base.html").read_text(encoding="utf-8")
    # table cells hyphenate in the document's language (English and pyphen's other patterns); a selector of
    # element names alone is outranked by :lang(cy), so Welsh cells keep manual hyphenation
    import re

    auto = [m.group(1).strip() for m in re.finditer(r"([^{}]*)\{[^}]*hyphens:\s*auto", css.replace("-webkit-", ""))]
    assert auto and all(re.fullmatch(r"[a-z0-9, ]+", selector) for selector in auto), auto
    assert ":lang(cy) { hyphens: manual; }" in base


def test_awards_for_all_carries_the_funders_own_welsh_titles():
    from bidkit.evidence.funders.profile import load_profile

    profile = load_profile("tnlcf-awards-for-all")
    assert [q.title.cy for q in profile.questions] == [
        "Beth yr hoffech ei wneud?", "Sut mae eich prosiect yn bodloni ein blaenoriaethau ariannu?",
        "Sut mae eich prosiect yn cynnwys eich cymuned?"]
    assert profile.project_name.cy == "Beth yw enw eich prosiect?"
    proposal = load_profile("tnlcf-funding-proposal")
    assert all(q.title.cy and q.guidance.cy for q in proposal.questions)
    assert "bidkit's translation" in proposal.source


WELSH = {**MINIMAL, "project.yaml": MINIMAL["project.yaml"] + "languages: [en, cy]\n",
         **{f"narrative/cy/{name}.md": f"Yr adran {name} mewn Cymraeg.\n"
            for name in ("summary", "rationale", "approach", "open-government", "lessons", "next-steps")}}
FUNDED = ("funder: tnlcf-awards-for-all\namount_requested: 5000\nduration_years: 1\n"
          "organisation:\n  legal_name: Test\n  type: school\n")
ANSWERS = {f"narrative/{q}.md": "gair " * 60 for q in
           ("your-idea-project", "your-idea-priorities", "your-idea-community")}


def problems_for(make_project, files: dict, final: bool = False):
    from tests.conftest import problems_of

    yaml = WELSH["project.yaml"] + ("status: final\n" if final else "")
    return problems_of(make_project({"project.yaml": yaml, **files}, base=WELSH))


@pytest.mark.parametrize("final", [False, True])
def test_a_section_missing_in_welsh_is_a_warning_in_draft_and_an_error_in_final(make_project, final):
    found = problems_for(make_project, {"narrative/cy/lessons.md": None}, final)
    assert ("narrative/cy/lessons.md", None, None, None, "error" if final else "warning") in places(found)


@pytest.mark.parametrize("final", [False, True])
def test_a_documents_own_section_missing_in_welsh_is_warned_in_draft_and_refused_in_final(make_project, final):
    """The completeness rule holds for a document's own files: the Welsh of narrative/project-report/summary.md
    is narrative/cy/project-report/summary.md (the language folder holds the same files as narrative/)."""
    found = problems_for(make_project, {"narrative/project-report/summary.md": "What the report did.\n"}, final)
    assert ("narrative/cy/project-report/summary.md", None, None, None, "error" if final else "warning") \
        in places(found)
    found = problems_for(make_project, {"narrative/project-report/summary.md": "What the report did.\n",
                                        "narrative/cy/project-report/summary.md": "Beth a wnaeth yr adroddiad.\n"},
                         final)
    assert not [p for p in found if "project-report" in p.file]


def test_a_document_reads_its_own_section_in_its_language(make_project):
    from bidkit.documents import document
    from bidkit.pipeline import open_project

    root = make_project({"narrative/project-report/summary.md": "What the report did.\n",
                         "narrative/cy/project-report/summary.md": "Beth a wnaeth yr adroddiad.\n"}, base=WELSH)
    drafts = open_project(root)

    def summary(lang: str, doc: str) -> str:
        found = document(drafts.writer_for(lang), doc)
        items = next(s for s in found.sections if s.id == "summary").items
        return " ".join(r.text for i in items for r in getattr(i, "runs", []))

    assert summary("cy", "project-report") == "Beth a wnaeth yr adroddiad."
    assert summary("en", "project-report") == "What the report did."
    assert summary("cy", "concept-paper") == "Yr adran summary mewn Cymraeg."      # no own version: the shared one


def test_a_section_missing_in_english_is_reported_too(make_project):
    found = problems_for(make_project, {"narrative/cy/extra.md": None, "narrative/lessons.md": None})
    assert ("narrative/lessons.md", None, None, None, "warning") in places(found)


@pytest.mark.parametrize("final", [False, True])
def test_a_welsh_answer_over_its_limit_is_warned_in_draft_and_refused_in_final(make_project, final):
    yaml = WELSH["project.yaml"] + FUNDED
    files = {"project.yaml": yaml + ("status: final\n" if final else ""), **ANSWERS,
             **{f"narrative/cy/{q}.md": "gair " * 60 for q in ("your-idea-project", "your-idea-community")},
             "narrative/cy/your-idea-priorities.md": "gair " * 151}
    from tests.conftest import problems_of

    found = [p for p in problems_of(make_project(files, base=WELSH)) if p.file.startswith("narrative/cy/your")]
    assert [(p.file, p.severity, p.message) for p in found] == [
        ("narrative/cy/your-idea-priorities.md", "error" if final else "warning",
         "151 words; the funder allows at most 150")]


def test_a_template_label_without_welsh_is_a_warning_not_silent_english(tmp_path):
    """A user's template adding a label the catalogue lacks: the Welsh render says so, naming the label."""
    from bidkit.documents import document
    from bidkit.paths import shipped
    from bidkit.pipeline import open_project
    from bidkit.render.pdf import render_html
    from tests.conftest import EXAMPLE

    own = tmp_path / "templates"
    (own / "html").mkdir(parents=True)
    (own / "html" / "concept-paper.html").write_text(
        '{% extends "html/base.html" %}{% block head %}<meta name="x" content="{{ _("A label of our own") }}">'
        '{% endblock %}', encoding="utf-8")
    folders = [own, shipped("templates")]
    drafts = open_project(EXAMPLE)
    warnings: list[str] = []
    render_html(document(drafts.writer_for("cy"), "concept-paper"), folders, warnings)
    assert len(warnings) == 1 and "'A label of our own' has no 'cy' translation" in warnings[0]
    warnings = []
    render_html(document(drafts.writer, "concept-paper"), folders, warnings)
    assert warnings == []


def test_welsh_list_takes_a_ac_and_ar():
    """babel's Welsh pattern writes "Cymru, a(c) Lloegr"; a Welsh reader expects a before a consonant (with the
    aspirate mutation), ac before a vowel, a'r before the article, and no comma before it."""
    from bidkit.i18n import format_list

    assert format_list(["Cymru", "Lloegr", "Yr Alban", "Gogledd Iwerddon"], "cy") == \
        "Cymru, Lloegr, yr Alban a Gogledd Iwerddon"
    assert format_list(["Lloegr", "Yr Alban"], "cy") == "Lloegr a'r Alban"
    assert format_list(["Lloegr", "Cymru"], "cy") == "Lloegr a Chymru"
    assert format_list(["Lloegr", "Iwerddon"], "cy") == "Lloegr ac Iwerddon"
    assert format_list(["Cymru"], "cy") == "Cymru" and format_list([], "cy") == ""
    assert format_list(["Wales", "England", "Scotland"], "en") == "Wales, England and Scotland"


def test_names_equal_in_their_letters_are_ordered_as_icu_orders_them():
    """Accents before case, lower case first: the order PyICU's cy collator gives (benchmarks/bench_collation.py
    found it the same on 5,065 names)."""
    from bidkit.i18n import sort_key

    names = ["Ŵyn", "Aber", "ŵyn", "wyn", "aber", "Wyn", "Lyon", "Llanelli"]
    assert sorted(names, key=lambda n: sort_key(n, "cy")) == ["aber", "Aber", "Lyon", "Llanelli", "wyn", "Wyn",
                                                              "ŵyn", "Ŵyn"]


def test_every_welsh_entry_uses_only_its_english_placeholders():
    """A placeholder misspelt in a translation (`{nmae}`) would stop a Welsh run with an error where the English
    one works; each Welsh string may use only the placeholders of its English (a plural form may leave `{n}` out)."""
    import string

    from bidkit.i18n.catalogue import catalog

    def names(text: str) -> set[str]:
        return {field.split(".")[0].split("[")[0] for _lit, field, _spec, _conv in string.Formatter().parse(text)
                if field is not None}

    wrong = []
    for message in catalog("cy"):
        if not message.id or "python-brace-format" not in message.flags:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        allowed = set().union(*(names(e) for e in english))
        for welsh in (message.string if isinstance(message.string, tuple) else (message.string,)):
            try:
                extra = names(welsh) - allowed
            except ValueError as exc:           # an unmatched brace
                extra = {f"unparsable: {exc}"}
            if extra:
                wrong.append((english[0], welsh, sorted(extra)))
    assert wrong == []


def test_no_two_entries_of_a_reference_list_share_a_welsh_label():
    """bidkit reads a Welsh label back as its entry; two entries translated alike would make one of them read as
    the other (the reader refuses such a label rather than guess, and this keeps the catalogue free of them)."""
    from bidkit.evidence import taxonomies as tx
    from bidkit.i18n import gettext_for

    _ = gettext_for("cy")
    shared = []
    for name in [n for n in dir(tx) if n.isupper()]:
        table = getattr(tx, name)
        if isinstance(table, dict) and table and all(isinstance(v, str) for v in table.values()):
            seen: dict[str, str] = {}
            for slug, label in table.items():
                other = seen.setdefault(tx.fold(_(label)), slug)
                if other != slug:
                    shared.append((name, other, slug, _(label)))
    assert shared == []


def test_every_label_in_every_language_reads_back_as_its_own_entry_and_na_is_no_answer():
    """What a Welsh workbook's dropdown offers is read back as that entry, never as another; and an English
    writer's "NA" (not applicable) stays a mistake to correct, not a Welsh "no"."""
    from bidkit.evidence import taxonomies as tx
    from bidkit.i18n import gettext_for

    _ = gettext_for("cy")
    wrong = []
    for name in [n for n in dir(tx) if n.isupper()]:
        table = getattr(tx, name)
        if isinstance(table, dict) and table and all(isinstance(v, str) for v in table.values()):
            for slug, label in table.items():
                for written in (slug, label, _(label)):
                    try:
                        found = tx.match(written, table)
                    except ValueError:
                        found = None
                    if found != slug:
                        wrong.append((name, slug, written, found))
    assert wrong == []
    for written in ("NA", "n/a", "N/A", "none", "TBC"):
        with pytest.raises(ValueError):
            tx.match(written, tx.YES_NO)


def test_an_english_long_date_written_without_babel_is_babels_en_gb():
    from datetime import date, timedelta

    from babel.dates import format_date as babel_date

    from bidkit.i18n import format_date

    days = [date(2016, 1, 1) + timedelta(days=n) for n in range(0, 366 * 3, 7)]
    assert [format_date(d, "en") for d in days] == [babel_date(d, format="d MMMM y", locale="en_GB") for d in days]
