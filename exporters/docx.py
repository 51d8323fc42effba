"""The report as a Word document (DOCX) in the layout of GB/T 9704—2012, built with python-docx.

The document starts from ``resources/docx/base.docx`` (page, margins, styles
with East-Asian fonts and zh-CN, footers with page numbers; see
``exporters.docx_base``) and is filled through python-docx's API.  Its oxml
layer is used only where the API has nothing: a run's East-Asian font and
language, a row that must not split (``w:cantSplit``) or repeats as a header
(``w:tblHeader``), a cell's shading, and the custom property that names the
form.

Tables come from the form's grid cells, merged with python-docx (``w:gridSpan``
across, ``w:vMerge`` down).  Their column widths and their one font size come
from ``exporters.geometry.fit_table``: a number never wraps.  The 落款 stays
with the last lines of the text (keep-with-next), the agency centred over the
date.
"""
from __future__ import annotations

import copy
import datetime
import os
from pathlib import Path

import docx
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from models.report import Report

from .common import (FORM_PROPERTY, KEEP_TOGETHER_ROWS, MARK_COLOUR, MARK_PT, MARK_TOP_MM, Heading, Marks, Paragraph,
                     Signature, Table, Title, document_blocks, export_marks, signature_box, signature_warnings,
                     xml_safe)
from .docx_base import (BASE_DOCUMENT, BODY, HEADING1, HEADING2, SIGNATURE, TABLE_LABEL, TABLE_STYLE_ID, TABLE_TEXT,
                        TEXT_WIDTH, TITLE, Style, twips)
from .geometry import (GROUP_ROW_FILL, fit_table, is_group_row, label_lines, overflow_warning, row_heights_pt,
                       table_line_pt)
from .writing import ExportError, ExportResult, write_atomically

CUSTOM_PROPERTIES = "application/vnd.openxmlformats-officedocument.custom-properties+xml"


