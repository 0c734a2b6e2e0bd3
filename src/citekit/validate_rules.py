"""The rules `validate` checks: what is missing or doubtful in a record, and what each guide does.

Shaped like papis's `doctor`: a registry of named checks. Rules are data: a code, a severity
that may depend on the record's type and on the style, the CSL types it applies to, a message
and a fix for the student, one note per style family, and a check function. This module holds
`Rule` and the rules about a record's content (`RECORD_RULES`); the rules about how its title is
written are in `citekit.validate_title_rules`. Adding a rule is adding one entry to either;
`citekit.validate` runs them all (`RULES`) and reports what they find.
"""

from __future__ import annotations

import dataclasses
import re
import shlex
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from citekit.findings import Severity
from citekit.ids import is_generic_byline, looks_like_person
from citekit.model import DATE_VARIABLES, Record
from citekit.newspapers import newspaper_of

FAMILIES = ("mla", "apa", "chicago")
FAMILY_LABELS = {"mla": "MLA", "apa": "APA", "chicago": "Chicago"}
GUIDES = {"mla": "MLA 9", "apa": "APA 7", "chicago": "Chicago"}  # the editions the notes speak for
SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

# Types that exist only online: a citation of one is useless without its address.
ONLINE_ONLY_TYPES = frozenset({"webpage", "post", "post-weblog"})
# Types that always carry a publication date, so a missing one is a gap in the record.
DATED_TYPES = frozenset({
    "article-journal", "article-magazine", "article-newspaper", "book", "chapter",
    "legal_case", "legislation", "paper-conference", "patent", "periodical", "report",
    "review", "review-book", "standard", "thesis",
})
# Types that are often unsigned: the guides simply start the entry with the title.
OFTEN_UNSIGNED_TYPES = ONLINE_ONLY_TYPES | {
    "article-magazine", "article-newspaper", "entry", "entry-dictionary", "entry-encyclopedia"}

Hit = dict[str, str]  # what a check found: values for the rule's $placeholders, and maybe "field"
Check = Callable[[Record], list[Hit]]
Repair = Callable[[Record, Hit], dict[str, Any]]  # the fix applied: CSL variable -> new value


@dataclass(frozen=True)
class Rule:
    """One named check. Texts are `string.Template`s filled from what the check found."""

    code: str
    field: str
    severity: Severity
    message: str
    fix: str
    styles: Mapping[str, str]  # family -> what that guide does about it; its keys say where the rule matters
    check: Check
    types: frozenset[str] | None = None  # CSL types the rule applies to; None: every type
    severity_by_type: Mapping[str, Severity] = dataclasses.field(default_factory=dict)
    severity_by_style: Mapping[str, Severity] = dataclasses.field(default_factory=dict)
    repair: Repair | None = None  # only for fixes that are certain; applied by `validate --fix` alone

    def applies_to(self, record_type: str) -> bool:
        return self.types is None or record_type in self.types

    @property
    def is_generic(self) -> bool:
        """True when every guide has something to say, so it holds for a style citekit does not know."""
        return all(family in self.styles for family in FAMILIES)

    def base_severity(self, record_type: str) -> Severity:
        return self.severity_by_type.get(record_type, self.severity)

    def severity_for(self, record_type: str, family: str | None) -> Severity:
        """The style's own severity wins, then the type's; without a style, the strictest guide's."""
        base = self.base_severity(record_type)
        if family is not None:
            return self.severity_by_style.get(family, base)
        candidates = [self.severity_by_style.get(f, base) for f in FAMILIES if f in self.styles]
        return min(candidates or [base], key=SEVERITY_RANK.__getitem__)


def _found(condition: bool, **values: str) -> list[Hit]:
    return [values] if condition else []


def _work(record: Record) -> str:
    """What to call the work in a sentence: "page", "article", "book"."""
    words = {"webpage": "page", "post": "post", "post-weblog": "blog post", "book": "book",
             "chapter": "chapter", "thesis": "thesis", "report": "report"}
    return words.get(record.type, "article" if record.type.startswith("article") else "work")


def _is_online(record: Record) -> bool:
    return bool(record.URL) or record.type in ONLINE_ONLY_TYPES


def _check_missing_title(record: Record) -> list[Hit]:
    return _found(not (record.title or "").strip())


def _check_missing_issued(record: Record) -> list[Hit]:
    return _found(record.issued is None, work=_work(record))


def _check_missing_accessed(record: Record) -> list[Hit]:
    return _found(_is_online(record) and record.issued is None and record.accessed is None)


def _check_missing_url(record: Record) -> list[Hit]:
    return _found(not record.URL and not record.DOI, work=_work(record))


def _check_missing_container_title(record: Record) -> list[Hit]:
    return _found(not (record.container_title or "").strip(), work=_work(record))


