"""The pure half of watcher.notify.texts: text helpers and the notices it builds."""

from __future__ import annotations

import asyncio
import html
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from loguru import logger

from tests.support.notifiers import RecordingNotifier
from watcher.config.settings import NotificationBackend
from watcher.models import Verdict
from watcher.notify.backends import LogNotifier, NullNotifier, make_notifier
from watcher.notify.texts import (
    DRAFT,
    GIVE_UP,
    OPEN_PROFILE,
    REPLIED,
    REVIEW,
    SNOOZE,
    Notice,
    NoticeItem,
    NoticeKind,
    Urgency,
    clip,
    describe_duration,
    describe_wait,
    escape_markup,
    failure_notice,
    folded_notice,
    invitation_notices,
    reminder_notice,
)

URL = "https://www.linkedin.com/in/jane-roe"


def item(
    name: str = "Jane Roe",
    verdict: Verdict = Verdict.MEET_FIRST,
    *,
    invitation_id: int = 1,
    profile_url: str | None = URL,
    reasons: tuple[str, ...] = ("Note admits you have not met", "Proposes a coffee"),
    note: str = "",
) -> NoticeItem:
    return NoticeItem(invitation_id, name, profile_url, verdict, 5, reasons, note)


def action_ids(notice: Notice) -> list[str]:
    return [action.id for action in notice.actions]


# -- escape_markup ------------------------------------------------------------------------------


def test_escape_markup_escapes_every_markup_character() -> None:
    assert escape_markup("""<b>Tom & "Jerry's"</b>""") == (
        "&lt;b&gt;Tom &amp; &quot;Jerry&#x27;s&quot;&lt;/b&gt;"
    )


@given(st.text())
def test_escape_markup_round_trips_and_leaves_no_raw_markup(text: str) -> None:
    escaped = escape_markup(text)
    assert html.unescape(escaped) == text
    assert not set(escaped) & set("<>\"'")


# -- clip ---------------------------------------------------------------------------------------


def test_clip_keeps_short_text() -> None:
    assert clip("Hello there", 20) == "Hello there"


def test_clip_cuts_at_a_word_boundary_with_an_ellipsis() -> None:
    assert clip("We met at PyCon in Berlin last spring", 20) == "We met at PyCon in…"


def test_clip_cuts_inside_a_word_when_there_is_no_boundary_nearby() -> None:
    assert clip("Supercalifragilisticexpialidocious", 10) == "Supercali…"


def test_clip_collapses_newlines_and_control_characters() -> None:
    assert clip("line one\r\n\n\tline\x00two\u2028three\u202eevil", 100) == (
        "line one line two three evil"
    )


def test_clip_turns_a_huge_note_into_one_short_paragraph() -> None:
    note = "Hello,\n\nI would love to connect. " * 400  # ~11 KB with newlines
    clipped = clip(note, 160)
    assert len(clipped) <= 160
    assert "\n" not in clipped
    assert clipped.endswith("…")
    assert clipped.startswith("Hello, I would love to connect. Hello,")


def test_clip_replaces_lone_surrogates() -> None:
    assert clip("bad \udcff byte", 50) == "bad ? byte"


def test_clip_keeps_styled_and_right_to_left_names_as_written() -> None:
    # folding is for matching only: a notice shows the name as the person wrote it
    assert clip("𝐉𝐨𝐡𝐧 𝐒𝐦𝐢𝐭𝐡", 50) == "𝐉𝐨𝐡𝐧 𝐒𝐦𝐢𝐭𝐡"
    assert clip("مُحَمَّد عَلِيّ", 50) == "مُحَمَّد عَلِيّ"
    assert clip("דוד כהן", 50) == "דוד כהן"


@given(st.text(), st.integers(min_value=0, max_value=300))
def test_clip_never_exceeds_the_limit_or_keeps_control_characters(text: str, limit: int) -> None:
    clipped = clip(text, limit)
    assert len(clipped) <= limit
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in clipped)
    assert clipped == clipped.strip()


