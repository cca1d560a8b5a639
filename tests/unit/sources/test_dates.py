"""Every date shape of §1.8, tried in a fixed order."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.exports import day_month_year, excel_date, us_datetime, utc_text
from watcher.sources.dates import (
    parse_date,
    parse_datetime,
    parse_month,
    parse_range,
    parse_year,
    sortable,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9/25/26, 8:52 AM", datetime(2026, 9, 25, 8, 52, tzinfo=UTC)),
        ("04/15/24, 09:25 PM", datetime(2024, 4, 15, 21, 25, tzinfo=UTC)),
        ("1/8/18, 12:14 AM", datetime(2018, 1, 8, 0, 14, tzinfo=UTC)),
        ("1/8/18, 12:14 PM", datetime(2018, 1, 8, 12, 14, tzinfo=UTC)),
        ("22 Jan 2026", datetime(2026, 1, 22, tzinfo=UTC)),
        ("2023-06-11 15:33:58 UTC", datetime(2023, 6, 11, 15, 33, 58, tzinfo=UTC)),
        ("2026/03/21 02:06:52 UTC", datetime(2026, 3, 21, 2, 6, 52, tzinfo=UTC)),
        ("2025-01-01 10:12:57", datetime(2025, 1, 1, 10, 12, 57, tzinfo=UTC)),
        ("2019-11-06T02:08:20", datetime(2019, 11, 6, 2, 8, 20, tzinfo=UTC)),
        ("2019-11-06T02:08:20+02:00", datetime(2019, 11, 6, 0, 8, 20, tzinfo=UTC)),
        ("06-May-22", datetime(2022, 5, 6, tzinfo=UTC)),
        ("9-Sep-22", datetime(2022, 9, 9, tzinfo=UTC)),
        ("Feb 17, 1998", datetime(1998, 2, 17, tzinfo=UTC)),
        ("Jul 01, 2021 10:00 AM", datetime(2021, 7, 1, 10, tzinfo=UTC)),
        ("07/22/2026 04:02", datetime(2026, 7, 22, 4, 2, tzinfo=UTC)),
        ("  22 Jan 2026  ", datetime(2026, 1, 22, tzinfo=UTC)),
    ],
)
def test_parse_datetime_reads_every_known_shape(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Jun 20",
        "yesterday",
        "13/45/22, 9:00 AM",
        "31 Feb 2024",
        "2/3/22, 13:00 PM",
        "32 Foo 2020",
    ],
)
def test_parse_datetime_is_none_for_what_it_cannot_read(text: str) -> None:
    assert parse_datetime(text) is None


def test_parse_datetime_pivots_two_digit_years_at_69() -> None:
    assert parse_date("1/1/68, 1:00 AM") == date(2068, 1, 1)
    assert parse_date("1/1/70, 1:00 AM") == date(1970, 1, 1)


def test_parse_month_reads_positions_shapes() -> None:
    assert parse_month("Jun 2018") == date(2018, 6, 1)
    assert parse_month("2017") == date(2017, 1, 1)
    assert parse_month("") is None
    assert parse_month("Smarch 2020") is None


def test_parse_year_reads_education_years() -> None:
    assert parse_year("2015") == 2015
    assert parse_year("Sep 2015") == 2015
    assert parse_year("") is None


def test_parse_range_reads_an_events_range() -> None:
    start, end = parse_range("Jul 01, 2021 10:00 AM - Jul 01, 2021 10:45 AM")
    assert start == datetime(2021, 7, 1, 10, tzinfo=UTC)
    assert end == datetime(2021, 7, 1, 10, 45, tzinfo=UTC)


def test_parse_range_with_one_time_or_garbage() -> None:
    assert parse_range("Apr 11, 2024 08:00 AM") == (datetime(2024, 4, 11, 8, tzinfo=UTC), None)
    assert parse_range("soon - later") == (None, None)


def test_sortable_orders_like_the_datetimes() -> None:
    assert sortable("2023-06-11 15:33:58 UTC") == "2023-06-11 15:33:58"
    assert sortable("10/16/18, 8:36 AM") == "2018-10-16 08:36:00"
    assert sortable("nonsense") == ""


minutes = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2068, 12, 31), timezones=st.just(UTC)
).map(lambda value: value.replace(second=0, microsecond=0))


@given(minutes)
def test_parse_datetime_round_trips_invitation_times(value: datetime) -> None:
    assert parse_datetime(us_datetime(value)) == value
    assert parse_datetime(us_datetime(value, padded=True)) == value


@given(minutes.map(lambda value: value.replace(second=value.minute)))
def test_parse_datetime_round_trips_message_and_endorsement_times(value: datetime) -> None:
    assert parse_datetime(utc_text(value)) == value
    assert parse_datetime(utc_text(value, sep="/")) == value


@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2068, 12, 31)))
def test_parse_date_round_trips_connection_dates(value: date) -> None:
    assert parse_date(day_month_year(value)) == value
    assert parse_date(excel_date(value)) == value


@given(st.text(max_size=40))
def test_parse_datetime_never_raises(text: str) -> None:
    result = parse_datetime(text)
    assert result is None or result.tzinfo is not None


@given(st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30))])))
def test_sortable_agrees_with_datetime_order(value: datetime) -> None:
    later = value + timedelta(seconds=1)
    if 1000 < value.year < 9999:
        assert sortable(value.isoformat()) < sortable(later.isoformat())
