"""One writer per draft: the lock beside it, a crashed holder's lock taken over, changes on disk never overwritten."""
import json
import os
import socket
import subprocess
import sys
import threading

import pytest

from models import draft
from models.form_2021 import FORM_2021
from models.report import Report
from app.session import DraftChanged, DraftLocked, Session
from app.session.lock import LOCK_SUFFIX, lock_path, read_holder, user_name


def dead_pid() -> int:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    return dead.pid

NEW = FORM_2021.ref("requests", "new.natural_person")


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "报告.gkbg.json"
    draft.save(Report(agency="局"), p)
    return p


def hold_elsewhere(path, pid, user="同事"):
    lock_path(path).write_text(json.dumps({"user": user, "host": socket.gethostname(), "pid": pid,
                                           "since": "2026-01-20 09:00"}), encoding="utf-8")


def test_a_second_session_is_told_who_holds_it_and_may_open_read_only(path):
    first = Session()
    first.open(path)
    assert lock_path(path).exists()
    second = Session()
    with pytest.raises(DraftLocked) as e:
        second.open(path)
    assert "只读" in str(e.value)
    assert second.path is None  # nothing changed
    # a live holder in another process
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        first.release()
        hold_elsewhere(path, holder.pid)
        with pytest.raises(DraftLocked, match="同事"):
            second.open(path)
        second.open(path, read_only=True)
        assert second.read_only
        second.set_values([(NEW, 7)], "x")
        with pytest.raises(draft.DraftError, match="另存为"):
            second.save()
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_left_by_a_crash_is_taken_over(path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    hold_elsewhere(path, dead.pid, user=user_name())
    session = Session()
    session.open(path)
    assert not session.read_only
    assert json.loads(lock_path(path).read_text(encoding="utf-8"))["pid"] == os.getpid()
    session.release()
    assert not lock_path(path).exists()


def test_taking_over_on_purpose(path):
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        hold_elsewhere(path, holder.pid)
        session = Session()
        session.open(path, take_over=True)
        assert json.loads(lock_path(path).read_text(encoding="utf-8"))["pid"] == os.getpid()
    finally:
        holder.kill()
        holder.wait()


def test_a_draft_changed_on_disk_is_never_overwritten_silently(path):
    mine = Session()
    mine.open(path)
    mine.set_values([(NEW, 7)], "x")
    other = draft.load(path)
    other.set(NEW, 9)
    draft.save(other, path)  # a colleague (or another program) saved meanwhile
    os.utime(path, ns=(os.stat(path).st_atime_ns, os.stat(path).st_mtime_ns + 10_000_000))
    with pytest.raises(DraftChanged):
        mine.save()
    assert draft.load(path).values[NEW] == 9
    mine.save(overwrite_changes=True)
    assert draft.load(path).values[NEW] == 7
    mine.set_values([(NEW, 8)], "y")
    mine.save()  # our own last save is not a change by someone else
    assert draft.load(path).values[NEW] == 8


def test_saving_as_moves_the_lock(path, tmp_path):
    session = Session()
    session.open(path)
    other = tmp_path / "另存.gkbg.json"
    session.save(other)
    assert not lock_path(path).exists() and lock_path(other).exists()
    session.release()


# ---------------------------------------------------------------- a lock says anything

HOSTILE_LOCKS = {
    "20-digit pid": json.dumps({"user": "同事", "host": socket.gethostname(), "pid": 10**19 + 3, "since": "x"}),
    "pid 0": json.dumps({"user": "同事", "host": socket.gethostname(), "pid": 0, "since": "x"}),
    "pid -1": json.dumps({"user": "同事", "host": socket.gethostname(), "pid": -1, "since": "x"}),
    "pid 2**31": json.dumps({"user": "同事", "host": socket.gethostname(), "pid": 2**31, "since": "x"}),
    "5000-digit pid": json.dumps({"user": "同事", "host": socket.gethostname(), "pid": 0}).replace(
        '"pid": 0', '"pid": ' + "9" * 5000),
    "pid as text": json.dumps({"user": "同事", "host": socket.gethostname(), "pid": "123", "since": "x"}),
    "pid as float": json.dumps({"user": "同事", "host": socket.gethostname(), "pid": 12.5}),
    "pid true": json.dumps({"user": "同事", "host": socket.gethostname(), "pid": True}),
    "no pid": json.dumps({"user": "同事", "host": socket.gethostname()}),
    "list": "[1, 2, 3]",
    "not json": "garbage ✗",
    "empty": "",
    "invalid utf-8": b"\xff\xfe\x00{",
    "huge": "x" * 3_000_000,
    "deep": "[" * 100_000,
    "user as object": json.dumps({"user": {"a": 1}, "host": None, "pid": 1, "since": 5}),
    "NaN pid": '{"user": "同事", "host": "h", "pid": NaN}',
}


@pytest.mark.parametrize("content", list(HOSTILE_LOCKS.values()), ids=list(HOSTILE_LOCKS))
def test_a_hostile_lock_file_never_stops_opening_nor_passes_for_a_live_holder(path, content):
    lock = lock_path(path)
    lock.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    holder = read_holder(path)
    assert holder is not None and holder.gone   # names no running process: left by a crash, or damaged
    session = Session()
    with pytest.raises(DraftLocked) as e:   # another (or an unknown) user's: the clerk is asked, never silently
        session.open(path)
    assert e.value.stale and "没有正常关闭" in str(e.value) and len(str(e.value)) < 300
    session.open(path, take_over=True)
    assert session.holds_lock and not session.read_only
    assert read_holder(path).pid == os.getpid()
    session.release()


@pytest.mark.parametrize("pid", [0, -1, 10**19 + 3])
def test_process_numbers_that_name_no_process_are_not_alive(pid):
    from models.processes import alive
    assert not alive(pid)


def test_a_lock_whose_name_is_taken_by_a_folder_opens_read_only_and_says_why(path):
    lock_path(path).mkdir()
    session = Session()
    with pytest.raises(DraftLocked):
        session.open(path)   # an unknown holder: asked first
    session.open(path, take_over=True)
    assert session.read_only and "文件夹" in session.read_only_reason and not session.holds_lock
    with pytest.raises(draft.DraftError, match="另存为"):
        session.save()


def test_a_stale_lock_of_another_user_is_reported_and_taken_over_only_on_purpose(path):
    hold_elsewhere(path, dead_pid(), user="另一位用户")
    session = Session()
    with pytest.raises(DraftLocked) as e:
        session.open(path)
    assert e.value.stale and "另一位用户" in str(e.value) and "接管" in str(e.value)
    assert read_holder(path).user == "另一位用户"   # nothing taken without the clerk's word
    session.open(path, take_over=True)
    assert session.holds_lock and read_holder(path).user == user_name()
    session.release()


def test_where_the_file_system_refuses_a_take_over_the_draft_opens_read_only(path, monkeypatch):
    """A shared folder where only a file's owner may replace it (the sticky bit, or an SMB share's rights)."""
    hold_elsewhere(path, dead_pid(), user="另一位用户")
    real_replace = os.replace

    def refuse(src, dst):
        if str(dst).endswith(LOCK_SUFFIX):
            raise PermissionError(1, "Operation not permitted")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse)
    session = Session()
    session.open(path, take_over=True)
    assert session.read_only and not session.holds_lock
    assert "无法接管" in session.read_only_reason and "权限" in session.read_only_reason
    assert read_holder(path).user == "另一位用户"
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".gkbg-")]


