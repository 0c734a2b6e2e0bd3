from __future__ import annotations

import json

import pytest

from citekit.findings import Finding, Severity
from citekit.model import record_from_csl
from citekit.render.styles import style_family
from citekit.validate import (
    RULES,
    exit_status_for,
    findings_to_json,
    format_findings_table,
    validate_record,
    validate_records,
)

LENIN = {
    "id": "lenin-armistice",
    "type": "webpage",
    "title": "November 08, 1917 : New Russian leader Lenin calls for immediate armistice",
    "author": [{"literal": "Staff"}],
    "publisher": "A+E Networks",
    "accessed": {"date-parts": [[2018, 3, 22]]},
}
LENIN_COMPLETED = {
    **LENIN,
    "container-title": "HISTORY",
    "URL": "https://www.history.com/this-day-in-history/new-russian-leader-lenin-calls-for-immediate-armistice",
}
TITLE_INFOS = ["title-space-before-colon", "title-zero-padded-day"]


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def find(findings: list[Finding], code: str) -> Finding:
    (finding,) = [f for f in findings if f.code == code]
    return finding


@pytest.mark.parametrize("style", [None, "mla", "apa", "modern-language-association"])
def test_lenin_fixture_codes(style):
    findings = validate_record(record_from_csl(LENIN), style=style)
    assert codes(findings) == ["missing-url", "missing-issued", "missing-container-title", "generic-author",
                               *TITLE_INFOS]
    assert [f.severity for f in findings] == [Severity.ERROR] + [Severity.WARNING] * 3 + [Severity.INFO] * 2
    assert {f.record_id for f in findings} == {"lenin-armistice"}


def test_lenin_fixture_chicago_only_recommends_the_url():
    findings = validate_record(record_from_csl(LENIN), style="chicago-author-date-17th-edition")
    assert codes(findings) == ["missing-issued", "missing-url", "missing-container-title", "generic-author",
                               *TITLE_INFOS]
    assert find(findings, "missing-url").severity is Severity.WARNING


@pytest.mark.parametrize("style", [None, "mla", "apa", "chicago", "chicago-notes", "ieee"])
def test_completed_record_codes(style):
    findings = validate_record(record_from_csl(LENIN_COMPLETED), style=style)
    assert codes(findings) == ["missing-issued", "generic-author", *TITLE_INFOS]


def test_generic_author_texts():
    finding = find(validate_record(record_from_csl(LENIN)), "generic-author")
    assert finding.field == "author"
    assert finding.message == 'The author "Staff" is a generic byline, not the name of a person.'
    assert finding.fix == ('Replace "Staff" by the group author the site credits, for example HISTORY.com Editors '
                           '(in CSL-JSON "author": [{"literal": "HISTORY.com Editors"}], so it is never split into '
                           'given and family names), or remove it so the citation starts with the title.')


def test_missing_url_texts():
    finding = find(validate_record(record_from_csl(LENIN)), "missing-url")
    assert finding.field == "URL"
    assert finding.message == "No URL: the record does not give the web address of the page."
    assert finding.fix == ("Add the full address of the page as shown in the browser's address bar, "
                           "starting with https://.")


def test_style_notes_follow_the_chosen_style():
    record = record_from_csl(LENIN)
    issued_all = find(validate_record(record), "missing-issued")
    assert list(issued_all.styles) == ["mla", "apa", "chicago"]
    assert "(n.d.)" in issued_all.styles["apa"]
    assert '"n.d."' in issued_all.styles["chicago"] and "access date" in issued_all.styles["chicago"]
    assert "leaves the date out" in issued_all.styles["mla"]
    for style, family in [("mla", "mla"), ("apa", "apa"), ("chicago-notes-bibliography", "chicago")]:
        finding = find(validate_record(record, style=style), "missing-issued")
        assert finding.styles == {family: issued_all.styles[family]}
    assert find(validate_record(record, style="ieee"), "missing-issued").styles == {}


