"""The foundation's one table: the content version as the database knows it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row whose token changes, in the same transaction, with every write to published
    content (see `cooperation_portal.caching.bump_content_version`). What a process keeps in
    memory about the content (the projects' facet index) is valid while the token is the one
    it was built with. A token is random, never a counter: a rolled-back transaction (a test)
    must not leave a later change with a token already seen."""

    token = models.BigIntegerField(_("token"))
    #: When the content last changed: the "Last updated" of pages that show no one object.
    changed_at = models.DateTimeField(_("changed"), null=True)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return str(self.token)
