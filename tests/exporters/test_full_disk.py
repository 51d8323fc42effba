"""A disk that fills up during an export: one Chinese message, nothing else on the screen, no file left.

The disk is made full for the program alone by a file-size limit (``RLIMIT_FSIZE``): a write beyond it fails
as a full disk's does.  Before, the XLSX export said "[Errno 28] No space left on device", and both XLSX and
DOCX were followed by "Exception ignored in: <function ZipFile.__del__ …>" and a traceback.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from models import draft
from tests.conftest import ROOT
from tests.export_support import balanced_report

pytestmark = [pytest.mark.slow,   # the program in a process of its own
              pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE 只在 POSIX 上有")]

LIMITED = textwrap.dedent("""
    import resource, signal, sys
    sys.path.insert(0, {root!r})
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)    # a write beyond the limit fails (EFBIG) instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (6000, 6000))
    sys.argv = ["gkbg"] + sys.argv[1:]
    import main
    sys.exit(main.main())
""")


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
def test_a_full_disk_during_an_export_is_one_chinese_message(tmp_path, fmt):
    source = tmp_path / "报告.gkbg.json"
    draft.save(balanced_report(), source)
    target = tmp_path / f"报告.{fmt}"
    done = subprocess.run([sys.executable, "-c", LIMITED.format(root=str(ROOT)), "export", str(source),
                           f"--{fmt}", str(target)], capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 2, done.stderr
    assert "无法导出" in done.stderr and "文件超过了该位置允许的大小" in done.stderr, done.stderr
    for english in ("Exception ignored", "Traceback", "Errno", "File too large", "No space"):
        assert english not in done.stderr, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.gkbg.json"]   # no export, no temporary file
