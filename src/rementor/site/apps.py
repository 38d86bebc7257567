from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The home and help pages, which gather what the other apps show to each role."""

    name = "rementor.site"
