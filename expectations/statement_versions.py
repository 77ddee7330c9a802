"""Rules for ``statement_versions``: language versions of one statement must agree."""

from expectations.rules import ERROR, Rule

RULES: list[Rule] = [
    Rule("versions_agree", "statement_versions", ERROR,
         "The English and French (or other) versions of a statement list the same signatories "
         "after normalisation; a version cut short lists the beginning of the same list.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="agrees", value_set=[True]),
         show=("statement_id", "language", "url", "differences")),
]
