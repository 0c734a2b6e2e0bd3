"""RIS writer: records as the tagged lines Zotero, EndNote and Mendeley import.

Our own writer, not rispy's: rispy writes a value holding a line break as it is, so a title
"x\\nER  - \\nTY  - BOOK" would end the record and start a forged one. Every value here is
put on its tag's line with each line break (any of Unicode's) turned into a space; a note's
lines become one N1 tag each, which our RIS reader joins back with line breaks.

Tags follow the RIS specification, chosen so that `citekit.sources.ris` reads the file back
into the same records: ID is the record's id, T2 the container of an article or chapter, T3
the series; SP of a whole book is its number of pages. KW holds both the CSL `keyword`s and
citekit's tags (`custom.tags`): RIS has one tag for the two, and reference managers read it as
their tags. Titles are written without their CSL rich-text markup (`<span class="nocase">`,
`<i>`): RIS is plain text, and its readers would show the tags. What RIS cannot hold is
reported, never dropped silently; the fields of a .bib entry that the importer keeps in the
record's `bibtex` object are named by their BibTeX names ("the BibTeX fields eprinttype, eprint").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from citekit.csl_markup import plain_text
from citekit.findings import Finding, Severity
from citekit.library_index import record_tags
from citekit.library_search import fold
from citekit.render.richtext import line_breaks_as_spaces

if TYPE_CHECKING:
    from citekit.model import Record

# CSL type -> RIS type, each read back as the same CSL type by our RIS reader.
TYPES: dict[str, str] = {
    "article-journal": "JOUR", "periodical": "JFULL", "article-magazine": "MGZN",
    "article-newspaper": "NEWS", "book": "BOOK", "chapter": "CHAP", "paper-conference": "CPAPER",
    "webpage": "ELEC", "post-weblog": "BLOG", "personal_communication": "PCOMM", "thesis": "THES",
    "report": "RPRT", "document": "GEN", "manuscript": "UNPB", "pamphlet": "PAMP", "patent": "PAT",
    "bill": "BILL", "legal_case": "CASE", "legislation": "STAT", "regulation": "LEGAL",
    "hearing": "HEAR", "standard": "STAND", "map": "MAP", "graphic": "ART", "figure": "FIGURE",
    "speech": "SLIDE", "software": "COMP", "dataset": "DATA", "motion_picture": "MPCT",
    "song": "SOUND", "musical_score": "MUSIC", "entry-encyclopedia": "ENCYC",
    "entry-dictionary": "DICT", "classic": "CLSWK",
}
# CSL types RIS has no type for: the nearest RIS type (reported, as it reads back differently).
NEAREST_TYPES: dict[str, str] = {
    "article": "JOUR", "post": "BLOG", "review": "JOUR", "review-book": "JOUR", "entry": "ENCYC",
    "collection": "BOOK", "broadcast": "MPCT", "interview": "PCOMM", "event": "CONF",
    "performance": "GEN", "treaty": "STAT",
}
_WHOLE_WORKS = {"BOOK", "THES", "RPRT"}  # their T2 is a series, so a container has no tag

_NAME_TAGS = (("author", "AU"), ("editor", "A2"), ("collection-editor", "A3"), ("translator", "A4"))
_TEXT_TAGS = (("title", "TI"), ("container-title-short", "J2"), ("collection-title", "T3"),
              ("publisher", "PB"), ("publisher-place", "CY"), ("volume", "VL"), ("issue", "IS"),
              ("number-of-volumes", "NV"), ("edition", "ET"), ("language", "LA"), ("title-short", "ST"),
              ("genre", "M3"), ("section", "SE"), ("call-number", "CN"), ("source", "DP"),
              ("abstract", "AB"), ("DOI", "DO"), ("URL", "UR"))
# Variables that may hold CSL rich-text markup, written as their plain text.
_TITLE_VARIABLES = frozenset({"title", "container-title", "container-title-short", "collection-title",
                              "title-short"})
# Variables this writer places somewhere (those not listed are reported as not written).
_WRITTEN = ({variable for variable, _ in _NAME_TAGS} | {variable for variable, _ in _TEXT_TAGS}
            | {"id", "type", "container-title", "issued", "accessed", "page", "number-of-pages",
               "ISBN", "ISSN", "keyword", "note", "custom"})
_SEASONS = {1: "Spring", 2: "Summer", 3: "Fall", 4: "Winter"}


def _value(text: Any) -> str:
    """One tag's value: one line, no control characters, no surrounding spaces."""
    return re.sub(r" {2,}", " ", line_breaks_as_spaces(str(text))).strip(" ")


