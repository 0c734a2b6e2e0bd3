"""MLA 9's "et al." stays "et al." when two works share a first author (rule mla-et-al-not-expanded).

MLA 9 5.9: three or more authors are given as the first author and "et al.", in the works-cited list and
in the text. Two such works whose first author is the same are told apart in the text by a short title
(MLA 9 6.x, as for two works by one author): "(Kim et al., “Study One”)".
"""

from __future__ import annotations

from citekit.render import render_citations
from citekit.render.style_patches import mla_et_al_not_expanded
from rule_helpers import isolated_style_cache  # noqa: F401 (the fixture is autouse)


def article(record_id: str, title: str, second: str, issue: str, pages: str) -> dict:
    return {"id": record_id, "type": "article-journal", "title": title,
            "author": [{"family": "Kim", "given": "Jae"}, {"family": second, "given": "Ana"},
                       {"family": "Park", "given": "Min"}],
            "container-title": "Journal of Things", "volume": "1", "issue": issue, "page": pages,
            "issued": {"date-parts": [[2020]]}}


SHARED_FIRST_AUTHOR = [article("one", "Study one", "Lopez", "1", "1-10"), article("two", "Study two", "Chen", "2", "11-20")]


def test_works_cited_entries_keep_et_al():
    entries = render_citations(SHARED_FIRST_AUTHOR, "mla", fmt="markdown")
    assert [entry.text for entry in entries] == [
        "Kim, Jae, et al. “Study One.” *Journal of Things*, vol. 1, no. 1, 2020, pp. 1-10.",
        "Kim, Jae, et al. “Study Two.” *Journal of Things*, vol. 1, no. 2, 2020, pp. 11-20.",
    ]


def test_in_text_citations_add_a_short_title_not_co_authors():
    citations = render_citations(SHARED_FIRST_AUTHOR, "mla", mode="intext")
    assert [citation.text for citation in citations] == ["(Kim et al., “Study One”)", "(Kim et al., “Study Two”)"]


def test_a_lone_work_with_three_authors_is_cited_by_the_first_and_et_al():
    [citation] = render_citations(SHARED_FIRST_AUTHOR[:1], "mla", mode="intext")
    assert citation.text == "(Kim et al.)"


def test_switched_off_the_style_expands_the_names_as_it_says():
    entries = render_citations(SHARED_FIRST_AUTHOR, "mla", disabled_rules=frozenset({"mla-et-al-not-expanded"}))
    assert [entry.text.split(".")[0] for entry in entries] == ["Kim, Jae, Ana Lopez, et al", "Kim, Jae, Ana Chen, et al"]


def test_the_patch_takes_add_names_off_the_citation_element_only():
    csl = ('<citation et-al-min="3" disambiguate-add-givenname="true" disambiguate-add-names="true">'
           '<layout/></citation><bibliography et-al-min="3" disambiguate-add-names="true">')
    assert mla_et_al_not_expanded(csl) == ('<citation et-al-min="3" disambiguate-add-givenname="true">'
                                           '<layout/></citation><bibliography et-al-min="3" '
                                           'disambiguate-add-names="true">')
    assert mla_et_al_not_expanded('<citation et-al-min="3"><layout/></citation>') is None
