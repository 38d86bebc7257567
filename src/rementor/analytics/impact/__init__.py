"""The programme's results: the one source of every figure on the dashboards and in reports.

:func:`rementor.analytics.impact.results.programme_results` reads a programme in a fixed
number of queries (about fifteen, four more for sponsors, whatever its size: everything is
aggregated in the database, pair health included) and returns frozen dataclasses the manager
dashboard, the sponsor view and the PDF report all render; they are kept in the Django
cache until any of their data changes (:mod:`rementor.analytics.results_cache`).
``for_sponsor=True`` applies :mod:`rementor.analytics.suppression` before anything leaves
this package: no name, no at-risk list, no figure for a group of fewer than
``settings.RM_MIN_GROUP_SIZE`` people, and no figure that would let someone work one out by
subtracting the figures shown from a total (complementary suppression).

One module per figure, each saying how it is computed and what sponsors' figures of it obey:
:mod:`~.funnel`, :mod:`~.health` (pair health and the pairs at risk), :mod:`~.gap_closed`
(impact on skills), :mod:`~.growth` (mentors' own objectives), :mod:`~.satisfaction` (pulses
and net promoter scores), :mod:`~.ideas`, :mod:`~.sessions`; :mod:`~.stat` is a figure as
shown, :mod:`~.filters` the dashboard's department and site filters, :mod:`~.results` puts
them together.

Group sizes for sponsors: people behind a figure (respondents, mentees, mentors); pairs for
pair health and ideas (a pair counts as one, which only makes the rule stricter).

What every sponsors' figure obeys (all through :mod:`rementor.analytics.suppression`):

* differences — two stages of a funnel column never both show when they differ by 1 to 4
  people (the smaller is hidden), and a drop-off is shown only when it stands for at least
  the minimum group size (:func:`~rementor.analytics.suppression.suppress_counts`,
  :func:`~rementor.analytics.suppression.difference`);
* shares — a net promoter score and its shares only when promoters, passives and detractors
  each hold at least the minimum (an empty category counts as small), across roles with
  complementary suppression (:func:`~rementor.analytics.suppression.suppress_shares`); the
  share of mentors' objectives achieved only when mentors with one achieved and with one open
  are each at least the minimum;
* averages — an average or share at an end of its scale (pulses 1 or 5, levels 0 or 4,
  progress 0 or 100 %, gap closed 0 or 100 %) says what each person behind it answered: it is
  hidden like a small group, with complementary suppression; where the cells' averages
  combine into the totals (pulses, mentors' progress), no set of hidden figures of a line
  may average at an end either (:func:`~rementor.analytics.suppression.suppress` with
  ``scale``);
* tables — department x skill (gap closed) with the departments' totals adding up to the
  headline, ideas and mentors per area: no hidden count can be narrowed to one value from the
  totals and the labels, whole table at once
  (:func:`~rementor.analytics.suppression.suppress`);
* other pages — the sponsors' home page shows the funnel's "enrolled" figures, hidden exactly
  as here (:func:`rementor.analytics.impact.funnel.funnels`);
* stepping — pulses, check-ins (per kind) and final self-assessments are read up to the last
  step of the minimum number of different people, oldest first by submission time then id
  (:func:`rementor.analytics.queries.oldest_responses`), so one new answer never changes what
  sponsors see. While no step is complete, those figures read "fewer than 5", not "none".
"""
