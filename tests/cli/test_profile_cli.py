"""`check --profile` and `review --profile`: the 本地要求's findings, and a bad file refused with its line."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from models import draft
from models.form import CellRef
from tests.conftest import ROOT
from tests.profile_support import EXAMPLE_PROFILE, compliant_report, write_profile


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)


def local_rules(data) -> list[dict]:
    return [f for f in data["findings"] if f["rule"] == "LOCAL"]


def test_check_with_the_example_profile(tmp_path):
    good = tmp_path / "合格.json"
    draft.save(compliant_report(), good)
    report = compliant_report()
    report.sections["overview"][0].text = report.sections["overview"][0].text.replace("发布政策解读材料 12 篇", "加强政策解读")
    report.set(CellRef("active", "rules.issued"), None)
    report.sections["overview"][-1].text += "持续加强监督保障。" * 130
    bad = tmp_path / "不合格.json"
    draft.save(report, bad)
    result = run("check", good, bad, "--profile", EXAMPLE_PROFILE, "--json")
    assert result.returncode == 0, result.stderr
    first, second = json.loads(result.stdout)
    assert local_rules(first) == []
    found = local_rules(second)
    assert len(found) == 3, found
    assert any("超过 1000 字" in f["message"] and f["section"] == "overview" for f in found)
    assert any("“政策解读”" in f["message"] and f["subsection"] == 0 for f in found)
    assert any(f["cells"] == ["active.rules.issued"] for f in found)
    assert all("明川市2025年度" in f["message"] and f["rule_name"] == "本地要求" for f in found)
    plain = run("check", bad, "--profile", EXAMPLE_PROFILE)
    assert "警告  本地要求  " in plain.stdout and "LOCAL" not in plain.stdout


def test_a_malformed_profile_is_refused_with_its_line(tmp_path):
    path = tmp_path / "草稿.json"
    draft.save(compliant_report(), path)
    profile = write_profile(tmp_path, 'name = "坏"\n\n[[cells]]\ncells = ["active.rules.isued"]\n')
    for command in (["check", path], ["review", tmp_path]):
        result = run(*command, "--profile", profile)
        assert result.returncode == 2
        assert "第 4 行" in result.stderr and "active.rules.isued" in result.stderr and "未应用" in result.stderr
        assert result.stdout == ""


def test_review_with_a_profile(tmp_path):
    folder = tmp_path / "报告"
    folder.mkdir()
    report = compliant_report()
    report.date = "2026-02-20"
    draft.save(report, folder / "逾期.json")
    draft.save(compliant_report(), folder / "合格.json")
    shutil.copy(EXAMPLE_PROFILE, tmp_path / "要求.toml")
    result = run("review", folder, "--profile", tmp_path / "要求.toml", "--json")
    assert result.returncode == 1, result.stderr          # the example makes the deadline an error
    entries = {e["file"].rsplit("/", 1)[-1].rsplit("\\", 1)[-1]: e for e in json.loads(result.stdout)}
    [late] = local_rules(entries["逾期.json"])
    assert late["severity"] == "error" and "晚于发布时限 2026年1月31日" in late["message"]
    assert local_rules(entries["合格.json"]) == []
    assert "已按本地要求“明川市2025年度政府信息公开工作年度报告编制要求（示例）”检查" in result.stderr
