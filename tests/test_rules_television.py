"""Guide rules for TV series episodes (render/rules_television.py).

Expected values follow APA 7 10.12 (TV series episode: "Writer, A. (Writer), & Director, B. (Director). (Date).
Title (Season 1, Episode 1) [TV series episode]. In *Series*. Company. URL"; two people in one role share it, as in
APA's series example "Duffer, M., & Duffer, R. (Executive Producers)") and MLA 9's template for an episode in a
series (title in quotation marks, the series as container, other contributors, "season 1, episode 1", the network
or service, the date, the location).
"""

from __future__ import annotations

import pytest

from citekit.render.rules import RenderOptions, apply_guide_rules
from citekit.render.rules_television import is_tv_episode, season_and_episode
from rule_helpers import isolated_style_cache, one, prepared  # noqa: F401 (the fixture is autouse)

URL = "https://www.netflix.com/watch/80057281"
TV = {"type": "broadcast", "title": "The vanishing of Will Byers", "container-title": "Stranger Things",
      "director": [{"family": "Duffer", "given": "Matt"}, {"family": "Duffer", "given": "Ross"}],
      "volume": "1", "number": "1", "publisher": "Netflix", "issued": "2016-07-15", "URL": URL}
NO_DIRECTOR = {key: value for key, value in TV.items() if key != "director"}
APA = ("Duffer, M., & Duffer, R. (Directors). (2016, July 15). The vanishing of Will Byers (Season 1, Episode 1) "
       "\\[TV series episode\\]. In *Stranger Things*. Netflix. https://www.netflix.com/watch/80057281")
MLA = ("“The Vanishing of Will Byers.” *Stranger Things*, directed by Matt Duffer and Ross Duffer, season 1, "
       "episode 1, Netflix, 15 July 2016, www.netflix.com/watch/80057281.")
MLA_NO_DIRECTOR = ("“The Vanishing of Will Byers.” *Stranger Things*, season 1, episode 1, Netflix, 15 July 2016, "
                   "www.netflix.com/watch/80057281.")
ENGINES = ["pandoc", "citeproc-py"]
OFF = {"apa": "apa-tv-series-episode", "mla": "mla-tv-series-episode"}


# --- Which records are TV episodes, and their season and episode -----------------------------------------

@pytest.mark.parametrize("item", [
    TV, {**TV, "genre": "TV series episode"}, {**TV, "genre": "Television broadcast"},
    {**NO_DIRECTOR, "volume": None}, {key: value for key, value in TV.items() if key != "number"},
    {key: value for key, value in TV.items() if key not in ("number", "volume")} | {"genre": "Episode"},
])
def test_a_broadcast_in_a_series_with_an_episode_or_season_is_a_tv_episode(item):
    assert is_tv_episode(item)


@pytest.mark.parametrize("item", [
    {**TV, "type": "motion_picture"}, {**TV, "container-title": ""},
    {key: value for key, value in TV.items() if key != "container-title"},
    {key: value for key, value in TV.items() if key not in ("number", "volume")},  # nothing says episode
    {**TV, "genre": "Radio broadcast"}, {**TV, "genre": "Radio series episode"}, {**TV, "genre": "News segment"},
    {**TV, "genre": "Podcast episode"},  # a podcast episode: rules_audio's
    {**TV, "URL": "https://serialpodcast.org/season-one/1/the-alibi"},
])
def test_films_podcasts_radio_and_series_as_a_whole_are_not_tv_episodes(item):
    assert not is_tv_episode(item)


@pytest.mark.parametrize("number, volume, parts", [
    ("1", "1", ("1", "1")), ("S1E1", None, ("1", "1")), ("S01E03", None, ("1", "3")), ("s2 e10", None, ("2", "10")),
    ("1x01", None, ("1", "1")), ("2x12", "2", ("2", "12")), ("Season 3, Episode 4", None, ("3", "4")),
    ("Episode 12", None, (None, "12")), ("Ep. 5", "Season 2", ("2", "5")), ("#7", None, (None, "7")),
    (None, "3", ("3", None)), ("1", None, (None, "1")),
])
def test_season_and_episode_are_read_from_number_and_volume(number, volume, parts):
    item = {key: value for key, value in {"number": number, "volume": volume}.items() if value is not None}
    assert season_and_episode(item) == parts


@pytest.mark.parametrize("item", [{"number": "Pilot"}, {"number": "1", "volume": "Director's cut"},
                                  {"number": "S1E1", "volume": "2"}])
def test_a_number_or_season_that_cannot_be_read_leaves_the_record_as_it_is(item):
    assert season_and_episode(item) is None
    record = {**TV, **item}
    copy = prepared(record, "apa")
    assert [copy.get(name) for name in ("number", "volume", "genre", "medium")] == \
        [record.get(name) for name in ("number", "volume", "genre", "medium")]


# --- What the engine is given and what it prints ----------------------------------------------------------

