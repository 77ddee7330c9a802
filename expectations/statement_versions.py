"""Rules for ``statement_versions``: language versions of one statement should agree.

A disagreement is the problem of one statement, never of the release: the statement is
published from the version that passes its own checks and marked (``versions_agree``), or
quarantined when no version does (``hemicycle.normalise``). The rule reports it.
"""

from expectations.rules import WARN, Rule

RULES: list[Rule] = [
    Rule("versions_agree", "statement_versions", WARN,
         "The English and French (or other) versions of a statement list the same signatories "
         "after normalisation; a version cut short lists the beginning of the same list. A "
         "statement whose versions disagree is published from its trusted version and marked "
         "`versions_agree = false`.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="agrees", value_set=[True]),
         show=("statement_id", "language", "url", "differences")),
]
