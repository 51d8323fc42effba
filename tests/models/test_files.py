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
