"""Dates typed in English, read day first.

The office is in Brussels and writes 31/01/2030 in either language; Django's English reads
01/02/2027 month first (2 January) and refuses 31/01/2030. The first format is also the one the
admin's date boxes and calendar write, so a date picked in English reads day first too. ISO
(2030-01-31) is accepted after it; no month-first format at all, so no date can be misread.

French needs no module of its own: Django's French already reads day first, then ISO.
"""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # '31/01/2030'
    "%d/%m/%y",  # '31/01/30'
    "%Y-%m-%d",  # '2030-01-31'
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",  # '31/01/2030 14:30:59'
    "%d/%m/%Y %H:%M:%S.%f",  # '31/01/2030 14:30:59.000200'
    "%d/%m/%Y %H:%M",  # '31/01/2030 14:30'
    "%Y-%m-%d %H:%M:%S",  # '2030-01-31 14:30:59'
    "%Y-%m-%d %H:%M:%S.%f",  # '2030-01-31 14:30:59.000200'
    "%Y-%m-%d %H:%M",  # '2030-01-31 14:30'
]

# Dates shown in figures (the admin's dashboard and lists) are day first too; the public pages
# write months in words ("Dec. 13, 2026"), which no one misreads.
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
# Weeks start on Monday in Brussels (the admin's calendar).
FIRST_DAY_OF_WEEK = 1
