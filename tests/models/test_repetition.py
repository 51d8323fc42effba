"""Sentences repeated from last year's report, located in the text."""
from importers import read_report
from models.checks.text import repeated_share
from models.repetition import repeated_sentences, repeated_spans, sentences
from models.report import Report, Subsection
from tests.conftest import shared_path


def test_sentences_are_cut_at_their_marks_and_trimmed():
    text = "第一句。 第二句；\n第三句"
    assert [text[s:e] for s, e in sentences(text)] == ["第一句。", "第二句；", "第三句"]


def test_a_copied_sentence_is_marked_and_a_new_one_is_not():
    last = "全年组织政务公开业务培训 3 次，覆盖全部科室。对政府网站进行常态化监测。"
    text = ("全年组织政务公开业务培训　4 次，覆盖全部科室。"   # copied, a figure changed, full-width space
            "新上线“企业开办一件事”专题，集中展示办事指南。")
    spans = repeated_spans(text, last)
    assert [text[s:e] for s, e in spans] == ["全年组织政务公开业务培训　4 次，覆盖全部科室。"]


def test_real_reports_a_year_apart():
    prior = read_report(shared_path("real-reports", "02_hongze-district-gov-2023.txt")).report
    report = read_report(shared_path("real-reports", "03_hongze-district-gov-2024.txt")).report
    assert repeated_sentences(report) == {}
    report.prior = prior
    marks = repeated_sentences(report)
    assert marks
    for section, subs in report.sections.items():
        previous = prior.section_text(section)
        for index, sub in enumerate(subs):
            for s, e in sentences(sub.text):
                if repeated_share(sub.text[s:e], previous) >= 0.5:  # repeated even by DUP's own measure
                    assert (s, e) in marks[(section, index)]
    assert sum(len(spans) for spans in marks.values()) >= 5


def test_sub_sections_are_compared_with_last_years_whole_section():
    report = Report(year=2025, sections={"overview": [Subsection("甲", "新的一句话写在这里。"),
                                                      Subsection("乙", "这一句和去年一模一样的文字。")]})
    report.prior = Report(year=2024, sections={"overview": [Subsection("甲", "这一句和去年一模一样的文字。")]})
    assert repeated_sentences(report) == {("overview", 1): [(0, 14)]}
