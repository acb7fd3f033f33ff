"""Pages of one item: a conference, speech or action item, and the hubs (people, organisations,
countries, themes) with the sections that list what points at them."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Prefetch
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from .. import visibility
from ..caching import per_version
from ..filters import HUB_SECTIONS, ActionItemFilter, DocumentFilter, SpeechFilter, remember_published
from ..models import (
    ActionItem,
    Conference,
    Country,
    Document,
    Hub,
    Language,
    Organization,
    Person,
    Plan,
    Publishable,
    Session,
    Speech,
    Theme,
)
from ..page_cache import not_kept, reads
from ..progress import plan_progress, scorecard
from ..publishing import may_preview
from .sections import section


def public_prefetch(model, name: str) -> Prefetch:
    """What the page of a `model` lists under the relation `name`: public ones only.

    A hub that public content points at is public with it (and a draft's are shown only in
    staff previews), so it needs no check, provided the hub counts that relation among its
    public ones; anything else that can be public is read through published().
    """
    field = model._meta.get_field(name)
    related = field.related_model
    if issubclass(model, Publishable) and issubclass(related, Hub):
        if field.remote_field.get_accessor_name() not in related.public_relations:
            raise ImproperlyConfigured(f"{related.__name__}.public_relations leaves out {model.__name__}.{name}.")
        return Prefetch(name, queryset=related.objects.all())
    return Prefetch(name, queryset=related.objects.published() if issubclass(related, (Hub, Publishable))
                    else related.objects.all())


class PreviewableDetailView(DetailView):
    """A public detail page. Logged-in staff also see what is not public, under a banner.

    Readers and staff read the page the same way: the object with its `related` objects in
    one query, each relation in `lists` in one query more, and one section per entry of
    `sections`: (title, the filter set of the list it shows, the filter that names this object).
    """

    related: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    sections: tuple[tuple[str, type, str], ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name in cls.lists:  # a wrong relation is found when the code loads, not on a reader's request
            public_prefetch(cls.model, name)

    def previewing(self) -> bool:
        return may_preview(self.request, self.model)

    def get_queryset(self):
        # A hub is checked on its own in get_object(), quicker than asking which of them all are public.
        public = self.previewing() or issubclass(self.model, Hub)
        objects = self.model.objects.all() if public else self.model.objects.published()
        return objects.select_related(*self.related).prefetch_related(*self.prefetches())

    def prefetches(self) -> list[Prefetch]:
        return [public_prefetch(self.model, name) for name in self.lists]

    def get_object(self, queryset=None):
        if self.previewing():
            return super().get_object(queryset)
        # Readers' objects, with their related and listed ones, are kept until the content changes,
        # as list rows are; staff previews are always read afresh.
        obj = per_version("page-object", self.model._meta.label, self.kwargs[self.slug_url_kwarg],
                          compute=lambda: self.public_object(queryset))
        if obj is None:
            raise Http404(visibility.NOT_PUBLIC)
        remember_published(obj)  # the page's sections need not look it up again
        return obj

    def public_object(self, queryset=None):
        """The object at this address if the public may see it, else None (not kept: any address may be asked)."""
        try:
            obj = super().get_object(queryset)
        except Http404:
            return None
        return obj if visibility.is_public(obj) else None

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.previewing():
            add_never_cache_headers(response)  # a preview of a draft must stay out of every cache
        return response

    def get_context_data(self, **kwargs):
        obj = self.object
        if self.previewing():
            meta = self.model._meta
            kwargs["admin_url"] = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
            kwargs["public"] = visibility.is_public(obj)
        for name in self.lists:
            kwargs[name] = getattr(obj, name).all()
        kwargs["sections"] = [section(str(title), filterset, {param: obj.slug})
                              for title, filterset, param in self.sections]
        return super().get_context_data(**kwargs)


class ConferenceDetailView(PreviewableDetailView):
    model = Conference
    related = ("country",)
    lists = ("organizers", "countries", "themes")
    sections = (
        (gettext_lazy("Outcome documents"), DocumentFilter, "conference"),
        (gettext_lazy("Speeches"), SpeechFilter, "conference"),
        (gettext_lazy("Action items"), ActionItemFilter, "conference"),
    )

    def prefetches(self) -> list[Prefetch]:
        # The agenda: each session with its chairs and themes, and the public speeches delivered in it.
        speeches = Speech.objects.published().select_related("speaker").order_by("delivered_on", "pk")
        sessions = Session.objects.prefetch_related(
            "chairs", Prefetch("speeches", queryset=speeches, to_attr="public_speeches"))
        return [*super().prefetches(), Prefetch("sessions", queryset=sessions)]

    def get_context_data(self, **kwargs):
        sessions = list(self.object.sessions.all())
        chairs = {person.pk for session in sessions for person in session.chairs.all()}
        # A chair's name links to their page where it is public (they speak somewhere public).
        linked = per_version("public-chairs", self.object.pk, compute=lambda: set(
            Person.objects.published().filter(pk__in=chairs).values_list("pk", flat=True))) if chairs else set()
        return super().get_context_data(sessions=sessions, linked_chairs=linked, **kwargs)


@dataclass
class TextVersion:
    """One version of a speech's text: the original, or a translation."""

    language: str
    label: str
    original: bool
    url: str  # this page showing it
    paragraphs: list[str]
    source_url: str