def test_apa_gets_the_season_and_episode_as_the_number_and_the_description_as_medium():
    copy = prepared({**TV, "genre": "TV series episode"}, "apa")
    assert (copy["number"], copy["medium"]) == ("Season 1, Episode 1", "TV series episode")
    assert "genre" not in copy and "volume" not in copy


def test_mla_gets_the_season_in_the_genre_before_the_episode_number():
    copy = prepared({**TV, "genre": "TV series episode", "medium": "Streaming"}, "mla")
    assert (copy["genre"], copy["number"]) == ("season 1, episode", "1")
    assert "volume" not in copy and "medium" not in copy


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("extra", [{}, {"genre": "TV series episode"}, {"volume": None, "number": "S1E1"},
                                   {"volume": None, "number": "1x01"}, {"number": "Episode 1"}])
def test_apa_tv_series_episode(engine, extra):
    record = {key: value for key, value in {**TV, **extra}.items() if value is not None}
    assert one(record, "apa", engine=engine, mode="bib") == APA
    assert one(record, "apa", engine=engine, mode="intext") == "(Duffer & Duffer, 2016)"


@pytest.mark.parametrize("engine", ENGINES)
def test_apa_episode_without_a_season(engine):
    record = {key: value for key, value in TV.items() if key != "volume"}
    assert one(record, "apa", engine=engine, mode="bib") == APA.replace("Season 1, Episode 1", "Episode 1")


@pytest.mark.parametrize("engine", ENGINES)
def test_apa_writer_has_the_role_writer(engine):
    record = {**NO_DIRECTOR, "script-writer": [{"family": "Oakley", "given": "Bill"}]}
    assert one(record, "apa", engine=engine, mode="bib") == (
        "Oakley, B. (Writer). (2016, July 15). The vanishing of Will Byers (Season 1, Episode 1) "
        "\\[TV series episode\\]. In *Stranger Things*. Netflix. https://www.netflix.com/watch/80057281")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("extra", [{}, {"genre": "TV series episode"}, {"volume": None, "number": "S01E01"}])
def test_mla_tv_series_episode(engine, extra):
    record = {key: value for key, value in {**TV, **extra}.items() if value is not None}
    assert one(record, "mla", engine=engine, mode="bib") == MLA
    bare = {key: value for key, value in {**NO_DIRECTOR, **extra}.items() if value is not None}
    assert one(bare, "mla", engine=engine, mode="bib") == MLA_NO_DIRECTOR
    assert one(bare, "mla", engine=engine, mode="intext") == "(“The Vanishing of Will Byers”)"


@pytest.mark.parametrize("engine", ENGINES)
def test_mla_episode_without_a_season(engine):
    record = {key: value for key, value in NO_DIRECTOR.items() if key != "volume"}
    assert one(record, "mla", engine=engine, mode="bib") == MLA_NO_DIRECTOR.replace("season 1, ", "")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_podcast_episode_is_left_to_the_podcast_rule(engine):
    podcast = {"type": "broadcast", "genre": "Podcast episode", "title": "The alibi",
               "author": [{"family": "Koenig", "given": "Sarah"}], "container-title": "Serial",
               "publisher": "This American Life", "number": "1", "issued": "2014-10-03",
               "URL": "https://serialpodcast.org/season-one/1/the-alibi"}
    assert one(podcast, "apa", engine=engine, mode="bib") == (
        "Koenig, S. (2014, October 3). The alibi (No. 1) \\[Audio podcast episode\\]. In *Serial*. "
        "This American Life. https://serialpodcast.org/season-one/1/the-alibi")
    assert one(podcast, "mla", engine=engine, mode="bib") == (
        "Koenig, Sarah. “The Alibi.” *Serial*, episode 1, This American Life, 3 Oct. 2014, "
        "serialpodcast.org/season-one/1/the-alibi.")


def test_chicago_and_other_records_are_left_as_they_are():
    copy = prepared({**TV, "genre": "TV series episode"}, "chicago")
    assert (copy["volume"], copy["number"], copy["genre"]) == ("1", "1", "TV series episode") and "medium" not in copy
    film = {**TV, "type": "motion_picture"}
    assert prepared(film, "mla")["volume"] == "1"


@pytest.mark.parametrize("family", ["apa", "mla"])
def test_the_rule_switched_off(family):
    [off] = apply_guide_rules([{"id": "x", **TV}], RenderOptions(family=family), frozenset({OFF[family]}))
    assert (off["volume"], off["number"]) == ("1", "1") and "medium" not in off and "genre" not in off


@pytest.mark.parametrize("engine", ENGINES)
def test_the_rule_switched_off_renders_as_the_style_does(engine):
    assert one(TV, "apa", engine=engine, mode="bib", disabled_rules=frozenset({OFF["apa"]})) == (
        "Duffer, M., & Duffer, R. (Directors). (2016, July 15). The vanishing of Will Byers (No. 1) \\[Broadcast\\]. "
        "In *Stranger Things*. Netflix. https://www.netflix.com/watch/80057281")