def test_rule_for_one_style_only_is_kept_for_that_style():
    # MLA 9 names a website's publisher; APA 7 and Chicago have no place for it.
    record = record_from_csl({**LENIN_COMPLETED, "publisher": None, "issued": "2009-11-13",
                              "author": [{"literal": "HISTORY.com Editors"}],
                              "title": "New Russian leader Lenin calls for immediate armistice"})
    assert codes(validate_record(record, style="mla")) == ["missing-publisher"]
    assert validate_record(record, style="apa") == []
    assert validate_record(record, style="chicago") == []
    assert validate_record(record, style="ieee") == []  # unknown style: generic rules only
    everything = validate_record(record)
    assert codes(everything) == ["missing-publisher"]
    assert everything[0].severity is Severity.INFO
    assert list(everything[0].styles) == ["mla"]


def test_missing_accessed_depends_on_style():
    record = record_from_csl({"id": "p", "type": "webpage", "title": "A page", "container-title": "Site",
                              "author": [{"family": "Smith", "given": "Zadie"}], "publisher": "Owner",
                              "URL": "https://example.org/page"})
    severities = {style: {f.code: f.severity for f in validate_record(record, style=style)}
                  for style in (None, "mla", "apa", "chicago", "ieee")}
    assert severities["mla"] == {"missing-issued": Severity.WARNING, "missing-accessed": Severity.ERROR}
    assert severities["chicago"]["missing-accessed"] is Severity.ERROR
    assert severities["apa"]["missing-accessed"] is Severity.INFO
    assert severities["ieee"]["missing-accessed"] is Severity.INFO
    assert severities[None]["missing-accessed"] is Severity.ERROR  # as strict as the strictest guide
    # A page with a publication date needs no access date.
    dated = record_from_csl({**record.to_csl(), "issued": "2018-03-22"})
    assert "missing-accessed" not in codes(validate_record(dated, style="mla"))


BOOK = {"id": "smith2000", "type": "book", "title": "White Teeth",
        "author": [{"family": "Smith", "given": "Zadie"}], "issued": "2000", "publisher": "Hamish Hamilton"}


def test_book_without_publisher():
    record = record_from_csl({**BOOK, "publisher": None})
    findings = validate_record(record)
    assert codes(findings) == ["missing-publisher"]
    assert findings[0].severity is Severity.WARNING
    assert findings[0].message == "No publisher: the record does not say who published the book."


def test_book_severities_differ_from_webpage():
    book = validate_record(record_from_csl({**BOOK, "issued": None, "author": None}))
    assert [(f.code, f.severity) for f in book] == [("missing-issued", Severity.ERROR),
                                                    ("missing-author", Severity.WARNING)]
    assert book[0].message == "No publication date: the record does not say when the book was published."
    page = validate_record(record_from_csl({**LENIN_COMPLETED, "author": None}))
    assert [(f.code, f.severity) for f in page if f.code in ("missing-issued", "missing-author")] == [
        ("missing-issued", Severity.WARNING), ("missing-author", Severity.INFO)]


def test_edited_book_has_an_author_enough():
    record = record_from_csl({**BOOK, "author": None, "editor": [{"family": "Fry", "given": "Ann"}]})
    assert validate_record(record) == []


def test_journal_article_without_container_title():
    record = record_from_csl({"id": "a", "type": "article-journal", "title": "Lenin and the Armistice",
                              "author": [{"family": "Rabinowitch", "given": "Alexander"}], "issued": "1977",
                              "URL": "https://example.org/a"})
    findings = validate_record(record)
    assert codes(findings) == ["missing-container-title"]
    assert findings[0].severity is Severity.ERROR
    assert findings[0].message == "No journal name: the record does not say which journal the article appeared in."
    # The web-page version of the rule (a warning) does not apply to a journal article.
    assert "missing-url" not in codes(findings)


def test_missing_title_is_an_error_for_every_style():
    record = record_from_csl({**BOOK, "title": None})
    for style in (None, "mla", "apa", "chicago", "ieee"):
        assert [(f.code, f.severity) for f in validate_record(record, style=style)] == [
            ("missing-title", Severity.ERROR)]


