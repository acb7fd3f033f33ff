"""No lost edits: when two people edit one item, the second save cannot silently undo the first.

A save is refused when someone else saved the item, or one of its inline rows, after the
form was opened; the editor then sees what changed and decides.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from .history import display_value, tracked_fields
from .models import with_line_feeds

# Named after the module this began in: a new salt would refuse every form open during an upgrade.
EDIT_TOKEN_SALT = "conferences.editing.edit-token"


class NoLostEditsAdmin(admin.ModelAdmin):
    """Refuses a save when the item or its inline rows changed after the form was opened.

    The form carries a signed token: the item's and its inline rows' last-changed times
    and the values it showed. If they differ when it is saved, the editor's input stays
    on the form, with who changed the item, when, and what; the token is renewed, so
    saving again after reviewing keeps the editor's version.
    """

    def inline_relations(self) -> list[str]:
        """How an item reaches each inline's rows (conference.speeches): the token covers them too."""
        return [self.inline_key(inline).remote_field.get_accessor_name() for inline in self.inlines]

    def inline_key(self, inline) -> models.ForeignKey:
        # Django's admin checks have already made sure there is exactly one.
        [key] = [
            field for field in inline.model._meta.get_fields()
            if isinstance(field, models.ForeignKey) and field.name == (inline.fk_name or field.name)
            and issubclass(self.model, field.related_model)
        ]
        return key

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
        current = self.model.objects.select_for_update().get(pk=form.instance.pk)
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
        # On the token rather than the whole form: the conflict's own box (change_form.html) says it,
        # where the form's error list would say it again.
        form.add_error("edit_token", ValidationError(form.conflict["message"], code="edited_meanwhile"))

    def render_change_form(self, request, context, *args, **kwargs):
        form = context["adminform"].form
        if getattr(form, "conflict", None):
            # Django's "Please correct the error below" only for errors besides the conflict.
            context["errors"] = [errors for errors in context["errors"]
                                 if not any(error.code == "edited_meanwhile" for error in errors.as_data())]
        return super().render_change_form(request, context, *args, **kwargs)

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
                outcome = (_("taken into the form") if field.name in theirs
                           else _("you changed it too: yours is in the form"))
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
            values[name] = with_line_feeds(text)
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
            values[name] = with_line_feeds(str(form.data.get(key, "")))
    return values
