"""A programme manager walks a NEW programme through its whole life, in French and in English:
sign in from the home page, create it, invite people (a draft first asks to open
recruiting), mentees give their needs and a mentor applies through the links of their
invitation e-mails, the manager sees who has answered and reminds the others (once a day),
approves the mentor, moves to matching (refused before any mentor is accepted), runs and
publishes the matching, starts early, closes (the active pair ended, with a reason) and
reopens within 30 days. At every step the tracker on the programme page shows the current
step and the next action.

Every expected text is written out in both languages: a string left untranslated fails.
Only what a browser cannot do goes around it: reading the e-mails sent (Django's outbox).
The matching run is a background job; the tests run jobs at once (``tests/conftest.py``).
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from rementor.matching.models import Pair, PairStatus
from rementor.programmes.models import (
    Enrollment,
    EnrollmentStatus,
    Programme,
    ProgrammeStatus,
    ProgrammeStatusChange,
)
from tests.factories import PASSWORD, PersonFactory, UserFactory

NAME = "Pilote 2027"
SLUG = "pilote-2027"
NEW_PASSWORD = "un-mot-de-passe-solide-42"

# What the pages say, word for word, in each language.
TEXT = {
    "fr": {
        "language": "fr",
        "locale": "fr-FR",
        "sign_in_heading": "Se connecter à Rementor",
        "email": "Adresse e-mail",
        "password": "Mot de passe",
        "sign_in": "Se connecter",
        "new_programme": "Nouveau programme",
        "name": "Nom",
        "start_date": "Date de début",
        "end_date": "Date de fin",
        "skill": "Réseaux sociaux — LinkedIn",
        "invited_only": "Seulement les personnes invitées",
        "save": "Enregistrer",
        "created": f"Programme « {NAME} » créé.",
        "draft": "Brouillon",
        "recruiting": "Recrutement",
        "matching": "Appariement",
        "running": "En cours",
        "closed": "Clôturé",
        "invite_people": "Inviter des personnes",
        "no_mentee": "Aucun mentoré invité pour l’instant.",
        "invite_as": "Inviter en tant que",
        "mentor_role": "Mentor",
        "paste": "Ou collez une liste",
        "open_recruiting_box": "Ouvrir le recrutement maintenant et envoyer les invitations",
        "send_invitations": "Envoyer les invitations",
        "draft_refused": "Ce programme est encore un brouillon",
        "invitations_sent_2": "2 invitations envoyées.",
        "invitation_sent_1": "1 invitation envoyée.",
        "mentees_invited_2": "2 mentorés invités.",
        "mentor_invited_1": "1 candidat mentor invité.",
        "now_recruiting": "Le programme est désormais au statut « Recrutement ».",
        "decide": "Statuer sur les candidatures de mentor",
        "welcome": "Bienvenue dans Rementor",
        "continue": "Continuer",
        "password_set": "Bienvenue dans Rementor ! Votre mot de passe est enregistré.",
        "fill_needs": "Renseigner mes besoins",
        "wishes": "Ce que je veux savoir faire",
        "level": "Niveau actuel en LinkedIn",
        "target": "Niveau visé en LinkedIn",
        "priority": "Priorité : LinkedIn",
        "french": "Français",
        "slot": "Mardi 8h–10h",
        "send_answers": "Envoyer mes réponses",
        "needs_saved": "vos besoins sont enregistrés",
        "motivation": "Pourquoi souhaitez-vous être le mentor d’un collègue senior ?",
        "commitment": "Les séances du programme, sans plus",
        "capacity": "Combien de mentorés pourriez-vous accompagner ?",
        "mentor_level": "Votre niveau en « LinkedIn »",
        "evidence": "Justificatif pour « LinkedIn »",
        "send_application": "Envoyer ma candidature",
        "application_saved": "Votre candidature est enregistrée.",
        "application_waits": "1 candidature de mentor attend une décision.",
        "start_matching": "Passer à l’appariement",
        "not_yet_possible": "Ce passage n’est pas encore possible",
        "no_mentor_accepted": "Aucun mentor n’a encore été accepté",
        "who_answered": "Qui a répondu",
        "needs_count": "1 sur 2 mentorés ont donné leurs besoins.",
        "applications_count": "1 mentor invité sur 1 a répondu.",
        "will_receive_1": "1 personne recevra un e-mail de relance.",
        "remind_1": "Envoyer la relance à 1 personne",
        "reminded_1": "1 personne relancée par e-mail.",
        "reminded_0": "0 personne relancée par e-mail.",
        "already_1": "1 personne déjà relancée aujourd’hui : pas de nouvel e-mail.",
        "left_out_1": "1 personne déjà relancée aujourd’hui est laissée de côté.",
        "mentor_candidates": "Candidats mentors",
        "approved": "Retenu",
        "reason": "Motif (le même pour chacun)",
        "confirm_decision": ("J’ai vérifié les candidats cochés : chacun sera prévenu par e-mail."),
        "save_decision": "Enregistrer la décision pour les candidats cochés",
        "nothing_decided": "Rien n’a été décidé :",
        "decision_saved_1": "1 décision enregistrée : le candidat recevra un e-mail.",
        "mentor_accepted_1": "1 mentor accepté.",
        "warnings": "À savoir avant de continuer",
        "needs_given_1_of_2": "1 mentoré sur 2 a donné ses besoins.",
        "now_matching": "Le programme est désormais au statut « Appariement ».",
        "open_matching": "Ouvrir l’appariement",
        "run": "Lancer l’appariement",
        "run_done": "Calcul n° 1 :",
        "pairs_proposed": "Binômes proposés",
        "publish": "Publier ces binômes",
        "published_1": "1 binôme publié ; ses deux membres ont reçu un e-mail.",
        "run_published_1": "1 calcul d’appariement publié.",
        "active_pair_1": "1 binôme actif.",
        "start_programme": "Démarrer le programme",
        "start_early": "Démarrer en avance",
        "start_early_needed": "Cochez cette case pour démarrer avant le",
        "now_running": "Le programme est désormais au statut « En cours ».",
        "follow_pairs": "Suivre les binômes",
        "close_programme": "Clôturer le programme",
        "pairs_question": "Les binômes encore actifs ou en pause",
        "end_them": "Les arrêter avant terme, pour le motif ci-dessous",
        "end_reason": "Motif de l’arrêt avant terme",
        "close_early": "Clôturer en avance",
        "confirm_close": "J’ai lu ce que fait la clôture, et je veux clôturer le programme.",
        "choose_pairs": "Choisissez ce que deviennent les binômes encore actifs ou en pause.",
        "give_reason": "Veuillez indiquer un motif.",
        "now_closed": "Le programme est désormais au statut « Clôturé ».",
        "ended_1": "1 binôme arrêté avant terme.",
        "reopen_until": "Un responsable peut le rouvrir jusqu’au",
        "see_results": "Voir les résultats",
        "reopen": "Rouvrir le programme",
        "reopened": "Rouvert",
        "end_date_come": "Sa date de fin, le ",
    },
    "en": {
        "language": "en",
        "locale": "en-GB",
        "sign_in_heading": "Sign in to Rementor",
        "email": "E-mail address",
        "password": "Password",
        "sign_in": "Sign in",
        "new_programme": "New programme",
        "name": "Name",
        "start_date": "Start date",
        "end_date": "End date",
        "skill": "Social media — LinkedIn",
        "invited_only": "Invited people only",
        "save": "Save",
        "created": f"Programme “{NAME}” created.",
        "draft": "Draft",
        "recruiting": "Recruiting",
        "matching": "Matching",
        "running": "Running",
        "closed": "Closed",
        "invite_people": "Invite people",
        "no_mentee": "No mentee invited yet.",
        "invite_as": "Invite as",
        "mentor_role": "Mentor",
        "paste": "Or paste a list",
        "open_recruiting_box": "Open recruiting now, and send the invitations",
        "send_invitations": "Send the invitations",
        "draft_refused": "This programme is still a draft",
        "invitations_sent_2": "2 invitations sent.",
        "invitation_sent_1": "1 invitation sent.",
        "mentees_invited_2": "2 mentees invited.",
        "mentor_invited_1": "1 mentor candidate invited.",
        "now_recruiting": "The programme is now “Recruiting”.",
        "decide": "Decide on the mentor applications",
        "welcome": "Welcome to Rementor",
        "continue": "Continue",
        "password_set": "Welcome to Rementor! Your password is set.",
        "fill_needs": "Fill in my needs",
        "wishes": "What I want to be able to do",
        "level": "Current level in LinkedIn",
        "target": "Target level in LinkedIn",
        "priority": "Priority of LinkedIn",
        "french": "French",
        "slot": "Tuesday 8–10 am",
        "send_answers": "Send my answers",
        "needs_saved": "your needs are saved",
        "motivation": "Why do you want to mentor a senior colleague?",
        "commitment": "The programme's sessions, no more",
        "capacity": "How many mentees could you take?",
        "mentor_level": "Your level in “LinkedIn”",
        "evidence": "Evidence for “LinkedIn”",
        "send_application": "Send my application",
        "application_saved": "Your application is saved.",
        "application_waits": "1 mentor application waits for a decision.",
        "start_matching": "Start matching",
        "not_yet_possible": "This move is not possible yet",
        "no_mentor_accepted": "No mentor has been accepted yet",
        "who_answered": "Who has answered",
        "needs_count": "1 of 2 mentees have given their needs.",
        "applications_count": "1 of 1 invited mentor has answered.",
        "will_receive_1": "1 person will receive a reminder e-mail.",
        "remind_1": "Send the reminder to 1 person",
        "reminded_1": "1 person reminded by e-mail.",
        "reminded_0": "0 people reminded by e-mail.",
        "already_1": "1 person already reminded today: not e-mailed again.",
        "left_out_1": "1 already reminded today is left out.",
        "mentor_candidates": "Mentor candidates",
        "approved": "Approved",
        "reason": "Reason (the same for each)",
        "confirm_decision": (
            "I have checked the ticked candidates: each one will be told by e-mail."
        ),
        "save_decision": "Save the decision for the ticked candidates",
        "nothing_decided": "Nothing was decided:",
        "decision_saved_1": "1 decision saved: the candidate will receive an e-mail.",
        "mentor_accepted_1": "1 mentor accepted.",
        "warnings": "Good to know before you go on",
        "needs_given_1_of_2": "1 of 2 mentees has given their needs.",
        "now_matching": "The programme is now “Matching”.",
        "open_matching": "Open the matching",
        "run": "Run the matching",
        "run_done": "Run #1:",
        "pairs_proposed": "Proposed pairs",
        "publish": "Publish these pairs",
        "published_1": "1 pair published; both members were e-mailed.",
        "run_published_1": "1 matching run published.",
        "active_pair_1": "1 active pair.",
        "start_programme": "Start the programme",
        "start_early": "Start early",
        "start_early_needed": "Tick this box to start before",
        "now_running": "The programme is now “Running”.",
        "follow_pairs": "Follow the pairs",
        "close_programme": "Close the programme",
        "pairs_question": "The pairs still active or paused",
        "end_them": "End them early, for the reason below",
        "end_reason": "Reason for ending them early",
        "close_early": "Close early",
        "confirm_close": "I have read what closing does, and I want to close the programme.",
        "choose_pairs": "Choose what happens to the pairs still active or paused.",
        "give_reason": "Please give a reason.",
        "now_closed": "The programme is now “Closed”.",
        "ended_1": "1 pair ended early.",
        "reopen_until": "A manager can reopen it until",
        "see_results": "See the results",
        "reopen": "Reopen the programme",
        "reopened": "Reopened",
        "end_date_come": "Its end date, ",
    },
}


# ------------------------------------------------------------------------------ helpers

# Sentences long enough not to be shared by both languages by chance.
LONG_SENTENCE = 30


@cache
def _other_language_sentences(language: str) -> frozenset[str]:
    """Whole sentences of the catalogue in the language the page must NOT show: the English
    originals on a French page, their French translations on an English page."""
    import rementor

    mo = Path(rementor.__file__).parent / "locale" / "fr" / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as file:
        catalog = gettext.GNUTranslations(file)._catalog
    found = set()
    for key, translated in catalog.items():
        original = key[0] if isinstance(key, tuple) else key  # (msgid, plural form)
        original = original.split("\x04")[-1]  # without its context
        if not original or not translated or original == translated:
            continue
        text = original if language == "fr" else translated
        if len(text) >= LONG_SENTENCE and not re.search(r"%|\{|<|\n", text):
            found.add(text)
    return frozenset(found)


def _speaks(page: Page, language: str) -> None:
    """The page is in ``language`` and shows no sentence of the other one."""
    expect(page.locator("html")).to_have_attribute("lang", language)
    shown = page.locator("body").inner_text()
    stray = sorted(s for s in _other_language_sentences(language) if s in shown)
    assert not stray, f"{page.url} ({language}) shows: {stray}"


def _new_page(browser, language: str) -> Page:
    context = browser.new_context(locale=TEXT[language]["locale"])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _programme_page(page: Page, server: str) -> None:
    page.goto(f"{server}/programmes/{SLUG}/")


def _expect_tracker(page: Page, t: dict, *, step: str, next_action: str) -> None:
    """The tracker marks ``step`` as the current one, and offers ``next_action`` first."""
    _speaks(page, t["language"])
    current = page.get_by_test_id("tracker-steps").locator("[aria-current=step]")
    expect(current).to_have_count(1)
    expect(current).to_contain_text(t[step])
    expect(page.get_by_test_id("programme-status")).to_have_text(t[step])
    expect(page.get_by_test_id("next-action")).to_have_text(next_action)


def _field(page: Page, label: str):
    """The form field labelled exactly ``label`` (a required field's label ends with "*")."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}(\s*\*)?$"))


def _flash(page: Page):
    """The messages shown at the top of the page after a redirect."""
    return page.get_by_role("status").or_(page.get_by_role("alert"))


def _link_in_last_mail_to(address: str, server: str) -> str:
    """The link of the last e-mail sent to ``address``, on the test server."""
    sent = [m for m in mail.outbox if address in m.to]
    assert sent, f"no e-mail to {address}"
    found = re.search(r"https?://\S+", sent[-1].body)
    assert found, sent[-1].body
    parts = urlsplit(found.group(0))
    return f"{server}{parts.path}" + (f"?{parts.query}" if parts.query else "")


def _join(page: Page, t: dict, link: str) -> None:
    """Follow an invitation link and choose a password."""
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(t["welcome"])
    _speaks(page, t["language"])
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name=t["continue"]).click()
    expect(page.get_by_text(t["password_set"])).to_be_visible()


