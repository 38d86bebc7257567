from django.urls import path

from rementor.cockpit.views import transitions

app_name = "cockpit"

# Pages under /programmes/<slug>/... that steer a programme through its life cycle.
urlpatterns: list = [
    # The life cycle: each move explained and confirmed.
    path("<slug:slug>/move/<str:to>/", transitions.transition, name="transition"),
]
