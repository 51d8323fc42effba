"""`import`: turn published reports (or last year's) into drafts.

    python main.py import SOURCE -o DRAFT              one report → one draft
    python main.py import SOURCE SOURCE … -o FOLDER    several → one draft each in FOLDER, one line per file

Exit 0 when every draft was written, 2 when a source could not be read or a
draft not written (the others are still written).  An existing draft is never
overwritten without ``--force``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.check import finding_line
from cli.common import Unreadable, read_prior
from importers import FORMAT_NAMES, SourceError
from models import draft
from models.checks import Severity
from app.session import workflows
from app.session.commands import SetPrior

DRAFT_SUFFIX = draft.DRAFT_SUFFIX


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="+", metavar="来源",
                        help="已发布的报告（.txt / .html / .docx / .xlsx / .pdf）、本程序导出的文件或草稿；可一次给多个")
    parser.add_argument("-o", "--output", required=True, metavar="草稿",
                        help="写出的草稿（.json）；给多个来源时为文件夹，每个来源写一份草稿")
    parser.add_argument("--prior", metavar="上年报告", help="上年的报告，作为草稿的上年报告保存（用于上年结转等核对）")
    parser.add_argument("--force", action="store_true", help="草稿文件已存在时覆盖")


def target_for(source: Path, output: Path, batch: bool) -> Path:
    if batch or output.is_dir():
        name = source.name.removesuffix(DRAFT_SUFFIX) if source.name.endswith(DRAFT_SUFFIX) else source.stem
        return output / f"{name}{DRAFT_SUFFIX}"
    return output


def import_one(source: Path, target: Path, prior, force: bool) -> dict:
    """Read one source and write its draft; the result says what happened, for the summary.

    Without ``force`` the draft is created exclusively: when two imports write
    the same target at once, one writes it and the other is told it exists.
    """
    exists = f"{target} 已存在，未覆盖（确需覆盖请加 --force）"
    if target.exists() and not force:
        return {"source": source, "error": exists}   # said before the source is read, which may take a while
    try:
        loaded = workflows.import_report(source)  # the same policy as the window: the draft holds inputs only
    except SourceError as e:
        return {"source": source, "error": str(e)}
    if prior is not None:
        SetPrior.of(loaded.report, prior).do(loaded.report)
    try:
        draft.save(loaded.report, target, exclusive=not force)
    except draft.DraftExists:
        return {"source": source, "error": exists}
    except draft.DraftError as e:
        return {"source": source, "error": str(e)}
    return {"source": source, "target": target, "loaded": loaded}


def summary(result: dict) -> str:
    if "error" in result:
        return f"{result['source']}\t无法导入：{result['error']}"
    loaded = result["loaded"]
    report = loaded.report
    warnings = sum(n.severity is Severity.WARNING for n in loaded.notes)
    what = f"{report.agency or '（未识别机关名称）'} {report.year} 年，{FORMAT_NAMES.get(loaded.source_format, '')}"
    notes = f"{warnings} 条导入警告" if warnings else "导入无警告"
    return f"{result['source']}\t→ {result['target']}\t{what}，{notes}"


def run(args: argparse.Namespace) -> int:
    sources = [Path(s) for s in args.sources]
    output = Path(args.output)
    batch = len(sources) > 1
    if batch:
        if output.exists() and not output.is_dir():
            print(f"给了多个来源时 -o 应为文件夹，而 {output} 是文件", file=sys.stderr)
            return 2
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            print(f"无法创建文件夹 {output}：{e.strerror or e}", file=sys.stderr)
            return 2
    try:
        prior = read_prior(args.prior)
    except Unreadable:
        return 2
    results = []
    for source in sources:
        target = target_for(source, output, batch)
        result = import_one(source, target, prior, args.force)
        results.append(result)
        if batch:
            print(summary(result), file=sys.stderr if "error" in result else sys.stdout)
        elif "error" in result:
            print(f"无法导入 {source}：{result['error']}", file=sys.stderr)
        else:
            for note in result["loaded"].notes:
                print(finding_line(note))
            print(f"已写入草稿 {target}")
    return 2 if any("error" in r for r in results) else 0
