"""Statistics written into the narrative from the tables, kept in step with them (no Qt)."""
from .paragraphs import PARTS, GenerationError, Paragraph, generate

__all__ = ["PARTS", "GenerationError", "Paragraph", "generate"]
