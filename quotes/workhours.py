"""Working-hours arithmetic for the first-response clock (pure: no database, no settings)."""

from datetime import datetime, time, timedelta, tzinfo


def add_working_hours(
    start: datetime, hours: float, *, days: set[int], opens: int, closes: int, tz: tzinfo
) -> datetime:
    """The moment `hours` working hours after `start`.

    `days` are ISO weekdays (Monday 1 .. Sunday 7), `opens` and `closes` whole hours of the
    working day in `tz`. Time outside working hours does not count: a request sent on
    Friday evening with a four-hour clock is due on Monday at 13:00.
    """
    if not days or not 0 <= opens < closes <= 24:
        raise ValueError("working days must not be empty and the day must open before it closes")
    remaining = timedelta(hours=hours)
    current = start.astimezone(tz)
    while True:
        day_start = datetime.combine(current.date(), time(opens), tzinfo=tz)
        day_end = datetime.combine(current.date(), time(0), tzinfo=tz) + timedelta(hours=closes)
        if current.isoweekday() in days and current < day_end:
            current = max(current, day_start)
            available = day_end - current
            if remaining <= available:
                return current + remaining
            remaining -= available
        # Next calendar day at midnight, in local time.
        current = datetime.combine(current.date() + timedelta(days=1), time(0), tzinfo=tz)
