from django.urls import path

from rementor.selection import views

app_name = "selection"
urlpatterns = [
    path("<slug:slug>/apply/", views.apply, name="apply"),
    path("<slug:slug>/withdraw/", views.withdraw, name="withdraw"),
    path("<slug:slug>/candidates/", views.candidates, name="candidates"),
    path("<slug:slug>/weights/", views.weights, name="weights"),
    path("<slug:slug>/candidates/decide/", views.decide_many, name="decide_many"),
    path("<slug:slug>/candidates/<int:pk>/", views.candidate_detail, name="candidate"),
    path("<slug:slug>/candidates/<int:pk>/review/", views.review, name="review"),
    path("<slug:slug>/candidates/<int:pk>/decide/", views.decide, name="decide"),
]
