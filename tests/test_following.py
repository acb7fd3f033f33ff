"""Following by email: asking, confirming from the mailed link, the daily digest of what changed,
stopping in one click; limits on asking; the address never shown."""

import datetime as dt
import email
import email.policy
import re
import time
from email.utils import parseaddr

import pytest
from django.conf import settings
from django.contrib import admin
from django.core import signing
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conferences import following
from conferences.models import ActionItem, ActionItemUpdate, Subscription

from .factories import ActionItemFactory, ActionItemUpdateFactory, CountryFactory, PersonFactory, PlanFactory

pytestmark = pytest.mark.django_db
SITE = "https://jpoa.example.org"


@pytest.fixture(autouse=True)
def limits_start_afresh():
    """The limits on asking count in the cache, across tests otherwise."""
    cache.clear()
    yield
    cache.clear()


def link_in(mail, kind: str) -> str:
    """The path of the first link of `kind` (confirm, stop) in a mail's text."""
    return re.search(rf"https?://[^/\s]+(/(?:ru/)?follow/{kind}/[^\s]+/)", mail.body).group(1)


def ask_and_confirm(client, mailoutbox, address: str, email: str = "reader@example.org") -> Subscription:
    assert client.post(address, {"email": email}, follow=True).status_code == 200
    confirm = link_in(mailoutbox[-1], "confirm")
    assert client.post(confirm).status_code == 200
    return Subscription.objects.filter(email=email).latest("pk")


def digests(mailoutbox, days_later: int = 0) -> list:
    """The mails the daily run sends, as if it ran `days_later` days from now."""
    before = len(mailoutbox)
    following.send_digests(SITE, now=timezone.now() + dt.timedelta(days=days_later))
    return mailoutbox[before:]


def test_asking_sends_a_confirmation_link_and_nothing_is_followed_until_it_is_used(client, mailoutbox):
    item = ActionItemFactory(title="Train border guards")
    page = client.get(f"/follow/actionitem/{item.slug}/").content.decode()
    assert "Train border guards" in page and 'type="email"' in page
    answer = client.post(f"/follow/actionitem/{item.slug}/", {"email": "Reader@Example.org"}, follow=True)
    # The answer is a page of its own: reloading it sends nothing again.
    assert answer.redirect_chain == [(f"/follow/actionitem/{item.slug}/?asked=1", 302)]
    assert "Check your inbox" in answer.content.decode()
    # The reader sees the address they typed, so that a typo shows, and may give it again.
    assert "The address you gave: <strong>reader@example.org</strong>" in answer.content.decode()
    # Reloaded (or its address shared), the answer cannot tell that anything was asked: it says what to look
    # for if so, and offers the form.
    reloaded = client.get(f"/follow/actionitem/{item.slug}/?asked=1")
    again = reloaded.content.decode()
    assert reloaded.status_code == 200 and "Check your inbox" not in again
    assert "If you have just asked to follow" in again and 'type="email"' in again
    assert "reader@example.org" not in again  # shown once, never in the page's address
    [mail] = mailoutbox
    assert mail.to == ["reader@example.org"] and "Train border guards" in mail.subject
    assert Subscription.objects.get().confirmed_at is None
    ActionItemUpdateFactory(action_item=item, note="Ignored until confirmed")
    assert digests(mailoutbox, days_later=1) == []
    confirm = link_in(mail, "confirm")
    landing = client.get(confirm).content.decode()  # a mail scanner opening the link confirms nothing
    assert "Confirm" in landing and Subscription.objects.get().confirmed_at is None
    confirmed = client.post(confirm).content.decode()
    assert "Thank you" in confirmed and "reader@example.org" not in confirmed
    assert Subscription.objects.get().confirmed_at is not None
    # A reader who changes their mind need not wait for the first digest to stop.
    stop = re.search(r'href="(/follow/stop/[^"]+/)"', confirmed).group(1)
    assert "no more emails will be sent about it. You can follow it again" in client.post(stop).content.decode()
    assert not Subscription.objects.exists()


