"""The PDF made with Qt's writer: text as written, tables from the form's grid, page set-up, fonts.

The files are read back with poppler (pdftotext, pdffonts, pdfinfo), which
.ci/run installs; the tables are checked word by word against the cells the
layout drew, so every number and label must sit in its own (merged) cell.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from exporters.common import ExportError, Heading, Paragraph, Signature, Title, document_blocks
from exporters.pdf import BuiltPdf, PdfExport, build_pdf, write_pdf
from exporters.pdf_fonts import ROLES, choose
from models.draft import load
from models.form import CellRef
from models.form_2021 import FORM_2021
from models.report import Report, Subsection
from tests.conftest import EXAMPLES
from tests.export_support import FEES, balanced_report

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="未安装 poppler-utils（pdftotext），无法读回 PDF；CI 的 .ci/run 会安装它")

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
LEFT, RIGHT, TOP, BOTTOM = 28 * MM, A4[0] - 26 * MM, 37 * MM, A4[1] - 35 * MM
# characters that Noto/Source Han draw with a Kangxi radical's glyph (and Qt named by the radical)
AFFECTED = "人行大小口日月水火木金土一二言門長見走足身車户骨龍飛食馬立用生田白目石示米色血衣西角谷豆貝赤里面革音頁風香高鬼鳥"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2


def words(path: Path) -> list[Word]:
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    result = []
    for page, body in enumerate(re.findall(r"<page [^>]*>(.*?)</page>", out, re.S)):
        for x0, y0, x1, y1, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', body):
            result.append(Word(page, float(x0), float(y0), float(x1), float(y1), html.unescape(text)))
    return result


def extracted_text(path: Path) -> str:
    """pdftotext's text without the page numbers ("— 3 —" lines)."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "\n".join(line for line in out.splitlines() if not re.fullmatch(r"\s*—\s*\d+\s*—\s*", line))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def running_text(report: Report) -> list[str]:
    """Title, headings, paragraphs and 落款 in reading order (the tables are checked cell by cell)."""
    pieces = []
    for block in document_blocks(report):
        if isinstance(block, (Title, Signature)):
            pieces += [line for line in block.lines if line]
        elif isinstance(block, (Heading, Paragraph)):
            pieces.append(block.text)
    return pieces


def assert_text_in_order(path: Path, pieces: list[str]) -> None:
    text = squash(extracted_text(path))
    at = 0
    for piece in pieces:
        found = text.find(squash(piece), at)
        assert found >= 0, f"PDF 文本中找不到（或顺序不对）：{piece[:60]!r}\n附近：{text[at:at + 120]!r}"
        at = found + len(squash(piece))


def export(report: Report, tmp_path: Path, name: str = "report.pdf"):
    built = build_pdf(report)
    path = tmp_path / name
    path.write_bytes(built.data)
    return path, built


@pytest.fixture(scope="module", params=["balanced", "qinghe-scjg-2025"] +   # the other examples in the full run
                [pytest.param(p.stem, marks=pytest.mark.slow) for p in EXAMPLE_FILES if p.stem != "qinghe-scjg-2025"])
def exported(request, tmp_path_factory) -> tuple[Report, Path, BuiltPdf]:
    """A report and its PDF, made once for the tests that only read them."""
    report = balanced_report() if request.param == "balanced" else load(EXAMPLES / f"{request.param}.json")
    return (report, *export(report, tmp_path_factory.mktemp("pdf")))


# ---------------------------------------------------------------- text


def test_text_copies_as_written(exported):
    report, path, _ = exported
    assert_text_in_order(path, running_text(report))


def test_characters_that_share_a_radical_glyph_copy_as_ideographs(tmp_path):
    report = balanced_report(agency=f"{AFFECTED[:12]}管理局")
    report.preamble = f"本段满是受影响的字：{AFFECTED}。"
    report.sections["overview"] = [Subsection("人行道与車馬", f"标题与正文都有：{AFFECTED[::-1]}")]
    path, built = export(report, tmp_path)
    assert_text_in_order(path, running_text(report))
    text = extracted_text(path)
    radicals = [ch for ch in text if 0x2E80 <= ord(ch) <= 0x2FDF or 0x31C0 <= ord(ch) <= 0x31EF]
    assert radicals == [], f"PDF 文本中仍有部首字符：{''.join(radicals)}"
    assert not built.warnings


