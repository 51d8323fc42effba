"""Which installed font draws each part of the report in the PDF and the print preview.

The document names the official faces (方正小标宋简体, 黑体, 楷体_GB2312,
仿宋_GB2312, 宋体).  Where the machine has one of them, under any of its
usual names, it is used; otherwise the nearest free face with Simplified
Chinese glyphs is, and the export says so.  Noto CJK and Source Han ship one
file for SC, TC, JP and KR: only the "SC" family gives 直 骨 说 their
mainland shapes, so fallbacks are always named with their SC family.

The program carries a free 仿宋 and a free 楷体 (``resources/fonts``: Fandol,
GPL with the font exception; see its README), so that where the official
faces are missing the body is still in a 仿宋 and （一） headings in a 楷体.
"""
from __future__ import annotations

import struct
import unicodedata
from dataclasses import dataclass
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from . import common

# ---------------------------------------------------------------- candidates

# Free faces with Simplified Chinese glyphs, nearest first.
FREE_SERIF = ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "思源宋体", "思源宋体 CN",
              "Noto Serif SC")
FREE_SANS = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "思源黑体", "思源黑体 CN",
             "Noto Sans SC", "WenQuanYi Zen Hei", "文泉驿正黑", "WenQuanYi Micro Hei", "文泉驿微米黑")
FREE_KAI = ("AR PL UKai CN", "AR PL KaitiM GB", "LXGW WenKai", "霞鹜文楷")
# the faces the program carries (resources/fonts), after any of the machine's own of the same style
BUNDLED_FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
BUNDLED_FANGSONG = "FandolFang"
BUNDLED_KAI = "FandolKai"
# Simplified Chinese faces that come with Windows and macOS: the last resort of every role, and
# the fallback for characters a face lacks (the *_GB2312 faces cover GB 2312 only)
SYSTEM_CHINESE = ("SimSun", "宋体", "NSimSun", "新宋体", "FangSong", "仿宋", "SimHei", "黑体",
                  "Microsoft YaHei", "微软雅黑", "Songti SC", "STSong", "华文宋体", "PingFang SC")
# Rare characters (CJK Extension B and beyond: 𠀀 𪚥, in names of people and places): the faces Windows ships
# for them, then free ones; after these, whatever installed face has the character (fontconfig's on Linux)
RARE_CHINESE = ("SimSun-ExtB", "SimSun-ExtG", "MingLiU-ExtB", "PMingLiU-ExtB", "MingLiU_HKSCS-ExtB",
                "Microsoft JhengHei", "Microsoft YaHei UI", "HanaMinB", "HanaMinA", "Plangothic P1", "Plangothic P2",
                "BabelStone Han", "TH-Tshyn-P1", "TH-Tshyn-P2", "Jigmo2", "Jigmo3", "Noto Sans CJK SC",
                "Noto Serif CJK SC", "Segoe UI Emoji", "Segoe UI Symbol", "Noto Color Emoji", "Symbola",
                "DejaVu Sans", "Unifont", "Unifont Upper")


@dataclass(frozen=True)
class Role:
    key: str
    label: str                      # Chinese, for messages
    official: str                   # the face the document names
    same_face: tuple[str, ...]      # the official face under its other names
    near: tuple[str, ...]           # other faces of the same style, nearest first
    point_size: float
    bold_fallback: bool = False     # a heavy face: take the bold weight of a free fallback
    latin: bool = False             # for ASCII letters and digits only


