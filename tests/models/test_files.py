"""Saving keeps what the clerk's colleagues rely on: permissions, links, read-only files, long names."""
import os
import stat
import sys
import time

import pytest

from models import draft
from models.files import DEFAULT_MODE, TEMP_PREFIX, TEMP_SUFFIX, atomic_write
from models.report import Report

posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX 权限")


@posix
def test_an_existing_files_mode_is_kept(tmp_path):
    path = tmp_path / "a.gkbg.json"
    draft.save(Report(), path)
    os.chmod(path, 0o644)
    draft.save(Report(agency="局"), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    os.chmod(path, 0o660)
    draft.save(Report(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o660


@posix
def test_a_new_file_follows_the_umask(tmp_path):
    path = tmp_path / "new.gkbg.json"
    draft.save(Report(), path)
    assert stat.S_IMODE(path.stat().st_mode) == DEFAULT_MODE


@posix
def test_a_symbolic_link_is_written_through(tmp_path):
    real = tmp_path / "real.gkbg.json"
    draft.save(Report(agency="旧"), real)
    link = tmp_path / "link.gkbg.json"
    link.symlink_to(real)
    draft.save(Report(agency="新"), link)
    assert link.is_symlink() and draft.load(real).agency == "新"


@posix
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root 可写只读文件")
def test_a_read_only_draft_is_not_overwritten(tmp_path):
    path = tmp_path / "ro.gkbg.json"
    draft.save(Report(agency="原"), path)
    os.chmod(path, 0o444)
    with pytest.raises(draft.DraftError, match="只读"):
        draft.save(Report(agency="新"), path)
    assert draft.load(path).agency == "原"


def test_a_read_only_draft_is_refused_also_for_root(tmp_path, monkeypatch):
    path = tmp_path / "ro.gkbg.json"
    draft.save(Report(agency="原"), path)
    monkeypatch.setattr(os, "access", lambda p, mode: False)
    with pytest.raises(draft.DraftError, match="只读"):
        draft.save(Report(agency="新"), path)
    assert draft.load(path).agency == "原"


def test_a_long_legal_name_can_be_saved(tmp_path):
    name = "报" * 77 + ".gkbg.json"  # 77 × 3 + 10 = 241 bytes, within the 255-byte limit
    path = tmp_path / name
    draft.save(Report(agency="长"), path)
    assert draft.load(path).agency == "长"


def test_a_killed_saves_temporary_file_is_cleaned_by_the_next_save(tmp_path):
    left = tmp_path / f"{TEMP_PREFIX}deadbeef{TEMP_SUFFIX}"
    left.write_bytes(b"half")
    old = time.time() - 3600
    os.utime(left, (old, old))
    fresh = tmp_path / f"{TEMP_PREFIX}cafebabe{TEMP_SUFFIX}"
    fresh.write_bytes(b"another save in progress")
    atomic_write(tmp_path / "x.json", b"{}")
    assert not left.exists() and fresh.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, "x.json"])


def test_a_lone_surrogate_never_stops_a_save(tmp_path):
    path = tmp_path / "s.gkbg.json"
    draft.save(Report(agency="局\ud800"), path)
    assert draft.load(path).agency == "局?"


# ---------------------------------------------------------------- created exclusively, by content

def create_at_once(target, writers: int) -> list:
    """``writers`` threads creating ``target`` at the same moment: the winner's number, None for each told."""
    import errno
    import threading

    from models.files import FileWriteError
    barrier = threading.Barrier(writers)
    outcome: list = []

    def create(k):
        barrier.wait()
        try:
            atomic_write(target, f"writer {k}".encode(), exclusive=True)
            outcome.append(k)
        except FileWriteError as e:
            assert e.errno == errno.EEXIST and "已存在" in str(e)
            outcome.append(None)

    threads = [threading.Thread(target=create, args=(k,)) for k in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcome


@pytest.mark.parametrize("rounds", [3, pytest.param(20, marks=pytest.mark.slow)])  # the campaign in the full run
def test_of_writers_creating_one_file_at_once_exactly_one_wins(tmp_path, rounds):
    """Rounds of eight threads creating the same file: one writes it, the others are told it exists."""
    for round_ in range(rounds):
        target = tmp_path / f"新建{round_}.gkbg.json"
        winners = [k for k in create_at_once(target, 8) if k is not None]
        assert len(winners) == 1 and target.read_bytes() == f"writer {winners[0]}".encode()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_exclusive_creation_where_the_file_system_has_no_links(tmp_path, monkeypatch):
    def no_links(src, dst):
        raise PermissionError(1, "Operation not permitted")   # FAT, some network shares

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "a.json"
    atomic_write(target, b"first", exclusive=True)
    with pytest.raises(OSError, match="已存在"):
        atomic_write(target, b"second", exclusive=True)
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_a_killed_save_s_temporary_file_goes_at_the_next_use_of_the_folder_not_ten_minutes_later(tmp_path):
    import subprocess

    from models.files import clean_stale_temporaries, temporary_path
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    mine = temporary_path(tmp_path)
    left = mine.with_name(mine.name.replace(f"-{os.getpid()}-", f"-{dead.pid}-"))
    left.write_bytes(b"half a draft")
    mine.write_bytes(b"a save in progress")
    elsewhere = tmp_path / f"{TEMP_PREFIX}ffff-{dead.pid}-abcdef{TEMP_SUFFIX}"   # another computer's, same number
    elsewhere.write_bytes(b"another computer's save")
    clean_stale_temporaries(tmp_path)
    assert not left.exists() and mine.exists() and elsewhere.exists()


def test_an_unwritable_folder_is_named_as_the_reason(tmp_path, monkeypatch):
    """没有权限 alone read as if the file were locked; the folder is what refuses a new file."""
    real_open = os.open

    def refuse(path, flags, *args):
        if TEMP_PREFIX in str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(draft.DraftError) as e:
        draft.save(Report(), tmp_path / "a.gkbg.json")
    assert "文件夹" in str(e.value) and str(tmp_path) in str(e.value) and "Errno" not in str(e.value)


def test_what_a_session_read_is_known_by_its_content(tmp_path):
    from models.files import digest, file_digest
    path = tmp_path / "a.json"
    path.write_bytes(b"one")
    before = os.stat(path)
    assert file_digest(path) == digest(b"one")
    path.write_bytes(b"two")   # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert file_digest(path) != digest(b"one") and file_digest(tmp_path / "none") is None
