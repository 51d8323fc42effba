"""`python main.py check`: findings printed, exit 0 / 1 / 2."""
import json
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES, ROOT

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


def check(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "check", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60)


def test_there_are_examples():
    assert len(EXAMPLE_FILES) >= 3


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_each_example_passes(path):
    result = check(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "全部通过" in result.stdout


def test_carry_agreement_is_reported_with_prior():
    result = check(EXAMPLES / "qinghe-scjg-2025.json", "--prior", EXAMPLES / "qinghe-scjg-2024.json")
    assert result.returncode == 0
    assert "CARRY" in result.stdout and "一致" in result.stdout


def test_unbalanced_column_exits_1_naming_rule_and_column(tmp_path):
    data = json.loads((EXAMPLES / "qinghe-scjg-2025.json").read_text(encoding="utf-8"))
    data["tables"]["requests"]["new"]["legal_service"] += 2
    path = tmp_path / "改坏.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = check(path)
    assert result.returncode == 1
    line = next(l for l in result.stdout.splitlines() if l.startswith("T3-BAL"))
    assert "法律服务机构" in line and "多 2 件" in line and "表三平衡" in line


def test_json_output(tmp_path):
    result = check(EXAMPLES / "qinghe-scjg-2025.json", "--prior", EXAMPLES / "qinghe-scjg-2024.json", "--json")
    data = json.loads(result.stdout)
    assert data["errors"] == 0
    assert {"rule", "severity", "place", "message"} <= set(data["findings"][0])


def test_corrupted_draft_exits_2_and_is_left_unchanged(tmp_path):
    path = tmp_path / "损坏.json"
    raw = (EXAMPLES / "weibin-gongxin-2025.json").read_bytes()[:300]
    path.write_bytes(raw)
    result = check(path)
    assert result.returncode == 2
    assert "无法读取" in result.stderr and "草稿文件" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == raw


def test_batch_prints_a_summary_line_per_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    result = check(*EXAMPLE_FILES, bad)
    summary = result.stdout.split("汇总：")[1].strip().splitlines()
    assert len(summary) == len(EXAMPLE_FILES) + 1
    assert result.returncode == 2


def test_check_does_not_import_qt():
    code = ("import sys, main; main.main(['check', {!r}]); print('PySide6' in sys.modules)".format(str(EXAMPLES / "weibin-gongxin-2025.json")))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60).stdout
    assert out.strip().endswith("False")