# -- describe_wait ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("waited", "text"),
    [
        (timedelta(days=3), "3 days"),
        (timedelta(days=1), "1 day"),
        (timedelta(days=14), "2 weeks"),
        (timedelta(days=7), "1 week"),
        (timedelta(days=10), "10 days"),
        (timedelta(hours=5, minutes=10), "5 hours"),
        (timedelta(seconds=90), "1 minute"),
        (timedelta(seconds=1), "1 second"),
    ],
)
def test_describe_wait_reads_naturally(waited: timedelta, text: str) -> None:
    assert describe_wait(waited) == text


# -- describe_duration --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (timedelta(hours=2), "2 hours"),
        (timedelta(days=1), "1 day"),
        (timedelta(days=3), "3 days"),
        (timedelta(days=14), "2 weeks"),
        (timedelta(days=10), "10 days"),
        (timedelta(hours=1, minutes=30), "1 hour 30 minutes"),
        (timedelta(days=1, seconds=1), "1 day 1 second"),
        (timedelta(seconds=90), "1 minute 30 seconds"),
    ],
)
def test_describe_duration_spells_every_part(value: timedelta, text: str) -> None:
    assert describe_duration(value) == text


# -- invitation notices -------------------------------------------------------------------------


def test_invitation_notices_one_per_item_up_to_the_threshold() -> None:
    items = [item("Jane Roe", invitation_id=1), item("John Doe", invitation_id=2)]
    notices = invitation_notices(items, summary_threshold=2)
    assert [n.title for n in notices] == ["Jane Roe — meet first", "John Doe — meet first"]
    assert [n.invitation_ids for n in notices] == [(1,), (2,)]


def test_invitation_notice_meet_first_never_denies_a_meeting_the_note_claims() -> None:
    # The rules choose meet-first for a note that says "we met at PyCon" when nothing in the
    # history shows it: the lead must not contradict the note it quotes the next line.
    claimed = item(note="Hi, we met at PyCon Berlin last week", reasons=("says you have met",))
    (notice,) = invitation_notices([claimed], summary_threshold=3)
    lead = notice.body.splitlines()[0]
    assert "not met" not in lead
    assert "nothing shows you met" in lead
    assert "coffee" in lead


def test_invitation_notices_nothing_for_no_items() -> None:
    assert invitation_notices([], summary_threshold=0) == []


def test_invitation_notice_title_names_the_inviter_and_the_verdict() -> None:
    titles = [
        invitation_notices([item(verdict=v)], 3)[0].title
        for v in (Verdict.ACCEPT, Verdict.MEET_FIRST, Verdict.IGNORE)
    ]
    assert titles == ["Jane Roe — accept", "Jane Roe — meet first", "Jane Roe — ignore"]


def test_invitation_notice_body_gives_the_top_three_reasons() -> None:
    reasons = ("First reason", "Second reason", "Third reason", "Fourth reason")
    (notice,) = invitation_notices([item(reasons=reasons)], 3)
    assert "• First reason\n• Second reason\n• Third reason" in notice.body
    assert "Fourth" not in notice.body


def test_invitation_notice_quotes_the_note_clipped_to_one_line() -> None:
    (notice,) = invitation_notices([item(note="Hi!\nWe met at <PyCon>.\n" + "x " * 5000)], 3)
    note_line = next(line for line in notice.body.splitlines() if line.startswith("Their note"))
    assert note_line.startswith("Their note: “Hi! We met at <PyCon>. x x")
    assert len(note_line) < 200


def test_invitation_notice_keeps_untrusted_text_plain_for_the_sender_to_escape() -> None:
    (notice,) = invitation_notices([item(name="<b>Eve</b> & co", reasons=("<a href=x>y</a>",))], 3)
    assert notice.title == "<b>Eve</b> & co — meet first"
    assert "• <a href=x>y</a>" in notice.body


