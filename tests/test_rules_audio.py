"""Guide rules for podcast episodes (render/rules_audio.py).

Expected values follow APA 7 10.13 (podcast episode: "Host, A. (Host). (Date). Title (No. 1) [Audio podcast
episode]. In *Show*. Producer. URL") and MLA 9's template for an episode in a series (title in quotation
marks, the show as container, "episode 1", publisher, date, location; "hosted by" for a host).
"""

from __future__ import annotations

import pytest

from citekit.model import record_from_csl
from citekit.render import render_citations
from citekit.render.rules import RenderOptions, apply_guide_rules
from citekit.render.rules_audio import is_podcast_episode
from rule_helpers import isolated_style_cache, prepared  # noqa: F401 (the fixture is autouse)


URL = "https://serialpodcast.org/season-one/1/the-alibi"
# As Zotero exports a podcast episode: a song, "Podcast episode" as its genre.
EPISODE = {"type": "song", "genre": "Podcast episode", "title": "The alibi",
           "author": [{"family": "Koenig", "given": "Sarah"}], "container-title": "Serial",
           "publisher": "This American Life", "number": "1", "issued": "2014-10-03", "URL": URL}
NO_GENRE = {key: value for key, value in EPISODE.items() if key != "genre"}
APA = ("Koenig, S. (2014, October 3). The alibi (No. 1) \\[Audio podcast episode\\]. In *Serial*. "
       "This American Life. https://serialpodcast.org/season-one/1/the-alibi")
MLA = ("Koenig, Sarah. “The Alibi.” *Serial*, episode 1, This American Life, 3 Oct. 2014, "
       "serialpodcast.org/season-one/1/the-alibi.")


def cite(item, style, engine="pandoc", mode="bib", **options):
    [entry] = render_citations([record_from_csl({"id": "x", **item})], style, mode=mode, fmt="markdown",
                               engine=engine, **options)
    return entry.text


# --- Which records are podcast episodes ------------------------------------------------------------

@pytest.mark.parametrize("item", [
    EPISODE, {**EPISODE, "type": "broadcast"}, {**EPISODE, "genre": "podcast"},
    {**NO_GENRE, "medium": "Podcast (MP3)"}, {**NO_GENRE, "container-title": "The Ezra Klein Show Podcast",
                                              "URL": "https://example.com/ep/1"},
    NO_GENRE,  # the URL's host name says podcast
    {**NO_GENRE, "URL": "https://podcasts.apple.com/us/podcast/the-alibi/id917918570?i=1000320937423"},
    {**NO_GENRE, "URL": "https://open.spotify.com/episode/4fZ9t0xkG2AZtEkGAeVdWk"},
    {**NO_GENRE, "URL": "serialpodcast.org/season-one/1/the-alibi"},  # as MLA's URL rule leaves it
    {**NO_GENRE, "URL": "https://www.buzzsprout.com/1234/5678"}, {**NO_GENRE, "URL": "https://www.podbean.com/ew/x"},
])
def test_a_podcast_episode_is_known_by_its_genre_medium_show_or_podcast_site(item):
    assert is_podcast_episode(item)


@pytest.mark.parametrize("item", [
    {**NO_GENRE, "URL": "https://open.spotify.com/track/6rqhFgbbKwnb9MLmUQDhG6"},  # a song on Spotify
    {**NO_GENRE, "URL": "https://www.nbc.com/the-office/video/pilot/1"},  # a TV or radio broadcast
    {key: value for key, value in NO_GENRE.items() if key != "URL"},
    {**EPISODE, "container-title": ""}, {k: v for k, v in EPISODE.items() if k != "container-title"},  # a show as a whole
    {**EPISODE, "type": "webpage"}, {**EPISODE, "type": "motion_picture"},
    {**NO_GENRE, "URL": "https://podcasts.apple.com]/us/podcast/x"},  # a host that cannot be read: no crash
])
def test_songs_broadcasts_and_other_types_are_not_podcast_episodes(item):
    assert not is_podcast_episode(item)


# --- What the engine is given -----------------------------------------------------------------------

def test_apa_gets_a_broadcast_with_its_description_in_medium():
    copy = prepared(EPISODE, "apa")
    assert (copy["type"], copy["medium"], copy["number"]) == ("broadcast", "Audio podcast episode", "1")
    assert "genre" not in copy
    video = prepared({**EPISODE, "genre": "Video podcast episode", "medium": "MP4 video"}, "apa")
    assert video["medium"] == "Video podcast episode" and "genre" not in video


def test_mla_gets_a_broadcast_with_no_genre_or_medium():
    copy = prepared({**EPISODE, "medium": "MP3"}, "mla")
    assert copy["type"] == "broadcast" and "genre" not in copy and "medium" not in copy


@pytest.mark.parametrize("typed, number", [("Episode 12", "12"), ("Ep. 12", "12"), ("no. 12", "12"), ("#12", "12"),
                                           ("12", "12"), ("S1E2", "S1E2")])
