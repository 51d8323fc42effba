"""The application: what the program does with reports, above the readers and writers, below the window and the commands.

``app.session`` is one report being edited (every change a command with undo)
and the workflows new, open, save, import, last year and export;
``app.review`` runs the 审查台 over a folder of reports.
"""