def test_invitation_notice_clips_a_huge_name_in_the_title() -> None:
    (notice,) = invitation_notices([item(name="Jane\n" + "Roe" * 4000)], 3)
    assert len(notice.title) <= 80
    assert notice.title.endswith("— meet first")
    assert "\n" not in notice.title


def test_invitation_notice_actions_for_meet_first_with_a_profile() -> None:
    (notice,) = invitation_notices([item(verdict=Verdict.MEET_FIRST)], 3)
    assert action_ids(notice) == [DRAFT, OPEN_PROFILE]
    assert notice.default_action == DRAFT
    assert notice.url == URL


def test_invitation_notice_actions_for_accept_without_a_profile() -> None:
    (notice,) = invitation_notices([item(verdict=Verdict.ACCEPT, profile_url=None)], 3)
    assert notice.actions == ()
    assert notice.default_action is None


def test_invitation_notice_open_profile_is_the_default_when_not_meeting_first() -> None:
    (notice,) = invitation_notices([item(verdict=Verdict.IGNORE)], 3)
    assert action_ids(notice) == [OPEN_PROFILE]
    assert notice.default_action == OPEN_PROFILE


def test_invitation_notice_urgency_is_never_critical() -> None:
    notices = [invitation_notices([item(verdict=v)], 3)[0] for v in Verdict]
    notices += invitation_notices([item(invitation_id=i) for i in range(9)], 3)
    notices += [failure_notice("a.zip", "broken"), reminder("Jane", 1, timedelta(1), True)]
    assert {n.urgency for n in notices} == {Urgency.NORMAL}


# -- summary ------------------------------------------------------------------------------------


def many_items() -> list[NoticeItem]:
    verdicts = [Verdict.ACCEPT] * 2 + [Verdict.MEET_FIRST] * 3 + [Verdict.IGNORE] * 9
    return [item(f"Person {i}", v, invitation_id=i) for i, v in enumerate(verdicts)]


def test_invitation_notices_summarises_above_the_threshold() -> None:
    notices = invitation_notices(many_items(), summary_threshold=3)
    assert len(notices) == 1
    assert notices[0].title == "14 new invitations: 3 meet first, 2 accept, 9 ignore"
    assert notices[0].invitation_ids == tuple(range(14))


def test_summary_notice_lists_a_few_names_per_verdict() -> None:
    (summary,) = invitation_notices(many_items(), summary_threshold=3)
    assert summary.body.splitlines() == [
        "Meet first: Person 2 (#2), Person 3 (#3), Person 4 (#4)",
        "Accept: Person 0 (#0), Person 1 (#1)",
        "Ignore: Person 5 (#5), Person 6 (#6), Person 7 (#7) and 6 more",
        "See them all with: invite-watcher list",
    ]
    assert summary.actions == ()


def test_summary_notice_leaves_out_verdicts_nobody_got() -> None:
    items = [item(f"P{i}", Verdict.IGNORE, invitation_id=i) for i in range(5)]
    (summary,) = invitation_notices(items, summary_threshold=0)
    assert summary.title == "5 new invitations: 5 ignore"
    assert "Accept" not in summary.body


def test_summary_notice_threshold_zero_summarises_even_one() -> None:
    (summary,) = invitation_notices([item()], summary_threshold=0)
    assert summary.title == "1 new invitation: 1 meet first"


# -- failures and reminders ---------------------------------------------------------------------


def test_failure_notice_names_the_file_and_the_reason() -> None:
    notice = failure_notice("Basic_LinkedInDataExport.zip", "the ZIP archive is truncated")
    assert notice.title == "Could not import Basic_LinkedInDataExport.zip"
    assert notice.body.startswith("the ZIP archive is truncated\n")
    assert notice.actions == ()


def test_failure_notice_clips_a_hostile_reason() -> None:
    notice = failure_notice("x\n.csv", "line\n" * 5000)
    assert notice.title == "Could not import x .csv"
    assert len(notice.body.splitlines()[0]) <= 280