ROLES = (
    Role("title", "标题", common.TITLE_FONT,
         ("方正小标宋简体", "方正小标宋_GBK", "方正小标宋简", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05"),
         ("华文中宋", "STZhongsong") + FREE_SERIF, common.TITLE_PT, bold_fallback=True),
    Role("heading1", "一级标题", common.HEADING1_FONT,
         ("黑体", "SimHei"),
         ("方正黑体_GBK", "方正黑体简体", "FZHei-B01S", "华文黑体", "STHeiti") + FREE_SANS, common.BODY_PT),
    Role("heading2", "二级标题", common.HEADING2_FONT,
         ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"),
         ("方正楷体_GBK", "方正楷体简体", "FZKai-Z03S", "华文楷体", "STKaiti") + FREE_KAI + (BUNDLED_KAI,)
         + FREE_SERIF,
         common.BODY_PT),
    Role("body", "正文", common.BODY_FONT,
         ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"),
         ("方正仿宋_GBK", "方正仿宋简体", "FZFangSong-Z02S", "华文仿宋", "STFangsong", BUNDLED_FANGSONG)
         + FREE_SERIF,
         common.BODY_PT),
    Role("table", "表格", common.TABLE_FONT,
         ("宋体", "SimSun", "新宋体", "NSimSun"),
         ("方正书宋_GBK", "方正书宋简体", "华文宋体", "STSong") + FREE_SERIF, common.TABLE_PT),
    Role("page_number", "页码", common.PAGE_NUMBER_FONT,
         ("宋体", "SimSun", "新宋体", "NSimSun"),
         ("方正书宋_GBK", "方正书宋简体", "华文宋体", "STSong") + FREE_SERIF, common.PAGE_NUMBER_PT),
    Role("latin", "正文数字和西文", common.LATIN_FONT,
         ("Times New Roman",),
         ("Liberation Serif", "Tinos", "TeX Gyre Termes", "Nimbus Roman", "Nimbus Roman No9 L"),
         common.BODY_PT, latin=True),
)
ROLE_BY_KEY = {role.key: role for role in ROLES}


@dataclass(frozen=True)
class FontChoice:
    role: Role
    family: str | None      # None: nothing suitable installed (Latin only: the Chinese face draws it)
    official: bool          # the official face itself, under one of its names
    bold: bool = False

    @property
    def description(self) -> str:
        return f"{self.family}{'（粗体）' if self.bold else ''}" if self.family else "无"

    @property
    def substitution(self) -> str | None:
        """A Chinese note when the official face is not used, else None."""
        if self.official:
            return None
        if self.family is None:
            if self.role.latin:
                return f"{self.role.label}：本机没有“{self.role.official}”，由中文字体显示"
            return f"{self.role.label}：本机没有“{self.role.official}”，也没有可替代的中文字体，由系统默认字体显示"
        return f"{self.role.label}：本机没有“{self.role.official}”，改用 {self.description}"


def choose(available: Iterable[str]) -> dict[str, FontChoice]:
    """The face for each role among the installed ``available`` family names."""
    installed = {name.casefold(): name for name in available}

    def first(names: Iterable[str]) -> str | None:
        return next((installed[n.casefold()] for n in names if n.casefold() in installed), None)

    choices = {}
    for role in ROLES:
        family = first(role.same_face)
        if family:
            choices[role.key] = FontChoice(role, family, official=True)
            continue
        family = first(role.near)
        if family is None and not role.latin:
            family = first(FREE_SERIF + FREE_SANS + SYSTEM_CHINESE)
        choices[role.key] = FontChoice(role, family, official=False,
                                       bold=bool(family) and role.bold_fallback and family in _free(installed))
    return choices


def _free(installed: dict[str, str]) -> set[str]:
    return {installed[n.casefold()] for n in FREE_SERIF + FREE_SANS + FREE_KAI if n.casefold() in installed}


# ---------------------------------------------------------------- fonts for painting


_registered: list[str] | None = None


def register_bundled_fonts() -> list[str]:
    """Make the faces of ``resources/fonts`` known to Qt (once a process); their family names.

    A missing or unreadable file is skipped: the export then falls back as before, and says so.
    """
    global _registered
    if _registered is None:
        _registered = []
        for path in sorted(BUNDLED_FONTS.glob("*.otf")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                _registered += QFontDatabase.applicationFontFamilies(font_id)
    return _registered


class FontSet:
    """The chosen faces as QFonts for one paint device; every Chinese font falls back to an SC face."""

    def __init__(self, choices: dict[str, FontChoice] | None = None) -> None:
        register_bundled_fonts()
        self.choices = choices if choices is not None else choose(QFontDatabase.families())
        installed = {name.casefold(): name for name in QFontDatabase.families()}
        self._fallbacks = [installed[n.casefold()] for n in FREE_SERIF + FREE_SANS + SYSTEM_CHINESE + RARE_CHINESE
                           if n.casefold() in installed]
        self._fallbacks = list(dict.fromkeys(self._fallbacks))
        self._raw: dict[str, QRawFont] = {}

    def cover(self, characters: Iterable[str]) -> list[str]:
        """Make the faces draw ``characters``: a face of the machine that has one the chain lacks joins the
        fallbacks.  The characters no installed face has, in code point order."""
        chain = [c.family for c in self.choices.values() if c.family and not c.role.latin] + self._fallbacks
        wanted = sorted({ch for ch in characters if ch.isprintable() and not ch.isspace() and ord(ch) > 0x7E
                         and not unicodedata.category(ch).startswith("M")})
        lacking = [ch for ch in wanted if not any(self._has(family, ch) for family in chain)]
        if not lacking:
            return []
        for family in QFontDatabase.families():
            if family in chain or not any(self._has(family, ch) for ch in lacking):
                continue
            self._fallbacks.append(family)
            chain.append(family)
            lacking = [ch for ch in lacking if not self._has(family, ch)]
            if not lacking:
                break
        return lacking

    def _has(self, family: str, ch: str) -> bool:
        raw = self._raw.get(family)
        if raw is None:
            font = QFont(family)
            font.setPixelSize(16)
            raw = self._raw[family] = QRawFont.fromFont(font)
        return raw.isValid() and raw.supportsCharacter(ord(ch))

    def font(self, role_key: str, point_size: float | None = None) -> QFont:
        choice = self.choices[role_key]
        families = [choice.family] if choice.family else []
        if not choice.role.latin:
            families += [f for f in self._fallbacks if f not in families]
        font = QFont()
        if families:
            font.setFamilies(families)
        font.setPointSizeF(point_size or choice.role.point_size)
        font.setWeight(QFont.Weight.Bold if choice.bold else QFont.Weight.Normal)
        # unhinted outlines: the same metrics on the PDF writer and on any printer
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        font.setKerning(False)
        return font

    def has_latin(self) -> bool:
        return self.choices["latin"].family is not None

    @property
    def used(self) -> dict[str, str]:
        """Role → the face used (with "（粗体）" when the bold weight stands in for a heavy face)."""
        return {key: choice.description for key, choice in self.choices.items()}

    @property
    def substitutions(self) -> list[str]:
        return [note for choice in self.choices.values() if (note := choice.substitution)]


def postscript_name(raw: QRawFont) -> str:
    """The face's PostScript name (name table, ID 6), which Qt writes as the PDF's /BaseFont."""
    table = bytes(raw.fontTable("name").data())
    try:
        _format, count, strings = struct.unpack_from(">HHH", table, 0)
        for i in range(count):
            platform, _encoding, _language, name_id, length, offset = struct.unpack_from(">6H", table, 6 + 12 * i)
            if name_id != 6:
                continue
            data = table[strings + offset:strings + offset + length]
            return data.decode("utf-16-be" if platform in (0, 3) else "latin-1")
    except (struct.error, UnicodeDecodeError):
        pass
    return f"{raw.familyName()}-{raw.styleName()}".replace(" ", "")
