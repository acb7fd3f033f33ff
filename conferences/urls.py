from django.urls import path

from . import views

app_name = "conferences"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("conferences/<slug:slug>/", views.ConferenceDetailView.as_view(), name="conference_detail"),
    path("speeches/<slug:slug>/", views.SpeechDetailView.as_view(), name="speech_detail"),
    path("action-items/<slug:slug>/", views.ActionItemDetailView.as_view(), name="action_item_detail"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("organizations/<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization_detail"),
    path("countries/<slug:slug>/", views.CountryDetailView.as_view(), name="country_detail"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
]
