"""Load the default digital-skills taxonomy of the product brief, in French and English.

Data is frozen here on purpose: later edits by programme managers live in the database.
"""

from django.db import migrations

# (code, name_fr, name_en, description_fr, description_en)
CATEGORIES = [
    (
        "social_media",
        "Réseaux sociaux",
        "Social media",
        "Comprendre et utiliser les plateformes sociales pour communiquer, "
        "faire du marketing et développer la marque employeur.",
        "Understanding and using social platforms for communication, marketing "
        "and employer branding.",
        [
            ("linkedin", "LinkedIn", "LinkedIn",
             "Soigner son profil, publier, animer son réseau professionnel.",
             "Keep a strong profile, post, and grow a professional network."),
            ("instagram", "Instagram", "Instagram",
             "Comprendre les formats (stories, reels) et les codes visuels.",
             "Understand the formats (stories, reels) and visual conventions."),
            ("tiktok", "TikTok", "TikTok",
             "Comprendre la vidéo courte, les tendances et l'algorithme.",
             "Understand short video, trends and how the feed works."),
            ("x_twitter", "X (Twitter)", "X (Twitter)",
             "Suivre l'actualité, dialoguer en public, gérer sa présence.",
             "Follow the news, take part in public conversations, manage a presence."),
            ("employer_branding", "Marque employeur", "Employer branding",
             "Valoriser l'entreprise et ses métiers sur les réseaux sociaux.",
             "Showcase the company and its jobs on social media."),
            ("content_creation", "Création de contenu", "Content creation",
             "Produire des visuels et de courtes vidéos adaptés à chaque réseau.",
             "Produce visuals and short videos suited to each network."),
        ],
    ),
    (
        "digital_tools",
        "Outils numériques et collaboratifs",
        "Digital & collaborative tools",
        "Outils modernes de collaboration, d'automatisation et de gestion des données.",
        "Modern tools for collaboration, automation and data management.",
        [
            ("slack", "Slack et messageries d'équipe", "Slack & team messaging",
             "Canaux, fils de discussion, notifications : travailler sans e-mails.",
             "Channels, threads, notifications: working beyond e-mail."),
            ("trello", "Trello et tableaux de tâches", "Trello & task boards",
             "Organiser un projet en cartes et en colonnes, partager l'avancement.",
             "Organise a project in cards and columns, share progress."),
            ("video_meetings", "Visioconférence (Zoom, Teams)", "Video meetings (Zoom, Teams)",
             "Animer une réunion à distance : partage d'écran, salles, enregistrement.",
             "Run a remote meeting: screen sharing, breakout rooms, recording."),
            ("automation", "Automatisation des tâches", "Workflow automation",
             "Automatiser des tâches répétitives avec des outils sans code.",
             "Automate repetitive tasks with no-code tools."),
            ("data_management", "Gestion des données et des fichiers",
             "Data & file management",
             "Stockage partagé, versions, droits d'accès, bonnes pratiques.",
             "Shared storage, versions, access rights, good practice."),
        ],
    ),
    (
        "data_analysis",
        "Analyse et visualisation des données",
        "Data analysis & visualisation",
        "Analyser des données et les rendre lisibles pour décider.",
        "Analyse data and make it readable for decisions.",
        [
            ("web_analytics", "Google Analytics et analyse d'audience",
             "Google Analytics & web analytics",
             "Lire l'audience d'un site : sources, parcours, conversions.",
             "Read a website's audience: sources, journeys, conversions."),
            ("dashboards", "Tableaux de bord", "Dashboards",
             "Construire et lire un tableau de bord de pilotage.",
             "Build and read a management dashboard."),
            ("spreadsheets", "Tableur avancé", "Advanced spreadsheets",
             "Tableaux croisés, formules, graphiques.",
             "Pivot tables, formulas, charts."),
            ("data_visualisation", "Visualisation de données", "Data visualisation",
             "Choisir le bon graphique et raconter une histoire avec les données.",
             "Choose the right chart and tell a story with data."),
        ],
    ),
    (
        "digital_culture",
        "Culture numérique",
        "Digital culture",
        "Tendances émergentes et nouvelles manières de consommer l'information.",
        "Emerging trends and new ways of consuming information.",
        [
            ("emerging_trends", "Tendances émergentes", "Emerging trends",
             "Repérer les nouveaux usages et plateformes qui comptent.",
             "Spot the new uses and platforms that matter."),
            ("information_consumption", "Nouvelles façons de s'informer",
             "New ways of consuming information",
             "Podcasts, newsletters, vidéo courte, créateurs : où s'informent les jeunes publics.",
             "Podcasts, newsletters, short video, creators: where young audiences get news."),
            ("generative_ai", "IA générative", "Generative AI",
             "Utiliser les assistants d'IA avec discernement : usages, limites, risques.",
             "Use AI assistants wisely: uses, limits, risks."),
            ("young_audiences", "Communiquer avec les jeunes publics",
             "Communicating with young audiences",
             "Adapter le ton, les formats et les canaux aux clients et candidats jeunes.",
             "Adapt tone, formats and channels to young customers and candidates."),
            ("online_reputation", "E-réputation", "Online reputation",
             "Suivre et gérer ce qui se dit de soi et de l'entreprise en ligne.",
             "Follow and manage what is said online about oneself and the company."),
        ],
    ),
]


def load(apps, schema_editor):
    SkillCategory = apps.get_model("skills", "SkillCategory")
    Skill = apps.get_model("skills", "Skill")
    for cat_pos, (code, name_fr, name_en, desc_fr, desc_en, skills) in enumerate(CATEGORIES):
        category, _ = SkillCategory.objects.update_or_create(
            code=code,
            defaults={
                "name_fr": name_fr,
                "name_en": name_en,
                "description_fr": desc_fr,
                "description_en": desc_en,
                "position": cat_pos,
            },
        )
        for pos, (s_code, s_fr, s_en, s_desc_fr, s_desc_en) in enumerate(skills):
            Skill.objects.update_or_create(
                code=s_code,
                defaults={
                    "category": category,
                    "name_fr": s_fr,
                    "name_en": s_en,
                    "description_fr": s_desc_fr,
                    "description_en": s_desc_en,
                    "position": pos,
                },
            )


def unload(apps, schema_editor):
    codes = [s[0] for c in CATEGORIES for s in c[5]]
    apps.get_model("skills", "Skill").objects.filter(code__in=codes).delete()
    apps.get_model("skills", "SkillCategory").objects.filter(
        code__in=[c[0] for c in CATEGORIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("skills", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
