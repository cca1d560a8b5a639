"""What ``sent --at`` says about the reminders (``render.sent_plan_line``): the next one, or
that the time given is so long ago that some, or all, fell due already."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from watcher.cli.render import sent_plan_line
from watcher.followup.plan import plan_reminders
from watcher.models import Meetup

SENT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
DAY = timedelta(days=1)


def plan_line(now: datetime) -> str:
    meetup = Meetup(invitation_id=5, name="Ada", sent_at=SENT)
    plan = plan_reminders(meetup, [3 * DAY, 7 * DAY], 14 * DAY, None, UTC)
    return sent_plan_line(plan, now, UTC)


def test_sent_plan_names_the_next_reminder_when_none_is_due_yet() -> None:
    assert plan_line(SENT + DAY) == "next: reminder 1 due Thu 2026-03-05 09:30"


def test_sent_plan_says_which_reminder_fell_due_and_what_comes_next() -> None:
    assert plan_line(SENT + 8 * DAY) == (
        "reminder 2 fell due already (Mon 2026-03-09 09:30) and comes now; "
        "then the give-up due Mon 2026-03-16 09:30"
    )


def test_sent_plan_says_the_meetup_is_given_up_when_every_reminder_fell_due() -> None:
    assert plan_line(SENT + 30 * DAY) == (
        "every reminder fell due already (the give-up on Mon 2026-03-16 09:30): the meet-up is "
        "given up now, as unanswered"
    )
