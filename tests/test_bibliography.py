"""Bibliographies: one sorted reference list in every output format, and long lists split for speed.

Expected entries are written from the guides: APA 7 puts "Author, A. (Year)." first, italicises
book titles and journal names and volumes, gives DOIs as https://doi.org/ URLs, and tells two
works by the same author in the same year apart as 2020a and 2020b, ordered by title (9.47);
MLA 9 replaces the name of an author repeated in consecutive entries by three dashes (5.126).
The split rendering must give exactly what one pandoc run over the whole list gives.
"""

from __future__ import annotations

import html
import json
import re
import zipfile

import pytest

from citekit import bibliography
from citekit.bibliography import WrittenBibliography, output_format, render_bibliography, write_bibliography
from citekit.errors import CitekitError
from citekit.render import pandoc_engine, pandoc_split

SMALL = [
    {"id": "smith-2000", "type": "book", "title": "White teeth", "author": [{"family": "Smith", "given": "Zadie"}],
     "publisher": "Hamish Hamilton", "issued": {"date-parts": [[2000]]}},
    {"id": "doe-2019", "type": "article-journal", "title": "Reading the archive: A method",
     "author": [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "John"}],
     "container-title": "History Today", "volume": "12", "issue": "3", "page": "45-67",
     "DOI": "10.1000/xyz", "issued": {"date-parts": [[2019]]}},
    {"id": "adams-beta", "type": "book", "title": "Beta", "author": [{"family": "Adams", "given": "Ruth"}],
     "publisher": "Penguin", "issued": {"date-parts": [[2020]]}},
    {"id": "adams-alpha", "type": "book", "title": "Alpha", "author": [{"family": "Adams", "given": "Ruth"}],
     "publisher": "Penguin", "issued": {"date-parts": [[2020]]}},
]
DOI = "https://doi.org/10.1000/xyz"
APA_TEXT = [
    "Adams, R. (2020a). Alpha. Penguin.",
    "Adams, R. (2020b). Beta. Penguin.",
    f"Doe, J., & Roe, J. (2019). Reading the archive: A method. History Today, 12(3), 45–67. {DOI}",
    "Smith, Z. (2000). White teeth. Hamish Hamilton.",
]


# --- Formats --------------------------------------------------------------------------------------

def test_text_is_one_sorted_entry_per_line_with_year_suffixes():
    assert write_bibliography(SMALL, style="apa", output=None) == WrittenBibliography("\n".join(APA_TEXT) + "\n", [])


def test_markdown_has_a_blank_line_between_entries_and_italics():
    assert write_bibliography(SMALL, style="apa", output=None, fmt="md").text == (
        "Adams, R. (2020a). *Alpha*. Penguin.\n\n"
        "Adams, R. (2020b). *Beta*. Penguin.\n\n"
        f"Doe, J., & Roe, J. (2019). Reading the archive: A method. *History Today*, *12*(3), 45–67. {DOI}\n\n"
        "Smith, Z. (2000). *White teeth*. Hamish Hamilton.\n")


def test_mla_replaces_a_repeated_author_by_three_hyphens():
    # MLA 9 (5.126): the second and later works by the same author begin with three hyphens and a period.
    entries = render_bibliography(SMALL, style="mla", fmt="text")
    assert entries[:2] == ["Adams, Ruth. Alpha. Penguin, 2020.", "---. Beta. Penguin, 2020."]
    assert entries[3] == "Smith, Zadie. White Teeth. Hamish Hamilton, 2000."


