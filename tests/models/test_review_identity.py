"""One agency across years: names with more or less of their place, short forms, levels — the words as data."""
from __future__ import annotations

import pytest

from models import agency_words
from models.review.identity import agency_groups, level_of, printed_agency, same_agency


@pytest.mark.parametrize("a, b, says", [
    ("洪泽区人民政府", "洪泽区人民政府", "机关名称相同"),
    ("洪泽区人民政府", "淮安市洪泽区人民政府", "上级地名“淮安市”"),
    ("市科委", "上海市科学技术委员会", "“科委”是“科学技术委员会”的简称"),
    ("市科委", "上海市科学技术委员会", "“市”指“上海市”"),
    ("上海市科委", "上海市科学技术委员会", "简称"),
    ("洪泽区政府", "淮安市洪泽区人民政府", "上级地名"),
    ("平潭综合实验区", "平潭综合实验区管委会", "都指平潭综合实验区的政府"),
    ("区工信局", "明川市卫滨区工业和信息化局", "“工信局”是“工业和信息化局”的简称"),
])
def test_the_same_agency_and_why(a, b, says):
    ground = same_agency(a, b)
    assert ground is not None and says in ground
    assert same_agency(b, a) is not None


@pytest.mark.parametrize("a, b", [
    ("淮安市洪泽区人民政府", "淮安市洪泽区人民政府办公室"),   # the government and its office
    ("A市临江区教育局", "B市临江区教育局"),
    ("淮安市人民政府", "淮安市洪泽区人民政府"),
    ("市科委", "上海市科学技术局"),
    ("区科委", "上海市科学技术委员会"),                        # 区 is no city
    ("", "淮安市人民政府"),
])
def test_other_agencies(a, b):
    assert same_agency(a, b) is None


def test_groups_tolerate_places_and_short_forms_but_do_not_guess():
    names = ["洪泽区人民政府", "淮安市洪泽区人民政府", "淮安市人民政府", " 淮安市 洪泽区人民政府", "",
             "A市临江区教育局", "B市临江区教育局", "临江区教育局",
             "市科委", "上海市科学技术委员会", "上海市科委", "洪泽区政府"]
    g = agency_groups(names)
    assert g[0] == g[1] == g[3] == g[11]
    assert g[2] != g[0] and g[4] == -1
    assert len({g[5], g[6], g[7]}) == 3          # "临江区教育局" fits two cities: left alone
    assert g[8] == g[9] == g[10]
    # 市科委 of two different cities' reports in one folder: which one it is cannot be told
    two = agency_groups(["市科委", "上海市科学技术委员会", "天津市科学技术委员会"])
    assert len(set(two)) == 3


@pytest.mark.parametrize("agency, level", [
    ("平潭综合实验区", "区县级政府"), ("平潭综合实验区管委会", "区县级政府"), ("上海市科委", "省级部门"),
    ("沐阳县人民政府", "区县级政府"), ("淮安市洪泽区人民政府办公室", "区县级政府"),
    ("明川市清河区市场监督管理局（区知识产权局）", "区县级部门"), ("高良涧街道", "乡镇"),
])
def test_levels(agency, level):
    assert level_of(agency) == level


def test_the_words_are_data():
    """A new kind of place is a line of ``models.agency_words``, not code."""
    tiers = dict((tier, words) for tier, _, words in agency_words.PLACE_TIERS)
    assert "自治县" in tiers["county"] and "街道办事处" in tiers["township"]
    assert agency_words.SHORT_FORMS["科委"] == "科学技术委员会"


def test_an_agency_as_printed():
    assert printed_agency(" 淮安市\u3000洪泽区 人民政府 ") == "淮安市洪泽区人民政府"
    assert printed_agency("ＸＹ市统计局（区知识产权局）") == "XY市统计局（区知识产权局）"   # brackets as printed
