from django.urls import path, re_path

from rementor.provisioning.views import scim

app_name = "scim"
urlpatterns = [
    path("", scim.unknown, name="root"),
    path("ServiceProviderConfig", scim.service_provider_config, name="config"),
    path("ResourceTypes", scim.resource_types, name="resource_types"),
    path("ResourceTypes/<str:name>", scim.resource_types, name="resource_type"),
    path("Schemas", scim.schemas, name="schemas"),
    path("Schemas/<str:schema_id>", scim.schemas, name="schema"),
    path("Users", scim.users_collection, name="users"),
    path("Users/.search", scim.users_search, name="users_search"),
    path("Users/<str:user_id>", scim.user_detail, name="user"),
    path(".search", scim.search_everything, name="search"),
    re_path(r"^(?P<rest>.+)$", scim.unknown, name="unknown"),
]
