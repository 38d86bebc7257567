"""Messages within a pair: the domain (who writes, the length limit, the e-mail that carries a
link and never the text, at most once an hour), the thread page and the pair page's link."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from rementor.mentoring import messages as thread
from rementor.mentoring.models import MESSAGE_MAX_LENGTH, MessageThreadState, PairMessage
from rementor.mentoring.queries import messages_readable_by, unread_messages
from rementor.mentoring.templatetags.mentoring_messages import messages_link
from tests.factories import UserFactory, client_for
from tests.rementor.mentoring.factories import make_pair

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
SECRET = "Mon manager ne doit pas lire ceci"


def _url(pair):
    return reverse("mentoring:messages", args=[pair.pk])


def _post(pair, user, text, **kwargs):
    with translation.override("en"):
        return thread.post_message(pair=pair, by=user, text=text, **kwargs)


# ------------------------------------------------------------------------------- the domain


@pytest.mark.django_db
def test_post_message_emails_the_other_member_a_link_never_the_text(
    django_capture_on_commit_callbacks,
):
    pair, mentee_user, mentor_user = make_pair()
    with django_capture_on_commit_callbacks(execute=True):
        message = _post(pair, mentee_user, SECRET)
    assert message.author == mentee_user and message.text == SECRET
    assert [m.to for m in mail.outbox] == [[mentor_user.email]]
    sent = mail.outbox[0]
    assert SECRET not in sent.body and SECRET not in sent.subject
    assert _url(pair) in sent.body
    # The author has read their own message; the partner has one unread.
    assert unread_messages(mentee_user, pair=pair).count() == 0
    assert unread_messages(mentor_user, pair=pair).count() == 1


@pytest.mark.django_db
def test_a_chatty_pair_emails_each_member_at_most_once_an_hour(django_capture_on_commit_callbacks):
    pair, mentee_user, mentor_user = make_pair()
    with django_capture_on_commit_callbacks(execute=True):
        for text in ("Un", "Deux", "Trois"):
            _post(pair, mentee_user, text)
        _post(pair, mentor_user, "Réponse")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([mentor_user.email, mentee_user.email])
    # An hour later, the next message is worth an e-mail again.
    MessageThreadState.objects.filter(pair=pair).update(
        notified_at=timezone.now() - thread.NOTIFY_EVERY - dt.timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        _post(pair, mentee_user, "Quatre")
    assert [m.to for m in mail.outbox[2:]] == [[mentor_user.email]]


@pytest.mark.django_db
def test_a_partner_who_left_the_company_is_not_emailed(django_capture_on_commit_callbacks):
    pair, mentee_user, mentor_user = make_pair()
    mentor_user.is_active = False
    mentor_user.save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        _post(pair, mentee_user, "Bonjour")
    assert mail.outbox == []


@pytest.mark.django_db
def test_post_message_by_a_manager_a_sponsor_or_another_participant_is_refused(
    manager, sponsor, stranger
):
    pair, _mentee, _mentor = make_pair()
    for user in (manager, sponsor, stranger):
        with pytest.raises(PermissionDenied):
            _post(pair, user, "Bonjour")
    assert not PairMessage.objects.exists()


@pytest.mark.django_db
def test_post_message_empty_or_too_long_names_the_field_and_the_limit():
    pair, mentee_user, _ = make_pair()
    with pytest.raises(ValidationError) as empty:
        _post(pair, mentee_user, "   \n ")
    assert "text" in empty.value.message_dict
    with pytest.raises(ValidationError) as long:
        _post(pair, mentee_user, "x" * (MESSAGE_MAX_LENGTH + 1))
    (error,) = long.value.message_dict["text"]
    assert "2001" in error and "2000" in error
    assert _post(pair, mentee_user, "x" * MESSAGE_MAX_LENGTH).text == "x" * MESSAGE_MAX_LENGTH


@pytest.mark.django_db
def test_an_ended_pair_thread_is_read_only_for_its_members():
    pair, mentee_user, _ = make_pair()
    _post(pair, mentee_user, "Avant la fin")
    pair.status = "completed"
    pair.save(update_fields=["status"])
    with pytest.raises(ValidationError):
        _post(pair, mentee_user, "Après la fin")
    response = client_for(mentee_user).get(_url(pair), **EN)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Avant la fin" in body and 'data-testid="thread-closed"' in body
    assert 'data-testid="message-form"' not in body
    response = client_for(mentee_user).post(_url(pair), {"text": "Après la fin"}, **EN)
    assert response.status_code == 200 and PairMessage.objects.count() == 1


@pytest.mark.django_db
def test_messages_readable_by_members_only(manager, sponsor, stranger):
    pair, mentee_user, mentor_user = make_pair()
    _post(pair, mentee_user, SECRET)
    assert messages_readable_by(mentor_user).count() == 1
    for user in (manager, sponsor, stranger):
        assert messages_readable_by(user).count() == 0


# ------------------------------------------------------------------------------- the pages


@pytest.mark.django_db
def test_thread_page_escapes_script_and_links_web_addresses_safely():
    pair, mentee_user, mentor_user = make_pair()
    _post(pair, mentor_user, '<script>alert("x")</script> voir https://example.org/a?b=1&c=2')
    _post(pair, mentor_user, "javascript:alert(1) et <a href='javascript:alert(2)'>clic</a>")
    body = client_for(mentee_user).get(_url(pair), **EN).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow">' in body
    assert 'href="javascript:' not in body and "href='javascript:" not in body


@pytest.mark.django_db
def test_thread_page_too_long_message_keeps_the_text_and_says_the_limit():
    pair, mentee_user, _ = make_pair()
    typed = "Mon long message " + "y" * MESSAGE_MAX_LENGTH
    response = client_for(mentee_user).post(_url(pair), {"text": typed}, **EN)
    assert response.status_code == 200
    assert "the limit is 2000" in response.context["form"].errors["text"][0]
    assert typed in response.content.decode()
    assert not PairMessage.objects.exists()


@pytest.mark.django_db
def test_thread_page_posts_and_comes_back_to_the_latest_message():
    pair, mentee_user, _ = make_pair()
    response = client_for(mentee_user).post(_url(pair), {"text": "Jeudi 14 h ?"})
    assert response.status_code == 302 and response.url == _url(pair) + "#latest"
    assert PairMessage.objects.get().text == "Jeudi 14 h ?"


@pytest.mark.django_db
def test_thread_page_is_refused_to_managers_and_hidden_from_others(manager, sponsor, stranger):
    pair, mentee_user, _ = make_pair()
    _post(pair, mentee_user, SECRET)
    assert client_for(manager).get(_url(pair)).status_code == 403
    for user in (sponsor, stranger):
        assert client_for(user).get(_url(pair)).status_code == 404
    # The manager's view of the pair page carries neither the link nor the text.
    body = client_for(manager).get(reverse("mentoring:pair", args=[pair.pk])).content.decode()
    assert 'data-testid="messages-link"' not in body and SECRET not in body


@pytest.mark.django_db
def test_a_former_member_reads_nothing_through_an_old_link():
    pair, mentee_user, _ = make_pair()
    _post(pair, mentee_user, SECRET)
    newcomer = UserFactory()
    pair.mentee.person = newcomer.person
    pair.mentee.save()
    assert client_for(mentee_user).get(_url(pair)).status_code == 404


@pytest.mark.django_db
def test_pair_page_link_counts_unread_messages_until_the_thread_is_read():
    pair, mentee_user, mentor_user = make_pair()
    for text in ("Un", "Deux"):
        _post(pair, mentor_user, text)

    def link(user):
        request = RequestFactory().get("/")
        request.user = user
        with translation.override("en"):
            return messages_link({"request": request}, pair)

    assert 'data-testid="unread-count">2' in link(mentee_user)
    assert "unread-count" not in link(mentor_user)
    client_for(mentee_user).get(_url(pair))
    assert "unread-count" not in link(mentee_user)


@pytest.mark.django_db
def test_thread_page_shows_the_latest_messages_first_page_older_behind_a_link():
    pair, mentee_user, mentor_user = make_pair()
    PairMessage.objects.bulk_create(
        PairMessage(pair=pair, author=mentor_user, text=f"Message {i}") for i in range(45)
    )
    body = client_for(mentee_user).get(_url(pair), **EN).content.decode()
    assert "Message 44" in body and "Message 0<" not in body
    assert 'data-testid="older-messages"' in body
