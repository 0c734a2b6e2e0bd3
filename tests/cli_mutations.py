"""Seeded mutators for tests/test_cli_mutation.py: the inputs a student could hand citekit, broken
in the ways files get broken (bytes flipped, cut short, lines lost, wrong encoding, labels mistyped,
values of the wrong JSON type), every one a plain function of a `random.Random`, so a seed gives
the same bytes on every machine.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Callable

FIXTURES = Path(__file__).parent / "fixtures"

# --- The inputs before mutation (written for these tests, except the two fixtures) ------------------

BIBTEX = rb"""% A small bibliography with several entry kinds
@article{smith2019teeth,
  author = {Smith, Zadie and Jones, Tom},
  title = {On {White} Teeth: A Study},
  journal = {Journal of Modern Fiction},
  year = {2019},
  volume = {12},
  number = {3},
  pages = {45--67},
  doi = {10.1000/jmf.2019.123},
}

@book{orwell1949,
  author = "Orwell, George",
  title = "Nineteen Eighty-Four",
  publisher = {Secker \& Warburg},
  address = {London},
  year = 1949,
}

@string{basic = "Basic Books"}

@incollection{geertz1973,
  author = {Geertz, Clifford},
  title = {Thick Description},
  booktitle = {The Interpretation of Cultures},
  editor = {Geertz, Clifford},
  publisher = basic,
  year = {1973},
  pages = {3--30},
  crossref = {geertz-book},
}

