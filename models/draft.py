"""Draft files: the report as UTF-8 JSON (format described in docs/draft-format.md)."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from .dates import DateError, validate_iso_date
from .figures import MEASURES, Figure
from .files import atomic_write, reason
from .form import CellRef, FormDef, NumberKind
from .form_2021 import FORM_2021
from .numbers import NumberError, ascii_digits, is_valid, parse_decimal
from .report import Report, Subsection

SCHEMA_VERSION = 1
MAX_DRAFT_BYTES = 50 * 1024 * 1024
DRAFT_SUFFIX = ".gkbg.json"
MAX_TEXT_CHARS = 2_000_000    # one text (a section's part, a heading); a whole report is some 30,000 characters
MAX_NUMBER_DIGITS = 20        # digits of a JSON number converted at all; a count has at most 9
_SURROGATE = re.compile("[\ud800-\udfff]")


class DraftError(Exception):
    """A draft that cannot be read; ``str()`` is a Chinese message naming the place."""


# ---------------------------------------------------------------- to JSON

def report_to_dict(report: Report, *, with_prior: bool = True) -> dict[str, Any]:
    form = report.form
    tables: dict[str, Any] = {"active": {}, "requests": {}, "appeals": {}}
    for d in form.inputs:
        value = report.values.get(d.ref)
        if d.ref.table == "active":
            tables["active"][d.ref.key] = value
        else:
            tables[d.ref.table].setdefault(d.ref.row, {})[d.ref.column] = value
    data: dict[str, Any] = {
        "form": form.id,
        "meta": {"agency": report.agency, "year": report.year, "date": report.date,
                 "preamble": report.preamble},
        "sections": {sid: [_subsection_to_dict(s) for s in subs] for sid, subs in report.sections.items()},
        "tables": tables,
    }
    if report.stated:
        data["stated"] = {str(ref): v for ref, v in report.stated.items()}
    if report.unread:   # a published report's cells that could not be read (kept so that no check holds them)
        data["unread"] = sorted(str(ref) for ref in report.unread)
    if with_prior and report.prior is not None:
        data["prior"] = report_to_dict(report.prior, with_prior=False)
    return data


def _subsection_to_dict(sub: Subsection) -> dict[str, Any]:
    data: dict[str, Any] = {"heading": sub.heading, "text": sub.text}
    if sub.figures:  # only then: a draft without generated figures reads as before
        data["figures"] = [{"quantity": f.quantity, "measure": f.measure, "value": f.value, "text": f.text,
                            "start": f.start} for f in sub.figures]
    return data


def dumps(report: Report) -> str:
    data = {"schema_version": SCHEMA_VERSION, **report_to_dict(report)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def encode(report: Report) -> bytes:
    """The draft as UTF-8; a lone surrogate (never valid text) becomes "?" rather than stopping every save."""
    return dumps(report).encode("utf-8", errors="replace")


def save(report: Report, path: str | os.PathLike) -> Path:
    """Save atomically, keeping the file's permissions; ``DraftError`` (Chinese) when it cannot be written."""
    try:
        return atomic_write(path, encode(report))
    except OSError as e:
        raise DraftError(f"无法保存到 {path}：{reason(e)}") from e


# ---------------------------------------------------------------- from JSON

