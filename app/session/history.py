"""One undo history of commands, with the position that matches the file on disk."""
from __future__ import annotations

from .commands import Command


class History:
    def __init__(self) -> None:
        self.done: list[Command] = []
        self.undone: list[Command] = []
        self._clean: int | None = 0  # len(done) at the last save; None when no position matches the file
        self._sealed = True          # the next command starts a new step even if it could merge

    def push(self, command: Command) -> bool:
        """Record an executed command; True when it was merged into the previous step."""
        self.undone.clear()
        if self._clean is not None and self._clean > len(self.done):
            self._clean = None  # the saved state was in the redo branch just dropped
        top = self.done[-1] if self.done else None
        if top is not None and not self._sealed and len(self.done) != self._clean and top.merge(command):
            return True
        self.done.append(command)
        self._sealed = False
        return False

    def seal(self) -> None:
        """End the current step: typing after this is a new undo step (focus moved, a pause, a save)."""
        self._sealed = True

    def pop_undo(self) -> Command | None:
        if not self.done:
            return None
        command = self.done.pop()
        self.undone.append(command)
        self._sealed = True
        return command

    def pop_redo(self) -> Command | None:
        if not self.undone:
            return None
        command = self.undone.pop()
        self.done.append(command)
        self._sealed = True
        return command

    @property
    def undo_name(self) -> str | None:
        return self.done[-1].name if self.done else None

    @property
    def redo_name(self) -> str | None:
        return self.undone[-1].name if self.undone else None

    @property
    def is_clean(self) -> bool:
        return self._clean == len(self.done)

    def mark_clean(self) -> None:
        self._clean = len(self.done)
        self._sealed = True

    def clear(self) -> None:
        self.done.clear()
        self.undone.clear()
        self._clean = 0
        self._sealed = True
