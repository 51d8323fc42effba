"""The base document of the DOCX export: page, styles, footers and settings, without a body.

``resources/docx/base.docx`` is what ``exporters.docx`` opens with python-docx and
fills; this module is how that file is made, so that every measure in it is
written down once, here, from ``exporters.common``.  Regenerate it after a
change with ``python -m exporters.docx_base`` (a test compares the two).

The base document is A4 with the margins of GB/T 9704—2012, 22 lines of 28
characters, page numbers "— N —" right on odd pages and left on even ones
(two footers, ``w:evenAndOddHeaders``), and styles whose fonts fill the
East-Asian slot (``w:eastAsia``) and whose language is zh-CN — not
python-docx's default template (US Letter, ja-JP, theme fonts that send Word
and LibreOffice to Japanese glyphs).
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from .common import (BODY_FONT, BODY_LINE_PT, BODY_PT, CELL_PAD_X_MM, CHAR_PITCH_PT, CHAR_SPACING_PT,
                     HEADING1_FONT, HEADING2_FONT, INDENT_CHARS, LATIN_FONT, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM,
                     MARGIN_RIGHT_MM, MARGIN_TOP_MM, PAGE_HEIGHT_MM, PAGE_NUMBER_FONT,
                     PAGE_NUMBER_GAP_MM, PAGE_NUMBER_PT, PAGE_WIDTH_MM, TABLE_FONT, TABLE_PT, TITLE_FONT,
                     TITLE_LINE_FACTOR, TITLE_PT)

TABLE_STYLE, TABLE_STYLE_ID = "Table Grid", "TableGrid"
BASE_DOCUMENT = Path(__file__).resolve().parent.parent / "resources" / "docx" / "base.docx"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"w": W_NS, "r": R_NS}

LANGUAGE = {"val": "en-US", "eastAsia": "zh-CN", "bidi": "ar-SA"}


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def half_points(pt: float) -> int:
    return round(pt * 2)


PAGE_WIDTH, PAGE_HEIGHT = twips(PAGE_WIDTH_MM), twips(PAGE_HEIGHT_MM)      # 11906 × 16838
MARGINS = {"top": twips(MARGIN_TOP_MM), "bottom": twips(MARGIN_BOTTOM_MM),
           "left": twips(MARGIN_LEFT_MM), "right": twips(MARGIN_RIGHT_MM)}
TEXT_WIDTH = PAGE_WIDTH - MARGINS["left"] - MARGINS["right"]
# GB/T 9704: the page number's top edge sits 7 mm below the text area
FOOTER_DISTANCE = twips(MARGIN_BOTTOM_MM - PAGE_NUMBER_GAP_MM - PAGE_NUMBER_PT * 25.4 / 72)
BODY_LINE = round(BODY_LINE_PT * 20)
TITLE_LINE = round(TITLE_PT * TITLE_LINE_FACTOR * 20)
TABLE_CELL_MARGIN = twips(CELL_PAD_X_MM)
CHAR_SPACING = round(CHAR_SPACING_PT * 20)    # 28 characters a line
INDENT_TWO_CHARS = round(CHAR_PITCH_PT * INDENT_CHARS * 20)


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def el(tag: str, parent: etree._Element | None = None, **attrs) -> etree._Element:
    """A ``w:`` element with ``w:`` attributes (``r_id`` becomes ``r:id``)."""
    qualified = {}
    for name, value in attrs.items():
        if name == "r_id":
            qualified[f"{{{R_NS}}}id"] = str(value)
        else:
            qualified[w(name)] = str(value)
    if parent is None:
        return etree.Element(w(tag), qualified, nsmap=NSMAP)
    return etree.SubElement(parent, w(tag), qualified)


# ---------------------------------------------------------------- styles

class Style:
    """A paragraph style: its font (all four slots), size, and paragraph properties."""

    def __init__(self, style_id: str, name: str, font: str, size_pt: float, *, bold: bool = False,
                 align: str = "both", first_line: int = 0, line: int | None = BODY_LINE,
                 outline: int | None = None, keep_next: bool = False, snap: bool = True,
                 right_indent: int = 0, space_after: int = 0, latin: str | None = None,
                 spacing: int = 0) -> None:
        self.id, self.name, self.font, self.size = style_id, name, font, size_pt
        self.latin = latin or font
        self.bold, self.align, self.first_line, self.line = bold, align, first_line, line
        self.outline, self.keep_next, self.snap = outline, keep_next, snap
        self.right_indent, self.space_after = right_indent, space_after
        self.spacing = spacing

    def fonts(self, parent: etree._Element) -> etree._Element:
        # w:hint makes “ ” … and other shared punctuation take the East-Asian font
        return el("rFonts", parent, ascii=self.latin, hAnsi=self.latin, eastAsia=self.font, cs=self.latin,
                  hint="eastAsia")

    def run_properties(self, parent: etree._Element) -> etree._Element:
        rpr = el("rPr", parent)
        self.fonts(rpr)
        if self.bold:
            el("b", rpr)
            el("bCs", rpr)
        if self.spacing:
            el("spacing", rpr, val=self.spacing)
        el("sz", rpr, val=half_points(self.size))
        el("szCs", rpr, val=half_points(self.size))
        el("lang", rpr, **LANGUAGE)
        return rpr

    def paragraph_properties(self, parent: etree._Element) -> etree._Element:
        ppr = el("pPr", parent)
        if self.keep_next:
            el("keepNext", ppr)
            el("keepLines", ppr)
        if self is BODY:
            # said explicitly, as Word's default: without it LibreOffice drops a "、" that falls at a line's
            # end (measured: 29 of them in a 20,000-character section); the other styles inherit it
            el("overflowPunct", ppr, val=1)
        if not self.snap:
            el("snapToGrid", ppr, val=0)
        if self.line is None:
            el("spacing", ppr, before=0, after=self.space_after, line=240, lineRule="auto")
        else:
            el("spacing", ppr, before=0, after=self.space_after, line=self.line, lineRule="exact")
        indent = {"left": 0, "right": self.right_indent}
        if self.first_line:
            indent.update(firstLine=self.first_line)
        else:
            indent.update(firstLine=0)
        el("ind", ppr, **indent)
        el("jc", ppr, val=self.align)
        if self.outline is not None:
            el("outlineLvl", ppr, val=self.outline)
        return ppr


# digits and Latin letters of running text in Times New Roman, as the PDF export does
BODY = Style("a0", "Normal", BODY_FONT, BODY_PT, first_line=INDENT_TWO_CHARS, latin=LATIN_FONT,
             spacing=CHAR_SPACING)
TITLE = Style("Title", "Title", TITLE_FONT, TITLE_PT, align="center", line=TITLE_LINE, keep_next=True, snap=False)
HEADING1 = Style("Heading1", "heading 1", HEADING1_FONT, BODY_PT, first_line=INDENT_TWO_CHARS, outline=0,
                 keep_next=True, spacing=CHAR_SPACING)
HEADING2 = Style("Heading2", "heading 2", HEADING2_FONT, BODY_PT, first_line=INDENT_TWO_CHARS, outline=1,
                 keep_next=True, spacing=CHAR_SPACING)
TABLE_TEXT = Style("TableText", "表格文字", TABLE_FONT, TABLE_PT, align="center", line=None, snap=False)
TABLE_LABEL = Style("TableLabel", "表格行标题", TABLE_FONT, TABLE_PT, align="left", line=None, snap=False)
SIGNATURE = Style("Signature", "落款", BODY_FONT, BODY_PT, align="right", latin=LATIN_FONT, spacing=CHAR_SPACING)
FOOTER = Style("Footer", "footer", PAGE_NUMBER_FONT, PAGE_NUMBER_PT, line=None, snap=False)
STYLES = (BODY, TITLE, HEADING1, HEADING2, TABLE_TEXT, TABLE_LABEL, SIGNATURE, FOOTER)


def styles_xml() -> etree._Element:
    root = el("styles")
    defaults = el("docDefaults", root)
    rpr = el("rPr", el("rPrDefault", defaults))
    BODY.fonts(rpr)
    el("kern", rpr, val=2)
    el("sz", rpr, val=half_points(BODY_PT))
    el("szCs", rpr, val=half_points(BODY_PT))
    el("lang", rpr, **LANGUAGE)
    ppr = el("pPr", el("pPrDefault", defaults))
    el("widowControl", ppr, val=0)
    el("jc", ppr, val="both")
    for style in STYLES:
        node = el("style", root, type="paragraph", styleId=style.id)
        if style is BODY:
            node.set(w("default"), "1")
        el("name", node, val=style.name)
        if style is not BODY:
            el("basedOn", node, val=BODY.id)
            el("next", node, val=BODY.id)
        el("qFormat", node)
        style.paragraph_properties(node)
        style.run_properties(node)
    table = el("style", root, type="table", default=1, styleId="a1")
    el("name", table, val="Normal Table")
    el("semiHidden", table)
    tblpr = el("tblPr", table)
    el("tblInd", tblpr, w=0, type="dxa")
    margins = el("tblCellMar", tblpr)
    for side in ("top", "left", "bottom", "right"):
        el(side, margins, w=0 if side in ("top", "bottom") else 108, type="dxa")
    # the report's tables: every border a single ½ pt line, 1 mm cell margins left and right, none above
    grid = el("style", root, type="table", styleId=TABLE_STYLE_ID)
    el("name", grid, val=TABLE_STYLE)
    el("basedOn", grid, val="a1")
    el("qFormat", grid)
    tblpr = el("tblPr", grid)
    el("jc", tblpr, val="center")
    borders = el("tblBorders", tblpr)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el(side, borders, val="single", sz=4, space=0, color="000000")
    margins = el("tblCellMar", tblpr)
    for side in ("top", "left", "bottom", "right"):
        el(side, margins, w=0 if side in ("top", "bottom") else TABLE_CELL_MARGIN, type="dxa")
    return root


def add_runs(p: etree._Element, style: Style, text: str) -> None:
    r = el("r", p)
    style.run_properties(r)
    t = el("t", r)
    t.set(f"{{{XML_NS}}}space", "preserve")
    t.text = text


def footer_xml(align: str) -> etree._Element:
    """A footer with "— PAGE —", one character in from the ``align`` edge (GB/T 9704 7.5)."""
    root = el("ftr")
    p = el("p", root)
    ppr = el("pPr", p)
    el("pStyle", ppr, val=FOOTER.id)
    one_char = round(PAGE_NUMBER_PT * 20)
    el("ind", ppr, left=one_char if align == "left" else 0, right=one_char if align == "right" else 0,
       firstLine=0)
    el("jc", ppr, val=align)
    add_runs(p, FOOTER, "— ")
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        r = el("r", p)
        FOOTER.run_properties(r)
        if kind == "instr":
            t = el("instrText", r)
            t.set(f"{{{XML_NS}}}space", "preserve")
            t.text = text
        elif kind == "text":
            el("t", r).text = text
        else:
            el("fldChar", r, fldCharType=kind)
    add_runs(p, FOOTER, " —")
    return root


def settings_xml() -> etree._Element:
    root = el("settings")
    el("zoom", root, percent=100)
    el("defaultTabStop", root, val=round(BODY_PT * 20))
    el("evenAndOddHeaders", root)
    el("characterSpacingControl", root, val="doNotCompress")
    compat = el("compat", root)
    el("compatSetting", compat, name="compatibilityMode", uri="http://schemas.microsoft.com/office/word", val=15)
    el("themeFontLang", root, val="en-US", eastAsia="zh-CN")
    el("decimalSymbol", root, val=".")
    el("listSeparator", root, val=",")
    return root


# the official faces with the face Windows ships as an alternative and their family (serif "roman" or
# sans "swiss"): a viewer that has neither substitutes a face of that family, in GB2312's character set (86)
FONT_TABLE = (
    (TITLE_FONT, "宋体", "roman"),
    (HEADING1_FONT, "SimHei", "swiss"),
    (HEADING2_FONT, "楷体", "roman"),
    (BODY_FONT, "仿宋", "roman"),
    (TABLE_FONT, "SimSun", "roman"),
)


def font_table_xml() -> etree._Element:
    root = el("fonts")
    for name, alternative, family in FONT_TABLE:
        font = el("font", root, name=name)
        el("altName", font, val=alternative)
        el("charset", font, val="86")
        el("family", font, val=family)
        el("pitch", font, val="variable")
    latin = el("font", root, name=LATIN_FONT)
    el("charset", latin, val="00")
    el("family", latin, val="roman")
    el("pitch", latin, val="variable")
    return root


# ---------------------------------------------------------------- package

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>
<Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
<Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>
</Relationships>"""

