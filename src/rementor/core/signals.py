"""Signals core sends so that the apps above it can act without core importing them."""

from django.dispatch import Signal

# A page was refused by ``core.access``. Arguments: ``request``; ``perm``, the permission
# lacking; ``status``, 403 for a wrong role or 404 for an outsider who must not learn the
# object exists; ``target``, the object asked for (None for an object-less permission).
# The audit trail records each one.
access_denied = Signal()
