"""Draft files: the report as UTF-8 JSON (format described in docs/draft-format.md)."""
from __future__ import annotations

import errno
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import DateError, validate_iso_date
from .figures import MEASURES, Figure
from .files import atomic_write, digest, reason
from .form import CellRef, FormDef, NumberKind
from .form_2021 import ACTIVE, FORM_2021
from .numbers import NumberError, ascii_digits, is_valid, parse_decimal
from .report import Report, Subsection

SCHEMA_VERSION = 1
MAX_DRAFT_BYTES = 50 * 1024 * 1024
DRAFT_SUFFIX = ".gkbg.json"
MAX_TEXT_CHARS = 2_000_000    # one text (a section's part, a heading); a whole report is some 30,000 characters
MAX_NUMBER_DIGITS = 20        # digits of a JSON number converted at all; a count has at most 9
_SURROGATE = re.compile("[\ud800-\udfff]")
# raw control characters are not allowed inside JSON strings; a damaged byte may have become one
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
SAVED_BY = "saved_by"     # who saved the file, on which computer, when (shown when a recovery copy meets it)
TOP_LEVEL = ("schema_version", "form", "meta", "sections", "tables", "stated", "unread", "prior", SAVED_BY)


class DraftError(Exception):
    """A draft that cannot be read; ``str()`` is a Chinese message naming the place."""


class DraftExists(DraftError):
    """A draft to be created where a file of that name exists (perhaps written a moment ago by another writer)."""


class DraftRepairable(DraftError):
    """A draft that can be opened once what is damaged in it is cleared: ``repairs`` names each place."""

    def __init__(self, message: str, repairs: list[str]) -> None:
        listed = "\n".join(f"· {r}" for r in repairs[:8]) + (f"\n等 {len(repairs)} 处" if len(repairs) > 8 else "")
        super().__init__(f"{message}\n\n其余内容完好。可以清除以下有问题的内容后打开（原文件在保存前不会改动）：\n{listed}")
        self.repairs = repairs


@dataclass
class Loaded:
    """A draft as read: the report, the digest of the bytes read, who saved it, what was cleared to open it."""

    report: Report
    digest: str
    saved_by: dict[str, str] = field(default_factory=dict)
    repairs: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- to JSON

def report_to_dict(report: Report, *, with_prior: bool = True) -> dict[str, Any]:
    form = report.form
    tables: dict[str, Any] = {t.id: {} for t in form.tables}
    for d in form.inputs:
        value = report.values.get(d.ref)
        if d.ref.table == ACTIVE:
            tables[ACTIVE][d.ref.key] = value
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


def dumps(report: Report, saved_by: dict[str, str] | None = None) -> str:
    data = {"schema_version": SCHEMA_VERSION, **report_to_dict(report)}
    if saved_by:
        data[SAVED_BY] = saved_by
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def encode(report: Report, saved_by: dict[str, str] | None = None) -> bytes:
    """The draft as UTF-8; a lone surrogate (never valid text) becomes "?" rather than stopping every save."""
    return dumps(report, saved_by).encode("utf-8", errors="replace")


def write(payload: bytes, path: str | os.PathLike, *, exclusive: bool = False) -> Path:
    """Write an encoded draft atomically (``exclusive``: only where no file of that name exists);
    ``DraftError`` (Chinese) when it cannot be written."""
    try:
        return atomic_write(path, payload, exclusive=exclusive)
    except OSError as e:
        if exclusive and e.errno == errno.EEXIST:
            raise DraftExists(f"{path} 已存在，未覆盖") from e
        raise DraftError(f"无法保存到 {path}：{reason(e)}") from e


def save(report: Report, path: str | os.PathLike, *, exclusive: bool = False) -> Path:
    """Save atomically, keeping the file's permissions; ``DraftError`` (Chinese) when it cannot be written."""
    return write(encode(report), path, exclusive=exclusive)


# ---------------------------------------------------------------- from JSON