class SpeechDetailView(PreviewableDetailView):
    model = Speech
    related = ("conference", "speaker", "speaker_organization", "session")
    lists = ("themes", "translations")

    def prefetches(self) -> list[Prefetch]:
        # Its commitments in the order they were announced; staff see those not published yet too, marked
        # so, as a draft speech's preview would otherwise announce none.
        announced = (ActionItem.objects if self.previewing() else ActionItem.objects.published()).order_by("pk")
        return [*super().prefetches(), Prefetch("action_items", queryset=announced, to_attr="announced")]

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["text_notice"] and not self.previewing():  # not the text the address asked for
            not_kept(response)
        return response

    def versions(self) -> list[TextVersion]:
        """The original text first, then each translation."""
        speech = self.object
        versions = [TextVersion(speech.language, speech.get_language_display(), True, f"?text={speech.language}",
                                speech.paragraphs, speech.source_url)]
        versions += [TextVersion(t.language, t.get_language_display(), False, f"?text={t.language}", t.paragraphs,
                                 t.source_url) for t in speech.translations.all()]
        return versions

    def get_context_data(self, **kwargs):
        speech = self.object
        versions = self.versions()
        by_language = {version.language: version for version in versions}
        reads(self.request, ["text"])
        asked = self.request.GET.get("text")
        shown = by_language.get(asked) or by_language[speech.shown_text().language]
        text_notice = ""
        if asked and asked in Language.values and asked not in by_language:
            text_notice = _("This speech has no text in %(language)s.") % {
                "language": Language(asked).label}
        elif asked and asked not in by_language:  # not a language code the site knows
            text_notice = _("This speech has no text in “%(language)s”.") % {"language": asked[:20]}
        marked = speech_paragraphs(speech, speech.announced)  # also numbers the paragraphs of its commitments
        return super().get_context_data(
            paragraphs=marked if shown.original else plain_paragraphs(shown.paragraphs),
            text=shown,
            # Which text this is, wherever there is a choice or it is not in the page's language.
            texts=versions if len(versions) > 1 or shown.language != get_language() else [],
            original=versions[0],
            untranslated=get_language() not in by_language,
            text_notice=text_notice,
            action_items=speech.announced,
            # The page's address, as the citation gives it: in no language, so marked as code.
            citation_address=format_html("<code>{}</code>", self.request.build_absolute_uri(self.request.path)),
            read_on=timezone.localdate(),  # the citation's day of access
            **kwargs,
        )


