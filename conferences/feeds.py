"""Feeds (RSS, and Atom for speeches): the latest speeches, outcome documents and progress updates,
and what is new about each person, organisation, country and theme."""

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import visibility
from .filters import HUB_SECTIONS, ActionItemFilter, refusal
from .list_rows import published_rows
from .models import ActionItem, ActionItemUpdate, Document, Person, Speech
from .page_cache import reads
from .structured_data import gist

FEED_SIZE = 50


def newest(queryset):
    """The newest public rows of `queryset`, by the moment the public could first see each (a speech
    when its conference was published, if that came later), which each row carries as `public_since`."""
    return queryset.annotate(public_since=queryset.model.public_since()).order_by("-public_since", "-pk")[:FEED_SIZE]


class LatestSpeechesFeed(Feed):
    title = _("JPoA Central Asia: latest speeches")
    link = reverse_lazy("conferences:speech_list")
    description = _("Speeches delivered at conferences of the Joint Plan of Action for Central Asia.")

    def items(self):
        return newest(Speech.objects.published().select_related("speaker", "conference").prefetch_related(
            "translations"))

    def item_title(self, speech: Speech) -> str:
        return str(speech)  # as search and the hubs' feeds name it

    def item_description(self, obj) -> str:
        return gist(obj)

    def item_pubdate(self, speech: Speech):
        return speech.public_since

    def item_updateddate(self, speech: Speech):
        return speech.updated_at

    def item_author_name(self, speech: Speech) -> str:
        return capfirst(speech.speaker.full_name)  # as a byline on the site


class LatestSpeechesAtomFeed(LatestSpeechesFeed):
    feed_type = Atom1Feed
    subtitle = LatestSpeechesFeed.description


class LatestDocumentsFeed(Feed):
    title = _("JPoA Central Asia: outcome documents")
    link = reverse_lazy("conferences:document_list")
    description = _("Declarations, summaries, plans and other outcome documents of the Joint Plan of Action for "
                    "Central Asia.")

    def items(self):
        return newest(Document.objects.published().select_related("conference"))

    def item_title(self, document: Document) -> str:
        return str(document)

    def item_description(self, obj) -> str:
        return gist(obj)

    def item_pubdate(self, document: Document):
        return document.public_since

    def item_updateddate(self, document: Document):
        return document.updated_at


class RefusedFilters(Exception):
    """Filters a feed cannot be made with; it carries the answer that says why."""


class ProgressUpdatesFeed(Feed):
    """Each step recorded in a public action item's progress, newest first: of every item, or of those
    the action items list shows with the same filters (its "Their progress (RSS)" link)."""

    description = _("Progress updates of the action items of the Joint Plan of Action for Central Asia.")

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except RefusedFilters as refused:  # as the list's CSV
            return refused.args[0]

    def get_object(self, request, *args, **kwargs) -> ActionItemFilter:
        filterset = ActionItemFilter(request.GET or None, queryset=ActionItem.objects.published())
        reads(request, filterset.filters)
        refused = refusal(filterset, gettext("No feed was made, because some filters are not valid:"))
        if refused:
            raise RefusedFilters(refused)
        return filterset

    def title(self, filterset: ActionItemFilter) -> str:
        title = gettext("JPoA Central Asia: progress of commitments")
        chips = "; ".join(map(str, filterset.chips("")))
        return f"{title} ({chips})" if chips else title

    def link(self, filterset: ActionItemFilter) -> str:
        return reverse("conferences:actionitem_list") + filterset.query()

    def feed_url(self, filterset: ActionItemFilter) -> str:
        return reverse("conferences:update_feed") + filterset.query()

    def items(self, filterset: ActionItemFilter):
        return progress_of(filterset.qs)[:FEED_SIZE]

    def item_title(self, update: ActionItemUpdate) -> str:
        return headline(update)

    def item_description(self, update: ActionItemUpdate) -> str:
        return update.note

    def item_link(self, update: ActionItemUpdate) -> str:
        return address(update)

    def item_guid(self, update: ActionItemUpdate) -> str:
        return address(update)  # as this feed has always named them

    item_guid_is_permalink = False

    def item_pubdate(self, update: ActionItemUpdate):
        return update.public_since


class HubFeed(Feed):
    """What is new about one person, organisation, country or theme: the newest public content in
    the sections of its page, together."""

    model: type = Person

    def get_object(self, request, slug):
        hub = visibility.public_hub(self.model, slug)
        if hub is None:
            raise Http404(visibility.NOT_PUBLIC)
        return hub

    def title(self, hub) -> str:
        return gettext("JPoA Central Asia: what is new about %(name)s") % {"name": hub}

    def link(self, hub) -> str:
        return hub.get_absolute_url()

    def description(self, hub) -> str:
        if isinstance(hub, Person):  # a person's page lists what they said (HUB_SECTIONS)
            return gettext("Speeches by %(name)s, the commitments announced in them and the progress of those "
                           "commitments, newest first.") % {"name": hub}
        return gettext("Conferences, speeches, documents and action items about %(name)s, and the progress of "
                       "those action items, newest first.") % {"name": hub}

    def items(self, hub) -> list:
        return news_about(hub)

    def item_title(self, obj) -> str:
        return headline(obj)

    def item_link(self, obj) -> str:
        return address(obj)  # and its guid, made absolute, as before progress updates were news here

    def item_description(self, obj) -> str:
        return obj.note if isinstance(obj, ActionItemUpdate) else gist(obj)

    def item_pubdate(self, obj):
        return obj.public_since

    def item_updateddate(self, obj):
        return obj.updated_at


def news_about(hub) -> list:
    """The newest public content in the sections of a hub's page, and the newest progress of its action
    items, together, newest first: what its feed and its followers' digests say is new about it."""
    found = []
    for _title, filterset_class, parameter in HUB_SECTIONS[type(hub)]:
        model = filterset_class.Meta.model
        filterset = filterset_class({parameter: hub.slug}, queryset=published_rows(model))
        if filterset.is_valid():
            found += newest(filterset.qs.prefetch_related(*(("translations",) if model is Speech else ())))
            if model is ActionItem:
                found += progress_of(filterset.qs)[:FEED_SIZE]
    # An organisation listed as an item's lead and as its partner too would otherwise tell its news twice.
    unique = {(type(obj), obj.pk): obj for obj in found}.values()
    return sorted(unique, key=lambda obj: (obj.public_since, obj.pk), reverse=True)[:FEED_SIZE]


def progress_of(items: QuerySet) -> QuerySet:
    """The progress updates of these public action items, newest first, each with the moment it became
    news (`public_since`): when it was recorded, or when its item was published, if that came later.
    Every feed and digest tells of progress from here."""
    updates = ActionItemUpdate.objects.filter(action_item__in=items.values("pk")).select_related("action_item")
    return updates.with_public_since().order_by("-public_since", "-pk")


def headline(obj) -> str:
    """What a feed's entry or a digest's line calls a piece of news."""
    if isinstance(obj, ActionItemUpdate):
        # With the step's own day, which may be long before it was recorded.
        return f"{obj.action_item.title}\u00a0— {obj}"  # the dash never starts a line
    return f"{capfirst(obj._meta.verbose_name)}: {obj}"


def address(obj) -> str:
    """Where a piece of news is read: its page, or for a progress update its place on its item's."""
    if isinstance(obj, ActionItemUpdate):
        return f"{obj.action_item.get_absolute_url()}#{obj.anchor}"
    return obj.get_absolute_url()


def hub_feed(model) -> HubFeed:
    return type(f"{model.__name__}Feed", (HubFeed,), {"model": model})()
