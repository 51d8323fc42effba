"""`review`: read and check every report in folders at once; the workbook and the PDF 审查清单 on request.

    python main.py review FOLDER_OR_FILES... [-o 审查结果.xlsx] [--pdf 审查清单.pdf] [--json] [--jobs N] [--profile F]

One line per report on the terminal (``--json``: a JSON array, one object per
report), the progress on stderr.  Exit 0 when no report has an error finding,
1 when some do, 2 when nothing could be read (or the workbook or PDF could not
be written).
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
from pathlib import Path

from app.review import Cancelled, review
from cli.common import PROFILE_HELP, Unreadable, read_profile
from models.review import ReviewEntry, ReviewResult, find_report_files
from models.review.figures import KEY_FIGURES, format_figure

PROGRESS_FROM = 20            # files; fewer are done before a progress line would help
PROGRESS_EVERY_SECONDS = 0.2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="文件夹或文件",
                        help="文件夹（含子文件夹中的 .json/.docx/.xlsx/.txt/.html/.htm/.pdf）或报告文件；可给多个")
    parser.add_argument("-o", "--output", metavar="工作簿", help="写出审查结果工作簿（.xlsx）")
    parser.add_argument("--pdf", metavar="审查清单", help="写出审查清单（.pdf），有错误的报告在前")
    parser.add_argument("--json", action="store_true", help="以 JSON 数组输出，每份报告一个对象")
    parser.add_argument("--jobs", type=int, metavar="进程数", help="同时读取的进程数（默认为处理器核数）")
    parser.add_argument("--profile", metavar="本地要求", help=PROFILE_HELP)


def entry_line(entry: ReviewEntry) -> str:
    if entry.error:
        return f"{entry.file}\t无法读取：{entry.error}"
    counts = f"{entry.errors} 个错误，{entry.warnings} 个警告" if entry.errors or entry.warnings else "全部通过"
    figures = "，".join(f"{f.name} {format_figure(f, entry.figures.get(f.key))}" for f in KEY_FIGURES)
    paired = f"，{entry.pairing}" if entry.pairing else ""
    flags = f"，{len(entry.flags)} 处异常" if entry.flags else ""
    return f"{entry.file}\t{entry.title}（{entry.level or '级别未识别'}）：{counts}{flags}{paired}\t{figures}"


def entry_dict(entry: ReviewEntry) -> dict:
    return {
        "file": entry.file, "agency": entry.agency or None, "year": entry.year, "error": entry.error,
        "format": entry.source_format or None, "level": entry.level or None, "prior_file": entry.prior_file,
        "prior_ground": entry.prior_ground or None,
        "errors": entry.errors, "warnings": entry.warnings, "figures": entry.figures,
        "findings": [{"rule": f.rule, "rule_name": f.rule_name, "severity": f.severity, "place": f.place,
                      "message": f.message, "template": f.template or None, "params": dict(f.params),
                      "cells": [str(c) for c in f.cells], "section": f.section} for f in entry.findings],
        "flags": [{"figure": f.figure, "kind": f.kind, "message": f.message} for f in entry.flags],
    }


class _Progress:
    """"读取 123/1000" on stderr, rewritten in place on a terminal, a line now and then otherwise."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.live = hasattr(stream, "isatty") and stream.isatty()
        self.last = 0.0
        self.shown_tenth: dict[str, int] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        if self.live:
            now = time.monotonic()
            if done == total or now - self.last >= PROGRESS_EVERY_SECONDS:
                self.last = now
                end = "\n" if done == total else ""
                print(f"\r{phase} {done}/{total}", end=end, file=self.stream, flush=True)
            return
        tenth = done * 10 // total
        if tenth > self.shown_tenth.get(phase, -1):
            self.shown_tenth[phase] = tenth
            print(f"{phase} {done}/{total}", file=self.stream, flush=True)


def _outputs_ok(args: argparse.Namespace) -> bool:
    for target, suffix in ((args.output, ".xlsx"), (args.pdf, ".pdf")):
        if target and Path(target).suffix.lower() != suffix:
            print(f"输出文件 {target} 的扩展名应为 {suffix}", file=sys.stderr)
            return False
    if args.jobs is not None and args.jobs < 1:
        print("--jobs 应为正整数", file=sys.stderr)
        return False
    return True


def _inputs(args: argparse.Namespace) -> list[Path]:
    """The files to review, leaving out this run's own outputs (a second run must not review the workbook)."""
    outputs = {os.path.normcase(os.path.abspath(p)) for p in (args.output, args.pdf) if p}
    return [p for p in find_report_files(args.paths) if os.path.normcase(os.path.abspath(p)) not in outputs]


def _write(result: ReviewResult, args: argparse.Namespace) -> bool:
    """The workbook and the 审查清单 asked for; False when one could not be written (said why)."""
    from exporters.common import ExportError
    ok = True
    for target, module, writer, what in ((args.output, "exporters.review_xlsx", "write_review_xlsx", "审查结果"),
                                         (args.pdf, "exporters.review_pdf", "write_review_pdf", "审查清单")):
        if not target:
            continue
        try:
            getattr(importlib.import_module(module), writer)(result, target)
            print(f"已写出{what}：{target}", file=sys.stderr)
        except ExportError as e:
            print(f"无法写出 {target}：{e}", file=sys.stderr)
            ok = False
    return ok


def run(args: argparse.Namespace) -> int:
    if not _outputs_ok(args):
        return 2
    try:
        profile = read_profile(args.profile)
    except Unreadable:
        return 2
    files = _inputs(args)
    if not files:
        print("没有找到可审查的报告文件（.json/.docx/.xlsx/.txt/.html/.htm/.pdf）", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        result = review(files, jobs=args.jobs, progress=_Progress(sys.stderr), profile=profile)
    except (Cancelled, KeyboardInterrupt):
        print("\n审查已中断", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([entry_dict(e) for e in result.entries], ensure_ascii=False, indent=2, default=str))
    else:
        for entry in result.entries:
            print(entry_line(entry))
    readable = len(result.readable)
    errors = sum(1 for e in result.readable if e.errors)
    print(f"共 {len(result.entries)} 个文件，读取 {readable} 份，其中 {errors} 份有错误；"
          f"用时 {time.perf_counter() - started:.1f} 秒" + (f"；已按本地要求“{profile.name}”检查" if profile else ""),
          file=sys.stderr)
    if not _write(result, args):
        return 2
    return result.exit_code
