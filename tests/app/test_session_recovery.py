"""Recovery copies: whose and when, newest first, offered with how they stand to their draft, never set aside."""
import datetime
import json
import os
import subprocess
import sys
import threading
import time

import pytest

from app.session import DraftChanged, DraftLocked, Session, recovery
from app.session import session as session_module
from app.session.lock import lock_path, user_name
from app.session.recovery import Choice, DraftState
from models import draft
from models.form_2021 import FORM_2021
from models.report import Report

NEW = FORM_2021.ref("requests", "new.natural_person")


def dead_pid() -> int:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    return dead.pid


def orphan_from_a_dead_process(folder, report, source=None, base=None, pid=None):
    """Write a copy as a window would, then make it look like that window's process is gone."""
    store = recovery.RecoveryStore(folder)
    store.write(report, source, base)
    meta = json.loads(store.meta_path.read_text(encoding="utf-8"))
    meta["pid"] = dead_pid() if pid is None else pid
    store.meta_path.write_text(json.dumps(meta), encoding="utf-8")
    return store


def crashed_window(tmp_path, typed=7):
    """A clerk opens the draft, types, the recovery copy is written, the process dies (its lock stays)."""
    source = tmp_path / "报告.gkbg.json"
    draft.save(Report(agency="局"), source)
    mine = Session()
    mine.open(source)
    mine.set_values([(NEW, typed)], "x")
    store = orphan_from_a_dead_process(tmp_path / "appdata", mine.report, mine.path, mine.disk_digest)
    # the crash: the lock is not released and names the dead process
    lock = json.loads(lock_path(source).read_text(encoding="utf-8"))
    mine._lock.held = False
    mine._lock._finalizer.detach()
    lock["pid"] = json.loads(store.meta_path.read_text(encoding="utf-8"))["pid"]
    lock_path(source).write_text(json.dumps(lock), encoding="utf-8")
    return source, store


def a_colleague_saves(source, monkeypatch, value=9):
    """A colleague on another computer took over the crashed computer's lock (仍然编辑) and saved."""
    monkeypatch.setattr(session_module, "user_name", lambda: "同事乙")
    monkeypatch.setattr(session_module, "host_name", lambda: "PC-B")
    colleague = Session()
    colleague.open(source, take_over=True)
    colleague.set_values([(NEW, value)], "y")
    colleague.save()
    colleague.release()
    monkeypatch.undo()


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


def test_a_copy_whose_draft_was_saved_since_is_offered_with_both_times_and_authors(tmp_path, monkeypatch):
    source, store = crashed_window(tmp_path)
    a_colleague_saves(source, monkeypatch)
    [offer] = recovery.offers(tmp_path / "appdata")
    assert offer.state is DraftState.CHANGED
    assert Choice.RESTORE not in offer.choices
    assert offer.choices[:2] == [Choice.OPEN, Choice.SAVE_AS] and Choice.LATER in offer.choices
    question = offer.question()
    assert f"用户“{user_name()}”" in question and "同事乙" in question and "PC-B" in question
    assert offer.orphan.saved_at.strftime("%Y-%m-%d %H:%M") in question
    assert offer.draft_saved_at is not None and offer.draft_saved_at.strftime("%Y-%m-%d %H:%M") in question
    # nothing moved, nothing removed: asked again at the next start
    assert store.draft_path.exists() and store.meta_path.exists()
    assert not list((tmp_path / "appdata").glob("discarded-*"))
    assert [o.state for o in recovery.offers(tmp_path / "appdata")] == [DraftState.CHANGED]
    assert offer.orphan.load().values[NEW] == 7


