"""The training app's reactions to other apps' signals (connected in apps.py)."""

from __future__ import annotations

from django.dispatch import receiver

from rementor.programmes.signals import programme_created
from rementor.training.domain import copy_modules, install_default_modules


@receiver(programme_created, dispatch_uid="training-default-modules")
def _install_default_modules(sender, *, programme, copied_from=None, **kwargs) -> None:
    """A new programme starts with the modules shipped with the product, or with those of
    the programme it copies (as its managers edited them)."""
    if copied_from is not None:
        copy_modules(source=copied_from, target=programme)
    else:
        install_default_modules(programme=programme)
