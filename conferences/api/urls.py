"""The API's addresses: /api/v1/<list>/, /api/v1/<list>/<slug>/, the schema and its docs."""

from django.conf import settings
from django.urls import include, path, re_path
from django.utils.translation import gettext
from drf_spectacular.views import SpectacularAPIView
from rest_framework import routers
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.reverse import reverse
from rest_framework.routers import DefaultRouter

from ..filters import GIVE_ONE_OF
from . import views
from .reference import APIReferenceView


class APIRootView(routers.APIRootView):
    """The API's first page: every list, then its reference and its schema, in the language asked for."""

    def initial(self, request, *args, **kwargs):
        views.take_parameters(request, {"lang"})
        super().initial(request, *args, **kwargs)

    def get_view_name(self) -> str:
        return str(settings.SPECTACULAR_SETTINGS["TITLE"])  # as OPTIONS names it, in the reader's language

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.data = {**response.data, "docs": reverse("api:docs", request=request),
                         "schema": reverse("api:schema", request=request)}
        return response


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema, refusing a parameter it does not take, as the lists and records do."""

    def get_view_name(self) -> str:
        return gettext("OpenAPI schema")  # as OPTIONS names it, in the reader's language

    def initial(self, request, *args, **kwargs):
        try:
            views.take_parameters(request, {"lang", "format"})
            formats = sorted({renderer.format for renderer in self.renderer_classes})
            if request.query_params.get("format", formats[0]) not in formats:
                raise ValidationError({"format": [GIVE_ONE_OF.format(values=", ".join(formats))]})
        except ValidationError:
            # In JSON, as the API's other refusals: this answer is no schema, in YAML or otherwise.
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
            raise
        super().initial(request, *args, **kwargs)


router = DefaultRouter(trailing_slash=True)
router.APIRootView = APIRootView
router.include_format_suffixes = False
router.register("conferences", views.ConferenceViewSet, basename="conference")
router.register("speeches", views.SpeechViewSet, basename="speech")
router.register("action-items", views.ActionItemViewSet, basename="actionitem")
router.register("progress-updates", views.ProgressUpdateViewSet, basename="actionitemupdate")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("sessions", views.SessionViewSet, basename="session")
router.register("people", views.PersonViewSet, basename="person")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("countries", views.CountryViewSet, basename="country")
router.register("themes", views.ThemeViewSet, basename="theme")

app_name = "api"

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", APIReferenceView.as_view(), name="docs"),
    path("", include(router.urls)),
    # Ending with "/" only: one without it is first sent on to the address with it.
    re_path(r"^.+/$", views.NoSuchAddress.as_view()),
]
