"""The text rules on hostile narratives: figures longer than any count, megabytes of digits or repeats."""
import pytest

from models import draft
from models.checks import run_checks
from models.report import Subsection
from tests.conftest import ROOT
from tests.fuzz_support import time_limit

EXAMPLE = ROOT / "resources" / "examples" / "weibin-gongxin-2025.json"


def report_with(overview: str, other: str = "未收取信息处理费。"):
    report = draft.load(EXAMPLE)
    report.sections["overview"] = [Subsection("总体情况", overview)]
    report.sections["other"] = [Subsection("", other)]
    return report


@pytest.mark.parametrize("figure", ["9" * 4301, "1" * 20_000, "1," * 5000 + "000"])
def test_a_figure_longer_than_any_count_is_no_claim(figure):
    report = report_with(f"2025 年，收到政府信息公开申请 {figure} 件，办结 {figure} 件，结转下年度 {figure} 件，"
                         f"行政复议 {figure} 件。", other=f"收取信息处理费 {figure} 元。")
    messages = [f.message for f in run_checks(report)]
    assert not any(figure[:20] in m for m in messages)


def test_a_repeated_claim_is_one_finding():
    report = report_with("2025 年，收到政府信息公开申请 7 件。" * 5000)
    claims = [f for f in run_checks(report) if f.rule == "TEXT-T3" and f.arguments.get("claimed") == 7]
    assert len(claims) == 1


@pytest.mark.slow  # megabytes of text: a stress draft
@pytest.mark.parametrize("text", ["1" * 2_000_000, "收到申请" * 500_000, "2025年" + "政" * 5_000_000])
def test_megabytes_of_narrative_are_checked_without_hanging(text):
    report = report_with(text)
    report.prior = report_with(text[::-1])
    with time_limit("检查超长的叙述", 30):   # a guard against a hang; the speed itself is in benchmarks/
        run_checks(report, report.prior)
