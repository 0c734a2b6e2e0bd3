"""Mending pandoc's citeproc where the guides side with citeproc-js (see tests/differential/).

Each mend is measured against citeproc-js over the corpus in tests/corpus/ and justified by the
guide; the CSL files are never rewritten. A mend either prepares what pandoc reads (marks pandoc
understands, or characters it passes through untouched, in copies of the items concerned) or
repairs the rich text pandoc returns. The student's records are never changed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from citekit.csl_markup import text_pieces
from citekit.render.engine import Entry
from citekit.render.richtext import Link, Node, RichText, Str, Styled, plain_text, without_emphasis
from citekit.render.style_patches import LITERAL_DATE_FLAG, literal_dates_need_a_year, patched_copy
from citekit.render.styles import Style

# --- title case: prepositions the guides lowercase -----------------------------------------------
# pandoc's citeproc lowercases only the short CSL 1.0.1 stop words ("of", "with", "into" ...), so
# "Mightier Than the Keyboard". MLA 9 lowercases prepositions whatever their length ("Recovery
# after the Event", as citeproc-js does), and so did CMOS up to the 17th edition; CMOS 18 (8.160)
# lowercases only those of four letters or fewer ("than", "upon") and capitalizes longer ones
# ("Recovery After the Event", as pandoc does). APA 7 capitalizes words of four letters or more:
# APA is left alone. Words as often adverbs or particles ("Knocks Out", "Look Up") or verbs
# ("like") are not listed: the guides capitalize those uses, and pandoc already does.
PREPOSITIONS = frozenset("""
    about above across after against along alongside amid amidst among amongst around atop before
    behind below beneath beside besides between beyond despite during except per than through
    throughout toward towards under underneath unlike until unto upon versus within without
""".split())
SHORT_PREPOSITIONS = frozenset(word for word in PREPOSITIONS if len(word) < 5)
_OLDER_CHICAGO = re.compile(r"-1[4-7]th-edition$")  # chicago-notes-bibliography-17th-edition, ...
# These also open a clause ("After We Met", "More Than I Bargained For"): a conjunction, which the
# guides capitalize. A subject pronoun next is the sign.
_CONJUNCTION_TOO = frozenset({"after", "before", "than", "until"})
_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "it"})


# pandoc's stop words include one preposition of five letters, "about", which CMOS 18 capitalizes
# with the others of its length ("Thinking About History"); citeproc-js lowercases it too.
PANDOC_LOWERCASED_LONG_PREPOSITIONS = frozenset({"about"})


def capitalized_prepositions(style: Style) -> frozenset[str]:
    """The prepositions the style's guide capitalizes in title case that pandoc would lowercase."""
    if style.family == "chicago" and not _OLDER_CHICAGO.search(style.path.stem):
        return PANDOC_LOWERCASED_LONG_PREPOSITIONS
    return frozenset()


def lowercase_prepositions(style: Style) -> frozenset[str]:
    """The prepositions the style's guide lowercases in title case that pandoc would capitalize."""
    if style.family == "mla":
        return PREPOSITIONS
    if style.family == "chicago":
        return PREPOSITIONS if _OLDER_CHICAGO.search(style.path.stem) else SHORT_PREPOSITIONS
    return frozenset()


_TAG = re.compile(r"(<[^>]*>)")
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?")
# After these a new title or subtitle starts, and its first word is capitalized.
_SUBTITLE_START = re.compile(r"[:?!.\u2014]\s*[\"'\u201c\u2018(]*$")
# After a word, what makes it part of a domain name ("about.com"), which keeps its case as written.
_DOMAIN_NAME_GOES_ON = re.compile(r"\.[^\W\d_]")


def _is_title_variable(name: str) -> bool:
    return name == "title" or name.endswith("-title") or name.endswith("-title-short") or name == "title-short"


