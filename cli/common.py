"""What the commands share."""
from __future__ import annotations

import sys

from importers import SourceError
from models.profile import Profile
from models.report import Report
from app.session import workflows

PROFILE_HELP = "本地要求文件（政务公开办下发，或在程序的“本地要求”中编写），按其中的字数、须写明的内容、必填单元格和发布时限一并检查"


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


def read_profile(path: str | None) -> Profile | None:
    """The 本地要求 named by --profile, or None when not given; a bad file is refused whole (lines named)."""
    if not path:
        return None
    from models.profile_file import ProfileError, load_profile
    try:
        return load_profile(path)
    except ProfileError as e:
        print(str(e), file=sys.stderr)
        raise Unreadable from e
