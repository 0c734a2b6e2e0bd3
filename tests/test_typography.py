"""Title typography in `validate`: what each title check finds and suggests, and what --fix does.

The checks are in citekit.typography, the rules that word them in citekit.validate_title_rules.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from citekit.cli import cli
from citekit.findings import Finding, Severity
from citekit.model import record_from_csl
from citekit.validate import repair_record, validate_record
from conftest import LENIN_AS_PARSED as LENIN
from conftest import LENIN_COMPLETED

AFTER_FIX_ONLY = "This is a suggestion; the title is left as you wrote it unless you run citekit validate --fix."


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def find(findings: list[Finding], code: str) -> Finding:
    (finding,) = [f for f in findings if f.code == code]
    return finding


def title_findings(title: str, style: str | None = None, **extra) -> list[Finding]:
    record = record_from_csl({**LENIN_COMPLETED, "title": title, **extra})
    return [f for f in validate_record(record, style=style) if f.field == "title"]


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


def test_repair_applies_each_suggested_fix_and_reports_it():
    record, repairs = repair_record(record_from_csl({**LENIN, "title": "Le 08 novembre : 08 November, November 05 : x"}))
    assert record.title == "Le 08 novembre: 8 November, November 5: X"
    assert [(r.code, r.field) for r in repairs] == [("title-space-before-colon", "title"),
                                                     ("subtitle-starts-lowercase", "title")] + [
        ("title-zero-padded-day", "title")] * 2
    assert repairs[0].before == "Le 08 novembre : 08 November, November 05 : x"
    assert repairs[-1].after == record.title
    assert [f.code for f in validate_record(record) if f.field == "title"] == []


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


# --- Several fixes on one title (validate --fix) ---------------------------------------------------

@pytest.mark.parametrize("title, steps", [
    # The trial's title: its double space was there all along, and no fix took it out.
    ("War and  Peace : a novel", [
        ("title-extra-space", "War and Peace : a novel"),
        ("title-space-before-colon", "War and Peace: a novel"),
        ("subtitle-starts-lowercase", "War and Peace: A novel")]),
    ("  November 08, 1917 :  the day the  war ended ", [
        ("title-extra-space", "November 08, 1917 : the day the war ended"),
        ("title-space-before-colon", "November 08, 1917: the day the war ended"),
        ("subtitle-starts-lowercase", "November 08, 1917: The day the war ended"),
        ("title-zero-padded-day", "November 8, 1917: The day the war ended")]),
    ("Why did Russia leave the war? a  reply to Lenin, 08 March 1918", [
        ("title-extra-space", "Why did Russia leave the war? a reply to Lenin, 08 March 1918"),
        ("subtitle-starts-lowercase", "Why did Russia leave the war? A reply to Lenin, 08 March 1918"),
        ("title-zero-padded-day", "Why did Russia leave the war? A reply to Lenin, 8 March 1918")]),
    # Markup is kept; a protected word and one with a capital inside keep their lower case.
    ('<i>War and  Peace</i> : <span class="nocase">eBay</span> tales', [
        ("title-extra-space", '<i>War and Peace</i> : <span class="nocase">eBay</span> tales'),
        ("title-space-before-colon", '<i>War and Peace</i>: <span class="nocase">eBay</span> tales')]),
    # The day fixed is the one the check found, not the same text earlier inside "1905 May".
    ("Strikes in 1905 May and on 05 May 1917", [
        ("title-zero-padded-day", "Strikes in 1905 May and on 5 May 1917")]),
])
def test_fix_applies_every_title_fix_one_after_another(title, steps):
    record, repairs = repair_record(record_from_csl({**LENIN_COMPLETED, "title": title}))
    assert [(r.code, r.field, r.before, r.after) for r in repairs] == [
        (code, "title", before, after) for (code, after), before in zip(steps, [title] + [a for _, a in steps])]
    assert record.title == steps[-1][1]
    assert title_findings(record.title) == []
    assert record.to_csl() == {**record_from_csl(LENIN_COMPLETED).to_csl(), "title": steps[-1][1]}


def test_validate_fix_writes_the_title_it_reports(tmp_path):
    path = tmp_path / "fixme.json"
    path.write_text('[{"id":"t2","type":"book","title":"War and  Peace : a novel",'
                    '"author":[{"family":"Tolstoy","given":"Leo"}],"issued":{"date-parts":[["1869"]]}}]\n',
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path), "--fix"], prog_name="citekit")
    assert json.loads(path.read_text(encoding="utf-8"))[0]["title"] == "War and Peace: A novel"
    assert result.stderr.splitlines()[-1] == (
        "citekit: fixed: record 't2': title: \"War and Peace: a novel\" -> \"War and Peace: A novel\" "
        "(subtitle-starts-lowercase)")


# --- Extra spaces ----------------------------------------------------------------------------------

@pytest.mark.parametrize("title, place", [
    ("War and  Peace", 'more than one space between "and" and "Peace"'),
    ("War and\nPeace", 'a line break or tab between "and" and "Peace"'),
    ("War and \tPeace", 'a line break or tab between "and" and "Peace"'),
    (" War and Peace", "a space before its first word"),
    ("War and Peace ", "a space after its last word"),
])
def test_extra_space_says_where_it_is(title, place):
    finding = find(title_findings(title), "title-extra-space")
    assert (finding.severity, finding.message) == (Severity.INFO, f"The title has {place}.")
    assert finding.fix == f'Write "War and Peace", with one space between words. {AFTER_FIX_ONLY}'
    assert finding.styles["apa"] == (
        "APA 7 puts one space between words. citekit's citations print one, but a space at either end of the "
        "title is printed beside the punctuation around it, and exports keep the title as stored.")


def test_a_no_break_space_is_the_writers_choice():
    assert title_findings("Vol.\u00a012 of the papers") == []


# --- The first word of a subtitle ------------------------------------------------------------------

def test_a_lowercase_subtitle_is_reported_with_its_capitalised_form():
    # The trial's news article: APA prints "...matters: a historian's view" as stored.
    [finding] = title_findings("Why the Treaty of Versailles still matters: a historian's view", style="apa")
    assert (finding.code, finding.severity) == ("subtitle-starts-lowercase", Severity.INFO)
    assert finding.message == ('The subtitle starts with a lower-case word ("matters: a"); the guides capitalise '
                               "the first word of a subtitle.")
    assert finding.fix == ('Capitalise it: "Why the Treaty of Versailles still matters: A historian\'s view". '
                           + AFTER_FIX_ONLY)
    assert finding.styles == {"apa": "APA 7 (6.17) capitalises the first word of a subtitle, in sentence case too, "
                                     "and CSL styles print the title as stored for APA: it comes out in lower case."}
    mla = find(title_findings("Why the Treaty of Versailles still matters: a historian's view", style="mla"),
               "subtitle-starts-lowercase")
    assert mla.styles == {"mla": "MLA 9 capitalises the first word of a subtitle; its CSL style title-cases the "
                                 "title itself, so the citation is right either way, but the stored title is not."}


@pytest.mark.parametrize("title, found, suggested", [
    ("What is to be done? burning questions of our movement", "done? burning",
     "What is to be done? Burning questions of our movement"),
    ("Reds! a history of the Bolsheviks", "Reds! a", "Reds! A history of the Bolsheviks"),
    ("Lenin — a life", "Lenin — a", "Lenin — A life"),
    ("Lenin—a life", "Lenin—a", "Lenin—A life"),
    ("Stalingrad: “a hell on earth”", "Stalingrad: “a", "Stalingrad: “A hell on earth”"),
    ("Russia: war: and revolution", "Russia: war", "Russia: War: And revolution"),
    ("<i>Hamlet</i>: a ghost story", "Hamlet: a", "<i>Hamlet</i>: A ghost story"),
])
def test_subtitles_after_a_colon_a_question_an_exclamation_or_a_single_dash(title, found, suggested):
    finding = find(title_findings(title), "subtitle-starts-lowercase")
    assert finding.message == (f'The subtitle starts with a lower-case word ("{found}"); the guides capitalise '
                               "the first word of a subtitle.")
    assert finding.fix == f'Capitalise it: "{suggested}". {AFTER_FIX_ONLY}'


@pytest.mark.parametrize("title, language", [
    ("Apple: iPhone and the making of a market", None),  # a capital inside: written so on purpose
    ("Auctions: eBay and its buyers", None),
    ('Poets: <span class="nocase">bell hooks</span> and others', None),  # protected
    ("Shopping: amazon.com and the high street", None),  # a web address
    ("The war — and the peace — in Russia", None),  # a pair of dashes encloses an aside
    ("Russia, 1914–1921: 1917 in Petrograd", None),  # a number, not a word
    ("Histoire : la révolution", "fr"),  # French writes the subtitle in lower case
    ("Lenin: A life", None),  # already capitalised
    ("Time 10:30 am", None),  # no space after the colon: no subtitle
])
def test_lowercase_kept_on_purpose_or_by_another_language_is_left_alone(title, language):
    extra = {"language": language} if language else {}
    assert "subtitle-starts-lowercase" not in codes(title_findings(title, **extra))



def test_the_sentence_case_suggestion_capitalises_the_subtitle():
    finding = find(title_findings("How Screens Shape Sleep In Children: a Review Of The Evidence", style="apa"),
                   "title-case-in-apa")
    assert _suggestion(finding) == "How screens shape sleep in children: A review of the evidence"
