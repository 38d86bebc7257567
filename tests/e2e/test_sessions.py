"""Plan -> .ics -> log -> pulse, as the mentor and the mentee (French UI); recording a
session that already took place."""

import datetime as dt
from pathlib import Path

import icalendar
from django.utils import timezone
from playwright.sync_api import expect

from rementor.matching.models import Pair
from rementor.mentoring.models import MentoringSession, PairCharter, PrivateNote, Pulse
from tests.factories import PASSWORD
from tests.rementor.mentoring.factories import make_pair


def _sign_in(browser, live_server, email):
    context = browser.new_context(locale="fr-FR", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_test_id("signed-in-as")).to_be_visible()
    return context, page


def test_plan_ics_log_and_pulse(transactional_db, live_server, browser):
    pair, mentee_user, mentor_user = make_pair(
        mentee_email="directrice@example.org", mentor_email="alternant@example.org"
    )
    now = timezone.now()
    PairCharter.objects.create(
        pair=pair,
        confidentiality="Ce qui se dit ici reste ici.",
        mentee_accepted_at=now,
        mentor_accepted_at=now,
    )
    pair_url = f"{live_server.url}/mentoring/pairs/{pair.pk}/"
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    # The mentor plans tomorrow's session and downloads the invitation.
    mentor_context, page = _sign_in(browser, live_server, mentor_user.email)
    page.goto(pair_url)
    page.get_by_test_id("plan-session").click()
    page.locator("input[name=date]").fill(tomorrow.isoformat())
    page.locator("input[name=time]").fill("14:30")
    page.locator("input[name=location]").fill("https://visio.example.org/binome")
    page.locator("textarea[name=agenda]").fill("Premier post LinkedIn")
    page.get_by_test_id("save-session").click()
    expect(page.get_by_test_id("session-status")).to_have_attribute("data-status", "planned")
    session = MentoringSession.objects.get(pair=pair)
    with page.expect_download() as download_info:
        page.get_by_test_id("session-ics").click()
    ics = Path(download_info.value.path()).read_bytes()
    event = icalendar.Calendar.from_ical(ics).events[0]
    assert str(event["uid"]) == f"{session.uid}@rementor"
    assert event["dtstart"].params["TZID"] == "Europe/Paris"

    # Two days later (a session is logged as held once its start has passed).
    MentoringSession.objects.filter(pk=session.pk).update(
        starts_at=session.starts_at - dt.timedelta(days=2)
    )

    # The mentee logs it as held, with a shared and a private note, then gives a pulse.
    mentee_context, page = _sign_in(browser, live_server, mentee_user.email)
    page.goto(pair_url)
    page.get_by_test_id(f"to-log-{session.pk}").click()
    page.locator("input[name=status][value=held]").check()
    page.locator("input[name=skills]").first.check()
    page.locator("textarea[name=shared_notes]").fill("Nous avons rédigé un premier post.")
    page.locator("textarea[name=private_note]").fill("Je me sentais intimidée au début.")
    page.get_by_test_id("save-log").click()
    expect(page.get_by_test_id("session-status")).to_have_attribute("data-status", "held")
    expect(page.get_by_test_id("private-note")).to_contain_text("intimidée")
    page.get_by_test_id("give-pulse").click()
    page.locator("input[name=usefulness][value='5']").check()
    page.locator("input[name=comfort][value='4']").check()
    page.get_by_test_id("save-pulse").click()
    expect(page.get_by_test_id("sessions-section")).to_be_visible()
    expect(page.get_by_test_id(f"pulse-due-{session.pk}")).to_have_count(0)
    mentee_context.close()

    # The mentor sees the shared note, never the private one, and answers the pulse too.
    page = mentor_context.pages[0]
    page.goto(pair_url)
    page.get_by_test_id(f"pulse-due-{session.pk}").click()
    page.locator("input[name=usefulness][value='4']").check()
    page.locator("input[name=comfort][value='5']").check()
    page.get_by_test_id("save-pulse").click()
    expect(page.get_by_test_id("sessions-section")).to_be_visible()
    page.goto(f"{live_server.url}/mentoring/sessions/{session.pk}/")
    expect(page.get_by_test_id("shared-notes")).to_contain_text("premier post")
    expect(page.locator("body")).not_to_contain_text("intimidée")
    note = PrivateNote.objects.get(session=session)
    response = page.goto(f"{live_server.url}/mentoring/private-notes/{note.pk}/")
    assert response.status == 404
    mentor_context.close()

    assert Pulse.objects.filter(session=session).count() == 2
    assert note.author == mentee_user


def test_record_a_session_that_already_took_place(transactional_db, live_server, browser):
    pair, mentee_user, _mentor_user = make_pair(
        mentee_email="directeur@example.org", mentor_email="stagiaire@example.org"
    )
    now = timezone.now()
    PairCharter.objects.create(
        pair=pair, confidentiality="Entre nous.", mentee_accepted_at=now, mentor_accepted_at=now
    )
    Pair.objects.filter(pk=pair.pk).update(created_at=now - dt.timedelta(days=10))
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    context, page = _sign_in(browser, live_server, mentee_user.email)
    page.goto(f"{live_server.url}/mentoring/pairs/{pair.pk}/")
    page.get_by_test_id("record-session").click()
    page.locator("input[name=date]").fill(yesterday.isoformat())
    page.locator("input[name=time]").fill("08:30")
    page.locator("input[name=location]").fill("Cafétéria")
    page.locator("textarea[name=shared_notes]").fill("Tour des canaux Slack.")
    page.get_by_test_id("save-record").click()

    expect(page.get_by_test_id("session-status")).to_have_attribute("data-status", "held")
    session = MentoringSession.objects.get(pair=pair)
    assert timezone.localtime(session.starts_at).date() == yesterday
    context.close()
