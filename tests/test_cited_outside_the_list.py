"""Works a style cites only in notes or in the text are left out of its reference list, and said so.

Chicago 18 keeps unpublished talks out of the bibliography (CMOS 18 14.115: cited in notes only);
APA 7 keeps personal communications out of the reference list (8.9: cited in the text only). A
list with such a work in it is the rest of the list plus a warning naming the work, never an error
that loses every other entry.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from citekit.cli import cli
from citekit.errors import CitekitError
from citekit.render import render_citations
from conftest import WHITE_TEETH

TALK = {"id": "atwood-1993-scream", "type": "speech", "title": "Silencing the scream",
        "author": [{"family": "Atwood", "given": "Margaret"}], "event-title": "Boundaries of the Imagination Forum",
        "issued": {"date-parts": [[1993, 12, 29]]}}
EMAIL = {"id": "doe-2020-email", "type": "personal_communication", "title": "Email about the survey",
         "author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2020, 3, 4]]}}
CHICAGO = "Chicago Manual of Style 18th edition (notes and bibliography)"
TALK_LEFT_OUT = f"{CHICAGO} cites a speech like this one in notes only and leaves it out of its bibliography"
# CMOS 18 14.2: Author. *Title*. Publisher, Year.
WHITE_TEETH_CHICAGO = "Smith, Zadie. White Teeth. Hamish Hamilton, 2000."


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="citekit")


def test_a_talk_is_left_out_of_a_chicago_bibliography_and_reported():
    left_out: list = []
    entries = render_citations([TALK, WHITE_TEETH], "chicago", left_out=left_out)
    assert [entry.text for entry in entries] == [WHITE_TEETH_CHICAGO]
    assert [(f.code, f.severity.value, f.record_id, f.message, f.fix) for f in left_out] == [
        ("cited-outside-the-list", "warning", "atwood-1993-scream", TALK_LEFT_OUT, "cite it in a note: --mode note")]
    # CMOS 18 14.115: Author, "Title" (Meeting, Month Day, Year) -- the note the talk is cited in.
    [note] = render_citations([TALK], "chicago", mode="note")
    assert note.text == "Margaret Atwood, “Silencing the Scream,” Boundaries of the Imagination Forum, December 29, 1993."


def test_a_caller_that_does_not_collect_them_gets_an_error_not_a_shorter_list():
    with pytest.raises(CitekitError) as caught:
        render_citations([TALK, WHITE_TEETH], "chicago")
    assert str(caught.value) == f"record 'atwood-1993-scream': {TALK_LEFT_OUT} (cite it in a note: --mode note)"


def test_apa_keeps_a_personal_communication_in_the_text_only():
    left_out: list = []
    assert render_citations([EMAIL], "apa", left_out=left_out) == []
    assert [(f.record_id, f.message, f.fix) for f in left_out] == [(
        "doe-2020-email", "APA Style 7th edition cites a personal communication like this one in the text only "
                          "and leaves it out of its reference list", "cite it in the text: --mode intext")]
    # APA 7 8.9: (J. Doe, personal communication, March 4, 2020)
    [citation] = render_citations([EMAIL], "apa", mode="intext")
    assert citation.text == "(J. Doe, personal communication, March 4, 2020)"


def test_cite_prints_the_rest_and_warns_with_exit_0(tmp_path):
    source = tmp_path / "works.json"
    source.write_text(json.dumps([TALK, WHITE_TEETH]), encoding="utf-8")
    result = run("cite", str(source), "--style", "chicago")
    assert (result.exit_code, result.stdout) == (0, WHITE_TEETH_CHICAGO + "\n")
    assert result.stderr == (f"citekit: warning: atwood-1993-scream: {TALK_LEFT_OUT} "
                             "(cite it in a note: --mode note)\n")
    alone = tmp_path / "talk.json"
    alone.write_text(json.dumps([TALK]), encoding="utf-8")
    nothing = run("cite", str(alone), "--style", "chicago")
    assert (nothing.exit_code, nothing.stdout) == (0, "")  # no blank line for an empty list
    kept = tmp_path / "citations.txt"
    kept.write_text("what the student had\n", encoding="utf-8")
    unwritten = run("cite", str(alone), "--style", "chicago", "-o", str(kept))
    assert unwritten.exit_code == 0
    assert unwritten.stderr.splitlines()[-1] == f"citekit: warning: no citation to write, so {kept} is left as it was"
    assert kept.read_text(encoding="utf-8") == "what the student had\n"


def test_bib_lists_the_rest_of_the_library_and_warns(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CITEKIT_LIBRARY", raising=False)
    (tmp_path / "works.json").write_text(json.dumps([TALK, WHITE_TEETH]), encoding="utf-8")
    assert run("add", "works.json").exit_code == 0
    result = run("bib", "--style", "chicago")
    assert (result.exit_code, result.stdout) == (0, WHITE_TEETH_CHICAGO + "\n")
    assert result.stderr == (f"citekit: warning: atwood-1993-scream: {TALK_LEFT_OUT} "
                             "(cite it in a note: --mode note)\n")
