"""The CSL-JSON 1.0.2 record: the data model every stage of citekit reads and writes.

Reads CSL-JSON as Zotero, pandoc and citation-js write it (EDTF date strings included),
keeps variables it does not model, and writes CSL-JSON that pandoc and citeproc-js accept.
A record that cannot be used raises `CitekitError` naming the record and the field.
"""

from __future__ import annotations

import re
from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from citekit.errors import CitekitError

CSL_TYPES = (
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review",
    "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
)

# A CSL type as a student would name it in a sentence ("a journal article"); a type not listed here
# reads well as its own name with the punctuation taken out ("a speech", "an interview").
_TYPE_WORDS = {
    "article-journal": "journal article", "article-magazine": "magazine article",
    "article-newspaper": "newspaper article", "entry-dictionary": "dictionary entry",
    "entry-encyclopedia": "encyclopedia entry", "motion_picture": "film", "paper-conference": "conference paper",
    "post": "social-media post", "post-weblog": "blog post", "review-book": "book review",
    "webpage": "web page", "legal_case": "legal case", "musical_score": "musical score",
}


def type_in_words(csl_type: str | None) -> str:
    """"journal article", "blog post", "speech": a CSL type in words."""
    kind = str(csl_type or "work")
    return _TYPE_WORDS.get(kind) or kind.replace("_", " ").replace("-", " ")


NAME_VARIABLES = (
    "author", "chair", "collection-editor", "compiler", "composer", "container-author",
    "contributor", "curator", "director", "editor", "editorial-director", "editor-translator",
    "executive-producer", "guest", "host", "illustrator", "interviewer", "narrator",
    "organizer", "original-author", "performer", "producer", "recipient", "reviewed-author",
    "script-writer", "series-creator", "translator",
)

DATE_VARIABLES = ("accessed", "available-date", "event-date", "issued", "original-date", "submitted")


class _CSLObject(BaseModel):
    # Unknown keys are kept (extra="allow") so nothing a user's file carries is lost.
    model_config = ConfigDict(extra="allow", populate_by_name=True, frozen=False)

    def to_csl(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, exclude_none=True)


class Name(_CSLObject):
    """A person (family/given with particles and suffix) or an organisation (literal)."""

    family: Optional[str] = None
    given: Optional[str] = None
    dropping_particle: Optional[str] = Field(None, alias="dropping-particle")
    non_dropping_particle: Optional[str] = Field(None, alias="non-dropping-particle")
    suffix: Optional[str] = None
    comma_suffix: Optional[Union[bool, str, int]] = Field(None, alias="comma-suffix")
    static_ordering: Optional[Union[bool, str, int]] = Field(None, alias="static-ordering")
    literal: Optional[str] = None
    parse_names: Optional[Union[bool, str, int]] = Field(None, alias="parse-names")

    @model_validator(mode="after")
    def _has_a_name(self) -> "Name":
        if not any((self.family, self.given, self.literal)):
            raise ValueError("a name needs 'family', 'given' or 'literal'")
        return self

    @property
    def is_organisation(self) -> bool:
        return self.literal is not None and self.family is None

    def display(self) -> str:
        """The name as a reader would write it: "Zadie Smith", "A+E Networks"."""
        if self.literal:
            return self.literal
        parts = (self.given, self.dropping_particle, self.non_dropping_particle, self.family)
        text = " ".join(p for p in parts if p)
        return f"{text}, {self.suffix}" if self.suffix else text


_EDTF = re.compile(r"^(?P<year>-?\d{1,4})(?:-(?P<month>\d{2}))?(?:-(?P<day>\d{2}))?(?P<flag>[~?%]?)$")


def _edtf_part(text: str) -> tuple[list[int], bool] | None:
    match = _EDTF.match(text.strip())
    if not match:
        return None
    parts = [int(match["year"])]
    for key in ("month", "day"):
        if match[key]:
            parts.append(int(match[key]))
    if len(parts) > 1 and not 1 <= parts[1] <= 12 and not 21 <= parts[1] <= 24:
        return None  # 21-24 are EDTF seasons; anything else is not a month
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        return None
    return parts, bool(match["flag"])


def date_from_edtf(text: str) -> dict[str, Any]:
    """An EDTF string ("2018-03-22", "2018~", "2001/2003") as a CSL date object.

    What is not EDTF is kept as `raw`, never guessed at here.
    """
    pieces = text.split("/")
    parsed = [_edtf_part(p) for p in pieces] if 1 <= len(pieces) <= 2 else [None]
    if any(p is None for p in parsed):
        return {"raw": text}
    date: dict[str, Any] = {"date-parts": [p[0] for p in parsed]}  # type: ignore[index]
    if any(p[1] for p in parsed):  # type: ignore[index]
        date["circa"] = True
    return date


