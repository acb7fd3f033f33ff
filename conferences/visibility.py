"""Which hubs (people, organisations, countries, themes) the public can see, kept per content version.

A hub is public while something published points at it: `published()` on its model says
so in SQL, and this module is the one place that asks it for pages. The answer changes
only with the content, so it is worked out once per content version. Publishable content
needs none of this: its own columns say whether it is public (`Publishable.is_public`).
"""

from __future__ import annotations

from django.db.models import Case, F, Model, Q, TextField, Value, When
from django.utils.translation import gettext_lazy

from .caching import per_version
from .languages import in_list_order
from .models import Hub, Speech

# What a 404 says of any address whose record is not public (a draft, a hub nothing public points at), or
# was never there: the same words, so that it tells nothing of which.
NOT_PUBLIC = gettext_lazy("Nothing public has this address.")


def public_keys(model: type[Hub]) -> list:
    """The keys of the public hubs of `model`, in its list's order."""
    return per_version("public-keys", model._meta.label,
                       compute=lambda: list(in_list_order(model.objects.published()).values_list("pk", flat=True)))


def is_public(obj: Model) -> bool:
    """Whether the public may see `obj`: for a hub, whether `published()` holds it."""
    if not isinstance(obj, Hub):
        return obj.is_public
    model = type(obj)
    return per_version("public-hub", model._meta.label, obj.pk,
                       compute=lambda: model.objects.published().filter(pk=obj.pk).exists())


def if_public(obj: Model | None) -> Model | None:
    """`obj` where the public may see it, else None: a link to it must not appear."""
    return obj if obj is not None and is_public(obj) else None


def public_excerpt(item) -> str:
    """An action item's excerpt where the public may read it: a sentence of its speech, quoted only
    while that speech is public (or where the item names none)."""
    return item.excerpt if item.speech_id is None or is_public(item.speech) else ""


def public_excerpt_sql() -> Case:
    """public_excerpt() in SQL, for the files and search snippets."""
    return Case(When(Q(speech__isnull=True) | Speech.public_q("speech__"), then=F("excerpt")), default=Value(""),
                output_field=TextField())


def public_hub(model: type[Hub], slug: str) -> Hub | None:
    """The public hub of `model` with this slug, if there is one."""
    found = per_version("hub-by-slug", model._meta.label, slug, compute=lambda: next(
        (hub for hub in model.objects.filter(slug=slug) if is_public(hub)), False))
    return found or None  # False, not None, is kept for "none": None would mean "not worked out yet"
