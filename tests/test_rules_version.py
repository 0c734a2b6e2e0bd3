"""A version written with its word ("Mar 14 version") is printed once (rule version-label-once).

APA 7's published form for ChatGPT: "OpenAI. (2023). *ChatGPT* (Mar 14 version) [Large language model].
https://chat.openai.com/chat"; MLA 9's: "*ChatGPT*, 13 Feb. version, OpenAI, 8 Mar. 2023". A bare
number keeps the style's label: "(Version 3.5)".
"""

from __future__ import annotations

import pytest

from citekit.render.style_patches import VERSION_FLAG, version_label_once
from rule_helpers import isolated_style_cache, one, prepared  # noqa: F401 (the fixture is autouse)

CHATGPT = {"type": "software", "title": "ChatGPT", "author": [{"literal": "OpenAI"}], "version": "Mar 14 version",
           "genre": "Large language model", "publisher": "OpenAI", "issued": "2023",
           "URL": "https://chat.openai.com/chat"}


@pytest.mark.parametrize("engine", ["pandoc", "citeproc-py"])
def test_apa_cites_chatgpt_as_apa_publishes_it(engine):
    assert one(CHATGPT, "apa", engine=engine) == (
        "OpenAI. (2023). *ChatGPT* (Mar 14 version) \\[Large language model\\]. https://chat.openai.com/chat")


def test_a_numeric_version_keeps_the_label():
    assert one({**CHATGPT, "version": "3.5"}, "apa") == (
        "OpenAI. (2023). *ChatGPT* (Version 3.5) \\[Large language model\\]. https://chat.openai.com/chat")
    assert VERSION_FLAG not in prepared({**CHATGPT, "version": "3.5"}, "apa")


def test_the_flag_and_the_patch():
    assert prepared(CHATGPT, "mla")[VERSION_FLAG] == "true"
    csl = '<group><label variable="version" form="short"/><text variable="version"/></group>'
    assert version_label_once(csl) == (
        f'<group><choose><if variable="{VERSION_FLAG}" match="none"><label variable="version" form="short"/></if>'
        '</choose><text variable="version"/></group>')
    assert version_label_once('<text variable="version"/>') is None


# --- Chicago author-date: no "released" without its date --------------------------------------------

ZELDA = {"type": "software", "title": "The Legend of Zelda: Breath of the Wild", "author": [{"literal": "Nintendo"}],
         "publisher": "Nintendo", "issued": "2017", "medium": "Nintendo Switch"}


@pytest.mark.parametrize("engine", ["pandoc", "citeproc-py"])
def test_chicago_author_date_software_has_no_dangling_released(engine):
    # CMOS 18 author-date: Author. Year. *Title*. Publisher. Medium. -- the year is not repeated.
    assert one(ZELDA, "chicago-author-date", engine=engine) == (
        "Nintendo. 2017. *The Legend of Zelda: Breath of the Wild*. Nintendo. Nintendo Switch.")


def test_released_with_a_date_after_it_is_left_alone():
    from citekit.render.richtext import RichText, Str
    from citekit.render.rules_finish import chicago_no_bare_released

    dated = RichText([Str("Nintendo,"), Str(" "), Str("released"), Str(" "), Str("2017.")])
    assert chicago_no_bare_released(dated).plain() == "Nintendo, released 2017."
    bare = RichText([Str("Nintendo,"), Str(" "), Str("released."), Str(" "), Str("Nintendo Switch.")])
    assert chicago_no_bare_released(bare).plain() == "Nintendo. Nintendo Switch."
