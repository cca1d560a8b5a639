"""Notices as the outbox stores them: every field comes back, hostile text included."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from watcher.notify.serial import notice_from_json, notice_json
from watcher.notify.texts import (
    DRAFT,
    FIRST_ACTION,
    OPEN_PROFILE,
    Action,
    Notice,
    NoticeKind,
    Urgency,
    reminder_notice,
)


def test_notice_json_round_trips_a_reminder_with_its_buttons() -> None:
    notice = reminder_notice("Jane", 7, timedelta(days=3), final=False, snooze=timedelta(hours=2))
    back = notice_from_json(notice_json(notice))
    assert back == notice
    assert back.default_action == "snooze" and back.subject == 7


_BUTTONS = (Action(DRAFT, "Draft <meet-up>"), Action(OPEN_PROFILE, "Open \u202eprofile"))

notices = st.builds(
    Notice,
    title=st.text(),  # lone surrogates too: a badly decoded file may hold them
    body=st.text(),
    urgency=st.sampled_from(Urgency),
    actions=st.sampled_from([(), _BUTTONS]),
    url=st.none() | st.text(),
    invitation_ids=st.lists(st.integers(min_value=1, max_value=2**40), max_size=4).map(tuple),
    click=st.sampled_from([None, DRAFT, FIRST_ACTION]),
    kind=st.sampled_from(NoticeKind),
    resident=st.booleans(),
)


@given(notices)
def test_notice_json_round_trips_every_field(notice: Notice) -> None:
    text = notice_json(notice)
    assert text.isascii()  # stores whatever the notice holds
    assert notice_from_json(text) == notice
