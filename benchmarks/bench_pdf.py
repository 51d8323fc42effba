"""Time of the PDF export and of the print preview's layout (target: well under 0.5 s for an example).

    python benchmarks/bench_pdf.py

Prints, for each example draft and for a report with a 20,000-character
section: the full ``write_pdf`` (layout, Qt's writer, ToUnicode repair, atomic
write) and the layout alone, best of five runs.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from exporters.pdf import PDF_RESOLUTION, ensure_gui_application, write_pdf  # noqa: E402
from exporters.pdf_layout import ReportPages, page_layout  # noqa: E402
from models.draft import load  # noqa: E402
from models.report import Subsection  # noqa: E402


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    ensure_gui_application()
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QPdfWriter

    reports = [(path.stem, load(path)) for path in sorted((ROOT / "resources" / "examples").glob("*.json"))]
    if reports:
        long_report = reports[0][1].copy()
        sentence = "本机关坚持以公开为常态、不公开为例外，人行道改造等民生事项全程公开。"
        long_report.sections["overview"] = [Subsection("主动公开", (sentence * 600)[:20000])]
        reports.append(("20000字的一节", long_report))
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "report.pdf"
        print(f"{'报告':<24}{'页数':>6}{'导出 PDF':>12}{'仅排版':>10}")
        for name, report in reports:
            result = write_pdf(report, target)
            export_time = best_of(5, lambda report=report: write_pdf(report, target))

            def layout_only(report=report):
                buffer = QBuffer()
                buffer.open(QIODevice.OpenModeFlag.WriteOnly)
                writer = QPdfWriter(buffer)
                writer.setResolution(PDF_RESOLUTION)
                writer.setPageLayout(page_layout())
                ReportPages(report, writer)

            layout_time = best_of(5, layout_only)
            print(f"{name:<24}{result.pages:>6}{export_time:>11.3f}s{layout_time:>9.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