def test_two_windows_opening_at_once_one_holds_the_lock(path):
    results: list = []
    barrier = threading.Barrier(6)

    def open_it():
        session = Session()
        barrier.wait()
        try:
            session.open(path)
            results.append(session)
        except DraftLocked as e:
            results.append(e)

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    holders = [r for r in results if isinstance(r, Session)]
    assert len(holders) == 1 and holders[0].holds_lock
    holders[0].release()


# ---------------------------------------------------------------- changed on disk, by content

def same_second_same_size_edit(path, old: bytes, new: bytes) -> None:
    """Another writer's save as a disk with 1-second timestamps records it: same size, same time."""
    before = os.stat(path)
    data = path.read_bytes()
    assert len(old) == len(new) and old in data
    path.write_bytes(data.replace(old, new, 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_a_same_second_same_size_save_by_another_writer_is_never_overwritten(path):
    """Ten rounds of the 1-second-timestamp case: the other writer's save is noticed every time."""
    mine = Session()
    mine.open(path)
    overwritten = 0
    for round_ in range(10):
        mine.set_values([(NEW, 10 + round_)], "x")
        mine.save()
        same_second_same_size_edit(path, f'"natural_person": {10 + round_}'.encode(),
                                   f'"natural_person": {50 + round_}'.encode())
        mine.set_values([(NEW, 80 + round_)], "y")
        try:
            mine.save()
            overwritten += 1
        except DraftChanged:
            assert draft.load(path).values[NEW] == 50 + round_
        mine.save(overwrite_changes=True)   # the clerk saw the question and decided to
    assert overwritten == 0
    mine.release()
