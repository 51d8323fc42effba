"""Where 插入统计段落 writes, and which paragraph a sub-head asks for."""
from __future__ import annotations

from models.report import Report, Subsection
from models.statistics_text.placement import part_for, place_for_statistics


def report_with(overview: list[str], appeals_heading: str = "") -> Report:
    report = Report()
    report.sections["overview"] = [Subsection(h) for h in overview]
    report.sections["problems"] = [Subsection("存在的主要问题"), Subsection(appeals_heading or "改进情况")]
    return report


def test_the_sub_section_being_typed_in_takes_it():
    report = report_with(["主动公开", "依申请公开"])
    assert place_for_statistics(report, "overview", 0) == ("overview", 0)
    assert place_for_statistics(report, "problems", 1) == ("problems", 1)


def test_from_a_table_or_outside_the_boxes_one_takes_it_in_its_sub_head_about_applications():
    report = report_with(["主动公开", "政务公开平台建设", "依申请公开情况"])
    assert place_for_statistics(report, None, None) == ("overview", 2)
    assert place_for_statistics(report, "overview", None) == ("overview", 2)
    assert place_for_statistics(report_with(["总体情况"]), None, None) == ("overview", 0)
    assert place_for_statistics(report, "problems", None) == ("problems", 0)


def test_a_sub_head_about_reviews_or_lawsuits_asks_for_table_four():
    report = report_with(["依申请公开"], appeals_heading="行政复议和行政诉讼情况")
    assert part_for(report, "problems", 1) == "appeals"
    assert part_for(report, "overview", 0) == "overview"
