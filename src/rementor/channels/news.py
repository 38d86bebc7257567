"""What a programme's channels are told, and the two payloads that say it.

Every message is built from counts, the programme's name, a department's name and a link:
never a person's name, never text a participant typed (an idea's title or description, a
note, a concern). Personal nudges (a session to plan, a check-in to answer) stay in e-mail:
a channel is read by a team, not by the person concerned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rementor.core.links import site_root
from rementor.matching.models import OCCUPYING, Pair
from rementor.mentoring.models import Idea
from rementor.programmes.models import Programme, ProgrammeStatus
from rementor.programmes.queries import head_counts


@dataclass(frozen=True)
class News:
    """One message, already in the programme's language."""

    title: str
    lines: list[str] = field(default_factory=list)
    link_label: str = ""
    link: str = ""


def language_of(programme: Programme) -> str:
    """The programme's first language: the channel is the programme team's."""
    return (programme.languages or ["fr"])[0]


def _programme_link(programme: Programme) -> str:
    return site_root() + reverse("programmes:detail", args=[programme.slug])


def matching_published(*, programme: Programme, created: int) -> News:
    with translation.override(language_of(programme)):
        active = Pair.objects.filter(programme=programme, status__in=OCCUPYING).count()
        return News(
            title=_("Matching published in %(programme)s") % {"programme": programme.name},
            lines=[
                ngettext(
                    "%(count)d new pair was formed.", "%(count)d new pairs were formed.", created
                )
                % {"count": created},
                ngettext(
                    "%(count)d pair is active in the programme.",
                    "%(count)d pairs are active in the programme.",
                    active,
                )
                % {"count": active},
            ],
            link_label=_("Open the programme"),
            link=_programme_link(programme),
        )


def _pair_counts(programme: Programme) -> dict[str, int]:
    return Pair.objects.filter(programme=programme).aggregate(
        total=Count("pk"), active=Count("pk", filter=Q(status__in=OCCUPYING))
    )


def status_changed(*, programme: Programme, from_status: str, to_status: str) -> News | None:
    """A milestone: recruiting opened (again), the programme running, closed or reopened.
    None for a move the team need not hear about (back to draft, into matching)."""
    with translation.override(language_of(programme)):
        name = {"programme": programme.name}
        if to_status == ProgrammeStatus.RECRUITING:
            counts = head_counts(programme)
            invited = sum(counts.values())
            title = (
                _("Recruiting reopened in %(programme)s")
                if from_status == ProgrammeStatus.MATCHING
                else _("Recruiting opened in %(programme)s")
            ) % name
            lines = [
                ngettext(
                    "%(count)d person invited or enrolled so far.",
                    "%(count)d people invited or enrolled so far.",
                    invited,
                )
                % {"count": invited}
            ]
        elif to_status == ProgrammeStatus.RUNNING:
            active = _pair_counts(programme)["active"]
            title = (
                _("%(programme)s was reopened")
                if from_status == ProgrammeStatus.CLOSED
                else _("%(programme)s is running")
            ) % name
            lines = [
                ngettext("%(count)d pair is active.", "%(count)d pairs are active.", active)
                % {"count": active}
            ]
        elif to_status == ProgrammeStatus.CLOSED:
            total = _pair_counts(programme)["total"]
            ideas = Idea.objects.filter(pair__programme=programme).count()
            title = _("%(programme)s is closed") % name
            lines = [
                ngettext("%(count)d pair took part.", "%(count)d pairs took part.", total)
                % {"count": total},
                ngettext(
                    "%(count)d idea was logged for the company.",
                    "%(count)d ideas were logged for the company.",
                    ideas,
                )
                % {"count": ideas},
            ]
        else:
            return None
        return News(
            title=title,
            lines=lines,
            link_label=_("Open the programme"),
            link=_programme_link(programme),
        )


def idea_logged(*, idea: Idea) -> News:
    """That a pair logged an idea, for which department, and how many so far: never the idea's
    title or description (a pair's words stay on the ideas page, behind sign-in)."""
    programme = idea.pair.programme
    with translation.override(language_of(programme)):
        count = Idea.objects.filter(pair__programme=programme).count()
        if idea.department_id:
            title = _("A pair logged an idea for %(department)s") % {
                "department": idea.department.name
            }
        else:
            title = _("A pair logged an idea for the company")
        return News(
            title=title,
            lines=[
                ngettext(
                    "%(count)d idea logged in %(programme)s so far.",
                    "%(count)d ideas logged in %(programme)s so far.",
                    count,
                )
                % {"count": count, "programme": programme.name}
            ],
            link_label=_("Read the ideas"),
            link=site_root() + reverse("mentoring:idea_list", args=[programme.slug]),
        )


def trial_message(*, programme: Programme) -> News:
    with translation.override(language_of(programme)):
        return News(
            title=_("Test message from Rementor"),
            lines=[
                _("News of %(programme)s will be posted in this channel.")
                % {"programme": programme.name}
            ],
            link_label=_("Open the programme"),
            link=_programme_link(programme),
        )


def slack_payload(news: News) -> dict:
    """Slack Block Kit: a section with the title and lines, a button to the page, and the
    plain ``text`` Slack shows in notifications."""
    text = "\n".join([f"*{news.title}*", *news.lines])
    blocks: list[dict] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": text}},
    ]
    if news.link:
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": news.link_label},
                        "url": news.link,
                    }
                ],
            }
        )
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": "Rementor"}]})
    return {"text": news.title, "blocks": blocks}


def teams_payload(news: News) -> dict:
    """An Adaptive Card 1.4 inside the message envelope a Teams Workflows webhook expects."""
    body: list[dict] = [
        {
            "type": "TextBlock",
            "text": news.title,
            "weight": "Bolder",
            "size": "Medium",
            "wrap": True,
        },
        *({"type": "TextBlock", "text": line, "wrap": True} for line in news.lines),
        {"type": "TextBlock", "text": "Rementor", "isSubtle": True, "size": "Small"},
    ]
    card: dict = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": body,
    }
    if news.link:
        card["actions"] = [{"type": "Action.OpenUrl", "title": news.link_label, "url": news.link}]
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": card,
            }
        ],
    }


def payload(kind: str, news: News) -> dict:
    return slack_payload(news) if kind == "slack" else teams_payload(news)
