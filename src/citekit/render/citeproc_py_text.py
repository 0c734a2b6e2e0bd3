"""Text going into citeproc-py and coming out of it, mended where citeproc-py 0.11.1 gets it wrong.

In: CSL-JSON field values carry rich text markup and typed quotation marks; out: citeproc-py's
output needs CSL's text cases, page ranges, punctuation inside quotation marks, and the
quotation marks themselves. Work happens on text carrying markers — Unicode noncharacters,
which the standard reserves for a program's internal use (all input is stripped of them) — so
styling and quotation survive citeproc-py's string handling until the engine reads them.
"""

from __future__ import annotations

import re

from citeproc.string import MixedString, NoCase, String

from citekit.render.richtext import Link, Str, Styled, plain_text, without_emphasis  # noqa: F401 - the engine reads plain_text from here

# The engine's formatter opens a styled run with one of STYLE_OPENERS and closes it with STYLE_CLOSE;
# quotation marks are marked while rendering, as single or double depends on the nesting.
STYLE_OPENERS = {"emph": "\ufdd0", "strong": "\ufdd1", "smallcaps": "\ufdd2", "superscript": "\ufdd3",
                 "subscript": "\ufdd4", "underline": "\ufdd5"}
STYLE_CLOSE = "\ufddf"
LINK_OPEN = "\ufdd6"  # closed by STYLE_CLOSE: the URL variable, a link with or without its scheme
QUOTE_OPEN, QUOTE_CLOSE = "\ufde0", "\ufde1"
MARKERS = re.compile("[\ufdd0-\ufdef]")
# Runs in small caps, superscript or subscript keep their letters' case (as in citeproc-js).
_PROTECTING_OPENERS = frozenset(STYLE_OPENERS[s] for s in ("smallcaps", "superscript", "subscript"))

# --- Title case and the other text cases -------------------------------------------------------

# Title case leaves these lowercase unless first or last: the prepositions, articles, conjunctions
# and particles CSL 1.0.2 lists (citeproc-js uses the same list), less "out", which the guides
# capitalize as the adverb of a phrasal verb ("Storm Knocks Out Power").
STOP_WORDS = frozenset("""
    a about above across afore after against al along alongside amid amidst among amongst an and anenst
    apropos apud around as aside astride at athwart atop barring before behind below beneath beside
    besides between beyond but by c ca circa d' de despite down during et except for forenenst from
    given in inside into lest like modulo near next nor notwithstanding of off on onto or out over per
    plus pro qua sans since so than the through thru throughout thruout till to toward towards under
    underneath until unto up upon v v. van versus via vis-à-vis von vs vs. with within without yet
""".split()) - {"out"}
# CMOS 18 (8.160) capitalizes prepositions of five letters or more ("Recovery After the Event").
CMOS_18_STOP_WORDS = frozenset(word for word in STOP_WORDS if len(word) <= 4)
_OLDER_CHICAGO = re.compile(r"-1[4-7]th-edition$")  # chicago-author-date-17th-edition, ...


def stop_words_for(family: str | None, style_name: str) -> frozenset[str]:
    """The stop words of a style's title case: CMOS 18's for Chicago from its 18th edition on."""
    if family == "chicago" and not _OLDER_CHICAGO.search(style_name):
        return CMOS_18_STOP_WORDS
    return STOP_WORDS


# Between words: space, and what ends a word in title case (a hyphen starts a new word: "Multi-Site").
_WORD = re.compile(r"[^\s\"“”‘\-–—/,;?!:()\[\]{}\ufdd0-\ufdef]+")


def _flatten(text) -> list:
    if isinstance(text, MixedString):
        return [part for segment in text for part in _flatten(segment)]
    return [text]


def _protection(segments: list) -> list[bool]:
    """Per character: may text-case change it? Not inside nocase spans, small caps, sup, sub."""
    protected, depth_stack = [], []
    for segment in segments:
        nocase = isinstance(segment, NoCase)
        for char in str(segment):
            if char == STYLE_CLOSE and depth_stack:
                depth_stack.pop()
            elif MARKERS.match(char) and char not in (QUOTE_OPEN, QUOTE_CLOSE):
                depth_stack.append(char in _PROTECTING_OPENERS)
            protected.append(nocase or any(depth_stack))
    return protected


def _rebuild(segments: list, chars: list[str]):
    parts, offset = [], 0
    for segment in segments:
        length = len(str(segment))
        text = "".join(chars[offset:offset + length])
        offset += length
        parts.append(NoCase(text) if isinstance(segment, NoCase) else String(text))
    return parts[0] if len(parts) == 1 else MixedString(parts)


