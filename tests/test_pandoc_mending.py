"""Where the guides side with citeproc-js, citekit mends pandoc's output (render/pandoc_mending.py).

Expected strings are written from the guides: MLA 9 (and CMOS 17) lowercase prepositions of any
length in titles, CMOS 18 those of four letters or fewer (APA 7 capitalizes words of four letters
or more); CMOS keeps the comma after a
title ending in a question mark and drops the period; American punctuation goes inside closing
quotation marks; Chinese characters are not italicized; one report number is "No.". The guide
rules (render/rules.py) are switched off: this is the engine's output.
"""

from __future__ import annotations

import copy

import pytest

from citekit.render import render_citations
from citekit.render.rules import RULE_CODES

RULES_OFF = frozenset(RULE_CODES)

WALKING = {"id": "smith-walking", "type": "book", "author": [{"family": "Smith", "given": "Zadie"}],
           "title": "Walking without a map among the ruins of memory", "publisher": "Penguin",
           "issued": {"date-parts": [[2000]]}}
PLUTO = {"id": "betts-pluto", "type": "post-weblog", "author": [{"family": "Betts", "given": "Bruce"}],
         "title": "Is Pluto a planet again?", "container-title": "The Planetary Society Blog",
         "issued": {"date-parts": [[2020, 8, 14]]}, "URL": "https://www.planetary.org/articles/is-pluto-a-planet"}
RED_SORGHUM = {"id": "mo-yan", "type": "book", "author": [{"family": "莫", "given": "言"}], "title": "红高粱家族",
               "publisher": "解放军文艺出版社", "issued": {"date-parts": [[1987]]}}
CENSUS = {"id": "census", "type": "report", "author": [{"literal": "U.S. Census Bureau"}],
          "title": "Income in the United States: 2022", "number": "P60-279", "genre": "Report",
          "publisher": "U.S. Government Publishing Office", "issued": {"date-parts": [[2023]]}}


def one(record: dict, style: str, **options) -> str:
    [entry] = render_citations([record], style, disabled_rules=RULES_OFF, **options)
    return entry.text


def test_mla_and_chicago_17_lowercase_prepositions_whatever_their_length():
    assert one(WALKING, "mla", fmt="markdown") == \
        "Smith, Zadie. *Walking without a Map among the Ruins of Memory*. Penguin, 2000."
    assert one(WALKING, "chicago-17", fmt="markdown") == \
        "Smith, Zadie. *Walking without a Map among the Ruins of Memory*. Penguin, 2000."


def test_chicago_18_capitalizes_prepositions_of_five_letters_or_more_only():
    assert one(WALKING, "chicago", fmt="markdown") == \
        "Smith, Zadie. *Walking Without a Map Among the Ruins of Memory*. Penguin, 2000."
    mightier = {**WALKING, "title": "The pen is mightier than the keyboard"}
    assert one(mightier, "chicago", fmt="markdown") == \
        "Smith, Zadie. *The Pen Is Mightier than the Keyboard*. Penguin, 2000."


def test_a_word_that_opens_a_clause_is_a_conjunction_and_capitalized():
    record = {**WALKING, "title": "The world after we left"}
    assert one(record, "mla") == "Smith, Zadie. The World After We Left. Penguin, 2000."


def test_apa_keeps_the_title_as_given_and_capitalizes_long_words_in_title_case():
    assert one(WALKING, "apa", fmt="markdown") == \
        "Smith, Z. (2000). *Walking without a map among the ruins of memory*. Penguin."
    authorless = {"id": "life", "type": "book", "title": "Life without limits", "publisher": "Penguin",
                  "issued": {"date-parts": [[2000]]}}
    assert one(authorless, "apa", mode="intext", fmt="markdown") == "(*Life Without Limits*, 2000)"


def test_chicago_keeps_the_comma_after_a_title_ending_in_a_question_mark():
    assert one(PLUTO, "chicago", mode="note", fmt="markdown") == (
        "Bruce Betts, “Is Pluto a Planet Again?,” *The Planetary Society Blog*, August 14, 2020, "
        "https://www.planetary.org/articles/is-pluto-a-planet.")


def test_chicago_drops_the_period_after_a_title_ending_in_a_question_mark():
    assert one(PLUTO, "chicago", fmt="markdown") == (
        "Betts, Bruce. “Is Pluto a Planet Again?” *The Planetary Society Blog*, August 14, 2020. "
        "https://www.planetary.org/articles/is-pluto-a-planet.")


def test_chinese_title_is_not_italicized_and_a_one_character_given_name_is_no_initial():
    assert one(RED_SORGHUM, "chicago", mode="note", fmt="html") == "莫言, 红高粱家族 (解放军文艺出版社, 1987)."
    assert one(RED_SORGHUM, "mla", fmt="html") == "莫言. 红高粱家族. 解放军文艺出版社, 1987."


