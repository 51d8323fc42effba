"""The ToUnicode repair of exporters.pdf_text on hand-made PDFs and CMaps (no Qt)."""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zlib

import pytest

from exporters.pdf_text import PdfStructureError, ToUnicodeMap, repair_to_unicode, unify_entries
from models.ideographs import equivalent_ideographs, unified_text

HEADER = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" \
         b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" \
         b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
FOOTER = b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"


def cmap(body: bytes) -> bytes:
    return HEADER + body + FOOTER


def make_pdf(objects: dict[int, bytes]) -> bytes:
    """A classic PDF with an xref table; ``objects`` maps number → the text between "obj" and "endobj"."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", length: bytes | None = None) -> bytes:
    return b"<< /Length " + (length or b"%d" % len(data)) + extra + b" >>\nstream\n" + data + b"\nendstream"


def sample_pdf() -> bytes:
    """Two fonts: one with a Flate-compressed CMap (bfrange array), one plain with an indirect /Length."""
    compressed = zlib.compress(cmap(b"2 beginbfrange\n<0000> <0000> <0000>\n"
                                    b"<0001> <0004> [<2F08> <2F8F> <0041> <2F3E>]\nendbfrange\n"))
    plain = cmap(b"1 beginbfchar\n<0003> <2F08>\nendbfchar\n1 beginbfrange\n<0010> <0012> <2F00>\nendbfrange\n")
    content = b"BT /F1 12 Tf 72 720 Td <0001> Tj ET"
    return make_pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R "
           b"/Resources << /Font << /F1 4 0 R /F2 7 0 R >> >> >>",
        4: b"<< /Type /Font /Subtype /Type0 /BaseFont /QSAAAA+Serif-Regular /Encoding /Identity-H "
           b"/ToUnicode 5 0 R >>",
        5: stream(compressed, b" /Filter /FlateDecode"),
        6: stream(content),
        7: b"<< /Type /Font /Subtype /Type0 /BaseFont /Sans-Regular /Encoding /Identity-H /ToUnicode 8 0 R >>",
        8: stream(plain, length=b"9 0 R"),
        9: b"%d" % len(plain),
    })


def object_at(data: bytes, number: int) -> bytes:
    """The object as the rewritten xref table locates it."""
    xref = int(re.search(rb"startxref\s+(\d+)", data[-200:]).group(1))
    entries = data[xref:].split(b"\n")
    offset = int(entries[2 + number][:10])
    header = f"{number} 0 obj".encode()
    assert data[offset:offset + len(header)] == header, f"xref entry of object {number} points elsewhere"
    return data[offset:data.index(b"endobj", offset)]


def cmap_of(data: bytes, number: int) -> dict[int, str]:
    body = object_at(data, number)
    length = int(re.search(rb"/Length (\d+)", body).group(1))
    start = body.index(b"stream\n") + len(b"stream\n")
    raw = body[start:start + length]
    assert body[start + length:].strip() == b"endstream"
    return ToUnicodeMap.parse(zlib.decompress(raw) if b"/FlateDecode" in body else raw).entries


# ---------------------------------------------------------------- the equivalent-ideograph table


def test_table_maps_radicals_and_strokes_to_the_ideographs():
    table = equivalent_ideographs()
    assert table["⼈"] == "人" and table["⾏"] == "行" and table["⻣"] == "骨" and table["㇐"] == "一"
    assert len(table) == 348  # Unicode 15.0's EquivalentUnifiedIdeograph.txt, ranges expanded
    assert all(0x2E80 <= ord(k) <= 0x2FDF or 0x31C0 <= ord(k) <= 0x31EF for k in table)


def test_table_agrees_with_nfkc_for_every_kangxi_radical():
    table = equivalent_ideographs()
    for code in range(0x2F00, 0x2FD6):
        assert table[chr(code)] == unicodedata.normalize("NFKC", chr(code)), f"U+{code:04X}"


def test_unified_text_leaves_other_characters_alone():
    assert unified_text("⼈⺠，1 a 人") == "人民，1 a 人"


# ---------------------------------------------------------------- CMaps


def test_cmap_forms_are_all_read():
    entries = ToUnicodeMap.parse(cmap(
        b"1 beginbfchar\n<0005> <00660066>\n<0006> <D840DC00>\nendbfchar\n"
        b"2 beginbfrange\n<0001> <0002> [<2F08> <0041>]\n<0010> <0012> <4E00>\nendbfrange\n")).entries
    assert entries == {5: "ff", 6: "\U00020000", 1: "⼈", 2: "A", 0x10: "一", 0x11: "丁", 0x12: "丂"}


def test_cmap_written_back_reads_the_same_in_blocks_of_at_most_100():
    body = b"1 beginbfrange\n<0000> <00F9> <4E00>\nendbfrange\n"
    parsed = ToUnicodeMap.parse(cmap(body))
    parsed.entries[7] = "\U0002A6A5"
    written = parsed.serialize()
    assert ToUnicodeMap.parse(written).entries == parsed.entries
    assert [int(n) for n in re.findall(rb"(\d+) beginbfchar", written)] == [100, 100, 50]
    assert written.startswith(HEADER) and written.endswith(FOOTER)


def test_cmap_without_mappings_is_refused():
    with pytest.raises(PdfStructureError):
        ToUnicodeMap.parse(HEADER + FOOTER)


# ---------------------------------------------------------------- whole files


def test_repair_rewrites_both_maps_and_rebuilds_the_xref():
    data = sample_pdf()
    seen = []

    def resolve(font: str, entries: dict[int, str]) -> dict[int, str]:
        seen.append(font)
        return unify_entries(font, entries)

    repair = repair_to_unicode(data, resolve)
    assert set(seen) == {"Serif-Regular", "Sans-Regular"}  # subset prefix dropped
    assert repair.changed == {"Serif-Regular": {"⼈": "人", "⾏": "行", "⼾": "戶"},
                              "Sans-Regular": {"⼈": "人", "⼀": "一", "⼁": "丨", "⼂": "丶"}}
    assert cmap_of(repair.data, 5) == {0: "\x00", 1: "人", 2: "行", 3: "A", 4: "戶"}
    assert cmap_of(repair.data, 8) == {3: "人", 0x10: "一", 0x11: "丨", 0x12: "丶"}
    for number in range(1, 10):
        object_at(repair.data, number)  # every xref offset lands on its object
    assert b"/Size 10" in repair.data[-200:]
    assert len(seen) == 2
    # untouched objects are byte for byte the same
    assert object_at(repair.data, 6) == object_at(data, 6)


def test_a_resolver_may_name_glyphs_qt_left_unnamed():
    def resolve(font: str, entries: dict[int, str]) -> dict[int, str]:
        return {**entries, 7: "——"} if font == "Serif-Regular" else entries

    repair = repair_to_unicode(sample_pdf(), resolve)
    assert repair.changed == {"Serif-Regular": {"": "——"}}
    assert cmap_of(repair.data, 5)[7] == "——"


def test_nothing_to_change_returns_the_same_bytes():
    data = sample_pdf()
    repair = repair_to_unicode(data, lambda font, entries: entries)
    assert repair.data is data and repair.changed == {}


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="未安装 poppler-utils（pdfinfo）")
def test_repaired_file_still_opens(tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(repair_to_unicode(sample_pdf(), unify_entries).data)
    result = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
    assert result.returncode == 0 and re.search(r"Pages:\s+1\n", result.stdout), result.stderr
    assert result.stderr == ""  # poppler says "Syntax Error" when it has to rebuild a broken xref


@pytest.mark.parametrize("damage", [
    lambda d: d.replace(b"startxref", b"startxrex"),
    lambda d: d.replace(b"xref\n0 10", b"xrex\n0 10"),
    lambda d: d.replace(b"/Size 10", b"/Size 10 /Prev 5"),
    lambda d: d.replace(b"/Filter /FlateDecode", b"/Filter /LZWDecode"),
    lambda d: d.replace(b"/Length 9 0 R", b"/Length 19 0 R"),
])
def test_files_not_written_as_qt_writes_them_are_refused(damage):
    with pytest.raises(PdfStructureError):
        repair_to_unicode(damage(sample_pdf()), unify_entries)
