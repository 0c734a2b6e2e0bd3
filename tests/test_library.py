"""The records/ store (`citekit.library`): files, ids, duplicates, edits, search, index, concurrency."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
from pathlib import Path

import pytest

from citekit.errors import CitekitError
from citekit.library import Library, open_library
from citekit.library_index import INDEX_NAME
from citekit.library_lock import LOCK_NAME
from citekit.library_search import close_ids, normalise_doi, normalise_url
from citekit.model import record_from_csl
from conftest import LENIN_AS_PARSED, WHITE_TEETH, ZOLA

ROOT = Path(__file__).resolve().parents[1]

# Typed by hand: the file `citekit parse` would write for the record (2-space indent, dates on one line).
WHITE_TEETH_FILE = """[
  {
    "id": "smith-2000-teeth",
    "type": "book",
    "author": [
      {
        "family": "Smith",
        "given": "Zadie"
      }
    ],
    "issued": {
      "date-parts": [[2000]]
    },
    "publisher": "Hamish Hamilton",
    "title": "White Teeth"
  }
]
"""
ARTICLE = {"id": "okafor-2019-harbours", "type": "article-journal", "title": "Harbours of the Bight",
           "author": [{"family": "Okafor", "given": "Ngozi"}], "container-title": "Journal of West African History",
           "issued": {"date-parts": [[2019]]}, "DOI": "10.14321/jwestafrihist.10.1.0001"}
PAGE = {"id": "lenin-page", "type": "webpage", "title": "Lenin calls for armistice", "container-title": "HISTORY",
        "URL": "https://www.history.com/this-day-in-history/lenin-armistice?utm_source=feed#top"}


def rec(data: dict, **changes):
    return record_from_csl({**data, **changes})


@pytest.fixture
def library(tmp_path) -> Library:
    return open_library(str(tmp_path / "records"))


def record_files(library: Library) -> list[str]:
    return sorted(os.listdir(library.path))


# --- The files ---------------------------------------------------------------------------------

def test_a_record_is_one_file_named_by_its_id_as_citekit_parse_writes_it(library):
    [result] = library.add([rec(WHITE_TEETH)])
    assert (result.given_id, result.record_id, result.added, result.note) == (
        "smith-2000-teeth", "smith-2000-teeth", True, None)
    path = Path(library.path) / "smith-2000-teeth.json"
    assert path.read_text(encoding="utf-8") == WHITE_TEETH_FILE
    # The lock and the index are hidden files beside it; nothing else is left behind.
    assert record_files(library) == [INDEX_NAME, LOCK_NAME, "smith-2000-teeth.json"]
    assert [r.to_csl() for r in library.records()] == [WHITE_TEETH]


def test_the_checkout_records_folder_is_the_sample_library_holding_the_lenin_record(tmp_path):
    shutil.copytree(ROOT / "records", tmp_path / "records")
    library = open_library(str(tmp_path / "records"))
    assert [r.to_csl() for r in library.records()] == [LENIN_AS_PARSED]
    assert library.problems() == []


def test_open_library_takes_the_argument_then_the_environment_then_records(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CITEKIT_LIBRARY", raising=False)
    assert open_library().path == "records"
    monkeypatch.setenv("CITEKIT_LIBRARY", "/srv/thesis")
    assert open_library().path == "/srv/thesis"
    assert open_library("mine").path == "mine"


def test_a_missing_library_is_a_clear_error(tmp_path):
    with pytest.raises(CitekitError, match="no library here"):
        open_library(str(tmp_path / "nowhere")).records()


def test_records_are_sorted_by_id_ignoring_case(library):
    library.add([rec(ZOLA), rec(WHITE_TEETH, id="Smith2000"), rec(ARTICLE)])
    assert [r.id for r in library.records()] == ["okafor-2019-harbours", "Smith2000", "zola-1898-accuse"]


# --- Ids ---------------------------------------------------------------------------------------

def test_an_id_taken_ignoring_case_gets_the_next_suffix_and_says_so(library):
    library.add([rec(WHITE_TEETH, id="Smith2000")])
    results = library.add([rec(ZOLA, id="smith2000"), rec(ARTICLE, id="SMITH2000")])
    assert [(r.record_id, r.note) for r in results] == [
        ("smith2000-b", "the id 'smith2000' is taken; ids ignore case"),
        ("SMITH2000-c", "the id 'SMITH2000' is taken; ids ignore case")]
    assert [r.id for r in library.records()] == ["Smith2000", "smith2000-b", "SMITH2000-c"]


def test_keep_ids_refuses_a_taken_id_instead(library):
    library.add([rec(WHITE_TEETH)])
    with pytest.raises(CitekitError, match="the id 'SMITH-2000-teeth' is already in the library"):
        library.add([rec(ZOLA, id="SMITH-2000-teeth")], keep_ids=True)
    assert [r.id for r in library.records()] == ["smith-2000-teeth"]


def test_an_id_that_cannot_be_a_file_name_is_replaced_by_a_readable_one(library):
    zotero_id = "http://zotero.org/users/local/x7/items/ABCD1234"
    [result] = library.add([rec(WHITE_TEETH, id=zotero_id)])
    assert (result.record_id, result.note) == ("smith-2000-white", f"the id '{zotero_id}' cannot be a file name")
    assert record_files(library)[-1] == "smith-2000-white.json"


# --- Duplicates --------------------------------------------------------------------------------

@pytest.mark.parametrize("changes, reason", [
    ({"DOI": "https://doi.org/10.14321/JWESTAFRIHIST.10.1.0001", "title": "Another title"},
     "same DOI 10.14321/jwestafrihist.10.1.0001"),
    ({"DOI": None, "title": "HARBOURS of the bight!", "issued": {"date-parts": [[2019, 5]]}},
     "same first author, title and year"),
])
def test_add_refuses_a_likely_duplicate_and_names_the_record_already_there(library, changes, reason):
    library.add([rec(ARTICLE)])
    [refused] = library.add([rec(ARTICLE, id="okafor-copy", **changes)])
    assert (refused.added, refused.record_id, refused.duplicate_of, refused.reason) == (
        False, None, "okafor-2019-harbours", reason)
    assert [r.id for r in library.records()] == ["okafor-2019-harbours"]
    [forced] = library.add([rec(ARTICLE, id="okafor-copy", **changes)], force=True)
    assert forced.record_id == "okafor-copy"
    assert library.duplicates() == [("okafor-2019-harbours", "okafor-copy", reason)]


@pytest.mark.parametrize("url", [
    "http://history.com/this-day-in-history/lenin-armistice",
    "https://WWW.History.com/this-day-in-history/lenin-armistice/",
    "https://www.history.com:443/this-day-in-history/lenin-armistice?utm_medium=social&utm_campaign=x",
])
def test_the_same_url_written_differently_is_a_duplicate(library, url):
    library.add([rec(PAGE)])
    [refused] = library.add([rec(PAGE, id="other", title="Something else", URL=url)])
    assert (refused.duplicate_of, refused.reason) == (
        "lenin-page", "same URL history.com/this-day-in-history/lenin-armistice")


def test_different_works_by_one_author_are_not_duplicates(library):
    library.add([rec(ARTICLE)])
    results = library.add([rec(ARTICLE, id="okafor-2020", DOI=None, issued={"date-parts": [[2020]]}),
                           rec(PAGE, URL="https://www.history.com/this-day-in-history/lenin-armistice?id=2")])
    assert [r.record_id for r in results] == ["okafor-2020", "lenin-page"]


def test_duplicates_inside_one_add_are_caught_too(library):
    results = library.add([rec(ZOLA), rec(ZOLA, id="zola-again", title="J'ACCUSE...!")])
    assert [(r.record_id, r.duplicate_of) for r in results] == [("zola-1898-accuse", None), (None, "zola-1898-accuse")]


def test_url_and_doi_normalisation():
    assert normalise_url("HTTPS://www.Example.ORG/Path/To/Page/?b=2&utm_source=x&a=1&fbclid=abc#section") == \
        "example.org/Path/To/Page?b=2&a=1"
    assert normalise_url("www.example.org") == "example.org"
    assert normalise_url("http://example.org:8080/a") == "example.org:8080/a"
    assert normalise_doi(" doi:10.1000/ABC ") == normalise_doi("https://dx.doi.org/10.1000/abc") == "10.1000/abc"


# --- Files that are not records ----------------------------------------------------------------

BAD_FILES = {
    "broken.json": b'[{"id": "broken", "type": "book",',
    "untyped.json": b'[{"id": "untyped", "title": "No type"}]',
    "two.json": json.dumps([WHITE_TEETH, ZOLA]).encode(),
    "latin1.json": '[{"id": "latin1", "type": "book", "title": "Café"}]'.encode("latin-1"),
}


def test_broken_files_are_reported_by_name_skipped_and_never_written_over(library):
    library.add([rec(ARTICLE)])
    folder = Path(library.path)
    for name, data in BAD_FILES.items():
        (folder / name).write_bytes(data)
    assert [r.id for r in library.records()] == ["okafor-2019-harbours"]
    problems = library.problems()
    assert [(Path(p.location).name, p.code, p.message) for p in problems] == [
        ("broken.json", "unreadable-record-file", "not valid JSON: Expecting property name enclosed in double quotes at line 1 column 34; skipped"),
        ("latin1.json", "unreadable-record-file", "not UTF-8 text; skipped"),
        ("two.json", "unreadable-record-file", "holds 2 records; a library file holds exactly one; skipped"),
        ("untyped.json", "unreadable-record-file",
         "not a valid record: record 'untyped': has no 'type' (add a CSL type such as \"webpage\", \"book\" "
         "or \"article-journal\"); skipped"),
    ]
    # A new record with the id of a broken file is stored beside it, not over it.
    results = library.add([rec(WHITE_TEETH, id="broken"), rec(ZOLA, id="UNTYPED")])
    assert [r.record_id for r in results] == ["broken-b", "UNTYPED-b"]
    assert {name: (folder / name).read_bytes() for name in BAD_FILES} == BAD_FILES


def test_a_file_not_named_by_its_id_is_kept_with_a_warning_and_an_id_held_twice_is_skipped(library):
    library.add([rec(WHITE_TEETH)])
    folder = Path(library.path)
    (folder / "renamed.json").write_text(json.dumps([ZOLA]), encoding="utf-8")
    (folder / "copy.json").write_text(json.dumps([{**WHITE_TEETH, "id": "SMITH-2000-teeth"}]), encoding="utf-8")
    assert [r.id for r in library.records()] == ["smith-2000-teeth", "zola-1898-accuse"]
    assert [(Path(p.location).name, p.code, p.message) for p in library.problems()] == [
        ("copy.json", "record-id-used-twice",
         "holds the record 'SMITH-2000-teeth', which smith-2000-teeth.json holds too (ids ignore case); skipped"),
        ("renamed.json", "file-not-named-by-id",
         "holds the record 'zola-1898-accuse'; the file should be zola-1898-accuse.json"),
    ]
    assert library.get("ZOLA-1898-accuse").title == "J’accuse…!"
    # With the first file gone, the copy's record is the one with that id.
    library.remove("smith-2000-teeth")
    assert [(e.file, e.id) for e in library.entries()] == [
        ("copy.json", "SMITH-2000-teeth"), ("renamed.json", "zola-1898-accuse")]


# --- The index ---------------------------------------------------------------------------------

def test_the_index_follows_edits_removals_and_additions_made_outside_citekit(library):
    library.add([rec(WHITE_TEETH), rec(ZOLA)])
    assert [e.title for e in library.entries()] == ["White Teeth", "J’accuse…!"]
    folder = Path(library.path)
    # Edited in place, as an editor saving over the file does (same inode, new size).
    with open(folder / "smith-2000-teeth.json", "r+", encoding="utf-8") as handle:
        text = handle.read().replace("White Teeth", "White Teeth: A Novel")
        handle.seek(0)
        handle.write(text)
    (folder / "zola-1898-accuse.json").unlink()
    (folder / "okafor.json").write_text(json.dumps(ARTICLE), encoding="utf-8")
    assert [(e.id, e.title) for e in library.entries()] == [
        ("okafor-2019-harbours", "Harbours of the Bight"), ("smith-2000-teeth", "White Teeth: A Novel")]


def test_a_damaged_or_deleted_index_is_rebuilt_from_the_files(library):
    library.add([rec(WHITE_TEETH), rec(ZOLA)])
    index = Path(library.path) / INDEX_NAME
    index.write_bytes(b"this is not a database" * 100)
    assert [e.id for e in library.entries()] == ["smith-2000-teeth", "zola-1898-accuse"]
    index.unlink()
    assert [e.id for e in library.entries()] == ["smith-2000-teeth", "zola-1898-accuse"]
    assert index.exists()


def test_a_library_whose_index_cannot_be_opened_is_read_and_written_without_it(library):
    library.add([rec(WHITE_TEETH)])
    index = Path(library.path) / INDEX_NAME
    index.unlink()
    index.mkdir()  # as unusable as a read-only folder, even for root
    assert [e.id for e in library.entries()] == ["smith-2000-teeth"]
    assert [r.record_id for r in library.add([rec(ZOLA)])] == ["zola-1898-accuse"]
    assert [r.id for r in library.search("zola")] == ["zola-1898-accuse"]


def test_temp_lock_and_index_files_never_count_as_records(library):
    library.add([rec(WHITE_TEETH)])
    (Path(library.path) / ".citekit-3x9.tmp").write_text("[", encoding="utf-8")  # a crashed write
    (Path(library.path) / ".hidden.json").write_text(json.dumps([ZOLA]), encoding="utf-8")
    assert [e.id for e in library.entries()] == ["smith-2000-teeth"] and library.problems() == []


# --- Reading one record, selecting, searching ---------------------------------------------------

def test_get_ignores_case_and_a_missing_id_suggests_close_ones(library):
    library.add([rec(WHITE_TEETH), rec(ZOLA)])
    assert library.get("Smith-2000-Teeth").to_csl() == WHITE_TEETH
    with pytest.raises(CitekitError) as error:
        library.get("smith-2000-teath")
    assert str(error.value) == (f"{library.path}: no record 'smith-2000-teath' in the library "
                                "(did you mean 'smith-2000-teeth'?)")
    assert close_ids("smith_2000_teeth", ["zola-1898-accuse", "smith-2000-teeth"]) == ["smith-2000-teeth"]


def test_select_gives_named_records_and_tagged_ones(library):
    library.add([rec(WHITE_TEETH), rec(ZOLA), rec(ARTICLE), rec(PAGE)])
    library.tag("zola-1898-accuse", ["Dreyfus-Affäre"])
    library.tag("lenin-page", ["dreyfus-affare"])  # the same tag, written without accent or capital
    assert [r.id for r in library.select(["OKAFOR-2019-harbours"], tag="DREYFUS-AFFARE")] == [
        "okafor-2019-harbours", "lenin-page", "zola-1898-accuse"]
    assert [r.id for r in library.select()] == [
        "lenin-page", "okafor-2019-harbours", "smith-2000-teeth", "zola-1898-accuse"]
    assert library.select(tag="nothing") == []
    with pytest.raises(CitekitError, match="no record 'nope'"):
        library.select(["nope"])


@pytest.mark.parametrize("query, ids", [
    ("emile", ["zola-1898-accuse"]),  # accents ignored
    ("ZOLA 1898", ["zola-1898-accuse"]),  # every word must match
    ("zola 1899", []),
    ("aurore", ["zola-1898-accuse"]),  # container
    ("teeth", ["smith-2000-teeth"]),
    ("author:smith", ["smith-2000-teeth"]),
    ("title:smith", []),
    ("year:2019", ["okafor-2019-harbours"]),
    ("year:201", []),  # a year must be equal
    ("container:history", ["lenin-page", "okafor-2019-harbours"]),
    ('title:"of the bight"', ["okafor-2019-harbours"]),
    ("tag:essay", ["okafor-2019-harbours", "smith-2000-teeth"]),
    ("tag:ess", []),  # a tag must be equal
    ("ess", ["okafor-2019-harbours", "smith-2000-teeth"]),  # a bare word also looks in tags
])
def test_search(library, query, ids):
    library.add([rec(WHITE_TEETH), rec(ZOLA), rec(ARTICLE), rec(PAGE)])
    library.tag("smith-2000-teeth", ["essay"])
    library.tag("okafor-2019-harbours", ["Essay", "west-africa"])
    assert [r.id for r in library.search(query)] == ids


def test_an_empty_search_is_an_error(library):
    library.add([rec(ZOLA)])
    with pytest.raises(CitekitError, match="the search is empty"):
        library.search("   ")


# --- Changing records --------------------------------------------------------------------------

def test_set_fields_reads_titles_dates_names_and_urls(library):
    library.add([rec(WHITE_TEETH)])
    record = library.set_fields("smith-2000-teeth", [
        "title=White Teeth: A Novel", "issued=2000-01-27", "accessed=March 22, 2018",
        "author=Smith, Zadie; King, Martin Luther, Jr.; Penguin Books", "url=https://example.org/teeth",
        "publisher="])
    assert record.to_csl() == {
        "id": "smith-2000-teeth", "type": "book", "URL": "https://example.org/teeth",
        "accessed": {"date-parts": [[2018, 3, 22]]},
        "author": [{"family": "Smith", "given": "Zadie"},
                   {"family": "King", "given": "Martin Luther", "suffix": "Jr."}, {"literal": "Penguin Books"}],
        "issued": {"date-parts": [[2000, 1, 27]]}, "title": "White Teeth: A Novel"}
    assert library.get("smith-2000-teeth") == record
    record = library.set_fields("smith-2000-teeth", ['author={"literal": "HISTORY.com Editors"}', "type=webpage"])
    assert (record.type, record.to_csl()["author"]) == ("webpage", [{"literal": "HISTORY.com Editors"}])


@pytest.mark.parametrize("assignment, message", [
    ("titel=White", "smith-2000-teeth.json:titel: 'titel' is not a CSL variable (did you mean 'title'?)"),
    ("issued=sometime", "smith-2000-teeth.json:issued: cannot read the date 'sometime' (write it as "
                        "YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2018-03-22)"),
    ("URL=www.example.org", "URL: 'www.example.org' is not a full web address"),
    ("DOI=https://doi.org/10.1000/x", "DOI: 'https://doi.org/10.1000/x' is not a DOI"),
    ('author={"family": ', "author: not valid JSON"),
    ('author=[{"given": 3}]', "record 'smith-2000-teeth': author[0].given: must be text, not int 3"),
    ("type=novel", "smith-2000-teeth.json:type: 'novel' is not a CSL type (the record is unchanged"),
    ("type=", "type: every record needs a type"),
    ("id=new-id", "id: the id cannot be changed with set"),
    ("title", "'title' is not FIELD=VALUE"),
])
def test_a_bad_assignment_is_one_error_and_leaves_the_file_untouched(library, assignment, message):
    library.add([rec(WHITE_TEETH)])
    with pytest.raises(CitekitError) as error:
        library.set_fields("smith-2000-teeth", ["title=Changed", assignment])
    assert message in str(error.value) and "\n" not in str(error.value)
    assert (Path(library.path) / "smith-2000-teeth.json").read_text(encoding="utf-8") == WHITE_TEETH_FILE


def test_a_failed_write_leaves_the_old_file_whole_and_no_temp_file(library, monkeypatch):
    library.add([rec(WHITE_TEETH)])

    def no_rename(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_rename)
    with pytest.raises(CitekitError, match="could not write the file: No space left on device"):
        library.set_fields("smith-2000-teeth", ["title=Changed"])
    monkeypatch.undo()
    assert (Path(library.path) / "smith-2000-teeth.json").read_text(encoding="utf-8") == WHITE_TEETH_FILE
    assert [n for n in record_files(library) if n.endswith(".tmp")] == []


def test_tags_live_in_custom_and_do_not_reach_citations_or_bibtex(library):
    library.add([rec(WHITE_TEETH, custom={"zotero-key": "AB12"})])
    library.tag("smith-2000-teeth", ["essay", "novels"])
    record = library.tag("smith-2000-teeth", ["ESSAY", "thesis"])  # "ESSAY" is already there
    assert record.to_csl()["custom"] == {"zotero-key": "AB12", "tags": ["essay", "novels", "thesis"]}
    record = library.tag("smith-2000-teeth", ["Novels", "essay", "thesis"], remove=True)
    assert record.to_csl()["custom"] == {"zotero-key": "AB12"}
    tagged = library.tag("smith-2000-teeth", ["essay"])

    from citekit.export.bibtex import write_bibtex
    from citekit.render import render_citations

    untagged = rec(WHITE_TEETH)
    for engine in ("pandoc", "citeproc-py"):
        for style in ("apa", "mla"):
            text = render_citations([tagged], style, engine=engine, fmt="html")[0].text
            assert text == render_citations([untagged], style, engine=engine, fmt="html")[0].text
            assert "essay" not in text and "Smith" in text, (engine, style)
    assert write_bibtex([tagged]) == write_bibtex([rec(WHITE_TEETH)])


def test_remove_deletes_the_file(library):
    library.add([rec(WHITE_TEETH), rec(ZOLA)])
    assert library.remove("SMITH-2000-TEETH") == "smith-2000-teeth"
    assert [e.id for e in library.entries()] == ["zola-1898-accuse"]
    assert "smith-2000-teeth.json" not in record_files(library)
    with pytest.raises(CitekitError, match="no record 'smith-2000-teeth'"):
        library.remove("smith-2000-teeth")


# --- Several processes at once -----------------------------------------------------------------

def test_a_writer_waits_for_the_lock_and_gives_up_after_the_timeout_while_readers_go_on(library, monkeypatch):
    import fcntl

    from citekit import library_lock

    library.add([rec(WHITE_TEETH)])
    monkeypatch.setattr(library_lock, "LOCK_TIMEOUT_SECONDS", 0.3)
    with open(Path(library.path) / LOCK_NAME) as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another process's add, say
        with pytest.raises(CitekitError) as error:
            library.set_fields("smith-2000-teeth", ["title=Changed"])
        assert [e.title for e in library.entries()] == ["White Teeth"]
    assert str(error.value) == (f"{library.path}/.citekit.lock: another citekit has held the library's lock "
                                "for 0.3 s (wait for it to finish, then try again)")
    assert library.set_fields("smith-2000-teeth", ["title=Changed"]).title == "Changed"


def _add_one_at_a_time(folder: str, worker: int, start, done) -> None:
    library = open_library(folder)
    start.wait()
    for number in range(249):
        library.add([{"id": f"w{worker}-{number:03d}", "type": "book", "title": f"Book {number} of worker {worker}",
                      "author": [{"family": f"Writer{worker}"}], "issued": {"date-parts": [[2000 + number % 20]]}}])
    # One id all four processes want: each must end up with its own file.
    library.add([{"id": "Shared", "type": "book", "title": f"Shared by {worker}"}])
    done.put(worker)


def _read_while_writing(folder: str, start, stop, seen) -> None:
    library = open_library(folder)
    start.wait()
    while not stop.is_set():
        problems = library.problems()
        seen.put(len(problems))
        time.sleep(0.01)


def test_four_processes_adding_250_records_each_leave_exactly_1000_valid_files(tmp_path):
    folder = str(tmp_path / "records")
    os.makedirs(folder)
    context = multiprocessing.get_context("fork")
    start, stop, done, seen = context.Barrier(5), context.Event(), context.Queue(), context.Queue()
    writers = [context.Process(target=_add_one_at_a_time, args=(folder, w, start, done)) for w in range(4)]
    reader = context.Process(target=_read_while_writing, args=(folder, start, stop, seen))
    began = time.monotonic()
    for process in [*writers, reader]:
        process.start()
    for process in writers:
        process.join(timeout=120)
    stop.set()
    reader.join(timeout=30)
    assert [p.exitcode for p in writers] == [0, 0, 0, 0] and reader.exitcode == 0
    assert time.monotonic() - began < 60
    names = [n for n in os.listdir(folder) if not n.startswith(".")]
    assert len(names) == 1000
    for name in names:  # every file whole and valid
        [data] = json.loads((Path(folder) / name).read_text(encoding="utf-8"))
        assert name == data["id"] + ".json"
    library = open_library(folder)
    assert len(library.records()) == 1000 and library.problems() == []
    assert sorted(n for n in names if n.lower().startswith("shared")) == [
        "Shared-b.json", "Shared-c.json", "Shared-d.json", "Shared.json"]
    readings = []
    while not seen.empty():
        readings.append(seen.get())
    assert readings and set(readings) == {0}  # a reader never saw a half-written file