_CONTAINERS = {  # type -> (what the container is called, what it is)
    "article-journal": ("journal name", "journal"), "article-magazine": ("magazine name", "magazine"),
    "article-newspaper": ("newspaper name", "newspaper"), "chapter": ("book title", "book"),
}


def _check_missing_periodical(record: Record) -> list[Hit]:
    label, container = _CONTAINERS[record.type]
    return _found(not (record.container_title or "").strip(),
                  label=label, container=container, work=_work(record))


def _check_missing_publisher(record: Record) -> list[Hit]:
    return _found(not (record.publisher or "").strip())


def _check_missing_author(record: Record) -> list[Hit]:
    # An edited book starts with its editors in all three guides, so editors count as authors here.
    return _found(not record.author and not record.editor, work=_work(record))


def _is_anonymous(byline: str) -> bool:
    """ "Anonymous", "Anon.", "By Anonymous": a signature, which APA 7 cites as it is (9.12)."""
    words = re.findall(r"\w+", byline.lower())
    if words[:1] == ["by"]:
        words = words[1:]
    return words in (["anonymous"], ["anon"])


def _check_generic_author(record: Record) -> list[Hit]:
    names = [name.display() for name in record.author or ()]
    # A website often credits its staff as a group ("HISTORY.com Editors"); other works seldom do.
    if record.type == "webpage":
        credited = ('the group author the site credits, for example HISTORY.com Editors (in CSL-JSON "author": '
                    '[{"literal": "HISTORY.com Editors"}], so it is never split into given and family names)')
        credited_short = "the group author the site credits (e.g. HISTORY.com Editors)"
    else:
        credited = ('the organisation credited as author, if any (in CSL-JSON "author": [{"literal": "Name of the '
                    'organisation"}], so it is never split into given and family names)')
        credited_short = "the organisation credited as author, if any"
    return [{"name": name, "credited": credited, "credited_short": credited_short}
            for name in names if is_generic_byline(name) and not _is_anonymous(name)]


def _check_anonymous_author(record: Record) -> list[Hit]:
    hits = []
    for name in (name.display() for name in record.author or ()):
        if not _is_anonymous(name):
            continue
        if name == "Anonymous":
            keep = 'Keep "Anonymous" if the work itself is signed that way'
        else:
            keep = ('Write "Anonymous" in full if the work itself is signed that way (in CSL-JSON "author": '
                    '[{"literal": "Anonymous"}])')
        hits.append({"name": name, "keep": keep})
    return hits


def _check_unsplit_person(record: Record) -> list[Hit]:
    from citekit.names import is_honorific, parse_author_names

    hits = []
    for name in record.author or ():
        text = name.literal or ""
        if name.family is None and looks_like_person(text):
            [person] = parse_author_names(text)  # a person's name splits into one family and given name
            # "By Madonna" reads as the one name "Madonna", "Professor Smith" as a title and a
            # family name: neither has a split form worth suggesting.
            if "family" not in person or is_honorific(person.get("given", "")):
                continue
            split = ", ".join(part for part in (person.get("family"), person.get("given")) if part)
            hits.append({"name": text, "split": split})
    return hits


def _check_raw_dates(record: Record) -> list[Hit]:
    hits = []
    for variable in DATE_VARIABLES:
        date = getattr(record, variable.replace("-", "_"))
        if date is not None and date.raw and not date.date_parts and not date.literal:
            hits.append({"field": variable, "raw": date.raw})
    return hits


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _check_url_without_scheme(record: Record) -> list[Hit]:
    url = (record.URL or "").strip()
    return _found(bool(url) and not _SCHEME.match(url), url=url, suggested="https://" + url.lstrip("/"))


def _check_doi_with_resolver(record: Record) -> list[Hit]:
    doi = (record.DOI or "").strip()
    bare = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
    return _found(bare != doi, doi=doi, bare=bare)


def _check_url_not_http(record: Record) -> list[Hit]:
    url = (record.URL or "").strip()
    scheme = _SCHEME.match(url)
    return _found(bool(scheme) and scheme.group(0).lower() not in ("http:", "https:"), url=url)


