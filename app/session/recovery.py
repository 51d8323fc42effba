"""Recovery copies: what a crash would otherwise lose — offered, never set aside without the clerk's word.

While a window has unsaved changes it writes its report, a second or two after
each change, to ``recovery-<id>.gkbg.json`` in the application-data folder,
beside a ``.meta.json`` that says whose copy it is (user, computer, process),
of which draft, when, and which content of the draft its changes were made on
(``base``, a digest).  A copy whose process is gone is an orphan: the next
start offers it (``offers``), newest first, saying how it stands to its draft:

* the draft is as the copy's window left it: the copy goes back on the draft
  (``Choice.RESTORE``: unsaved changes to it, its lock held);
* the draft was saved since — by a colleague on another computer who took
  over a crashed computer's lock, say — or another window edits it now: the
  copy is offered with both times and both authors, to open as a report of its
  own beside the draft or to save under a new name next to it; restoring it
  onto the draft could only overwrite one of the two;
* the draft is gone: the copy can be opened.

A copy is removed only once its content is in a window or a file, or when the
clerk deletes it; "later" keeps it for the next start.  Copies that earlier
versions set aside (``discarded-…``) are offered the same way.
"""
from __future__ import annotations

import datetime
import enum
import errno
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from models import draft
from models.files import atomic_write, clean_stale_temporaries, file_digest, reason
from models.processes import alive, host_name
from models.report import Report
from .lock import Holder, read_holder, user_name

PREFIX = "recovery-"
DRAFT_PART = ".gkbg.json"
META_PART = ".meta.json"
DISCARDED = "discarded-"    # what versions before this one set aside when the clerk declined
MAX_META_BYTES = 64 * 1024


class RecoveryWriteError(OSError):
    """A recovery copy that could not be written; ``str()`` is where and why, in Chinese (the window says
    "无法写入恢复副本（…）")."""

    def __str__(self) -> str:
        return self.strerror or "无法写入恢复副本"


@dataclass
class Orphan:
    """A recovery copy left behind by a window that did not close normally."""

    draft_path: Path
    source: str | None     # the draft it was a copy of; None for a never-saved report
    saved_at: datetime.datetime
    user: str
    agency: str = ""
    host: str = ""
    base: str | None = None        # the draft's content the copy's changes were made on (digest)
    set_aside: bool = False        # set aside by an earlier version without being offered again

    @property
    def meta_path(self) -> Path:
        return self.draft_path.with_name(self.draft_path.name[: -len(DRAFT_PART)] + META_PART)

    def author(self) -> str:
        where = f"（计算机“{self.host}”）" if self.host and self.host != host_name() else ""
        return f"用户“{self.user}”{where}"

    def describe(self) -> str:
        """Whose, of what, when — for the question at start."""
        what = f"草稿“{Path(self.source).name}”" if self.source else "尚未保存的新报告"
        agency = f"（{self.agency}）" if self.agency else ""
        return f"{self.saved_at:%Y-%m-%d %H:%M:%S} 自动保存的{what}{agency}，{self.author()}"

    def load(self) -> Report:
        return draft.load(self.draft_path)

    def remove(self) -> bool:
        """The copy's content is in a window or a file now, or the clerk deleted it.  False when the folder
        would not let it go: then it is offered again at the next start, which loses nothing."""
        removed = True
        for path in (self.draft_path, self.meta_path):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                removed = False
        return removed


class DraftState(enum.Enum):
    NEW = "new"              # a report never saved: no draft to compare with
    UNCHANGED = "unchanged"  # the draft is as the copy's window last read or wrote it
    CHANGED = "changed"      # the draft was saved since
    EDITED = "edited"        # another window edits the draft now
    MISSING = "missing"      # the draft is no longer where it was


class Choice(enum.Enum):
    RESTORE = "恢复"             # the copy's changes back on its draft (unchanged since), or a new report as it was
    OPEN = "打开副本"            # as a report of its own, unsaved, beside the draft
    SAVE_AS = "另存为新文件"      # written next to the draft under a new name
    LATER = "以后再说"           # kept, offered at the next start
    DELETE = "删除副本"          # only after the clerk confirms


