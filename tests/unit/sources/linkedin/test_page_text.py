"""The text patterns of an invitation card: relative times, mutual connections, the Accept and
Ignore labels, the words of other invitations, a cut note."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from watcher.sources.linkedin import page_text as text

AT = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("shown", "earliest", "latest"),
    [
        ("5 minutes ago", AT - timedelta(minutes=6), AT - timedelta(minutes=5)),
        ("1 minute ago", AT - timedelta(minutes=2), AT - timedelta(minutes=1)),
        ("an hour ago", AT - timedelta(hours=2), AT - timedelta(hours=1)),
        ("2 hours ago", AT - timedelta(hours=3), AT - timedelta(hours=2)),
        ("Yesterday", AT - 2 * DAY, AT - DAY),
        ("Today", AT - DAY, AT),
        ("Just now", AT - timedelta(minutes=1), AT),
        ("3 days ago", AT - 4 * DAY, AT - 3 * DAY),
        ("Sent 3 days ago", AT - 4 * DAY, AT - 3 * DAY),
        ("1 week ago", AT - 14 * DAY, AT - 7 * DAY),
        ("2 weeks ago", AT - 21 * DAY, AT - 14 * DAY),
        ("1 month ago", AT - 62 * DAY, AT - 28 * DAY),
        ("3 months ago", AT - 124 * DAY, AT - 84 * DAY),
        ("a year ago", AT - 732 * DAY, AT - 365 * DAY),
        ("5m", AT - timedelta(minutes=6), AT - timedelta(minutes=5)),
        ("2h", AT - timedelta(hours=3), AT - timedelta(hours=2)),
        ("3d", AT - 4 * DAY, AT - 3 * DAY),
        ("1w", AT - 14 * DAY, AT - 7 * DAY),
        ("2mo", AT - 93 * DAY, AT - 56 * DAY),
        ("  3 days ago  •", AT - 4 * DAY, AT - 3 * DAY),
    ],
)
def test_sent_window_counts_back_from_the_capture(
    shown: str, earliest: datetime, latest: datetime
) -> None:
    assert text.sent_window(shown, AT) == text.Window(earliest, latest)


@pytest.mark.parametrize(
    "shown",
    ["Product lead at Acme", "We met 3 days ago at the summit", "3 days", "ago", "12 mutual"],
)
def test_sent_window_is_none_for_other_text(shown: str) -> None:
    assert text.sent_window(shown, AT) is None
    assert not text.is_relative_time(shown)


@given(st.integers(min_value=0, max_value=500), st.sampled_from(["minute", "hour", "day", "week"]))
def test_sent_window_always_holds_the_time_and_ends_before_the_capture(
    count: int, unit: str
) -> None:
    length = {"minute": 60, "hour": 3600, "day": 86400, "week": 604800}[unit]
    window = text.sent_window(f"{count} {unit}s ago", AT)
    assert window is not None
    assert window.earliest < window.latest <= AT
    sent = AT - timedelta(seconds=length * count + length // 2)
    assert window.earliest <= sent <= window.latest


@pytest.mark.parametrize(
    ("shown", "count"),
    [
        ("12 mutual connections", 12),
        ("1 mutual connection", 1),
        ("1,024 mutual connections", 1024),
        ("Jane Roe and 3 other mutual connections", 4),
        ("Jane Roe and 1 other mutual connection", 2),
        ("Jane Roe, Bo Li and 2 other mutual connections", 4),
        ("Jane Roe and Bo Li are mutual connections", 2),
        ("Jane Roe is a mutual connection", 1),
        ("7 shared connections", 7),
        ("3 connections in common", 3),
    ],
)
def test_mutual_connections_reads_every_phrasing(shown: str, count: int) -> None:
    assert text.mutual_connections(shown) == count


@pytest.mark.parametrize(
    "shown", ["Product lead at Acme", "3 days ago", "We have 12 connections", "mutual friends"]
)
def test_mutual_connections_is_none_for_other_text(shown: str) -> None:
    assert text.mutual_connections(shown) is None


@pytest.mark.parametrize(
    ("label", "accept", "ignore"),
    [
        ("Accept Jane Doe’s invitation", True, False),
        ("Accept Jane Doe's invitation", True, False),
        ("Ignore an invitation to connect from Jane Doe", False, True),
        ("Einladung von Jana Schmidt annehmen", True, False),
        ("Einladung von Jana Schmidt ablehnen", False, True),
        ("Accetta l’invito di Luca Rossi", True, False),
        ("Aceptar la invitación de Ana García", True, False),
        ("Rechazar la invitación de Ana García", False, True),
        ("Aceitar convite de João Silva", True, False),
        ("Zaakceptuj zaproszenie od Jan Kowalski", True, False),
        ("Zignoruj zaproszenie od Jan Kowalski", False, True),
        ("Принять приглашение от Иван Петров", True, False),
        ("Uitnodiging van Sanne de Vries negeren", False, True),
        ("Refuser l’invitation de Jean Dupont", False, True),
        ("Ignorer l’invitation de Jean Dupont", False, True),
        ("Invite Sam Suggest to connect", False, False),
        ("Dismiss", False, False),
        ("Connect", False, False),
    ],
)
def test_decision_labels_in_several_languages(label: str, accept: bool, ignore: bool) -> None:
    assert (text.is_accept(label), text.is_ignore(label)) == (accept, ignore)


def test_name_in_label_reads_the_english_labels() -> None:
    assert text.name_in_label("Accept Jane Doe’s invitation") == "Jane Doe"
    assert text.name_in_label("Ignore an invitation to connect from Jane Doe") == "Jane Doe"
    assert text.name_in_label("Annehmen") is None


@pytest.mark.parametrize(
    "line",
    [
        "Jo Inviter invited you to follow Acme Corp",
        "Jo Inviter invited you to subscribe to The Weekly Brief",
        "Jo Inviter invited you to join Climate PR Circle",
        "Jo Inviter invited you to attend Lisbon PR Summit",
        "Follows you",
        "· Follows you",
    ],
)
def test_other_invitations_are_told_by_their_words(line: str) -> None:
    assert text.marks_other_invitation(line, name="Jo Inviter")


def test_a_long_note_mentioning_follow_is_still_a_note() -> None:
    note = (
        "Hi Eve, I have followed your work for years and I invited you to follow my blog too, " * 2
    )
    assert not text.marks_other_invitation(note, name="Jo Inviter")


@pytest.mark.parametrize(
    ("shown", "expandable", "note", "truncated"),
    [
        ("Hi Eve, we met at the summit…more", False, "Hi Eve, we met at the summit", True),
        ("Hi Eve, we met at the summit... see more", False, "Hi Eve, we met at the summit", True),
        ("Hi Eve, we met at the summit ...", True, "Hi Eve, we met at the summit", True),
        ("Hi Eve, we met at the summit", True, "Hi Eve, we met at the summit", True),
        ("Hope to hear from you...", False, "Hope to hear from you...", False),
        ("Hi!", False, "Hi!", False),
    ],
)
def test_cut_note_removes_see_more_and_flags_it(
    shown: str, expandable: bool, note: str, truncated: bool
) -> None:
    assert text.cut_note(shown, expandable=expandable) == (note, truncated)


@pytest.mark.parametrize(
    "label", ["See more", "…more", "...more", "more", "Show more", "… see more"]
)
def test_more_controls(label: str) -> None:
    assert text.is_more_control(label)


@pytest.mark.parametrize("label", ["Accept", "Jane Moreno", "Load more invitations"])
def test_not_more_controls(label: str) -> None:
    assert not text.is_more_control(label)
