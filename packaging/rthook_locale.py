# PyInstaller runtime hook: a bundle started with no locale at all (a bare environment, a service, a
# launcher that clears it) gets a UTF-8 character type, so Qt does not warn about the "C" locale on stderr.
import os
import sys

if sys.platform.startswith("linux") and not any(os.environ.get(v) for v in ("LC_ALL", "LC_CTYPE", "LANG")):
    os.environ["LC_CTYPE"] = "C.UTF-8"
