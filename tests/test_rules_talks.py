"""Guide rules for lectures, speeches and recorded talks (render/rules_talks.py).

Expected values follow MLA 9 (lectures, speeches and addresses: the event as container, the date, venue
and city, a descriptor at the end; a TED talk viewed online as a work on a website, the MLA's own shape
"Cuddy, Amy. “Your Body Language May Shape Who You Are.” *TED*, June 2012, www.ted.com/talks/…") and
APA 7 10.14 ("*Title* [Type]. Event Name, Location."; TED talk "[Video]. TED Conferences. URL").
Chicago is not changed by these rules. Guide cases were not added: Chicago notes-bibliography lists no
unpublished talk (a required key), and its note form for a talk is not settled here.
"""

from __future__ import annotations

import pytest

from rule_helpers import isolated_style_cache, one, prepared  # noqa: F401 (the fixture is autouse)

ENGINES = ("pandoc", "citeproc-py")


SPEECH = {"type": "speech", "title": "Silencing the scream", "author": [{"family": "Atwood", "given": "Margaret"}],
          "event-title": "Boundaries of the Imagination Forum", "publisher-place": "Toronto", "issued": "1993-12-29"}
LECTURE = {"type": "speech", "genre": "Lecture", "title": "The origins of the Cold War",
           "author": [{"family": "Gaddis", "given": "John Lewis"}], "event-title": "HIST 202: Cold War History",
           "publisher": "Yale University", "publisher-place": "New Haven, CT", "issued": "2019-10-08"}
TED = {"type": "speech", "genre": "Video", "title": "Your body language may shape who you are",
       "author": [{"family": "Cuddy", "given": "Amy"}], "event": "TEDGlobal 2012", "container-title": "TED",
       "issued": "2012-06", "URL": "https://www.ted.com/talks/amy_cuddy_your_body_language_may_shape_who_you_are"}
TED_MLA = ("Cuddy, Amy. “Your Body Language May Shape Who You Are.” *TED*, June 2012, "
           "www.ted.com/talks/amy\\_cuddy\\_your\\_body\\_language\\_may\\_shape\\_who\\_you\\_are.")
TED_APA = ("Cuddy, A. (2012, June). *Your body language may shape who you are* \\[Video\\]. TED. "
           "https://www.ted.com/talks/amy\\_cuddy\\_your\\_body\\_language\\_may\\_shape\\_who\\_you\\_are")


# --- MLA 9 -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
def test_mla_speech_gives_event_date_and_place_in_order(engine):
    assert one(SPEECH, "mla", engine=engine) == \
        "Atwood, Margaret. “Silencing the Scream.” Boundaries of the Imagination Forum, 29 Dec. 1993, Toronto."


@pytest.mark.parametrize("engine", ENGINES)
def test_mla_lecture_venue_before_city_and_descriptor_at_the_end(engine):
    assert one(LECTURE, "mla", engine=engine) == ("Gaddis, John Lewis. “The Origins of the Cold War.” "
                                                  "HIST 202: Cold War History, 8 Oct. 2019, Yale University, "
                                                  "New Haven, CT. Lecture.")


@pytest.mark.parametrize("engine", ENGINES)
def test_mla_talk_viewed_online_is_a_work_on_a_website(engine):
    assert one(TED, "mla", engine=engine) == TED_MLA


def test_mla_copy_only_and_old_event_name():
    old = {key: value for key, value in SPEECH.items() if key != "event-title"} | {"event": "Boundaries of the Imagination Forum"}
    copy = prepared(old, "mla")
    assert copy["event-title"] == "Boundaries of the Imagination Forum" and "event" not in copy
    assert copy["event-place"] == "Toronto" and "publisher-place" not in copy
    assert copy["event-date"] == "1993-12-29"
    assert old["event"] == "Boundaries of the Imagination Forum" and "event-title" not in old


def test_mla_keeps_a_given_event_date_and_place():
    given = {**SPEECH, "event-date": "1993-12-28", "event-place": "Rebecca Cohn Auditorium, Halifax"}
    assert one(given, "mla") == ("Atwood, Margaret. “Silencing the Scream.” Boundaries of the Imagination Forum, "
                                 "28 Dec. 1993, Rebecca Cohn Auditorium, Halifax.")


@pytest.mark.parametrize("item", [{**LECTURE, "type": "paper-conference"}, {**LECTURE, "type": "book"}])
def test_other_types_are_left_as_given(item):
    for family in ("mla", "apa", "chicago"):
        copy = prepared(item, family)
        assert copy.get("publisher-place") == item["publisher-place"] and "event-place" not in copy


def test_mla_switched_off():
    off = frozenset({"mla-talk-as-event"})
    assert one(SPEECH, "mla", disabled_rules=off) == \
        "Atwood, Margaret. “Silencing the Scream.” Toronto, Boundaries of the Imagination Forum."


# --- APA 7 -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
def test_apa_event_then_location(engine):
    assert one(SPEECH, "apa", engine=engine) == \
        "Atwood, M. (1993, December 29). *Silencing the scream*. Boundaries of the Imagination Forum, Toronto."
    assert one(LECTURE, "apa", engine=engine) == ("Gaddis, J. L. (2019, October 8). *The origins of the Cold War* "
                                                  "\\[Lecture\\]. HIST 202: Cold War History, Yale University, "
                                                  "New Haven, CT.")


