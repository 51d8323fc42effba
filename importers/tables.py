"""Reading tables 二–四 from rows of label text and number cells, by the form's own labels.

Every reader (plain text, web page, Word, Excel) turns a printed table into a
``TableSource``: rows, each with its label text and its number cells.  This
module decides which printed row is which row of the form — by aligning the
rows, in order, with FORM_2021's labels (``align``), so that a typo, a label
broken across lines or a missing row costs one row, not the table — and which
number is which column.  A number it cannot place for certain stays blank and
is named in the import record.  Totals as printed go to ``report.stated``.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from models.form import CellRef, NumberKind
from models.form_2021 import APPLICANT_COLUMNS, FORM_2021, REQUEST_COLUMNS, REQUEST_ROWS, RESULT_ROWS
from models.numbers import NumberError, normalize, parse_value
from models.report import Report

from .labels import coverage, is_blank, key, numbering_with_comma, printed_as
from .record import Record

SLOTS, PACKED, LAYOUT = "slots", "packed", "layout"
MAX_TABLE_ROWS = 1000   # rows with numbers in one table's part; table 三 has 26 (aligning costs rows × 48)


@dataclass
class Cell:
    """A printed number cell: its text, and where it stood (a known column, or a character position)."""

    text: str
    slot: int | None = None     # the form's column (SLOTS mode)
    start: int | None = None    # character position on the line (LAYOUT mode)
    end: int | None = None

    @property
    def center(self) -> float:
        assert self.start is not None and self.end is not None  # a cell read in LAYOUT mode
        return (self.start + self.end) / 2


@dataclass
class Row:
    """A printed row that holds numbers, with the label text that belongs to it."""

    label: str
    cells: list[Cell]
    before: str = ""      # label text printed since the previous row with numbers (PDF layout)
    after: str = ""       # label text printed after it, up to the next row with numbers
    where: str = ""       # "第 12 行", for messages
    truncated: bool = False  # the row was cut off at the table's width (copied text)

    @property
    def context(self) -> str:
        return self.before + self.label


@dataclass
class TableSource:
    table: str                  # "active", "requests" or "appeals"
    rows: list[Row]
    header: str = ""            # the text printed around the rows (column headings), for telling formats apart
    mode: str = PACKED
    total_column: bool | None = None  # table 三: whether the 总计 column is printed (None: decide from the rows)


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str          # what is matched: the most specific label of the row
    name: str           # how messages name it
    columns: tuple = ()  # table 二: per printed column, (heading, CellRef or None)


def shortened(text: str, limit: int = 60) -> str:
    """Printed text quoted in a note: a 20,000-digit "number" or a thousand cells are not worth repeating."""
    return text if len(text) <= limit else f"{text[:limit]}…（共 {len(text):,} 字）"


# ---------------------------------------------------------------- aligning printed rows with the form's rows

MATCH_BASE = 0.3   # a match scores its label coverage minus this; skipping a row or a spec costs SKIP
SKIP = 0.5
WEAK = 0.25        # below this a label says nothing; only the order vouches for the row
TIE = 1e-9         # scores this close are equal (sums in another order differ in the last bits)
DUPLICATE = 0.8    # an unplaced row whose label covers a matched row's this well is that row printed twice


def match_score(row: Row, spec: RowSpec) -> float:
    own = coverage(spec.label, row.context)
    if row.after:
        own = max(own, 0.8 * coverage(spec.label, row.label + row.after))
    return own


def align(rows: list[Row], specs: list[RowSpec]) -> tuple[float, list[tuple[int, int, float]]]:
    """The best in-order pairing of printed rows with specs (rows and specs may be skipped).

    A row that prints no number costs nothing to leave aside: where a ragged
    merged cell or a page break gives two rows with one label, the one that
    carries the numbers is the form's row.
    """
    n, m = len(rows), len(specs)
    scores = [[match_score(r, s) for s in specs] for r in rows]
    row_skip = [SKIP if any(not is_blank(c.text) for c in r.cells) else 0.0 for r in rows]
    best = [[float("-inf")] * (m + 1) for _ in range(n + 1)]
    step = [[""] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i and j and best[i - 1][j - 1] + scores[i - 1][j - 1] - MATCH_BASE > best[i][j]:
                best[i][j], step[i][j] = best[i - 1][j - 1] + scores[i - 1][j - 1] - MATCH_BASE, "match"
            if i and best[i - 1][j] - row_skip[i - 1] >= best[i][j] - TIE:   # a tie: the row printed first wins
                best[i][j], step[i][j] = best[i - 1][j] - row_skip[i - 1], "row"
            if j and best[i][j - 1] - SKIP > best[i][j]:
                best[i][j], step[i][j] = best[i][j - 1] - SKIP, "spec"
    pairs, i, j = [], n, m
    while i or j:
        if step[i][j] == "match":
            pairs.append((i - 1, j - 1, scores[i - 1][j - 1]))
            i, j = i - 1, j - 1
        elif step[i][j] == "row":
            i -= 1
        else:
            j -= 1
    return best[n][m], pairs[::-1]


def place_by_position(cells: list[Cell], centers: list[float]) -> list[str | None] | None:
    """Numbers of a row that lacks some, put under the nearest column; ``None`` if any is in doubt."""
    gaps = [b - a for a, b in zip(centers, centers[1:])]
    tolerance = min(gaps) / 2 if gaps else 8
    texts: list[str | None] = [None] * len(centers)
    for cell in cells:
        distances = [abs(cell.center - c) for c in centers]
        k = min(range(len(centers)), key=distances.__getitem__)
        if distances[k] >= tolerance or texts[k] is not None:
            return None
        texts[k] = cell.text
    return texts


def column_centers(rows: list[Row], expected: int) -> list[float] | None:
    """Where each column's numbers stand, from the rows that print all of them."""
    full = [r for r in rows if len(r.cells) == expected and all(c.start is not None for c in r.cells)]
    if not full:
        return None
    return [statistics.median(r.cells[k].center for r in full) for k in range(expected)]


