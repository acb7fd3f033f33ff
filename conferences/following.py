"""Following by email: a reader asks to hear what changes about an action item, a country, an
organisation, a theme or a plan; confirms from a signed link in a mail (double opt-in, no
account); then gets at most one digest a day of what changed, each mail with a link, and a
List-Unsubscribe header, to stop.

The links carry signed subscription keys, never the address. What is new about a hub is what
its feed says (feeds.news_about(): new content about it and the progress of its action items);
about a plan, its public items' new progress and new items; about an action item, its new
progress updates.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import formataddr, parseaddr
from smtplib import SMTPException, SMTPRecipientsRefused

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db.models import Model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext

from .feeds import address, headline, news_about, progress_of
from .models import ActionItem, ActionItemUpdate, Country, Organization, Plan, Subscription, Theme

log = logging.getLogger(__name__)

FOLLOWABLE: dict[str, type[Model]] = {model._meta.model_name: model
                                      for model in (ActionItem, Country, Organization, Theme, Plan)}
CONFIRM_DAYS = 7  # how long a confirmation link works; unconfirmed requests older than this are dropped
DIGEST_HOURS = 20  # at most one digest a day, whatever minute the timer runs at
NEWS_IN_A_DIGEST = 20  # per followed record
NOTE_WORDS = 60  # of a progress note, in a digest; the rest is on the item's page


class NotSent(Exception):
    """The mail server did not take the confirmation mail; nothing was recorded."""


def followed(kind: str, slug: str) -> Model | None:
    """The public record of `kind` with this slug, if readers may follow it."""
    model = FOLLOWABLE.get(kind)
    if model is None:
        return None
    return model.objects.published().filter(slug=slug).first()


def followed_records(subscriptions: Iterable[Subscription]) -> dict[int, Model]:
    """What each subscription follows, by the subscription's key, of those the public may see: one query
    per kind of record, however many subscriptions there are."""
    subscriptions = list(subscriptions)  # read twice
    wanted = defaultdict(set)
    for subscription in subscriptions:
        wanted[subscription.kind].add(subscription.object_id)
    found = {(kind, record.pk): record for kind, keys in wanted.items() if (model := FOLLOWABLE.get(kind))
             for record in model.objects.published().filter(pk__in=keys)}
    return {subscription.pk: found[subscription.kind, subscription.object_id] for subscription in subscriptions
            if (subscription.kind, subscription.object_id) in found}


# Signed links: a confirmation expires, a stop link works for as long as the mail is kept.

def token(action: str, keys: list[int]) -> str:
    return signing.dumps(sorted(keys), salt=f"jpoa.follow.{action}", compress=True)


def keys_of(action: str, value: str) -> list[int] | None:
    """The subscription keys a link names, or None if it was not made here (or has expired)."""
    max_age = dt.timedelta(days=CONFIRM_DAYS) if action == "confirm" else None
    try:
        keys = signing.loads(value, salt=f"jpoa.follow.{action}", max_age=max_age)
    except signing.BadSignature:
        return None
    return keys if isinstance(keys, list) and all(isinstance(key, int) for key in keys) else None


def ask(email: str, record: Model, site: str) -> None:
    """Record the request for `email` (as FollowForm cleans it) and mail a confirmation link (again,
    if it was asked before).

    Raises NotSent, with nothing recorded, when the mail server cannot be reached or refuses the
    mail. An address it refuses is answered as any other: the answer never says which exist.
    """
    # Not in a transaction: the row must be written before the mail that names it, and a slow
    # mail server must not hold a lock on the table meanwhile.
    subscription, created = Subscription.objects.get_or_create(
        email=email, kind=record._meta.model_name, object_id=record.pk,
        defaults={"language": translation.get_language()})
    if subscription.confirmed_at is not None:
        return  # nothing to confirm; saying so would tell a stranger who follows what
    link = site + reverse("conferences:follow_confirm", args=[token("confirm", [subscription.pk])])
    context = {"record": record, "link": link, "site": site, "days": CONFIRM_DAYS}
    try:
        EmailMessage(
            subject=render_to_string("conferences/email/confirm_subject.txt", context).strip(),
            body=render_to_string("conferences/email/confirm.txt", context),
            from_email=sender(),
            to=[subscription.email],
        ).send()
    except (OSError, SMTPException) as error:
        if created:
            subscription.delete()
        _log_unsent("A confirmation mail could not be sent; nothing was recorded", error)
        if isinstance(error, SMTPRecipientsRefused):
            return
        raise NotSent from None
    # The link just mailed works for CONFIRM_DAYS from now, and so does the request it confirms (it was
    # dropped a week after the first asking, however lately asked again); the digests are in the
    # language of the latest request.
    Subscription.objects.filter(pk=subscription.pk).update(created_at=timezone.now(),
                                                           language=translation.get_language())


def _log_unsent(message: str, error: Exception) -> None:
    # Not the error's own text: a refused recipient's names the address, which is never logged.
    if isinstance(error, SMTPRecipientsRefused):
        codes = sorted({str(code) for code, _reply in error.recipients.values()})
    else:
        codes = [str(error.smtp_code)] if getattr(error, "smtp_code", None) else []
    log.error("%s (%s).", message, " ".join([type(error).__name__, *codes]))


def confirm(keys: list[int]) -> None:
    """Confirm these subscriptions: their first digest tells what changes from now on."""
    now = timezone.now()
    Subscription.objects.filter(pk__in=keys, confirmed_at__isnull=True).update(confirmed_at=now, last_sent_at=now)


def stop(keys: list[int]) -> int:
    return Subscription.objects.filter(pk__in=keys).delete()[0]


@dataclass
class News:
    """What changed about one followed record since the last digest."""

    subscription: Subscription
    record: Model
    lines: list[tuple[str, str]]  # (what, its address)


def news_since(record: Model, since: dt.datetime, until: dt.datetime, site: str) -> list[tuple[str, str]]:
    """(what, address) of each change about `record` after `since` and up to `until`, newest first.

    Content counts from the moment the public could first see it (a speech when its conference
    was published, if that came later), so nothing is missed and nothing is told twice.
    """
    def new(obj) -> bool:
        moment = obj.public_from()
        return moment is not None and since < moment <= until

    def progress(items) -> list:
        return list(progress_of(items).filter(public_since__gt=since, public_since__lte=until)[:NEWS_IN_A_DIGEST])

    if isinstance(record, ActionItem):
        updates = progress(ActionItem.objects.published().filter(pk=record.pk))
        return [(progress_line(update), site + address(update)) for update in updates]
    if isinstance(record, Plan):
        found = [(update.public_since, line(update), address(update))
                 for update in progress(ActionItem.objects.published().filter(plan=record))]
        items = ActionItem.objects.published().filter(plan=record, published_at__gt=since).order_by("-published_at")
        found += [(item.public_from(), str(item), item.get_absolute_url())
                  for item in items[:NEWS_IN_A_DIGEST] if new(item)]
        found.sort(key=lambda entry: entry[0], reverse=True)
        return [(text, site + path) for _when, text, path in found[:NEWS_IN_A_DIGEST]]
    news = [obj for obj in news_about(record) if since < obj.public_since <= until][:NEWS_IN_A_DIGEST]
    return [(line(obj), site + address(obj)) for obj in news]


def line(obj) -> str:
    """A piece of news as a digest tells it: a progress update with its item's title and its note."""
    if isinstance(obj, ActionItemUpdate):
        return f"{obj.action_item.title}\u00a0— {progress_line(obj)}"  # the dash never starts a line
    return headline(obj)


