"""Demo data for steps 3 and 4: the pairs' life, at different points.

Most pairs are on track (trained, charter signed, sessions every three weeks with shared and
private notes, pulses, objectives); three are at risk (no session for 30+ days, low pulses, an
open concern); one ended early; the latest ones have only planned their first session. Every
write goes through the same domain functions as the pages.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo

from django.utils import timezone

from rementor.matching.models import MatchRun, Pair
from rementor.mentoring.charter import accept_charter, get_or_create_charter
from rementor.mentoring.concerns import adopt_idea, log_idea, raise_concern
from rementor.mentoring.feedback import submit_pulse
from rementor.mentoring.lifecycle import end_pair
from rementor.mentoring.messages import post_message
from rementor.mentoring.objectives import (
    add_evidence,
    add_objective,
    add_task,
    adjust_objective,
    mark_task_done,
)
from rementor.mentoring.sessions import plan_session, record_session
from rementor.people.models import Department
from rementor.programmes.invitations import account_for
from rementor.skills.models import Skill
from rementor.training.domain import complete_module, install_default_modules
from rementor.training.models import TrainingModule

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# The programme started 26 weeks ago; pairs were published two weeks later.
PUBLISHED = -168
SHARED_NOTES = [
    "Tour d'horizon de LinkedIn : profil, abonnements, premier post rédigé ensemble.",
    "Démonstration d'un tableau de bord ; exercice : lire les chiffres de la semaine.",
    "Atelier IA générative : trois usages utiles, trois précautions.",
    "Retour sur l'exercice de la séance précédente ; on ajuste le rythme.",
]
PRIVATE_NOTES = [
    "Je dois oser poser plus de questions.",
    "Penser à ralentir quand j'explique les réglages.",
]
# Ideas the pairs on track log, with the department they concern: two departments that
# several pairs worked for, so the results can show them without naming anyone.
IDEAS = [
    (
        "Communication",
        "Une newsletter interne en vidéo courte",
        "Remplacer la lettre PDF par trois vidéos d'une minute par mois, tournées par les équipes.",
    ),
    (
        "Ventes",
        "Tableau de bord commercial en libre-service",
        "Donner aux directeurs un accès direct aux "
        "ventes de la semaine, sans attendre le rapport mensuel.",
    ),
    (
        "Communication",
        "Charte d'usage de l'IA générative",
        "Un guide d'une page : ce que l'on peut confier à "
        "un assistant, ce que l'on ne doit jamais y coller.",
    ),
    (
        "Communication",
        "Ambassadeurs LinkedIn",
        "Un binôme senior-junior par service pour relayer les recrutements.",
    ),
    (
        "Ventes",
        "Réunions commerciales sans diaporama",
        "Préparer les points en amont dans un document partagé et garder la réunion pour décider.",
    ),
    (
        "Ventes",
        "Relances clients automatisées",
        "Un flux sans code qui relance les devis en attente et prévient le commercial.",
    ),
    (
        "Communication",
        "Un compte Instagram pour la marque employeur",
        "Les jeunes embauchés racontent leur premier mois, une publication par semaine.",
    ),
    (
        "Ventes",
        "Visioconférences clients mieux préparées",
        "Un modèle d'ordre du jour partagé et un lien unique par client.",
    ),
    (
        "Communication",
        "Un podcast de la direction",
        "Dix minutes par mois : un directeur répond aux questions des équipes.",
    ),
    (
        "Ventes",
        "Veille des avis clients en ligne",
        "Une alerte hebdomadaire des avis publiés sur nos produits, lue en réunion d'équipe.",
    ),
]


def _at(days: int, hour: int = 10) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=PARIS)


def _users(pair: Pair):
    return account_for(pair.mentee.person), account_for(pair.mentor.person)


def _train(programme, enrollment, *, finish: bool) -> None:
    modules = TrainingModule.objects.filter(
        programme=programme, audience__in=["both", enrollment.role]
    ).prefetch_related("questions")
    for n, module in enumerate(modules):
        if not finish and n >= 2:
            break
        complete_module(
            module=module,
            enrollment=enrollment,
            answers={q.pk: q.correct_index for q in module.questions.all()},
        )


def _sign(pair: Pair, mentee_user, mentor_user) -> None:
    charter = get_or_create_charter(pair=pair)
    accept_charter(charter=charter, by=mentee_user)
    accept_charter(charter=charter, by=mentor_user)


def _held(pair, mentee_user, mentor_user, *, days: int, rng: random.Random, pulse=(4, 5)):
    # A session in the past: recorded as held (nobody invited), as a pair would afterwards.
    session = record_session(
        pair=pair,
        by=mentor_user,
        starts_at=_at(days),
        time_zone="Europe/Paris",
        duration_minutes=pair.programme.session_minutes,
        location="Teams",
        skills=Skill.objects.filter(code__in=pair.covered_skills[:2]),
        shared_notes=rng.choice(SHARED_NOTES),
        private_note=rng.choice(PRIVATE_NOTES),
    )
    # Some comments shared with the programme team, some kept private: both kinds on show.
    comments = {
        mentee_user: ("Très concret, j'ai déjà essayé chez moi.", True),
        mentor_user: ("J'aurais dû préparer un exemple de plus.", False),
    }
    for user in (mentee_user, mentor_user):
        comment, shared = comments[user]
        submit_pulse(
            session=session,
            by=user,
            usefulness=pulse[0],
            comfort=pulse[1],
            comment=comment if pulse[0] >= 4 else "",
            comment_shared=shared,
        )
    return session


def _objectives(pair, mentee_user, mentor_user, *, adjust: bool) -> None:
    skill = Skill.objects.filter(code__in=pair.covered_skills[:1]).first() or (
        pair.programme.skills.first()
    )
    learning = add_objective(
        pair=pair,
        by=mentee_user,
        owner="mentee",
        title=f"Devenir autonome : {skill.name_fr}",
        skill=skill,
        success_criterion="Le faire seul, sans aide, deux semaines de suite.",
        target_date=timezone.localdate() + dt.timedelta(days=60),
    )
    add_objective(
        pair=pair,
        by=mentor_user,
        owner="mentor",
        title="Expliquer sans jargon",
        area="pedagogy",
        success_criterion="Mon mentoré reformule chaque notion.",
    )
    if adjust:
        adjust_objective(
            objective=learning,
            by=mentee_user,
            title=learning.title,
            success_criterion=learning.success_criterion,
            target_date=learning.target_date,
            progress=40,
            status="in_progress",
            reason="Premier exercice réussi ; on garde l'échéance.",
        )
    task = add_task(
        pair=pair,
        by=mentor_user,
        title="Publier un premier post",
        objective=learning,
        description="Un post court sur un projet de l'équipe.",
    )
    add_evidence(task=task, by=mentee_user, note="Publié le lundi, 40 réactions.")
    mark_task_done(task=task, by=mentor_user)


def _talk_and_adopt(pair: Pair, mentee_user, mentor_user, *, manager) -> None:
    """The demo pair's thread, and its idea adopted by the programme manager."""
    post_message(
        pair=pair,
        by=mentor_user,
        text="Voici le guide dont je parlais : https://www.linkedin.com/help/linkedin "
        "— on le regarde ensemble jeudi ?",
    )
    post_message(pair=pair, by=mentee_user, text="Parfait, jeudi 14 h me va. Merci !")
    idea = pair.ideas.order_by("pk").first()
    if idea is not None:
        adopt_idea(
            idea=idea,
            by=manager,
            change="La direction a adopté l'idée : elle est au programme du prochain séminaire.",
            adopted_on=timezone.localdate(),
        )


