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
    repair_record,
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


def test_title_suggestions_leave_the_rest_of_the_title_alone():
    findings = validate_record(record_from_csl(LENIN))
    colon = find(findings, "title-space-before-colon")
    assert colon.message == 'The title has a space before the colon ("1917 : New"), which none of the guides use.'
    assert colon.fix.startswith('Remove the space before the colon: '
                                '"November 08, 1917: New Russian leader Lenin calls for immediate armistice".')
    day = find(findings, "title-zero-padded-day")
    assert day.message == 'The title writes a day with a leading zero ("November 08").'
    assert day.fix == 'Write "November 8": the guides write days without a leading zero (citekit validate --fix does it).'


def test_day_first_zero_padding_and_french_colon():
    record = record_from_csl({"id": "x", "type": "webpage", "title": "Le 08 novembre : 08 November 1917",
                              "language": "fr-FR", "URL": "https://example.org/", "container-title": "Site",
                              "issued": "2018", "publisher": "Owner", "author": [{"literal": "Le Monde"}]})
    findings = validate_record(record)
    assert codes(findings) == ["title-zero-padded-day"]
    assert find(findings, "title-zero-padded-day").fix == (
        'Write "8 November": the guides write days without a leading zero (citekit validate --fix does it).')


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
        "title-zero-padded-day", "url-without-scheme", "url-not-http"}


def test_repair_applies_each_suggested_fix_and_reports_it():
    record, repairs = repair_record(record_from_csl({**LENIN, "title": "Le 08 novembre : 08 November, November 05 : x"}))
    assert record.title == "Le 08 novembre: 8 November, November 5: x"
    assert [(r.code, r.field) for r in repairs] == [("title-space-before-colon", "title")] + [
        ("title-zero-padded-day", "title")] * 2
    assert repairs[0].before == "Le 08 novembre : 08 November, November 05 : x"
    assert repairs[-1].after == record.title
    assert [f.code for f in validate_record(record) if f.code.startswith("title-")] == []


def test_repair_leaves_a_clean_record_and_the_other_fields_alone():
    clean = record_from_csl({**LENIN_COMPLETED, "title": "New Russian leader Lenin calls for immediate armistice"})
    assert repair_record(clean) == (clean, [])
    record, _ = repair_record(record_from_csl(LENIN_COMPLETED))
    assert record.to_csl() == {**record_from_csl(LENIN_COMPLETED).to_csl(),
                               "title": "November 8, 1917: New Russian leader Lenin calls for immediate armistice"}
    french = record_from_csl({**LENIN, "title": "Histoire : la révolution", "language": "fr"})
    assert repair_record(french) == (french, [])


# --- Title case for APA --------------------------------------------------------------------------

def _book(title: str, **extra) -> dict:
    return {"id": "b", "type": "book", "title": title, "author": [{"family": "Hale", "given": "Lauren"}],
            "publisher": "Routledge", "issued": {"date-parts": [[2015]]}, **extra}


def test_a_title_case_title_is_a_warning_for_apa_with_its_sentence_case_suggestion():
    record = record_from_csl(_book("Screen Time and Sleep Among School-Aged Children: A Review of NASA Data"))
    finding = find(validate_record(record, style="apa"), "title-case-in-apa")
    assert finding.severity is Severity.WARNING and finding.field == "title"
    assert '"Screen time and sleep among school-aged children: A review of NASA data"' in finding.fix
    # MLA and Chicago title-case the title themselves: nothing to say for them.
    assert "title-case-in-apa" not in codes(validate_record(record, style="mla"))
    assert "title-case-in-apa" not in codes(validate_record(record, style="chicago"))


@pytest.mark.parametrize("title, language", [
    ("Screen time and sleep among school-aged children", None),  # already sentence case
    ("November 08, 1917 : New Russian leader Lenin calls for immediate armistice", None),  # proper nouns only
    ("The Lord of the Rings", None),  # too few words to tell title case from names
    ("Kritik der Praktischen Vernunft und Urtheilskraft", "de"),  # German capitalizes its nouns
])
def test_sentence_case_and_other_languages_are_left_alone(title, language):
    extra = {"language": language} if language else {}
    assert "title-case-in-apa" not in codes(validate_record(record_from_csl(_book(title, **extra)), style="apa"))


def test_fix_does_not_apply_the_sentence_case_suggestion():
    record = record_from_csl(_book("Screen Time and Sleep Among School-Aged Children"))
    repaired, applied = repair_record(record)
    assert repaired.title == "Screen Time and Sleep Among School-Aged Children" and applied == []


def _suggestion(finding: Finding) -> str:
    return finding.fix.split('e.g. "', 1)[1].split('" (check', 1)[0]