def progress_line(update: ActionItemUpdate) -> str:
    """A progress update as a digest tells it: its date, status and progress, then its note."""
    note = Truncator(update.note).words(NOTE_WORDS)  # on one line: words() joins them with single spaces
    return f"{update}. {note}" if note else str(update)


def send_digests(site: str, now: dt.datetime | None = None) -> int:
    """Mail each address that follows something changed one digest (in the language it last asked in);
    returns how many mails went. Unconfirmed requests past their link's life are dropped."""
    now = now or timezone.now()
    expired = now - dt.timedelta(days=CONFIRM_DAYS)
    Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=expired).delete()
    confirmed = Subscription.objects.filter(confirmed_at__isnull=False)
    due = confirmed.filter(last_sent_at__lte=now - dt.timedelta(hours=DIGEST_HOURS))
    # An address is due when one of its subscriptions is; its mail then tells of all of them and
    # they are all sent at once, so that it gets one mail a day however many it has, and whenever
    # each was confirmed.
    by_reader = defaultdict(list)
    readers = list(confirmed.filter(email__in=due.values("email")).order_by("email", "created_at", "pk"))
    for subscription in readers:
        by_reader[subscription.email].append(subscription)
    records = followed_records(readers)
    sent = 0
    for email, subscriptions in by_reader.items():
        # In the language the reader last asked in, whichever pages they followed from.
        with translation.override(subscriptions[-1].language):
            news = []
            for subscription in subscriptions:
                record = records.get(subscription.pk)
                lines = news_since(record, subscription.last_sent_at, now, site) if record is not None else []
                if lines:
                    news.append(News(subscription, record, lines))
            if not news:
                continue
            every = [subscription.pk for subscription in subscriptions]
            try:
                _mail_digest(email, news, every, site)
            except (OSError, SMTPException) as error:  # a refused address or a server gone: the others get theirs
                _log_unsent("A digest could not be sent; it is tried again tomorrow", error)
                continue
        Subscription.objects.filter(pk__in=every).update(last_sent_at=now)
        sent += 1
    return sent


def sender() -> str:
    """The configured sender's address under the site's name in the mail's language: the first
    thing a reader sees in their inbox."""
    return formataddr((gettext("JPoA Central Asia"), parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))


def _mail_digest(email: str, news: list[News], keys: list[int], site: str) -> None:
    """One digest; its List-Unsubscribe stops all that `keys` name: every subscription of the address."""
    stop_all = site + reverse("conferences:follow_stop", args=[token("stop", keys)])
    entries = [(item, site + reverse("conferences:follow_stop", args=[token("stop", [item.subscription.pk])]))
               for item in news]
    context = {"entries": entries, "stop_all": stop_all, "site": site}
    EmailMessage(
        subject=render_to_string("conferences/email/digest_subject.txt", context).strip(),
        body=render_to_string("conferences/email/digest.txt", context),
        from_email=sender(),
        to=[email],
        # One click in the mail program stops every subscription of this mail (RFC 2369, RFC 8058).
        headers={"List-Unsubscribe": f"<{stop_all}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                 "Auto-Submitted": "auto-generated"},
    ).send()
