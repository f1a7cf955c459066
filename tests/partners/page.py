"""Read a page the way a visitor does: its headings in order, and its text without the tags."""

import re
from html.parser import HTMLParser

HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
INLINE_TAGS = {"a", "abbr", "b", "code", "em", "i", "small", "span", "strong", "time"}


class _Reader(HTMLParser):
    def __init__(self, within_id: str | None = None):
        super().__init__()
        self.within_id = within_id
        self.depth = 0 if within_id else 1  # > 0 while inside the element that is read
        self.headings: list[tuple[str, str]] = []
        self.card_titles: list[str] = []
        self.text: list[str] = []
        self._heading: tuple[str, list[str], bool] | None = None

    def handle_starttag(self, tag, attrs):
        if self.depth:
            if tag not in {"br", "img", "input", "meta", "link", "hr"}:
                self.depth += 1
        elif dict(attrs).get("id") == self.within_id:
            self.depth = 1
        if self.depth and tag in HEADING_TAGS:
            self._heading = (tag, [], "card__title" in (dict(attrs).get("class") or ""))
        if tag not in INLINE_TAGS:
            self.text.append(" ")

    def handle_endtag(self, tag):
        if self.depth and tag in HEADING_TAGS and self._heading:
            level, parts, is_card_title = self._heading
            self.headings.append((level, squash("".join(parts))))
            if is_card_title:
                self.card_titles.append(squash("".join(parts)))
            self._heading = None
        if self.depth and self.within_id:
            self.depth -= 1
        if tag not in INLINE_TAGS:
            self.text.append(" ")

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)
            if self._heading:
                self._heading[1].append(data)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read(response, within_id: str | None = None) -> _Reader:
    reader = _Reader(within_id)
    reader.feed(response.content.decode())
    return reader


def headings(response, within_id: str | None = None) -> list[tuple[str, str]]:
    """The headings of the page (or of the element with that id), as (level, text)."""
    return read(response, within_id).headings


def card_titles(response, within_id: str | None = None) -> list[str]:
    """The titles of the cards (organisations, projects...) in the order shown."""
    return read(response, within_id).card_titles


def text(response, within_id: str | None = None) -> str:
    """The page's text, tags removed and white space collapsed."""
    return squash("".join(read(response, within_id).text))
