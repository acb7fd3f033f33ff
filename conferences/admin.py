"""The staff's editing screens: one change list per model, inlines for what belongs to a parent."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import (
    ActionItem,
    ActionItemUpdate,
    Conference,
    Country,
    Organization,
    Person,
    Publishable,
    Speech,
    Theme,
)

admin.site.site_header = _("JPoA site: staff editing")
admin.site.site_title = _("JPoA staff")
admin.site.index_title = _("Content")

SHORT_TEXT = forms.Textarea(attrs={"rows": 2, "cols": 60})


class BaseAdmin(admin.ModelAdmin):
    # Addresses typed without a scheme are taken as https, as Django 6 will do.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class PublishableAdmin(BaseAdmin):
    """What every publishable model's admin shares: the state column and (un)publish actions."""

    actions = ["publish", "unpublish"]
    readonly_fields = ["created_at", "updated_at"]
    publishing_fieldset = (_("Publishing"), {"fields": ["is_published", "published_at", "slug"]})

    @admin.display(description=_("state"), ordering="published_at")
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

    @admin.action(description=_("Publish the selected items"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        changed = 0
        for obj in queryset.filter(is_published=False):
            obj.is_published = True
            obj.save(update_fields=["is_published", "updated_at"])
            changed += 1
        self.message_user(
            request,
            ngettext("%(count)d item published.", "%(count)d items published.", changed) % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected items"), permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet) -> None:
        changed = 0
        for obj in queryset.filter(is_published=True):
            obj.is_published = False
            obj.save(update_fields=["is_published", "updated_at"])
            changed += 1
        self.message_user(
            request,
            ngettext("%(count)d item unpublished.", "%(count)d items unpublished.", changed) % {"count": changed},
            messages.SUCCESS,
        )


class SpeechInline(admin.StackedInline):
    model = Speech
    extra = 0
    show_change_link = True
    fields = ["title", "speaker", "speaker_role", "speaker_organization", "delivered_on", "language", "body", "is_published"]
    autocomplete_fields = ["speaker", "speaker_organization"]
    classes = ["collapse"]


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    fk_name = "speech"
    extra = 0
    show_change_link = True
    fields = ["title", "excerpt", "status", "lead_organization", "due_date", "is_published"]
    autocomplete_fields = ["lead_organization"]
    formfield_overrides = {ActionItem._meta.get_field("excerpt").__class__: {"widget": SHORT_TEXT}}


class ActionItemUpdateInline(admin.TabularInline):
    model = ActionItemUpdate
    extra = 1
    fields = ["date", "status", "progress", "note"]
    formfield_overrides = {ActionItemUpdate._meta.get_field("note").__class__: {"widget": SHORT_TEXT}}


@admin.register(Conference)
class ConferenceAdmin(PublishableAdmin):
    list_display = ["title", "short_title", "start_date", "city", "country", "state"]
    list_select_related = ["country"]
    list_filter = ["is_published", "country", "themes", "organizers"]
    search_fields = ["title", "short_title", "city", "summary"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["country", "organizers", "countries", "themes"]
    prepopulated_fields = {"slug": ["short_title"]}
    inlines = [SpeechInline]
    fieldsets = [
        (None, {"fields": ["title", "short_title", "start_date", "end_date", "city", "country"]}),
        (_("Who and what"), {"fields": ["organizers", "countries", "themes", "summary", "website"]}),
        PublishableAdmin.publishing_fieldset,
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]


@admin.register(Speech)
class SpeechAdmin(PublishableAdmin):
    list_display = ["title", "speaker", "conference", "delivered_on", "language", "state"]
    list_select_related = ["speaker", "conference"]
    list_filter = ["is_published", "language", "themes"]
    search_fields = ["title", "speaker__name", "speaker_role", "conference__title", "conference__short_title"]
    date_hierarchy = "delivered_on"
    autocomplete_fields = ["conference", "speaker", "speaker_organization", "themes"]
    inlines = [ActionItemInline]
    fieldsets = [
        (None, {"fields": ["conference", "title", "delivered_on", "language"]}),
        (_("Speaker"), {"fields": ["speaker", "speaker_role", "speaker_organization"]}),
        (_("Text"), {"fields": ["body", "source_url", "themes"]}),
        PublishableAdmin.publishing_fieldset,
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]


@admin.register(ActionItem)
class ActionItemAdmin(PublishableAdmin):
    list_display = ["title", "status", "progress_percent", "due_date", "lead_organization", "conference", "state"]
    list_select_related = ["lead_organization", "conference"]
    list_filter = ["status", "is_published", "themes", "countries"]
    search_fields = ["title", "description", "excerpt", "lead_organization__name", "lead_organization__acronym"]
    date_hierarchy = "due_date"
    autocomplete_fields = ["speech", "conference", "lead_organization", "partners", "countries", "themes"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ActionItemUpdateInline]
    fieldsets = [
        (None, {"fields": ["title", "description", "speech", "conference", "excerpt"]}),
        (
            _("Progress"),
            {
                "fields": ["status", "progress", "due_date"],
                "description": _("A new progress update below sets the status and progress to its own."),
            },
        ),
        (_("Who and what"), {"fields": ["lead_organization", "partners", "countries", "themes"]}),
        PublishableAdmin.publishing_fieldset,
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("progress"), ordering="progress")
    def progress_percent(self, obj: ActionItem) -> str:
        return f"{obj.progress}%"


@admin.register(ActionItemUpdate)
class ActionItemUpdateAdmin(BaseAdmin):
    list_display = ["action_item", "date", "status", "progress", "short_note"]
    list_select_related = ["action_item"]
    list_filter = ["status"]
    search_fields = ["action_item__title", "note"]
    date_hierarchy = "date"
    autocomplete_fields = ["action_item"]

    @admin.display(description=_("note"))
    def short_note(self, obj: ActionItemUpdate) -> str:
        return obj.note if len(obj.note) <= 80 else obj.note[:79] + "…"


@admin.register(Person)
class PersonAdmin(BaseAdmin):
    list_display = ["name", "honorific", "title", "organization"]
    list_select_related = ["organization"]
    list_filter = ["organization__kind"]
    search_fields = ["name", "title"]
    autocomplete_fields = ["organization"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organization)
class OrganizationAdmin(BaseAdmin):
    list_display = ["name", "acronym", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Country)
class CountryAdmin(BaseAdmin):
    list_display = ["name", "iso3"]
    search_fields = ["name", "iso3"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme)
class ThemeAdmin(BaseAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
