"""Following by email (following.py): the form to ask, the confirmation link's page and the stop
link's page. None of them is kept by the page cache: each carries its own CSRF token or answer."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.validators import EmailValidator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from jpoa_site.proxy import client_address

from .. import following, site_address, visibility
from ..caching import give_back, within_rate
from ..models import Subscription

ASKS_PER_CLIENT_HOUR = 10
MAILS_PER_ADDRESS_DAY = 3
DAY = 24 * 3600  # seconds
ASKED = "asked"  # in the address of the page that answers a request to follow
TYPED = "follow-address"  # the message that carries the address typed to that page


class InternetAddressValidator(EmailValidator):
    """An address on the internet. Django's check lets this server's own names through (someone@localhost,
    an address in brackets such as [127.0.0.1]), and names kept for local use, where mail would go to
    this server's own users or nowhere."""

    LOCAL_NAMES = ("localhost", "localdomain", "local", "internal", "invalid", "test")

    def validate_domain_part(self, domain_part: str) -> bool:
        name = domain_part.lower().rstrip(".")
        if name.startswith("[") or name.rpartition(".")[2] in self.LOCAL_NAMES:
            return False
        return super().validate_domain_part(domain_part)


class InternetEmailField(forms.EmailField):
    default_validators = [InternetAddressValidator(allowlist=())]  # in place of Django's, so one message


class FollowForm(forms.Form):
    email = InternetEmailField(label=gettext_lazy("Your email address"), max_length=254,
                               widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def clean_email(self) -> str:
        # One address however it is typed: one set of limits, one digest, no second subscription.
        return self.cleaned_data["email"].lower()


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def follow(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    record = following.followed(kind, slug)
    if record is None:
        raise Http404(visibility.NOT_PUBLIC)
    form = FollowForm(request.POST or None)
    context = {"record": record, "kind": kind, "form": form, "state": "form", "days": following.CONFIRM_DAYS}
    if request.method == "POST" and form.is_valid():  # a mistyped address costs nothing against the limits
        if not within_rate("follow-client", client_address(request), ASKS_PER_CLIENT_HOUR, 3600):
            context["state"] = "too-many"
            return render(request, "conferences/follow.html", context, status=429)
        email = form.cleaned_data["email"]
        # Past the limit nothing more is mailed, and the answer is the same, so that it says
        # nothing about the address.
        if within_rate("follow-address", email, MAILS_PER_ADDRESS_DAY, DAY):
            try:
                following.ask(email, record, site_address.of(request))
            except following.NotSent:
                give_back("follow-address", email, DAY)  # no mail went: the reader may try again
                context["state"] = "not-sent"
                return render(request, "conferences/follow.html", context, status=503)
        # The answer is a page of its own, so that reloading it sends nothing again. It shows the
        # reader the address they typed, once, so that a typo can be seen: carried there in a message
        # (a signed cookie in their own browser, gone once that page shows it), never in the page's
        # address, where logs and history would keep it.
        messages.info(request, email, extra_tags=TYPED)
        return redirect(f"{request.path}?{ASKED}=1")
    if request.method == "GET" and ASKED in request.GET:
        address = next((str(message) for message in messages.get_messages(request) if TYPED in message.tags), "")
        # Without the address just typed (the answer reloaded, or its address shared), the page cannot
        # tell whether anything was asked: it says what to look for if so, beside the form.
        if address:
            context.update(state="asked", address=address)
        else:
            context["reloaded"] = True
    return render(request, "conferences/follow.html", context, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    keys = following.keys_of("confirm", token)
    if keys is None:
        return render(request, "conferences/follow_link.html", {"state": "expired"}, status=400)
    records = _records(Subscription.objects.filter(pk__in=keys))
    pending = Subscription.objects.filter(pk__in=keys, confirmed_at__isnull=True).exists()
    if records and (request.method == "POST" or not pending):
        following.confirm(keys)  # a link opened again after confirming says so, with no button
        return render(request, "conferences/follow_link.html",
                      {"state": "confirmed", "records": records, "stop": following.token("stop", keys)})
    return render(request, "conferences/follow_link.html", {"state": "confirm", "records": records})


@never_cache
@csrf_exempt  # a mail program's one-click stop (RFC 8058) posts without a form; the signed link is the proof
@require_http_methods(["GET", "HEAD", "POST"])
def stop(request: HttpRequest, token: str) -> HttpResponse:
    keys = following.keys_of("stop", token)
    if keys is None:
        return render(request, "conferences/follow_link.html", {"state": "invalid", "stopping": True}, status=400)
    subscriptions = list(Subscription.objects.filter(pk__in=keys))
    records = _records(subscriptions)
    # What is no longer public is not named, but it is stopped all the same: were it published
    # again, its emails would start again.
    context = {"records": records, "unnamed": len(subscriptions) - len(records), "stopping": True}
    if request.method == "POST":
        following.stop(keys)
        return render(request, "conferences/follow_link.html", {**context, "state": "stopped"})
    return render(request, "conferences/follow_link.html", {**context, "state": "stop"})


def _records(subscriptions) -> list:
    """What these subscriptions follow, those the public may still see."""
    found = following.followed_records(subscriptions)
    return [found[subscription.pk] for subscription in subscriptions if subscription.pk in found]
