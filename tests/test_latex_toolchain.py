"""The exported .bib files, compiled by the real toolchain as a student's template would.

- tests/corpus/tricky-records.json (every hazard of the export rules, every CSL type): BibTeX
  with pdflatex + bibtex + plainnat (natbib), and biblatex with pdflatex + biber
  (`style=authoryear`, `--validate-datamodel`). Templates: `[T1]{fontenc}`, `[utf8]{inputenc}`,
  url or hyperref, nothing added for us. Any LaTeX error fails, so does a character pdflatex
  cannot set or drops, a BibTeX or biber error, a bibliography without every record, and a
  warning that is not about data the record really lacks.
- biblatex's own biblatex-examples.bib: imported by citekit, exported as biblatex, compiled
  with biber; every entry typeset, every field of the source kept (compared as pybtex reads
  both files, LaTeX decoded), and no data-model warning the source itself does not have.
LaTeX runs in a temporary folder with `-interaction=nonstopmode -halt-on-error` and a timeout.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

if shutil.which("pdflatex") is None:
    pytest.skip("pdflatex is not installed; .ci/run installs texlive-latex-base "
                "texlive-latex-recommended texlive-bibtex-extra biber", allow_module_level=True)

from citekit.export.bibtex import export_bibtex  # noqa: E402
from citekit.export.latex import latex_form  # noqa: E402
from citekit.model import records_from_csl  # noqa: E402

CORPUS = Path(__file__).parent / "corpus" / "tricky-records.json"
EXAMPLES = Path("/usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib")
TIMEOUT = 120
HEAD = "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n"
# \tracinglostchars=2 only makes pdflatex log a glyph it would silently drop.
NATBIB = HEAD + ("\\usepackage{natbib}\n\\usepackage{url}\n\\tracinglostchars=2\n"
                 "\\begin{document}\n\\nocite{*}\n\\bibliographystyle{plainnat}\n"
                 "\\bibliography{refs}\n\\end{document}\n")
BIBLATEX = HEAD + ("\\usepackage[style=authoryear]{biblatex}\n\\addbibresource{refs.bib}\n"
                   "\\usepackage{hyperref}\n\\tracinglostchars=2\n\\begin{document}\n"
                   "\\nocite{*}\n\\printbibliography\n\\end{document}\n")


@dataclass
class Compiled:
    bib: str
    keys: list[str]  # in the .bib
    log: str  # pdflatex's, of the run that typeset the bibliography
    returncode: int
    bbl: str
    tool: str  # bibtex's or biber's output


def _run(command: list[str], folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, errors="replace",
                          timeout=TIMEOUT, stdin=subprocess.DEVNULL)


def _pdflatex(folder: Path) -> subprocess.CompletedProcess:
    return _run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], folder)


def compile_bib(folder: Path, bib: str, *, biblatex: bool) -> Compiled:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "refs.bib").write_text(bib, encoding="utf-8")
    (folder / "doc.tex").write_text(BIBLATEX if biblatex else NATBIB, encoding="utf-8")
    first = _pdflatex(folder)
    assert first.returncode == 0, first.stdout[-2000:]
    tool = _run(["biber", "--validate-datamodel", "doc"] if biblatex else ["bibtex", "doc"], folder)
    second = _pdflatex(folder)
    return Compiled(bib, re.findall(r"^@(?!preamble)\w+\{([^,]+),", bib, re.MULTILINE),
                    (folder / "doc.log").read_text(encoding="utf-8", errors="replace"),
                    second.returncode, (folder / "doc.bbl").read_text(encoding="utf-8", errors="replace"),
                    tool.stdout + tool.stderr)


def latex_problems(log: str) -> list[str]:
    return [line for line in log.splitlines()
            if line.startswith("!") or "not set up for use with LaTeX" in line
            or line.startswith("Missing character")]


@pytest.fixture(scope="module")
def corpus():
    records = records_from_csl(json.loads(CORPUS.read_text(encoding="utf-8")))
    return {record.id: record for record in records}


def _exported(corpus, dialect):
    text, _ = export_bibtex(list(corpus.values()), dialect)
    return text


@pytest.fixture(scope="module")
def natbib(corpus, tmp_path_factory):
    return compile_bib(tmp_path_factory.mktemp("natbib"), _exported(corpus, "bibtex"), biblatex=False)


@pytest.fixture(scope="module")
def biblatex(corpus, tmp_path_factory):
    return compile_bib(tmp_path_factory.mktemp("biblatex"), _exported(corpus, "biblatex"), biblatex=True)


def _record_of_key(corpus, compiled: Compiled):
    return dict(zip(compiled.keys, corpus.values()))


# What a field left empty means about the record: it has none of these variables.
_DATA_FOR_FIELD = {
    "year": {"issued"}, "date": {"issued"}, "author": {"author"}, "editor": {"editor"},
    "title": {"title"}, "journal": {"container-title"}, "journaltitle": {"container-title"},
    "booktitle": {"container-title"}, "note": {"note", "archive", "accessed"},
    "publisher": {"publisher"}, "institution": {"publisher"}, "school": {"publisher"},
    "type": {"genre"}, "url": {"URL"}, "doi": {"DOI"}, "eprint": {"PMID", "PMCID"},
}


def _lacks(record, fields: list[str]) -> bool:
    data = record.to_csl()
    return all(not data.get(variable) for field in fields for variable in _DATA_FOR_FIELD[field])


def test_corpus_has_every_hazard_and_every_csl_type(corpus):
    from citekit.model import CSL_TYPES

    assert len(corpus) >= 40
    assert {record.type for record in corpus.values()} == set(CSL_TYPES)
    lenin = corpus["lenin-armistice"].to_csl()
    assert lenin == {"id": "lenin-armistice", "type": "webpage", "accessed": {"date-parts": [[2018, 3, 22]]},
                     "author": [{"literal": "Staff"}], "publisher": "A+E Networks",
                     "title": "November 08, 1917 : New Russian leader Lenin calls for immediate armistice"}
    titles = " ".join(record.title or "" for record in corpus.values())
    for hazard in ("$x^2$", "$", "^", "\\", "&", "%", "#", "_", "{", "}", "~", "<i>", "<sup>", "<sub>",
                   "<b>", 'class="nocase"', "small-caps", "iPhone", "NASA"):
        assert hazard in titles, hazard
    assert corpus["empty-title"].title == "" and corpus["no-year"].issued is None
    assert "%" in corpus["url-percent-hash"].URL and "#" in corpus["url-percent-hash"].URL


def test_bibtex_natbib_plainnat_compiles_every_record(corpus, natbib):
    assert natbib.returncode == 0 and latex_problems(natbib.log) == []
    assert "error message" not in natbib.tool, natbib.tool
    bibitems = re.findall(r"\\bibitem\[.*?\]\{([^}]+)\}", natbib.bbl, re.DOTALL)
    assert len(bibitems) == len(corpus) == 69
    assert sorted(bibitems) == sorted(natbib.keys)


def test_bibtex_warns_only_about_data_the_records_lack(corpus, natbib):
    records = _record_of_key(corpus, natbib)
    warnings = re.findall(r"^Warning--(.*)$", natbib.tool, re.MULTILINE)
    assert warnings  # the corpus has records without year, author, title
    for warning in warnings:
        empty = re.fullmatch(r"empty (\w+) in (\S+)", warning)
        sort = re.fullmatch(r"to sort, need author or key in (\S+)", warning)
        assert empty or sort, warning
        if empty:
            assert _lacks(records[empty[2]], [empty[1]]), warning
        else:  # plainnat sorts most types by author alone
            assert _lacks(records[sort[1]], ["author"]), warning


def test_biblatex_biber_compiles_every_record(corpus, biblatex):
    assert biblatex.returncode == 0 and latex_problems(biblatex.log) == []
    assert "ERROR" not in biblatex.tool, biblatex.tool
    entries = re.findall(r"\\entry\{([^}]+)\}", biblatex.bbl)
    assert len(entries) == len(corpus) == 69
    assert sorted(entries) == sorted(biblatex.keys)


def test_biber_datamodel_warnings_are_only_about_missing_data(corpus, biblatex):
    records = _record_of_key(corpus, biblatex)
    warnings = re.findall(r"^WARN - (.*)$", biblatex.tool, re.MULTILINE)
    assert warnings  # the Lenin record has no date and no URL, and says so
    for warning in warnings:
        missing = re.fullmatch(r"Datamodel: Entry '([^']+)' \([^)]*\): Missing mandatory field "
                               r"(?:'(\w+)'|- one of '([\w, ]+)' must be defined)", warning)
        assert missing, warning  # an invalid field or value would be our mistake
        fields = [missing[2]] if missing[2] else missing[3].split(", ")
        assert _lacks(records[missing[1]], fields), warning


def test_pdflatex_gets_a_placeholder_not_an_error_for_characters_it_cannot_set(natbib, biblatex):
    # Cyrillic and CJK have no form in a T1 document: kept in the .bib, declared in @preamble.
    assert "author = {Ленин, Владимир Ильич}," in natbib.bib
    assert "\\citekitdeclare{Л}{\\citekitnoglyph{041B}}" in natbib.bib
    assert "\\citekitdeclare{论}{\\citekitnoglyph{8BBA}}" in biblatex.bib
    # Greek has a LaTeX form: BibTeX writes it; biblatex keeps UTF-8 and declares the form.
    assert "{\\ensuremath{\\alpha}}" in natbib.bib
    assert "\\citekitdeclare{α}{{\\ensuremath{\\alpha}}}" in biblatex.bib
    assert "\\citekitnoglyph" in natbib.bbl  # the @preamble reached the document


def test_every_latex_form_we_write_compiles_in_a_plain_template(tmp_path):
    from pylatexenc.latexencode._uni2latexmap import uni2latex

    composed = "ễịǐșțǎḥṭẓḍṇṛṣṁȯẏ"  # forms pylatexenc lacks, built from their accents
    chars = [chr(code) for code in uni2latex if code > 127] + list(composed)
    forms = [(char, latex_form(char)) for char in chars]
    written = [form for _, form in forms if form is not None]
    assert len(written) > 800 and all(latex_form(c) for c in composed)
    body = "\n".join(f"{form}\\par" for form in written)
    (tmp_path / "doc.tex").write_text(HEAD + "\\tracinglostchars=2\n\\begin{document}\n" + body
                                      + "\n\\end{document}\n", encoding="utf-8")
    result = _pdflatex(tmp_path)
    log = (tmp_path / "doc.log").read_text(encoding="utf-8", errors="replace")
    assert result.returncode == 0 and latex_problems(log) == []


# --- biblatex-examples.bib, read back and written again ---------------------------------------

@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    assert EXAMPLES.exists(), "biblatex-examples.bib comes with Debian's texlive-bibtex-extra"
    from citekit.sources.bibtex import parse_bibtex

    source = EXAMPLES.read_text(encoding="utf-8")
    parsed = parse_bibtex(source, source=str(EXAMPLES))
    text, findings = export_bibtex(parsed.records, "biblatex")
    folder = tmp_path_factory.mktemp("examples")
    return {
        "records": parsed.records, "findings": findings,
        "exported": compile_bib(folder / "exported", text, biblatex=True),
        "source": compile_bib(folder / "source", source, biblatex=True),
    }


def test_biblatex_examples_round_trip_typesets_every_entry(examples):
    from pybtex.database import parse_file

    source_keys = list(parse_file(str(EXAMPLES), "bibtex").entries)
    assert len(source_keys) == len(examples["records"]) == 92
    exported = examples["exported"]
    assert exported.returncode == 0 and latex_problems(exported.log) == []
    assert "ERROR" not in exported.tool
    entries = set(re.findall(r"\\entry\{([^}]+)\}", exported.bbl))
    assert set(source_keys) <= entries
    assert examples["findings"] == []  # nothing left unwritten, no key changed


def test_biblatex_examples_round_trip_adds_no_datamodel_warning(examples):
    def warnings(compiled: Compiled) -> set[str]:
        found = re.findall(r"^WARN - Datamodel: Entry '([^']+)' \([^)]*\): (.*)$", compiled.tool, re.MULTILINE)
        return {f"{key}: {message}" for key, message in found if not re.fullmatch(r"[0-9a-f]{32}", key)}

    source, exported = warnings(examples["source"]), warnings(examples["exported"])
    assert len(source) == 10  # the source's own, e.g. an integer volume "A" in knuth:ct:a
    assert exported == source


# Comparing fields by what they mean: LaTeX decoded (biblatex's own commands too), names as
# their parts, a year and month as the date they give.
_BIBLATEX_MACROS = {"mkbibquote": "\u201c%s\u201d", "enquote": "\u201c%s\u201d", "autocap": "%s",
                    "texttt": "%s", "hyphen": "-", "slash": "/", "TeX": "TeX", "LaTeX": "LaTeX"}
_NAME_FIELDS = {"author", "editor", "editora", "editorb", "editorc", "translator", "bookauthor",
                "commentator", "annotator", "introduction", "foreword", "afterword", "holder"}
# A title, its subtitle and its addon become one CSL title ("Title: Subtitle. Addon"); so do
# a note and its addendum. (head, separator) for each part.
_MERGED = {"subtitle": ("title", ": "), "titleaddon": ("title", ". "),
           "booksubtitle": ("booktitle", ": "), "booktitleaddon": ("booktitle", ". "),
           "mainsubtitle": ("maintitle", ": "), "maintitleaddon": ("maintitle", ". "),
           "journalsubtitle": ("journaltitle", ": "), "addendum": ("note", ". ")}
_RENAMED = {"journal": "journaltitle", "address": "location", "hyphenation": "langid",
            "origyear": "origdate", "year": "date", "month": "date"}
_PUBLISHERS = ("publisher", "institution", "organization", "school", "howpublished")
_SAME_LANGUAGE = {"german": "ngerman", "austrian": "naustrian"}
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
# Deliberately not kept as a field: the importer resolves crossref (biber's inheritance)
# into the child's own fields, which are all written.
NOT_PRESERVED = {("westfahl:space", "crossref")}


def meaning_decoder():
    """LaTeX -> text with biblatex's commands known, spaces collapsed."""
    from pylatexenc import latex2text, latexwalker, macrospec

    context = latex2text.get_default_latex_context_db()
    context.add_context_category("biblatex", prepend=True, macros=[
        latex2text.MacroTextSpec(name, simplify_repl=text) for name, text in _BIBLATEX_MACROS.items()])
    walker_context = latexwalker.get_default_latex_context_db()
    walker_context.add_context_category("biblatex", prepend=True, macros=[
        macrospec.MacroSpec(name, "{" if "%s" in text else "") for name, text in _BIBLATEX_MACROS.items()])
    decoder = latex2text.LatexNodes2Text(latex_context=context, math_mode="verbatim")

    def decode(value: str) -> str:
        nodes = latexwalker.LatexWalker(value, latex_context=walker_context).get_latex_nodes()[0]
        return " ".join(decoder.nodelist_to_text(nodes).replace("\u00a0", " ").split())

    return decode


