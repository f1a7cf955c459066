"""Moments as visitors read them. Foundation layer: imports no app of ours."""

import datetime


def utc_offset(moment: datetime.datetime) -> str:
    """The UTC offset of an aware moment, as a person reads it: UTC+1, UTC+5:30, and UTC-4
    written with a real minus sign (U+2212)."""
    offset = moment.utcoffset() or datetime.timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "\u2212"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")
