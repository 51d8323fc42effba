"""Names vulture cannot see used (``python -m vulture``, configured in pyproject.toml; tests/test_lint.py runs it).

One list for the whole tree.  Rules are found by their ``@rule`` decorator (ignored in the configuration); what is
listed here is used by name or by a library: the methods Qt calls on our subclasses, parameters a signature
requires, a writer named in the export registry, attributes python-docx and openpyxl read when they save, attributes
set for their effect.  Add a name only with its reason.
"""
# ruff: noqa
from vulture.whitelist_utils import Whitelist

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

qt = Whitelist()  # virtual methods Qt calls on our subclasses
qt.createEditor
qt.setEditorData
qt.dropEvent
qt.insertFromMimeData
qt.minimumSizeHint
qt.paintEvent
qt.headerData
qt.filterAcceptsRow
qt.highlightBlock
qt.isEmpty                      # QTranslator: ui.app.MissingQtTranslations

signature = Whitelist()  # parameters of a signature we override, unused by our version
signature.disambiguation        # QTranslator.translate
signature.prefix                # argparse.HelpFormatter.add_usage

kept = Whitelist()  # attributes set for their effect
kept.review_window              # keeps the 审查台 window alive while the main window lives
kept.format                     # openpyxl's MergedCellRange.format replaced (app/review/worker.py)
kept.findings_tree              # the 审查台 page's findings list, read by its tests (ui/review: issue 18 reworks it)

dispatched = Whitelist()  # called by a name built at run time
dispatched.__getattr__          # a module's names resolved when first asked for (models/statistics_text/__init__.py)
dispatched._build_length        # ui/requirement_form.py: getattr(self, f"_build_{kind}")
dispatched._build_statement
dispatched._build_cells
dispatched._build_deadline

probed = Whitelist()  # read by tests only
probed.holds_lock               # app/session: whether the session holds its draft's lock (issue 23's tests)
probed.frozen_height            # ui/frozen_panes.py: how much of the grid the frozen header covers
probed.shown_text               # ui/page_tabs.py: a tab's title as the bar shows it (maybe on two lines)
probed.insert_button           # ui/statistics_dialog.py: the 插入 button a test clicks
