"""History: who changed what and when, so that no change is final.

Every save, publish and delete made in the admin is a django-reversion revision; an
earlier version can be restored, and so can a deleted item. How a field reads to an
editor is defined here, for the differences between versions and for edit conflicts.
"""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models, router, transaction
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop
from reversion import add_to_revision, is_active, set_comment
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version
from translated_fields import show_language_code

from .publishing import may_restore

UNTRACKED_FIELDS = {"id", "created_at", "updated_at"}


def listed(objects) -> str:
    return "; ".join(sorted(str(obj) for obj in objects))


def display_value(obj: models.Model, field: models.Field) -> str:
    """A field's value as an editor reads it: names for relations, "; " between several."""
    if field.many_to_many:
        return listed(getattr(obj, field.name).all())
    if field.is_relation:
        try:
            related = getattr(obj, field.name)
        except ObjectDoesNotExist:  # an old version's speech or organisation, deleted since
            return gettext("(deleted since)")
        return str(related) if related is not None else ""
    if field.choices:
        return str(dict(field.flatchoices).get(getattr(obj, field.attname), ""))
    value = getattr(obj, field.attname)
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, dt.datetime):  # before date: a datetime is a date too
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return date_format(value)
    return str(value)


def kept_comment(sentence: str, **parts: str) -> str:
    """A revision's comment as it is kept: `sentence` in English (marked with gettext_noop) with the
    parts it names, so that comment_in_this_language() words it in each reader's language."""
    return json.dumps([{"said": sentence, "with": parts}]) if parts else sentence


def comment_in_this_language(revision, labels: dict[str, str]) -> str:
    """A revision's comment in the page's language, its fields' names too."""
    try:
        recorded = json.loads(revision.comment) if revision.comment.startswith("[") else None
    except json.JSONDecodeError:
        recorded = None
    if not isinstance(recorded, list):
        # A sentence: one kept in English ("Published.", "Deleted.") reads in the page's language.
        comment = revision.get_comment()
        return gettext(comment) if comment else comment  # gettext("") would give the catalogue's header
    said, changes, names = [], [], None
    for change in recorded:
        if isinstance(change, dict) and isinstance(change.get("said"), str):
            said.append(gettext(change["said"]) % change.get("with", {}))
            continue
        if isinstance(change, dict) and isinstance(change.get("changed"), dict):
            fields = change["changed"].get("fields", [])
            change["changed"]["fields"] = [labels.get(field, field) for field in fields]
        for details in change.values() if isinstance(change, dict) else []:
            if isinstance(details, dict) and isinstance(details.get("object"), str):  # an inline's record
                names = names_in_this_language(revision, recorded) if names is None else names
                details["object"] = names.get(details["object"], details["object"])
        changes.append(change)
    # Django's wording for the changes, if any: with none it would say "No fields changed."
    worded = [LogEntry(change_message=json.dumps(changes)).get_change_message()] if changes or not said else []
    return " ".join([*said, *worded])


def names_in_this_language(revision, recorded: list) -> dict[str, str]:
    """The inlines' records kept with a revision, each by the name Django recorded it under, worded with
    no language active ("Dec. 3, 2026: Completed, 100%"), with its name in the page's language ("3 декабря
    2026 г.: Выполнено, 100%"). A record deleted by the change is not kept with it: its name stays.
    Only the kinds of record the comment names are worded (`recorded`: its changes, as Django keeps them)."""
    kinds = {details["name"] for change in recorded if isinstance(change, dict)
             for details in change.values() if isinstance(details, dict) and "name" in details}
    names = {}
    for version in revision.version_set.all():  # prefetched for a page of history (HistoryAdmin.history_view)
        model = ContentType.objects.get_for_id(version.content_type_id).model_class()
        if model is None:
            continue
        with translation.override(None):
            if str(model._meta.verbose_name) not in kinds:
                continue
        concrete = {field.attname for field in model._meta.concrete_fields}
        try:
            record = model(**{name: value for name, value in version.field_dict.items() if name in concrete})
            with translation.override(None):
                as_recorded = str(record)
            names[as_recorded] = str(record)
        except (RevertError, ObjectDoesNotExist):  # kept under fields since changed; naming a deleted record
            continue
    return names


def tracked_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        field for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if field.editable and field.name not in UNTRACKED_FIELDS
    ]


