"""The `validate` rules about how a person's name is written (the name's content is checked in
`citekit.validate_rules`). `citekit.validate` runs them after the record and title rules.
"""

from __future__ import annotations

import re
from citekit.findings import Severity
from citekit.model import Record
from citekit.validate_rules import GUIDES, Hit, Rule

# Google Scholar's BibTeX writes initials together and without periods: "Smith, SA".
_INITIALS_TOGETHER = re.compile(r"^[A-Z]{2,3}$")
_NAMED_ROLES = ("author", "editor", "translator")


def _spaced(initials: str) -> str:
    return " ".join(f"{letter}." for letter in initials)


def check_initials_run_together(record: Record) -> list[Hit]:
    hits = []
    for role in _NAMED_ROLES:
        for name in record.get(role) or ():
            given, family = name.get("given") or "", name.get("family") or ""
            # A family name in capitals too ("SMITH, SA") is a byline in capitals, not initials.
            if _INITIALS_TOGETHER.match(given) and any(letter.islower() for letter in family):
                hits.append({"field": role, "name": f"{family}, {given}", "given": given, "spaced": _spaced(given)})
    return hits


NAME_RULES: tuple[Rule, ...] = (
    Rule("initials-run-together", "author", Severity.WARNING,
         'The given name "$given" of "$name" looks like initials written together, as Google Scholar writes them.',
         'If "$given" stands for initials, store them as "$spaced"; --fix leaves names to you, since "$given" may '
         "be a name.",
         {"mla": f'{GUIDES["mla"]} gives initials with periods and spaces ("Smith, S. A."); "$given" is printed as '
                 "written.",
          "apa": f'{GUIDES["apa"]} cites initials; "$given" is read as one given name and comes out as one initial, '
                 "losing the others.",
          "chicago": f'{GUIDES["chicago"]} gives initials with periods and spaces ("Smith, S. A."); "$given" is '
                     "printed as written."},
         check_initials_run_together),
)