def _core(word: str) -> tuple[int, int]:
    start, end = 0, len(word)
    while start < end and not word[start].isalnum():
        start += 1
    while end > start and not word[end - 1].isalnum():
        end -= 1
    return start, end


# The first part of a domain name: a word followed by "." and a letter ("about" in "about.com").
_DOMAIN_NAME_PART = re.compile(r"([^\W\d_]+)\.[^\W\d_]")


def _is_stop_word_domain(core: str) -> bool:
    """"about.com", "upon.net": left as written by title case, as the pandoc engine does ("google.com" is not)."""
    match = _DOMAIN_NAME_PART.match(core)
    return match is not None and match.group(1) in STOP_WORDS


def _title_case(plain: str, chars: list[str], protected: list[bool], stop_words: frozenset[str]) -> None:
    """CSL title case, as citeproc-js applies it: lowercase words are capitalized unless they are
    stop words or one letter long; the first word, the last and a word after ":", "?" or "!" are
    capitalized in any case. Words with a capital letter are left as written."""
    words = list(_WORD.finditer(plain))
    previous_end = 0
    for index, match in enumerate(words):
        start, end = _core(match.group(0))
        core = match.group(0)[start:end]
        between = plain[previous_end:match.start()]
        previous_end = match.end()
        if not core or core != core.lower() or not core[0].isalpha():
            continue
        starts = index == 0 or any(c in between for c in ":?!")
        if not starts and _is_stop_word_domain(core):
            continue  # "about.com": a domain name, not the preposition CMOS 18 capitalizes
        capitalize = (starts or (len(core) > 1 and core.lower() not in stop_words)
                      or (index == len(words) - 1 and len(core) > 1))
        position = match.start() + start
        if capitalize and not protected[position]:
            chars[position] = chars[position].upper()


def change_case(text, text_case: str, stop_words: frozenset[str] = STOP_WORDS):
    """`text` (a citeproc-py String or MixedString, possibly with our markers) in a CSL text case,
    leaving nocase spans and markers alone. Mends citeproc-py's own, which joins a title's
    segments with spaces ("Pd-N -heterocyclic", "Algebra V : 2-Groups"), lowercases nocase spans,
    capitalizes a letter behind a marker, and knows only the CSL 1.0 stop words."""
    segments = _flatten(text)
    plain = "".join(str(s) for s in segments)
    protected = _protection(segments)
    chars = list(plain)
    free = [i for i, char in enumerate(plain) if not protected[i] and not MARKERS.match(char)]
    if text_case == "lowercase":
        for i in free:
            chars[i] = chars[i].lower()
    elif text_case == "uppercase":
        for i in free:
            chars[i] = chars[i].upper()
    elif text_case in ("capitalize-first", "sentence"):
        words = list(_WORD.finditer(plain))
        if text_case == "sentence":  # CSL 1.0's sentence case: the rest in lowercase
            for i in free:
                chars[i] = chars[i].lower()
        if words and (text_case == "sentence" or words[0].group(0) == words[0].group(0).lower()):
            start = words[0].start() + _core(words[0].group(0))[0]
            if start in free:
                chars[start] = chars[start].upper()
    elif text_case == "capitalize-all":
        for match in _WORD.finditer(plain):
            start = match.start() + _core(match.group(0))[0]
            if match.group(0) == match.group(0).lower() and start in free:
                chars[start] = chars[start].upper()
    elif text_case == "title":
        _title_case(plain, chars, protected, stop_words)
    return _rebuild(segments, chars)


# --- Page ranges ---------------------------------------------------------------------------------

def abbreviated_last_page(first: str, last: str, range_format: str | None) -> str:
    """The second number of a page range in the style's page-range-format (CSL 1.0.2, Appendix V).
    Mends citeproc-py, which drops digits it should keep ("1-22" -> "1–2", "3-30" -> "3–0")."""
    if not (first.isdigit() and last.isdigit()):
        return last
    if len(last) < len(first):  # "321-28" means 321-328
        last = first[:len(first) - len(last)] + last
    if int(last) <= int(first) or len(last) != len(first) or range_format in (None, "expanded"):
        return last
    number = int(first)
    if range_format in ("chicago", "chicago-15", "chicago-16"):
        if number < 100 or number % 100 == 0:
            return last
        if range_format != "chicago-16" and len(first) >= 4 and sum(f != l for f, l in zip(first, last)) >= 3:
            return last
        range_format = "minimal" if number % 100 < 10 else "minimal-two"
    common = 0
    while first[common] == last[common]:
        common += 1
    keep = 1 if range_format == "minimal" else 2
    return last[min(common, len(last) - keep):] if len(last) > keep else last


