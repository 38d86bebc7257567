"""/scim/v2/ as an identity provider uses it, and as an attacker would: tokens, filters,
writes by the HRIS import's rules, departures, and SCIM error bodies naming the attribute."""

from __future__ import annotations

import json

import pytest
from auditlog.models import LogEntry
from django.test import Client

from rementor.api.models import ApiToken
from rementor.audit.events import Event
from rementor.people.models import Department, Person
from rementor.privacy.erasure import anonymise_person
from rementor.provisioning import tokens
from rementor.provisioning.documents import ENTERPRISE, ERROR, PATCH_OP, USER
from tests.factories import PersonFactory, UserFactory
from tests.rementor.people.factories import assert_locked_out, signed_in_mentor
from tests.rementor.provisioning.factories import scim_token

pytestmark = pytest.mark.django_db

SCIM = "application/scim+json"


@pytest.fixture
def scim():
    _token, secret = scim_token()
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def call(client, method, url, body=None, **extra):
    data = body if isinstance(body, str | bytes) else json.dumps(body) if body else None
    kwargs = {"data": data, "content_type": SCIM} if data is not None else {}
    return getattr(client, method)(url, **kwargs, **extra)


def new_user(**overrides) -> dict:
    user = {
        "schemas": [USER, ENTERPRISE],
        "userName": "E1001",
        "externalId": "entra-1001",
        "name": {"givenName": "Zoé", "familyName": "Lambert"},
        "emails": [{"value": "Zoe.Lambert@Example.org", "type": "work", "primary": True}],
        "title": "Analyste",
        "active": True,
        ENTERPRISE: {"department": "Finance"},
    }
    return {**user, **overrides}


def error_of(response, status: int, scim_type: str | None = None) -> str:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == SCIM
    body = response.json()
    assert body["schemas"] == [ERROR] and body["status"] == str(status)
    if scim_type:
        assert body["scimType"] == scim_type
    return body["detail"]


def patch(client, user_id, *operations):
    body = {"schemas": [PATCH_OP], "Operations": list(operations)}
    return call(client, "patch", f"/scim/v2/Users/{user_id}", body)


# --- tokens ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer rms_nope", "Basic dXNlcjpwYXNz", "Bearer rmt_an-api-token"],
)
def test_no_valid_token_gets_401_with_a_scim_body(header):
    client = Client(HTTP_AUTHORIZATION=header) if header else Client()
    response = client.get("/scim/v2/Users")
    error_of(response, 401)
    assert response["WWW-Authenticate"] == 'Bearer realm="scim"'


def test_revoked_token_is_refused_at_once(scim):
    token = tokens.ScimToken.objects.get()
    assert scim.get("/scim/v2/Users").status_code == 200
    tokens.revoke_token(token=token)
    error_of(scim.get("/scim/v2/Users"), 401)


def test_signed_in_manager_session_does_not_open_scim(manager):
    client = Client()
    client.force_login(manager)
    error_of(client.get("/scim/v2/Users"), 401)


def test_scim_token_opens_nothing_outside_scim(scim):
    assert scim.get("/api/v1/people/").status_code == 401
    assert scim.get("/people/").status_code == 302  # the sign-in page: not a session
    assert scim.get("/people/provisioning/").status_code == 302


def test_posts_need_no_csrf_token(scim):
    client = Client(
        enforce_csrf_checks=True, HTTP_AUTHORIZATION=scim.defaults["HTTP_AUTHORIZATION"]
    )
    assert call(client, "post", "/scim/v2/Users", new_user()).status_code == 201


def test_refused_tokens_are_rate_limited_per_address(settings):
    settings.RM_SCIM_THROTTLE_RATES = {"anon": "3/minute", "token": None}
    client = Client(HTTP_AUTHORIZATION="Bearer rms_guess")
    statuses = [client.get("/scim/v2/Users").status_code for _ in range(5)]
    assert statuses == [401, 401, 401, 429, 429]


def test_requests_are_rate_limited_per_token(scim, settings):
    settings.RM_SCIM_THROTTLE_RATES = {"anon": None, "token": "2/minute"}
    statuses = [scim.get("/scim/v2/Users").status_code for _ in range(3)]
    assert statuses[-1] == 429
    error_of(scim.get("/scim/v2/Users"), 429)


# --- discovery ------------------------------------------------------------------------------


def test_service_provider_config_declares_what_is_offered(scim):
    config = scim.get("/scim/v2/ServiceProviderConfig").json()
    assert config["patch"]["supported"] is True
    assert config["filter"]["supported"] is True
    for feature in ("bulk", "sort", "etag", "changePassword"):
        assert config[feature]["supported"] is False


