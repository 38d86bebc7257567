from django.urls import path  # noqa: F401

app_name = "cockpit"

# Pages under /programmes/<slug>/... that steer a programme through its life cycle.
urlpatterns: list = []
