"""The admin's import pages: a speech from a file (text, Word, PDF) or pasted text, progress from a spreadsheet.

Both show a preview first and save only when the staff member confirms it. The file waits
on the server in between (PendingUploads); the confirmation names it by a token.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .deadlines import due_date_in
from .imports import (
    ProgressFileError,
    SpeechChoices,
    SpeechImport,
    apply_progress,
    import_speech,
    preview_progress,
    read_speech,
    site_countries,
)
from .models import Conference, Language, Organization, PendingUpload, Person, Speech

# The one limit of both pages, for the preview and the confirmation alike: the confirmation does not
# send the file again, so Django's limit on a form's size (DATA_UPLOAD_MAX_MEMORY_SIZE) is not involved.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
PENDING_SECONDS = 3600  # how long a preview can be confirmed
PROGRESS_SALT = "conferences.admin_imports.progress"


class PendingUploads:
    """Files waiting between their preview and its confirmation, each under a random token.

    Each file records who previewed it on which page: another person's token, or a used or
    expired one, finds nothing. Files left unconfirmed are deleted when the next one is kept.
    """

    def __init__(self, request: HttpRequest, page: str) -> None:
        self.user, self.page = request.user, page

    def keep(self, data: bytes, name: str = "") -> str:
        PendingUpload.objects.filter(expires_at__lte=timezone.now()).delete()
        pending = PendingUpload.objects.create(
            token=secrets.token_urlsafe(32), user=self.user, page=self.page, name=name[:255], content=data,
            expires_at=timezone.now() + dt.timedelta(seconds=PENDING_SECONDS))
        return pending.token

    def mine(self, token: str):
        """The file under `token`, if this person previewed it on this page and it has not expired."""
        return PendingUpload.objects.filter(token=token, user=self.user, page=self.page, expires_at__gt=timezone.now())

    def get(self, token: str) -> tuple[bytes, str] | None:
        """The file's content and name, if it is mine()."""
        pending = self.mine(token).first()
        return (bytes(pending.content), pending.name) if pending else None

    def discard(self, token: str) -> None:
        """Forget a file once it is used."""
        PendingUpload.objects.filter(token=token).delete()

    def take(self, token: str) -> tuple[bytes, str] | None:
        """Like get(), and the file is forgotten within the caller's transaction: a second
        confirmation (a double click) finds nothing, and if the import fails the file is back."""
        pending = self.mine(token).select_for_update().first()
        if pending is None:
            return None
        pending.delete()
        return bytes(pending.content), pending.name


def no_longer_kept() -> str:
    hours = PENDING_SECONDS // 3600
    return ngettext(
        "The file of this preview is no longer kept: a preview can be confirmed once, within %(count)d hour, "
        "by the person who made it. Upload the file again.",
        "The file of this preview is no longer kept: a preview can be confirmed once, within %(count)d hours, "
        "by the person who made it. Upload the file again.",
        hours,
    ) % {"count": hours}


class UploadForm(forms.Form):
    """A form whose file, if any, is at most MAX_UPLOAD_BYTES; the limit is shown under the field."""

    too_large = ""  # what the page says of anything over the limit, with %(limit)s

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = f"{field.help_text} " + _("At most %(limit)s.") % {"limit": filesizeformat(MAX_UPLOAD_BYTES)}

    def check_size(self, size: int) -> None:
        if size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(self.too_large % {"limit": filesizeformat(MAX_UPLOAD_BYTES)})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload:
            self.check_size(upload.size)
        return upload


class SpeechImportForm(UploadForm):
    file = forms.FileField(label=gettext_lazy("File"), required=False,
                           help_text=gettext_lazy("Word (.docx), PDF with text, or plain text in UTF-8, UTF-16 or "
                                                  "Windows-1251."))
    text = forms.CharField(label=gettext_lazy("Or paste the text"), required=False,
                           widget=forms.Textarea(attrs={"rows": 14, "cols": 90}))
    too_large = gettext_lazy("This is larger than %(limit)s; a speech is much smaller.")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Pasted text is part of the form, which Django refuses beyond DATA_UPLOAD_MAX_MEMORY_SIZE.
        limit = min(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or MAX_UPLOAD_BYTES, MAX_UPLOAD_BYTES)
        self.fields["text"].help_text = _("Up to %(limit)s; upload a longer text as a file.") % {
            "limit": filesizeformat(limit)}

    def clean_text(self):
        text = self.cleaned_data["text"]
        self.check_size(len(text.encode()))
        return text

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), cleaned.get("text", "").strip()
        if self.errors:
            return cleaned
        if not upload and not text:
            raise forms.ValidationError(_("Choose a file or paste the text of a speech."))
        cleaned["data"] = upload.read() if upload else text.encode()
        cleaned["name"] = upload.name if upload else _("pasted text")
        return cleaned


