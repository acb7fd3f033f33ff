"""The staff's editing screens: one change list per model, inlines for what belongs to a parent."""

import datetime as dt

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext
from translated_fields import show_language_code

from .admin_fields import DocumentVersionForm, VenueDateTimeField, VenueSplitDateTime, in_zone
from .admin_imports import progress_import_view, speech_import_view
from .countries import utc_offset
from .edit_conflicts import NoLostEditsAdmin
from .exports import EXPORTS
from .forms import ContentForm
from .history import HistoryAdmin
from .languages import columns
from .models import (
    ActionItem,
    ActionItemUpdate,
    Conference,
    Country,
    Document,
    DocumentVersion,
    Hub,
    Organization,
    Person,
    Plan,
    Publishable,
    Session,
    Speech,
    SpeechTranslation,
    Theme,
)
from .publishing import (
    DocumentVersionsFormSet,
    PartsOfPublishedAdmin,
    PartsOfPublishedFormSet,
    PublicHubRightsAdmin,
    PublishableInline,
    PublishingRightsAdmin,
    TranslationsFormSet,
    can_publish,
    refuse_plan_exposure,
)

admin.site.site_header = _("JPoA site: staff editing")
admin.site.site_title = _("JPoA staff")
admin.site.site_url = reverse_lazy("conferences:home")  # the public site in the admin's own language
admin.site.index_title = _("Content")

# "3 action items", for the messages that link a publisher to records of another list.
COUNTED = {
    Speech: lambda count: ngettext("%(count)d speech", "%(count)d speeches", count),
    ActionItem: lambda count: ngettext("%(count)d action item", "%(count)d action items", count),
    Document: lambda count: ngettext("%(count)d document", "%(count)d documents", count),
}


def short_text(rows: int = 2, cols: int = 40) -> dict:
    return {"widget": forms.Textarea(attrs={"rows": rows, "cols": cols})}


def both(name: str) -> tuple[str, ...]:
    """A translated field's English and Russian, on one line of the form."""
    return tuple(columns(name))


def rendered(response: HttpResponse) -> HttpResponse:
    """The response with its template rendered now (a redirect as it is)."""
    return response.render() if hasattr(response, "render") else response


def without_links(listed: list, named: tuple[str, ...]) -> list:
    """A delete confirmation's nested list of what goes, without the entries `named` begins."""
    kept = []
    for entry in listed:
        if isinstance(entry, list):
            if inner := without_links(entry, named):
                kept.append(inner)
        elif not str(entry).startswith(named):
            kept.append(entry)
    return kept


