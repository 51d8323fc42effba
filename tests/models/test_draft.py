import json
import os

import pytest
from hypothesis import given, settings, HealthCheck

from models import draft
from models.draft import DraftError
from models.form import CellRef
from models.form_2021 import FORM_2021
from models.report import Report
from tests.strategies import reports


@pytest.mark.slow
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_any_valid_report_saves_and_loads_back_equal(report):
    assert draft.loads(draft.dumps(report)) == report


def test_numbers_live_under_the_documented_keys():
    r = Report(agency="测试局", year=2025)
    r.set(CellRef("active", "rules.issued"), 2)
    r.set(CellRef("active", "fees"), "96171.6")
    r.set(CellRef("requests", "new.natural_person"), 7)
    r.set(CellRef("appeals", "review.upheld"), 1)
    data = json.loads(draft.dumps(r))
    assert data["schema_version"] == draft.SCHEMA_VERSION
    assert data["tables"]["active"]["rules.issued"] == 2
    assert data["tables"]["active"]["fees"] == "96171.6"
    assert data["tables"]["requests"]["new"]["natural_person"] == 7
    assert data["tables"]["requests"]["new"]["commercial"] is None
    assert data["tables"]["appeals"]["review"]["upheld"] == 1
    assert "total" not in data["tables"]["requests"]["new"] and "total" not in data["tables"]["requests"]
    assert "total" not in data["tables"]["appeals"]["review"]


def test_chinese_path(tmp_path):
    path = tmp_path / "报告草稿" / "卫滨区 2025 年报.gkbg.json"
    path.parent.mkdir()
    r = Report(agency="卫滨区工业和信息化局", year=2025)
    draft.save(r, path)
    assert draft.load(path) == r


def _valid_text():
    return draft.dumps(Report(agency="测试局", year=2025))


@pytest.mark.parametrize("mutate, place", [
    (lambda d: d["tables"]["requests"]["new"].update(natural_person=-3), "tables.requests.new.natural_person"),
    (lambda d: d["tables"]["requests"]["new"].update(natural_person=1.5), "tables.requests.new.natural_person"),
    (lambda d: d["tables"]["requests"]["new"].update(natural_person="3"), "tables.requests.new.natural_person"),
    (lambda d: d["tables"]["requests"]["new"].update(natural_person=10**10), "tables.requests.new.natural_person"),
    (lambda d: d["tables"]["requests"]["new"].update(natural_person=True), "tables.requests.new.natural_person"),
    (lambda d: d["tables"]["active"].update(fees=12.5), "tables.active.fees"),
    (lambda d: d["tables"]["active"].update(fees="-1"), "tables.active.fees"),
    (lambda d: d["tables"]["requests"]["new"].update(total=3), "tables.requests.new.total"),
    (lambda d: d["tables"]["requests"].update(nonsense={}), "tables.requests.nonsense"),
    (lambda d: d["meta"].update(year="2025"), "meta.year"),
    (lambda d: d["meta"].update(date="2025-13-01"), "meta.date"),
    (lambda d: d["meta"].update(agency=5), "meta.agency"),
    (lambda d: d["sections"].update(overview="text"), "sections.overview"),
    (lambda d: d["sections"]["overview"][0].update(text=None), "sections.overview[0].text"),
    (lambda d: d.update(tables=[]), "tables"),
])
def test_wrong_types_and_ranges_name_the_place(mutate, place):
    data = json.loads(_valid_text())
    mutate(data)
    with pytest.raises(DraftError) as caught:
        draft.loads(json.dumps(data))
    assert place in str(caught.value)


def test_newer_version_is_refused():
    data = json.loads(_valid_text())
    data["schema_version"] = draft.SCHEMA_VERSION + 1
    with pytest.raises(DraftError, match="更新版本"):
        draft.loads(json.dumps(data))


@pytest.mark.parametrize("raw", [b"", b"{", b"\xff\xfe\x00garbage", b"[1, 2]", b'{"meta": {}}', b"null"])
def test_corrupted_file_gives_a_message_and_stays_unchanged(tmp_path, raw):
    path = tmp_path / "坏文件.json"
    path.write_bytes(raw)
    with pytest.raises(DraftError) as caught:
        draft.load(path)
    assert str(caught.value)
    assert path.read_bytes() == raw


def test_missing_file(tmp_path):
    with pytest.raises(DraftError, match="无法读取"):
        draft.load(tmp_path / "没有.json")