# ------------------------------------------------------------------------------ the journey


@pytest.mark.parametrize("language", ["fr", "en"])
def test_manager_walks_a_new_programme_from_creation_to_reopening(
    transactional_db, live_server, browser, language
):
    t = TEXT[language]
    server = live_server.url
    manager = UserFactory(
        email="rh@example.org",
        is_programme_manager=True,
        person__first_name="Hélène",
        person__last_name="Martin",
    )
    anne = PersonFactory(first_name="Anne", last_name="Directrice", email="anne@example.org")
    PersonFactory(first_name="Bruno", last_name="Directeur", email="bruno@example.org")
    PersonFactory(first_name="Léa", last_name="Réseaux", email="lea@example.org")
    today = timezone.localdate()
    start, end = today + dt.timedelta(days=14), today + dt.timedelta(days=180)

    page = _new_page(browser, language)
    try:
        # --- Sign in from the home page.
        page.goto(f"{server}/")
        expect(page.get_by_role("heading", name=t["sign_in_heading"])).to_be_visible()
        _speaks(page, language)
        page.get_by_label(t["email"]).fill(manager.email)
        page.get_by_label(t["password"], exact=True).fill(PASSWORD)
        page.get_by_role("button", name=t["sign_in"]).click()

        # --- Create the programme.
        page.get_by_role("link", name=t["new_programme"]).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(t["new_programme"])
        _speaks(page, language)
        _field(page, t["name"]).fill(NAME)
        _field(page, t["start_date"]).fill(start.isoformat())
        _field(page, t["end_date"]).fill(end.isoformat())
        page.get_by_label(t["invited_only"]).check()
        page.get_by_label(t["skill"]).check()
        page.get_by_role("button", name=t["save"], exact=True).click()
        expect(_flash(page).filter(has_text=t["created"])).to_be_visible()
        expect(page).to_have_url(f"{server}/programmes/{SLUG}/")
        _expect_tracker(page, t, step="draft", next_action=t["invite_people"])
        expect(page.get_by_test_id("mentor-applications")).to_have_text(t["invited_only"])
        expect(page.get_by_test_id("tracker-missing")).to_contain_text(t["no_mentee"])

        # --- Invite the mentees: a draft refuses until recruiting opens with the invitations.
        page.get_by_test_id("next-action").click()
        expect(page.get_by_test_id("draft-confirmation")).to_be_visible()
        page.get_by_label("Anne Directrice").check()
        page.get_by_label("Bruno Directeur").check()
        page.get_by_role("button", name=t["send_invitations"]).click()
        expect(page.get_by_test_id("draft-confirmation")).to_contain_text(t["draft_refused"])
        _speaks(page, language)
        # Nothing ticked is lost, nothing was sent, the programme is still a draft.
        expect(page.get_by_label("Anne Directrice")).to_be_checked()
        expect(page.get_by_label("Bruno Directeur")).to_be_checked()
        assert not mail.outbox
        assert Programme.objects.get(slug=SLUG).status == ProgrammeStatus.DRAFT
        page.get_by_label(t["open_recruiting_box"]).check()
        page.get_by_role("button", name=t["send_invitations"]).click()
        expect(_flash(page).filter(has_text=t["now_recruiting"])).to_be_visible()
        expect(_flash(page).filter(has_text=t["invitations_sent_2"])).to_be_visible()
        # No mentor invited yet: inviting comes first.
        _expect_tracker(page, t, step="recruiting", next_action=t["invite_people"])
        expect(page.get_by_test_id("tracker-done")).to_contain_text(t["mentees_invited_2"])

        # --- Invite the mentor by pasting her address (recruiting: no draft question).
        page.get_by_test_id("next-action").click()
        expect(page.get_by_test_id("draft-confirmation")).to_have_count(0)
        page.get_by_label(t["invite_as"]).select_option("mentor")
        page.get_by_label(t["paste"]).fill("lea@example.org")
        page.get_by_role("button", name=t["send_invitations"]).click()
        expect(_flash(page).filter(has_text=t["invitation_sent_1"])).to_be_visible()
        expect(page.get_by_test_id("tracker-done")).to_contain_text(t["mentor_invited_1"])
        # Invited, not applied yet: nothing to decide, the candidates page is where to look.
        _expect_tracker(page, t, step="recruiting", next_action=t["mentor_candidates"])

        # --- Anne gives her needs through the link of her invitation; Bruno does not.
        anne_page = _new_page(browser, language)
        try:
            _join(anne_page, t, _link_in_last_mail_to("anne@example.org", server))
            expect(anne_page).to_have_url(f"{server}/programmes/{SLUG}/")
            anne_page.get_by_role("link", name=t["fill_needs"]).click()
            anne_page.get_by_label(t["wishes"]).fill("Publier sur LinkedIn chaque semaine")
            anne_page.get_by_label(t["level"]).select_option("1")
            anne_page.get_by_label(t["target"]).select_option("3")
            anne_page.get_by_label(t["priority"]).select_option("3")
            anne_page.get_by_label(t["french"], exact=True).check()
            anne_page.get_by_label(t["slot"]).check()
            _speaks(anne_page, language)
            anne_page.get_by_role("button", name=t["send_answers"]).click()
            expect(_flash(anne_page).filter(has_text=t["needs_saved"])).to_be_visible()
        finally:
            anne_page.context.close()

        # --- Léa applies through the link of her invitation.
        lea_page = _new_page(browser, language)
        try:
            _join(lea_page, t, _link_in_last_mail_to("lea@example.org", server))
            expect(lea_page).to_have_url(re.compile(rf"/selection/{SLUG}/apply/$"))
            lea_page.get_by_label(t["motivation"]).fill("Partager ce que je sais de LinkedIn.")
            lea_page.get_by_label(t["commitment"]).check()
            lea_page.get_by_label(t["capacity"]).fill("1")
            lea_page.get_by_label(t["mentor_level"]).select_option("4")
            lea_page.get_by_label(t["evidence"]).fill("https://www.linkedin.com/in/lea")
            lea_page.get_by_label(t["french"], exact=True).check()
            lea_page.get_by_label(t["slot"]).check()
            _speaks(lea_page, language)
            lea_page.get_by_role("button", name=t["send_application"]).click()
            expect(_flash(lea_page).filter(has_text=t["application_saved"]).first).to_be_visible()
        finally:
            lea_page.context.close()
        assert Enrollment.objects.get(person__email="lea@example.org").status == "applied"

        # --- The manager: an application waits; matching is refused before any acceptance.
        _programme_page(page, server)
        _expect_tracker(page, t, step="recruiting", next_action=t["decide"])
        expect(page.get_by_test_id("tracker-missing")).to_contain_text(t["application_waits"])
        page.get_by_test_id("move").filter(has_text=t["start_matching"]).click()
        blockers = page.get_by_test_id("blockers")
        expect(blockers).to_contain_text(t["not_yet_possible"])
        expect(blockers).to_contain_text(t["no_mentor_accepted"])
        expect(page.get_by_test_id("confirm-move")).to_have_count(0)
        _speaks(page, language)

        # --- Who has answered, and one reminder (a second click the same day sends none).
        _programme_page(page, server)
        page.get_by_test_id("responses-link").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(t["who_answered"])
        expect(page.get_by_test_id("needs-count")).to_have_text(t["needs_count"])
        expect(page.get_by_test_id("applications-count")).to_have_text(t["applications_count"])
        _speaks(page, language)
        remind = page.get_by_test_id("needs-remind")
        expect(remind).to_contain_text(t["will_receive_1"])
        # The same page open in a second tab, before the first click.
        second_tab = page.context.new_page()
        second_tab.goto(page.url)
        mails_before = len(mail.outbox)
        remind.get_by_role("button", name=t["remind_1"]).click()
        expect(_flash(page).filter(has_text=t["reminded_1"])).to_be_visible()
        reminders = mail.outbox[mails_before:]
        assert [m.to for m in reminders] == [["bruno@example.org"]]
        # The reminder carries a fresh link to choose a password, then give the needs.
        assert urlsplit(_link_in_last_mail_to("bruno@example.org", server)).path.startswith(
            "/join/"
        )
        # Reloaded, the page says Bruno was reminded today, and offers nobody to remind.
        expect(page.get_by_test_id("needs-remind")).to_contain_text(t["left_out_1"])
        expect(page.get_by_test_id("needs-remind").get_by_role("button")).to_be_disabled()
        # The stale tab's button is still active: its click sends nothing.
        second_tab.get_by_test_id("needs-remind").get_by_role("button").click()
        expect(_flash(second_tab).filter(has_text=t["reminded_0"])).to_be_visible()
        expect(_flash(second_tab).filter(has_text=t["already_1"])).to_be_visible()
        second_tab.close()
        assert len(mail.outbox) == mails_before + 1

        # --- Approve the mentor: one shared reason; without the confirmation nothing moves.
        _programme_page(page, server)
        page.get_by_test_id("next-action").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(t["mentor_candidates"])
        page.get_by_role("checkbox", name=re.compile("Léa Réseaux")).check()
        page.get_by_label(t["approved"], exact=True).check()
        page.get_by_label(t["reason"]).fill("Profil solide sur LinkedIn.")
        page.get_by_role("button", name=t["save_decision"]).click()
        expect(page.get_by_test_id("bulk-errors")).to_contain_text(t["nothing_decided"])
        _speaks(page, language)
        expect(page.get_by_role("checkbox", name=re.compile("Léa Réseaux"))).to_be_checked()
        expect(page.get_by_label(t["reason"])).to_have_value("Profil solide sur LinkedIn.")
        assert Enrollment.objects.get(person__email="lea@example.org").status == "applied"
        page.get_by_label(t["confirm_decision"]).check()
        page.get_by_role("button", name=t["save_decision"]).click()
        expect(_flash(page).filter(has_text=t["decision_saved_1"])).to_be_visible()
        assert Enrollment.objects.get(person__email="lea@example.org").status == "accepted"

        # --- Move to matching through its confirmation page.
        _programme_page(page, server)
        expect(page.get_by_test_id("tracker-done")).to_contain_text(t["mentor_accepted_1"])
        _expect_tracker(page, t, step="recruiting", next_action=t["start_matching"])
        page.get_by_test_id("next-action").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(t["start_matching"])
        expect(page.get_by_test_id("blockers")).to_have_count(0)
        warnings = page.get_by_test_id("warnings")
        expect(warnings).to_contain_text(t["warnings"])
        expect(warnings).to_contain_text(t["needs_given_1_of_2"])
        _speaks(page, language)
        page.get_by_test_id("confirm-move").click()
        expect(_flash(page).filter(has_text=t["now_matching"])).to_be_visible()
        _expect_tracker(page, t, step="matching", next_action=t["open_matching"])

        # --- Run the matching (a background job) and publish it, without starting yet.
        page.get_by_test_id("next-action").click()
        page.get_by_role("button", name=t["run"]).click()
        expect(page.locator("#run-status")).to_contain_text(t["run_done"])
        table = page.get_by_role("table", name=t["pairs_proposed"])
        expect(table.get_by_role("row").filter(has_text="Anne Directrice")).to_contain_text(
            "Léa Réseaux"
        )
        # The start date is ahead: publishing does not start the programme unless asked.
        expect(page.locator("input[name=start]")).not_to_be_checked()
        _speaks(page, language)
        page.get_by_role("button", name=t["publish"]).click()
        expect(_flash(page).filter(has_text=t["published_1"])).to_be_visible()
        pair = Pair.objects.get(programme__slug=SLUG)
        assert (pair.mentee.person, pair.mentor.person.email) == (anne, "lea@example.org")

        _programme_page(page, server)
        _expect_tracker(page, t, step="matching", next_action=t["start_programme"])
        expect(page.get_by_test_id("tracker-done")).to_contain_text(t["run_published_1"])
        expect(page.get_by_test_id("tracker-done")).to_contain_text(t["active_pair_1"])

        # --- Start it: the start date is ahead, so starting early must be ticked.
        page.get_by_test_id("next-action").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(t["start_programme"])
        page.get_by_test_id("confirm-move").click()
        expect(page.get_by_test_id("transition-form")).to_contain_text(t["start_early_needed"])
        _speaks(page, language)
        assert Programme.objects.get(slug=SLUG).status == ProgrammeStatus.MATCHING
        page.get_by_label(re.compile(t["start_early"])).check()
        page.get_by_test_id("confirm-move").click()
        expect(_flash(page).filter(has_text=t["now_running"])).to_be_visible()
        _expect_tracker(page, t, step="running", next_action=t["follow_pairs"])
        assert Programme.objects.get(slug=SLUG).start_date == today

        # --- Close: what becomes of the active pair must be chosen, the reason kept.
        page.get_by_test_id("move").filter(has_text=t["close_programme"]).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(t["close_programme"])
        expect(page.get_by_role("group", name=t["pairs_question"])).to_be_visible()
        page.get_by_label(t["end_reason"]).fill("Réorganisation du service.")
        page.get_by_label(re.compile(t["close_early"])).check()
        page.get_by_label(t["confirm_close"]).check()
        page.get_by_test_id("confirm-move").click()
        form = page.get_by_test_id("transition-form")
        expect(form).to_contain_text(t["choose_pairs"])
        expect(page.get_by_label(t["end_reason"])).to_have_value("Réorganisation du service.")
        expect(page.get_by_label(t["confirm_close"])).to_be_checked()
        _speaks(page, language)
        assert Programme.objects.get(slug=SLUG).status == ProgrammeStatus.RUNNING
        # Ending early without a reason is refused too.
        page.get_by_label(t["end_them"]).check()
        page.get_by_label(t["end_reason"]).fill("")
        page.get_by_test_id("confirm-move").click()
        expect(form).to_contain_text(t["give_reason"])
        expect(page.get_by_label(t["end_them"])).to_be_checked()
        assert Pair.objects.get(programme__slug=SLUG).status == PairStatus.ACTIVE
        page.get_by_label(t["end_reason"]).fill("Réorganisation du service.")
        page.get_by_test_id("confirm-move").click()
        expect(_flash(page).filter(has_text=t["now_closed"])).to_be_visible()
        _expect_tracker(page, t, step="closed", next_action=t["see_results"])
        expect(page.get_by_test_id("tracker-done")).to_contain_text(t["ended_1"])
        expect(page.get_by_test_id("tracker-note")).to_contain_text(t["reopen_until"])
        assert Pair.objects.get(programme__slug=SLUG).status == PairStatus.ENDED

        # --- Reopen within 30 days: recorded in the history and the audit trail.
        page.get_by_test_id("move").filter(has_text=t["reopen"]).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(t["reopen"])
        _speaks(page, language)
        page.get_by_test_id("confirm-move").click()
        expect(_flash(page).filter(has_text=t["now_running"])).to_be_visible()
        # Closing early made today its end date: the tracker says so, and offers to close.
        _expect_tracker(page, t, step="running", next_action=t["close_programme"])
        expect(page.get_by_test_id("tracker-note")).to_contain_text(t["end_date_come"])
        expect(page.get_by_test_id("status-change").first).to_contain_text(t["reopened"])
        programme = Programme.objects.get(slug=SLUG)
        assert list(
            ProgrammeStatusChange.objects.filter(programme=programme)
            .order_by("changed_at", "pk")
            .values_list("to_status", flat=True)
        ) == ["recruiting", "matching", "running", "closed", "running"]
        reopened = LogEntry.objects.get(additional_data__event="programme_reopened")
        assert (reopened.actor, reopened.object_pk) == (manager, str(programme.pk))
        assert Enrollment.objects.get(person=anne).status == EnrollmentStatus.ACCEPTED
    finally:
        page.context.close()
