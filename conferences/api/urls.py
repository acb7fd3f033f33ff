"""The API's addresses: /api/v1/<list>/, /api/v1/<list>/<slug>/, the schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_format_suffixes = False
router.register("conferences", views.ConferenceViewSet, basename="conference")
router.register("speeches", views.SpeechViewSet, basename="speech")
router.register("action-items", views.ActionItemViewSet, basename="actionitem")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("sessions", views.SessionViewSet, basename="session")
router.register("people", views.PersonViewSet, basename="person")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("countries", views.CountryViewSet, basename="country")
router.register("themes", views.ThemeViewSet, basename="theme")

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
