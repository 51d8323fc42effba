"""Excel workbooks: our own XLSX export read back (also after LibreOffice has computed it), and a hand-made one."""
import pytest
from openpyxl import Workbook, load_workbook

from exporters.xlsx import write_xlsx
from importers import read_report
from models import draft
from models.checks import Severity, run_checks
from models.form import CellRef
from models.form_2021 import FORM_2021
from tests.conftest import EXAMPLES, shared_path
from tests.export_support import balanced_report, soffice_convert

REQ = lambda key: CellRef("requests", key)  # noqa: E731


@pytest.mark.parametrize("name", ["qinghe-scjg-2024.json", "qinghe-scjg-2025.json", "weibin-gongxin-2025.json"])
def test_own_export_round_trip(tmp_path, name):
    source = draft.load(EXAMPLES / name)
    source.prior = None
    path = tmp_path / "导出.xlsx"
    write_xlsx(source, path)
    loaded = read_report(path)
    assert loaded.source_format == "xlsx"
    assert loaded.report == source
    assert [n for n in loaded.notes if n.severity is Severity.WARNING] == []


def test_fees_keep_every_digit_and_blank_stays_blank(tmp_path):
    source = balanced_report()
    source.set(CellRef("active", "fees"), "7730.280")
    source.set(REQ("new.other"), None)
    path = tmp_path / "导出.xlsx"
    write_xlsx(source, path)
    report = read_report(path).report
    assert report.values[CellRef("active", "fees")] == "7730.280"
    assert REQ("new.other") not in report.values
    assert report == source


def test_real_report_through_excel(tmp_path):
    source = read_report(shared_path("real-reports", "01_huaian-city-gov-2024.txt")).report
    source.stated = {}
    path = tmp_path / "淮安.xlsx"
    write_xlsx(source, path)
    assert read_report(path).report == source


def test_export_computed_and_saved_by_libreoffice(tmp_path, lo_profile):
    """Saved by a spreadsheet program, the totals carry their computed values: they agree, so none is kept."""
    source = balanced_report()
    path = tmp_path / "原始.xlsx"
    write_xlsx(source, path)
    saved, = soffice_convert(path, tmp_path / "lo", "xlsx", lo_profile)
    workbook = load_workbook(saved, data_only=True)
    assert workbook["表三"]["J7"].value is not None      # LibreOffice stored the computed totals
    report = read_report(saved).report
    assert report.values == source.values
    assert report.sections == source.sections
    assert [f for f in run_checks(report) if f.severity is Severity.ERROR] == []


def test_hand_made_workbook_of_tables_only(tmp_path):
    """A clerk's own workbook: table 四 typed on a sheet with a heading, nothing else."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["四、政府信息公开行政复议、行政诉讼情况"])
    sheet.append(["行政复议", None, None, None, None, "行政诉讼"])
    sheet.merge_cells("A2:E2")
    sheet.merge_cells("F2:O2")
    sheet.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", None, None, None, None,
                  "复议后起诉"])
    sheet.merge_cells("F3:J3")
    sheet.merge_cells("K3:O3")
    for column in "ABCDE":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.append([None] * 5 + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
    sheet.append([3, 1, 0, 1, 5, 2, 0, 0, 1, 3, 1, 0, 0, 0, 1])
    path = tmp_path / "手工.xlsx"
    workbook.save(path)
    loaded = read_report(path)
    report = loaded.report
    appeals = FORM_2021.table("appeals")
    assert [report.values.get(d.ref) for d in appeals.inputs] == [3, 1, 0, 1, 2, 0, 0, 1, 1, 0, 0, 0]
    assert [report.stated[d.ref] for d in appeals.computed] == [5, 3, 1]
    warnings = [n.message for n in loaded.notes if n.severity is Severity.WARNING]
    assert any("未找到表二" in m for m in warnings) and any("未找到表三" in m for m in warnings)


def test_a_long_paragraph_our_export_ran_over_several_rows_comes_back_whole(tmp_path):
    from exporters import export
    from importers import read_report
    from models import draft
    from models.report import Subsection
    report = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    long = "本机关坚持以人民为中心的发展思想，认真贯彻落实政府信息公开条例。" * 60  # 1,920 characters: several rows
    report.sections["problems"] = [Subsection("存在的主要问题", long + "\n第二段。")]
    export(report, tmp_path / "长.xlsx", "xlsx")
    back = read_report(tmp_path / "长.xlsx").report
    assert back.sections["problems"][0].text == long + "\n第二段。"
    assert back.sections["overview"] == report.sections["overview"]
