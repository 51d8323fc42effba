"""The PDF reader is bounded before it builds anything: coordinates, type size, characters, lines, inflated
streams.  Crafted files (text at x = 4e9 pt, type 0.01 pt high, a content stream inflating to 200 MB…) and our
own export with bytes flipped end in a report or a Chinese refusal, each within seconds and a few hundred MB.

The campaign runs each file in a process of its own under a memory ceiling (``RLIMIT_AS``), so a runaway
allocation is a ``MemoryError`` there, never a machine swapping; its figures are printed.
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from importers import SourceError, read_report
from importers.pdf import MAX_LAYOUT_COLUMNS, layout_text
from importers.pdf_content import (MAX_INFLATED_BYTES, MAX_PAGE_POINTS, OFF_PAGE_POINTS, Glyph, Page, check_streams,
                                   printed)
from tests.conftest import ROOT
from tests.fuzz_support import SEED, assert_chinese_message, cases, time_limit
from tests.importers.pdf_craft import CRAFTED, HEAVY, crafted, document, text_lines

CEILING_MB = 1536        # the probe's address space: Python, PDFium and a report's reading fit well within
MAX_PEAK_MB = 500        # what the issue allows a PDF to cost
MAX_SECONDS = 10

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="resource.setrlimit 只在 POSIX 上有")


def glyph(x: float, y: float = 100, width: float = 10, size: float = 10, text: str = "字") -> Glyph:
    return Glyph(text, x, x + width, y, y + size)


def test_characters_outside_the_page_or_too_small_to_read_are_not_printed():
    inside = [glyph(72), glyph(500), glyph(-OFF_PAGE_POINTS + 1, width=5)]
    outside = [glyph(4e9), glyph(-4e9), glyph(72, y=-4e9), glyph(72, y=4e9), glyph(72, size=0.01),
               glyph(72, width=0.001)]
    kept, left_out = printed(inside + outside, 595, 842)
    assert kept == inside and left_out == len(outside)


def test_a_layout_wider_than_any_page_is_refused_before_a_line_is_padded():
    # characters a hundredth of a point wide spread over an A3 page: 100,000 columns a line
    narrow = [glyph(x, width=0.13, text="字") for x in range(0, 1190, 7)]
    page = Page(1, 1190, 842, narrow)
    with pytest.raises(SourceError, match="位置异常.*字宽"):
        layout_text([page])
    assert 1190 / 0.065 > MAX_LAYOUT_COLUMNS


def test_an_ordinary_layout_is_laid_out():
    lines = [[glyph(72 + 12 * k, y=100 + 20 * row, width=12, size=12) for k in range(30)] for row in range(40)]
    text = layout_text([Page(1, 595, 842, [g for line in lines for g in line])])
    assert text.count("\n") == 39 and max(len(line) for line in text.splitlines()) < 200


def test_a_compressed_stream_that_inflates_too_far_is_refused_unread(monkeypatch):
    import importers.pdf_content
    monkeypatch.setattr(importers.pdf_content, "MAX_INFLATED_BYTES", 4 * 1024 * 1024)
    bomb = zlib.compress(b"\0" * (5 * 1024 * 1024), 9)
    with pytest.raises(SourceError, match="压缩炸弹"):
        check_streams(b"%PDF-1.4\n1 0 obj << /Filter /FlateDecode >>\nstream\n" + bomb + b"\nendstream\n")
    twice = zlib.compress(zlib.compress(b"\0" * (5 * 1024 * 1024), 9), 9)
    with pytest.raises(SourceError, match="压缩炸弹"):
        check_streams(b"stream\n" + twice + b"\nendstream")
    # several streams count together
    with pytest.raises(SourceError, match="压缩炸弹"):
        check_streams(b"".join(b"stream\n" + zlib.compress(b"\0" * 1024 * 1024) + b"\nendstream" for _ in range(5)))
    check_streams(b"stream\n" + zlib.compress(b"BT (ordinary) Tj ET" * 1000) + b"\nendstream")
    assert MAX_INFLATED_BYTES >= 64 * 1024 * 1024   # a report with its fonts embedded whole still passes


def test_a_page_larger_than_pdf_allows_is_refused(tmp_path):
    path = tmp_path / "大页面.pdf"
    path.write_bytes(document([text_lines()], media=(0, 0, 20_000, 842)))
    with pytest.raises(SourceError, match="尺寸异常") as e:
        read_report(path)
    assert f"{MAX_PAGE_POINTS:,}" in str(e.value)


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow) if n in HEAVY else n for n in CRAFTED])
def test_crafted_pdfs_end_in_a_report_or_a_chinese_refusal(tmp_path, name):
    path = tmp_path / "crafted.pdf"
    path.write_bytes(crafted(name))
    with time_limit(name, MAX_SECONDS):
        try:
            read_report(path)
        except SourceError as e:
            assert_chinese_message(e, name)


# ---------------------------------------------------------------- the campaign, under a memory ceiling

def probe(files: list[Path]) -> list[dict]:
    """Each file read by ``tests.importers.pdf_probe`` in a fresh process under the ceiling."""
    rows = []
    for path in files:
        done = subprocess.run([sys.executable, "-m", "tests.importers.pdf_probe", str(CEILING_MB), str(path)],
                              capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)
        lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        assert done.returncode == 0 and len(lines) == 2, f"{path.name}: {done.stderr[-2000:]}"
        rows.append(lines[1])
    return rows


def flipped(data: bytes, rng: random.Random) -> bytes:
    mutated = bytearray(data)
    for _ in range(rng.choice([1, 2, 4, 8, 16, 64])):
        mutated[rng.randrange(len(mutated))] = rng.randrange(256)
    return bytes(mutated)


def own_export(tmp_path: Path) -> bytes:
    from exporters.pdf import write_pdf
    from tests.export_support import balanced_report
    path = tmp_path / "导出.pdf"
    write_pdf(balanced_report(), path)
    return path.read_bytes()


def report_figures(rows: list[dict], what: str) -> None:
    outcomes = {o: sum(r["outcome"] == o for r in rows) for o in ("report", "refused", "crash")}
    slowest = max(rows, key=lambda r: r["seconds"])
    largest = max(rows, key=lambda r: r["peak_mb"])
    print(f"\n{what}: {len(rows)} 个文件，{outcomes}；最长 {slowest['seconds']} 秒（{slowest['file']}），"
          f"最大内存 {largest['peak_mb']} MB（{largest['file']}）")


def assert_bounded(rows: list[dict]) -> None:
    crashes = [r for r in rows if r["outcome"] == "crash"]
    assert not crashes, crashes[:3]
    assert max(r["seconds"] for r in rows) < MAX_SECONDS, max(rows, key=lambda r: r["seconds"])
    assert max(r["peak_mb"] for r in rows) < MAX_PEAK_MB, max(rows, key=lambda r: r["peak_mb"])


@posix_only
@pytest.mark.slow
def test_crafted_pdfs_under_a_memory_ceiling(tmp_path, qapp):
    files = []
    for k, name in enumerate(CRAFTED):
        path = tmp_path / f"crafted-{k:02d}.pdf"
        path.write_bytes(crafted(name))
        files.append(path)
    rows = probe(files)
    report_figures(rows, "构造的 PDF")
    assert_bounded(rows)


@posix_only
@pytest.mark.slow
def test_byte_flipped_exports_under_a_memory_ceiling(tmp_path, qapp):
    rng = random.Random(SEED)
    data = own_export(tmp_path)
    files = []
    for k in range(cases(0, 60, is_slow=True)):
        path = tmp_path / f"flipped-{k:03d}.pdf"
        path.write_bytes(flipped(data, rng))
        files.append(path)
    rows = probe(files)
    report_figures(rows, "字节翻转的导出 PDF")
    assert_bounded(rows)