def text_field(label, model, name: str, required: bool = False) -> forms.CharField:
    """A text field as long as the model's column it fills, in the admin's width for text."""
    return forms.CharField(label=label, required=required, max_length=model._meta.get_field(name).max_length,
                           widget=forms.TextInput(attrs={"class": "vTextField"}))


class SpeechReviewForm(forms.Form):
    """What the import read from the file, for the editor to correct before anything is saved."""

    speech_title = text_field(gettext_lazy("Speech title"), Speech, "title_en", required=True)
    conference = forms.ModelChoiceField(
        Conference.objects.all(), required=False, label=gettext_lazy("Conference"),
        help_text=gettext_lazy("Leave empty to create a new conference with the title below."))
    conference_title = text_field(gettext_lazy("New conference's title"), Conference, "title_en")
    date = forms.DateField(label=gettext_lazy("Date delivered"))
    city = text_field(gettext_lazy("City"), Conference, "city_en")
    speaker = forms.ModelChoiceField(
        Person.objects.all(), required=False, label=gettext_lazy("Speaker"),
        help_text=gettext_lazy("Leave empty to create a new person with the name below."))
    speaker_name = text_field(gettext_lazy("New speaker's name"), Person, "name_en")
    honorific = text_field(gettext_lazy("Honorific"), Person, "honorific_en")
    speaker_role = text_field(gettext_lazy("Role that day"), Speech, "speaker_role_en")
    organization = forms.ModelChoiceField(
        Organization.objects.all(), required=False, label=gettext_lazy("Organisation"),
        help_text=gettext_lazy("Leave empty to create one with the name below, or for none."))
    organization_name = text_field(gettext_lazy("New organisation's name"), Organization, "name_en")
    language = forms.ChoiceField(label=gettext_lazy("Language of the speech"), choices=Language.choices)
    keep = forms.TypedMultipleChoiceField(label=gettext_lazy("Proposed action items to keep"), coerce=int,
                                          required=False, widget=forms.CheckboxSelectMultiple)

    problem = ""  # what the site would refuse in the values read, for the editor to correct

    def __init__(self, *args, read: SpeechImport, admin_site, user, **kwargs) -> None:
        choices = read.choices
        initial = {name: getattr(choices, name) for name in self.declared_fields if hasattr(choices, name)}
        initial["keep"] = list(range(len(read.parsed.action_items)))
        super().__init__(*args, initial=initial, **kwargs)
        self.read, self.user = read, user
        self.fields["keep"].choices = [(number, item.title) for number, item in enumerate(read.parsed.action_items)]
        # Searching as one types, as on the speech's own page: there may be thousands to choose from.
        for name, field in (("conference", "conference"), ("speaker", "speaker"),
                            ("organization", "speaker_organization")):
            widget = AutocompleteSelect(Speech._meta.get_field(field), admin_site)
            widget.choices = self.fields[name].choices
            self.fields[name].widget = widget

    # The warning shown beside each field, and the fields whose correction answers it.
    # (Any other field's warning is its own, answered by correcting it.)
    WARNED = {"speech_title": ("title", {"speech_title"}), "speaker": ("speaker", {"speaker", "speaker_name"}),
              "organization": ("organization", {"organization", "organization_name"})}

    def rows(self):
        """Each field with the warning the file gave about it, for the template; none once the editor has
        corrected what it is about."""
        corrected = set(self.changed_data) if self.is_bound else set()
        for name in self.fields:
            if name != "keep":
                about, answered_by = self.WARNED.get(name, (name, {name}))
                yield self[name], "" if corrected & answered_by else self.read.parsed.warning(about)

    def proposals(self):
        """Each proposal with its checkbox, its due date and the site's countries its sentence names, as it
        is saved with them: a deadline such as "within six months" counts from the date in the form."""
        items = self.read.parsed.action_items
        # The date as it will be saved: the editor's once the form is sent (none while it is not valid).
        spoken_on = self.initial.get("date")
        if self.is_bound:
            self.is_valid()  # cleans it, if that is not done yet
            spoken_on = self.cleaned_data.get("date")
        states = site_countries(items)
        return [(box, item, due_date_in(item.excerpt, spoken_on),
                 [str(states[iso3]) for iso3 in item.countries if iso3 in states])
                for box, item in zip(self["keep"], items, strict=True)]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("conference") and not cleaned.get("conference_title", "").strip():
            self.add_error("conference", _("Choose a conference, or give the title of a new one."))
        if not cleaned.get("speaker") and not cleaned.get("speaker_name", "").strip():
            self.add_error("speaker", _("Choose the speaker, or give the name of a new person."))
        # Whoever may not add a conference, person or organisation in the admin may not here either.
        for field, typed, model in (("conference", "conference_title", Conference), ("speaker", "speaker_name", Person),
                                    ("organization", "organization_name", Organization)):
            opts = model._meta
            if not cleaned.get(field) and cleaned.get(typed, "").strip() and not self.user.has_perm(
                    f"{opts.app_label}.add_{opts.model_name}"):
                self.add_error(field, _("You may not add a new %(model)s: choose one on the site.")
                               % {"model": opts.verbose_name})
        return cleaned

    def show_refusal(self, result: SpeechImport) -> None:
        """What the site refused, beside the values it came from (the conference, for a speech's date)."""
        for choice, reasons in (result.refused or {None: [result.error]}).items():
            field = "conference" if choice == "date" and self.cleaned_data.get("conference") else choice
            self.add_error(field if field in self.fields else None, reasons)

    def choices(self) -> SpeechChoices:
        cleaned = self.cleaned_data
        return SpeechChoices(**{name: cleaned[name] for name in self.declared_fields if name != "keep"},
                             keep=frozenset(cleaned["keep"]))


