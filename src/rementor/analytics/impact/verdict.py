"""The verdict: the programme's results answered in four sentences, one per question the brief
asks of it (did the digital gap close, did people take part, would they recommend it, what came
out of it), each with the way it moved.

Built from :class:`~rementor.analytics.impact.results.ProgrammeResults` already computed:
no query, and no figure computed a second time — the sentences print the figures the page and
the report show, rounded the same way (:func:`~rementor.analytics.impact.stat.formatted`).
For sponsors those figures went through :mod:`rementor.analytics.suppression` already; a
sentence whose figure is hidden says so and carries no number and no trend, and no trend is
ever read from a hidden figure (a sign against a hidden figure would say on which side of it
the shown one lies).

What a figure is compared with:

* the net promoter score of the final check-in with that of the mid-term check-in;
* otherwise the same figure of the previous programme (:func:`previous_programme`: the latest
  closed programme that started before this one), read the same way (sponsors: suppressed);
  the completion share and the mentors' progress only once this programme is closed too
  (before, they are still growing and would always read "down").

Up, down or unchanged is decided on the figures as printed (45 % against 45 % is unchanged).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rementor.analytics.impact.results import ProgrammeResults, programme_results
from rementor.analytics.impact.stat import TOTAL, Stat, State, formatted, percent, rounded
from rementor.analytics.results_cache import cached
from rementor.mentoring.models import CheckInKind
from rementor.programmes.models import Programme, ProgrammeStatus


class Trend(StrEnum):
    UP = "up"
    DOWN = "down"
    FLAT = "flat"


@dataclass(frozen=True)
class Answer:
    """One question and its answer: ``text`` (the sentence, its figures as printed),
    ``shown`` whether its main figure is shown, ``trend`` and ``comparison`` (the sentence
    saying what it was compared with, "" when nothing is), or ``no_comparison`` why not."""

    key: str
    question: str
    text: str
    shown: bool
    trend: Trend | None = None
    comparison: str = ""
    no_comparison: str = ""


@dataclass(frozen=True)
class Verdict:
    answers: tuple[Answer, ...]
    previous: str = ""  # the previous programme's name, when there is one


def previous_programme(programme: Programme, *, user=None) -> Programme | None:
    """The programme this one is compared with: the latest closed programme that started
    before it (and that ``user``, when given, may read the results of). One query."""
    earlier = (
        Programme.objects.filter(status=ProgrammeStatus.CLOSED, start_date__lt=programme.start_date)
        .exclude(pk=programme.pk)
        .order_by("-start_date", "-pk")
        .first()
    )
    if (
        earlier is not None
        and user is not None
        and not user.has_perm("analytics.view_results", earlier)
    ):
        return None
    return earlier


def programme_verdict(
    *, programme: Programme, results: ProgrammeResults, previous: Programme | None
) -> Verdict:
    """The verdict of ``results`` (``programme``'s), compared with ``previous``'s results read
    the same way (same audience, department and site)."""
    earlier = None
    if previous is not None:
        # As of the same instant as ``results``: cached with them, computed once.
        earlier = cached(
            (
                "previous",
                previous.pk,
                results.for_sponsor,
                results.department_id,
                results.site,
                results.generated_at.isoformat(),
            ),
            lambda: programme_results(
                programme=previous,
                department_id=results.department_id,
                site=results.site,
                for_sponsor=results.for_sponsor,
                now=results.generated_at,
            ),
        )
    return verdict(
        results,
        closed=programme.status == ProgrammeStatus.CLOSED,
        previous=earlier,
        previous_name=previous.name if previous is not None else "",
    )


def verdict(
    results: ProgrammeResults,
    *,
    closed: bool,
    previous: ProgrammeResults | None = None,
    previous_name: str = "",
) -> Verdict:
    """The four answers of ``results``; ``previous``: the previous programme's results (see
    the module's docstring), ``closed``: whether this programme is closed."""
    context = _Context(results, previous, previous_name, closed)
    answers = (_gap(context), _participation(context), _satisfaction(context), _outcomes(context))
    return Verdict(
        answers=tuple(_replace(answer, text=_unbroken(answer.text)) for answer in answers),
        previous=previous_name,
    )


def _unbroken(text: str) -> str:
    """``text`` with "n = 12" and "106 h" kept on one line (non-breaking spaces), in every
    language."""
    return re.sub(r"(\d) h\b", "\\1\u00a0h", text.replace(" = ", "\u00a0=\u00a0"))


@dataclass(frozen=True)
class _Context:
    results: ProgrammeResults
    previous: ProgrammeResults | None
    previous_name: str
    closed: bool

    @property
    def min_size(self) -> int:
        return self.results.min_size


# --------------------------------------------------------------------------- comparing


def _trend(now: float, before: float) -> Trend:
    return Trend.UP if now > before else Trend.DOWN if now < before else Trend.FLAT


def _compare(now: str, now_value, before: str, before_value, where: str) -> tuple[Trend, str]:
    """The trend of two printed figures (``*_value`` their rounded values) and its sentence;
    ``where``: "at the mid-term check-in" or "in «name»"."""
    trend = _trend(now_value, before_value)
    if trend == Trend.UP:
        text = _("Up from %(before)s %(where)s.")
    elif trend == Trend.DOWN:
        text = _("Down from %(before)s %(where)s.")
    else:
        text = _("Unchanged: %(before)s %(where)s.")
    return trend, text % {"before": before, "where": where, "now": now}


def _in_previous(context: _Context) -> str:
    return _("in “%(name)s”") % {"name": context.previous_name}


def _with_previous(
    answer: Answer, context: _Context, figure, *, needs_closed: bool = False
) -> Answer:
    """``answer`` compared with the previous programme: ``figure(results)`` is (printed,
    rounded value) of a shown figure, or None."""
    if not answer.shown:
        return answer  # no sign from a hidden figure
    if context.previous is None:
        return answer  # the verdict says it once (Verdict.previous empty)
    if needs_closed and not context.closed:
        return _replace(
            answer,
            no_comparison=_("Compared with the previous programme once this one is closed."),
        )
    now, before = figure(context.results), figure(context.previous)
    if now is None or before is None:
        return _replace(
            answer, no_comparison=_("The previous programme's figure is not shown: no comparison.")
        )
    trend, text = _compare(now[0], now[1], before[0], before[1], _in_previous(context))
    return _replace(answer, trend=trend, comparison=text)


def _replace(answer: Answer, **changes) -> Answer:
    return replace(answer, **changes)


def _hidden_text(stat: Stat, small: str, context: _Context, neutral: str | None = None) -> str:
    """What a sentence says of its hidden figure: ``small`` (with ``%(min_size)s``) for a
    figure standing for too few people, ``neutral`` otherwise (never why)."""
    if stat.state == State.SMALL:
        return small % {"min_size": context.min_size}
    return neutral or _("Not shown, to protect small groups.")


# --------------------------------------------------------------------------- the answers


def _gap_figure(results: ProgrammeResults):
    stat = results.impact.all_departments.total
    if not stat.shown or stat.value is None:
        return None
    return percent(stat.value), rounded(100 * stat.value)


def _gap(context: _Context) -> Answer:
    question = _("Did the digital gap close?")
    impact = context.results.impact
    stat = impact.all_departments.total
    if not impact.skills:
        text = _("This programme has no skills in focus: there is no gap to measure.")
        return Answer("gap", question, text, shown=False)
    if stat.state == State.EMPTY:
        text = _(
            "Not measured yet: no mentee has submitted both a baseline and a final self-assessment."
        )
        return Answer("gap", question, text, shown=False)
    if not stat.shown:
        text = _hidden_text(
            stat,
            _("Fewer than %(min_size)s mentees have submitted a final self-assessment: not shown."),
            context,
        )
        return Answer("gap", question, text, shown=False)
    text = ngettext(
        "The mentee closed %(share)s of the priority-weighted digital skills gap (n = %(n)s "
        "mentee).",
        "Mentees closed %(share)s of their priority-weighted digital skills gap (n = %(n)s "
        "mentees).",
        stat.n,
    ) % {"share": percent(stat.value), "n": stat.n}
    return _with_previous(Answer("gap", question, text, shown=True), context, _gap_figure)


def _stage(results: ProgrammeResults, key: str) -> Stat:
    for stage in results.funnel:
        if stage.key == key:
            return stage.by_role[TOTAL]
    return Stat(State.EMPTY)


def _completion(results: ProgrammeResults) -> float | None:
    """The share of the people enrolled who completed, from the two counts shown (None when
    either is hidden, or nobody enrolled)."""
    enrolled, completed = _stage(results, "enrolled"), _stage(results, "completed")
    if not (enrolled.shown and completed.shown) or not enrolled.value:
        return None
    return completed.value / enrolled.value


def _completion_figure(results: ProgrammeResults):
    value = _completion(results)
    return None if value is None else (percent(value), rounded(100 * value))


def _participation(context: _Context) -> Answer:
    question = _("Did people take part?")
    results = context.results
    enrolled, completed = _stage(results, "enrolled"), _stage(results, "completed")
    parts = []
    share = _completion(results)
    if share is not None and not completed.value and not context.closed:
        parts.append(
            ngettext(
                "%(enrolled)s person enrolled; nobody has completed the programme yet.",
                "%(enrolled)s people enrolled; nobody has completed the programme yet.",
                int(enrolled.value),
            )
            % {"enrolled": formatted(enrolled.value)}
        )
    elif share is not None:
        parts.append(
            ngettext(
                "%(completed)s of the %(enrolled)s person enrolled completed the programme "
                "(%(share)s).",
                "%(completed)s of the %(enrolled)s people enrolled completed the programme "
                "(%(share)s).",
                int(enrolled.value),
            )
            % {
                "completed": formatted(completed.value),
                "enrolled": formatted(enrolled.value),
                "share": percent(share),
            }
        )
    elif enrolled.shown and not enrolled.value:
        parts.append(_("Nobody has enrolled yet."))
    elif not enrolled.shown:
        parts.append(
            _hidden_text(
                enrolled,
                _("Fewer than %(min_size)s people enrolled: completion is not shown."),
                context,
                _("Completion: not shown, to protect small groups."),
            )
        )
    else:
        parts.append(
            _hidden_text(
                completed,
                _("Fewer than %(min_size)s people have completed the programme: not shown."),
                context,
                _("Completion: not shown, to protect small groups."),
            )
        )
    held = results.sessions.held
    if held.shown and not held.value:
        parts.append(_("No session held yet."))
    elif held.shown:
        parts.append(
            ngettext(
                "%(sessions)s session held, %(hours)s h of mentoring (n = %(pairs)s pair).",
                "%(sessions)s sessions held, %(hours)s h of mentoring (n = %(pairs)s pairs).",
                int(held.value),
            )
            % {
                "sessions": formatted(held.value),
                "hours": formatted(held.extra.get("hours") or 0),
                "pairs": held.n,
            }
        )
    else:
        parts.append(
            _hidden_text(
                held,
                _("Fewer than %(min_size)s pairs held a session: sessions are not shown."),
                context,
                _("Sessions held: not shown, to protect small groups."),
            )
        )
    parts.extend(_both_directions(results))
    answer = Answer("participation", question, " ".join(parts), shown=share is not None)
    return _with_previous(answer, context, _completion_figure, needs_closed=True)


def _both_directions(results: ProgrammeResults) -> list[str]:
    """For a programme that ends with a reciprocal phase: sessions held and objectives
    achieved in each direction, each sentence only when both its figures are shown."""
    if results.reciprocal is None:
        return []
    reverse, swapped = results.reciprocal.lines
    sentences = []
    for mine, theirs, shown_text, hidden_text in (
        (
            reverse.sessions,
            swapped.sessions,
            _(
                "Sessions held in each direction: %(reverse)s in reverse mentoring, "
                "%(reciprocal)s with the roles swapped."
            ),
            _("Sessions held in each direction: not shown, to protect small groups."),
        ),
        (
            reverse.objectives,
            swapped.objectives,
            _(
                "Objectives achieved in each direction: %(reverse)s in reverse mentoring, "
                "%(reciprocal)s with the roles swapped."
            ),
            _("Objectives achieved in each direction: not shown, to protect small groups."),
        ),
    ):
        if mine.shown and theirs.shown:
            sentences.append(
                shown_text
                % {"reverse": formatted(mine.value), "reciprocal": formatted(theirs.value)}
            )
        else:
            sentences.append(hidden_text)
    return sentences


def _nps(results: ProgrammeResults, kind: CheckInKind) -> Stat:
    lines = results.satisfaction.nps.get(kind.value, ())
    return lines[-1].stat if lines else Stat(State.EMPTY)


def _satisfaction(context: _Context) -> Answer:
    question = _("Would they recommend it?")
    final = _nps(context.results, CheckInKind.FINAL)
    midterm = _nps(context.results, CheckInKind.MIDTERM)
    kind = CheckInKind.FINAL if final.state != State.EMPTY else CheckInKind.MIDTERM
    stat = final if kind == CheckInKind.FINAL else midterm
    if stat.state == State.EMPTY:
        return Answer("satisfaction", question, _("No check-in answered yet."), shown=False)
    if not stat.shown:
        small = (
            _(
                "Fewer than %(min_size)s people answered the final check-in, or fewer than "
                "%(min_size)s gave one of the three kinds of answer: not shown."
            )
            if kind == CheckInKind.FINAL
            else _(
                "No final check-in yet. Fewer than %(min_size)s people answered the mid-term "
                "check-in, or fewer than %(min_size)s gave one of the three kinds of answer: "
                "not shown."
            )
        )
        return Answer("satisfaction", question, _hidden_text(stat, small, context), shown=False)
    values = {"nps": formatted(stat.value), "n": stat.n}
    if kind == CheckInKind.FINAL:
        text = ngettext(
            "Net promoter score at the final check-in: %(nps)s, on a scale from −100 to 100 "
            "(n = %(n)s answer).",
            "Net promoter score at the final check-in: %(nps)s, on a scale from −100 to 100 "
            "(n = %(n)s answers).",
            stat.n,
        )
    else:
        text = ngettext(
            "No final check-in yet. Net promoter score at the mid-term check-in: %(nps)s, on "
            "a scale from −100 to 100 (n = %(n)s answer).",
            "No final check-in yet. Net promoter score at the mid-term check-in: %(nps)s, on "
            "a scale from −100 to 100 (n = %(n)s answers).",
            stat.n,
        )
    answer = Answer("satisfaction", question, text % values, shown=True)
    if kind == CheckInKind.FINAL and midterm.shown:
        trend, comparison = _compare(
            formatted(stat.value),
            rounded(stat.value),
            formatted(midterm.value),
            rounded(midterm.value),
            _("at the mid-term check-in"),
        )
        return _replace(answer, trend=trend, comparison=comparison)

    def figure(results: ProgrammeResults):
        same = _nps(results, kind)
        return (formatted(same.value), rounded(same.value)) if same.shown else None

    return _with_previous(answer, context, figure)


def _progress_figure(results: ProgrammeResults):
    stat = results.growth_total
    if not stat.shown or stat.value is None:
        return None
    return formatted(stat.value) + "\u00a0%", rounded(stat.value)


def _adopted_text(adopted: Stat, context: _Context) -> str:
    """The ideas that became changes, as the verdict says it (hidden like any sponsor figure)."""
    if adopted.shown and not adopted.value:
        return _("None has been marked as adopted yet.")
    if adopted.shown:
        return ngettext(
            "%(adopted)s of them became a change in the company.",
            "%(adopted)s of them became changes in the company.",
            int(adopted.value),
        ) % {"adopted": formatted(adopted.value)}
    return _hidden_text(
        adopted,
        _("Fewer than %(min_size)s pairs had an idea adopted: not shown."),
        context,
        _("Adopted ideas: not shown, to protect small groups."),
    )


def _outcomes(context: _Context) -> Answer:
    question = _("What came out of it?")
    results = context.results
    parts = []
    ideas = results.ideas.total
    if ideas.shown and not ideas.value:
        parts.append(_("No idea logged yet."))
    elif ideas.shown:
        parts.append(
            ngettext(
                "%(ideas)s idea logged for the company",
                "%(ideas)s ideas logged for the company",
                int(ideas.value),
            )
            % {"ideas": formatted(ideas.value)}
            + " "
            + ngettext("by %(pairs)s pair.", "by %(pairs)s pairs.", ideas.n) % {"pairs": ideas.n}
        )
        parts.append(_adopted_text(results.ideas.adopted, context))
    else:
        parts.append(
            _hidden_text(
                ideas,
                _("Fewer than %(min_size)s pairs logged ideas: not shown."),
                context,
                _("Ideas logged: not shown, to protect small groups."),
            )
        )
    progress, achieved = results.growth_total, results.growth_total_achieved
    if progress.state == State.EMPTY:
        parts.append(_("No mentor has set objectives of their own yet."))
    elif not progress.shown:
        parts.append(
            _hidden_text(
                progress,
                _("Fewer than %(min_size)s mentors have objectives of their own: not shown."),
                context,
                _("Mentors' growth: not shown, to protect small groups."),
            )
        )
    else:
        values = {"progress": formatted(progress.value) + "\u00a0%", "n": progress.n}
        if achieved.shown and achieved.value is not None:
            values["achieved"] = percent(achieved.value)
            text = ngettext(
                "Mentors' growth: their own objectives stand at %(progress)s on average, "
                "%(achieved)s of them achieved (n = %(n)s mentor).",
                "Mentors' growth: their own objectives stand at %(progress)s on average, "
                "%(achieved)s of them achieved (n = %(n)s mentors).",
                progress.n,
            )
        else:
            text = ngettext(
                "Mentors' growth: their own objectives stand at %(progress)s on average "
                "(n = %(n)s mentor).",
                "Mentors' growth: their own objectives stand at %(progress)s on average "
                "(n = %(n)s mentors).",
                progress.n,
            )
        parts.append(text % values)
    parts.extend(_retention_text(results))
    answer = Answer("outcomes", question, " ".join(parts), shown=progress.shown)
    return _with_previous(answer, context, _progress_figure, needs_closed=True)


def _retention_text(results: ProgrammeResults) -> list[str]:
    """Who is still in the company at the latest horizon reached (6 or 12 months), for
    mentors, mentees and the rest of their departments; nothing before 6 months."""
    retention = results.retention
    if retention is None:
        return []
    lines = {line.key: line for line in retention.lines}
    today = timezone.localdate(results.generated_at)
    reached = [months for months, day in retention.due.items() if day <= today]
    if not reached:
        return []
    months = reached[-1]
    if not retention.shown:
        return [_("Retention: not enough people to show.")]

    def share(key: str) -> str:
        stat = next(stat for m, _d, stat in lines[key].retained if m == months)
        return percent(stat.value) if stat.shown and stat.value is not None else "–"

    return [
        _(
            "Retention: after %(months)s months, %(mentors)s of the mentors and %(mentees)s of "
            "the mentees are still in the company, against %(others)s of the rest of their "
            "departments."
        )
        % {
            "months": months,
            "mentors": share("mentor"),
            "mentees": share("mentee"),
            "others": share("comparison"),
        }
    ]
