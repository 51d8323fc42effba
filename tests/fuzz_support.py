"""What the fuzz campaigns share: how many cases, the time limit, and what a stored report may hold.

Every case must end with a result or a Chinese message (DraftError, SourceError, NumberError) within the time
limit — never another exception, never a hang, never an invalid stored value.  The normal run tries a few
cases per kind so that it takes seconds; the ``slow`` run (CI) tries many more.  ``GKBG_FUZZ_CASES`` sets the
number of cases of every campaign and ``GKBG_FUZZ_SEED`` the seed, to repeat a campaign someone else ran:

    GKBG_FUZZ_CASES=10000 GKBG_FUZZ_SEED=7 pytest -m slow tests/models/test_fuzz_draft.py
"""
from __future__ import annotations

import contextlib
import os
import re
import signal
import threading
import time

from models.dates import validate_iso_date
from models.form import NumberKind
from models.numbers import MAX_COUNT

SEED = int(os.environ.get("GKBG_FUZZ_SEED", "20261130"))
CASE_SECONDS = float(os.environ.get("GKBG_FUZZ_CASE_SECONDS", "20"))   # generous: CI machines are slow
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ASCII_DECIMAL = re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


def cases(fast: int, slow: int, *, is_slow: bool) -> int:
    """The number of cases of a campaign: ``GKBG_FUZZ_CASES`` if set, else ``slow`` or ``fast``."""
    configured = os.environ.get("GKBG_FUZZ_CASES")
    if configured:
        return int(configured)
    return slow if is_slow else fast


class Hang(BaseException):
    """A case that did not end within ``CASE_SECONDS`` (not an ``Exception``: the importers turn every
    ``Exception`` of the libraries they call into a message, which must not hide a hang)."""


@contextlib.contextmanager
def time_limit(what: str, seconds: float = CASE_SECONDS):
    """Fail a case that runs longer than ``seconds``: interrupted by an alarm where there is one (POSIX, main
    thread), else measured afterwards."""
    use_alarm = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()

    def interrupt(signum, frame):
        raise Hang(f"{what}: 超过 {seconds} 秒仍未结束")

    if use_alarm:
        previous = signal.signal(signal.SIGALRM, interrupt)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    start = time.monotonic()
    try:
        yield
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    elapsed = time.monotonic() - start
    if elapsed > seconds:
        raise Hang(f"{what}: 用了 {elapsed:.1f} 秒（上限 {seconds} 秒）")


OWN_PACKAGES = ("models", "importers", "exporters", "app")


def assert_not_our_own_failure(error: Exception, what: str) -> None:
    """A message made from an unforeseen exception (the importers' catch-all) hides a library's failure on a
    damaged file — or a bug of ours, which must not be hidden: the exception's last frame is not our code."""
    cause = error.__cause__
    if cause is None or type(cause).__module__.split(".")[0] in OWN_PACKAGES or isinstance(cause, OSError):
        return
    tb = cause.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return
    filename = os.path.abspath(tb.tb_frame.f_code.co_filename)
    ours = any(f"{os.sep}{package}{os.sep}" in filename for package in OWN_PACKAGES) and "site-packages" not in filename
    assert not ours, f"{what}: 本程序自身的错误 {type(cause).__name__}: {cause} 在 {filename}:{tb.tb_lineno}"


def assert_chinese_message(error: Exception, what: str) -> None:
    message = str(error)
    assert _CJK.search(message), f"{what}: 不是中文的说明：{message!r}"
    assert len(message) < 2000, f"{what}: 说明过长（{len(message)} 字）"
    assert not _SURROGATE.search(message), f"{what}: 说明中有无法显示的字符"


def _assert_text(value: object, where: str) -> None:
    assert isinstance(value, str), f"{where} 不是文字：{type(value).__name__}"
    assert not _SURROGATE.search(value), f"{where} 含有孤立的代理字符（无法保存）"


def assert_valid_value(value: object, kind: NumberKind, where: str) -> None:
    """A stored number: a count is an int 0..999,999,999; a fee a decimal string of ASCII digits."""
    if value is None:
        return
    if kind is NumberKind.COUNT:
        assert type(value) is int and 0 <= value <= MAX_COUNT, f"{where} 存了无效的件数 {value!r}"[:300]
    else:
        assert isinstance(value, str) and _ASCII_DECIMAL.fullmatch(value), f"{where} 存了无效的金额 {value!r}"[:300]


def assert_valid_report(report, where: str = "report") -> None:
    """Everything a report holds is a value the program can show, check, save and export."""
    form = report.form
    assert type(report.year) is int and 2000 <= report.year <= 2100, f"{where}.year = {report.year!r}"
    if report.date is not None:
        validate_iso_date(report.date)
    _assert_text(report.agency, f"{where}.agency")
    _assert_text(report.preamble, f"{where}.preamble")
    for section_id, subs in report.sections.items():
        for i, sub in enumerate(subs):
            _assert_text(sub.heading, f"{where}.{section_id}[{i}].heading")
            _assert_text(sub.text, f"{where}.{section_id}[{i}].text")
    for ref, value in report.values.items():
        assert form.is_input(ref), f"{where}: {ref} 不是可填写的单元格"
        assert_valid_value(value, form.definition(ref).kind, f"{where}.{ref}")
    for ref, value in report.stated.items():
        assert_valid_value(value, getattr(form.definition(ref), "kind", NumberKind.COUNT), f"{where}.stated.{ref}")
    if report.prior is not None:
        assert_valid_report(report.prior, f"{where}.prior")


def assert_usable(report) -> None:
    """A report read from hostile input can still be checked and saved (and the saved draft opens again)."""
    from models import draft
    from models.checks import run_checks

    assert_valid_report(report)
    run_checks(report, report.prior)
    assert draft.loads(draft.dumps(report)) == report