def test_raw_dates_are_reported_per_variable():
    record = record_from_csl({**LENIN_COMPLETED, "author": [{"literal": "HISTORY.com Editors"}],
                              "title": "Lenin calls for armistice",
                              "issued": {"raw": "Fall of 2009"}, "accessed": "22/03/2018"})
    findings = validate_record(record, style="apa")
    # In the order of citekit.model.DATE_VARIABLES.
    assert [(f.code, f.field) for f in findings] == [("raw-date", "accessed"), ("raw-date", "issued")]
    assert findings[0].message == 'The accessed date "22/03/2018" could not be read as a date.'
    assert findings[1].message == 'The issued date "Fall of 2009" could not be read as a date.'


@pytest.mark.parametrize("url, code, fix_part", [
    ("www.history.com/this-day-in-history", "url-without-scheme", '"https://www.history.com/this-day-in-history"'),
    ("ftp://archive.example.org/page", "url-not-http", "browser's address bar"),
    ("file:///C:/Users/me/page.html", "url-not-http", "browser's address bar"),
])
def test_malformed_urls(url, code, fix_part):
    record = record_from_csl({**LENIN_COMPLETED, "URL": url, "issued": "2009",
                              "author": [{"literal": "HISTORY.com Editors"}], "title": "Lenin"})
    findings = validate_record(record)
    assert codes(findings) == [code]
    assert findings[0].severity is Severity.WARNING
    assert fix_part in findings[0].fix


def test_validate_records_names_each_record():
    records = [record_from_csl(LENIN), record_from_csl({**BOOK, "publisher": None})]
    findings = validate_records(records, style="mla")
    assert [(f.record_id, f.code) for f in findings] == [
        ("lenin-armistice", "missing-url"), ("lenin-armistice", "missing-issued"),
        ("lenin-armistice", "missing-container-title"), ("lenin-armistice", "generic-author"),
        ("lenin-armistice", "title-space-before-colon"), ("lenin-armistice", "title-zero-padded-day"),
        ("smith2000", "missing-publisher")]


@pytest.mark.parametrize("name, family", [
    ("mla", "mla"), ("modern-language-association", "mla"), ("MLA", "mla"), ("mla-9", "mla"),
    ("apa", "apa"), ("apa-6th-edition", None), ("apa-no-ampersand", "apa"),
    ("chicago-author-date-17th-edition", "chicago"), ("chicago-notes", "chicago"),
    ("/home/me/styles/chicago-foo.csl", "chicago"), (r"C:\styles\modern-language-association.csl", "mla"),
    ("ieee", None), ("apacite-like", None), ("harvard-cite-them-right", None), ("", None),
])
def test_style_family(name, family):
    assert style_family(name) == family


def _finding(severity: Severity) -> Finding:
    return Finding(code="x", severity=severity, message="m")


def test_exit_status():
    assert exit_status_for([], strict=False) == 0
    assert exit_status_for([_finding(Severity.INFO), _finding(Severity.WARNING)], strict=False) == 0
    assert exit_status_for([_finding(Severity.INFO), _finding(Severity.WARNING)], strict=True) == 1
    assert exit_status_for([_finding(Severity.INFO)], strict=True) == 0
    assert exit_status_for([_finding(Severity.ERROR)], strict=False) == 1
    assert exit_status_for(validate_record(record_from_csl(LENIN)), strict=False) == 1
    assert exit_status_for(validate_record(record_from_csl(LENIN_COMPLETED)), strict=False) == 0
    assert exit_status_for(validate_record(record_from_csl(LENIN_COMPLETED)), strict=True) == 1


def test_findings_to_json():
    data = json.loads(findings_to_json(validate_record(record_from_csl(LENIN), style="chicago")))
    assert [item["code"] for item in data][:2] == ["missing-issued", "missing-url"]
    first = data[0]
    assert set(first) == {"code", "severity", "message", "field", "record_id", "fix", "styles", "location"}
    assert first["severity"] == "warning"
    assert first["field"] == "issued"
    assert first["record_id"] == "lenin-armistice"
    assert list(first["styles"]) == ["chicago"]
    assert json.loads(findings_to_json([])) == []


