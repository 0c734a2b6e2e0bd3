"""CSL-YAML: pandoc's `references:` metadata, citation-js lists, and Markdown headers."""

from __future__ import annotations

import pytest

from citekit.errors import CitekitError
from citekit.sources import load
from citekit.sources.csl_yaml import parse_csl_yaml

WATSON_CRICK = {
    "id": "WatsonCrick1953",
    "type": "article-journal",
    "DOI": "10.1038/171737a0",
    "URL": "https://www.nature.com/articles/171737a0",
    "author": [{"family": "Watson", "given": "J. D."}, {"family": "Crick", "given": "F. H. C."}],
    "container-title": "Nature",
    "issue": 4356,
    "issued": {"date-parts": [[1953, 4, 25]]},
    "language": "en-GB",
    "page": "737-738",
    "title": "Molecular structure of nucleic acids: a structure for deoxyribose nucleic acid",
    "title-short": "Molecular structure of nucleic acids",
    "volume": 171,
}

# The shape of the example in pandoc's manual: date-parts written as YAML lists.
PANDOC_REFERENCES = """\
references:
- type: article-journal
  id: WatsonCrick1953
  author:
  - family: Watson
    given: J. D.
  - family: Crick
    given: F. H. C.
  issued:
    date-parts:
    - - 1953
      - 4
      - 25
  title: 'Molecular structure of nucleic acids: a structure for deoxyribose nucleic acid'
  title-short: Molecular structure of nucleic acids
  container-title: Nature
  volume: 171
  issue: 4356
  page: 737-738
  DOI: 10.1038/171737a0
  URL: https://www.nature.com/articles/171737a0
  language: en-GB
"""


def read(text, source="refs.yaml"):
    return [record.to_csl() for record in parse_csl_yaml(text, source=source).records]


def test_pandoc_references_mapping():
    assert read(PANDOC_REFERENCES) == [WATSON_CRICK]


def test_a_plain_list_as_citation_js_writes_it():
    without_key = PANDOC_REFERENCES.split("\n", 1)[1]
    assert without_key.startswith("- type: article-journal\n")
    assert read(without_key) == [WATSON_CRICK]


def test_markdown_header_with_a_body_after_it():
    text = ("---\ntitle: My essay on DNA\nauthor: A. Student\n" + PANDOC_REFERENCES
            + "...\n\n# Introduction\n\nAs @WatsonCrick1953 showed: it is [a helix].\n")
    assert read(text, "essay.md") == [WATSON_CRICK]
    closed_by_dashes = "---\n" + PANDOC_REFERENCES + "---\n\nText: with a colon, not YAML: [\n"
    assert read(closed_by_dashes, "essay.md") == [WATSON_CRICK]


@pytest.mark.parametrize(("written", "expected"), [
    ("2018-03-22", {"date-parts": [[2018, 3, 22]]}),  # YAML reads this as a date object
    ("'2018-03-22'", {"date-parts": [[2018, 3, 22]]}),  # EDTF string
    ("2018", {"date-parts": [[2018]]}),  # YAML reads a bare year as a number
    ("'2018-03'", {"date-parts": [[2018, 3]]}),
    ("'2001/2003'", {"date-parts": [[2001], [2003]]}),
    ("'2018~'", {"date-parts": [[2018]], "circa": True}),
    ("{year: 2018, month: 3}", {"date-parts": [[2018, 3]]}),
    ("[{year: 2001}, {year: 2003, month: 2}]", {"date-parts": [[2001], [2003, 2]]}),
    ("{date-parts: [[2018, 3, 22]]}", {"date-parts": [[2018, 3, 22]]}),
    ("{literal: Spring term 2018}", {"literal": "Spring term 2018"}),
])
def test_every_date_form_pandoc_accepts(written, expected):
    text = f"- id: a\n  type: book\n  title: T\n  issued: {written}\n  accessed: 2024-02-01\n"
    record = read(text)[0]
    assert record["issued"] == expected
    assert record["accessed"] == {"date-parts": [[2024, 2, 1]]}


def test_a_title_yaml_reads_as_a_number_stays_text():
    assert read("- id: orwell\n  type: book\n  title: 1984\n  issued: 1949\n") == [
        {"id": "orwell", "type": "book", "issued": {"date-parts": [[1949]]}, "title": "1984"}]


def test_one_reference_as_a_mapping():
    assert read("id: a\ntype: webpage\ntitle: Page\n") == [{"id": "a", "type": "webpage", "title": "Page"}]


@pytest.mark.parametrize(("text", "message"), [
    ("references:\n- id: a\n  type: book\n  title: Colon: here\n",
     "refs.yaml:line 4 column 15: not valid YAML: mapping values are not allowed here "
     "(indent with spaces, and quote values that contain ': ' or start with '@')"),
    ("---\nreferences:\n- id: a\n  type: book\n   title: T\n---\nbody\n",
     "refs.yaml:line 5 column 9: not valid YAML: mapping values are not allowed here "
     "(indent with spaces, and quote values that contain ': ' or start with '@')"),
    ("title: An essay\nauthor: Me\n",
     "refs.yaml: no 'references:' list found (CSL-YAML is a list of references, or a mapping with "
     "'references:' holding that list)"),
    ("references:\n", "refs.yaml: 'references:' holds no list of references "
                      "(write each reference as a list item starting with '- id: ...')"),
    ("- id: a\n  type: novel\n",
     "refs.yaml:record 'a': type: 'novel' is not a CSL type "
     "(see https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types)"),
    ("- id: a\n  type: book\n- id: A\n  type: book\n",
     "refs.yaml:record 'A': the id 'A' is used twice (ids are compared ignoring case) "
     "(give each record its own id)"),
    ("- id: a\n  type: book\n  author: Smith\n",
     "refs.yaml:record 'a': author: names must be a list of name objects, not 'Smith'; write "
     '[{"family": "...", "given": "..."}] or [{"literal": "..."}]'),
    ("- &x [*x]\n", "refs.yaml: record 1 is list, not a JSON object "
                    "(each record is an object with at least 'id' and 'type')"),
    ("- &x {id: a, type: book, note: [*x]}\n",
     "refs.yaml: the YAML is nested too deeply (a reference to itself?) "
     "(write each reference as a plain mapping of its variables)"),
])
def test_errors_name_the_line_column_or_record(text, message):
    with pytest.raises(CitekitError) as raised:
        parse_csl_yaml(text, source="refs.yaml")
    assert str(raised.value) == message


def test_load_by_suffix_and_by_content(tmp_path):
    for name in ("refs.yaml", "refs.yml", "refs-without-suffix"):
        path = tmp_path / name
        path.write_text(PANDOC_REFERENCES, encoding="utf-8")
        assert [r.to_csl() for r in load(str(path)).records] == [WATSON_CRICK]
    header = tmp_path / "essay.md"
    header.write_text("---\n" + PANDOC_REFERENCES + "---\n\n# Essay\n", encoding="utf-8")
    assert [r.to_csl() for r in load(str(header)).records] == [WATSON_CRICK]
