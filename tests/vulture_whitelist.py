"""Names vulture cannot see used (tests/test_lint.py runs it on the code with this file).

One list for the whole tree: the methods Qt calls (virtual overrides, by name), parameters a signature requires,
and attributes set for their effect.  Add a name here only with its reason.
"""
from vulture.whitelist_utils import Whitelist

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
dispatched._build_length        # ui/requirement_form.py: getattr(self, f"_build_{kind}")
dispatched._build_statement
dispatched._build_cells
dispatched._build_deadline

waiting = Whitelist()  # written, not yet placed
waiting.ProfileChooser          # the 审查台's 本地要求 for a folder: placed in its window by issue 18's rework
