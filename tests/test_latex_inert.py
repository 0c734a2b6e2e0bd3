"""Hostile field values exported to .bib and compiled by the real toolchain stay text.

One batch of records carries what could make LaTeX do something other than typeset: commands
that read a file (\\input{/etc/passwd}) or run one (\\write18, which `pdflatex -shell-escape`
executes), \\def, \\catcode and \\csname, TeX's "^^5c" (read as a backslash before anything
else), math spans around such commands, unbalanced braces that would close a field early,
"%" comments, a line break followed by "@comment{" or "@misc{x," (a forged entry), and URLs
and DOIs (written verbatim) with braces, backslashes, "%" and line breaks.

The batch is exported as BibTeX (pdflatex + bibtex + plainnat) and biblatex (pdflatex +
biber), both compiled with `-shell-escape`; a third run uses a template without the url
package, which makes plainnat read URLs and DOIs as ordinary LaTeX. A control line in each
document proves that shell escape really runs there. What is checked: no file made by a
command, /etc/passwd never opened, every entry typeset with no LaTeX error, and the hostile
text present, character for character, in what pdflatex typeset (its \\showoutput box dump).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

if shutil.which("pdflatex") is None or shutil.which("biber") is None:
    pytest.skip("pdflatex and biber are not installed", allow_module_level=True)

from citekit.export.bibtex import export_bibtex  # noqa: E402
from citekit.export.latex_titles import is_safe_math  # noqa: E402
from citekit.model import records_from_csl  # noqa: E402
from test_latex_toolchain import HEAD, _run, latex_problems  # noqa: E402

COMMANDS = r"\input{/etc/passwd} \write18{touch PWNED-a} \immediate\write18{touch PWNED-b} \catcode \def\x{y}"
# The typeset text each value must show (spaces collapsed), as typed.
HOSTILE = [
    {"id": "commands", "type": "book", "title": COMMANDS + r" \csname relax\endcsname ^^5cinput /etc/passwd",
     "author": [{"family": r"}\input{/etc/passwd}", "given": "^^5c{"}],
     "publisher": r"\immediate\write18{touch PWNED-c}}}}", "issued": {"date-parts": [[2020]]}},
    {"id": "math", "type": "article-journal", "title": r"Math $\input{/etc/passwd}$ and $\immediate\write18{touch PWNED-d}$",
     "container-title": r"Hex $^^5cinput{/etc/passwd}$ and $\def\x{y}\catcode`\^^M=13$ and $x^2$",
     "issued": {"date-parts": [[2020]]}},
    {"id": "injection", "type": "article-journal", "title": "Closing } braces { unbalanced % not a comment # ~ \\\\",
     "container-title": "Journal\n@comment{\n@misc{x,\n  title = {Forged}}",
     "note": "Note}\n@misc{forged, title = {Forged}}\n%", "issued": {"date-parts": [[2021]]}},
    {"id": "addresses", "type": "webpage", "title": "Addresses",
     "URL": "https://example.com/a}\\input{/etc/passwd}%\n@misc{y,\\write18{touch PWNED-e}",
     "DOI": "10.1000/x}\\input /etc/passwd ^^5cwrite18{touch PWNED-f}%", "issued": {"date-parts": [[2022]]}},
]
# What each hostile value must look like in the typeset text.
SHOWN = [
    COMMANDS + r" \csname relax\endcsname ^^5cinput /etc/passwd",
    r"}\input{/etc/passwd}",
    r"\immediate\write18{touch PWNED-c}}}}",
    r"Math $\input{/etc/passwd}$ and $\immediate\write18{touch PWNED-d}$",
    r"Hex $^^5cinput{/etc/passwd}$ and $\def\x{y}\catcode`\^^M=13$ and",
    "Closing } braces { unbalanced % not a comment # ~ \\\\",
    "Journal @comment{ @misc{x, title = {Forged}}",
    "Note} @misc{forged, title = {Forged}} %",
]
CONTROL = "\\immediate\\write18{touch shell-escape-works}\n\\showoutput\n\\hyphenpenalty=10000\n"
NATBIB = HEAD + ("\\usepackage{natbib}\n\\usepackage{url}\n" + CONTROL + "\\begin{document}\n\\nocite{*}\n"
                 "\\bibliographystyle{plainnat}\n\\bibliography{refs}\n\\end{document}\n")
NATBIB_WITHOUT_URL = NATBIB.replace("\\usepackage{url}\n", "")
BIBLATEX = HEAD + ("\\usepackage[style=authoryear]{biblatex}\n\\addbibresource{refs.bib}\n\\usepackage{hyperref}\n"
                   + CONTROL + "\\begin{document}\n\\nocite{*}\n\\printbibliography\n\\end{document}\n")


def _compile(folder: Path, bib: str, document: str, tool: list[str]) -> tuple[str, str, int]:
    """pdflatex -shell-escape, the bibliography tool, pdflatex again: (log, .bbl, last return code)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "refs.bib").write_text(bib, encoding="utf-8")
    (folder / "doc.tex").write_text(document, encoding="utf-8")
    command = ["pdflatex", "-shell-escape", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    _run(command, folder)
    _run(tool, folder)
    last = _run(command, folder)
    bbl = folder / "doc.bbl"
    return ((folder / "doc.log").read_text(encoding="utf-8", errors="replace"),
            bbl.read_text(encoding="utf-8", errors="replace") if bbl.exists() else "", last.returncode)


# \showoutput lists each typeset character as "..\T1/cmr/m/n/10 x"; math braces come from cmsy.
_GLYPH = re.compile(r"^\.+\\(?P<font>[A-Z0-9]+)/\S+ (?P<char>\S+)(?: \(ligature (?P<ligature>[^)]+)\))?$")
_SYMBOL_FONT = {"f": "{", "g": "}", "n": "\\"}


def typeset_text(log: str) -> str:
    """The characters pdflatex put on the page, in order; a discretionary's hyphen (the form a
    word takes when broken there) is left out, so words read as they were typed."""
    out = []
    inside_discretionary = None  # the depth of the \discretionary whose parts are being skipped
    for line in log.splitlines():
        depth = len(line) - len(line.lstrip("."))
        if inside_discretionary is not None and depth > inside_discretionary:
            continue
        inside_discretionary = depth if line[depth:].startswith("\\discretionary") else None
        match = _GLYPH.match(line)
        if match:
            char = match["ligature"] or match["char"]
            out.append(_SYMBOL_FONT.get(char, char) if match["font"] == "OMS" else char)
        elif line[depth:].startswith("\\glue"):
            out.append(" ")
    return "".join(out)


def _assert_inert(folder: Path, log: str, bbl: str) -> None:
    assert (folder / "shell-escape-works").exists()  # the control: shell escape does run here
    made = sorted(path.name for path in folder.iterdir() if "PWNED" in path.name)
    assert made == []
    assert not list(Path.cwd().glob("PWNED*"))
    assert "(/etc/passwd" not in log.replace("\n", "")  # pdflatex logs "(file" for each file it reads
    assert "root:" not in log and "root:" not in bbl


@pytest.fixture(scope="module")
def records():
    return records_from_csl(HOSTILE)


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_hostile_values_compile_as_text(records, tmp_path, dialect):
    bib, _ = export_bibtex(records, dialect)
    assert len(re.findall(r"^@\w+\{", bib, re.MULTILINE)) == len(HOSTILE) + ("@preamble" in bib)  # nothing forged
    document, tool = (BIBLATEX, ["biber", "doc"]) if dialect == "biblatex" else (NATBIB, ["bibtex", "doc"])
    log, bbl, returncode = _compile(tmp_path, bib, document, tool)
    _assert_inert(tmp_path, log, bbl)
    assert returncode == 0 and latex_problems(log) == []
    # Lines are broken at spaces and after hyphens (hyphenation itself is off): compare without spaces.
    text = re.sub(r"\s", "", typeset_text(log))
    for shown in SHOWN:
        assert re.sub(r"\s", "", shown) in text, shown
    for key in ("commands", "math", "injection", "addresses"):
        assert key in bbl


def test_urls_and_dois_cannot_break_out(records, tmp_path):
    bib, findings = export_bibtex(records, "bibtex")
    fields = dict(re.findall(r"^  (url|doi) = \{(.*)\},$", bib, re.MULTILINE))
    # Braces, backslashes, carets and whitespace percent-encoded: no command, no early end, one line.
    assert fields == {
        "url": "https://example.com/a%7D%5Cinput%7B/etc/passwd%7D%%0A@misc%7By,%5Cwrite18%7Btouch%20PWNED-e%7D",
        "doi": "10.1000/x%7D%5Cinput%20/etc/passwd%20%5E%5E5cwrite18%7Btouch%20PWNED-f%7D%",
    }
    assert {f.code for f in findings if f.record_id == "addresses"} >= {"export-braces-encoded",
                                                                        "export-characters-encoded"}
    # Without the url package, plainnat's .bbl reads \url and \doi arguments as LaTeX.
    log, bbl, _ = _compile(tmp_path, bib, NATBIB_WITHOUT_URL, ["bibtex", "doc"])
    _assert_inert(tmp_path, log, bbl)


@pytest.mark.parametrize(("content", "safe"), [
    ("x^2 + y_1", True), (r"\alpha \leq \frac{1}{2}", True), (r"\mathrm{H}_2O", True), ("E=mc^2", True),
    (r"\input{/etc/passwd}", False), (r"\immediate\write18{ls}", False), (r"\def\x{y}", False),
    (r"\catcode`\^^M=13", False), ("^^5cinput x", False), (r"\csname x\endcsname", False),
    (r"\expandafter\x", False), (r"\openout1=x", False), (r"\alpha}{", False),
])
def test_only_typesetting_commands_count_as_math(content, safe):
    assert is_safe_math(content) is safe