def test_table_lines_for_one_finding():
    finding = find(validate_record(record_from_csl(LENIN_COMPLETED), style="apa"), "generic-author")
    assert format_findings_table([finding]).split("\n") == [
        "SEVERITY  CODE            FIELD   MESSAGE",
        "",
        "Record lenin-armistice:",
        'warning   generic-author  author  The author "Staff" is a generic byline, not the name of a person.',
        '  fix: Replace "Staff" by the group author the site credits, for example HISTORY.com Editors (in '
        'CSL-JSON "author": [{"literal": "HISTORY.com Editors"}], so it is never split into given and family '
        'names), or remove it so the citation starts with the title.',
        "  APA: APA 7 moves the title to the author position when there is no author; citekit does that by "
        "default, or give the group author the site credits (e.g. HISTORY.com Editors).",
    ]


def test_table_shows_every_style_line_and_empty_result():
    table = format_findings_table(validate_record(record_from_csl(LENIN)))
    assert table.count("\n  fix: ") == 6
    assert table.count("\n  MLA: ") == table.count("\n  APA: ") == table.count("\n  Chicago: ") == 6
    assert format_findings_table([]) == "No problems found."


def test_rules_are_data():
    for rule in RULES:
        assert rule.code == rule.code.lower() and " " not in rule.code
        assert set(rule.styles) <= {"mla", "apa", "chicago"} and rule.styles
        assert rule.message.strip() and rule.fix.strip()
    assert {r.code for r in RULES} >= {
        "missing-issued", "missing-accessed", "missing-url", "missing-container-title", "generic-author",
        "missing-title", "missing-author", "missing-publisher", "raw-date", "title-space-before-colon",
        "title-zero-padded-day", "url-without-scheme", "url-not-http", "anonymous-author", "looks-like-news-article",
        "title-extra-space", "subtitle-starts-lowercase"}
    # Only the title typography is certain enough for --fix; a record's type or author never is.
    assert sorted({r.code for r in RULES if r.repair}) == [
        "subtitle-starts-lowercase", "title-extra-space", "title-space-before-colon", "title-zero-padded-day"]


def test_the_findings_table_keeps_one_finding_per_line_whatever_the_values():
    record = record_from_csl({"id": "two\nlines", "type": "webpage", "title": "A\nSEVERITY  CODE\u2028x : y",
                              "URL": "ftp://example.org/\rfile"})
    table = format_findings_table(validate_record(record))
    assert "Record two lines:" in table.splitlines()
    # Every line is the header, a blank, a record heading, a finding row, or an indented fix/note.
    for text in table.splitlines()[1:]:
        assert text == "" or text.startswith(("Record ", "  ", "error ", "warning ", "info ")), text


# --- A person's name stored unsplit ---------------------------------------------------------------

def _book(title: str, **extra) -> dict:
    return {"id": "b", "type": "book", "title": title, "author": [{"family": "Hale", "given": "Lauren"}],
            "publisher": "Routledge", "issued": {"date-parts": [[2015]]}, **extra}


def test_a_person_stored_as_one_name_is_a_warning_with_the_split_name():
    record = record_from_csl(_book("White teeth", author=[{"literal": "Zadie Smith"}, {"literal": "Mozilla Foundation"},
                                                          {"literal": "Vincent van Gogh"}]))
    found = [f for f in validate_record(record, style="mla") if f.code == "author-not-split"]
    assert [(f.severity, f.message) for f in found] == [
        (Severity.WARNING, 'The author "Zadie Smith" is stored as one name, the way an organisation is; '
                           "a person's name is split into family and given names."),
        (Severity.WARNING, 'The author "Vincent van Gogh" is stored as one name, the way an organisation is; '
                           "a person's name is split into family and given names.")]
    assert found[1].fix.startswith('If this is a person, store the name split, "van Gogh, Vincent"')
    assert found[0].styles == {"mla": 'MLA 9 starts with a person\'s family name ("Smith, Zadie."); an unsplit '
                                      "name is printed as written."}


