"""Word (.docx) and Excel (.xlsx) files: our own exports and documents made by hand.

Both are zip packages of XML parts; the package is checked (``safety``) before
any part is parsed, and every part is refused if it declares a document type
or entities.  A Word document is opened with python-docx, and its body read
in reading order: paragraphs, and tables with ``gridSpan``/``vMerge``
expanded to grids.  A workbook is read with openpyxl (values as last computed), each
sheet split into its paragraphs and its table.

Our own exports carry the custom property ``gkbg-form``: for them the totals
printed are the program's own sums, so only a total that disagrees (the file
was edited by hand) is kept as stated.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib

from lxml import etree

from . import grids, safety
from .outline import Outline, finish
from .record import ImportResult, Record, SourceError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
FORM_PROPERTY = "gkbg-form"   # as exporters.common writes it
MAX_SHEET_CELLS = 200_000      # rows × columns of one sheet; a report's sheets have a few hundred
MAX_SHEET_PART_BYTES = 5 * 1024 * 1024   # one worksheet's XML; openpyxl makes an object of every cell
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')


def read(data: bytes) -> ImportResult:
    package = safety.open_zip(data, "Word/Excel")
    names = set(package.namelist())
    if "word/document.xml" in names:
        return read_docx(package, data)
    if "xl/workbook.xml" in names:
        return read_xlsx(package, data)
    raise SourceError("这是一个压缩包，但不是 Word（.docx）或 Excel（.xlsx）文件")


def _own_export(package: zipfile.ZipFile, what: str) -> bool:
    if "docProps/custom.xml" not in package.namelist():
        return False
    root = safety.parse_xml(safety.read_member(package, "docProps/custom.xml", what), "docProps/custom.xml", what)
    return any(p.get("name") == FORM_PROPERTY for p in root)


# ---------------------------------------------------------------- Word

def read_docx(package: zipfile.ZipFile, data: bytes) -> ImportResult:
    what = "Word"
    safety.check_all_parts(package, what)   # sizes, members, no DOCTYPE or ENTITY in any part: before any parsing
    body = _docx_body(package, data)
    own = _own_export(package, what)
    record = Record()
    record.info("按本程序导出的 Word 文档读取" if own else "按 Word 文档读取")
    outline = Outline()
    for kind, item in body_items(body):
        if kind == "p":
            for line in item.split("\n"):
                if _placeholder(line):
                    record.info(f"模板的占位文字“{line.strip()}”未替换，已忽略")
                    continue
                outline.paragraph(line)
        else:
            outline.grid(item)
    return finish(outline, record, "docx", own_export=own)


def _docx_body(package: zipfile.ZipFile, data: bytes) -> etree._Element:
    """The document's body, the package opened with python-docx.

    Paragraphs and tables are then walked at the XML level (``body_items``):
    python-docx's reading API does not look into content controls or tracked
    insertions, and gives merged cells once per grid column only in the simple
    cases, which real reports are not.
    """
    import docx  # python-docx
    from docx.opc.exceptions import OpcError

    try:
        body = docx.Document(io.BytesIO(data)).element.find(f"{W}body")
    except ValueError:
        # python-docx opens only documents (.docx), not templates or macro documents saved as .docx
        root = safety.parse_xml(safety.read_member(package, "word/document.xml", "Word"), "word/document.xml",
                                "Word")
        body = root.find(f"{W}body")
    except (OpcError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, zlib.error, EOFError, OSError,
            AttributeError, TypeError, IndexError) as e:
        # python-docx meets a damaged package part ([Content_Types].xml, a relationship) in its own way
        what = ("其中有部件不是有效的 XML（正文或部件清单）" if isinstance(e, etree.XMLSyntaxError)
                else "其中的部件清单（[Content_Types].xml）或部件之间的关联无法读取")
        raise SourceError(f"Word 文件已损坏：{what}。请在 Word/WPS 中打开并另存一份后再导入") from e
    if body is None:
        raise SourceError("Word 文件已损坏：没有正文")
    return body


PLACEHOLDER = re.compile(r"^[（(]文字描述")


def _placeholder(text: str) -> bool:
    return bool(PLACEHOLDER.match(text.strip()))


def body_items(container: etree._Element):
    """("p", text) and ("table", grid) in reading order; content controls are looked into."""
    for child in container:
        if child.tag == f"{W}p":
            yield "p", paragraph_text(child)
        elif child.tag == f"{W}tbl":
            yield "table", table_grid(child)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from body_items(content)


_SKIPPED = {f"{W}del", f"{W}delText", f"{W}instrText", f"{W}drawing", f"{W}pict", f"{W}txbxContent",
            MC_FALLBACK, f"{W}footnoteReference", f"{W}rPr", f"{W}pPr"}


def paragraph_text(p: etree._Element) -> str:
    parts: list[str] = []
    stack = list(reversed(p))
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str) or node.tag in _SKIPPED:
            continue
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        else:
            stack.extend(reversed(node))
    return "".join(parts)


def _int_attribute(node: etree._Element | None, default: int) -> int:
    if node is None:
        return default
    match = re.match(r"\s*([0-9]{1,6})", node.get(f"{W}val", ""))   # bounded: clamped to MAX_SPAN anyway
    return int(match.group(1)) if match else default


def _children(parent: etree._Element, tag: str):
    """Direct children named ``tag``, looking through content controls and custom XML wrappers."""
    for child in parent:
        if child.tag == f"{W}{tag}":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _children(child, tag)


def table_grid(tbl: etree._Element) -> grids.Grid:
    """A Word table expanded: ``gridSpan`` repeats a cell across, ``vMerge`` continues the one above."""
    rows: list[list[grids.GridCell]] = []
    for tr in _children(tbl, "tr"):
        row: list[grids.GridCell] = []
        properties = tr.find(f"{W}trPr")
        before = _int_attribute(properties.find(f"{W}gridBefore") if properties is not None else None, 0)
        row.extend(grids.GridCell("", (len(rows), c)) for c in range(min(before, grids.MAX_SPAN)))
        for tc in _children(tr, "tc"):
            tcpr = tc.find(f"{W}tcPr")
            span = _int_attribute(tcpr.find(f"{W}gridSpan") if tcpr is not None else None, 1)
            merge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
            column = len(row)
            continues = merge is not None and merge.get(f"{W}val", "continue") == "continue"
            if continues and rows and column < len(rows[-1]):
                cell = rows[-1][column]
            else:
                text = "\n".join(paragraph_text(p) for p in tc.iter(f"{W}p"))
                cell = grids.GridCell(text, (len(rows), column))
            row.extend([cell] * max(1, min(span, grids.MAX_SPAN)))
        rows.append(row)
        grids.check_size(sum(len(r) for r in rows))
    width = max((len(row) for row in rows), default=0)
    grids.check_size(width * len(rows))
    return [row + [grids.GridCell("", (r, c)) for c in range(len(row), width)] for r, row in enumerate(rows)]


# ---------------------------------------------------------------- Excel

def read_xlsx(package: zipfile.ZipFile, data: bytes) -> ImportResult:
    what = "Excel"
    safety.check_all_parts(package, what)
    _check_sheet_sizes(package)
    from openpyxl import load_workbook
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True, keep_links=False)
    except Exception as e:   # openpyxl meets a damaged part in its own way
        raise SourceError("Excel 文件已损坏：其中有部件（工作表、部件清单或样式）无法读取。"
                          "请在 Excel/WPS 中打开并另存一份后再导入") from e
    own = any(p.name == FORM_PROPERTY for p in workbook.custom_doc_props)
    record = Record()
    record.info("按本程序导出的 Excel 表格读取" if own else "按 Excel 表格读取")
    outline = Outline()
    for sheet in workbook.worksheets:
        if sheet.max_row * sheet.max_column > MAX_SHEET_CELLS:
            raise SourceError(f"工作表“{sheet.title}”有 {sheet.max_row} 行 × {sheet.max_column} 列，"
                              "远超一份年度报告，已拒绝读取")
        pending: list[str] = []
        for kind, item in sheet_items(sheet, continued_rows(sheet) if own else frozenset()):
            if kind == "p+" and pending:
                pending.append(item)  # a long paragraph that our export ran over several rows
                continue
            if pending:
                outline.paragraph("".join(pending))
                pending = []
            if kind in ("p", "p+"):
                pending = [item]
            else:
                outline.grid(item)
        if pending:
            outline.paragraph("".join(pending))
    return finish(outline, record, "xlsx", own_export=own)


def continued_rows(sheet) -> frozenset[int]:
    """Rows of our text sheet that go on with the paragraph above: justified body text without the
    first-line indent (the export cuts a paragraph longer than a row can show into several rows)."""
    rows = set()
    for (cell,) in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=1):
        if isinstance(cell.value, str) and cell.alignment is not None and cell.alignment.horizontal == "justify" \
                and not cell.value.startswith("\u3000"):
            rows.add(cell.row)
    return frozenset(rows)


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


def _check_sheet_sizes(package: zipfile.ZipFile) -> None:
    """Refuse worksheets openpyxl would blow up in memory: huge parts, or merges over millions of cells
    (openpyxl creates an object for every cell of a merged range)."""
    for member in package.infolist():
        if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
            continue
        if member.file_size > MAX_SHEET_PART_BYTES:
            raise SourceError(f"工作表 {member.filename} 有 {member.file_size / 1024 / 1024:.0f} MB，"
                              "远超一份年度报告，已拒绝读取")
        merged = 0
        part = safety.read_member(package, member.filename, "Excel")
        for first_col, first_row, last_col, last_row in _MERGE.findall(part):
            rows = abs(int(last_row) - int(first_row)) + 1
            columns = abs(_column_number(last_col) - _column_number(first_col)) + 1
            merged += rows * columns
        if merged > MAX_SHEET_CELLS:
            raise SourceError(f"工作表 {member.filename} 的合并单元格覆盖 {merged} 个单元格，"
                              "远超一份年度报告，可能是恶意构造的文件，已拒绝读取")


def cell_text(cell) -> str:
    """What the cell shows: a decimal with as many places as its number format gives it."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        places = re.fullmatch(r"0\.(0+)", str(cell.number_format or ""))
        if places:
            return f"{value:.{len(places.group(1))}f}"
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def sheet_items(sheet, continued: frozenset[int] = frozenset()):
    """A sheet's paragraphs and its table: a run of rows is a table from its first to its last row with
    two or more filled cells or a merge across columns; the rows around it are paragraphs ("p", or "p+"
    for a row in ``continued``, which goes on with the paragraph before it)."""
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    wide_rows = set()
    for merged in sheet.merged_cells.ranges:
        if (merged.max_row - merged.min_row + 1) * (merged.max_col - merged.min_col + 1) > MAX_SHEET_CELLS:
            continue
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                origin[(r, c)] = (merged.min_row, merged.min_col)
            if merged.max_col > merged.min_col:
                wide_rows.add(r)
    width = sheet.max_column
    texts: dict[int, list[str]] = {}
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=width):
        for cell in row:
            if cell.value is not None:
                texts.setdefault(cell.row, [""] * width)[cell.column - 1] = cell_text(cell)
    run: list[int] = []
    for r in range(1, sheet.max_row + 2):
        if r in texts and any(t.strip() for t in texts[r]) or r in wide_rows:
            run.append(r)
            continue
        yield from _run_items(run, texts, origin, wide_rows, width, continued)
        run = []


def _run_items(run: list[int], texts, origin, wide_rows, width, continued: frozenset[int] = frozenset()):
    tabular = [r for r in run if r in wide_rows or sum(bool(t.strip()) for t in texts.get(r, [])) >= 2]
    first, last = (tabular[0], tabular[-1]) if tabular else (0, -1)   # no table: no row is in [first, last]
    for r in run:
        if tabular and r == first:
            yield "table", _grid(range(first, last + 1), texts, origin, width)
        if first <= r <= last:
            continue
        for text in texts.get(r, []):
            if text.strip():
                yield ("p+" if r in continued else "p"), text


def _grid(rows, texts, origin, width) -> grids.Grid:
    grid, cells = [], {}
    top = rows.start
    for r in rows:
        line = []
        for c in range(1, width + 1):
            o = origin.get((r, c), (r, c))
            key = (o[0] - top, o[1] - 1) if o[0] >= top else (r - top, c - 1)
            if key not in cells:
                text = texts.get(o[0], [""] * width)[o[1] - 1] if o[0] >= top else ""
                cells[key] = grids.GridCell(text, key)
            line.append(cells[key])
        grid.append(line)
    return grid