def test_schemas_list_the_user_attributes_kept(scim):
    listed = scim.get("/scim/v2/Schemas").json()["Resources"]
    user = next(s for s in listed if s["id"] == USER)
    assert {a["name"] for a in user["attributes"]} == {
        "userName",
        "name",
        "displayName",
        "title",
        "emails",
        "active",
    }
    assert scim.get(f"/scim/v2/Schemas/{ENTERPRISE}").status_code == 200
    assert scim.get("/scim/v2/ResourceTypes/User").json()["endpoint"] == "/Users"


def test_unknown_address_is_a_scim_404(scim):
    error_of(scim.get("/scim/v2/Groups"), 404)
    error_of(scim.post("/scim/v2/ServiceProviderConfig"), 405)


# --- create, read, filter --------------------------------------------------------------------


def test_create_keeps_what_the_import_keeps(scim):
    response = call(scim, "post", "/scim/v2/Users", new_user(phoneNumbers=[{"value": "+33 1"}]))
    assert response.status_code == 201
    user = response.json()
    assert response["Location"] == user["meta"]["location"]
    person = Person.objects.get(employee_id="E1001")
    assert (person.first_name, person.last_name, person.job_title) == ("Zoé", "Lambert", "Analyste")
    assert person.email == "zoe.lambert@example.org"
    assert person.department == Department.objects.get(name="Finance")
    assert user["externalId"] == "entra-1001" and "phoneNumbers" not in user
    entry = LogEntry.objects.get(additional_data__event=Event.SCIM_WRITE)
    assert entry.additional_data["operation"] == "create"
    assert entry.object_pk == str(person.pk)


def test_create_matches_an_existing_department_whatever_its_case(scim):
    finance = Department.objects.create(name="Finance")
    call(scim, "post", "/scim/v2/Users", new_user(**{ENTERPRISE: {"department": "FINANCE"}}))
    assert Person.objects.get(employee_id="E1001").department == finance
    assert Department.objects.filter(name__iexact="finance").count() == 1


def test_filter_finds_an_imported_person_by_user_name_and_external_id(scim):
    imported = PersonFactory(employee_id="000123")
    PersonFactory()
    found = scim.get("/scim/v2/Users", {"filter": 'userName eq "000123"'}).json()
    assert found["totalResults"] == 1 and found["Resources"][0]["id"] == str(imported.pk)
    call(scim, "post", "/scim/v2/Users", new_user())
    by_external = scim.get("/scim/v2/Users", {"filter": 'externalId eq "entra-1001"'}).json()
    assert [u["userName"] for u in by_external["Resources"]] == ["E1001"]


@pytest.mark.parametrize(
    "expression",
    [
        'userName eq "x" or userName pr',
        'userName eq "x") or (1 eq 1',
        "userName eq x",
        'password eq "secret"',
        'emails.value co "@"',
        'userName sw ""',
        'userName eq "x"; DROP TABLE people_person; --',
        'userName eq "' + "x" * 2000 + '"',
    ],
)
def test_filters_beyond_one_equality_are_refused(scim, expression):
    PersonFactory()
    detail = error_of(scim.get("/scim/v2/Users", {"filter": expression}), 400, "invalidFilter")
    assert "filter" in detail


def test_filter_value_with_quotes_matches_literally(scim):
    PersonFactory(employee_id='A"B')
    PersonFactory()
    found = scim.get("/scim/v2/Users", {"filter": r'userName eq "A\"B"'}).json()
    assert found["totalResults"] == 1
    nothing = scim.get("/scim/v2/Users", {"filter": 'userName eq "%"'}).json()
    assert nothing["totalResults"] == 0


def test_list_is_paged(scim):
    PersonFactory.create_batch(3)
    page = scim.get("/scim/v2/Users", {"startIndex": 2, "count": 1}).json()
    assert (page["totalResults"], page["itemsPerPage"], page["startIndex"]) == (3, 1, 2)
    error_of(scim.get("/scim/v2/Users", {"count": "many"}), 400, "invalidValue")


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "attribute", "scim_type"),
    [
        ({"userName": ""}, "userName", "invalidValue"),
        ({"name": {"givenName": "Zoé"}}, "name.familyName", "invalidValue"),
        ({"name": {"givenName": "ZoÃ©", "familyName": "L"}}, "name.givenName", "invalidValue"),
        ({"emails": [{"value": "not-an-address"}]}, "emails.value", "invalidValue"),
        ({"title": "x" * 201}, "title", "invalidValue"),
        ({"active": "perhaps"}, "active", "invalidValue"),
        ({"birthDate": "1970-01-01"}, "birthDate", "invalidSyntax"),
        ({"urn:example:hr:2.0:User": {"salary": 1}}, "urn:example:hr:2.0:User", "invalidSyntax"),
        ({ENTERPRISE: {"manager": {"value": "999999"}}}, "manager.value", "invalidValue"),
    ],
)
def test_bad_input_is_refused_naming_the_attribute(scim, overrides, attribute, scim_type):
    detail = error_of(call(scim, "post", "/scim/v2/Users", new_user(**overrides)), 400, scim_type)
    assert attribute in detail
    assert not Person.objects.exists()


