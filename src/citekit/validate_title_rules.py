"""The `validate` rules about how a title is written: spacing, a subtitle's capital, the day in a
date, title case for APA. Their checks and repairs are in `citekit.typography`.

In the order `validate --fix` applies them: extra spaces go first, so the suggestions after
them are made on a tidy title. `citekit.validate` runs them after `RECORD_RULES`.
"""

from __future__ import annotations

from citekit.findings import Severity
from citekit.typography import (
    BOOK_CONTAINERS,
    check_container_title_case,
    check_subtitle_starts_lowercase,
    check_title_case,
    check_title_extra_space,
    check_title_space_before_colon,
    check_title_zero_padded_day,
    repair_subtitle_starts_lowercase,
    repair_title_extra_space,
    repair_title_space_before_colon,
    repair_title_zero_padded_day,
)
from citekit.validate_rules import FAMILIES, GUIDES, Rule

INFO, WARNING = Severity.INFO, Severity.WARNING

# The sentence said after a suggestion --fix applies.
_APPLIED_BY_FIX = "This is a suggestion; the title is left as you wrote it unless you run citekit validate --fix."

TITLE_RULES: tuple[Rule, ...] = (
    Rule("title-extra-space", "title", INFO,
         "The title has $place.",
         f'Write "$suggested", with one space between words. {_APPLIED_BY_FIX}',
         {f: f"{GUIDES[f]} puts one space between words. citekit's citations print one, but a space at "
             "either end of the title is printed beside the punctuation around it, and exports keep the "
             "title as stored." for f in FAMILIES},
         check_title_extra_space, repair=repair_title_extra_space),
    Rule("title-space-before-colon", "title", INFO,
         'The title has a space before the colon ("$found"), which none of the guides use.',
         f'Remove the space before the colon: "$suggested". {_APPLIED_BY_FIX}',
         {f: f"{GUIDES[f]} separates title and subtitle with a colon and no space before it." for f in FAMILIES},
         check_title_space_before_colon, repair=repair_title_space_before_colon),
    Rule("subtitle-starts-lowercase", "title", INFO,
         'The subtitle starts with a lower-case word ("$found"); the guides capitalise the first word of a '
         "subtitle.",
         f'Capitalise it: "$suggested". {_APPLIED_BY_FIX}',
         {"mla": "MLA 9 capitalises the first word of a subtitle; its CSL style title-cases the title itself, so "
                 "the citation is right either way, but the stored title is not.",
          "apa": "APA 7 (6.17) capitalises the first word of a subtitle, in sentence case too, and CSL styles print "
                 "the title as stored for APA: it comes out in lower case.",
          "chicago": "Chicago capitalises the first word of a subtitle; its CSL styles title-case the title "
                     "themselves, so the citation is right either way, but the stored title is not."},
         check_subtitle_starts_lowercase, repair=repair_subtitle_starts_lowercase),
    Rule("title-case-in-apa", "title", INFO,
         "The title is stored in title case; APA 7 wants sentence case, and CSL styles print the title as "
         "stored for APA (MLA and Chicago title-case it themselves).",
         'Store the title in sentence case, keeping capitals only for proper nouns, e.g. "$suggested" (check '
         "names and places first; citekit cannot tell them apart, so --fix leaves this to you).",
         {"apa": "APA 7 (6.17) writes titles of works in sentence case: capital on the first word, on the first "
                 "word after a colon, and on proper nouns."},
         check_title_case, severity_by_style={"apa": WARNING}),
    Rule("title-case-in-apa", "container-title", INFO,
         "The title of the $container the $work appears in is stored in title case; APA 7 wants sentence case "
         "for it, and CSL styles print it as stored for APA (journal and website names are title case there).",
         'Store the $container title in sentence case, keeping capitals only for proper nouns, e.g. "$suggested" '
         "(check names and places first; citekit cannot tell them apart, so --fix leaves this to you).",
         {"apa": "APA 7 (6.17) writes the title of an edited book, dictionary or encyclopedia in sentence case, "
                 "like any book title; only the names of periodicals and websites are in title case."},
         check_container_title_case, types=frozenset(BOOK_CONTAINERS), severity_by_style={"apa": WARNING}),
    Rule("title-zero-padded-day", "title", INFO,
         'The title writes a day with a leading zero ("$found").',
         'Write "$suggested": the guides write days without a leading zero (citekit validate --fix does it).',
         {f: f"{GUIDES[f]} prints the title as you give it; it writes days without a leading zero."
          for f in FAMILIES},
         check_title_zero_padded_day, repair=repair_title_zero_padded_day),
)
