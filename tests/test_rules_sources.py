"""Guide rules for particular kinds of source (render/rules_sources.py, and the MLA review patch).

Expected values follow the guide each rule quotes in its `says` text: MLA 9, APA 7 10.6 and
Chicago 14.113 on dissertations, APA 7 10.12 on films and videos, MLA 9 and CMOS 18 14.267 on online
videos, CMOS 14.86 and 14.89 on the names of magazines and newspapers, MLA 9 on reviews.
"""

from __future__ import annotations

import pytest

from citekit.model import record_from_csl
from citekit.render import render_citations
from citekit.render.rules import RenderOptions, apply_guide_rules
from citekit.render.rules_sources import is_online_video
from citekit.render.style_patches import mla_review_by_comma
from rule_helpers import isolated_style_cache, one, prepared  # noqa: F401 (the fixture is autouse)


THESIS = {"type": "thesis", "title": "Women's labor in the textile mills of Lowell",
          "author": [{"family": "Garcia", "given": "Elena"}], "genre": "PhD dissertation",
          "publisher": "Boston University", "issued": "2015"}


# --- Dissertations --------------------------------------------------------------------------------

@pytest.mark.parametrize("genre", ["PhD dissertation", "Ph.D. dissertation", "Doctoral dissertation",
                                   "PhD thesis", "doctoral thesis", "Ph. D. diss."])
def test_a_doctoral_dissertation_is_worded_as_each_guide_words_it(genre):
    thesis = {**THESIS, "genre": genre}
    assert prepared(thesis, "mla")["genre"] == "PhD dissertation"
    assert prepared(thesis, "chicago")["genre"] == "PhD diss."
    assert prepared(thesis, "apa")["genre"] == "Unpublished doctoral dissertation"
    assert prepared({**thesis, "URL": "https://open.bu.edu/handle/2144/1"}, "apa")["genre"] == "Doctoral dissertation"
    assert prepared({**thesis, "archive": "ProQuest Dissertations and Theses Global"}, "apa")["genre"] == \
        "Doctoral dissertation"


def test_mla_abbreviates_the_university_that_granted_the_degree():
    assert prepared(THESIS, "mla")["publisher"] == "Boston U"
    assert prepared({**THESIS, "publisher": "The University of Iowa"}, "mla")["publisher"] == "U of Iowa"
    assert prepared(THESIS, "apa")["publisher"] == "Boston University"


@pytest.mark.parametrize("item", [{**THESIS, "genre": "MA thesis"}, {**THESIS, "genre": "Habilitationsschrift"},
                                  {**THESIS, "type": "report"}, {key: v for key, v in THESIS.items() if key != "genre"}])
def test_other_theses_and_other_types_are_left_as_given(item):
    for family in ("mla", "apa", "chicago"):
        copy = prepared(item, family)
        assert copy.get("genre") == item.get("genre")


def test_dissertation_end_to_end_and_switched_off():
    assert one(THESIS, "chicago") == "Garcia, Elena. “Women’s Labor in the Textile Mills of Lowell.” PhD diss., Boston University, 2015."
    assert one(THESIS, "apa") == ("Garcia, E. (2015). *Women’s labor in the textile mills of Lowell* "
                                  "\\[Unpublished doctoral dissertation\\]. Boston University.")
    off = frozenset({"thesis-degree-as-guide-writes"})
    assert one(THESIS, "chicago", disabled_rules=off) == \
        "Garcia, Elena. “Women’s Labor in the Textile Mills of Lowell.” PhD dissertation, Boston University, 2015."


# --- Films and videos (APA) ---------------------------------------------------------------------------

FILM = {"type": "motion_picture", "title": "The wizard of Oz", "director": [{"family": "Fleming", "given": "Victor"}],
        "publisher": "Metro-Goldwyn-Mayer", "issued": "1939"}
VIDEO = {"type": "motion_picture", "title": "Soft robotic gripper for jellyfish", "author": [{"literal": "Harvard University"}],
         "container-title": "YouTube", "issued": "2019-08-28", "URL": "https://www.youtube.com/watch?v=guRoWTYfxMs"}