def test_the_daily_digest_tells_what_changed_and_stops_in_one_click(client, mailoutbox):
    item = ActionItemFactory(title="Train border guards")
    ask_and_confirm(client, mailoutbox, f"/follow/actionitem/{item.slug}/")
    ActionItemUpdateFactory(action_item=item, status="in_progress", progress=40, note="Begun")
    assert digests(mailoutbox) == []  # at most one a day: the day since confirming has not passed
    [digest] = digests(mailoutbox, days_later=1)
    assert "Train border guards" in digest.body and "In progress, 40%" in digest.body
    assert f"{SITE}{item.get_absolute_url()}" in digest.body
    stop_page = client.get(link_in(digest, "stop")).content.decode()
    assert "<h1>Stop emails</h1>" in stop_page and "Follow by email" not in stop_page
    broken = client.get(link_in(digest, "stop")[:-6] + "/").content.decode()  # cut short when copied
    assert "<h1>Stop emails</h1>" in broken and "This link is not complete." in broken
    stop_all = digest.extra_headers["List-Unsubscribe"].strip("<>")
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link_in(digest, "stop") and stop_all.startswith(SITE)
    assert digests(mailoutbox, days_later=2) == []  # nothing new since the last digest
    # The mail program's one click: a POST with no form and no cookie.
    assert Client(enforce_csrf_checks=True).post(stop_all.removeprefix(SITE)).status_code == 200
    assert not Subscription.objects.exists()
    ActionItemUpdateFactory(action_item=item, note="After stopping")
    assert digests(mailoutbox, days_later=3) == []


def test_following_a_country_or_a_plan_tells_of_new_public_items_only(client, mailoutbox):
    country, plan = CountryFactory(name="Tajikistan"), PlanFactory(name="Plan 2022")
    ActionItemFactory(plan=plan).countries.set([country])  # something public points at them: they have pages
    ask_and_confirm(client, mailoutbox, f"/follow/country/{country.slug}/")
    ask_and_confirm(client, mailoutbox, f"/follow/plan/{plan.slug}/")
    for title, state in [("Secure the Tajik border", {}), ("A draft about Tajikistan", {"draft": True})]:
        ActionItemFactory(title=title, plan=plan, published_at=timezone.now(), **state).countries.set([country])
    [digest] = digests(mailoutbox, days_later=1)  # one mail for both
    assert digest.body.count("Secure the Tajik border") == 2
    assert "A draft about" not in digest.body
    # The next day, the progress of a commitment about the country is news to its followers too.
    item = ActionItem.objects.get(title_en="Secure the Tajik border")
    ActionItemUpdateFactory(action_item=item, progress=30, note="Two posts rebuilt.")
    ActionItemUpdateFactory(action_item=ActionItem.objects.get(title_en="A draft about Tajikistan"), note="Hidden.")
    ActionItemUpdate.objects.update(created_at=timezone.now() + dt.timedelta(days=1, hours=12))  # recorded then
    [digest] = digests(mailoutbox, days_later=2)
    assert digest.body.count("Secure the Tajik border\u00a0— ") == 2 and "Two posts rebuilt." in digest.body
    assert "Hidden." not in digest.body
    assert "== Tajikistan ==" in digest.body and "== Plan 2022 ==" in digest.body


def test_mails_and_pages_are_in_the_language_it_was_asked_in(client, mailoutbox):
    item = ActionItemFactory(title="Train border guards", title_ru="Обучить пограничников")
    client.post(f"/ru/follow/actionitem/{item.slug}/", {"email": "reader@example.org"})
    [mail] = mailoutbox
    assert "Обучить пограничников" in mail.subject and "/ru/follow/confirm/" in mail.body
    # From the site by its name in the reader's language, at the configured address.
    sender = email.message_from_bytes(mail.message().as_bytes(), policy=email.policy.default)["From"]
    assert (sender.addresses[0].display_name, sender.addresses[0].addr_spec) == (
        "СПД для Центральной Азии", parseaddr(settings.DEFAULT_FROM_EMAIL)[1])
    assert "Подтвердить" in client.get(link_in(mail, "confirm")).content.decode()