def test_html_is_a_complete_page_with_hanging_indents(tmp_path):
    target = tmp_path / "refs.html"
    assert write_bibliography(SMALL, style="apa", output=str(target)) == WrittenBibliography(None, [])
    page = target.read_text(encoding="utf-8")
    assert page.startswith('<!doctype html>\n<html lang="en-US">\n<head>\n<meta charset="utf-8">\n')
    assert "<title>References</title>" in page and "<h1>References</h1>" in page
    assert re.search(r"\.csl-entry \{[^}]*padding-left: 2em; text-indent: -2em;", page)
    entries = re.findall(r'<p class="csl-entry">(.*)</p>', page)
    assert entries == [
        "Adams, R. (2020a). <i>Alpha</i>. Penguin.",
        "Adams, R. (2020b). <i>Beta</i>. Penguin.",
        "Doe, J., &amp; Roe, J. (2019). Reading the archive: A method. <i>History Today</i>, <i>12</i>(3), 45–67. "
        f'<a href="{DOI}">{DOI}</a>',
        "Smith, Z. (2000). <i>White teeth</i>. Hamish Hamilton.",
    ]
    assert page.endswith("</body>\n</html>\n")


def test_html_escapes_every_field_value():
    # (<b>, <i>, <sup>, <sub> in a CSL-JSON title are CSL's own rich-text markup, not hostile.)
    hostile = {"id": "x", "type": "webpage", "title": "<script>alert(1)</script> & <style>p{}</style>",
               "author": [{"literal": "<img src=x onerror=alert(1)>"}], "issued": {"date-parts": [[2021]]},
               "container-title": "A & B", "URL": 'https://example.org/?q="><script>'}
    page = write_bibliography([hostile], style="apa", output=None, fmt="html").text
    body = page.split("<body>")[1]
    assert "<script" not in body and "<img" not in body and "<style" not in body
    assert "<i>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;style&gt;p{}&lt;/style&gt;</i>" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert 'href="https://example.org/?q=&quot;&gt;&lt;script&gt;"' in body


def test_mla_page_is_titled_works_cited():
    page = write_bibliography(SMALL, style="mla", output=None, fmt="html").text
    assert "<title>Works Cited</title>" in page and "<h1>Works Cited</h1>" in page


def _docx_paragraphs(path) -> list[tuple[str, str]]:
    """(paragraph properties, text) of every paragraph in a .docx's document.xml."""
    with zipfile.ZipFile(path) as docx:
        assert docx.testzip() is None
        xml = docx.read("word/document.xml").decode("utf-8")
        styles = docx.read("word/styles.xml").decode("utf-8")
    paragraphs = []
    for paragraph in re.findall(r"<w:p>(.*?)</w:p>", xml, re.S):
        properties = re.search(r"<w:pPr>(.*?)</w:pPr>", paragraph, re.S)
        text = "".join(html.unescape(t) for t in re.findall(r"<w:t[^>]*>(.*?)</w:t>", paragraph, re.S))
        paragraphs.append((properties.group(1) if properties else "", text))
    bibliography_style = re.search(r'<w:style w:styleId="Bibliography".*?</w:style>', styles, re.S).group(0)
    assert '<w:ind w:left="720" w:hanging="720" />' in bibliography_style
    return paragraphs


def test_docx_has_a_hanging_indent_on_every_entry(tmp_path):
    target = tmp_path / "refs.docx"
    write_bibliography(SMALL, style="apa", output=str(target))
    [heading, *entries] = _docx_paragraphs(target)
    assert heading[1] == "References" and '<w:jc w:val="center" />' in heading[0]
    assert [text for _, text in entries] == APA_TEXT
    for properties, _ in entries:
        assert '<w:pStyle w:val="Bibliography" />' in properties
        assert '<w:ind w:left="720" w:hanging="720" />' in properties
        assert 'w:line="480"' in properties  # apa.csl asks for double spacing
    with zipfile.ZipFile(target) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    assert re.search(r"<w:i ?/>.*?<w:t[^>]*>Alpha</w:t>", xml, re.S)  # italics kept


def test_docx_needs_a_file():
    with pytest.raises(CitekitError, match="Word"):
        write_bibliography(SMALL, style="apa", output=None, fmt="docx")


def test_bib_and_json_export_the_records(tmp_path):
    bib, js = tmp_path / "refs.bib", tmp_path / "refs.json"
    write_bibliography(SMALL, style="apa", output=str(bib))
    write_bibliography(SMALL, style="apa", output=str(js))
    text = bib.read_text(encoding="utf-8")
    assert text.count("\n@") + text.startswith("@") == 4
    assert "@book{smith-2000," in text and "publisher = {Hamish Hamilton}" in text
    assert [item["id"] for item in json.loads(js.read_text(encoding="utf-8"))] == [r["id"] for r in SMALL]
    assert json.loads(js.read_text(encoding="utf-8"))[1]["DOI"] == "10.1000/xyz"


