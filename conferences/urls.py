from django.urls import path
from django.views.decorators.http import require_safe

from . import calendar
from .feeds import LatestDocumentsFeed, LatestSpeechesAtomFeed, LatestSpeechesFeed, ProgressUpdatesFeed, hub_feed
from .models import ActionItem, Conference, Country, Document, Organization, Person, Speech, Theme
from .views import details, files, following, lists, site

app_name = "conferences"

urlpatterns = [
    path("", lists.HomeView.as_view(), name="home"),
    path("conferences/", lists.conference_list, name="conference_list"),
    path("conferences/export.csv", lists.export_csv, {"model": Conference}, name="conference_export"),
    path("conferences/<slug:slug>/", details.ConferenceDetailView.as_view(), name="conference_detail"),
    path("conferences/<slug:slug>/agenda.ics", calendar.conference_ics, name="conference_agenda_ics"),
    path("speeches/", lists.speech_list, name="speech_list"),
    path("speeches/export.csv", lists.export_csv, {"model": Speech}, name="speech_export"),
    path("speeches/<slug:slug>/", details.SpeechDetailView.as_view(), name="speech_detail"),
    path("action-items/", lists.actionitem_list, name="actionitem_list"),
    path("action-items/export.csv", lists.export_csv, {"model": ActionItem}, name="actionitem_export"),
    path("action-items/<slug:slug>/", details.ActionItemDetailView.as_view(), name="actionitem_detail"),
    path("documents/", lists.document_list, name="document_list"),
    path("documents/export.csv", lists.export_csv, {"model": Document}, name="document_export"),
    path("documents/<slug:slug>/", details.DocumentDetailView.as_view(), name="document_detail"),
    path("documents/<slug:slug>/<str:language>/download/", files.document_file, name="document_file"),
    path("plans/", lists.plan_list, name="plan_list"),
    path("plans/<slug:slug>/", details.PlanDetailView.as_view(), name="plan_detail"),
    path("people/", lists.person_list, name="person_list"),
    path("people/<slug:slug>/", details.PersonDetailView.as_view(), name="person_detail"),
    # Feeds are read, never posted to: GET and HEAD only, as every page.
    path("people/<slug:slug>/feed/", require_safe(hub_feed(Person)), name="person_feed"),
    path("organizations/", lists.organization_list, name="organization_list"),
    path("organizations/<slug:slug>/", details.OrganizationDetailView.as_view(), name="organization_detail"),
    path("organizations/<slug:slug>/feed/", require_safe(hub_feed(Organization)), name="organization_feed"),
    path("countries/", lists.country_list, name="country_list"),
    path("countries/<slug:slug>/", details.CountryDetailView.as_view(), name="country_detail"),
    path("countries/<slug:slug>/feed/", require_safe(hub_feed(Country)), name="country_feed"),
    path("themes/", lists.theme_list, name="theme_list"),
    path("themes/<slug:slug>/", details.ThemeDetailView.as_view(), name="theme_detail"),
    path("themes/<slug:slug>/feed/", require_safe(hub_feed(Theme)), name="theme_feed"),
    path("search/", lists.SearchView.as_view(), name="search"),
    path("feeds/speeches/", require_safe(LatestSpeechesFeed()), name="speech_feed"),
    path("feeds/speeches/atom/", require_safe(LatestSpeechesAtomFeed()), name="speech_feed_atom"),
    path("feeds/documents/", require_safe(LatestDocumentsFeed()), name="document_feed"),
    path("feeds/updates/", require_safe(ProgressUpdatesFeed()), name="update_feed"),
    path("conferences.ics", calendar.conferences_ics, name="conference_calendar"),
    path("follow/confirm/<str:token>/", following.confirm, name="follow_confirm"),
    path("follow/stop/<str:token>/", following.stop, name="follow_stop"),
    path("follow/<str:kind>/<slug:slug>/", following.follow, name="follow"),
    path("data/", site.DataView.as_view(), name="data"),
    path("data/jpoa-open-data.zip", files.open_data_zip, name="open_data"),
]
