"""Entry types and fields for the BibTeX/biblatex writer: which CSL type becomes which entry
type, where container and publisher go, and which fields biblatex's data model allows where.
"""

from __future__ import annotations

import functools

from citekit.langids import LANGIDS  # noqa: F401 - the writer reads it from here with the other tables


class _TypeMap(dict):
    """CSL type -> (BibTeX entry type, biblatex entry type), for every CSL 1.0.2 type.

    Only types whose fields biblatex's data model declares are used, so biber's
    `--validate-datamodel` has nothing to object to; biblatex's "non-standard" types
    (@legislation, @movie, @letter...) declare no fields and standard styles print them as
    @misc anyway. BibTeX types are the 14 of BibTeX's standard styles (and natbib's).
    Refinements: a thesis whose genre says master's is BibTeX @mastersthesis; a chapter with
    a container-author (the book's own author) is biblatex @inbook; a collection with an
    author is @book (biblatex's @collection has editors only).

    Where the CSL variables go (BibTeX / biblatex):
    - title -> title (capitals brace-protected, rich text as LaTeX); title-short ->
      shorttitle; author, editor -> author, editor; translator, container-author ->
      biblatex translator, bookauthor; with no editor, compiler/organizer/contributor ->
      biblatex editor + editortype (compiler, organizer, collaborator).
    - container-title: @article -> journal / journaltitle; parts of books and proceedings ->
      booktitle; biblatex @online -> titleaddon (the website's name, printed right after
      the title); @misc, @booklet, @unpublished -> howpublished; biblatex @periodical ->
      nowhere (its title is the periodical); other biblatex types -> titleaddon.
      volume-title (a volume of a multi-volume work) -> title, the work's title -> maintitle.
    - publisher: @techreport, @report, @thesis -> institution (BibTeX @phdthesis,
      @mastersthesis: school); biblatex @online, @misc, @software -> organization (the
      manual's field for whoever published an online resource); @booklet, @unpublished and
      BibTeX @misc -> howpublished; @manual -> BibTeX organization; biblatex @article,
      @periodical, @patent -> nowhere (no such field); otherwise publisher.
    - BibTeX @misc prints only author, title, howpublished, year, month and note, so the site
      and the publisher go there, before the link: `howpublished = {HISTORY, A+E Networks,
      \\url{https://...}}`; `url` is written too, for styles that read it.
    - accessed: BibTeX has no urldate, so `note = {Accessed 2018-03-22}` (after any note);
      biblatex `urldate = {2018-03-22}`.
    - publisher-place -> address / location; collection-title -> series; volume; issue
      (articles) or number or collection-number -> number; page -> pages (ranges with `--`);
      edition; genre (reports, theses, manuals, misc...) -> type; DOI -> doi; ISBN -> isbn;
      ISSN -> issn; URL -> url; note; chapter-number -> chapter.
    - biblatex only: number-of-volumes -> volumes, number-of-pages -> pagetotal,
      part-number -> part, version, event-title -> eventtitle, event-place -> venue,
      event-date -> eventdate, original-* -> orig*, language -> langid (babel's name),
      keyword -> keywords, abstract, status -> pubstate, PMID/PMCID -> eprint,
      archive (+ archive_location) -> library (BibTeX: the note of an @unpublished).
    - issued -> BibTeX year and month, biblatex date (ISO/EDTF); none when not issued.
    - A field biblatex's data model does not allow for the entry type is not written.
    - Any other CSL variable is not written; an info finding names them.
    """


TYPE_MAP: dict[str, tuple[str, str]] = _TypeMap({
    "article": ("misc", "online"), "article-journal": ("article", "article"),
    "article-magazine": ("article", "article"), "article-newspaper": ("article", "article"),
    "bill": ("misc", "misc"), "book": ("book", "book"), "broadcast": ("misc", "misc"),
    "chapter": ("incollection", "incollection"), "classic": ("book", "book"),
    "collection": ("book", "collection"), "dataset": ("misc", "dataset"),
    "document": ("misc", "misc"), "entry": ("misc", "misc"),
    "entry-dictionary": ("incollection", "inreference"),
    "entry-encyclopedia": ("incollection", "inreference"), "event": ("misc", "misc"),
    "figure": ("misc", "misc"), "graphic": ("misc", "misc"), "hearing": ("misc", "misc"),
    "interview": ("misc", "misc"), "legal_case": ("misc", "misc"),
    "legislation": ("misc", "misc"), "manuscript": ("unpublished", "unpublished"),
    "map": ("misc", "misc"), "motion_picture": ("misc", "misc"),
    "musical_score": ("misc", "misc"), "pamphlet": ("booklet", "booklet"),
    "paper-conference": ("inproceedings", "inproceedings"), "patent": ("misc", "patent"),
    "performance": ("misc", "misc"), "periodical": ("misc", "periodical"),
    "personal_communication": ("misc", "misc"), "post": ("misc", "online"),
    "post-weblog": ("misc", "online"), "regulation": ("misc", "misc"),
    "report": ("techreport", "report"), "review": ("article", "article"),
    "review-book": ("article", "article"), "software": ("misc", "software"),
    "song": ("misc", "misc"), "speech": ("misc", "unpublished"),
    "standard": ("techreport", "report"), "thesis": ("phdthesis", "thesis"),
    "treaty": ("misc", "misc"), "webpage": ("misc", "online"),
})
TYPE_MAP_DEFAULT = ("misc", "misc")