class BaseAdmin(NoLostEditsAdmin, HistoryAdmin):
    """Forms label each language's field ("Title [en]", "Title [ru]"): the labels say so while a
    page is made and rendered, so its responses are rendered before they leave the view."""

    form = ContentForm
    # Addresses typed without a scheme are taken as https, as Django 6 will do.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    record_fieldset = (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]})
    actions = ["export_selected"]
    # An empty cell, and the list filter's choice of records without one, which Django writes "-".
    empty_value_display = _("(none)")
    change_list_template = "admin/conferences/content_change_list.html"

    def changelist_view(self, request, extra_context=None):
        context = {"can_restore": self.can_restore(request), "tools": self.tools(request)}
        with show_language_code(True):
            return rendered(super().changelist_view(request, {**context, **(extra_context or {})}))

    def changeform_view(self, request, *args, **kwargs):
        with show_language_code(True):
            response = super().changeform_view(request, *args, **kwargs)
            if getattr(request, "restoring_version", False):
                # django-reversion shows a version with a template of its own, which it puts on the
                # response and renders itself (history.py): rendered here, it would be the plain form.
                return response
            return rendered(response)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        restoring = getattr(request, "restoring_version", False)
        if obj is not None and change and request.method == "POST" and not restoring:  # no obj: a "save as new"
            # Checking the refused form put what was typed into `obj`: the heading, the breadcrumbs and
            # the inlines' headings name the record as it is stored, while the form keeps what was typed.
            try:
                obj.refresh_from_db()
            except self.model.DoesNotExist:
                pass
            context["subtitle"] = str(obj)
        if request.method == "POST" and request.FILES and not restoring:
            # A refused form: a browser cannot be handed back the files it sent, so each box is empty again.
            messages.warning(request, _("Nothing was saved, so the files you chose were not kept: choose them "
                                        "again before saving."))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        # A many-to-many link goes with its record and has no page: "Conference_organizers object (11)"
        # tells staff nothing.
        links = [model._meta for model in apps.get_models(include_auto_created=True) if model._meta.auto_created]
        named = tuple(f"{capfirst(opts.verbose_name)}: " for opts in links)
        counted = {str(opts.verbose_name_plural) for opts in links}
        model_count = {name: count for name, count in model_count.items() if str(name) not in counted}
        return without_links(deleted, named), model_count, perms_needed, protected

    def get_search_fields(self, request):
        # Staff find a word whatever its case and whether it is written with "ё" or "е" (search.Folded).
        return [name if name[:1] in "^=@" else f"{name}__folded" for name in super().get_search_fields(request)]

    def tools(self, request) -> list[tuple[str, str]]:
        """Extra buttons above the change list: (label, address)."""
        return []

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_export"
        return [path("export/", self.admin_site.admin_view(self.export_view), name=name), *super().get_urls()]

    def export_view(self, request: HttpRequest) -> HttpResponse:
        """What the change list shows (its filters, search and order, drafts included) as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(
                _("No file was made: the change list's filters in the address are not valid."),
                content_type="text/plain; charset=utf-8",
            )
        return EXPORTS[self.model].response(changelist.get_queryset(request), request, public=False)

    @admin.action(description=_("Export selected as CSV"), permissions=["view"])
    def export_selected(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        return EXPORTS[self.model].response(queryset, request, public=False)

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "created_at", "updated_at"]
        # People share addresses: once a page may have been public, its slug stays.
        if obj is not None and hasattr(obj, "slug") and (isinstance(obj, Hub) or obj.published_at is not None):
            readonly.append("slug")
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:  # nothing to show before the first save
            fieldsets = [fs for fs in fieldsets if fs is not self.record_fieldset]
        return fieldsets


class PublicationFilter(admin.SimpleListFilter):
    """The "Publication" column's three states, where "published" alone would count a scheduled
    item with the live ones."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("draft", _("Draft")), ("scheduled", _("Scheduled")), ("live", _("Live"))]

    def queryset(self, request, queryset):
        if self.value() in {"draft", "scheduled", "live"}:
            return queryset.filter(Publishable.in_publication_state(self.value()))
        return queryset