def test_apa_labels_a_film_and_an_online_video():
    assert prepared(FILM, "apa")["genre"] == "Film"
    video = prepared(VIDEO, "apa")
    assert video["genre"] == "Video" and video["publisher"] == "YouTube" and "container-title" not in video
    assert prepared({**FILM, "genre": "Short film"}, "apa")["genre"] == "Short film"
    assert prepared({**VIDEO, "publisher": "Harvard"}, "apa")["container-title"] == "YouTube"
    assert "genre" not in prepared(FILM, "mla") and "genre" not in prepared(FILM, "chicago")


def test_apa_film_end_to_end_and_switched_off():
    assert one(FILM, "apa") == "Fleming, V. (Director). (1939). *The wizard of Oz* \\[Film\\]. Metro-Goldwyn-Mayer."
    assert one(VIDEO, "apa") == ("Harvard University. (2019, August 28). *Soft robotic gripper for jellyfish* "
                                 "\\[Video\\]. YouTube. https://www.youtube.com/watch?v=guRoWTYfxMs")
    assert "\\[Film\\]" not in one(FILM, "apa", disabled_rules=frozenset({"apa-film-and-video-labels"}))


# --- Online videos (MLA, Chicago) ---------------------------------------------------------------------

CLIP = {**VIDEO, "genre": "Video", "dimensions": "1:05"}
# A person's video on another platform, dated by its year only, with no running time and no genre.
TALK = {"type": "motion_picture", "title": "Folding paper robots", "author": [{"family": "Okafor", "given": "Ada"}],
        "container-title": "Vimeo", "issued": "2021", "URL": "https://vimeo.com/123456"}


def test_an_online_video_is_handed_to_mla_and_chicago_as_a_web_page():
    mla = prepared(CLIP, "mla")
    assert (mla["type"], mla["container-title"]) == ("webpage", "YouTube")
    assert "genre" not in mla and "medium" not in mla
    chicago = prepared(CLIP, "chicago")
    assert (chicago["type"], chicago["medium"], chicago["dimensions"]) == ("webpage", "video", "1:05")
    assert "genre" not in chicago and chicago["container-title"] == "YouTube"
    assert prepared(TALK, "chicago")["medium"] == "video"  # CMOS 14.267 always names the medium
    assert prepared(CLIP, "apa")["type"] == "motion_picture"


@pytest.mark.parametrize("given, medium", [
    ({"genre": "Short film"}, "short film"), ({"genre": "TikTok video"}, "TikTok video"),
    ({"genre": "TED talk"}, "TED talk"), ({"genre": " "}, "video"),
    ({"genre": "Video", "medium": "MPEG video"}, "MPEG video"),
])
def test_chicago_medium_is_the_record_s_own_word_in_lower_case_unless_a_name(given, medium):
    copy = prepared({**TALK, **given}, "chicago")
    assert copy["medium"] == medium and "genre" not in copy


def test_a_film_and_a_video_not_online_stay_films():
    streamed = {**FILM, "container-title": "Netflix", "URL": "https://www.netflix.com/title/60000000"}
    dvd = {k: v for k, v in VIDEO.items() if k != "URL"}
    for family in ("mla", "chicago"):
        for item in (FILM, streamed, dvd):
            copy = prepared(item, family)
            assert copy["type"] == "motion_picture" and copy.get("medium") == item.get("medium")


# A film streamed on a service, no studio given: still a film in every guide (APA 7 10.12 "[Film]"; MLA 9
# and CMOS 14.265 with the title in italics and the director), never a posted video.
STREAMED = {"type": "motion_picture", "title": "Parasite", "director": [{"family": "Bong", "given": "Joon-ho"}],
            "issued": "2019", "container-title": "Kanopy", "URL": "https://www.kanopy.com/product/parasite"}