@pytest.mark.parametrize("name", ["HISTORY.com Editors", "World Health Organization", "Plato", "NASA", "A+E Networks",
                                  "Le Monde", "The Guardian", "By Madonna", "Professor Smith"])
def test_organisations_and_single_names_are_not_taken_for_people(name):
    record = record_from_csl(_book("White teeth", author=[{"literal": name}]))
    assert "author-not-split" not in codes(validate_record(record))


# --- Generic and anonymous bylines ----------------------------------------------------------------

def test_a_generic_byline_on_a_book_is_not_told_about_website_groups():
    record = record_from_csl(_book("White teeth", author=[{"literal": "Staff"}]))
    finding = find(validate_record(record, style="apa"), "generic-author")
    assert finding.fix == ('Replace "Staff" by the organisation credited as author, if any (in CSL-JSON "author": '
                           '[{"literal": "Name of the organisation"}], so it is never split into given and family '
                           "names), or remove it so the citation starts with the title.")
    assert finding.styles == {"apa": "APA 7 moves the title to the author position when there is no author; citekit "
                                     "does that by default, or give the organisation credited as author, if any."}


# The trial's book: signed "Anonymous" on its title page.
ANONYMOUS_BOOK = {"id": "anon1", "type": "book", "title": "Go ask Alice", "author": [{"literal": "Anonymous"}],
                  "publisher": "Prentice-Hall", "issued": {"date-parts": [[1971]]}}
ANONYMOUS_NOTES = {
    "mla": 'MLA 9 does not use "Anonymous" as an author: the entry starts with the title, and citekit leaves the '
           "word out.",
    "apa": 'APA 7 (9.12) puts "Anonymous" in the author position when the work is signed "Anonymous", and as '
           "(Anonymous, year) in the text; an unsigned work is cited by its title instead.",
    "chicago": 'Chicago avoids "Anonymous" as an author (CMOS 14.79) and begins with the title; citekit leaves the '
               "word out.",
}


def test_a_work_signed_anonymous_keeps_it_for_apa_and_starts_with_the_title_elsewhere():
    findings = validate_record(record_from_csl(ANONYMOUS_BOOK))
    assert codes(findings) == ["anonymous-author"]
    [finding] = findings
    assert (finding.severity, finding.field) == (Severity.INFO, "author")
    assert finding.message == ('The author "Anonymous" is no one\'s name: APA 7 cites a work signed "Anonymous" under '
                               "that word, MLA 9 and Chicago start with the title.")
    assert finding.fix == ('Keep "Anonymous" if the work itself is signed that way: citekit prints it for APA and '
                           "leaves it out for MLA and Chicago. If the work simply names no author, remove it, and "
                           "every guide starts with the title.")
    assert finding.styles == ANONYMOUS_NOTES
    assert "HISTORY" not in findings_to_json(findings)
    assert find(validate_record(record_from_csl(ANONYMOUS_BOOK), style="apa"), "anonymous-author").styles == {
        "apa": ANONYMOUS_NOTES["apa"]}


@pytest.mark.parametrize("byline", ["Anon.", "anon", "By Anonymous"])
def test_anon_is_written_out_as_anonymous(byline):
    record = record_from_csl({**ANONYMOUS_BOOK, "author": [{"literal": byline}]})
    [finding] = validate_record(record)
    assert finding.code == "anonymous-author"
    assert finding.fix == ('Write "Anonymous" in full if the work itself is signed that way (in CSL-JSON "author": '
                           '[{"literal": "Anonymous"}]): citekit prints it for APA and leaves it out for MLA and '
                           "Chicago. If the work simply names no author, remove it, and every guide starts with the "
                           "title.")


def test_anonymous_on_a_web_page_is_not_a_generic_byline_either():
    record = record_from_csl({**LENIN_COMPLETED, "author": [{"literal": "Anonymous"}]})
    assert "generic-author" not in codes(validate_record(record))
    assert "anonymous-author" in codes(validate_record(record))