class _Reader:
    """Validates a parsed draft, naming the place of the first problem.

    With ``repairs`` (a list), a damaged value is cleared instead — a number
    or date left blank, a character that cannot be stored replaced by "�", a
    key nobody knows left out — and the place is named in ``repairs``.  What
    holds the draft together (its objects and lists) is never guessed.
    """

    def __init__(self, form: FormDef, repairs: list[str] | None = None):
        self.form = form
        self.repairs = repairs

    def fail(self, where: str, what: str) -> DraftError:
        return DraftError(f"草稿文件中 {where}：{what}")

    def mend(self, where: str, what: str, done: str, value: Any = None) -> Any:
        """``value`` in place of a damaged one when repairing (naming the place); the error otherwise."""
        if self.repairs is None:
            raise self.fail(where, what)
        self.repairs.append(f"{describe_place(where, self.form)}：{what}，{done}")
        return value

    def obj(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, "应为对象（{…}）")
        return value

    def text(self, value: Any, where: str, *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            return self.mend(where, f"应为文字，实为 {_shown(value)}", "已清空", None if optional else "")
        if len(value) > MAX_TEXT_CHARS:
            raise self.fail(where, f"文字长达 {len(value):,} 字，超过上限 {MAX_TEXT_CHARS:,} 字，不像是本程序保存的草稿")
        bad = _SURROGATE.search(value)
        if bad:
            # JSON lets "\ud800" stand alone; such text can never be saved again (UTF-8 has no place for it).
            # A byte that is not UTF-8, or a stray control character, is read as one of these when repairing.
            return self.mend(where, f"第 {bad.start() + 1} 个字符是无效的字符（文件可能已损坏）",
                             f"共 {len(_SURROGATE.findall(value))} 个无效字符已替换为“\ufffd”，其余文字保留",
                             _SURROGATE.sub("\ufffd", value))
        return value

    def unknown_keys(self, data: dict, known, where: str) -> None:
        """A key this format does not have is named (a newer format has a newer ``schema_version``): a damaged
        byte in a known key would otherwise hide that key's value — an agency name gone without a word."""
        for key in data:
            if key not in known:
                self.mend(f"{where}{_key(key)}", "无法识别的项目名称", "已忽略")

    def report(self, data: Any, where: str = "") -> Report:
        data = self.obj(data, where or "顶层")
        prefix = f"{where}." if where else ""
        self.unknown_keys(data, TOP_LEVEL if not where else TOP_LEVEL[1:7], prefix)
        form_id = data.get("form", self.form.id)
        if form_id != self.form.id:
            raise self.fail(f"{prefix}form", f"不支持的报告格式 {_shown(form_id)}")
        meta = self.obj(data.get("meta", {}), f"{prefix}meta")
        self.unknown_keys(meta, ("agency", "year", "date", "preamble"), f"{prefix}meta.")
        year = meta.get("year")
        if type(year) is not int or not 2000 <= year <= 2100:
            year = self.mend(f"{prefix}meta.year", f"年度应为 2000–2100 的整数，实为 {_shown(year)}",
                             f"已改为 {Report().year}，请核对", Report().year)
        date = self.text(meta.get("date"), f"{prefix}meta.date", optional=True)
        if date:
            try:
                validate_iso_date(date)
            except DateError as e:
                date = self.mend(f"{prefix}meta.date", f"成文日期{e}，实为 {_shown(date)}", "已清空")
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
                self.mend(f"{where}.{_key(sid)}", "未知的章节", "已忽略")
                continue
            if not isinstance(subs, list):
                self.mend(f"{where}.{sid}", "应为列表（[…]）", "已忽略")
                continue
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
        try:
            return self._figures(data, text, where)
        except DraftError as e:
            # the figures only keep generated numbers in step: without them the text and its numbers stay
            return self.mend(where, str(e).removeprefix("草稿文件中 "), "统计数字改为按手写处理", [])

    def _figures(self, data: Any, text: str, where: str) -> list[Figure]:
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
            figure_text = item.get("text")
            if not isinstance(figure_text, str) or _SURROGATE.search(figure_text):
                raise self.fail(f"{place}.text", f"应为文字，实为 {_shown(figure_text)}")
            figure = Figure(quantity, measure, value, figure_text, start)
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
            return self.mend(where, f"应为{want}或 null，实为 {_shown(value)}", "已清空")
        return value

    def tables(self, data: Any, where: str) -> dict[CellRef, Any]:
        data = self.obj(data, where)
        values: dict[CellRef, Any] = {}
        for table_id, table in data.items():
            place = f"{where}.{_key(table_id)}"
            if table_id not in {t.id for t in self.form.tables}:
                self.mend(place, "未知的表格", "已忽略")
                continue
            table = self.obj(table, place)
            if table_id == ACTIVE:  # its keys are saved whole ("rules.issued"); the others' by row, then column
                cells = [(key, value, f"{place}.{_key(key)}") for key, value in table.items()]
            else:
                cells = []
                rows = {d.ref.row for d in self.form.table(table_id).inputs}
                for row, cols in table.items():
                    if row not in rows:
                        self.mend(f"{place}.{_key(row)}", "不是可填写的行（合计行由程序计算，不保存）", "已忽略")
                        continue
                    cols = self.obj(cols, f"{place}.{row}")
                    cells += [(f"{row}.{col}", v, f"{place}.{row}.{_key(col)}") for col, v in cols.items()]
            for key, value, cell_place in cells:
                ref = self.cell(table_id, key)
                if ref is None or not self.form.is_input(ref):
                    self.mend(cell_place, "不是可填写的单元格（合计由程序计算，不保存）", "已忽略")
                    continue
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
            ref = self.cell(table, key)
            if ref is None:
                self.mend(f"{where}.{_key(name)}", "未知的单元格", "已忽略")
                continue
            value = self.number(ref, value, f"{where}.{name}")
            if value is not None:
                result[ref] = value
        return result

    @staticmethod
    def cell(table: str, key: str) -> CellRef | None:
        """The cell a saved name stands for; ``None`` when the form has no such cell."""
        try:
            return CellRef(table, key)
        except KeyError:
            return None


_META_NAMES = {"agency": "机关名称", "year": "年度", "date": "成文日期", "preamble": "开头段落"}
_SUB_PARTS = {"text": "正文", "heading": "小标题", "figures": "统计数字标记"}


def describe_place(where: str, form: FormDef = FORM_2021) -> str:
    """A place in a draft (``tables.requests.new.natural_person``) as the clerk knows it (表三 一、本年新收 / 自然人)."""
    prefix = ""
    if where.startswith("prior."):
        prefix, where = "上年报告的", where[len("prior."):]
    head, _, rest = where.partition(".")
    if head == "meta" and rest in _META_NAMES:
        return prefix + _META_NAMES[rest]
    if head == "sections":
        match = re.match(r"(\w+)\[(\d+)\](?:\.(\w+))?", rest)
        if match and match.group(1) in {s.id for s in form.narrative_sections}:
            title = form.section(match.group(1)).title
            part = _SUB_PARTS.get(match.group(3) or "", "内容")
            return f"{prefix}“{title}”第 {int(match.group(2)) + 1} 部分的{part}"
    if head in ("tables", "stated"):
        table, _, key = rest.partition(".")
        try:
            return prefix + form.name_of(CellRef(table, key))
        except (KeyError, ValueError, StopIteration):  # not a cell of the form
            pass
    return f"{prefix}{where.rstrip('.')}"


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


MAX_SCHEMA_VERSION = 1000   # a version number beyond this is damage, not a newer program


def loads(text: str, form: FormDef = FORM_2021, *, repairs: list[str] | None = None) -> Report:
    """The report of a draft's text; ``DraftError`` naming the first problem.

    With ``repairs`` (a list), damaged values are cleared and named there
    instead (see ``_Reader``); a file whose structure is damaged is still refused.
    """
    if repairs is not None:
        # a damaged byte that became a control character: marked so that its field is named and mended
        text = _RAW_CONTROL.sub(lambda m: chr(0xDC00 + ord(m.group())), text)
    data = _parse(text, strict=repairs is None)
    if not isinstance(data, dict):
        raise DraftError("草稿文件的顶层应为对象（{…}）")
    version = data.get("schema_version")
    if version is None:
        raise DraftError("文件中没有本程序草稿的格式版本，可能不是本程序保存的草稿")
    if type(version) is not int or not 1 <= version <= MAX_SCHEMA_VERSION:
        raise DraftError(f"文件中的格式版本 {_shown(version)} 无效：本程序的草稿写的是 {SCHEMA_VERSION}。"
                         "文件可能已损坏，或不是本程序保存的草稿")
    if version > SCHEMA_VERSION:
        raise DraftError(f"该草稿由更新版本的程序保存（格式版本 {version}，本程序支持 {SCHEMA_VERSION}），请升级程序后再打开")
    reader = _Reader(form, repairs)
    report = reader.report(data)
    if data.get("prior") is not None:
        report.prior = reader.report(data["prior"], "prior")
    return report


def _parse(text: str, *, strict: bool) -> Any:
    try:
        return json.loads(text, parse_int=_bounded_int, parse_float=_bounded_float, parse_constant=_no_constant,
                          object_pairs_hook=_object, strict=strict)
    except json.JSONDecodeError as e:
        raise DraftError(f"草稿文件的内容不完整或已损坏（第 {e.lineno} 行第 {e.colno} 列附近），无法读取") from None
    except RecursionError:
        raise DraftError("草稿文件的结构嵌套层数过多（本程序的草稿只有几层），不是本程序保存的草稿，可能已损坏") from None
    except DraftError:
        raise
    except ValueError:
        raise DraftError("草稿文件的内容已损坏，无法读取") from None


def load(path: str | os.PathLike, form: FormDef = FORM_2021) -> Report:
    return read(path, form).report


def read(path: str | os.PathLike, form: FormDef = FORM_2021, *, repair: bool = False) -> Loaded:
    """The draft at ``path`` with the digest of the bytes read and who saved it.

    ``DraftError`` (Chinese) when it cannot be read; ``DraftRepairable`` when
    it could be read with some damaged values cleared, which ``repair=True``
    then does (the places are in ``Loaded.repairs``).
    """
    raw = _read_bytes(Path(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        if not repair:
            return _refuse_or_offer(raw, form, DraftError("草稿文件中有不是 UTF-8 编码的字节（文件可能已损坏），无法按原样读取"))
        text = None
    if text is None or repair:
        # surrogateescape: each byte that is not UTF-8 becomes a lone surrogate, which the reader names and mends
        repairs: list[str] = []
        report = loads(raw.decode("utf-8-sig", errors="surrogateescape") if text is None else text, form,
                       repairs=repairs)
        return Loaded(report, digest(raw), _saved_by(text or ""), repairs)
    try:
        report = loads(text, form)
    except DraftError as e:
        return _refuse_or_offer(raw, form, e)
    return Loaded(report, digest(raw), _saved_by(text))


def _refuse_or_offer(raw: bytes, form: FormDef, error: DraftError) -> Loaded:
    """Raise ``error`` — as ``DraftRepairable`` when clearing what is damaged would let the draft open."""
    try:
        repairs: list[str] = []
        loads(raw.decode("utf-8-sig", errors="surrogateescape"), form, repairs=repairs)
    except DraftError:
        raise error from None
    if not repairs:
        raise error from None
    raise DraftRepairable(str(error), repairs) from None


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_DRAFT_BYTES:
            raise DraftError(f"文件过大（{size // 1024 // 1024} MB），不是本程序的草稿")
        return path.read_bytes()
    except OSError as e:
        raise DraftError(f"无法读取 {path}：{reason(e)}") from e


def author_of(path: str | os.PathLike) -> dict[str, str]:
    """Who last saved the draft at ``path`` (user, host, at), as far as the file says; empty when unknown."""
    try:
        return _saved_by(_read_bytes(Path(path)).decode("utf-8-sig", errors="replace"))
    except DraftError:
        return {}


def _saved_by(text: str) -> dict[str, str]:
    """Who saved the draft (``saved_by``: user, computer, time), when it says so; nothing else is trusted."""
    try:
        data = json.loads(text, parse_int=_bounded_int, parse_float=_bounded_float, parse_constant=_no_constant)
    except (ValueError, RecursionError, DraftError):
        return {}
    found = data.get(SAVED_BY) if isinstance(data, dict) else None
    if not isinstance(found, dict):
        return {}
    return {k: v[:100] for k, v in found.items() if k in ("user", "host", "at") and isinstance(v, str)}