@online{history2009,
  author = {{HISTORY.com Editors}},
  title = {New Russian leader {Lenin} calls for immediate armistice},
  url = {https://www.history.com/this-day-in-history/new-russian-leader-lenin-calls-for-immediate-armistice},
  urldate = {2018-03-22},
  date = {2009-11-13},
  organization = {A+E Networks},
}

@thesis{muller2020,
  author = {M{\"u}ller, J{\"u}rgen and van der Berg, Anna},
  title = {{\"U}ber die Zeit $x^2$ \& 50\%},
  type = {phdthesis},
  institution = {Universit{\"a}t Wien},
  year = {2020},
  month = jan,
}
"""

CSL_RECORDS = [
    {"id": "lenin-armistice", "type": "webpage",
     "title": "November 08, 1917 : New Russian leader Lenin calls for immediate armistice",
     "author": [{"literal": "Staff"}], "publisher": "A+E Networks", "container-title": "HISTORY",
     "URL": "https://www.history.com/this-day-in-history/new-russian-leader-lenin-calls-for-immediate-armistice",
     "accessed": {"date-parts": [[2018, 3, 22]]}},
    {"id": "smith-2019", "type": "article-journal", "title": "On White Teeth",
     "author": [{"family": "Smith", "given": "Zadie"}, {"family": "Jones", "given": "Tom"}],
     "container-title": "Journal of Modern Fiction", "issued": {"date-parts": [[2019, 5]]},
     "volume": "12", "issue": 3, "page": "45-67", "DOI": "10.1000/jmf.2019.123",
     "custom": {"tags": ["essay"]}},
    {"id": "orwell-1949", "type": "book", "title": "Nineteen eighty-four",
     "author": [{"family": "Orwell", "given": "George"}], "publisher": "Secker & Warburg",
     "publisher-place": "London", "issued": "1949"},
    {"id": "geertz-1973", "type": "chapter", "title": "Thick description",
     "author": [{"family": "Geertz", "given": "Clifford"}], "editor": [{"family": "Geertz", "given": "Clifford"}],
     "container-title": "The interpretation of cultures", "issued": {"date-parts": [["1973"]]},
     "page": "3-30", "language": "en-US"},
]

CSL_YAML = b"""---
references:
- id: orwell-1949
  type: book
  title: Nineteen eighty-four
  author:
  - family: Orwell
    given: George
  publisher: Secker & Warburg
  publisher-place: London
  issued:
    date-parts:
    - [1949]
- id: smith-2019
  type: article-journal
  title: "On White Teeth: A Study"
  author:
  - family: Smith
    given: Zadie
  - literal: "The Fiction Group"
  container-title: Journal of Modern Fiction
  issued: 2019-05
  volume: 12
  page: 45-67
  keyword: [fiction, 'teeth']
...
"""

RIS = b"""TY  - JOUR
AU  - Smith, Zadie
AU  - Jones, Tom
TI  - On White Teeth
T2  - Journal of Modern Fiction
PY  - 2019/05/01/
VL  - 12
IS  - 3
SP  - 45
EP  - 67
DO  - 10.1000/jmf.2019.123
KW  - fiction
ER  - 

TY  - BOOK
AU  - Orwell, George
TI  - Nineteen Eighty-Four
PB  - Secker & Warburg
CY  - London
PY  - 1949
ER  - 

TY  - ELEC
TI  - New Russian leader Lenin calls for immediate armistice
UR  - https://www.history.com/this-day-in-history/new-russian-leader-lenin-calls-for-immediate-armistice
Y2  - 2018/03/22
PB  - A+E Networks
ER  - 
"""


def base_inputs() -> dict[str, tuple[str, bytes]]:
    """Kind -> (file name, bytes) of each well-formed input."""
    return {
        "article-details": ("lenin.txt", (FIXTURES / "lenin-article-details.txt").read_bytes()),
        "bibtex": ("refs.bib", BIBTEX),
        "csljson": ("refs.json", json.dumps(CSL_RECORDS, indent=2).encode()),
        "csl-yaml": ("refs.yaml", CSL_YAML),
        "ris": ("refs.ris", RIS),
        "html-history": ("page.html", (FIXTURES / "pages" / "history-article.html").read_bytes()),
        "html-journal": ("journal.html", (FIXTURES / "pages" / "journal-article.html").read_bytes()),
        "html-news": ("news.htm", (FIXTURES / "pages" / "news-article.html").read_bytes()),
    }


# Words each format gives meaning to; the label mutator swaps one for another or for a misspelling.
LABELS = {
    "article-details": [b"Article Details", b"Author", b"Website Name", b"Year Published", b"Title", b"URL",
                        b"Access Date", b"Publisher", b"\xe2\x80\xa2"],
    "bibtex": [b"@article", b"@book", b"@incollection", b"@online", b"@thesis", b"@string", b"author", b"title",
               b"journal", b"year", b"pages", b"doi", b"crossref", b"date", b"urldate", b"month", b"type",
               b"booktitle", b"editor", b"basic", b"jan", b"smith2019teeth", b"geertz-book"],
    "csljson": [b'"id"', b'"type"', b'"webpage"', b'"book"', b'"chapter"', b'"article-journal"', b'"author"',
                b'"family"', b'"given"', b'"literal"', b'"issued"', b'"date-parts"', b'"accessed"', b'"title"',
                b'"custom"', b'"tags"', b'"page"', b'"DOI"', b'"URL"', b'"language"'],
    "csl-yaml": [b"references", b"id", b"type", b"book", b"article-journal", b"author", b"family", b"given",
                 b"literal", b"issued", b"date-parts", b"title", b"keyword", b"---", b"..."],
    "ris": [b"TY  -", b"AU  -", b"TI  -", b"T2  -", b"PY  -", b"ER  -", b"JOUR", b"BOOK", b"ELEC", b"DO  -",
            b"UR  -", b"Y2  -", b"SP  -", b"EP  -"],
    "html": [b"<meta", b"property", b"name", b"content", b"og:title", b"og:url", b"citation_title",
             b"citation_author", b"citation_date", b"application/ld+json", b"@type", b"datePublished", b"headline",
             b"<script", b"</script>", b"<html", b"<head", b"canonical", b"Organization", b"Person"],
}
JUNK_WORDS = [b"", b"x", b"Titel", b"AUTHOR", b"@", b"{", b"\"", b"date-parts", b"-", b"  -", b"null",
              b"\xc3\xa9t\xc3\xa9", b"\xe2\x80\x94", b"TY  -", b"@comment", b"<!--", b"]]>", b"%", b"$"]


def labels_for(kind: str) -> list[bytes]:
    return LABELS["html" if kind.startswith("html") else kind]


# --- Byte mutators: (rng, data, kind) -> data --------------------------------------------------------

def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def flip_bytes(rng: random.Random, data: bytes, kind: str) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        position = rng.randrange(len(buffer))
        buffer[position] = buffer[position] ^ (1 << rng.randrange(8)) if rng.random() < 0.5 else rng.randrange(256)
    return bytes(buffer)


def truncate(rng: random.Random, data: bytes, kind: str) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def delete_lines(rng: random.Random, data: bytes, kind: str) -> bytes:
    lines = _lines(data)
    start = rng.randrange(len(lines))
    del lines[start: start + rng.randint(1, 3)]
    return b"".join(lines)


def duplicate_lines(rng: random.Random, data: bytes, kind: str) -> bytes:
    lines = _lines(data)
    start = rng.randrange(len(lines))
    chunk = lines[start: start + rng.randint(1, 4)]
    lines[start:start] = chunk * rng.randint(1, 3)
    return b"".join(lines)


def swap_lines(rng: random.Random, data: bytes, kind: str) -> bytes:
    lines = _lines(data)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return b"".join(lines)


def _insert(rng: random.Random, data: bytes, piece: bytes) -> bytes:
    position = rng.randrange(len(data) + 1)
    return data[:position] + piece + data[position:]


def insert_nul(rng: random.Random, data: bytes, kind: str) -> bytes:
    return _insert(rng, data, b"\x00" * rng.randint(1, 3))


def add_bom(rng: random.Random, data: bytes, kind: str) -> bytes:
    bom = rng.choice([b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])
    return bom + data if rng.random() < 0.7 else _insert(rng, data, b"\xef\xbb\xbf")


def invalid_utf8(rng: random.Random, data: bytes, kind: str) -> bytes:
    piece = rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xe2\x80", b"\xf8\x88\x80\x80\x80", b"\xc0\xaf"])
    return _insert(rng, data, piece)


def latin1(rng: random.Random, data: bytes, kind: str) -> bytes:
    """The text saved as Latin-1 (or cp1252) by an old editor, with one accented word added."""
    text = data.decode("utf-8", "replace") + "\nM\u00fcller, J\u00fcrgen \u2014 caf\u00e9\n"
    return text.encode(rng.choice(["latin-1", "cp1252"]), "replace")


def line_endings(rng: random.Random, data: bytes, kind: str) -> bytes:
    ending = rng.choice([b"\r\n", b"\r", b"\n\n", b"\x0b", b"\x0c", "\u2028".encode(), "\x85".encode()])
    return data.replace(b"\n", ending)


def long_line(rng: random.Random, data: bytes, kind: str) -> bytes:
    unit = rng.choice([b"a", b"word ", b"{", b"\xc3\xa9", b"\\", b"'", b"\t", b"x" * 7 + b" "])
    piece = unit * rng.choice([5_000, 50_000, 200_000])
    lines = _lines(data)
    position = rng.randrange(len(lines))
    # Half the time into a line that carries a value (after a label), else as a line of its own.
    if rng.random() < 0.5:
        lines[position] = lines[position].rstrip(b"\r\n") + piece + b"\n"
    else:
        lines.insert(position, piece + b"\n")
    return b"".join(lines)


def unbalance(rng: random.Random, data: bytes, kind: str) -> bytes:
    brackets = b"{}[]()\"'<>"
    if rng.random() < 0.5:
        return _insert(rng, data, bytes([rng.choice(brackets)]) * rng.randint(1, 3))
    positions = [i for i, byte in enumerate(data) if byte in brackets]
    if not positions:
        return data + b"{"
    position = rng.choice(positions)
    return data[:position] + data[position + 1:]


def change_label(rng: random.Random, data: bytes, kind: str) -> bytes:
    labels = [label for label in labels_for(kind) if label in data]
    if not labels:
        return flip_bytes(rng, data, kind)
    old = rng.choice(labels)
    new = rng.choice(labels_for(kind) + JUNK_WORDS) if rng.random() < 0.6 else old.swapcase()
    occurrences = [match.start() for match in re.finditer(re.escape(old), data)]
    if rng.random() < 0.3:
        return data.replace(old, new)
    position = rng.choice(occurrences)
    return data[:position] + new + data[position + len(old):]


def control_chars(rng: random.Random, data: bytes, kind: str) -> bytes:
    piece = rng.choice(["\x1b[31m", "\u202e", "\u200b", "\ufeff", "\x7f", "\x08", "\ud7ff", "\U0001f600",
                        "\u0301", "\x01\x02"]).encode("utf-8")
    return _insert(rng, data, piece * rng.randint(1, 4))


BYTE_MUTATORS: dict[str, Callable[[random.Random, bytes, str], bytes]] = {
    "flip": flip_bytes, "truncate": truncate, "delete-lines": delete_lines, "duplicate-lines": duplicate_lines,
    "swap-lines": swap_lines, "nul": insert_nul, "bom": add_bom, "invalid-utf8": invalid_utf8, "latin1": latin1,
    "line-endings": line_endings, "long-line": long_line, "unbalance": unbalance, "label": change_label,
    "control": control_chars,
}


def mutate_bytes(rng: random.Random, data: bytes, kind: str) -> tuple[bytes, str]:
    """One to three byte mutations in a row; returns the bytes and their names ("flip+truncate")."""
    names = [rng.choice(list(BYTE_MUTATORS)) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
    for name in names:
        data = BYTE_MUTATORS[name](rng, data, kind)
    return data, "+".join(names)


# --- Structural mutation of CSL records (then written as JSON or YAML) ------------------------------

_CSL_KEYS = ["id", "type", "title", "author", "editor", "issued", "accessed", "container-title", "URL", "DOI",
             "page", "volume", "issue", "publisher", "language", "custom", "note", "edition", "ISBN",
             "number-of-pages", "original-date", "event-date", "translator", "collection-title", "citation-key"]


def _odd_value(rng: random.Random):
    return rng.choice([
        None, True, False, 0, -1, 2018, 3.5, 10 ** 30, float("1e308"), "", " ", "x" * 20_000, "\u202e\u0000x",
        [], [None], [[]], {}, {"x": 1}, [1, 2], "2018-99-99", "n.d.", {"date-parts": [[2018, 13, 45]]},
        {"date-parts": [["spring"]]}, {"date-parts": []}, {"date-parts": [[]]}, {"date-parts": "2018"},
        {"date-parts": [[2018], [2019], [2020]]}, {"raw": "03/04/2018"}, {"literal": 5}, {"season": 9},
        [{"family": 5}], [{}], ["Smith, Zadie"], [{"literal": ""}], [{"family": "", "given": ""}],
        {"family": "Smith"}, [{"family": "Smith", "given": ["Z"]}], "<script>alert(1)</script>",
        "{\\textbf{x}} $ % # & _ ~ ^", "a\nb\r\nc", {"date-parts": [[-50000, 1, 1]]}, {"date-parts": [[0]]},
        {"date-parts": [[2018, 2, 30]]}, {"date-parts": [[True]]}, {"edtf": "2018?"}, "1917/1918", "../../etc",
        "\ud800 lone surrogate", {"literal": "\udcff"}, ["\ud83d"],
    ])


def mutate_records(rng: random.Random, records: list) -> tuple[object, str]:
    """Records with one structural change: a key dropped, renamed or given a value of another type,
    ids made equal, empty or unusable, or the whole document replaced by another JSON type."""
    records = json.loads(json.dumps(records))
    choice = rng.randrange(10)
    if choice == 0:
        return rng.choice([[], {}, None, 5, "text", [[]], [None], {"items": records}, {"items": 5},
                           records[0], [records], {"references": records}]), "document"
    record = rng.choice(records)
    if choice == 1:
        record.pop(rng.choice(list(record)))
        return records, "drop-key"
    if choice == 2:
        key = rng.choice(list(record))
        record[rng.choice(_CSL_KEYS + ["", "Title", "date_parts", "x" * 300])] = record.pop(key)
        return records, "rename-key"
    if choice == 3:
        for other in records:
            other["id"] = records[0]["id"] if rng.random() < 0.5 else other["id"].upper()
        return records, "same-ids"
    if choice == 4:
        record["id"] = rng.choice(["", " ", "../x", "a/b", ".hidden", "x" * 500, 7, None, "CON", "-", "é", "a b"])
        return records, "bad-id"
    if choice == 5:
        record["type"] = rng.choice(["", "Book", "journal", "webpage ", None, 3, "misc", "article"])
        return records, "bad-type"
    record[rng.choice(_CSL_KEYS)] = _odd_value(rng)
    return records, "odd-value"


def as_yaml(data: object) -> bytes:
    import yaml

    # A lone surrogate cannot be written as UTF-8: YAML gets it as an escape, like JSON does.
    return yaml.safe_dump(data, allow_unicode=False, sort_keys=False).encode("utf-8")


# --- Command-line pieces --------------------------------------------------------------------------

STYLES = ["mla", "apa", "chicago", "chicago-author-date"]
BAD_STYLES = ["", "MLA", "mla9", "nonexistent-style-xyz", "../apa", "x.csl", "chicago author date", "-", "apa "]
BAD_IDS = ["", " ", "NO-SUCH-ID", "../records", "a/b", ".", "-", "x" * 300, "\u00e9t\u00e9", "lenin\narmistice",
           "*", "%s", "SMITH-2019"]
UNKNOWN_OPTIONS = ["--bogus", "-z", "--style=", "--json=yes", "--", "---", "--verbose", "-o"]
