"""Publishing rights: what the public sees is a publisher's decision.

Only holders of a model's `publish` permission (the Publishers group) publish, unpublish,
delete published items or restore old versions of them, or move them to where the public
would see them differently (a speech into a draft conference); editors can do everything
else. Enforced on the server, whatever the form or request says.
"""

from __future__ import annotations

import copy
import datetime as dt

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from . import visibility
from .forms import ContentForm
from .models import Hub, Publishable


def can_publish(user, model: type[models.Model]) -> bool:
    return issubclass(model, Publishable) and user.has_perm(model.publish_permission())


def publishes_what_names(user, model: type[models.Model]) -> bool:
    """Whether `user` may publish every kind of content that makes a hub of `model` public."""
    naming = {model._meta.get_field(name).related_model for name in model.public_relations}
    return all(can_publish(user, related) for related in naming if issubclass(related, Publishable))


def may_restore(user, model: type[models.Model]) -> bool:
    """Whether `user` may bring back an old version of a `model` row, which may show or hide it: a
    publishable item, or a plan with the links that put its page online, is a publisher's call."""
    if issubclass(model, Publishable):
        return can_publish(user, model)
    if issubclass(model, Hub) and own_links(model):
        return publishes_what_names(user, model)
    return True


def may_preview(request, model: type[models.Model]) -> bool:
    """Staff who may view a model in the admin also see its unpublished pages (and files), under a banner."""
    user = request.user
    return user.is_active and user.is_staff and user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")


PUBLIC = "public"


def public_state(obj: Publishable) -> dt.datetime | str | None:
    """What the public sees of `obj` now: None (nothing), PUBLIC, or the future moment it goes public."""
    return PUBLIC if obj.is_public else obj.public_from()


def describe_public_state(state: dt.datetime | str | None) -> str:
    if state is None:
        return _("hidden from the public")
    if state == PUBLIC:
        return _("public")
    time = date_format(timezone.localtime(state), "DATETIME_FORMAT")
    return _("scheduled to go public on %(time)s") % {"time": time}


def refuse_public_change(form) -> None:
    """Adds an error to each field in `public_requires` whose new value changes what the public sees.

    A published speech moved into a draft conference disappears, one moved out of it goes
    live: for editors, that would be publishing by another name.
    """
    obj = form.instance
    for name in obj.public_requires:
        target = form.cleaned_data.get(name)
        if target is None or target == getattr(obj, name):
            continue
        moved = copy.copy(obj)
        setattr(moved, name, target)
        before, after = public_state(obj), public_state(moved)
        if before != after:
            form.add_error(name, _(
                "With “%(target)s” as its %(field)s, this %(item)s would be %(after)s; it is %(before)s now. "
                "Only publishers can change what the public sees."
            ) % {
                "target": target,
                "field": obj._meta.get_field(name).verbose_name,
                "item": obj._meta.verbose_name,
                "after": describe_public_state(after),
                "before": describe_public_state(before),
            })


def checked(form_class, checks):
    """`form_class` whose clean() also runs each of `checks` (which add their errors to the form):
    what an editor's form refuses beyond its own fields' rules."""

    class EditorsForm(form_class):
        def clean(self):
            cleaned = super().clean()
            for check in checks:
                check(self)
            return cleaned

    return EditorsForm


class PublishingRightsAdmin(admin.ModelAdmin):
    """Only publishers publish, unpublish, delete what is published, restore versions of it, or move
    it to where the public would see it differently."""

    editor_checks = ()  # more changes of a stored item that only publishers make (each adds its errors)

    def has_publish_permission(self, request) -> bool:
        return can_publish(request.user, self.model)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        checks = [*((refuse_public_change,) if self.model.public_requires else ()), *self.editor_checks]
        # A new item of an editor's is a draft, hidden wherever it is.
        if obj is None or not checks or self.has_publish_permission(request):
            return form_class
        return checked(form_class, checks)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly += ["is_published", "published_at"]
        return readonly

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_published and not self.has_publish_permission(request):
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if not self.has_publish_permission(request) and any(obj.is_published for obj in objs):
            # Say why in the editor's terms, rather than "no permission to delete action items".
            perms_needed = {_("published %(items)s (only publishers delete those)")
                            % {"items": self.model._meta.verbose_name_plural}}
        return deleted, model_count, perms_needed, protected

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request):
            # Whatever was posted, an editor leaves publication as it was (a new item is a draft).
            stored = self.model.objects.filter(pk=obj.pk).values("is_published", "published_at").first()
            obj.is_published, obj.published_at = (
                (stored["is_published"], stored["published_at"]) if change and stored else (False, None)
            )
        super().save_model(request, obj, form, change)


