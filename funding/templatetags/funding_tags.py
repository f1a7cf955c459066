"""Deadlines in Brussels time, statuses and eligibility in words, for the funding pages.

Statuses and "closes in N days" are computed for the moment in the template's ``now`` (set once
per request by the views), so that every part of a page agrees; without it, for the moment.
"""

from dataclasses import dataclass

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cooperation_portal.templatetags.portal import euros
from cooperation_portal.times import utc_offset

from ..eligibility import human_list
from ..models import DEADLINE_TIME_ZONE, Call

register = template.Library()


def moment_of(context):
    return context.get("now") or timezone.now()


def brussels_zone_name(local) -> str:
    return _("Brussels time (%(offset)s)") % {"offset": utc_offset(local)}


@register.simple_tag
def brussels_time(moment, date_only=False) -> SafeString:
    """A moment in Brussels time, the zone named: "March 15, 2026, 12:00 Brussels time (UTC+1)".

    The offset is shown because the hour of a deadline means little to someone in Kinshasa or
    La Paz without it, and because it changes with daylight saving.
    """
    if not moment:
        return ""
    local = moment.astimezone(DEADLINE_TIME_ZONE)
    if date_only:
        return format_html(
            '<time datetime="{}">{}</time>',
            local.date().isoformat(),
            date_format(local, "DATE_FORMAT"),
        )
    return format_html(
        '<time datetime="{}">{}, {}</time> <span class="timezone">{}</span>',
        local.isoformat(),
        date_format(local, "DATE_FORMAT"),
        date_format(local, "H:i"),
        brussels_zone_name(local),
    )


@register.simple_tag(takes_context=True)
def call_status(context, call):
    return Call.Status(call.status_at(moment_of(context)))


@register.simple_tag(takes_context=True)
def scheme_status(context, scheme):
    return Call.Status(scheme.status_at(moment_of(context)))


@register.simple_tag(takes_context=True)
def next_call(context, scheme):
    return scheme.next_call_at(moment_of(context))


@dataclass(frozen=True)
class CallShown:
    call: Call
    status: Call.Status


#: A card lists the calls of the statuses asked for in this order: what can be done now first.
STATUS_ORDER = {Call.Status.OPEN: 0, Call.Status.UPCOMING: 1, Call.Status.CLOSED: 2}


@register.simple_tag(takes_context=True)
def calls_in_status(context, scheme, statuses):
    """The scheme's calls whose status is one of ``statuses``, each with its status: open
    ones by deadline, then upcoming ones by opening, then the last closed one only (a card
    stays short however long the scheme's history). Reads the prefetched calls."""
    at = moment_of(context)
    shown = [
        CallShown(call, Call.Status(call.status_at(at)))
        for call in scheme.calls.all()
        if call.status_at(at) in statuses
    ]
    closed = [item for item in shown if item.status == Call.Status.CLOSED]
    shown = [item for item in shown if item.status != Call.Status.CLOSED]
    if closed:
        shown.append(max(closed, key=lambda item: (item.call.deadline, item.call.pk)))
    return sorted(
        shown,
        key=lambda item: (
            STATUS_ORDER[item.status],
            item.call.opens_at if item.status == Call.Status.UPCOMING else item.call.deadline,
            item.call.pk,
        ),
    )


@register.simple_tag
def fit_reasons(scheme, applicant) -> list[str]:
    """Why ``scheme`` fits what the visitor asked (see ``funding.eligibility``)."""
    return applicant.reasons(scheme) if applicant else []


@register.simple_tag(takes_context=True)
def closing(context, call):
    return call.closing_at(moment_of(context))


# "a, b and c": shared with the reasons of ``funding.eligibility``.
register.filter("human_list", human_list)


@register.filter
def amount_range(scheme) -> str:
    """A range (€1,500 to €6,000), up to €6,000, from €1,500, or nothing."""
    low, high = scheme.amount_min, scheme.amount_max
    if low is not None and high is not None:
        if low == high:
            return euros(low)
        return f"{euros(low)} \N{EN DASH} {euros(high)}"
    if high is not None:
        return _("up to %(amount)s") % {"amount": euros(high)}
    if low is not None:
        return _("from %(amount)s") % {"amount": euros(low)}
    return ""


@register.simple_tag
def eligibility_sentence(scheme) -> str:
    """Who may apply, in a few sentences: levels, nationalities, disciplines, affiliations and
    whether individuals or organisations apply.

    Reads the prefetched ``applicant_levels``, ``eligible_nationalities``, ``disciplines`` and
    ``eligible_affiliations``.
    """
    levels = [level.plural_label for level in scheme.applicant_levels.all()]
    affiliations = [affiliation.phrase for affiliation in scheme.eligible_affiliations.all()]
    countries = [country.name for country in scheme.eligible_nationalities.all()]
    disciplines = [discipline.name.lower() for discipline in scheme.disciplines.all()]
    # Whole sentences, each translated as a whole: a sentence built from fragments cannot be
    # translated well (French needs articles before country names, for one).
    if levels:
        sentences = [_("Open to %(levels)s.") % {"levels": human_list(levels)}]
    else:
        sentences = [_("Open to applicants at every level.")]
    if scheme.open_to_all_nationalities:
        sentences.append(_("Any nationality."))
    elif countries:
        sentences.append(
            _("Nationality: %(countries)s.") % {"countries": human_list(countries, "or")}
        )
    if disciplines:
        sentences.append(
            _("Disciplines: %(disciplines)s.") % {"disciplines": human_list(disciplines, "or")}
        )
    else:
        sentences.append(_("Every discipline."))
    if affiliations:
        sentences.append(
            _("Open to applicants attached to %(affiliations)s.")
            % {"affiliations": human_list(affiliations, "or")}
        )
    if scheme.applicant_type == scheme.ApplicantType.PERSON:
        sentences.append(_("Individuals may apply."))
    elif scheme.applicant_type == scheme.ApplicantType.ORGANISATION:
        sentences.append(_("Organisations may apply."))
    return " ".join(sentences)