class _Reader:
    """Validates a parsed draft, naming the place of the first problem."""

    def __init__(self, form: FormDef):
        self.form = form

    def fail(self, where: str, what: str) -> DraftError:
        return DraftError(f"草稿文件中 {where}：{what}")

    def obj(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, "应为对象（{…}）")
        return value

    def text(self, value: Any, where: str, *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise self.fail(where, f"应为文字，实为 {_shown(value)}")
        if len(value) > MAX_TEXT_CHARS:
            raise self.fail(where, f"文字长达 {len(value):,} 字，超过上限 {MAX_TEXT_CHARS:,} 字，不像是本程序保存的草稿")
        bad = _SURROGATE.search(value)
        if bad:
            # JSON lets "\ud800" stand alone; such text can never be saved again (UTF-8 has no place for it)
            raise self.fail(where, f"第 {bad.start() + 1} 个字符是无效的字符（孤立的 UTF-16 代理 "
                                   f"U+{ord(bad.group()):04X}），文件可能已损坏")
        return value

    def report(self, data: Any, where: str = "") -> Report:
        data = self.obj(data, where or "顶层")
        prefix = f"{where}." if where else ""
        form_id = data.get("form", self.form.id)
        if form_id != self.form.id:
            raise self.fail(f"{prefix}form", f"不支持的报告格式 {_shown(form_id)}")
        meta = self.obj(data.get("meta", {}), f"{prefix}meta")
        year = meta.get("year")
        if type(year) is not int or not 2000 <= year <= 2100:
            raise self.fail(f"{prefix}meta.year", f"年度应为 2000–2100 的整数，实为 {_shown(year)}")
        date = self.text(meta.get("date"), f"{prefix}meta.date", optional=True)
        if date:
            try:
                validate_iso_date(date)
            except DateError as e:
                raise self.fail(f"{prefix}meta.date", f"成文日期{e}，实为 {_shown(date)}") from None
        report = Report(agency=self.text(meta.get("agency", ""), f"{prefix}meta.agency") or "",
                        year=year, date=date or None,
                        preamble=self.text(meta.get("preamble", ""), f"{prefix}meta.preamble") or "",
                        sections=self.sections(data.get("sections", {}), f"{prefix}sections"),
                        form=self.form)
        report.values = self.tables(data.get("tables", {}), f"{prefix}tables")
        report.stated = self.stated(data.get("stated", {}), f"{prefix}stated")
        report.unread = self.unread(data.get("unread", []), f"{prefix}unread")
        return report

    def sections(self, data: Any, where: str) -> dict[str, list[Subsection]]:
        data = self.obj(data, where)
        known = {s.id for s in self.form.narrative_sections}
        result = {}
        for sid, subs in data.items():
            if sid not in known:
                raise self.fail(f"{where}.{_key(sid)}", "未知的章节")
            if not isinstance(subs, list):
                raise self.fail(f"{where}.{sid}", "应为列表（[…]）")
            items = []
            for i, sub in enumerate(subs):
                place = f"{where}.{sid}[{i}]"
                sub = self.obj(sub, place)
                text = self.text(sub.get("text", ""), f"{place}.text") or ""
                items.append(Subsection(self.text(sub.get("heading", ""), f"{place}.heading") or "", text,
                                        self.figures(sub.get("figures", []), text, f"{place}.figures")))
            result[sid] = items
        return result

    def figures(self, data: Any, text: str, where: str) -> list[Figure]:
        """Generated figures of a sub-section; one its text no longer says where anchored is left out.

        (Its number then counts as typed by hand: nothing is lost, the checks still read it.)
        """
        from .statistics_text.quantities import QUANTITIES
        if not isinstance(data, list):
            raise self.fail(where, "应为列表（[…]）")
        found: list[Figure] = []
        for i, item in enumerate(data):
            place = f"{where}[{i}]"
            item = self.obj(item, place)
            quantity, measure = item.get("quantity"), item.get("measure")
            if not isinstance(quantity, str) or quantity not in QUANTITIES:
                raise self.fail(f"{place}.quantity", f"未知的统计项“{quantity}”")
            if measure not in MEASURES:
                raise self.fail(f"{place}.measure", f"应为 {' 或 '.join(MEASURES)}")
            value, start = item.get("value"), item.get("start")
            if type(value) is not int or type(start) is not int:
                raise self.fail(place, "value 和 start 应为整数")
            figure = Figure(quantity, measure, value, self.text(item.get("text"), f"{place}.text") or "", start)
            if figure.stands_in(text) and figure.text and all(f.end <= figure.start or figure.end <= f.start
                                                              for f in found):
                found.append(figure)
        return sorted(found, key=lambda f: f.start)

    def number(self, ref: CellRef, value: Any, where: str) -> Any:
        kind = getattr(self.form.definition(ref), "kind", NumberKind.COUNT)  # a stated total is a count
        if kind is NumberKind.DECIMAL and isinstance(value, str) and not value.isascii():
            value = _ascii_decimal(value)   # saved by an older version as typed (١٢.٥): the same number in ASCII
        if not is_valid(value, kind):
            want = "0–999999999 的整数" if kind is NumberKind.COUNT else "非负小数的文字（如 \"12.5\"）"
            raise self.fail(where, f"应为{want}或 null，实为 {_shown(value)}")
        return value

    def tables(self, data: Any, where: str) -> dict[CellRef, Any]:
        data = self.obj(data, where)
        values: dict[CellRef, Any] = {}
        for table_id, table in data.items():
            place = f"{where}.{_key(table_id)}"
            if table_id not in ("active", "requests", "appeals"):
                raise self.fail(place, "未知的表格")
            table = self.obj(table, place)
            if table_id == "active":
                cells = [(key, value, f"{place}.{_key(key)}") for key, value in table.items()]
            else:
                cells = []
                rows = {d.ref.row for d in self.form.table(table_id).inputs}
                for row, cols in table.items():
                    if row not in rows:
                        raise self.fail(f"{place}.{_key(row)}", "不是可填写的行（合计行由程序计算，不保存）")
                    cols = self.obj(cols, f"{place}.{row}")
                    cells += [(f"{row}.{col}", v, f"{place}.{row}.{_key(col)}") for col, v in cols.items()]
            for key, value, cell_place in cells:
                ref = CellRef(table_id, key)
                if not self.form.is_input(ref):
                    raise self.fail(cell_place, "不是可填写的单元格（合计由程序计算，不保存）")
                value = self.number(ref, value, cell_place)
                if value is not None:
                    values[ref] = value
        return values

    def unread(self, data: Any, where: str) -> set[CellRef]:
        if not isinstance(data, list):
            raise self.fail(where, "应为单元格名称的列表（[…]）")
        result = set()
        for k, name in enumerate(data):
            table, _, key = str(self.text(name, f"{where}[{k}]")).partition(".")
            ref = CellRef(table, key)
            try:
                self.form.definition(ref)
            except KeyError:
                raise self.fail(f"{where}[{k}]", "未知的单元格") from None
            result.add(ref)
        return result

    def stated(self, data: Any, where: str) -> dict[CellRef, Any]:
        data = self.obj(data, where)
        result = {}
        for name, value in data.items():
            table, _, key = name.partition(".")
            ref = CellRef(table, key)
            try:
                self.form.definition(ref)
            except KeyError:
                raise self.fail(f"{where}.{_key(name)}", "未知的单元格") from None
            result[ref] = self.number(ref, value, f"{where}.{name}")
        return result


class _LongNumber:
    """A JSON number of more digits than any value has: never converted (int() refuses over 4,300 digits)."""

    def __init__(self, digits: int) -> None:
        self.digits = digits


def _bounded_int(text: str) -> int | _LongNumber:
    return int(text) if len(text) <= MAX_NUMBER_DIGITS else _LongNumber(len(text))


def _bounded_float(text: str) -> float | _LongNumber:
    return float(text) if len(text) <= MAX_NUMBER_DIGITS else _LongNumber(len(text))


def _no_constant(name: str) -> None:
    raise DraftError(f"草稿文件含有 {name}，这不是有效的数值，文件可能已损坏或被改动过")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        twice = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise DraftError(f"草稿文件中同一处出现了两个“{_key(twice)}”，无法确定该用哪一个，文件可能被改动过")
    return result


def _ascii_decimal(value: str) -> str | None:
    """``value`` in ASCII digits when that is all that differs from a valid decimal (else ``None``)."""
    try:
        canonical = parse_decimal(value)
    except NumberError:
        return None
    return canonical if canonical == ascii_digits(value) else None


def _key(name: str) -> str:
    """A key for a message: short, and with no character that cannot be shown."""
    return _shown(name)[1:-1] if isinstance(name, str) else _shown(name)


def _shown(value: Any) -> str:
    """A value for a message: JSON for small scalars, a description for the rest (never huge, never nested)."""
    if isinstance(value, _LongNumber):
        return f"一个 {value.digits:,} 位的数"
    if isinstance(value, dict):
        return "对象（{…}）"
    if isinstance(value, list):
        return "列表（[…]）"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:40] + "…"
        return json.dumps(_SURROGATE.sub("\ufffd", short), ensure_ascii=False)
    return json.dumps(value)