# ---------------------------------------------------------------- table 二

TRIAL_MARKERS = ("新制作", "新公开", "对外公开总数", "上一年项目数", "本年增减", "政府集中采购", "其他对外管理服务")


def _active_specs_2021() -> list[RowSpec]:
    """Table 二's rows as the form draws them: each row's label and its number cells under their headings."""
    table = FORM_2021.table("active")
    specs, headings = [], {}
    for r in range(table.n_rows):
        cells = sorted((c for c in table.cells if c.row == r), key=lambda c: c.col)
        numbers = [(c.col, c.ref) for c in cells if c.ref is not None]
        if not numbers:
            headings.update({c.col: c.text for c in cells[1:]})   # the 信息内容 row names the columns below
            continue
        label = cells[0].text
        specs.append(RowSpec(numbers[0][1].key.split(".")[0], label, label,
                             tuple((headings.get(col, ""), ref) for col, ref in numbers)))
    return specs


def _trial_specs() -> list[RowSpec]:
    """Table 二 of the 2019 trial format (国办公开办函〔2019〕60号): its rows and columns, and where each
    column goes in the 2021 form (``None``: it has no place there)."""
    a = lambda key: FORM_2021.ref("active", key)  # noqa: E731
    made = lambda prefix: (("本年新制作数量", a(f"{prefix}.issued")), ("本年新公开数量", None),  # noqa: E731
                           ("对外公开总数量", None))
    decided = lambda ref: (("上一年项目数量", None), ("本年增/减", None), ("处理决定数量", ref))  # noqa: E731
    return [
        RowSpec("rules", "规章", "规章", made("rules")),
        RowSpec("normative", "规范性文件", "规范性文件", made("normative")),
        RowSpec("licensing", "行政许可", "行政许可", decided(a("licensing"))),
        RowSpec("other_services", "其他对外管理服务事项", "其他对外管理服务事项", decided(None)),
        RowSpec("punishment", "行政处罚", "行政处罚", decided(a("punishment"))),
        RowSpec("enforcement", "行政强制", "行政强制", decided(a("enforcement"))),
        RowSpec("fees", "行政事业性收费", "行政事业性收费", (("上一年项目数量", None), ("本年增/减", None))),
        RowSpec("procurement", "政府集中采购", "政府集中采购", (("采购项目数量", None), ("采购总金额", None))),
    ]


