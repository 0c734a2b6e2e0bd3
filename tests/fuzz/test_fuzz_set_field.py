"""Fuzzing `citekit set ID FIELD=VALUE`: reading the assignment, then the record it makes."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from citekit.errors import CitekitError
from citekit.library_fields import apply_assignments, read_assignment

from .properties import check_csl, check_error
from .strategies import assignment

RECORD = {"id": "lenin", "type": "webpage", "title": "T", "author": [{"literal": "Staff"}],
          "accessed": {"date-parts": [[2018, 3, 22]]}}


@given(st.lists(assignment, min_size=1, max_size=3))
@example(["URL=https://[::1"])  # found: urlsplit's ValueError escaped
@example(["author=" + "[" * 5000 + "]" * 5000])  # found: RecursionError from the JSON reader
@example(["issued={\"date-parts\": [[" + "9" * 5000 + "]]}"])  # found: ValueError, over 4300 digits
@example(['issued={"date-parts": [[1e999]]}'])  # Infinity as a year: refused, naming the field
def test_assignments_give_a_valid_record_or_an_error_naming_the_field(texts):
    try:
        assignments = [read_assignment(text) for text in texts]
    except CitekitError as error:
        check_error(error, None)
        assert error.location, str(error)
        return
    check_csl(apply_assignments(RECORD, assignments))