APP_PROPERTIES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Application>政府信息公开工作年度报告 填报工具</Application>
</Properties>"""


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def section_properties() -> etree._Element:
    sect = el("sectPr")
    el("footerReference", sect, type="default", r_id="rIdFooterOdd")
    el("footerReference", sect, type="even", r_id="rIdFooterEven")
    el("pgSz", sect, w=PAGE_WIDTH, h=PAGE_HEIGHT)
    el("pgMar", sect, **MARGINS, header=twips(15), footer=FOOTER_DISTANCE, gutter=0)
    el("pgNumType", sect, fmt="decimal")
    el("cols", sect, space=425)
    el("docGrid", sect, type="lines", linePitch=BODY_LINE)
    return sect


def empty_document() -> etree._Element:
    root = el("document")
    body = el("body", root)
    el("p", body)   # python-docx adds the body's paragraphs before this one's sectPr; the builder removes it
    body.append(section_properties())
    return root


CORE_PROPERTIES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:language>zh-CN</dc:language>
</cp:coreProperties>"""


def base_parts() -> dict[str, bytes]:
    """Every part of the base document by its name in the zip."""
    return {
        "[Content_Types].xml": CONTENT_TYPES.encode(),
        "_rels/.rels": PACKAGE_RELS.encode(),
        "docProps/core.xml": CORE_PROPERTIES.encode(),
        "docProps/app.xml": APP_PROPERTIES.encode(),
        "word/_rels/document.xml.rels": DOCUMENT_RELS.encode(),
        "word/document.xml": _xml(empty_document()),
        "word/styles.xml": _xml(styles_xml()),
        "word/settings.xml": _xml(settings_xml()),
        "word/fontTable.xml": _xml(font_table_xml()),
        "word/footer1.xml": _xml(footer_xml("right")),   # odd pages (the default footer)
        "word/footer2.xml": _xml(footer_xml("left")),    # even pages
    }


def write_base(path: Path = BASE_DOCUMENT) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in base_parts().items():
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))   # the same bytes every time
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


if __name__ == "__main__":
    write_base()
    print(f"已生成 {BASE_DOCUMENT}")