@pytest.fixture(scope="module")
def meaning():
    return meaning_decoder()


def _joined(head: str, tail: str, separator: str) -> str:
    return f"{head} {tail}" if head[-1:] in "?!:." else f"{head}{separator}{tail}"


def _people(value: str, decode) -> list[tuple]:
    from pybtex.database import Person
    from pybtex.database.input.bibtex import split_name_list

    return [tuple(decode(" ".join(part)) for part in (p.first_names, p.middle_names, p.prelast_names,
                                                     p.last_names, p.lineage_names))
            for p in map(Person, split_name_list(value))]


def _iso_date(fields: dict[str, str], decode) -> str:
    date = decode(fields["year"])
    if "month" in fields:
        month = decode(fields["month"]).lower()
        number = _MONTHS.index(month) + 1 if month in _MONTHS else int(month)
        date += f"-{number:02d}"
    return date


def _merged_value(source: dict[str, str], head: str, decode) -> str:
    """The one title (or note) a head field and its parts become, as the importer joins them."""
    text = decode(source.get(head) or (source.get("journal", "") if head == "journaltitle" else ""))
    for part, (field, separator) in _MERGED.items():
        if field == head and part in source:
            text = _joined(text, decode(source[part]), separator)
    return text


def compare_entry(source: dict[str, str], exported: dict[str, str], decode) -> dict[str, str]:
    """How each source field survived: "same", "renamed", "merged", or "lost"."""
    out = {name: decode(value) for name, value in exported.items()}
    heads = {head for part, (head, _) in _MERGED.items() if part in source}
    result = {}
    for name, value in source.items():
        text = decode(value)
        if name in _NAME_FIELDS:
            same = name in exported and _people(value, decode) == _people(exported[name], decode)
            result[name] = "same" if same else "lost"
        elif name == "pages":  # a range is written with "--"
            dashless = out.get(name, "").replace("\u2013", "-") == text.replace("\u2013", "-")
            result[name] = "same" if dashless else "lost"
        elif out.get(name) == text:
            result[name] = "same"
        elif name in _MERGED or name in heads:
            head = _MERGED[name][0] if name in _MERGED else name
            merged = out.get(head) == _merged_value(source, head, decode)
            result[name] = "merged" if merged else "lost"
        elif name in ("year", "month"):
            result[name] = "renamed" if out.get("date") == _iso_date(source, decode) else "lost"
        elif name in _RENAMED and out.get(_RENAMED[name]) in (text, _SAME_LANGUAGE.get(text)):
            result[name] = "renamed"
        elif name == "langid" and out.get("langid") == _SAME_LANGUAGE.get(text):
            result[name] = "renamed"
        elif name in _PUBLISHERS and text in (out.get(field) for field in _PUBLISHERS):
            result[name] = "renamed"
        else:
            result[name] = "lost"
    return result