def test_a_mail_names_what_it_is_about_as_written_not_as_html(client, mailoutbox):
    item = ActionItemFactory(title="Build States' capacity & skills")
    client.post(f"/follow/actionitem/{item.slug}/", {"email": "reader@example.org"})
    [mail] = mailoutbox
    assert "“Build States' capacity & skills”" in mail.subject and "“Build States' capacity & skills”" in mail.body


def test_a_reader_who_followed_in_both_languages_gets_one_digest_a_day(client, mailoutbox):
    english = ActionItemFactory(title="Train border guards", title_ru="Обучить пограничников")
    russian = ActionItemFactory(title="Share water data", title_ru="Обмениваться данными о воде")
    ask_and_confirm(client, mailoutbox, f"/follow/actionitem/{english.slug}/")
    ask_and_confirm(client, mailoutbox, f"/ru/follow/actionitem/{russian.slug}/")
    for item in (english, russian):
        ActionItemUpdateFactory(action_item=item, note="Begun")
    [digest] = digests(mailoutbox, days_later=1)
    assert "Обучить пограничников" in digest.body and "Обмениваться данными о воде" in digest.body


def test_a_reader_who_confirmed_at_different_times_still_gets_one_digest_a_day(client, mailoutbox):
    first, second = ActionItemFactory(title="Train border guards"), ActionItemFactory(title="Share water data")
    earlier = ask_and_confirm(client, mailoutbox, f"/follow/actionitem/{first.slug}/")
    ask_and_confirm(client, mailoutbox, f"/follow/actionitem/{second.slug}/")
    now = timezone.now()
    Subscription.objects.filter(pk=earlier.pk).update(last_sent_at=now - dt.timedelta(hours=10))

    def run(hours: int) -> list:
        """The daily run `hours` from now, with an update of each item recorded in the hour before."""
        before, when = len(mailoutbox), now + dt.timedelta(hours=hours)
        for item in (first, second):
            update = ActionItemUpdateFactory(action_item=item, note="Going on")
            type(update).objects.filter(pk=update.pk).update(created_at=when - dt.timedelta(hours=1))
        following.send_digests(SITE, now=when)
        return mailoutbox[before:]

    [digest] = run(10)  # the first is due; the second comes along
    assert "Train border guards" in digest.body and "Share water data" in digest.body
    assert run(20) == []  # the second alone would be due: nothing until a day after the last mail
    assert len(run(31)) == 1


def test_a_bad_address_is_refused_with_a_clear_message_and_nothing_is_recorded(client, mailoutbox):
    item = ActionItemFactory()
    answer = client.post(f"/follow/actionitem/{item.slug}/", {"email": "not an address"})
    assert answer.status_code == 400 and "Enter a valid email address." in answer.content.decode()
    # A screen reader hears it at once: the page's title says so, and the field, read with its message, has focus.
    page = answer.content.decode()
    assert ("<title>Error: Follow" in page
            and re.search(r'<input type="email"[^>]* aria-invalid="true"[^>]* autofocus>', page))
    assert not Subscription.objects.exists() and mailoutbox == []
    assert page.count("Enter a valid email address.") == 1  # said once
    # Nor an address on this server itself or kept for local use, which Django's own check lets through.
    for address in ["root@localhost", "root@[127.0.0.1]", "root@localhost.localdomain", "a@b", "a@printer.local"]:
        page = client.post(f"/follow/actionitem/{item.slug}/", {"email": address}).content.decode()
        assert page.count("Enter a valid email address.") == 1, address
    assert not Subscription.objects.exists() and mailoutbox == []
    assert client.post(f"/follow/actionitem/{item.slug}/", {"email": "reader@mail.example.org"}).status_code == 302


