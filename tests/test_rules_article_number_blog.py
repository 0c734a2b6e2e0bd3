"""Two periodical rules carried out by style patches (render/style_patches.py): MLA 9's article number
in the location element ("2020, article e0229876") and Chicago 18 14.105's "(blog)" after a blog's name.

Expected values follow MLA 9 (the article number where pages go, labelled "article") and CMOS 18
14.105 ("*Sci-Ed* (blog), September 15, 2018"); APA 7 and the other guides' entries must not change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citekit.render import render_citations
from citekit.render.rules import RenderOptions, apply_guide_rules
from citekit.render.style_patches import BLOG_FLAG, chicago_blog_label, mla_article_number_as_location
from citekit.render.styles import resolve_style
from rule_helpers import isolated_style_cache, one, prepared  # noqa: F401 (the fixture is autouse)


def installed(style: str) -> str:
    return Path(resolve_style(style).path).read_text(encoding="utf-8")


# --- MLA: article numbers ---------------------------------------------------------------------------

KOH = {"type": "article-journal", "title": "Teaching anatomy with virtual dissection",
       "author": [{"family": "Koh", "given": "Jane"}], "container-title": "PLOS ONE", "volume": "15", "issue": "3",
       "number": "e0229876", "issued": {"date-parts": [[2020]]}, "DOI": "10.1371/journal.pone.0229876"}
KOH_START = "Koh, Jane. “Teaching Anatomy with Virtual Dissection.” *PLOS ONE*, "
KOH_DOI = "https://doi.org/10.1371/journal.pone.0229876."
WITHOUT_ISSUE = {key: value for key, value in KOH.items() if key != "issue"}
WITH_PAGES = {**{key: value for key, value in KOH.items() if key != "number"}, "page": "101-115"}


@pytest.mark.parametrize("engine", ["pandoc", "citeproc-py"])
def test_mla_gives_the_article_number_after_the_date_labelled_article(engine):
    assert one(KOH, "mla", engine=engine) == KOH_START + "vol. 15, no. 3, 2020, article e0229876, " + KOH_DOI
    assert one(WITHOUT_ISSUE, "mla", engine=engine) == KOH_START + "vol. 15, 2020, article e0229876, " + KOH_DOI
    assert one(WITH_PAGES, "mla", engine=engine) == KOH_START + "vol. 15, no. 3, 2020, pp. 101-15, " + KOH_DOI


def test_mla_article_number_in_html_and_switched_off():
    assert render_citations([{"id": "x", **KOH}], "mla", fmt="html")[0].text == (
        "Koh, Jane. “Teaching Anatomy with Virtual Dissection.” <i>PLOS ONE</i>, vol. 15, no. 3, 2020, article "
        'e0229876, <a href="https://doi.org/10.1371/journal.pone.0229876">https://doi.org/10.1371/journal.pone.0229876</a>.')
    off = frozenset({"mla-article-number-as-location"})
    assert one(KOH, "mla", disabled_rules=off) == KOH_START + "vol. 15, no. 3, no. e0229876, 2020, " + KOH_DOI
    assert one(WITH_PAGES, "mla", disabled_rules=off) == one(WITH_PAGES, "mla")


def test_the_article_number_rule_is_mla_only():
    assert one(KOH, "apa") == ("Koh, J. (2020). Teaching anatomy with virtual dissection. *PLOS ONE*, *15*(3), "
                               "Article e0229876. https://doi.org/10.1371/journal.pone.0229876")
    assert one(KOH, "chicago") == ("Koh, Jane. “Teaching Anatomy with Virtual Dissection.” *PLOS ONE* 15, no. 3 "
                                   "(2020): e0229876. " + KOH_DOI)


def test_mla_article_number_patch_fits_its_macros_only():
    number = ('<macro name="container1-number"><group><text macro="label-issue"/><choose>'
              '<if type="broadcast"/><else-if variable="number"><text macro="label-number"/></else-if>'
              '</choose></group></macro>')
    location = '<macro name="container1-location"><group><text variable="archive"/><text macro="label-page"/></group></macro>'
    other = '<macro name="other"><text macro="label-page"/><else-if variable="number"/></macro>'
    patched = mla_article_number_as_location(other + number + location)
    assert patched == other + number.replace(
        '<else-if variable="number">', '<else-if type="article-journal"/><else-if variable="number">') + location.replace(
        '<text macro="label-page"/>', '<choose><if type="article-journal"><group delimiter=" "><text value="article"/>'
        '<text variable="number"/></group></if></choose><text macro="label-page"/>')
    assert mla_article_number_as_location(other + number) is None
    assert mla_article_number_as_location(other + location) is None
    assert mla_article_number_as_location(installed("apa")) is None
    assert mla_article_number_as_location(installed("mla")) is not None


# --- Chicago: "(blog)" --------------------------------------------------------------------------------

BLOG = {"type": "post-weblog", "title": "Can we talk scientifically about free will?",
        "author": [{"family": "Klymkowsky", "given": "Michael"}], "container-title": "Sci-Ed",
        "issued": {"date-parts": [[2018, 9, 15]]}, "URL": "https://blogs.plos.org/scied/free-will/"}
BLOG_TITLE = "“Can We Talk Scientifically About Free Will?”"
URL = "https://blogs.plos.org/scied/free-will/"


def test_only_a_chicago_copy_of_a_blog_post_whose_blog_name_lacks_the_word_is_flagged():
    record = {"id": "x", **BLOG}
    [copy] = apply_guide_rules([record], RenderOptions(family="chicago"))
    assert copy[BLOG_FLAG] == "true" and BLOG_FLAG not in record
    for name in ("Freakonomics Blog", "The Weblog", "blogs.plos.org"):
        assert BLOG_FLAG not in prepared({**BLOG, "container-title": name}, "chicago")
    assert BLOG_FLAG not in prepared({**BLOG, "type": "webpage"}, "chicago")
    assert BLOG_FLAG not in prepared({key: value for key, value in BLOG.items() if key != "container-title"}, "chicago")
    for family in ("mla", "apa"):
        assert BLOG_FLAG not in prepared(BLOG, family)


@pytest.mark.parametrize("engine", ["pandoc", "citeproc-py"])
def test_chicago_adds_blog_in_roman_after_the_italic_name(engine):
    assert one(BLOG, "chicago", engine=engine) == \
        f"Klymkowsky, Michael. {BLOG_TITLE} *Sci-Ed* (blog), September 15, 2018. {URL}."
    assert one(BLOG, "chicago", engine=engine, mode="note") == \
        f"Michael Klymkowsky, “Can We Talk Scientifically About Free Will?,” *Sci-Ed* (blog), September 15, 2018, {URL}."
    assert one(BLOG, "chicago-author-date", engine=engine) == \
        f"Klymkowsky, Michael. 2018. {BLOG_TITLE} *Sci-Ed* (blog), September 15. {URL}."
    assert one(BLOG, "chicago", engine=engine, fmt="html") == (
        f'Klymkowsky, Michael. {BLOG_TITLE} <i>Sci-Ed</i> (blog), September 15, 2018. <a href="{URL}">{URL}</a>.')
    assert one(BLOG, "chicago", engine=engine, fmt="text") == \
        f"Klymkowsky, Michael. {BLOG_TITLE} Sci-Ed (blog), September 15, 2018. {URL}."


def test_chicago_blog_label_not_repeated_other_guides_unchanged_and_switched_off():
    assert one({**BLOG, "container-title": "Freakonomics Blog"}, "chicago") == \
        f"Klymkowsky, Michael. {BLOG_TITLE} *Freakonomics Blog*, September 15, 2018. {URL}."
    assert one(BLOG, "chicago", disabled_rules=frozenset({"chicago-blog-label"})) == \
        f"Klymkowsky, Michael. {BLOG_TITLE} *Sci-Ed*, September 15, 2018. {URL}."
    assert one(BLOG, "mla") == ("Klymkowsky, Michael. “Can We Talk Scientifically about Free Will?” *Sci-Ed*, "
                                "15 Sept. 2018, blogs.plos.org/scied/free-will/.")
    assert one(BLOG, "apa") == ("Klymkowsky, M. (2018, September 15). Can we talk scientifically about free will? "
                                f"*Sci-Ed*. {URL}")


def test_chicago_blog_patch_fits_the_serial_name_macro_only():
    name = '<text font-style="italic" text-case="title" variable="container-title"/>'
    macro = f'<macro name="source-serial-name">\n    <group delimiter=" ">\n      {name}\n      <choose/></group></macro>'
    label = f'<choose><if variable="{BLOG_FLAG}"><text value="(blog)"/></if></choose>'
    assert chicago_blog_label(f'<macro name="other">{name}</macro>' + macro) == \
        f'<macro name="other">{name}</macro>' + macro.replace(name, name + label)
    assert chicago_blog_label(f'<macro name="other">{name}</macro>') is None
    assert chicago_blog_label(macro.replace('font-style="italic" ', "")) is None
    assert chicago_blog_label(installed("mla")) is None
    for style in ("chicago", "chicago-author-date", "chicago-17"):
        assert chicago_blog_label(installed(style)) is not None
