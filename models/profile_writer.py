"""Writing the 本地要求 file: a profile as TOML that ``models.profile_file`` reads back as it was.

Each requirement gets a Chinese comment over it, so the file reads as a list of
the notice's requirements; a file is written only once it has been read back.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from .form import FormDef
from .form_2021 import FORM_2021
from .profile import (PREAMBLE, PREAMBLE_TITLE, Deadline, LengthLimit, MustState, Place, Profile, RequiredCells,
                      Requirement, Topic)
from .profile_file import parse_profile

KIND_ORDER = {Deadline: 0, LengthLimit: 1, MustState: 1, RequiredCells: 2}   # the order a file is read in


def canonical(requirements: Iterable[Requirement]) -> list[Requirement]:
    """The requirements in the order a file gives them back: deadlines, then the text, then the cells."""
    return sorted(requirements, key=lambda r: KIND_ORDER.get(type(r), len(KIND_ORDER)))


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _strings(values: Iterable[str]) -> str:
    return "[" + ", ".join(_string(v) for v in values) + "]"


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def _common_lines(requirement: Requirement) -> list[str]:
    lines = []
    if requirement.levels:
        lines.append(f"levels = {_strings(requirement.levels)}")
    if requirement.severity:
        lines.append(f"severity = {_string(requirement.severity)}")
    return lines


def _topic_item(topic: Topic) -> str:
    parts = [f"topic = {_string(topic.name)}"]
    if topic.with_number:
        parts.append("number = true")
    if topic.also:
        parts.append(f"also = {_strings(topic.also)}")
    return "{ " + ", ".join(parts) + " }"


def dumps(profile: Profile, form: FormDef = FORM_2021) -> str:
    """The profile as a TOML file that ``parse_profile`` reads back as it is (requirements in ``canonical`` order)."""
    out = [_comment(f"本地要求：{profile.name}"),
           "# 政府信息公开工作年度报告填报助手的本地要求文件（格式见程序 README 的“本地要求”一节）", "",
           f"name = {_string(profile.name)}"]
    if profile.year is not None:
        out.append(f"year = {profile.year}")
    if profile.levels:
        out.append(f"levels = {_strings(profile.levels)}")
    out.append(f"severity = {_string(profile.severity)}")
    requirements = canonical(profile.requirements)
    index = 0
    while index < len(requirements):
        requirement = requirements[index]
        out.append("")
        if isinstance(requirement, Deadline):
            out += [_comment(requirement.describe(form)), "[[deadline]]",
                    f"date = \"{requirement.month:02d}-{requirement.day:02d}\""]
        elif isinstance(requirement, LengthLimit):
            out += [_comment(requirement.describe(form)), "[[text]]", *_place_lines(requirement.place, form)]
            if requirement.max_chars is not None:
                out.append(f"max_chars = {requirement.max_chars}")
            if requirement.min_chars is not None:
                out.append(f"min_chars = {requirement.min_chars}")
        elif isinstance(requirement, MustState):
            group = [requirement]
            while (index + 1 < len(requirements) and isinstance(nxt := requirements[index + 1], MustState)
                   and (nxt.place, nxt.severity, nxt.levels) == (requirement.place, requirement.severity,
                                                                 requirement.levels)):
                group.append(nxt)
                index += 1
            topics = "、".join(r.topic.name + ("（及数量）" if r.topic.with_number else "") for r in group)
            out += [_comment(f"{requirement.place.label(form)}写明：{topics}{requirement.levels_note()}"), "[[text]]",
                    *_place_lines(requirement.place, form), "state = ["]
            out += [f"    {_topic_item(r.topic)}," for r in group]
            out.append("]")
        elif isinstance(requirement, RequiredCells):
            out += [_comment(requirement.describe(form)), "[[cells]]"]
            if requirement.name:
                out.append(f"name = {_string(requirement.name)}")
            out.append(f"cells = {_strings(requirement.cells)}")
            if requirement.nonzero:
                out.append("nonzero = true")
        out += _common_lines(requirement)
        index += 1
    return "\n".join(out) + "\n"


def _place_lines(place: Place, form: FormDef) -> list[str]:
    section = PREAMBLE_TITLE if place.section == PREAMBLE else form.section(place.section).title
    lines = [f"section = {_string(section)}"]
    if place.subsection:
        lines.append(f"subsection = {_string(place.subsection)}")
    return lines


def save_profile(profile: Profile, path: str | os.PathLike, form: FormDef = FORM_2021) -> Path:
    """Write the profile atomically (the old file stays whole if writing fails); ``OSError`` otherwise."""
    from .files import atomic_write
    text = dumps(profile, form)
    parse_profile(text, str(path), form)   # what is written always reads back
    return atomic_write(path, text.encode("utf-8"))

