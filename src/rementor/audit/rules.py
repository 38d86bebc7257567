import rules

from rementor.core.rules import is_programme_manager

# The trail names people and what they did: programme managers only, read-only for everyone.
rules.add_perm("audit.view_trail", is_programme_manager)