def reminder(name: str, invitation_id: int, waited: timedelta, final: bool) -> Notice:
    """A reminder with the shipped snooze (1 day), for tests about something else."""
    return reminder_notice(name, invitation_id, waited, final, snooze=timedelta(days=1))


def test_reminder_notice_asks_whether_they_replied() -> None:
    notice = reminder("Jane Roe", 7, timedelta(days=3), final=False)
    assert notice.title == "Still waiting to hear from Jane Roe"
    assert "3 days ago" in notice.body
    assert [(a.id, a.label) for a in notice.actions] == [
        (REPLIED, "They replied"),
        (SNOOZE, "Snooze 1 day"),
        (GIVE_UP, "Give up"),
    ]
    assert notice.invitation_ids == (7,)
    # A click on the reminder itself only snoozes: it never answers for the user.
    assert notice.default_action == SNOOZE


@pytest.mark.parametrize(
    ("snooze", "label"),
    [
        (timedelta(hours=2), "Snooze 2 hours"),
        (timedelta(days=1), "Snooze 1 day"),
        (timedelta(days=3), "Snooze 3 days"),
        # Nothing rounded away: the button says exactly how long it snoozes.
        (timedelta(hours=1, minutes=30), "Snooze 1 hour 30 minutes"),
    ],
)
def test_reminder_notice_snooze_label_follows_the_configured_snooze(
    snooze: timedelta, label: str
) -> None:
    notice = reminder_notice("Jane", 7, timedelta(days=3), final=False, snooze=snooze)
    assert [a.label for a in notice.actions if a.id == SNOOZE] == [label]


def test_reminder_notice_requires_the_snooze() -> None:
    # A default would let a caller forget the configuration and label every snooze "1 day".
    with pytest.raises(TypeError, match="snooze"):
        reminder_notice("Jane", 7, timedelta(days=3), final=False)  # type: ignore[call-arg]


def test_reminder_notice_final_recommends_ignoring() -> None:
    notice = reminder("Jane Roe", 7, timedelta(days=14), final=True)
    assert notice.title == "No answer from Jane Roe"
    assert "unanswered for 2 weeks" in notice.body
    assert "ignoring the invitation is recommended" in notice.body
    # Already given up when shown: only a late answer is offered, and a click does nothing.
    assert action_ids(notice) == [REPLIED]
    assert notice.default_action is None


# -- the simple notifiers -----------------------------------------------------------------------


def test_log_notifier_writes_one_line_per_notice() -> None:
    lines: list[str] = []
    sink = logger.add(lines.append, format="{message}")
    try:
        asyncio.run(LogNotifier().send(Notice("Jane {0} Roe", "line one\nline two")))
    finally:
        logger.remove(sink)
    assert lines == ["Notification: Jane {0} Roe | line one\\nline two\n"]


def test_make_notifier_honours_log_and_none() -> None:
    assert isinstance(asyncio.run(make_notifier(NotificationBackend.LOG, "x")), LogNotifier)
    assert isinstance(asyncio.run(make_notifier(NotificationBackend.NONE, "x")), NullNotifier)


def test_recording_notifier_click_calls_back_with_the_default_action() -> None:
    notifier = RecordingNotifier()
    clicked: list[str] = []
    (notice,) = invitation_notices([item()], 3)
    asyncio.run(notifier.send(notice, clicked.append))
    notifier.click()
    notifier.click(OPEN_PROFILE)
    assert clicked == [DRAFT, OPEN_PROFILE]
    with pytest.raises(AssertionError, match="offers"):
        notifier.click(SNOOZE)


# -- what one import says, within its budget ----------------------------------------------------


def test_invitation_notices_settled_requests_make_one_notice_of_their_own() -> None:
    notices = invitation_notices([item()], summary_threshold=3, settled=412)
    assert [n.title for n in notices] == [
        "Jane Roe — meet first",
        "412 past meet-up requests went unanswered",
    ]
    settled = notices[1]
    assert settled.kind is NoticeKind.IMPORT and settled.actions == ()
    assert "412 meet-up requests seen in your messages were never answered" in settled.body
    assert "invite-watcher list --status unanswered" in settled.body


