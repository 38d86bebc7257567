"""Who may read a programme's analytics.

Managers see everything; sponsors see the same pages with small groups suppressed
(``analytics.view_small_groups`` is what tells them apart). Participants may know the
programme exists, so they get 403; everyone else 404 (see ``rementor.core.access``).
"""

import rules

from rementor.core.rules import is_programme_manager, is_sponsor

rules.add_perm("analytics.view_needs", is_programme_manager | is_sponsor)
rules.add_perm("analytics.view_small_groups", is_programme_manager)

# The programme's results: the manager dashboard (names, at-risk pairs, filters), and the
# sponsor view (aggregates only), which managers may open to preview what sponsors see.
rules.add_perm("analytics.view_dashboard", is_programme_manager)
rules.add_perm("analytics.view_results", is_programme_manager | is_sponsor)
