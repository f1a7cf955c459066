"""The list-view mixin every public list shares: filters, pagination and the htmx partial.

Foundation layer: imports no app of ours.
"""

import functools

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.backends.base.operations import BaseDatabaseOperations
from django.http import HttpResponseBadRequest, QueryDict
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView

from cooperation_portal.collation import Collated


def by_name(model):
    """Filter choices sorted by name as the page's language sorts them ("Bénin" before
    "Burundi"; see cooperation_portal/collation.py). A callable, so that each form gets a
    queryset of its own, ordered in the language of its page."""
    return lambda request: model.objects.order_by(Collated("name"), "pk")


def with_upper_case_values(data, name: str):
    """The query with the values of `name` in capitals: country codes are accepted in either
    case (`?country=cd`, as in the country pages' addresses)."""
    if data is None or not hasattr(data, "getlist") or name not in data:
        return data
    data = data.copy()
    data.setlist(name, [value.strip().upper() for value in data.getlist(name)])
    return data


# Numbers in the address ----------------------------------------------------------------------

#: The integers a column of each type holds on every database the portal runs on (PostgreSQL's
#: limits; SQLite takes 64 bits whatever the type but cannot even bind a larger number), so
#: that a number in the address is judged the same way on both.
INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges
#: The range of a whole-number parameter that gives none of its own.
WHOLE_NUMBER_RANGE = INTEGER_RANGES["IntegerField"]


def as_integer(value) -> int | None:
    """`value` read as an integer the way the database layer reads it, or None if it is not one."""
    try:
        return int(str(value).strip())
    except ValueError:  # not a number, or more digits than Python converts
        return None


def key_range(field: forms.ModelChoiceField) -> tuple[int, int] | None:
    """The range of the model field a model choice field looks its values up by (an SDG's
    `number`, a primary key), or None if that field does not hold integers."""
    options = field.queryset.model._meta
    model_field = options.get_field(field.to_field_name) if field.to_field_name else options.pk
    while model_field.is_relation:
        model_field = model_field.target_field
    return INTEGER_RANGES.get(model_field.get_internal_type())


class CheckedField:
    """Marks a form field class made by `checked_field_class`."""


class ChoiceKeysInRange:
    """A model choice over an integer key: a number its column cannot hold is not one of the
    choices, said before any query (SQLite raises OverflowError on it)."""

    def clean(self, value):
        bounds = key_range(self)
        values = value if isinstance(value, list | tuple) else [value]
        for item in values if bounds else []:
            number = as_integer(item)
            if number is not None and not bounds[0] <= number <= bounds[1]:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super().clean(value)


class WholeNumberInRange:
    """A whole number within its bounds (at most those of an integer column), and error
    messages that name the value given: a number input never shows it (see
    `ShowsOnlyValidNumbers`)."""

    def bounds(self) -> tuple[int, int]:
        low, high = WHOLE_NUMBER_RANGE
        if self.min_value is not None:
            low = max(low, self.min_value)
        if self.max_value is not None:
            high = min(high, self.max_value)
        return low, high

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            raise ValidationError(
                _("“%(value)s” is not a whole number."), code="invalid", params={"value": value}
            ) from error

    def validate(self, value):
        super().validate(value)
        low, high = self.bounds()
        if value is not None and not low <= value <= high:
            raise ValidationError(
                _("%(value)s is not between %(low)s and %(high)s."),
                code="out_of_range",
                params={"value": value, "low": low, "high": high},
            )


class ShowsOnlyValidNumbers:
    """A number input shows the value given only if it is valid: `value="abc"` is invalid HTML,
    which browsers empty silently. The error message names the value instead."""

    def bound_data(self, data, initial):
        if getattr(self.widget, "input_type", None) == "number":
            try:
                self.clean(data)
            except ValidationError:
                return initial
        return super().bound_data(data, initial)


