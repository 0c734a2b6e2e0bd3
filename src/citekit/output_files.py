"""Where a command may write its `-o FILE`: checked before anything is written.

Three refusals, each one line and exit status 2:
- FILE is one of the command's inputs (the same file under any name: the path as typed, a
  symbolic link, a hard link). Writing there would replace what is being read: `export refs.bib
  -o refs.bib` would lose every entry that could not be read and every field BibTeX has no room
  for. `validate --fix` rewriting a CSL-JSON file as CSL-JSON is the one in-place write citekit
  makes on purpose (`commands.fix_input` decides when that applies).
- FILE is, or would become, a record file of the library `bib` reads (a .json file in its folder).
- FILE's suffix says another format than the one written: RIS in a .json file, CSL-JSON in a .bib
  file. A .txt file may hold any text format (`export --to bibtex -o refs.txt`), never Word.
"""

from __future__ import annotations

import os
from typing import Iterable

from citekit.errors import CitekitError

# What a suffix tells a reader (citekit, a reference manager, an editor) the file holds.
_SUFFIX_FORMATS = {".bib": "BibTeX", ".json": "CSL-JSON", ".ris": "RIS", ".yaml": "CSL-YAML", ".yml": "CSL-YAML",
                   ".html": "HTML", ".htm": "HTML", ".md": "Markdown", ".markdown": "Markdown", ".docx": "Word",
                   ".txt": "plain text"}
PLAIN_TEXT_SUFFIX = ".txt"
# biblatex files are .bib files; the writer registry gives .bib to the bibtex writer alone, so that
# the suffix chooses one writer.
_SUFFIXES_WITHOUT_A_WRITER_OF_THEIR_OWN = {"biblatex": (".bib",)}
_RENDERED_LABELS = {"text": "plain text", "html": "HTML", "markdown": "Markdown", "docx": "Word"}


def _format_label_and_suffixes(format_name: str) -> tuple[str, tuple[str, ...]]:
    """("RIS", (".ris",)) for "ris": how messages name a format, and the suffixes its files take."""
    from citekit.bibliography import RENDERED_FORMATS
    from citekit.export import find_writer_spec

    if format_name in RENDERED_FORMATS:
        return _RENDERED_LABELS.get(format_name, format_name), RENDERED_FORMATS[format_name][1]
    spec = find_writer_spec(format_name)
    return spec.label or spec.name, spec.suffixes or _SUFFIXES_WITHOUT_A_WRITER_OF_THEIR_OWN.get(spec.name, ())


def _suffix_formats() -> dict[str, str]:
    """Every suffix with a meaning, including those of writers registered after this module was written."""
    from citekit.export import WRITERS

    known = dict(_SUFFIX_FORMATS)
    for spec in WRITERS.values():
        for suffix in spec.suffixes:
            known.setdefault(suffix, spec.label or spec.name)
    return known


def own_suffix(format_name: str) -> str | None:
    """The suffix a file of this format is named with (".json" for "csljson"), or None."""
    suffixes = _format_label_and_suffixes(format_name)[1]
    return suffixes[0] if suffixes else None


def refuse_other_format_suffix(output: str, format_name: str, *, option: str | None = None,
                               option_choices: Iterable[str] = ()) -> None:
    """Refuse to write `format_name` ("csljson", "ris", "html"…) to a file whose suffix says another format.

    `option` is what chose the format ("--to", "--format"), and `option_choices` what it takes: the hint
    names the choice that writes what the suffix says, when there is one.
    """
    suffix = os.path.splitext(output)[1].lower()
    says = _suffix_formats().get(suffix)
    label, own_suffixes = _format_label_and_suffixes(format_name)
    if says is None or suffix in own_suffixes or (suffix == PLAIN_TEXT_SUFFIX and format_name != "docx"):
        return
    fixes = [f"name the file {os.path.splitext(output)[0]}{own_suffixes[0]}" if own_suffixes
             else "give the file another name"]
    matching = [choice for choice in option_choices if suffix in _format_label_and_suffixes(choice)[1]]
    if option and matching:
        fixes.append(f"give {option} {matching[0]}")
    raise CitekitError(f"this would write {label} into a {suffix} file, which readers take for {says}",
                       source=output, hint=", or ".join(fixes) + "; nothing was written")


def _samefile(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)
    except (OSError, ValueError):  # either does not exist (yet), or a name no file can have
        return False


def refuse_writing_over_input(output: str, inputs: Iterable[str], *, name_ending: str,
                              suggested_suffix: str | None = None) -> None:
    """Refuse an output file that is one of `inputs` (the same file however it is named); "-" (stdin)
    and web addresses are never files. The hint suggests `<input stem>-<name_ending><suffix>`."""
    for path in inputs:
        if path == "-" or "://" in path or not _samefile(output, path):
            continue
        stem, suffix = os.path.splitext(path)
        suggestion = f"{stem}-{name_ending}{suggested_suffix or os.path.splitext(output)[1] or suffix}"
        same_name = os.path.abspath(output) == os.path.abspath(path)
        what = "the input file itself" if same_name else f"the input file {path} under another name"
        raise CitekitError(f"-o names {what}, and writing there would replace what is being read",
                           source=output, hint=f"give another output file, e.g. -o {suggestion}; "
                                               f"{path} is unchanged")


def style_files(style: str | None) -> list[str]:
    """The style as an input file when it is a path to one (`--style mine.csl`), else nothing."""
    if style and (style.endswith(".csl") or "/" in style or os.sep in style) and os.path.isfile(style):
        return [style]
    return []


def _hard_link_to_a_record_file(output: str, folder: str, record_suffix: str) -> bool:
    """Whether `output` is an existing file that is also a record file of `folder` (compared by
    inode first: one stat for the output, none per record file on Linux)."""
    try:
        info = os.stat(output)
        with os.scandir(folder) as entries:
            return any(entry.name.endswith(record_suffix) and entry.inode() == info.st_ino
                       and _samefile(output, entry.path) for entry in entries)
    except OSError:
        return False


def refuse_library_file_as_output(output: str, library_folder: str) -> None:
    """Refuse an output that is a record file of the library, or would become one (a .json file in
    its folder): the library would lose the record, or hold a file that is not one record."""
    from citekit.library_index import RECORD_SUFFIX

    folder = os.path.realpath(library_folder)
    target = os.path.realpath(output)
    name = os.path.basename(target)
    in_folder = os.path.dirname(target) == folder and name.endswith(RECORD_SUFFIX) and not name.startswith(".")
    if in_folder or _hard_link_to_a_record_file(output, folder, RECORD_SUFFIX):
        what = "a record file of the library" if os.path.exists(output) else "a new record file in the library"
        raise CitekitError(f"-o names {what} {library_folder}; writing the bibliography there would "
                           "replace a record or add a file that is not one", source=output,
                           hint="write the bibliography outside the library folder, e.g. -o bibliography"
                                f"{os.path.splitext(output)[1]}; the library is unchanged")


def refuse_unsafe_bibliography_output(output: str, *, fmt: str | None, style: str, library_folder: str) -> None:
    """`bib -o`: not a record file of the library, not the style file, not a suffix of another format."""
    from citekit.bibliography import format_names, output_format

    refuse_library_file_as_output(output, library_folder)
    format_name = output_format(output, fmt)
    refuse_writing_over_input(output, style_files(style), suggested_suffix=own_suffix(format_name),
                              name_ending="bibliography")
    refuse_other_format_suffix(output, format_name, option="--format", option_choices=format_names())
