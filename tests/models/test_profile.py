"""The 本地要求 file: the shipped profiles, reading all or nothing with lines named, writing it back."""
from __future__ import annotations

import dataclasses

import pytest

from models.form_2021 import FORM_2021
from models.profile import (PREAMBLE, Deadline, LengthLimit, MustState, Place, Profile, RequiredCells, Topic,
                            known_levels, level_matches, text_length)
from models.profile_file import ProfileError, load_profile, parse_profile
from models.profile_writer import canonical, dumps, save_profile
from models.review.identity import level_of
from tests.profile_support import EXAMPLE_PROFILE, NATIONAL, write_profile


def kinds(profile: Profile) -> set[type]:
    return {type(r) for r in profile.requirements}


def test_the_example_local_profile_has_each_kind_of_requirement_of_the_notice():
    profile = load_profile(EXAMPLE_PROFILE)
    assert profile.year == 2025 and profile.name and profile.levels == ()
    assert kinds(profile) == {Deadline, LengthLimit, MustState, RequiredCells}
    limit = next(r for r in profile.requirements if isinstance(r, LengthLimit))
    assert (limit.place, limit.max_chars) == (Place("overview"), 1000)
    topics = {(r.place.subsection, r.topic.name): r.topic.with_number
              for r in profile.requirements if isinstance(r, MustState)}
    for topic in ("政府网站", "政务新媒体", "公报", "政策解读", "回应关切", "教育", "医疗", "就业", "养老", "公共资源配置"):
        assert topics[("主动公开", topic)] is True, topic
    for topic in ("规章", "行政规范性文件", "废止", "现行有效"):
        assert topics[("政府信息管理", topic)] is True, topic
    for topic in ("平台", "政务公开专区", "公报"):
        assert topics[("平台建设", topic)] is True, topic
    preamble = {r.topic.name for r in profile.requirements if isinstance(r, MustState) and r.place.section == PREAMBLE}
    assert preamble == {"统计期限", "联系方式"}
    cells = [r for r in profile.requirements if isinstance(r, RequiredCells)]
    assert {ref.key for ref in cells[0].refs()} == {f"{row}.{col}" for row in ("rules", "normative")
                                                   for col in ("issued", "repealed", "in_force")}
    assert cells[1].nonzero and cells[1].levels
    deadline = next(r for r in profile.requirements if isinstance(r, Deadline))
    assert (deadline.month, deadline.day, profile.severity_of(deadline)) == (1, 31, "error")
    assert profile.severity_of(limit) == "warning"


def test_the_national_baseline_the_deadlines_of_the_regulation_and_the_form_s_completeness():
    profile = load_profile(NATIONAL)
    assert profile.year is None and profile.levels == ()
    deadlines = {(r.month, r.day): r.levels for r in profile.requirements if isinstance(r, Deadline)}
    assert set(deadlines) == {(1, 31), (3, 31)}
    assert level_matches(deadlines[(1, 31)], "区县级部门") and not level_matches(deadlines[(1, 31)], "区县级政府")
    assert level_matches(deadlines[(3, 31)], "市级政府") and not level_matches(deadlines[(3, 31)], "市级部门")
    cells = next(r for r in profile.requirements if isinstance(r, RequiredCells))
    assert set(cells.refs()) == {d.ref for d in FORM_2021.inputs}
    filled = {r.place.section for r in profile.requirements if isinstance(r, LengthLimit) and r.min_chars == 1}
    assert filled == {s.id for s in FORM_2021.narrative_sections}


@pytest.mark.parametrize("path", [EXAMPLE_PROFILE, NATIONAL], ids=lambda p: p.name)
def test_a_profile_written_back_reads_as_it_was(path, tmp_path):
    profile = load_profile(path)
    profile = profile.with_requirements(canonical(profile.requirements))
    again = parse_profile(dumps(profile), profile.path)
    assert again == profile
    saved = save_profile(profile, tmp_path / "副本.toml")
    assert dataclasses.replace(load_profile(saved), path=profile.path) == profile