class PartsOfPublishedAdmin(admin.ModelAdmin):
    """Rows of a publishable parent that have a page of their own (a conference's sessions, an action
    item's progress updates): only publishers delete one of a published parent or move it away."""

    parent = ""  # the field naming the parent

    def parent_is_publishers(self, request, obj) -> bool:
        parent = getattr(obj, self.parent)
        return parent.is_published and not can_publish(request.user, type(parent))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.parent not in readonly and self.parent_is_publishers(request, obj):
            readonly.append(self.parent)
        return readonly

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self.parent_is_publishers(request, obj):
            return False
        return super().has_delete_permission(request, obj)


def own_links(model) -> list[str]:
    """A hub's links of its own that make it public (a plan's conference and document), as against
    content that points at it."""
    return [name for name in model.public_relations if model._meta.get_field(name).concrete]


def shown_through(pointed_at: bool, links) -> dt.datetime | str | None:
    """What the public sees of a hub (as public_state() says it) with these links of its own:
    PUBLIC while content points at it or one link is public, else when the first scheduled link
    goes public, else nothing."""
    states = [public_state(link) for link in links if link is not None]
    if pointed_at or PUBLIC in states:
        return PUBLIC
    return min((state for state in states if state is not None), default=None)


def refuse_hub_exposure(form) -> None:
    """Adds an error to each of a hub's own links (a plan's conference and document) whose new value
    would show or hide its page, now or at a scheduled time: it is public while what it links to
    is, so for editors that would be publishing by another name, as for a speech moved into a live
    conference."""
    obj = form.instance
    own = own_links(type(obj))
    changed = [name for name in own if name in form.changed_data]
    if not changed:
        return
    # (The instance still holds the stored links: the form puts its values in after clean().)
    pointed_at = obj.pk is not None and any(
        getattr(obj, name).published().exists() for name in obj.public_relations if name not in own)
    before = shown_through(pointed_at, [getattr(obj, name) for name in own]) if obj.pk is not None else None
    after = shown_through(pointed_at, [form.cleaned_data.get(name) for name in own])
    if before == after:
        return
    states = {"item": obj._meta.verbose_name, "after": describe_public_state(after),
              "before": describe_public_state(before)}
    for name in changed:
        if (target := form.cleaned_data.get(name)) is not None:
            message = _("Linked to “%(target)s”, this %(item)s would be %(after)s; it is %(before)s now. "
                        "Only publishers can change what the public sees.")
        else:
            target = getattr(obj, name)
            message = _("Without “%(target)s”, this %(item)s would be %(after)s; it is %(before)s now. "
                        "Only publishers can change what the public sees.")
        form.add_error(name, message % {"target": target, **states})


def refuse_plan_exposure(form) -> None:
    """A public action item put under a plan that nothing public shows yet would put the plan's
    page, with its summary, online: for editors, a publisher's call."""
    item, plan = form.instance, form.cleaned_data.get("plan")
    if "plan" in form.changed_data and plan is not None and public_state(item) is not None \
            and not visibility.is_public(plan):
        form.add_error("plan", _(
            "“%(plan)s” is not on the site yet: under this %(state)s action item, its page would go online too. "
            "Only publishers can change what the public sees."
        ) % {"plan": plan, "state": describe_public_state(public_state(item))})


