from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "rementor.analytics"
    verbose_name = _("Analytics")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from rementor.analytics.results_cache import figures_outdated, install
        from rementor.analytics.tasks import queue_refresh

        connection_created.connect(install, dispatch_uid="rementor.analytics.results_cache")
        figures_outdated.connect(queue_refresh, dispatch_uid="rementor.analytics.tasks")