def _protect_prepositions(title: str, prepositions: frozenset[str]) -> str:
    """Wrap mid-title lowercase prepositions in CSL's nocase span, so title case leaves them lowercase."""
    parts = _TAG.split(title)
    plain = "".join(p for p in parts if not p.startswith("<"))
    words = list(_WORD.finditer(plain))
    protect: set[int] = set()  # offsets in `plain` of words to protect
    for i, match in enumerate(words):
        word = match.group(0)
        if word not in prepositions or i == 0 or i == len(words) - 1:
            continue
        if _SUBTITLE_START.search(plain[:match.start()]):
            continue
        if word in _CONJUNCTION_TOO and words[i + 1].group(0).lower() in _SUBJECT_PRONOUNS:
            continue
        protect.add(match.start())
    if not protect:
        return title
    out, offset = [], 0
    for part in parts:
        if part.startswith("<"):
            out.append(part)
            continue
        pieces, last = [], 0
        for match in _WORD.finditer(part):
            if offset + match.start() in protect:
                pieces += [part[last:match.start()], f'<span class="nocase">{match.group(0)}</span>']
                last = match.end()
        out.append("".join(pieces) + part[last:])
        offset += len(part)
    return "".join(out)


def _capitalize_prepositions(title: str, prepositions: frozenset[str]) -> str:
    """Capitalize those prepositions in a nocase span, so title case does not lowercase them again.

    Words the title protects are left as written: inside a nocase span ('<span class="nocase">all
    about eve</span>', a BibTeX title's braces), and the first part of a domain name ("about.com",
    a word followed by "." and a letter)."""
    protected = [False] * len(title)
    for piece in text_pieces(title):
        if piece.nocase:
            protected[piece.start:piece.end] = [True] * (piece.end - piece.start)
    out, offset = [], 0
    for part in _TAG.split(title):
        if part.startswith("<"):
            out.append(part)
        else:
            pieces, last = [], 0
            for match in _WORD.finditer(part):
                word = match.group(0)
                if (word.lower() in prepositions and not protected[offset + match.start()]
                        and not _DOMAIN_NAME_GOES_ON.match(part, match.end())):
                    pieces += [part[last:match.start()], f'<span class="nocase">{word.capitalize()}</span>']
                    last = match.end()
            out.append("".join(pieces) + part[last:])
        offset += len(part)
    return "".join(out)


def _is_english(item: dict) -> bool:
    language = str(item.get("language") or "en").strip().lower()
    return language.startswith("en")


# --- Chicago: a comma after a title that ends in a question mark or exclamation point ------------
# CMOS 18 keeps the comma after such a title ("“Is Pluto a Planet Again?,” The Planetary Society
# Blog") and drops only a period; pandoc drops both. The end mark travels through pandoc as a
# private-use character that pandoc does not treat as punctuation, and is put back afterwards.
_END_MARKS = {"?": "\ue000", "!": "\ue001"}
_MARK_OF = {v: k for k, v in _END_MARKS.items()}
_CLOSERS = "\u201d\u2019\"')]"


def _hide_end_mark(title: str) -> str:
    stripped = title.rstrip()
    if stripped and stripped[-1] in _END_MARKS:
        return stripped[:-1] + _END_MARKS[stripped[-1]]
    return title


# --- report and patent numbers ------------------------------------------------------------------
# `number` is one identifier ("P60-279", "EU-29702195U"): APA 7 prints "Report No. P60-279".
# pandoc reads a hyphen in it as a range and writes "Nos."; one number is "No." unless the
# value really lists several (a comma, an ampersand or "and").
_SEVERAL_NUMBERS = re.compile(r",|&|\band\b")


# --- one-character CJK given names -------------------------------------------------------------
# pandoc takes a one-character given name for an initial and gives it a period (莫言., in Chicago
# notes); a name in Chinese, Japanese or Korean script is never an initial. A word joiner (U+2060,
# invisible) makes the name two characters long for pandoc and is removed afterwards.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0002fa1f"
_ONE_CJK_CHARACTER = re.compile(f"^[{_CJK}]$")
_WORD_JOINER = "\u2060"


# --- literal dates: printed once ------------------------------------------------------------------
# pandoc prints a literal date ({"literal": "c. 1920"}) from every date element, so APA's "(year, month
# day)" gives "(c. 1920, c. 1920)"; citeproc-js prints it only from an element that prints the year.
# An item with a literal date carries a flag variable, and is rendered with a copy of the style whose
# date elements without a year part are skipped for flagged items (style_patches.literal_dates_need_a_year).

