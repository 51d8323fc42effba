"""`python main.py check`: findings printed, exit 0 / 1 / 2."""
import json
import subprocess
import sys

import pytest

from models.checks.tables import Balance, Carry
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
    result = check(EXAMPLES / "qinghe-scjg-2025.json", "--prior", EXAMPLES / "qinghe-scjg-2024.json", "--json")
    assert result.returncode == 0
    [carry] = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "CARRY"]
    assert carry["template"] == Carry.agrees.id and carry["severity"] == "info" and carry["params"]["total"] == 4


def unbalanced(tmp_path):
    data = json.loads((EXAMPLES / "qinghe-scjg-2025.json").read_text(encoding="utf-8"))
    data["tables"]["requests"]["new"]["legal_service"] += 2
    path = tmp_path / "改坏.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_unbalanced_column_exits_1_naming_rule_and_column(tmp_path):
    result = check(unbalanced(tmp_path), "--json")
    assert result.returncode == 1
    [f] = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "T3-BAL"]
    assert f["template"] == Balance.unbalanced.id and f["severity"] == "error"
    assert (f["params"]["column"], f["params"]["heavier"], f["params"]["excess"]) == ("法律服务机构", "一+二", 2)
    assert f["cells"][0] == "requests.new.legal_service"


def test_a_line_names_the_place_in_the_forms_words_never_by_key(tmp_path):
    result = check(unbalanced(tmp_path))
    [line] = [line for line in result.stdout.splitlines() if "表三平衡" in line]
    assert line.startswith("错误  表三平衡  [表三 一、本年新收政府信息公开申请数量 · 法律服务机构 等 4 处]  ")
    assert line.endswith("表三“法律服务机构”列不平衡：一+二 = 5+0 = 5，（七）总计+四 = 2+1 = 3，一+二多 2 件")
    assert "requests." not in result.stdout and "T3-BAL" not in result.stdout


def test_json_output(tmp_path):
    result = check(EXAMPLES / "qinghe-scjg-2025.json", "--prior", EXAMPLES / "qinghe-scjg-2024.json", "--json")
    data = json.loads(result.stdout)
    assert data["errors"] == 0
    assert {"rule", "rule_name", "severity", "place", "message", "template", "params", "cells"} <= set(
        data["findings"][0])


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
