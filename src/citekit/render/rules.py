"""Guide rules the official CSL styles cannot express, applied to a copy of each record before rendering.

One table per style family (plus the rules every guide shares); each rule says what the guide
asks and changes only the copy handed to the engine — the student's record is never touched.
Any rule can be switched off by its code (`citekit cite --no-rule CODE`); with every rule off,
the engine renders the record and the official CSL file exactly as they are, which is what the
differential tests against citeproc-js rely on.

A rule may also need the style to behave differently where the CSL file decides on its own
(APA's retrieval date): it then carries a `style_patch` (see style_patches.py), and `patch_style`
renders with a copy of the installed CSL file changed at run time and kept in a cache folder.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from typing import Any, Callable

from citekit.render.rules_audio import apa_song_label, podcast_episode
from citekit.render.rules_dates import unreadable_date_as_written
from citekit.render.rules_fields import (
    access_date_undated_only,
    apa_publisher_repeats_author,
    apa_retrieval_date_only_when_asked,
    apa_site_repeats_author,
    apa_webpage_publisher,
    chicago_blog_flag,
    chicago_site_and_owner_not_repeated,
    date_marker_is_no_date,
    doi_without_resolver,
    drop_generic_authors,
    flag_version_saying_version,
    leave_item,
    mla_academic_press_abbreviated,
    mla_organisation_author_starts_with_title,
    mla_publisher_repeats_site,
    mla_url_without_scheme,
    publisher_without_business_words,
    short_title_is_main_title,
    style_only,
)
from citekit.render.rules_finish import apa_spaced_ellipsis, chicago_no_bare_released, mla_three_hyphens
from citekit.render.rules_reference_works import apa_wiki_entry, apa_wiki_full_date
from citekit.render.rules_newspapers import (
    chicago_newspaper_edition_and_section,
    mla_newspaper_edition_and_section,
    mla_newspaper_edition_lowercase,
)
from citekit.render.rules_sorting import title_sorts_after_article
from citekit.render.rules_talks import apa_talk, mla_talk_as_event
from citekit.render.rules_television import tv_series_episode
from citekit.render.rules_sources import (
    apa_ebook_format_left_out,
    apa_film_and_video,
    chicago_periodical_without_the,
    online_video_as_web_page,
    thesis_degree_words,
)
from citekit.render.style_patches import (
    american_fall,
    apa_retrieval_needs_accessed,
    chicago_blog_label,
    mla_article_number_as_location,
    mla_page_range_hyphen,
    mla_et_al_not_expanded,
    mla_review_by_comma,
    mla_season_lowercase,
    patched_copy,
    version_label_once,
)
from citekit.render.style_patches_chicago import (
    chicago17_author_date_full_date,
    chicago_book_edition_after_editors,
    chicago_edition_after_editors,
    flag_issued_with_month,
)

EVERY_STYLE: frozenset[str] = frozenset()  # a rule for every style, whatever its family
GUIDED = frozenset({"mla", "apa", "chicago"})  # the three guides citekit knows


@dataclass(frozen=True)
class RenderOptions:
    family: str | None
    retrieved: bool = False  # APA 7: the student says the page is designed to change (`--retrieved`)


@dataclass(frozen=True)
class GuideRule:
    code: str
    families: frozenset[str]
    says: str  # the guide's rule, in a sentence (shown by `citekit styles --rules`)
    apply: Callable[[dict, RenderOptions], None]  # changes the item copy in place
    # CSL text -> changed CSL text, or None when the file is not the one the patch was written for.
    style_patch: Callable[[str], str | None] | None = None
    # For what only shows in the rendered text: rendered reference-list entry -> mended entry.
    finish: Callable[[Any], Any] | None = None


def _rules(families: frozenset[str], *rows: tuple) -> tuple[GuideRule, ...]:
    return tuple(GuideRule(code, families, says, apply, *patch) for code, says, apply, *patch in rows)


SHARED_RULES = _rules(
    EVERY_STYLE,
    ("doi-without-resolver", "A DOI is the bare 10.xxxx/… name; given as https://doi.org/… or doi:…, the "
     "resolver is taken off so the style does not print it twice.", doi_without_resolver),
    ("generic-byline-is-no-author",
     "A placeholder byline such as 'Staff', or a wiki's 'Wikipedia contributors', is not an author: the work is "
     "cited as authorless, title first (MLA 9 5.21, Chicago 14.79). APA 7 (9.12) keeps 'Anonymous' as the "
     "author of a work signed so.",
     drop_generic_authors),
) + _rules(
    GUIDED,
    ("short-title-is-main-title",
     "A work cited by its title in the text is cited by a short form: the main title without its subtitle "
     "(MLA 9, APA 7 and Chicago all shorten a long title in parenthetical citations and short notes), "
     "unless the record gives its own short title.",
     short_title_is_main_title),
    ("no-date-marker-is-no-date",
     'A date written as "n.d." or "undated" is no date: MLA leaves the date out, APA prints "(n.d.)" and '
     'Chicago "n.d." from the style itself, never the text as typed.', date_marker_is_no_date),
    ("publisher-business-words",
     'The guides leave business designations out of publisher names: "Inc.", "Corp.", "Ltd.", "LLC" '
     "(MLA 9 5.75, APA 7 9.29, Chicago 14.135).", publisher_without_business_words),
    ("thesis-degree-as-guide-writes",
     'A doctoral dissertation is described as each guide words it, however the record types it ("PhD '
     'dissertation", "Ph.D. thesis"): MLA 9 "PhD dissertation" after the institution ("Boston U"), APA 7 '
     '"[Doctoral dissertation]" or, when not from a database or archive, "[Unpublished doctoral dissertation]" '
     '(10.6), Chicago "PhD diss." (14.113).', thesis_degree_words),
    ("version-label-once",
     'A version written with its word ("Mar 14 version", as APA 7 and MLA 9 cite ChatGPT: "(Mar 14 version)", '
     '"13 Feb. version") is printed as written, without the style\'s own "Version" before it.',
     flag_version_saying_version, version_label_once),
    ("season-fall-in-american-english",
     'The guides write American English: season 3 is "Fall" in en-US ("(2011, Fall)", "Fall 2011"), where '
     'the CSL locale says "Autumn".', style_only, american_fall),
) + _rules(
    EVERY_STYLE,
    # After the rules above: "n.d." as typed is no date at all, not a literal date.
    ("unreadable-date-as-written",
     'A date kept as typed is read as citekit\'s parser reads dates; one it cannot read unambiguously '
     '("03/04/2018") is printed once, as typed, never re-read by the engine. An approximate year ("c. 1920", '
     '"circa 1920") is written as each guide writes it: APA 7 "(ca. 1920)", MLA 9 "c. 1920", Chicago "ca. 1920"; '
     'a season ("Fall 2011") is the season of that year.', unreadable_date_as_written),
)

MLA_RULES = _rules(
    frozenset({"mla"}),
    ("mla-url-without-scheme", "MLA 9 leaves http:// and https:// out of URLs (not out of DOIs).",
     mla_url_without_scheme),
    ("mla-online-video",
     'MLA 9 cites a video on a platform like any work on a website: the title in quotation marks, the platform '
     '(YouTube, Vimeo) as the container in italics, the upload date in full, no medium ("*YouTube*, 28 Aug. 2019, '
     'www.youtube.com/…"). A film from a production company, or one streamed on a service (Kanopy, Netflix), '
     "is still cited as a film.", online_video_as_web_page),
    ("mla-three-hyphens", "MLA 9 replaces the name of an author repeated in the works-cited list with three "
     "hyphens (---.).", leave_item, None, mla_three_hyphens),
    ("mla-organisation-author-is-publisher",
     "MLA 9 starts with the title when the author is the same organisation as the website or publisher, "
     "and names the organisation only once, as publisher (5.7).", mla_organisation_author_starts_with_title),
    ("mla-publisher-repeats-site", "MLA 9 leaves the publisher out when it is the same as the website's name.",
     mla_publisher_repeats_site),
    ("mla-access-date-undated-only",
     "MLA 9 makes the access date optional and recommends it when the source has no publication date; "
     "citekit gives it only then, so dated entries stay as short as the handbook's examples.",
     access_date_undated_only),
    ("mla-page-range-hyphen",
     'MLA 9 joins page numbers with a hyphen ("pp. 69-88", "pp. 321-45"); the CSL locale uses an en dash.',
     style_only, mla_page_range_hyphen),
    ("mla-academic-press-abbreviated",
     'MLA 9 abbreviates academic presses: University -> U, Press -> P ("Oxford UP", "U of Chicago P", '
     '"MIT P").', mla_academic_press_abbreviated),
    ("mla-review-by-comma",
     'MLA 9 puts a comma between the reviewed work and its author ("Review of *Swing Time*, by Zadie Smith."); '
     "the MLA CSL prints none.", style_only, mla_review_by_comma),
    ("mla-et-al-not-expanded",
     'MLA 9 gives the first author and "et al." for three or more authors, in the works-cited list and in the '
     'text (5.9, 6.x); works that then read alike are told apart in the text by a short title ("(Kim et al., '
     '“Study One”)"), never by adding the co-authors the entry leaves out.', style_only, mla_et_al_not_expanded),
    ("mla-season-lowercase",
     'MLA 9 writes seasons in lower case in the works-cited list ("spring 2001", "fall 2011").',
     style_only, mla_season_lowercase),
    ("mla-talk-as-event",
     'MLA 9 cites a lecture or speech with the event as its container, then the date it was given and the '
     'location, venue before city ("Boundaries of the Imagination Forum, 29 Dec. 1993, Rebecca Cohn Auditorium, '
     'Halifax."), and a descriptor such as "Lecture." at the end; a talk viewed online is cited like a work on a '
     'website ("*TED*, June 2012, www.ted.com/…").', mla_talk_as_event),
    ("mla-article-number-as-location",
     'MLA 9 gives a journal article\'s article number (eLocator) in the location element, where pages go, after '
     'the date and labelled "article" ("vol. 15, no. 3, 2020, article e0229876"); the MLA CSL prints it as a second '
     'issue number ("no. 3, no. e0229876").', style_only, mla_article_number_as_location),
    ("mla-newspaper-edition-and-section",
     'MLA 9 gives a newspaper\'s edition as the version, abbreviated and in lower case after the newspaper\'s name '
     '("*The New York Times*, late ed., 8 Aug. 2022, p. A1."); a section letter is part of the page number ("p. A1") '
     "and the section is not printed as a sentence after the page.", mla_newspaper_edition_and_section,
     mla_newspaper_edition_lowercase),
    ("mla-podcast-episode",
     'MLA 9 cites a podcast episode like a television episode: its title in quotation marks, the show in italics '
     'as the container, the episode number as "episode 1", then the producer and the date ("*Serial*, episode 1, '
     'This American Life, 3 Oct. 2014"); the MLA CSL prints a podcast saved as a song as "Podcast episode no. 1".',
     podcast_episode),
    ("mla-tv-series-episode",
     'MLA 9 cites a television episode with its title in quotation marks, the series in italics as the container, '
     'then the season and episode numbers ("season 1, episode 1"), the network or service and the date ("“The '
     'Vanishing of Will Byers.” *Stranger Things*, season 1, episode 1, Netflix, 15 July 2016, www.netflix.com/…"); '
     'the MLA CSL prints the season as "vol. 1". A season typed with the episode ("S1E1", "1x01") is read as both.',
     tv_series_episode),
)

APA_RULES = _rules(
    frozenset({"apa"}),
    ("apa-web-page-group-author",
     "APA 7: a group author is the author; an authorless web page's publishing organisation is its group "
     "author, and a web page reference names its site, not a publisher.", apa_webpage_publisher),
    ("apa-site-repeats-author", "APA 7 leaves the site name out when it is the same as the group author.",
     apa_site_repeats_author),
    ("apa-publisher-repeats-author", "APA 7 leaves the publisher out when it is the same as the group author.",
     apa_publisher_repeats_author),
    ("apa-spaced-ellipsis",
     'APA 7 (9.8) lists the first 19 of 21 or more authors, then three spaced periods and the last author '
     '(". . . Underwood, U."); the CSL processors print the single character "…".', leave_item, None,
     apa_spaced_ellipsis),
    ("apa-retrieval-date-only-when-asked",
     'APA 7 gives "Retrieved Month D, YYYY, from URL" only for pages designed to change (9.16): citekit '
     "prints it only with --retrieved, and then whenever the record has an access date; and, without --retrieved, "
     "for an undated entry in an online dictionary or encyclopedia with an access date (APA's example: "
     '"Retrieved May 5, 2019, from https://www.merriam-webster.com/…").',
     apa_retrieval_date_only_when_asked, apa_retrieval_needs_accessed),
    ("apa-talk-event-and-place",
     'APA 7 (10.14) cites a presentation or lecture as "*Title* [Type]. Event Name, Location.", the host and the '
     'place after the event; a talk watched on a site such as TED is cited like a video: "[Video]", the site as '
     'publisher, no event ("*Your body language may shape who you are* [Video]. TED Conferences. https://…").',
     apa_talk),
    ("apa-film-and-video-labels",
     'APA 7 (10.12) labels a film "[Film]" and an online video "[Video]", and names the platform a video is on '
     '(YouTube) as its publisher.', apa_film_and_video),
    ("apa-song-label",
     'APA 7 (10.13) labels a song "[Song]" ("Formation [Song]. On *Lemonade*."); the APA CSL says "Audio '
     'recording" when the record gives no genre.', apa_song_label),
    ("apa-ebook-format-left-out",
     'APA 7 (10.2) leaves an e-book\'s format or device ("Kindle", "EPUB") out of the reference: the book is '
     "the same book.", apa_ebook_format_left_out),
    ("apa-podcast-episode",
     'APA 7 (10.13) cites a podcast episode as "Title (No. 1) [Audio podcast episode]. In *Show*. Producer. URL" '
     '("[Video podcast episode]" for a video podcast); apa.csl prints a podcast saved as a song "On *Show* (Podcast '
     'Episode No. 1)". A host\'s role "(Host)" is printed only when the record gives the host as host.',
     podcast_episode),
    ("apa-tv-series-episode",
     'APA 7 (10.12) cites a TV series episode as "Title (Season 1, Episode 1) [TV series episode]. In *Series*. '
     'Network. URL", the writers and directors with their roles; apa.csl leaves the season out and labels it '
     '"(No. 1) [Broadcast]". A season typed with the episode ("S1E1", "1x01") is read as both.',
     tv_series_episode),
    ("apa-wiki-entry",
     'APA 7 (10.3) cites a wiki entry with no author, not even its publisher, and with the full date of the '
     'revision cited ("Oil painting. (2019, December 8). In *Wikipedia*. URL"; in the text ("Oil Painting," '
     "2019)). A wiki is told by its URL (Wikimedia projects, Fandom) or a container named as one.",
     apa_wiki_entry, apa_wiki_full_date),
)

CHICAGO_RULES = _rules(
    frozenset({"chicago"}),
    ("chicago-online-video",
     'Chicago cites a video posted online with the platform in roman and the date it was posted, then the medium '
     'and running time ("YouTube, August 28, 2019. Video, 1:05."; CMOS 18 14.267). A film from a production '
     "company is still cited as a film.", online_video_as_web_page),
    ("chicago-access-date-undated-only",
     "Chicago gives an access date only when the source has no publication or revision date.",
     access_date_undated_only),
    ("chicago-owner-not-repeated",
     "Chicago does not repeat a web page's author as its site name or owner, nor the site name as owner.",
     chicago_site_and_owner_not_repeated),
    ("chicago-no-bare-released",
     'Chicago author-date gives software its year after the author; the CSL then leaves the word "released" '
     'with no date after it ("Nintendo, released."), which is left out.', leave_item, None,
     chicago_no_bare_released),
    ("chicago-newspaper-without-the",
     'Chicago leaves an initial "The" out of English-language newspaper and magazine names ("New York Times", '
     '"New Yorker"; CMOS 14.86, 14.89).', chicago_periodical_without_the),
    ("chicago-blog-label",
     'Chicago adds "(blog)", in roman, after the italic name of a blog whose name does not say it is one '
     '("*Sci-Ed* (blog), September 15, 2018"; CMOS 18 14.105).', chicago_blog_flag, chicago_blog_label),
    ("chicago-17-author-date-full-date",
     'Chicago 17 author-date repeats the year in a full date after the title ("HuffPost, October 31, 2019.", '
     '"June 2021."; CMOS 17 15.40, 15.51); Chicago 18 gives the month and day only. A year-only date is not '
     "repeated. For the 17th-edition author-date style only.", flag_issued_with_month, chicago17_author_date_full_date),
    ("chicago-edition-after-editors",
     'Chicago gives the editors of a chapter\'s book before its edition ("In *Research Methods in Education*, '
     'edited by Louis Cohen and Lawrence Manion, 8th ed."; note "ed. …, 8th ed."; CMOS 18 14.2, 14.8, '
     "CMOS 17 14.9); the Chicago CSL files print the edition first.", style_only, chicago_edition_after_editors),
    ("chicago-book-edition-after-editors",
     "Chicago gives a book's editor or translator before its edition (\"*The Second Sex*. Translated by Constance "
     'Borde and Sheila Malovany-Chevallier. 4th ed."; note "trans. …, 4th ed."; CMOS 18 14.2); the Chicago CSL '
     "files print the edition first. A book edited by its listed editor, or with volumes, keeps the file's order.",
     style_only, chicago_book_edition_after_editors),
    ("chicago-newspaper-edition-and-section",
     'Chicago omits a newspaper article\'s page numbers and may add its edition, in lower case, and its section after '
     'the date ("*New York Times*, August 8, 2022, late edition, sec. A."; CMOS 18 14.89, CMOS 17 14.191); the '
     'Chicago CSL files print "Late Edition Editions." and the section as a sentence after the title. A section '
     'with a name ("Business") is left out.', chicago_newspaper_edition_and_section),
)

# Last, so that every other rule sees the title as written.
ORDER_RULES = _rules(
    GUIDED,
    ("sort-ignores-initial-article",
     'A title is alphabetised by the word after an initial "A", "An" or "The", which stays in the entry '
     "(MLA 9: letter by letter, ignoring an initial article; APA 7 9.47; Chicago 14.79); English titles only.",
     title_sorts_after_article),
)

GUIDE_RULES: tuple[GuideRule, ...] = SHARED_RULES + MLA_RULES + APA_RULES + CHICAGO_RULES + ORDER_RULES

RULE_CODES = tuple(rule.code for rule in GUIDE_RULES)


def rules_for(family: str | None, disabled: frozenset[str] = frozenset()) -> list[GuideRule]:
    """The rules that apply to a style family, in table order, less the switched-off ones."""
    return [r for r in GUIDE_RULES if (not r.families or family in r.families) and r.code not in disabled]


def finish_entries(entries: list, family: str | None, disabled: frozenset[str] = frozenset()) -> list:
    """Reference-list entries with the rules that mend rendered text applied."""
    for rule in rules_for(family, disabled):
        if rule.finish is not None:
            entries = [type(entry)(entry.record_id, rule.finish(entry.text)) for entry in entries]
    return entries


def patch_style(style, options: RenderOptions, disabled: frozenset[str] = frozenset()):
    """(style to render with, rules to leave off): the style patched for the rules that need it.

    A rule whose patch does not fit the CSL file (a local copy someone edited, a new version)
    is left off, so the style prints what it prints on its own rather than half a rule.
    """
    patches = [r for r in rules_for(options.family, disabled) if r.style_patch is not None]
    if not patches:
        return style, disabled
    text = style.path.read_text(encoding="utf-8")
    applied = []
    for rule in patches:
        changed = rule.style_patch(text)
        if changed is None:
            disabled = disabled | {rule.code}
        else:
            text = changed
            applied.append(rule.code)
    if not applied:
        return style, disabled
    return replace(style, path=patched_copy(style.path, text, applied)), disabled


def apply_guide_rules(items: list[dict], options: RenderOptions, disabled: frozenset[str] = frozenset()) -> list[dict]:
    """Copies of the items with the rules of the style's family applied (rule order is table order)."""
    rules = rules_for(options.family, disabled)
    prepared = []
    for item in items:
        item = copy.deepcopy(item)
        for rule in rules:
            rule.apply(item, options)
        prepared.append(item)
    return prepared