def _literal_date_flags(item: dict) -> dict:
    return {LITERAL_DATE_FLAG + name: "true" for name, value in item.items()
            if isinstance(value, dict) and isinstance(value.get("literal"), str) and value["literal"].strip()}


def style_for(style: Style, items: list[dict]) -> Style:
    """The style to render `prepare_items`' items with: a copy that prints a literal date once when
    some item has one, else the style itself."""
    if not any(key.startswith(LITERAL_DATE_FLAG) for item in items for key in item):
        return style
    text = style.path.read_text(encoding="utf-8")
    changed = literal_dates_need_a_year(text)
    if changed == text:
        return style
    path = patched_copy(style.path, changed, ["pandoc-literal-dates-once"],
                        hint="set CITEKIT_CACHE_DIR to a writable folder, or give the date as date-parts")
    return replace(style, path=path)


def prepare_items(items: list[dict], style: Style) -> list[dict]:
    """The items with what pandoc needs to render them as the guides (and citeproc-js) do; an item
    that needs a change is copied first, the others are handed on as they are."""
    prepositions = lowercase_prepositions(style)
    capitalized = capitalized_prepositions(style)
    prepared = []
    for item in items:
        changes: dict = _literal_date_flags(item)
        for name, value in item.items():
            if not isinstance(value, str):
                if isinstance(value, list) and any(isinstance(n, dict) and _ONE_CJK_CHARACTER.match(
                        str(n.get("given") or "")) for n in value):
                    changes[name] = [{**n, "given": n["given"] + _WORD_JOINER}
                                     if isinstance(n, dict) and _ONE_CJK_CHARACTER.match(str(n.get("given") or ""))
                                     else n for n in value]
                continue
            if not _is_title_variable(name):
                continue
            mended = value
            if prepositions and _is_english(item):
                mended = _protect_prepositions(mended, prepositions)
            if capitalized and _is_english(item):
                mended = _capitalize_prepositions(mended, capitalized)
            if style.family == "chicago":
                mended = _hide_end_mark(mended)
            if mended != value:
                changes[name] = mended
        prepared.append({**item, **changes} if changes else item)
    return prepared


# --- repairs on the rendered rich text ---------------------------------------------------------

# Chinese and Japanese characters are not set in italics (CMOS 18, ch. 11, on titles in those
# scripts); citeproc-js leaves italics off text with no letter of an alphabet (its test is below)
# in MLA and Chicago, pandoc italicizes it. APA 7 states italics for titles whatever the script,
# and there both engines italicize, so APA is left alone.
ROMAN_CJK_FAMILIES = frozenset({"mla", "chicago"})
_ITALIC_SCRIPT = re.compile("[-0-9a-zA-Z\u00c0-\u017f\u0218-\u021b\u0370-\u03ff\u0400-\u052f"
                            "\u0590-\u05d4\u05d6-\u05ff\u0600-\u06ff\u0e01-\u0e5b\u1f00-\u1fff]")


def _rebuild(nodes: list[Node], mended: dict[int, Str]) -> list[Node]:
    result: list[Node] = []
    for node in nodes:
        if isinstance(node, Str):
            result.append(mended.get(id(node), node))
        elif isinstance(node, Styled):
            result.append(Styled(node.style, tuple(_rebuild(list(node.children), mended))))
        else:
            result.append(Link(node.target, tuple(_rebuild(list(node.children), mended))))
    return result


class _Text:
    """An entry's text as one string over its leaves, to edit across markup boundaries: pandoc
    splits words into separate leaves, and a quotation may close inside italics."""

    def __init__(self, nodes: list[Node]) -> None:
        self.nodes = nodes
        self.leaves: list[Str] = []
        self._collect(nodes)
        self.text = "".join(leaf.text for leaf in self.leaves)
        self.chars = list(self.text)  # what each character becomes ("" deletes it)

    def _collect(self, nodes: list[Node] | tuple[Node, ...]) -> None:
        for node in nodes:
            if isinstance(node, Str):
                self.leaves.append(node)
            else:
                self._collect(node.children)

    def result(self) -> list[Node]:
        if "".join(self.chars) == self.text:
            return self.nodes
        mended, offset = {}, 0
        for leaf in self.leaves:
            mended[id(leaf)] = Str("".join(self.chars[offset:offset + len(leaf.text)]))
            offset += len(leaf.text)
        return _rebuild(self.nodes, mended)


