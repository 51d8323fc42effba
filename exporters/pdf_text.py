"""Make a Qt-written PDF copy and search as written: repair its fonts' ToUnicode maps.

Qt names each glyph of an embedded font in the font's ToUnicode CMap by the
lowest code point that the font draws with that glyph.  Noto CJK and Source
Han draw about 200 ideographs with the glyph of a Kangxi radical or a CJK
stroke, so 人 is named ⼈ (U+2F08) and 行 ⾏ (U+2F8F): the PDF looks right but
copies, searches and reads aloud wrongly.  ``repair_to_unicode`` rewrites the
CMaps with a function that says which text each glyph really stands for.

The parser handles what Qt writes: one classic cross-reference table, fonts as
plain objects, CMap streams uncompressed or Flate-compressed.  Anything else
raises ``PdfStructureError`` rather than guessing.  No Qt here.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from collections.abc import Callable, Mapping

from models.ideographs import unified_text


# ToUnicode mapping blocks hold at most 100 entries (PDF 32000-1, 9.10.3)
_MAX_BLOCK = 100


class PdfStructureError(Exception):
    """The PDF is not laid out as Qt writes it; nothing was changed."""


def unify_entries(font: str, entries: dict[int, str]) -> dict[int, str]:
    """A ``repair_to_unicode`` resolver that maps every radical and stroke to its equivalent ideograph."""
    return {code: unified_text(text) for code, text in entries.items()}


# ---------------------------------------------------------------- the file's objects


@dataclass(frozen=True)
class _Object:
    number: int
    start: int   # offset of "N G obj"
    end: int     # offset just after "endobj"


_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_OBJ_HEADER = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")


def _objects(data: bytes) -> tuple[list[_Object], int, bytes]:
    """The in-use objects, the offset of the xref table, and the trailer dictionary."""
    tail_at = max(0, len(data) - 1024)
    tail = _STARTXREF.search(data, tail_at)
    if not tail:
        raise PdfStructureError("no startxref at the end")
    xref_at = int(tail.group(1))
    if data[xref_at:xref_at + 4] != b"xref":
        raise PdfStructureError("cross-reference stream or damaged xref offset")
    trailer_at = data.find(b"trailer", xref_at)
    if trailer_at < 0:
        raise PdfStructureError("no trailer")
    trailer = data[trailer_at + len(b"trailer"):tail.start()]
    if b"/Prev" in trailer:
        raise PdfStructureError("incrementally updated file")
    lines = data[xref_at + 4:trailer_at].split()
    objects: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        first, count = int(lines[i]), int(lines[i + 1])
        i += 2
        for number in range(first, first + count):
            offset_text, kind = lines[i], lines[i + 2]
            i += 3
            if kind == b"n":
                objects.append((int(offset_text), number))
    objects.sort()
    result = []
    for k, (offset, number) in enumerate(objects):
        header = _OBJ_HEADER.match(data, offset)
        if not header or int(header.group(1)) != number:
            raise PdfStructureError(f"object {number} not at its xref offset")
        limit = objects[k + 1][0] if k + 1 < len(objects) else xref_at
        end = data.rfind(b"endobj", offset, limit)
        if end < 0:
            raise PdfStructureError(f"object {number} has no endobj")
        result.append(_Object(number, offset, end + len(b"endobj")))
    return result, xref_at, trailer


def _dictionary(body: bytes) -> bytes:
    """The object's leading dictionary (text between the outer << >>), or b"" when it has none."""
    start, end = _dictionary_span(body)
    return body[start + 2:end - 2] if end else b""


def _dictionary_span(body: bytes) -> tuple[int, int]:
    """Offsets of the object's leading "<<" and just past its matching ">>"; (0, 0) when there is none."""
    start = body.find(b"<<")
    if start < 0 or body[:start].strip():
        return 0, 0
    depth, i = 0, start
    while i < len(body):
        two = body[i:i + 2]
        if two == b"<<":
            depth += 1
            i += 2
            continue
        if two == b">>":
            depth -= 1
            i += 2
            if depth == 0:
                return start, i
            continue
        if body[i:i + 1] == b"(":
            i = _skip_literal_string(body, i)
            continue
        i += 1
    raise PdfStructureError("unbalanced dictionary")