@functools.cache
def checked_field_class(field_class: type[forms.Field]) -> type[forms.Field]:
    """`field_class` with the checks of the numbers in the address that apply to it."""
    if issubclass(field_class, CheckedField):
        return field_class
    checks = [ShowsOnlyValidNumbers]
    if issubclass(field_class, forms.ModelChoiceField):
        checks.append(ChoiceKeysInRange)
    if issubclass(field_class, forms.IntegerField) and not issubclass(
        field_class, forms.FloatField | forms.DecimalField
    ):
        checks.append(WholeNumberInRange)
    return type(field_class.__name__, (CheckedField, *checks, field_class), {})


def check_numbers(filterset: django_filters.FilterSet) -> None:
    """Every filter of `filterset` rejects, as an invalid value, a number that the database
    could not hold, and no number input echoes an invalid value. Call it before the form is
    built (it is built on first use); calling it again changes nothing."""
    for filter_ in filterset.filters.values():
        checked = checked_field_class(filter_.field_class)
        if filter_.field_class is not checked:
            filter_.field_class = checked
            filter_.__dict__.pop("_field", None)


# The valid filters as a query ----------------------------------------------------------------


def valid_filters_query(filterset: django_filters.FilterSet, exclude=()) -> QueryDict:
    """The query of the filters that passed validation, written from their cleaned values:
    values that were not understood, parameters that are not filters (`page`) and the
    `exclude`d filters are left out. For links that must not carry a bad value (a feed answers
    400 to one)."""
    query = QueryDict(mutable=True)
    if not filterset.is_bound:
        return query
    form = filterset.form
    form.is_valid()
    for name, value in form.cleaned_data.items():
        if name in exclude:
            continue
        prepared = form.fields[name].prepare_value(value)
        values = prepared if isinstance(prepared, list | tuple) else [prepared]
        values = [str(item) for item in values if item not in (None, "")]
        if values:
            query.setlist(name, values)
    return query


