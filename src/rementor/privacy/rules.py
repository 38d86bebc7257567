"""Who may use the personal-data pages."""

import rules

from rementor.core.rules import is_programme_manager, is_signed_in, is_sponsor


@rules.predicate
def has_employee_record(user) -> bool:
    return bool(user.is_authenticated and user.person_id is not None)


# Staff accounts (programme managers, sponsors) are run by the company, not erased on request:
# their erasure goes through whoever administers the accounts.
is_participant_account = is_signed_in & has_employee_record & ~is_programme_manager & ~is_sponsor

rules.add_perm("privacy.view_profile", is_signed_in)
rules.add_perm("privacy.download_my_data", is_signed_in)
rules.add_perm("privacy.request_erasure", is_participant_account)
rules.add_perm("privacy.manage_erasure", is_programme_manager)
