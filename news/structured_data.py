"""schema.org `NewsArticle` JSON-LD for a news item's page: its headline, dates, summary,
photo, language, the portal as publisher and what it is about (its countries, by name)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from .models import NewsItem


def news_data(item: NewsItem, absolute_url) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": str(item.title),
        "description": str(item.summary),
        "url": absolute_url(item.get_absolute_url()),
        "inLanguage": get_language(),
        "datePublished": item.published_on.isoformat(),
        "dateModified": item.updated_at.isoformat(),
        "publisher": {
            "@type": "Organization",
            "name": str(settings.PORTAL_NAME),
            "url": absolute_url(reverse("home")),
        },
    }
    if photo := item.photo_default:
        image = {"@type": "ImageObject", "url": absolute_url(photo["url"])}
        if photo.get("width") and photo.get("height"):
            image |= {"width": photo["width"], "height": photo["height"]}
        if item.photo_alt:
            image["description"] = str(item.photo_alt)
        if item.photo_credit:
            image["creditText"] = item.photo_credit
        data["image"] = image
    if countries := [str(country.name) for country in item.countries.all()]:
        data["contentLocation"] = [{"@type": "Country", "name": name} for name in countries]
    return data