def test_an_employee_id_already_taken_is_a_conflict(scim):
    PersonFactory(employee_id="E1001")
    detail = error_of(call(scim, "post", "/scim/v2/Users", new_user()), 409, "uniqueness")
    assert "userName" in detail


def test_an_address_of_someone_else_is_a_conflict(scim):
    PersonFactory(email="zoe.lambert@example.org")
    detail = error_of(call(scim, "post", "/scim/v2/Users", new_user()), 409, "uniqueness")
    assert "emails" in detail


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", b"\xff\xfe"])
def test_malformed_bodies_are_refused(scim, body):
    error_of(call(scim, "post", "/scim/v2/Users", body), 400, "invalidSyntax")


def test_huge_payload_is_refused_before_it_is_read(scim):
    huge = new_user(title="x" * 200, nickName="n" * 100_000)
    error_of(call(scim, "post", "/scim/v2/Users", huge), 413)
    assert not Person.objects.exists()


def test_too_many_patch_operations_are_refused(scim):
    person = PersonFactory()
    op = {"op": "replace", "path": "title", "value": "x"}
    error_of(patch(scim, person.pk, *[op] * 101), 400, "tooMany")


# --- updates, managers -----------------------------------------------------------------------


def test_patch_replaces_and_removes_attributes(scim):
    person = PersonFactory(job_title="Old")
    response = patch(
        scim,
        person.pk,
        {"op": "replace", "path": "title", "value": "New"},
        {"op": "replace", "path": 'emails[type eq "work"].value', "value": "new@example.org"},
        {"op": "remove", "path": f"{ENTERPRISE}:department"},
    )
    assert response.status_code == 200, response.content
    person.refresh_from_db()
    assert (person.job_title, person.email, person.department) == ("New", "new@example.org", None)


def test_patch_that_would_make_a_manager_cycle_is_refused(scim):
    top = PersonFactory(first_name="Alice", last_name="Haut")
    middle = PersonFactory(manager=top)
    bottom = PersonFactory(manager=middle)
    response = patch(
        scim,
        top.pk,
        {"op": "replace", "path": f"{ENTERPRISE}:manager", "value": {"value": str(bottom.pk)}},
    )
    detail = error_of(response, 400, "invalidValue")
    assert "manager" in detail and "cycle" in detail and "Alice Haut" in detail
    top.refresh_from_db()
    assert top.manager is None


def test_nobody_manages_themselves(scim):
    person = PersonFactory()
    response = patch(
        scim,
        person.pk,
        {"op": "add", "path": f"{ENTERPRISE}:manager.value", "value": str(person.pk)},
    )
    assert "own manager" in error_of(response, 400, "invalidValue")


def test_user_name_is_set_once(scim):
    person = PersonFactory(employee_id="E1")
    response = call(scim, "put", f"/scim/v2/Users/{person.pk}", new_user(userName="E2"))
    error_of(response, 400, "mutability")
    assert Person.objects.get(pk=person.pk).employee_id == "E1"


def test_a_failed_operation_writes_none_of_the_others(scim):
    person = PersonFactory(job_title="Kept")
    response = patch(
        scim,
        person.pk,
        {"op": "replace", "path": "title", "value": "Lost"},
        {"op": "replace", "path": "favouriteColour", "value": "blue"},
    )
    assert "favouriteColour" in error_of(response, 400, "invalidPath")
    assert Person.objects.get(pk=person.pk).job_title == "Kept"


# --- leaving and coming back -----------------------------------------------------------------


def test_active_false_is_a_departure_with_the_imports_effects(scim):
    leaver = signed_in_mentor()
    person = leaver.user.person
    response = patch(scim, person.pk, {"op": "replace", "path": "active", "value": False})
    assert response.status_code == 200 and response.json()["active"] is False
    leaver.user.refresh_from_db()
    assert not leaver.user.is_active and not Person.objects.get(pk=person.pk).is_active
    assert not ApiToken.objects.filter(user=leaver.user, revoked_at__isnull=True).exists()
    assert_locked_out(leaver)
    entry = LogEntry.objects.get(additional_data__event=Event.PERSON_DEACTIVATED)
    assert entry.additional_data["reason"] == "scim"


