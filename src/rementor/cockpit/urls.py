from django.urls import path

from rementor.cockpit.views import attention, proposals, responses, transitions

app_name = "cockpit"

# Pages under /programmes/<slug>/... that steer a programme through its life cycle.
urlpatterns: list = [
    # Who has answered (needs, applications, training) and the reminders.
    path("<slug:slug>/responses/", responses.responses_page, name="responses"),
    path("<slug:slug>/responses/remind/", responses.remind, name="responses_remind"),
    # Who has accepted their proposed pair (consent to the pair), reminders and decisions.
    path("<slug:slug>/proposals/", proposals.proposals_page, name="proposals"),
    path("<slug:slug>/proposals/remind/", proposals.proposals_remind, name="proposals_remind"),
    path(
        "<slug:slug>/proposals/<int:pk>/decide/", proposals.proposal_decide, name="proposal_decide"
    ),
    # The life cycle: each move explained and confirmed.
    path("<slug:slug>/move/<str:to>/", transitions.transition, name="transition"),
    # Who is waiting for the next matching run.
    path("<slug:slug>/latecomers/", attention.latecomers_page, name="latecomers"),
]
