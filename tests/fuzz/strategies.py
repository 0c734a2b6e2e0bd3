"""Hypothesis strategies for everything a student can hand citekit.

Each format has a strategy built from its grammar (the parsers' own vocabularies: Article
Details labels, BibTeX entry types, RIS tags, CSL variables), mixed with hostile pieces
(arbitrary Unicode, lone surrogates, NUL, BOM, NBSP, CR, unbalanced brackets, huge numbers),
so that examples are both near-valid and broken.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

from citekit.model import CSL_TYPES, DATE_VARIABLES, NAME_VARIABLES
from citekit.sources.article_details_labels import LABELS
from citekit.sources.bibtex_fields import ENTRY_TYPES
from citekit.sources.ris import TYPES as RIS_TYPES

# --- text --------------------------------------------------------------------------------

# Characters that have broken parsers before, or are likely to.
AWKWARD = ["\x00", "\ufeff", "\u00a0", "\u200b", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\r", "\n",
           "\r\n", "\t", "\ud800", "\udfff", "\U0001f600", "\u0301", "\u202e", "{", "}", "\\", "\"",
           "'", "@", "#", "%", "~", "$", "&", "<", ">", ",", ";", ":", "=", "/", "-", "–", "•", "·"]

# Any character, lone surrogates included (Python strings can hold them; JSON "\ud800" makes one).
any_char = st.characters(exclude_categories=())
arbitrary_text = st.text(any_char, max_size=60)
awkward_text = st.lists(st.one_of(st.sampled_from(AWKWARD), st.text(max_size=6)), max_size=12).map("".join)
text = st.one_of(st.text(max_size=30), awkward_text, arbitrary_text)
short_words = st.text(st.characters(categories=["L", "Nd"]), min_size=1, max_size=10)

MONTHS = ["January", "Feb.", "Mar", "march", "Sept.", "December", "Spring", "Fall"]
date_text = st.one_of(
    st.builds("{} {}, {}".format, st.sampled_from(MONTHS), st.integers(-5, 40), st.integers(-100, 12000)),
    st.builds("{}-{:02d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)),
    st.builds("{}/{}/{}".format, st.integers(0, 40), st.integers(0, 40), st.integers(0, 99999)),
    st.sampled_from(["2018", "2018~", "2001/2003", "-0044", "1850?", "2018-21", "2018-02-29", "2019-02-29",
                     "0000", "99999", "March 22, 2018 10:00 EST", "n.d.", "circa 1900", "2018-03-22T10:00:00Z",
                     "12345678901234567890", "1e5", "Tuesday", "", "  ", "2018-03-22/", "/2018", "2018//2019"]),
    text,
)
name_text = st.one_of(
    st.builds("{} {}".format, short_words, short_words),
    st.builds("{}, {}".format, short_words, short_words),
    st.builds("{} and {}".format, short_words, short_words),
    st.builds("{}, {}, Jr.".format, short_words, short_words),
    st.sampled_from(["Staff", "A+E Networks", "Vincent van Gogh", "Smith, Zadie; Jones, Tom", ", ,", ";",
                     "and", "Jr.", "van", "de la", ",Smith", "Smith,", "HISTORY.com Editors", "By Admin"]),
    text,
)
url_text = st.one_of(
    st.builds("https://{}.example/{}".format, short_words, st.text(max_size=20)),
    st.sampled_from(["http://", "https://x", "javascript:alert(1)", "ftp://a/b", "www.history.com", "//a.b",
                     "https://a b", "https://[::1", "10.1000/xyz", "doi:10.1/2", "https://doi.org/10.1/x"]),
    text,
)
line_ending = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\u2028"])


def join_lines(lines: list[str], endings: list[str]) -> str:
    return "".join(line + endings[i % len(endings)] for i, line in enumerate(lines)) if endings else "\n".join(lines)


def lines_text(line: st.SearchStrategy[str], max_size: int = 14) -> st.SearchStrategy[str]:
    return st.builds(join_lines, st.lists(line, max_size=max_size), st.lists(line_ending, min_size=1, max_size=3))


# --- Article Details ---------------------------------------------------------------------

BULLETS = ["", "• ", "•", "* ", "- ", "· ", "‣ ", "– ", "*", "-"]
INDENTS = ["", "  ", "    ", "\t", "\u00a0", " \u00a0 ", "\u3000"]


def _label_spelling(label: str, upper: bool, spaces: str) -> str:
    written = label.title() if upper else label
    return written.replace(" ", spaces)


article_label = st.builds(_label_spelling, st.sampled_from(sorted(LABELS)), st.booleans(),
                          st.sampled_from([" ", "  ", "\u00a0", "\t"]))
article_value = st.one_of(st.just(""), date_text, name_text, url_text, text)
article_line = st.one_of(
    st.builds("{}{}{}{}{}".format, st.sampled_from(INDENTS), st.sampled_from(BULLETS), article_label,
              st.sampled_from(["", ":", " :", ": ", " "]), article_value),
    st.builds("{}{}".format, st.sampled_from(INDENTS), article_value),
    st.sampled_from(["Article Details:", "Citation Information", "ARTICLE DETAILS", "", "•", "   ",
                     "Section: Politics", "Author:", "Title"]),
    text,
)
labelled_line = st.builds("{}{}{}{}{}".format, st.sampled_from(INDENTS[:3]), st.sampled_from(BULLETS[:3]),
                          article_label, st.sampled_from(["", ":", " "]), st.one_of(st.just(""), date_text, name_text))
article_block = st.builds(
    lambda head, lines, noise, endings: join_lines([*head, *[part for pair in zip(lines, noise) for part in pair]],
                                                   endings),
    st.lists(st.sampled_from(["Article Details:", "Some page text", "November 08, 1917 : A title", ""]), max_size=3),
    st.lists(labelled_line, min_size=1, max_size=8),
    st.lists(st.one_of(st.just(""), st.just(""), article_line), min_size=8, max_size=8),
    st.lists(line_ending, min_size=1, max_size=2))
article_details = st.one_of(article_block, article_block, lines_text(article_line, 16), text)


# --- CSL-JSON ----------------------------------------------------------------------------

TEXT_VARIABLES = ["title", "container-title", "publisher", "URL", "DOI", "note", "volume", "page", "abstract"]
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(-10**30, 10**30),
                        st.floats(allow_nan=False, allow_infinity=False), text)
json_value = st.recursive(json_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(text, inner, max_size=4)), max_leaves=12)
csl_name = st.one_of(
    st.fixed_dictionaries({}, optional={"family": st.one_of(text, json_scalar), "given": st.one_of(text, json_value),
                                        "literal": st.one_of(text, json_scalar),
                                        "non-dropping-particle": text, "suffix": json_scalar,
                                        "parse-names": json_scalar, "comma-suffix": json_value}),
    json_value,
)
date_part = st.one_of(st.integers(-10000, 10000), st.integers(), st.sampled_from(["2018", " 3 ", "x", "", "1e3"]),
                      st.floats(allow_nan=False, allow_infinity=False), st.none(), st.booleans())
csl_date = st.one_of(
    st.fixed_dictionaries({}, optional={
        "date-parts": st.one_of(st.lists(st.lists(date_part, max_size=4), max_size=3), json_value),
        "season": json_scalar, "circa": json_value, "literal": json_scalar, "raw": json_scalar}),
    date_text, json_value,
)
csl_item = st.fixed_dictionaries(
    {"id": st.one_of(text, st.integers(), st.sampled_from(["a", "A", "lenin", "x"]), json_value)},
    optional={
        "type": st.one_of(st.sampled_from(CSL_TYPES), text, json_scalar),
        **{variable: st.one_of(text, json_value) for variable in TEXT_VARIABLES},
        **{variable: st.one_of(st.lists(csl_name, max_size=3), csl_name) for variable in NAME_VARIABLES[:6]},
        **{variable: csl_date for variable in DATE_VARIABLES},
        "custom": json_value, "bibtex": json_value,
    },
)
plain_text = st.text(st.characters(categories=["L", "N", "P", "Zs"]), min_size=1, max_size=30)
plausible_item = st.fixed_dictionaries(
    {"id": st.one_of(short_words, st.integers(0, 10**6)), "type": st.sampled_from(CSL_TYPES)},
    optional={
        "title": plain_text, "container-title": plain_text, "publisher": plain_text, "URL": url_text,
        "DOI": st.sampled_from(["10.1000/xyz", "10.1/x"]), "volume": st.one_of(plain_text, st.integers(0, 99)),
        "author": st.lists(st.one_of(st.fixed_dictionaries({"family": short_words}, optional={"given": short_words}),
                                     st.fixed_dictionaries({"literal": plain_text})), min_size=1, max_size=3),
        "issued": st.one_of(
            st.builds(lambda y, m, d: {"date-parts": [[y, m, d][: 1 + (y % 3)]]},
                      st.integers(1, 2100), st.integers(1, 12), st.integers(1, 28)),
            st.sampled_from(["2018", "2018-03-22", "2001/2003", "1850~"]), st.builds(lambda t: {"raw": t}, plain_text)),
        "accessed": st.just({"date-parts": [[2018, 3, 22]]}), "custom": st.just({"tags": ["a"]}),
    })
typed_csl_item = st.one_of(
    plausible_item, plausible_item,
    st.builds(lambda item, key, value: {**item, key: value}, plausible_item,
              st.sampled_from([*TEXT_VARIABLES, *NAME_VARIABLES[:3], *DATE_VARIABLES[:2], "id", "type", "custom"]),
              st.one_of(json_value, csl_date, csl_name, st.lists(csl_name, max_size=2))),
    csl_item.map(lambda item: {"type": "book", **item} if "type" not in item else item))
csl_document = st.one_of(
    st.lists(typed_csl_item, max_size=4), typed_csl_item, st.builds(lambda items: {"items": items},
                                                                   st.lists(typed_csl_item, max_size=3)),
    json_value,
)
# Hostile JSON text: valid JSON that Python reads into values JSON cannot write back, and shapes
# that exhaust the reader.
HOSTILE_JSON = [
    '[{"id": "a", "type": "book", "volume": NaN}]', '{"id": "a", "type": "book", "page": Infinity}',
    '{"id": "a", "type": "book", "page": -Infinity}', '{"id": "a", "type": "book", "number": 1e999}',
    '{"id": "a", "type": "book", "number": ' + "9" * 5000 + "}",
    '{"id": ' + "1" * 5000 + ', "type": "book"}',
    '{"id": "a", "type": "book", "title": "\\ud800"}', '{"id": "\\udfff", "type": "book"}',
    '{"id": "a", "type": "book", "author": [{"family": "\\ud83d"}]}',
    "[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000,
    '{"id": "a", "type": "book", "extra": ' + "[" * 5000 + "]" * 5000 + "}",
    '{"id": "a", "type": "book", "issued": {"date-parts": [[' + "9" * 400 + "]]}}",
    '{"id": "a", "type": "book", "issued": {"date-parts": [["' + "9" * 5000 + '"]]}}',
    "", "[", "{", "nul", "[1,]", '{"id": "a", "type": "book"} trailing', "\ufeff[]", "[]", "{}",
]
csl_json_text = st.one_of(
    csl_document.map(lambda data: json.dumps(data, ensure_ascii=False)),
    csl_document.map(lambda data: json.dumps(data, indent=1)),
    st.sampled_from(HOSTILE_JSON),
    st.builds(lambda head, tail: head + tail, st.sampled_from(["[", "{", '{"id":', '[{"id": "a", "type": ']), text),
)


# --- CSL-YAML ----------------------------------------------------------------------------

YAML_SNIPPETS = [
    "- id: a\n  type: book\n  issued: 2018-03-22\n", "- id: a\n  type: book\n  issued: 2018-02-30\n",
    "references:\n- id: a\n  type: book\n  title: 1984\n", "- id: a\n  type: book\n  note: !!binary aGVsbG8=\n",
    "- id: a\n  type: book\n  keyword: !!set {a, b}\n", "- id: a\n  type: book\n  volume: .nan\n",
    "- id: a\n  type: book\n  page: .inf\n", "- id: a\n  type: book\n  issued: {year: 2018, month: 13}\n",
    "- &a [*a]\n", "- id: a\n  type: book\n  extra: &x {k: *x}\n", "a: &a [*a, *a]\nreferences: *a\n",
    "---\nreferences:\n- id: a\n  type: book\n...\nMarkdown *body*\n", "- id: 2018-03-22\n  type: book\n",
    "- id: a\n  type: book\n  title: \"\\ud800\"\n", "- id: a\n  type: book\n  issued: 2018-03-22T10:00:00+01:00\n",
    "- id: a\n  type: book\n  accessed: [{year: 2018}, {year: 2019}, {year: 2020}]\n",
    "- id: a\n  type: book\n  ? [complex, key]\n  : value\n", "- id: a\n  type: book\n  1: one\n",
    "- id: a\n  type: book\n  title: " + "x" * 2000 + "\n", "---\n", "references: []\n", "- 1\n- 2\n",
]
csl_yaml_text = st.one_of(
    st.sampled_from(YAML_SNIPPETS),
    st.builds(lambda items, ascii_only: "references:\n" + "".join(
        "- " + json.dumps(item, ensure_ascii=ascii_only) + "\n" for item in items),
        st.lists(typed_csl_item, min_size=1, max_size=3), st.booleans()),
    st.lists(plausible_item, min_size=1, max_size=3).map(
        lambda items: "".join("- " + "\n  ".join(f"{key}: {json.dumps(value)}" for key, value in item.items()) + "\n"
                              for item in items)),
    st.builds(lambda snippet, noise: snippet + noise, st.sampled_from(YAML_SNIPPETS), text),
    lines_text(st.builds("{}{}: {}".format, st.sampled_from(["- ", "  ", ""]),
                         st.sampled_from(["id", "type", "title", "issued", "author", "references", "family"]),
                         st.one_of(text, date_text))),
)


# --- BibTeX ------------------------------------------------------------------------------

BIB_FIELDS = ["title", "subtitle", "titleaddon", "author", "editor", "editortype", "editora", "editoratype",
              "bookauthor", "translator", "year", "month", "day", "date", "urldate", "origdate", "eventdate",
              "origyear", "journal", "journaltitle", "booktitle", "maintitle", "series", "number", "issue",
              "volume", "pages", "publisher", "institution", "howpublished", "address", "url", "doi",
              "eprint", "eprinttype", "note", "addendum", "type", "entrysubtype", "langid", "language",
              "pubstate", "crossref", "xdata", "entryset", "keywords", "isbn", "shorttitle", "unknownfield"]
LATEX_PIECES = ["\\'e", "{\\\"O}", "\\\"{o}", "\\c{c}", "\\&", "\\%", "%", "--", "---", "~", "``q''", "`q'",
                "\\url{https://a.b/c_d%20}", "\\href{https://a.b}{text}", "\\emph{x}", "\\textbf{y}",
                "\\textsc{z}", "$x^2$", "$", "\\", "\\\\", "{NASA}", "{", "}", "\\unknown{a}", "\\noopsort{a}",
                "\\LaTeX", "\\ss", "\\i", "\\mkbibquote{q}", "\\char\"D800", "\\char55296", "\\v", "\\'",
                "and", " and ", " and others", "others", "{World Health Organization}", "family=Berg, given=Jan",
                "prefix=van", "von Last, Jr, First", "a, b, c, d", "{\\relax Ch}ristopher", "\\url{", "\\href{a}"]
bib_value_text = st.lists(st.one_of(st.sampled_from(LATEX_PIECES), date_text, name_text, short_words,
                                    st.text(max_size=8)), max_size=6).map(" ".join)
bib_value = st.one_of(
    bib_value_text.map("{{{}}}".format), bib_value_text.map('"{}"'.format),
    st.integers(-10, 100000).map(str), st.sampled_from(["jan", "feb", "mymacro", "undefinedmacro"]),
    st.lists(st.one_of(bib_value_text.map("{{{}}}".format), st.sampled_from(["jan", "mymacro", '"x"'])),
             min_size=2, max_size=3).map(" # ".join),
    bib_value_text,
)
bib_key = st.one_of(st.sampled_from(["a", "A", "parent", "child", "x1", "key:2018", "p"]), short_words, text)
bib_field = st.builds("  {} = {},\n".format, st.one_of(st.sampled_from(BIB_FIELDS), short_words), bib_value)
bib_fields = st.lists(bib_field, max_size=8).map("".join)
bib_type = st.one_of(st.sampled_from(sorted(ENTRY_TYPES) + ["string", "comment", "preamble", "xdata", "set",
                                                            "Article", "BOOK", "unknown"]), short_words)
bib_entry = st.one_of(
    st.builds("@{}{{{},\n{}}}\n".format, bib_type, bib_key, bib_fields),
    st.builds("@{}({},\n{})\n".format, bib_type, bib_key, bib_fields),
    st.builds("@string{{{} = {}}}\n".format, st.sampled_from(["mymacro", "jan", "x"]), bib_value),
    st.builds("@{}{{{},\n{}\n".format, bib_type, bib_key, bib_fields),  # never closed
    st.builds("@{}{{{},{}\n".format, bib_type, bib_key, st.text(max_size=40)),
    st.builds("@comment{{{}}}\n".format, st.text(max_size=20)),
    st.sampled_from(["@article{c, crossref = {p}, title = {T}}\n@book{p, title = {B}, crossref = {c}}\n",
                     "@inbook{c, crossref = {p}}\n@book{p, title = {B}, author = {A B}, year = 2001}\n",
                     "@article{a, xdata = {a}}\n@xdata{a, xdata = {a}, year = {2000}}\n",
                     "@article{a, title = {{{{{{{{{{{{{{{{{{{{deep}}}}}}}}}}}}}}}}}}}}}\n",
                     "@book{a, author = {" + " and ".join(["A B"] * 200) + "}}\n",
                     "@misc{a, howpublished = {\\url{https://a.b}}}\n", "@", "@{}", "@article", "@article{",
                     "@article{,}", "@article{a,title={x}", "@article{a, title = {x}} @article{a}",
                     "@book{b, year = {2018}, month = {13}, day = {45}}\n", "@book{b, date = {2018-02-30}}\n",
                     "@book{b, year = {99999}}\n", "@book{b, year = {2019--2018}}\n"]),
    text,
)
plain_bib_value = st.one_of(
    st.builds("{{{}}}".format, st.one_of(plain_text, st.sampled_from(LATEX_PIECES[:20]), name_text, date_text)),
    st.integers(1, 2100).map(str), st.sampled_from(["jan", "mymacro"]))
plain_bib_field = st.builds("  {} = {},\n".format, st.sampled_from(BIB_FIELDS), plain_bib_value)
plain_bib_entry = st.builds("@{}{{{},\n{}}}\n".format, st.sampled_from(sorted(ENTRY_TYPES) + ["xdata", "set"]),
                            st.sampled_from(["a", "b", "p", "c", "key:2018"]),
                            st.lists(plain_bib_field, min_size=1, max_size=8).map("".join))
bibtex_text = st.one_of(
    st.lists(st.one_of(plain_bib_entry, plain_bib_entry, bib_entry), min_size=1, max_size=5).map("".join),st.lists(bib_entry, max_size=5).map("".join),
                        st.lists(bib_entry, min_size=1, max_size=4).map("%comment\n".join))


# --- RIS ---------------------------------------------------------------------------------

RIS_TAGS = ["TY", "AU", "A1", "A2", "A3", "A4", "ED", "TI", "T1", "T2", "T3", "CT", "BT", "JF", "JO", "JA", "J2",
            "PY", "Y1", "DA", "Y2", "SP", "EP", "VL", "IS", "SN", "DO", "UR", "KW", "N1", "AB", "PB", "CY",
            "ER", "M3", "ZZ", "L1", "UK"]
ris_value = st.one_of(date_text, name_text, url_text, st.sampled_from(sorted(RIS_TYPES) + ["jour", "XXX", ""]),
                      st.sampled_from(["2018/03/22/", "2018///Spring", "2018/13/40/", "/", "2018/03", "10.1/x",
                                       "doi:10.1/x", "https://doi.org/10.1/x", "1234-5678", "978-0-00-000000-2"]),
                      text)
ris_line = st.one_of(
    st.builds("{}  - {}".format, st.sampled_from(RIS_TAGS), ris_value),
    st.builds("{}  -".format, st.sampled_from(RIS_TAGS)),
    st.builds("TY  - {}".format, st.sampled_from(sorted(RIS_TYPES))),
    st.sampled_from(["ER  - ", "ER  -", "", "   ", "TY - JOUR", "ty  - JOUR"]),
    text,
)
ris_text = st.one_of(
    lines_text(ris_line, 16),
    st.builds(lambda body, tail: "TY  - JOUR\n" + body + tail, lines_text(ris_line, 10),
              st.sampled_from(["ER  - \n", "", "\nTY  - BOOK\nTI  - x\n"])),
)


# --- HTML --------------------------------------------------------------------------------

META_NAMES = ["citation_title", "citation_author", "citation_authors", "citation_publication_date",
              "citation_date", "citation_journal_title", "citation_book_title", "citation_dissertation_institution",
              "citation_publisher", "citation_volume", "citation_doi", "citation_firstpage", "citation_lastpage",
              "citation_abstract_html_url", "citation_pdf_url", "DC.title", "DC.creator", "DC.date",
              "dcterms.issued", "DC.identifier", "dcterms.modified", "DC.relation.isPartOf", "author",
              "description"]
OG_PROPERTIES = ["og:title", "og:site_name", "og:url", "og:locale", "article:published_time",
                 "article:author", "article:modified_time", "og:updated_time"]


def _with(node, key, value):
    """A JSON-LD node with one more property (a list of nodes is wrapped in a graph first)."""
    return {**(node if isinstance(node, dict) else {"@graph": node}), key: value}


json_ld_node = st.recursive(
    st.fixed_dictionaries({}, optional={
        "@type": st.one_of(st.sampled_from(["NewsArticle", "BlogPosting", "ScholarlyArticle", "WebPage", "Person",
                                            "Organization", "WebSite", "PublicationIssue", "schema:Article"]),
                           json_value),
        "@id": st.one_of(st.sampled_from(["#a", "#b", "https://a.b/"]), json_scalar),
        "headline": st.one_of(text, json_value), "name": st.one_of(text, json_value),
        "datePublished": st.one_of(date_text, json_value), "dateModified": st.one_of(date_text, json_value),
        "url": st.one_of(url_text, json_value), "identifier": json_value, "inLanguage": json_value,
        "pageStart": json_scalar, "pageEnd": json_scalar, "familyName": json_scalar, "givenName": json_scalar,
    }),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.builds(_with, inner, st.just("@graph"), st.lists(inner, max_size=3)),
        st.builds(_with, inner, st.just("isPartOf"), inner),
        st.builds(_with, inner, st.sampled_from(["author", "publisher", "creator"]),
                  st.one_of(inner, st.lists(inner, max_size=2))),
        st.builds(_with, inner, st.just("mainEntityOfPage"), st.one_of(inner, url_text)),
    ),
    max_leaves=8,
)
html_attribute = st.one_of(text, date_text, name_text, url_text).map(
    lambda value: value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;"))
html_head_piece = st.one_of(
    st.builds('<meta name="{}" content="{}">'.format, st.sampled_from(META_NAMES), html_attribute),
    st.builds('<meta property="{}" content="{}">'.format, st.sampled_from(OG_PROPERTIES), html_attribute),
    st.builds('<meta name="{}" content="{}">'.format, html_attribute, html_attribute),
    st.builds("<title>{}</title>".format, st.one_of(text, name_text)),
    st.builds('<link rel="canonical" href="{}">'.format, html_attribute),
    st.builds('<script type="application/ld+json">{}</script>'.format,
              json_ld_node.map(lambda node: json.dumps(node, ensure_ascii=False).replace("</", "<\\/"))),
    st.builds('<script type="application/ld+json">{}</script>'.format,
              st.sampled_from(["{", "<!--{}-->", "<![CDATA[[]]]>", "NaN", "[" * 3000 + "]" * 3000, "{\"@type\": ",
                               '{"@type": "NewsArticle", "headline": "\\ud800"}', "1e999", "9" * 5000])),
    st.just("<!-- saved from url=(0022)https://a.example/ -->"), text,
)
html_text = st.one_of(
    st.builds("{}<html{}><head>{}</head><body>{}</body></html>".format,
              st.sampled_from(["", "<!doctype html>", "<!-- saved from url=(0014)https://a.b/x -->\n",
                               "\ufeff<!DOCTYPE html>"]),
              st.sampled_from(["", ' lang="en"', " lang=''", ' lang="\u0000"']),
              st.lists(html_head_piece, max_size=8).map("\n".join), text),
    st.builds("<html><head><title>{}</title>{}</head></html>".format, plain_text,
              st.lists(html_head_piece, max_size=6).map("\n".join)),
    st.builds('<html><head><meta name="citation_title" content="{}">{}</head></html>'.format, plain_text,
              st.lists(html_head_piece, max_size=6).map("\n".join)),
    st.builds("<html><head>{}".format, st.lists(html_head_piece, max_size=4).map("".join)),  # never closed
    st.builds("<meta{}".format, text),
)


# --- set FIELD=VALUE ---------------------------------------------------------------------

def _settable() -> list[str]:
    from citekit.library_fields import settable_variables

    return settable_variables()


set_field = st.one_of(st.sampled_from(_settable()), st.sampled_from(["URL", "url", "Issued", "container_title",
                                                                      "id", "custom", "", " title ", "tittle"]),
                      text)
set_value = st.one_of(
    st.just(""), date_text, name_text, url_text, text,
    st.sampled_from(CSL_TYPES), json_value.map(json.dumps), csl_date.map(lambda d: json.dumps(d, ensure_ascii=False)),
    st.lists(csl_name, max_size=3).map(json.dumps),
    st.sampled_from(['{"date-parts": [[2018, 2, 30]]}', '{"date-parts": "x"}', '[{"literal": ""}]', "[1, 2]",
                     '{"literal": "HISTORY.com Editors"}', "[", "{", '{"raw": NaN}', '[{"family": NaN}]',
                     "10.1000/xyz123", "10.1/ x", "https://a.example/ x", "Smith, Zadie, Jr., extra"]),
)
assignment = st.builds("{}={}".format, set_field, set_value) | text