def _check_calendar(parts: list[int]) -> None:
    """Month 1-12 (or 21-24, CSL's seasons, without a day) and a day that month has."""
    import calendar

    if len(parts) > 1 and not (1 <= parts[1] <= 12 or (21 <= parts[1] <= 24 and len(parts) == 2)):
        raise ValueError(f"date-parts {parts!r}: {parts[1]} is not a month")
    if len(parts) > 2:
        # A year outside the calendar module's range still gets the longest month's limit.
        last = calendar.monthrange(parts[0], parts[1])[1] if 1 <= parts[0] <= 9999 else 31
        if not 1 <= parts[2] <= last:
            raise ValueError(f"date-parts {parts!r}: day {parts[2]} is not in that month")


class Date(_CSLObject):
    """A CSL date: date-parts (one date or a range), or season, circa, literal, raw."""

    date_parts: Optional[list[list[int]]] = Field(None, alias="date-parts")
    season: Optional[Union[int, str]] = None
    circa: Optional[Union[bool, str, int]] = None
    literal: Optional[str] = None
    raw: Optional[str] = None

    @model_validator(mode="before")
    @classmethod
    def _from_edtf_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return date_from_edtf(value)
        if isinstance(value, bool) or isinstance(value, (int, float)):
            raise ValueError(
                f"a date cannot be the number {value!r}; write it as "
                f'{{"date-parts": [[{value}]]}} or as the string "{value}"')
        return value

    @field_validator("date_parts", mode="before")
    @classmethod
    def _numeric_parts(cls, value: Any) -> Any:
        # Zotero and citation-js sometimes write date parts as strings ("2018").
        if not isinstance(value, list) or not 1 <= len(value) <= 2:
            raise ValueError("date-parts must be a list of one date, or of two for a range")
        result = []
        for part in value:
            if not isinstance(part, list) or not 1 <= len(part) <= 3:
                raise ValueError("each date in date-parts is a list of year, month, day")
            try:
                numbers = [int(str(x).strip()) for x in part]
            except ValueError:
                raise ValueError(f"date-parts {part!r} holds something that is not a number") from None
            _check_calendar(numbers)
            result.append(numbers)
        return result

    @model_validator(mode="after")
    def _has_a_date(self) -> "Date":
        if not any((self.date_parts, self.literal, self.raw, self.season)):
            raise ValueError("a date needs 'date-parts', 'literal' or 'raw'")
        return self

    @property
    def year(self) -> int | None:
        return self.date_parts[0][0] if self.date_parts else None


class Record(_CSLObject):
    """One CSL-JSON item. Name and date variables are typed; every other variable is kept as given."""

    id: str
    type: Literal[CSL_TYPES]  # type: ignore[valid-type]

    title: Optional[str] = None
    container_title: Optional[str] = Field(None, alias="container-title")
    publisher: Optional[str] = None
    URL: Optional[str] = None
    DOI: Optional[str] = None
    note: Optional[str] = None

    author: Optional[list[Name]] = None
    chair: Optional[list[Name]] = None
    collection_editor: Optional[list[Name]] = Field(None, alias="collection-editor")
    compiler: Optional[list[Name]] = None
    composer: Optional[list[Name]] = None
    container_author: Optional[list[Name]] = Field(None, alias="container-author")
    contributor: Optional[list[Name]] = None
    curator: Optional[list[Name]] = None
    director: Optional[list[Name]] = None
    editor: Optional[list[Name]] = None
    editorial_director: Optional[list[Name]] = Field(None, alias="editorial-director")
    editor_translator: Optional[list[Name]] = Field(None, alias="editor-translator")
    executive_producer: Optional[list[Name]] = Field(None, alias="executive-producer")
    guest: Optional[list[Name]] = None
    host: Optional[list[Name]] = None
    illustrator: Optional[list[Name]] = None
    interviewer: Optional[list[Name]] = None
    narrator: Optional[list[Name]] = None
    organizer: Optional[list[Name]] = None
    original_author: Optional[list[Name]] = Field(None, alias="original-author")
    performer: Optional[list[Name]] = None
    producer: Optional[list[Name]] = None
    recipient: Optional[list[Name]] = None
    reviewed_author: Optional[list[Name]] = Field(None, alias="reviewed-author")
    script_writer: Optional[list[Name]] = Field(None, alias="script-writer")
    series_creator: Optional[list[Name]] = Field(None, alias="series-creator")
    translator: Optional[list[Name]] = None

    accessed: Optional[Date] = None
    available_date: Optional[Date] = Field(None, alias="available-date")
    event_date: Optional[Date] = Field(None, alias="event-date")
    issued: Optional[Date] = None
    original_date: Optional[Date] = Field(None, alias="original-date")
    submitted: Optional[Date] = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_text(cls, value: Any) -> Any:
        # CSL-JSON allows numeric ids; they are cited by their text.
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str) and not value.strip():
            raise ValueError("the id is empty")
        return value

    @field_validator(*(n.replace("-", "_") for n in NAME_VARIABLES), mode="before")
    @classmethod
    def _names_are_lists(cls, value: Any) -> Any:
        if isinstance(value, (str, dict)):
            shown = value if isinstance(value, str) else "an object"
            raise ValueError(f"names must be a list of name objects, not {shown!r}; "
                             'write [{"family": "...", "given": "..."}] or [{"literal": "..."}]')
        return value

    def get(self, variable: str) -> Any:
        """A variable by its CSL name ("container-title"), modelled or kept extra."""
        data = self.to_csl()
        return data.get(variable)

    def to_csl(self) -> dict[str, Any]:
        """CSL-JSON with id and type first, then the variables in a stable order."""
        data = super().to_csl()
        ordered = {"id": data.pop("id"), "type": data.pop("type")}
        for key in sorted(data):
            ordered[key] = data[key]
        return ordered


