"""DRF permission classes; the rules themselves are the pages' django-rules permissions."""

from __future__ import annotations

from rest_framework import permissions


class ActiveUser(permissions.BasePermission):
    """Signed in with an active account (a deactivated user loses access at once)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_active)


class GlobalPerm(permissions.BasePermission):
    """The view's ``required_perm`` (a django-rules permission without object), else 403."""

    def has_permission(self, request, view) -> bool:
        perm = getattr(view, "required_perm", None)
        return perm is None or request.user.has_perm(perm)