# --- Field text: rich text markup and quotation marks --------------------------------------------

_RICH_TAG = re.compile(r'<(/?)(i|b|sup|sub|sc)>'
                       r'|<span\s+(?:style="font-variant:\s*small-caps;?"|class="(nocase|nodecor)")>|</span>', re.I)
_TAG_STYLE = {"i": "emph", "b": "strong", "sup": "superscript", "sub": "subscript", "sc": "smallcaps"}


def rich_text_markup(text: str) -> str:
    """CSL-JSON's markup in field values (<i>, <b>, <sup>, <sub>, small caps; CSL-JSON spec,
    "Rich text") as formatter markers, which citeproc-py prints literally ("CO<sub>2</sub>").
    Nocase spans are left for citeproc-py, which reads them; unbalanced markup stays text."""
    if "<" not in text:
        return text
    out, stack, position = [], [], 0
    for match in _RICH_TAG.finditer(text):
        out.append(text[position:match.start()])
        position = match.end()
        closing, tag, span_class = match.group(1), (match.group(2) or "").lower(), (match.group(3) or "").lower()
        if tag and not closing:
            stack.append(tag)
            out.append(STYLE_OPENERS[_TAG_STYLE[tag]])
        elif tag:
            if not stack or stack.pop() != tag:
                return text
            out.append(STYLE_CLOSE)
        elif match.group(0).lower() != "</span>":
            kind = span_class or "sc-span"
            stack.append(kind)
            out.append({"nocase": match.group(0), "nodecor": "", "sc-span": STYLE_OPENERS["smallcaps"]}[kind])
        else:
            if not stack or stack[-1] not in ("nocase", "nodecor", "sc-span"):
                return text
            out.append({"nocase": "</span>", "nodecor": "", "sc-span": STYLE_CLOSE}[stack.pop()])
    out.append(text[position:])
    return text if stack else "".join(out)


# After these a quotation mark opens (">": the end of a nocase span's tag).
_BEFORE_OPENING = set(" \t\n([{\u2014\u2013-/>") | set(STYLE_OPENERS.values()) | {QUOTE_OPEN}


def typographic_quotes(text: str) -> str:
    """Quotation marks in field values as markers, and apostrophes as ’ (citeproc-js does both;
    citeproc-py prints "Let them eat cake" and "Don't" as typed). A quotation inside a title the
    style quotes then takes the inner marks (“‘Let Them Eat Cake’: …”). Marks without a partner
    are left as they are, but for a single one before a letter: an elision ('t Hooft -> ’t Hooft)."""
    if not any(char in text for char in "'\"‘’“”"):
        return text
    chars = list(text)
    openers: list[tuple[int, str]] = []

    def close(index: int, kind: str) -> bool:
        for depth in range(len(openers) - 1, -1, -1):
            if openers[depth][1] == kind:
                chars[openers[depth][0]], chars[index] = QUOTE_OPEN, QUOTE_CLOSE
                del openers[depth:]
                return True
        return False

    for i, char in enumerate(text):
        before, after = text[i - 1] if i else " ", text[i + 1] if i + 1 < len(text) else " "
        opening = before.isspace() or before in _BEFORE_OPENING
        if char == "“" or (char == '"' and opening):
            openers.append((i, "double"))
        elif char in "”\"":
            close(i, "double")
        elif char == "‘" or (char == "'" and opening and not after.isspace()):
            openers.append((i, "single"))
        elif char in "'’":
            if before.isalnum() and after.isalnum():
                chars[i] = "’"
            elif not close(i, "single") and before.isalnum():
                chars[i] = "’"  # the Jameses'
    for index, kind in openers:
        if kind == "single" and text[index] == "'":
            chars[index] = "’"
    return "".join(chars)


def field_text(text: str) -> str:
    return typographic_quotes(rich_text_markup(text))


# --- The rendered entry: punctuation, quotation marks, italics -----------------------------------

_CLOSERS = f"{STYLE_CLOSE}{QUOTE_CLOSE}"


def no_doubled_period(marked: str) -> str:
    """citeproc-py drops a doubled "." at a seam, but not after "?" or "!" ("Why?." in APA), nor
    when a styled run or a quotation ends in between ("<i>Vol. 2.</i>."). A sentence ends once."""
    return re.sub(f"([?!][{_CLOSERS}]*|[.][{_CLOSERS}]+)\\.(?=\\s|$)", r"\1", marked)


_QUOTE_THEN_PUNCTUATION = re.compile(f"({QUOTE_CLOSE}[{_CLOSERS}]*)([.,])")


