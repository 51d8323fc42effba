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


def _usage() -> str:
    # the bundle (PyInstaller sets sys.frozen) is started as gkbg; the source as python main.py
    program = "gkbg" if getattr(sys, "frozen", False) else "python main.py"
    lines = ["政府信息公开工作年度报告 填报助手", "", "用法：",
             f"  {program}                      打开程序窗口",
             f"  {program} 草稿.gkbg.json       打开程序窗口并打开草稿",
             f"  {program} 命令 --help          查看命令的用法", "", "命令："]
    lines += [f"  {name:<8}{help_text}" for name, (_, help_text) in COMMANDS.items()]
    return "\n".join(lines)


def run_command(name: str, argv: list[str]) -> int:
    """Parse the arguments of one command and run it; only that command's module is imported."""
    module_name, help_text = COMMANDS[name]
    module = importlib.import_module(module_name)
    parser = argparse.ArgumentParser(prog=f"gkbg {name}", description=help_text)
    module.add_arguments(parser)
    return module.run(parser.parse_args(argv))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")  # a GBK console must not crash on a rare character
    if argv and argv[0] in ("-h", "--help"):
        print(_usage())
        return 0
    if argv and argv[0] in COMMANDS:
        return run_command(argv[0], argv[1:])
    from ui.app import run  # the window; Qt is imported only here
    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