class _Builder:
    """Fills one python-docx Document with the report's blocks."""

    def __init__(self, document, warnings: list[str], marks: Marks) -> None:
        self.document = document
        self.warnings = warnings
        self.export_marks = marks
        self.styles = {style.style_id: style for style in document.styles}
        self._run_properties: dict[str, etree._Element] = {}
        for style in (BODY, TITLE, HEADING1, HEADING2, SIGNATURE, TABLE_TEXT, TABLE_LABEL):
            self._run_properties[style.id] = style.run_properties(etree.Element(qn("w:r")))

    # ------------------------------------------------------------ paragraphs

    def paragraph(self, style: Style, text: str, size_pt: float | None = None) -> DocxParagraph:
        p = self.document.add_paragraph()
        self.fill(p, style, text, size_pt)
        return p

    def fill(self, p: DocxParagraph, style: Style, text: str, size_pt: float | None = None) -> None:
        """The paragraph's style and its text as one run."""
        # the style by its id, at the oxml level: python-docx's style setter looks the name up each time
        p._p.style = None if style is BODY else style.id
        if text:
            self.add_run(p, style, text, size_pt)

    def add_run(self, p: DocxParagraph, style: Style, text: str, size_pt: float | None = None) -> None:
        run = p.add_run(text)
        # the style's four font slots and zh-CN on every run, as the viewers that ignore styles need
        properties = copy.deepcopy(self._run_properties[style.id])
        if size_pt is not None and size_pt != style.size:
            for tag in ("w:sz", "w:szCs"):
                properties.find(qn(tag)).set(qn("w:val"), str(round(size_pt * 2)))
        run._r.insert(0, properties)

    # ------------------------------------------------------------ tables

    def table(self, block: Table) -> None:
        table = block.table
        fit = fit_table(block, TEXT_WIDTH / 20)
        warning = overflow_warning(block, fit)
        if warning:
            self.warnings.append(warning)
        widths = [int(x * 20) for x in fit.widths]
        widths[-1] += TEXT_WIDTH - sum(widths)
        lines = label_lines(block, fit)
        heights = row_heights_pt(block, fit, lines)
        line_twips = str(round(table_line_pt(fit) * 20))
        t = self.document.add_table(rows=table.n_rows, cols=table.n_cols)
        t.style = self.styles[TABLE_STYLE_ID]
        t.autofit = False                      # fixed layout: the widths below hold
        for column, width in zip(t.columns, widths):
            column.width = Twips(width)
        rows = list(t.rows)
        for r, row in enumerate(rows):
            # the rows as tall as the PDF's (geometry.row_heights_pt), so both break pages alike
            row.height = Twips(round(heights[r] * 20))
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.insert_element_before(OxmlElement("w:cantSplit"), "w:trHeight")   # no row across two pages
            if r < table.header_rows:
                tr_pr.append(OxmlElement("w:tblHeader"))                             # repeated on each page
        # the cells' properties written in the schema's order, the merges directly (w:gridSpan, w:vMerge):
        # python-docx's merge() re-reads the whole table for each merge, and its ordered inserts cost more
        # than the rest of the export
        cells = [list(row._tr.tc_lst) for row in rows]
        keep_together = table.n_rows <= KEEP_TOGETHER_ROWS
        for cell in table.cells:
            group_row = is_group_row(table, cell)
            alignment = table.alignment(cell)    # the form's, as the screen shows it
            style = TABLE_LABEL if alignment == "left" else TABLE_TEXT
            last_row = cell.row + cell.rowspan - 1
            keep = last_row < table.header_rows or (keep_together and last_row < table.n_rows - 1)
            cell_width = str(sum(widths[cell.col:cell.col + cell.colspan]))
            for r in range(cell.row, cell.row + cell.rowspan):
                tc = cells[r][cell.col]
                tc_pr = tc.tcPr          # python-docx made it with its w:tcW
                tc_pr.tcW.set(qn("w:w"), cell_width)
                if cell.colspan > 1:
                    tc_pr.append(OxmlElement("w:gridSpan", {qn("w:val"): str(cell.colspan)}))
                    for covered in cells[r][cell.col + 1:cell.col + cell.colspan]:
                        covered.getparent().remove(covered)
                if cell.rowspan > 1:
                    tc_pr.append(OxmlElement("w:vMerge", {qn("w:val"): "restart" if r == cell.row else "continue"}))
                if group_row:
                    tc_pr.append(OxmlElement("w:shd", {qn("w:val"): "clear", qn("w:color"): "auto",
                                                       qn("w:fill"): GROUP_ROW_FILL}))
                tc_pr.append(OxmlElement("w:vAlign", {qn("w:val"): "top" if alignment == "top" else "center"}))
                p = tc.p_lst[0]
                p_pr = OxmlElement("w:pPr")
                p_pr.append(OxmlElement("w:pStyle", {qn("w:val"): style.id}))
                if keep:
                    p_pr.append(OxmlElement("w:keepNext"))
                p_pr.append(OxmlElement("w:spacing", {qn("w:before"): "0", qn("w:after"): "0",
                                                      qn("w:line"): line_twips, qn("w:lineRule"): "exact"}))
                p.insert(0, p_pr)
                if r != cell.row:
                    continue
                paragraph = DocxParagraph(p, t)
                if cell.is_number:
                    text = block.text_of(cell)
                    if text:
                        self.add_run(paragraph, style, text, fit.font_pt)
                    continue
                # a label's lines as geometry.label_lines broke them: the same in all three files
                for i, line in enumerate(lines.get((cell.row, cell.col), ())):
                    if i:
                        paragraph.runs[-1].add_break()
                    self.add_run(paragraph, style, line, fit.font_pt)
        # Word needs a paragraph between two tables; it also gives air
        self.paragraph(BODY, "")

    # ------------------------------------------------------------ the 落款

    def signature(self, block: Signature, last_text) -> None:
        """GB/T 9704 §7.3.5.1: the date 右空四字, the agency centred over it in the lines the content
        model broke it into; both kept on the page that holds the last lines of the text before them."""
        box = signature_box(block.date)
        if last_text is not None:
            # the paragraph's end goes with the 落款, at least two of its lines
            last_text.paragraph_format.keep_with_next = True
            last_text.paragraph_format.widow_control = True
        for _ in range(2):
            self.paragraph(BODY, "").paragraph_format.keep_with_next = True
        for line in block.agency or ("",):     # no name: its line kept free for the seal and a written name
            p = self.paragraph(SIGNATURE, line)
            fmt = p.paragraph_format
            fmt.keep_with_next = fmt.keep_together = True
            fmt.left_indent, fmt.right_indent, fmt.first_line_indent = Pt(box.agency_left), Pt(0), Pt(0)
            fmt.alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
        p = self.paragraph(SIGNATURE, block.date)
        fmt = p.paragraph_format
        fmt.keep_together = True
        fmt.left_indent, fmt.right_indent, fmt.first_line_indent = Pt(0), Pt(box.date_right), Pt(0)

    def marks(self, block: Marks) -> None:
        """The marks of a forced or draft export in the header of the first page only (GB/T 9704 puts 密级
        and 紧急程度 there): the body's pages stay as a clean export's."""
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        header = section.first_page_header
        header.is_linked_to_previous = False
        section.header_distance = Twips(twips(MARK_TOP_MM))
        paragraphs = header.paragraphs
        for i, line in enumerate(block.lines):
            p = paragraphs[0] if i == 0 and paragraphs else header.add_paragraph()
            self.fill(p, HEADING1, "")
            p.paragraph_format.first_line_indent = Pt(0)
            run = p.add_run(line)
            run._r.insert(0, copy.deepcopy(self._run_properties[HEADING1.id]))
            run.font.size = Pt(MARK_PT)
            if line.startswith("未通过"):
                run.font.color.rgb = RGBColor.from_string(MARK_COLOUR)
        # the first page keeps its page number: its footer is the odd pages' one
        footer = section.first_page_footer
        footer.is_linked_to_previous = False
        odd = section.footer._element
        first = footer._element
        for child in list(first):
            first.remove(child)
        for child in odd:
            first.append(copy.deepcopy(child))

    # ------------------------------------------------------------ the document

    def build(self, report: Report) -> None:
        body = self.document.element.body
        placeholder = body.find(qn("w:p"))
        last_text = None
        for block in document_blocks(report, marks=self.export_marks):
            if isinstance(block, Marks):
                self.marks(block)
                continue
            if isinstance(block, Title):
                for line in block.lines:
                    if line:
                        self.paragraph(TITLE, line)
                self.paragraph(TITLE, "")  # GB/T 9704: one blank line below the title
            elif isinstance(block, Heading):
                self.paragraph(HEADING1 if block.level == 1 else HEADING2, block.text)
            elif isinstance(block, Paragraph):
                last_text = self.paragraph(BODY, block.text)
                continue
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Signature):
                self.signature(block, last_text)
            last_text = None
        if placeholder is not None:
            body.remove(placeholder)