@pytest.mark.parametrize(("output", "fmt", "expected"), [
    ("a.txt", None, "text"), ("a.HTML", None, "html"), ("a.md", None, "markdown"), ("a.docx", None, "docx"),
    ("a.bib", None, "bibtex"), ("a.json", None, "csljson"), (None, None, "text"), ("a.txt", "html", "html"),
    ("a.txt", "biblatex", "biblatex"), (None, "word", "docx"),
])
def test_output_format_from_suffix_or_name(output, fmt, expected):
    assert output_format(output, fmt) == expected


def test_unknown_suffix_and_format_are_user_errors():
    with pytest.raises(CitekitError, match="refs.pdf") as caught:
        output_format("refs.pdf")
    assert ".docx" in caught.value.hint
    with pytest.raises(CitekitError, match="unknown bibliography format 'pdf'"):
        output_format(None, "pdf")


def test_empty_selection_and_unknown_style_are_user_errors(tmp_path):
    with pytest.raises(CitekitError, match="no records"):
        write_bibliography([], style="apa", output=str(tmp_path / "a.txt"))
    with pytest.raises(CitekitError, match="unknown style"):
        write_bibliography(SMALL, style="no-such-style", output=str(tmp_path / "a.bib"))
    assert list(tmp_path.iterdir()) == []


def test_progress_goes_to_stderr_only_when_asked_or_on_a_terminal(capsys):
    write_bibliography(SMALL, style="apa", output=None, progress=True)
    captured = capsys.readouterr()
    assert captured.out == "" and "rendering" in captured.err
    write_bibliography(SMALL, style="apa", output=None)  # stderr is not a terminal here
    assert capsys.readouterr() == ("", "")


# --- Long lists: split rendering is identical to one run -----------------------------------------

def designed_records() -> list[dict]:
    """~300 records made to need year suffixes, given names, extra names and dash substitution."""
    records, n = [], 0

    def add(**fields):
        nonlocal n
        n += 1
        records.append({"id": f"r{n:03d}", "type": "book", "publisher": "Penguin", **fields})

    for i in range(30):  # Smiths sharing initials (John/Jane) or not (Anna), some in the same year
        given = ["John", "Jane", "Anna", "Adam", "Jo"][i % 5]
        add(title=f"Smith study {i}", author=[{"family": "Smith", "given": given}],
            issued={"date-parts": [[2019 + i % 3]]})
    for i in range(12):  # et al.: same first author and year, different second authors
        add(title=f"Team report {i}", issued={"date-parts": [[2020]]},
            author=[{"family": "Nguyen", "given": "Lan"}, {"family": ["Lee", "Park"][i % 2], "given": "Min"},
                    {"family": f"Extra{i}", "given": "X"}])
    for i in range(6):  # a group author, several works a year
        add(title=f"World report {i}", author=[{"literal": "World Health Organization"}],
            issued={"date-parts": [[2021]]})
    for i in range(5):  # no author, the same title: "Annual report (2020a)"
        add(title="Annual report", issued={"date-parts": [[2020]]}, publisher=f"Office {i}")
    for family in ("Müller", "Muller", "王", "王"):  # accents and other scripts
        add(title=f"Work of {family}", author=[{"family": family, "given": "Li"}], issued={"date-parts": [[2018]]})
    add(title="Sunflowers", author=[{"family": "Gogh", "non-dropping-particle": "van", "given": "Vincent"}],
        issued={"date-parts": [[2018]]})
    add(title="Letters", author=[{"literal": "Vincent van Gogh"}], issued={"date-parts": [[2018]]})
    add(title="Co-written", author=[{"family": "Khan", "given": "A."}, {"family": "Smith", "given": "John"}],
        issued={"date-parts": [[2020]]})
    for i in range(240):  # everyone else: authors nobody shares
        add(title=f"Distinct work {i}", author=[{"family": f"Author{i:03d}", "given": "Kim"}],
            issued={"date-parts": [[1950 + i % 60]]}, type=["book", "article-journal", "webpage"][i % 3],
            **({"container-title": "Journal of Things", "volume": str(i)} if i % 3 == 1 else {}))
    order = sorted(range(len(records)), key=lambda k: (k * 7919) % len(records))  # shuffled, reproducibly
    return [records[k] for k in order]