@pytest.mark.parametrize("engine", ENGINES)
def test_apa_ted_talk_is_a_video_with_the_site_as_publisher(engine):
    assert one(TED, "apa", engine=engine) == TED_APA
    assert one({**TED, "publisher": "TED Conferences"}, "apa", engine=engine) == \
        TED_APA.replace("TED. https", "TED Conferences. https")
    assert one({k: v for k, v in TED.items() if k != "genre"}, "apa", engine=engine) == TED_APA


def test_apa_switched_off():
    off = frozenset({"apa-talk-event-and-place"})
    assert one(SPEECH, "apa", disabled_rules=off) == \
        "Atwood, M. (1993, December 29). *Silencing the scream*. Boundaries of the Imagination Forum."
    # apa.csl's own shape: the site as a container, the event after the label.
    assert one(TED, "apa", disabled_rules=off) == (
        "Cuddy, A. (2012, June). Your body language may shape who you are. In *TED* \\[Video\\]. TEDGlobal 2012. "
        "https://www.ted.com/talks/amy\\_cuddy\\_your\\_body\\_language\\_may\\_shape\\_who\\_you\\_are")


def test_chicago_is_not_changed():
    for item in (SPEECH, LECTURE, TED):
        copy = prepared(item, "chicago")
        assert copy.get("publisher-place") == item.get("publisher-place")
        assert copy.get("container-title") == item.get("container-title")


# --- A conference paper with a link is not a video; a given event place ------------------------------

# A paper given at a conference, with a link to the programme it is listed in: not watched online.
PAPER = {"type": "speech", "title": "Writing with AI", "author": [{"family": "Lee", "given": "Ann"}],
         "event-title": "Conference on College Composition and Communication", "genre": "Paper presentation",
         "URL": "https://cccc.ncte.org/program/2023", "container-title": "CCCC 2023 Program", "issued": "2023-02-15"}
# A meeting whose place is given as the event's, its sponsor as publisher with the sponsor's own city.
MEETING = {"type": "speech", "title": "Sea ice", "author": [{"family": "Ng", "given": "Kim"}],
           "event-title": "AGU Fall Meeting", "event-place": "San Francisco, CA",
           "publisher": "American Geophysical Union", "publisher-place": "Washington, DC", "issued": "2019-12-10"}


@pytest.mark.parametrize("item, watched", [
    (TED, True), ({**TED, "genre": None}, True), ({**PAPER, "genre": "Video"}, True),
    ({**PAPER, "URL": "https://www.youtube.com/watch?v=abc"}, True), (PAPER, False),
    ({**TED, "URL": None}, False),
])
def test_a_talk_is_watched_online_only_as_a_video(item, watched):
    item = {key: value for key, value in item.items() if value is not None}
    assert (prepared(item, "mla")["type"] == "webpage") is watched
    assert ("event-title" in prepared(item, "apa")) is not watched


@pytest.mark.parametrize("engine", ENGINES)
def test_a_conference_paper_with_a_link_keeps_its_event_and_descriptor(engine):
    # MLA 9: the event as container, the date, the URL, the descriptor at the end. APA 7 10.14:
    # "*Title* [Type]. Event Name. URL".
    assert one(PAPER, "mla", engine=engine) == ("Lee, Ann. “Writing with AI.” Conference on College Composition and "
                                                "Communication, 15 Feb. 2023, cccc.ncte.org/program/2023. "
                                                "Paper presentation.")
    assert one(PAPER, "apa", engine=engine) == ("Lee, A. (2023, February 15). *Writing with AI* \\[Paper presentation\\]. "
                                                "Conference on College Composition and Communication. "
                                                "https://cccc.ncte.org/program/2023")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_given_event_place_the_host_is_not_printed_before_the_event(engine):
    # MLA 9: event, date, then location; the host (publisher) is part of the location as when no
    # event-place is given, the event's own place taking the place of the publisher's city.
    assert one(MEETING, "mla", engine=engine) == ("Ng, Kim. “Sea Ice.” AGU Fall Meeting, 10 Dec. 2019, "
                                                  "American Geophysical Union, San Francisco, CA.")
    assert one(MEETING, "apa", engine=engine) == ("Ng, K. (2019, December 10). *Sea ice*. AGU Fall Meeting, "
                                                  "American Geophysical Union, San Francisco, CA.")


def test_a_given_event_place_in_the_copy():
    for family in ("mla", "apa"):
        copy = prepared(MEETING, family)
        assert copy["event-place"] == "American Geophysical Union, San Francisco, CA"
        assert "publisher" not in copy and "publisher-place" not in copy
    named = prepared({**LECTURE, "event-place": "Yale University, New Haven, CT"}, "mla")
    assert named["event-place"] == "Yale University, New Haven, CT" and "publisher" not in named
    assert MEETING["publisher-place"] == "Washington, DC" and MEETING["publisher"] == "American Geophysical Union"
