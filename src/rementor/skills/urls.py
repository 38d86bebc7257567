from django.urls import path

from rementor.skills import views

app_name = "skills"
urlpatterns = [
    path("", views.taxonomy, name="taxonomy"),
    path("categories/new/", views.category_create, name="category_create"),
    path("categories/<int:pk>/edit/", views.category_edit, name="category_edit"),
    path("new/", views.skill_create, name="skill_create"),
    path("<int:pk>/edit/", views.skill_edit, name="skill_edit"),
]