def _field_of(loc: tuple) -> str:
    parts = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            name = Record.model_fields[item].alias if item in Record.model_fields and Record.model_fields[item].alias else item
            parts.append(("." if parts else "") + str(name))
    return "".join(parts)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_NESTING = 64  # far deeper than any CSL item; deeper data is refused before it exhausts the stack


def _unwritable(data: dict[str, Any]) -> tuple[str, str, str] | None:
    """(field, problem, hint) for the first value CSL-JSON cannot be written with, else None.

    JSON readers let through what no JSON writer may write back: NaN and Infinity, and
    "\\ud800" escapes that give half a character (a lone surrogate, which UTF-8 cannot hold).
    YAML adds sets, bytes and other objects. Refused here, where every source's data meets.
    """
    import math

    stack: list[tuple[str, Any, int]] = [(str(key), value, 1) for key, value in data.items()]
    stack.extend((str(key), key, 1) for key in data if isinstance(key, str))
    while stack:
        path, value, depth = stack.pop()
        if isinstance(value, str):
            if _LONE_SURROGATE.search(value):
                return (path, "holds half of a UTF-16 character pair (a lone surrogate such as \\ud800), "
                        "which is not text", "remove the \\u escape, or write the whole character")
        elif isinstance(value, float):
            if not math.isfinite(value):
                return path, f"{value} is not a number JSON can hold", "write the value as text, or leave it out"
        elif isinstance(value, (dict, list)):
            if depth >= MAX_NESTING:
                return path, f"is nested more than {MAX_NESTING} levels deep", "CSL-JSON values are flat or shallow"
            if isinstance(value, dict):
                stack.extend((f"{path}.{key}", item, depth + 1) for key, item in value.items())
                stack.extend((f"{path}.{key}", key, depth + 1) for key in value if isinstance(key, str))
                if not all(isinstance(key, str) for key in value):
                    return path, "has a key that is not text", "write every key in double quotes"
            else:
                stack.extend((f"{path}[{index}]", item, depth + 1) for index, item in enumerate(value))
        elif value is not None and not isinstance(value, (bool, int)):
            return path, f"holds a {type(value).__name__}, which CSL-JSON has no place for", \
                "write the value as text"
    return None


def _shown(text: str) -> str:
    """Text for an error message, half characters written as their escape (they cannot be printed)."""
    return _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


def record_from_csl(data: Any, *, position: int | None = None) -> Record:
    """Validate one CSL-JSON item; an unusable one raises CitekitError naming record and field."""
    label = f"record {position + 1}" if position is not None else "record"
    if not isinstance(data, dict):
        raise CitekitError(f"{label} is {type(data).__name__}, not a JSON object",
                           hint="each record is an object with at least 'id' and 'type'")
    record_id = data.get("id")
    if record_id is not None:
        label = f"record '{_shown(str(record_id))}'"
    if "type" not in data:
        raise CitekitError("has no 'type'",
                           location=label,
                           hint="add a CSL type such as \"webpage\", \"book\" or \"article-journal\"")
    problem = _unwritable(data)
    if problem is not None:
        field, message, hint = problem
        raise CitekitError(f"{_shown(field)}: {message}", location=label, hint=hint)
    try:
        return Record.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = _field_of(error["loc"]) or "record"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "literal_error":
            message = f"'{data.get('type')}' is not a CSL type"
            hint = "see https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types"
        elif error["type"] == "missing":
            message, hint = "is required", None
        elif error["type"] == "string_type":
            message = f"must be text, not {type(error.get('input')).__name__} {error.get('input')!r}"
            hint = "put the value in double quotes"
        elif error["type"] in ("list_type", "dict_type", "model_type"):
            message = f"has the wrong shape ({message})"
            hint = "see the CSL-JSON schema: names are lists of objects, dates are objects with date-parts"
        else:
            hint = None
        raise CitekitError(f"{field}: {message}", location=label, hint=hint) from None


def records_from_csl(data: Any) -> list[Record]:
    """A CSL-JSON document: a list of items, or a single item object."""
    items = data if isinstance(data, list) else [data]
    return [record_from_csl(item, position=i if len(items) > 1 or isinstance(data, list) else None)
            for i, item in enumerate(items)]
