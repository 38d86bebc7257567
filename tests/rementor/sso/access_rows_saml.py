from django.urls import reverse

from tests.rementor.access import Row, every

# The SAML addresses are called by the identity provider (ACS, logout service) or read by its
# administrators (metadata), from browsers without a Rementor session: login_not_required.
# While SAML is not configured (as in the access matrix) the sign-in and the ACS answer the
# refusal page (403) to everyone, the others 404; once configured, test_saml.py.
ROWS = {
    name: [Row(method, lambda o, name=name: reverse(name), every(status))]
    for name, method, status in (
        ("sso:saml_login", "get", 403),
        ("sso:saml_acs", "post", 403),
        ("sso:saml_metadata", "get", 404),
        ("sso:saml_logout", "post", 404),
        ("sso:saml_logout_service", "get", 404),
    )
}