def test_a_number_typed_with_its_label_loses_the_label(typed, number):
    assert prepared({**EPISODE, "number": typed}, "apa")["number"] == number
    assert prepared({**EPISODE, "number": typed}, "mla")["number"] == number


def test_chicago_and_other_records_are_left_as_given():
    chicago = prepared(EPISODE, "chicago")
    assert (chicago["type"], chicago["genre"], chicago.get("medium")) == ("song", "Podcast episode", None)
    album_track = {**NO_GENRE, "URL": "https://open.spotify.com/track/6rqhFgbbKwnb9MLmUQDhG6"}
    for family in ("apa", "mla"):
        copy = prepared(album_track, family)
        assert copy["type"] == "song" and copy.get("medium") is None


def test_the_podcast_rule_changes_only_the_copy():
    record = {"id": "x", **EPISODE}
    apply_guide_rules([record], RenderOptions(family="apa"))
    apply_guide_rules([record], RenderOptions(family="mla"))
    assert record == {"id": "x", **EPISODE}


# --- End to end, both engines ------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ["pandoc", "citeproc-py"])
@pytest.mark.parametrize("item", [EPISODE, NO_GENRE, {**EPISODE, "type": "broadcast"}])
def test_podcast_episode_end_to_end(engine, item):
    assert cite(item, "apa", engine) == APA
    assert cite(item, "mla", engine) == MLA
    assert cite(item, "apa", engine, mode="intext") == "(Koenig, 2014)"
    assert cite(item, "mla", engine, mode="intext") == "(Koenig)"


@pytest.mark.parametrize("engine", ["pandoc", "citeproc-py"])
def test_a_host_given_as_host_is_named_as_host(engine):
    hosted = {**{k: v for k, v in EPISODE.items() if k != "author"}, "host": [{"family": "Koenig", "given": "Sarah"}]}
    assert cite(hosted, "apa", engine) == APA.replace("Koenig, S. (2014", "Koenig, S. (Host). (2014")
    assert cite(hosted, "mla", engine) == ("“The Alibi.” *Serial*, hosted by Sarah Koenig, episode 1, This American Life, "
                                           "3 Oct. 2014, serialpodcast.org/season-one/1/the-alibi.")
    assert cite(hosted, "apa", engine, mode="intext") == "(Koenig, 2014)"


@pytest.mark.parametrize("engine", ["pandoc", "citeproc-py"])
def test_a_video_podcast_and_an_unnumbered_episode(engine):
    video = {**EPISODE, "genre": "Video podcast episode", "number": None}
    video = {k: v for k, v in video.items() if v is not None}
    assert cite(video, "apa", engine) == ("Koenig, S. (2014, October 3). The alibi \\[Video podcast episode\\]. In *Serial*. "
                                          "This American Life. https://serialpodcast.org/season-one/1/the-alibi")
    assert cite(video, "mla", engine) == ("Koenig, Sarah. “The Alibi.” *Serial*, This American Life, 3 Oct. 2014, "
                                          "serialpodcast.org/season-one/1/the-alibi.")


def test_switched_off_the_styles_print_what_they_print():
    assert cite(EPISODE, "apa", disabled_rules=frozenset({"apa-podcast-episode"})) == (
        "Koenig, S. (2014, October 3). The alibi. On *Serial* (Podcast Episode No. 1). This American Life. "
        "https://serialpodcast.org/season-one/1/the-alibi")
    assert cite(EPISODE, "mla", disabled_rules=frozenset({"mla-podcast-episode"})) == (
        "Koenig, Sarah. “The Alibi.” *Serial*, Podcast episode no. 1, This American Life, 3 Oct. 2014, "
        "serialpodcast.org/season-one/1/the-alibi.")
    # Each guide's rule is its own: switching the APA rule off leaves MLA's.
    assert cite(EPISODE, "mla", disabled_rules=frozenset({"apa-podcast-episode"})) == MLA


# --- APA 7 10.13: a song -------------------------------------------------------------------------------

FORMATION = {"type": "song", "title": "Formation", "author": [{"literal": "Beyoncé"}], "container-title": "Lemonade",
             "publisher": "Parkwood Entertainment", "issued": "2016"}


@pytest.mark.parametrize("engine", ["pandoc", "citeproc-py"])
def test_apa_labels_a_song_song(engine):
    # APA 7 10.13, the song example's shape: Artist. (Year). Title [Song]. On *Album*. Label.
    assert cite(FORMATION, "apa", engine=engine) == (
        "Beyoncé. (2016). Formation \\[Song\\]. On *Lemonade*. Parkwood Entertainment.")


def test_a_song_with_its_own_genre_or_a_podcast_keeps_its_label():
    assert prepared({**FORMATION, "genre": "Single"}, "apa")["genre"] == "Single"
    assert "genre" not in prepared(FORMATION, "mla")
    assert prepared(EPISODE, "apa").get("genre") != "Song"
