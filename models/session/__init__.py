"""The application layer: a report session with its commands, undo history and workflows (no Qt)."""
from .changes import Change
from .commands import Command
from .session import Session
from .workflows import ExportCheck, ExportRefused, Imported

__all__ = ["Change", "Command", "ExportCheck", "ExportRefused", "Imported", "Session"]
