"""One read-only view set per public list: published records only, the list pages' filter sets,
answers kept in the cache per content version like the pages."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import views, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import JSONRenderer

from .. import visibility
from ..caching import per_version_many
from ..filters import FILTERSETS, GIVE_ONE_OF, ProgressUpdateFilter, unknown_parameters
from ..languages import in_list_order
from ..models import (
    ActionItem,
    ActionItemUpdate,
    Conference,
    Country,
    Document,
    Organization,
    Person,
    Plan,
    Session,
    Speech,
    Theme,
)
from . import serializers
from .kept_answers import keep
from .pagination import CursorPagination

JSON = JSONRenderer()  # as Django REST framework renders a whole answer, so that records join into one
LANG = OpenApiParameter(
    "lang", str, enum=[code for code, _name in settings.LANGUAGES],
    description=gettext_lazy("The language of names, titles and labels (the same as asking under /ru/api/v1/)."),
)

# What names a record in its address; DRF's own description of a key is half English in Russian.
LOOKUP = {
    "slug": OpenApiParameter("slug", str, OpenApiParameter.PATH, description=gettext_lazy(
        "The record's slug: the last part of its page's address, as its list gives it.")),
    "pk": OpenApiParameter("id", int, OpenApiParameter.PATH, description=gettext_lazy(
        "The record's number, as its list gives it.")),
}


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    """What the public sees of one model: its list (filtered as the list page is) and its records by slug."""

    model = None
    serializer_class = None
    detail_serializer_class = None
    lookup_field = "slug"
    pagination_class = CursorPagination
    related: tuple[str, ...] = ()  # fetched in the same query
    prefetch: tuple = ()  # fetched once per page
    detail_prefetch: tuple = ()  # and once more for a single record
    order: tuple = ()  # for a list without a filter set, where its model's ordering is not the list page's
    filterset = None  # for a list with no page: else its page's

    def get_filterset_class(self):
        return self.filterset or FILTERSETS.get(self.model)

    @property
    def filter_backends(self):
        return [DjangoFilterBackend] if self.get_filterset_class() else []

    @property
    def filterset_class(self):
        return self.get_filterset_class()

    def get_queryset(self):
        queryset = self.model.objects.published().select_related(*self.related).prefetch_related(*self.prefetch)
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(*self.detail_prefetch)
        if self.get_filterset_class():
            return queryset  # sorted by its filter set, as the list page is
        if self.order:
            return queryset.order_by(*self.order, "pk")
        return in_list_order(queryset)  # as the hub's list page, in the reader's language

    def get_view_name(self) -> str:
        """What OPTIONS calls the address, in the reader's language (DRF's own is built from the class's name)."""
        meta = self.model._meta
        return capfirst(meta.verbose_name if self.detail else meta.verbose_name_plural)

    def get_serializer_class(self):
        if self.action == "retrieve" and self.detail_serializer_class:
            return self.detail_serializer_class
        return self.serializer_class

    def initial(self, request, *args, **kwargs):
        filterset = self.get_filterset_class()
        known = {"lang"} if self.action == "retrieve" else {
            "lang", "cursor", "page_size", *(filterset.base_filters if filterset else ())}
        take_parameters(request, known)
        super().initial(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        def answer() -> bytes:
            keys = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
            records = self.records(keys)
            about = json.dumps(self.paginator.about(), separators=(",", ":")).encode()  # {"count":…,"next":…}
            return b'%s,"results":[%s]}' % (about[:-1], b",".join(records))

        return keep(request, answer)

    def retrieve(self, request, *args, **kwargs):
        def answer() -> bytes:
            lookup = {self.lookup_field: kwargs[self.lookup_field]}
            try:
                key = self.model.objects.published().filter(**lookup).values_list("pk", flat=True).first()
            except (TypeError, ValueError, DjangoValidationError):  # "/sessions/abc/"
                key = None
            found = self.records([key]) if key is not None else []
            if not found:
                raise NotFound(visibility.NOT_PUBLIC)
            return found[0]

        return keep(request, answer)

    def records(self, keys: list) -> list[bytes]:
        """The records with these keys, in this order, as JSON, each worked out once per content version,
        language and site address, as a list page's rows are: the same record is on many pages."""
        def serialize(missing: list) -> dict:
            objects = self.get_queryset().filter(pk__in=missing).order_by()
            return {obj.pk: JSON.render(self.get_serializer(obj).data) for obj in objects}

        kind = f"api-{self.action}:{self.model._meta.label}:{self.request.scheme}://{self.request.get_host()}"
        found = per_version_many(kind, keys, serialize)
        return [found[key] for key in keys if key in found]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_cache_control(response, no_cache=True)  # errors too: never used again without asking
        return response


LIST_DESCRIPTION = gettext_lazy("Published records only, filtered and sorted as on the list page, a page at a time.")


def view_set(model, serializer, detail_serializer=None, *, related=(), prefetch=(), detail_prefetch=(), order=(),
             lookup="slug", filterset=None, description=LIST_DESCRIPTION):
    """The view set of `model`, named and described in the schema in the reader's language."""
    tag = capfirst(model._meta.verbose_name_plural)
    return extend_schema_view(
        list=extend_schema(summary=tag, description=description, parameters=[LANG], tags=[tag]),
        retrieve=extend_schema(summary=capfirst(model._meta.verbose_name), parameters=[LOOKUP[lookup], LANG],
                               tags=[tag],
                               description=gettext_lazy("One published record, with what it holds.")),
    )(type(f"{model.__name__}ViewSet", (PublicViewSet,), {
        "model": model, "serializer_class": serializer, "detail_serializer_class": detail_serializer,
        "related": related, "prefetch": prefetch, "detail_prefetch": detail_prefetch, "order": order,
        "lookup_field": lookup, "filterset": filterset,
    }))


ConferenceViewSet = view_set(
    Conference, serializers.ConferenceSerializer, serializers.ConferenceDetailSerializer,
    related=("country",), prefetch=("countries", "organizers", "themes"),
    detail_prefetch=(Prefetch("sessions", queryset=Session.objects.prefetch_related("chairs", "themes")),),
)
SpeechViewSet = view_set(
    Speech, serializers.SpeechSerializer, serializers.SpeechDetailSerializer,
    related=("conference", "speaker", "speaker_organization"), prefetch=("themes",), detail_prefetch=("translations",),
)
ActionItemViewSet = view_set(
    ActionItem, serializers.ActionItemSerializer, serializers.ActionItemDetailSerializer,
    related=("lead_organization", "conference", "speech", "speech__conference", "plan", "document",
             "document__conference"),
    prefetch=("partners", "countries", "themes"),
    detail_prefetch=(Prefetch("updates", queryset=ActionItemUpdate.objects.order_by("-date", "-pk")),),
)
DocumentViewSet = view_set(
    Document, serializers.DocumentSerializer, related=("conference",), prefetch=("countries", "themes", "versions"),
)
SessionViewSet = view_set(
    Session, serializers.SessionSerializer, related=("conference",), prefetch=("chairs", "themes"),
    order=("conference__start_date", "conference", "position", "starts_at"), lookup="pk",
)


class ProgressUpdateViewSet(view_set(ActionItemUpdate, serializers.ProgressUpdateSerializer,
                                     related=("action_item",), lookup="pk", filterset=ProgressUpdateFilter,
                                     description=gettext_lazy(
                                         "The progress updates of published action items, as each item's record "
                                         "lists them, all in one list, a page at a time."))):
    def get_queryset(self):
        return super().get_queryset().with_public_since()


PlanViewSet = view_set(Plan, serializers.PlanSerializer, related=("conference", "document"), prefetch=("pillars",))
PersonViewSet = view_set(Person, serializers.PersonSerializer, related=("organization",))
OrganizationViewSet = view_set(Organization, serializers.OrganizationSerializer, related=("country",))
CountryViewSet = view_set(Country, serializers.CountrySerializer)
ThemeViewSet = view_set(Theme, serializers.ThemeSerializer)


def no_description(view, html=False) -> str:
    """What OPTIONS says of an address besides its name (settings' VIEW_DESCRIPTION_FUNCTION): nothing;
    the schema and /api/v1/docs/ describe each one in the reader's language."""
    return ""


def take_parameters(request, known) -> None:
    """Refuse the parameters an address does not take (a misspelt filter would otherwise give every
    record, which a reader takes for the answer), and let ?lang= choose the language as the /ru/
    prefix does, before anything is read or kept."""
    unknown = unknown_parameters(request.query_params, known)
    if unknown:
        raise ValidationError(unknown)
    # A filter given twice is refused by its filter set; these, read as their last value, would be read wrong.
    repeated = [name for name in ("lang", "cursor", "page_size") if len(request.query_params.getlist(name)) > 1]
    if repeated:
        raise ValidationError({name: [_("Give this parameter once.")] for name in repeated})
    lang = request.query_params.get("lang")
    if lang is not None:
        if lang not in dict(settings.LANGUAGES):
            codes = [code for code, _name in settings.LANGUAGES]
            raise ValidationError({"lang": [_("“%(value)s” is not a language of this site.") % {"value": lang[:20]}
                                            + " " + str(GIVE_ONE_OF).format(values=", ".join(codes))]})
        translation.activate(lang)


@extend_schema(exclude=True)
class NoSuchAddress(views.APIView):
    """Any other address under the API: an answer in JSON, as the API's other errors are, not a page."""

    def nothing_here(self, request, *args, **kwargs):
        raise NotFound(_("There is no such address in this API; its first page lists them all."))

    get = post = put = patch = delete = options = nothing_here  # whatever is asked of it
