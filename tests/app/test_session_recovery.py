"""Recovery copies: whose and when, newest first, never older than the draft, set aside when declined."""
import pytest
import datetime
import os
import subprocess
import sys
import time

from models import draft
from models.report import Report
from app.session import recovery


def orphan_from_a_dead_process(folder, report, source=None):
    """Write a copy as a window would, then make it look like that window's process is gone."""
    store = recovery.RecoveryStore(folder)
    store.write(report, source)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    meta = store.meta_path.read_text(encoding="utf-8").replace(f'"pid": {os.getpid()}', f'"pid": {dead.pid}')
    store.meta_path.write_text(meta, encoding="utf-8")
    return store


def test_a_live_windows_copy_is_not_an_orphan(tmp_path):
    store = recovery.RecoveryStore(tmp_path)
    store.write(Report(agency="甲"), None)
    assert recovery.orphans(tmp_path) == []


@pytest.mark.slow
def test_orphans_newest_first_and_say_whose_and_when(tmp_path):
    orphan_from_a_dead_process(tmp_path, Report(agency="甲"))
    time.sleep(1.1)
    orphan_from_a_dead_process(tmp_path, Report(agency="乙"))
    found = recovery.orphans(tmp_path)
    assert [o.agency for o in found] == ["乙", "甲"]
    text = found[0].describe()
    assert "尚未保存的新报告" in text and "乙" in text and str(datetime.date.today()) in text and "用户" in text


def test_a_copy_older_than_its_draft_is_never_offered(tmp_path):
    source = tmp_path / "报告.gkbg.json"
    draft.save(Report(agency="旧"), source)
    orphan_from_a_dead_process(tmp_path / "appdata", Report(agency="恢复副本"), str(source))
    time.sleep(0.05)
    draft.save(Report(agency="后来保存"), source)  # saved after the copy was written
    later = time.time() + 5
    os.utime(source, (later, later))
    assert recovery.orphans(tmp_path / "appdata") == []
    assert list((tmp_path / "appdata").glob("discarded-*.gkbg.json"))


def test_declined_copies_are_each_kept_a_few_at_most(tmp_path):
    for i in range(recovery.KEEP_DISCARDED + 2):
        orphan_from_a_dead_process(tmp_path, Report(agency=f"第{i}"))
    for orphan in recovery.orphans(tmp_path):
        orphan.set_aside()
    assert recovery.orphans(tmp_path) == []
    assert len(list(tmp_path.glob("discarded-*.gkbg.json"))) == recovery.KEEP_DISCARDED
