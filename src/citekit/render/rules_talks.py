"""Guide rules for lectures, speeches, conference presentations and recorded talks (CSL type "speech").

The rule table lives in rules.py; these are the functions it names. Like every guide rule, each
changes only the copy of the item handed to the engine (`item`), never the student's record;
`options.family` is the guide.

Zotero's "presentation" exports the date it was given as `issued`, the meeting as `event-title`
(CSL 1.0.2) or `event` (older exports), the kind of talk as `genre` ("Lecture", "Paper presentation")
and the place as `publisher-place`.
"""

from __future__ import annotations

from citekit.render.rules_sources import is_online_video

_OLD_EVENT_NAME = "event"  # CSL 1.0.1's name for the event; CSL 1.0.2 calls it `event-title`


def _is_talk(item: dict) -> bool:
    return item.get("type") == "speech"


def _text(item: dict, name: str) -> str:
    value = item.get(name)
    return value.strip() if isinstance(value, str) else ""


def _watched_as_online_video(item: dict) -> bool:
    """A talk watched as a video online (TED's site, YouTube, or a genre such as "Video"), not a conference
    paper with a link to the programme it is listed in: the test rules_sources.py applies to videos."""
    return is_online_video(item)


def _event_title_from_old_name(item: dict) -> None:
    if not _text(item, "event-title") and _text(item, _OLD_EVENT_NAME):
        item["event-title"] = item.pop(_OLD_EVENT_NAME)


def _venue_and_place_as_event_place(item: dict) -> None:
    """The host or venue (a university hosting a lecture) and the city, in that order, as the event's place
    ("Yale University, New Haven, CT"), where the MLA and APA CSL files print the place of an event; the
    CSL files would print the host (publisher) before the event. A place the record gives for the event
    itself (event-place) is the city, taking the place of publisher-place."""
    city = _text(item, "event-place") or _text(item, "publisher-place")
    host = _text(item, "publisher")
    if host and host.casefold() in city.casefold():
        host = ""
    place = ", ".join(part for part in (host, city) if part)
    if place:
        item["event-place"] = place
    item.pop("publisher", None)
    item.pop("publisher-place", None)


def _event_as_container(item: dict) -> None:
    """A talk given at an event, not watched as a video: the event is its container (MLA 9) or its source
    (APA 7 10.14), so a page it is listed on (CSL container-title, "CCCC 2023 Program") is not printed as one."""
    if _text(item, "event-title"):
        item.pop("container-title", None)
        _venue_and_place_as_event_place(item)


# --- MLA 9 -----------------------------------------------------------------------------------------
# MLA 9 cites a lecture, speech or address with the event as its container, then the date and the
# location, venue before city (`Atwood, Margaret. "Silencing the Scream." Boundaries of the Imagination
# Forum, 29 Dec. 1993, Rebecca Cohn Auditorium, Halifax.`), and a descriptor such as "Lecture." at the
# end of the entry when the kind of talk is not plain. The MLA CSL file prints a speech's `event-date`,
# never its `issued`, puts the publisher (the host or venue) and the place before the event, and the
# genre right after the title; it ends an entry with `medium`.
# A talk viewed online is cited like any work on a website: the site in italics as the container,
# the date it was posted, the URL (`Cuddy, Amy. "Your Body Language May Shape Who You Are." *TED*,
# June 2012, www.ted.com/talks/...`).

def mla_talk_as_event(item: dict, options) -> None:
    if not _is_talk(item):
        return
    if _watched_as_online_video(item):
        item["type"] = "webpage"
        for name in ("genre", "medium", _OLD_EVENT_NAME, "event-title", "event-date", "event-place"):
            item.pop(name, None)
        return
    _event_title_from_old_name(item)
    if not _text(item, "event-title"):
        return
    if not item.get("event-date") and item.get("issued"):
        item["event-date"] = item["issued"]
    _event_as_container(item)
    genre = _text(item, "genre")
    if genre and not _text(item, "medium"):
        item["medium"] = item.pop("genre")


# --- APA 7 -----------------------------------------------------------------------------------------
# APA 7 (10.14) cites a TED talk watched on the TED site like a video: the title in italics, "[Video]",
# and TED as the publisher (`Cuddy, A. (2012, June). *Your body language may shape who you are* [Video].
# TED Conferences. https://www.ted.com/talks/...`), without the event it was given at. apa.csl prints
# the site as a container ("In *TED* [Video]") and the event after it.

def apa_talk(item: dict, options) -> None:
    if not _is_talk(item):
        return
    if not _watched_as_online_video(item):
        # APA 7 (10.14): "*Title* [Type]. Event Name, Location." apa.csl prints the host (publisher)
        # before the event and the place only from `event-place`.
        _event_title_from_old_name(item)
        _event_as_container(item)
        return
    if not _text(item, "publisher") and _text(item, "container-title"):
        item["publisher"] = item["container-title"]
    item.pop("container-title", None)
    for name in (_OLD_EVENT_NAME, "event-title", "event-place", "event-date"):
        item.pop(name, None)
    if not _text(item, "genre") and not _text(item, "medium"):
        item["genre"] = "Video"
