"""The `citekit` command: thin click wrappers over the plain functions in `citekit.commands`.

Every error a user can cause becomes one line on stderr and exit status 2; "validated, problems
found" is 1; Ctrl-C is "citekit: interrupted" and 130; anything else that escapes is a bug,
reported in one line with exit status 3.
"""

from __future__ import annotations

import os
import sys
from typing import Callable, Iterable

import click

from citekit.cli_library import STYLE_HELP
from citekit.cli_paths import NamedPath, OutputPath
from citekit.errors import CitekitError, ExitStatus, escape_controls, one_line, or_list, visible_value
from citekit.export import DEFAULT_WRITER, writer_labels, writer_names, writer_suffixes

INPUT_HELP = "INPUT is a file with an Article Details block or CSL-JSON, or - for stdin."
# Help texts that name the export formats are built from the writer registry, so a new writer shows in all of them.
EXPORT_FORMATS = or_list(writer_labels())  # "BibTeX, biblatex, CSL-JSON or RIS"


def _emit(text: str, output: str | None) -> None:
    """`text` on stdout or into `output` (atomically), ending in one line break; on stdout nothing
    at all for no text (every work left out of a reference list), not an empty line."""
    if output:
        from citekit.fileio import write_atomic

        write_atomic(output, text if text.endswith("\n") else text + "\n")
    elif text:
        click.echo(text)


def _say(message: str) -> None:
    """One message on stderr, on one line whatever the values quoted in it hold (line breaks, escapes)."""
    click.echo(one_line(message), err=True)


def _report_parser_findings(findings, source: str) -> bool:
    """What a parser noticed, one line each on stderr, located in the input; True if any is an error
    (an entry that could not be read: the command then ends with exit status 1).

    Commands call it once their work is done: a command that fails says so in its one error line,
    without notices before it (the error's hint says what to run to see them)."""
    from citekit.findings import Severity

    for finding in findings:
        where = ":".join(part for part in ("<stdin>" if source == "-" else source, finding.location) if part)
        _say(f"citekit: {finding.severity.value}: {where}: {finding.message}")
    return any(finding.severity == Severity.ERROR for finding in findings)


def _say_entries_left_out(findings, source: str, output: str | None) -> None:
    """After the parser's errors: what the output lacks because of them, and that the input is as it was,
    so that a partial file is never taken for a complete one."""
    from citekit.findings import entries_left_out

    left_out = entries_left_out(findings)
    if not left_out:
        return
    entries, them = ("1 entry", "it") if left_out == 1 else (f"{left_out} entries", "them")
    where = output or "the output"
    if source == "-":
        _say(f"citekit: warning: {where} lacks {entries} of the input, which could not be read (see above): "
             f"fix {them} and run the command again to include {them}")
        return
    _say(f"citekit: warning: {where} lacks {entries} of {source}, which could not be read (see above); "
         f"{source} itself is unchanged: fix {them} there and run the command again to include {them}")


def _refuse_unsafe_output(output: str | None, inputs: list[str], format_name: str, *, name_ending: str,
                          option: str | None = None, option_choices: Iterable[str] = ()) -> None:
    """Before anything is read: -o must not name an input, nor a file whose suffix says another format.
    `option` chose `format_name` among `option_choices` (`--format html`), if an option did."""
    from citekit.output_files import own_suffix, refuse_other_format_suffix, refuse_writing_over_input

    if output:
        refuse_writing_over_input(output, inputs, suggested_suffix=own_suffix(format_name), name_ending=name_ending)
        refuse_other_format_suffix(output, format_name, option=option, option_choices=option_choices)


def _refuse_undecodable(args: list[str]) -> None:
    """Bytes that are not UTF-8 reach Python as lone surrogates, which no output or index can hold:
    refuse them at once, naming the argument, rather than fail later as a bug."""
    for position, arg in enumerate(args, start=1):
        if isinstance(arg, str) and any("\ud800" <= char <= "\udfff" for char in arg):
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise CitekitError(f"argument {position} ('{shown}') is not UTF-8 text",
                               hint="retype it, or rename the file so that its name is UTF-8")


def _report_writer_findings(findings) -> None:
    """What an export writer could not carry (a field RIS has no tag for…), or a work the style keeps
    out of its reference list, one line each on stderr, with what to do about it; the output is
    written all the same, so the exit status stays as it is. Each line names its record:
    in a list of hundreds, "Not written to bibtex: medium" alone would not say where to look."""
    for finding in findings:
        about = f"{finding.record_id}: " if finding.record_id else ""
        fix = f" ({finding.fix})" if finding.fix else ""
        _say(f"citekit: {finding.severity.value}: {about}{finding.message}{fix}")


