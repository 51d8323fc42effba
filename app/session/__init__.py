"""The application layer: a report session with its commands, undo history and workflows (no Qt)."""
from .changes import Change
from .commands import Command
from .session import DraftChanged, DraftLocked, Session
from .workflows import ExportCheck, ExportRefused, Imported

__all__ = ["Change", "Command", "DraftChanged", "DraftLocked", "ExportCheck", "ExportRefused", "Imported", "Session"]
