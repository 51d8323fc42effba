"""The 审查台 with a 本地要求: every report of the folder is checked against it, in the worker processes too."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.review import review
from models.profile_file import load_profile, parse_profile
from tests.conftest import EXAMPLES, shared_path
from tests.profile_support import EXAMPLE_PROFILE
from tests.review_support import make_folder

# the generated reports state the applications with a count, and 政策解读 at most as a phrase
PROFILE = parse_profile("""
name = "审查用要求"
year = 2022
[[text]]
section = "一、总体情况"
subsection = "依申请公开"
state = [{ topic = "申请", number = true }]
[[text]]
section = "一、总体情况"
subsection = "主动公开"
state = [{ topic = "政策解读", number = true }]
""")


def local(entry) -> list[str]:
    return [f.message for f in entry.findings if f.rule == "LOCAL" and f.severity != "info"]


def notes(entry) -> list[str]:
    return [f.message for f in entry.findings if f.rule == "LOCAL" and f.severity == "info"]


def test_a_profile_applied_to_a_folder_of_real_reports(tmp_path):
    for path in sorted(shared_path("real-reports").glob("*.txt")):
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(EXAMPLES / "qinghe-scjg-2025.json", tmp_path)
    profile = load_profile(EXAMPLE_PROFILE)
    result = review([tmp_path], jobs=1, profile=profile)
    by_name = {Path(e.file).name: e for e in result.entries}
    assert len(by_name) == 5 and all(e.readable for e in result.entries)
    weibin, qinghe = by_name["00_weibin-gongxin-2025.txt"], by_name["qinghe-scjg-2025.json"]
    assert any("超过 1000 字" in m for m in local(weibin))        # 2025: the profile's year
    assert any("“政务新媒体”及其数量" in m for m in local(qinghe))
    for name in ("01_huaian-city-gov-2024.txt", "02_hongze-district-gov-2023.txt", "03_hongze-district-gov-2024.txt"):
        entry = by_name[name]
        assert local(entry) == [] and "适用于 2025 年度报告" in notes(entry)[0], name
    without = {Path(e.file).name: e for e in review([tmp_path], jobs=1).entries}
    assert all(not [f for f in e.findings if f.rule == "LOCAL"] for e in without.values())
    assert weibin.warnings > without["00_weibin-gongxin-2025.txt"].warnings


def _expected(entries):
    return [(e.year, len(local(e)), len(notes(e))) for e in entries]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("profiled")
    make_folder(folder, 10, formats=("draft", "text"))
    return folder


def test_a_profile_for_one_year_of_a_generated_folder(folder):
    result = review([folder], jobs=1, profile=PROFILE)
    for entry in result.entries:
        if entry.year == 2022:
            [message] = local(entry)
            assert "“主动公开”部分" in message and "“政策解读”" in message and "数量" in message, message
            assert "审查用要求" in message
        else:
            assert local(entry) == [] and len(notes(entry)) == 1


@pytest.mark.slow
def test_the_profile_reaches_the_worker_processes(folder):
    in_pool = review([folder], jobs=2, profile=PROFILE)
    assert len(in_pool.entries) >= 8     # enough files for the pool (app.review.runner.IN_PROCESS_BELOW)
    assert in_pool.entries == review([folder], jobs=1, profile=PROFILE).entries
    assert sum(len(local(e)) for e in in_pool.entries) >= 2
