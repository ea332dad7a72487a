"""Partner references: what a meeting, a budget line or a file's place names is one partner, never another.

Case (review t18): partners `cvc, Cardiff Volunteer Centre` and `cardiff-volunteer-centre, Cardiff Volunteer Centre
Cathays`; a meeting naming `cardiff-volunteer-centre`. Folded, the second partner's id is the first partner's name.
Expected: an exact id (then an exact name) wins over folded text, in a record's reference and in a file's owner
alike; and the two partners' folded keys colliding is an error at the partners file naming both places.
"""
from __future__ import annotations

from bidkit.evidence.checks import Directory, check_meetings, check_partners
from bidkit.evidence.models import Meeting, Partner, Project
from bidkit.evidence.owners import owner_keys, owner_of
from bidkit.problems import Place
from conftest import MINIMAL, problems_of, xlsx

CARDIFF = ("cvc,Cardiff Volunteer Centre,charity,wales,consortium\n"
           "cardiff-volunteer-centre,Cardiff Volunteer Centre Cathays,charity,england,consortium\n")
PAIRS = [("wcva", "Wales Council for Voluntary Action"), ("cvc", "Cardiff Volunteer Centre"),
         ("cardiff-volunteer-centre", "Cardiff Volunteer Centre Cathays")]


def tuples(problems):
    return [(p.severity, p.file, p.sheet, p.row, p.cell, p.field, p.value, p.message) for p in problems]


def test_folded_keys_of_two_partners_colliding_is_an_error(make_project):
    root = make_project({"partners.csv": MINIMAL["partners.csv"] + CARDIFF,
                         "meetings.csv": "date,title,partners\n13/11/2018,Branch meeting,cardiff-volunteer-centre\n"})
    assert tuples(problems_of(root)) == [
        ("error", "partners.csv", None, 5, None, "id", "cardiff-volunteer-centre",
         "'cardiff-volunteer-centre' is too like the name 'Cardiff Volunteer Centre' of the partner at "
         "partners.csv:4: a meeting, a budget line or a file naming either could mean the other; make them "
         "differ by more than case, spaces, - or _"),
    ]


def partner(pid, name, row):
    p = Partner.model_validate({"id": pid, "name": name, "type": "charity", "nation": "wales",
                                "role": "consortium"})
    p._place = Place("partners.csv", None, row)
    return p


def test_ids_and_names_differing_only_in_case_or_dashes_collide():
    partners = [partner("cvc", "Cardiff Volunteer Centre", 2), partner("c-v-c", "Cardiff-Volunteer Centre", 3)]
    assert tuples(check_partners(partners)) == [
        ("error", "partners.csv", None, 3, None, "id", "c-v-c",
         "'c-v-c' is too like the id 'cvc' of the partner at partners.csv:2: a meeting, a budget line or a file "
         "naming either could mean the other; make them differ by more than case, spaces, - or _"),
        ("error", "partners.csv", None, 3, None, "name", "Cardiff-Volunteer Centre",
         "'Cardiff-Volunteer Centre' is too like the name 'Cardiff Volunteer Centre' of the partner at "
         "partners.csv:2: a meeting, a budget line or a file naming either could mean the other; make them "
         "differ by more than case, spaces, - or _"),
    ]


def test_a_partner_whose_id_folds_to_its_own_name_is_fine():
    assert check_partners([partner("involve", "Involve", 2), partner("wcva", "WCVA", 3)]) == []


def test_the_same_id_or_name_twice_is_reported_once():
    problems = check_partners([partner("cvc", "Cardiff", 2), partner("cvc", "Cardiff", 3)])
    assert [(p.row, p.field, p.message) for p in problems] == [
        (3, "id", "the id 'cvc' is also used at partners.csv:2"),
        (3, "name", "'Cardiff' is also listed at partners.csv:2"),
    ]


