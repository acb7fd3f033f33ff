"""What the admin needs when several staff edit the same content.

- Publishing rights: only holders of a model's `publish` permission (the Publishers group)
  publish, unpublish, delete published items or restore old versions of them; editors
  can do everything else. Enforced on the server, whatever the form or request says.
- History: every save, publish and delete is a django-reversion revision (who, when,
  what), an earlier version can be restored, and so can a deleted item.
- No lost edits: a save is refused when someone else saved the item, or one of its
  inline rows, after the form was opened.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet, _get_foreign_key
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from reversion import add_to_revision, set_comment
from reversion.admin import VersionAdmin
from reversion.models import Version

from .models import Publishable

EDIT_TOKEN_SALT = "conferences.editing.edit-token"
UNTRACKED_FIELDS = {"id", "created_at", "updated_at"}


def can_publish(user, model: type[models.Model]) -> bool:
    return issubclass(model, Publishable) and user.has_perm(model.publish_permission())


def display_value(obj: models.Model, field: models.Field) -> str:
    """A field's value as an editor reads it: names for relations, "; " between several."""
    if field.many_to_many:
        return "; ".join(sorted(str(related) for related in getattr(obj, field.name).all()))
    if field.is_relation:
        related = getattr(obj, field.name)
        return str(related) if related is not None else ""
    if field.choices:
        return str(dict(field.flatchoices).get(getattr(obj, field.attname), ""))
    value = getattr(obj, field.attname)
    return "" if value is None else str(value)


def tracked_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        field for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if field.editable and field.name not in UNTRACKED_FIELDS
    ]


class HistoryAdmin(VersionAdmin):
    """History from django-reversion, with the differences shown and deletions recoverable."""

    object_history_template = "admin/conferences/object_history.html"

    def can_restore(self, request) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def history_view(self, request, object_id, extra_context=None):
        return super().history_view(request, object_id, {"can_restore": self.can_restore(request),
                                                         **(extra_context or {})})

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = self.own_version(request, version_id, object_id=unquote(object_id))
        current = self.get_object(request, unquote(object_id))
        if current is not None:
            extra_context = {**(extra_context or {}), "differences": self.differences(version, current)}
        request.restoring_version = True
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        self.own_version(request, version_id)
        request.restoring_version = True
        return super().recover_view(request, version_id, extra_context)

    def own_version(self, request, version_id, **lookup) -> Version:
        """A version of this admin's model, whose whole revision the user may restore.

        Restoring reverts every object the revision holds (a conference's speeches, the
        action item an update moved): each publishable one among them needs its publish
        permission, or an old version could publish, unpublish or bring back public content.
        """
        version = get_object_or_404(
            Version, pk=version_id, content_type=ContentType.objects.get_for_model(self.model), **lookup
        )
        for other in version.revision.version_set.select_related("content_type"):
            model = other.content_type.model_class()
            if model is not None and issubclass(model, Publishable) and not can_publish(request.user, model):
                raise PermissionDenied
        return version

    def differences(self, version: Version, current: models.Model) -> list[tuple[str, str, str]]:
        """(field, in that version, now) for every field that differs."""
        then = version._object_version.object
        rows = []
        for field in tracked_fields(self.model):
            if field.many_to_many:
                ids = version._object_version.m2m_data.get(field.name, [])
                old = "; ".join(sorted(str(o) for o in field.related_model._default_manager.filter(pk__in=ids)))
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
            set_comment(_("Deleted."))
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
            return admin.ModelAdmin.changelist_view(self, request, extra_context)
        return super().changelist_view(request, extra_context)


