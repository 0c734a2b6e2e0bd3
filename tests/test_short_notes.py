"""Short notes (`--mode short-note`): a later footnote to a work already cited in full.

CMOS 18 14.29-14.31 (and 17th 14.29-14.36): after the first, full note, a work is cited by the
author's surname, a short title (the main title without its subtitle; quoted or italic as in full)
and the page: "Service, *Lenin*, 45." A page with an author: "History.com Editors, “Vladimir Lenin.”"
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from citekit.cli import cli
from citekit.errors import CitekitError
from citekit.render import render_citations

BIOGRAPHY = {"id": "service-2000-lenin", "type": "book", "title": "Lenin: a biography",
             "author": [{"family": "Service", "given": "Robert"}], "publisher": "Macmillan",
             "issued": {"date-parts": [[2000]]}}
PAGE = {"id": "lenin-page", "type": "webpage", "title": "Vladimir Lenin", "container-title": "HISTORY",
        "author": [{"literal": "History.com Editors"}], "issued": {"date-parts": [[2009, 11, 9]]},
        "URL": "https://www.history.com/topics/russia/vladimir-lenin"}


@pytest.mark.parametrize("style", ["chicago", "chicago-17"])
def test_a_short_note_gives_surname_short_title_and_page(style):
    notes = render_citations([BIOGRAPHY, PAGE], style, mode="short-note", fmt="markdown", locator="45")
    assert [note.text for note in notes] == ["Service, *Lenin*, 45.", "History.com Editors, “Vladimir Lenin,” 45."]


def test_without_a_page_the_short_note_ends_with_the_title():
    notes = render_citations([BIOGRAPHY, PAGE], "chicago", mode="short-note", fmt="markdown")
    assert [note.text for note in notes] == ["Service, *Lenin*.", "History.com Editors, “Vladimir Lenin.”"]


def test_one_work_alone_gets_its_short_note_not_ibid():
    [note] = render_citations([BIOGRAPHY], "chicago", mode="short-note", locator="45")
    assert note.text == "Service, Lenin, 45."


def test_the_first_note_stays_the_full_one():
    [note] = render_citations([BIOGRAPHY], "chicago", mode="note", fmt="markdown", locator="45")
    assert note.text == "Robert Service, *Lenin: A Biography* (Macmillan, 2000), 45."


def test_short_notes_belong_to_note_styles_and_the_pandoc_engine(tmp_path):
    with pytest.raises(CitekitError) as caught:
        render_citations([BIOGRAPHY], "apa", mode="short-note")
    assert str(caught.value).startswith("--mode: APA Style 7th edition puts citations in the text, not in notes")
    with pytest.raises(CitekitError) as caught:
        render_citations([BIOGRAPHY], "chicago", mode="short-note", engine="citeproc-py")
    assert str(caught.value) == ("--engine: the citeproc-py engine cannot print short notes (use the default "
                                 "engine: --engine pandoc)")


def test_cite_takes_short_note_with_a_locator(tmp_path):
    source = tmp_path / "works.json"
    source.write_text(json.dumps([BIOGRAPHY]), encoding="utf-8")
    result = CliRunner().invoke(cli, ["cite", str(source), "--style", "chicago", "--mode", "short-note",
                                      "--locator", "45"])
    assert (result.exit_code, result.stdout) == (0, "Service, Lenin, 45.\n")
