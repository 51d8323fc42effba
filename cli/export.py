"""`export`: write a draft as Word, Excel and/or PDF.

Exit 0 when every requested file was written, 1 when the checks found errors
and ``--force`` was not given (nothing is written), 2 when the draft cannot be
read or a file cannot be written.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exporters import FORMATS, ExportError, export
from importers import SourceError, read_report
from models.checks import Severity, run_checks
from models.report import Report

BLANK_NAMES_SHOWN = 5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("draft", metavar="DRAFT", help="要导出的草稿（.json）")
    for fmt, (_, _, name) in FORMATS.items():
        parser.add_argument(f"--{fmt}", metavar="F", help=f"导出 {name} 文件（.{fmt}）到 F")
    parser.add_argument("--force", action="store_true", help="检查发现错误时仍然导出")


def blank_warning(report: Report) -> str | None:
    """The warning printed before blank cells are exported blank (they are never filled in)."""
    blank = report.blank_inputs()
    if not blank:
        return None
    names = "、".join(report.form.name_of(ref) for ref in blank[:BLANK_NAMES_SHOWN])
    more = f"等 {len(blank)} 个单元格" if len(blank) > BLANK_NAMES_SHOWN else ""
    return f"警告：{names}{more}未填写，导出的表格中将保持空白（正式报告通常填 0）"


def run(args: argparse.Namespace) -> int:
    targets = [(fmt, Path(getattr(args, fmt))) for fmt in FORMATS if getattr(args, fmt)]
    if not targets:
        print("请至少指定一个输出文件：--docx F、--xlsx F 或 --pdf F", file=sys.stderr)
        return 2
    draft = Path(args.draft)
    for fmt, target in targets:
        if target.suffix.lower() != f".{fmt}":
            print(f"输出文件 {target} 的扩展名应为 .{fmt}", file=sys.stderr)
            return 2
        if target.exists() and draft.exists() and target.resolve() == draft.resolve():
            print(f"输出文件不能是草稿本身：{target}", file=sys.stderr)
            return 2
    try:
        report = read_report(draft).report
    except SourceError as e:
        print(f"无法读取 {draft}：{e}", file=sys.stderr)
        return 2

    errors = [f for f in run_checks(report) if f.severity is Severity.ERROR]
    if errors:
        for f in errors:
            print(f"{f.rule:<8} {f.severity.label}  {f.message}", file=sys.stderr)
        if not args.force:
            print(f"检查发现 {len(errors)} 个错误，未导出。请先改正；确需导出（例如交审核人修改）时加 --force。",
                  file=sys.stderr)
            return 1
        print(f"检查发现 {len(errors)} 个错误，按 --force 仍然导出。", file=sys.stderr)
    warning = blank_warning(report)
    if warning:
        print(warning, file=sys.stderr)

    failed = False
    for fmt, target in targets:
        name = FORMATS[fmt][2]
        try:
            result = export(report, target, fmt)
        except ExportError as e:
            print(str(e), file=sys.stderr)
            failed = True
        except ImportError as e:
            print(f"无法导出 {name}：本程序缺少所需组件（{e.name or e}）", file=sys.stderr)
            failed = True
        else:
            summary = getattr(result, "summary", None)
            print(summary() if summary else f"已导出 {name}：{target}")
    return 2 if failed else 0
