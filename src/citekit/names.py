"""Authors' names as bylines write them, as CSL names.

    "Zadie Smith and Tom Jones", "Smith, Zadie; Jones, Tom", "By Jane Doe", "Dr. Jane Doe, PhD"

MLA 9, APA 7 and Chicago cite a person by name alone: the byline's "By", honorifics ("Dr.",
"Prof.", "Rev.") and degrees ("PhD", "M.D.") are left out, while "Jr.", "Sr." and "III" stay,
as the CSL `suffix`. What is left out is returned with the names, so that a parser can say so.

Decisions worth knowing:
- "Sir" and "Dame" are kept: they are part of how a knight or dame is named, and guides differ.
- An honorific is left out only when a given and a family name remain: "Dr. Seuss" and "Mr. T"
  are how those authors are known, and the honorific stays, as the given name.
- Two comma-separated pieces are one inverted name ("Le Guin, Ursula K.", "de la Cruz, Juana
  Inés") when the first starts with a particle or the second holds an initial; otherwise two
  full names ("Zadie Smith, Tom Jones") are two people.
- A given name and a regnal number ("Elizabeth II", "Malcolm X") is kept as written: there is
  no family name to sort by.
- A degree written in capitals can also be initials: "Smith, J.D." is J. D. Smith, while
  "Jane Doe, J.D." and "Doe, Jane, J.D." hold a degree.
- A name is never emptied: what would leave nothing is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citekit.ids import NAME_PARTICLES, looks_like_organisation, looks_like_person

SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"})

# Compared in lower case without a final period: "Dr", "Dr.", "DR." are one honorific.
_HONORIFICS = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "rev", "reverend"})

# Degrees and post-nominal letters, written without periods or spaces ("Ph. D." is "PhD").
# "DO" (osteopathy) is left out: it is an English word far more often than a degree.
_DEGREES = frozenset("""
PhD DPhil EdD PsyD DSc DLitt DD ThD DMin MD DDS DMD DVM JD LLB LLM LLD
MA MS MSc MPhil MFA MBA MPH MEd MSW BA BS BSc BEd RN FRS FRSE FBA Esq
""".split())
_DEGREES_IN_CAPITALS = {degree.upper(): degree for degree in _DEGREES}

_BYLINE_WORD = re.compile(r"^by\s*:?\s+(?=\S)", re.IGNORECASE)  # "By Jane Doe", "BY: JANE DOE"
# "A; B", "A and B", "A, B, and C", "JANE DOE AND JOHN ROE"; "&" only between people (see below).
_NAME_SEPARATOR = re.compile(r"\s*;\s*|,?\s+and\s+", re.IGNORECASE)
_AMPERSAND = re.compile(r",?\s+&\s+")
_INITIAL = re.compile(r"(?:^|\s)[^\W\d_]\.")  # "Ursula K.", "W. E. B."
_REGNAL_NUMBER = re.compile(r"^(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3})$", re.IGNORECASE)


@dataclass
class AuthorNames:
    names: list[dict]
    # (the name as written, the honorifics and degrees left out of it), one pair a name.
    left_out: list[tuple[str, list[str]]] = field(default_factory=list)


def _degree(text: str) -> str | None:
    """The degree `text` writes ("Ph.D." -> "PhD", "PHD" -> "PhD"), or None."""
    compact = re.sub(r"[.\s]", "", text)
    if compact in _DEGREES:
        return compact
    return _DEGREES_IN_CAPITALS.get(compact) if compact.isupper() else None


def _could_be_initials(text: str) -> bool:
    """"MA", "J.D.": capitals only, so also the initials of given names."""
    return re.sub(r"[.\s]", "", text).isupper()


def is_honorific(word: str) -> bool:
    """"Dr.", "Prof", "Professor": a title before a name, not a name."""
    return word.lower().rstrip(".") in _HONORIFICS


def _is_suffix(text: str) -> bool:
    return text.lower() in SUFFIXES


# What library catalogues (Library of Congress, National Archives) add to a name heading: life
# dates and the person's role in making the item ("Lincoln, Abraham, 1809-1865", "Lange, Dorothea,
# photographer", "Department of State. (1789 - )"). The guides give the name alone. Roles that
# change how a work is cited (editor, translator, compiler) are not among them.
_LIFE_DATES = re.compile(r"^(?:(?:b|d|ca|approximately)\.?\s*)?\d{3,4}\??(?:\s*[-–]\s*(?:\d{3,4}\??)?)?$", re.I)
_EXISTENCE_DATES = re.compile(r"\.?\s*\(\s*\d{3,4}\s*[-–]\s*(?:\d{3,4})?\s*\)\s*$")
_CREATOR_ROLES = frozenset("""
    photographer artist illustrator author creator cartographer composer lyricist engraver lithographer
    printer architect designer draftsman sculptor painter correspondent speaker interviewee performer
