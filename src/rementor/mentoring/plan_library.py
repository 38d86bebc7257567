"""The agenda library Rementor ships: six themes in French and English, in the order the
template's six sessions take them (the programmes of issue 17 open with the relationship and
its rules, close with a review, and spend the sessions between on the skills in focus).

Each entry names the skills (taxonomy codes) it serves: installed in a programme, it is tied
to the first of them the programme has in focus.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ShippedTopic:
    theme_fr: str
    theme_en: str
    agenda_fr: str
    agenda_en: str
    skills: tuple[str, ...] = ()


LIBRARY = (
    ShippedTopic(
        theme_fr="Faire connaissance et la charte",
        theme_en="Getting to know each other and the charter",
        agenda_fr=(
            "Vos parcours et ce que chacun attend du binôme ; la charte (confidentialité, "
            "rythme, qui planifie) ; deux ou trois objectifs pour les mois à venir."
        ),
        agenda_en=(
            "Your careers and what each of you expects from the pair; the charter "
            "(confidentiality, rhythm, who plans); two or three objectives for the months ahead."
        ),
    ),
    ShippedTopic(
        theme_fr="LinkedIn pour les dirigeants",
        theme_en="LinkedIn for leaders",
        agenda_fr=(
            "Relire ensemble le profil ; ce que publient les dirigeants suivis ; rédiger et "
            "programmer une première publication."
        ),
        agenda_en=(
            "Review the profile together; what the leaders you follow publish; write and "
            "schedule a first post."
        ),
        skills=("linkedin", "employer_branding", "content_creation"),
    ),
    ShippedTopic(
        theme_fr="Les outils collaboratifs en pratique",
        theme_en="Collaborative tools in practice",
        agenda_fr=(
            "Une vraie tâche de la semaine menée dans l'outil de l'équipe (messagerie, tableau "
            "de tâches, visioconférence) ; ce qui remplace un courriel ou une réunion."
        ),
        agenda_en=(
            "A real task of the week done in the team's tool (messaging, task board, video "
            "meeting); what replaces an e-mail or a meeting."
        ),
        skills=("slack", "trello", "video_meetings", "automation"),
    ),
    ShippedTopic(
        theme_fr="Lire les données et les tableaux de bord",
        theme_en="Reading data and dashboards",
        agenda_fr=(
            "Ouvrir un tableau de bord de l'entreprise ; trois questions qu'il permet de "
            "trancher ; ce qu'il ne dit pas."
        ),
        agenda_en=(
            "Open one of the company's dashboards; three questions it settles; what it does "
            "not say."
        ),
        skills=("dashboards", "web_analytics", "data_visualisation", "spreadsheets"),
    ),
    ShippedTopic(
        theme_fr="La culture numérique et la nouvelle génération",
        theme_en="Digital culture and the new generation",
        agenda_fr=(
            "Comment le mentor s'informe et communique ; IA générative et tendances ; ce que "
            "cela change pour les équipes et les clients."
        ),
        agenda_en=(
            "How the mentor gets news and communicates; generative AI and trends; what it "
            "changes for teams and customers."
        ),
        skills=("young_audiences", "information_consumption", "generative_ai", "emerging_trends"),
    ),
    ShippedTopic(
        theme_fr="Bilan et suites",
        theme_en="Review and next steps",
        agenda_fr=(
            "Les objectifs atteints ou non ; ce que chacun a appris de l'autre ; les idées à "
            "porter et la suite du binôme."
        ),
        agenda_en=(
            "The objectives reached or not; what each of you learnt from the other; the ideas "
            "to carry forward and what comes next for the pair."
        ),
    ),
)
