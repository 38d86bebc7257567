"""Audit trail settings (django-auditlog): which model changes are kept, and which fields.

Every model is tracked through ``include_fields`` — a list of what may be stored, never a list
of what may not — so a free-text field added later (a note, a comment, a reason) stays out of
the trail until someone decides otherwise. ``tests/rementor/audit/test_tracking.py`` refuses a
text field in these lists. Values of names and e-mail addresses are replaced by a mask: the
trail says *that* they changed and who changed them, without keeping a second copy of them.
"""

from __future__ import annotations

AUDITLOG_INCLUDE_TRACKING_MODELS = (
    {
        "model": "people.Person",
        "include_fields": [
            "employee_id",
            "first_name",
            "last_name",
            "email",
            "job_title",
            "department",
            "site",
            "manager",
            "languages",
            "time_zone",
            "is_active",
        ],
        "mask_fields": ["first_name", "last_name", "email"],
    },
    {
        # Never the password nor last_login (every sign-in would be a change).
        "model": "people.User",
        "include_fields": [
            "email",
            "person",
            "is_programme_manager",
            "is_sponsor",
            "is_superuser",
            "is_active",
            "language",
        ],
        "mask_fields": ["email"],
    },
    {
        "model": "programmes.Programme",
        "include_fields": ["name", "slug", "status", "start_date", "end_date"],
    },
    {
        "model": "programmes.Enrollment",
        "include_fields": ["programme", "person", "role", "status", "capacity"],
    },
    {
        "model": "selection.MentorDecision",
        "include_fields": ["application", "decision", "decided_by", "decided_at"],
    },
    {
        "model": "matching.MatchRun",
        "include_fields": [
            "programme",
            "number",
            "created_by",
            "status",
            "matched",
            "unmatched",
            "published_at",
            "published_by",
        ],
    },
    {
        "model": "matching.PairOverride",
        "include_fields": ["programme", "mentee", "mentor", "kind", "created_by"],
    },
    {
        "model": "matching.Pair",
        "include_fields": ["programme", "mentee", "mentor", "run", "status", "ended_at"],
    },
    {
        # Forming, changing and dissolving a group: who, when, which pairs (never the note).
        "model": "mentoring.MentoringGroup",
        "include_fields": ["programme", "mentor"],
    },
    {
        "model": "mentoring.GroupMembership",
        "include_fields": ["group", "pair"],
    },
    {
        "model": "mentoring.MentoringSession",
        "include_fields": ["pair", "starts_at", "duration_minutes", "mode", "status"],
    },
    {
        # That a concern exists and who handled it; never what it says nor how it was resolved.
        "model": "mentoring.Concern",
        "include_fields": ["pair", "author", "status", "resolved_by", "resolved_at"],
    },
)
AUDITLOG_MASK_CALLABLE = "rementor.audit.tracking.hide"
