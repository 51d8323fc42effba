"""The review of a folder: reading, identification, pairing of years, checks across the folder, figures, flags."""
from __future__ import annotations

import html
import shutil
from pathlib import Path

import openpyxl
import pytest

from app.review import Cancelled, review
from exporters.review_pdf import review_html
from exporters.review_xlsx import write_review_xlsx
from models.checks.tables import InForce
from models.review import ReviewEntry, find_report_files
from models.review.identity import agency_groups, level_of
from models.review.peers import MIN_PEERS, peer_flags, peer_quartiles, quartiles
from tests.conftest import EXAMPLES, shared_path
from tests.review_support import make_folder


def by_name(result, name: str) -> ReviewEntry:
    return next(e for e in result.entries if Path(e.file).name == name)


def rules(entry: ReviewEntry, severity: str) -> list[str]:
    return [f.rule for f in entry.findings if f.severity == severity]


@pytest.fixture(scope="module")
def real_folder(tmp_path_factory) -> Path:
    """The real reports, the examples, and two files that cannot be read."""
    folder = tmp_path_factory.mktemp("real")
    for path in sorted(shared_path("real-reports").glob("*.txt")):
        shutil.copy(path, folder / path.name)
    for path in sorted(EXAMPLES.glob("*.json")):
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 this is not a zip archive at all")
    return folder


@pytest.fixture(scope="module")
def real(real_folder):
    return review([real_folder], jobs=1)


def test_the_same_agency_s_years_pair_and_the_cross_year_checks_run(real):
    last, this = by_name(real, "02_hongze-district-gov-2023.txt"), by_name(real, "03_hongze-district-gov-2024.txt")
    assert (last.agency, this.agency) == ("洪泽区人民政府", "淮安市洪泽区人民政府")
    assert last.group == this.group is not None
    assert this.prior_file == last.file and last.prior_file is None
    carry = [f for f in this.findings if f.rule == "CARRY"]
    in_force = [dict(f.params) for f in this.findings if f.template == InForce.agrees.id]
    assert [f.severity for f in carry] == ["info"] and dict(carry[0].params)["year"] == 2023
    assert any((p["now"], p["last"], p["issued"], p["repealed"]) == (8, 5, 3, 0) for p in in_force)
    assert "DUP" in rules(this, "warning") + rules(this, "info")


def test_known_problems_of_the_real_reports(real):
    hongze_2023 = by_name(real, "02_hongze-district-gov-2023.txt")
    hongze_2024 = by_name(real, "03_hongze-district-gov-2024.txt")
    assert rules(hongze_2023, "error") == ["T4-TOT", "T4-TOT"]
    assert "TEXT-T3" in rules(hongze_2024, "warning")
    assert rules(hongze_2024, "error") == []
    assert rules(by_name(real, "01_huaian-city-gov-2024.txt"), "error") == []
    assert real.exit_code == 1


def test_figures_are_the_published_tables(real):
    huaian = by_name(real, "01_huaian-city-gov-2024.txt")
    assert (huaian.figures["new"], huaian.figures["review"], huaian.figures["litigation"]) == (3119, 351, 46)
    # a misprinted total does not change the figure: 复议 is what its cells add up to (10 + 1)
    assert by_name(real, "02_hongze-district-gov-2023.txt").figures["review"] == 11
    rate = huaian.figures["disclosure_rate"]
    assert rate is not None and 0 < rate < 1


def test_identification(real):
    assert by_name(real, "01_huaian-city-gov-2024.txt").level == "市级政府"
    assert by_name(real, "03_hongze-district-gov-2024.txt").level == "区县级政府"
    weibin = by_name(real, "00_weibin-gongxin-2025.txt")
    assert (weibin.agency, weibin.year, weibin.level, weibin.source_format) == ("卫滨区工业和信息化局", 2025, "区县级部门", "text")
    # the same report as text and as a draft: each is told of the other
    assert any(f.kind == "duplicate" for f in weibin.flags)


