"""CSL-JSON writer, and the writer registry (`citekit.export`) that chooses among the writers."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from citekit.errors import CitekitError
from citekit.export import WRITERS, find_writer_spec, get_exporter, get_writer
from citekit.export.bibtex import write_biblatex, write_bibtex
from citekit.export.csljson import export_csljson, write_csljson
from citekit.model import record_from_csl, records_from_csl

LENIN = {
    "id": "lenin-armistice", "type": "webpage",
    "title": "November 08, 1917 : New Russian leader Lenin calls for immediate armistice",
    "author": [{"literal": "Staff"}], "publisher": "A+E Networks",
    "accessed": {"date-parts": [[2018, 3, 22]]},
}


def test_csljson_is_an_indented_list_with_dates_on_one_line_and_a_trailing_newline():
    expected = """[
  {
    "id": "lenin-armistice",
    "type": "webpage",
    "accessed": {
      "date-parts": [[2018, 3, 22]]
    },
    "author": [
      {
        "literal": "Staff"
      }
    ],
    "publisher": "A+E Networks",
    "title": "November 08, 1917 : New Russian leader Lenin calls for immediate armistice"
  }
]
"""
    assert write_csljson([record_from_csl(LENIN)]) == expected


def test_csljson_keeps_unicode_and_reads_back_to_the_same_records():
    records = [record_from_csl(LENIN),
               record_from_csl({"id": "zola", "type": "book", "title": "Émile à Łódź",
                                "author": [{"family": "Zola", "given": "Émile"}], "page": "1-9"})]
    text = write_csljson(records)
    assert '"title": "Émile à Łódź"' in text
    assert records_from_csl(json.loads(text)) == records


def test_csljson_empty_list_and_exporter():
    assert write_csljson([]) == "[]\n"
    assert export_csljson([record_from_csl(LENIN)]) == (write_csljson([record_from_csl(LENIN)]), [])


# --- registry -------------------------------------------------------------------------------

@pytest.mark.parametrize("name, writer", [
    ("bibtex", write_bibtex), ("bib", write_bibtex), ("BibTeX", write_bibtex),
    ("biblatex", write_biblatex),
    ("csljson", write_csljson), ("json", write_csljson), ("csl-json", write_csljson),
])
def test_writer_by_name_and_alias(name, writer):
    assert get_writer(name) is writer


@pytest.mark.parametrize("path, writer", [
    ("refs.bib", write_bibtex), ("out/Refs.BIB", write_bibtex), ("refs.json", write_csljson),
])
def test_writer_by_file_suffix(path, writer):
    assert get_writer(path=path) is writer


def test_name_wins_over_suffix_and_bibtex_is_the_default():
    assert get_writer("biblatex", path="refs.bib") is write_biblatex
    assert get_writer() is write_bibtex
    assert set(WRITERS) == {"bibtex", "biblatex", "csljson", "ris"}


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(CitekitError) as caught:
        get_writer("endnote")
    message = str(caught.value)
    assert message == ("unknown output format 'endnote' "
                       "(known formats: bibtex (bib), biblatex, csljson (json, csl-json), ris)")


def test_unknown_suffix_is_an_error():
    with pytest.raises(CitekitError) as caught:
        find_writer_spec(path="refs.txt")
    assert "refs.txt" in str(caught.value) and ".bib, .json" in str(caught.value)


def test_exporter_returns_text_and_findings_for_its_dialect():
    record = record_from_csl(LENIN)
    text, findings = get_exporter("biblatex")([record])
    assert text == write_biblatex([record]) and findings == []
    assert get_exporter(path="refs.bib")([record])[0] == write_bibtex([record])


def test_registry_imports_writers_only_when_chosen():
    code = ("import sys, citekit.export; "
            "print('citekit.export.bibtex' in sys.modules, 'pylatexenc' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_date_ranges_stay_on_one_line_and_strings_are_untouched():
    record = record_from_csl({"id": "r", "type": "book", "title": "[\n 1,\n 2\n]",
                              "issued": {"date-parts": [[2001, 1], [2003]]}})
    text = write_csljson([record])
    assert '"date-parts": [[2001, 1], [2003]]' in text
    assert json.loads(text)[0]["title"] == "[\n 1,\n 2\n]"
