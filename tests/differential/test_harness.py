"""The harness itself: normalisation removes only what is not a citation difference, and the corpus
holds what students cite."""

from __future__ import annotations

import json

from .agreement import CORPUS_DIR, normalise_html, normalise_text

CITEPROC_JS_HTML = ('<div class="csl-entry">Centers for Disease Control. “Flu Symptoms &#38; Complications.” '
                    '<i>CDC</i>, https://www.cdc.gov/flu.</div>')
CITEKIT_HTML = ('Centers for Disease Control. “Flu Symptoms &amp; Complications.” <i>CDC</i>, '
                '<a href="https://www.cdc.gov/flu">https://www.cdc.gov/flu</a>.')


def test_entry_wrapper_entities_and_links_are_not_differences():
    expected = ("Centers for Disease Control. “Flu Symptoms &amp; Complications.” <i>CDC</i>, "
                "https://www.cdc.gov/flu.")
    assert normalise_html(CITEPROC_JS_HTML) == expected
    assert normalise_html(CITEKIT_HTML) == expected


def test_markup_spelling_nesting_and_boundaries_are_not_differences():
    assert normalise_html("<em>A</em><i> B</i>") == "<i>A B</i>"
    assert normalise_html("<b><i>x</i></b>") == normalise_html("<i><strong>x</strong></i>") == "<b><i>x</i></b>"
    assert normalise_html("<i>Title </i>next") == "<i>Title</i> next"
    assert normalise_html('<span style="font-variant: small-caps">ed.</span>') == \
        '<span style="font-variant:small-caps;">ed.</span>'


def test_roman_inside_italics_cancels_the_italics():
    assert normalise_html('<i>Reading <span style="font-style:normal;">Moby-Dick</span> Today</i>') == \
        "<i>Reading</i> Moby-Dick <i>Today</i>"


def test_italics_and_text_differences_remain():
    assert normalise_html("<i>Title</i>.") != normalise_html("Title.")
    assert normalise_html("<i>Title</i>.") != normalise_html("<b>Title</b>.")
    assert normalise_html("“A,” B") != normalise_html("“A”, B")


def test_spaces_of_any_kind_collapse_in_text():
    assert normalise_text("hooks,  bell. 1917\u202f: New ") == "hooks, bell. 1917 : New"
    assert normalise_text("p.\u00a023") == "p. 23"


def _students() -> list[dict]:
    return json.loads((CORPUS_DIR / "students.json").read_text(encoding="utf-8"))


def test_student_corpus_has_forty_records_of_what_students_cite():
    records = _students()
    assert len(records) >= 40
    kinds = {r["type"] for r in records}
    assert {"webpage", "article-newspaper", "article-journal", "book", "chapter"} <= kinds
    journal_author_counts = {len(r.get("author", [])) for r in records if r["type"] == "article-journal"}
    assert {1, 2, 3, 21} <= journal_author_counts


def test_student_corpus_covers_bylines_dates_names_and_titles():
    records = _students()
    literals = {a.get("literal") for r in records for a in r.get("author", [])}
    assert {"Staff", "Editors"} <= literals
    webpages = [r for r in records if r["type"] == "webpage"]
    assert any("issued" not in r for r in webpages) and any("URL" not in r for r in webpages)
    assert any("accessed" in r for r in webpages)
    assert any("edition" in r for r in records if r["type"] == "book")
    names = [n for r in records for v in ("author", "editor") for n in r.get(v, [])]
    assert {"van", "de la"} <= {n.get("non-dropping-particle") for n in names}
    assert "Jr." in {n.get("suffix") for n in names}
    assert any(ord((n.get("family") or "a")[0]) > 0x2FF for n in names)  # a name in a non-Latin script
    titles = [r["title"] for r in records]
    assert any('"' in t for t in titles) and any(":" in t for t in titles)
    assert any("?" in t for t in titles) and any("<i>" in t or "<sub>" in t for t in titles)


def test_biblatex_examples_were_converted_by_citekit():
    records = json.loads((CORPUS_DIR / "biblatex-examples.json").read_text(encoding="utf-8"))
    assert len(records) >= 85
    assert len({r["id"] for r in records}) == len(records)
