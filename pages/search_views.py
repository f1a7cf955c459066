"""The search across everything (`/en/search/?q=&type=&page=`); what it finds is pages.search.

Top layer: imports the apps, and no app imports it.
"""

from urllib.parse import urlencode

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from cooperation_portal.database import SEARCH_MAX_LENGTH

from . import search as portal_search


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        required=False,
        widget=forms.SearchInput(attrs={"maxlength": SEARCH_MAX_LENGTH}),
        help_text=_("Words in French or in English; accents and capitals do not matter."),
    )
    type = forms.ChoiceField(
        label=_("In"),
        required=False,
        choices=[("", _("Everything"))]
        + [(group.key, group.label) for group in portal_search.GROUPS],
    )


def see_all_url(result: portal_search.GroupResult, text: str) -> str:
    """Where "see all N" leads: the group's list with the same `q` when it has one and found
    the same (not close matches only); the search restricted to the group otherwise."""
    group = result.group
    if group.list_url_name and not result.close_matches:
        return f"{reverse(group.list_url_name)}?{urlencode({'q': text})}"
    return f"{reverse('search')}?{urlencode({'q': text, 'type': group.key})}"


def is_htmx(request) -> bool:
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


@require_safe
def search(request):
    text, shortened = portal_search.read_query(request.GET.get("q", ""))
    type_key = request.GET.get("type", "").strip()
    group = portal_search.GROUPS_BY_KEY.get(type_key)
    words = portal_search.search_words(text)
    results, missing_page = [], None
    if words and group is not None:
        result, missing_page = portal_search.search_one_group(
            group, text, words, request.GET.get("page", "")
        )
        results = [result]
    elif words:
        results = portal_search.search_everything(text)
    for result in results:
        result.see_all_url = see_all_url(result, text)
        result.see_all_label = result.group.see_all_label(result.count)
        result.more = result.count > len(result.hits)
    form = SearchForm({"q": text, "type": type_key if group else ""}, auto_id="search-%s")
    query = {"q": text} if text else {}
    if group is not None and text:
        query["type"] = group.key
    page_obj = results[0].page_obj if group is not None and results else None
    if page_obj is not None and page_obj.number > 1:
        query["page"] = page_obj.number
    context = {
        "form": form,
        "query_text": text,
        "searched": bool(words),
        "shortened": shortened,
        "unknown_type": type_key if type_key and group is None else "",
        "group": group,
        "results": results,
        "total": sum(result.count for result in results),
        "shown_per_group": portal_search.SHOWN_PER_GROUP,
        "page_obj": page_obj,
        "missing_page": missing_page,
        "everything_url": f"{request.path}?{urlencode({'q': text})}",
        "canonical_path": f"{request.path}?{urlencode(query)}" if query else request.path,
        "uses_htmx": True,
        "partial_template_name": "pages/_search_results.html",
    }
    template = "includes/htmx_results.html" if is_htmx(request) else "pages/search.html"
    response = render(request, template, context)
    # A history restore sends HX-Request too, and gets the whole page.
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response
