"""The checks of the spec's Checks table, run on a report (and last year's).

Every module of this package that declares rules is imported here by itself:
a new rule is one function in one file, and cannot be left out by mistake.
"""
import importlib
import pkgutil

from .engine import IMPORT, RULES, Context, Finding, Found, Quote, Rule, Severity, rule_name, run_checks
from .messages import Message, Messages, Said

# the modules that declare no rule: the engine, the messages and how findings are shown
MACHINERY = frozenset({"engine", "messages", "presentation"})

for _module in pkgutil.iter_modules(__path__):
    if _module.name not in MACHINERY:
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["IMPORT", "RULES", "Context", "Finding", "Found", "Message", "Messages", "Quote", "Rule", "Said",
           "Severity", "rule_name", "run_checks"]
