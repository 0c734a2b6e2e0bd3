"""Guide rules for television series episodes.

The rule table lives in rules.py; these are the functions it names. Like every guide rule, each
changes only the copy of the item handed to the engine (`item`), never the student's record;
`options.family` is the guide.

Zotero exports a "TV Broadcast" to CSL-JSON as a `broadcast`: the episode as `title`, the series as
`container-title`, the episode number as `number`, the network or streaming service as `publisher`,
directors and writers (`director`, `script-writer`) as contributors and, at times, "TV series
episode" as `genre`. CSL has no season variable: a season is typed in `volume`, or with the episode
in `number` ("S1E1", "S01E01", "1x01", "Season 1, Episode 1"). A podcast episode is a `broadcast` in a
show too: rules_audio.is_podcast_episode tells it, and it is left to the podcast rule.
"""

from __future__ import annotations

import re

from citekit.render.rules_audio import EPISODE_LABEL, is_podcast_episode

# A genre that says what the broadcast is: a TV or television one, or an episode of a series.
_TV_GENRE = re.compile(r"\b(?:tv|television|episode|series)\b", re.I)
_RADIO = re.compile(r"\bradio\b", re.I)
# "S1E1", "S01E01", "s1 e1", "1x01", "Season 1, Episode 1", "Season 1 Episode 1", "Season 1, Ep. 1".
_SEASON_AND_EPISODE = re.compile(
    r"^\s*(?:s(?:eason)?\.?\s*(?P<s1>\d+)\s*,?\s*e(?:p(?:isode)?)?\.?\s*(?P<e1>\d+)"
    r"|(?P<s2>\d+)\s*x\s*(?P<e2>\d+))\s*$", re.I)
# "Episode 12", "Ep. 12", "No. 12", "#12", "12": the episode number alone.
_EPISODE = re.compile(rf"^\s*(?:{EPISODE_LABEL}\s*)?(?P<e>\d+)\s*$", re.I)
_SEASON = re.compile(r"^\s*(?:(?:season|series|s\.?)\s*)?(?P<s>\d+)\s*$", re.I)


def _text(item: dict, name: str) -> str:
    value = item.get(name)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) else ""


def _plain(number: str) -> str:
    return str(int(number))  # "01" -> "1"


def season_and_episode(item: dict) -> tuple[str | None, str | None] | None:
    """(season, episode) of a TV episode record, either possibly None; None when the number or the
    volume cannot be read as a season or an episode (then the record is left as it is)."""
    number, volume = _text(item, "number"), _text(item, "volume")
    season = episode = None
    if number:
        both = _SEASON_AND_EPISODE.match(number)
        alone = _EPISODE.match(number)
        if both:
            season, episode = both.group("s1") or both.group("s2"), both.group("e1") or both.group("e2")
        elif alone:
            episode = alone.group("e")
        else:
            return None
    if volume:
        typed = _SEASON.match(volume)
        if typed is None or (season is not None and _plain(typed.group("s")) != _plain(season)):
            return None
        season = typed.group("s")
    return (_plain(season) if season else None, _plain(episode) if episode else None)


def is_tv_episode(item: dict) -> bool:
    """An episode of a TV series: a `broadcast` in a series (`container-title`) that is not a podcast
    episode, whose genre, if it gives one, says TV, television, episode or series (not radio), and that
    gives an episode number or a season, or a genre that says so."""
    if item.get("type") != "broadcast" or not _text(item, "container-title") or is_podcast_episode(item):
        return False
    genre = _text(item, "genre")
    if genre and (not _TV_GENRE.search(genre) or _RADIO.search(genre)):
        return False
    return bool(genre or _text(item, "number") or _text(item, "volume"))


def tv_series_episode(item: dict, options) -> None:
    """APA 7 10.12: 'Title (Season 1, Episode 1) [TV series episode]. In *Series*. Network. URL'; MLA 9:
    '“Title.” *Series*, season 1, episode 1, Network, date, URL'."""
    if options.family not in ("apa", "mla") or not is_tv_episode(item):
        return
    parts = season_and_episode(item)
    if parts is None:
        return
    season, episode = parts
    item.pop("genre", None)
    item.pop("volume", None)
    item.pop("number", None)
    if options.family == "apa":
        # apa.csl prints a non-numeric number as written inside the parentheses after the title, and the
        # medium in brackets after them (as for a podcast episode, rules_audio.py).
        words = ", ".join(part for part in (season and f"Season {season}", episode and f"Episode {episode}") if part)
        if words:
            item["number"] = words
        item["medium"] = "TV series episode"
    else:
        # mla.csl prints a broadcast's numeric number after its genre ("<genre> <number>"): the season goes
        # into the genre, the style's own "episode" label when there is no season.
        item.pop("medium", None)
        if episode:
            item["number"] = episode
            if season:
                item["genre"] = f"season {season}, episode"
        elif season:
            item["number"] = season
            item["genre"] = "season"
