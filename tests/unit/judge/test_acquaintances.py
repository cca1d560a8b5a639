"""The acquaintance lookup: what one name index over everyone finds, in its order, sooner."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.core.matching import NameIndex
from watcher.judge.acquaintances import AcquaintanceLookup
from watcher.models import Acquaintance, HistoryKind

NAMES = ("Jane Roe", "Jane M. Roe", "J. Roe", "Roe, Jane", "Omar Roe", "Bill Shaw", "William Shaw")
URLS = (None, None, "https://www.linkedin.com/in/jane-roe", "https://www.linkedin.com/in/other")

known = st.builds(
    Acquaintance,
    st.sampled_from((HistoryKind.ADDRESS_BOOK, HistoryKind.CALENDAR)),
    st.sampled_from(NAMES),
    st.sampled_from(URLS),
    source=st.sampled_from(("contacts.vcf", "work.ics")),
)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(known, max_size=12),
    st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(URLS)), min_size=1, max_size=6),
)
def test_lookup_finds_what_one_index_over_everyone_finds(
    acquaintances: list[Acquaintance], inviters: list[tuple[str, str | None]]
) -> None:
    lookup = AcquaintanceLookup(acquaintances)
    index = NameIndex.from_acquaintances(acquaintances)
    for name, url in inviters * 2:  # asked twice: the second answer comes from memory
        expected = tuple(m.candidate for m in index.find(name, url))
        assert lookup.find(name, url) == expected


def test_lookup_keeps_a_url_acquaintance_from_another_person() -> None:
    jane = Acquaintance(
        HistoryKind.ADDRESS_BOOK, "Jane Roe", "https://www.linkedin.com/in/jane-roe"
    )
    card = Acquaintance(HistoryKind.ADDRESS_BOOK, "Jane Roe", source="contacts.vcf")
    lookup = AcquaintanceLookup([jane, card])
    assert lookup.find("Jane Roe", "https://www.linkedin.com/in/jane-roe") == (jane, card)
    # Another Jane Roe: the card may be her, the URL says the first one is not.
    assert lookup.find("Jane Roe", "https://www.linkedin.com/in/jane-roe-2") == (card,)


def test_lookup_over_nobody_finds_nobody() -> None:
    lookup = AcquaintanceLookup([])
    assert len(lookup) == 0
    assert lookup.find("Jane Roe", None) == ()