@dataclass
class Offer:
    """A recovery copy and how it stands to its draft: what the clerk is asked, and may answer."""

    orphan: Orphan
    state: DraftState
    draft_saved_at: datetime.datetime | None = None
    draft_saved_by: str = ""
    holder: Holder | None = None

    @property
    def choices(self) -> list[Choice]:
        if self.state in (DraftState.NEW, DraftState.UNCHANGED):
            return [Choice.RESTORE, Choice.LATER, Choice.DELETE]
        if self.state is DraftState.MISSING:
            return [Choice.OPEN, Choice.LATER, Choice.DELETE]
        return [Choice.OPEN, Choice.SAVE_AS, Choice.LATER, Choice.DELETE]

    def question(self) -> str:
        o = self.orphan
        earlier = "（此前被搁置、未再提示过）" if o.set_aside else ""
        lines = [f"上次程序没有正常关闭，留下了一份恢复副本{earlier}：", f"恢复副本：{o.describe()}"]
        name = Path(o.source).name if o.source else ""
        if self.state is DraftState.CHANGED:
            when = f"{self.draft_saved_at:%Y-%m-%d %H:%M:%S} " if self.draft_saved_at else ""
            lines += [f"草稿“{name}”：{when}由{self.draft_saved_by}保存，晚于恢复副本所依据的版本。",
                      "两份都有对方没有的修改，恢复副本不会覆盖草稿：可以把副本作为单独的报告打开（与草稿对照），"
                      "或另存为草稿旁的新文件。"]
        elif self.state is DraftState.EDITED:
            assert self.holder is not None
            lines += [f"草稿“{name}”现在正由{self.holder.describe()}编辑。",
                      "恢复副本不会覆盖草稿：可以把副本作为单独的报告打开，或另存为草稿旁的新文件。"]
        elif self.state is DraftState.MISSING:
            lines += [f"草稿“{name}”已不在原来的位置（{Path(o.source or '').parent}），可能已被移动或删除。",
                      "可以把副本作为新报告打开，再另存。"]
        elif self.state is DraftState.UNCHANGED:
            lines += [f"草稿“{name}”在此之后没有被修改。恢复后，副本中的修改回到该草稿上（保存后生效）。"]
        lines.append("“以后再说”保留副本，下次启动时再提示；副本只有在确认后才会删除。")
        return "\n".join(lines)

    def new_name(self) -> Path:
        """A name beside the draft that no file has: 报告（恢复的副本 2026-01-20 0930）.gkbg.json."""
        assert self.orphan.source is not None
        source = Path(self.orphan.source)
        stem = source.name.removesuffix(DRAFT_PART).removesuffix(".json")
        base = f"{stem}（恢复的副本 {self.orphan.saved_at:%Y-%m-%d %H%M}）"
        for n in range(1, 100):
            candidate = source.with_name(f"{base}{'' if n == 1 else f' {n}'}{DRAFT_PART}")
            if not candidate.exists():
                return candidate
        return source.with_name(f"{base} {os.getpid()}{DRAFT_PART}")


def save_as_new(offer: Offer) -> Path:
    """Write the copy next to its draft under a name no file has (created exclusively); the copy is kept
    (the caller removes it once this succeeded).  ``DraftError`` (Chinese) when it cannot be read or written."""
    report = offer.orphan.load()
    for _ in range(5):
        target = offer.new_name()
        try:
            return draft.write(draft.encode(report), target, exclusive=True)
        except draft.DraftExists:
            continue   # taken a moment ago (another window saving its copy): the next free name
    raise draft.DraftError(f"无法在“{Path(offer.orphan.source or '').parent}”中找到未被占用的文件名")


