from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe

from conferences.page_cache import reading
from conferences.sitemaps import SITEMAPS
from conferences.views import site

# The site's own files, one for both languages.
urlpatterns = [
    # Read, never posted to, as every page.
    path("sitemap.xml", require_safe(sitemap_views.index),
         {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"}, name="sitemap"),
    # A section's page number ("p") is the one parameter a sitemap reads.
    path("sitemap-<section>.xml", require_safe(reading("p")(sitemap_views.sitemap)), {"sitemaps": SITEMAPS},
         name="sitemap_section"),
    path("robots.txt", site.robots_txt, name="robots_txt"),
    path("favicon.ico", site.favicon, name="favicon"),
    path("healthz", site.healthz, name="healthz"),
    re_path(r"^en(?:/(?P<rest>.*))?$", site.english_prefix),
]
# Requests Django refuses itself: the site's page, or JSON under the API.
handler400 = "conferences.views.site.bad_request"

# Every page in each language: English at the plain address, Russian under /ru/. The address alone
# says the language, so a page can be shared, and cached, in either.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("api/v1/", include("conferences.api.urls")),
    path("", include("conferences.urls")),
    prefix_default_language=False,
)
