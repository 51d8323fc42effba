"""DOCX export: the raw package read back (page, fonts, language, merges, header rows, footers), and LibreOffice."""
from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from exporters.common import UNDATED
from exporters.docx import write_docx
from models.form import CellRef
from models.form_2021 import FORM_2021
from models.report import Subsection
from tests.conftest import EXAMPLES
from tests.export_support import balanced_report, soffice_convert

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(name: str) -> str:
    return f"{{{W}}}{name}"


def parts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as z:
        return {name: etree.fromstring(z.read(name)) for name in z.namelist() if name.endswith(".xml")
                or name.endswith(".rels")}


def text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(q("t")))


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "报告.docx"
    report = balanced_report()
    write_docx(report, path)
    return report, path, parts(path)


# ---------------------------------------------------------------- page

def test_page_is_a4_with_gb_t_9704_margins(exported):
    _, _, xml = exported
    sect = xml["word/document.xml"].find(".//w:body/w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (size.get(q("w")), size.get(q("h"))) == ("11906", "16838")
    margins = sect.find("w:pgMar", NS)
    # 37 / 35 / 28 / 26 mm in twips (1 mm = 1440 / 25.4)
    assert {side: int(margins.get(q(side))) for side in ("top", "bottom", "left", "right")} == \
        {"top": 2098, "bottom": 1984, "left": 1587, "right": 1474}
    assert size.get(q("orient")) is None


def test_package_opens_with_python_docx(exported):
    import docx  # python-docx
    _, path, _ = exported
    document = docx.Document(str(path))
    assert len(document.tables) == 3
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


# ---------------------------------------------------------------- fonts and language

def test_document_defaults_say_zh_cn_and_name_an_east_asian_font(exported):
    _, _, xml = exported
    rpr = xml["word/styles.xml"].find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert rpr.find("w:lang", NS).get(q("eastAsia")) == "zh-CN"
    assert rpr.find("w:rFonts", NS).get(q("eastAsia")) == "仿宋_GB2312"
    assert xml["word/settings.xml"].find("w:themeFontLang", NS).get(q("eastAsia")) == "zh-CN"


def test_no_japanese_language_or_theme_fonts_anywhere(exported):
    _, path, _ = exported
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            data = z.read(name).decode("utf-8")
            assert "ja-JP" not in data, name
            assert re.search(r"w:\w+Theme=", data) is None, name  # no theme fonts (a theme would pick them)


def test_every_run_names_its_east_asian_font_and_zh_cn(exported):
    _, _, xml = exported
    for name in ("word/document.xml", "word/footer1.xml", "word/footer2.xml"):
        runs = xml[name].findall(".//w:r", NS)
        assert runs
        for run in runs:
            fonts = run.find("w:rPr/w:rFonts", NS)
            assert fonts is not None and fonts.get(q("eastAsia")), etree.tostring(run, encoding=str)
            assert run.find("w:rPr/w:lang", NS).get(q("eastAsia")) == "zh-CN"


def style(xml, style_id):
    node = xml["word/styles.xml"].find(f"w:style[@w:styleId='{style_id}']", NS)
    assert node is not None, style_id
    return node


@pytest.mark.parametrize("style_id, font, latin, half_points", [
    ("Title", "方正小标宋简体", None, 44), ("Heading1", "黑体", None, 32), ("Heading2", "楷体_GB2312", None, 32),
    ("a0", "仿宋_GB2312", "Times New Roman", 32), ("Signature", "仿宋_GB2312", "Times New Roman", 32),
    ("TableText", "宋体", None, 21), ("Footer", "宋体", None, 28)])
def test_styles_use_the_official_faces_and_sizes(exported, style_id, font, latin, half_points):
    _, _, xml = exported
    node = style(xml, style_id)
    fonts = node.find("w:rPr/w:rFonts", NS)
    assert fonts.get(q("eastAsia")) == font and fonts.get(q("ascii")) == (latin or font)
    assert fonts.get(q("hint")) == "eastAsia"  # “ ” and … take the Chinese face
    assert node.find("w:rPr/w:sz", NS).get(q("val")) == str(half_points)
    assert node.find("w:rPr/w:lang", NS).get(q("eastAsia")) == "zh-CN"


def test_body_has_two_character_indent_and_fixed_line_spacing(exported):
    _, _, xml = exported
    ppr = style(xml, "a0").find("w:pPr", NS)
    assert ppr.find("w:ind", NS).get(q("firstLine")) == "630"          # 2 × 15.75 pt, the pitch of 28 a line
    # 16 pt characters 0.25 pt closer: 28 fit the 156 mm line (442.2 pt), 29 do not
    assert style(xml, "a0").find("w:rPr/w:spacing", NS).get(q("val")) == "-5"
    spacing = ppr.find("w:spacing", NS)
    assert (spacing.get(q("line")), spacing.get(q("lineRule"))) == ("579", "exact")  # 28.95 pt
    assert style(xml, "Title").find("w:pPr/w:jc", NS).get(q("val")) == "center"


# ---------------------------------------------------------------- content in order

def paragraphs(xml) -> list[tuple[str, str]]:
    body = xml["word/document.xml"].find("w:body", NS)
    result = []
    for p in body.findall("w:p", NS):
        style_node = p.find("w:pPr/w:pStyle", NS)
        result.append((style_node.get(q("val")) if style_node is not None else "a0", text_of(p)))  # a0: the default
    return result


def test_title_sections_sub_heads_and_paragraphs_in_order(exported):
    report, _, xml = exported
    styled = [(s, t) for s, t in paragraphs(xml) if t]
    assert styled[:2] == [("Title", report.agency), ("Title", "2025年政府信息公开工作年度报告")]
    assert ("a0", report.preamble) == styled[2]
    headings = [t for s, t in styled if s == "Heading1"]
    assert headings == [s.title for s in FORM_2021.sections]
    subheads = [t for s, t in styled if s == "Heading2"]
    assert subheads == ["（一）主动公开", "（二）依申请公开", "（一）存在的主要问题", "（二）改进情况"]
    body = [t for s, t in styled if s == "a0"]
    assert body[1:3] == ["2025年，本机关主动公开政府信息。", "第二段说明。"]
    assert [t for s, t in styled if s == "Signature"] == [report.agency, "2026年1月20日"]


def test_an_undated_report_prints_its_signature_with_room_for_the_date(tmp_path):
    report = balanced_report(date=None)
    result = write_docx(report, tmp_path / "a.docx")
    assert [t for s, t in paragraphs(parts(tmp_path / "a.docx")) if s == "Signature"] == [report.agency, UNDATED]
    assert any("成文日期" in w for w in result.warnings)


def test_custom_property_names_the_form(exported):
    _, _, xml = exported
    props = xml["docProps/custom.xml"]
    ns = {"p": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"}
    prop = props.find("p:property[@name='gkbg-form']", ns)
    assert prop is not None and "".join(prop.itertext()) == "2021"


# ---------------------------------------------------------------- tables

def read_grid(tbl) -> tuple[dict[tuple[int, int], tuple[int, int]], dict[tuple[int, int], str], int]:
    """(row, col) → (rowspan, colspan) and text, rebuilt from w:gridSpan and w:vMerge."""
    spans: dict[tuple[int, int], list[int]] = {}
    texts: dict[tuple[int, int], str] = {}
    open_merges: dict[int, tuple[int, int]] = {}
    width = 0
    for r, tr in enumerate(tbl.findall("w:tr", NS)):
        c = 0
        for tc in tr.findall("w:tc", NS):
            span_node = tc.find("w:tcPr/w:gridSpan", NS)
            span = int(span_node.get(q("val"))) if span_node is not None else 1
            merge = tc.find("w:tcPr/w:vMerge", NS)
            if merge is not None and merge.get(q("val")) != "restart":
                start = open_merges[c]
                assert spans[start][1] == span, f"continuation at {(r, c)} has another width"
                assert text_of(tc) == ""
                spans[start][0] += 1
            else:
                spans[(r, c)] = [1, span]
                texts[(r, c)] = text_of(tc)
                if merge is not None:
                    open_merges[c] = (r, c)
                else:
                    open_merges.pop(c, None)
            c += span
        width = max(width, c)
    return {k: tuple(v) for k, v in spans.items()}, texts, width


def tables(xml):
    return xml["word/document.xml"].findall(".//w:body/w:tbl", NS)


@pytest.mark.parametrize("index, table", list(enumerate(FORM_2021.tables)), ids=lambda x: getattr(x, "id", x))
def test_table_merges_are_exactly_the_forms(exported, index, table):
    report, _, xml = exported
    spans, texts, width = read_grid(tables(xml)[index])
    assert width == table.n_cols
    assert spans == {(c.row, c.col): (c.rowspan, c.colspan) for c in table.cells}
    grid_cols = tables(xml)[index].findall("w:tblGrid/w:gridCol", NS)
    assert len(grid_cols) == table.n_cols
    for cell in table.cells:
        expected = cell.text if cell.ref is None else str(report.get(cell.ref))
        assert texts[(cell.row, cell.col)] == expected, cell


def test_tables_have_all_borders(exported):
    _, _, xml = exported
    for tbl in tables(xml):
        # the borders come from the table's style (the base document's "Table Grid") unless set on the table
        borders = tbl.find("w:tblPr/w:tblBorders", NS)
        if borders is None:
            style_id = tbl.find("w:tblPr/w:tblStyle", NS).get(q("val"))
            style_node = xml["word/styles.xml"].find(f"w:style[@w:styleId='{style_id}']", NS)
            borders = style_node.find("w:tblPr/w:tblBorders", NS)
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            assert borders.find(f"w:{side}", NS).get(q("val")) == "single", side


def test_table_three_repeats_its_three_header_rows_and_no_row_splits(exported):
    _, _, xml = exported
    requests = FORM_2021.tables.index(FORM_2021.table("requests"))
    rows = tables(xml)[requests].findall("w:tr", NS)
    header = [r.find("w:trPr/w:tblHeader", NS) is not None for r in rows]
    assert header == [True] * 3 + [False] * (len(rows) - 3)
    for tbl in tables(xml):
        assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in tbl.findall("w:tr", NS))


def test_table_fonts_are_readable_size(exported):
    _, _, xml = exported
    for tbl in tables(xml):
        for sz in tbl.iter(q("sz")):
            assert 21 <= int(sz.get(q("val"))) <= 24  # 10.5–12 pt
        for fonts in tbl.iter(q("rFonts")):
            assert fonts.get(q("eastAsia")) == "宋体"


def test_fees_exactly_as_typed_and_blank_cells_blank(tmp_path):
    report = balanced_report()
    report.set(CellRef("active", "fees"), "96171.60")
    blank = CellRef("requests", "denied_query.research")
    report.set(blank, None)
    write_docx(report, tmp_path / "a.docx")
    xml = parts(tmp_path / "a.docx")
    index = {t.id: i for i, t in enumerate(FORM_2021.tables)}
    _, active_texts, _ = read_grid(tables(xml)[index["active"]])
    assert active_texts[FORM_2021.table("active").position(CellRef("active", "fees"))] == "96171.60"
    requests = FORM_2021.table("requests")
    _, texts, _ = read_grid(tables(xml)[index["requests"]])
    assert texts[requests.position(blank)] == ""
    # the totals are the report's own (a blank counts as nothing), never a filled-in zero
    total = CellRef("requests", "denied_query.total")
    assert texts[requests.position(total)] == str(report.get(total))


# ---------------------------------------------------------------- page numbers

def test_page_numbers_odd_right_even_left(exported):
    _, _, xml = exported
    assert xml["word/settings.xml"].find("w:evenAndOddHeaders", NS) is not None
    sect = xml["word/document.xml"].find(".//w:body/w:sectPr", NS)
    refs = {f.get(q("type")): f.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            for f in sect.findall("w:footerReference", NS)}
    rels = xml["word/_rels/document.xml.rels"]
    targets = {r.get("Id"): r.get("Target") for r in rels}
    for kind, align in (("default", "right"), ("even", "left")):
        footer = xml[f"word/{targets[refs[kind]]}"]
        assert footer.find(".//w:pPr/w:jc", NS).get(q("val")) == align
        assert "PAGE" in "".join(t.text for t in footer.iter(q("instrText")))
        assert text_of(footer).startswith("— ") and text_of(footer).endswith(" —")
        assert footer.find(".//w:rFonts", NS).get(q("eastAsia")) == "宋体"
        assert footer.find(".//w:sz", NS).get(q("val")) == "28"  # 四号


# ---------------------------------------------------------------- difficult text

def test_characters_xml_forbids_are_dropped(tmp_path):
    report = balanced_report(agency="测试\x00机关\x1f", preamble="第一行\x0b第二行\x08\x0c第三行\ufffe")
    report.sections["other"] = [Subsection("小标题\x01", "正文\x07内容\x1b。")]
    path = tmp_path / "a.docx"
    write_docx(report, path)
    texts = [t for _, t in paragraphs(parts(path)) if t]  # parts() parses every part: well-formed XML
    assert texts[0] == "测试机关"
    assert texts[2:5] == ["第一行", "第二行", "第三行"]
    assert "（一）小标题" in texts and "正文内容。" in texts


def test_a_20000_character_section_and_rare_characters(tmp_path):
    long_text = ("政府信息公开" * 3334)[:20000]
    rare = "𠀀𪚥𰻞 😀👍🏻 ①Ⅻ ㊣ é ß Ω"
    report = balanced_report()
    report.sections["overview"] = [Subsection("主动公开", long_text), Subsection("生僻字", rare)]
    path = tmp_path / "a.docx"
    write_docx(report, path)
    texts = [t for _, t in paragraphs(parts(path))]
    assert long_text in texts and rare in texts


# ---------------------------------------------------------------- LibreOffice

BOTTOM_MARGIN_PT = 35 / 25.4 * 72


def pdf_words(pdf: Path) -> list[dict]:
    """Words per page with positions, from pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        words = [{"x": float(m[1]), "y": float(m[2]), "text": m[3]}
                 for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page[3])]
        pages.append({"width": float(page[1]), "height": float(page[2]), "words": words})
    return pages


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.json")) + [None],
                         ids=lambda p: p.stem if p else "balanced")
def test_libreoffice_opens_it_a4_with_numbers_on_the_outer_side(tmp_path, lo_profile, example):
    from models import draft
    report = draft.load(example) if example else balanced_report()
    path = tmp_path / "报告.docx"
    write_docx(report, path)
    pdf, = soffice_convert(path, tmp_path / "pdf", "pdf", lo_profile)
    pages = pdf_words(pdf)
    assert len(pages) >= 2
    text = "".join(w["text"] for p in pages for w in p["words"])
    assert report.agency in text and "年政府信息公开工作年度报告" in text
    assert "三、收到和处理政府信息公开申请情况" in text
    for number, page in enumerate(pages, start=1):
        assert round(page["width"]) == 595 and round(page["height"]) == 842  # A4 in points
        footer = [w for w in page["words"] if w["y"] > page["height"] - BOTTOM_MARGIN_PT]  # below the text
        digits = [w for w in footer if w["text"] == str(number)]
        assert digits, f"第 {number} 页没有页码：{footer}"
        assert [w["text"] for w in footer].count("—") == 2
        if number % 2:
            assert digits[0]["x"] > page["width"] * 0.6, f"第 {number} 页页码应在右侧"
        else:
            assert digits[0]["x"] < page["width"] * 0.4, f"第 {number} 页页码应在左侧"


# ---------------------------------------------------------------- the base document

def test_base_document_is_what_docx_base_makes():
    """resources/docx/base.docx is regenerated with ``python -m exporters.docx_base`` after a layout change."""
    from exporters.docx_base import BASE_DOCUMENT, base_parts
    with zipfile.ZipFile(BASE_DOCUMENT) as z:
        shipped = {name: z.read(name) for name in z.namelist()}
    assert shipped == base_parts()


def test_base_document_is_a4_zh_cn_with_east_asian_fonts():
    import docx  # python-docx

    from exporters.docx_base import BASE_DOCUMENT
    document = docx.Document(str(BASE_DOCUMENT))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    normal = document.styles["Normal"].element
    assert normal.find("w:rPr/w:rFonts", NS).get(q("eastAsia")) == "仿宋_GB2312"
    assert normal.find("w:rPr/w:lang", NS).get(q("eastAsia")) == "zh-CN"
    assert document.core_properties.language == "zh-CN"
