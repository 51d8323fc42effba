"""Small PDFs written byte by byte, for what no PDF writer makes on purpose: text far off the page, type a
hundredth of a point high, pages the size of a country, a content stream that inflates to a gigabyte.

``document(pages)`` takes each page's content stream (the operators between ``BT``/``ET``, paths…) and
returns a complete PDF using the standard Helvetica font, so PDFium reads its characters.
"""
from __future__ import annotations

import functools
import zlib


def document(pages: list[bytes], media: tuple[float, float, float, float] = (0, 0, 595, 842), *,
             compress: bool = False) -> bytes:
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    box = " ".join(f"{v:f}".rstrip("0").rstrip(".") for v in media)   # PDF numbers have no exponent
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, content in enumerate(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [{box}] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {5 + 2 * i} 0 R >>".encode())
        if compress:
            packed = zlib.compress(content, 9)
            objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed
                           + b"\nendstream")
        else:
            objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def text_lines(count: int = 30, size: float = 12, left: float = 72, top: float = 760) -> bytes:
    """Ordinary lines of text, as any page has."""
    return b"".join(b"BT /F1 %g Tf %g %g Td (Line %d of ordinary text) Tj ET\n" % (size, left, top - 14 * i, i)
                    for i in range(count))


BODY = text_lines()
# the hostile PDFs of the campaign, by name, each made when asked for (some take seconds to make)
CRAFTED = {
    # the case: 1.6 KB, a glyph at x = 4e9 pt through a scaled matrix (PDFium drops a plain Td that far)
    "text at x = 4e9 pt": lambda: document([BODY + b"q 100 0 0 1 0 0 cm BT /F1 12 Tf 40000000 300 Td (X) Tj ET Q\n"]),
    "text at y = -4e9 pt": lambda: document([BODY + b"q 1 0 0 100 0 0 cm BT /F1 12 Tf 300 -40000000 Td (Y) Tj ET Q\n"]),
    "text far right in a text matrix": lambda: document([BODY + b"BT /F1 12 Tf 100 0 0 1 0 0 Tm 40000000 0 Td (X) Tj ET\n"]),
    "a page 4e9 pt wide": lambda: document([BODY + b"BT /F1 12 Tf 3999999000 300 Td (X) Tj ET\n"], media=(0, 0, 4e9, 842)),
    "type a hundredth of a point high, spread wide": lambda: document([
        b"".join(b"BT /F1 0.01 Tf %g %g Td (abcdefghij) Tj ET\n" % (x, 700 - (x % 50)) for x in range(0, 590, 2))]),
    "a thousand lines reaching the right edge in tiny type": lambda: document([
        b"".join(b"BT /F1 0.05 Tf 580 %g Td (z) Tj ET BT /F1 0.05 Tf 1 %g Td (a) Tj ET\n" % (y / 2, y / 2)
                 for y in range(1600))]),
    "characters squeezed to 1 % width across the page": lambda: document([BODY + b"".join(
        b"BT /F1 12 Tf 1 Tz %d %d Td (" % (10 + (k % 57) * 10, 100 + k // 57 * 14) + b"W" * 10 + b") Tj ET\n"
        for k in range(2000))]),
    "ruled grid of 200 by 200 lines": lambda: document([BODY + b"".join(
        b"72 %g m 520 %g l S 72 %g m 72 %g l S\n" % (100 + 3 * i, 100 + 3 * i, 100 + 2 * i, 700) for i in range(200))]),
    "negative and reversed media box": lambda: document([BODY], media=(595, 842, -4e9, -4e9)),
    "nested forms and huge scale": lambda: document([b"q 1e30 0 0 1e30 0 0 cm " + BODY + b"Q\n"]),
    # heavy: seconds to make and to read (the slow campaign only)
    "many glyphs on many pages": lambda: document([BODY + b"BT /F1 4 Tf 20 40 Td (" + b"W" * 4000 + b") Tj ET\n"
                                                   for _ in range(120)], compress=True),
    "many path segments": lambda: document([BODY + b"0 0 m " + b"1 1 l 2 2 l " * 100_000 + b"S\n" for _ in range(20)],
                                           compress=True),
    "a content stream inflating to 200 MB": lambda: document([BODY + b" " * 200_000_000], compress=True),
}
HEAVY = ("many glyphs on many pages", "many path segments", "a content stream inflating to 200 MB")


@functools.cache
def crafted(name: str) -> bytes:
    return CRAFTED[name]()
