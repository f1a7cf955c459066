from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from cooperation_portal.listing import FilteredListView, bad_filters_response
from cooperation_portal.preview import DraftPreviewMixin

from .feeds import NewsFeed
from .filters import NewsFilter
from .models import NewsItem
from .structured_data import news_data


class NewsListView(FilteredListView):
    """Published news, newest first, 20 to a page, in the same queries whatever their number:
    the count, the page's rows (a card shows only the item's own columns), and the country
    and SDG filters' options."""

    filterset_class = NewsFilter
    template_name = "news/news_list.html"
    partial_template_name = "news/_results.html"

    def get_queryset(self):
        return NewsItem.objects.published().latest_first()


class NewsItemDetailView(DraftPreviewMixin, DetailView):
    template_name = "news/news_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        return NewsItem.objects.visible_to(self.request.user).with_page_relations()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["structured_data"] = news_data(self.object, self.request.build_absolute_uri)
        return context


@require_safe
def news_feed(request):
    """Atom feed of the published news, newest first, for the list's filters."""
    filterset = NewsFilter(request.GET, queryset=NewsItem.objects.published(), request=request)
    if not filterset.is_valid():
        return bad_filters_response(filterset)
    return NewsFeed(filterset.qs)(request)