def _skip_literal_string(body: bytes, i: int) -> int:
    depth = 0
    while i < len(body):
        ch = body[i:i + 1]
        if ch == b"\\":
            i += 2
            continue
        if ch == b"(":
            depth += 1
        elif ch == b")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise PdfStructureError("unterminated string")


_BASE_FONT = re.compile(rb"/BaseFont\s*/([^\s/<>\[\]()]+)")
_TO_UNICODE = re.compile(rb"/ToUnicode\s+(\d+)\s+\d+\s+R")
_LENGTH = re.compile(rb"/Length\s+(\d+)(\s+\d+\s+R)?")
_STREAM = re.compile(rb"stream\r?\n")


def _stream(data: bytes, obj: _Object, lengths: Mapping[int, int]) -> tuple[bytes, bytes, int, int]:
    """(dictionary, raw stream data, data start, data end) of a stream object."""
    body = data[obj.start:obj.end]
    after_header = _header_end(body)
    dict_start, after_dict = _dictionary_span(body[after_header:])
    if not after_dict:
        raise PdfStructureError(f"object {obj.number} is not a stream")
    dictionary = body[after_header + dict_start + 2:after_header + after_dict - 2]
    after_dict += after_header
    length = _LENGTH.search(dictionary)
    if not length:
        raise PdfStructureError(f"stream {obj.number} without /Length")
    if length.group(2) and int(length.group(1)) not in lengths:
        raise PdfStructureError(f"stream {obj.number}: indirect /Length not found")
    size = lengths[int(length.group(1))] if length.group(2) else int(length.group(1))
    keyword = _STREAM.search(body, after_dict)
    if not keyword or body[after_dict:keyword.start()].strip():
        raise PdfStructureError(f"object {obj.number} is not a stream")
    start = obj.start + keyword.end()
    if not re.match(rb"\s*endstream", data[start + size:obj.end]):
        raise PdfStructureError(f"stream {obj.number}: /Length does not end at endstream")
    return dictionary, data[start:start + size], start, start + size


def _header_end(body: bytes) -> int:
    """Offset just past an object's "N G obj" (``_objects`` found it there)."""
    header = _OBJ_HEADER.match(body)
    if header is None:
        raise PdfStructureError("object without its header")
    return header.end()


def _integer_objects(data: bytes, objects: list[_Object]) -> dict[int, int]:
    """Objects that hold a bare integer (indirect stream lengths)."""
    result = {}
    for obj in objects:
        body = data[obj.start:obj.end]
        m = re.fullmatch(rb"\d+\s+\d+\s+obj\s*(\d+)\s*endobj", body)
        if m:
            result[obj.number] = int(m.group(1))
    return result


# ---------------------------------------------------------------- CMaps

_CMAP_BLOCK = re.compile(rb"\d+\s+begin(bfchar|bfrange)(.*?)end\1", re.S)
_CMAP_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[|\]")