def _check_news_article(record: Record) -> list[Hit]:
    newspaper = newspaper_of(record)
    if newspaper is None:
        return []
    container = (record.container_title or "").strip()
    command = f"citekit set {shlex.quote(record.id)} type=article-newspaper"
    if container != newspaper:
        command += f' "container-title={newspaper}"'
    return [{"newspaper": newspaper, "command": command}]


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RECORD_RULES: tuple[Rule, ...] = (
    Rule("missing-title", "title", ERROR,
         "No title: the record does not say what the work is called.",
         'Add the title as it appears on the source; if the work has none, describe it in a few words, '
         'for example "Photograph of the Winter Palace".',
         {"mla": "MLA 9 needs the title; an untitled work gets a short description in its place.",
          "apa": "APA 7 puts a description in square brackets where the title goes.",
          "chicago": "Chicago uses a short description in place of the missing title."},
         _check_missing_title),
    Rule("missing-issued", "issued", WARNING,
         "No publication date: the record does not say when the $work was published.",
         "Add the date the $work was published or last updated, as YYYY-MM-DD (or just YYYY); "
         "leave it out only if the $work shows none.",
         {"mla": "MLA 9 leaves the date out; the access date then becomes important (MLA recommends one "
                 "when there is no publication date).",
          "apa": 'APA 7 prints "(n.d.)" where the date goes; for a page designed to change it adds a '
                 'retrieval date ("Retrieved March 22, 2018, from ..."), which citekit prints with --retrieved.',
          "chicago": 'Chicago prints "n.d." where the date goes (after the author in author-date, near the end '
                     'in notes-bibliography) and then needs the access date.'},
         _check_missing_issued, severity_by_type={t: ERROR for t in DATED_TYPES}),
    Rule("missing-accessed", "accessed", INFO,
         "No access date: the source is online and has no publication date, so the day you read it is "
         "the only date the citation can give.",
         "Add the date you read the source, as YYYY-MM-DD (the accessed field).",
         {"mla": 'MLA 9 recommends the access date when there is no publication date: "Accessed 22 Mar. 2018."',
          "apa": 'APA 7 gives a retrieval date only for pages designed to change ("Retrieved March 22, '
                 '2018, from ..."; citekit cite --retrieved).',
          "chicago": 'Chicago needs the access date for an undated online source: "Accessed March 22, 2018."'},
         _check_missing_accessed, severity_by_style={"mla": ERROR, "chicago": ERROR}),
    Rule("missing-url", "URL", ERROR,
         "No URL: the record does not give the web address of the $work.",
         "Add the full address of the $work as shown in the browser's address bar, starting with https://.",
         {"mla": "MLA 9 ends the entry with the URL (or DOI) of a web source; without it readers cannot find it.",
          "apa": "APA 7 ends the reference with the URL (or DOI); a web page cannot be cited without it.",
          "chicago": "Chicago recommends the URL for an online source; the entry prints without it, but "
                     "readers cannot find the page."},
         _check_missing_url, types=ONLINE_ONLY_TYPES, severity_by_style={"chicago": WARNING}),
    Rule("missing-container-title", "container-title", WARNING,
         "No website name: the record does not say which site the page belongs to.",
         'Add the name of the website as it appears on the site, for example "HISTORY".',
         {"mla": "MLA 9 cannot set the page title in quotation marks with the site name in italics; the page "
                 "is cited as a standalone work, its title in italics.",
          "apa": "APA 7 prints the site name after the title (and leaves it out when it is the same as the "
                 "author); without it that part is missing.",
          "chicago": "Chicago names the site after the page title; without it readers do not know where the "
                     "page was published."},
         _check_missing_container_title, types=frozenset({"webpage"})),
    Rule("missing-container-title", "container-title", ERROR,
         "No $label: the record does not say which $container the $work appeared in.",
         "Add the $label (container-title) exactly as the $container prints it.",
         {f: f"{GUIDES[f]} prints the $label in italics after the $work's title; without it the entry is "
             "incomplete." for f in FAMILIES},
         _check_missing_periodical, types=frozenset(_CONTAINERS)),
    Rule("missing-publisher", "publisher", WARNING,
         "No publisher: the record does not say who published the book.",
         "Add the publisher named on the book's title page, for example \"Penguin Books\".",
         {"mla": "MLA 9 names the publisher after the title (and edition) of a book.",
          "apa": "APA 7 names the publisher after the title of a book.",
          "chicago": 'Chicago prints "Place: Publisher" after the title; notes-bibliography follows it with '
                     "the year, author-date gives the year after the author."},
         _check_missing_publisher, types=frozenset({"book"})),
    Rule("missing-publisher", "publisher", INFO,
         "No publisher: the record does not say which organisation publishes the website.",
         "Add the organisation that runs the site (often named at the foot of the page), unless it is the "
         "same as the website's name.",
         {"mla": "MLA 9 names the site's publisher after the site name, and leaves it out when the two are "
                 "the same."},
         _check_missing_publisher, types=frozenset({"webpage"})),
    Rule("missing-author", "author", WARNING,
         "No author: the record does not name who wrote the $work.",
         "Add the author's name as the source gives it; if it names no one, leave it out and the citation "
         "starts with the title.",
         {"mla": "MLA 9 starts the entry with the title when there is no author.",
          "apa": "APA 7 moves the title to the author's place, before the date.",
          "chicago": "Chicago starts the entry with the title (in author-date the year follows the title)."},
         _check_missing_author, severity_by_type={t: INFO for t in OFTEN_UNSIGNED_TYPES}),
    Rule("generic-author", "author", WARNING,
         'The author "$name" is a generic byline, not the name of a person.',
         'Replace "$name" by $credited, or remove it so the citation starts with the title.',
         {"mla": "MLA 9 starts an entry with no real author with the title; citekit does that by default "
                 '(turn it off with --no-rule generic-byline-is-no-author).',
          "apa": "APA 7 moves the title to the author position when there is no author; citekit does that by "
                 "default, or give $credited_short.",
          "chicago": "Chicago begins with the title, or with the site's owner, when there is no author; "
                     "citekit drops the byline by default."},
         _check_generic_author),
    Rule("anonymous-author", "author", INFO,
         'The author "$name" is no one\'s name: APA 7 cites a work signed "Anonymous" under that word, MLA 9 and '
         "Chicago start with the title.",
         "$keep: citekit prints it for APA and leaves it out for MLA and Chicago. If the work simply names no "
         "author, remove it, and every guide starts with the title.",
         {"mla": 'MLA 9 does not use "Anonymous" as an author: the entry starts with the title, and citekit '
                 "leaves the word out.",
          "apa": 'APA 7 (9.12) puts "Anonymous" in the author position when the work is signed "Anonymous", '
                 "and as (Anonymous, year) in the text; an unsigned work is cited by its title instead.",
          "chicago": 'Chicago avoids "Anonymous" as an author (CMOS 14.79) and begins with the title; citekit '
                     "leaves the word out."},
         _check_anonymous_author),
    Rule("author-not-split", "author", WARNING,
         'The author "$name" is stored as one name, the way an organisation is; a person\'s name is split '
         "into family and given names.",
         'If this is a person, store the name split, "$split" (citekit set ID "author=$split", names separated '
         'by ";"); if it is an organisation, leave it as it is.',
         {"mla": 'MLA 9 starts with a person\'s family name ("$split."); an unsplit name is printed as written.',
          "apa": "APA 7 gives a person's family name and initials; an unsplit name is printed in full, as a group "
                 "author.",
          "chicago": 'Chicago starts a bibliography entry with the family name ("$split."); an unsplit name is '
                     "printed as written."},
         _check_unsplit_person),
    Rule("raw-date", "issued", WARNING,
         'The $field date "$raw" could not be read as a date.',
         "Write the date as YYYY-MM-DD, for example 2018-03-22, or YYYY when only the year is known.",
         {"mla": 'Citation engines may print "$raw" as given or drop it; MLA 9 writes dates as 22 Mar. 2018.',
          "apa": 'Citation engines may print "$raw" as given or drop it; APA 7 writes dates as '
                 "(2018, March 22).",
          "chicago": 'Citation engines may print "$raw" as given or drop it; Chicago writes dates as '
                     "March 22, 2018."},
         _check_raw_dates),
    Rule("url-without-scheme", "URL", WARNING,
         'The URL "$url" does not start with https:// or http://, so it may not work as a link.',
         'Write the full address, for example "$suggested".',
         {f: f"{GUIDES[f]} prints the URL as given; readers need a complete address to open it." for f in FAMILIES},
         _check_url_without_scheme),
    Rule("doi-with-resolver", "DOI", INFO,
         'The DOI "$doi" is written as a link; a DOI is the bare name "$bare".',
         'Write the DOI as "$bare"; citekit takes the resolver off before citing, so nothing is printed twice.',
         {f: f"{GUIDES[f]} prints a DOI as https://doi.org/ followed by the bare name." for f in FAMILIES},
         _check_doi_with_resolver),
    Rule("url-not-http", "URL", WARNING,
         'The URL "$url" is not a web address (it does not start with https:// or http://).',
         "Give the address of the page on the web as shown in the browser's address bar; put a DOI in the "
         "DOI field instead.",
         {f: f"{GUIDES[f]} prints the URL as given; readers cannot open it on the web." for f in FAMILIES},
         _check_url_not_http),
    Rule("looks-like-news-article", "type", INFO,
         "The page is on the website of $newspaper, a newspaper, but the record is typed webpage.",
         "If it is one of the newspaper's articles, type it as a newspaper article: $command. --fix leaves "
         "this to you, as the type says what the work is (a newspaper's site also has blogs, recipes and games).",
         {"apa": "APA 7 cites an article from a newspaper's website as a newspaper article (10.1), with the "
                 "newspaper in italics and the headline in plain type; typed webpage (10.16, meant for news sites "
                 "without a newspaper, such as BBC News), the headline is in italics and the newspaper is not.",
          "chicago": 'Chicago prints a newspaper\'s name in italics, without its initial "The"; typed webpage, '
                     "it is printed as a website's name, in plain type."},
         _check_news_article, types=frozenset({"webpage"})),
)
