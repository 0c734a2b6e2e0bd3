"""Guide rules for audio and audiovisual series: podcast episodes.

The rule table lives in rules.py; these are the functions it names. Like every guide rule, each
changes only the copy of the item handed to the engine (`item`), never the student's record;
`options.family` is the guide.

Zotero exports a podcast episode to CSL-JSON as a `song` (older exports) or a `broadcast`, with the
show as `container-title`, the producer as `publisher`, the episode number as `number` and, at
best, "Podcast episode" as `genre` (the audio file type goes to `medium`). The podcaster is an
`author`, or a `host` in newer exports (CSL 1.0.2 has the `host` role; apa.csl prints it as
"(Host)" and mla.csl as "hosted by"). citekit takes an author to be the author: the record does
not say that the person hosted, so no "(Host)" is added; a record that gives `host` gets it from
the style.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from citekit.newspapers import url_host

_PODCAST_WORD = re.compile(r"podcast", re.I)
_VIDEO_WORD = re.compile(r"\bvideo", re.I)
# Hosts that serve podcast episodes only, at these paths (a host name containing "podcast" counts too:
# podcasts.apple.com, podcasts.google.com, serialpodcast.org).
_PODCAST_SITES = (
    ("open.spotify.com", "/episode/"), ("overcast.fm", "/"), ("pca.st", "/"), ("podbean.com", "/"),
    ("buzzsprout.com", "/"), ("libsyn.com", "/"), ("anchor.fm", "/"), ("simplecast.com", "/"),
)
# "Episode 12", "Ep. 12", "No. 12", "#12" as typed in the number field: the guides add their own word.
EPISODE_LABEL = r"(?:episode|ep\.?|no\.?|number|#)"
_NUMBER_LABEL = re.compile(rf"^\s*{EPISODE_LABEL}\s*(?=\S)", re.I)


def _says_podcast(value) -> bool:
    return isinstance(value, str) and bool(_PODCAST_WORD.search(value))


def _podcast_url(url) -> bool:
    host = url_host(url)
    if host is None:
        return False
    if "podcast" in host:
        return True
    url = url.strip()
    path = urlsplit(url if "//" in url else "//" + url).path  # url_host has read it: no ValueError
    return any((host == site or host.endswith("." + site)) and path.startswith(prefix)
               for site, prefix in _PODCAST_SITES)


def is_podcast_episode(item: dict) -> bool:
    """A podcast episode: a `song` or `broadcast` in a show (`container-title`) whose genre, medium or show
    name says "podcast", or whose URL is on a podcast site (a host name with "podcast" in it, Spotify
    /episode/ links, Overcast, Pocket Casts, Podbean, Buzzsprout, Libsyn, Anchor, Simplecast). A song
    on an album or a radio or TV broadcast says none of these and is left as it is."""
    if item.get("type") not in ("song", "broadcast"):
        return False
    show = item.get("container-title")
    if not isinstance(show, str) or not show.strip():
        return False  # a podcast as a whole, or no show named: not an episode
    return (_says_podcast(item.get("genre")) or _says_podcast(item.get("medium")) or _says_podcast(show)
            or _podcast_url(item.get("URL")))


def _is_video(item: dict) -> bool:
    return any(isinstance(item.get(name), str) and _VIDEO_WORD.search(item[name]) for name in ("genre", "medium"))


def podcast_episode(item: dict, options) -> None:
    """APA 7 10.13: 'Title (No. 1) [Audio podcast episode]. In *Show*. Producer. URL'; MLA 9: '“Title.”
    *Show*, episode 1, Producer, date, URL'. Both CSL files print a `broadcast` so, given APA's description
    in `medium` (apa.csl puts a `genre` inside the number's parentheses) and no genre for MLA."""
    if options.family not in ("apa", "mla") or not is_podcast_episode(item):
        return
    video = _is_video(item)
    item["type"] = "broadcast"
    item.pop("genre", None)
    number = item.get("number")
    if isinstance(number, str) and _NUMBER_LABEL.match(number):
        item["number"] = _NUMBER_LABEL.sub("", number)
    if options.family == "apa":
        item["medium"] = "Video podcast episode" if video else "Audio podcast episode"
    else:
        item.pop("medium", None)  # MLA 9 names no medium for a podcast heard online


def apa_song_label(item: dict, options) -> None:
    """APA 7 (10.13) labels a song "[Song]"; apa.csl, given no genre, prints the locale's "Audio recording"."""
    if item.get("type") == "song" and not item.get("genre") and not item.get("medium") \
            and not is_podcast_episode(item):
        item["genre"] = "Song"