def test_invitation_notices_settled_count_in_the_budget_and_the_summary() -> None:
    items = [item(f"P{i}", Verdict.IGNORE, invitation_id=i) for i in range(3)]
    (summary,) = invitation_notices(items, summary_threshold=3, settled=1)  # 3 + 1 > 3
    assert summary.title == "3 new invitations: 3 ignore"
    assert "1 meet-up request seen in your messages was never answered" in summary.body
    assert summary.body.endswith("See them all with: invite-watcher list")


def test_invitation_notices_only_settled_above_a_zero_budget() -> None:
    (summary,) = invitation_notices([], summary_threshold=0, settled=2)
    assert summary.title == "2 past meet-up requests went unanswered"


def test_folded_notice_counts_by_kind_and_says_where_to_look() -> None:
    notice = folded_notice({"reminder": 30, "invitation": 1, "failure": 2, "other": 4})
    assert notice.title == "And 37 more notifications"
    assert "1 new invitation, 30 reminders, 2 failed imports, 4 others" in notice.body
    assert "invite-watcher list and invite-watcher reminders" in notice.body
    assert notice.kind is NoticeKind.FOLDED and notice.urgency is Urgency.LOW


def test_folded_notice_of_one_names_list_only() -> None:
    notice = folded_notice({"invitation": 1})
    assert notice.title == "And 1 more notification"
    assert notice.body.endswith("Nothing is lost: run invite-watcher list")


def test_builders_say_what_kind_of_notice_they_make() -> None:
    assert invitation_notices([item()], summary_threshold=3)[0].kind is NoticeKind.INVITATION
    assert failure_notice("x.zip", "broken").kind is NoticeKind.FAILURE
    reminder = reminder_notice("Jane", 7, timedelta(days=3), final=False, snooze=timedelta(1))
    assert reminder.kind is NoticeKind.REMINDER
    assert reminder.subject == 7


def test_invitation_notice_says_what_the_verdict_lacked() -> None:
    from watcher.models import Verdict
    from watcher.notify.texts import NoticeItem, invitation_notice

    line = "Judged without headline: capture the invitation page to judge value."
    item = NoticeItem(1, "Bo", None, Verdict.MEET_FIRST, 0, missing=line)
    assert line in invitation_notice(item).body.splitlines()
    assert line not in invitation_notice(NoticeItem(1, "Bo", None, Verdict.MEET_FIRST, 0)).body


# -- waiting notices, ids, the Review button -------------------------------------------------


def test_every_notice_about_one_invitation_ends_with_its_id() -> None:
    (invitation,) = invitation_notices([item(invitation_id=12)], summary_threshold=3)
    snooze = timedelta(days=1)
    reminder = reminder_notice("Jane", 12, timedelta(days=3), final=False, snooze=snooze)
    final = reminder_notice("Jane", 12, timedelta(days=14), final=True, snooze=snooze)

    for notice in (invitation, reminder, final):
        assert notice.body.splitlines()[-1] == "#12: invite-watcher show 12"


def test_reminders_stay_until_acted_on_at_normal_urgency() -> None:
    snooze = timedelta(days=1)
    for final in (False, True):
        notice = reminder_notice("Jane", 1, timedelta(days=3), final=final, snooze=snooze)
        assert notice.resident
        # "critical" is for emergencies; the spec's way to wait is no expiry
        assert notice.urgency is Urgency.NORMAL


def test_invitation_notices_do_not_wait() -> None:
    (notice,) = invitation_notices([item()], summary_threshold=3)
    assert not notice.resident


def test_summary_offers_review_only_when_there_is_a_terminal() -> None:
    (with_terminal,) = invitation_notices(many_items(), summary_threshold=3, review=True)
    (without,) = invitation_notices(many_items(), summary_threshold=3)

    assert action_ids(with_terminal) == [REVIEW]
    assert with_terminal.subject is None  # about many: the router's general handler takes it
    assert without.actions == ()