def test_entra_style_active_false_without_path_and_as_a_string(scim):
    person = PersonFactory()
    response = patch(scim, person.pk, {"op": "Replace", "value": {"active": "False"}})
    assert response.status_code == 200
    assert not Person.objects.get(pk=person.pk).is_active


def test_a_deactivated_user_stays_deactivated_through_other_updates(scim):
    user = UserFactory()
    person = user.person
    patch(scim, person.pk, {"op": "replace", "path": "active", "value": False})
    patch(scim, person.pk, {"op": "replace", "path": "title", "value": "Consultant"})
    body = new_user(userName=person.employee_id)
    del body["active"]
    del body["emails"]
    assert call(scim, "put", f"/scim/v2/Users/{person.pk}", body).status_code == 200
    person.refresh_from_db()
    user.refresh_from_db()
    assert not person.is_active and not user.is_active


def test_active_true_brings_the_person_back_without_their_tokens(scim):
    leaver = signed_in_mentor()
    person = leaver.user.person
    patch(scim, person.pk, {"op": "replace", "path": "active", "value": False})
    patch(scim, person.pk, {"op": "replace", "path": "active", "value": True})
    leaver.user.refresh_from_db()
    assert leaver.user.is_active and Person.objects.get(pk=person.pk).is_active
    assert not ApiToken.objects.filter(user=leaver.user, revoked_at__isnull=True).exists()


def test_delete_deactivates_then_answers_404(scim):
    user = UserFactory()
    assert scim.delete(f"/scim/v2/Users/{user.person.pk}").status_code == 204
    user.refresh_from_db()
    assert not user.is_active and not user.person.is_active
    error_of(scim.get(f"/scim/v2/Users/{user.person.pk}"), 404)
    assert scim.get("/scim/v2/Users").json()["totalResults"] == 0
    assert Person.objects.filter(pk=user.person.pk).exists()  # the HRIS record stays


def test_every_write_is_audited_with_the_token(scim):
    person = PersonFactory()
    patch(scim, person.pk, {"op": "replace", "path": "title", "value": "New"})
    entry = LogEntry.objects.get(additional_data__event=Event.SCIM_WRITE)
    token = tokens.ScimToken.objects.get()
    assert entry.additional_data["token_id"] == token.pk
    assert entry.additional_data["fields"] == ["title"]
    assert "New" not in json.dumps(entry.additional_data)


def test_an_erased_person_is_invisible_and_untouchable(scim):
    erased, kept = PersonFactory(), PersonFactory()
    anonymise_person(person=erased, by=None)
    listed = scim.get("/scim/v2/Users").json()["Resources"]
    assert [u["id"] for u in listed] == [str(kept.pk)]
    error_of(scim.get(f"/scim/v2/Users/{erased.pk}"), 404)
    response = patch(scim, erased.pk, {"op": "replace", "path": "active", "value": True})
    error_of(response, 404)
    assert not Person.objects.get(pk=erased.pk).is_active


@pytest.mark.parametrize("people", [1, 3])
def test_listing_reads_a_fixed_number_of_queries(scim, people, django_assert_num_queries):
    boss = PersonFactory()
    PersonFactory.create_batch(people, manager=boss)
    scim.get("/scim/v2/Users")  # the token's "last used" is written once a minute at most
    with django_assert_num_queries(3):  # the token, the count, the page
        assert scim.get("/scim/v2/Users").json()["totalResults"] == people + 1


def test_entra_default_mapping_patch_is_accepted(scim):
    person = PersonFactory()
    manager = PersonFactory()
    response = patch(
        scim,
        person.pk,
        {"op": "Add", "path": 'addresses[type eq "work"].locality', "value": "Lyon"},
        {"op": "Add", "path": 'phoneNumbers[type eq "mobile"].value', "value": "+33 6"},
        {"op": "Add", "path": f"{ENTERPRISE}:employeeNumber", "value": "123"},
        {"op": "Replace", "path": f"{ENTERPRISE}:manager", "value": str(manager.pk)},
        {"op": "Replace", "path": "name.givenName", "value": "Zoé"},
    )
    assert response.status_code == 200, response.content
    person.refresh_from_db()
    assert (person.manager, person.first_name, person.site) == (manager, "Zoé", "Paris")


def test_deeply_nested_json_is_refused(scim):
    body = "[" * 30_000 + "]" * 30_000
    error_of(call(scim, "post", "/scim/v2/Users", body), 400, "invalidSyntax")


def test_an_id_stripped_of_its_zeros_is_refused_as_the_import_does(scim):
    PersonFactory(employee_id="000123")
    detail = error_of(call(scim, "post", "/scim/v2/Users", new_user(userName="123")), 400)
    assert "000123" in detail and "userName" in detail
    assert Person.objects.count() == 1