@pytest.mark.parametrize("item, expected", [
    (VIDEO, True), (TALK, True), ({**TALK, "container-title": "TikTok", "URL": "https://www.tiktok.com/@a/video/1"}, True),
    ({**STREAMED, "URL": "https://youtu.be/abc"}, True), ({**STREAMED, "URL": "www.youtube.com/watch?v=a"}, True), ({**STREAMED, "URL": "https://m.youtube.com/watch?v=a"}, True),
    ({**STREAMED, "container-title": "Dailymotion"}, True), ({**STREAMED, "container-title": "TED"}, True),
    ({**STREAMED, "genre": "Video"}, True), ({**STREAMED, "medium": "Streaming video"}, True),
    (STREAMED, False), ({**STREAMED, "container-title": "Netflix", "URL": "https://www.netflix.com/title/1"}, False),
    ({**STREAMED, "container-title": "Tedium"}, False), ({**STREAMED, "URL": "https://notyoutube.com/x"}, False),
    ({**STREAMED, "genre": "Videography"}, False), ({k: v for k, v in VIDEO.items() if k != "URL"}, False),
])
def test_an_online_video_is_told_by_its_site_or_its_own_word_video(item, expected):
    assert is_online_video(item) is expected


def test_a_streamed_film_without_a_studio_stays_a_film():
    for family in ("mla", "chicago", "apa"):
        copy = prepared(STREAMED, family)
        assert copy["type"] == "motion_picture" and "medium" not in copy
        assert "container-title" not in copy and copy["archive"] == "Kanopy"
    assert prepared(STREAMED, "apa")["genre"] == "Film" and "publisher" not in prepared(STREAMED, "apa")
    assert prepared({**STREAMED, "archive": "Criterion"}, "mla")["container-title"] == "Kanopy"
    # MLA's URL rule takes off the scheme first: a film on a video site is still told by its host.
    on_youtube = prepared({**STREAMED, "container-title": "Movies", "URL": "https://www.youtube.com/watch?v=a"}, "mla")
    assert on_youtube["type"] == "webpage"


@pytest.mark.parametrize("engine", ["pandoc", "citeproc-py"])
def test_a_streamed_film_is_cited_in_each_guide_s_film_form(engine):
    # The guides' film forms up to the date; where the streaming service goes is not asserted here.
    assert one(STREAMED, "mla", engine=engine).startswith("*Parasite*. Directed by Joon-ho Bong, 2019, ")
    assert one(STREAMED, "apa", engine=engine).startswith("Bong, J. (Director). (2019). *Parasite* \\[Film\\]. ")
    assert one(STREAMED, "chicago", engine=engine).startswith("Bong, Joon-ho, dir. *Parasite*. 2019. ")
    for style in ("mla", "apa", "chicago"):
        assert "Video" not in one(STREAMED, style, engine=engine)


def test_the_video_rule_changes_only_the_copy():
    record = {"id": "x", **CLIP}
    apply_guide_rules([record], RenderOptions(family="chicago"))
    assert record == {"id": "x", **CLIP}


@pytest.mark.parametrize("engine", ["pandoc", "citeproc-py"])
def test_online_videos_end_to_end(engine):
    def cite(item, style, mode="bib"):
        [entry] = render_citations([record_from_csl({"id": "x", **item})], style, mode=mode, fmt="markdown",
                                   engine=engine)
        return entry.text

    assert cite(CLIP, "chicago", "note") == ("Harvard University, “Soft Robotic Gripper for Jellyfish,” YouTube, "
                                             "August 28, 2019, video, 1:05, https://www.youtube.com/watch?v=guRoWTYfxMs.")
    assert cite(TALK, "mla") == "Okafor, Ada. “Folding Paper Robots.” *Vimeo*, 2021, vimeo.com/123456."
    assert cite(TALK, "chicago") == "Okafor, Ada. “Folding Paper Robots.” Vimeo, 2021. Video. https://vimeo.com/123456."
    assert cite(TALK, "chicago", "note") == "Ada Okafor, “Folding Paper Robots,” Vimeo, 2021, video, https://vimeo.com/123456."
    assert cite(TALK, "chicago-author-date") == \
        "Okafor, Ada. 2021. “Folding Paper Robots.” Vimeo. Video. https://vimeo.com/123456."
    assert cite(FILM, "chicago") == "Fleming, Victor, dir. *The Wizard of Oz*. Metro-Goldwyn-Mayer, 1939."


