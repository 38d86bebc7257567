from playwright.sync_api import expect

from rementor.programmes.models import Enrollment, EnrollmentStatus, ProgrammeStatus
from rementor.skills.models import Assessment, AssessmentKind, Skill
from tests.factories import PASSWORD, EnrollmentFactory, ProgrammeFactory, UserFactory


def test_mentee_fills_in_needs_in_french(transactional_db, live_server, page):
    programme = ProgrammeFactory(name="Programme pilote", status=ProgrammeStatus.RECRUITING)
    programme.skills.set(Skill.objects.filter(code__in=["linkedin", "tiktok", "dashboards"]))
    user = UserFactory(email="directrice@example.org", person__first_name="Agnès")
    EnrollmentFactory(programme=programme, person=user.person, status=EnrollmentStatus.INVITED)

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Adresse e-mail").fill("directrice@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Programme pilote").click()
    page.get_by_role("link", name="Renseigner mes besoins").click()

    # A first try without any goal is refused, and nothing typed is lost.
    page.get_by_label("Ce que je veux savoir faire").fill("Publier sur LinkedIn chaque semaine")
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_role("alert")).to_contain_text("au moins une compétence")
    expect(page.get_by_label("Ce que je veux savoir faire")).to_have_value(
        "Publier sur LinkedIn chaque semaine"
    )

    page.get_by_label("Niveau actuel en LinkedIn").select_option("1")
    page.get_by_label("Niveau visé en LinkedIn").select_option("3")
    page.get_by_label("Priorité : LinkedIn").select_option("3")
    page.get_by_label("Français").check()
    page.get_by_label("Mardi 8h–10h").check()
    page.get_by_role("button", name="Envoyer mes réponses").click()

    expect(page.get_by_role("status").first).to_contain_text("vos besoins sont enregistrés")
    assessment = Assessment.objects.get(kind=AssessmentKind.BASELINE)
    item = assessment.items.get(skill__code="linkedin")
    assert (item.level, item.target, item.priority) == (1, 3, 3)
    assert Enrollment.objects.get(person=user.person).status == EnrollmentStatus.ACCEPTED