def test_an_exact_id_wins_over_another_partners_folded_name():
    partners = [partner(pid, name, row) for row, (pid, name) in enumerate(PAIRS, start=2)]
    meeting = Meeting.model_validate({"date": "2018-11-13", "title": "Branch meeting",
                                      "partners": "cardiff-volunteer-centre"})
    meeting._place = Place("meetings.csv", None, 2)
    project = Project.model_validate({"title": "T", "lead_partner": "wcva", "as_of": "2019-03-15",
                                      "period": {"start": "2018-11-01", "end": "2019-03-31"},
                                      "nations": ["wales"]})
    kept, problems = check_meetings([meeting], Directory(partners), project)
    assert problems == []
    assert [m.partners for m in kept] == [["cardiff-volunteer-centre"]]
    directory = Directory(partners)
    assert [directory.find(ref) for ref in ("cvc", "Cardiff Volunteer Centre", "Cardiff Volunteer Centre Cathays",
                                            "CARDIFF VOLUNTEER CENTRE", "cardiff-volunteer-centre-cathays")] == [
        "cvc", "cvc", "cardiff-volunteer-centre", "cvc", "cardiff-volunteer-centre"]


def test_a_files_owner_is_found_the_same_way():
    keys = owner_keys(PAIRS)
    assert [owner_of(rel, keys) for rel in ("partners/cardiff-volunteer-centre/meetings.csv",
                                            "meetings-cardiff-volunteer-centre.csv",
                                            "partners/Cardiff Volunteer Centre/meetings.csv",
                                            "partners/cvc/budget.csv")] == [
        "cardiff-volunteer-centre", "cardiff-volunteer-centre", "cvc", "cvc"]


def test_a_duplicate_id_is_not_reported_again_as_a_collision():
    """involve's name folds to the id of the other row claiming `involve`: the duplicate id is the one error."""
    problems = check_partners([partner("involve", "Someone else", 2), partner("involve", "Involve", 3)])
    assert [(p.row, p.field, p.message) for p in problems] == [
        (3, "id", "the id 'involve' is also used at partners.csv:2")]


def test_the_same_name_does_not_hide_ids_that_collide():
    problems = check_partners([partner("cvc", "Cardiff", 2), partner("c-vc", "Cardiff", 3)])
    assert [(p.row, p.field, p.value) for p in problems] == [(3, "name", "Cardiff"), (3, "id", "c-vc")]


# ---------------------------------------------------------------- one error hides no check elsewhere (issue 12)

def test_a_column_given_twice_in_a_workbook_named_after_no_kind_hides_no_meeting_reference(make_project):
    """Review t10b: the error names consortium.xlsx[Budget], so only budget lines are left unjudged."""
    from conftest import xlsx
    root = make_project({"consortium.xlsx": xlsx({"Budget": [["heading", "amount", "amount"], ["Staff", 100, 100]]}),
                         "meetings.csv": "date,title,partners\n13/11/2018,AGM,nosuchpartner\n"})
    assert tuples(p for p in problems_of(root) if p.severity == "error") == [
        ("error", "consortium.xlsx", "Budget", 1, "C1", "amount", "amount",
         "the column 'amount' is given twice (columns B and C); keep one, and delete or rename the other"),
        ("error", "meetings.csv", None, 2, None, "partners", "nosuchpartner", "'nosuchpartner' is not a partner"),
    ]


def test_one_partners_row_with_an_extra_cell_is_one_rejected_partner(make_project):
    """Review t10a: the row is refused (its id `copro` and its name, whichever way the extra cell joins, known,
    so a meeting naming it is not told again), and every other reference is still judged."""
    partners = MINIMAL["partners.csv"] + "copro,Co-Production Network, Wales,network,wales,consortium\n"
    root = make_project({"partners.csv": partners,
                         "meetings.csv": "date,title,partners\n13/11/2018,AGM,nosuchpartner\n"
                                         "14/11/2018,Board,copro\n15/11/2018,Forum,wcva\n"
                                         '16/11/2018,Panel,"Co-Production Network, Wales"\n'})
    assert tuples(p for p in problems_of(root) if p.severity == "error") == [
        ("error", "meetings.csv", None, 2, None, "partners", "nosuchpartner", "'nosuchpartner' is not a partner"),
        ("error", "partners.csv", None, 4, None, None,
         "copro,Co-Production Network, Wales,network,wales,consortium",
         "row 4 has 6 cells but the first row names 5 columns: is there a comma inside a value? Put that value "
         "in double quotes (\"Met the board, agreed next steps\"), or save the file again from Excel or "
         "LibreOffice, which adds the quotes"),
    ]