class SelectShowingDefault(forms.Select):
    """A select with no empty option that marks its ``default`` option selected when the
    value is missing or not one of the options, as the list then applies the default.

    Without it, a list without ``?sort=`` renders a select with no option selected: browsers
    show the first one, but assistive technology and checkers (pa11y) are told nothing is.
    """

    #: The value the list really applies, when it is not simply the one asked for (the
    #: projects list sorts by date when "relevance" is asked for without a search).
    applied: str | None = None

    def __init__(self, *args, default: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.default = default

    def format_value(self, value):
        if self.applied is not None:
            return [str(self.applied)]
        values = super().format_value(value)
        offered = {str(choice) for choice, _label in self.choices}
        if offered.isdisjoint(values):
            return [str(self.default)]
        return values


def without_blank_values(data):
    """The query without its blank values: `?kind=` (an empty choice, as a select or a cleared
    field sends it) means no filter on every list, never an invalid value."""
    if data is None or not hasattr(data, "getlist"):
        return data
    kept = QueryDict(mutable=True)
    for name in data:
        values = [value for value in data.getlist(name) if value.strip()]
        if values:
            kept.setlist(name, values)
    return kept


class YearFilter(django_filters.NumberFilter):
    """A year between 2000 and 2100, typed; the filter set's `filter_year` method applies it
    (each list's QuerySet knows what its year is)."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("method", "filter_year")
        super().__init__(
            widget=forms.NumberInput(attrs={"min": 2000, "max": 2100}),
            min_value=2000,
            max_value=2100,
            **kwargs,
        )


class ListFilterSet(django_filters.FilterSet):
    """The base of the lists' filter sets: blank values dropped and numbers checked
    (`check_numbers`) wherever the set is used, in a list, a feed or an export."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(without_blank_values(data), *args, **kwargs)
        check_numbers(self)

    def valid_query(self, *excluded: str) -> QueryDict:
        return valid_filters_query(self, exclude=excluded)


def canonical_query(filterset: django_filters.FilterSet, page_number: int = 1) -> QueryDict:
    """The clean form of a list page's query, for its canonical address: the filters that
    passed validation, in the order of the filter set's form, each parameter's values without
    repeats and sorted (a list keeps a term whichever order the terms came in); a value a select
    applies anyway (`SelectShowingDefault.default`, when the list applies no other value in
    its place) left out; then `page` after the first. Nothing at all when a value was not
    understood: such a page canonicalises to the bare list. Parameters that are not filters
    (`utm_source`) never reach it."""
    query = QueryDict(mutable=True)
    if not filterset.is_bound or not filterset.form.is_valid():
        return query
    form = filterset.form
    valid = valid_filters_query(filterset)
    for name in valid:
        values = sorted(set(valid.getlist(name)))
        widget = form.fields[name].widget
        if (
            isinstance(widget, SelectShowingDefault)
            and widget.applied is None
            and values == [str(widget.default)]
        ):
            continue
        query.setlist(name, values)
    if page_number > 1:
        query["page"] = str(page_number)
    return query


def bad_filters_response(filterset) -> HttpResponseBadRequest:
    """The one answer of a feed or an export to filters it does not understand (it has no page
    to show them on, and ignoring them would give more than was asked): 400, in plain words."""
    lines = [gettext("Some filter values were not understood:")]
    for name, errors in filterset.form.errors.items():
        label = filterset.form.fields[name].label if name in filterset.form.fields else name
        lines.extend(f"- {label}: {error}" for error in errors)
    lines.append(gettext("Remove or correct them, then ask again."))
    return HttpResponseBadRequest("\n".join(lines), content_type="text/plain; charset=utf-8")


# The list view -------------------------------------------------------------------------------


class InOrder:
    """The rows of `queryset` whose ids are `ids` (a list or a numpy array), in that order,
    read a page at a time: what a paginator needs when the order was found without the
    database (the projects list, ordered by its facet index)."""

    def __init__(self, ids, queryset):
        self.ids = ids
        self.queryset = queryset

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        wanted = self.ids[index]
        wanted = wanted.tolist() if hasattr(wanted, "tolist") else wanted
        rows = {row.pk: row for row in self.queryset.filter(pk__in=wanted).order_by()}
        return [rows[pk] for pk in wanted if pk in rows]


class FilteredListView(FilterView):
    """A django-filter list, 20 to a page, that answers htmx requests with the results only.

    Invalid filter values are not fatal: ``strict = False`` keeps the valid filters applied,
    and the form's errors tell the visitor which value was not understood.
    """

    paginate_by = settings.PAGE_SIZE
    strict = False
    #: The partial that holds the results, swapped in place by htmx.
    partial_template_name: str | None = None
    #: What an htmx request gets: the partial, and the links that follow the address.
    htmx_template_name = "includes/htmx_results.html"

    def is_htmx(self) -> bool:
        return (
            self.request.headers.get("HX-Request") == "true"
            and self.request.headers.get("HX-History-Restore-Request") != "true"
        )

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        check_numbers(filterset)
        return filterset

    def paginate_queryset(self, queryset, page_size):
        """A malformed page number (`?page=abc`, `?page=0`) shows the first page; a page beyond
        the last shows the last one, with a notice (a bookmarked page 5 still answers once the
        results shrink)."""
        page = self.request.GET.get(self.page_kwarg, "").strip()
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        self.missing_page = None
        if page == "last":
            number = paginator.num_pages
        elif page.isdecimal() and page.lstrip("0"):
            number = as_integer(page)  # None: too many digits to read, so past the last too
            if number is None or number > paginator.num_pages:
                self.missing_page = page
                number = paginator.num_pages
        else:
            number = 1
        page_obj = paginator.page(number)
        return paginator, page_obj, page_obj.object_list, page_obj.has_other_pages()

    def get_template_names(self):
        if self.partial_template_name and self.is_htmx():
            return [self.htmx_template_name]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["filters_are_active"] = bool(query)
        # base.html loads htmx (once) on the pages that use it.
        context["uses_htmx"] = True
        context["partial_template_name"] = self.partial_template_name
        # A page number past the last, shown instead as the last page.
        context["missing_page"] = getattr(self, "missing_page", None)
        # The address search engines should keep for this page (includes/canonical.html).
        page = context.get("page_obj")
        query = canonical_query(self.filterset, page.number if page else 1).urlencode()
        context["canonical_path"] = f"{self.request.path}?{query}" if query else self.request.path
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # A history restore sends HX-Request too, and gets the whole page.
        patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
        return response
