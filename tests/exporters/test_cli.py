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


def test_an_existing_file_is_replaced_only_with_force(tmp_path):
    target = tmp_path / "报告.docx"
    target.write_bytes(b"someone's document")
    result = export(EXAMPLE, "--docx", target)
    assert result.returncode == 2 and "已存在" in result.stderr and "--force" in result.stderr
    assert target.read_bytes() == b"someone's document"
    result = export(EXAMPLE, "--docx", target, "--force")
    assert result.returncode == 0, result.stderr
    assert zipfile.is_zipfile(target)


def test_two_exports_to_one_file_at_once_one_wins(tmp_path):
    """Ten rounds of two exports of different drafts to one new file: one writes it, the other is told."""
    other = tmp_path / "另一份.json"
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["meta"]["agency"] = "另一个机关"
    other.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    command = [sys.executable, str(ROOT / "main.py"), "export"]
    for round_ in range(10):
        target = tmp_path / f"同一个{round_}.xlsx"
        both = [subprocess.Popen([*command, str(source), "--xlsx", str(target)], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, encoding="utf-8", cwd=ROOT)
                for source in (EXAMPLE, other)]
        results = [(p.wait(timeout=120), *p.communicate()) for p in both]
        assert sorted(code for code, _, _ in results) == [0, 2], results
        assert all("Traceback" not in err for _, _, err in results)
        winner = next(i for i, (code, _, _) in enumerate(results) if code == 0)
        agency = load_workbook(target)["正文"]["A1"].value
        assert ("另一个机关" in agency) == (winner == 1)
