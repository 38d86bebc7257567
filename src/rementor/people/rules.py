import rules

from rementor.core.rules import is_programme_manager

rules.add_perm("people.view_directory", is_programme_manager)
rules.add_perm("people.view_person", is_programme_manager)
rules.add_perm("people.import_people", is_programme_manager)
rules.add_perm("people.change_person_status", is_programme_manager)