def load_pair_life(*, programme, manager, rng: random.Random) -> dict[str, int]:
    """Give the published pairs of the demo programme their life so far."""
    install_default_modules(programme=programme)
    pairs = list(
        Pair.objects.filter(programme=programme)
        .select_related("mentee__person", "mentor__person")
        .order_by("mentee__person__employee_id")
    )
    demo = next(p for p in pairs if p.mentee.person.email == "mentee@example.com")
    others = [p for p in pairs if p != demo]
    on_track, at_risk, ended, starting = others[:11], others[11:14], others[14:15], others[15:]
    # Most pairs were published two weeks after the start; the last four ten days ago.
    Pair.objects.filter(pk__in=[p.pk for p in pairs if p not in starting]).update(
        created_at=_at(PUBLISHED)
    )
    Pair.objects.filter(pk__in=[p.pk for p in starting]).update(created_at=_at(-10))
    MatchRun.objects.filter(programme=programme).update(published_at=_at(PUBLISHED))
    counts = {"on track": 0, "at risk": 0, "ended": 0, "starting": 0}
    for n, pair in enumerate([demo, *on_track]):
        mentee_user, mentor_user = _users(pair)
        _train(programme, pair.mentee, finish=True)
        _train(programme, pair.mentor, finish=n % 4 != 3)
        _sign(pair, mentee_user, mentor_user)
        for days in range(PUBLISHED + 7, -13, 21):  # every three weeks, the last 14 days ago
            _held(
                pair,
                mentee_user,
                mentor_user,
                days=days,
                rng=rng,
                pulse=(rng.choice([4, 5]), rng.choice([4, 5])),
            )
        plan_session(
            pair=pair,
            by=mentee_user,
            starts_at=_at(7),
            time_zone="Europe/Paris",
            duration_minutes=programme.session_minutes,
            location="Salle Bastille",
            mode="in_person",
        )
        _objectives(pair, mentee_user, mentor_user, adjust=n % 2 == 0)
        if n < len(IDEAS):
            department, title, description = IDEAS[n]
            log_idea(
                pair=pair,
                by=mentor_user,
                title=title,
                description=description,
                department=Department.objects.get(name=department),
            )
        if n == 0:
            _talk_and_adopt(pair, mentee_user, mentor_user, manager=manager)
        counts["on track"] += 1
    for n, pair in enumerate(at_risk):
        mentee_user, mentor_user = _users(pair)
        _train(programme, pair.mentee, finish=False)
        _train(programme, pair.mentor, finish=True)
        _sign(pair, mentee_user, mentor_user)
        for days in (PUBLISHED + 7, PUBLISHED + 49, -50):  # then nothing for 50 days
            _held(
                pair,
                mentee_user,
                mentor_user,
                days=days,
                rng=rng,
                pulse=(2, 2) if n == 1 else (3, 4),
            )
        if n == 2:
            raise_concern(
                pair=pair,
                by=mentor_user,
                text="Mon mentoré annule souvent au "
                "dernier moment ; je ne sais pas comment aborder le sujet.",
            )
        counts["at risk"] += 1
    for pair in ended:
        mentee_user, mentor_user = _users(pair)
        _sign(pair, mentee_user, mentor_user)
        _held(pair, mentee_user, mentor_user, days=PUBLISHED + 14, rng=rng)
        end_pair(pair=pair, by=manager, reason="Le mentor a rejoint une filiale à l'étranger.")
        counts["ended"] += 1
    for pair in starting:
        mentee_user, mentor_user = _users(pair)
        _train(programme, pair.mentee, finish=True)
        _sign(pair, mentee_user, mentor_user)
        plan_session(
            pair=pair,
            by=mentor_user,
            starts_at=_at(3),
            time_zone="Europe/Paris",
            duration_minutes=programme.session_minutes,
            location="Teams",
        )
        counts["starting"] += 1
    return counts