def test_apa_italicizes_titles_whatever_the_script():
    assert one(RED_SORGHUM, "apa", fmt="html") == "莫言. (1987). <i>红高粱家族</i>. 解放军文艺出版社."


def test_period_after_a_quotation_in_a_title_goes_inside_the_quotation_marks():
    record = {"id": "nussbaum", "type": "book", "author": [{"family": "Nussbaum", "given": "Martha"}],
              "title": "Aristotle's “De Motu Animalium”", "publisher": "Princeton University Press",
              "issued": {"date-parts": [[1978]]}}
    assert one(record, "mla", fmt="html") == \
        "Nussbaum, Martha. <i>Aristotle’s “De Motu Animalium.”</i> Princeton University Press, 1978."


def test_period_after_a_closing_apostrophe_stays_outside():
    record = {"id": "jameses", "type": "book", "editor": [{"family": "Gunn", "given": "Giles"}],
              "title": "Letters of the Jameses'", "publisher": "Penguin", "issued": {"date-parts": [[2000]]}}
    assert one(record, "mla", fmt="html") == "Gunn, Giles, editor. <i>Letters of the Jameses’</i>. Penguin, 2000."


def test_one_report_number_with_a_hyphen_is_no_and_several_are_nos():
    assert one(CENSUS, "apa", fmt="markdown") == (
        "U.S. Census Bureau. (2023). *Income in the United States: 2022* (Report No. P60-279). "
        "U.S. Government Publishing Office.")
    several = {**CENSUS, "number": "P60-279, P60-280"}
    assert one(several, "apa", fmt="markdown") == (
        "U.S. Census Bureau. (2023). *Income in the United States: 2022* (Report Nos. P60-279, P60-280). "
        "U.S. Government Publishing Office.")


def test_the_records_handed_to_the_engine_are_not_changed():
    records = [copy.deepcopy(r) for r in (WALKING, PLUTO, RED_SORGHUM, CENSUS)]
    for style in ("mla", "chicago"):
        render_citations(records, style, disabled_rules=RULES_OFF)
    assert records == [WALKING, PLUTO, RED_SORGHUM, CENSUS]


def test_chicago_18_capitalizes_about_which_pandoc_lowercases():
    record = {**WALKING, "title": "Thinking about history"}
    assert one(record, "chicago", fmt="markdown") == "Smith, Zadie. *Thinking About History*. Penguin, 2000."
    assert one(record, "chicago-17", fmt="markdown") == "Smith, Zadie. *Thinking about History*. Penguin, 2000."
    assert one(record, "mla", fmt="markdown") == "Smith, Zadie. *Thinking about History*. Penguin, 2000."
    assert one({**record, "language": "de"}, "chicago", fmt="markdown") == \
        "Smith, Zadie. *Thinking about history*. Penguin, 2000."


def test_chicago_18_leaves_about_in_a_nocase_span_and_in_a_domain_name_as_written():
    from citekit.render.pandoc_mending import _capitalize_prepositions

    about = frozenset({"about"})
    assert _capitalize_prepositions('<span class="nocase">all about eve</span>', about) == \
        '<span class="nocase">all about eve</span>'
    assert _capitalize_prepositions("what about.com says", about) == "what about.com says"
    assert _capitalize_prepositions('about <span class="nocase">about</span> about. About', about) == (
        '<span class="nocase">About</span> <span class="nocase">about</span> '
        '<span class="nocase">About</span>. <span class="nocase">About</span>')


@pytest.mark.parametrize("engine", ["pandoc", "citeproc-py"])
@pytest.mark.parametrize("style", ["chicago", "chicago-17", "mla"])
def test_case_protection_and_domain_names_keep_their_case_in_title_case(engine, style):
    eve = {**WALKING, "title": '<span class="nocase">all about eve</span>'}
    assert one(eve, style, engine=engine) == "Smith, Zadie. all about eve. Penguin, 2000."
    says = {**WALKING, "title": "what about.com says"}
    assert one(says, style, engine=engine) == "Smith, Zadie. What about.com Says. Penguin, 2000."
    again = {**WALKING, "title": "about.com: about.com and google.com again"}
    assert one(again, style, engine=engine) == \
        "Smith, Zadie. About.com: About.com and Google.com Again. Penguin, 2000."


def test_citeproc_py_title_case_judges_a_domain_name_by_its_first_word():
    upon = {**WALKING, "title": "notes on upon.net and google.com"}
    assert one(upon, "chicago", engine="citeproc-py") == \
        "Smith, Zadie. Notes on upon.net and Google.com. Penguin, 2000."
    assert one({**WALKING, "title": "thinking about history"}, "chicago", engine="citeproc-py") == \
        "Smith, Zadie. Thinking About History. Penguin, 2000."
