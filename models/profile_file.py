"""Reading the 本地要求 file: a small TOML file a 政务公开办 writes once and sends with its notice.

Reading is all or nothing: the whole file is parsed, every key and value is
checked against the form, and only then is a ``Profile`` returned; anything
wrong raises ``ProfileError``, whose Chinese message names the line of each
problem.  ``models.profile_writer`` writes a profile in the same format.  The
format is documented in the README (本地要求).
"""
from __future__ import annotations

import datetime
import json
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .form import FormDef
from .form_2021 import FORM_2021
from .profile import (ERROR, PREAMBLE, PREAMBLE_TITLE, WARNING, Deadline, LengthLimit, MustState, Place, Profile,
                      RequiredCells, Requirement, Topic, cells_named, known_levels, level_word_known)

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, as the package it started as
    import tomli as tomllib

PROFILES_FOLDER = Path(__file__).resolve().parent.parent / "resources" / "profiles"   # the shipped profiles
NATIONAL_PROFILE = PROFILES_FOLDER / "national.toml"
MAX_FILE_BYTES = 1_000_000    # a notice's requirements are a few kilobytes; anything bigger is not one
MAX_CHARS = 1_000_000
SUFFIX = ".toml"
TOP_KEYS = ("name", "year", "levels", "severity", "deadline", "text", "cells")
BLOCK_KEYS = {
    "deadline": ("date", "severity", "levels"),
    "text": ("section", "subsection", "max_chars", "min_chars", "state", "severity", "levels"),
    "cells": ("cells", "nonzero", "name", "severity", "levels"),
}
TOPIC_KEYS = ("topic", "number", "also")
SEVERITY_WORDS = {"warning": WARNING, "警告": WARNING, "error": ERROR, "错误": ERROR}
ALL_WORDS = ("全部", "all", "所有")


class ProfileError(Exception):
    """A profile that cannot be used, with every problem found (each naming its line); nothing was applied."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        shown = "\n".join(problems[:12]) + (f"\n……另有 {len(problems) - 12} 处" if len(problems) > 12 else "")
        where = f"本地要求文件“{Path(source).name}”" if source else "本地要求"
        super().__init__(f"{where}有 {len(problems)} 处问题，未应用：\n{shown}")


# ---------------------------------------------------------------- reading

def load_profile(path: str | os.PathLike, form: FormDef = FORM_2021) -> Profile:
    """Read a profile file; ``ProfileError`` (Chinese, lines named) when it cannot be read or is not valid."""
    source = str(path)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        from .files import reason
        raise ProfileError(source, [f"无法读取：{reason(e)}"]) from e
    if len(data) > MAX_FILE_BYTES:
        raise ProfileError(source, ["文件过大，不像是本地要求文件（应为几 KB 的文本文件）"])
    return parse_profile(_decode(data, source), source, form)


def _decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without the BOM Notepad writes), or GB18030 as a clerk's editor may save it."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ProfileError(source, ["文件不是文本文件（无法按 UTF-8 或 GB18030 编码读取）"])


def parse_profile(text: str, source: str = "", form: FormDef = FORM_2021) -> Profile:
    """The profile written in ``text``; ``ProfileError`` naming the line of every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ProfileError(source, [syntax_message(str(e), text)]) from e
    reader = _Reader(text, form)
    profile = reader.profile(data, source)
    if reader.problems:
        raise ProfileError(source, reader.problems)
    assert profile is not None
    return profile