class PublicHubRightsAdmin(admin.ModelAdmin):
    """A person, organisation, country, theme or plan that public content names is deleted only by
    those who may publish that content: its page, and every mention of it, would go with it. Nor
    do others give a plan the link that shows or hides its page."""

    def publishes_what_names_it(self, request) -> bool:
        return publishes_what_names(request.user, self.model)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        if not own_links(self.model) or self.publishes_what_names_it(request):
            return form_class
        return checked(form_class, [refuse_hub_exposure])

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not self.publishes_what_names_it(request) and visibility.is_public(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if not self.publishes_what_names_it(request) and any(visibility.is_public(obj) for obj in objs):
            perms_needed = {_("%(items)s that public content names (only publishers delete those)")
                            % {"items": self.model._meta.verbose_name_plural}}
        return deleted, model_count, perms_needed, protected


class PartsOfPublishedFormSet(BaseInlineFormSet):
    """Rows that belong to a publishable parent (a speech's translations, a document's language
    versions, a conference's sessions, an action item's progress updates): editors add and change
    them, as they edit the parent, but only publishers take one away from a published parent, as
    they unpublish."""

    can_publish = True
    refusal = ""
    fixed = ()  # fields of a kept row that only publishers change, shown greyed out to others

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if self.keeps(form):
            keep_row(form)
            for name in self.fixed:
                if name in form.fields:  # a disabled field keeps its stored value, whatever is sent
                    form.fields[name].disabled = True
                    form.fields[name].widget.attrs["title"] = self.refusal

    @property
    def keeps_what_is_public(self) -> bool:
        """Whether this user may take nothing away from the parent's stored rows."""
        return not self.can_publish and self.instance.is_published

    def keeps(self, form) -> bool:
        return self.keeps_what_is_public and bool(form.instance.pk)

    def clean(self):
        super().clean()
        if self.keeps_what_is_public and self.takes_away():
            raise ValidationError(self.refusal)

    def takes_away(self) -> bool:
        """Whether a change to a kept row removes something the public sees."""
        return False

    def kept_forms(self) -> list:
        """The rows that stay after this save, new ones included."""
        return [form for form in self.forms if form.cleaned_data and form not in self.deleted_forms]

    def stored_forms(self) -> list:
        """The kept rows that were there before this save."""
        return [form for form in self.kept_forms() if form.instance.pk]


class TranslationsFormSet(PartsOfPublishedFormSet):
    """A speech's translations. One moved to another language takes its text from that language's
    readers, as a deleted one does."""

    refusal = _("Only publishers can move a translation of a published speech to another language.")
    fixed = ("language",)


class DocumentVersionsFormSet(PartsOfPublishedFormSet):
    """A document's language versions. Taking a file or a link away, or moving a version to another
    language, also takes something from the readers of a published document."""

    refusal = _("Only publishers can take a file or a link away from a published document, or move a version "
                "to another language.")
    fixed = ("language",)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if self.keeps(form) and "file" in form.fields:
            # A file may be replaced, not taken away: no "Clear" box, and one sent ticked anyway is ignored.
            form.fields["file"].widget.is_required = True

    def takes_away(self) -> bool:
        # (A file cannot be cleared here: its box is not offered, and one sent anyway is ignored; nor
        # can the language be changed: its field keeps the stored value.)
        return any("url" in form.changed_data and not form.cleaned_data.get("url") for form in self.stored_forms())

    def clean(self):
        super().clean()
        if sum(1 for form in self.kept_forms() if form.cleaned_data.get("is_original")) > 1:
            raise ValidationError(_("Only one language version can be the original."))
        # Saved one row at a time, two versions trading languages would meet on the way.
        stored = {form.initial.get("language") for form in self.stored_forms()}
        if any("language" in form.changed_data and form.cleaned_data.get("language") in stored
               for form in self.stored_forms()):
            raise ValidationError(_("Two versions cannot trade languages in one save: change one, save, then "
                                    "the other."))


class DraftsOnlyFormSet(BaseInlineFormSet):
    """An inline formset in which editors cannot delete published rows."""

    can_publish = True

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if not self.can_publish and form.instance.pk and form.instance.is_published:
            keep_row(form)


def keep_row(form) -> None:
    """An inline row its user may not delete: its delete box is shown greyed out, and a box sent ticked
    anyway counts as unticked (a disabled field keeps its initial value)."""
    if DELETION_FIELD_NAME in form.fields:
        form.fields[DELETION_FIELD_NAME].disabled = True
        form.fields[DELETION_FIELD_NAME].widget.attrs["title"] = _("Only publishers delete what the public sees.")


class PublishableInline(admin.TabularInline):
    """An inline of publishable rows: editors see their publication but cannot change it."""

    form = ContentForm
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