# ---------------------------------------------------------------- table 三

def _request_specs(trial: bool) -> list[RowSpec]:
    specs = []
    for r in REQUEST_ROWS:
        if trial and r.key.startswith("other_"):
            if r.key == "other_no_correction":
                specs.append(RowSpec("other_single", "（六）其他处理", "（六）其他处理"))
            continue
        specs.append(RowSpec(r.key, r.c or r.b or r.a, r.name))
    return specs


COLUMN_NAMES = dict(REQUEST_COLUMNS)


def request_ref(row: str, column: str) -> CellRef:
    return FORM_2021.ref("requests", f"{row}.{column}")


def row_refs(spec: RowSpec, columns=APPLICANT_COLUMNS) -> list[CellRef]:
    """Table 三's cells of a row spec (the trial format's single （六） row has none of its own)."""
    return [] if spec.key == "other_single" else [request_ref(spec.key, c) for c in columns]


def appeal_refs() -> list[CellRef]:
    """Table 四's cells in the order the form prints them, left to right."""
    table = FORM_2021.table("appeals")
    return [c.ref for c in sorted(table.cells, key=lambda c: (c.row, c.col)) if c.ref is not None]


# ---------------------------------------------------------------- the reader

class TableReader:
    """Puts the numbers of the printed tables into a report, noting what it tolerated."""

    def __init__(self, report: Report, record: Record) -> None:
        self.report = report
        self.record = record
        self.missing: set[CellRef] = set()   # cells the source did not print at all (not even blank)
        self.unread: set[CellRef] = set()    # cells printed (or expected) that could not be read
        self._comma_rows: list[str] = []     # rows numbered "1、", noted once per table

    def read(self, sources: list[TableSource]) -> None:
        for table_id, read in (("active", self.read_active), ("requests", self.read_requests),
                               ("appeals", self.read_appeals)):
            parts = [s for s in sources if s.table == table_id]
            table = FORM_2021.table(table_id)
            caption = table.caption
            if not parts or not any(p.rows for p in parts):
                self.record.warn(f"未找到{caption}（或其中没有数字），{caption}各单元格留空")
                self.unread.update(table.refs)
                continue
            printed = sum(len(p.rows) for p in parts)
            if printed > MAX_TABLE_ROWS:
                self.record.warn(f"{caption}所在部分有 {printed} 行数字，远超该表应有的行数，不像是{caption}，"
                                 f"{caption}各单元格留空")
                self.unread.update(table.refs)
                continue
            read(parts)
        # what the checks cannot hold against the source: cells left unread, and inputs the source does not print
        self.unread.update(ref for ref in self.missing if FORM_2021.is_input(ref))
        self.report.unread = {ref for ref in self.unread
                              if ref not in self.report.values and ref not in self.report.stated}

    # ------------------------------------------------------------ helpers

    def put(self, ref: CellRef, text: str | None) -> None:
        """Store a printed number: an input in ``values``, a total in ``stated``; a bad one stays blank."""
        if text is None:
            self.missing.add(ref)
            return
        definition = FORM_2021.definition(ref)
        kind = getattr(definition, "kind", NumberKind.COUNT)
        try:
            value = parse_value(text, kind)
        except NumberError as e:
            self.record.warn(f"{FORM_2021.name_of(ref)}：原文“{shortened(text.strip())}”{e}，该单元格留空", (ref,))
            self.unread.add(ref)
            return
        if value is None:
            return
        if FORM_2021.is_input(ref):
            self.report.values[ref] = value
        else:
            self.report.stated[ref] = value

    def note_label(self, caption: str, row: Row, spec: RowSpec) -> None:
        text = row.before + row.label + row.after
        printed = printed_as(spec.label, text)
        if printed is not None and key(printed) == key(spec.label):
            self.record.info(f"{caption}“{spec.name}”一行的标签印为“{printed}”，只有标点与官方格式不同")
        elif printed is not None:
            self.record.warn(f"{caption}“{spec.name}”一行的标签印为“{printed}”，与官方格式不同；"
                             f"已按行的次序和相近文字认定")
        elif numbering_with_comma(row.context):
            self._comma_rows.append(spec.name)

    def cell_texts(self, row: Row, expected: int, centers: list[float] | None, mode: str) -> list[str | None] | None:
        """The row's numbers in column order (``None`` where nothing is printed), or ``None`` when unsure."""
        if mode == SLOTS:
            texts: list[str | None] = [None] * expected
            for cell in row.cells:
                if cell.slot is not None and cell.slot < expected:
                    texts[cell.slot] = cell.text
            return texts
        cells = list(row.cells)
        while len(cells) > expected and cells and is_blank(cells[0].text) and mode == PACKED:
            cells.pop(0)   # an empty cell of a merged label, copied as a cell of its own
        while len(cells) > expected and cells and is_blank(cells[-1].text):
            cells.pop()    # the rest of a merged number cell
        if len(cells) == expected:
            return [c.text for c in cells]
        if mode == PACKED and len(cells) < expected and row.truncated:
            return [c.text for c in cells] + [None] * (expected - len(cells))
        if mode == LAYOUT and centers and all(c.start is not None for c in cells):
            return place_by_position(cells, centers)
        return None

    def read_active(self, parts: list[TableSource]) -> None:
        rows = [r for p in parts for r in p.rows]
        header = key("".join(p.header for p in parts) + "".join(r.context + r.after for r in rows))
        trial = any(marker in header for marker in TRIAL_MARKERS)
        specs = _trial_specs() if trial else _active_specs_2021()
        mode = parts[0].mode
        _, pairs = align(rows, specs)
        self._comma_rows = []
        if trial:
            self.record.warn("表二是 2019 年试行格式（国办公开办函〔2019〕60号）：已按 2021 年格式对应填入"
                             "“本年新制作数量”→“本年制发件数”、“处理决定数量”→“本年处理决定数量”；"
                             "2021 年格式的“本年废止件数”“现行有效件数”“本年收费金额”在 2019 年格式中没有，留空待补")
        centers_by_width: dict[int, list[float] | None] = {}
        matched: set[int] = set()
        for row, spec in self._accepted("表二", rows, specs, pairs, matched):
            width = len(spec.columns)
            if width not in centers_by_width:
                centers_by_width[width] = column_centers(
                    [rows[a] for a, b, _ in pairs if len(specs[b].columns) == width], width)
            texts = self.cell_texts(row, width, centers_by_width[width], mode)
            if texts is None:
                printed = shortened("、".join(c.text for c in row.cells)) or "（无）"
                refs = [ref for _, ref in spec.columns if ref is not None]
                self.record.warn(f"表二“{spec.name}”一行印有 {len(row.cells)} 个数（{printed}），应为 {width} 个，"
                                 f"无法确定各数所属的列，该行留空", refs)
                self.unread.update(refs)
                continue
            unplaced = []
            for (heading, ref), text in zip(spec.columns, texts):
                if ref is not None:
                    self.put(ref, text)
                elif text is not None and not is_blank(text):
                    unplaced.append(f"“{heading}”为 {normalize(text)}")
            if unplaced:
                self.record.info(f"2019 年格式表二“{spec.name}”的{'、'.join(unplaced)}，在 2021 年格式中没有对应栏目，未导入")
        for j, spec in enumerate(specs):
            if j not in matched:
                refs = [ref for _, ref in spec.columns if ref is not None]
                if refs:
                    self.record.warn(f"表二中没有找到“{spec.name}”一行，该行留空", refs)
                    self.unread.update(refs)
        self._note_unplaced("表二", rows, specs, pairs)
        self._note_comma("表二")

    def _accepted(self, caption: str, rows: list[Row], specs: list[RowSpec], pairs, matched: set[int]):
        """The aligned (row, spec) pairs to read, each spec index added to ``matched``.

        A row whose label says nothing is taken by its order only when the printed rows and the form's rows
        are as many, and the import record says so.
        """
        for i, j, score in pairs:
            row, spec = rows[i], specs[j]
            if score < WEAK and len(rows) != len(specs):
                continue
            matched.add(j)
            if score < WEAK:
                self.record.warn(f"{caption}{row.where}的标签“{row.context.strip()[:30]}”无法辨认，"
                                 f"按次序认定为“{spec.name}”")
            else:
                self.note_label(caption, row, spec)
            yield row, spec

    def _note_unplaced(self, caption: str, rows: list[Row], specs: list[RowSpec], pairs) -> None:
        """Printed rows with numbers that are no row of the form, or a row of it printed twice: named, never
        read."""
        used = {i: j for i, j, cover in pairs if cover >= WEAK or len(rows) == len(specs)}
        taken = set(used.values())
        for i, row in enumerate(rows):
            printed = [c.text for c in row.cells if not is_blank(c.text)]
            if i in used or not printed:
                continue
            numbers = shortened(" ".join(printed))
            twin = max(taken, key=lambda j: match_score(row, specs[j]), default=None)
            if twin is not None and match_score(row, specs[twin]) >= DUPLICATE:
                self.record.warn(f"{caption}“{specs[twin].name}”一行印了两次：{row.where}的一行（{numbers}）"
                                 "未导入，已读入另一行，请核对原文")
                continue
            label = (row.context or row.after).strip()[:30] or "（无标签）"
            self.record.warn(f"{caption}{row.where}“{label}”（{numbers}）不是官方格式中的任何一行，其中的数字未导入")

    def _note_comma(self, caption: str) -> None:
        if self._comma_rows:
            self.record.info(f"{caption}中“{self._comma_rows[0]}”等 {len(self._comma_rows)} 行的编号写作“1、”"
                             f"（官方格式为“1.”），已按同一行读取")

    def read_requests(self, parts: list[TableSource]) -> None:
        rows = [r for p in parts for r in p.rows]
        mode = parts[0].mode
        total_column = parts[0].total_column
        if total_column is None:
            counts = [len(r.cells) for r in rows]
            total_column = max(set(counts), key=counts.count) >= 7 if counts else True
        expected = 7 if total_column else 6
        if not total_column:
            self.record.info("表三没有印“总计”列：各行的总计由程序计算，无从与原文核对")
        options = [(align(rows, _request_specs(trial)), trial) for trial in (False, True)]
        (score, pairs), trial = max(options, key=lambda o: o[0][0])
        specs = _request_specs(trial)
        self._comma_rows = []
        centers = column_centers(rows, expected) if mode == LAYOUT else None
        matched: set[int] = set()
        cut_rows: dict[tuple[str, ...], list[str]] = {}
        for row, spec in self._accepted("表三", rows, specs, pairs, matched):
            texts = self.cell_texts(row, expected, centers, mode)
            if texts is None:
                printed = shortened("、".join(c.text for c in row.cells)) or "（无）"
                self.record.warn(f"表三“{spec.name}”一行印有 {len(row.cells)} 个数（{printed}），应为 {expected} 个，"
                                 "无法确定各数所属的列，该行留空", row_refs(spec))
                self.unread.update(row_refs(spec, COLUMN_NAMES))
                continue
            absent = tuple(COLUMN_NAMES[REQUEST_COLUMNS[k][0]] for k, t in enumerate(texts) if t is None)
            if absent and row.truncated:
                cut_rows.setdefault(absent, []).append(spec.name)
            if spec.key == "other_single":
                self._single_other_row(texts)
                continue
            for (column, _), text in zip(REQUEST_COLUMNS, texts):
                self.put(request_ref(spec.key, column), text)
        for absent, names in cut_rows.items():
            self.record.warn(f"表三“{names[0]}”等 {len(names)} 行原文被截断，缺少“{'”“'.join(absent)}”列的数，"
                             "无法从原文读出")
        if trial:
            self.record.info("表三（六）其他处理只印了一行（2019 年试行格式的写法），没有分 1–3 项")
        for j, spec in enumerate(specs):
            if j not in matched:
                refs = row_refs(spec, COLUMN_NAMES)
                computed = refs and not any(FORM_2021.is_input(ref) for ref in refs)
                self.record.warn(f"表三中没有找到“{spec.name}”一行" + ("，无法与原文核对：草稿中该行按各项之和计算"
                                                                    if computed else "，该行留空"),
                                 refs if computed else row_refs(spec))
                self.unread.update(refs)
        self._note_unplaced("表三", rows, specs, pairs)
        self._note_comma("表三")
        self._deduce_missing_zeros()

    def _single_other_row(self, texts: list[str | None]) -> None:
        """（六）其他处理 printed as one row: a column's 0 means 0 in each of the three items; any other number
        belongs to them together, so it goes to "3.其他" and items 1–2 stay blank."""
        guessed = []
        for (column, label), text in zip(REQUEST_COLUMNS, texts):
            if column == "total":
                self.put(request_ref("other_other", column), text)
                continue
            try:
                value = parse_value(text, NumberKind.COUNT) if text is not None else None
            except NumberError:
                value = None
            if value == 0:
                for row in ("other_no_correction", "other_unpaid_fee", "other_other"):
                    self.put(request_ref(row, column), text)
            else:
                self.put(request_ref("other_other", column), text)
                if value:
                    guessed.append(f"{label} {value}")
        if guessed:
            self.record.warn(f"表三（六）其他处理只有一行：{'、'.join(guessed)} 已计入“3.其他”，"
                             "“1.逾期不补正”“2.逾期未缴纳费用”在这些列留空，请按实际情况分开填写",
                             [request_ref("other_other", c) for c in APPLICANT_COLUMNS])
        else:
            self.record.info("表三（六）其他处理一行各列均为 0，三个子项均填 0")

    def _deduce_missing_zeros(self) -> None:
        """A column's unprinted result cells, when the printed （七）总计 already equals the printed cells:
        being counts (never negative), they can only be 0."""
        values = self.report.values
        for column, label in REQUEST_COLUMNS[:-1]:
            stated = self.report.stated.get(request_ref("total", column))
            refs = [request_ref(row, column) for row in RESULT_ROWS]
            gaps = [ref for ref in refs if ref in self.missing and ref not in values]
            if stated is None or not gaps:
                continue
            if sum(v for v in (values.get(ref) for ref in refs) if isinstance(v, int)) == stated:
                for ref in gaps:
                    values[ref] = 0
                self.record.warn(f"表三“{label}”列有 {len(gaps)} 个单元格原文缺失；该列（七）总计印为 {stated}，"
                                 "已等于其余各项之和，缺失的只能是 0，已填 0", gaps)

    def read_appeals(self, parts: list[TableSource]) -> None:
        refs = appeal_refs()
        width = len(refs)
        if parts[0].mode == SLOTS:
            texts: list[str | None] = [None] * width
            for row in (r for p in parts for r in p.rows):
                for cell in row.cells:
                    if cell.slot is not None and texts[cell.slot] is None:
                        texts[cell.slot] = cell.text
        else:
            cells = [c for p in parts for r in p.rows for c in r.cells]
            while len(cells) > width and cells and is_blank(cells[-1].text):
                cells.pop()
            if len(cells) != width:
                printed = shortened(" ".join(c.text for c in cells))
                self.record.warn(f"表四应有 {width} 个数，原文读到 {len(cells)} 个（{printed}），"
                                 "无法确定各数所属的列，表四留空", refs)
                self.unread.update(refs)
                return
            texts = [c.text for c in cells]
        for ref, text in zip(refs, texts):
            self.put(ref, text)