@dataclass
class ToUnicodeMap:
    """A parsed ToUnicode CMap: code → text, and how to write it back."""

    entries: dict[int, str]
    code_digits: int   # hex digits of a code (4 for Qt's two-byte CIDs)
    head: bytes        # everything before the first mapping block
    foot: bytes        # everything after the last one

    @classmethod
    def parse(cls, cmap: bytes) -> ToUnicodeMap:
        blocks = list(_CMAP_BLOCK.finditer(cmap))
        if not blocks:
            raise PdfStructureError("ToUnicode map without bfchar/bfrange")
        entries: dict[int, str] = {}
        digits = 4
        for block in blocks:
            tokens = [t.group(1) if t.group(1) is not None else t.group(0)
                      for t in _CMAP_TOKEN.finditer(block.group(2))]
            if block.group(1) == b"bfchar":
                for src, dst in zip(tokens[0::2], tokens[1::2]):
                    digits = len(_hex(src))
                    entries[int(_hex(src), 16)] = _utf16(dst)
                continue
            i = 0
            while i < len(tokens):
                low, high = int(_hex(tokens[i]), 16), int(_hex(tokens[i + 1]), 16)
                digits = len(_hex(tokens[i]))
                if tokens[i + 2] == b"[":
                    close = tokens.index(b"]", i + 3)
                    for code, dst in zip(range(low, high + 1), tokens[i + 3:close]):
                        entries[code] = _utf16(dst)
                    i = close + 1
                else:
                    first = bytes.fromhex(_hex(tokens[i + 2]))
                    for step, code in enumerate(range(low, high + 1)):
                        # the last byte counts up (PDF 32000-1, 9.10.3)
                        dst = first[:-1] + bytes([(first[-1] + step) & 0xFF]) if first else first
                        entries[code] = dst.decode("utf-16-be", errors="replace")
                    i += 3
        return cls(entries, digits, cmap[:blocks[0].start()], cmap[blocks[-1].end():])

    def serialize(self) -> bytes:
        codes = sorted(self.entries)
        parts = [self.head.rstrip(b"\n") + b"\n"]
        for k in range(0, len(codes), _MAX_BLOCK):
            chunk = codes[k:k + _MAX_BLOCK]
            parts.append(b"%d beginbfchar\n" % len(chunk))
            for code in chunk:
                dst = self.entries[code].encode("utf-16-be", errors="surrogatepass").hex().upper()
                parts.append(b"<%s> <%s>\n" % (f"{code:0{self.code_digits}X}".encode(), dst.encode()))
            parts.append(b"endbfchar\n")
        parts.append(self.foot.lstrip(b"\n"))
        return b"".join(parts)


def _hex(token: bytes) -> str:
    return re.sub(rb"\s", b"", token).decode("ascii")


def _utf16(token: bytes) -> str:
    return bytes.fromhex(_hex(token)).decode("utf-16-be", errors="replace")


# ---------------------------------------------------------------- the repair


@dataclass(frozen=True)
class Repair:
    data: bytes
    changed: dict[str, dict[str, str]]  # base font → {text in the PDF ("" if none): text written instead}


def repair_to_unicode(data: bytes, resolve: Callable[[str, dict[int, str]], dict[int, str]]) -> Repair:
    """Rewrite every font's ToUnicode map through ``resolve(base_font, {code: text}) -> {code: text}``.

    ``base_font`` is the font's /BaseFont without a subset prefix; ``resolve``
    may change, add or drop entries.  Only maps that change are rewritten; the
    cross-reference table is rebuilt for the new offsets.  Raises ``PdfStructureError`` (and changes nothing) when the file
    is not laid out as expected.
    """
    objects, xref_at, trailer = _objects(data)
    by_number = {obj.number: obj for obj in objects}
    lengths = _integer_objects(data, objects)
    cmap_fonts: dict[int, str] = {}
    for obj in objects:
        body = data[obj.start:obj.end]
        if b"/ToUnicode" not in body:
            continue
        dictionary = _dictionary(body[_header_end(body):])
        to_unicode, base = _TO_UNICODE.search(dictionary), _BASE_FONT.search(dictionary)
        if to_unicode:
            name = base.group(1).decode("latin-1") if base else ""
            cmap_fonts[int(to_unicode.group(1))] = name.split("+", 1)[-1]

    replacements: dict[int, bytes] = {}
    changed: dict[str, dict[str, str]] = {}
    for number, font in cmap_fonts.items():
        found = by_number.get(number)
        if found is None:
            raise PdfStructureError(f"ToUnicode object {number} missing")
        dictionary, raw, _, _ = _stream(data, found, lengths)
        compressed = b"/FlateDecode" in dictionary
        if re.search(rb"/Filter", dictionary) and not compressed:
            raise PdfStructureError(f"ToUnicode {number}: unsupported filter")
        if re.search(rb"/DecodeParms", dictionary):
            raise PdfStructureError(f"ToUnicode {number}: decode parameters")
        try:
            cmap = ToUnicodeMap.parse(zlib.decompress(raw) if compressed else raw)
        except zlib.error as e:
            raise PdfStructureError(f"ToUnicode {number}: {e}") from e
        entries = resolve(font, dict(cmap.entries))
        fixes = {cmap.entries.get(code, ""): text for code, text in entries.items()
                 if cmap.entries.get(code) != text}
        if not fixes:
            continue
        cmap.entries = entries
        changed.setdefault(font, {}).update(fixes)
        payload = cmap.serialize()
        if compressed:
            payload = zlib.compress(payload)
        new_dictionary = _LENGTH.sub(b"/Length %d" % len(payload), dictionary, count=1)
        replacements[number] = (b"%d 0 obj\n<<%s>>\nstream\n" % (number, new_dictionary)
                                + payload + b"\nendstream\nendobj")
    if not replacements:
        return Repair(data, {})
    return Repair(_rebuild(data, objects, xref_at, trailer, replacements), changed)


