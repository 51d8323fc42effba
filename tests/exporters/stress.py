"""Drafts as the agencies with the largest numbers and the longest names would make them."""
from __future__ import annotations

from models.form import NumberKind
from models.form_2021 import FORM_2021
from models.numbers import MAX_COUNT
from models.report import Report, Subsection

# 60 characters
LONG_AGENCY = ("某某省某某自治州某某市某某县某某经济技术开发区管理委员会社会事业和公共服务局"
               "政务公开办公室综合协调科室")[:60]
EXT_B = "𠀀𪚥𠮷"      # CJK Extension B: few faces draw them
SENTENCE = ("本机关坚持以人民为中心的发展思想，认真贯彻落实政府信息公开条例，"
            "持续深化决策、执行、管理、服务、结果公开，2025年共主动公开政府信息12345条。")


def nine_digits(ref) -> bool:
    """Where the stress draft puts 9-digit counts: all of table 二; table 三's new requests, those granted
    and those carried over (totals of 10 digits); table 四's administrative reviews."""
    if ref.table == "active":
        return True
    if ref.table == "requests":
        return ref.key.split(".")[0] in ("new", "granted", "carried_forward")
    return ref.key.startswith("review.")


def stress_report(*, big_numbers: bool = True, every_number_huge: bool = False, long_section: int = 20_000,
                  sub_heads: int = 8) -> Report:
    """``big_numbers``: 9-digit counts wherever the printed page can hold them on one line (see
    ``nine_digits``); ``every_number_huge``: every count 9 digits, totals of 11, more than a page holds."""
    report = Report(agency=LONG_AGENCY, year=2025, date="2026-01-20",
                    preamble=f"本报告由{LONG_AGENCY}编制，经办人张{EXT_B[0]}、李{EXT_B[1]}。")
    long_text = (SENTENCE * (long_section // len(SENTENCE) + 1))[:long_section]
    # one paragraph of 900 characters, then the rest in paragraphs of 2,000
    paragraphs = [long_text[:900]] + [long_text[i:i + 2000] for i in range(900, len(long_text), 2000)]
    report.sections["overview"] = [Subsection(f"第{i + 1}项工作情况{EXT_B[i % 3]}", "\n".join(paragraphs) if i == 0
                                              else SENTENCE * 2) for i in range(sub_heads)]
    report.sections["problems"] = [Subsection("存在的主要问题", SENTENCE), Subsection("改进情况", SENTENCE)]
    report.sections["other"] = [Subsection("", "本年度收取信息处理费0元。" + SENTENCE * 3)]
    for table in FORM_2021.tables:
        for i, d in enumerate(table.inputs):
            if d.kind is NumberKind.DECIMAL:
                report.set(d.ref, "123456.789012")
            elif every_number_huge or (big_numbers and nine_digits(d.ref)):
                report.set(d.ref, MAX_COUNT - i)
            else:
                report.set(d.ref, 100 + i)
    return report


# the names of the cases: a second name in brackets (23 characters), three names of one office (57)
AGENCY_23 = "明川市清河区发展和改革局（区粮食和物资储备局）"
AGENCY_57 = ("明川省清河市人民政府办公厅（明川省清河市人民政府外事办公室、"
             "明川省清河市人民政府港澳事务办公室、清河市政府研究室）")
PROVINCIAL_FACTOR = 4321   # every count times this: 4–6 digits, as a province's table 三; every identity holds


def provincial_report(**meta) -> Report:
    """A balanced report at a province's numbers (every identity of the form is a sum, so scaling keeps it)."""
    from tests.export_support import balanced_report
    report = balanced_report(**meta)
    for ref, value in list(report.values.items()):
        if isinstance(value, int):
            report.set(ref, value * PROVINCIAL_FACTOR)
    return report