def speech_import_view(model_admin, request: HttpRequest) -> HttpResponse:
    context = {**model_admin.admin_site.each_context(request), "opts": model_admin.model._meta,
               "title": _("Import a speech")}
    pending = PendingUploads(request, "speech")
    confirming = bool(request.POST.get("confirm"))
    rechecking = bool(request.POST.get("recheck"))  # the preview's corrections checked again, nothing saved
    form = SpeechImportForm(None if confirming or rechecking else request.POST or None, request.FILES or None)
    if request.method == "POST" and (confirming or rechecking):
        token = request.POST.get("upload", "")
        kept = pending.get(token)
        if kept is None:
            context["file_error"] = no_longer_kept()
        else:
            read = read_speech(kept[0], name=kept[1])
            review = SpeechReviewForm(request.POST, read=read, admin_site=model_admin.admin_site, user=request.user)
            if review.is_valid() and confirming:
                with transaction.atomic():
                    if pending.take(token) is None:  # confirmed twice at once: the other request saves it
                        context["file_error"] = no_longer_kept()
                        context["form"] = form
                        return TemplateResponse(request, "admin/conferences/speech/import.html", context)
                    result = import_speech(kept[0], name=kept[1], user=request.user, choices=review.choices(),
                                           read=read)
                    if not result.ok:
                        # The file stays, and so do the editor's corrections: the error is shown beside them.
                        transaction.set_rollback(True)
                if result.ok:
                    return _imported(request, result)
                review.show_refusal(result)
            context.update(preview=read, review=review, upload=token)
    elif request.method == "POST" and form.is_valid():
        data, name = form.cleaned_data["data"], form.cleaned_data["name"]
        read = read_speech(data, name=name)
        tried = None
        if read.ok and read.choices.speaker_name and read.choices.date:
            # Saved and rolled back, so that what the site would refuse (a role too long, a text too rich
            # for the search index) is said now, not after the editor's corrections.
            tried = import_speech(data, name=name, user=request.user, dry_run=True, read=read)
            context["already_imported"] = tried.speech if tried.already_imported else None
            context["other_text"] = tried.other_text
            if not tried.correctable:
                read.error = tried.error
        if read.ok:
            review = SpeechReviewForm(read=read, admin_site=model_admin.admin_site, user=request.user)
            if tried is not None and tried.error:
                review.problem = tried.error  # a value to correct in the preview
            context.update(preview=read, upload=pending.keep(data, name), review=review)
        else:
            form.add_error(None, read.error)
    context["form"] = form
    if "review" in context:
        context["media"] = model_admin.media + context["review"].media
    return TemplateResponse(request, "admin/conferences/speech/import.html", context)


