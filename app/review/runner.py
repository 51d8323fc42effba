"""Reading and checking the files of a review in a process pool, in two passes.

Pass 1 reads each file by itself (import, identification, key figures, the
checks that need no other year) and leaves the report as a draft in a
temporary folder; the main process keeps only plain data.  Then the same
agency's consecutive years are paired, and pass 2 checks each report that has
last year's beside it again, with that report as ``prior`` (CARRY, IN-FORCE,
DUP).  Work is handed out a few tasks per process at a time, so memory is
bounded by the reports in flight, not by the folder.  The result does not
depend on the order in which the processes finish.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from models.profile import Profile
from models.review.entries import Flag, ReviewEntry, ReviewResult
from models.review.files import find_report_files
from models.review.identity import agency_groups, same_agency
from models.review.peers import jump_flags, peer_flags, peer_quartiles
from .worker import check_pair, prepare_process, read_one

IN_PROCESS_BELOW = 8          # fewer files than this: starting processes costs more than it saves
AHEAD_PER_PROCESS = 3         # tasks handed to the pool per process, beyond the ones running
BUNDLE_FREEZE_SUPPORT = False   # or GKBG_FREEZE_SUPPORT=1: the bundle's entry point called multiprocessing.freeze_support()
Progress = Callable[[str, int, int], None]   # (phase in Chinese, done, total)


class Cancelled(Exception):
    """The review was cancelled before it finished."""


def default_jobs() -> int:
    return os.cpu_count() or 1


def review(paths: Iterable[str | os.PathLike], *, jobs: int | None = None, progress: Progress | None = None,
           cancelled: Callable[[], bool] | None = None, profile: Profile | None = None) -> ReviewResult:
    """Review every report file under ``paths``; raises ``Cancelled`` when ``cancelled()`` turns true.

    With a ``profile`` (本地要求), every report is also checked against it (rule
    LOCAL): the profile, plain data, travels to the worker processes with each task.
    """
    files = find_report_files(paths)
    jobs = max(1, jobs or default_jobs())
    progress = progress or (lambda phase, done, total: None)
    cancelled = cancelled or (lambda: False)
    pool = _Pool(jobs, cancelled)
    # the pool is shut down before the folder is removed; a process still writing to it after a cancel (or
    # Windows refusing to remove a file still open) leaves a little behind in the temporary folder, no error
    with tempfile.TemporaryDirectory(prefix="gkbg-review-", ignore_cleanup_errors=True) as spill_dir, pool:
        tasks = [(i, str(path), spill_dir, profile) for i, path in enumerate(files)]
        entries: list[ReviewEntry] = [ReviewEntry(i, str(path)) for i, path in enumerate(files)]

        def keep(task, entry: ReviewEntry) -> None:
            entries[task[0]] = entry

        def unreadable(task, why: str) -> ReviewEntry:
            return ReviewEntry(task[0], task[1], error=why)

        _run(pool, read_one, tasks, keep, unreadable, progress, "读取")
        pairs = pair_years(entries)
        pair_tasks = [(entry.index, entry.spill, prior.spill, profile) for entry, prior in pairs]

        def checked(task, findings) -> None:
            entry = entries[task[0]]
            entry.findings = entry.findings[:entry.import_notes] + findings

        def check_failed(task, why: str) -> list:
            entry = entries[task[0]]
            entry.flags.append(Flag("", "cross-year", f"未能与上年报告跨年核对：{why}"))
            return entry.findings[entry.import_notes:]

        _run(pool, check_pair, pair_tasks, checked, check_failed, progress, "跨年核对")
    for entry in entries:
        entry.spill = None
        if entry.readable and not entry.identified:
            missing = "、".join(what for what, known in (("机关名称", entry.agency), ("报告年度", entry.year))
                               if not known)
            entry.flags.append(Flag("", "unidentified", f"未能从报告中认出{missing}：不与其他年度的报告配对，"
                                                        "也不参加同级比较，请核对原文"))
    # what could not be identified first: the reviewer decides, the program does not guess
    entries.sort(key=lambda e: (e.identified, e.index))
    quartiles = peer_quartiles(entries)
    for entry, prior in pairs:
        entry.flags += jump_flags(entry, prior)
    for entry in entries:
        if entry.readable:
            entry.flags += peer_flags(entry, quartiles.get((entry.level, entry.year), {}) if entry.year else {})
    return ReviewResult(entries, quartiles)


def pair_years(entries: list[ReviewEntry]) -> list[tuple[ReviewEntry, ReviewEntry]]:
    """Group the readable entries by agency, and pair each with the same agency's report of the year before.

    Of two reports of one agency and year (the same report as .docx and .pdf),
    each is told of the other, and the first found is the one a later year is
    checked against.  Each pairing says on what ground (``prior_ground``).
    """
    readable = [e for e in entries if e.readable]
    for entry, group in zip(readable, agency_groups([e.agency for e in readable])):
        entry.group = group if group >= 0 else None
    by_year: dict[tuple[int, int], list[ReviewEntry]] = defaultdict(list)
    for e in readable:
        if e.group is not None and e.year is not None:
            by_year[(e.group, e.year)].append(e)
    for same in by_year.values():
        if len(same) > 1:
            for e in same:
                others = "、".join(Path(o.file).name for o in same if o is not e)
                e.flags.append(Flag("", "duplicate", f"文件夹中另有同一机关 {e.year} 年的报告：{others}"))
    pairs = []
    for e in readable:
        if e.group is None or e.year is None:
            continue
        last = by_year.get((e.group, e.year - 1))
        if last and e.spill and last[0].spill:
            e.prior_file = last[0].file
            e.prior_ground = same_agency(e.agency, last[0].agency) or "两者与文件夹中该机关其他年度报告的名称都相符"
            pairs.append((e, last[0]))
    return pairs


def _run(pool: _Pool, work: Callable, tasks: Sequence[tuple], done: Callable[[tuple, Any], None],
         failed: Callable[[tuple, str], Any], progress: Progress, phase: str) -> None:
    """``done(task, work(task))`` for every task, in worker processes when there are enough of them."""
    total = len(tasks)
    progress(phase, 0, total)
    if not tasks:
        return
    if pool.jobs == 1 or total < IN_PROCESS_BELOW or not _can_start_processes():
        for n, task in enumerate(tasks, 1):
            if pool.cancelled():
                raise Cancelled
            done(task, work(task))
            progress(phase, n, total)
        return
    pool.run(work, tasks, done, failed, lambda n: progress(phase, n, total))


def _can_start_processes() -> bool:
    """Not in a bundled program (PyInstaller), where a new process starts the program itself again, unless its
    entry point calls ``multiprocessing.freeze_support()`` first and then sets ``BUNDLE_FREEZE_SUPPORT``."""
    return not getattr(sys, "frozen", False) or BUNDLE_FREEZE_SUPPORT or os.environ.get("GKBG_FREEZE_SUPPORT") == "1"


class _Pool:
    """A process pool fed a few tasks ahead; a process that dies takes only its own file with it.

    When a worker process dies (a crash in a library, the system killing it),
    every task in flight fails with it.  Those are then run again one at a
    time, so that the one that kills its process is known and reported as
    unreadable, and the others are read as usual.
    """

    def __init__(self, jobs: int, cancelled: Callable[[], bool]) -> None:
        self.jobs, self.cancelled = jobs, cancelled
        self._executor: ProcessPoolExecutor | None = None   # started when first needed, kept for the next pass

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, kind, *_) -> None:
        if self._executor is not None:
            # when done, the idle processes are waited for; when cancelled, those still reading end by themselves
            self._executor.shutdown(wait=kind is None, cancel_futures=True)
            self._executor = None

    def _fresh_executor(self) -> ProcessPoolExecutor:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        # "spawn" everywhere: the same as on Windows, and safe beside the window's threads
        self._executor = ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=prepare_process)
        return self._executor

    def run(self, work: Callable, tasks: Sequence[tuple], done: Callable[[tuple, Any], None],
            failed: Callable[[tuple, str], Any], advanced: Callable[[int], None]) -> None:
        """``done(task, work(task))`` for every task; ``failed(task, why)`` gives the result of one that failed."""
        queue = deque(tasks)
        suspects: deque[tuple] = deque()    # in flight when a process died: each is run alone
        executor = self._executor or self._fresh_executor()
        in_flight: dict[Future, tuple] = {}
        alone: Future | None = None
        finished = 0

        def finish(task: tuple, result) -> None:
            nonlocal finished
            done(task, result)
            finished += 1
            advanced(finished)

        while queue or suspects or in_flight:
            if suspects:
                if not in_flight:
                    alone = executor.submit(work, suspects[0])
                    in_flight[alone] = suspects.popleft()
            else:
                while queue and len(in_flight) < self.jobs * (1 + AHEAD_PER_PROCESS):
                    task = queue.popleft()
                    in_flight[executor.submit(work, task)] = task
            ready, _ = wait(in_flight, timeout=0.1, return_when=FIRST_COMPLETED)
            if self.cancelled():
                raise Cancelled
            broken = False
            for future in ready:
                task = in_flight.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken = True
                    if future is alone:
                        finish(task, failed(task, "读取该文件时处理进程意外退出，文件可能异常"))
                    else:
                        suspects.append(task)
                    continue
                except Exception as e:  # one file must never stop the folder
                    result = failed(task, f"处理时出错（{type(e).__name__}）")
                finish(task, result)
            if broken:
                suspects.extend(in_flight.values())
                in_flight.clear()
                executor = self._fresh_executor()
