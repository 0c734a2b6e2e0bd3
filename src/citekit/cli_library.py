"""The library commands (`add`, `list`, `show`, `set`, `rm`, `search`, `tag`, `duplicates`, `bib`).

Plain functions first (no click, no printing: they return text), then thin click wrappers,
registered on the main group by `register(cli)`. Only click and the tables of formats (for the
help texts) are imported at start-up; the library and the model are imported by the commands
that need them.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Iterable

import click

from citekit.bibliography import format_names, format_suffixes
from citekit.cli_paths import NamedPath, OutputPath
from citekit.errors import or_list

STYLE_HELP = "mla, apa, chicago (notes), chicago-author-date, chicago-17, any name from `citekit styles`, or a .csl path"

if TYPE_CHECKING:
    from citekit.findings import Finding, Parsed
    from citekit.library import AddResult, Library
    from citekit.library_index import Entry

LIBRARY_HELP = "The library folder (default: $CITEKIT_LIBRARY, else ./records)."
_AUTHOR_WIDTH = 28


# --- Plain functions -------------------------------------------------------------------------

def load_inputs(inputs: Iterable[str], *, record_id: str | None = None) -> list[tuple[str, "Parsed"]]:
    """Every input parsed before anything is stored: one unusable input adds nothing."""
    from citekit.errors import CitekitError
    from citekit.sources import load

    inputs = list(inputs)
    if record_id is not None and len(inputs) != 1:
        raise CitekitError(f"--id names one record, but {len(inputs)} inputs are given", location="--id",
                           hint="leave out --id when adding several inputs")
    return [(path, load(path, record_id=record_id)) for path in inputs]


def add_inputs(library: "Library", inputs: Iterable[str], *, record_id: str | None = None,
               force: bool = False) -> tuple[list[tuple[str, "AddResult"]], list[tuple[str, "Finding"]]]:
    """(source, result) for each record of each input, and (source, finding) for what the parsers noticed."""
    loaded = load_inputs(inputs, record_id=record_id)
    sources = [source for source, parsed in loaded for _ in parsed.records]
    records = [record for _, parsed in loaded for record in parsed.records]
    results = library.add(records, force=force, keep_ids=record_id is not None)
    findings = [(source, finding) for source, parsed in loaded for finding in parsed.findings]
    return list(zip(sources, results)), findings


def describe_add(source: str, result: "AddResult") -> str:
    if result.added:
        return f"added {result.record_id}" + (f" ({result.note})" if result.note else "")
    return (f"{source}: record '{result.given_id}' is already in the library as '{result.duplicate_of}' "
            f"({result.reason}; add it anyway with --force)")


def format_table(rows: list[tuple[str, str, str, str, str]]) -> str:
    """ID, TYPE, AUTHOR, YEAR, TITLE columns from `Library.listing()` rows; ids in full (they are
    what you type), authors longer than the column shortened with "…"."""
    def cell(text: str) -> str:
        # A title pasted from a web page may hold a line break (any of Unicode's: a vertical tab,
        # U+2028 and U+0085 end a line too) or a terminal's escape character: one record, one line.
        from citekit.render.richtext import line_breaks_as_spaces

        return text if text.isprintable() else " ".join(line_breaks_as_spaces(text).split())

    rows = [(cell(row[0]), cell(row[1]), cell(row[2]) if len(row[2]) <= _AUTHOR_WIDTH else cell(row[2])[: _AUTHOR_WIDTH - 1] + "…",
             cell(row[3]), cell(row[4])) for row in [("ID", "TYPE", "AUTHOR", "YEAR", "TITLE"), *rows]]
    widths = [max(map(len, column)) for column in list(zip(*rows))[:4]]
    line = "{:<%d}  {:<%d}  {:<%d}  {:<%d}  {}" % tuple(widths)
    return "\n".join([line.format(*row).rstrip() for row in rows])


def entries_as_json(entries: list["Entry"]) -> str:
    """A JSON list, one record per line (json.dumps with indent is several times slower on 50,000)."""
    items = [json.dumps({"id": e.id, "type": e.type, "author": e.author or None,
                         "year": int(e.year) if e.year.lstrip("-").isdigit() else None,
                         "title": e.title or None, "container-title": e.container or None, "tags": e.tags},
                        ensure_ascii=False) for e in entries]
    return "[\n" + ",\n".join(items) + "\n]" if items else "[]"


def format_duplicates(pairs: list[tuple[str, str, str]], *, as_json: bool) -> str:
    if as_json:
        return json.dumps([{"ids": [a, b], "reason": reason} for a, b, reason in pairs], indent=2,
                          ensure_ascii=False)
    rows = [("ID", "ID", "WHY")] + pairs
    widths = [max(len(row[column]) for row in rows) for column in range(2)]
    return "\n".join(f"{a:<{widths[0]}}  {b:<{widths[1]}}  {why}" for a, b, why in rows)


def record_as_json(record) -> str:
    from citekit.export.csljson import write_csljson

    return write_csljson([record]).rstrip("\n")


# --- click wrappers --------------------------------------------------------------------------

def _library(folder: str | None) -> "Library":
    from citekit.library import open_library

    return open_library(folder)


def _warn_problems(problems: list["Finding"], *, unreadable_means: str = "") -> None:
    """One line per file skipped or misnamed; `unreadable_means` says what an unreadable file costs the command."""
    from citekit.cli import _say
    from citekit.library import UNREADABLE_RECORD_FILE

    for finding in problems:
        cost = f", so {unreadable_means}" if unreadable_means and finding.code == UNREADABLE_RECORD_FILE else ""
        _say(f"citekit: {finding.severity.value}: {finding.location}: {finding.message}{cost} ({finding.fix})")


def _library_option(function):
    # readable=False: an unreadable folder is Library's error, which says what to do, as for $CITEKIT_LIBRARY.
    return click.option("--library", "library_dir", metavar="DIR", type=NamedPath(file_okay=False, readable=False),
                        help=LIBRARY_HELP)(function)


def _show_listing(library: "Library", query: str | None, as_json: bool, nothing: str) -> None:
    if as_json:
        entries, problems = library.scan(query)
        _warn_problems(problems)
        click.echo(entries_as_json(entries))
        return
    rows, problems = library.listing(query)
    _warn_problems(problems)
    if rows:
        click.echo(format_table(rows))
    else:
        click.echo(f"citekit: {nothing}", err=True)


@click.command("add")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT…")
@click.option("--id", "record_id", help="The id to give the record (only with one input holding one record).")
@click.option("--force", is_flag=True, help="Add records even when they look like ones already there.")
@_library_option
def add_command(inputs: tuple[str, ...], record_id: str | None, force: bool, library_dir: str | None) -> None:
    """Store the records of each INPUT in the library, one CSL-JSON file per record.

    INPUT is anything citekit reads (Article Details, CSL-JSON or CSL-YAML, BibTeX, RIS, a saved
    web page), or - for stdin. A record with the same DOI, URL, or first author, title and year as
    one already stored is refused (exit status 1) unless --force. A new record whose id is taken
    (ignoring case) is stored as ID-b; with --id it is refused.

    \b
    Examples:
      citekit add article.txt --id lenin-armistice
      citekit add zotero.json refs.bib --library ~/thesis/records
    """
    from citekit.cli import _report_parser_findings, _say
    from citekit.errors import ExitStatus

    added, findings = add_inputs(_library(library_dir), inputs, record_id=record_id, force=force)
    refused = False
    for source in dict.fromkeys(source for source, _ in findings):
        refused |= _report_parser_findings([f for s, f in findings if s == source], source)
    for source, result in added:
        if result.added:
            click.echo(describe_add(source, result))
        else:
            refused = True
            _say(f"citekit: error: {describe_add(source, result)}")
    if refused:
        sys.exit(ExitStatus.PROBLEMS_FOUND)


@click.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the records' id, type, author, year, title, tags as JSON.")
@_library_option
def list_command(as_json: bool, library_dir: str | None) -> None:
    """List the records in the library: id, type, first author, year, title.

    Files that are not valid records are named on stderr and skipped.

    \b
    Example: citekit list --library records
    """
    library = _library(library_dir)
    _show_listing(library, None, as_json, f"the library {library.path} holds no records yet "
                  "(add some with: citekit add FILE)")


@click.command("show")
@click.argument("record_id", metavar="ID")
@_library_option
def show_command(record_id: str, library_dir: str | None) -> None:
    """Print one record as CSL-JSON (ID ignores case).

    \b
    Example: citekit show lenin-armistice
    """
    click.echo(record_as_json(_library(library_dir).get(record_id)))


@click.command("set")
@click.argument("record_id", metavar="ID")
@click.argument("assignments", nargs=-1, required=True, metavar="FIELD=VALUE…")
@_library_option
def set_command(record_id: str, assignments: tuple[str, ...], library_dir: str | None) -> None:
    """Change CSL variables of a record, checked before the file is written; prints the record.

    Names: "Family, Given; Family, Given" or JSON; a name without a comma, or an organisation's
    ("United Nations Educational, Scientific and Cultural Organization"), is kept whole. Dates: 2018-03-22,
    2018-03, 2018, or "March 22, 2018". An empty VALUE removes the variable.

    \b
    Examples:
      citekit set lenin-armistice container-title=HISTORY issued=2009-11-13
      citekit set smith-2000-teeth "author=Smith, Zadie" URL=https://example.org/teeth
      citekit set lenin-armistice 'author={"literal": "HISTORY.com Editors"}'
    """
    from citekit.cli import _say
    from citekit.library_fields import assigned_fields
    from citekit.validate import validate_record

    record = _library(library_dir).set_fields(record_id, list(assignments))
    click.echo(record_as_json(record))
    # "author=Zadie Smith" is stored as written (one name, as for an organisation): say so now, and
    # only when this command set the names concerned (`set ID title=…` is not about the author).
    names_set = assigned_fields(assignments)
    for finding in validate_record(record):
        if finding.code == "author-not-split" and finding.field in names_set:
            _say(f"citekit: warning: {finding.message} {finding.fix}")


@click.command("rm")
@click.argument("record_ids", nargs=-1, required=True, metavar="ID…")
@_library_option
def rm_command(record_ids: tuple[str, ...], library_dir: str | None) -> None:
    """Remove records from the library (their files are deleted).

    \b
    Example: citekit rm lenin-armistice
    """
    library = _library(library_dir)
    for record_id in record_ids:
        library.find_entry(record_id)  # every id checked before anything is removed
    for record_id in record_ids:
        click.echo(f"removed {library.remove(record_id)}")


@click.command("search")
@click.argument("words", nargs=-1, required=True, metavar="QUERY…")
@click.option("--json", "as_json", is_flag=True, help="Print the matches as JSON (as list --json does).")
@_library_option
def search_command(words: tuple[str, ...], as_json: bool, library_dir: str | None) -> None:
    """Find records whose author, title, year, container or tags hold every word (case and accents ignored).

    author:WORD, title:WORD, container:WORD look in one field; year:YYYY and tag:TAG must be equal.

    \b
    Examples:
      citekit search lenin 1917
      citekit search author:zola tag:essay
    """
    _show_listing(_library(library_dir), " ".join(words), as_json, "no record matches")


@click.command("tag")
@click.argument("record_id", metavar="ID")
@click.argument("tags", nargs=-1, required=True, metavar="TAG…")
@click.option("--remove", is_flag=True, help="Take the tags off instead (and out of the record's keywords, "
              "which RIS writes as tags too).")
@_library_option
def tag_command(record_id: str, tags: tuple[str, ...], remove: bool, library_dir: str | None) -> None:
    """Tag a record (tags are kept in the record as "custom": {"tags": [...]}).

    \b
    Examples:
      citekit tag lenin-armistice ww1 essay-2
      citekit bib --tag ww1 --style mla -o ww1.docx
    """
    from citekit.cli import _say
    from citekit.library_fields import keyword_words
    from citekit.library_index import record_tags
    from citekit.library_search import fold

    def key(word: str) -> str:
        return fold(" ".join(word.split()))

    library = _library(library_dir)
    before = library.get(record_id).to_csl() if remove else {}
    had = {key(tag) for tag in record_tags(before)}
    record = library.tag(record_id, tags, remove=remove)
    click.echo(f"{record.id}: " + (", ".join(record_tags(record.to_csl())) or "no tags"))
    for tag in tags if remove else ():  # removing a tag the record never had is most likely a typo
        if key(tag) not in had:
            _say(f"citekit: warning: {record.id} had no tag '{tag}'; its tags are listed above")
    said = {key(word) for word in keyword_words(record.to_csl().get("keyword"))}  # the words still there
    for word in keyword_words(before.get("keyword")):  # Library.tag takes a removed tag out of `keyword` too
        if key(word) not in said:
            said.add(key(word))
            _say(f"citekit: info: {record.id}: '{word}' is also taken out of its keywords (\"keyword\"), "
                 "which RIS exports write as tags (KW) too")


@click.command("duplicates")
@click.option("--json", "as_json", is_flag=True, help="Print the pairs as JSON.")
@_library_option
def duplicates_command(as_json: bool, library_dir: str | None) -> None:
    """List likely duplicate pairs: same DOI, same URL, or same first author, title and year.

    \b
    Example: citekit duplicates
    """
    from citekit.library_search import find_duplicates

    entries, problems = _library(library_dir).scan()
    _warn_problems(problems)
    pairs = find_duplicates(entries)
    if pairs or as_json:
        click.echo(format_duplicates(pairs, as_json=as_json))
    else:
        click.echo("citekit: no likely duplicates", err=True)


@click.command("bib")
@click.argument("record_ids", nargs=-1, metavar="[ID…]")
@click.option("--tag", help="Also take the records with this tag (with no ID and no --tag: the whole library).")
@click.option("--style", "-s", default="apa", show_default=True,
              help=STYLE_HELP)
@click.option("-o", "--output", type=OutputPath(dir_okay=False),
              help=f"Write here (- for stdout); the format follows the suffix: {' '.join(format_suffixes())}.")
@click.option("--format", "-f", "fmt",
              help=f"{or_list(format_names())}: when there is no -o, or to override its suffix.")
@click.option("--engine", type=click.Choice(["pandoc", "citeproc-py"]), default="pandoc", show_default=True)
@click.option("--retrieved", is_flag=True, help="APA: give retrieval dates (pages designed to change).")
@_library_option
def bib_command(record_ids: tuple[str, ...], tag: str | None, style: str, output: str | None, fmt: str | None,
                engine: str, retrieved: bool, library_dir: str | None) -> None:
    """Print or write one reference list of the library, or of the records named or tagged.

    \b
    Examples:
      citekit bib --style mla -o works-cited.docx
      citekit bib lenin-armistice --style chicago -o refs.html
      citekit bib --tag essay1 --style apa
    """
    import shlex

    from citekit.bibliography import library_cache_dir, write_bibliography
    from citekit.cli import _report_writer_findings, _warn_without_title_or_author
    from citekit.commands import records_without_title_or_author
    from citekit.errors import CitekitError

    library = _library(library_dir)
    problems = library.problems()
    if output:
        from citekit.output_files import refuse_unsafe_bibliography_output

        refuse_unsafe_bibliography_output(output, fmt=fmt, style=style, library_folder=library.path)
    try:
        records = library.select(list(record_ids) or None, tag)
        written = write_bibliography(records, style=style, output=output, fmt=fmt, engine=engine,
                                     retrieved=retrieved, cache_dir=library_cache_dir(library.path))
    except CitekitError as exc:
        # One line for an error, as always; the skipped files may be why (a record missing from the list).
        if problems:
            skipped = f"{len(problems)} file(s) of the library were skipped: see citekit list"
            exc.hint = f"{exc.hint}; {skipped}" if exc.hint else skipped
        raise
    # Every record asked for by id was found; a skipped file can be missing from a whole-library or tagged list.
    lacks = "" if record_ids and tag is None else "this bibliography lacks the record in it" + (
        f" if it is tagged '{tag}'" if tag is not None else "")
    _warn_problems(problems, unreadable_means=lacks)
    if written.text is not None:
        click.echo(written.text.rstrip("\n"))
    _report_writer_findings(written.findings)
    _warn_without_title_or_author(records_without_title_or_author(records), lambda record_id: (
        f'add them: citekit set {shlex.quote(record_id)} title="..." "author=Family, Given"'))


COMMANDS = (add_command, list_command, show_command, set_command, rm_command, search_command, tag_command,
            duplicates_command, bib_command)


def register(group: click.Group) -> None:
    for command in COMMANDS:
        group.add_command(command)
