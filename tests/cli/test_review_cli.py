"""`main.py review`: a line or a JSON object per report, the exit code, the workbook and the PDF 审查清单."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from main import main
from models.form_2021 import FORM_2021
from tests.conftest import EXAMPLES, ROOT, shared_path


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    for name in ("02_hongze-district-gov-2023.txt", "03_hongze-district-gov-2024.txt", "01_huaian-city-gov-2024.txt"):
        shutil.copy(shared_path("real-reports", name), folder / name)
    shutil.copy(EXAMPLES / "qinghe-scjg-2025.json", folder / "qinghe-scjg-2025.json")
    (folder / "hostile.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    return folder


def test_json_one_object_a_report(folder, capsys):
    code = main(["review", str(folder), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    # what could not be read or identified first, then the reports in the folder's order
    unknown = [Path(d["file"]).name for d in data if d["error"] or not d["agency"] or d["year"] is None]
    assert [Path(d["file"]).name for d in data] == unknown + sorted(p.name for p in folder.iterdir()
                                                                    if p.name not in unknown)
    assert unknown == ["hostile.xlsx"]
    by_name = {Path(d["file"]).name: d for d in data}
    hostile = by_name["hostile.xlsx"]
    assert hostile["error"] and hostile["findings"] == [] and hostile["agency"] is None
    hongze = by_name["02_hongze-district-gov-2023.txt"]
    assert (hongze["agency"], hongze["year"], hongze["error"]) == ("洪泽区人民政府", 2023, None)
    assert [f["rule"] for f in hongze["findings"] if f["severity"] == "error"] == ["T4-TOT", "T4-TOT"]
    assert set(hongze["findings"][0]) >= {"rule", "severity", "message"}
    assert {f["severity"] for d in data for f in d["findings"]} <= {"error", "warning", "info"}
    later = by_name["03_hongze-district-gov-2024.txt"]
    assert Path(later["prior_file"]).name == "02_hongze-district-gov-2023.txt"
    assert "CARRY" in [f["rule"] for f in later["findings"]]


def test_one_line_a_report(folder, capsys):
    code = main(["review", str(folder)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert len(out) == 5
    assert any("hostile.xlsx" in line and "无法读取" in line for line in out)
    assert any("洪泽区人民政府 2023 年" in line and "2 个错误" in line for line in out)


def test_exit_codes(tmp_path, capsys):
    assert main(["review", str(EXAMPLES / "qinghe-scjg-2024.json"), str(EXAMPLES / "qinghe-scjg-2025.json")]) == 0
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["review", str(tmp_path)]) == 2
    assert main(["review", str(tmp_path / "nothing-here")]) == 2
    assert "找不到文件" in capsys.readouterr().out
    empty_folder = tmp_path / "none"
    empty_folder.mkdir()
    assert main(["review", str(empty_folder)]) == 2
    assert "没有找到" in capsys.readouterr().err


def test_output_names_are_checked(folder, tmp_path, capsys):
    assert main(["review", str(folder), "-o", str(tmp_path / "结果.csv")]) == 2
    assert ".xlsx" in capsys.readouterr().err


def test_the_workbook(folder, tmp_path, capsys):
    target = folder / "审查结果.xlsx"
    try:
        assert main(["review", str(folder), "-o", str(target)]) == 1
        # a second run does not review its own workbook
        assert main(["review", str(folder), "-o", str(target)]) == 1
        wb = load_workbook(target)
        with zipfile.ZipFile(target) as package:
            charts = [n for n in package.namelist() if n.startswith("xl/charts/chart")]
    finally:
        target.unlink(missing_ok=True)
    assert wb.sheetnames == ["汇总", "问题", "数据", "同级比较", "分布"]
    summary = list(wb["汇总"].iter_rows(values_only=True))
    assert len(summary) == 1 + 5
    header = summary[0]
    row = next(r for r in summary if r[1] == "01_huaian-city-gov-2024.txt")
    assert row[header.index("新收申请")] == 3119 and row[header.index("复议")] == 351
    assert row[header.index("诉讼")] == 46
    hostile = next(r for r in summary if r[1] == "hostile.xlsx")
    assert hostile[header.index("无法读取的原因")]
    findings = list(wb["问题"].iter_rows(values_only=True))
    assert findings[0][3:] == ("级别", "规则", "位置", "说明")
    t4 = [r for r in findings if r[4] == "表四合计"]
    assert len(t4) == 2 and all(r[3] == "错误" and r[5].startswith("表四 行政") and r[6] for r in t4)
    numbers = list(wb["数据"].iter_rows(values_only=True))
    readable = 4
    assert len(numbers) == 1 + readable * len(FORM_2021.inputs + FORM_2021.computed)
    printed = [r for r in numbers if r[0] == "02_hongze-district-gov-2023.txt" and r[6] == "appeals.review.total"]
    assert printed[0][7] == 11 and printed[0][9] == 0  # computed 11, printed 0
    assert len(charts) == 3  # 公开率, 新收申请, findings per rule


def test_the_pdf_checklist_lists_errors_first(folder, tmp_path):
    target = tmp_path / "审查清单.pdf"
    assert main(["review", str(folder), "--pdf", str(target)]) == 1
    assert target.read_bytes().startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("未安装 pdftotext，无法核对 PDF 中的文字")
    text = subprocess.run([pdftotext, "-layout", str(target), "-"], capture_output=True, check=True).stdout.decode()
    errors_at = text.index("有错误的报告")
    assert errors_at < text.index("洪泽区人民政府 2023 年") < text.index("无法读取的文件") < text.index("hostile.xlsx")
    assert "表四合计" in text and "T4-TOT" not in text  # the rule's name, as in the window; no codes
    parts = re.findall(r"^([一二三四五])、", text, re.M)
    assert parts == ["一", "二", "三", "四"]
    assert "文件：02_hongze-district-gov-2023.txt" in text  # copies as written: digits after a hyphen too


@pytest.mark.slow
def test_the_workbook_opens_in_libreoffice(folder, tmp_path, lo_profile):
    from tests.export_support import soffice_convert
    target = tmp_path / "审查结果.xlsx"
    assert main(["review", str(folder), "-o", str(target)]) == 1
    made = soffice_convert(target, tmp_path / "pdf", "pdf", lo_profile)
    assert made and made[0].stat().st_size > 0
    text = subprocess.run(["pdftotext", str(made[0]), "-"], capture_output=True, check=True).stdout.decode()
    assert "公开率分布" in text and "淮安市人民政府" in text


def test_command_is_listed(capsys):
    assert main(["--help"]) == 0
    assert "review" in capsys.readouterr().out
    assert (ROOT / "cli" / "review.py").is_file()