class PublishableAdmin(PublishingRightsAdmin, BaseAdmin):
    """What every publishable model's admin shares: the state column and (un)publish actions."""

    actions = ["publish", "unpublish", "export_selected"]
    publishing_fieldset = (
        _("Publishing"),
        {
            "fields": ["is_published", "published_at", "slug"],
            "description": _("A future publication time schedules the item: it goes live at that moment."),
        },
    )

    # In its place for an editor, who may not publish: where the item stands, and who decides.
    editor_publishing_fieldset = (
        _("Publishing"),
        {
            "fields": ["state", "slug"],
            "description": _("Publishers decide what goes live and when. Save your changes: a publisher finds "
                             "drafts in the list by choosing “Draft” under “Publication”."),
        },
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_publish_permission(request):
            return fieldsets
        return [self.editor_publishing_fieldset if fieldset is self.publishing_fieldset else fieldset
                for fieldset in fieldsets]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if self.has_publish_permission(request) else [*readonly, "state"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if field := form.base_fields.get("published_at"):
            # Staff in Central Asia are hours ahead of the site's time: a scheduled time says whose it is.
            zone = _("In the site's time (%(offset)s).") % {"offset": utc_offset(timezone.localtime())}
            field.help_text = f"{zone} {field.help_text}"
        return form

    # "Publication", not "state": a commitment's list has a "Status" column of its own.
    @admin.display(description=_("publication"), ordering="published_at")
    def state(self, obj: Publishable) -> str:
        state = obj.publication_state
        if state == "scheduled":
            label = _("Scheduled for %(time)s") % {
                "time": date_format(timezone.localtime(obj.published_at), "DATETIME_FORMAT")
            }
        elif state == "live":
            label = _("Live") if obj.is_public else _("Live, but hidden until its conference is published")
        else:
            label = _("Draft")
        return format_html('<span class="pub-state pub-state--{}">{}</span>', state, label)

    def after_unpublishing(self, request: HttpRequest, keys: list[int]) -> None:
        """What to tell a publisher who has just unpublished these (by the action or the form)."""

    # What is published on its own but shown on these pages (the action items a speech announced): a
    # publisher who has just published these is told which of those are still drafts.
    published_with: tuple[tuple[type[Publishable], str], ...] = ()

    def after_publishing(self, request: HttpRequest, keys: list[int]) -> None:
        drafts = []
        for model, link in self.published_with:
            count = model.objects.filter(**{f"{link}__in": keys}, is_published=False).count()
            if count:
                listed = reverse(f"admin:conferences_{model._meta.model_name}_changelist")
                drafts.append(format_html('<a href="{}?{}__id__in={}&amp;is_published__exact=0">{}</a>', listed,
                                          link, ",".join(map(str, keys)), COUNTED[model](count) % {"count": count}))
        if drafts:
            self.message_user(request, format_html(
                _("Still drafts, and not on the public site until they are published too: {}."),
                format_html_join(", ", "{}", ((part,) for part in drafts))), messages.WARNING)

    def save_model(self, request, obj, form, change):
        unpublished = change and "is_published" in form.changed_data and not obj.is_published
        super().save_model(request, obj, form, change)
        if unpublished:
            self.after_unpublishing(request, [obj.pk])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the inlines: the action items in a speech's form may have been published with it.
        if "is_published" in form.changed_data and form.instance.is_published:
            self.after_publishing(request, [form.instance.pk])

    def _set_published(self, request: HttpRequest, queryset: QuerySet, published: bool) -> None:
        changed, unpublished = 0, []
        now = timezone.now()
        for obj in queryset:
            if published and obj.publication_state != "live":
                # "Publish" means now: a draft or a scheduled item goes live at once. (To schedule,
                # set the publication time in the item's form.)
                if obj.published_at is None or obj.published_at > now:
                    obj.published_at = now
                obj.is_published = True
            elif not published and obj.is_published:
                obj.is_published = False
            else:
                continue
            obj.save(update_fields=["is_published", "published_at", "updated_at"])
            # Kept in English, and worded in each reader's language in the history (history.py).
            self.log_change(request, obj, gettext_noop("Published.") if published else gettext_noop("Unpublished."))
            changed += 1
            if not published:
                unpublished.append(obj.pk)
        unchanged = queryset.count() - changed
        if published:
            message = ngettext("%(count)d item published.", "%(count)d items published.", changed)
            already = ngettext("%(count)d was already live.", "%(count)d were already live.", unchanged)
        else:
            message = ngettext("%(count)d item unpublished.", "%(count)d items unpublished.", changed)
            already = ngettext("%(count)d was already a draft.", "%(count)d were already drafts.", unchanged)
        text = message % {"count": changed}
        if unchanged:
            text += " " + already % {"count": unchanged}
        self.message_user(request, text, messages.SUCCESS if changed else messages.WARNING)
        if unpublished:
            self.after_unpublishing(request, unpublished)
        if published and changed:
            self.after_publishing(request, list(queryset.values_list("pk", flat=True)))

    @admin.action(description=_("Publish the selected items now"), permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_published(request, queryset, True)

    @admin.action(description=_("Unpublish the selected items"), permissions=["publish"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_published(request, queryset, False)


class SpeechInline(PublishableInline):
    model = Speech
    extra = 0
    show_change_link = True
    view_on_site = False
    fields = ["title_en", "speaker", "delivered_on", "language", "body", "is_published"]
    autocomplete_fields = ["speaker"]
    formfield_overrides = {models.TextField: short_text(3, 30)}


class SpeechTranslationInline(admin.StackedInline):
    """The speech's text in other languages; its title and the speaker's role are translated above."""

    model = SpeechTranslation
    form = ContentForm
    formset = TranslationsFormSet
    extra = 0
    fields = ["language", "body", "source_url"]
    formfield_overrides = {models.TextField: short_text(8, 80), models.URLField: {"assume_scheme": "https"}}

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.can_publish = can_publish(request.user, Speech)
        return formset


def posted_or_stored(request, model, field: str, obj):
    """The object a relation names, as the form posts it, else as `obj` has it stored: which
    country hosts a conference being edited, which conference a session is on."""
    related = model._meta.get_field(field).related_model
    key = request.POST.get(field) if request.method == "POST" and field in request.POST else None
    if key is None:
        return getattr(obj, field) if obj is not None else None
    try:
        return related.objects.filter(pk=key).first() if key else None
    except (ValueError, TypeError, ValidationError):  # the form says what is wrong with the value
        return None


def venue_zone(conference: Conference | None) -> tuple:
    """The time zone an agenda is typed in, and the form's words for it."""
    zone = conference.time_zone if conference else timezone.get_default_timezone()
    day = conference.start_date if conference and conference.start_date else timezone.localdate()
    offset = utc_offset(dt.datetime.combine(day, dt.time(12), zone))
    if conference and conference.country_id:
        words = _("In the time of %(country)s, as the agenda gives it (%(offset)s).") % {
            "country": conference.country, "offset": offset}
    else:
        words = _("In the site's time (%(offset)s); choose the host country to type the venue's time.") % {
            "offset": offset}
    return zone, words


VENUE_TIMES = ("starts_at", "ends_at")
VENUE_TIME_FIELDS = {models.DateTimeField: {"form_class": VenueDateTimeField, "widget": VenueSplitDateTime}}


class SessionInline(admin.StackedInline):
    """The conference's agenda, session by session; its times in the host country's time."""

    model = Session
    form = ContentForm
    formset = PartsOfPublishedFormSet
    verbose_name_plural = _("agenda")
    extra = 0
    fields = [("position", "kind"), both("title"), ("starts_at", "ends_at"), both("room"), "chairs", "themes"]
    autocomplete_fields = ["chairs", "themes"]
    formfield_overrides = VENUE_TIME_FIELDS

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        country = posted_or_stored(request, Conference, "country", obj)
        venue = Conference(country=country, start_date=obj.start_date if obj else None) if country else None
        in_zone(formset.form.base_fields, VENUE_TIMES, *venue_zone(venue))
        formset.can_publish = can_publish(request.user, Conference)
        return formset


class DocumentVersionInline(admin.StackedInline):
    model = DocumentVersion
    form = DocumentVersionForm
    formset = DocumentVersionsFormSet
    extra = 0
    fields = [("language", "is_original"), "file", "url", both("note")]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.can_publish = can_publish(request.user, Document)
        return formset


class AnnouncedItemForm(ContentForm):
    """An action item on its speech's page, which does not show the item's conference: it is the speech's."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("speech") is not None:
            # The speech may move to another conference in this same save: the item goes along
            # (Speech.save moves the items no row here changed).
            self.instance.conference_id = cleaned["speech"].conference_id
        return cleaned


class ActionItemInline(PublishableInline):
    model = ActionItem
    form = AnnouncedItemForm
    fk_name = "speech"
    extra = 0
    show_change_link = True
    view_on_site = False
    # Its title in both languages and the countries it concerns: without them the Russian pages show the
    # English title, and a country's page and filter miss the item.
    fields = [*columns("title"), "excerpt", "lead_organization", "countries", "due_date", "is_published"]
    autocomplete_fields = ["lead_organization", "countries"]
    ordering = ["pk"]  # in the order the speech announced them
    formfield_overrides = {models.TextField: short_text(2, 30)}


class ActionItemUpdateInline(admin.TabularInline):
    model = ActionItemUpdate
    form = ContentForm
    formset = PartsOfPublishedFormSet
    extra = 1
    fields = ["date", "status", "progress", *both("note")]
    formfield_overrides = {models.TextField: short_text(2, 30)}

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.can_publish = can_publish(request.user, ActionItem)
        return formset


@admin.register(Conference)
class ConferenceAdmin(PublishableAdmin):
    list_display = ["title", "state", "short_title", "start_date", "city", "country"]
    list_select_related = ["country"]
    list_filter = [PublicationFilter, "country", "themes", "organizers"]
    search_fields = [*columns("title"), *columns("short_title"), *columns("city"), *columns("summary")]
    date_hierarchy = "start_date"
    autocomplete_fields = ["country", "organizers", "countries", "themes"]
    inlines = [SessionInline, SpeechInline]
    published_with = ((Speech, "conference"), (ActionItem, "conference"), (Document, "conference"))
    fieldsets = [
        (None, {"fields": [both("title"), both("short_title"), "start_date", "end_date", both("city"), "country"]}),
        (_("Who and what"), {"fields": ["organizers", "countries", "themes", both("summary"), "website"]}),
        PublishableAdmin.publishing_fieldset,
        BaseAdmin.record_fieldset,
    ]

    def after_unpublishing(self, request: HttpRequest, keys: list[int]) -> None:
        # Its speeches and agenda go with it; its action items and documents are published on their own
        # and stay so, which a publisher taking a conference down needs to know.
        staying = []
        for model in (ActionItem, Document):
            count = model.objects.filter(conference__in=keys, is_published=True).count()
            if count:
                listed = reverse(f"admin:conferences_{model._meta.model_name}_changelist")
                staying.append(format_html('<a href="{}?conference__id__in={}&amp;is_published__exact=1">{}</a>',
                                           listed, ",".join(map(str, keys)), COUNTED[model](count) % {"count": count}))
        if staying:
            self.message_user(request, format_html(
                _("Published on their own, these stay published: {}. Unpublish them too if they should go."),
                format_html_join(", ", "{}", ((part,) for part in staying))), messages.WARNING)


@admin.register(Speech)
class SpeechAdmin(PublishableAdmin):
    list_display = ["title", "state", "speaker", "conference", "delivered_on", "language"]
    list_select_related = ["speaker", "conference"]
    list_filter = [PublicationFilter, "language", "themes"]
    search_fields = [*columns("title"), *columns("speaker__name"), *columns("speaker_role"),
                     *columns("conference__title"), *columns("conference__short_title")]
    date_hierarchy = "delivered_on"
    autocomplete_fields = ["conference", "session", "speaker", "speaker_organization", "themes"]
    inlines = [SpeechTranslationInline, ActionItemInline]
    published_with = ((ActionItem, "speech"),)
    fieldsets = [
        (None, {"fields": ["conference", "session", both("title"), "delivered_on", "language"]}),
        (_("Speaker"), {"fields": ["speaker", both("speaker_role"), "speaker_organization"]}),
        (_("Text"), {"fields": ["body", "source_url", "themes"]}),
        PublishableAdmin.publishing_fieldset,
        BaseAdmin.record_fieldset,
    ]

    def get_queryset(self, request):
        # The autocomplete on action items names each speech with its speaker and conference.
        return super().get_queryset(request).select_related("speaker", "conference")

    def save_model(self, request, obj, form, change):
        was = form.initial.get("delivered_on") if change else None
        super().save_model(request, obj, form, change)
        if was is not None and obj.delivered_on != was and "delivered_on" not in form.changed_data:
            # Its conference's first day, taken as the default, followed it (Speech.follow_conference()).
            self.message_user(request, _(
                "Its date followed it to “%(conference)s”: %(new)s, where it was %(old)s. Change it if the "
                "speech was given on another day."
            ) % {"conference": obj.conference, "new": date_format(obj.delivered_on), "old": date_format(was)},
                messages.WARNING)

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="conferences_speech_import"), *super().get_urls()]

    def tools(self, request):
        return [(_("Import speech"), reverse("admin:conferences_speech_import"))] if self.has_add_permission(
            request) else []

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        return speech_import_view(self, request)


@admin.register(ActionItem)
class ActionItemAdmin(PublishableAdmin):
    editor_checks = (refuse_plan_exposure,)
    list_display = ["title", "state", "status", "progress_percent", "due", "lead", "conference"]
    list_select_related = ["lead_organization", "conference"]
    list_filter = ["status", PublicationFilter, "plan", "themes", "countries"]
    search_fields = [*columns("title"), *columns("description"), "excerpt",
                     *columns("lead_organization__name"), *columns("lead_organization__acronym")]
    date_hierarchy = "due_date"
    autocomplete_fields = ["speech", "conference", "document", "plan", "lead_organization", "partners", "countries",
                           "themes"]
    inlines = [ActionItemUpdateInline]
    fieldsets = [
        (None, {"fields": [both("title"), both("description"), "speech", "conference", "excerpt", "document",
                           "plan"]}),
        (
            _("Progress"),
            {
                "fields": ["status", "progress", "due_date"],
                "description": _(
                    "Once an item has progress updates, its status and progress follow the newest one: "
                    "add an update below to change them."
                ),
            },
        ),
        (_("Who and what"), {"fields": ["lead_organization", "partners", "countries", "themes"]}),
        PublishableAdmin.publishing_fieldset,
        BaseAdmin.record_fieldset,
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is not None and obj.updates.exists():
            readonly = [*readonly, "status", "progress"]
        return readonly

    @admin.display(description=_("progress"), ordering="progress")
    def progress_percent(self, obj: ActionItem) -> str:
        return f"{obj.progress}%"

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_progress_view)
        return [path("import-progress/", view, name="conferences_actionitem_import_progress"), *super().get_urls()]

    def tools(self, request):
        return [(_("Import progress"), reverse("admin:conferences_actionitem_import_progress"))] if (
            self.has_change_permission(request)) else []

    def import_progress_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_change_permission(request):
            raise PermissionDenied
        return progress_import_view(self, request)

    def save_formset(self, request, form, formset, change):
        # Progress updates typed here are recorded as the editor's.
        for update in formset.save(commit=False):
            if isinstance(update, ActionItemUpdate) and update.recorded_by_id is None:
                update.recorded_by = request.user
            update.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    # A short heading, so that the Russian list's columns fit a laptop's screen.
    @admin.display(description=_("due"), ordering="due_date")
    def due(self, obj: ActionItem):
        return obj.due_date

    @admin.display(description=_("lead"), ordering="lead_organization__name_en")
    def lead(self, obj: ActionItem) -> str:
        return obj.lead_organization.short_name if obj.lead_organization else ""


@admin.register(ActionItemUpdate)
class ActionItemUpdateAdmin(PartsOfPublishedAdmin, BaseAdmin):
    parent = "action_item"
    list_display = ["action_item", "date", "status", "progress_percent", "short_note", "recorded_by"]
    list_select_related = ["action_item", "recorded_by"]
    list_filter = ["status"]
    search_fields = [*columns("action_item__title"), *columns("note")]
    date_hierarchy = "date"
    autocomplete_fields = ["action_item"]
    fields = ["action_item", "date", "status", "progress", both("note"), "recorded_by"]
    readonly_fields = ["recorded_by"]

    @admin.display(description=_("progress"), ordering="progress")
    def progress_percent(self, obj: ActionItemUpdate) -> str:
        return f"{obj.progress}%"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("note"))
    def short_note(self, obj: ActionItemUpdate) -> str:
        return obj.note if len(obj.note) <= 80 else obj.note[:79] + "…"


class OrganizationKindFilter(admin.SimpleListFilter):
    title = _("kind of organisation")
    parameter_name = "organization_kind"

    def lookups(self, request, model_admin):
        return Organization.Kind.choices

    def queryset(self, request, queryset):
        return queryset.filter(organization__kind=self.value()) if self.value() else queryset


@admin.register(Person)
class PersonAdmin(PublicHubRightsAdmin, BaseAdmin):
    list_display = ["name", "honorific", "title", "organization"]
    list_select_related = ["organization"]
    list_filter = [OrganizationKindFilter]
    search_fields = [*columns("name"), *columns("title")]
    autocomplete_fields = ["organization"]
    fields = [both("name"), both("honorific"), both("title"), "organization", "slug"]


@admin.register(Organization)
class OrganizationAdmin(PublicHubRightsAdmin, BaseAdmin):
    list_display = ["name", "acronym", "kind", "country", "website"]
    list_filter = ["kind", "country"]
    list_select_related = ["country"]
    search_fields = [*columns("name"), *columns("acronym")]
    fields = [both("name"), both("acronym"), "kind", "country", "website", "slug"]
    autocomplete_fields = ["country"]


class CountryForm(ContentForm):
    class Meta:
        model = Country
        fields = [*columns("name"), "iso3", "slug"]

    def clean_iso3(self) -> str:
        return self.cleaned_data["iso3"].upper()


@admin.register(Country)
class CountryAdmin(PublicHubRightsAdmin, BaseAdmin):
    form = CountryForm
    list_display = ["name", "iso3"]
    search_fields = [*columns("name"), "iso3"]
    fields = [both("name"), "iso3", "slug"]


@admin.register(Theme)
class ThemeAdmin(PublicHubRightsAdmin, BaseAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = [*columns("name"), *columns("description")]
    fields = [both("name"), both("description"), "position", "slug"]


@admin.register(Document)
class DocumentAdmin(PublishableAdmin):
    list_display = ["title", "state", "kind", "symbol", "adopted_on", "conference"]
    list_select_related = ["conference"]
    list_filter = [PublicationFilter, "kind", "themes", "countries"]
    search_fields = [*columns("title"), "symbol", *columns("summary")]
    date_hierarchy = "adopted_on"
    autocomplete_fields = ["conference", "countries", "themes"]
    inlines = [DocumentVersionInline]
    fieldsets = [
        (None, {"fields": ["kind", both("title"), "symbol", "adopted_on", "conference"]}),
        (_("Who and what"), {"fields": ["countries", "themes", both("summary")]}),
        PublishableAdmin.publishing_fieldset,
        BaseAdmin.record_fieldset,
    ]


@admin.register(Session)
class SessionAdmin(PartsOfPublishedAdmin, BaseAdmin):
    """Sessions are edited on their conference's page; this list lets a speech pick its session."""

    parent = "conference"

    list_display = ["title", "conference", "kind", "starts_at", "position"]
    list_select_related = ["conference"]
    list_filter = ["kind"]
    search_fields = [*columns("title"), *columns("conference__title"), *columns("conference__short_title")]
    # A speech picks its session here: the latest conference's agenda first, as speeches are added after it.
    ordering = ["-conference__start_date", "conference", "position", "starts_at", "pk"]
    autocomplete_fields = ["conference", "chairs", "themes"]
    fields = ["conference", ("position", "kind"), both("title"), ("starts_at", "ends_at"), both("room"), "chairs",
              "themes"]
    formfield_overrides = {**BaseAdmin.formfield_overrides, **VENUE_TIME_FIELDS}

    def get_model_perms(self, request):
        return {}  # not on the admin's index: the agenda is edited on the conference

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        in_zone(form.base_fields, VENUE_TIMES, *venue_zone(posted_or_stored(request, Session, "conference", obj)))
        return form

    def get_readonly_fields(self, request, obj=None):
        # A session stays on its conference's agenda: moved to another, it would go public or hidden with it.
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if obj is None or "conference" in readonly else [*readonly, "conference"]


@admin.register(Plan)
class PlanAdmin(PublicHubRightsAdmin, BaseAdmin):
    list_display = ["name", "adopted_on", "conference", "document"]
    list_select_related = ["conference", "document"]
    search_fields = [*columns("name")]
    autocomplete_fields = ["conference", "document", "pillars"]
    fields = [both("name"), "adopted_on", "conference", "document", "pillars", both("summary"), "slug"]