def _warn_without_title_or_author(record_ids: list[str], fix_for: Callable[[str], str]) -> None:
    """A record with neither title nor author cites as little more than "(n.d.)": say so, and what to add."""
    for record_id in record_ids:
        _say(f"citekit: warning: record '{record_id}' has no title and no author, so its citation cannot say "
             f"what the work is ({fix_for(record_id)})")


def _exit_if(problems: bool) -> None:
    if problems:
        sys.exit(ExitStatus.PROBLEMS_FOUND)


class _Interrupted(Exception):
    """Ctrl-C inside a command, carried past click (which would print a blank line and raise Abort)."""


def _say_interrupted() -> None:
    if sys.stderr.isatty():
        click.echo(err=True)  # end the line holding the ^C the terminal echoed
    _say("citekit: interrupted")
    sys.exit(ExitStatus.INTERRUPTED)


class _Group(click.Group):
    """The command group, with citekit's error contract around every command (also under CliRunner)."""

    def format_epilog(self, ctx, formatter):
        formatter.write_paragraph()
        formatter.write_text("Example: citekit cite article.txt --style mla")

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise _Interrupted() from None

    def main(self, args=None, prog_name=None, **extra):  # noqa: C901 - one handler per exit contract
        extra["standalone_mode"] = False
        try:
            args = list(sys.argv[1:] if args is None else args)
            _refuse_undecodable(args)
            super().main(args=args, prog_name=prog_name, **extra)
        except CitekitError as exc:
            _say(f"citekit: error: {exc}")
            sys.exit(exc.exit_status)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.exceptions.NoArgsIsHelpError as exc:
            # `citekit` alone: the help is what the student needs, on stdout; the error stays one line.
            click.echo(exc.ctx.get_help())
            click.echo(f"citekit: error: no command given (choose one of the commands above; "
                       f"see '{exc.ctx.command_path} COMMAND --help')", err=True)
            sys.exit(ExitStatus.BAD_INPUT)
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "citekit"
            _say(f"citekit: error: {exc.format_message()} (see '{command} --help')")
            sys.exit(ExitStatus.BAD_INPUT)
        except (_Interrupted, KeyboardInterrupt, click.Abort):
            # click.Abort: Ctrl-C while click was still reading the command line.
            _say_interrupted()
        except BrokenPipeError:
            # The reader went away (e.g. `| head`): nothing left to say, and nothing to blame on the user.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(ExitStatus.OK)
        except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback for users
            if os.environ.get("CITEKIT_DEBUG"):
                raise
            from citekit.fileio import is_full_or_read_only, unexpected_os_error

            if is_full_or_read_only(exc):
                # A full disk or a permission refused where no command expected it: the user's to fix,
                # said without guessing what was being done (the commands name their own failures).
                _say(f"citekit: error: {unexpected_os_error(exc)}")
                sys.exit(ExitStatus.BAD_INPUT)
            _say(f"citekit: internal error: {type(exc).__name__}: {exc} "
                 "(this is a bug in citekit; run with CITEKIT_DEBUG=1 for details)")
            sys.exit(ExitStatus.INTERNAL_ERROR)
        sys.exit(ExitStatus.OK)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]},
             help=f"Checked MLA, APA and Chicago citations, and {EXPORT_FORMATS} files, "
                  "from pasted Article Details, CSL-JSON, BibTeX, RIS or a saved web page.")
@click.version_option(package_name="citekit", message="citekit %(version)s")
def cli() -> None:
    pass


@cli.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--id", "record_id", help="The id to give the record (default: made from author, year and title).")
@click.option("-o", "--output", type=OutputPath(dir_okay=False), help="Write the CSL-JSON here (- for stdout).")
def parse(input_path: str, record_id: str | None, output: str | None) -> None:
    """Read INPUT and print the records as CSL-JSON.

    \b
    Example: citekit parse article.txt --id lenin-armistice -o records/lenin-armistice.json
    """
    from citekit import commands

    _refuse_unsafe_output(output, [input_path], "csljson", name_ending="records")
    parsed = commands.parse_records(input_path, record_id=record_id)
    _emit(commands.records_as_json(parsed.records), output)
    problems = _report_parser_findings(parsed.findings, input_path)
    _say_entries_left_out(parsed.findings, input_path, output)
    _exit_if(problems)


