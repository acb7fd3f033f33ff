from django.urls import path

from . import calendar, views
from .feeds import LatestSpeechesAtomFeed, LatestSpeechesFeed
from .models import ActionItem, Conference, Speech

app_name = "conferences"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("conferences/", views.ConferenceListView.as_view(), name="conference_list"),
    path("conferences/export.csv", views.export_csv, {"model": Conference}, name="conference_export"),
    path("conferences/<slug:slug>/", views.ConferenceDetailView.as_view(), name="conference_detail"),
    path("speeches/", views.SpeechListView.as_view(), name="speech_list"),
    path("speeches/export.csv", views.export_csv, {"model": Speech}, name="speech_export"),
    path("speeches/<slug:slug>/", views.SpeechDetailView.as_view(), name="speech_detail"),
    path("action-items/", views.ActionItemListView.as_view(), name="actionitem_list"),
    path("action-items/export.csv", views.export_csv, {"model": ActionItem}, name="actionitem_export"),
    path("action-items/<slug:slug>/", views.ActionItemDetailView.as_view(), name="actionitem_detail"),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("organizations/", views.OrganizationListView.as_view(), name="organization_list"),
    path("organizations/<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization_detail"),
    path("countries/", views.CountryListView.as_view(), name="country_list"),
    path("countries/<slug:slug>/", views.CountryDetailView.as_view(), name="country_detail"),
    path("themes/", views.ThemeListView.as_view(), name="theme_list"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("data/", views.DataView.as_view(), name="data"),
    path("feeds/speeches/", LatestSpeechesFeed(), name="speech_feed"),
    path("feeds/speeches/atom/", LatestSpeechesAtomFeed(), name="speech_feed_atom"),
    path("conferences.ics", calendar.conferences_ics, name="conference_calendar"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
]
