"""文件 → 最近打开: the list kept in the settings, and the folder dialogs start in."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8


class RecentFiles:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def files(self) -> list[str]:
        value = self.settings.value("files/recent", [])
        if isinstance(value, str):
            return [value]
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def add(self, path: str | Path) -> None:
        path = str(path)
        files = [path] + [p for p in self.files() if p != path]
        self.settings.setValue("files/recent", files[:MAX_RECENT])
        self.settings.setValue("files/last_dir", str(Path(path).parent))

    def remove(self, path: str) -> None:
        self.settings.setValue("files/recent", [p for p in self.files() if p != path])

    def clear(self) -> None:
        self.settings.setValue("files/recent", [])

    def last_dir(self) -> str:
        return str(self.settings.value("files/last_dir", str(Path.home())))