def test_writing_escapes_what_toml_needs():
    profile = Profile(name='名称 "引号" \\ 反斜杠\t制表', year=2024, levels=("区县级",), severity="error",
                      requirements=(MustState(place=Place("other", "信息处理费"),
                                              topic=Topic('收取"费用"', ("\x7f删除",), True), severity="warning"),
                                    RequiredCells(cells=("appeals.review",), nonzero=True, name="复议\n各项")))
    assert parse_profile(dumps(profile)) == profile


def test_text_length_counts_every_character_but_white_space():
    assert text_length("一、 总体情况\n2025 年，　ok。") == len("一、总体情况2025年，ok。")


def test_the_level_words_are_the_words_level_of_gives():
    names = ["明川市人民政府", "明川市清河区市场监督管理局", "清河区人民政府", "某某镇人民政府", "省教育厅",
             "江苏省人民政府", "明川市教育局", "北京市人民政府"]
    assert {level_of(n) for n in names} <= set(known_levels())


# ---------------------------------------------------------------- malformed: refused whole, the line named

def refused(tmp_path, text: str) -> list[str]:
    with pytest.raises(ProfileError) as caught:
        load_profile(write_profile(tmp_path, text))
    assert "未应用" in str(caught.value)
    return caught.value.problems


GOOD_START = 'name = "测试要求"\nyear = 2025\n\n[[text]]\nsection = "一、总体情况"\nmax_chars = 1000\n'


def test_a_syntax_error_names_its_line_in_chinese(tmp_path):
    problems = refused(tmp_path, GOOD_START + '\n[[text]]\nsection = "开头部分"\nstate = ["统计期限", \n')
    assert len(problems) == 1 and problems[0].startswith("第 10 行（文件末尾）") and "没有配对" in problems[0]
    problems = refused(tmp_path, 'name = "x"\n年度 = 2025\n')
    assert problems[0].startswith("第 2 行第 1 列") and "设置名是英文" in problems[0]
    problems = refused(tmp_path, 'name = 测试\n')
    assert problems[0].startswith("第 1 行") and "双引号" in problems[0]


def test_every_problem_of_a_valid_toml_file_is_named_with_its_line(tmp_path):
    text = (GOOD_START +                              # lines 1–6 are right
            '\n[[text]]\nsection = "总体"\nmax_chars = "1000"\n'               # 8–10
            '\n[[cells]]\ncells = ["active.rules.isued", "requests.new.total"]\n'   # 12–13
            '\n[[deadline]]\ndate = "02-30"\nlevels = ["县处级"]\n'          # 15–17
            '\n[[length]]\nmax = 3\n')                                           # 19–20
    problems = refused(tmp_path, text)
    assert problems == [
        "第 9 行：section 应为叙述部分之一：开头部分、一、总体情况、五、存在的主要问题及改进情况、六、其他需要报告的事项，现为 “总体”",
        "第 10 行：max_chars 应为正整数（字数，不加引号），现为 “1000”",
        "第 13 行：表格中没有单元格“active.rules.isued”（键名见 README“本地要求”一节，如 active.rules.issued、requests.new.total）",
        "第 16 行：date 应为次年的月和日，如 \"01-31\" 或 \"1月31日\"，现为 “02-30”",
        f"第 17 行：不认识的级别“县处级”（可用：{'、'.join(known_levels())}，或其中的一部分，如“区县级”“部门”）",
        "第 19 行：不认识的设置“length”（可用的设置：name、year、levels、severity、deadline、text、cells）",
    ]


