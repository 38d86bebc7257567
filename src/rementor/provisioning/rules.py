from __future__ import annotations

import rules

from rementor.core.rules import is_programme_manager

# SCIM tokens open the people directory to an identity provider: programme managers only.
rules.add_perm("provisioning.manage_scim_tokens", is_programme_manager)
