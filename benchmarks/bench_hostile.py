"""Time of reading and checking oversized input: the work must grow linearly, or be refused quickly.

Targets (seconds): each line under its limit.  Issue 12 measured 50 s for the 16,000 rows, a minute for the
1 MB layout text, 18 minutes for the 20 MB file and 12–16 s for checking a 50 MB narrative.
Run: python benchmarks/bench_hostile.py
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from importers import SourceError, read_report  # noqa: E402
from models import draft  # noqa: E402
from models.checks import run_checks  # noqa: E402
from models.report import Subsection  # noqa: E402

SECTIONS = ("三、收到和处理政府信息公开申请情况\n", "四、政府信息公开行政复议、行政诉讼情况\n",
            "五、存在的主要问题及改进情况\n无\n六、其他需要报告的事项\n无\n")


def table_rows(n: int) -> str:
    head = "某某局2025年政府信息公开工作年度报告\n一、总体情况\n2025年，收到申请 3 件。\n"
    rows = "".join(f"（{i % 7}）行标签第{i}行\t1\t2\t3\t4\t5\t6\t7\n" for i in range(n))
    return head + SECTIONS[0] + rows + SECTIONS[1] + "行政复议\t1\t0\n" + SECTIONS[2]


def layout_text(megabytes: float) -> str:
    rng = random.Random(1)
    words = "政府信息公开工作持续推进落实各项任务要求取得明显成效"
    lines = ["某某局2025年政府信息公开工作年度报告", "    一、总体情况"]
    while sum(len(line) for line in lines) * 3 < megabytes * 1024 * 1024:
        lines.append("    " + "".join(rng.choice(words) for _ in range(28)))
        lines.append("".join(rng.choice(words) for _ in range(30)))
        if len(lines) % 80 == 0:
            lines.append(f"                  - {len(lines) // 80} -")
    return "\n".join(lines) + "\n    六、其他需要报告的事项\n    无\n"


def many_lines(megabytes: float) -> str:
    line = "第{}段文字内容，收到申请 {} 件。\n"
    parts, size = ["某某局2025年政府信息公开工作年度报告\n一、总体情况\n"], 0
    while size < megabytes * 1024 * 1024:
        parts.append(line.format(len(parts), len(parts)))
        size += len(parts[-1].encode())
    return "".join(parts)


def web_page(paragraphs: int) -> str:
    body = "".join(f"<p>2025年第{i}段，收到申请 3 件。</p>" for i in range(paragraphs))
    return f"<html><body><h1>某局2025年政府信息公开工作年度报告</h1><p>一、总体情况</p>{body}</body></html>"


def timed_import(folder: Path, name: str, text: str) -> tuple[float, str]:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    try:
        read_report(path)
        outcome = "read"
    except SourceError as e:
        outcome = f"refused: {str(e)[:40]}"
    return time.perf_counter() - start, outcome


def timed_check(text: str, with_prior: bool) -> float:
    report = draft.load(ROOT / "resources" / "examples" / "weibin-gongxin-2025.json")
    report.sections["overview"] = [Subsection("标题", text)]
    prior = None
    if with_prior:
        prior = draft.load(ROOT / "resources" / "examples" / "weibin-gongxin-2025.json")
        prior.sections["overview"] = [Subsection("标题", text[::-1])]
    start = time.perf_counter()
    run_checks(report, prior)
    return time.perf_counter() - start


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        rows.append(("text, 16,000 table rows (0.6 MB)", *timed_import(here, "rows.txt", table_rows(16_000)), 3))
        rows.append(("layout text, 1.5 MB", *timed_import(here, "layout.txt", layout_text(1.5)), 3))
        rows.append(("text, 49,000 lines (2.4 MB)", *timed_import(here, "lines.txt", many_lines(2.4)), 5))
        rows.append(("text at the 20 MB cap", *timed_import(here, "big.txt", many_lines(19.5)), 3))
        rows.append(("web page, 39,000 paragraphs", *timed_import(here, "page.html", web_page(19_500)), 10))
        rows.append(("web page, 400,000 paragraphs", *timed_import(here, "big.html", web_page(400_000)), 5))
    n = 50 * 1024 * 1024 // 3
    rows.append(("check a 50 MB narrative", timed_check("政" * n, False), "checked", 3))
    rows.append(("check it with last year's", timed_check("政" * n, True), "checked", 3))
    figures = ("收到申请 " + "9" * 5000 + " 件。" + "1" * n)[:n]
    rows.append(("check 50 MB of digits", timed_check(figures, True), "checked", 3))
    for what, seconds, outcome, limit in rows:
        print(f"{what:<34} {seconds:7.2f} s  (limit {limit} s)  {'ok ' if seconds < limit else 'SLOW'}  {outcome}")


if __name__ == "__main__":
    main()
