import pytest

from models.form import CellRef
from models.report import Report, numbered_heading


def test_new_report_has_the_usual_subheads():
    r = Report(agency="测试局", year=2025)
    assert [s.heading for s in r.sections["overview"]] == ["主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障"]
    assert len(r.sections["problems"]) == 2 and len(r.sections["other"]) == 1
    assert r.title_lines == ("测试局", "2025年政府信息公开工作年度报告")
    assert numbered_heading(1, "依申请公开") == "（二）依申请公开"


def test_blank_is_not_zero_and_totals_follow_inputs():
    r = Report()
    total = CellRef("requests", "new.total")
    assert r.get(total) is None
    r.set(CellRef("requests", "new.natural_person"), 0)
    assert r.get(total) == 0
    r.set(CellRef("requests", "new.commercial"), 5)
    r.set(CellRef("requests", "granted.commercial"), 4)
    r.set(CellRef("requests", "denied_query.natural_person"), 2)
    assert r.get(total) == 5
    assert r.get(CellRef("requests", "total.commercial")) == 4
    assert r.get(CellRef("requests", "total.total")) == 6
    r.set(CellRef("requests", "new.commercial"), None)
    assert r.get(total) == 0 and CellRef("requests", "new.commercial") not in r.values


def test_totals_cannot_be_typed():
    with pytest.raises(KeyError):
        Report().set(CellRef("appeals", "review.total"), 3)


def test_only_headed_subsections_are_numbered():
    from models.report import Subsection
    r = Report(year=2024)
    r.sections["overview"] = [Subsection("", "2024 年，我市……"), Subsection("主动公开情况", "a"), Subsection("依申请公开情况", "b")]
    assert [h for h, _ in r.numbered_subsections("overview")] == ["", "（一）主动公开情况", "（二）依申请公开情况"]
    assert r.section_text("overview") == "2024 年，我市……\n（一）主动公开情况\na\n（二）依申请公开情况\nb"
