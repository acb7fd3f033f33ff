"""Public pages. Everything shown to readers starts from `published()`."""

from django.views.generic import DetailView, TemplateView

from .models import ActionItem, Conference, Country, Organization, Person, Speech, Theme


class HomeView(TemplateView):
    template_name = "conferences/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            conferences=Conference.objects.published()[:5],
            speeches=Speech.objects.published().select_related("speaker", "conference")[:5],
            **kwargs,
        )


class PreviewableDetailView(DetailView):
    """A public detail page; logged-in staff also see drafts, under a banner."""

    def get_queryset(self):
        user = self.request.user
        if user.is_active and user.is_staff:
            return self.model.objects.all()
        return self.model.objects.published()


class ConferenceDetailView(PreviewableDetailView):
    model = Conference


class SpeechDetailView(PreviewableDetailView):
    model = Speech


class ActionItemDetailView(PreviewableDetailView):
    model = ActionItem


class PersonDetailView(DetailView):
    model = Person


class OrganizationDetailView(DetailView):
    model = Organization


class CountryDetailView(DetailView):
    model = Country


class ThemeDetailView(DetailView):
    model = Theme
