"""Text in a workbook cell is text: what the program writes into a spreadsheet never becomes a formula.

Names of agencies, file names, findings' messages and the report's own text
come from other people's files.  A cell whose text begins with "=" is a live
formula in Excel, WPS and LibreOffice (a link that fetches, a #NAME?, an
Err:509); one beginning with "+", "-", "@" or a tab becomes one as soon as
someone edits the cell.  Every workbook writer puts text through this module:
the cell is written as a string, one that begins like a formula is marked as
typed text (Excel's leading apostrophe, ``quotePrefix``), the characters XML
cannot hold are dropped and the length is kept within Excel's 32,767 per cell.

XlsxWriter (the report) and openpyxl (the 审查台's workbook) each get a small
adapter here, so neither writer imports the other.
"""
from __future__ import annotations

from dataclasses import dataclass

from .common import xml_safe

# what Excel, WPS or LibreOffice read as the start of a formula, in ASCII and as an IME types it in full width
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
MAX_CELL_CHARS = 32_767     # Excel's limit for one cell; beyond it Excel reports the file damaged
CUT_MARK = "…"


@dataclass(frozen=True)
class SheetText:
    """Text ready for a cell: ``quoted`` when it begins like a formula and must be marked as typed text."""

    text: str
    quoted: bool


def sheet_text(value: object) -> SheetText:
    """Any value meant as text, as a cell holds it safely."""
    text = xml_safe(value if isinstance(value, str) else str(value))
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - len(CUT_MARK)] + CUT_MARK
    return SheetText(text, text.startswith(FORMULA_START))


# ---------------------------------------------------------------- XlsxWriter

def write_xlsxwriter_text(ws, row: int, col: int, value: object, cell_format, quoted_format) -> None:
    """Write text with XlsxWriter: always ``write_string`` (never ``write``, which may make a formula), with
    ``quoted_format`` (the same format plus ``quote_prefix``) when it begins like a formula."""
    text = sheet_text(value)
    ws.write_string(row, col, text.text, quoted_format if text.quoted else cell_format)


# ---------------------------------------------------------------- openpyxl

def openpyxl_cell(ws, value: object):
    """A write-only openpyxl cell for ``value``: numbers and blanks as they are, anything else as text.

    openpyxl stores a string beginning with "=" as a formula; the cell's type
    is set back to a string after the value is set.
    """
    from openpyxl.cell import WriteOnlyCell

    if value is None or isinstance(value, (bool, int, float)):
        return WriteOnlyCell(ws, value)
    text = sheet_text(value)
    cell = WriteOnlyCell(ws, text.text)
    cell.data_type = "s"
    if text.quoted:
        cell.quotePrefix = True
    return cell


def openpyxl_value(ws, value: object):
    """What to put in a row appended in write-only mode: a number or blank as it is, text that needs no mark as
    a plain string (the quick way, for sheets of many thousand rows), any other text as ``openpyxl_cell``."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    text = sheet_text(value)
    return openpyxl_cell(ws, text.text) if text.quoted else text.text
