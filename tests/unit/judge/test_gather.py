"""Judging stored invitations: an unanswered one by the rulebook, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from watcher.config.rules import RulesSettings
from watcher.config.settings import Settings
from watcher.followup.apply import apply_event
from watcher.followup.transitions import LifecycleEvent
from watcher.judge.gather import evaluate_affected, evaluate_given, evaluate_invitations
from watcher.models import Direction, InvitationRecord, PersonRef, Status, Verdict
from watcher.store import ApplyCounts, Store, StoredInvitation

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
#: a note the score alone accepts
NOTE = (
    "Hi William — we've never met, but I'd like to. I'm growing a network of young "
    "marketers and you look like someone to have coffee with. Interested?"
)


def invite(store: Store, name: str, direction: Direction = Direction.INCOMING) -> int:
    counts = ApplyCounts.empty()
    person = PersonRef(name, "https://www.linkedin.com/in/" + name.lower().replace(" ", "-"))
    with store.transaction():
        store.apply_invitation(InvitationRecord(person, direction, T0, NOTE, source="t"), counts)
    return counts.seen_invitation_ids[0]


def given_up(store: Store, settings: Settings) -> int:
    """An incoming invitation judged, its meet-up request sent, then given up (not re-judged)."""
    invitation_id = invite(store, "Ana Reyes")
    with store.transaction():
        evaluate_invitations(store, settings, [invitation_id], "import", T0)
        apply_event(store, invitation_id, LifecycleEvent.SENT, "sent", T0, at=T0)
        gave_up_at = T0 + settings.meetup.give_up_after
        apply_event(store, invitation_id, LifecycleEvent.GAVE_UP, "no answer", gave_up_at)
    return invitation_id


def stored(store: Store, invitation_id: int) -> StoredInvitation:
    found = store.invitation(invitation_id)
    assert found is not None
    return found


def settings_with(points: int) -> Settings:
    return Settings(
        rules=RulesSettings(points=RulesSettings().points | {"meetup.unanswered": points})
    )


def test_evaluate_given_judges_an_unanswered_invitation_by_the_rulebook(store: Store) -> None:
    settings = Settings()
    invitation_id = given_up(store, settings)
    before = stored(store, invitation_id)
    assert before.status is Status.UNANSWERED
    assert before.verdict is Verdict.ACCEPT
    with store.transaction():
        assert evaluate_given(store, settings, [invitation_id], "gave up", T0) == 1
    after = stored(store, invitation_id)
    assert after.verdict is Verdict.IGNORE
    assert after.findings[0].rule == "verdict.unanswered"
    found = next(f for f in after.findings if f.rule == "meetup.unanswered")
    assert found.detail == "no answer to the meet-up request after 14 days"
    assert found.points == -10
    assert after.score == (before.score or 0) - 10


def test_evaluate_given_uses_the_configured_points(store: Store) -> None:
    invitation_id = given_up(store, Settings())
    before = stored(store, invitation_id)
    with store.transaction():
        evaluate_given(store, settings_with(-3), [invitation_id], "gave up", T0)
    assert stored(store, invitation_id).score == (before.score or 0) - 3
    with store.transaction():
        evaluate_given(store, settings_with(0), [invitation_id], "config", T0)
    off = stored(store, invitation_id)
    assert off.verdict is Verdict.ACCEPT
    assert off.score == before.score
    assert not {f.rule for f in off.findings} & {"meetup.unanswered", "verdict.unanswered"}


def test_evaluate_invitations_leaves_an_unanswered_invitation_alone(store: Store) -> None:
    # Only open invitations are re-judged when history arrives; the give-up re-judges its own.
    invitation_id = given_up(store, Settings())
    with store.transaction():
        assert evaluate_invitations(store, Settings(), [invitation_id], "import", T0) == 0
        assert evaluate_invitations(store, Settings(), None, "import", T0) == 0
    assert stored(store, invitation_id).verdict is Verdict.ACCEPT


def test_evaluate_given_skips_unknown_ids_and_outgoing_invitations(store: Store) -> None:
    outgoing = invite(store, "Bo Lind", Direction.OUTGOING)
    with store.transaction():
        assert evaluate_given(store, Settings(), [outgoing, 999], "gave up", T0) == 0
        assert evaluate_given(store, Settings(), [], "gave up", T0) == 0
    assert stored(store, outgoing).verdict is None


def test_evaluate_given_names_the_configured_wait(store: Store) -> None:
    settings = Settings.model_validate({"meetup": {"give_up_after": "3d", "remind_after": ["1d"]}})
    invitation_id = given_up(store, settings)
    with store.transaction():
        evaluate_given(store, settings, [invitation_id], "gave up", T0)
    found = next(f for f in stored(store, invitation_id).findings if f.rule == "meetup.unanswered")
    assert found.detail == "no answer to the meet-up request after 3 days"
    assert found.at == T0 + timedelta(days=3)


# --------------------------------------------------------------------------------------------
# Only the needed work: note senders read once for all batches, only changed rows written
# --------------------------------------------------------------------------------------------

TEMPLATE = "Hello, I help founders scale their sales pipeline with proven outreach systems."


def invite_with(store: Store, name: str, note: str) -> tuple[int, ApplyCounts]:
    counts = ApplyCounts.empty()
    person = PersonRef(name, "https://www.linkedin.com/in/" + name.lower().replace(" ", "-"))
    with store.transaction():
        record = InvitationRecord(person, Direction.INCOMING, T0, note, source="t")
        store.apply_invitation(record, counts)
    return counts.seen_invitation_ids[0], counts


def template_detail(store: Store, invitation_id: int) -> str:
    return next(
        f.detail for f in stored(store, invitation_id).findings if f.rule == "note.template"
    )


def evaluated_at(store: Store, invitation_id: int) -> str:
    row = store.db.execute("SELECT evaluated_at FROM invitations WHERE id = ?", (invitation_id,))
    return str(row.fetchone()[0])


def test_evaluate_counts_each_notes_senders_across_batches(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("watcher.judge.gather.BATCH", 2)  # eight invitations, four batches
    other = "Dear founder, our agency books ten qualified sales meetings for you every week."
    notes = [TEMPLATE, other] * 3 + [TEMPLATE] * 2
    ids = [invite_with(store, f"Ana Ro{n}", note)[0] for n, note in enumerate(notes)]
    with store.transaction():
        assert evaluate_invitations(store, Settings(), None, "import", T0) == 8
    details = {
        note: {template_detail(store, i) for i, n in zip(ids, notes, strict=True) if n == note}
        for note in (TEMPLATE, other)
    }
    assert details == {
        TEMPLATE: {"the same note came from 4 other inviters: a template"},
        other: {"the same note came from 2 other inviters: a template"},
    }


def test_evaluate_writes_only_the_rows_whose_verdict_changed(store: Store) -> None:
    first, _ = invite_with(store, "Ana Reyes", TEMPLATE)
    second, _ = invite_with(store, "Bo Lind", TEMPLATE)
    with store.transaction():
        evaluate_invitations(store, Settings(), None, "import", T0)
    later = T0 + timedelta(days=1)
    with store.transaction():  # nothing changed: nothing written, no verdict change recorded
        assert evaluate_invitations(store, Settings(), None, "again", later) == 2
    assert evaluated_at(store, first) == evaluated_at(store, second) == T0.isoformat()
    assert len(store.verdict_changes(first)) == 1

    # A third sender of the note: both earlier ones are re-judged and rewritten (their count).
    third, counts = invite_with(store, "Cy Hart", TEMPLATE)
    with store.transaction():
        assert evaluate_affected(store, Settings(), counts, "drop", later) == 3
    assert evaluated_at(store, first) == later.isoformat()
    assert template_detail(store, first) == "the same note came from 2 other inviters: a template"
    assert template_detail(store, third) == template_detail(store, first)


def test_evaluate_a_new_sender_of_a_big_template_leaves_its_sharers_alone(
    store: Store,
) -> None:
    # Twelve senders: each sees eleven others, named "10 or more". A thirteenth changes what
    # nobody is shown, so only the new one is judged; the twentieth-first moves the step.
    ids = [invite_with(store, f"Ana Ro{n}", TEMPLATE)[0] for n in range(12)]
    with store.transaction():
        evaluate_invitations(store, Settings(), None, "import", T0)
    assert template_detail(store, ids[0]) == (
        "the same note came from 10 or more other inviters: a template"
    )
    later = T0 + timedelta(days=1)

    new, counts = invite_with(store, "Cy Hart", TEMPLATE)
    with store.transaction():
        assert evaluate_affected(store, Settings(), counts, "drop", later) == 1
    assert evaluated_at(store, ids[0]) == T0.isoformat()
    assert template_detail(store, new) == template_detail(store, ids[0])

    for n in range(12, 19):  # up to 20 senders: still "10 or more" for the earlier ones
        _, counts = invite_with(store, f"Ana Ro{n}", TEMPLATE)
        with store.transaction():
            assert evaluate_affected(store, Settings(), counts, "drop", later) == 1
    twenty_first, counts = invite_with(store, "Di Vo", TEMPLATE)
    with store.transaction():  # 21 senders: each sees 20 others, a new step for all
        assert evaluate_affected(store, Settings(), counts, "drop", later) == 21
    assert {template_detail(store, i) for i in [*ids, new, twenty_first]} == {
        "the same note came from 20 or more other inviters: a template"
    }
    # As a fresh judge of everyone says: the order the senders came in changed nothing.
    with store.transaction():
        evaluate_invitations(store, Settings(), None, "again", later + timedelta(days=1))
    assert evaluated_at(store, ids[0]) == later.isoformat()
