"""The main window's actions: declared once (``declared``), built into menus and toolbar (``model``), and the
functions they run (``files``, ``editing``, ``view``), each a function of the window (``window.Window``)."""