@cli.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--style", "-s", help="Only the rules that matter for this style (default: all styles).")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON, for tools.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@click.option("--id", "record_id", help="The id to give a record read from Article Details.")
@click.option("--fix", is_flag=True, help="Apply the suggested fixes that are certain (title typography). A CSL-JSON "
              "file is rewritten in place unless -o is given; anything else is written as CSL-JSON to -o or stdout.")
@click.option("-o", "--output", type=NamedPath(dir_okay=False),
              help="With --fix: write the fixed CSL-JSON here (- for stdout, leaving the input as it is).")
def validate(input_path: str, style: str | None, as_json: bool, strict: bool, record_id: str | None,
             fix: bool, output: str | None) -> None:
    """Say what is missing or doubtful in each record, and what each style will do about it.

    Exit status: 0 clean, 1 errors found (or warnings, with --strict), 2 unusable input.

    \b
    Examples:
      citekit validate article.txt --style mla
      citekit validate article.txt --fix -o article.json
    """
    from citekit import commands

    if output and not fix:
        raise click.UsageError("-o is for the fixed records: use it with --fix")
    if not fix:
        findings = commands.validate_input(input_path, style=style, record_id=record_id)
        click.echo(escape_controls(commands.format_findings(findings, as_json=as_json)))
        sys.exit(commands.validation_exit_status(findings, strict=strict))
    result = commands.fix_input(input_path, output=output, style=style, record_id=record_id)
    for change in result.repairs:
        # Not through _say, which makes runs of spaces one: the values are shown as they are ("War and  Peace").
        shown = [visible_value(str(part)) for part in (change.record_id, change.field, change.before, change.after)]
        click.echo(f"citekit: fixed: record '{shown[0]}': {shown[1]}: \"{shown[2]}\" -> \"{shown[3]}\" "
                   f"({change.code})", err=True)
    if result.stdout_text is not None:
        click.echo(result.stdout_text, nl=False)
    # The findings left after fixing; on stderr when stdout carries the fixed records.
    click.echo(escape_controls(commands.format_findings(result.findings, as_json=as_json)),
               err=result.stdout_text is not None)
    sys.exit(commands.validation_exit_status(result.findings, strict=strict))


@cli.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--style", "-s", default="mla", show_default=True, help=STYLE_HELP)
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "html", "markdown"]), default="text",
              show_default=True, help="text, html (escaped, italics as <i>) or markdown (*italics*).")
@click.option("--mode", "-m", type=click.Choice(["bib", "intext", "note", "short-note"]), default="bib",
              show_default=True,
              help="bib: reference-list entry; intext: parenthetical citation; note: footnote (note styles); "
                   "short-note: a later footnote to a work already cited in full.")
@click.option("--locator", help="Where in the source, e.g. 23 for page 23 (with --mode intext, note or short-note).")
@click.option("--label", default="page", show_default=True, help="What the locator counts: page, chapter, section…")
@click.option("--engine", type=click.Choice(["pandoc", "citeproc-py"]), default="pandoc", show_default=True,
              help="pandoc's citeproc (default) or the in-process citeproc-py.")
@click.option("--locale", help="Language of terms and dates, e.g. en-US (default: the style's, else en-US).")
@click.option("--no-rule", "disabled_rules", multiple=True, metavar="CODE",
              help="Switch off one of citekit's guide rules (see `citekit styles --rules`).")
@click.option("--retrieved", is_flag=True, help="APA 7: give the retrieval date (pages designed to change, "
              "e.g. a live page); without it only an undated dictionary or encyclopedia entry carries one.")
