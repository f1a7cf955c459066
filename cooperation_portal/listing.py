"""The list-view mixin every public list shares: filters, pagination and the htmx partial.

Foundation layer: imports no app of ours.
"""

from django.conf import settings
from django.utils.cache import patch_vary_headers
from django_filters.views import FilterView


def by_name(model):
    """Filter choices sorted by name in the page's language. A callable, read when each form
    is built: a queryset made at import would keep the ordering of the language active then
    (django-modeltranslation resolves `name` to `name_fr` or `name_en` when it is made)."""
    return lambda request: model.objects.order_by("name")


def with_upper_case_values(data, name: str):
    """The query with the values of `name` in capitals: country codes are accepted in either
    case (`?country=cd`, as in the country pages' addresses)."""
    if data is None or not hasattr(data, "getlist") or name not in data:
        return data
    data = data.copy()
    data.setlist(name, [value.strip().upper() for value in data.getlist(name)])
    return data


class FilteredListView(FilterView):
    """A django-filter list, 20 to a page, that answers htmx requests with the results only.

    Invalid filter values are not fatal: ``strict = False`` keeps the valid filters applied,
    and the form's errors tell the visitor which value was not understood.
    """

    paginate_by = settings.PAGE_SIZE
    strict = False
    #: The partial that holds the results, swapped in place by htmx.
    partial_template_name: str | None = None

    def is_htmx(self) -> bool:
        return (
            self.request.headers.get("HX-Request") == "true"
            and self.request.headers.get("HX-History-Restore-Request") != "true"
        )

    def paginate_queryset(self, queryset, page_size):
        """A malformed page number (`?page=abc`, `?page=0`) shows the first page; a page beyond
        the last answers 404, as Django does."""
        page = self.request.GET.get(self.page_kwarg, "")
        if not (page.isdecimal() and int(page) >= 1) and page != "last":
            self.kwargs[self.page_kwarg] = 1
        return super().paginate_queryset(queryset, page_size)

    def get_template_names(self):
        if self.partial_template_name and self.is_htmx():
            return [self.partial_template_name]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        # The current filters, to keep them in pagination links.
        context["query_without_page"] = query.urlencode()
        context["filters_are_active"] = bool(query)
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # A history restore sends HX-Request too, and gets the whole page.
        patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
        return response
