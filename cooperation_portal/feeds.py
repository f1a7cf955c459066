"""The portal's Atom feeds (calls, news): Django's Atom, fit for text typed by people.

Foundation layer: imports no app of ours.
"""

from django.utils.feedgenerator import Atom1Feed

from .text import without_control_characters


def xml_text(text) -> str:
    """XML 1.0 has no place for a control character but the tab and line breaks: one typed in
    a title or a summary would make the whole feed fail."""
    return without_control_characters(text, keep="\t\n\r")


class AtomFeed(Atom1Feed):
    """Atom whose entries' titles and descriptions are `xml_text`."""

    def add_item(self, title, link, description, **kwargs):
        super().add_item(xml_text(title), link, xml_text(description), **kwargs)