def _name(name: dict[str, Any]) -> str:
    """RIS writes people "Family, Given, Suffix"; an organisation is its name (no comma)."""
    if name.get("literal"):
        return name["literal"]
    family = " ".join(part for part in (name.get("non-dropping-particle"), name.get("family")) if part)
    given = " ".join(part for part in (name.get("given"), name.get("dropping-particle")) if part)
    suffix = name.get("suffix")
    if not family:  # "Plato": a single name, read back as an organisation-style literal
        return " ".join(part for part in (given, suffix) if part)
    return ", ".join([family, given] + ([suffix] if suffix else [])) if given or suffix else f"{family},"


def _date(date: dict[str, Any]) -> str | None:
    """RIS's "YYYY/MM/DD/other" (empty parts allowed), the first date of a range, or the raw text."""
    parts = (date.get("date-parts") or [[]])[0]
    if parts:
        fields = [f"{int(parts[0]):04d}"] + [f"{int(p):02d}" for p in parts[1:3]]
        fields += [""] * (3 - len(fields))
        season = date.get("season")
        other = _SEASONS.get(int(season), str(season)) if str(season or "").isdigit() else (season or "")
        return "/".join(fields) + (f"/{other}" if other and len(parts) == 1 else "")
    return date.get("raw") or date.get("literal")


def _text(item: dict[str, Any], variable: str) -> Any:
    value = item[variable]
    return plain_text(value) if variable in _TITLE_VARIABLES and isinstance(value, str) else value


def _keywords(item: dict[str, Any]) -> list[str]:
    """The CSL keywords ("history, medicine") and then the tags, each once (case and accents ignored)."""
    words = [word.strip() for word in str(item.get("keyword") or "").split(",") if word.strip()]
    words += record_tags(item)
    seen: set[str] = set()
    unique = []
    for word in words:
        key = fold(" ".join(_value(word).split()))
        if key and key not in seen:
            seen.add(key)
            unique.append(word)
    return unique


def _pages(page: str) -> tuple[str, str | None]:
    """"12-34" (or with an en dash) as SP 12 and EP 34; anything else as SP alone."""
    match = re.fullmatch(r"\s*([^-\u2013\u2014,\s]+)\s*[-\u2013\u2014]+\s*([^-\u2013\u2014,\s]+)\s*", page)
    return (match[1], match[2]) if match else (page, None)


