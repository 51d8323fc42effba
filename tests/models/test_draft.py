import json
import os

import pytest
from hypothesis import given, settings, HealthCheck

from models import draft
from models.draft import DraftError
from models.form import CellRef
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
