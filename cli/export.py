"""`export`: write a draft as Word, Excel, PDF and/or a web page (one option a format of the export registry).

Exit 0 when every requested file was written, 1 when the checks found errors
Exit 0 when every requested file was written, 1 when the checks found errors
or gaps (no 落款 date, an empty section…) and ``--force`` was not given
(nothing is written), 2 when the draft cannot be read or a file cannot be
written.  Without ``--force`` an existing file is never replaced: each export
is created exclusively.  The policy before an export (what the window asks
about is refused here without ``--force``, blanks warn) is the session's, the
same as the window's.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.check import finding_line
from exporters import DRAFT_MARKS, FORMATS, ExportError, ExportExists
from importers import SourceError
from app.session import Session, workflows


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("draft", metavar="草稿", help="要导出的草稿（.json），或已发布的报告")
    for fmt in FORMATS.values():
        parser.add_argument(f"--{fmt.id}", metavar="文件", help=f"导出 {fmt.name}（{fmt.suffix}）到该文件")
    parser.add_argument("--force", action="store_true",
                        help="检查发现错误时仍然导出（首页和文档属性中标明“未通过检查：N 处错误”）；输出文件已存在时覆盖")
    parser.add_argument("--mark", choices=DRAFT_MARKS, metavar="标记",
                        help=f"在首页和文档属性中标明文稿性质：{'、'.join(DRAFT_MARKS)}（内部传阅、征求意见时用）")


def run(args: argparse.Namespace) -> int:
    targets = [(fmt, Path(getattr(args, fmt.id))) for fmt in FORMATS.values() if getattr(args, fmt.id)]
    if not targets:
        options = "、".join(f"--{fmt.id} F" for fmt in FORMATS.values())
        print(f"请至少指定一个输出文件：{options}", file=sys.stderr)
        return 2
    source = Path(args.draft)
    for fmt, target in targets:
        if target.suffix.lower() != fmt.suffix:
            print(f"输出文件 {target} 的扩展名应为 {fmt.suffix}", file=sys.stderr)
            return 2
        if target.exists() and source.exists() and target.resolve() == source.resolve():
            print(f"输出文件不能是草稿本身：{target}", file=sys.stderr)
            return 2
        if target.exists() and not args.force:
            print(f"输出文件 {target} 已存在，未覆盖（确需覆盖请加 --force）", file=sys.stderr)
            return 2
    session = Session()
    try:
        session.import_as_new(source)
    except SourceError as e:
        print(f"无法读取 {source}：{e}", file=sys.stderr)
        return 2

    check = session.export_check()
    if check.to_confirm:
        for f in check.to_confirm:
            print(finding_line(f), file=sys.stderr)
        if not args.force:
            print(workflows.refusal_message(check), file=sys.stderr)
            return 1
        print(f"检查发现 {len(check.to_confirm)} 处问题（错误或未填写），按 --force 仍然导出。", file=sys.stderr)
    blanks = workflows.blank_message(check)
    if blanks:
        print(f"警告：{blanks}", file=sys.stderr)

    failed = False
    for fmt, target in targets:
        try:
            # without --force the file is created, never replaced: of two exports at once, one writes it
            result = session.export(fmt.id, target, allow_errors=True, replace=args.force, mark=args.mark)
        except ExportExists as e:
            print(f"{e}（确需覆盖请加 --force）", file=sys.stderr)
            failed = True
        except ExportError as e:
            print(str(e), file=sys.stderr)
            failed = True
        except ImportError as e:
            print(f"无法导出 {fmt.name}：本程序缺少所需组件（{e.name or e}）", file=sys.stderr)
            failed = True
        else:
            print(result.summary())
    return 2 if failed else 0
