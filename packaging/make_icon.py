"""Draws the application icon: a report sheet with a statistics table and a check mark, on 公文 red.

    python packaging/make_icon.py

writes ``resources/icons/gkbg.svg`` (the drawing itself), ``gkbg-<size>.png`` for the sizes the Linux
icon theme uses, and ``gkbg.ico`` (Windows: the same PNGs in one file).  The results are committed; run
this again only to change the drawing.
"""
from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

# 256 × 256 drawing: red rounded square, white sheet, table rules, a gold check mark
SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <rect x="8" y="8" width="240" height="240" rx="44" fill="#b3261e"/>
  <path d="M60 36 h104 l36 36 v148 a8 8 0 0 1 -8 8 h-132 a8 8 0 0 1 -8 -8 v-176 a8 8 0 0 1 8 -8 z" fill="#ffffff"/>
  <path d="M164 36 v28 a8 8 0 0 0 8 8 h28 z" fill="#f1d9d7"/>
  <rect x="72" y="58" width="64" height="10" rx="3" fill="#b3261e"/>
  <g stroke="#5f6368" stroke-width="5" fill="none">
    <rect x="72" y="90" width="112" height="96"/>
    <path d="M72 122 h112 M72 154 h112 M108 90 v96 M146 90 v96"/>
  </g>
  <rect x="74.5" y="92.5" width="107" height="27" fill="#f6e7a8"/>
  <circle cx="184" cy="190" r="38" fill="#f2b705" stroke="#ffffff" stroke-width="6"/>
  <path d="M166 190 l12 13 l24 -27" stroke="#ffffff" stroke-width="10" fill="none"
        stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""


def ico_file(pngs: list[tuple[int, bytes]]) -> bytes:
    """An ICO holding PNG images (Windows Vista and later read PNG entries)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, data = b"", b""
    for size, png in pngs:
        dim = 0 if size >= 256 else size   # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    return header + entries + data


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    QGuiApplication.instance() or QGuiApplication([])
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "gkbg.svg").write_text(SVG, encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(SVG.encode()))
    pngs: dict[int, bytes] = {}
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = ICONS / f"gkbg-{size}.png"
        if not image.save(str(path)):
            raise SystemExit(f"无法写入 {path}")
        pngs[size] = path.read_bytes()
    (ICONS / "gkbg.ico").write_bytes(ico_file([(s, pngs[s]) for s in ICO_SIZES]))
    print(ICONS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
