"""URL patterns of the mentoring app, by topic (training has its own app and URLs)."""

from django.urls import path

from rementor.mentoring.views import (
    booking,
    charter,
    concerns,
    feedback,
    groups,
    ideas,
    lifecycle,
    messages,
    objectives,
    pairs,
    plan,
    progress,
    reciprocal,
    reminders,
    session_list,
    sessions,
)

app_name = "mentoring"
urlpatterns = [
    # Pairs
    path("pairs/<int:pk>/", pairs.pair_page, name="pair"),
    path("programmes/<slug:slug>/pairs/", pairs.pairs_overview, name="pairs"),
    path("pairs/<int:pk>/status/", lifecycle.pair_status, name="pair_status"),
    # The role swap: the junior starts the reciprocal phase with the topic they choose
    path("pairs/<int:pk>/reciprocal/", reciprocal.start_reciprocal, name="start_reciprocal"),
    # The pair charter
    path("pairs/<int:pk>/charter/", charter.charter_page, name="charter"),
    path("pairs/<int:pk>/charter/edit/", charter.charter_edit, name="charter_edit"),
    path("pairs/<int:pk>/charter/accept/", charter.charter_accept, name="charter_accept"),
    # Sessions and private notes
    path("pairs/<int:pk>/sessions/new/", sessions.plan_session, name="plan_session"),
    path("pairs/<int:pk>/sessions/book/", booking.book_session, name="book_session"),
    path("pairs/<int:pk>/sessions/record/", sessions.record_session, name="record_session"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session"),
    path("sessions/<int:pk>/change/", sessions.reschedule_session, name="reschedule_session"),
    path("sessions/<int:pk>/cancel/", sessions.cancel_session, name="cancel_session"),
    path("sessions/<int:pk>/session.ics", sessions.session_calendar, name="session_ics"),
    path("sessions/<int:pk>/log/", sessions.log_session, name="log_session"),
    path("private-notes/<int:pk>/", sessions.private_note, name="private_note"),
    path(
        "programmes/<slug:slug>/sessions/",
        session_list.programme_sessions,
        name="programme_sessions",
    ),
    # The session plan: the programme's (managers) and a pair's own (its members)
    path("programmes/<slug:slug>/plan/", plan.programme_plan, name="plan"),
    path("programmes/<slug:slug>/agenda-library/", plan.agenda_library, name="agenda_library"),
    path("pairs/<int:pk>/plan/", plan.pair_plan, name="pair_plan"),
    # Feedback
    path("sessions/<int:pk>/pulse/", feedback.pulse, name="pulse"),
    path("pairs/<int:pk>/check-ins/<str:kind>/", feedback.check_in, name="check_in"),
    # Objectives and practice tasks
    path("pairs/<int:pk>/objectives/new/", objectives.objective_create, name="objective_create"),
    path("objectives/<int:pk>/", objectives.objective_detail, name="objective_detail"),
    path("objectives/<int:pk>/adjust/", objectives.objective_adjust, name="objective_adjust"),
    path("pairs/<int:pk>/tasks/new/", objectives.task_create, name="task_create"),
    path("tasks/<int:pk>/evidence/", objectives.task_evidence, name="task_evidence"),
    path("tasks/<int:pk>/done/", objectives.task_done, name="task_done"),
    # Confidential concerns
    path("pairs/<int:pk>/concerns/new/", concerns.concern_create, name="concern_create"),
    path("concerns/<int:pk>/", concerns.concern_detail, name="concern_detail"),
    path("concerns/<int:pk>/resolve/", concerns.concern_resolve, name="concern_resolve"),
    path("programmes/<slug:slug>/concerns/", concerns.concern_list, name="concern_list"),
    # Messages within the pair (its members only)
    path("pairs/<int:pk>/messages/", messages.pair_messages, name="messages"),
    path("message-emails/", messages.message_emails, name="message_emails"),
    # Ideas
    path("pairs/<int:pk>/ideas/new/", ideas.idea_create, name="idea_create"),
    path("programmes/<slug:slug>/ideas/", ideas.idea_list, name="idea_list"),
    path("ideas/<int:pk>/adopt/", ideas.idea_adopt, name="idea_adopt"),
    path("ideas/<int:pk>/undo-adoption/", ideas.idea_unadopt, name="idea_unadopt"),
    # A participant's own progress in a programme
    path("programmes/<slug:slug>/my-progress/", progress.my_progress, name="my_progress"),
    # Mentoring groups: one mentor with several mentees meeting together
    path("programmes/<slug:slug>/groups/", groups.group_list, name="group_list"),
    path("groups/<int:pk>/", groups.group_page, name="group"),
    path("groups/<int:pk>/note/", groups.group_note, name="group_note"),
    path("groups/<int:pk>/pairs/", groups.group_add_pair, name="group_add_pair"),
    path(
        "groups/<int:pk>/pairs/<int:pair_pk>/remove/",
        groups.group_remove_pair,
        name="group_remove_pair",
    ),
    path("groups/<int:pk>/dissolve/", groups.group_dissolve, name="group_dissolve"),
    path("groups/<int:pk>/objectives/", groups.group_objective_add, name="group_objective_add"),
    path(
        "groups/<int:pk>/objectives/<int:objective_pk>/",
        groups.group_objective_mark,
        name="group_objective_mark",
    ),
    path("groups/<int:pk>/sessions/new/", groups.group_session_new, name="group_session_new"),
    path(
        "groups/<int:pk>/sessions/<str:key>/cancel/",
        groups.group_session_cancel,
        name="group_session_cancel",
    ),
    path(
        "groups/<int:pk>/sessions/<str:key>/held/",
        groups.group_session_held,
        name="group_session_held",
    ),
    # Reminder e-mails
    path("reminders/stop/<str:token>/", reminders.unsubscribe, name="unsubscribe"),
]
