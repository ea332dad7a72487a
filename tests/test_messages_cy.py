"""`bidkit check` tells a Welsh-speaking partner what is wrong in Welsh: the checks of the evidence (dates against
as_of, nations, the funder's word limits, the narrative in each language, the budget, pydantic's own limits) give
each problem as a template the Welsh catalogue translates, with the nation's name, the dates and the amounts put
in as Welsh writes them. The English lines stay word for word what they were."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bidkit.cli import cli
from bidkit.evidence.load import read_evidence
from bidkit.i18n import words
from bidkit.problems import Message

EXAMPLE = Path(__file__).resolve().parent.parent / "evidence"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + line + "\n", encoding="utf-8")


MEETING = "{day},{title},wcva,meeting,in-person,{status},{attendees},wales,,"
# Each case breaks the example project one way (a function of the project folder).
CASES = {
    "held-after-as-of": lambda root: append(root / "meetings-ehrc.csv", MEETING.format(
        day="20/03/2019", title="A meeting after as_of", status="held", attendees=5)),
    "negative-attendance": lambda root: append(root / "meetings-ehrc.csv", MEETING.format(
        day="20/02/2019", title="Counted wrong", status="held", attendees=-5)),
    "unknown-nation": lambda root: edit(root / "project.yaml", "nations: [wales, england,", "nations: [wales, englnd,"),
    "no-meeting-in-a-nation": lambda root: (root / "meetings.xlsx").unlink(),
    "budget-total": lambda root: edit(root / "project.yaml", "amount_requested: 249600", "amount_requested: 249000"),
    "over-the-word-limit": lambda root: append(root / "narrative" / "your-idea-project.md", "word " * 600),
    "welsh-section-missing": lambda root: (root / "narrative" / "cy" / "summary.md").unlink(),
    "month-first": lambda root: (root / "meetings-us.csv").write_text(
        "date,title,partners,status,attendees\n11/13/2018,Round table,wcva,held,5\n12/4/2018,Visit,wcva,held,4\n",
        encoding="utf-8"),
    "partner-misspelt": lambda root: append(root / "meetings-ehrc.csv", MEETING.replace("wcva", "wcvaa").format(
        day="20/02/2019", title="Spelt wrong", status="held", attendees=3)),
    "answer-missing": lambda root: (root / "narrative" / "your-idea-project.md").unlink(),
    "unknown-funder": lambda root: edit(root / "project.yaml", "funder: tnlcf-funding-proposal",
                                        "funder: tnlcf-funding-proposl"),
    "linked-file": lambda root: (root / "meetings-link.csv").symlink_to(root / "meetings-ehrc.csv"),
    "period-backwards": lambda root: edit(root / "project.yaml", "  end: 2019-03-31", "  end: 2018-10-31"),
    "far-date": lambda root: append(root / "meetings-ehrc.csv", MEETING.format(
        day="20/02/2109", title="A slip of the keyboard", status="planned", attendees="")),
}


def project_with(folder: Path, case: str) -> Path:
    root = folder / "evidence"
    shutil.copytree(EXAMPLE, root)
    CASES[case](root)
    return root


def lines(root: Path, *options: str) -> list[str]:
    result = CliRunner().invoke(cli, ["check", str(root), *options])
    return result.output.splitlines()


DUPLICATE_CY = ("meetings.xlsx[Meetings]:3: rhybudd: mae'r un cyfarfod ('Disabled people's organisations round "
                "table', 13 Tachwedd 2018) hefyd wedi'i gofnodi yn meetings-ehrc.csv:2; caiff ei gyfrif unwaith")
WELSH = {
    "held-after-as-of": ["meetings-ehrc.csv:7: status: mae'n 'held' ond mae'r cyfarfod ar 20 Mawrth 2019, ar ôl "
                         "as_of (15 Mawrth 2019) yn project.yaml", DUPLICATE_CY, "1 gwall, 3 rhybudd mewn 3 ffeil"],
    "negative-attendance": ["meetings-ehrc.csv:7: attendees: rhaid iddo fod yn 0 neu fwy"],
    "unknown-nation": ["project.yaml:17: nations: nid yw 'englnd' yn un o'r rhain: england, scotland, wales, "
                       "northern-ireland, uk-wide"],
    "no-meeting-in-a-nation": [
        f"project.yaml:17: rhybudd: nations: mae '{slug}' wedi'i henwi, ond ni chynhaliwyd yr un cyfarfod yn y wlad "
        f"honno ({name}): ychwanegwch y cyfarfodydd a gynhaliwyd yno (gyda'u cenedl), neu eglurwch yn y cynnig "
        "pam y bydd y gwaith yn ei chyrraedd"
        for slug, name in (("england", "Lloegr"), ("scotland", "Yr Alban"), ("northern-ireland", "Gogledd Iwerddon"))],
    "budget-total": ["consortium.xlsx[Budget]: amount: mae llinellau'r gyllideb yn dod i £249,600 ond £249,000 yw "
                     "amount_requested (gwahaniaeth o £600 dros ben)", DUPLICATE_CY,
                     "other-funding.csv: amount: mae amount_requested (£249,000) a'r arian arall (£12,400) yn "
                     "£261,400 gyda'i gilydd, ond £262,000 yw total_cost (gwahaniaeth o £600 yn brin)",
                     "2 wall, 3 rhybudd mewn 3 ffeil"],
    "over-the-word-limit": ["narrative/your-idea-project.md: rhybudd: 913 gair; mae'r cyllidwr yn caniatáu 500 ar y "
                            "mwyaf"],
    "welsh-section-missing": ["narrative/cy/summary.md: rhybudd: mae ar goll: mae 'summary' wedi'i hysgrifennu yn "
                              "en ond nid yn 'cy'"],
    "month-first": ["meetings-us.csv:1: date: mae'n ymddangos bod y dyddiadau yng ngholofn 'date' yn rhoi'r mis yn "
                    "gyntaf, fel y mae cyfrifiadur wedi'i osod i Saesneg UDA yn eu hysgrifennu (dim ond 13 Tachwedd "
                    "2018 y gall '11/13/2018' fod a gallai '12/4/2018' fod yn 12 Ebrill 2018 neu'n 4 Rhagfyr 2018), "
                    "felly ni ddarllenir yr un o'i 2 ddyddiad; ysgrifennwch nhw â'r diwrnod yn gyntaf (13/11/2018) "
                    "neu fel 2018-11-13"],
    "partner-misspelt": ["meetings-ehrc.csv:7: partners: nid yw 'wcvaa' yn bartner (oeddech chi'n golygu 'wcva'?)"],
    "answer-missing": ["narrative/your-idea-project.md: mae'r ateb i \"Beth yr hoffech ei wneud?\" ar goll; "
                       "ysgrifennwch ef yn narrative/your-idea-project.md"],     # the funder's own Welsh title
    "unknown-funder": ["project.yaml:12: funder: nid oes proffil cyllidwr 'tnlcf-funding-proposl' (y rhai hysbys: "
                       "tnlcf-awards-for-all, tnlcf-funding-proposal)"],
    "linked-file": ["meetings-link.csv: ni chafodd ei darllen: mae'n ddolen symbolaidd; dim ond ffeiliau go iawn y "
                    "mae bidkit yn eu darllen"],                    # the reason in Welsh too
    "period-backwards": ["project.yaml:9: period: mae'n dod i ben (31 Hydref 2018) cyn iddo ddechrau (1 Tachwedd "
                         "2018)"],                                  # no English month inside Welsh text
    "far-date": ["meetings-ehrc.csv:7: date: mae 20 Chwefror 2109 dros 10 mlynedd ar ôl cyfnod y prosiect (1 "
                 "Tachwedd 2018 i 31 Mawrth 2019 yn project.yaml); byddai dyddiad mor bell ymlaen yn cyfrif fel un "
                 "wedi'i gynllunio; oeddech chi'n golygu 2019? gwiriwch y flwyddyn"],
}
ENGLISH = {
    "held-after-as-of": ["meetings-ehrc.csv:7: status: is 'held' but the meeting is on 20 March 2019, after as_of "
                         "(15 March 2019) in project.yaml",
                         "meetings.xlsx[Meetings]:3: warning: the same meeting ('Disabled people's organisations "
                         "round table', 13 November 2018) is also reported at meetings-ehrc.csv:2; it is counted once",
                         "1 error, 3 warnings in 3 files"],
    "negative-attendance": ["meetings-ehrc.csv:7: attendees: must be 0 or more"],
    "unknown-nation": ["project.yaml:17: nations: 'englnd' is not one of england, scotland, wales, northern-ireland, "
                       "uk-wide"],
    "no-meeting-in-a-nation": [
        f"project.yaml:17: warning: nations: '{slug}' is named, but no meeting was held in {name}: add the meetings "
        "held there (with their nation), or say in the proposal why the work will reach it"
        for slug, name in (("england", "England"), ("scotland", "Scotland"), ("northern-ireland", "Northern Ireland"))],
    "budget-total": ["consortium.xlsx[Budget]: amount: the budget lines add up to £249,600 but amount_requested is "
                     "£249,000 (a difference of £600 over)",
                     "other-funding.csv: amount: amount_requested (£249,000) plus the other funding (£12,400) is "
                     "£261,400, but total_cost is £262,000 (a difference of £600 under)"],
    "over-the-word-limit": ["narrative/your-idea-project.md: warning: 913 words; the funder allows at most 500"],
    "welsh-section-missing": ["narrative/cy/summary.md: warning: is missing: 'summary' is written in en but not in "
                              "'cy'"],
    "month-first": ["meetings-us.csv:1: date: the dates in column 'date' look month first, as a computer set to US "
                    "English writes them ('11/13/2018' can only be 13 November 2018 and '12/4/2018' could be 12 April "
                    "2018 or 4 December 2018), so none of its 2 dates is read; write them day first (13/11/2018) or "
                    "as 2018-11-13"],
    "partner-misspelt": ["meetings-ehrc.csv:7: partners: 'wcvaa' is not a partner (did you mean 'wcva'?)"],
    "answer-missing": ["narrative/your-idea-project.md: the answer to \"What would you like to do?\" is missing; "
                       "write it in narrative/your-idea-project.md"],
    "unknown-funder": ["project.yaml:12: funder: no funder profile 'tnlcf-funding-proposl' (known: "
                       "tnlcf-awards-for-all, tnlcf-funding-proposal)"],
    "linked-file": ["meetings-link.csv: was not read: it is a symbolic link; bidkit only reads real files"],
    "period-backwards": ["project.yaml:9: period: ends (31 October 2018) before it starts (1 November 2018)"],
    "far-date": ["meetings-ehrc.csv:7: date: 20 February 2109 is more than 10 years after the project's period "
                 "(1 November 2018 to 31 March 2019 in project.yaml); a date this far ahead would count as planned; "
                 "did you mean 2019? check the year"],
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """Each case's project folder, made once for the module."""
    return {case: project_with(tmp_path_factory.mktemp(case), case) for case in CASES}


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_tells_the_problem_in_welsh(broken, case):
    found = lines(broken[case], "--lang", "cy")
    assert [line for line in WELSH[case] if line not in found] == []
    # the action plan's leads that are no partner, in every case: a warning in Welsh too
    assert ("consortium.xlsx[Action plan]!D19: rhybudd: leads: nid yw 'Open Gov Network Wales' yn bartner; fe'i "
            "dangosir fel y'i hysgrifennwyd") in found


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_english_lines_are_as_they_were(broken, case):
    found = lines(broken[case], "--lang", "en")
    assert [line for line in ENGLISH[case] if line not in found] == []