class NoLostEditsAdmin(admin.ModelAdmin):
    """Refuses a save when the item or its inline rows changed after the form was opened.

    The form carries a signed token: the item's and its inline rows' last-changed times
    and the values it showed. If they differ when it is saved, the editor's input stays
    on the form, with who changed the item, when, and what; the token is renewed, so
    saving again after reviewing keeps the editor's version.
    """

    def inline_relations(self) -> list[str]:
        return [
            _get_foreign_key(self.model, inline.model, fk_name=inline.fk_name).remote_field.get_accessor_name()
            for inline in self.inlines
        ]

    def edit_state(self, obj: models.Model) -> dict:
        children = {
            name: sorted([pk, at.isoformat()] for pk, at in getattr(obj, name).values_list("pk", "updated_at"))
            for name in self.inline_relations()
        }
        return {"at": obj.updated_at.isoformat(), "children": children}

    def edit_token(self, obj: models.Model, submitted: dict | None = None) -> str:
        """The signed record of what a form showed: state, values as read, values as the form sends them."""
        values = {field.name: display_value(obj, field) for field in tracked_fields(self.model)}
        opened = {"state": self.edit_state(obj), "values": values, "submitted": submitted or {}}
        return signing.dumps(opened, salt=EDIT_TOKEN_SALT, compress=True)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        if obj is None:
            return form_class
        model_admin = self

        class GuardedForm(form_class):
            edit_token = forms.CharField(widget=forms.HiddenInput, required=False)
            plain_form = form_class

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.conflict = None
                if not self.is_bound:
                    self.initial["edit_token"] = model_admin.edit_token(self.instance, as_submitted(self))

            @cached_property
            def changed_data(self):
                # The token is not content: it must not show up as a change in the history.
                return [name for name in super().changed_data if name != "edit_token"]

            def clean(self):
                cleaned = super().clean()
                if not getattr(request, "restoring_version", False):
                    model_admin.refuse_lost_edit(self)
                return cleaned

        return GuardedForm

    def refuse_lost_edit(self, form) -> None:
        # Locked until this save commits, so nobody slips in between the check and the save.
        current = self.model._default_manager.select_for_update().get(pk=form.instance.pk)
        try:
            opened = signing.loads(form.cleaned_data.get("edit_token") or "", salt=EDIT_TOKEN_SALT)
        except signing.BadSignature:
            opened = None
        if opened and opened["state"] == self.edit_state(current):
            return
        form.data = form.data.copy()
        theirs = self.take_their_changes(form, current, opened)
        form.conflict = self.describe_conflict(current, opened, theirs)
        fresh = form.plain_form(instance=current, prefix=form.prefix)
        form.data[form.add_prefix("edit_token")] = self.edit_token(current, as_submitted(fresh))
        raise ValidationError(form.conflict["message"], code="edited_meanwhile")

    def take_their_changes(self, form, current: models.Model, opened: dict | None) -> set[str]:
        """Fields this editor left as they were get the new values; returns their names.

        Saving again then keeps both people's work; only a field both changed holds this
        editor's version, and the table says so.
        """
        if not opened:
            return set()
        fresh = as_submitted(form.plain_form(instance=current, prefix=form.prefix))
        before, sent = opened.get("submitted", {}), posted(form)
        taken = set()
        for name, value in fresh.items():
            if name in before and name in sent and sent[name] == before[name] != value:
                key = form.add_prefix(name)
                if isinstance(value, list):
                    form.data.setlist(key, value)
                elif value == "" and isinstance(form.fields[name].widget, forms.CheckboxInput):
                    form.data.pop(key, None)
                else:
                    form.data[key] = value
                taken.add(name)
        return taken

    def describe_conflict(self, current: models.Model, opened: dict | None, theirs: set[str]) -> dict:
        versions = Version.objects.get_for_object(current).select_related("revision__user")
        latest = versions.order_by("-revision__date_created").first()
        who = latest.revision.user if latest and latest.revision.user else None
        when = latest.revision.date_created if latest else current.updated_at
        name = who.get_full_name() or who.get_username() if who else _("Someone")
        if opened is None:
            return {
                "message": _(
                    "This form could not be checked against the saved %(thing)s: it is out of date or incomplete. "
                    "Your changes are not saved yet: they are still in the form below. Check it, then save again."
                ) % {"thing": self.model._meta.verbose_name},
                "changes": [],
            }
        message = _(
            "%(who)s saved this %(thing)s on %(when)s, after you opened it. Nothing is saved yet. The form below "
            "holds your changes, and their changes to the fields you had left alone. Look at the table, then save "
            "again to keep what the form shows."
        ) % {
            "who": name,
            "thing": self.model._meta.verbose_name,
            "when": date_format(timezone.localtime(when), "DATETIME_FORMAT"),
        }
        changes = []
        for field in tracked_fields(self.model):
            before, now = opened["values"].get(field.name, ""), display_value(current, field)
            if before != now:
                outcome = _("taken into the form") if field.name in theirs else _("you changed it too: yours is in the form")
                changes.append((str(field.verbose_name).capitalize(), before, now, outcome))
        for relation, rows in self.edit_state(current)["children"].items():
            if rows != opened["state"]["children"].get(relation):
                label = self.model._meta.get_field(relation).related_model._meta.verbose_name_plural
                changes.append((str(label).capitalize(), _("as when you opened it"), _("changed since"),
                                _("shown below as they are now")))
        return {"message": message, "changes": changes}