BIBTEX_TYPES = frozenset("article book booklet conference inbook incollection inproceedings "
                         "manual mastersthesis misc phdthesis proceedings techreport "
                         "unpublished".split())
# biblatex's data model, its non-standard types and the aliases biber maps (@phdthesis...).
BIBLATEX_TYPES = frozenset("""
article book mvbook inbook bookinbook suppbook booklet collection mvcollection incollection
suppcollection dataset manual misc online patent periodical suppperiodical proceedings
mvproceedings inproceedings reference mvreference inreference report set software thesis
unpublished xdata customa customb customc customd custome customf artwork audio bibnote
commentary image jurisdiction legal legislation letter movie music performance review standard
video conference electronic mastersthesis phdthesis techreport www""".split())
# Fields kept from a .bib whose text is not LaTeX (paths, verbatim): never re-encoded.
VERBATIM_FIELDS = frozenset("url doi eprint file pdf verba verbb verbc urlraw".split())

# biblatex fields that only some entry types allow (blx-dm.def, biblatex 3.18); the others
# (doi, url, shorttitle, langid, keywords, abstract, date, urldate, origdate...) all allow.
_ALLOWED_IN = {
    "author": "article book bookinbook booklet dataset inbook incollection inproceedings "
        "inreference manual misc mvbook mvcollection mvreference online patent report "
        "software suppbook suppcollection thesis unpublished",
    "bookauthor": "bookinbook inbook suppbook",
    "editor": "article book bookinbook booklet collection dataset inbook incollection "
        "inproceedings inreference manual misc mvbook mvcollection mvproceedings "
        "mvreference online periodical proceedings reference software suppbook "
        "suppcollection",
    "translator": "article book bookinbook collection inbook incollection inreference mvbook "
        "mvcollection mvreference reference suppbook suppcollection",
    "maintitle": "book bookinbook collection inbook incollection inproceedings inreference "
        "proceedings reference suppbook suppcollection",
    "journaltitle": "article",
    "booktitle": "bookinbook inbook incollection inproceedings inreference suppbook suppcollection",
    "eventtitle": "inproceedings mvproceedings proceedings unpublished",
    "series": "article book bookinbook collection dataset inbook incollection inproceedings "
        "inreference manual mvbook mvproceedings periodical proceedings reference "
        "suppbook suppcollection",
    "edition": "book bookinbook collection dataset inbook incollection inreference manual mvbook "
        "mvcollection mvreference reference suppbook suppcollection",
    "volume": "article book bookinbook collection inbook incollection inproceedings inreference "
        "mvbook mvcollection mvreference periodical proceedings reference suppbook "
        "suppcollection",
    "volumes": "book bookinbook collection inbook incollection inproceedings inreference mvbook "
        "mvcollection mvproceedings mvreference proceedings reference suppbook "
        "suppcollection",
    "part": "book bookinbook collection inbook incollection inproceedings inreference "
        "proceedings reference suppbook suppcollection",
    "number": "article book bookinbook collection dataset inbook incollection inproceedings "
        "inreference manual mvbook mvcollection mvproceedings mvreference patent "
        "periodical proceedings reference report suppbook suppcollection",
    "pages": "article book bookinbook booklet collection inbook incollection inproceedings "
        "inreference manual proceedings reference report suppbook suppcollection thesis",
    "pagetotal": "book booklet collection manual mvbook mvproceedings proceedings reference report "
        "thesis",
    "chapter": "book bookinbook booklet collection inbook incollection inproceedings inreference "
        "manual proceedings reference report suppbook suppcollection thesis",
    "howpublished": "booklet misc software unpublished",
    "type": "booklet dataset manual misc patent report software thesis unpublished",
    "version": "article dataset manual misc online patent report software",
    "institution": "report thesis",
    "organization": "dataset inproceedings manual misc mvproceedings online proceedings software",
    "publisher": "book bookinbook collection dataset inbook incollection inproceedings inreference "
        "manual mvbook mvcollection mvproceedings mvreference proceedings reference "
        "suppbook suppcollection",
    "location": "book bookinbook booklet collection dataset inbook incollection inproceedings "
        "inreference manual misc mvbook mvcollection mvproceedings mvreference patent "
        "proceedings reference report software suppbook suppcollection thesis unpublished",
    "isbn": "book bookinbook collection inbook incollection inproceedings inreference manual "
        "mvbook mvcollection mvproceedings mvreference proceedings reference suppbook "
        "suppcollection",
    "issn": "article periodical",
}
_ALLOWED_IN["editortype"] = _ALLOWED_IN["editor"]
_ALLOWED_IN["venue"] = _ALLOWED_IN["eventdate"] = _ALLOWED_IN["eventtitle"]
_DECLARED_TYPES = frozenset(" ".join(_ALLOWED_IN.values()).split()) | {"set"}