def test_a_form_sent_without_its_security_check_says_what_to_do_in_the_readers_language(mailoutbox):
    """Cookies cleared, or the page left open for long: the reader is told, in their language, on a page
    of the site, and nothing is recorded. (Django's own page is in English and speaks of DEBUG.)"""
    item = ActionItemFactory()
    strict = Client(enforce_csrf_checks=True)
    answer = strict.post(f"/ru/follow/actionitem/{item.slug}/", {"email": "reader@example.org"})
    page = answer.content.decode()
    assert answer.status_code == 403 and "<h1>Не удалось отправить форму</h1>" in page and "обновите страницу" in page
    assert 'class="site-header"' in page and "DEBUG" not in page
    assert not Subscription.objects.exists() and mailoutbox == []
    # A link checker or a mail program's preview asks for the page's head only.
    assert strict.head(f"/follow/actionitem/{item.slug}/").status_code == 200


def test_only_public_action_items_countries_organisations_themes_and_plans_can_be_followed(client):
    assert client.get(f"/follow/actionitem/{ActionItemFactory(draft=True).slug}/").status_code == 404
    assert client.get(f"/follow/person/{PersonFactory().slug}/").status_code == 404
    assert client.get(f"/follow/country/{CountryFactory().slug}/").status_code == 404  # nothing public names it


@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL refuses such a row (test_models)")
def test_what_its_page_hides_cannot_be_followed(client):
    # Published without a time, written past save() (a raw write): the lists and its page hide it.
    item = ActionItemFactory()
    type(item).objects.filter(pk=item.pk).update(published_at=None)
    assert client.get(item.get_absolute_url()).status_code == 404
    assert client.get(f"/follow/actionitem/{item.slug}/").status_code == 404


def test_asking_is_limited_per_connection_and_per_address(client, mailoutbox):
    item = ActionItemFactory()
    address = f"/follow/actionitem/{item.slug}/"
    for _ in range(3):
        assert client.post(address, {"email": "reader@example.org"}, follow=True).status_code == 200
    answer = client.post(address, {"email": "reader@example.org"}, follow=True)
    assert answer.status_code == 200  # the same answer, which does not claim that a mail went...
    assert "is on its way, unless this address follows it already" in answer.content.decode()
    assert len(mailoutbox) == 3  # ...and no fourth mail to that address today
    for n in range(6):
        client.post(address, {"email": f"other{n}@example.org"})
    refused = client.post(address, {"email": "late@example.org"})
    assert refused.status_code == 429 and "try again in an hour" in refused.content.decode()


def test_links_that_were_not_made_here_or_have_expired_change_nothing(client, mailoutbox, monkeypatch):
    item = ActionItemFactory()
    client.post(f"/follow/actionitem/{item.slug}/", {"email": "reader@example.org"})
    subscription = Subscription.objects.get()
    for path in ["/follow/confirm/forged/", "/follow/stop/forged/",
                 f"/follow/stop/{following.token('confirm', [subscription.pk])}/"]:  # a confirm link cannot stop
        assert client.post(path).status_code == 400
    made = time.time() - (following.CONFIRM_DAYS + 1) * 86400
    monkeypatch.setattr(signing.time, "time", lambda: made)
    old = following.token("confirm", [subscription.pk])
    monkeypatch.undo()
    answer = client.post(f"/follow/confirm/{old}/")
    assert answer.status_code == 400 and "expired" in answer.content.decode()
    assert Subscription.objects.get().confirmed_at is None


def test_unconfirmed_requests_are_dropped_after_a_week(client, mailoutbox):
    item = ActionItemFactory()
    client.post(f"/follow/actionitem/{item.slug}/", {"email": "reader@example.org"})
    digests(mailoutbox, days_later=following.CONFIRM_DAYS - 1)
    assert Subscription.objects.exists()
    digests(mailoutbox, days_later=following.CONFIRM_DAYS + 1)
    assert not Subscription.objects.exists()


