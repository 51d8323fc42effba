"""The checks of the spec's Checks table, run on a report (and last year's)."""
from .engine import RULES, Context, Finding, Rule, Severity, run_checks
from . import tables as _tables, text as _text  # noqa: F401  (register the rules)

__all__ = ["RULES", "Context", "Finding", "Rule", "Severity", "run_checks"]