def paragraph_html(number: int, content: str, link_label: str, announces: bool = False) -> SafeString:
    """One paragraph of a speech, its number in the margin linking to it (`#p<number>`, as "paragraph 5"
    is cited); one that announces a commitment is marked in the margin too."""
    return format_html('<p id="p{0}"{3}><a class="para-number" href="#p{0}" aria-label="{2}">{0}</a>{1}</p>',
                       number, content, link_label % {"number": number},
                       mark_safe(' class="announces"') if announces else "")


def plain_paragraphs(paragraphs: list[str]) -> list[SafeString]:
    """A translation's paragraphs as HTML, numbered in the same way as the original's."""
    link_label = _("Link to paragraph %(number)s")
    return [paragraph_html(number, text, link_label) for number, text in enumerate(paragraphs, 1)]


def speech_paragraphs(speech: Speech, action_items: list[ActionItem]) -> list[SafeString]:
    """The speech's paragraphs as HTML, each excerpt that announced one of `action_items` marked and linked.

    Built here rather than in the template: a speech is a few hundred pieces of text, which the
    template engine would take longer to render than the rest of the page.
    """
    paragraphs = [[(text, None)] for text in speech.paragraphs]
    for item in action_items:
        item.paragraph = number = speech.paragraph_number(item.excerpt)
        if number is None:
            continue
        excerpt, pieces = " ".join(item.excerpt.split()), []
        for text, marked in paragraphs[number - 1]:
            if marked is None and excerpt in text:
                before, after = text.split(excerpt, 1)
                pieces += [(before, None), (excerpt, item), (after, None)]
            else:
                pieces.append((text, marked))
        paragraphs[number - 1] = [(text, marked) for text, marked in pieces if text]
    marked_as, link_label = _("Action item:"), _("Link to paragraph %(number)s")

    def piece(text: str, item: ActionItem | None) -> str:
        if item is None:
            return text  # escaped by format_html_join
        return format_html('<mark class="commitment"><a href="{}" title="{} {}">{}</a></mark>',
                           item.get_absolute_url(), marked_as, item.title, text)

    return [paragraph_html(number, format_html_join("", "{}", ((piece(text, item),) for text, item in pieces)),
                           link_label, announces=any(item is not None for _text, item in pieces))
            for number, pieces in enumerate(paragraphs, 1)]


class ActionItemDetailView(PreviewableDetailView):
    model = ActionItem
    context_object_name = "item"
    related = ("speech__conference", "speech__speaker", "conference", "lead_organization", "plan", "document")
    lists = ("partners", "countries", "themes", "updates")

    def get_context_data(self, **kwargs):
        item = self.object
        # Links to the source speech and conference appear only where those are public.
        speech = visibility.if_public(item.speech)
        conference = visibility.if_public(item.conference)
        return super().get_context_data(
            source_speech=speech,
            source_conference=conference,
            source_document=visibility.if_public(item.document),
            excerpt=visibility.public_excerpt(item),
            paragraph=speech.paragraph_number(item.excerpt) if speech else None,
            **kwargs,
        )


class DocumentDetailView(PreviewableDetailView):
    model = Document
    related = ("conference",)
    lists = ("countries", "themes", "versions")
    sections = ((gettext_lazy("Action items it records"), ActionItemFilter, "document"),)

    def prefetches(self) -> list[Prefetch]:
        return [*super().prefetches(), Prefetch("plans", queryset=Plan.objects.all())]

    def get_context_data(self, **kwargs):
        document = self.object
        conference = visibility.if_public(document.conference)
        context = super().get_context_data(source_conference=conference, **kwargs)
        # The reader's language first, then the original, then the others by name.
        context["versions"] = sorted(context["versions"], key=lambda version: (
            version.language != get_language(), not version.is_original, version.get_language_display()))
        # The plans it holds are public with it (a plan is public while its text is).
        context["plans"] = document.plans.all()
        return context