def _render(records, style, monkeypatch, *, split: bool, **options):
    monkeypatch.setattr(pandoc_engine, "SPLIT_MIN_ITEMS", 1 if split else 10**9)
    return render_bibliography(records, style=style, fmt="html", **options)


@pytest.fixture(scope="module")
def designed():
    return designed_records()


@pytest.mark.parametrize("style", ["apa", "mla", "chicago-author-date"])
def test_split_rendering_is_identical_to_one_run(style, designed, monkeypatch):
    monkeypatch.setattr(pandoc_split, "GROUP_CHUNK", 20)  # several runs of groups, too
    whole = _render(designed, style, monkeypatch, split=False)
    assert len(whole) == len(designed)
    assert _render(designed, style, monkeypatch, split=True) == whole
    if style == "apa":  # the list really needed disambiguation
        assert sum("(2020a)" in e or "(2021a)" in e or "(2020b)" in e for e in whole) >= 4
        assert any(e.startswith("<i>Annual report</i>. (2020a)") for e in whole)
    if style == "mla":
        assert any(e.startswith("---.") for e in whole)


def _book(ident: str, title: str, family: str | None = None, year: int = 2001) -> dict:
    author = {"author": [{"family": family, "given": "Ann"}]} if family else {}
    return {"id": ident, "type": "book", "title": title, "publisher": "Penguin", "issued": {"date-parts": [[year]]},
            **author}


# MLA 9, APA 7 (9.47) and Chicago alphabetise a title by the word after an initial A, An or The.
TITLED = [_book("t-zimmermann", "The Zimmermann telegram", year=1917), _book("t-brief", "A brief history of the Somme"),
          _book("t-bolshevik", "The Bolshevik regime", "Baker"), _book("t-communism", "Communism", "Baker"),
          _book("t-armistice", "Armistice", "Baker"), _book("t-mutiny", "Mutiny", "Young")]
TITLED_ORDER = ["armistice", "bolshevik", "communism", "brief history", "mutiny", "zimmermann"]


def _positions(entries: list[str], words: list[str]) -> list[int]:
    return [next(i for i, entry in enumerate(entries) if word in entry.lower()) for word in words]


@pytest.mark.parametrize("style", ["mla", "apa", "chicago", "chicago-author-date"])
def test_split_rendering_alphabetises_titles_after_an_initial_article(style, designed, monkeypatch):
    records = [*designed, *TITLED]
    runs = _count_runs(monkeypatch)
    split = _render(records, style, monkeypatch, split=True)
    assert [kind for kind, _ in runs].count("sort") + [kind for kind, _ in runs].count("probe") == 1
    assert len(runs) > 1  # the merged path: one sort run, the entries rendered in separate runs
    positions = _positions(split, TITLED_ORDER)
    assert positions == sorted(positions)
    assert split == _render(records, style, monkeypatch, split=False)
    if style == "apa":
        assert [split[i].split(")")[0] for i in positions[:3]] == ["Baker, A. (2001a", "Baker, A. (2001b",
                                                                   "Baker, A. (2001c"]


