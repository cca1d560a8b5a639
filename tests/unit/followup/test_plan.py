"""The reminder plan and quiet hours: pure functions, time moved by hand (the lifecycle's
transitions are test_transitions.py's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.config.settings import QuietHours
from watcher.followup.plan import Reminder, after_firing, next_reminder, plan_reminders, snoozed
from watcher.followup.quiet import in_quiet_hours, out_of_quiet_hours
from watcher.models import Meetup

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
NIGHT = QuietHours(time(21, 0), time(8, 0))
DAY = timedelta(days=1)
REMIND = [3 * DAY, 7 * DAY]
GIVE_UP = 14 * DAY
SENT = datetime(2024, 5, 6, 10, 0, tzinfo=UTC)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def meetup(fired_stage: int = 0, snoozed_until: datetime | None = None) -> Meetup:
    return Meetup(7, "Ada Lovelace", SENT, snoozed_until, fired_stage)


# --------------------------------------------------------------------------------------------
# quiet hours
# --------------------------------------------------------------------------------------------


def test_in_quiet_hours_wrapping_midnight_includes_start_excludes_end() -> None:
    tz = UTC
    assert in_quiet_hours(utc(2024, 5, 6, 21, 0), NIGHT, tz)
    assert in_quiet_hours(utc(2024, 5, 6, 3, 0), NIGHT, tz)
    assert not in_quiet_hours(utc(2024, 5, 6, 8, 0), NIGHT, tz)
    assert not in_quiet_hours(utc(2024, 5, 6, 20, 59), NIGHT, tz)


def test_in_quiet_hours_equal_start_and_end_is_never_quiet() -> None:
    assert not in_quiet_hours(utc(2024, 5, 6, 9, 0), QuietHours(time(9), time(9)), UTC)


def test_out_of_quiet_hours_outside_is_unchanged() -> None:
    assert out_of_quiet_hours(utc(2024, 5, 6, 12, 0), NIGHT, BERLIN) == utc(2024, 5, 6, 12, 0)
    assert out_of_quiet_hours(utc(2024, 5, 6, 23, 0), None, BERLIN) == utc(2024, 5, 6, 23, 0)


def test_out_of_quiet_hours_evening_moves_to_next_morning() -> None:
    # 23:00 CEST on Monday -> 08:00 CEST on Tuesday
    assert out_of_quiet_hours(utc(2024, 5, 6, 21, 0), NIGHT, BERLIN) == utc(2024, 5, 7, 6, 0)


def test_out_of_quiet_hours_early_morning_moves_to_same_morning() -> None:
    # 03:00 CEST -> 08:00 CEST the same day
    assert out_of_quiet_hours(utc(2024, 5, 7, 1, 0), NIGHT, BERLIN) == utc(2024, 5, 7, 6, 0)


def test_out_of_quiet_hours_daytime_range() -> None:
    lunch = QuietHours(time(12), time(14))
    assert out_of_quiet_hours(utc(2024, 5, 6, 13, 5), lunch, UTC) == utc(2024, 5, 6, 14, 0)


@pytest.mark.parametrize(
    ("due", "tz", "expected"),
    [
        # Berlin spring forward (2024-03-31): 22:00 CET -> 08:00 CEST = 06:00 UTC
        (utc(2024, 3, 30, 21, 0), BERLIN, utc(2024, 3, 31, 6, 0)),
        # Berlin fall back (2024-10-27): 23:00 CEST -> 08:00 CET = 07:00 UTC
        (utc(2024, 10, 26, 21, 0), BERLIN, utc(2024, 10, 27, 7, 0)),
        # New York spring forward (2024-03-10): 23:00 EST -> 08:00 EDT = 12:00 UTC
        (utc(2024, 3, 10, 4, 0), NEW_YORK, utc(2024, 3, 10, 12, 0)),
        # New York fall back (2024-11-03): 22:00 EDT -> 08:00 EST = 13:00 UTC
        (utc(2024, 11, 3, 2, 0), NEW_YORK, utc(2024, 11, 3, 13, 0)),
    ],
)
def test_out_of_quiet_hours_dst_day_still_ends_at_eight_local(
    due: datetime, tz: ZoneInfo, expected: datetime
) -> None:
    moved = out_of_quiet_hours(due, NIGHT, tz)
    assert moved == expected
    assert moved.astimezone(tz).time() == time(8, 0)


def test_out_of_quiet_hours_nonexistent_end_is_when_the_clock_jumps() -> None:
    # quiet until 02:30, which New York skips on 2024-03-10: the clock jumps 02:00 EST -> 03:00 EDT
    quiet = QuietHours(time(0), time(2, 30))
    moved = out_of_quiet_hours(utc(2024, 3, 10, 6, 0), quiet, NEW_YORK)  # 01:00 EST
    assert moved == utc(2024, 3, 10, 7, 0)
    assert moved.astimezone(NEW_YORK).time() == time(3, 0)


def test_out_of_quiet_hours_ambiguous_end_takes_first_occurrence_still_ahead() -> None:
    # Berlin 2024-10-27: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET)
    quiet = QuietHours(time(0), time(2, 30))
    assert out_of_quiet_hours(utc(2024, 10, 26, 23, 0), quiet, BERLIN) == utc(2024, 10, 27, 0, 30)
    # 02:10 CET, the second pass: the first 02:30 is behind us, so the second one
    assert out_of_quiet_hours(utc(2024, 10, 27, 1, 10), quiet, BERLIN) == utc(2024, 10, 27, 1, 30)


# --------------------------------------------------------------------------------------------
# plan_reminders
# --------------------------------------------------------------------------------------------


def test_plan_reminders_every_stage_then_give_up() -> None:
    plan = plan_reminders(meetup(), REMIND, GIVE_UP, None, UTC)
    assert plan == [
        Reminder(7, 0, SENT + 3 * DAY, final=False, waited=3 * DAY),
        Reminder(7, 1, SENT + 7 * DAY, final=False, waited=7 * DAY),
        Reminder(7, 2, SENT + 14 * DAY, final=True, waited=14 * DAY),
    ]


def test_plan_reminders_sorts_the_waits() -> None:
    plan = plan_reminders(meetup(), [7 * DAY, 3 * DAY], GIVE_UP, None, UTC)
    assert [r.waited for r in plan] == [3 * DAY, 7 * DAY, 14 * DAY]


def test_plan_reminders_leaves_out_fired_stages() -> None:
    assert [r.stage for r in plan_reminders(meetup(1), REMIND, GIVE_UP, None, UTC)] == [1, 2]
    assert plan_reminders(meetup(3), REMIND, GIVE_UP, None, UTC) == []


def test_plan_reminders_without_reminders_only_gives_up() -> None:
    assert plan_reminders(meetup(), [], GIVE_UP, None, UTC) == [
        Reminder(7, 0, SENT + GIVE_UP, final=True, waited=GIVE_UP)
    ]


def test_plan_reminders_moves_night_stages_to_morning() -> None:
    late = Meetup(7, "Ada", datetime(2024, 5, 6, 22, 30, tzinfo=BERLIN), None, 0)
    plan = plan_reminders(late, REMIND, GIVE_UP, NIGHT, BERLIN)
    assert [r.due_at.astimezone(BERLIN).time() for r in plan] == [time(8)] * 3
    assert [r.due_at.astimezone(BERLIN).day for r in plan] == [10, 14, 21]
    assert all(r.due_at.tzinfo is UTC for r in plan)


def test_plan_reminders_second_long_durations() -> None:
    seconds = timedelta(seconds=1)
    plan = plan_reminders(meetup(), [seconds, 2 * seconds], 3 * seconds, None, UTC)
    assert [r.due_at - SENT for r in plan] == [seconds, 2 * seconds, 3 * seconds]


def test_meetup_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        Meetup(7, "Ada", datetime(2024, 5, 6, 10), None, 0)


# --------------------------------------------------------------------------------------------
# next_reminder
# --------------------------------------------------------------------------------------------


def nxt(state: Meetup, now: datetime, quiet: QuietHours | None = None) -> Reminder | None:
    return next_reminder(state, REMIND, GIVE_UP, quiet, UTC, now=now)


def test_next_reminder_before_anything_is_due_is_the_first_stage() -> None:
    reminder = nxt(meetup(), SENT + DAY)
    assert reminder is not None
    assert (reminder.stage, reminder.due_at) == (0, SENT + 3 * DAY)


def test_next_reminder_several_missed_stages_only_latest_fires() -> None:
    now = SENT + 8 * DAY  # stages 0 (3d) and 1 (7d) were missed while the daemon was down
    reminder = nxt(meetup(), now)
    assert reminder is not None
    assert reminder.stage == 1
    assert reminder.due_at <= now
    state = after_firing(meetup(), reminder)
    assert state.fired_stage == 2
    following = nxt(state, now)
    assert following is not None
    assert (following.stage, following.final, following.due_at) == (2, True, SENT + GIVE_UP)


def test_next_reminder_long_outage_fires_only_the_give_up() -> None:
    reminder = nxt(meetup(), SENT + 30 * DAY)
    assert reminder is not None
    assert reminder.final
    assert nxt(after_firing(meetup(), reminder), SENT + 30 * DAY) is None


def test_next_reminder_none_when_every_stage_fired() -> None:
    assert nxt(meetup(3), SENT + DAY) is None


def test_next_reminder_snooze_refires_the_same_stage_later() -> None:
    fired_first = meetup(1)  # stage 0 fired at 3 days
    state = snoozed(fired_first, SENT + 3 * DAY, DAY)
    reminder = nxt(state, SENT + 3 * DAY)
    assert reminder is not None
    assert (reminder.stage, reminder.due_at) == (0, SENT + 4 * DAY)
    after = after_firing(state, reminder)
    assert (after.fired_stage, after.snoozed_until) == (1, None)
    following = nxt(after, SENT + 4 * DAY)
    assert following is not None
    assert (following.stage, following.due_at) == (1, SENT + 7 * DAY)


def test_next_reminder_snooze_holds_back_a_stage_due_meanwhile() -> None:
    state = meetup(1, snoozed_until=SENT + 8 * DAY)  # stage 1 falls due at 7 days
    reminder = nxt(state, SENT + 7 * DAY)
    assert reminder is not None
    assert (reminder.stage, reminder.due_at) == (1, SENT + 8 * DAY)


def test_next_reminder_snooze_end_respects_quiet_hours() -> None:
    state = meetup(1, snoozed_until=utc(2024, 5, 9, 23, 0))
    reminder = nxt(state, utc(2024, 5, 9, 12, 0), NIGHT)
    assert reminder is not None
    assert (reminder.stage, reminder.due_at) == (0, utc(2024, 5, 10, 8, 0))


def test_next_reminder_snooze_before_any_stage_keeps_the_plan() -> None:
    state = meetup(0, snoozed_until=SENT + DAY)
    reminder = nxt(state, SENT)
    assert reminder is not None
    assert (reminder.stage, reminder.due_at) == (0, SENT + 3 * DAY)


def test_next_reminder_after_final_stage_snooze_refires_final() -> None:
    state = meetup(3, snoozed_until=SENT + 15 * DAY)
    reminder = nxt(state, SENT + 14 * DAY)
    assert reminder is not None
    assert (reminder.stage, reminder.final) == (2, True)


def test_next_reminder_clock_jump_back_does_not_refire() -> None:
    reminder = nxt(meetup(), SENT + 3 * DAY)
    assert reminder is not None
    state = after_firing(meetup(), reminder)
    # NTP steps the clock back an hour: stage 0 is behind us, stage 1 comes next
    again = nxt(state, SENT + 3 * DAY - timedelta(hours=1))
    assert again is not None
    assert again.stage == 1


# --------------------------------------------------------------------------------------------
# properties
# --------------------------------------------------------------------------------------------

ZONES: list[tzinfo] = [
    UTC,
    BERLIN,
    NEW_YORK,
    ZoneInfo("Australia/Lord_Howe"),
    ZoneInfo("Asia/Kolkata"),
]
moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)
wall_times = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))
quiet_hours = st.none() | st.builds(QuietHours, wall_times, wall_times)
waits = st.lists(
    st.integers(1, 20 * 24 * 3600).map(lambda s: timedelta(seconds=s)), min_size=0, max_size=3
)
meetups = st.builds(Meetup, st.just(1), st.just("Ada"), moments, st.none(), st.integers(0, 4))


@dataclass(frozen=True)
class Config:
    """The configuration a plan takes, drawn as one value."""

    remind: list[timedelta]
    give_up: timedelta
    quiet: QuietHours | None
    tz: tzinfo

    def plan(self, state: Meetup) -> list[Reminder]:
        return plan_reminders(state, self.remind, self.give_up, self.quiet, self.tz)

    def next(self, state: Meetup, now: datetime) -> Reminder | None:
        return next_reminder(state, self.remind, self.give_up, self.quiet, self.tz, now=now)


@st.composite
def configs(draw: st.DrawFn) -> Config:
    remind = draw(waits)
    extra = timedelta(seconds=draw(st.integers(1, 10 * 24 * 3600)))
    give_up = max(remind, default=timedelta(0)) + extra
    return Config(remind, give_up, draw(quiet_hours), draw(st.sampled_from(ZONES)))


@settings(deadline=None)
@given(meetups, configs())
def test_plan_reminders_property_ordered_out_of_quiet_never_early(
    state: Meetup, config: Config
) -> None:
    plan = config.plan(state)
    dues = [r.due_at for r in plan]
    assert dues == sorted(dues)
    for reminder in plan:
        assert reminder.due_at >= state.sent_at + reminder.waited
        quiet = config.quiet
        assert quiet is None or not in_quiet_hours(reminder.due_at, quiet, config.tz)
    expected_finals = 1 if state.fired_stage <= len(config.remind) else 0
    assert [r.final for r in plan].count(True) == expected_finals


@settings(deadline=None)
@given(meetups, configs(), st.lists(st.integers(-3 * 24 * 3600, 40 * 24 * 3600), max_size=12))
def test_next_reminder_property_each_stage_at_most_once_whenever_replanned(
    state: Meetup, config: Config, offsets: list[int]
) -> None:
    """A daemon that wakes (restarts, resumes, sees the clock jump) at arbitrary times."""
    fired: list[int] = []
    wakes = [state.sent_at + timedelta(seconds=s) for s in offsets]
    wakes.append(state.sent_at + config.give_up + 2 * DAY)  # finally long after everything
    for now in wakes:
        reminder = config.next(state, now)
        assert reminder == config.next(state, now)
        if reminder is None or reminder.due_at > now:
            continue
        overdue = [r for r in config.plan(state) if r.due_at <= now]
        assert reminder == overdue[-1]  # only the latest overdue stage
        fired.append(reminder.stage)
        state = after_firing(state, reminder)
    assert fired == sorted(set(fired))
    assert state.fired_stage > len(config.remind)  # the give-up stage was reached
    assert config.next(state, wakes[-1]) is None


@settings(deadline=None)
@given(meetups, configs(), st.integers(0, 10**6), st.integers(0, 10**6))
def test_next_reminder_property_same_answer_at_any_now_before_due(
    state: Meetup, config: Config, early: int, earlier: int
) -> None:
    planned = config.next(state, state.sent_at)
    if planned is None:
        return
    for seconds in (early, earlier):
        assert config.next(state, planned.due_at - timedelta(seconds=1 + seconds)) == planned


@settings(deadline=None)
@given(moments, quiet_hours.filter(lambda q: q is not None), st.sampled_from(ZONES))
def test_out_of_quiet_hours_property_idempotent_and_never_early(
    moment: datetime, quiet: QuietHours, tz: tzinfo
) -> None:
    moved = out_of_quiet_hours(moment, quiet, tz)
    assert moved >= moment
    assert moved - moment <= timedelta(hours=26)
    assert not in_quiet_hours(moved, quiet, tz)
    assert out_of_quiet_hours(moved, quiet, tz) == moved


@settings(deadline=None)
@given(
    meetups,
    configs(),
    st.integers(0, 40 * 24 * 3600),
    st.integers(-3 * 24 * 3600, 40 * 24 * 3600),
)
def test_next_reminder_property_snoozed_never_fires_before_snooze_ends(
    state: Meetup, config: Config, snooze_at: int, now_at: int
) -> None:
    state = snoozed(state, state.sent_at + timedelta(seconds=snooze_at), DAY)
    assert state.snoozed_until is not None
    reminder = config.next(state, state.sent_at + timedelta(seconds=now_at))
    if state.fired_stage > 0:
        assert reminder is not None
    if reminder is not None:
        assert reminder.due_at >= out_of_quiet_hours(state.snoozed_until, config.quiet, config.tz)
        assert reminder.stage >= min(state.fired_stage, len(config.remind) + 1) - 1