def _rebuild(data: bytes, objects: list[_Object], xref_at: int, trailer: bytes,
             replacements: Mapping[int, bytes]) -> bytes:
    out = bytearray()
    offsets: dict[int, int] = {}
    cursor = 0
    for obj in objects:
        out += data[cursor:obj.start]
        offsets[obj.number] = len(out)
        out += replacements.get(obj.number, data[obj.start:obj.end])
        cursor = obj.end
    out += data[cursor:xref_at]
    declared = re.search(rb"/Size\s+(\d+)", trailer)
    size = max(int(declared.group(1)) if declared else 0, max(offsets) + 1)
    new_xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in offsets:
            out += b"%010d 00000 n \n" % offsets[number]
        else:
            out += b"0000000000 65535 f \n"
    trailer = re.sub(rb"/Size\s+\d+", b"/Size %d" % size, trailer, count=1)
    out += b"trailer" + trailer.rstrip() + b"\nstartxref\n%d\n%%%%EOF\n" % new_xref_at
    return bytes(out)


# ---------------------------------------------------------------- subset names

_FONT_NAME = re.compile(rb"/FontName\s*/([A-Z]{6})\+([^\s/<>\[\]()]+)")


def tag_subsets(data: bytes) -> bytes:
    """Give each font's /BaseFont the subset tag its descriptor's /FontName carries ("ABCDEF+Name").

    Qt embeds subsets and tags the descriptor but not the font dictionaries;
    PDF 32000-1 (9.6.4) asks for the tag on both, and preflight tools and
    printers' RIPs read it from /BaseFont.  Raises ``PdfStructureError`` when
    the file is not laid out as Qt writes it.
    """
    tags = {name: tag + b"+" + name for tag, name in _FONT_NAME.findall(data)}
    if not tags:
        return data
    objects, xref_at, trailer = _objects(data)
    replacements: dict[int, bytes] = {}
    for obj in objects:
        body = data[obj.start:obj.end]
        if b"/BaseFont" not in body or b"stream" in body:
            continue
        new = _BASE_FONT.sub(lambda m: b"/BaseFont /" + tags.get(m.group(1), m.group(1)), body)  # type: ignore[operator]
        if new != body:
            replacements[obj.number] = new
    if not replacements:
        return data
    return _rebuild(data, objects, xref_at, trailer, replacements)


# ---------------------------------------------------------------- document information

_INFO = re.compile(rb"/Info\s+(\d+)\s+\d+\s+R")


def set_document_info(data: bytes, entries: Mapping[str, str]) -> bytes:
    """Add ``entries`` (``{"Subject": "…", "Keywords": "…"}``) to the document information dictionary.

    Qt writes only /Title, /Creator, /Author and /Producer; a forced or draft export also says so in
    /Subject and /Keywords, where viewers' 文档属性 show them.  Raises ``PdfStructureError`` when the file
    is not laid out as Qt writes it.
    """
    if not entries:
        return data
    objects, xref_at, trailer = _objects(data)
    info = _INFO.search(trailer)
    if info is None:
        raise PdfStructureError("no /Info in the trailer")
    number = int(info.group(1))
    obj = next((o for o in objects if o.number == number), None)
    if obj is None:
        raise PdfStructureError(f"/Info object {number} missing")
    body = data[obj.start:obj.end]
    header_end = _header_end(body)
    start, end = _dictionary_span(body[header_end:])
    if not end:
        raise PdfStructureError("/Info is not a dictionary")
    added = b"".join(b"/%s <FEFF%s>\n" % (key.encode("ascii"), value.encode("utf-16-be").hex().upper().encode())
                     for key, value in entries.items())
    close = header_end + end - 2
    new_body = body[:close] + added + body[close:]
    return _rebuild(data, objects, xref_at, trailer, {number: new_body})
