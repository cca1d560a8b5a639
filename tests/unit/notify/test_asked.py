"""Notices the user asked for by a click: the draft (with Copy) and a button that failed."""

from __future__ import annotations

from watcher.notify.asked import action_failed_notice, draft_notice
from watcher.notify.texts import COPY, NoticeKind, Urgency


def test_draft_notice_waits_with_a_copy_button_and_names_the_id() -> None:
    notice = draft_notice("Ada Nwosu", 12, "Hi Ada,\n\nA coffee?")

    assert notice.title == "Meet-up draft for Ada Nwosu"
    assert notice.body == "Hi Ada,\n\nA coffee?\n\n#12: invite-watcher draft 12"
    assert [(a.id, a.label) for a in notice.actions] == [(COPY, "Copy")]
    assert notice.default_action == COPY
    assert notice.resident and notice.urgency is Urgency.NORMAL
    assert notice.subject == 12 and notice.kind is NoticeKind.DRAFT


def test_action_failed_notice_says_what_and_why_and_waits() -> None:
    notice = action_failed_notice(3, "open the profile", "No browser could open it.")

    assert notice.title == "Could not open the profile"
    assert notice.body == "No browser could open it.\n#3: invite-watcher show 3"
    assert notice.resident and notice.subject == 3
    assert notice.kind is NoticeKind.DRAFT  # asked for: the budget never holds it back