def test_online_video_rules_switched_off():
    off = frozenset({"mla-online-video", "chicago-online-video"})
    assert one(CLIP, "mla", disabled_rules=off) == ("Harvard University. “Soft Robotic Gripper for Jellyfish.” Video. "
                                                    "*YouTube*, 2019, www.youtube.com/watch?v=guRoWTYfxMs.")
    assert "*YouTube*" in one(CLIP, "chicago", disabled_rules=off)


# --- Magazines and newspapers (Chicago) ---------------------------------------------------------------

def test_chicago_magazine_names_lose_an_initial_the_journals_keep_it():
    magazine = {"type": "article-magazine", "container-title": "The New Yorker"}
    assert prepared(magazine, "chicago")["container-title"] == "New Yorker"
    assert prepared(magazine, "mla")["container-title"] == "The New Yorker"
    assert prepared({**magazine, "type": "review-book"}, "chicago")["container-title"] == "The New Yorker"
    assert prepared({**magazine, "language": "fr"}, "chicago")["container-title"] == "The New Yorker"


# --- Reviews (MLA) --------------------------------------------------------------------------------------

REVIEW = {"type": "article-newspaper", "title": "Friendship takes a path that diverges",
          "author": [{"family": "Kakutani", "given": "Michiko"}], "reviewed-title": "Swing time",
          "reviewed-author": [{"family": "Smith", "given": "Zadie"}], "container-title": "The New York Times",
          "issued": "2016-11-07"}


def test_mla_puts_a_comma_between_the_reviewed_work_and_its_author():
    expected = ("Kakutani, Michiko. “Friendship Takes a Path That Diverges.” Review of *Swing Time*{} Zadie Smith. "
                "*The New York Times*, 7 Nov. 2016.")
    assert one(REVIEW, "mla") == expected.format(", by")
    assert one({**REVIEW, "type": "review-book"}, "mla") == expected.format(", by")
    assert one(REVIEW, "mla", disabled_rules=frozenset({"mla-review-by-comma"})) == expected.format("by")


def test_mla_review_patch_touches_only_its_macro_and_refuses_a_file_it_does_not_fit():
    names = '<names variable="reviewed-author"><name/></names>'
    csl = (f'<macro name="other">{names}</macro><macro name="supplemental-generic-label-review">'
           f'<group><text variable="reviewed-title"/></group>{names}</macro>')
    patched = mla_review_by_comma(csl)
    assert patched == csl.replace(f"</group>{names}", '</group><names variable="reviewed-author" prefix=", "><name/></names>')
    assert mla_review_by_comma(f'<macro name="other">{names}</macro>') is None


# --- APA 7 10.2: an e-book's format is left out ----------------------------------------------------------

SUBURBS = {"type": "chapter", "title": "The rise of the suburbs", "author": [{"family": "Jackson", "given": "Kenneth T."}],
           "container-title": "Crabgrass frontier: The suburbanization of the United States",
           "publisher": "Oxford University Press", "issued": "1985"}


@pytest.mark.parametrize("medium", ["Kindle", "Kindle edition", "EPUB", "e-book", "PDF"])
def test_apa_leaves_an_ebook_format_out(medium):
    assert one({**SUBURBS, "medium": medium}, "apa") == (
        "Jackson, K. T. (1985). The rise of the suburbs. In *Crabgrass frontier: The suburbanization of the United "
        "States*. Oxford University Press.")


def test_other_media_and_other_guides_keep_the_medium():
    assert prepared({**SUBURBS, "medium": "Audiobook"}, "apa")["medium"] == "Audiobook"
    assert prepared({**SUBURBS, "medium": "Kindle"}, "mla")["medium"] == "Kindle"
