"""The process pool of the review: a worker process that dies takes only its own file with it."""
from __future__ import annotations

import os

import pytest

from app.review.runner import _Pool

CRASHING_TASK = 3


def crash_on_one(task: tuple[int, str]) -> str:
    if task[0] == CRASHING_TASK:
        os._exit(3)  # a library crashing the process, not an exception
    return task[1].upper()


@pytest.mark.slow
def test_a_dying_worker_fails_only_its_own_task():
    tasks = [(i, f"file{i}") for i in range(10)]
    results: dict[int, str] = {}
    progress: list[int] = []
    with _Pool(2, lambda: False) as pool:
        pool.run(crash_on_one, tasks, lambda task, result: results.__setitem__(task[0], result),
                 lambda task, why: f"failed: {why}", progress.append)
    assert sorted(results) == list(range(10))
    assert results[CRASHING_TASK].startswith("failed: ")
    assert all(results[i] == f"FILE{i}" for i in range(10) if i != CRASHING_TASK)
    assert progress[-1] == 10
