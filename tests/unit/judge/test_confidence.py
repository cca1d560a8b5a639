"""What a verdict was made without: headline and mutual connections, and how to get them."""

from __future__ import annotations

from datetime import UTC, datetime

from watcher.judge.confidence import CAPTURE_HINT, confidence, missing_evidence, missing_line
from watcher.models import Direction, InvitationView

SENT = datetime(2026, 11, 20, tzinfo=UTC)


def view(
    headline: str = "", mutual: int | None = None, direction: Direction = Direction.INCOMING
) -> InvitationView:
    return InvitationView(
        id=1,
        name="Bo",
        profile_url=None,
        direction=direction,
        sent_at=SENT,
        headline=headline,
        mutual_connections=mutual,
    )


def test_archive_row_lacks_both() -> None:
    missing = missing_evidence(view())
    assert missing == ("headline", "mutual_connections")
    assert confidence(missing) == "low"
    assert (
        missing_line(missing) == f"Judged without headline and mutual connections: {CAPTURE_HINT}."
    )


def test_zero_mutual_connections_is_known_not_missing() -> None:
    assert missing_evidence(view("CTO at Acme", 0)) == ()
    assert confidence(()) == "high"
    assert missing_line(()) == ""


def test_blank_headline_counts_as_missing() -> None:
    assert missing_evidence(view("   ", 3)) == ("headline",)


def test_outgoing_invitations_are_not_judged_for_value() -> None:
    assert missing_evidence(view(direction=Direction.OUTGOING)) == ()
