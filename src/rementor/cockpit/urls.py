from django.urls import path

from rementor.cockpit.views import attention

app_name = "cockpit"

# Pages under /programmes/<slug>/... that steer a programme through its life cycle.
urlpatterns: list = [
    path("<slug:slug>/latecomers/", attention.latecomers_page, name="latecomers"),
]
