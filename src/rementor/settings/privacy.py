"""Personal-data settings: retention periods (owned by the privacy app)."""

from __future__ import annotations

from rementor.settings.env import envint

# Programmes closed longer ago than this are anonymised by `python -m rementor purge`.
RM_RETENTION_MONTHS = envint("RM_RETENTION_MONTHS", 12)
# Private notes of ended pairs are deleted this many days after the pair ended.
RM_PRIVATE_NOTES_DAYS = envint("RM_PRIVATE_NOTES_DAYS", 30)
