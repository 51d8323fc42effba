"""Plain text in its two forms, the 2019 trial format, and what the reader does when it cannot be sure."""
import pytest

from importers import read_report
from models.checks import Severity, run_checks
from models.form import CellRef
from models.form_2021 import REQUEST_ROWS
from models.report import Subsection

REQ = lambda key: CellRef("requests", key)  # noqa: E731
ACT = lambda key: CellRef("active", key)  # noqa: E731
APP = lambda key: CellRef("appeals", key)  # noqa: E731


def read_text(tmp_path, text, encoding="utf-8", name="report.txt"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return read_report(path)


def warnings(loaded):
    return [n.message for n in loaded.notes if n.severity is Severity.WARNING]


# ---------------------------------------------------------------- a report in the 2019 trial format

def request_rows(numbers: dict[str, str], single_other: str | None = None) -> str:
    """Table 三 as copied from a document: tab-separated, merged labels as empty cells."""
    lines = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况",
             "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
             "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他"]
    for row in REQUEST_ROWS:
        if single_other is not None and row.key.startswith("other_"):
            if row.key == "other_no_correction":
                lines.append(f"\t（六）其他处理\t\t{single_other}")
            continue
        labels = [row.a if row.b == "" or row.key == "granted" else "", row.b, row.c]
        lines.append("\t".join(labels) + "\t" + numbers.get(row.key, "0\t0\t0\t0\t0\t0\t0"))
    return "\n".join(lines)


TRIAL_TABLE_TWO = """第二十条第（一）项
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t0\t0\t3
规范性文件\t4\t4\t52
第二十条第（五）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t120\t+5\t3456
其他对外管理服务事项\t10\t0\t88
第二十条第（六）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政处罚\t30\t-2\t1200
行政强制\t5\t0\t40
第二十条第（八）项
信息内容\t上一年项目数量\t本年增/减
行政事业性收费\t12\t-1
第二十条第（九）项
信息内容\t采购项目数量\t采购总金额
政府集中采购\t15\t230.5"""

TRIAL_REQUESTS = {
    "new": "9\t1\t0\t0\t0\t0\t10",
    "granted": "5\t1\t0\t0\t0\t0\t6",
    "unable_not_held": "2\t0\t0\t0\t0\t0\t2",
    "total": "9\t1\t0\t0\t0\t0\t10",
}

TRIAL_REPORT = f"""某某县人民政府
2020年政府信息公开工作年度报告

一、总体情况
2020年，我县全面贯彻《条例》。全年新收政府信息公开申请10件。

二、主动公开政府信息情况
{TRIAL_TABLE_TWO}

三、收到和处理政府信息公开申请情况
{request_rows(TRIAL_REQUESTS, single_other="2	0	0	0	0	0	2")}

四、政府信息公开行政复议、行政诉讼情况
行政复议\t\t\t\t\t行政诉讼
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉
\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计
1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0

五、存在的主要问题及改进情况
（一）存在的主要问题。公开内容不够丰富。
（二）改进情况。加强培训。

六、其他需要报告的事项
本年度未收取信息处理费。
"""


def test_trial_format_is_mapped_into_the_2021_form(tmp_path):
    loaded = read_text(tmp_path, TRIAL_REPORT)
    report = loaded.report
    assert (report.agency, report.year) == ("某某县人民政府", 2020)
    assert {k: report.values.get(ACT(k)) for k in ("rules.issued", "normative.issued", "licensing", "punishment",
                                                   "enforcement")} == {
        "rules.issued": 0, "normative.issued": 4, "licensing": 3456, "punishment": 1200, "enforcement": 40}
    for key in ("rules.repealed", "rules.in_force", "normative.repealed", "normative.in_force", "fees"):
        assert ACT(key) not in report.values, key
    notes = " ".join(n.message for n in loaded.notes)
    assert "2019 年试行格式" in notes
    for unplaced in ("“对外公开总数量”为 52", "“本年新公开数量”为 4", "其他对外管理服务事项", "政府集中采购",
                     "“采购总金额”为 230.5", "“本年增/减”为 +5"):
        assert unplaced in notes, unplaced


def test_trial_format_single_other_row(tmp_path):
    loaded = read_text(tmp_path, TRIAL_REPORT)
    report = loaded.report
    # 2 requests of natural persons "otherwise handled": which of the three items is not known
    assert report.values[REQ("other_other.natural_person")] == 2
    assert REQ("other_no_correction.natural_person") not in report.values
    assert REQ("other_unpaid_fee.natural_person") not in report.values
    # a column printed 0 is 0 in each item
    for row in ("other_no_correction", "other_unpaid_fee", "other_other"):
        assert report.values[REQ(f"{row}.commercial")] == 0
    assert any("3.其他" in m and "自然人 2" in m for m in warnings(loaded))
    findings = run_checks(report)
    assert [f for f in findings if f.severity is Severity.ERROR] == []   # the sums still agree
    assert report.values[REQ("granted.natural_person")] == 5 and report.stated[REQ("total.total")] == 10