def test_a_refused_lead_partners_row_is_not_reported_as_missing(make_project):
    partners = "id,name,type,nation,role\nwcva,Wales Council, for Voluntary Action,charity,wales,lead\n" \
               "involve,Involve,charity,england,consortium\n"
    root = make_project({"partners.csv": partners, "meetings.csv": "date,title,partners\n13/11/2018,AGM,involve\n"})
    assert [(p.file, p.row, p.field) for p in problems_of(root) if p.severity == "error"] == [
        ("partners.csv", 2, None)]


def test_a_meeting_with_another_error_still_hears_of_a_wrong_partner(make_project):
    """Review t12: a wrong date and a wrong count do not hide that 'wcvaa' is not a partner; the row is still
    refused. A partners cell that is itself wrong is reported once, as it was."""
    root = make_project({
        "meetings-wcva.csv": "date,title,partners\n13/11/2018,AGM,wcva\n",
        "partners/involve/meetings.csv": "date,title,partners,attendees\n"
                                         "31/02/2019,Joint workshop,involve; wcvaa,twenty\n"
                                         "32/01/2019,Another,wcva,3\n",
        "consortium.xlsx": __import__("conftest").xlsx({
            "Budget": [["heading", "amount", "partner"], ["Staff", "lots", "Invlove"]],
            "Action plan": [["workstream", "activity", "leads", "status"], ["1. Net", "Meet", "Cardiff Uni", "wrong"]]}),
    })
    assert tuples(problems_of(root)) == [
        ("error", "consortium.xlsx", "Action plan", 2, "D2", "status", "wrong",
         "'wrong' is not one of planned, in-progress, done, ongoing, dropped"),
        ("warning", "consortium.xlsx", "Action plan", 2, "C2", "leads", "Cardiff Uni",
         "'Cardiff Uni' is not a partner; it is shown as written"),
        ("error", "consortium.xlsx", "Budget", 2, "B2", "amount", "lots", "'lots' is not an amount in pounds (write e.g. 12500 or £12,500)"),
        ("error", "consortium.xlsx", "Budget", 2, "C2", "partner", "Invlove",
         "'Invlove' is not a partner (did you mean 'Involve'?)"),
        ("error", "partners/involve/meetings.csv", None, 2, None, "date", "31/02/2019",
         "'31/02/2019' is not a real date (February 2019 has 28 days)"),
        ("error", "partners/involve/meetings.csv", None, 2, None, "attendees", "twenty",
         "'twenty' is not a whole number"),
        ("error", "partners/involve/meetings.csv", None, 2, None, "partners", "wcvaa",
         "'wcvaa' is not a partner (did you mean 'wcva'?)"),
        ("error", "partners/involve/meetings.csv", None, 3, None, "date", "32/01/2019",
         "'32/01/2019' is not a real date (January 2019 has 31 days)"),
    ]


def test_a_partners_row_refused_with_neither_name_readable_leaves_references_unjudged(make_project):
    """A NUL byte (a damaged file) in a partner's type: the row is refused and its id and name are not in the
    problem, so a reference to it cannot be told from a wrong one; none is judged (as before)."""
    partners = MINIMAL["partners.csv"] + "copro,Co-Production Network,char\x00ity,wales,consortium\n"
    root = make_project({"partners.csv": partners,
                         "meetings.csv": "date,title,partners\n13/11/2018,AGM,copro\n14/11/2018,Board,nosuch\n"})
    assert [(p.file, p.row, p.field) for p in problems_of(root) if p.severity == "error"] == [
        ("partners.csv", 4, "type")]


def test_a_misnamed_sheet_of_meetings_leaves_partner_references_judged(make_project):
    """The unread sheet is meetings, and says so: a wrong partner in another file is still reported."""
    root = make_project({"wcva-evidence.xlsx": xlsx({"Sheet1": [["date", "title", "partners"],
                                                                ["14/11/2018", "Joint", "wcva"]]}),
                         "meetings.csv": "date,title,partners\n14/11/2018,First,wcvaa\n"})
    found = {(p.file, p.field, p.severity) for p in problems_of(root)}
    assert ("wcva-evidence.xlsx", None, "error") in found and ("meetings.csv", "partners", "error") in found
