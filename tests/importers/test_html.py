"""Saved web pages (文字版): generated the way government sites render the form, and a hand-written irregular one."""
import pytest

from importers import SourceError, read_report
from models import draft
from models.checks import Severity, run_checks
from models.form import CellRef
from models.report import Subsection
from tests.conftest import EXAMPLES, shared_path
from tests.report_html import page

REQ = lambda key: CellRef("requests", key)  # noqa: E731


def write(tmp_path, text, name="report.html", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("name", ["00_weibin-gongxin-2025.txt", "01_huaian-city-gov-2024.txt",
                                  "02_hongze-district-gov-2023.txt", "03_hongze-district-gov-2024.txt"])
def test_real_report_as_a_web_page_gives_the_same_report(tmp_path, name):
    source = read_report(shared_path("real-reports", name)).report
    printed = dict(source.stated)
    imported = read_report(write(tmp_path, page(source, printed))).report
    assert (imported.agency, imported.year) == (source.agency, source.year)
    assert imported.preamble == source.preamble
    assert imported.sections == source.sections
    assert imported.values == source.values
    # the page prints every total; those the text printed are the same, the others are the computed sums
    totals = source.totals()
    assert imported.stated == {ref: printed.get(ref, totals[ref]) for ref in imported.stated}
    assert set(printed) <= set(imported.stated)


def test_example_draft_through_a_web_page(tmp_path):
    source = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    loaded = read_report(write(tmp_path, page(source)))
    assert loaded.source_format == "html"
    report = loaded.report
    assert report.values == source.values and report.sections == source.sections
    assert [f for f in run_checks(report) if f.severity is not Severity.INFO] == []


def test_a_wrong_printed_total_is_found(tmp_path):
    source = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    wrong = source.totals()[REQ("new.total")] + 3
    report = read_report(write(tmp_path, page(source, {REQ("new.total"): wrong}))).report
    [finding] = [f for f in run_checks(report) if f.rule == "T3-ROW"]
    assert finding.severity is Severity.ERROR and f"印为 {wrong}" in finding.message


def test_gbk_page_with_declared_charset(tmp_path):
    source = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    text = page(source).replace('<meta charset="utf-8">',
                                '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    report = read_report(write(tmp_path, text, encoding="gb18030")).report
    assert report.agency == source.agency and report.values == source.values


# A page as some county sites publish it: the whole content inside a layout table, table 二 in four small
# tables, upper-case tags, unclosed cells and rows, &nbsp; for empty cells, <p> and <br> inside cells,
# labels with stray spaces, 1,234 with a thousands separator and one blank cell in table 三.
IRREGULAR = """<HTML><HEAD><META http-equiv=Content-Type content="text/html; charset=utf-8">
<TITLE>某某县交通运输局2023年政府信息公开工作年度报告</TITLE></HEAD>
<BODY>
<TABLE width=980 align=center><TR><TD class=nav>当前位置：首页 &gt; 政务公开 &gt; 年度报告</TD></TR>
<TR><TD>
<TABLE width="100%"><TR><TD align=center><FONT size=5><B>某某县交通运输局2023年政府信息公开工作年度报告</B></FONT></TD></TR></TABLE>
<DIV id=content>
<P>&nbsp;&nbsp;&nbsp;&nbsp;本报告根据《中华人民共和国政府信息公开条例》编制，统计期限为2023年1月1日至12月31日。</P>
<P><STRONG>一、总体情况</STRONG></P>
<P>&nbsp;&nbsp;&nbsp;&nbsp;2023年，我局认真贯彻落实《条例》，各项工作有序推进。</P>
<P>（一）主动公开</P>
<P>&nbsp;&nbsp;&nbsp;&nbsp;全年主动公开政府信息
   356条。</P>
<P>（二）依申请公开</P>
<P>全年新收政府信息公开申请6件，上年结转1件，办结6件，结转下年度1件。</P>
<P><B>二、主动公开政府信息情况</B></P>
<TABLE border=1 cellSpacing=0>
<TR><TD colSpan=4 align=center><P>第二十条第（一）项</P></TD></TR>
<TR><TD>信息内容</TD><TD>本年制发件数</TD><TD>本年废止件数</TD><TD>现行有效件数
<TR><TD>规　章</TD><TD>0</TD><TD>0</TD><TD>0</TD></TR>
<TR><TD>行政规范性<BR>文件</TD><TD><SPAN>2</SPAN></TD><TD>&nbsp;1&nbsp;</TD><TD><P>15</P></TD></TR>
</TABLE>
<TABLE border=1>
<TR><TD colSpan=4>第二十条第（五）项</TD></TR>
<TR><TD>信息内容</TD><TD colSpan=3>本年处理决定数量</TD></TR>
<TR><TD>行政许可</TD><TD colSpan=3>1,234</TD></TR>
</TABLE>
<TABLE border=1>
<TR><TD colSpan=4>第二十条第（六）项</TD></TR>
<TR><TD>信息内容</TD><TD colSpan=3>本年处理决定数量</TD></TR>
<TR><TD>行政处罚</TD><TD colSpan=3>56</TD></TR>
<TR><TD>行政强制</TD><TD colSpan=3>0</TD></TR>
</TABLE>
<TABLE border=1>
<TR><TD colSpan=4>第二十条第（八）项</TD></TR>
<TR><TD>信息内容</TD><TD colSpan=3>本年收费金额（单位：万元）</TD></TR>
<TR><TD>行政事业性收费</TD><TD colSpan=3>12.50</TD></TR>
</TABLE>
<P><B>三、收到和处理政府信息公开申请情况</B></P>
<TABLE border=1 style="border-collapse:collapse">
<TBODY>
<TR><TD rowSpan=3 colSpan=3><P>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</P></TD>
    <TD colSpan=7>申请人情况</TD></TR>
<TR><TD rowSpan=2>自然人</TD><TD colSpan=5>法人或其他组织</TD><TD rowSpan=2>总计</TD></TR>
<TR><TD>商业<BR>企业</TD><TD>科研<BR>机构</TD><TD>社会公益组织</TD><TD>法律服务机构</TD><TD>其他</TD></TR>
<TR><TD colSpan=3>一、本年新收政府信息公开申请数量</TD><TD>5<TD>1<TD>0<TD>0<TD>0<TD>0<TD>6</TR>
<TR><TD colSpan=3>二、上年结转政府信息公开申请数量</TD><TD>1<TD>0<TD>0<TD>0<TD>0<TD>0<TD>1</TR>
<TR><TD rowSpan=22>三、本年度办理结果</TD><TD colSpan=2>（一）予以公开</TD><TD>3<TD>1<TD>0<TD>0<TD>0<TD>0<TD>4</TR>
<TR><TD colSpan=2>（二）部分公开（区分处理的，只计这一情形，不计其他情形）</TD><TD>1<TD>0<TD>0<TD>0<TD>0<TD>0<TD>1</TR>
<TR><TD rowSpan=8>（三）不予公开</TD><TD>1.属于国家秘密</TD><TD>0<TD>0<TD>0<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD>2.其他法律行政法规禁止公开</TD><TD>0<TD>0<TD>0<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD>3.危及"三安全一稳定"</TD><TD>0<TD>0<TD>0<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD>4.保护第三方合法权益</TD><TD>0<TD>0<TD>0<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD>5.属于三类内部事务信息</TD><TD>0<TD>0<TD>0<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD>6.属于四类过程性信息</TD><TD>0<TD>0<TD>0<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD>7.属于行政执法案卷</TD><TD>0<TD>0<TD>0<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD>8.属于行政查询事项</TD><TD>0<TD>0<TD>&nbsp;<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD rowSpan=3>（四）无法提供</TD><TD>1.本机关不掌握相关政府信息</TD><TD>1<TD>0<TD>0<TD>0<TD>0<TD>0<TD>1</TR>
<TR><TD>2.没有现成信息需要另行制作</TD><TD>0<TD>0<TD>0<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD>3.补正后申请内容仍不明确</TD><TD>0<TD>0<TD>0<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD rowSpan=5>（五）不予处理</TD><TD>1.信访举报投诉类申请</TD><TD>0<TD>0<TD>0<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD>2.重复申请</TD><TD>0<TD>0<TD>0<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD>3.要求提供公开出版物</TD><TD>0<TD>0<TD>0<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD>4.无正当理由大量反复申请</TD><TD>0<TD>0<TD>0<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD>5.要求行政机关确认或重新出具已获取信息</TD><TD>0<TD>0<TD>0<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD rowSpan=3>（六）其他处理</TD><TD>1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请</TD><TD>0<TD>0<TD>0<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD>2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请</TD><TD>0<TD>0<TD>0<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD>3.其他</TD><TD>0<TD>0<TD>0<TD>0<TD>0<TD>0<TD>0</TR>
<TR><TD colSpan=2>（七）总计</TD><TD>5<TD>1<TD>0<TD>0<TD>0<TD>0<TD>6</TR>
<TR><TD colSpan=3>四、结转下年度继续办理</TD><TD>1<TD>0<TD>0<TD>0<TD>0<TD>0<TD>1</TR>
</TBODY></TABLE>
<P><B>四、政府信息公开行政复议、行政诉讼情况</B></P>
<TABLE border=1>
<TR><TD colSpan=5>行政复议</TD><TD colSpan=10>行政诉讼</TD></TR>
<TR><TD rowSpan=2>结果<BR>维持</TD><TD rowSpan=2>结果<BR>纠正</TD><TD rowSpan=2>其他<BR>结果</TD><TD rowSpan=2>尚未<BR>审结</TD>
    <TD rowSpan=2>总计</TD><TD colSpan=5>未经复议直接起诉</TD><TD colSpan=5>复议后起诉</TD></TR>
<TR><TD>结果维持</TD><TD>结果纠正</TD><TD>其他结果</TD><TD>尚未审结</TD><TD>总计</TD>
    <TD>结果维持</TD><TD>结果纠正</TD><TD>其他结果</TD><TD>尚未审结</TD><TD>总计</TD></TR>
<TR><TD>1</TD><TD>0</TD><TD>0</TD><TD>0</TD><TD>1</TD><TD>0</TD><TD>0</TD><TD>0</TD><TD>0</TD><TD>0</TD>
    <TD>0</TD><TD>0</TD><TD>0</TD><TD>0</TD><TD>0</TD></TR>
</TABLE>
<P><B>五、存在的主要问题及改进情况</B></P>
<P>一是公开内容不够丰富。二是解读形式单一。下一步将加强培训。</P>
<P><B>六、其他需要报告的事项</B></P>
<P>本年度未收取信息处理费。</P>
<P align=right>某某县交通运输局</P>
<P align=right>2024年1月18日</P>
</DIV>
</TD></TR>
<TR><TD class=footer>版权所有：某某县人民政府 &nbsp; 技术支持：某某科技</TD></TR></TABLE>
</BODY></HTML>
"""


def test_irregular_hand_written_page(tmp_path):
    loaded = read_report(write(tmp_path, IRREGULAR))
    report = loaded.report
    assert (report.agency, report.year, report.date) == ("某某县交通运输局", 2023, "2024-01-18")
    assert report.preamble.startswith("本报告根据") and "首页" not in report.preamble
    assert report.sections["overview"] == [
        Subsection("", "2023年，我局认真贯彻落实《条例》，各项工作有序推进。"),
        Subsection("主动公开", "全年主动公开政府信息 356条。"),
        Subsection("依申请公开", "全年新收政府信息公开申请6件，上年结转1件，办结6件，结转下年度1件。")]
    assert report.section_text("other") == "本年度未收取信息处理费。"
    active = {k: report.values.get(CellRef("active", k)) for k in
              ("rules.issued", "normative.issued", "normative.repealed", "normative.in_force", "licensing",
               "punishment", "enforcement", "fees")}
    assert active == {"rules.issued": 0, "normative.issued": 2, "normative.repealed": 1, "normative.in_force": 15,
                      "licensing": 1234, "punishment": 56, "enforcement": 0, "fees": "12.50"}
    assert report.values[REQ("new.natural_person")] == 5 and report.values[REQ("granted.commercial")] == 1
    assert report.values[REQ("carried_forward.natural_person")] == 1
    assert REQ("denied_query.research") not in report.values          # printed blank, left blank
    assert report.stated[REQ("total.total")] == 6
    assert report.values[CellRef("appeals", "review.upheld")] == 1
    assert report.stated[CellRef("appeals", "review.total")] == 1
    findings = run_checks(report)
    assert [f.rule for f in findings if f.severity is Severity.ERROR] == []
    assert [f.rule for f in findings if f.severity is Severity.WARNING] == ["BLANK"]
    # the spaced 规　章 and the label broken by <br> are layout; straight quotes for the curly ones are noted
    assert [n for n in loaded.notes if n.severity is Severity.WARNING] == []
    assert any("只有标点" in n.message and '危及"三安全一稳定' in n.message for n in loaded.notes)


def test_page_without_a_report_is_refused(tmp_path):
    path = write(tmp_path, "<html><body><p>通知公告</p><table><tr><td>a</td><td>b</td></tr></table></body></html>")
    with pytest.raises(SourceError, match="没有找到年度报告的内容"):
        read_report(path)


def test_hostile_spans_and_nesting_are_bounded(tmp_path):
    cells = '<td rowspan="999999999" colspan="999999999">第二十条</td>'
    nested = "<div>" * 5000 + "一、总体情况" + "</div>" * 5000
    path = write(tmp_path, f"<html><body>{nested}<table><tr>{cells}<td>1</td></tr></table></body></html>")
    loaded = read_report(path)
    assert loaded.report.sections["overview"] == [Subsection("", "")]


def test_entities_are_only_htmls_own(tmp_path):
    text = ('<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body>'
            "<p>一、总体情况</p><p>&xxe;&amp;&#20013;</p></body></html>")
    report = read_report(write(tmp_path, text)).report
    assert report.section_text("overview") == "&xxe;&中"