def _imported(request: HttpRequest, result: SpeechImport) -> HttpResponse:
    change_url = reverse("admin:conferences_speech_change", args=[result.speech.pk])
    if result.already_imported:
        messages.warning(request, _("This speech was imported before; nothing changed."))
    elif not result.kept:
        messages.success(request, _("Imported as a draft, with no proposed action items: publish the speech and "
                                    "its conference when they are ready, or ask a publisher to."))
    else:
        messages.success(request, ngettext(
            "Imported as a draft, with %(count)d proposed action item below: keep, edit or delete it, then "
            "publish the speech, its conference and the item if you keep it, or ask a publisher to.",
            "Imported as a draft, with %(count)d proposed action items below: keep, edit or delete each "
            "one, then publish the speech, its conference and the items you keep, or ask a publisher to.",
            len(result.kept)) % {"count": len(result.kept)})
    return redirect(change_url)


class ProgressImportForm(UploadForm):
    file = forms.FileField(label=gettext_lazy("Edited action-item export (CSV)"),
                           help_text=gettext_lazy("As Excel saves it: UTF-8 or Windows-1251, commas or semicolons."))
    too_large = gettext_lazy("The file is larger than %(limit)s: split it, or keep only the rows you changed.")


def _fingerprint(preview) -> list:
    return [[c.row, c.item.pk, [list(change) for change in c.changes]] for c in preview.changes]


def progress_import_view(model_admin, request: HttpRequest) -> HttpResponse:
    context = {**model_admin.admin_site.each_context(request), "opts": model_admin.model._meta,
               "title": _("Import action-item progress")}
    pending = PendingUploads(request, "progress")
    form = ProgressImportForm(None if request.POST.get("confirm") else request.POST or None, request.FILES or None)
    data, token = None, ""
    if request.method == "POST" and request.POST.get("confirm"):
        token = request.POST.get("upload", "")
        kept = pending.get(token)
        if kept is None:
            context["file_error"] = no_longer_kept()
        else:
            data = kept[0]
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
    if data is not None:
        try:
            preview = preview_progress(data)
        except (ProgressFileError, UnicodeDecodeError) as error:
            context["file_error"] = str(error) if isinstance(error, ProgressFileError) else _(
                "The file is not text in UTF-8 or Windows-1251: save it from Excel as “CSV UTF-8”.")
            form, preview = ProgressImportForm(), None
        if preview and request.POST.get("confirm"):
            try:
                shown = signing.loads(request.POST.get("fingerprint", ""), salt=PROGRESS_SALT, max_age=PENDING_SECONDS)
            except signing.BadSignature:  # an old or altered page
                shown = None
            if shown == _fingerprint(preview):
                try:
                    applied = apply_progress(data, user=request.user)
                except ProgressFileError as error:
                    messages.warning(request, str(error))
                else:
                    pending.discard(token)
                    count = len(applied.changes)
                    messages.success(request, ngettext(
                        "%(count)d action item updated, with a progress update.",
                        "%(count)d action items updated, each with a progress update.", count) % {"count": count})
                    return redirect("admin:conferences_actionitem_changelist")
            else:
                messages.warning(request, _("Something changed since the preview; nothing was saved. "
                                            "Check it again."))
        if preview:
            context["preview"] = preview
        if preview and preview.changes:  # nothing to confirm otherwise
            context.update(upload=token or pending.keep(data),
                           fingerprint=signing.dumps(_fingerprint(preview), salt=PROGRESS_SALT))
    context["form"] = form
    return TemplateResponse(request, "admin/conferences/actionitem/import_progress.html", context)