def test_a_radical_the_clerk_typed_stays_a_radical(tmp_path):
    report = balanced_report()
    report.preamble = "部首⼱单独出现。"  # ⼱ (U+2F31) and no 巾 anywhere in the report
    path, _ = export(report, tmp_path)
    assert "部首⼱单独出现" in squash(extracted_text(path))


def test_names_are_looked_up_in_the_face_when_the_numbering_does_not_fit(tmp_path):
    from PySide6.QtGui import QFontDatabase

    from exporters.pdf import _Resolver, ensure_gui_application, render_pdf
    from exporters.pdf_fonts import BUNDLED_FANGSONG, FontSet, choose
    report = balanced_report()
    report.preamble = "人行户——"
    ensure_gui_application()
    # the body in Noto Serif CJK, whose cmap draws 户 with the glyph of the radical ⼾ (not the bundled 仿宋)
    _, pages = render_pdf(report, FontSet(choose(f for f in QFontDatabase.families() if f != BUNDLED_FANGSONG)))
    resolver = _Resolver(pages)
    face = next(name for name in pages.drawn_glyphs() if "Serif" in name and "Bold" not in name)
    # codes far beyond the glyphs drawn: Qt cannot have numbered them so; each name is looked up instead
    entries = {5000: "⼈", 5001: "⾏", 5002: "⼾", 5003: "Q"}
    assert resolver(face, entries) == {5000: "人", 5001: "行", 5002: "户", 5003: "Q"}
    # a face the pages never drew with: the equivalent-ideograph table, only towards characters drawn
    assert resolver("SomeOtherFont", {1: "⼈", 2: "⼾", 3: "⾺"}) == {1: "人", 2: "⼾", 3: "⾺"}


def test_unusual_text_exports(tmp_path):
    odd = ("全角２０２５年，①㈠，emoji👍，扩展B𠀀，é Ωλ “引号”‘单’〔2021〕—…℃№"
           "\x01控制字符\x0b换行 ＡＢＣ A&B <tag> 100% 行政")
    report = balanced_report()
    report.preamble = odd
    path, _ = export(report, tmp_path)
    text = squash(extracted_text(path))
    # characters the installed fonts have come back exactly; the control character is dropped,
    # the vertical tab (Word's line break) starts a new line
    for piece in ("全角２０２５年，①㈠，emoji", "“引号”‘单’〔2021〕—…℃№控制字符", "换行ＡＢＣA&B<tag>100%行政"):
        assert piece in text
    fonts = pdffonts(path)
    assert not [f for f in fonts if re.search(r"CJK(jp|kr|tc|hk)", f, re.I)], fonts


@pytest.fixture
def chinese_locale():
    """The window sets QLocale to zh_CN (ui.app.configure); shaping then picks Chinese glyph variants."""
    from PySide6.QtCore import QLocale
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Script.SimplifiedHanScript, QLocale.Country.China))
    yield
    QLocale.setDefault(before)


def test_glyphs_chosen_by_chinese_shaping_copy_as_typed(chinese_locale, tmp_path):
    report = balanced_report()
    report.preamble = "破折号——与省略号……，人行道。"
    path, _ = export(report, tmp_path)
    text = extracted_text(path)
    assert "破折号——与省略号……，人行道。" in squash(text)
    assert "―" not in text  # U+2015, the code point Noto's Chinese em dash is mapped from
    assert re.search(r"—\s*1\s*—", subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                                   text=True, check=True).stdout)


