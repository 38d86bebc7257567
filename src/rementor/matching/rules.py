import rules

from rementor.core.rules import is_programme_manager

rules.add_perm("matching.manage_matching", is_programme_manager)