def test_a_cached_order_places_a_new_title_after_its_article(designed, monkeypatch, tmp_path):
    records = [*designed, *TITLED]
    _render(records, "mla", monkeypatch, split=True, cache_dir=tmp_path)
    atlas = _book("t-atlas", "An atlas of the Somme", year=1920)
    monkeypatch.setattr(pandoc_split, "INSERT_PER_RECORDS", 100)
    runs = _count_runs(monkeypatch)
    placed = _render([*records, atlas], "mla", monkeypatch, split=True, cache_dir=tmp_path)
    assert [kind for kind, _ in runs].count("sort") == 2  # placed by two small sort runs
    # Under "atlas": after the "Annual report" entries (it would precede them under "an"), before "Author000".
    annual, at = _positions(placed, ["annual report", "an atlas of the somme"])
    assert annual < at and placed[at - 1].startswith("---. Office") and placed[at + 1].startswith("Author000")
    monkeypatch.undo()
    assert placed == _render([*records, atlas], "mla", monkeypatch, split=False)


def test_a_list_of_shared_authors_gets_its_order_and_first_citations_from_one_probe(designed, monkeypatch):
    shared = [r for r in designed if not r["title"].startswith("Distinct work")]
    whole = _render(shared, "apa", monkeypatch, split=False)
    runs = _count_runs(monkeypatch)
    assert _render(shared, "apa", monkeypatch, split=True) == whole
    assert [kind for kind, _ in runs].count("probe") == 1 and "texts" not in {kind for kind, _ in runs}


def test_linear_styles_render_a_list_of_mostly_shared_names_in_one_run(designed):
    from citekit.render.styles import resolve_style

    mla, apa = (pandoc_split.plan_split(resolve_style(s).path.read_text(encoding="utf-8")) for s in ("mla", "apa"))
    assert apa.superlinear and not mla.superlinear  # MLA's given-name rule is by-cite
    shared = [r for r in designed if not r["title"].startswith("Distinct work")]

    def no_run(*args):
        raise AssertionError("pandoc should not run")

    assert pandoc_split.render_split(shared, resolve_style("mla"), "en-US", mla, no_run) is None


def test_grouping_follows_first_names_literal_words_and_titles():
    items = [
        {"id": "a", "author": [{"family": "Smith", "given": "John"}]},
        {"id": "b", "author": [{"family": "SMITH", "given": "Anna"}]},
        {"id": "c", "author": [{"family": "Khan"}, {"family": "Smith"}]},  # Smith is not first
        {"id": "d", "author": [{"literal": "John Smith"}]},
        {"id": "e", "title": "Annual report: 2020"},
        {"id": "f", "title": "Annual Report"},
        {"id": "g", "author": [{"family": "Müller"}]},
        {"id": "h", "editor": [{"family": "Mueller"}]},
    ]
    assert pandoc_split.group_records(items, all_names=False) == [[0, 1, 3], [2], [4, 5], [6], [7]]
    assert pandoc_split.group_records(items, all_names=True)[0] == [0, 1, 2, 3]


def test_plan_refuses_numbered_styles():
    from citekit.render.styles import resolve_style

    assert pandoc_split.plan_split(resolve_style("ieee").path.read_text(encoding="utf-8")) is None
    plan = pandoc_split.plan_split(resolve_style("apa").path.read_text(encoding="utf-8"))
    assert "disambiguate-add-givenname" not in plan.fast_csl and not plan.all_names
    assert plan.texts_csl.count('<text value="x"/>') == 1  # the entries' layout only
    assert plan.sort_csl.count('<text value="x"/>') == 2  # and the citations' too
    assert "<sort>" in plan.sort_csl.split("<bibliography")[1]  # the style's own order is kept


def test_citations_that_read_the_same_are_merged_even_if_grouping_missed_them(designed, monkeypatch):
    whole = _render(designed, "apa", monkeypatch, split=False)
    # Break the grouping on purpose: every record alone. The probe's citations must catch it.
    monkeypatch.setattr(pandoc_split, "record_tokens", lambda item, all_names: {item["id"]})
    assert _render(designed, "apa", monkeypatch, split=True) == whole


def _count_runs(monkeypatch) -> list[tuple[str, int]]:
    runs: list[tuple[str, int]] = []
    real = pandoc_engine.run_pandoc

    def counting(items, style, citing, locale):
        derived = style.path.parent.name  # pandoc_split writes its derived styles to fast/, texts/, probe/, sort/
        runs.append((derived if derived in ("fast", "texts", "sort", "probe") else "style", len(items)))
        return real(items, style, citing, locale)

    monkeypatch.setattr(pandoc_engine, "run_pandoc", counting)
    return runs