def punctuation_inside_quotes(marked: str) -> str:
    """A period or comma after a closing quotation mark goes inside it (CSL punctuation-in-quote,
    set by the en-US locale, which citeproc-py ignores): “Title”. -> “Title.” After "?" or "!" a
    period is dropped and a comma kept (“Why?,” as citeproc-js and CMOS 18 write it)."""

    def move(match: re.Match) -> str:
        inside = MARKERS.sub("", match.string[:match.start()])
        mark = match.group(2)
        if inside[-1:] == mark or (mark == "." and inside[-1:] in ("?", "!")):
            return match.group(1)
        return mark + match.group(1)

    return _QUOTE_THEN_PUNCTUATION.sub(move, marked)


def resolve_quotes(marked: str, outer: tuple[str, str], inner: tuple[str, str]) -> str:
    """Quotation markers as the locale's marks: outer marks, inner marks inside them, and so on."""
    out, depth = [], 0
    for char in marked:
        if char == QUOTE_OPEN:
            out.append((outer, inner)[depth % 2][0])
            depth += 1
        elif char == QUOTE_CLOSE:
            depth = max(depth - 1, 0)
            out.append((outer, inner)[depth % 2][1])
        else:
            out.append(char)
    return "".join(out)


class Finishing:
    """What is done to an entry's marked text once citeproc-py has rendered it."""

    def __init__(self, root):
        """`root`: the style's root element, which knows the locale's terms and options."""
        self.in_quote = (root.get_locale_option("punctuation-in-quote") or "false").lower() == "true"

        def term(name: str, fallback: str) -> str:
            found = root.get_term(name)
            return str(found.single) if found is not None else fallback

        self.outer = (term("open-quote", "\u201c"), term("close-quote", "\u201d"))
        self.inner = (term("open-inner-quote", "\u2018"), term("close-inner-quote", "\u2019"))

    def __call__(self, marked: str) -> str:
        marked = no_doubled_period(marked)
        if self.in_quote:
            marked = punctuation_inside_quotes(marked)
        return resolve_quotes(marked, self.outer, self.inner)


# --- Italics ---------------------------------------------------------------------------------------

def _leaves(nodes, path: tuple = ()):
    for node in nodes:
        if isinstance(node, Str):
            yield node.text, path
        elif isinstance(node, Styled):
            yield from _leaves(node.children, path + (("style", node.style),))
        else:
            yield from _leaves(node.children, path + (("link", node.target),))


def _grow(leaves: list) -> list:
    out, i = [], 0
    while i < len(leaves):
        text, path = leaves[i]
        if not path:
            out.append(Str(text))
            i += 1
            continue
        j, inner = i, []
        while j < len(leaves) and leaves[j][1][:1] == path[:1]:
            inner.append((leaves[j][0], leaves[j][1][1:]))
            j += 1
        kind, value = path[0]
        children = tuple(_grow(inner))
        out.append(Styled(value, children) if kind == "style" else Link(value, children))
        i = j
    return out


def _has_nested_emphasis(nodes, inside: bool = False) -> bool:
    for node in nodes:
        if isinstance(node, Styled) and node.style == "emph":
            if inside or _has_nested_emphasis(node.children, True):
                return True
        elif not isinstance(node, Str) and _has_nested_emphasis(node.children, inside):
            return True
    return False


def roman_inside_italics(nodes: list) -> list:
    """Italics inside italics are roman ("Le <i>De Anima</i> dans …" in an italic title), as the
    three guides and citeproc-js set a title within a title; citeproc-py nests them."""
    if not _has_nested_emphasis(nodes):
        return nodes
    emph = ("style", "emph")
    leaves = []
    for text, path in _leaves(nodes):
        count = path.count(emph)
        if count:
            first = path.index(emph)
            path = tuple(step for step in path if step != emph)
            if count % 2:
                path = path[:first] + (emph,) + path[first:]
        leaves.append((text, path))
    return _grow(leaves)


CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0002fa1f]")
# Chinese and Japanese characters are not set in italics (CMOS 18, on titles in those scripts);
# citeproc-js leaves italics off text with no letter of an alphabet in MLA and Chicago.
ROMAN_CJK_FAMILIES = frozenset({"mla", "chicago"})
_ALPHABETIC = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f\u0590-\u05ff\u0600-\u06ff]")


def roman_cjk(nodes: list) -> list:
    """Italics taken off text in Chinese or Japanese script (no letter of an alphabet)."""
    return without_emphasis(nodes, lambda text: bool(CJK.search(text)) and not _ALPHABETIC.search(text))