def test_long_sections_flow_over_many_pages(tmp_path):
    sentence = "本机关坚持以公开为常态、不公开为例外，人行道改造等民生事项全程公开。"
    long_text = "\n".join(sentence * 10 for _ in range(20000 // (len(sentence) * 10) + 1))[:20000]
    report = balanced_report()
    report.sections["overview"] = [Subsection("主动公开", long_text)]
    path, built = export(report, tmp_path)
    assert built.pages.page_count > 25
    assert_text_in_order(path, running_text(report))


# ---------------------------------------------------------------- tables


def table_words(path: Path, built) -> dict:
    """(table id, row, col) → the words inside each part of the cell, as drawn."""
    unit = built.pages.geometry.unit
    all_words = words(path)
    found = {}
    for table in built.pages.tables:
        for (row, col), parts in table.cell_boxes.items():
            texts = []
            for page, box in parts:
                inside = [w for w in all_words if w.page == page
                          and box.left() / unit < w.centre[0] < box.right() / unit
                          and box.top() / unit < w.centre[1] < box.bottom() / unit]
                inside.sort(key=lambda w: (round(w.y0), w.x0))
                texts.append("".join(w.text for w in inside))
            found[(table.block.table.id, row, col)] = texts
    return found


def test_every_cell_holds_its_label_or_number(exported):
    report, path, built = exported
    found = table_words(path, built)
    for table in FORM_2021.tables:
        block = next(t.block for t in built.pages.tables if t.block.table.id == table.id)
        for cell in table.cells:
            parts = found[(table.id, cell.row, cell.col)]
            expected = squash(block.text_of(cell))
            if cell.row < table.header_rows:  # repeated on every page the table reaches
                assert all(part == expected for part in parts), (table.id, cell, parts)
            else:
                assert "".join(parts) == expected, (table.id, cell, parts)
            if cell.ref is not None:
                value = report.get(cell.ref)
                assert expected == ("" if value is None else str(value))


def test_numbers_are_those_of_the_draft_and_blanks_stay_blank(tmp_path):
    report = balanced_report()
    blank = [CellRef("active", "licensing"), CellRef("requests", "granted.research"), CellRef("appeals", "review.other")]
    for ref in blank:
        report.set(ref, None)
    path, built = export(report, tmp_path)
    found = table_words(path, built)
    for ref in blank:
        row, col = FORM_2021.table(ref.table).position(ref)
        assert found[(ref.table, row, col)] == [""], ref
    fees_at = FORM_2021.table("active").position(CellRef("active", "fees"))
    assert found[("active", *fees_at)] == [FEES]  # every digit as typed
    total_at = FORM_2021.table("requests").position(CellRef("requests", "total.total"))
    assert found[("requests", *total_at)] == [str(report.get(CellRef("requests", "total.total")))]


def test_long_numbers_widen_their_column_and_stay_on_one_line(tmp_path):
    report = balanced_report()
    ref = CellRef("requests", "new.natural_person")
    report.set(ref, 1234567)  # seven digits: the most a count in table 三 plausibly has
    report.set(CellRef("requests", "carried_forward.natural_person"),
               report.get(CellRef("requests", "carried_forward.natural_person")) + 1234567 - 14)
    path, built = export(report, tmp_path)
    row, col = FORM_2021.table("requests").position(ref)
    found = table_words(path, built)[("requests", row, col)]
    assert found == ["1234567"]
    layout = next(t for t in built.pages.tables if t.block.table.id == "requests")
    assert layout.texts[(row, col)].layout.lineCount() == 1


def test_merges_are_exactly_those_of_the_form(exported):
    _, _, built = exported
    for layout in built.pages.tables:
        table = layout.block.table
        assert set(layout.cell_boxes) == {(c.row, c.col) for c in table.cells}
        for cell in table.cells:
            width = layout.x[cell.col + cell.colspan] - layout.x[cell.col]
            rows = range(cell.row, cell.row + cell.rowspan)
            parts = layout.cell_boxes[(cell.row, cell.col)]
            for page, box in parts:
                assert box.width() == pytest.approx(width)
                on_page = [r for r in rows if any(p == page for p, _ in layout.row_top[r])]
                assert box.height() == pytest.approx(sum(layout.row_heights[r] for r in on_page))
        # the column widths keep the form's proportions and fill the text width
        total = sum(table.column_widths)
        g = built.pages.geometry
        for col, share in enumerate(table.column_widths):
            assert layout.x[col + 1] - layout.x[col] == pytest.approx(g.text_width * share / total)


def test_table_three_repeats_its_header_and_never_splits_a_row(tmp_path):
    path, built = export(balanced_report(), tmp_path)
    layout = next(t for t in built.pages.tables if t.block.table.id == "requests")
    g = built.pages.geometry
    header = range(layout.block.table.header_rows)
    body_pages = {}
    for row, places in layout.row_top.items():
        if row in header:
            continue
        assert len(places) == 1, f"row {row} placed {len(places)} times"
        (page, top), = places
        assert top + layout.row_heights[row] <= g.bottom + 0.01, f"row {row} runs past the text area"
        body_pages.setdefault(page, []).append(top)
    assert len(body_pages) >= 2, "table 三 should reach a second page for this test to mean anything"
    for page, tops in body_pages.items():
        header_tops = [top for h in header for p, top in layout.row_top[h] if p == page]
        assert len(header_tops) == len(header), f"header rows missing on page {page + 1}"
        assert max(header_tops) < min(tops)
    on_pages = [w.page for w in words(path) if w.text == "申请人情况"]
    assert on_pages == sorted(body_pages)


def test_short_tables_stay_on_one_page(exported):
    _, _, built = exported
    for layout in built.pages.tables:
        if layout.block.table.n_rows <= 15:
            pages = {p for places in layout.row_top.values() for p, _ in places}
            assert len(pages) == 1, layout.block.table.id


# ---------------------------------------------------------------- page set-up


def test_a4_with_the_official_margins_and_fixed_lines(tmp_path):
    report = balanced_report(preamble="本报告依据《中华人民共和国政府信息公开条例》编制，" * 8)
    path, built = export(report, tmp_path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert (float(size.group(1)), float(size.group(2))) == pytest.approx(A4, abs=0.5)
    all_words = words(path)
    body = [w for w in all_words if w.y0 < BOTTOM]
    assert len(page_numbers(all_words)) == built.pages.page_count
    assert min(w.x0 for w in body) >= LEFT - 0.5 and max(w.x1 for w in body) <= RIGHT + 0.5
    assert min(w.y0 for w in body) >= TOP - 0.5 and max(w.y1 for w in body) <= BOTTOM + 0.5
    # the preamble: first line indented two characters (2 × 15.75 pt, the pitch of 28 a line), then a line every 28.95 pt
    first = next(w for w in body if w.text.startswith("本报告依据"))
    heading = next(w for w in body if w.text == "一、总体情况")
    assert first.x0 == pytest.approx(LEFT + 31.5, abs=0.5)
    lines = sorted({round(w.y0, 2) for w in body
                    if w.page == 0 and first.y0 <= w.y0 < heading.y0 and re.match(r"[^\x00-\x7f]", w.text)})
    assert len(lines) >= 5
    assert all(b - a == pytest.approx(28.95, abs=0.05) for a, b in zip(lines, lines[1:]))
    assert heading.x0 == pytest.approx(LEFT + 31.5, abs=0.5)


def test_page_numbers_right_on_odd_pages_and_left_on_even(tmp_path):
    path, built = export(balanced_report(), tmp_path)
    numbers = page_numbers(words(path))
    assert [w.text for w in numbers] == [f"—{i}—" for i in range(1, built.pages.page_count + 1)]
    for w in numbers:
        number = w.page + 1
        if number % 2:
            assert w.x1 == pytest.approx(RIGHT - 14, abs=0.5)   # one 四号 character in from the right
        else:
            assert w.x0 == pytest.approx(LEFT + 14, abs=0.5)
        assert w.y0 > BOTTOM + 7 * MM - 3   # top of the line 7 mm under the text area (glyph box a bit lower)


def page_numbers(all_words: list[Word]) -> list[Word]:
    """The words under the text area joined per page ("—", "3", "—" may come as separate words)."""
    pages: dict[int, list[Word]] = {}
    for w in all_words:
        if w.y0 > BOTTOM:
            pages.setdefault(w.page, []).append(w)
    return [Word(page, min(w.x0 for w in ws), min(w.y0 for w in ws), max(w.x1 for w in ws),
                 max(w.y1 for w in ws), "".join(w.text for w in sorted(ws, key=lambda w: w.x0)))
            for page, ws in sorted(pages.items())]


# ---------------------------------------------------------------- fonts


def pdffonts(path: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert all(" yes " in row.split("Identity-H", 1)[-1] for row in rows), out  # every font embedded
    return [row.split()[0] for row in rows]


def test_fonts_are_embedded_simplified_chinese_faces(tmp_path):
    path, built = export(balanced_report(), tmp_path)
    names = pdffonts(path)
    assert names
    assert not [n for n in names if re.search(r"CJK(jp|kr|tc|hk)", n, re.I)], names
    used = built.fonts.used
    assert set(used) == {role.key for role in ROLES}
    for choice in built.fonts.choices.values():
        if choice.family and "CJK" in choice.family:
            assert choice.family.endswith("SC")


def test_the_export_says_which_faces_it_used(tmp_path):
    result = write_pdf(balanced_report(), tmp_path / "a.pdf")
    assert isinstance(result, PdfExport) and result.path == tmp_path / "a.pdf" and result.pages >= 3
    summary = result.summary()
    assert "已导出 PDF" in summary and "正文" in summary
    for _role, face in result.fonts.items():
        assert face in summary
    from PySide6.QtGui import QFontDatabase
    missing = [c for c in choose(QFontDatabase.families()).values() if not c.official]
    assert len(result.substitutions) == len(missing)
    for note in result.substitutions:
        assert note in summary and "本机没有" in note


def test_official_faces_are_used_under_any_of_their_names():
    linux = choose(["方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体", "Times New Roman"])
    assert all(c.official for c in linux.values())
    assert {k: c.family for k, c in linux.items()} == {
        "title": "方正小标宋简体", "heading1": "黑体", "heading2": "楷体_GB2312", "body": "仿宋_GB2312",
        "table": "宋体", "page_number": "宋体", "latin": "Times New Roman"}
    windows = choose(["simhei", "KaiTi", "FangSong", "SimSun", "Times New Roman", "Microsoft YaHei"])
    assert windows["heading1"].family == "simhei"  # as the machine spells it
    assert [k for k, c in windows.items() if not c.official] == ["title"]
    assert windows["title"].family == "SimSun" and not windows["title"].bold
    assert "方正小标宋简体" in windows["title"].substitution and "SimSun" in windows["title"].substitution


def test_free_faces_stand_in_and_are_named():
    noto = choose(["Noto Serif CJK JP", "Noto Serif CJK SC", "Noto Sans CJK SC", "Liberation Serif"])
    assert noto["title"].family == "Noto Serif CJK SC" and noto["title"].bold
    assert noto["heading1"].family == "Noto Sans CJK SC"
    assert noto["heading2"].family == "Noto Serif CJK SC"   # no 楷 installed: a serif
    assert noto["latin"].family == "Liberation Serif"
    assert not any(c.official for c in noto.values())
    kai = choose(["Noto Serif CJK SC", "AR PL UKai CN"])
    assert kai["heading2"].family == "AR PL UKai CN"
    bare = choose(["DejaVu Sans"])
    assert all(c.family is None for c in bare.values())
    assert "没有可替代的中文字体" in bare["body"].substitution
    assert "由中文字体显示" in bare["latin"].substitution


# ---------------------------------------------------------------- writing


def test_writes_atomically_and_fails_in_chinese(tmp_path):
    target = tmp_path / "r.pdf"
    target.write_bytes(b"old")
    with pytest.raises(ExportError, match="不存在"):
        write_pdf(balanced_report(), tmp_path / "missing" / "r.pdf")
    (tmp_path / "folder.pdf").mkdir()
    with pytest.raises(ExportError, match="文件夹"):
        write_pdf(balanced_report(), tmp_path / "folder.pdf")
    assert target.read_bytes() == b"old"
    write_pdf(balanced_report(), target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.pdf", "r.pdf"]  # no temporary left


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="以 root 运行时文件夹权限不起作用")
def test_unwritable_folder_gives_a_chinese_message(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="权限"):
            write_pdf(balanced_report(), folder / "r.pdf")
    finally:
        folder.chmod(0o700)
