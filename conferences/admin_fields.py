"""Form fields of the staff's screens that need more than the admin's own: an agenda's times in the
meeting's time zone, and a document's file, checked on upload and linked through the site."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.admin.widgets import AdminFileWidget, AdminSplitDateTime
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils import timezone

from . import document_files
from .forms import ContentForm
from .models import DocumentVersion


class VenueSplitDateTime(AdminSplitDateTime):
    """The admin's date and time boxes, showing a moment in the meeting's time zone (`zone`)."""

    zone: dt.tzinfo | None = None

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets[1].format = "%H:%M"  # as an agenda gives a time, without seconds

    def decompress(self, value):
        with timezone.override(self.zone or timezone.get_current_timezone()):
            return super().decompress(value)


class VenueDateTimeField(forms.SplitDateTimeField):
    """A date and time typed in the meeting's time zone (`zone`), as its agenda gives it: 10:00 in
    Tashkent is 05:00 UTC. Only these fields; the rest of the form keeps the site's time."""

    zone: dt.tzinfo | None = None

    def compress(self, data_list):
        with timezone.override(self.zone or timezone.get_current_timezone()):
            return super().compress(data_list)


def in_zone(fields: dict, names: tuple[str, ...], zone: dt.tzinfo, help_text: str) -> None:
    """Make the venue time fields `names` of a form class's `fields` read and show times in `zone`."""
    for name in names:
        field = fields[name]
        field.zone = field.widget.zone = zone
        field.help_text = help_text


class LinkedFile:
    """A stored file as the file widget shows it: its name, linked to where staff download it."""

    def __init__(self, name: str, url: str):
        self.name, self.url = name, url

    def __str__(self) -> str:
        return self.name


class PrivateFileWidget(AdminFileWidget):
    """The admin's file box, whose "currently" link goes through the site's download view, never to
    the storage's own address (a bucket's signed link would work for anyone who had it)."""

    download_url = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["value"] = LinkedFile(value.name.rsplit("/", 1)[-1], self.download_url)
        return context


class HttpsURLField(forms.URLField):
    """An address typed without a scheme is taken as https, as everywhere in the admin."""

    def __init__(self, **kwargs):
        super().__init__(**{"assume_scheme": "https", **kwargs})


class DocumentVersionForm(ContentForm):
    """A language version: a new file is judged by its content, once, when it is uploaded."""

    class Meta:
        model = DocumentVersion
        fields = ["language", "is_original", "file", "url", "note_en", "note_ru"]
        widgets = {"file": PrivateFileWidget}
        field_classes = {"url": HttpsURLField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        version = self.instance
        if version.pk and version.file and "file" in self.fields:
            self.fields["file"].widget.download_url = reverse(
                "conferences:document_file", args=[version.document.slug, version.language])

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # a new file; a stored one was checked when it came
            self.instance.note_file(upload, document_files.kind_of(upload))
        return upload
