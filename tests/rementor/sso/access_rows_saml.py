from django.urls import reverse

from tests.rementor.access import Row, every

# The SAML addresses are called by the identity provider (ACS, logout service) or read by its
# administrators (metadata), from browsers without a Rementor session: login_not_required.
# They answer 404 to everyone while SAML is not configured, as in the access matrix; signed
# in or not, what they do once configured is tested in test_saml.py.
ROWS = {
    name: [Row(method, lambda o, name=name: reverse(name), every(404))]
    for name, method in (
        ("sso:saml_login", "get"),
        ("sso:saml_acs", "post"),
        ("sso:saml_metadata", "get"),
        ("sso:saml_logout", "post"),
        ("sso:saml_logout_service", "get"),
    )
}