@pytest.mark.parametrize("written", ["[cy, en]", "[Cymraeg, English]", "cy, en", "[CY, en]"])
def test_a_project_written_first_in_welsh_is_told_in_welsh_without_asking(tmp_path, written):
    """However project.yaml names Welsh first, as the project itself reads it."""
    root = project_with(tmp_path, "negative-attendance")
    edit(root / "project.yaml", "languages: [en, cy]", f"languages: {written}")
    found = lines(root)
    assert "meetings-ehrc.csv:7: attendees: rhaid iddo fod yn 0 neu fwy" in found
    assert "meetings-ehrc.csv:7: attendees: must be 0 or more" not in found
    assert "meetings-ehrc.csv:7: attendees: must be 0 or more" in lines(root, "--lang", "en")


def templates(template, args):
    """The template and those of the phrases put into it (a hint, a reason, a list of differences)."""
    yield template, args or {}
    for value in (args or {}).values():
        for phrase in value if isinstance(value, tuple) else (value,):
            if isinstance(phrase, Message):
                yield from templates(phrase.template, phrase.args)


def test_a_placeholder_typed_wrong_is_told_in_welsh_with_its_braces():
    from bidkit.evidence.narrative import placeholder_problems
    from bidkit.problems import fill

    told = [fill(m.template, m.args, words("cy")) for m, _ in placeholder_problems("{{ people_reached } {{ x }} {{")]
    assert told == ["nid yw '{{ people_reached }' yn ddalfan gyflawn (dwy gromfach bob ochr); ysgrifennwch "
                    "{{ people_reached }}",
                    "ffigur anhysbys 'x'; y ffigurau yw meetings_held, organisations_met, people_reached, partners, "
                    "nations_covered, amount_requested",
                    "nid oes '}}' yn cyfateb i '{{'; ysgrifennir ffigur fel {{ meetings_held }}"]


