"""Citation keys for BibTeX and biblatex: kept when the user set one, generated otherwise.

The key of a record:
1. Its user-set key, when BibTeX and biber accept it as one (`is_valid_citekey`): the CSL
   `citation-key` variable if it has one, else its `id` ("lenin-armistice" stays
   "lenin-armistice"). A student may already cite it by that key.
2. Otherwise a generated key (`generated_citekey`): author + year + first significant title
   word, lower-case ASCII, no separators: "smith2000white".
   - author: the family name of the first author (else editor) without particles
     ("van der Berg" -> "berg"), or the first significant word of an organisation's name
     ("Food and Agriculture Organization..." -> "food"); a placeholder byline ("Staff") is
     no author. Accents are dropped ("Müller" -> "muller"); letters with no ASCII form
     (Cyrillic, CJK) leave nothing.
   - year: of the issued date ("-0399" -> "399bc"); none without one (nothing invented).
   - title word: the first that is not an article, preposition, conjunction, month or
     number (`citekit.ids.significant_title_words`), markup removed.
   - nothing at all -> "ref".
Collisions (compared without case, as BibTeX does):
- Records whose generated keys are equal all get a suffix, a, b, c ... z, aa, ab ... (as
  author-year labels do: "smith2000whitea", "smith2000whiteb"), also when the key equals a
  user-set one. The letters follow the records' content (their CSL-JSON, sorted), never the
  input order, so the same records get the same keys on every run, in any order.
- A user-set key that an earlier record already holds (a duplicate id) is suffixed the same
  way, in input order, and reported.
"""

from __future__ import annotations

import json
import re

from citekit.findings import Finding, Severity
from citekit.ids import ascii_fold, is_generic_byline, letter_suffixes, significant_title_words
from citekit.model import Name, Record

# Letters, digits and "- _ : . /": what BibTeX, biber, natbib's and biblatex's \cite, and
# hyperref's anchors all accept, with or without babel's active characters.
_VALID_KEY = re.compile(r"[A-Za-z0-9_:./-]+")
_TAG = re.compile(r"<[^>]*>")
FALLBACK_KEY = "ref"


def is_valid_citekey(key: str) -> bool:
    """True when BibTeX and biber both accept `key` as an entry key."""
    return bool(_VALID_KEY.fullmatch(key))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())


def _author_part(names: list[Name] | None) -> str:
    for name in names or []:
        if name.family:
            if not name.given and is_generic_byline(name.family):
                continue
            return _slug(name.family)
        text = name.literal or name.given or ""
        if is_generic_byline(text):
            continue
        words = significant_title_words(text)
        return words[0] if words else _slug(text)
    return ""


def _year_part(record: Record) -> str:
    year = record.issued.year if record.issued is not None else None
    if year is None:
        return ""
    return f"{-year}bc" if year < 0 else str(year)


def generated_citekey(record: Record) -> str:
    """The key the scheme gives a record, before collisions are resolved."""
    author = _author_part(record.author) or _author_part(record.editor)
    title = _TAG.sub("", record.title or "")
    words = significant_title_words(title)
    return (author + _year_part(record) + (words[0] if words else "")) or FALLBACK_KEY


def user_citekey(record: Record) -> str | None:
    """The key the user set for the record, if BibTeX and biber accept it."""
    for candidate in ((record.model_extra or {}).get("citation-key"), record.id):
        if isinstance(candidate, str) and is_valid_citekey(candidate):
            return candidate
    return None


def citekey(record: Record) -> str:
    """The key of one record on its own: its user-set key, else its generated key."""
    return user_citekey(record) or generated_citekey(record)


def _suffixed(base: str, taken: set[str]) -> str:
    for letters in letter_suffixes():
        if (base + letters).lower() not in taken:
            return base + letters
    raise AssertionError("unreachable: the suffixes never run out")


def assign_citekeys(records: list[Record]) -> tuple[list[str], list[Finding]]:
    """One distinct key per record, as the module docstring says, and what was changed."""
    keys: list[str | None] = [None] * len(records)
    taken: set[str] = set()
    findings: list[tuple[int, Finding]] = []
    generated: dict[str, list[int]] = {}
    for index, record in enumerate(records):
        key = user_citekey(record)
        if key is None:
            generated.setdefault(generated_citekey(record).lower(), []).append(index)
        elif key.lower() in taken:
            keys[index] = _suffixed(key, taken)
            taken.add(keys[index].lower())
            findings.append((index, _changed(record, keys[index],
                                             "another record already has this key")))
        else:
            keys[index] = key
            taken.add(key.lower())
    for base_lower in sorted(generated):
        group = sorted(generated[base_lower],
                       key=lambda i: json.dumps(records[i].to_csl(), sort_keys=True, default=str))
        base = generated_citekey(records[group[0]])
        for index in group:
            if len(group) == 1 and base.lower() not in taken:
                keys[index] = base
            else:
                keys[index] = _suffixed(base, taken)
            taken.add(keys[index].lower())
            findings.append((index, _changed(records[index], keys[index],
                                             "its id is not a key BibTeX and biber accept")))
    findings.sort(key=lambda pair: pair[0])
    return [key for key in keys if key is not None], [finding for _, finding in findings]


def _changed(record: Record, key: str, why: str) -> Finding:
    return Finding("export-key-changed", Severity.WARNING,
                   f"The record '{record.id}' is written with the key '{key}': {why}.",
                   field="id", record_id=record.id,
                   fix=f"cite it as '{key}', or give it an id of letters, digits and - _ : . /")
