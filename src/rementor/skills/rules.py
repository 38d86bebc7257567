import rules

from rementor.core.rules import is_programme_manager

rules.add_perm("skills.change_taxonomy", is_programme_manager)