def loads(text: str, form: FormDef = FORM_2021) -> Report:
    try:
        data = json.loads(text, parse_int=_bounded_int, parse_float=_bounded_float, parse_constant=_no_constant,
                          object_pairs_hook=_object)
    except json.JSONDecodeError as e:
        raise DraftError(f"草稿文件的内容不完整或已损坏（第 {e.lineno} 行第 {e.colno} 列附近），无法读取") from None
    except RecursionError:
        raise DraftError("草稿文件的结构嵌套层数过多（本程序的草稿只有几层），不是本程序保存的草稿，可能已损坏") from None
    except ValueError:
        raise DraftError("草稿文件的内容已损坏，无法读取") from None
    if not isinstance(data, dict):
        raise DraftError("草稿文件的顶层应为对象（{…}）")
    version = data.get("schema_version")
    if type(version) is not int or version < 1:
        raise DraftError("文件中没有本程序草稿的格式版本，可能不是本程序保存的草稿")
    if version > SCHEMA_VERSION:
        raise DraftError(f"该草稿由更新版本的程序保存（格式版本 {version}，本程序支持 {SCHEMA_VERSION}），请升级程序后再打开")
    reader = _Reader(form)
    report = reader.report(data)
    if data.get("prior") is not None:
        report.prior = reader.report(data["prior"], "prior")
    return report


def load(path: str | os.PathLike, form: FormDef = FORM_2021) -> Report:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_DRAFT_BYTES:
            raise DraftError(f"文件过大（{size // 1024 // 1024} MB），不是本程序的草稿")
        raw = path.read_bytes()
    except OSError as e:
        raise DraftError(f"无法读取 {path}：{reason(e)}") from e
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DraftError("草稿文件不是 UTF-8 编码的文本，可能不是本程序的草稿") from None
    return loads(text, form)