def test_asking_again_gives_the_request_as_long_as_the_new_link(client, mailoutbox):
    item = ActionItemFactory()
    client.post(f"/follow/actionitem/{item.slug}/", {"email": "reader@example.org"})
    week_ago = timezone.now() - dt.timedelta(days=following.CONFIRM_DAYS, hours=-1)
    Subscription.objects.update(created_at=week_ago)  # asked first nearly a week ago
    client.post(f"/follow/actionitem/{item.slug}/", {"email": "reader@example.org"})
    digests(mailoutbox, days_later=1)  # the first asking's week is over, the new link's is not
    answer = client.post(link_in(mailoutbox[-1], "confirm"))
    assert "Thank you" in answer.content.decode() and Subscription.objects.get().confirmed_at is not None


def test_addresses_are_never_shown_listed_or_exported(superuser_client):
    assert not admin.site.is_registered(Subscription)
    assert superuser_client.get("/admin/conferences/subscription/").status_code == 404


def test_the_daily_command_needs_the_sites_address(capsys):
    call_command("send_digests", "--site", SITE)
    assert capsys.readouterr().out == "0 digests sent.\n"
    with pytest.raises(CommandError, match="--site must be the site's address"):
        call_command("send_digests", "--site", "jpoa")


def test_a_speech_made_public_with_its_conference_is_news_the_day_it_appears(client, mailoutbox):
    from .factories import ConferenceFactory, SpeechFactory, ThemeFactory

    theme = ThemeFactory(name="Border security")
    ActionItemFactory().themes.set([theme])
    ask_and_confirm(client, mailoutbox, f"/follow/theme/{theme.slug}/")
    # Confirmed an hour ago (publication times are kept to the second, and this one may share it).
    Subscription.objects.update(last_sent_at=timezone.now() - dt.timedelta(hours=1))
    meeting = ConferenceFactory(title="Dushanbe meeting", draft=True)
    speech = SpeechFactory(title="Remarks on borders", conference=meeting)  # published long ago, as its own
    speech.themes.set([theme])
    assert digests(mailoutbox, days_later=1) == []  # its conference is still a draft
    meeting.is_published = True
    meeting.save()  # published now: the speech appears now, though its own publication time is older
    [digest] = digests(mailoutbox, days_later=1)
    assert "Remarks on borders" in digest.body


def test_a_confirmation_link_opened_again_says_it_is_done(client, mailoutbox):
    item = ActionItemFactory(title="Train border guards")
    ask_and_confirm(client, mailoutbox, f"/follow/actionitem/{item.slug}/")
    again = client.get(link_in(mailoutbox[-1], "confirm")).content.decode()
    assert "Thank you" in again and "<button" not in again.split("<main", 1)[1]


def test_a_digest_gives_each_updates_note(client, mailoutbox):
    item = ActionItemFactory(title="Train border guards")
    ask_and_confirm(client, mailoutbox, f"/follow/actionitem/{item.slug}/")
    ActionItemUpdateFactory(action_item=item, status="in_progress", progress=40,
                            note="Two training centres opened\nin Osh and Khujand.")
    ActionItemUpdateFactory(action_item=item, note=" ".join(["word"] * 80) + " unseen")
    [digest] = digests(mailoutbox, days_later=1)
    assert "In progress, 40%. Two training centres opened in Osh and Khujand." in digest.body
    assert " ".join(["word"] * 60) + "…" in digest.body and "unseen" not in digest.body


