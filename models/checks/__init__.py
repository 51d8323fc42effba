"""The checks of the spec's Checks table, run on a report (and last year's).

Every module of this package that declares rules is imported here by itself:
a new rule is one function in one file, and cannot be left out by mistake.
"""
import importlib
import pkgutil

from .engine import RULES, Context, Finding, Found, Quote, Rule, Severity, rule_name, run_checks

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "engine":
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["RULES", "Context", "Finding", "Found", "Quote", "Rule", "Severity", "rule_name", "run_checks"]
