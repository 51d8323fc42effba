"""`python main.py export DRAFT [--docx F] [--xlsx F] [--pdf F] [--force]`."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest
from openpyxl import load_workbook

from models import draft
from models.form import CellRef
from tests.conftest import EXAMPLES, ROOT
from tests.export_support import balanced_report

pytestmark = pytest.mark.slow  # every test here starts the program in a process of its own

EXAMPLE = EXAMPLES / "qinghe-scjg-2025.json"


def export(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "export", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=120)


def test_exports_word_and_excel(tmp_path):
    result = export(EXAMPLE, "--docx", tmp_path / "报告.docx", "--xlsx", tmp_path / "报告.xlsx")
    assert result.returncode == 0, result.stderr
    assert "已导出 Word" in result.stdout and "已导出 Excel" in result.stdout
    with zipfile.ZipFile(tmp_path / "报告.docx") as z:
        assert "明川市清河区市场监督管理局" in z.read("word/document.xml").decode("utf-8")
    assert load_workbook(tmp_path / "报告.xlsx").sheetnames[1:] == ["表二", "表三", "表四", "正文（续）"]


def test_needs_an_output(tmp_path):
    result = export(EXAMPLE)
    assert result.returncode == 2 and "--docx" in result.stderr


def test_wrong_suffix_is_refused(tmp_path):
    result = export(EXAMPLE, "--docx", tmp_path / "报告.xlsx")
    assert result.returncode == 2 and ".docx" in result.stderr
    assert not (tmp_path / "报告.xlsx").exists()


def broken_draft(tmp_path):
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["tables"]["requests"]["new"]["natural_person"] += 5
    path = tmp_path / "不平衡.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_errors_in_the_checks_refuse_without_force(tmp_path):
    result = export(broken_draft(tmp_path), "--docx", tmp_path / "a.docx", "--xlsx", tmp_path / "a.xlsx")
    assert result.returncode == 1
    assert "错误  表三平衡" in result.stderr and "--force" in result.stderr
    assert not (tmp_path / "a.docx").exists() and not (tmp_path / "a.xlsx").exists()


def test_force_exports_despite_errors(tmp_path):
    result = export(broken_draft(tmp_path), "--docx", tmp_path / "a.docx", "--force")
    assert result.returncode == 0, result.stderr
    assert "仍然导出" in result.stderr
    assert (tmp_path / "a.docx").exists()


def test_blank_cells_warn_and_stay_blank(tmp_path):
    report = balanced_report()
    for key in ("rules.issued", "licensing"):
        report.set(CellRef("active", key), None)
    path = tmp_path / "空白.json"
    draft.save(report, path)
    result = export(path, "--xlsx", tmp_path / "a.xlsx")
    assert result.returncode == 0, result.stderr
    assert "警告" in result.stderr and "表二 规章 · 本年制发件数" in result.stderr and "保持空白" in result.stderr
    ws = load_workbook(tmp_path / "a.xlsx")["表二"]
    assert ws["B4"].value is None  # 规章 本年制发件数: grid row 2, column B, below the title row


def test_unreadable_draft(tmp_path):
    path = tmp_path / "坏.json"
    path.write_text("{", encoding="utf-8")
    result = export(path, "--docx", tmp_path / "a.docx")
    assert result.returncode == 2 and "无法读取" in result.stderr and "Traceback" not in result.stderr


def test_missing_folder_is_a_chinese_message_not_a_traceback(tmp_path):
    result = export(EXAMPLE, "--docx", tmp_path / "没有这个文件夹" / "a.docx")
    assert result.returncode == 2
    assert "不存在" in result.stderr and "Traceback" not in result.stderr


def test_pdf_goes_to_the_pdf_exporter(tmp_path):
    result = export(EXAMPLE, "--pdf", tmp_path / "a.pdf")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