def as_submitted(form) -> dict[str, str | list[str]]:
    """An unbound form's values as the browser would send them back unchanged."""
    values = {}
    for name, field in form.fields.items():
        if name == "edit_token" or isinstance(field.widget, forms.MultiWidget):
            continue
        value = form[name].value()
        if isinstance(field.widget, forms.CheckboxInput):
            values[name] = "on" if value else ""
        elif isinstance(value, (list, tuple)):
            values[name] = sorted(str(item) for item in value)
        elif value is None:
            values[name] = ""
        else:
            text = value.isoformat() if hasattr(value, "isoformat") else str(value)
            values[name] = text.replace("\r\n", "\n")
    return values


def posted(form) -> dict[str, str | list[str]]:
    """A bound form's submitted values, in the shape of as_submitted()."""
    values = {}
    for name, field in form.fields.items():
        if name == "edit_token" or isinstance(field.widget, forms.MultiWidget):
            continue
        key = form.add_prefix(name)
        if isinstance(field.widget, forms.CheckboxInput):
            values[name] = "on" if form.data.get(key) not in (None, "", "false", "off") else ""
        elif isinstance(field.widget, forms.SelectMultiple):
            values[name] = sorted(form.data.getlist(key))
        else:
            values[name] = str(form.data.get(key, "")).replace("\r\n", "\n")
    return values


class PublishingRightsAdmin(admin.ModelAdmin):
    """Only publishers publish, unpublish, delete what is published, or restore versions of it."""

    def has_publish_permission(self, request) -> bool:
        return can_publish(request.user, self.model)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly += ["is_published", "published_at"]
        return readonly

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_published and not self.has_publish_permission(request):
            return False
        return super().has_delete_permission(request, obj)

    def recoverlist_view(self, request, extra_context=None):
        self.require_publisher_to_restore(request)
        return super().recoverlist_view(request, extra_context)

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if not self.has_publish_permission(request) and any(obj.is_published for obj in objs):
            # Say why in the editor's terms, rather than "no permission to delete action items".
            perms_needed = {_("published %(items)s (only publishers delete those)")
                            % {"items": self.model._meta.verbose_name_plural}}
        return deleted, model_count, perms_needed, protected

    def can_restore(self, request) -> bool:
        return self.has_publish_permission(request) and super().can_restore(request)

    def require_publisher_to_restore(self, request) -> None:
        # An old version may be published where the present one is not: that is a publisher's call
        # (HistoryAdmin.own_version checks each restore itself).
        if not self.has_publish_permission(request):
            raise PermissionDenied

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request):
            # Whatever was posted, an editor leaves publication as it was (a new item is a draft).
            stored = self.model._default_manager.filter(pk=obj.pk).values("is_published", "published_at").first()
            obj.is_published, obj.published_at = (
                (stored["is_published"], stored["published_at"]) if change and stored else (False, None)
            )
        super().save_model(request, obj, form, change)


class DraftsOnlyFormSet(BaseInlineFormSet):
    """An inline formset in which editors cannot delete published rows."""

    can_publish = True

    def clean(self):
        super().clean()
        if self.can_publish:
            return
        for form in self.deleted_forms:
            if form.instance.pk and form.instance.is_published:
                raise ValidationError(
                    _("Only publishers can delete published %(items)s: “%(item)s” is published.")
                    % {"items": self.model._meta.verbose_name_plural, "item": form.instance}
                )


class PublishableInline(admin.TabularInline):
    """An inline of publishable rows: editors see their publication but cannot change it."""

    formset = DraftsOnlyFormSet

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user, self.model):
            readonly += ["is_published"]
        return readonly

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.can_publish = can_publish(request.user, self.model)
        return formset