@functools.lru_cache(maxsize=None)
def _allowed(field: str) -> frozenset[str] | None:
    types = _ALLOWED_IN.get(field)
    return frozenset(types.split()) if types is not None else None


def accepts(entry_type: str, field: str) -> bool:
    """Whether biblatex's data model allows `field` in `entry_type` (types it declares no
    fields for, such as @movie, take anything: only a .bib read back uses them)."""
    allowed = _allowed(field)
    return allowed is None or entry_type not in _DECLARED_TYPES or entry_type in allowed


_BIBTEX_CONTAINER = {"article": "journal", "incollection": "booktitle", "inbook": "booktitle",
                     "inproceedings": "booktitle", "conference": "booktitle",
                     "misc": "howpublished", "booklet": "howpublished"}
_BIBLATEX_CONTAINER = {"article": "journaltitle", "online": "titleaddon", "periodical": None,
                       "suppperiodical": None, "misc": "howpublished",
                       "booklet": "howpublished", "unpublished": "howpublished"}
_BIBTEX_PUBLISHER = {"techreport": "institution", "phdthesis": "school",
                     "mastersthesis": "school", "misc": "howpublished",
                     "booklet": "howpublished", "manual": "organization", "unpublished": None}
_BIBLATEX_PUBLISHER = {"report": "institution", "thesis": "institution",
                       "techreport": "institution", "phdthesis": "institution",
                       "mastersthesis": "institution", "online": "organization",
                       "misc": "organization", "software": "organization",
                       "booklet": "howpublished", "unpublished": "howpublished",
                       "article": None, "periodical": None, "patent": None}


def container_field(entry_type: str, bibtex: bool) -> str | None:
    """The field that names the container (journal, book, website) in this entry type."""
    if bibtex:
        return _BIBTEX_CONTAINER.get(entry_type)
    if entry_type in _BIBLATEX_CONTAINER:
        return _BIBLATEX_CONTAINER[entry_type]
    return "booktitle" if entry_type in (_allowed("booktitle") or ()) else "titleaddon"


def publisher_field(entry_type: str, bibtex: bool) -> str | None:
    """The field that names the publisher in this entry type."""
    table = _BIBTEX_PUBLISHER if bibtex else _BIBLATEX_PUBLISHER
    return table.get(entry_type, "publisher")



# Text biblatex writes itself from a localisation key: the key is written instead, so
# biblatex prints it in the document's language ("PhD thesis" -> phdthesis).
BIBLATEX_KEYS = {
    "type": {"phd thesis": "phdthesis", "phd dissertation": "phdthesis",
             "master's thesis": "mathesis", "masters thesis": "mathesis",
             "candidate thesis": "candthesis", "technical report": "techreport",
             "research report": "resreport", "computer software": "software",
             "cd-rom": "datacd", "audio cd": "audiocd", "patent": "patent",
             "u.s. patent": "patentus", "european patent": "patenteu",
             "british patent": "patentuk", "german patent": "patentde",
             "french patent": "patentfr", "patent request": "patreq",
             "u.s. patent request": "patrequs", "european patent request": "patreqeu",
             "french patent request": "patreqfr", "german patent request": "patreqde",
             "british patent request": "patrequk"},
    "series": {"new series": "newseries", "old series": "oldseries"},
    "pubstate": {"in press": "inpress", "in preparation": "inpreparation",
                 "forthcoming": "forthcoming", "submitted": "submitted",
                 "pre-published": "prepublished"},
}
