"""What every API view shares: per-user scoping, 404 versus 403, the same django-rules
permissions as the pages (``rementor.core.access``), and domain errors as 400."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import exceptions, viewsets
from rest_framework.response import Response

from rementor.api.permissions import ActiveUser, GlobalPerm
from rementor.api.serializers.common import MAX_ID


class ScopedViewSet(viewsets.GenericViewSet):
    """Lists hold only what the user may see (``visible``). A detail outside it answers 404,
    or 403 when the user may know the object exists (``know_perm`` on ``know_target``)."""

    permission_classes = [ActiveUser, GlobalPerm]
    lookup_value_regex = r"[0-9]+"
    required_perm: str | None = None
    know_perm: str | None = None

    def base_queryset(self) -> QuerySet:
        return self.queryset.all()

    def visible(self, queryset: QuerySet, user) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return self.queryset.none()
        return self.visible(self.base_queryset(), self.request.user)

    def know_target(self, obj):
        return obj

    def get_object(self):
        raw = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        # Ids beyond 64 bits cannot exist (and would make the database raise).
        if len(raw) > 19 or int(raw) > MAX_ID:
            raise exceptions.NotFound
        pk = int(raw)
        obj = self.get_queryset().filter(pk=pk).first()
        if obj is None:
            hidden = self.base_queryset().filter(pk=pk).first()
            if (
                hidden is not None
                and self.know_perm
                and self.request.user.has_perm(self.know_perm, self.know_target(hidden))
            ):
                raise exceptions.PermissionDenied
            raise exceptions.NotFound
        self.check_object_permissions(self.request, obj)
        return obj

    def require(self, perm: str, obj=None) -> None:
        """403 unless the user holds ``perm`` (on ``obj``): for actions on a visible object."""
        if not self.request.user.has_perm(perm, obj):
            raise exceptions.PermissionDenied

    def read(self, instance, *, status: int = 200, serializer_class=None) -> Response:
        serializer_class = serializer_class or self.get_serializer_class()
        return Response(
            serializer_class(instance, context=self.get_serializer_context()).data, status=status
        )

    def validated(self, serializer_class, data=None, **kwargs) -> dict:
        serializer = serializer_class(
            data=self.request.data if data is None else data,
            context=self.get_serializer_context(),
            **kwargs,
        )
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data