def test_every_problem_of_these_cases_is_translated(broken):
    cy, seen = words("cy"), set()
    for root in broken.values():
        _evidence, problems, _complete = read_evidence(root)
        for p in problems:
            assert p.template is not None, p.message
            for template, args in templates(p.template, p.args):
                if isinstance(template, tuple):
                    n = args["n"]
                    assert cy.n_(*template, n) != (template[0] if n == 1 else template[1]), template
                else:
                    assert cy._(template) != template, template
                seen.add(template)
    assert len(seen) >= 12


def test_why_a_command_could_not_run_is_told_in_welsh_too(tmp_path):
    """Exit 2 (the command could not run) in the reader's language: no project folder, an output folder inside the
    project, a partner the workbook does not know; English as it was."""
    import subprocess
    import sys
    from types import SimpleNamespace

    def bidkit(*args):                      # the real entry point, which turns a BidkitError into its line
        done = subprocess.run([sys.executable, "-m", "bidkit", *map(str, args)], capture_output=True, text=True,
                              cwd=EXAMPLE.parent)
        return SimpleNamespace(exit_code=done.returncode, output=done.stdout + done.stderr)

    missing = bidkit("check", tmp_path / "nowhere", "--lang", "cy")
    assert missing.exit_code == 2 and f"nid oes ffolder prosiect yn '{tmp_path / 'nowhere'}'" in missing.output
    root = tmp_path / "evidence"
    shutil.copytree(EXAMPLE, root)
    inside = bidkit("workbook", root, "--out", root / "x.xlsx", "--lang", "cy")
    assert inside.exit_code == 2 and f"mae'r ffolder allbwn {root} y tu mewn i ffolder y prosiect {root}" in \
        inside.output
    unknown = bidkit("workbook", root, "--out", tmp_path / "x.xlsx", "--partner", "wcvaa", "--lang", "cy")
    assert unknown.exit_code == 2
    assert "--partner: nid yw 'wcvaa' yn un o bartneriaid y prosiect hwn (oeddech chi'n golygu 'wcva'?); y " \
           "partneriaid yw: wcva," in unknown.output
    english = bidkit("workbook", root, "--out", tmp_path / "x.xlsx", "--partner", "wcvaa", "--lang", "en")
    assert "--partner: 'wcvaa' is not a partner of this project (did you mean 'wcva'?); the partners are: wcva," \
        in english.output
