"""A draft at its public address, for the staff who write it.

A detail view of a publishable model reads its object from `Model.objects.visible_to(user)`:
the public gets the published ones only (a draft answers 404), signed-in staff who may view the
model get drafts too, with a "Draft — not public" banner (`includes/draft_banner.html`, drawn
by base.html) linking back to the admin. Such a page is never stored by a cache or indexed.

Foundation layer: imports no app of ours.
"""

from django.utils.cache import patch_cache_control


class DraftPreviewMixin:
    """For a DetailView whose queryset is `visible_to(self.request.user)`."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["draft_preview"] = self.object if not self.object.is_published else None
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("draft_preview") is not None:
            patch_cache_control(response, private=True, no_store=True)
            response["X-Robots-Tag"] = "noindex"
        return response