TRIAL_LAYOUT = """                     某某县人民政府
            2020 年政府信息公开工作年度报告

    一、总体情况
    2020 年，我县全面贯彻《条例》。全年新收政府信息公开申请 10
件。
    二、主动公开政府信息情况
                         第二十条第（一）项
      信息内容       本年新制作数量     本年新公开数量     对外公开总数量
      规章               0                  0               3
      规范性文件         4                  4              52
                         第二十条第（五）项
      信息内容       上一年项目数量       本年增/减       处理决定数量
      行政许可          120                 +5            3456
      其他对外管理服
                         10                  0              88
      务事项
                                                                 — 2 —
                         第二十条第（六）项
      信息内容       上一年项目数量       本年增/减       处理决定数量
      行政处罚           30                 -2            1200
      行政强制            5                  0              40
                         第二十条第（八）项
      信息内容       上一年项目数量       本年增/减
      行政事业性收费     12                 -1
                         第二十条第（九）项
      信息内容       采购项目数量         采购总金额
      政府集中采购       15                230.5
    六、其他需要报告的事项
    本年度未收取信息处理费。
"""


def test_trial_format_in_pdf_layout(tmp_path):
    loaded = read_text(tmp_path, TRIAL_LAYOUT)
    values = loaded.report.values
    assert [values.get(ACT(k)) for k in ("rules.issued", "normative.issued", "licensing", "punishment",
                                         "enforcement")] == [0, 4, 3456, 1200, 40]
    assert "其他对外管理服务事项" in " ".join(n.message for n in loaded.notes)
    assert loaded.report.section_text("overview").endswith("全年新收政府信息公开申请 10 件。")


# ---------------------------------------------------------------- when the reader cannot be sure

LAYOUT = """                 某某市某某局
        2024 年政府信息公开工作年度报告
    一、总体情况
    2024 年，本局依法做好政府信息公开工作。
    二、主动公开政府信息情况
                 第二十条第（一）项
    信息内容      本年制发件数      本年废止件数      现行有效件数
    规章               1                                 11
    行政规范性文件     8                26                66
                 第二十条第（五）项
    信息内容                     本年处理决定数量
    行政许可                          447
    行政处罚                          3985
    行政强制                          88
                 第二十条第（八）项
    信息内容                  本年收费金额（单位：万元）
    行政事业性收费                   96171.6
    三、收到和处理政府信息公开申请情况
                              自然人  商业企业 科研机构 社会公益组织 法律服务机构 其他  总计
    一、本年新收政府信息公开申请数量  10   1   0   0   0   0   11
    二、上年结转政府信息公开申请数量   0   0   0   0   0   0    0
         （一）予以公开                6   1   0   0   0   0    7
         （二）部分公开（区分处理的，只计这一情形，不计其他情形）
                                       1   0   0   0   0   0    1
         （三）不予公开  1.属于国家秘密  0   0   0   0   0   0    0
                        2.其他法律行政法规禁止公开  0   0   0   0   0   0    0
                        3.危及“三安全一稳定”  0   0   0   0   0   0    0
                        4.保护第三方合法权益  0   0   0   0   0   0    0
                        5.属于三类内部事务信息  0   0   0   0   0   0    0
                        6.属于四类过程性信息  0   0   0   0   0   0    0
                        7.属于行政执法案卷  0   0   0   0   0   0    0
                        8.属于行政查询事项  0   0   0   0   0   0    0
         （四）无法提供  1.本机关不掌握相关政府信息  3   0   0   0   0   0    3
                        2.没有现成信息需要另行制作  0   0   0   0   0   0    0
                        3.补正后申请内容仍不明确  0   0   0   0   0   0    0
         （五）不予处理  1.信访举报投诉类申请  0   0   0   0   0   0    0
                        2.重复申请  0   0   0   0   0   0    0
                        3.要求提供公开出版物  0   0   0   0   0   0    0
                        5.要求行政机关确认或重新出具已获取信息  0   0   0   0   0   0    0
         （六）其他处理  1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请  0 0 0 0 0 0 0
                        2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请  0 0 0 0 0 0 0
                        3.其他  0   0   0   0   0   0    0  7
         （七）总计                   10   1   0   0   0   0   11
         （八）小计                    9   9
    四、结转下年度继续办理             0   0   0   0   0   0    0
    四、政府信息公开行政复议、行政诉讼情况
    行政复议                 行政诉讼
    1  0  0  0  1   0  0  0  0  0   0  0  0  0
    五、存在的主要问题及改进情况
    （一）存在的主要问题。问题不少。
    （二）改进情况。将加以改进。
    六、其他需要报告的事项
    本年度未收取信息处理费。

                                        某某市某某局
                                       2025年1月20日
"""


