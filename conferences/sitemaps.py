"""Every public page, for search engines: sections under one sitemap index."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import ActionItem, Conference, Country, Document, Organization, Person, Plan, Speech, Theme


class BothLanguagesSitemap(Sitemap):
    """Each page at its address in every language of the site, each naming the others (hreflang)."""

    i18n = True
    alternates = True
    x_default = True


class PublishedSitemap(BothLanguagesSitemap):
    """Published content of one model; `lastmod` is its last change."""

    model = None
    limit = 5_000  # a page in two languages is two entries: 10,000 a file

    def items(self):
        return self.model.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, obj):
        return obj.updated_at


class ListPagesSitemap(BothLanguagesSitemap):
    def items(self):
        return [
            "conferences:home",
            "conferences:conference_list",
            "conferences:speech_list",
            "conferences:actionitem_list",
            "conferences:document_list",
            "conferences:plan_list",
            "conferences:person_list",
            "conferences:organization_list",
            "conferences:country_list",
            "conferences:theme_list",
        ]

    def location(self, name):
        return reverse(name)


def published_sitemap(model_class):
    return type(f"{model_class.__name__}Sitemap", (PublishedSitemap,), {"model": model_class})


SITEMAPS = {
    "pages": ListPagesSitemap,
    **{
        model._meta.model_name: published_sitemap(model)
        for model in [Conference, Speech, ActionItem, Document, Plan, Person, Organization, Country, Theme]
    },
}
