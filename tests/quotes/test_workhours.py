from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from quotes.workhours import add_working_hours

MADRID = ZoneInfo("Europe/Madrid")
WEEK = {1, 2, 3, 4, 5}


def due(start, hours):
    return add_working_hours(start, hours, days=WEEK, opens=9, closes=17, tz=MADRID)


def at(day, hour, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=MADRID)  # 2 March 2026 is a Monday


def test_hours_inside_one_working_day_simply_add():
    assert due(at(2, 10), 4) == at(2, 14)


def test_what_is_left_at_closing_time_carries_to_the_next_morning():
    assert due(at(2, 15), 4) == at(3, 11)


def test_a_request_before_opening_starts_the_clock_at_opening():
    assert due(at(2, 6), 4) == at(2, 13)


def test_a_friday_evening_request_is_due_on_monday_morning():
    assert due(at(6, 18, 30), 4) == at(9, 13)


def test_a_weekend_request_waits_for_monday():
    assert due(at(7, 11), 2.5) == at(9, 11, 30)


def test_other_time_zones_are_converted_first():
    utc = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("UTC"))  # 09:00 in Madrid
    assert due(utc, 1) == at(2, 10)


def test_an_impossible_working_day_is_refused():
    with pytest.raises(ValueError):
        add_working_hours(at(2, 9), 1, days=set(), opens=9, closes=17, tz=MADRID)