def test_an_unreadable_file_is_a_row_with_its_reason_and_the_rest_is_reviewed(real):
    empty, broken = by_name(real, "empty.txt"), by_name(real, "broken.docx")
    assert "空" in (empty.error or "")
    assert broken.error and "损坏" in broken.error
    assert len(real.readable) == len(real.entries) - 2 == 7


def test_nothing_readable_gives_exit_code_2(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    result = review([tmp_path / "a.txt", tmp_path / "missing.docx"], jobs=1)
    assert [bool(e.error) for e in result.entries] == [True, True]
    assert result.exit_code == 2


def test_only_clean_reports_give_exit_code_0():
    result = review([EXAMPLES / "qinghe-scjg-2024.json", EXAMPLES / "qinghe-scjg-2025.json"], jobs=1)
    assert result.exit_code == 0
    assert result.entries[1].prior_file == result.entries[0].file


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    manifest = make_folder(folder, 30)
    return folder, manifest


@pytest.mark.slow
def test_a_generated_folder_in_the_pool_finds_what_was_put_in(generated):
    folder, manifest = generated
    result = review([folder], jobs=2)
    assert [e.file for e in result.entries] == [str(m.path) for m in manifest]
    for made, entry in zip(manifest, result.entries):
        assert entry.error is None, entry.error
        assert (entry.agency, entry.year) == (made.agency, made.year)
        assert set(rules(entry, "error")) == made.errors, entry.file
        assert ("CARRY" in rules(entry, "warning")) == made.carry_mismatch, entry.file
        if made.jump:
            assert any(f.kind == "jump" and f.figure == "new" for f in entry.flags), entry.file
        if made.year > 2021:
            assert entry.prior_file is not None, entry.file
    assert {m.fmt for m in manifest} == {"draft", "text", "html", "docx", "xlsx"}


@pytest.mark.slow
def test_the_same_folder_gives_the_same_result_in_one_process_or_many(generated):
    folder, _ = generated
    assert review([folder], jobs=2).entries == review([folder], jobs=1).entries


def test_cancelling_stops_the_review(tmp_path):
    make_folder(tmp_path, 3, formats=("draft",))
    with pytest.raises(Cancelled):
        review([tmp_path], jobs=1, cancelled=lambda: True)


@pytest.mark.slow
def test_cancelling_stops_the_review_in_the_pool(generated):
    folder, _ = generated
    with pytest.raises(Cancelled):
        review([folder], jobs=2, cancelled=lambda: True)


def test_files_found_in_a_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("b.docx", "a.txt", "sub/c.PDF", "~$b.docx", ".hidden.json", "notes.md", "d.htm"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in find_report_files([tmp_path])]
    assert found == ["a.txt", "b.docx", "d.htm", "sub/c.PDF"]
    # a file named explicitly is reviewed whatever its name, and only once
    assert find_report_files([tmp_path / "notes.md", tmp_path / "notes.md"]) == [tmp_path / "notes.md"]


@pytest.mark.parametrize("agency, level", [
    ("淮安市洪泽区人民政府", "区县级政府"), ("洪泽区住房和城乡建设局", "区县级部门"), ("明川市清河区市场监督管理局", "区县级部门"),
    ("明川市城市管理局", "市级部门"), ("新乡市人民政府", "市级政府"), ("江苏省人民政府办公厅", "省级政府"),
    ("北京市人民政府", "省级政府"), ("内蒙古自治区人民政府", "省级政府"), ("岔河镇人民政府", "乡镇"),
    ("洪泽区高良涧街道办事处", "乡镇"), ("国家税务总局", "部门"), ("", ""),
])
def test_level_from_the_agency_name(agency, level):
    assert level_of(agency) == level


def test_agency_names_with_more_or_less_of_their_place():
    names = ["洪泽区人民政府", "淮安市洪泽区人民政府", "淮安市人民政府", " 淮安市 洪泽区人民政府", "",
             "A市临江区教育局", "B市临江区教育局", "临江区教育局"]
    groups = agency_groups(names)
    assert groups[0] == groups[1] == groups[3]
    assert groups[2] != groups[0]
    assert groups[4] == -1
    # "临江区教育局" could be either city's: left alone, and the two cities' bureaus stay apart
    assert len({groups[5], groups[6], groups[7]}) == 3


def test_quartiles():
    q = quartiles([1, 2, 3, 4, 5])
    assert (q.p25, q.p50, q.p75, q.count) == (2, 3, 4, 5)
    assert quartiles([7]).p50 == 7


def test_a_disclosure_rate_far_below_the_peers_is_flagged():
    entries = []
    for i, rate in enumerate([0.80, 0.82, 0.85, 0.78, 0.81, 0.20]):
        entries.append(ReviewEntry(i, f"{i}.json", agency=f"甲区局{i}", year=2024, level="区县级部门",
                                   figures={"disclosure_rate": rate, "answered": 40}))
    peers = peer_quartiles(entries)[("区县级部门", 2024)]
    assert peers["disclosure_rate"].count == 6 >= MIN_PEERS
    assert [f.kind for f in peer_flags(entries[5], peers)] == ["low"]
    assert peer_flags(entries[0], peers) == []
    few = ReviewEntry(9, "9.json", year=2024, level="区县级部门", figures={"disclosure_rate": 0.2, "answered": 2})
    assert peer_flags(few, peers) == []  # 办结 2 件: a rate of so few says little


def test_the_review_says_on_what_ground_it_paired(real):
    this = by_name(real, "03_hongze-district-gov-2024.txt")
    assert "上级地名“淮安市”" in this.prior_ground


def _titled(folder: Path, name: str, title: list[str], year_from: str = "2025", year_to: str = "2025") -> None:
    """Real report 00 under another title (and its years moved)."""
    text = shared_path("real-reports", "00_weibin-gongxin-2025.txt").read_text(encoding="utf-8")
    body = text[text.index("一、总体情况"):].replace(year_from, year_to)
    (folder / name).write_text("\n".join(title) + "\n\n" + body, encoding="utf-8")


def test_short_forms_pair_and_what_is_not_identified_comes_first(tmp_path):
    _titled(tmp_path, "a.txt", ["2024 年上海市科委政府信息公开工作", "年度报告"], "2025", "2024")
    _titled(tmp_path, "b.txt", ["上海市科学技术委员会2025年政府信息公开工作年度报告"])
    _titled(tmp_path, "c.txt", ["政府信息公开工作年度报告"], "2025", "本")   # neither agency nor year
    result = review([tmp_path], jobs=1)
    assert [Path(e.file).name for e in result.entries] == ["c.txt", "a.txt", "b.txt"]
    unknown = result.entries[0]
    assert (unknown.agency, unknown.year, unknown.identified) == ("", None, False)
    assert [f.kind for f in unknown.flags] == ["unidentified"] and "机关名称、报告年度" in unknown.flags[0].message
    a, b = result.entries[1:]
    assert (a.agency, a.year, b.agency, b.year) == ("上海市科委", 2024, "上海市科学技术委员会", 2025)
    assert b.prior_file == a.file and "简称" in b.prior_ground
    # the same words in the window, the command line, the workbook and the checklist: which file, on what ground
    assert b.pairing == f"已与上年报告 a.txt 跨年核对（{b.prior_ground}）"
    write_review_xlsx(result, tmp_path / "审查结果.xlsx")
    summary = openpyxl.load_workbook(tmp_path / "审查结果.xlsx")["汇总"]
    columns = [c.value for c in summary[1]]
    row_b = [c.value for c in summary[4]]
    assert row_b[columns.index("跨年核对的上年报告")] == "a.txt"
    assert row_b[columns.index("配对依据")] == b.prior_ground
    assert html.escape(b.pairing) in review_html(result)
