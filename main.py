"""政府信息公开工作年度报告：start the window, or run a command.

    python main.py                         open the application
    python main.py FILE                    open the application with a draft
    python main.py check DRAFT [--prior LAST_YEAR] [--json]
    python main.py export DRAFT [--docx F] [--xlsx F] [--pdf F] [--force]
    python main.py import SOURCE -o DRAFT
"""
from __future__ import annotations

import argparse
import importlib
import sys

# each command lives in its own module, imported only when used: `check` must not pay for Qt
COMMANDS = {
    "check": ("cli.check", "检查报告（草稿或已发布的报告），列出全部问题"),
    "export": ("cli.export", "把草稿导出为 Word、Excel 或 PDF"),
    "import": ("cli.import_report", "把已发布的报告或上年报告转换为草稿"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gkbg", description="政府信息公开工作年度报告 填报与校验")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name, (module, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(module=module)
        importlib.import_module(module).add_arguments(command)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help"):
        from ui.app import run  # the window; Qt is imported only here
        return run(argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")  # a GBK console must not crash on a rare character
    args = build_parser().parse_args(argv)
    return importlib.import_module(args.module).run(args)


if __name__ == "__main__":
    sys.exit(main())
