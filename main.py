"""政府信息公开工作年度报告：打开窗口，或运行一个命令。

    gkbg                                   打开程序窗口
    gkbg 文件                              打开程序窗口并打开草稿（或导入已发布的报告）
    gkbg check 草稿 [--prior 上年报告] [--profile 本地要求] [--json]
    gkbg export 草稿 [--docx 文件] [--xlsx 文件] [--pdf 文件] [--force]
    gkbg import 来源 -o 草稿 [--prior 上年报告]
    gkbg review 文件夹或文件… [-o 审查结果.xlsx] [--pdf 审查清单.pdf] [--json] [--jobs 进程数] [--profile 本地要求]

各命令的说明：gkbg 命令 --help
"""
from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Callable

from cli.arguments import ChineseArgumentParser


def _export_help() -> str:
    """Named from the export registry: a new format is listed by itself."""
    from exporters import FORMATS
    names = [f.name for f in FORMATS.values()]
    listed = "、".join(names[:-1]) + "或" + names[-1] if len(names) > 1 else names[0]
    return re.sub(r"(?<=[\u4e00-\u9fff])(?=[A-Za-z])", " ", "把草稿导出为" + listed)  # 为 Word, 或 PDF


# each command lives in its own module, imported only when used: `check` must not pay for Qt
COMMANDS: dict[str, tuple[str, str | Callable[[], str]]] = {
    "check": ("cli.check", "检查报告（草稿或已发布的报告），列出全部问题"),
    "export": ("cli.export", _export_help),
    "import": ("cli.import_report", "把已发布的报告或上年报告转换为草稿"),
    "review": ("cli.review", "批量审查文件夹中的报告：逐份检查、跨年核对、同级比较，可写出审查结果工作簿和审查清单"),
}


def _usage() -> str:
    # the bundle (PyInstaller sets sys.frozen) is started as gkbg; the source as python main.py
    program = "gkbg" if getattr(sys, "frozen", False) else "python main.py"
    lines = ["政府信息公开工作年度报告 填报助手", "", "用法：",
             f"  {program}                      打开程序窗口",
             f"  {program} 草稿.gkbg.json       打开程序窗口并打开草稿",
             f"  {program} 命令 --help          查看命令的用法", "", "命令："]
    lines += [f"  {name:<8}{_help(name)}" for name in COMMANDS]
    return "\n".join(lines)


def _help(name: str) -> str:
    text = COMMANDS[name][1]
    return text() if callable(text) else text


def run_command(name: str, argv: list[str]) -> int:
    """Parse the arguments of one command and run it; only that command's module is imported."""
    module = importlib.import_module(COMMANDS[name][0])
    parser = ChineseArgumentParser(prog=f"gkbg {name}", description=_help(name))
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
    if getattr(sys, "frozen", False):
        # the bundle: a worker process of the 审查台 starts this program again; freeze_support lets it run its task
        import multiprocessing
        multiprocessing.freeze_support()
        os.environ["GKBG_FREEZE_SUPPORT"] = "1"
    sys.exit(main())