@pytest.fixture
def uncertain(tmp_path):
    return read_text(tmp_path, LAYOUT)


def test_a_blank_cell_is_placed_by_its_column(uncertain):
    values = uncertain.report.values
    assert values[ACT("rules.issued")] == 1 and values[ACT("rules.in_force")] == 11
    assert ACT("rules.repealed") not in values


def test_a_missing_row_stays_blank_and_is_named(uncertain):
    assert REQ("rejected_excessive.natural_person") not in uncertain.report.values
    assert any("4.无正当理由大量反复申请" in m and "没有找到" in m for m in warnings(uncertain))
    assert uncertain.report.values[REQ("rejected_confirmation.natural_person")] == 0


def test_a_row_with_a_stray_number_is_not_guessed(uncertain):
    values = uncertain.report.values
    assert REQ("other_other.natural_person") not in values
    assert any("（六）3.其他" in m and "8 个数" in m and "留空" in m for m in warnings(uncertain))


def test_a_row_that_is_not_in_the_form_is_named(uncertain):
    assert any("（八）小计" in m and "未导入" in m for m in warnings(uncertain))


def test_table_four_with_a_number_missing_is_left_blank(uncertain):
    values = uncertain.report.values
    assert not any(ref.table == "appeals" for ref in values)
    assert any("表四应有 15 个数" in m and "14 个" in m for m in warnings(uncertain))


def test_everything_read_for_certain_is_there(uncertain):
    report = uncertain.report
    assert (report.agency, report.year, report.date) == ("某某市某某局", 2024, "2025-01-20")
    assert report.values[REQ("unable_not_held.natural_person")] == 3
    assert report.values[REQ("partly_granted.natural_person")] == 1
    assert report.values[ACT("fees")] == "96171.6"
    assert report.sections["problems"] == [Subsection("存在的主要问题", "问题不少。"), Subsection("改进情况", "将加以改进。")]
    assert report.section_text("other") == "本年度未收取信息处理费。"


# ---------------------------------------------------------------- encodings, titles, dates

SMALL = """{title}
一、总体情况
{year_text}，本单位未收到政府信息公开申请。
六、其他需要报告的事项
未收取信息处理费。
{signature}"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_encodings(tmp_path, encoding):
    text = SMALL.format(title="某某镇人民政府2023年政府信息公开工作年度报告", year_text="2023年", signature="")
    report = read_text(tmp_path, text.replace("\n", "\r\n"), encoding).report
    assert (report.agency, report.year) == ("某某镇人民政府", 2023)
    assert report.section_text("overview") == "2023年，本单位未收到政府信息公开申请。"


@pytest.mark.parametrize("title, agency, year", [
    ("2023年度某某街道办事处政府信息公开工作年度报告", "某某街道办事处", 2023),
    ("某某区教育局二〇二三年政府信息公开工作年度报告", "某某区教育局", 2023),
    ("某某区教育局关于2023年政府信息公开工作年度报告", "某某区教育局", 2023),
])
def test_title_variants(tmp_path, title, agency, year):
    report = read_text(tmp_path, SMALL.format(title=title, year_text="今年", signature="")).report
    assert (report.agency, report.year) == (agency, year)


def test_no_title_is_said_and_the_year_taken_from_the_text(tmp_path):
    loaded = read_text(tmp_path, SMALL.format(title="", year_text="2022年", signature=""))
    assert loaded.report.year == 2022 and loaded.report.agency == ""
    assert any("没有找到报告标题" in m for m in warnings(loaded))
    assert any("2022" in m and "请核对" in m for m in warnings(loaded))


def test_signature_in_chinese_numerals(tmp_path):
    text = SMALL.format(title="某某镇人民政府2023年政府信息公开工作年度报告", year_text="2023年",
                        signature="某某镇人民政府\n二〇二四年一月二十六日")
    report = read_text(tmp_path, text).report
    assert report.date == "2024-01-26"
    assert report.section_text("other") == "未收取信息处理费。"


def test_page_copied_from_a_browser(tmp_path):
    """Tab-separated rows of uneven length (merged cells lose their place) are read by their labels."""
    from tests.conftest import shared_path
    from tests.report_html import copied_text
    source = read_report(shared_path("real-reports", "01_huaian-city-gov-2024.txt")).report
    loaded = read_text(tmp_path, copied_text(source, source.stated))
    assert loaded.report.values == source.values
    totals = source.totals()
    assert loaded.report.stated == {ref: source.stated.get(ref, totals[ref]) for ref in loaded.report.stated}
    assert loaded.report.sections == source.sections and loaded.report.preamble == source.preamble
    assert warnings(loaded) == []