def test_failed_save_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "草稿.json"
    old = Report(agency="旧", year=2024)
    draft.save(old, path)
    before = path.read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(DraftError, match="无法保存"):
        draft.save(Report(agency="新", year=2025), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["草稿.json"]  # no temporary file left behind


def test_save_into_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(DraftError, match="无法保存"):
        draft.save(Report(), tmp_path / "不存在" / "a.json")


def test_prior_year_travels_with_the_draft():
    r = Report(agency="测试局", year=2025)
    r.prior = Report(agency="测试局", year=2024)
    r.prior.set(CellRef("requests", "carried_forward.natural_person"), 3)
    back = draft.loads(draft.dumps(r))
    assert back.prior.get(CellRef("requests", "carried_forward.natural_person")) == 3


# ---------------------------------------------------------------- one damaged value need not cost the draft

NEW_NAME = FORM_2021.name_of(CellRef("requests", "new.natural_person"))   # as the clerk reads the place


def damaged(tmp_path, old: bytes, new: bytes):
    report = Report(agency="明川市教育局", year=2025)
    report.sections["overview"] = [draft.Subsection("主动公开", "本年度主动公开信息 120 条。")]
    report.set(CellRef("requests", "new.natural_person"), 12)
    path = tmp_path / "损坏.gkbg.json"
    raw = draft.encode(report)
    assert old in raw
    path.write_bytes(raw.replace(old, new, 1))
    return path


@pytest.mark.parametrize("old,new,place", [
    ("教".encode(), b"\xff\xfe\xfd", "机关名称"),                              # a byte that is not UTF-8
    ("公开信息".encode(), "公开\x01信息".encode(), "“一、总体情况”第 1 部分的正文"),   # a raw control character
    (b'"natural_person": 12', b'"natural_person": "1x"', NEW_NAME),                # a value of the wrong kind
    (b'"year": 2025', b'"year": 9999', "年度"),
    (b'"agency"', b'"agencz"', "meta.agencz"),                                    # a key's letter flipped
])
def test_a_damaged_value_is_offered_to_be_cleared_naming_its_place(tmp_path, old, new, place):
    path = damaged(tmp_path, old, new)
    with pytest.raises(draft.DraftRepairable) as e:
        draft.load(path)
    assert place in str(e.value) and "清除" in str(e.value)
    loaded = draft.read(path, repair=True)
    assert any(place in r for r in loaded.repairs)
    report = loaded.report
    assert report.sections["overview"][0].heading == "主动公开"   # the rest is all there
    if place != NEW_NAME:
        assert report.values[CellRef("requests", "new.natural_person")] == 12
    assert draft.loads(draft.dumps(report)) == report               # and saves as a sound draft


def test_the_damaged_characters_alone_are_replaced(tmp_path):
    loaded = draft.read(damaged(tmp_path, "教".encode(), b"\xff"), repair=True)
    assert loaded.report.agency == "明川市\ufffd育局"


def test_a_draft_whose_structure_is_damaged_is_not_guessed(tmp_path):
    path = damaged(tmp_path, b'"tables": {', b'"tables": [')
    with pytest.raises(DraftError) as e:
        draft.load(path)
    assert not isinstance(e.value, draft.DraftRepairable)


def test_a_5000_digit_format_version_is_called_invalid_not_missing(tmp_path):
    with pytest.raises(DraftError) as e:
        draft.loads('{"schema_version": ' + "9" * 5000 + "}")
    assert "无效" in str(e.value) and "5,000 位" in str(e.value) and "没有" not in str(e.value)
    with pytest.raises(DraftError, match="没有本程序草稿的格式版本"):
        draft.loads("{}")


def test_who_saved_a_draft_is_read_back_and_ignored_by_the_report(tmp_path):
    path = tmp_path / "a.gkbg.json"
    report = Report(agency="局")
    draft.write(draft.encode(report, {"user": "张三", "host": "PC-1", "at": "2026-01-20T09:30:00"}), path)
    loaded = draft.read(path)
    assert loaded.saved_by == {"user": "张三", "host": "PC-1", "at": "2026-01-20T09:30:00"}
    assert loaded.report == report and draft.author_of(path)["user"] == "张三"


def test_cells_a_published_report_could_not_read_are_kept(tmp_path):
    """The 审查台 keeps a report as a draft between its two passes: the cells not read stay unread, so that the
    cross-year pass holds no check against them either."""
    from models.form_2021 import FORM_2021
    report = Report(agency="测试局", year=2025)
    report.unread = {FORM_2021.ref("requests", "granted.natural_person")}
    path = tmp_path / "a.gkbg.json"
    draft.save(report, path)
    assert draft.load(path).unread == report.unread