def _restore_hidden(nodes: list[Node]) -> list[Node]:
    """Put hidden end marks back and drop a period that follows one; remove word joiners."""
    text = _Text(nodes)
    for i, char in enumerate(text.text):
        if char == _WORD_JOINER:
            text.chars[i] = ""
        elif char in _MARK_OF:
            text.chars[i] = _MARK_OF[char]
            j = i + 1
            while j < len(text.text) and text.text[j] in _CLOSERS:
                j += 1
            if j < len(text.text) and text.text[j] == ".":
                text.chars[j] = ""
    return text.result()


# American punctuation: MLA 9, APA 7 and CMOS 18 put a period or comma that follows a closing
# quotation mark inside it. pandoc does so for the quotation marks a style adds, not for those in
# the data (Aristotle's “De Motu Animalium”.); citeproc-js does so for both.
AMERICAN_PUNCTUATION_FAMILIES = frozenset({"mla", "apa", "chicago"})
_APOSTROPHE = re.compile("(?<=\\w)\u2019(?=\\w)")
_QUOTE_THEN_PUNCTUATION = re.compile("[\u201d\u2019][.,]")


def _is_closing_quote(text: str, position: int) -> bool:
    if text[position] == "\u201d":
        return True
    # A right single quotation mark is also the apostrophe (the Jameses’.): it closes a quotation
    # only when an opening one is still open before it.
    before = _APOSTROPHE.sub("", text[:position])
    return text[position] == "\u2019" and before.count("\u2018") > before.count("\u2019")


def _punctuation_inside_quotes(nodes: list[Node]) -> list[Node]:
    text = _Text(nodes)
    for match in _QUOTE_THEN_PUNCTUATION.finditer(text.text):
        quote = match.start()
        # After a question mark or exclamation point the quotation already ends its sentence.
        if quote > 0 and text.text[quote - 1] not in "?!.," and _is_closing_quote(text.text, quote):
            text.chars[quote] = text.text[quote + 1] + text.chars[quote]
            text.chars[quote + 1] = ""
    return text.result()


def _singular_number_label(nodes: list[Node], number: str) -> list[Node]:
    if "-" not in number or _SEVERAL_NUMBERS.search(number):
        return nodes
    text = _Text(nodes)
    for match in re.finditer(r"\b[Nn]o(s)\.\s" + re.escape(number), text.text):
        text.chars[match.start(1)] = ""
    return text.result()


_HIDDEN = re.compile(f"[{''.join(_MARK_OF)}{_WORD_JOINER}]")
_CJK_CHARACTER = re.compile(f"[{_CJK}]")


def mend_entries(entries: list[Entry], style: Style, items: list[dict]) -> list[Entry]:
    """The entries pandoc rendered from `prepare_items`' items, repaired. Each repair first looks
    for what it mends in the entry's plain text, so an entry with nothing to mend costs little."""
    numbers = {str(item.get("id")): item["number"] for item in items
               if isinstance(item.get("number"), str) and "-" in item["number"]}
    mended = []
    for entry in entries:
        nodes = entry.text.nodes
        plain = plain_text(nodes)
        if _HIDDEN.search(plain):
            nodes = _restore_hidden(nodes)
        if style.family in AMERICAN_PUNCTUATION_FAMILIES and _QUOTE_THEN_PUNCTUATION.search(plain):
            nodes = _punctuation_inside_quotes(nodes)
        if style.family in ROMAN_CJK_FAMILIES and _CJK_CHARACTER.search(plain):
            nodes = without_emphasis(nodes, lambda text: not _ITALIC_SCRIPT.search(text))
        if entry.record_id in numbers:
            nodes = _singular_number_label(nodes, numbers[entry.record_id])
        mended.append(entry if nodes is entry.text.nodes else Entry(entry.record_id, RichText(nodes)))
    return mended
