"""BibTeX and biblatex import, whole files: @string, crossref and xdata, broken entries,
duplicates, comments, the command line, and biblatex's own example database.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit.cli import cli
from citekit.errors import CitekitError
from citekit.findings import Severity
from citekit.model import CSL_TYPES
from citekit.sources import load
from citekit.sources.bibtex import parse_bibtex
from test_sources_bibtex import NBSP, codes, records, without_bibtex  # shared helpers

BIBLATEX_EXAMPLES = Path("/usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib")


# --- @string, concatenation --------------------------------------------------------------

def test_string_macros_and_concatenation():
    found = records(r"""
@string{jomch = {J.~Organomet. Chem.}}
@STRING(cup = "Cambridge University Press")
@article{a, title = {A}, journaltitle = jomch, year = 2006}
@book{b, title = {B}, publisher = cup # { (Cambridge)}, year = 2001, month = jan # "~5"}
""")
    assert found["a"]["container-title"] == f"J.{NBSP}Organomet. Chem."
    assert found["b"]["publisher"] == "Cambridge University Press (Cambridge)"
    assert found["b"]["bibtex"] == {"entrytype": "book", "month": "January~5"}


def test_string_used_before_its_definition_is_kept_as_its_name_and_reported():
    text = "@article{a, title = {A}, journal = jomch}\n@string{jomch = {J. Chem.}}\n@article{b, title={B}, journal=jomch}"
    found = records(text)
    assert (found["a"]["container-title"], found["b"]["container-title"]) == ("jomch", "J. Chem.")
    assert codes(text) == [("bibtex-undefined-string", Severity.WARNING, "a", "line 1")]


# --- crossref and xdata ----------------------------------------------------------------------

def test_crossref_inherits_as_biber_does():
    found = records(r"""
@inbook{kant:kpv,
  title    = {Kritik der praktischen Vernunft},
  pages    = {1--163},
  crossref = {kant:werke5},
}
@incollection{west:space,
  author   = {Westfahl, Gary},
  title    = {The True Frontier},
  crossref = {west:frontier},
  publisher = {Own Publisher},
}
@inproceedings{salam, author = {Salam, Abdus}, title = {Weak Interactions}, crossref = {nobel8}}
@article{art, author = {A, B}, title = {Art}, crossref = {jcg}}
@book{kant:werke5,
  author    = {Kant, Immanuel},
  title     = {Kritik der praktischen Vernunft. Kritik der Urtheilskraft},
  shorttitle = {KpV und KU},
  publisher = {Walter de Gruyter},
  location  = {Berlin},
  date      = 1968,
  shorthand = {KW5},
}
@collection{west:frontier, editor = {Westfahl, Gary}, title = {Space and Beyond}, publisher = {Greenwood}, date = 2000}
@proceedings{nobel8, editor = {Svartholm, Nils}, title = {Elementary particle theory}, year = 1968}
@periodical{jcg, title = {Computers and Graphics}, volume = 35, date = 2011}
""")
    assert without_bibtex(found["kant:kpv"]) == {
        "id": "kant:kpv", "type": "chapter",
        "author": [{"family": "Kant", "given": "Immanuel"}],
        "container-author": [{"family": "Kant", "given": "Immanuel"}],
        "container-title": "Kritik der praktischen Vernunft. Kritik der Urtheilskraft",
        "issued": {"date-parts": [[1968]]}, "page": "1-163", "publisher": "Walter de Gruyter",
        "publisher-place": "Berlin", "title": "Kritik der praktischen Vernunft",
    }
    # shorthand and shorttitle are never inherited; the crossref, applied, is not kept.
    assert found["kant:kpv"]["bibtex"] == {"entrytype": "inbook"}
    assert without_bibtex(found["west:space"]) == {
        "id": "west:space", "type": "chapter", "author": [{"family": "Westfahl", "given": "Gary"}],
        "container-title": "Space and Beyond", "editor": [{"family": "Westfahl", "given": "Gary"}],
        "issued": {"date-parts": [[2000]]}, "publisher": "Own Publisher", "title": "The True Frontier",
    }
    assert (found["salam"]["container-title"], found["salam"]["editor"]) == (
        "Elementary particle theory", [{"family": "Svartholm", "given": "Nils"}])
    assert (found["art"]["container-title"], found["art"]["volume"], found["art"]["title"]) == (
        "Computers and Graphics", "35", "Art")


def test_crossref_between_unrelated_types_copies_fields_by_name():
    found = records("@incollection{c, title = {C}, crossref = {p}}\n"
                    "@book{p, title = {P}, booktitle = {The Book}, year = 1990}")
    assert (found["c"]["title"], found["c"]["container-title"], found["c"]["issued"]) == (
        "C", "The Book", {"date-parts": [[1990]]})


def test_crossref_chain_and_mvbook():
    found = records(r"""
@inbook{ch, title = {Chapter}, crossref = {vol}}
@book{vol, title = {Volume One}, volume = 1, crossref = {set}}
@mvbook{set, author = {Doe, Jo}, title = {Collected Works}, publisher = {P}, date = 1990}
""")
    assert (found["vol"]["title"], found["vol"]["volume-title"], found["vol"]["publisher"]) == (
        "Collected Works", "Volume One", "P")
    assert (found["ch"]["container-title"], found["ch"]["volume-title"], found["ch"]["author"]) == (
        "Collected Works", "Volume One", [{"family": "Doe", "given": "Jo"}])


def test_missing_and_circular_crossref_are_reported_and_the_entry_loads():
    text = "@book{a, title = {A}, crossref = {nowhere}}\n@book{b, title={B}, crossref={c}}\n@book{c, title={C}, crossref={b}}"
    found = records(text)
    assert sorted(found) == ["a", "b", "c"]
    assert (found["a"]["bibtex"], found["c"]["bibtex"]) == ({"entrytype": "book", "crossref": "nowhere"},
                                                            {"entrytype": "book", "crossref": "b"})
    assert [(c, s, k, loc) for c, s, k, loc in codes(text)] == [
        ("bibtex-crossref-missing", Severity.WARNING, "a", "line 1"),
        ("bibtex-crossref-missing", Severity.WARNING, "c", "line 3"),
    ]


def test_xdata_fields_are_given_and_xdata_gives_no_record():
    text = ("@xdata{pub, publisher = {Penguin}, location = {London}}\n"
            "@book{b, title = {B}, xdata = {pub}, location = {Harmondsworth}}")
    found = records(text)
    assert list(found) == ["b"]
    assert (found["b"]["publisher"], found["b"]["publisher-place"]) == ("Penguin", "Harmondsworth")
    assert found["b"]["bibtex"] == {"entrytype": "book"}
    assert codes(text) == [("bibtex-xdata-entry", Severity.INFO, "pub", "line 1")]


# --- broken files --------------------------------------------------------------------------------

BROKEN = r"""% A file with three broken entries among good ones.
@book{good1, title = {One}, year = 2001}

@article{nocomma,
  title = {Two}
  year = 2002,
}

@article{unclosed,
  title = {Three,
  year = 2003,

@book{good2, title = {Four}, year = 2004}
@book{good3,
  title = {Five}, year = 2005 = 6}
@book{good4, title = {Six: e-mail me at ann@example.org}, year = 2006}
"""


def test_malformed_entries_are_reported_with_their_lines_and_the_rest_loads():
    parsed = parse_bibtex(BROKEN, source="refs.bib")
    assert [r.id for r in parsed.records] == ["good1", "good2", "good4"]
    assert [(f.code, f.severity, f.record_id, f.location) for f in parsed.findings] == [
        ("bibtex-entry-skipped", Severity.ERROR, "nocomma", "line 4"),
        ("bibtex-entry-skipped", Severity.ERROR, "unclosed", "line 9"),
        ("bibtex-entry-skipped", Severity.ERROR, "good3", "line 14"),
    ]
    assert parsed.findings[0].message.startswith("The @article entry 'nocomma' was not loaded: syntax error in line 6")
    assert parsed.findings[1].message == ("The @article entry 'unclosed' was not loaded: a closing brace is "
                                          "missing, so it runs into the next entry at line 13. The other entries were.")
    assert parsed.records[2].title == "Six: e-mail me at ann@example.org"


def test_an_entry_left_open_at_the_end_of_the_file():
    parsed = parse_bibtex("@book{a, title = {A}}\n@book{b,\n  title = {B", source="refs.bib")
    assert [r.id for r in parsed.records] == ["a"]
    assert [(f.code, f.location, f.message) for f in parsed.findings] == [
        ("bibtex-entry-skipped", "line 2", "The @book entry 'b' was not loaded: a closing brace is missing, "
                                           "so it runs into the end of the file. The other entries were.")]


def test_duplicate_keys_keep_the_first_and_are_reported():
    text = "@book{Key, title = {First}}\n\n@article{key, title = {Second}}\n@book{KEY, title = {Third}}"
    parsed = parse_bibtex(text, source="refs.bib")
    assert [(r.id, r.title) for r in parsed.records] == [("Key", "First")]
    assert [(f.code, f.record_id, f.location) for f in parsed.findings] == [
        ("bibtex-duplicate-key", "key", "line 3"), ("bibtex-duplicate-key", "KEY", "line 4")]


def test_comments_preamble_and_text_between_entries():
    text = r"""This line is a comment, as is anything outside an entry (even user@example.org).
@comment{ @book{commented, title = {Not loaded}} }
@preamble{ "\newcommand{\noopsort}[1]{}" }
@book{real, title = {Loaded}}
"""
    parsed = parse_bibtex(text, source="refs.bib")
    assert [r.id for r in parsed.records] == ["real"]
    assert [(f.code, f.location) for f in parsed.findings] == [("bibtex-preamble-ignored", "line 3")]


@pytest.mark.parametrize("text", ["% only a comment\n", "@string{a = {b}}\n@comment{x}\n", "no entries here"])
def test_no_entry_at_all_is_an_error_naming_the_file(text):
    with pytest.raises(CitekitError) as caught:
        parse_bibtex(text, source="refs.bib")
    assert str(caught.value).startswith("refs.bib: no BibTeX entry found")


def test_no_readable_entry_is_an_error_naming_the_first_problem():
    with pytest.raises(CitekitError) as caught:
        parse_bibtex("\n@book{a, title = {A} year = 1}\n", source="refs.bib")
    assert str(caught.value) == ("refs.bib:line 2: no entry could be loaded; the first problem: The @book "
                                 "entry 'a' was not loaded: syntax error in line 2: '}' expected. "
                                 "(fix the entries in the file)")


# --- through the front doors ------------------------------------------------------------------

def test_load_and_citekit_parse_read_a_bib_file(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text("@book{figes, author = {Figes, Orlando}, title = {A People's Tragedy}, year = 1996,"
                    " publisher = {Pimlico}}\n", encoding="utf-8")
    expected = {"id": "figes", "type": "book", "author": [{"family": "Figes", "given": "Orlando"}],
                "bibtex": {"entrytype": "book"}, "issued": {"date-parts": [[1996]]},
                "publisher": "Pimlico", "title": "A People's Tragedy"}
    assert [r.to_csl() for r in load(str(path)).records] == [expected]
    result = CliRunner().invoke(cli, ["parse", str(path)], prog_name="citekit")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [expected]


def test_bib_text_on_stdin_is_recognised(tmp_path):
    result = CliRunner().invoke(cli, ["parse", "-"], input="@misc{k, title = {T}}\n", prog_name="citekit")
    assert result.exit_code == 0, result.output
    assert '"entrytype": "misc"' in result.stdout


# --- biblatex's own example file ----------------------------------------------------------------

@pytest.mark.skipif(not BIBLATEX_EXAMPLES.exists(),
                    reason="biblatex-examples.bib is not installed (apt-get install texlive-bibtex-extra)")
def test_biblatex_examples_load_whole():
    text = BIBLATEX_EXAMPLES.read_text(encoding="utf-8")
    entry_types = [t.lower() for t in re.findall(r"^@(\w+)\s*\{", text, re.MULTILINE)]
    entries = [t for t in entry_types if t not in ("string", "comment", "preamble")]
    parsed = parse_bibtex(text, source=str(BIBLATEX_EXAMPLES))
    skipped = [f for f in parsed.findings if f.code in ("bibtex-entry-skipped", "bibtex-duplicate-key")]
    assert len(entries) == len(parsed.records) + len(skipped) == 92
    assert skipped == []
    by_id = {r.id: r.to_csl() for r in parsed.records}
    # Spot checks, each read off the file: an @string macro, a crossref, a range, a "von".
    assert by_id["aksin"]["container-title"] == f"J.{NBSP}Organomet. Chem."
    assert by_id["westfahl:space"]["container-title"] == "Space and Beyond: The Frontier Theme in Science Fiction"
    assert by_id["knuth:ct"]["issued"] == {"date-parts": [[1984], [1986]]}
    assert by_id["vangennep"]["author"] == [{"family": "Gennep", "given": "Arnold", "non-dropping-particle": "van"}]
    assert all(r["type"] in CSL_TYPES for r in by_id.values())
