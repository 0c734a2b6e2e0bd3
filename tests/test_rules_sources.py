"""Guide rules for particular kinds of source (render/rules_sources.py, and the MLA review patch).

Expected values follow the guide each rule quotes in its `says` text: MLA 9, APA 7 10.6 and
Chicago 14.113 on dissertations, APA 7 10.12 on films and videos, CMOS 14.86 and 14.89 on the
names of magazines and newspapers, MLA 9 on reviews.
"""

from __future__ import annotations

import pytest

from citekit.render import render_citations
from citekit.render.rules import RenderOptions, apply_guide_rules
from citekit.render.style_patches import mla_review_by_comma


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEKIT_CACHE_DIR", str(tmp_path / "cache"))


def prepared(item: dict, family: str) -> dict:
    [copy] = apply_guide_rules([{"id": "x", **item}], RenderOptions(family=family))
    return copy


def one(record: dict, style: str, **options) -> str:
    [entry] = render_citations([{"id": "x", **record}], style, fmt="markdown", **options)
    return entry.text


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