@pytest.mark.parametrize("title, suggested", [
    # Protected capitals (a BibTeX title's braces) are proper nouns and acronyms: kept as they are.
    ('The Voyage Of The <span class="nocase">Beagle</span> And Its Crew',
     'The voyage of the <span class="nocase">Beagle</span> and its crew'),
    ('<span class="nocase">DNA</span> Repair In Human Cells And Tissues',
     '<span class="nocase">DNA</span> repair in human cells and tissues'),
    # The markup is kept (it is what to store); the words inside it are judged like the others.
    ("<i>Hamlet</i> Revisited: Ghosts And Kings On The <i>Stage</i>",
     "<i>Hamlet</i> revisited: Ghosts and kings on the <i>stage</i>"),
    ("Cats &amp; Dogs In The Modern City", "Cats &amp; dogs in the modern city"),
])
def test_a_marked_up_title_is_judged_by_its_words(title, suggested):
    finding = find(validate_record(record_from_csl(_book(title)), style="apa"), "title-case-in-apa")
    assert (finding.field, finding.severity, _suggestion(finding)) == ("title", Severity.WARNING, suggested)


def test_protected_words_are_no_evidence_of_title_case():
    title = ('<span class="nocase">Darwin</span> and the <span class="nocase">Beagle</span> in '
             '<span class="nocase">South America</span> Today')
    assert "title-case-in-apa" not in codes(validate_record(record_from_csl(_book(title)), style="apa"))


def _in(record_type: str, container: str) -> dict:
    return {"id": "c", "type": record_type, "title": "Sleep and screens", "container-title": container,
            "author": [{"family": "Hale", "given": "Lauren"}], "publisher": "Oxford University Press",
            "issued": {"date-parts": [[2015]]}}


@pytest.mark.parametrize("record_type, container", [
    ("chapter", "book"), ("entry-dictionary", "dictionary"), ("entry-encyclopedia", "encyclopedia")])
def test_the_title_of_a_book_holding_the_work_is_sentence_case_in_apa(record_type, container):
    record = record_from_csl(_in(record_type, "The Oxford Handbook Of Sleep And Health"))
    [finding] = [f for f in validate_record(record, style="apa") if f.code == "title-case-in-apa"]
    work = "chapter" if record_type == "chapter" else "work"
    assert (finding.field, finding.severity) == ("container-title", Severity.WARNING)
    assert finding.message == (
        f"The title of the {container} the {work} appears in is stored in title case; APA 7 wants sentence case "
        "for it, and CSL styles print it as stored for APA (journal and website names are title case there).")
    assert finding.fix == (
        f'Store the {container} title in sentence case, keeping capitals only for proper nouns, e.g. '
        '"The oxford handbook of sleep and health" (check names and places first; citekit cannot tell them '
        "apart, so --fix leaves this to you).")
    assert finding.styles == {"apa": "APA 7 (6.17) writes the title of an edited book, dictionary or encyclopedia "
                                      "in sentence case, like any book title; only the names of periodicals and "
                                      "websites are in title case."}
    for style in ("mla", "chicago"):  # they title-case it themselves
        assert "title-case-in-apa" not in codes(validate_record(record, style=style))


@pytest.mark.parametrize("record_type", [
    "article-journal", "article-magazine", "article-newspaper", "webpage", "post-weblog",
    "paper-conference",  # proceedings may be a book or a journal issue: not judged
    "entry",  # a database or catalogue entry: its container is no book
])
def test_periodical_and_website_names_keep_their_title_case(record_type):
    record = record_from_csl(_in(record_type, "Journal Of Sleep And Health Research"))
    assert "title-case-in-apa" not in codes(validate_record(record, style="apa"))


def test_a_book_title_with_protected_names_is_judged_without_them():
    record = record_from_csl(_in("chapter", 'The <span class="nocase">Cambridge</span> History Of Modern Politics '
                                             'In <span class="nocase">Europe</span>'))
    finding = find(validate_record(record, style="apa"), "title-case-in-apa")
    assert _suggestion(finding) == ('The <span class="nocase">Cambridge</span> history of modern politics in '
                                    '<span class="nocase">Europe</span>')


def test_the_findings_table_keeps_one_finding_per_line_whatever_the_values():
    record = record_from_csl({"id": "two\nlines", "type": "webpage", "title": "A\nSEVERITY  CODE\u2028x : y",
                              "URL": "ftp://example.org/\rfile"})
    table = format_findings_table(validate_record(record))
    assert "Record two lines:" in table.splitlines()
    # Every line is the header, a blank, a record heading, a finding row, or an indented fix/note.
    for text in table.splitlines()[1:]:
        assert text == "" or text.startswith(("Record ", "  ", "error ", "warning ", "info ")), text


# --- A person's name stored unsplit ---------------------------------------------------------------

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
                                  "Le Monde", "The Guardian"])
def test_organisations_and_single_names_are_not_taken_for_people(name):
    record = record_from_csl(_book("White teeth", author=[{"literal": name}]))
    assert "author-not-split" not in codes(validate_record(record))