def _record_lines(item: dict[str, Any], report) -> list[tuple[str, Any]]:
    csl_type = item.get("type") or "document"
    ris_type = TYPES.get(csl_type)
    if ris_type is None:
        ris_type = NEAREST_TYPES.get(csl_type, "GEN")
        report("ris-type-approximated", Severity.INFO,
               f"RIS has no type for '{csl_type}'; written as {ris_type}, which reads back as another type",
               "type")
    lines: list[tuple[str, Any]] = [("TY", ris_type)]
    if item.get("id") not in (None, ""):
        lines.append(("ID", item["id"]))  # right after TY, where RIS files usually give it
    for variable, tag in _NAME_TAGS:
        lines += [(tag, _name(name)) for name in item.get(variable) or [] if isinstance(name, dict)]
    for variable, tag in _TEXT_TAGS:
        if item.get(variable) not in (None, ""):
            lines.append((tag, _text(item, variable)))
        if variable == "title" and item.get("container-title"):
            if ris_type in _WHOLE_WORKS:
                report("ris-container-not-written", Severity.WARNING,
                       f"a {csl_type} has no RIS tag for a container title; "
                       f"'{_value(_text(item, 'container-title'))}' is not written", "container-title")
            else:
                lines.append(("T2", _text(item, "container-title")))
    issued = item.get("issued")
    if isinstance(issued, dict):
        written = _date(issued)
        parts = (issued.get("date-parts") or [[]])[0]
        if written and parts:
            lines.append(("PY", f"{int(parts[0]):04d}"))
            if len(parts) > 1 or issued.get("season"):
                lines.append(("DA", written))
        elif written:
            lines.append(("DA", written))
        if len(issued.get("date-parts") or []) > 1:
            report("ris-date-range-shortened", Severity.INFO,
                   "RIS has no date ranges; only the first date of the range is written", "issued")
    accessed = item.get("accessed")
    if isinstance(accessed, dict) and _date(accessed):
        lines.append(("Y2", _date(accessed)))
    if ris_type == "BOOK" and item.get("number-of-pages"):
        lines.append(("SP", item["number-of-pages"]))
    elif item.get("page"):
        first, last = _pages(str(item["page"]))
        lines += [("SP", first)] + ([("EP", last)] if last else [])
    serial = item.get("ISBN") or item.get("ISSN")
    if serial:
        lines.append(("SN", serial))
    lines += [("KW", word) for word in _keywords(item)]
    note = item.get("note")
    if note:
        # Our reader joins N1 tags with line breaks: a note's lines come back as they were.
        lines += [("N1", line) for line in re.split(r"\r\n|\r|\n", str(note)) if line.strip()]
    unwritten = sorted(key for key in item if key not in _WRITTEN and item[key] not in (None, "", [])
                       and not (key == "bibtex" and isinstance(item[key], dict)))
    if ris_type == "BOOK" and item.get("page"):
        unwritten.append("page")
    if ris_type != "BOOK" and item.get("number-of-pages"):
        unwritten.append("number-of-pages")  # SP holds it for a book only; elsewhere SP is the first page
    if item.get("ISBN") and item.get("ISSN"):
        unwritten.append("ISSN")  # one SN tag, which holds the ISBN
    custom = item.get("custom")
    if isinstance(custom, dict):  # only its tags have a RIS tag
        unwritten += sorted(f"custom.{key}" for key, value in custom.items()
                            if key != "tags" and value not in (None, "", [], {}))
    elif custom not in (None, "", [], {}):
        unwritten.append("custom")
    bibtex_fields = _bibtex_fields(item.get("bibtex"))
    if unwritten or bibtex_fields:
        report("ris-fields-not-written", Severity.INFO, _not_written_message(unwritten, bibtex_fields), None)
    return lines


def _bibtex_fields(kept: Any) -> list[str]:
    """The fields of a .bib entry that no CSL variable took, which the importer keeps in the record's
    `bibtex` object, in the file's order. Its `entrytype` is left out: RIS's TY gives the type."""
    if not isinstance(kept, dict):
        return []
    return [name for name, value in kept.items() if name != "entrytype" and value not in (None, "", [])]


def _not_written_message(variables: list[str], bibtex_fields: list[str]) -> str:
    """"RIS has no tag citekit writes for: medium", naming the BibTeX fields by their own names."""
    fields = ""
    if bibtex_fields:
        fields = f"the BibTeX field{'s' if len(bibtex_fields) > 1 else ''} {', '.join(bibtex_fields)}"
    if not variables:
        return f"RIS has no tag citekit writes for {fields}"
    listed = f"RIS has no tag citekit writes for: {', '.join(variables)}"
    return f"{listed}; nor for {fields}" if fields else listed


def export_ris(records: list[Record]) -> tuple[str, list[Finding]]:
    """The records as RIS text (one block per record, ending "ER  - "), and what RIS could not hold."""
    blocks: list[str] = []
    findings: list[Finding] = []
    for record in records:
        item = record if isinstance(record, dict) else record.to_csl()
        record_id = str(item.get("id"))

        def report(code: str, severity: Severity, message: str, field: str | None) -> None:
            findings.append(Finding(code, severity, message, field=field, record_id=record_id))

        lines = []
        for tag, value in _record_lines(item, report):
            text = _value(value)
            if text or tag == "TY":
                lines.append(f"{tag}  - {text}")
        lines.append("ER  - ")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks), findings


def write_ris(records: list[Record]) -> str:
    return export_ris(records)[0]