def same_second_same_size_edit(path, old: bytes, new: bytes) -> None:
    """Another writer's save as a disk with 1-second timestamps records it: same size, same time."""
    before = os.stat(path)
    data = path.read_bytes()
    assert len(old) == len(new) and old in data
    path.write_bytes(data.replace(old, new))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (os.stat(path).st_size, os.stat(path).st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_the_draft_s_content_decides_not_its_timestamp(tmp_path):
    """A same-size save within the same second (1-s timestamps): still a changed draft."""
    source, _ = crashed_window(tmp_path)
    same_second_same_size_edit(source, "局".encode(), "处".encode())
    [offer] = recovery.offers(tmp_path / "appdata")
    assert offer.state is DraftState.CHANGED


def test_an_unchanged_draft_gets_its_copy_back_and_its_lock(tmp_path):
    """Issue 18 (4): after recovery the draft is locked again, by the window that restored the copy."""
    source, store = crashed_window(tmp_path)
    [offer] = recovery.offers(tmp_path / "appdata")
    assert offer.state is DraftState.UNCHANGED and offer.choices[0] is Choice.RESTORE
    restored = Session()
    restored.recover(offer.orphan.load(), offer.orphan.source, offer.orphan.base)
    assert restored.holds_lock and restored.modified and restored.path == source.resolve()
    assert json.loads(lock_path(source).read_text(encoding="utf-8"))["pid"] == os.getpid()
    with pytest.raises(DraftLocked, match="正由"):
        Session().open(source)
    restored.save()
    assert draft.load(source).values[NEW] == 7
    restored.release()


def test_a_restored_copy_does_not_overwrite_a_draft_changed_since(tmp_path, monkeypatch):
    """Restored onto its draft, the copy keeps the content it was based on: a save after a colleague's is asked."""
    source, _ = crashed_window(tmp_path)
    [offer] = recovery.offers(tmp_path / "appdata")
    restored = Session()
    restored.recover(offer.orphan.load(), offer.orphan.source, offer.orphan.base, take_over=True)
    restored.release()
    a_colleague_saves(source, monkeypatch)
    restored.recover(offer.orphan.load(), offer.orphan.source, offer.orphan.base)
    with pytest.raises(DraftChanged, match="同事乙"):
        restored.save()
    assert draft.load(source).values[NEW] == 9
    restored.release()


def test_a_draft_another_window_edits_is_not_restored_onto(tmp_path):
    source, _ = crashed_window(tmp_path)
    other = Session()
    other.open(source, take_over=True)
    [offer] = recovery.offers(tmp_path / "appdata")
    assert offer.state is DraftState.EDITED and Choice.RESTORE not in offer.choices
    assert "正由" in offer.question()
    with pytest.raises(DraftLocked):
        Session().recover(offer.orphan.load(), offer.orphan.source, offer.orphan.base)
    other.release()


def test_a_copy_of_a_draft_that_is_gone_can_be_opened(tmp_path):
    source, _ = crashed_window(tmp_path)
    source.unlink()
    [offer] = recovery.offers(tmp_path / "appdata")
    assert offer.state is DraftState.MISSING and offer.choices[0] is Choice.OPEN
    assert "已不在原来的位置" in offer.question()


def test_saving_a_copy_under_a_new_name_beside_its_draft(tmp_path, monkeypatch):
    source, store = crashed_window(tmp_path)
    a_colleague_saves(source, monkeypatch)
    [offer] = recovery.offers(tmp_path / "appdata")
    results: list = []

    def save():
        try:
            results.append(recovery.save_as_new(offer))
        except draft.DraftError as e:
            results.append(e)

    threads = [threading.Thread(target=save) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    paths = [r for r in results if not isinstance(r, Exception)]
    assert len(paths) == 4 and len(set(paths)) == 4   # four at once: four files, none replacing another
    for path in paths:
        assert path.parent == source.parent and "恢复的副本" in path.name
        assert draft.load(path).values[NEW] == 7
    assert draft.load(source).values[NEW] == 9     # the colleague's draft untouched
    assert store.draft_path.exists()               # removed only by the caller, once it is saved


def test_copies_set_aside_by_an_earlier_version_are_offered_and_never_pruned(tmp_path):
    folder = tmp_path / "appdata"
    for i in range(7):
        store = orphan_from_a_dead_process(folder, Report(agency=f"第{i}"))
        stem = f"discarded-2025010{i}-000000-ab{i:02d}"
        store.draft_path.replace(folder / f"{stem}.gkbg.json")
        store.meta_path.replace(folder / f"{stem}.meta.json")
    found = recovery.offers(folder)
    assert len(found) == 7 and all(o.orphan.set_aside for o in found)
    assert "此前被搁置" in found[0].question()
    assert len(recovery.offers(folder)) == 7   # "later" keeps every one


@pytest.mark.parametrize("pid", [10**19 + 7, 0, -1, "1234", 1.5, None, True, [1]])
def test_any_process_number_in_a_copy_s_record(tmp_path, pid):
    """A copy whose record names no process (damaged, or written by another program) is an orphan, not live."""
    orphan_from_a_dead_process(tmp_path, Report(agency="甲"), pid=pid)
    [offer] = recovery.offers(tmp_path)
    assert offer.state is DraftState.NEW and offer.orphan.agency == "甲"


def test_a_damaged_record_still_offers_its_copy(tmp_path):
    store = orphan_from_a_dead_process(tmp_path, Report(agency="甲"))
    store.meta_path.write_bytes(b"\xff\xfe{not json" * 10_000)
    [offer] = recovery.offers(tmp_path)
    assert offer.orphan.user == "未知用户" and offer.orphan.load().agency == "甲"


def test_a_recovery_copy_that_cannot_be_written_says_why_in_chinese(tmp_path):
    blocked = tmp_path / "appdata"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    store = recovery.RecoveryStore(blocked)
    with pytest.raises(OSError) as e:
        store.write(Report(), None)
    said = f"无法写入恢复副本（{e.value}）"   # as the window says it
    assert str(blocked) in said and "Errno" not in said and "File exists" not in said and "Not a directory" not in said


def test_temporary_files_of_a_killed_copy_are_cleaned_at_start(tmp_path):
    from models.files import temporary_path
    folder = tmp_path / "appdata"
    folder.mkdir()
    left = temporary_path(folder)
    left = left.with_name(left.name.replace(f"-{os.getpid()}-", f"-{dead_pid()}-"))
    left.write_bytes(b"half a copy")
    running = temporary_path(folder)
    running.write_bytes(b"a copy being written now")
    recovery.offers(folder)
    assert not left.exists() and running.exists()
