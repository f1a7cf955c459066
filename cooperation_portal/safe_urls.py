"""Links typed by people, printed only when they are safe to follow: `http`, `https`, `mailto`.

A stored address reaches a page as an `href` (a website, a registration link, a call's text), in
schema.org data and in calendars. A `javascript:` or `data:` address there runs script in the
visitor's browser, so every output goes through `safe_url` (the template filter `safe_url` of
`portal`) and every model `URLField` through `validate_safe_url`: the form refuses such an
address, and one written around the form (`update()`, a script, an import) is still never
printed as a link.

Foundation layer: imports no app of ours.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALLOWED_SCHEMES = ("http", "https", "mailto")

# What a browser ignores when it reads an address (WHATWG URL standard): C0 control characters
# and spaces at either end, tabs and line breaks anywhere ("java\tscript:" is "javascript:").
_ENDS = "".join(chr(code) for code in range(0x21))
_TABS_AND_NEWLINES = re.compile(r"[\t\n\r]")
# The scheme must be spelled out: "javascript&#58;", "java&#x09;script:" and "%6Aavascript:"
# begin with no allowed scheme, so they are refused too, before any decoding.
_ALLOWED = re.compile(rf"(?:{'|'.join(ALLOWED_SCHEMES)}):", re.IGNORECASE | re.ASCII)


def safe_url(value) -> str:
    """`value` as a browser would read it when its scheme is `http`, `https` or `mailto`
    (in any case); "" otherwise, including for an address without a scheme."""
    if not value:
        return ""
    address = _TABS_AND_NEWLINES.sub("", str(value).strip(_ENDS))
    if not _ALLOWED.match(address):
        return ""
    return address


def validate_safe_url(value) -> None:
    """Refuses an address a page would not print as a link (see `safe_url`), or one that needs
    cleaning first (spaces or control characters at its ends, tabs or line breaks)."""
    if value and safe_url(value) != value:
        raise ValidationError(
            _("Only http, https and mailto links are allowed (for example https://example.org)."),
            code="unsafe_url",
        )
