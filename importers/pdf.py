"""A published PDF (全真版), through ``pdftotext -layout`` when poppler is installed.

The text it gives is the layout form the plain-text reader knows.  Without
poppler (a typical Windows office PC) the clerk is told to use the 文字版 web
page or a text conversion instead.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .record import ImportResult, SourceError

TIMEOUT_SECONDS = 60
MAX_TEXT_BYTES = 20 * 1024 * 1024


def read(path: Path) -> ImportResult:
    from . import read_plain_text
    program = shutil.which("pdftotext")
    if program is None:
        raise SourceError("这是 PDF 文件，本机没有安装 pdftotext（poppler），无法直接读取。"
                          "请改用政府网站上的文字版网页（另存为 .html），或先用 pdftotext -layout 转为文本再导入")
    try:
        done = subprocess.run([program, "-layout", "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise SourceError(f"PDF 转换超过 {TIMEOUT_SECONDS} 秒仍未完成，文件可能已损坏或异常复杂，已放弃") from None
    except OSError as e:
        raise SourceError(f"无法运行 pdftotext：{e.strerror or e}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace")
        if "password" in message.lower():
            raise SourceError("PDF 文件受密码保护，无法读取。请取消密码后再导入")
        raise SourceError("PDF 文件已损坏，或无法转换为文字")
    if len(done.stdout) > MAX_TEXT_BYTES:
        raise SourceError("PDF 中的文字异常之多，不像是一份年度报告，已拒绝读取")
    text = done.stdout.decode("utf-8", "replace")
    if not text.strip():
        raise SourceError("PDF 中没有可提取的文字（可能是扫描的图片），无法读取")
    return read_plain_text(text, "pdf")