class PlanDetailView(PreviewableDetailView):
    model = Plan
    related = ("conference", "document")
    lists = ("pillars",)

    def get_context_data(self, **kwargs):
        plan = self.object
        progress = plan_progress(plan)
        # The figures, the overdue items and each pillar's: the same for every reader until the
        # content or the day changes, and a good part of the page's work, so kept as HTML.
        progress_html = per_version("plan-progress-html", plan.pk, compute=lambda: render_to_string(
            "conferences/includes/plan_progress.html", self.progress_context(plan, progress)))
        return super().get_context_data(
            progress=progress.overall,
            progress_html=mark_safe(progress_html),
            source_conference=visibility.if_public(plan.conference),
            source_document=visibility.if_public(plan.document),
            **kwargs,
        )

    @staticmethod
    def progress_context(plan: Plan, progress) -> dict:
        pillars = {theme.pk: theme for theme in plan.pillars.all()}
        return {
            "plan": plan,
            "progress": progress.overall,
            # The longest overdue first.
            "overdue": section(str(_("Overdue action items")), ActionItemFilter,
                               {"plan": plan.slug, "overdue": "1", "sort": "due"}),
            "by_pillar": [
                (pillars[key], tally,
                 section(str(pillars[key]), ActionItemFilter, {"plan": plan.slug, "theme": pillars[key].slug}))
                for key, tally in progress.pillars if key in pillars
            ],
            "outside_pillars": progress.outside_pillars,
        }


class PersonDetailView(PreviewableDetailView):
    model = Person
    related = ("organization",)
    sections = HUB_SECTIONS[Person]


class ScorecardMixin:
    """A hub page that opens with how the action items its list shows stand (progress.scorecard()).
    With none, and nothing beside them, it has no scorecard: its section of action items says so."""

    scorecard_filter = ""  # the action-item list's filter that names this hub
    scorecard_heading = ""
    scorecard_note = ""  # what the figures count, where a reader could take them for something else
    scorecard_beside = ""  # the list's filter for the items it is only a partner in, linked under the figures

    def get_context_data(self, **kwargs):
        filters = {self.scorecard_filter: self.object.slug}

        def render() -> str:
            card = scorecard(**filters)
            beside = scorecard(**{self.scorecard_beside: self.object.slug}) if self.scorecard_beside else None
            if not card.tally.total and not (beside and beside.tally.total):
                return ""
            return render_to_string("conferences/includes/scorecard.html", {
                "scorecard": card, "heading": self.scorecard_heading, "note": self.scorecard_note,
                "beside": beside})

        # Its HTML is kept too, as a list's rows are: its figures and latest updates took longer to
        # render than the rest of the page.
        html = per_version("scorecard-html", filters, compute=render)
        return super().get_context_data(scorecard_html=html, **kwargs)


class OrganizationDetailView(ScorecardMixin, PreviewableDetailView):
    model = Organization
    related = ("country",)
    lists = ("people",)
    sections = HUB_SECTIONS[Organization]
    # Its record is what it answers for: an overdue item led by another is not counted against a partner.
    # Those it helps with are a link under its figures, for a reader comparing organisations.
    scorecard_filter = "lead"
    scorecard_heading = gettext_lazy("Progress on the commitments it leads")
    scorecard_beside = "partner"


class CountryDetailView(ScorecardMixin, PreviewableDetailView):
    model = Country
    sections = HUB_SECTIONS[Country]
    scorecard_filter = "country"
    scorecard_heading = gettext_lazy("Progress on the commitments that concern it")
    # A country is seldom the lead: its overdue items are mostly others', and must not read as its own.
    scorecard_note = gettext_lazy("They are counted whoever leads them: each names the organisation that "
                                  "leads it.")


class ThemeDetailView(ScorecardMixin, PreviewableDetailView):
    model = Theme
    sections = HUB_SECTIONS[Theme]
    scorecard_filter = "theme"
    scorecard_heading = gettext_lazy("Progress on the commitments under this theme")
