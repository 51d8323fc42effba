"""Names vulture cannot see used (``python -m vulture``, configured in pyproject.toml).

Rules are found by their ``@rule`` decorator (ignored in the configuration); what
is listed here is used by name or by a library: a writer named in the export
registry, attributes python-docx and openpyxl read when they save, a layout
fact that only the layout tests measure.
"""
# ruff: noqa
from exporters import common, docx, html, pdf, xlsx
from models import profile

_ = object()

docx.write_docx  # named in exporters/__init__.py's registry
pdf.write_pdf
xlsx.write_xlsx
html.write_html
profile.Profile.with_requirements  # only tests/models/test_profile.py calls it (issue 22's; left to its owner)
common.LINES_PER_PAGE  # the official page holds 22 lines; tests/exporters/test_layout.py measures it

_.autofit  # python-docx table and paragraph properties, read when the document is saved
_.height_rule
_.widow_control
_.first_line_indent
_.left_indent
_.author  # core properties of the package
_.language
_.created
_.compress_type  # zipfile.ZipInfo, read when the archive is written
_.legend  # openpyxl chart, read when the workbook is saved
_.different_first_page_header_footer  # python-docx section and header properties: the first page's marks
_.is_linked_to_previous
_.header_distance
_.rgb  # python-docx run colour
_.subject  # core properties: a forced or draft export says so
_.keywords
_.content_status
_.data_type  # openpyxl cell: a string, not the formula openpyxl makes of text beginning with "=" (sheet_text)
_.quotePrefix
