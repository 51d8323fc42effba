"""No English in --help or in argparse's errors."""
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

ENGLISH_WORD = re.compile(r"\b(?!gkbg\b|python\b|main\b|check\b|export\b|import\b|json\b|prior\b|force\b|mark\b|docx\b|xlsx\b|pdf\b|help\b|"
                          r"output\b|txt\b|html?\b|review\b|jobs\b|profile\b|h\b|o\b|Word\b|Excel\b|PDF\b|JSON\b|WPS\b)[A-Za-z]{3,}\b")


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, timeout=60)


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["export", "--help"], ["import", "--help"], ["review", "--help"]])
def test_help_has_no_english(args):
    result = run(*args)
    assert result.returncode == 0
    assert not ENGLISH_WORD.findall(result.stdout), ENGLISH_WORD.findall(result.stdout)


@pytest.mark.parametrize("args,expected", [(["check"], "缺少必需的参数"), (["export", "a.json", "--pdf"], "后面应跟一个值"),
                                           (["check", "a.json", "--nonsense"], "不认识的参数")])
def test_argument_errors_are_chinese(args, expected):
    result = run(*args)
    assert result.returncode == 2 and expected in result.stderr and "error" not in result.stderr
    assert "Traceback" not in result.stderr


def test_check_names_every_kind_of_file_it_reads():
    result = run("check", "--help")
    for suffix in (".json", ".docx", ".xlsx", ".pdf", ".html", ".txt"):
        assert suffix in result.stdout, suffix
