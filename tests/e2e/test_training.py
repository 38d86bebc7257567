"""A mentee takes a training module with its quiz; both members accept the pair charter."""

from playwright.sync_api import expect

from rementor.mentoring.charter import charter_signed
from rementor.training.domain import install_default_modules
from rementor.training.models import TrainingCompletion, TrainingModule
from tests.factories import PASSWORD
from tests.rementor.mentoring.factories import make_pair


def _sign_in(page, live_server, email):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def test_mentee_completes_a_module_with_its_quiz(transactional_db, live_server, page):
    pair, mentee_user, _ = make_pair(mentee_email="mentoree@example.org")
    install_default_modules(programme=pair.programme)
    module = TrainingModule.objects.get(programme=pair.programme, code="confidentiality")
    questions = list(module.questions.all())

    _sign_in(page, live_server, mentee_user.email)
    page.goto(f"{live_server.url}/mentoring/programmes/{pair.programme.slug}/training/")
    row = page.locator(f'[data-testid="module-row"][data-module="{module.pk}"]')
    expect(row.get_by_test_id("module-status")).to_have_attribute("data-status", "todo")
    row.get_by_role("link").click()
    expect(page.locator("article.training-body h2")).to_be_visible()

    # A first try with one wrong answer: told which one, nothing recorded, choices kept.
    first, second = questions
    page.locator(f"input[name=q{first.pk}][value='{(first.correct_index + 1) % 3}']").check()
    page.locator(f"input[name=q{second.pk}][value='{second.correct_index}']").check()
    page.get_by_test_id("complete-module").click()
    expect(page.get_by_test_id("quiz-wrong")).to_be_visible()
    expect(page.locator(f'[data-question="{first.pk}"]')).to_have_attribute("data-wrong", "1")
    expect(
        page.locator(f"input[name=q{second.pk}][value='{second.correct_index}']")
    ).to_be_checked()
    assert not TrainingCompletion.objects.exists()

    page.locator(f"input[name=q{first.pk}][value='{first.correct_index}']").check()
    page.get_by_test_id("complete-module").click()
    row = page.locator(f'[data-testid="module-row"][data-module="{module.pk}"]')
    expect(row.get_by_test_id("module-status")).to_have_attribute("data-status", "done")
    assert TrainingCompletion.objects.get().enrollment == pair.mentee


def test_both_members_accept_the_charter(transactional_db, live_server, browser):
    pair, mentee_user, mentor_user = make_pair(
        mentee_email="mentoree@example.org", mentor_email="mentor@example.org"
    )
    for user in (mentee_user, mentor_user):
        context = browser.new_context(locale="fr-FR")
        page = context.new_page()
        page.set_default_timeout(15_000)
        _sign_in(page, live_server, user.email)
        page.goto(f"{live_server.url}/mentoring/pairs/{pair.pk}/")
        page.get_by_test_id("charter-section").get_by_role("link").click()
        page.get_by_test_id("accept-charter").click()
        expect(page.get_by_test_id("accept-charter")).to_have_count(0)
        context.close()

    assert charter_signed(pair)
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    _sign_in(page, live_server, mentee_user.email)
    page.goto(f"{live_server.url}/mentoring/pairs/{pair.pk}/charter/")
    expect(page.get_by_test_id("charter-status")).to_have_attribute("data-signed", "1")

    # A change by the mentee clears both acceptances, and the page says so.
    page.get_by_test_id("edit-charter").click()
    page.locator("#id_first_objectives").fill("Publier un post LinkedIn par semaine")
    page.get_by_test_id("save-charter").click()
    expect(page.get_by_test_id("charter-status")).to_have_attribute("data-signed", "0")
    expect(page.get_by_test_id("accept-charter")).to_be_visible()
    assert not charter_signed(pair)
    context.close()
