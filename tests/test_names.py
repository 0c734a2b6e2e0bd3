"""citekit.names: bylines as CSL names, without what MLA 9, APA 7 and Chicago leave out of a name."""

from __future__ import annotations

import pytest

from citekit.names import parse_author_names, read_author_names

JANE_DOE = {"family": "Doe", "given": "Jane"}


@pytest.mark.parametrize(("byline", "names", "left_out"), [
    # the guides' rule: titles before and degrees after a name are not part of it
    ("Dr. Jane Doe, PhD", [JANE_DOE], [("Dr. Jane Doe, PhD", ["Dr.", "PhD"])]),
    ("Prof. John Smith", [{"family": "Smith", "given": "John"}], [("Prof. John Smith", ["Prof."])]),
    ("Professor John Smith", [{"family": "Smith", "given": "John"}], [("Professor John Smith", ["Professor"])]),
    ("Jane Doe, MD", [JANE_DOE], [("Jane Doe, MD", ["MD"])]),
    ("Jane Doe, M.D.", [JANE_DOE], [("Jane Doe, M.D.", ["M.D."])]),
    ("Jane Doe, Ph. D.", [JANE_DOE], [("Jane Doe, Ph. D.", ["Ph. D."])]),
    ("Jane Doe PhD", [JANE_DOE], [("Jane Doe PhD", ["PhD"])]),
    ("JANE DOE, PHD", [{"family": "DOE", "given": "JANE"}], [("JANE DOE, PHD", ["PHD"])]),
    ("Mrs. Jane Doe", [JANE_DOE], [("Mrs. Jane Doe", ["Mrs."])]),
    ("Ms Jane Doe, MA, FRS", [JANE_DOE], [("Ms Jane Doe, MA, FRS", ["Ms", "MA", "FRS"])]),
    ("Prof. Dr. Hans Weber", [{"family": "Weber", "given": "Hans"}], [("Prof. Dr. Hans Weber", ["Prof.", "Dr."])]),
    ("Doe, Dr. Jane", [JANE_DOE], [("Doe, Dr. Jane", ["Dr."])]),
    ("Doe, Jane, J.D.", [JANE_DOE], [("Doe, Jane, J.D.", ["J.D."])]),
    # "Jr." is part of the name: the CSL suffix
    ("Rev. Martin Luther King Jr.", [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}],
     [("Rev. Martin Luther King Jr.", ["Rev."])]),
    ("King, Martin Luther, Jr., PhD", [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}],
     [("King, Martin Luther, Jr., PhD", ["PhD"])]),
    # several authors, each with its own
    ("Jane Doe, MD, Tom Lee, PhD", [JANE_DOE, {"family": "Lee", "given": "Tom"}],
     [("Jane Doe, MD", ["MD"]), ("Tom Lee, PhD", ["PhD"])]),
    ("By Dr. Jane Doe and Prof. Tom Lee", [JANE_DOE, {"family": "Lee", "given": "Tom"}],
     [("Dr. Jane Doe", ["Dr."]), ("Prof. Tom Lee", ["Prof."])]),
    # library catalogue headings: life dates and the maker's role are not part of the name
    ("Lincoln, Abraham, 1809-1865", [{"family": "Lincoln", "given": "Abraham"}],
     [("Lincoln, Abraham, 1809-1865", ["1809-1865"])]),
    ("Smith, Jane, 1950-", [{"family": "Smith", "given": "Jane"}], [("Smith, Jane, 1950-", ["1950-"])]),
    ("King, Martin Luther, Jr., 1929-1968", [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}],
     [("King, Martin Luther, Jr., 1929-1968", ["1929-1968"])]),
    ("Lange, Dorothea, photographer", [{"family": "Lange", "given": "Dorothea"}],
     [("Lange, Dorothea, photographer", ["photographer"])]),
    ("Department of State. (1789 - )", [{"literal": "Department of State"}],
     [("Department of State. (1789 - )", ["(1789 - )"])]),
    ("Farm Security Administration. (1937 - 1942)", [{"literal": "Farm Security Administration"}],
     [("Farm Security Administration. (1937 - 1942)", ["(1937 - 1942)"])]),
    ("U.S. Army Signal Corps (1860- )", [{"literal": "U.S. Army Signal Corps"}],
     [("U.S. Army Signal Corps (1860- )", ["(1860- )"])]),
    ("Smith, John (1900-1980)", [{"family": "Smith", "given": "John"}], [("Smith, John (1900-1980)", ["(1900-1980)"])]),
])
def test_titles_and_degrees_are_left_out(byline, names, left_out):
    found = read_author_names(byline)
    assert found.names == names
    assert found.left_out == left_out
    assert parse_author_names(byline) == names