class RecoveryStore:
    """This window's recovery copy."""

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)
        self.id = os.urandom(6).hex()
        stem = PREFIX + self.id
        self.draft_path = self.folder / (stem + DRAFT_PART)
        self.meta_path = self.folder / (stem + META_PART)
        self.written = False

    def write(self, report: Report, source: str | os.PathLike | None, base: str | None = None) -> None:
        """Write the copy (atomically); ``RecoveryWriteError`` (an ``OSError``, Chinese) when it cannot be.

        ``base``: the content of ``source`` the changes were made on (``Session.disk_digest``).
        """
        meta = {"source": str(source) if source else None,
                "saved_at": datetime.datetime.now().isoformat(timespec="seconds"),
                "user": user_name(), "host": host_name(), "pid": os.getpid(), "agency": report.agency,
                "base": base}
        if self.folder.exists() and not self.folder.is_dir():
            raise RecoveryWriteError(errno.ENOTDIR, f"{self.folder}：这里应是程序数据文件夹，却是一个文件")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self.draft_path, draft.encode(report))
            atomic_write(self.meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        except OSError as e:
            raise RecoveryWriteError(e.errno, f"{self.folder}：{reason(e)}") from e
        self.written = True

    def discard(self) -> None:
        """The work is saved (or deliberately dropped): the copy is no longer needed."""
        if self.written:
            for path in (self.draft_path, self.meta_path):
                try:
                    path.unlink(missing_ok=True)
                except OSError:
                    pass   # left for the next start to offer: nothing is lost
            self.written = False

    def close(self) -> None:
        self.discard()


def _read_meta(path: Path) -> dict:
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_META_BYTES + 1)
        meta = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_META_BYTES else {}
    except (OSError, ValueError, RecursionError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _text(value: object, default: str = "") -> str:
    return value[:200] if isinstance(value, str) and value else default


def _saved_at(meta: dict, path: Path) -> datetime.datetime:
    try:
        return datetime.datetime.fromisoformat(str(meta.get("saved_at")))
    except ValueError:
        try:
            return datetime.datetime.fromtimestamp(path.stat().st_mtime)
        except (OSError, ValueError, OverflowError):
            return datetime.datetime.now()


def orphans(folder: str | os.PathLike) -> list[Orphan]:
    """Recovery copies of windows that are gone (and copies set aside by earlier versions), newest first.

    Nothing is moved or removed here.
    """
    folder = Path(folder)
    found = []
    try:
        paths = [*folder.glob(PREFIX + "*" + DRAFT_PART), *folder.glob(DISCARDED + "*" + DRAFT_PART)]
    except OSError:
        return []
    for path in paths:
        meta = _read_meta(path.with_name(path.name[: -len(DRAFT_PART)] + META_PART))
        host, pid = meta.get("host"), meta.get("pid")
        if host == host_name() and alive(pid) and not path.name.startswith(DISCARDED):
            continue  # a running window's copy
        source = meta.get("source") if isinstance(meta.get("source"), str) and meta.get("source") else None
        base = meta.get("base") if isinstance(meta.get("base"), str) and re.fullmatch(r"[0-9a-f]{64}", str(
            meta.get("base"))) else None
        found.append(Orphan(path, source, _saved_at(meta, path), _text(meta.get("user"), "未知用户"),
                            _text(meta.get("agency")), _text(host), base, path.name.startswith(DISCARDED)))
    found.sort(key=lambda o: o.saved_at, reverse=True)
    return found


def offers(folder: str | os.PathLike) -> list[Offer]:
    """Every orphaned copy with how it stands to its draft, newest first (what a killed save left in the
    folder is cleaned on the way)."""
    clean_stale_temporaries(folder)
    return [assess(orphan) for orphan in orphans(folder)]


def assess(orphan: Orphan) -> Offer:
    """How a copy stands to its draft now."""
    if not orphan.source:
        return Offer(orphan, DraftState.NEW)
    source = Path(orphan.source)
    if not source.is_file():
        return Offer(orphan, DraftState.MISSING)
    holder = read_holder(source)
    if holder is not None and not holder.gone:
        return Offer(orphan, DraftState.EDITED, holder=holder)
    now = file_digest(source)
    if orphan.base is not None:
        changed = now != orphan.base
    else:  # a copy written before copies recorded their draft's content: its time is all there is
        try:
            changed = datetime.datetime.fromtimestamp(source.stat().st_mtime) > orphan.saved_at
        except (OSError, ValueError, OverflowError):
            changed = True
    if not changed:
        return Offer(orphan, DraftState.UNCHANGED)
    return Offer(orphan, DraftState.CHANGED, *_saved(source))


def _saved(source: Path) -> tuple[datetime.datetime | None, str]:
    """When and by whom the draft was saved, as the draft records it (or its file time, author unknown)."""
    author = draft.author_of(source)
    when = None
    try:
        when = datetime.datetime.fromisoformat(author["at"]) if author.get("at") else None
    except ValueError:
        when = None
    if when is None:
        try:
            when = datetime.datetime.fromtimestamp(source.stat().st_mtime)
        except (OSError, ValueError, OverflowError):
            when = None
    if not author.get("user"):
        return when, "（草稿未记录保存人，可能由旧版本保存）"
    where = f"（计算机“{author['host']}”）" if author.get("host") and author["host"] != host_name() else ""
    return when, f"用户“{author['user']}”{where}"
