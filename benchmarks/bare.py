"""The bare libraries on the same content, no bidkit around them: docxtpl render+save of each DOCX and
WeasyPrint write_pdf of each rendered HTML page, sequentially in one process (imports included).

Run by bench_build.py with the folder prepare_bare() wrote: NAME.docx (bidkit's output, used as a template)
and html/NAME.html (bidkit's rendered HTML beside the shipped CSS and fonts).
"""
import io
import sys
from pathlib import Path

from docxtpl import DocxTemplate
from weasyprint import HTML

folder = Path(sys.argv[1])
for docx in sorted(folder.glob("*.docx")):
    template = DocxTemplate(str(docx))
    template.render({})
    template.save(io.BytesIO())
    html = folder / "html" / (docx.stem + ".html")
    HTML(filename=str(html)).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
