"""Tables in the text of a PDF (``pdftotext -layout``): columns aligned by spaces, labels broken across lines.

A line that ends in numbers is a row; the lines without numbers around it
are pieces of labels (a long label wraps above, below or on both sides of its
numbers, and the merged labels of columns A and B stand on lines of their
own).  The aligning in ``tables`` decides which row is which.
"""
from __future__ import annotations

import re

from .labels import is_number_text, tidy
from .tables import LAYOUT, Cell, Row, TableSource

TOKEN = re.compile(r"\S+")


def source(lines: list[str], table: str, first_line: int = 1) -> TableSource:
    """The rows of one table's lines; ``first_line`` numbers the lines for messages."""
    rows: list[Row] = []
    pending: list[str] = []
    header: list[str] = []
    for n, line in enumerate(lines):
        tokens = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(line)]
        k = len(tokens)
        while k and is_number_text(tokens[k - 1][0]):
            k -= 1
        if k == len(tokens):
            if line.strip():
                pending.append(tidy(line))
            continue
        label = tidy(line[:tokens[k - 1][2]]) if k else ""
        cells = [Cell(text, start=start, end=end) for text, start, end in tokens[k:]]
        between = "".join(pending)
        if rows:
            rows[-1].after = between
            before = between
        else:
            header.extend(pending)
            before = "" if label else (pending[-1] if pending else "")
        rows.append(Row(label, cells, before=before, where=f"（第 {first_line + n} 行）"))
        pending = []
    if rows:
        rows[-1].after = "".join(pending)
    return TableSource(table, rows, " ".join(header), LAYOUT)
