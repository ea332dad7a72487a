"""Funder profiles and rules: words counted the funder's way, limits in draft and final, money rules."""
from __future__ import annotations

import pytest

from bidkit.evidence.funders.profile import SHIPPED, Profile, load_profile
from bidkit.evidence.text import count_words
from conftest import MINIMAL, places, problems_of

QUESTIONS = ("your-idea-project", "your-idea-community", "your-idea-activities", "project-organisation",
             "project-spend")
PROPOSAL = (
    "funder: tnlcf-funding-proposal\n"
    "amount_requested: 20000\n"
    "duration_years: 2\n"
    "start_date: 2019-09-01\n"
    "organisation:\n  legal_name: Wales Council for Voluntary Action\n  type: unincorporated-registered-charity\n"
    "beneficiaries:\n  number: 100\n"
)


@pytest.mark.parametrize("markdown, words", [
    ("this 📝 contains emoji ❤️", 5),
    ("- one\n- two **three**\n\n1. four\n2. *five*", 5),
    ("A [link text](https://example.org) here.", 4),
    ("**Bold**, *italic* and `code`", 4),
    ("We held {{ meetings_held }} meetings.", 4),
    ("# A heading\n\nBody text", 4),
    ("", 0),
])
def test_words_are_counted_the_funders_way(markdown, words):
    assert count_words(markdown) == words


def test_shipped_profiles_load_and_cite_their_source():
    for path in SHIPPED.glob("*.yaml"):
        profile = load_profile(path.stem)
        assert isinstance(profile, Profile) and profile.source
    proposal = load_profile("tnlcf-funding-proposal")
    assert [q.id for q in proposal.questions] == list(QUESTIONS)
    assert [(q.min_words, q.max_words) for q in proposal.questions] == [(50, 500)] * 4 + [(None, 300)]
    assert proposal.rules.amount_min == 10001 and proposal.rules.amount_max is None
    small = load_profile("tnlcf-awards-for-all")
    assert (small.rules.amount_min, small.rules.amount_max, small.rules.budget_rows_max) == (300, 20000, 10)


def answers(words: dict[str, int] | None = None) -> dict[str, str]:
    words = words or {}
    return {f"narrative/{q}.md": " ".join(["word"] * words.get(q, 100)) + "\n" for q in QUESTIONS}


def project(make_project, extra: str = "", status: str = "draft", words=None, files=None):
    text = MINIMAL["project.yaml"] + PROPOSAL + f"status: {status}\n" + extra
    return make_project({"project.yaml": text, **answers(words), **PLAN, **(files or {})})


# a funding proposal needs its delivery plan: an activity in each year of the grant
PLAN = {"delivery-plan.csv": "year,quarter,activity,leads\n1,1,Train groups,wcva\n2,,Support groups,involve\n"}


@pytest.mark.parametrize("count, severity", [(500, None), (499, None), (501, "warning")])
def test_word_limit_at_under_and_over_in_draft(make_project, count, severity):
    found = problems_of(project(make_project, words={"your-idea-project": count}))
    assert [p.severity for p in found if p.file == "narrative/your-idea-project.md"] == \
        ([severity] if severity else [])


@pytest.mark.parametrize("count, severity", [(50, None), (49, "error"), (501, "error")])
def test_word_limits_are_errors_when_final(make_project, count, severity):
    found = problems_of(project(make_project, status="final", words={"your-idea-community": count}))
    mine = [p for p in found if p.file == "narrative/your-idea-community.md"]
    assert [p.severity for p in mine] == ([severity] if severity else [])
    if severity:
        assert mine[0].message in (f"{count} words; the funder asks for at least 50",
                                   f"{count} words; the funder allows at most 500")


def test_missing_answer_is_an_error(make_project):
    found = problems_of(project(make_project, files={"narrative/project-spend.md": None}))
    assert places(found) == [("narrative/project-spend.md", None, None, None, "error")]
    assert found[0].message == ('the answer to "What will you spend the money on?" is missing; write it in '
                                "narrative/project-spend.md")


def test_total_cost_below_amount_requested(make_project):
    text = MINIMAL["project.yaml"] + PROPOSAL + "total_cost: 15000\n"
    found = problems_of(make_project({"project.yaml": text, **answers(), **PLAN}))
    assert [(p.file, p.row, p.field, p.message) for p in found] == [
        ("project.yaml", 17, "total_cost", "£15,000 is less than amount_requested (£20,000); the total cost "
                                           "includes the amount asked for")]


def test_money_rules_without_cost_conflict(make_project):
    text = MINIMAL["project.yaml"] + PROPOSAL.replace("amount_requested: 20000", "amount_requested: 9000") \
        .replace("duration_years: 2", "duration_years: 6")
    found = [p for p in problems_of(make_project({"project.yaml": text, **answers(), **PLAN}))
             if p.severity == "error"]
    assert [(p.row, p.field) for p in found] == [(9, "amount_requested"), (10, "duration_years")]
    assert [p.message for p in found] == ["£9,000 is less than the £10,001 minimum",
                                          "6 is longer than the funder's 5"]


def test_budget_rows_limit(make_project):
    text = (MINIMAL["project.yaml"] + "funder: tnlcf-awards-for-all\namount_requested: 1100\n"
            "organisation:\n  legal_name: X\n  type: school\nbeneficiaries:\n  number: 30\n")
    budget = "heading,amount\n" + "".join(f"Line {i},100\n" for i in range(11))
    files = {f"narrative/{q}.md": "word " * 60 for q in ("your-idea-project", "your-idea-priorities",
                                                         "your-idea-community")}
    found = problems_of(make_project({"project.yaml": text, "budget.csv": budget, **files, **PLAN}))
    assert [(p.file, p.row, p.message) for p in found if p.severity == "error"] == [
        ("budget.csv", 12, "the budget has 11 rows; the funder's form takes at most 10")]
