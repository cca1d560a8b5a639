from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from watcher.config.durations import format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90s", timedelta(seconds=90)),
        ("15m", timedelta(minutes=15)),
        ("3d", timedelta(days=3)),
        ("1w", timedelta(weeks=1)),
        ("1h30m", timedelta(minutes=90)),
        ("1h 30m", timedelta(minutes=90)),
        (" 2S ", timedelta(seconds=2)),
        ("0.5s", timedelta(milliseconds=500)),
    ],
)
def test_parse_duration_accepts_written_forms(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "3", "three days", "3x", "d3", "1h-", "-3d"])
def test_parse_duration_rejects_with_hint(text: str) -> None:
    with pytest.raises(ValueError, match="write it like"):
        parse_duration(text)


@given(st.integers(min_value=0, max_value=10**8))
def test_format_duration_round_trips(seconds: int) -> None:
    value = timedelta(seconds=seconds)
    assert parse_duration(format_duration(value)) == value


def test_format_duration_prefers_days_over_odd_weeks() -> None:
    assert format_duration(timedelta(days=10)) == "10d"
    assert format_duration(timedelta(days=14)) == "2w"
    assert format_duration(timedelta(seconds=90)) == "1m30s"
