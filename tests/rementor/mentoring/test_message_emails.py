"""The e-mails telling a member their pair wrote: each one carries a link that stops them; the
account page turns them off and back on; a member's choice is theirs alone."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from rementor.mentoring import messages as thread
from rementor.mentoring.models import MessageThreadState, ReminderOptOut
from rementor.mentoring.reminders import PAIR_MESSAGES, opt_out, unsubscribe_token
from tests.factories import client_for
from tests.rementor.mentoring.factories import make_pair

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _write(pair, user, capture, text="Bonjour"):
    # Each message may e-mail again: the once-an-hour limit is tested elsewhere.
    MessageThreadState.objects.filter(pair=pair).update(notified_at=None)
    with capture(execute=True), translation.override("en"):
        thread.post_message(pair=pair, by=user, text=text)


def _stop_link(body: str) -> str:
    return re.search(r"https?://\S+/reminders/stop/\S+/", body).group(0)


def test_the_e_mail_s_link_stops_them_and_the_account_page_turns_them_back_on(
    django_capture_on_commit_callbacks,
):
    pair, mentee_user, mentor_user = make_pair()
    _write(pair, mentee_user, django_capture_on_commit_callbacks)
    (sent,) = mail.outbox
    link = _stop_link(sent.body)
    assert reverse("privacy:profile") in sent.body
    client = client_for(None)  # the link works without signing in
    page = client.get(link, **EN)
    assert "Stop the e-mails that tell you your pair wrote to you?" in page.content.decode()
    assert not ReminderOptOut.objects.exists()  # a mail scanner's GET changes nothing
    done = client.post(link, **EN)
    assert "you will no longer be e-mailed" in done.content.decode()
    _write(pair, mentee_user, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1

    account = client_for(mentor_user).get(reverse("privacy:profile"), **EN).content.decode()
    assert 'data-testid="message-emails-off"' in account
    response = client_for(mentor_user).post(reverse("mentoring:message_emails"), {"on": "1"})
    assert response.status_code == 302
    _write(pair, mentee_user, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox[1:]] == [[mentor_user.email]]
    account = client_for(mentor_user).get(reverse("privacy:profile"), **EN).content.decode()
    assert 'data-testid="message-emails-on"' in account


def test_turning_them_off_from_the_account_page(django_capture_on_commit_callbacks):
    pair, mentee_user, mentor_user = make_pair()
    client_for(mentor_user).post(reverse("mentoring:message_emails"), {"on": "0"})
    _write(pair, mentee_user, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    # The member who stopped them still gets the thread; the other member still gets e-mails.
    _write(pair, mentor_user, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[mentee_user.email]]


def test_a_member_s_choice_changes_nobody_else_s(django_capture_on_commit_callbacks):
    pair, mentee_user, mentor_user = make_pair()
    # The mentee turns their own e-mails off: the mentor's stay on.
    client_for(mentee_user).post(reverse("mentoring:message_emails"), {"on": "0"})
    assert list(ReminderOptOut.objects.values_list("user", "kind")) == [
        (mentee_user.pk, PAIR_MESSAGES)
    ]
    _write(pair, mentee_user, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[mentor_user.email]]


def test_stopping_a_reminder_does_not_stop_message_e_mails_nor_the_reverse(
    django_capture_on_commit_callbacks,
):
    pair, mentee_user, mentor_user = make_pair()
    opt_out(user=mentor_user, kind="pulse")
    _write(pair, mentee_user, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[mentor_user.email]]
    link = _stop_link(mail.outbox[0].body)
    client_for(None).post(link)
    assert set(ReminderOptOut.objects.values_list("kind", flat=True)) == {"pulse", PAIR_MESSAGES}


def test_forged_or_unknown_kind_links_and_a_get_or_anonymous_toggle_change_nothing():
    _pair, mentee_user, _mentor_user = make_pair()
    client = client_for(None)
    unknown = unsubscribe_token(user=mentee_user, kind="everything")
    for token in ("forged", unknown, unsubscribe_token(user=mentee_user, kind="x")[:-2] + "zz"):
        response = client.post(reverse("mentoring:unsubscribe", args=[token]), **EN)
        assert response.status_code == 200
        assert "This link is not valid" in response.content.decode()
    url = reverse("mentoring:message_emails")
    assert client.post(url, {"on": "0"}).status_code == 302  # to the sign-in page
    assert client_for(mentee_user).get(url).status_code == 405
    assert not ReminderOptOut.objects.exists()


def test_the_account_page_speaks_french():
    _pair, _mentee_user, mentor_user = make_pair()
    page = client_for(mentor_user).get(reverse("privacy:profile"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "E-mails sur les messages de mon binôme" in page.content.decode()
    assert "Ces e-mails sont activés." in page.content.decode()