@click.option("--id", "record_id", help="The id to give a record read from Article Details.")
@click.option("-o", "--output", type=OutputPath(dir_okay=False), help="Write the citations here (- for stdout).")
def cite(input_path: str, style: str, fmt: str, mode: str, locator: str | None, label: str, engine: str,
         locale: str | None, disabled_rules: tuple[str, ...], retrieved: bool, record_id: str | None,
         output: str | None) -> None:
    """Print citations for the records in INPUT: one per line, the reference list sorted as the style says.

    \b
    Examples:
      citekit cite article.txt --style mla
      citekit cite article.txt --style mla --mode intext --locator 23
      citekit cite refs.json --style chicago --mode note --format html
    """
    import shlex

    from citekit import commands
    from citekit.output_files import style_files

    _refuse_unsafe_output(output, [input_path, *style_files(style)], fmt, name_ending="citations",
                          option="--format", option_choices=("text", "html", "markdown"))
    parsed = commands.parse_records(input_path, record_id=record_id)
    left_out: list = []
    lines = commands.cite_records(parsed.records, style=style, mode=mode, fmt=fmt, engine=engine,
                                  locator=locator, label=label, locale=locale,
                                  disabled_rules=frozenset(disabled_rules), retrieved=retrieved,
                                  left_out=left_out)
    _report_writer_findings(left_out)  # works the style cites only in notes or in the text
    if lines or not output:
        _emit("\n".join(lines), output)
    else:  # an empty file would only replace what the student had there
        _say(f"citekit: warning: no citation to write, so {output} is left as it was")
    problems = _report_parser_findings(parsed.findings, input_path)
    _say_entries_left_out(parsed.findings, input_path, output)
    # A warning, as the parsers' are: the citation is printed and the exit status stays 0.
    where = "the record you gave on stdin" if input_path == "-" else f"the record in {input_path}"
    _warn_without_title_or_author(commands.records_without_title_or_author(parsed.records),
                                  lambda _: f'add "title", and "author" if the source names one, to {where}; '
                                            f"citekit validate {shlex.quote(input_path)} lists what else is missing")
    _exit_if(problems)


@cli.command(short_help=f"Write the records in INPUT as {EXPORT_FORMATS}.",  # never cut short in the list
             help=f"""Write the records in INPUT as {EXPORT_FORMATS}.

    \b
    Examples:
      citekit export article.txt --to biblatex
      citekit export article.txt -o refs.bib
    """)
@click.argument("input_path", metavar="INPUT")
@click.option("--to", "writer", help=f"{or_list(writer_names())} (default: from the -o suffix, else {DEFAULT_WRITER}).")
@click.option("-o", "--output", type=OutputPath(dir_okay=False),
              help=f"Write here (- for stdout); the format follows the suffix: {' '.join(writer_suffixes())}.")
@click.option("--id", "record_id", help="The id to give a record read from Article Details.")
def export(input_path: str, writer: str | None, output: str | None, record_id: str | None) -> None:
    from citekit import commands
    from citekit.export import find_writer_spec

    if output:
        # With --to the writer is chosen by name; without it the suffix chooses (or is refused as unknown).
        _refuse_unsafe_output(output, [input_path], find_writer_spec(writer, path=output).name,
                              name_ending="export", option="--to" if writer else None,
                              option_choices=writer_names())
    parsed = commands.parse_records(input_path, record_id=record_id)
    text, findings = commands.export_records(parsed.records, writer=writer, output=output)
    _emit(text, output)
    problems = _report_parser_findings(parsed.findings, input_path)
    _report_writer_findings(findings)
    _say_entries_left_out(parsed.findings, input_path, output)
    _exit_if(problems)


@cli.command()
@click.argument("words", nargs=-1, metavar="[WORDS]…")
@click.option("--rules", is_flag=True, help="List citekit's own guide rules instead of styles.")
def styles(words: tuple[str, ...], rules: bool) -> None:
    """List citekit's style aliases, or search the 2,800+ CSL styles by name or title.

    \b
    Examples:
      citekit styles
      citekit styles chicago author date
    """
    from citekit import commands

    click.echo(commands.list_rules() if rules else commands.list_styles(" ".join(words) or None))


@cli.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--id", "record_id", help="The id to give a record read from Article Details.")
@click.option("--engine", type=click.Choice(["pandoc", "citeproc-py"]), default="pandoc", show_default=True)
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "html", "markdown"]), default="markdown",
              show_default=True, help="How citations are shown; markdown marks italics as *italics*.")
def report(input_path: str, record_id: str | None, engine: str, fmt: str) -> None:
    """Everything at once: the record, what is missing, MLA 9, APA 7 and both Chicago styles, and BibTeX.

    \b
    Example: citekit report article.txt
    """
    from citekit import commands

    click.echo(commands.full_report(input_path, record_id=record_id, engine=engine, fmt=fmt))


def main(argv: list[str] | None = None) -> None:
    """The console script."""
    cli.main(args=sys.argv[1:] if argv is None else argv, prog_name="citekit")


from citekit.cli_library import register as _register_library_commands  # noqa: E402 - after the group exists

_register_library_commands(cli)