_SYNTAX = (  # tomllib's messages (Python 3.11–3.13, tomli 2) and what a clerk is told
    ("Invalid initial character for a key part", "设置名有误（中文设置名须加英文引号；本文件的设置名都是英文，如 name、section）"),
    ("Expected '=' after a key", "设置名后面应为“=”和值"),
    ("Invalid value", "值的写法有误（文字要加英文双引号，如 \"政策解读\"；数字不加引号）"),
    ("Unclosed array", "方括号 [ ] 没有配对"),
    ("Unclosed inline table", "花括号 { } 没有配对"),
    ("Unterminated string", "引号没有配对（文字须写在一对英文双引号中）"),
    ("Illegal character", "文字中有不允许的字符（如换行）"),
    ("Cannot overwrite a value", "同一设置写了两次"),
    ("Cannot declare", "同一设置写了两次"),
    ("Cannot mutate", "同一设置写了两次"),
    ("Expected newline or end of document after a statement", "一行只能写一项设置"),
    ("Expected ']' at the end of a table declaration", "方括号没有配对"),
    ("Expected ']]' at the end of an array declaration", "双方括号 [[ ]] 没有配对"),
    ("Invalid statement", "无法识别的一行（每行应为“设置名 = 值”或 [[类别]]；设置名是英文，如 name、section，中文写在引号里）"),
    ("Unescaped '\\' in a string", "文字中的反斜杠 \\ 须写成 \\\\"),
    ("Invalid date or datetime", "日期写法有误"),
)
_AT = re.compile(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")


def syntax_message(message: str, text: str = "") -> str:
    """A TOML syntax error in Chinese, with its line and column."""
    at = _AT.search(message)
    detail = _AT.sub("", message).strip()
    said = next((chinese for english, chinese in _SYNTAX if detail.startswith(english)), "") or "格式错误"
    if at and at.group(1):
        where = f"第 {at.group(1)} 行第 {at.group(2)} 列"
    elif at:   # something opened and never closed: the parser only notices at the end
        where = f"第 {max(1, len(text.splitlines()))} 行（文件末尾）"
        said += "；可能是前面某处的 [ ]、{ } 或引号没有配对"
    else:
        where = "文件中"
    return f"{where}：{said}（{detail}）"


class _Lines:
    """Where things stand in the text: tomllib returns values without positions, so find them by the headers."""

    _HEADER = re.compile(r"^\s*\[\[?\s*\"?([A-Za-z_\-]+)\"?\s*\]")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.blocks: dict[str, list[tuple[int, int]]] = {}   # array name → (first line, end) of each block, 0-based
        starts: list[tuple[str, int]] = []
        for n, line in enumerate(self.lines):
            match = self._HEADER.match(line)
            if match or re.match(r"^\s*\[", line):
                starts.append((match.group(1) if match else "", n))
        self.top_end = starts[0][1] if starts else len(self.lines)
        for i, (name, start) in enumerate(starts):
            end = starts[i + 1][1] if i + 1 < len(starts) else len(self.lines)
            self.blocks.setdefault(name, []).append((start, end))

    def block(self, array: str | None, index: int) -> tuple[int, int]:
        if array is None:
            return 0, self.top_end
        spans = self.blocks.get(array, [])
        return spans[index] if index < len(spans) else (0, len(self.lines))

    def of(self, array: str | None, index: int = 0, key: str | None = None, value: str | None = None) -> int:
        """The 1-based line of a block's header, of one of its keys, or of a text value inside it."""
        start, end = self.block(array, index)
        if value is not None:
            quoted = json.dumps(value, ensure_ascii=False)
            for n in range(start, end):
                if quoted in self.lines[n] or f"'{value}'" in self.lines[n]:
                    return n + 1
        if key is not None:
            pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
            for n in range(start, end):
                if pattern.match(self.lines[n]):
                    return n + 1
        return start + 1


class _Reader:
    """Checks every value against the form, collecting all problems before anything is returned."""

    def __init__(self, text: str, form: FormDef) -> None:
        self.lines = _Lines(text)
        self.form = form
        self._problems: list[tuple[int, str]] = []

    @property
    def problems(self) -> list[str]:
        """Every problem, in the order of the file's lines."""
        return [f"第 {line} 行：{message}" for line, message in sorted(self._problems, key=lambda p: p[0])]

    def problem(self, line: int, message: str) -> None:
        self._problems.append((line, message))

    def profile(self, data: dict[str, Any], source: str) -> Profile | None:
        self._unknown_keys(data, TOP_KEYS, None, 0)
        name = self._text(data, "name", None, 0, required=True)
        if name is None and "name" not in data:
            self.problem(1, "缺少 name（本地要求的名称，例如“××市2025年度政府信息公开工作年度报告编制要求”）")
        year = self._year(data)
        levels = self._levels(data, None, 0)
        severity = self._severity(data, None, 0) or WARNING
        requirements: list[Requirement] = []
        for array, read in (("deadline", self._deadline), ("text", self._text_block), ("cells", self._cells)):
            blocks = data.get(array, [])
            if not isinstance(blocks, list) or not all(isinstance(b, dict) for b in blocks):
                self.problem(self.lines.block(array, 0)[0] + 1 if array in self.lines.blocks
                             else self.lines.of(None, key=array),
                             f"{array} 应写成 [[{array}]] 开头的一段或几段，每段一项要求")
                continue
            for index, block in enumerate(blocks):
                self._unknown_keys(block, BLOCK_KEYS[array], array, index)
                requirements += read(block, index)
        if self._problems:
            return None
        return Profile(name=name or "", year=year, levels=levels, severity=severity,
                       requirements=tuple(requirements), path=source)

    # ------------------------------------------------------------ values

    def _unknown_keys(self, data: dict[str, Any], allowed: Iterable[str], array: str | None, index: int) -> None:
        for key in data:
            if key in allowed:
                continue
            if array is None and key in self.lines.blocks:   # a block of a kind there is not: its header
                line = self.lines.block(key, 0)[0] + 1
            else:
                line = self.lines.of(array, index, key=key)
            where = f"[[{array}]] 中" if array else ""
            self.problem(line, f"{where}不认识的设置“{key}”（可用的设置：{'、'.join(allowed)}）")

    def _text(self, data: dict[str, Any], key: str, array: str | None, index: int, *,
              required: bool = False, limit: int = 200) -> str | None:
        value = data.get(key)
        line = self.lines.of(array, index, key=key)
        if value is None:
            if required and array is not None:
                self.problem(line, f"[[{array}]] 缺少 {key}")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(line, f"{key} 应为一段文字（写在英文双引号中），不能为空")
            return None
        if len(value) > limit:
            self.problem(line, f"{key} 过长（不超过 {limit} 个字符）")
            return None
        return value.strip()

    def _year(self, data: dict[str, Any]) -> int | None:
        value = data.get("year")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= 2101:
            self.problem(self.lines.of(None, key="year"), f"year 应为报告年度，如 2025（不加引号），现为 {_shown(value)}")
            return None
        return value

    def _levels(self, data: dict[str, Any], array: str | None, index: int) -> tuple[str, ...]:
        value = data.get("levels")
        if value is None:
            return ()
        line = self.lines.of(array, index, key="levels")
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(line, "levels 应为级别的列表，如 [\"区县级政府\", \"市级部门\"]；适用于全部时不写")
            return ()
        words = tuple(dict.fromkeys(v.strip() for v in value if v.strip()))
        if any(w in ALL_WORDS for w in words):
            return ()
        for word in words:
            if not level_word_known(word):
                self.problem(self.lines.of(array, index, value=word),
                             f"不认识的级别“{word}”（可用：{'、'.join(known_levels())}，或其中的一部分，如“区县级”“部门”）")
        return words

    def _severity(self, data: dict[str, Any], array: str | None, index: int) -> str:
        value = data.get("severity")
        if value is None:
            return ""
        if not isinstance(value, str) or value.strip() not in SEVERITY_WORDS:
            self.problem(self.lines.of(array, index, key="severity"),
                         f"severity 应为 \"warning\"（警告）或 \"error\"（错误），现为 {_shown(value)}")
            return ""
        return SEVERITY_WORDS[value.strip()]

    def _count(self, data: dict[str, Any], key: str, array: str, index: int) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CHARS:
            self.problem(self.lines.of(array, index, key=key), f"{key} 应为正整数（字数，不加引号），现为 {_shown(value)}")
            return None
        return value

    def _flag(self, data: dict[str, Any], key: str, array: str, index: int) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.problem(self.lines.of(array, index, key=key), f"{key} 应为 true 或 false，现为 {_shown(value)}")
            return False
        return value

    def _common(self, block: dict[str, Any], array: str, index: int) -> dict[str, Any]:
        return {"severity": self._severity(block, array, index), "levels": self._levels(block, array, index)}

    # ------------------------------------------------------------ the blocks

    def _deadline(self, block: dict[str, Any], index: int) -> list[Requirement]:
        value = block.get("date")
        line = self.lines.of("deadline", index, key="date")
        common = self._common(block, "deadline", index)
        if value is None:
            self.problem(self.lines.of("deadline", index), "[[deadline]] 缺少 date（次年的月和日，如 \"01-31\"）")
            return []
        month_day = _month_day(value)
        if month_day is None:
            self.problem(line, f"date 应为次年的月和日，如 \"01-31\" 或 \"1月31日\"，现为 {_shown(value)}")
            return []
        return [Deadline(month=month_day[0], day=month_day[1], **common)]

    def _text_block(self, block: dict[str, Any], index: int) -> list[Requirement]:
        common = self._common(block, "text", index)
        section = self._section(block, index)
        subsection = block.get("subsection", "")
        if not isinstance(subsection, str):
            self.problem(self.lines.of("text", index, key="subsection"), "subsection 应为小标题中的文字，如 \"主动公开\"")
            subsection = ""
        subsection = subsection.strip()
        if subsection and section == PREAMBLE:
            self.problem(self.lines.of("text", index, key="subsection"), "开头部分没有小标题，不能写 subsection")
        max_chars = self._count(block, "max_chars", "text", index)
        min_chars = self._count(block, "min_chars", "text", index)
        if max_chars is not None and min_chars is not None and min_chars > max_chars:
            self.problem(self.lines.of("text", index, key="min_chars"), f"min_chars（{min_chars}）大于 max_chars（{max_chars}）")
        topics = self._topics(block, index)
        if "max_chars" not in block and "min_chars" not in block and "state" not in block:
            self.problem(self.lines.of("text", index), "[[text]] 应至少写 max_chars、min_chars 或 state 中的一项")
        if section is None:
            return []
        place = Place(section, subsection)
        found: list[Requirement] = []
        if max_chars is not None or min_chars is not None:
            found.append(LengthLimit(place=place, max_chars=max_chars, min_chars=min_chars, **common))
        found += [MustState(place=place, topic=topic, **common) for topic in topics]
        return found

    def _section(self, block: dict[str, Any], index: int) -> str | None:
        value = block.get("section")
        line = self.lines.of("text", index, key="section")
        if value is None:
            self.problem(self.lines.of("text", index), "[[text]] 缺少 section（如 \"一、总体情况\" 或 \"开头部分\"）")
            return None
        names = section_names(self.form)
        if not isinstance(value, str) or value.strip() not in names:
            allowed = "、".join(dict.fromkeys([PREAMBLE_TITLE] + [s.title for s in self.form.narrative_sections]))
            self.problem(line, f"section 应为叙述部分之一：{allowed}，现为 {_shown(value)}")
            return None
        return names[value.strip()]

    def _topics(self, block: dict[str, Any], index: int) -> list[Topic]:
        value = block.get("state")
        if value is None:
            return []
        line = self.lines.of("text", index, key="state")
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.problem(line, "state 应为列表，如 [\"统计期限\", { topic = \"政策解读\", number = true }]")
            return []
        topics = []
        for item in value:
            if isinstance(item, str) and item.strip():
                topics.append(Topic(item.strip()))
            elif isinstance(item, dict):
                topic = self._topic(item, index)
                if topic is not None:
                    topics.append(topic)
            else:
                self.problem(line, f"state 中的 {_shown(item)} 应为文字，或 {{ topic = \"…\", number = true }}")
        return topics

    def _topic(self, item: dict[str, Any], index: int) -> Topic | None:
        name = item.get("topic")
        line = self.lines.of("text", index, value=name) if isinstance(name, str) else self.lines.of("text", index,
                                                                                                      key="state")
        for key in item:
            if key not in TOPIC_KEYS:
                self.problem(line, f"state 中不认识的设置“{key}”（可用的设置：{'、'.join(TOPIC_KEYS)}）")
        if not isinstance(name, str) or not name.strip() or len(name) > 50:
            self.problem(line, "state 中每项应有 topic（要写明的内容，如 \"政策解读\"，不超过 50 字）")
            return None
        number = item.get("number", False)
        if not isinstance(number, bool):
            self.problem(line, f"number 应为 true 或 false，现为 {_shown(number)}")
            number = False
        also = item.get("also", [])
        if isinstance(also, str):
            also = [also]
        if not isinstance(also, list) or not all(isinstance(a, str) and a.strip() for a in also):
            self.problem(line, "also 应为其他说法的列表，如 [\"解读\", \"政策文件解读\"]")
            also = []
        return Topic(name.strip(), tuple(a.strip() for a in also), number)

    def _cells(self, block: dict[str, Any], index: int) -> list[Requirement]:
        common = self._common(block, "cells", index)
        value = block.get("cells")
        if isinstance(value, str):
            value = [value]
        if value is None:
            self.problem(self.lines.of("cells", index), "[[cells]] 缺少 cells（单元格的键名，如 \"active.rules.issued\"）")
            return []
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.problem(self.lines.of("cells", index, key="cells"),
                         "cells 应为单元格键名的列表，如 [\"active.rules.issued\", \"active.normative\"]")
            return []
        keys = []
        for key in value:
            key = key.strip()
            if not cells_named(key, self.form):
                self.problem(self.lines.of("cells", index, value=key),
                             f"表格中没有单元格“{key}”（键名见 README“本地要求”一节，如 active.rules.issued、requests.new.total）")
            keys.append(key)
        nonzero = self._flag(block, "nonzero", "cells", index)
        name = self._text(block, "name", "cells", index) or ""
        return [RequiredCells(cells=tuple(keys), nonzero=nonzero, name=name, **common)]


def section_names(form: FormDef = FORM_2021) -> dict[str, str]:
    """Every way a profile may name a part of the narrative → its id ("一、总体情况", "总体情况", "overview")."""
    names = {PREAMBLE_TITLE: PREAMBLE, PREAMBLE: PREAMBLE, "导语": PREAMBLE}
    for s in form.narrative_sections:
        names[s.title] = s.id
        names[s.title.split("、", 1)[-1]] = s.id
        names[s.id] = s.id
    return names


_MONTH_DAY = re.compile(r"(\d{1,2})\s*[-－/.月]\s*(\d{1,2})\s*日?")


def _month_day(value: Any) -> tuple[int, int] | None:
    if isinstance(value, datetime.date):
        month, day = value.month, value.day
    elif isinstance(value, str) and (m := _MONTH_DAY.fullmatch(value.strip())):
        month, day = int(m.group(1)), int(m.group(2))
    else:
        return None
    try:
        datetime.date(2001, month, day)   # a year without 29 February: a deadline must exist every year
    except ValueError:
        return None
    return month, day


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 40 else text[:40] + "…"
