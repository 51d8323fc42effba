"""argparse in Chinese: headings, the help option and the error messages a clerk may meet."""
from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

# argparse's own messages (Python 3.10–3.13), as patterns, and what to say instead
MESSAGES = (
    (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.*)", r"不认识的参数：\1"),
    (r"argument (.*?): expected one argument", r"参数 \1 后面应跟一个值"),
    (r"argument (.*?): expected at least one argument", r"参数 \1 后面应至少跟一个值"),
    (r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)", r"参数 \1 的值 \2 无效（可选：\3）"),
    (r"argument (.*?): invalid (\w+) value: (.*)", r"参数 \1 的值 \3 无效"),
    (r"argument (.*?): not allowed with argument (.*)", r"参数 \1 不能与 \2 同时使用"),
    (r"argument (.*?): ignored explicit argument (.*)", r"参数 \1 不接受值 \2"),
    (r"ambiguous option: (.*?) could match (.*)", r"选项 \1 不明确，可能是：\2"),
)


def chinese_message(message: str) -> str:
    for pattern, replacement in MESSAGES:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "用法：")


class ChineseArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本说明并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{chinese_message(message)}\n")