def _properties(document, report: Report, marks: Marks) -> None:
    core = document.core_properties
    core.title = xml_safe("".join(report.title_lines))
    core.author = xml_safe(report.agency)
    core.language = "zh-CN"
    # a forced or draft export says so where a file's properties are read (Word's 文件 → 信息, the desktop)
    core.subject = marks.text
    core.keywords = marks.text
    core.content_status = marks.text
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)
    core.created = core.modified = now
    # the custom property that lets an importer recognise our export: python-docx has no API for it
    fmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
           f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           f'<property fmtid="{fmtid}" pid="2" name="{FORM_PROPERTY}"><vt:lpwstr>{_escape(report.form.id)}'
           f'</vt:lpwstr></property>'
           f'<property fmtid="{fmtid}" pid="3" name="gkbg-year"><vt:i4>{int(report.year)}</vt:i4></property>'
           f'<property fmtid="{fmtid}" pid="4" name="gkbg-check-errors"><vt:i4>{marks.errors}</vt:i4></property>'
           + (f'<property fmtid="{fmtid}" pid="5" name="gkbg-mark"><vt:lpwstr>{_escape(marks.text)}</vt:lpwstr>'
              f'</property>' if marks.lines else "")
           + '</Properties>')
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_PROPERTIES, xml.encode(), package)
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


def _escape(text: str) -> str:
    return xml_safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_document(report: Report, warnings: list[str] | None = None, mark: str | None = None):
    """The filled python-docx Document; what the clerk should know goes to ``warnings``; ``mark``: the
    clerk's 草稿 / 征求意见稿."""
    try:
        document = docx.Document(str(BASE_DOCUMENT))
    except (OSError, KeyError, ValueError) as e:
        raise ExportError(f"无法导出 Word：程序自带的文档模板 {BASE_DOCUMENT.name} 缺失或已损坏，请重新安装本程序") from e
    marks = export_marks(report, mark)
    warnings = [] if warnings is None else warnings
    warnings += signature_warnings(report)
    _Builder(document, warnings, marks).build(report)
    _properties(document, report, marks)
    return document


def write_docx(report: Report, path: str | os.PathLike, *, mark: str | None = None) -> ExportResult:
    """Write the report to ``path`` as DOCX; ``ExportError`` (Chinese) when it cannot be written."""
    warnings: list[str] = []
    document = build_document(report, warnings, mark)
    write_atomically(path, lambda tmp: document.save(str(tmp)))
    return ExportResult(Path(path), "Word", warnings)
