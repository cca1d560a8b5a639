"""What a notice becomes for desktop-notifier: a resident one never expires (the spec's
expire_timeout 0), the others take the server's default; urgency stays Normal."""

from __future__ import annotations

from datetime import timedelta

import desktop_notifier as dn

from watcher.notify.asked import draft_notice
from watcher.notify.backends import _to_notification
from watcher.notify.texts import Notice, reminder_notice


def test_resident_notice_never_expires_at_normal_urgency() -> None:
    reminder = reminder_notice("Jane", 1, timedelta(days=3), final=False, snooze=timedelta(days=1))
    for notice in (reminder, draft_notice("Jane", 1, "Hi Jane,")):
        notification = _to_notification(notice, None, lambda: None)
        assert notification.timeout == 0
        assert notification.urgency is dn.Urgency.Normal


def test_other_notice_takes_the_server_default_timeout() -> None:
    notification = _to_notification(Notice("t", "b"), None, lambda: None)
    assert notification.timeout == -1
