from __future__ import annotations

import rules

from rementor.core.rules import is_programme_manager

# The team channels of a programme: their (secret) addresses and the test message.
rules.add_perm("channels.change_channels", is_programme_manager)
