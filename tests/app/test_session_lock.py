"""One writer per draft: the lock beside it, a crashed holder's lock taken over, changes on disk never overwritten."""
import json
import os
import socket
import subprocess
import sys

import pytest

from models import draft
from models.form_2021 import FORM_2021
from models.report import Report
from app.session import DraftChanged, DraftLocked, Session
from app.session.lock import lock_path

NEW = FORM_2021.ref("requests", "new.natural_person")


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "报告.gkbg.json"
    draft.save(Report(agency="局"), p)
    return p


def hold_elsewhere(path, pid):
    lock_path(path).write_text(json.dumps({"user": "同事", "host": socket.gethostname(), "pid": pid,
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
    hold_elsewhere(path, dead.pid)
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
