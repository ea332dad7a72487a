"""Small files that would exhaust memory or the stack in the main process are refused at their file and line
before the work, in a child process held to 1 GiB so a regression fails the test rather than the machine."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import MINIMAL, write_tree

CORPUS = Path(__file__).resolve().parents[1] / "partner_files" / "cases"
CHILD = r'''
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1024 * 2**20, 1024 * 2**20))
import bidkit
print(json.dumps([(p.severity, p.file, p.row, p.message) for p in bidkit.check(sys.argv[1])]))
'''


def check_limited(root: Path) -> list[tuple]:
    result = subprocess.run([sys.executable, "-c", CHILD, str(root)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return [tuple(p) for p in json.loads(result.stdout)]


def test_99_mb_of_blank_csv_lines_is_refused_before_any_row_is_made(tmp_path):
    root = write_tree(tmp_path / "p", MINIMAL)
    (root / "meetings-blank.csv").write_bytes(b"date,title,partners\n" + b"\n" * 99_000_000)
    found = [p for p in check_limited(root) if p[1] == "meetings-blank.csv"]
    assert [(s, f, r) for s, f, r, _ in found] == [("error", "meetings-blank.csv", None)]
    assert "99,000,001 lines" in found[0][3] and "1,048,576 rows" in found[0][3]


def test_yaml_nested_5000_deep_is_a_problem_at_its_line(tmp_path):
    root = write_tree(tmp_path / "p", {**MINIMAL, "meetings-deep.yaml": "- " + "[" * 5000 + "]" * 5000 + "\n"})
    found = [p for p in check_limited(root) if p[1] == "meetings-deep.yaml"]
    assert [(s, f, r) for s, f, r, _ in found] == [("error", "meetings-deep.yaml", 1)]
    assert "more than 20 deep" in found[0][3]


def test_a_workbook_with_an_xml_entity_bomb_is_refused(tmp_path):
    laughs = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([ord("a") + i + 1]), b"&%s;" % bytes([ord("a") + i]) * 10) for i in range(8)
    ) + b"]><worksheet"
    source = zipfile.ZipFile(CORPUS / "format-xlsx" / "meetings.xlsx")
    root = write_tree(tmp_path / "p", {k: v for k, v in MINIMAL.items() if k != "meetings.csv"})
    with zipfile.ZipFile(root / "meetings.xlsx", "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<worksheet", laughs, 1)
                data = re.sub(rb'(<c r="B2"[^>]*?)( t="s")?>(.*?)</c>', rb'\1 t="inlineStr"><is><t>&i;</t></is></c>',
                              data, count=1)
            target.writestr(name, data)
    found = [p for p in check_limited(root) if p[1] == "meetings.xlsx"]
    assert [(s, f, r) for s, f, r, _ in found] == [("error", "meetings.xlsx", None)]
    assert "could not be opened" in found[0][3]


RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def small_xlsx(path: Path, rows: str, q: str = '"') -> None:
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><sheetData>{rows}</sheetData>'
             "</worksheet>")
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook'
        '.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
        'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS_NS}">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="http://schemas.'
        f'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name={q}Meetings{q} sheetId={q}1{q} '
        f'r:id={q}rId1{q}/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS_NS}">'
        f'<Relationship Id={q}rId1{q} Type={q}http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'worksheet{q} Target={q}worksheets/sheet1.xml{q}/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)


def cell(ref, text, q='"'):
    where = f" r={q}{ref}{q}" if ref else ""
    return f"<c{where} t={q}inlineStr{q}><is><t>{text}</t></is></c>"


HEADER_ROWS = ('<row r="1">' + cell("A1", "date") + cell("B1", "title") + cell("C1", "partners") + "</row>"
               '<row r="2">' + cell("A2", "13/11/2018") + cell("B2", "x") + cell("C2", "wcva") + "</row>")


def far_xlsx_found(tmp_path, rows, q='"'):
    root = write_tree(tmp_path / "p", {k: v for k, v in MINIMAL.items() if k != "meetings.csv"})
    small_xlsx(root / "meetings.xlsx", rows, q)
    return [p for p in check_limited(root) if p[1] == "meetings.xlsx"]


def test_a_far_cell_in_single_quotes_is_measured_and_refused(tmp_path):
    far = "<row r='1048576'>" + cell("XFD1048576", "far", "'") + "</row>"
    found = far_xlsx_found(tmp_path, HEADER_ROWS.replace('"', "'") + far, q="'")
    assert [(s, f) for s, f, _, _ in found] == [("error", "meetings.xlsx")]
    assert "reaches cell XFD1048576" in found[0][3] and "5,000,000" in found[0][3]


def test_a_far_cell_with_no_reference_counts_from_its_row(tmp_path):
    rows = HEADER_ROWS.replace("</row>", cell("XFD1", "w") + "</row>", 1) + '<row r="1048576">' + \
        cell(None, "far") + "</row>"
    found = far_xlsx_found(tmp_path, rows)
    assert [(s, f) for s, f, _, _ in found] == [("error", "meetings.xlsx")]
    assert "reaches cell XFD1048576" in found[0][3]


def test_an_ods_of_multiplied_repeats_is_refused(tmp_path):
    head = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
            'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body>'
            '<office:spreadsheet><table:table table:name="Meetings">')

    def c(v):
        return f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
    rows = "<table:table-row>" + c("date") + c("title") + c("partners") + "</table:table-row>" + \
        "<table:table-row>" + c("13/11/2018") + c("x") + c("wcva") + "</table:table-row>"
    far = ('<table:table-row table:number-rows-repeated="999"><table:table-cell table:number-columns-repeated="999" '
           'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>')
    root = write_tree(tmp_path / "p", {k: v for k, v in MINIMAL.items() if k != "meetings.csv"})
    with zipfile.ZipFile(root / "meetings.ods", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", head + rows + far * 100 +
                   "</table:table></office:spreadsheet></office:body></office:document-content>")
    found = [p for p in check_limited(root) if p[1] == "meetings.ods"]
    assert [(s, f) for s, f, _, _ in found] == [("error", "meetings.ods")]
    assert "5,000,000" in found[0][3]


def test_a_calamine_panic_is_one_plain_message():
    from bidkit.evidence.spreadsheets import guarded
    from bidkit.evidence.tables import ReadError

    class PanicException(BaseException):
        pass

    def panics():
        raise PanicException("called `Result::unwrap()` on an `Err` value")
    try:
        guarded(panics)
    except ReadError as exc:
        assert "PanicException" not in str(exc) and "unwrap" not in str(exc)
        assert "open it in Excel or LibreOffice and save it again" in str(exc)
    else:
        raise AssertionError("no error")


def test_a_yaml_file_past_5_mb_is_refused_before_it_is_parsed(tmp_path):
    entry = "- {date: 13/11/2018, title: AGM, partners: wcva}\n"
    root = write_tree(tmp_path / "p", {**MINIMAL, "meetings-big.yaml": entry * (6 * 2**20 // len(entry))})
    found = [p for p in check_limited(root) if p[1] == "meetings-big.yaml"]
    assert [(s, f) for s, f, _, _ in found] == [("error", "meetings-big.yaml")]
    assert "larger than 5 MB" in found[0][3]


def test_a_yaml_list_past_the_entry_limit_is_refused_on_the_event_stream(tmp_path):
    from bidkit.evidence.yamlfile import MAX_ENTRIES

    root = write_tree(tmp_path / "p", {**MINIMAL, "meetings-many.yaml": "- x\n" * (MAX_ENTRIES + 1)})
    found = [p for p in check_limited(root) if p[1] == "meetings-many.yaml"]
    assert [(s, f, r) for s, f, r, _ in found] == [("error", "meetings-many.yaml", MAX_ENTRIES + 1)]
    assert f"more than {MAX_ENTRIES:,} list entries" in found[0][3]