@pytest.mark.parametrize("text, line, words", [
    ('year = 2025\n', 1, "缺少 name"),
    ('name = "x"\nyear = "2025"\n', 2, "year 应为报告年度"),
    ('name = "x"\nseverity = "严重"\n', 2, "severity 应为"),
    ('name = "x"\n[[text]]\nsection = "开头部分"\nsubsection = "统计"\nstate = ["统计期限"]\n', 4, "开头部分没有小标题"),
    ('name = "x"\n[[text]]\nsection = "五、存在的主要问题及改进情况"\nmax_chars = 10\nmin_chars = 20\n', 5, "大于"),
    ('name = "x"\n[[text]]\nsection = "一、总体情况"\n', 2, "至少写"),
    ('name = "x"\n[[text]]\nsection = "一、总体情况"\nstate = [{ topic = "政策解读", number = "是" }]\n', 4,
     "number 应为 true 或 false"),
    ('name = "x"\n[[text]]\nsection = "一、总体情况"\nstate = [{ name = "政策解读" }]\n', 4, "不认识的设置“name”"),
    ('name = "x"\n[[cells]]\nnonzero = true\n', 2, "缺少 cells"),
    ('name = "x"\n[deadline]\ndate = "01-31"\n', 2, "[[deadline]]"),
    ('name = "x"\n[[text]]\nsection = "二、主动公开政府信息情况"\nmax_chars = 5\n', 3, "叙述部分之一"),
])
def test_each_kind_of_mistake(tmp_path, text, line, words):
    problems = refused(tmp_path, text)
    assert problems[0].startswith(f"第 {line} 行：") and words in problems[0], problems


def test_a_profile_with_one_bad_requirement_among_good_ones_gives_nothing(tmp_path):
    text = EXAMPLE_PROFILE.read_text(encoding="utf-8").replace('max_chars = 1000', 'max_chars = -5')
    problems = refused(tmp_path, text)
    assert len(problems) == 1 and "max_chars" in problems[0]


def test_files_a_clerk_s_editor_may_save(tmp_path):
    text = EXAMPLE_PROFILE.read_text(encoding="utf-8")
    with_bom = tmp_path / "bom.toml"
    with_bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes(text.encode("gb18030"))
    expected = load_profile(EXAMPLE_PROFILE)
    for path in (with_bom, gbk):
        assert dataclasses.replace(load_profile(path), path="") == dataclasses.replace(expected, path="")


def test_what_cannot_be_read_at_all(tmp_path):
    with pytest.raises(ProfileError, match="无法读取"):
        load_profile(tmp_path / "没有这个文件.toml")
    binary = tmp_path / "图片.toml"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ProfileError):
        load_profile(binary)
    huge = tmp_path / "大.toml"
    huge.write_bytes(b"# " + b"x" * 1_100_000)
    with pytest.raises(ProfileError, match="过大"):
        load_profile(huge)


def test_names_of_sections_cells_levels_and_dates_a_person_may_write(tmp_path):
    profile = load_profile(write_profile(tmp_path, '\n'.join([
        'name = "写法"', 'levels = "全部"',
        '[[text]]', 'section = "总体情况"', 'subsection = "主动公开"', 'state = "政策解读"', 'max_chars = 800',
        '[[text]]', 'section = "导语"', 'min_chars = 20',
        '[[cells]]', 'cells = "appeals"',
        '[[deadline]]', 'date = "1月31日"', 'levels = ["区县级", "部门"]', 'severity = "错误"',
        '[[deadline]]', 'date = 2026-03-31'])))
    assert profile.levels == ()
    deadline = profile.requirements[0]
    assert isinstance(deadline, Deadline) and (deadline.month, deadline.day, deadline.severity) == (1, 31, "error")
    assert isinstance(profile.requirements[1], Deadline) and profile.requirements[1].month == 3
    texts = [r for r in profile.requirements if isinstance(r, (LengthLimit, MustState))]
    assert texts[0].place == Place("overview", "主动公开") and texts[2].place == Place(PREAMBLE)
    cells = profile.requirements[-1]
    assert isinstance(cells, RequiredCells) and len(cells.refs()) == 12   # the totals are computed


def test_the_readme_shows_the_example_profile_as_shipped():
    from tests.conftest import ROOT
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## 本地要求"):]
    shown = section[section.index("```toml\n") + len("```toml\n"):section.index("\n```", section.index("```toml"))]
    assert shown == EXAMPLE_PROFILE.read_text(encoding="utf-8").rstrip()
