"""Where browsers report what the Content Security Policy blocked (`report-uri /csp-report`).

The policy itself is in settings.py (`CONTENT_SECURITY_POLICY`, applied by django-csp's
middleware). Each report becomes one WARNING line on the `cooperation_portal.security` logger:
what was blocked, by which directive, on which page. The endpoint is open to anyone (browsers
send no cookie or token with a report), so it trusts nothing it reads: the body is
size-limited, every value shortened and kept on one line, and bad input is answered 400 (never
a server error). Two formats are read: the classic `application/csp-report` that `report-uri`
sends (one report) and the Reporting API's `application/reports+json` (a list of reports).
"""

import json
import logging

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .text import one_line

logger = logging.getLogger("cooperation_portal.security")

#: A browser's report is well under 4 KB; anything much larger is not one.
LARGEST_REPORT_BYTES = 16 * 1024
#: Each value logged is cut to this length, and a batch to this many reports.
LONGEST_VALUE = 300
MOST_REPORTS_LOGGED = 10

CLASSIC_TYPE = "application/csp-report"
REPORTING_API_TYPE = "application/reports+json"
#: Some browsers (and tools) send the classic report as plain JSON.
ACCEPTED_TYPES = {CLASSIC_TYPE, REPORTING_API_TYPE, "application/json"}


class PayloadTooLarge(HttpResponse):
    status_code = 413


class UnsupportedMediaType(HttpResponse):
    status_code = 415


def reported(value) -> str:
    """A reported value as it may be logged (`text.one_line`), "-" when there is none."""
    return one_line(value, LONGEST_VALUE) or "-"


def violations(payload) -> list[dict[str, str]]:
    """The violations in a parsed report, each as blocked/directive/document/source; raises
    ValueError when the payload is not a CSP report in either format."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        report = payload["csp-report"]
        found = [
            {
                "blocked": report.get("blocked-uri"),
                "directive": report.get("effective-directive") or report.get("violated-directive"),
                "document": report.get("document-uri"),
                "source": report.get("source-file"),
                "line": report.get("line-number"),
            }
        ]
    elif isinstance(payload, list) and payload:
        found = [
            {
                "blocked": entry["body"].get("blockedURL"),
                "directive": entry["body"].get("effectiveDirective"),
                "document": entry["body"].get("documentURL") or entry.get("url"),
                "source": entry["body"].get("sourceFile"),
                "line": entry["body"].get("lineNumber"),
            }
            for entry in payload
            if isinstance(entry, dict)
            and entry.get("type") == "csp-violation"
            and isinstance(entry.get("body"), dict)
        ]
        if not found:
            raise ValueError("no CSP violation in the reports")
    else:
        raise ValueError("not a CSP report")
    if not any(violation["directive"] for violation in found):
        raise ValueError("a report without a directive")
    return found


@never_cache
@csrf_exempt
@require_POST
def csp_report(request):
    """Log the violations a browser reports, and answer 204."""
    if request.content_type not in ACCEPTED_TYPES:
        return UnsupportedMediaType()
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponseBadRequest()
    if declared > LARGEST_REPORT_BYTES:
        return PayloadTooLarge()
    # Never read more than the limit, whatever the header said.
    body = request.read(LARGEST_REPORT_BYTES + 1)
    if len(body) > LARGEST_REPORT_BYTES:
        return PayloadTooLarge()
    try:
        found = violations(json.loads(body))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return HttpResponseBadRequest()
    for violation in found[:MOST_REPORTS_LOGGED]:
        source = reported(violation["source"])
        if violation["line"] is not None:
            source = f"{source}:{reported(violation['line'])}"
        logger.warning(
            "Content Security Policy violation: blocked %s (directive %s) on %s, from %s",
            reported(violation["blocked"]),
            reported(violation["directive"]),
            reported(violation["document"]),
            source,
        )
    return HttpResponse(status=204)