def test_when_mail_cannot_be_sent_nothing_is_recorded_and_the_address_is_not_logged(client, mailoutbox, monkeypatch,
                                                                                     caplog):
    from smtplib import SMTPRecipientsRefused

    from django.core.mail import EmailMessage

    def server_down(message, fail_silently=False):
        raise ConnectionRefusedError(111, "Connection refused")

    def refuse(message, fail_silently=False):
        raise SMTPRecipientsRefused({message.to[0]: (550, b"mailbox unavailable")})

    item = ActionItemFactory(title="Train border guards")
    address = f"/follow/actionitem/{item.slug}/"
    monkeypatch.setattr(EmailMessage, "send", server_down)
    answer = client.post(address, {"email": "reader@example.org"})
    assert answer.status_code == 503 and "could not be sent" in answer.content.decode()
    assert not Subscription.objects.exists()
    # An address the server refuses is answered as any other, so that the page never tells which exist.
    monkeypatch.setattr(EmailMessage, "send", refuse)
    answer = client.post(address, {"email": "nobody@example.org"}, follow=True)
    assert answer.status_code == 200 and "Check your inbox" in answer.content.decode()
    assert not Subscription.objects.exists()
    assert "SMTPRecipientsRefused 550" in caplog.text and "nobody@example.org" not in caplog.text
    monkeypatch.undo()

    ask_and_confirm(client, mailoutbox, address)
    ActionItemUpdateFactory(action_item=item, note="Begun")
    caplog.clear()
    monkeypatch.setattr(EmailMessage, "send", refuse)
    assert digests(mailoutbox, days_later=1) == []
    assert "digest could not be sent" in caplog.text and "reader@example.org" not in caplog.text


def test_mails_the_server_would_not_take_do_not_count_against_the_address(client, mailoutbox, monkeypatch):
    from django.core.mail import EmailMessage

    def server_down(message, fail_silently=False):
        raise ConnectionRefusedError(111, "Connection refused")

    item = ActionItemFactory(title="Train border guards")
    address = f"/follow/actionitem/{item.slug}/"
    monkeypatch.setattr(EmailMessage, "send", server_down)
    for _ in range(3):
        assert client.post(address, {"email": "reader@example.org"}).status_code == 503
    monkeypatch.undo()
    # Once the server is back, the reader's request is mailed at once, not refused until tomorrow.
    assert client.post(address, {"email": "reader@example.org"}, follow=True).status_code == 200
    assert [mail.to for mail in mailoutbox] == [["reader@example.org"]]


def test_a_stop_link_stops_what_is_no_longer_published_too(client, mailoutbox):
    item = ActionItemFactory(title="Train border guards")
    ask_and_confirm(client, mailoutbox, f"/follow/actionitem/{item.slug}/")
    ActionItemUpdateFactory(action_item=item, note="Begun")
    [digest] = digests(mailoutbox, days_later=1)
    type(item).objects.filter(pk=item.pk).update(is_published=False)
    page = client.get(link_in(digest, "stop")).content.decode()
    assert "1 page that is no longer published" in page and "Train border guards" not in page
    assert "Stop these emails" in page
    assert client.post(link_in(digest, "stop")).status_code == 200
    assert not Subscription.objects.exists()


def test_a_stop_page_costs_the_same_however_many_records_an_address_follows(client):
    def stop_page_queries(count: int) -> int:
        Subscription.objects.all().delete()
        items = [ActionItemFactory(title=f"Item {number}") for number in range(count)]
        keys = [Subscription.objects.create(email="reader@example.org", kind="actionitem", object_id=item.pk,
                                            language="en", confirmed_at=timezone.now()).pk for item in items]
        country = CountryFactory()
        items[0].countries.set([country])  # something public points at it: it has a page
        keys.append(Subscription.objects.create(email="reader@example.org", kind="country", object_id=country.pk,
                                                language="en", confirmed_at=timezone.now()).pk)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(f"/follow/stop/{following.token('stop', keys)}/").content.decode()
        assert all(f"Item {number}" in page for number in range(count)) and str(country) in page
        return len(queries)

    assert stop_page_queries(2) == stop_page_queries(6)