@pytest.mark.parametrize(("byline", "names"), [
    # a name known with its title stays as written: MLA 9 and Chicago list "Seuss, Dr."
    ("Dr. Seuss", [{"family": "Seuss", "given": "Dr."}]),
    ("Dr.", [{"literal": "Dr."}]),
    # capitals after a lone family name are initials: J. D. Smith, M. A. Smith
    ("Smith, J.D.", [{"family": "Smith", "given": "J.D."}]),
    ("Smith, MA", [{"family": "Smith", "given": "MA"}]),
    ("Yo-Yo Ma", [{"family": "Ma", "given": "Yo-Yo"}]),
    ("YO-YO MA", [{"family": "MA", "given": "YO-YO"}]),
    # a degree with no given name before it leaves no name to split: kept as written
    ("Smith, PhD", [{"literal": "Smith, PhD"}]),
    # "Sir" and "Dame" are kept (citekit's choice: part of how a knight or dame is named)
    ("Sir Arthur Conan Doyle", [{"family": "Doyle", "given": "Sir Arthur Conan"}]),
    ("Dame Judi Dench", [{"family": "Dench", "given": "Dame Judi"}]),
    # an organisation is never trimmed
    ("Dr. Pepper Snapple Group", [{"literal": "Dr. Pepper Snapple Group"}]),
    # words that merely start like a title or a byline
    ("Drew Barrymore", [{"family": "Barrymore", "given": "Drew"}]),
    ("Byron Smith", [{"family": "Smith", "given": "Byron"}]),
])
def test_what_is_not_a_title_or_degree_stays(byline, names):
    found = read_author_names(byline)
    assert found.names == names
    assert found.left_out == []


@pytest.mark.parametrize(("byline", "names"), [
    ("By Jane Doe", [JANE_DOE]),
    ("by Jane Doe and Tom Lee", [JANE_DOE, {"family": "Lee", "given": "Tom"}]),
    ("BY JANE DOE", [{"family": "DOE", "given": "JANE"}]),
    ("By: Jane Doe", [JANE_DOE]),
    ("By the Editors", [{"literal": "the Editors"}]),
    ("By", [{"literal": "By"}]),
])
def test_the_byline_word_is_not_a_name(byline, names):
    assert parse_author_names(byline) == names


@pytest.mark.parametrize(("byline", "family", "given"), [
    ("Vincent van Gogh", "van Gogh", "Vincent"),
    ("Luca della Robbia", "della Robbia", "Luca"),
    ("Osama bin Laden", "bin Laden", "Osama"),
    ("Maria dos Santos", "dos Santos", "Maria"),
    ("Ludwig van der Rohe", "van der Rohe", "Ludwig"),
])
def test_particles_stay_with_the_family_name(byline, family, given):
    assert parse_author_names(byline) == [{"family": family, "given": given}]


@pytest.mark.parametrize(("byline", "names"), [
    # family name first, then the given names: a particle or an initial says so
    ("Le Guin, Ursula K.", [{"family": "Le Guin", "given": "Ursula K."}]),
    ("de la Cruz, Juana Inés", [{"family": "de la Cruz", "given": "Juana Inés"}]),
    ("Du Bois, W. E. B.", [{"family": "Du Bois", "given": "W. E. B."}]),
    ("Van Gogh, Vincent Willem", [{"family": "Van Gogh", "given": "Vincent Willem"}]),
    # two full names in natural order are two people
    ("Zadie Smith, Tom Jones", [{"family": "Smith", "given": "Zadie"}, {"family": "Jones", "given": "Tom"}]),
])
def test_a_family_name_of_several_words_before_the_comma_is_one_name(byline, names):
    assert parse_author_names(byline) == names


@pytest.mark.parametrize(("byline", "names"), [
    ("JANE DOE AND JOHN ROE", [{"family": "DOE", "given": "JANE"}, {"family": "ROE", "given": "JOHN"}]),
    ("Jane Doe And John Roe", [JANE_DOE, {"family": "Roe", "given": "John"}]),
    ("Jane Doe & John Roe", [JANE_DOE, {"family": "Roe", "given": "John"}]),
    ("Procter & Gamble", [{"literal": "Procter & Gamble"}]),
    ("Simon & Schuster", [{"literal": "Simon & Schuster"}]),
])
def test_and_in_any_case_and_an_ampersand_between_people_separate_authors(byline, names):
    assert parse_author_names(byline) == names


@pytest.mark.parametrize("byline", ["Elizabeth II", "Henry VIII", "Malcolm X"])
def test_a_given_name_with_a_regnal_number_is_kept_as_written(byline):
    assert parse_author_names(byline) == [{"literal": byline}]
