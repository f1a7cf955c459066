"""Text typed by people, made fit for where it goes: a calendar, an XML feed, a log line.

Foundation layer: imports no app of ours.
"""

import unicodedata


def without_control_characters(text, keep: str = "\t\n") -> str:
    """`text` without its control characters (Unicode category Cc), but those in `keep`. A
    calendar's text values (RFC 5545) and XML 1.0 allow none but the tab and line breaks; one
    typed in a title would make the whole file invalid."""
    return "".join(
        character
        for character in str(text or "")
        if character in keep or unicodedata.category(character) != "Cc"
    )


#: How much of what a visitor typed (a user name, a path, a reported URI) a log line keeps.
LONGEST_LOGGED = 150


def one_line(value, longest: int = LONGEST_LOGGED) -> str:
    """What a visitor typed, as a log line may hold it: printable, on one line (anything else
    a space), shortened to `longest` characters. None is ""."""
    text = "".join(char if char.isprintable() else " " for char in str(value or ""))
    return text if len(text) <= longest else text[: longest - 1] + "…"


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV injection"), a tab and a
#: carriage return included.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A cell of a CSV file as a spreadsheet will read it: text that starts like a formula
    (`=HYPERLINK(...)`, `+32 2...`, `@SUM`) gets a leading apostrophe, so that it stays text;
    numbers are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
