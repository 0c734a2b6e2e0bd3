"""validate's rule for initials written together ("Smith, SA", as Google Scholar's BibTeX writes them),
a suggestion that validate --fix never applies (a name's letters are the student's to judge). MLA 9, APA 7 and Chicago write initials with a period each
and a space between them: "Smith, S. A."."""

from __future__ import annotations

from citekit.findings import Severity
from citekit.model import record_from_csl
from citekit.validate import repair_record, validate_record


def record(*names: dict, role: str = "author"):
    return record_from_csl({"id": "x", "type": "article-journal", "title": "Soviet workers",
                            "container-title": "Slavic Review", "issued": {"date-parts": [[2019]]}, role: list(names)})


def found(rec) -> list[tuple]:
    return [(f.code, f.severity, f.field) for f in validate_record(rec, style="apa") if f.code == "initials-run-together"]


def test_initials_run_together_are_a_warning_with_the_spaced_form():
    [finding] = [f for f in validate_record(record({"family": "Smith", "given": "SA"}), style="apa")
                 if f.code == "initials-run-together"]
    assert (finding.severity, finding.field) == (Severity.WARNING, "author")
    assert finding.message == ('The given name "SA" of "Smith, SA" looks like initials written together, as Google '
                               "Scholar writes them.")
    assert finding.fix == ('If "SA" stands for initials, store them as "S. A."; --fix leaves names to you, since "SA" '
                           "may be a name.")


def test_editors_and_three_initials_too():
    assert found(record({"family": "Tolkien", "given": "JRR"}, role="editor")) == [
        ("initials-run-together", Severity.WARNING, "editor")]


def test_names_in_capitals_and_real_given_names_are_left_alone():
    assert found(record({"family": "SMITH", "given": "SA"})) == []  # a byline in capitals
    assert found(record({"family": "Smith", "given": "Sam"})) == []
    assert found(record({"family": "Smith", "given": "S. A."})) == []
    assert found(record({"family": "Smith", "given": "S"})) == []  # one initial: the styles add the period


def test_fix_leaves_the_name_as_written():
    fixed, changes = repair_record(record({"family": "Smith", "given": "SA"}))
    assert (fixed.to_csl()["author"], changes) == ([{"family": "Smith", "given": "SA"}], [])
