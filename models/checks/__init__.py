"""The checks of the spec's Checks table, run on a report (and last year's).

Every module of this package that declares rules is found by itself (``rules()``):
a new rule is one function in one file, and cannot be left out by mistake.  They
load with the first check, not with the package: the window shows a report before
it checks it.
"""
from .engine import (IMPORT, MACHINERY, Context, Finding, Found, Quote, Rule, Severity, rule_name, rules,
                     run_checks)
from .messages import Message, Messages, Said

__all__ = ["IMPORT", "MACHINERY", "Context", "Finding", "Found", "Message", "Messages", "Quote", "Rule", "Said",
           "Severity", "rule_name", "rules", "run_checks"]
