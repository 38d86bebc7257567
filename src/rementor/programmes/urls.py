from django.urls import path

from rementor.programmes import invitation_views, views
from rementor.skills import assessment_views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_create, name="create"),
    path("<slug:slug>/", views.programme_detail, name="detail"),
    path("<slug:slug>/edit/", views.programme_edit, name="edit"),
    path("<slug:slug>/invite/", invitation_views.invite, name="invite"),
    path("<slug:slug>/my-needs/", assessment_views.my_needs, name="my_needs"),
]