class HistoryAdmin(VersionAdmin):
    """History from django-reversion, with the differences shown and deletions recoverable."""

    object_history_template = "admin/conferences/object_history.html"

    def can_restore(self, request) -> bool:
        # An old version may show or hide what the public sees: publishing.may_restore() says who may
        # (own_version() checks each restore itself).
        return (self.has_add_permission(request) and self.has_change_permission(request)
                and may_restore(request.user, self.model))

    def recoverlist_view(self, request, extra_context=None):
        if not may_restore(request.user, self.model):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, {"can_restore": self.can_restore(request),
                                                             **(extra_context or {})})
        if not hasattr(response, "context_data"):  # a redirect: the item does not exist
            return response
        labels = self.field_labels()
        actions = response.context_data.get("action_list", [])
        prefetch_related_objects([action["revision"] for action in actions], "version_set")
        for action in actions:
            action["comment"] = comment_in_this_language(action["revision"], labels)
        return response

    def field_labels(self) -> dict[str, str]:
        """Each field's label as a change is recorded (English: "Title [en]"), with its label in the
        reader's language ("Название [en]"), for this model and its inlines'."""
        models_here = [self.model, *(inline.model for inline in self.inlines)]
        with show_language_code(True):
            fields = [field for model in models_here for field in model._meta.get_fields()
                      if hasattr(field, "verbose_name")]
            with translation.override(settings.LANGUAGE_CODE):
                recorded = [capfirst(str(field.verbose_name)) for field in fields]
            return {label: capfirst(str(field.verbose_name)) for label, field in zip(recorded, fields, strict=True)}

    def log_addition(self, request, obj, message):
        return self.keep_comment_as_recorded(super().log_addition(request, obj, message))

    def log_change(self, request, obj, message):
        return self.keep_comment_as_recorded(super().log_change(request, obj, message))

    def keep_comment_as_recorded(self, entry):
        # As Django records it (which fields, in a structure) rather than worded in the saver's
        # language, so that each reader reads it in their own (comment_in_this_language()).
        if is_active():
            set_comment(entry.change_message)
        return entry

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = self.own_version(request, version_id, object_id=unquote(object_id))
        current = self.get_object(request, unquote(object_id))
        request.restoring_version = True
        # "Title [en]", "Title [ru]", as the form names them, in the table and while django-reversion
        # renders the form.
        with show_language_code(True):
            if current is not None:
                extra_context = {**(extra_context or {}), "differences": self.differences(version, current)}
            return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        self.own_version(request, version_id)
        request.restoring_version = True
        with show_language_code(True):
            return super().recover_view(request, version_id, extra_context)

    def own_version(self, request, version_id, **lookup) -> Version:
        """A version of this admin's model, whose whole revision the user may restore.

        Restoring reverts every object the revision holds (a conference's speeches, the
        action item an update moved): each publishable one among them, and each plan, needs the
        rights to publish it (publishing.may_restore()), or an old version could publish, unpublish
        or bring back public content.
        """
        version = get_object_or_404(
            Version, pk=version_id, content_type=ContentType.objects.get_for_model(self.model), **lookup
        )
        for other in version.revision.version_set.select_related("content_type"):
            model = other.content_type.model_class()
            if model is not None and not may_restore(request.user, model):
                raise PermissionDenied
        return version

    def differences(self, version: Version, current: models.Model) -> list[tuple[str, str, str]]:
        """(field, in that version, now) for every field that differs."""
        stored, fields = version.field_dict, tracked_fields(self.model)
        # An unsaved item holding that version's values, so that they read (related names, choice
        # labels) as the current item's do.
        then = self.model(**{
            field.attname: stored[field.attname]
            for field in fields if not field.many_to_many and field.attname in stored
        })
        rows = []
        for field in fields:
            if field.many_to_many:
                old = listed(field.related_model.objects.filter(pk__in=stored.get(field.attname, [])))
            else:
                old = display_value(then, field)
            new = display_value(current, field)
            if old != new:
                rows.append((str(field.verbose_name).capitalize(), old, new))
        return rows

    def delete_model(self, request, obj):
        # The state at deletion goes into the history first, so the item can be recovered
        # (reversion keeps no version of an object that is gone when its revision is saved).
        with self.create_revision(request):
            set_comment(gettext_noop("Deleted."))  # in English, worded in the reader's language when read
            add_to_revision(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # One by one: each deletion is recorded first, and each model's own delete() runs.
        for obj in queryset:
            self.delete_model(request, obj)

    def changelist_view(self, request, extra_context=None):
        if request.POST.get("action") == "delete_selected":
            # Not inside one revision for the whole request: delete_model records each item
            # in a revision of its own before deleting it, which an outer revision would undo.
            # But in one transaction: all of them or none, with the admin's log of them.
            with transaction.atomic(using=router.db_for_write(self.model)):
                return admin.ModelAdmin.changelist_view(self, request, extra_context)
        return super().changelist_view(request, extra_context)
