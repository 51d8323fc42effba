"""What the commands share."""
from __future__ import annotations

import sys

from importers import SourceError
from models.report import Report
from app.session import workflows


class Unreadable(Exception):
    """An input a command cannot go on without; the message is already printed."""


def read_prior(path: str | None) -> Report | None:
    """Last year's report named by --prior (any readable form), or None when not given."""
    if not path:
        return None
    try:
        return workflows.read_prior(path)
    except SourceError as e:
        print(f"无法读取上年报告 {path}：{e}", file=sys.stderr)
        raise Unreadable from e