""".split())


def _catalogue_addition(piece: str) -> bool:
    return bool(_LIFE_DATES.match(piece)) or piece.lower().rstrip(".") in _CREATOR_ROLES


def _without_catalogue_additions(pieces: list[str], left_out: list[str]) -> list[str]:
    """"Lincoln, Abraham, 1809-1865" without the life dates; a family and a given name stay."""
    while len(pieces) > 2 and _catalogue_addition(pieces[-1]):
        left_out.insert(0, pieces.pop())
    return pieces


def _without_trailing_degrees(pieces: list[str], left_out: list[str]) -> list[str]:
    """The comma-separated pieces of a name without the degrees at its end ("Jane Doe, MD")."""
    while len(pieces) > 1 and _degree(pieces[-1]):
        # "Smith, J.D.": a family name and initials, not a degree with no name in front of it.
        if len(pieces) == 2 and len(pieces[0].split()) == 1 and _could_be_initials(pieces[-1]):
            break
        left_out.insert(0, pieces.pop())
    return pieces


def _without_honorifics(words: list[str], keep: int, left_out: list[str]) -> list[str]:
    """`words` without leading honorifics, as long as `keep` words remain."""
    dropped = 0
    while len(words) - dropped > keep and is_honorific(words[dropped]):
        dropped += 1
    left_out[:0] = words[:dropped]
    return words[dropped:]


def _person(given_words: list[str], family_words: list[str], suffix: str | None) -> dict:
    name: dict[str, str] = {"family": " ".join(family_words)}
    if given_words:
        name["given"] = " ".join(given_words)
    if suffix:
        name["suffix"] = suffix
    return name


def _one_name(text: str) -> tuple[dict, list[str]]:
    """One CSL name, and the honorifics and degrees left out of it."""
    if len(text.split()) == 1 or looks_like_organisation(text):
        return {"literal": text}, []
    left_out: list[str] = []
    pieces = _without_trailing_degrees([p.strip() for p in text.split(",") if p.strip()], left_out)
    suffix = pieces.pop() if len(pieces) > 1 and _is_suffix(pieces[-1]) else None
    if len(pieces) == 2:  # "Smith, Zadie", "Doe, Dr. Jane"
        given = _without_honorifics(pieces[1].split(), 1, left_out)
        return _person(given, pieces[0].split(), suffix), left_out
    if len(pieces) != 1:
        return {"literal": text}, []
    words = pieces[0].split()
    # "Jane Doe PhD", written without the comma; a degree needs a given and a family name before it.
    while len(words) > 2 and _degree(words[-1]):
        left_out.insert(0, words.pop())
    if suffix is None and len(words) > 2 and _is_suffix(words[-1]):
        suffix = words.pop()
    words = _without_honorifics(words, 2, left_out)
    if len(words) < 2 or (len(words) == 2 and suffix is None and _REGNAL_NUMBER.match(words[1])):
        return {"literal": text}, []
    family_start = len(words) - 1  # "Vincent van Gogh": the particle stays with the family
    while family_start > 1 and words[family_start - 1] in NAME_PARTICLES:
        family_start -= 1
    return _person(words[:family_start], words[family_start:], suffix), left_out


def _name_groups(chunk: str) -> list[str]:
    """"Zadie Smith, Tom Jones" as two names; "King, Martin Luther, Jr." and "Jane Doe, MD" as one.

    A comma separates names only when every piece is a full name of its own; a degree or a
    suffix after a comma belongs to the name before it.
    """
    groups: list[list[str]] = []
    for piece in (p.strip() for p in chunk.split(",")):
        if not piece:
            continue
        if groups and (_degree(piece) or _is_suffix(piece)):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    if len(groups) == 2 and _is_inverted(groups[0][0], groups[1][0]):
        return [chunk]
    if len(groups) > 1 and all(len(group[0].split()) > 1 for group in groups):
        return [", ".join(group) for group in groups]
    return [chunk]


def _is_inverted(first: str, second: str) -> bool:
    """"Le Guin, Ursula K.": a family name that starts with a particle, or given names with an initial."""
    return first.split()[0].lower() in NAME_PARTICLES or bool(_INITIAL.search(second))


def _split_at_ampersands(text: str) -> list[str]:
    """"Jane Doe & John Roe" as two people; "Procter & Gamble", "Simon & Schuster" stay one name."""
    parts = _AMPERSAND.split(text)
    if len(parts) > 1 and all(looks_like_person(part) for part in parts):
        return parts
    return [text]


def read_author_names(text: str) -> AuthorNames:
    """The names in a byline, and what the guides leave out of them.

    One token, a generic byline or an organisation gives one `literal` name.
    """
    text = _BYLINE_WORD.sub("", text.strip(), count=1)
    found = AuthorNames([])
    existence = _EXISTENCE_DATES.search(text)
    if existence and existence.start() > 0 and ";" not in text:
        # "Department of State. (1789 - )", "Farm Security Administration. (1937 - 1942)": a catalogue
        # gives an agency the years it existed, so the name before them is a group's, kept whole;
        # "Smith, John (1900-1980)" is a person's, inverted.
        original, text = text, text[:existence.start()].strip()
        found.left_out.append((original, [existence.group(0).strip(" .")]))
        if "," not in text:
            found.names.append({"literal": text})
            return found
    pieces = [piece.strip() for piece in text.split(",")]
    if ";" not in text and len(pieces) > 2 and _catalogue_addition(pieces[-1]):
        # One catalogue heading, "Lincoln, Abraham, 1809-1865": before any test for an organisation
        # (its digits) or for several names (its commas).
        additions: list[str] = []
        original, text = text, ", ".join(_without_catalogue_additions(pieces, additions))
        found.left_out.append((original, additions))
    people = _split_at_ampersands(text)
    if len(people) == 1 and looks_like_organisation(text):
        found.names.append({"literal": text})
        return found
    chunks = [chunk.strip() for person in people for chunk in _NAME_SEPARATOR.split(person)]
    for chunk in chunks:
        for written in _name_groups(chunk) if chunk else ():
            name, left_out = _one_name(written)
            found.names.append(name)
            if left_out:
                found.left_out.append((written, left_out))
    return found


def parse_author_names(text: str) -> list[dict]:
    """"Zadie Smith and Tom Jones", "Smith, Zadie; Jones, Tom", "Staff" as CSL names."""
    return read_author_names(text).names
