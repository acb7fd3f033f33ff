"""The admin's import pages: a speech from a text file or pasted text, progress from a spreadsheet.

Both show a preview first, carrying the file's content in the page, and save only when
the staff member confirms it.
"""

from __future__ import annotations

import base64
import binascii

from django import forms
from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .imports import ProgressFileError, apply_progress, import_speech, preview_progress

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
PROGRESS_SALT = "conferences.admin_imports.progress"


class SpeechImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Text file"), required=False,
                           help_text=gettext_lazy("UTF-8 or Windows-1251, in the layout UN offices publish speeches in."))
    text = forms.CharField(label=gettext_lazy("Or paste the text"), required=False,
                           widget=forms.Textarea(attrs={"rows": 14, "cols": 90}))

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), cleaned.get("text", "").strip()
        if upload and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB; a speech is much smaller."))
        if not upload and not text:
            raise forms.ValidationError(_("Choose a file or paste the text of a speech."))
        cleaned["data"] = upload.read() if upload else text.encode()
        cleaned["name"] = upload.name if upload else _("pasted text")
        return cleaned


def _carry(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _carried(value: str) -> bytes | None:
    try:
        return base64.b64decode(value.encode(), validate=True)
    except (binascii.Error, ValueError):
        return None


def speech_import_view(model_admin, request: HttpRequest) -> HttpResponse:
    context = {**model_admin.admin_site.each_context(request), "opts": model_admin.model._meta,
               "title": _("Import a speech")}
    if request.method == "POST" and request.POST.get("confirm"):
        data, name = _carried(request.POST.get("content", "")), request.POST.get("name", "")[:200]
        if data is None:
            messages.error(request, _("The preview could not be read back; start again."))
            return redirect("admin:conferences_speech_import")
        result = import_speech(data, name=name, user=request.user)
        if not result.ok:
            messages.error(request, result.error)
            return redirect("admin:conferences_speech_import")
        change_url = reverse("admin:conferences_speech_change", args=[result.speech.pk])
        if result.already_imported:
            messages.warning(request, _("This speech was imported before; nothing changed."))
        else:
            messages.success(request, _(
                "Imported as a draft, with %(count)d proposed action items below: keep, edit or delete each "
                "one, then publish the speech, its conference and the items you keep."
            ) % {"count": len(result.parsed.action_items)})
        return redirect(change_url)
    form = SpeechImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, name = form.cleaned_data["data"], form.cleaned_data["name"]
        preview = import_speech(data, name=name, user=request.user, dry_run=True)
        if preview.ok:
            context.update(preview=preview, content=_carry(data), name=name)
        else:
            form.add_error(None, preview.error)
    context["form"] = form
    return TemplateResponse(request, "admin/conferences/speech/import.html", context)


# The preview carries the file back in the page, within the size Django accepts in a form.
MAX_PROGRESS_BYTES = 1_500_000


class ProgressImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Edited action-item export (CSV)"),
                           help_text=gettext_lazy("As Excel saves it: UTF-8 or Windows-1251, commas or semicolons."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_PROGRESS_BYTES:
            raise forms.ValidationError(_("The file is larger than 1.5 MB (some thousands of rows): "
                                          "split it, or keep only the rows you changed."))
        return upload


def _fingerprint(preview) -> list:
    return [[c.row, c.item.pk, [list(change) for change in c.changes]] for c in preview.changes]


def progress_import_view(model_admin, request: HttpRequest) -> HttpResponse:
    context = {**model_admin.admin_site.each_context(request), "opts": model_admin.model._meta,
               "title": _("Import action-item progress")}
    form = ProgressImportForm(None if request.POST.get("confirm") else request.POST or None, request.FILES or None)
    data = None
    if request.method == "POST" and request.POST.get("confirm"):
        data = _carried(request.POST.get("content", ""))
        if data is None:
            context["file_error"] = _("The preview could not be read back; upload the file again.")
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
                shown = signing.loads(request.POST.get("fingerprint", ""), salt=PROGRESS_SALT, max_age=3600)
            except signing.BadSignature:  # an old or altered page
                shown = None
            if shown == _fingerprint(preview):
                try:
                    applied = apply_progress(data, user=request.user)
                except ProgressFileError as error:
                    messages.warning(request, str(error))
                else:
                    messages.success(request, _("%(count)d action items updated, each with a progress update.")
                                     % {"count": len(applied.changes)})
                    return redirect("admin:conferences_actionitem_changelist")
            else:
                messages.warning(request, _("Something changed since the preview; nothing was saved. "
                                            "Check it again."))
        if preview:
            context.update(preview=preview, content=_carry(data),
                           fingerprint=signing.dumps(_fingerprint(preview), salt=PROGRESS_SALT))
    context["form"] = form
    return TemplateResponse(request, "admin/conferences/actionitem/import_progress.html", context)
