from django.urls import path

from rementor.site import views

# Without a namespace: templates and ``LOGIN_REDIRECT_URL`` name these pages ``home``,
# ``help_levels`` and ``set_language``.
urlpatterns = [
    path("", views.home, name="home"),
    path("help/levels/", views.help_levels, name="help_levels"),
    path("i18n/setlang/", views.switch_language, name="set_language"),
]
