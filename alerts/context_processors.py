"""The "E-mail me about this selection" links of the lists.

The lists belong to lower apps (funding, projects, events), which must not name a URL of this
higher one: as with `cooperation_portal.provided`, the higher app gives the address and the
lower templates ask for it by list name (`alert_subscribe_urls.funding`), with no link when the
app is not installed. Worked out only when a template reads it, once per language.
"""

from cooperation_portal.addresses import address

from .selections import LISTS


class SubscribeLinks:
    def __getitem__(self, list_name: str) -> str:
        if list_name not in LISTS:
            raise KeyError(list_name)
        return f"{address('alerts:subscribe')}?list={list_name}"


SUBSCRIBE_LINKS = SubscribeLinks()


def alert_links(request):
    return {"alert_subscribe_urls": SUBSCRIBE_LINKS}