def test_cache_renders_only_the_group_a_new_record_joins(designed, monkeypatch, tmp_path):
    runs = _count_runs(monkeypatch)
    first = _render(designed, "apa", monkeypatch, split=True, cache_dir=tmp_path)
    assert [p.name for p in tmp_path.iterdir()][0].startswith("pandoc-bib-")
    runs.clear()
    assert _render(designed, "apa", monkeypatch, split=True, cache_dir=tmp_path) == first
    assert runs == []  # nothing changed: no run at all
    newcomer = {"id": "new", "type": "book", "title": "Late addition", "publisher": "Penguin",
                "author": [{"family": "Smith", "given": "John"}], "issued": {"date-parts": [[2020]]}}
    runs.clear()
    with_new = _render([*designed, newcomer], "apa", monkeypatch, split=True, cache_dir=tmp_path)
    # The order of the new list (300 records: one whole sort is cheaper than placing the new one),
    # and the group the newcomer joins: the 30 Smiths and itself.
    assert sorted(runs) == [("sort", 301), ("style", 31), ("texts", 31)]
    monkeypatch.undo()
    assert with_new == _render([*designed, newcomer], "apa", monkeypatch, split=False)


@pytest.mark.parametrize("change", ["add", "add a twin", "edit", "remove"])
def test_cached_order_takes_in_a_changed_record_with_two_small_sorts(change, designed, monkeypatch, tmp_path):
    _render(designed, "mla", monkeypatch, split=True, cache_dir=tmp_path)
    records = [dict(record) for record in designed]
    if change == "add":
        records.append({"id": "new", "type": "book", "title": "Middle", "author": [{"family": "Mills", "given": "Ann"}],
                        "issued": {"date-parts": [[2001]]}})
    elif change == "add a twin":  # the same sort keys as a record already there: input order decides
        records.append({**next(r for r in records if r["title"] == "Distinct work 7"), "id": "twin"})
    elif change == "edit":
        next(r for r in records if r["title"] == "Distinct work 9")["author"] = [{"family": "Aardvark", "given": "Z"}]
    else:
        records.remove(next(r for r in records if r["title"] == "Distinct work 3"))
    monkeypatch.setattr(pandoc_split, "INSERT_PER_RECORDS", 100)
    runs = _count_runs(monkeypatch)
    placed = _render(records, "mla", monkeypatch, split=True, cache_dir=tmp_path)
    sorts = [n for kind, n in runs if kind == "sort"]
    assert len(sorts) == (0 if change == "remove" else 2) and all(n <= 2 * 17 + 1 for n in sorts)
    monkeypatch.undo()
    assert placed == _render(records, "mla", monkeypatch, split=False)


def test_a_damaged_cache_is_ignored(designed, monkeypatch, tmp_path):
    first = _render(designed, "apa", monkeypatch, split=True, cache_dir=tmp_path)
    for path in tmp_path.iterdir():
        path.write_text("{not json", encoding="utf-8")
    assert _render(designed, "apa", monkeypatch, split=True, cache_dir=tmp_path) == first


def test_split_reports_progress(designed, monkeypatch):
    seen = []
    monkeypatch.setattr(pandoc_engine, "SPLIT_MIN_ITEMS", 1)
    from citekit.render import render_citations

    render_citations(designed, "apa", progress=lambda done, total: seen.append((done, total)))
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] >= 2 * len(designed)  # order + entries
    assert len(seen) >= 3


def test_library_cache_folder_is_hidden_in_the_library():
    assert bibliography.library_cache_dir("/x/records").as_posix() == "/x/records/.citekit-cache"


@pytest.mark.parametrize("name, expected", [("refs.ris", "ris"), ("refs.bib", "bibtex"), ("refs.json", "csljson")])
def test_an_export_suffix_chooses_its_writer(name, expected):
    assert output_format(name) == expected
