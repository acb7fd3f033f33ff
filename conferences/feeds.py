"""The latest published speeches as RSS and Atom, and the latest outcome documents as RSS."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import Document, Speech

FEED_SIZE = 50


class LatestSpeechesFeed(Feed):
    title = _("JPoA Central Asia: latest speeches")
    link = reverse_lazy("conferences:speech_list")
    description = _("Speeches delivered at conferences of the Joint Plan of Action for Central Asia.")

    def items(self):
        return (
            Speech.objects.published()
            .select_related("speaker", "conference")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, speech: Speech) -> str:
        return f"{speech.title}: {speech.speaker.full_name} ({speech.conference})"

    def item_description(self, speech: Speech) -> str:
        paragraphs = speech.paragraphs
        return paragraphs[0] if paragraphs else ""

    def item_pubdate(self, speech: Speech):
        return speech.published_at

    def item_updateddate(self, speech: Speech):
        return speech.updated_at

    def item_author_name(self, speech: Speech) -> str:
        return speech.speaker.full_name


class LatestSpeechesAtomFeed(LatestSpeechesFeed):
    feed_type = Atom1Feed
    subtitle = LatestSpeechesFeed.description


class LatestDocumentsFeed(Feed):
    title = _("JPoA Central Asia: outcome documents")
    link = reverse_lazy("conferences:document_list")
    description = _("Declarations, summaries, plans and other outcome documents of the Joint Plan of Action for "
                    "Central Asia.")

    def items(self):
        return Document.objects.published().select_related("conference").order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, document: Document) -> str:
        return str(document)

    def item_description(self, document: Document) -> str:
        return document.summary or f"{document.get_kind_display()}, {date_format(document.adopted_on)}"

    def item_pubdate(self, document: Document):
        return document.published_at

    def item_updateddate(self, document: Document):
        return document.updated_at