def test_biblatex_examples_round_trip_keeps_every_field(examples, meaning):
    from pybtex.database import parse_file, parse_string

    source = parse_file(str(EXAMPLES), "bibtex")
    exported = parse_string(examples["exported"].bib, "bibtex")

    def fields(entry) -> dict[str, str]:
        found = {name.lower(): value for name, value in entry.fields.items()}
        for role, persons in entry.persons.items():
            found[role.lower()] = " and ".join(str(person) for person in persons)
        return found

    fates: dict[tuple[str, str], str] = {}
    for key, entry in source.entries.items():
        for name, fate in compare_entry(fields(entry), fields(exported.entries[key]), meaning).items():
            fates[key, name] = fate
    lost = {where for where, fate in fates.items() if fate == "lost"}
    assert lost == NOT_PRESERVED
    counts = {fate: sum(1 for f in fates.values() if f == fate) for fate in ("same", "renamed", "merged")}
    # 1030 fields in 92 entries (names counted as fields). Renamed: year -> date (12), langid
    # german -> ngerman (14, the same language), journal -> journaltitle (2), origyear ->
    # origdate (1). Merged: title + subtitle (17 each), maintitle + mainsubtitle (2 each),
    # booktitle + booksubtitle/booktitleaddon (2 + 3).
    assert len(fates) == 1030
    assert counts == {"same": 957, "renamed": 29, "merged": 43}
