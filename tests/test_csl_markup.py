"""CSL-JSON rich-text markup (`citekit.csl_markup`) and the plain-text views that must not show
it: the library's list, search and duplicate checks."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit.cli import cli
from citekit.csl_markup import Piece, plain_text, text_pieces
from citekit.library import open_library
from citekit.library_index import INDEX_NAME
from citekit.model import record_from_csl


@pytest.mark.parametrize("value, plain", [
    ('<span class="nocase">DNA</span> repair', "DNA repair"),
    ("<i>Hamlet</i> in <b>bold</b>, CO<sub>2</sub> and x<sup>2</sup>, <sc>Sc</sc>", "Hamlet in bold, CO2 and x2, Sc"),
    ('<span style="font-variant:small-caps;">Small</span> <span class="nodecor">plain</span>', "Small plain"),
    ('<span style="font-variant: small-caps">Spaced</span> <I>upper</I>', "Spaced upper"),
    ('<span class="nocase">Outer <i>inner</i></span> end', "Outer inner end"),
    # Tags CSL does not know are text, as the engines print them.
    ('<script>alert(1)</script> <a href="x">link</a> <em>em</em>', '<script>alert(1)</script> <a href="x">link</a> <em>em</em>'),
    # A tag without its partner is text; so is a closing tag crossing another.
    ("</i>closed first<i>", "</i>closed first<i>"),
    ('<span class="nocase">never closed', '<span class="nocase">never closed'),
    ("<i>crossed <b>tags</i> here</b>", "<i>crossed tags</i> here"),
    # Character references name characters; only after the markup is found.
    ("A &lt; B &amp; C &#233;&#x41; &quot;q&quot;", 'A < B & C éA "q"'),
    ("&lt;i&gt;not italics&lt;/i&gt;", "<i>not italics</i>"),
    ("AT&T, R&D, &ampx; &nosuch; & alone", "AT&T, R&D, &ampx; &nosuch; & alone"),
    ("", ""),
])
def test_plain_text(value, plain):
    assert plain_text(value) == plain


def test_pieces_say_where_the_text_is_and_which_is_case_protected():
    value = 'A <span class="nocase">B<i>c</i></span> &amp; d'
    assert text_pieces(value) == [
        Piece(0, 2, "A ", False, True), Piece(23, 24, "B", True, True), Piece(27, 28, "c", True, True),
        Piece(39, 40, " ", False, True), Piece(40, 45, "&", False, False), Piece(45, 47, " d", False, True)]
    assert text_pieces("plain") == [Piece(0, 5, "plain", False, True)] and text_pieces("") == []


# --- The library's plain-text views ---------------------------------------------------------

MARKED = {"id": "lind-2020-dna", "type": "article-journal",
          "title": '<span class="nocase">DNA</span> repair in <i>E. coli</i>',
          "container-title": '<i>Journal</i> of <span class="nocase">RNA</span>',
          "author": [{"family": "Lind", "given": "Ada"}], "issued": {"date-parts": [[2020]]}}
PLAIN = {**MARKED, "id": "lind-plain", "title": "DNA repair in E. coli", "container-title": "Journal of RNA"}


@pytest.fixture
def library(tmp_path):
    return open_library(str(tmp_path / "records"))


def test_list_shows_titles_without_markup(library):
    library.add([record_from_csl(MARKED)])
    rows, _ = library.listing()
    assert rows == [("lind-2020-dna", "article-journal", "Lind, Ada", "2020", "DNA repair in E. coli")]
    result = CliRunner().invoke(cli, ["list", "--library", library.path])
    assert result.stdout == ("ID             TYPE             AUTHOR     YEAR  TITLE\n"
                             "lind-2020-dna  article-journal  Lind, Ada  2020  DNA repair in E. coli\n")
    listed = CliRunner().invoke(cli, ["list", "--json", "--library", library.path])
    assert [(item["title"], item["container-title"]) for item in json.loads(listed.stdout)] == [
        ("DNA repair in E. coli", "Journal of RNA")]


@pytest.mark.parametrize("query, ids", [
    ("DNA", ["lind-2020-dna"]),
    ('title:"DNA repair in E. coli"', ["lind-2020-dna"]),  # a phrase across the markup
    ('container:"journal of rna"', ["lind-2020-dna"]),
    ("nocase", []),  # the markup is not text
    ("span", []),
    ("title:class", []),
])
def test_search_matches_the_words_not_the_markup(library, query, ids):
    library.add([record_from_csl(MARKED)])
    assert [record.id for record in library.search(query)] == ids


def test_titles_that_differ_only_by_markup_are_duplicates(library):
    library.add([record_from_csl(PLAIN)])
    [refused] = library.add([record_from_csl(MARKED)])
    assert (refused.added, refused.duplicate_of, refused.reason) == (
        False, "lind-plain", "same first author, title and year")
    library.add([record_from_csl(MARKED)], force=True)
    assert library.duplicates() == [("lind-2020-dna", "lind-plain", "same first author, title and year")]


def test_an_index_of_the_previous_format_is_rebuilt_without_markup(library):
    library.add([record_from_csl(MARKED)])
    # What an index written before titles lost their markup holds.
    with sqlite3.connect(Path(library.path) / INDEX_NAME) as connection:
        connection.execute("UPDATE meta SET value = 'citekit-index 2' WHERE key = 'format'")
        connection.execute("UPDATE files SET title = ?", (MARKED["title"],))
    connection.close()
    rows, _ = library.listing()
    assert [row[4] for row in rows] == ["DNA repair in E. coli"]
