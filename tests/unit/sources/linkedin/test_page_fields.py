"""The fields of a captured invitation card in every markup era: the sent time as a window,
every mutual-connection phrasing, headline and note apart, a cut note, profile URLs and names as
shown, translated labels, lone cards; any text a member may write reads back."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.support.pages import Era, live_page
from tests.unit.sources.linkedin.page_cases import (
    DAY,
    ERAS,
    JANE,
    KIM,
    MODIFIED,
    SUGGESTIONS,
    read_dom,
)
from watcher.sources.linkedin import page_text

# --------------------------------------------------------------------------------------------
# Fields
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shown", "earliest", "latest"),
    [
        ("5 minutes ago", timedelta(minutes=6), timedelta(minutes=5)),
        ("2 hours ago", timedelta(hours=3), timedelta(hours=2)),
        ("Yesterday", 2 * DAY, DAY),
        ("4 days ago", 5 * DAY, 4 * DAY),
        ("1 week ago", 14 * DAY, 7 * DAY),
        ("3 weeks ago", 28 * DAY, 21 * DAY),
        ("2 months ago", 93 * DAY, 56 * DAY),
        ("Sent 3 weeks ago", 28 * DAY, 21 * DAY),
    ],
)
@pytest.mark.parametrize("era", ERAS)
def test_page_sent_time_is_a_window_before_the_capture(
    tmp_path: Path, era: Era, shown: str, earliest: timedelta, latest: timedelta
) -> None:
    dom = live_page([replace(JANE, time=shown)], era=era)

    (record,) = read_dom(tmp_path, dom)

    assert (record.sent_window_start, record.sent_at) == (MODIFIED - earliest, MODIFIED - latest)


def test_page_card_without_a_readable_time_is_sent_by_the_capture(tmp_path: Path) -> None:
    dom = live_page([replace(JANE, time="vor 3 Tagen")], era="sdui")

    (record,) = read_dom(tmp_path, dom)

    assert (record.sent_at, record.sent_window_start, record.as_of) == (MODIFIED, None, MODIFIED)


@pytest.mark.parametrize(
    ("shown", "count"),
    [
        ("12 mutual connections", 12),
        ("1 mutual connection", 1),
        ("Jane Roe and 3 other mutual connections", 4),
        ("Jane Roe, Bo Li and 2 other mutual connections", 4),
        ("Jane Roe and Bo Li are mutual connections", 2),
        ("Jane Roe is a mutual connection", 1),
        ("", None),
    ],
)
@pytest.mark.parametrize("era", ERAS)
def test_page_reads_every_mutual_connection_phrasing(
    tmp_path: Path, era: Era, shown: str, count: int | None
) -> None:
    dom = live_page([replace(JANE, mutual=shown)], era=era)

    (record,) = read_dom(tmp_path, dom)

    assert (record.mutual_connections, record.headline) == (count, JANE.headline)


@pytest.mark.parametrize("era", ERAS)
def test_page_headline_and_note_stay_apart_when_one_is_missing(tmp_path: Path, era: Era) -> None:
    no_headline = replace(JANE, slug="a", headline="", note="We met at the summit.")
    no_note = replace(JANE, name="Bo Li", slug="b", note="")
    neither = replace(JANE, name="Cy Ng", slug="c", headline="", note="", mutual="")
    dom = live_page([no_headline, no_note, neither], era=era)

    records = read_dom(tmp_path, dom)

    assert [(r.headline, r.message) for r in records] == [
        (None, "We met at the summit."),
        (JANE.headline, ""),
        (None, ""),
    ]


@pytest.mark.parametrize("era", ERAS)
def test_page_truncated_note_loses_its_see_more_and_is_flagged(tmp_path: Path, era: Era) -> None:
    note = "I run the climate PR meetup in Porto and would love you to speak at the next one"
    dom = live_page([replace(JANE, note=note, truncated=True)], era=era)

    (record,) = read_dom(tmp_path, dom)

    assert record.note_truncated
    assert record.message == note[: len(note) // 2].rstrip()
    assert "more" not in record.message.lower().split()[-1]


@pytest.mark.parametrize(
    ("slug", "url"),
    [
        ("j%C3%BCrgen-m%C3%BCller", "https://www.linkedin.com/in/jürgen-müller"),
        ("Jane-Doe-4a5b6c", "https://www.linkedin.com/in/jane-doe-4a5b6c"),
        ("%E6%9D%8E%E5%A8%9C", "https://www.linkedin.com/in/李娜"),
    ],
)
def test_page_profile_urls_are_normalised_like_the_archives(
    tmp_path: Path, slug: str, url: str
) -> None:
    dom = live_page([replace(JANE, slug=slug)], era="sdui")

    (record,) = read_dom(tmp_path, dom)

    assert record.counterpart.profile_url == url


@pytest.mark.parametrize("era", ERAS)
def test_page_keeps_styled_names_as_shown(tmp_path: Path, era: Era) -> None:
    styled = replace(JANE, name="𝓙𝓪𝓷𝓮 𝓓𝓸𝓮 ✨, PhD")
    dom = live_page([styled], era=era)

    (record,) = read_dom(tmp_path, dom, "mhtml")

    assert record.counterpart.name == "𝓙𝓪𝓷𝓮 𝓓𝓸𝓮 ✨, PhD"


TRANSLATED = [
    ("Einladung von Jane Doe annehmen", "Einladung von Jane Doe ignorieren", "Annehmen"),
    ("Accepter l’invitation de Jane Doe", "Ignorer l’invitation de Jane Doe", "Accepter"),
    ("Aceptar la invitación de Jane Doe", "Rechazar la invitación de Jane Doe", "Aceptar"),
    ("Accetta l’invito di Jane Doe", "Ignora l’invito di Jane Doe", "Accetta"),
    ("Zaakceptuj zaproszenie od Jane Doe", "Zignoruj zaproszenie od Jane Doe", "Zaakceptuj"),
    ("Принять приглашение от Jane Doe", "Игнорировать приглашение от Jane Doe", "Принять"),
]


@pytest.mark.parametrize(("accept", "ignore", "button"), TRANSLATED)
@pytest.mark.parametrize("era", ERAS)
def test_page_reads_translated_button_labels(
    tmp_path: Path, era: Era, accept: str, ignore: str, button: str
) -> None:
    card = replace(JANE, labels=(accept, ignore), button_texts=(button, "…"))
    dom = live_page([card], era=era, suggestions=SUGGESTIONS)

    records = read_dom(tmp_path, dom)

    assert [(r.counterpart.name, r.headline, r.mutual_connections) for r in records] == [
        ("Jane Doe", JANE.headline, 4)
    ]


@pytest.mark.parametrize("era", ["ember", "sdui"])
def test_page_card_hooks_find_cards_whose_labels_are_in_an_unknown_language(
    tmp_path: Path, era: Era
) -> None:
    card = replace(JANE, labels=("Jane Doe davetini kabul et", "Yoksay"), button_texts=("", ""))
    dom = live_page([card], era=era)

    assert [r.counterpart.name for r in read_dom(tmp_path, dom)] == ["Jane Doe"]


def test_page_reads_a_card_loaded_twice_once(tmp_path: Path) -> None:
    dom = live_page([JANE, KIM, JANE], era="sdui")

    assert [r.counterpart.name for r in read_dom(tmp_path, dom)] == ["Jane Doe", "Kim Stock"]


def test_page_name_and_headline_laid_out_inline_are_told_apart(tmp_path: Path) -> None:
    dom = live_page([replace(JANE, inline_title=True)], era="eraless")

    (record,) = read_dom(tmp_path, dom)

    assert (record.counterpart.name, record.headline) == (JANE.name, JANE.headline)


def test_page_lone_card_stops_at_its_card_hook_before_a_promotion(tmp_path: Path) -> None:
    dom = live_page([replace(JANE, note="")], era="sdui", promo=True)

    (record,) = read_dom(tmp_path, dom)

    assert (record.headline, record.message) == (JANE.headline, "")


def test_page_lone_card_without_hooks_stops_at_the_section_below(tmp_path: Path) -> None:
    dom = live_page([replace(JANE, note="")], era="eraless", suggestions=SUGGESTIONS)

    (record,) = read_dom(tmp_path, dom)

    assert (record.message, record.mutual_connections) == ("", 4)


# --------------------------------------------------------------------------------------------
# Any text a member may write
# --------------------------------------------------------------------------------------------

_WORDS = st.text(
    alphabet=st.characters(categories=["L", "N"], exclude_characters="\u0130"),
    min_size=1,
    max_size=12,
)


def _plain(words: list[str]) -> str:
    return " ".join(words)


def _free_text(line: str) -> bool:
    """Text no pattern of the card claims (a time, a count, a label, chrome)."""
    return not (
        page_text.is_relative_time(line)
        or page_text.mutual_connections(line) is not None
        or page_text.is_chrome(line)
        or page_text.marks_other_invitation(line)
        or page_text.is_more_control(line)
        or page_text.cut_note(line, expandable=False)[1]
    )


@settings(max_examples=40, deadline=None)
@given(
    name=st.lists(_WORDS, min_size=1, max_size=3).map(_plain),
    headline=st.lists(_WORDS, min_size=1, max_size=6).map(_plain),
    note=st.lists(st.lists(_WORDS, min_size=1, max_size=8).map(_plain), min_size=1, max_size=3),
    era=st.sampled_from(ERAS),
)
def test_page_reads_back_any_name_headline_and_note(
    name: str, headline: str, note: list[str], era: Era
) -> None:
    assume(all(_free_text(line) for line in [name, headline, *note]))
    card = replace(JANE, name=name, headline=headline, note="\n".join(note))
    with tempfile.TemporaryDirectory() as folder:
        (record,) = read_dom(Path(folder), live_page([card], era=era))

    assert (record.counterpart.name, record.headline, record.message) == (
        name,
        headline,
        "\n".join(note),
    )
